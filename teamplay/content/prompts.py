"""Built-in icebreaker prompts: one JSON file per activity kind in content/prompts/, every prompt in English and
Spanish, tagged with a depth (light, medium, deeper) and a category. Validated and cached like the trivia packs."""
import copy
from collections import Counter
from functools import cache

from marshmallow import ValidationError, fields, validate, validates_schema

from . import HERE, LANGUAGES, ContentError, StrictSchema, load_pack_file, text

KINDS = ("this_or_that", "word_cloud", "open_question", "two_truths", "who_said_it", "hot_seat")
PREFIXES = {"this_or_that": "tt", "word_cloud": "wc", "open_question": "oq", "two_truths": "tl", "who_said_it": "ws",
            "hot_seat": "hs"}
DEPTHS = ("light", "medium", "deeper")
CATEGORIES = ("work_life", "customers", "learning", "fun", "values")
DIRECTORY = HERE / "prompts"


class ChoicePairText(StrictSchema):
    question = fields.String(required=True, validate=text(1, 120))
    a = fields.String(required=True, validate=text(1, 60))
    b = fields.String(required=True, validate=text(1, 60))

    @validates_schema
    def sides_differ(self, data, **kwargs):
        if data["a"].casefold() == data["b"].casefold():
            raise ValidationError("The two choices must differ.", "b")


class PromptText(StrictSchema):
    prompt = fields.String(required=True, validate=text(1, 160))


TEXT_SCHEMAS = {kind: ChoicePairText if kind == "this_or_that" else PromptText for kind in KINDS}


def _prompt_schema(kind):
    prefix = PREFIXES[kind]
    return StrictSchema.from_dict({
        "id": fields.String(required=True, validate=validate.Regexp(
            rf"^{prefix}-[0-9]{{2,3}}\Z", error=f"Must look like '{prefix}-01'.")),
        "depth": fields.String(required=True, validate=validate.OneOf(DEPTHS)),
        "category": fields.String(required=True, validate=validate.OneOf(CATEGORIES)),
        **{lang: fields.Nested(TEXT_SCHEMAS[kind], required=True) for lang in LANGUAGES},
    }, name=f"{kind}Prompt")


def _pack_schema(kind):
    class PackSchema(StrictSchema):
        kind_ = fields.String(required=True, data_key="kind", validate=validate.Equal(kind))
        prompts = fields.List(fields.Nested(_prompt_schema(kind)), required=True, validate=validate.Length(min=1))

        @validates_schema
        def ids_are_unique(self, data, **kw):
            repeated = sorted(pid for pid, n in Counter(p["id"] for p in data["prompts"]).items() if n > 1)
            if repeated:
                raise ValidationError(f"Prompt ids must be unique; repeated: {', '.join(repeated)}.", "prompts")

    return PackSchema


def load_pack(kind, directory=DIRECTORY):
    """The validated prompts of one kind's file; ContentError naming the file, the prompt and the field if not."""
    if kind not in KINDS:
        raise ContentError(f"There is no prompt pack for the kind {kind!r}.")
    return load_pack_file(directory / f"{kind}.json", _pack_schema(kind))["prompts"]


@cache
def _packs():
    return {kind: load_pack(kind) for kind in KINDS}


def prompt_pack(kind):
    """Every built-in prompt of `kind` (a copy), in file order."""
    return copy.deepcopy(_packs()[kind])


def prompts(kind, depth=None, category=None):
    """The prompts of `kind`, optionally only those of one depth and/or category."""
    return [p for p in prompt_pack(kind) if (depth is None or p["depth"] == depth)
            and (category is None or p["category"] == category)]


def prompt(kind, prompt_id):
    """One prompt by id, or None when the kind or the id is unknown."""
    if kind not in KINDS:
        return None
    return copy.deepcopy(next((p for p in _packs()[kind] if p["id"] == prompt_id), None))


def localised(item, lang):
    """A prompt's text in `lang` (English when the language is unknown), with its id, depth and category."""
    return {**item[lang if lang in LANGUAGES else "en"], "id": item["id"], "depth": item["depth"],
            "category": item["category"]}


def catalogue():
    """How many prompts each kind has, per depth and per category."""
    return {
        kind: {"total": len(pack), "depths": dict(Counter(p["depth"] for p in pack)),
               "categories": dict(Counter(p["category"] for p in pack))}
        for kind, pack in _packs().items()
    }
