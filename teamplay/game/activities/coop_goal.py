"""Room co-op goal: everyone answers quick questions on their phone; every right answer fills one shared bar."""
import random

from marshmallow import RAISE, Schema, fields, validate

from ... import content
from .. import points
from ..errors import GameError
from .base import Accepted, ActivityKind, ActivitySettingsSchema, load_with
from .choices import language_field, localised_question, require_choice_in

MIXED = "mixed"
QUESTIONS_MAX = 60
# After a wrong answer the next question waits a moment: guessing fast must not beat thinking.
COOLDOWN_MS = 2000


class CoopSettingsSchema(ActivitySettingsSchema):
    goal = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    duration_s = fields.Integer(load_default=90, strict=True, validate=validate.Range(min=15, max=1800))
    pack = fields.String(load_default=MIXED, validate=validate.Length(min=1, max=40))
    lang = language_field()


class StoredCoopSettingsSchema(CoopSettingsSchema):
    questions = fields.List(fields.Dict(), required=True)


# The goal as the screen states it, in the language of the event's questions.
PROMPT = {
    "en": "Answer {goal} questions right between all of you",
    "es": "Entre todos, acierten {goal} preguntas",
}


class CoopAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    question = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=100000))
    choice = fields.Integer(required=True, strict=True)


def question_pool(pack_id):
    if pack_id == MIXED:
        return [question for pack in content.trivia_packs() for question in pack["questions"]]
    pack = content.trivia_pack(pack_id)
    if pack is None:
        raise GameError("invalid_payload", "There is no such question pack.", fields={"pack": [f"Unknown pack {pack_id!r}."]})
    return list(pack["questions"])


def order_for(activity_id, player_id, count):
    """Each phone walks the questions in its own order, so neighbours do not see the same one at once."""
    order = list(range(count))
    random.Random(f"{activity_id}:{player_id}").shuffle(order)
    return order


class CoopGoal(ActivityKind):
    name = "coop_goal"
    settings_schema = StoredCoopSettingsSchema
    answer_schema = CoopAnswerSchema
    players_see_live_results = True
    completes_on_goal = True
    has_player_view = True
    needs_context = True

    def load_settings(self, raw, history=()):
        if isinstance(raw, dict) and "questions" in raw:
            raise GameError("invalid_payload", "Some settings are not valid.", fields={"questions": ["Unknown field."]})
        settings = load_with(CoopSettingsSchema, raw)
        pool = question_pool(settings["pack"])
        random.SystemRandom().shuffle(pool)
        settings["questions"] = [localised_question(question, settings["lang"]) for question in pool[:QUESTIONS_MAX]]
        return settings

    def _question(self, round_, player_id, number):
        questions = round_.settings["questions"]
        order = order_for(round_.activity_id, player_id, len(questions))
        return questions[order[number % len(questions)]]

    def accept(self, round_, player_id, answer, now):
        own = sorted(round_.entries_of(player_id), key=lambda entry: entry.slot)
        if any(entry.passed for entry in own):
            raise GameError("already_answered", "You chose to sit this one out.", status=409)
        if answer["question"] != len(own):
            raise GameError("stale_question", "That question was already answered: here is your next one.", status=409)
        if own and own[-1].correct is False and now < own[-1].at + COOLDOWN_MS:
            raise GameError("cooldown", "Take a breath: your next question opens in a moment.", status=429)
        question = self._question(round_, player_id, answer["question"])
        require_choice_in(answer["choice"], question["options"])
        return Accepted(answer["question"], answer, answer["choice"] == question["correct"])

    def accept_pass(self, round_, player_id, now):
        own = round_.entries_of(player_id)
        if any(entry.passed for entry in own):
            raise GameError("already_answered", "You chose to sit this one out.", status=409)
        return len(own)

    def public_view(self, settings, stage):
        return {
            "prompt": PROMPT.get(settings.get("lang"), PROMPT["en"]).format(goal=settings["goal"]),
            "goal": settings["goal"],
        }

    def tally(self, round_):
        right = [entry for entry in round_.entries if entry.correct]
        progress = len(right)
        goal = round_.settings["goal"]
        return {
            "progress": progress,
            "goal": goal,
            "reached": progress >= goal,
            "contributors": len({entry.player_id for entry in right}),
            "answered": len({entry.player_id for entry in round_.entries}),
            "passes": sum(1 for entry in round_.entries if entry.passed),
            "total": len(round_.members),
        }

    def results_for(self, role, round_, full):
        return full  # one shared bar: everyone sees it move

    def is_complete_at(self, settings, right_answers):
        return right_answers >= settings["goal"]

    def player_view(self, round_, player_id):
        own = sorted(round_.entries_of(player_id), key=lambda entry: entry.slot)
        last = own[-1] if own else None
        view = {
            "answered": sum(1 for entry in own if not entry.passed),
            "right": sum(1 for entry in own if entry.correct),
            "sat_out": any(entry.passed for entry in own),
            "last": None,
            "question": None,
            "cooldown_until": None,
        }
        if last and not last.passed:
            asked = self._question(round_, player_id, last.slot)
            view["last"] = {"number": last.slot, "right": bool(last.correct), "choice": last.answer["choice"],
                            "correct_choice": asked["correct"], "correct_text": asked["options"][asked["correct"]]}
            if last.correct is False:
                view["cooldown_until"] = last.at + COOLDOWN_MS
        if not view["sat_out"]:
            number = len(own)
            question = self._question(round_, player_id, number)
            view["question"] = {"number": number, "prompt": question["question"], "options": question["options"]}
        return view

    def score(self, round_):
        scoring = super().score(round_)
        awards = scoring.awards
        right = {}
        for entry in round_.entries:
            if entry.correct:
                right[entry.player_id] = right.get(entry.player_id, 0) + 1
        for player_id, count in right.items():
            awards.append(points.AwardSpec(points.CONTRIBUTION, points.COOP_CORRECT * count, player_id,
                                           round_.members.get(player_id), detail={"right": count}))
        if len([entry for entry in round_.entries if entry.correct]) >= round_.settings["goal"]:
            for player_id, team_id in round_.members.items():  # everyone in the room shares the win
                awards.append(points.AwardSpec(points.GOAL, points.COOP_BONUS, player_id, team_id))
        return points.Scoring(awards)
