"""Built-in event templates: one JSON file per template in content/templates/, its name, description and presenter
notes in English and Spanish, each activity with its settings and minutes; validated when loaded, down to every
activity's settings passing its kind's own check in both languages."""
import copy
from functools import cache

from marshmallow import ValidationError, fields, validate, validates_schema

from ..game.activities import KINDS
from ..game.errors import GameError
from . import HERE, LANGUAGES, ContentError, StrictSchema, by_language, load_pack_file

BUILT_IN_IDS = ("shift_huddle", "new_hire_welcome", "monthly_appreciation", "remote_social", "service_skills")
DIRECTORY = HERE / "templates"
NAME_MAX = 80
DESCRIPTION_MAX = 200
NOTES_MAX = 200
ITEM_MINUTES_MAX = 120
# The settings that start a timer: the first stage's, and a scenario's vote.
TIMER_KEYS = ("duration_s", "vote_duration_s")


def with_language(settings, lang):
    """Settings with their content language set to `lang`, for a kind whose settings name one; others unchanged."""
    return {**settings, "lang": lang} if lang and "lang" in settings else dict(settings)


def timer_s(settings):
    """How long an activity's timers run, in seconds, by its settings as its kind loaded them."""
    return sum(settings.get(key) or 0 for key in TIMER_KEYS)


def settings_problems(kind, settings):
    """What is wrong with `settings` for `kind`, as readable lines ('options: Length must be …'); [] when nothing."""
    try:
        KINDS[kind].load_settings(settings, ())
    except GameError as err:
        if not err.fields:
            return [err.message]
        return [f"{field}: {' '.join(texts)}" if field else " ".join(texts)
                for field, texts in by_field(err.fields).items()]
    return []


def by_field(messages, where=""):
    """marshmallow's nested messages keyed by dotted field: {'items.3.notes': ['Longer than maximum length 200.']}
    ('' for messages about the whole)."""
    if not isinstance(messages, dict):
        return {where: [str(text) for text in (messages if isinstance(messages, list) else [messages])]}
    flat = {}
    for key, inner in messages.items():
        inside = where if key == "_schema" else f"{where}.{key}" if where else str(key)
        for field, texts in by_field(inner, inside).items():
            flat.setdefault(field, []).extend(texts)
    return flat


class BuiltInItemSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf(sorted(KINDS)))
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=ITEM_MINUTES_MAX))
    settings = fields.Dict(keys=fields.String(), required=True)
    notes = fields.Nested(by_language(NOTES_MAX, "TemplateNotes"), required=True)

    @validates_schema
    def settings_suit_the_kind(self, data, **kwargs):
        for lang in LANGUAGES:
            problems = settings_problems(data["kind"], with_language(data["settings"], lang))
            if problems:
                raise ValidationError(f"({lang}) " + "; ".join(problems), "settings")
        timers = timer_s(KINDS[data["kind"]].load_settings(data["settings"], ()))
        if timers > data["minutes"] * 60:
            raise ValidationError(f"Its timers run {timers} s: more than its {data['minutes']} minutes.", "minutes")


class BuiltInTemplateSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z_]{2,39}\Z"))
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=5, max=240))
    name = fields.Nested(by_language(NAME_MAX, "TemplateName"), required=True)
    description = fields.Nested(by_language(DESCRIPTION_MAX, "TemplateDescription"), required=True)
    items = fields.List(fields.Nested(BuiltInItemSchema), required=True, validate=validate.Length(min=1, max=30))

    @validates_schema
    def minutes_add_up(self, data, **kwargs):
        planned = sum(item["minutes"] for item in data["items"])
        if planned != data["minutes"]:
            raise ValidationError(f"The activities take {planned} minutes, not the advertised {data['minutes']}.",
                                  "items")


def load_template(path):
    """One built-in template file, validated; ContentError naming the file, the activity and the field if not."""
    template = load_pack_file(path, BuiltInTemplateSchema)
    if template["id"] != path.stem:
        raise ContentError(f"{path.name}: id: must be {path.stem!r}, the file's name.")
    return template


@cache
def _built_ins():
    return {template_id: load_template(DIRECTORY / f"{template_id}.json") for template_id in BUILT_IN_IDS}


def built_in_templates():
    """Every built-in template (a copy), in BUILT_IN_IDS order."""
    return copy.deepcopy(list(_built_ins().values()))


def built_in(template_id):
    """The built-in template with this id (a copy), or None."""
    return copy.deepcopy(_built_ins().get(template_id)) if isinstance(template_id, str) else None


def in_language(template, lang):
    """A built-in template as one language reads it: its texts in `lang`, and its activities' content too."""
    lang = lang if lang in LANGUAGES else "en"
    return {
        "id": template["id"], "minutes": template["minutes"], "name": template["name"][lang],
        "description": template["description"][lang],
        "items": [{"kind": item["kind"], "settings": with_language(item["settings"], lang),
                   "notes": item["notes"][lang], "minutes": item["minutes"]} for item in template["items"]],
    }
