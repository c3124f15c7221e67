"""This or that / would you rather: two big choices, the room's split live on the screen, then who chose what —
names only when the facilitator allows it."""
from marshmallow import ValidationError, fields, validate, validates_schema

from ..text import CleanString
from .base import ActivityKind, load_with
from .choices import ChoiceAnswerSchema, require_choice_in
from .poll import choice_counts
from .prompted import PromptedSettingsSchema, from_pack

CHOICE_MAX = 60
DEFAULT_QUESTION = {"en": "This or that?", "es": "¿Esto o aquello?"}


class ThisOrThatSettingsSchema(PromptedSettingsSchema):
    question = CleanString(load_default=None, allow_none=True, validate=validate.Length(min=1, max=120))
    a = CleanString(required=True, validate=validate.Length(min=1, max=CHOICE_MAX))
    b = CleanString(required=True, validate=validate.Length(min=1, max=CHOICE_MAX))
    show_names = fields.Boolean(load_default=False)

    @validates_schema
    def choices_differ(self, data, **kwargs):
        if data.get("a") and data.get("b") and data["a"].casefold() == data["b"].casefold():
            raise ValidationError("The two choices must differ.", "b")


class ThisOrThat(ActivityKind):
    name = "this_or_that"
    settings_schema = ThisOrThatSettingsSchema
    answer_schema = ChoiceAnswerSchema

    def load_settings(self, raw, history=()):
        settings = load_with(self.settings_schema, from_pack(self.name, raw, history))
        settings["question"] = settings["question"] or DEFAULT_QUESTION[settings["lang"]]
        return settings

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        require_choice_in(answer["choice"], (settings["a"], settings["b"]))
        return answer

    def public_view(self, settings, stage):
        return {"prompt": settings["question"], "options": [settings["a"], settings["b"]],
                "show_names": settings["show_names"]}

    def tally(self, round_):
        results = choice_counts(round_.entries, 2, len(round_.members))
        if round_.settings["show_names"]:
            sides = [[], []]
            for entry in round_.entries:
                if not entry.passed:
                    sides[entry.answer["choice"]].append(round_.names.get(entry.player_id))
            results["names"] = [sorted(filter(None, side), key=str.casefold) for side in sides]
        return results

    def results_for(self, role, round_, full):
        # Who chose what shows only once revealed (and only if allowed); until then the split is enough.
        if round_.status != "revealed":
            full = {key: value for key, value in full.items() if key != "names"}
            return full if role in {"host", "screen"} else None
        return full
