"""Quick poll: a question with 2-6 options; the room's split appears live on the big screen."""
from marshmallow import validates_schema

from .base import ActivityKind, ActivitySettingsSchema
from .choices import ChoiceAnswerSchema, options_field, question_field, require_choice_in, require_distinct


class PollSettingsSchema(ActivitySettingsSchema):
    question = question_field()
    options = options_field()

    @validates_schema
    def options_differ(self, data, **kwargs):
        require_distinct(data.get("options") or [])


def choice_counts(entries, options, total):
    """How many chose each option, how many passed, and how many of the room answered at all."""
    counts = [0] * options
    passes = 0
    for entry in entries:
        if entry.passed:
            passes += 1
        else:
            counts[entry.answer["choice"]] += 1
    return {"counts": counts, "passes": passes, "answered": sum(counts) + passes, "total": total}


class Poll(ActivityKind):
    name = "poll"
    settings_schema = PollSettingsSchema
    answer_schema = ChoiceAnswerSchema

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        require_choice_in(answer["choice"], settings["options"])
        return answer

    def public_view(self, settings, stage):
        return {"prompt": settings["question"], "options": list(settings["options"])}

    def tally(self, round_):
        return choice_counts(round_.entries, len(round_.settings["options"]), len(round_.members))
