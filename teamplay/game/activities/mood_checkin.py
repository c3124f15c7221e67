"""Mood check-in: "how are you arriving today?" on an emoji or 1–5 scale, with an optional anonymous line about
what would help. Only the room's total is ever shown — never who said what, not even to the facilitator — and only
once enough people answered that no single answer can be picked out."""
import zlib

from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..profanity import censor
from ..text import CleanString
from .base import ActivityKind, ActivitySettingsSchema, load_with
from .choices import language_field

SCALE = 5
HELP_MAX = 100
MIN_GROUP = 3  # fewer answers than this and the aggregate would point at people: nothing is shown
PROMPT = {"en": "How are you arriving today?", "es": "¿Cómo llegas hoy?"}


class MoodSettingsSchema(ActivitySettingsSchema):
    prompt = CleanString(load_default=None, allow_none=True, validate=validate.Length(min=1, max=160))
    scale = fields.String(load_default="emoji", validate=validate.OneOf(["emoji", "number"]))
    ask_help = fields.Boolean(load_default=True)
    lang = language_field()


class MoodAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    value = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=SCALE))
    help = CleanString(load_default="", validate=validate.Length(max=HELP_MAX))


def _unlinkable_order(activity_id, text):
    """A stable order that follows neither arrival nor author: a hash of the text within this activity."""
    return zlib.crc32(f"{activity_id}:{text}".encode())


class MoodCheckin(ActivityKind):
    name = "mood_checkin"
    settings_schema = MoodSettingsSchema
    answer_schema = MoodAnswerSchema
    anonymous = True

    def load_settings(self, raw, history=()):
        settings = load_with(self.settings_schema, raw)
        settings["prompt"] = settings["prompt"] or PROMPT[settings["lang"]]
        return settings

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        if answer["help"] and not settings["ask_help"]:
            raise GameError("invalid_answer", "This check-in does not ask what would help.")
        return {"value": answer["value"], "help": censor(answer["help"])}

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "scale": settings["scale"], "ask_help": settings["ask_help"],
                "min_group": MIN_GROUP}

    def tally(self, round_):
        answers = [entry for entry in round_.entries if not entry.passed]
        common = {"answered": len(answers), "passes": len(round_.entries) - len(answers), "total": len(round_.members)}
        # While answers come in, even the count per mood stays hidden: watching it move as someone taps would
        # tell who said what. Afterwards, the total only, and only for a group large enough.
        if round_.status == "open" or len(answers) < MIN_GROUP:
            return {**common, "counts": None, "average": None, "help": None, "too_few": round_.status != "open"}
        counts = [0] * SCALE
        for entry in answers:
            counts[entry.answer["value"] - 1] += 1
        average = round(sum(entry.answer["value"] for entry in answers) / len(answers), 1)
        lines = sorted((entry.answer["help"] for entry in answers if entry.answer.get("help")),
                       key=lambda text: _unlinkable_order(round_.activity_id, text))
        return {**common, "counts": counts, "average": average, "help": lines, "too_few": False}

    def results_for(self, role, round_, full):
        return full if role in {"host", "screen"} or round_.status == "revealed" else None
