"""Quick poll: a question with 2-6 options; the room's split appears live on the big screen."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..errors import GameError
from ..text import CleanString
from .base import ActivityKind, ActivitySettingsSchema

QUESTION_MAX = 200
OPTION_MAX = 80


class PollSettingsSchema(ActivitySettingsSchema):
    question = CleanString(required=True, validate=validate.Length(min=1, max=QUESTION_MAX))
    options = fields.List(
        CleanString(validate=validate.Length(min=1, max=OPTION_MAX)),
        required=True,
        validate=validate.Length(min=2, max=6),
    )

    @validates_schema
    def options_differ(self, data, **kwargs):
        options = data.get("options") or []
        if len({option.casefold() for option in options}) != len(options):
            raise ValidationError("Each option must be different.", "options")


class PollAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    choice = fields.Integer(required=True, strict=True)


class Poll(ActivityKind):
    name = "poll"
    settings_schema = PollSettingsSchema
    answer_schema = PollAnswerSchema

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        if not 0 <= answer["choice"] < len(settings["options"]):
            raise GameError("invalid_answer", "That answer is not one of the choices.")
        return answer

    def prompt(self, settings):
        return settings["question"]

    def public_view(self, settings):
        return {"prompt": settings["question"], "options": list(settings["options"])}

    def tally(self, settings, answers, passes, total):
        counts = [0] * len(settings["options"])
        for answer in answers:
            counts[answer["choice"]] += 1
        return {"counts": counts, "passes": passes, "answered": len(answers) + passes, "total": total}
