"""Open question with depth: a prompt at the depth the facilitator picks (light, medium, deeper); answers reach the
big screen once the facilitator approves them (a moderation queue), optionally without names."""
import zlib

from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..profanity import censor, is_inappropriate
from ..text import CleanString
from .base import Accepted, ActivityKind, Controlled, load_with
from .prompted import PromptedSettingsSchema, from_pack

ANSWER_MAX = 200


class OpenQuestionSettingsSchema(PromptedSettingsSchema):
    prompt = CleanString(required=True, validate=validate.Length(min=1, max=160))
    anonymous = fields.Boolean(load_default=False)
    moderation = fields.Boolean(load_default=True)


class TextAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    text = CleanString(required=True, validate=validate.Length(min=1, max=ANSWER_MAX))


class ModerateSchema(Schema):
    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf(["approve", "reject", "hide", "approve_all"]))
    answer_id = fields.Integer(load_default=None, strict=True, validate=validate.Range(min=1, max=2**31 - 1))


class OpenQuestion(ActivityKind):
    name = "open_question"
    settings_schema = OpenQuestionSettingsSchema
    answer_schema = TextAnswerSchema
    control_schema = ModerateSchema
    players_see_live_results = True

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def is_anonymous(self, settings):
        return settings["anonymous"]

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        return {"text": answer["text"]}

    def accept(self, round_, player_id, answer, now):
        text = answer["text"]
        return Accepted(0, {"text": censor(text), "flagged": is_inappropriate(text)})

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "depth": settings.get("depth"), "anonymous": settings["anonymous"],
                "moderation": settings["moderation"], "answer_max": ANSWER_MAX}

    def _card(self, round_, entry):
        card = {"id": entry.id, "text": entry.answer["text"]}
        if not round_.settings["anonymous"]:
            card["name"] = round_.names.get(entry.player_id)
        return card

    def tally(self, round_):
        control = round_.control
        order = control.get("order", [])
        rejected, hidden = set(control.get("rejected", [])), set(control.get("hidden", []))
        answers = {entry.id: entry for entry in round_.entries if not entry.passed}
        if round_.settings["moderation"]:
            shown_ids = [answer_id for answer_id in order if answer_id in answers and answer_id not in hidden]
        else:
            shown_ids = [answer_id for answer_id in answers if answer_id not in hidden and answer_id not in rejected]
        decided = set(order) | rejected | hidden
        queue = [answers[i] for i in answers if i not in decided] if round_.settings["moderation"] else []
        if round_.settings["anonymous"]:
            # In arrival order, a facilitator watching the room could tell whose answer just came in.
            queue.sort(key=lambda entry: zlib.crc32(f"{round_.activity_id}:{entry.id}".encode()))
        return {
            "queue": [{**self._card(round_, entry), "flagged": bool(entry.answer.get("flagged"))} for entry in queue],
            "shown": [self._card(round_, answers[i]) for i in shown_ids],
            "rejected": len(rejected & set(answers)),
            "answered": len(answers),
            "passes": len(round_.entries) - len(answers),
            "total": len(round_.members),
        }

    def results_for(self, role, round_, full):
        if role == "host":
            return full
        return {key: full[key] for key in ("shown", "answered", "passes", "total")}

    def control(self, round_, action, history=()):
        answers = {entry.id for entry in round_.entries if not entry.passed}
        control = {"order": list(round_.control.get("order", [])), "rejected": list(round_.control.get("rejected", [])),
                   "hidden": list(round_.control.get("hidden", []))}
        if action["action"] == "approve_all":
            decided = set(control["order"]) | set(control["rejected"]) | set(control["hidden"])
            waiting = sorted(answers - decided)
            if round_.settings["anonymous"]:
                waiting.sort(key=lambda i: zlib.crc32(f"{round_.activity_id}:{i}".encode()))
            control["order"] += waiting
            return Controlled(control)
        answer_id = action.get("answer_id")
        if answer_id not in answers:
            raise GameError("not_found", "There is no such answer.", status=404)
        for key in ("order", "rejected", "hidden"):
            control[key] = [i for i in control[key] if i != answer_id]
        target = {"approve": "order", "reject": "rejected", "hide": "hidden"}[action["action"]]
        control[target].append(answer_id)
        return Controlled(control)
