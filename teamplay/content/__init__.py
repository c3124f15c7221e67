"""Built-in content packs: loads the trivia and scenario JSON files here, validates them and caches the result."""
import copy
import json
from collections import Counter
from functools import cache
from pathlib import Path

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

HERE = Path(__file__).parent
LANGUAGES = ("en", "es")
TRIVIA_PACK_IDS = ("customer_service", "contact_centre", "general_fun")  # the order packs are listed in
SCENARIO_PACK_ID = "customer_scenarios"
MAX_SHARE_PER_POSITION = 0.4  # no option position may be the right answer for more of a pack than this


class ContentError(ValueError):
    """A content file cannot be read or breaks a rule; the message names the file and the field."""


def text(min_len, max_len):
    """Validator: a string of min_len..max_len characters that is not blank and has no space at either end."""

    def check(value):
        if not min_len <= len(value) <= max_len:
            raise ValidationError(f"Must be {min_len}-{max_len} characters long, not {len(value)}.")
        if not value.strip() or value != value.strip():
            raise ValidationError("Must not be blank or start or end with white space.")

    return check


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


def by_language(max_len, name):
    """A schema for {"en": ..., "es": ...}: one short text per language, every language required."""
    return StrictSchema.from_dict({lang: fields.String(required=True, validate=text(1, max_len)) for lang in LANGUAGES}, name=name)


class QuestionTextSchema(StrictSchema):
    question = fields.String(required=True, validate=text(1, 200))
    options = fields.List(fields.String(validate=text(1, 60)), required=True, validate=validate.Length(min=3, max=4))

    @validates_schema
    def options_are_distinct(self, data, **kwargs):
        folded = [option.casefold() for option in data["options"]]
        if len(set(folded)) != len(folded):
            raise ValidationError("Options must all differ (ignoring case).", "options")


class QuestionSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z]{2}-[0-9]{2,3}\Z", error="Must look like 'cs-01'."))
    correct = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    en = fields.Nested(QuestionTextSchema, required=True)
    es = fields.Nested(QuestionTextSchema, required=True)

    @validates_schema
    def languages_agree(self, data, **kwargs):
        counts = {len(data[lang]["options"]) for lang in LANGUAGES}
        if len(counts) > 1:
            raise ValidationError("Every language must list the same options in the same order.", "es")
        if data["correct"] >= counts.pop():
            raise ValidationError("Must be the 0-based index of one of the options.", "correct")


class TriviaPackSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z_]{1,40}\Z"))
    title = fields.Nested(by_language(60, "PackTitle"), required=True)
    description = fields.Nested(by_language(160, "PackDescription"), required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def questions_fit_together(self, data, **kwargs):
        questions = data["questions"]
        ids = [question["id"] for question in questions]
        repeated = sorted(qid for qid, n in Counter(ids).items() if n > 1)
        if repeated:
            raise ValidationError(f"Question ids must be unique; repeated: {', '.join(repeated)}.", "questions")
        prefixes = sorted({qid.split("-")[0] for qid in ids})
        if len(prefixes) > 1:
            raise ValidationError(f"All question ids in a pack share one prefix; found {', '.join(prefixes)}.", "questions")
        position, times = Counter(question["correct"] for question in questions).most_common(1)[0]
        if times > MAX_SHARE_PER_POSITION * len(questions):
            raise ValidationError(
                f"Option {position} is the right answer {times} times out of {len(questions)}; "
                f"at most {MAX_SHARE_PER_POSITION:.0%} per position.",
                "questions",
            )


class ScenarioTextSchema(StrictSchema):
    title = fields.String(required=True, validate=text(1, 60))
    situation = fields.String(required=True, validate=text(40, 360))
    tip = fields.String(required=True, validate=text(1, 160))


class ScenarioSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^sc-[0-9]{2,3}\Z", error="Must look like 'sc-01'."))
    en = fields.Nested(ScenarioTextSchema, required=True)
    es = fields.Nested(ScenarioTextSchema, required=True)


class ScenarioPackSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z_]{1,40}\Z"))
    title = fields.Nested(by_language(60, "ScenarioPackTitle"), required=True)
    scenarios = fields.List(fields.Nested(ScenarioSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def ids_are_unique(self, data, **kwargs):
        repeated = sorted(sid for sid, n in Counter(s["id"] for s in data["scenarios"]).items() if n > 1)
        if repeated:
            raise ValidationError(f"Scenario ids must be unique; repeated: {', '.join(repeated)}.", "scenarios")


class KudosDefaultsSchema(StrictSchema):
    prompt = fields.Nested(by_language(160, "KudosPrompt"), required=True)
    categories = fields.List(fields.Nested(by_language(40, "KudosCategory")), required=True,
                             validate=validate.Length(min=1, max=8))


def _describe(messages, where=""):
    """marshmallow's nested error messages as lines like 'questions.3.es.options: Options must all differ'."""
    if isinstance(messages, dict):
        for key, inner in messages.items():
            inside = where if key == "_schema" else f"{where}.{key}" if where else str(key)
            yield from _describe(inner, inside)
    else:
        yield f"{where or '(top level)'}: {' '.join(map(str, messages if isinstance(messages, list) else [messages]))}"


def load_pack_file(path, schema):
    """The content of one JSON file, validated by `schema` (a schema class); ContentError naming the file and field if not."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ContentError(f"{path.name}: not readable as JSON: {err}") from err
    try:
        return schema().load(raw)
    except ValidationError as err:
        raise ContentError(f"{path.name}: " + "; ".join(_describe(err.messages))) from err


@cache
def _trivia():
    packs, prefix_owner = {}, {}
    for pack_id in TRIVIA_PACK_IDS:
        path = HERE / "trivia" / f"{pack_id}.json"
        pack = load_pack_file(path, TriviaPackSchema)
        if pack["id"] != pack_id:
            raise ContentError(f"{path.name}: id: must be {pack_id!r}, the file's name.")
        prefix = pack["questions"][0]["id"].split("-")[0]
        if prefix in prefix_owner:
            raise ContentError(f"{path.name}: questions: id prefix {prefix!r} is already used by the {prefix_owner[prefix]} pack.")
        prefix_owner[prefix] = pack_id
        packs[pack_id] = pack
    return packs


@cache
def _scenarios():
    path = HERE / "scenarios" / f"{SCENARIO_PACK_ID}.json"
    pack = load_pack_file(path, ScenarioPackSchema)
    if pack["id"] != SCENARIO_PACK_ID:
        raise ContentError(f"{path.name}: id: must be {SCENARIO_PACK_ID!r}, the file's name.")
    return pack


@cache
def _kudos_defaults():
    return load_pack_file(HERE / "kudos" / "defaults.json", KudosDefaultsSchema)


# The public functions hand out copies, so a caller changing what it got cannot change the cached content.


def trivia_packs():
    """Every trivia pack, in TRIVIA_PACK_IDS order."""
    return copy.deepcopy(list(_trivia().values()))


def trivia_pack(pack_id):
    """The trivia pack with this id, or None."""
    pack = _trivia().get(pack_id) if isinstance(pack_id, str) else None
    return copy.deepcopy(pack)


def trivia_question(pack_id, question_id):
    """One question of a trivia pack, or None if the pack or the question is unknown."""
    pack = _trivia().get(pack_id) if isinstance(pack_id, str) else None
    found = next((q for q in pack["questions"] if q["id"] == question_id), None) if pack else None
    return copy.deepcopy(found)


def scenario_pack():
    """The customer-scenario pack."""
    return copy.deepcopy(_scenarios())


def scenario(scenario_id):
    """One scenario of the pack, or None."""
    return copy.deepcopy(next((s for s in _scenarios()["scenarios"] if s["id"] == scenario_id), None))


def localised(item, lang):
    """item[lang] for a language-keyed object, falling back to its English."""
    return item[lang] if lang in LANGUAGES and lang in item else item["en"]


def kudos_defaults(lang):
    """A kudos round's built-in prompt and categories in `lang` (English for an unknown language)."""
    defaults = _kudos_defaults()
    return {"prompt": localised(defaults["prompt"], lang),
            "categories": [localised(category, lang) for category in defaults["categories"]]}
