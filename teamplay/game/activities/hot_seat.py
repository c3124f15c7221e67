"""Hot-seat spinner: the big screen's wheel picks a player and a question; the chosen phone answers out loud or
passes (spin again). Nobody is picked twice until everyone has had a turn — across the event's hot seats — and
players who asked to stay out of the spotlight are never picked."""
import random

from marshmallow import RAISE, Schema, fields, validate

from ...content import prompts as packs
from ..errors import GameError
from ..points import Scoring, participation
from ..text import CleanString
from .base import Accepted, ActivityKind, ActivitySettingsSchema, Controlled
from .choices import language_field, pick_unused

QUESTION_MAX = 160
WHEEL_MAX = 24  # names on the wheel; a bigger room still draws from everyone
TITLE = {"en": "Hot seat", "es": "Silla caliente"}
rng = random.SystemRandom()


class HotSeatSettingsSchema(ActivitySettingsSchema):
    questions = fields.List(CleanString(validate=validate.Length(min=1, max=QUESTION_MAX)), load_default=None,
                            allow_none=True, validate=validate.Length(min=1, max=20))
    lang = language_field()


class HotSeatAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    spin = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=10_000))
    choice = fields.String(required=True, validate=validate.OneOf(["answer", "pass"]))


class SpinSchema(Schema):
    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf(["spin", "respin", "done"]))


def _picks(history, control):
    return [turn["player_id"] for past in [*history, control] for turn in past.get("turns", [])]


def _had_a_turn(picks, eligible):
    """Who has had a turn in the current round of turns: once everyone eligible has had one, a new round starts."""
    had = set()
    for player_id in picks:
        had.add(player_id)
        if eligible <= had:
            had = set()
    return had


class HotSeat(ActivityKind):
    name = "hot_seat"
    settings_schema = HotSeatSettingsSchema
    answer_schema = HotSeatAnswerSchema
    control_schema = SpinSchema
    uses_spotlight = True
    has_player_view = True

    def public_view(self, settings, stage):
        return {"prompt": TITLE[settings["lang"]], "own_questions": bool(settings["questions"])}

    def _question(self, round_, history):
        settings = round_.settings
        asked = [turn for past in [*history, round_.control] for turn in past.get("turns", [])]
        if settings["questions"]:
            own = settings["questions"]
            done = len(round_.control.get("turns", []))
            return {"question": own[done % len(own)], "prompt_id": None}
        item = pick_unused(packs.prompts("hot_seat"), {turn.get("prompt_id") for turn in asked})
        return {"question": packs.localised(item, settings["lang"])["prompt"], "prompt_id": item["id"]}

    def control(self, round_, action, history=()):
        turns = [dict(turn) for turn in round_.control.get("turns", [])]
        if action["action"] == "done":
            if not turns:
                raise GameError("wrong_state", "Spin the wheel first.")
            turns[-1]["status"] = "done"
            return Controlled({**round_.control, "turns": turns})
        if action["action"] == "respin" and turns and turns[-1]["status"] == "answering":
            turns[-1]["status"] = "passed"
        eligible = {pid for pid in round_.members if pid not in round_.spotlight_out}
        if not eligible:
            raise GameError("nobody_left", "Nobody is in the room who agreed to the spotlight.", status=409)
        picks = _picks(history, {"turns": turns})
        candidates = sorted(eligible - _had_a_turn(picks, eligible))
        if not candidates:  # cannot happen after a reset, but a room of one must not pick from nothing
            candidates = sorted(eligible)
        if len(candidates) > 1 and picks and picks[-1] in candidates:
            candidates.remove(picks[-1])
        chosen = rng.choice(candidates)
        # The wheel shows the room (who agreed to the spotlight), the chosen one always among them.
        others = sorted(eligible - {chosen})
        wheel = [chosen] + rng.sample(others, min(WHEEL_MAX - 1, len(others)))
        rng.shuffle(wheel)
        turn = {"n": len(turns), "player_id": chosen, "status": "answering", **self._question(round_, history),
                "wheel": wheel}
        return Controlled({**round_.control, "turns": [*turns, turn]})

    def _current(self, round_):
        turns = round_.control.get("turns", [])
        return turns[-1] if turns else None

    def accept(self, round_, player_id, answer, now):
        turn = self._current(round_)
        if turn is None or answer["spin"] != turn["n"]:
            raise GameError("stale_item", "The wheel has moved on: look at the big screen.", status=409)
        if turn["player_id"] != player_id:
            raise GameError("not_chosen", "The wheel picked someone else this time.", status=409)
        if turn["status"] != "answering":
            raise GameError("already_answered", "This turn is over.", status=409)
        return Accepted(turn["n"], dict(answer))

    def accept_pass(self, round_, player_id, now):
        raise GameError("invalid_answer", "Only the player in the hot seat answers: they answer or pass.")

    def _outcome(self, round_, turn):
        given = next((e for e in round_.entries if e.slot == turn["n"] and e.player_id == turn["player_id"]), None)
        if given:
            return "answered" if given.answer["choice"] == "answer" else "passed"
        return {"answering": "waiting", "passed": "passed", "done": "done"}[turn["status"]]

    def tally(self, round_):
        turns = round_.control.get("turns", [])
        name = round_.names.get
        current = turns[-1] if turns else None
        spin = current and {
            "n": current["n"], "player": {"id": current["player_id"], "name": name(current["player_id"])},
            "question": current["question"], "wheel": [name(pid) for pid in current["wheel"] if name(pid)],
            "status": self._outcome(round_, current),
        }
        return {
            "spin": spin,
            "turns": [{"name": name(t["player_id"]), "question": t["question"], "outcome": self._outcome(round_, t)}
                      for t in turns],
            "out_of_spotlight": len(round_.spotlight_out),
            "answered": len({t["player_id"] for t in turns}),
            "total": len(round_.members),
        }

    def results_for(self, role, round_, full):
        return full

    def waiting(self, round_):
        return []

    def player_view(self, round_, player_id):
        turn = self._current(round_)
        chosen = bool(turn and turn["player_id"] == player_id and turn["status"] == "answering")
        return {"chosen": chosen, "spin": turn["n"] if turn else None, "question": turn["question"] if chosen else None}

    def score(self, round_):
        return Scoring(participation([e for e in round_.entries if e.answer and e.answer["choice"] == "answer"]))
