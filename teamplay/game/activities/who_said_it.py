"""Who said it? Everyone answers a fun prompt anonymously; then the big screen shows one answer at a time, phones
guess its author from the room, and the facilitator reveals who said it: how a room learns each other's names.

Until an answer is revealed nobody — the facilitator included — can tell whose it is; answers never revealed stay
anonymous for good.
"""
from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..points import GUESS_RIGHT, GUESSED, AwardSpec, Scoring, participation
from ..profanity import censor
from ..text import CleanString
from . import turns
from .base import Accepted, ActivityKind, Controlled, load_with
from .prompted import PromptedSettingsSchema, from_pack

WRITE, GUESS = "write", "guess"
ANSWER_MAX = 120


class WhoSaidItSettingsSchema(PromptedSettingsSchema):
    prompt = CleanString(required=True, validate=validate.Length(min=1, max=160))
    guess_s = fields.Integer(load_default=20, strict=True, validate=validate.Range(min=10, max=120))


class WhoSaidItAnswerSchema(Schema):
    """While writing: {text}. While guessing: {item, player_id}."""

    class Meta:
        unknown = RAISE

    text = CleanString(validate=validate.Length(min=1, max=ANSWER_MAX))
    item = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))
    player_id = fields.Integer(strict=True, validate=validate.Range(min=1, max=2**31 - 1))


class WhoSaidIt(ActivityKind):
    name = "who_said_it"
    settings_schema = WhoSaidItSettingsSchema
    answer_schema = WhoSaidItAnswerSchema
    control_schema = turns.TurnControlSchema
    stages = (WRITE, GUESS)
    anonymous = True
    needs_room = True
    has_player_view = True

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def items(self, round_):
        written = [entry for entry in round_.entries if entry.slot == 0 and not entry.passed]
        return turns.hidden_order(round_.activity_id, written)

    def accept(self, round_, player_id, answer, now):
        if round_.stage == WRITE:
            if "text" not in answer or set(answer) != {"text"}:
                raise GameError("invalid_answer", "Write your answer in a line.")
            return Accepted(0, {"text": censor(answer["text"])})
        if set(answer) != {"item", "player_id"}:
            raise GameError("invalid_answer", "Choose who you think said it.")
        items = self.items(round_)
        turns.check_item(round_.control, answer["item"])
        if items[answer["item"]].player_id == player_id:
            raise GameError("own_answer", "This one is yours — keep a straight face!", status=409)
        if answer["player_id"] not in round_.names:
            raise GameError("invalid_answer", "That person is not in the room.")
        return Accepted(1 + answer["item"], dict(answer))

    def accept_pass(self, round_, player_id, now):
        if round_.stage == WRITE:
            return 0
        item = turns.current(round_.control)
        if item is None:
            raise GameError("wrong_state", "Wait for the first answer on the big screen.", status=409)
        return 1 + item

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "stage": stage, "answer_max": ANSWER_MAX}

    def _guesses(self, round_, index):
        return [entry for entry in round_.entries if entry.slot == 1 + index and not entry.passed]

    def _item_view(self, round_, items, index):
        entry = items[index]
        guesses = self._guesses(round_, index)
        view = {"index": index, "text": entry.answer["text"], "guesses": len(guesses),
                "revealed": index in turns.revealed(round_.control)}
        if view["revealed"]:
            split = {}
            for guess in guesses:
                split[guess.answer["player_id"]] = split.get(guess.answer["player_id"], 0) + 1
            view["author"] = {"id": entry.player_id, "name": round_.names.get(entry.player_id)}
            view["split"] = [{"id": pid, "name": round_.names.get(pid), "votes": votes}
                             for pid, votes in sorted(split.items(), key=lambda item: -item[1])]
            view["right"] = sorted((round_.names.get(g.player_id) for g in guesses
                                    if g.answer["player_id"] == entry.player_id), key=lambda n: (n or "").casefold())
        return view

    def tally(self, round_):
        written = [entry for entry in round_.entries if entry.slot == 0]
        common = {"stage": round_.stage, "answered": len(written), "passes": sum(e.passed for e in written),
                  "total": len(round_.members)}
        if round_.stage == WRITE:
            return common
        items = self.items(round_)
        now = turns.current(round_.control)
        return {
            **common,
            "items": len(items),
            "current": now,
            "item": self._item_view(round_, items, now) if now is not None else None,
            "revealed_items": [self._item_view(round_, items, index) for index in sorted(turns.revealed(round_.control))],
        }

    def results_for(self, role, round_, full):
        if role == "player" and round_.stage == WRITE:
            return None
        return full

    def control(self, round_, action, history=()):
        items = self.items(round_)
        control, timer_s = turns.step(round_.control, action["action"], len(items), round_.stage, GUESS,
                                      round_.settings["guess_s"])
        return Controlled(control, timer_s)

    def waiting(self, round_):
        if round_.stage == WRITE:
            return super().waiting(round_)
        now = turns.current(round_.control)
        if now is None:
            return []
        author = self.items(round_)[now].player_id
        guessed = {entry.player_id for entry in round_.entries if entry.slot == 1 + now}
        return [pid for pid in round_.members if pid != author and pid not in guessed]

    def player_view(self, round_, player_id):
        """Which answers are this phone's own, and whom it can name (everyone else in the room, by name)."""
        if round_.stage == WRITE:
            return {"own_items": [], "people": []}
        people = sorted(({"id": pid, "name": name} for pid, name in round_.names.items() if pid != player_id),
                        key=lambda person: person["name"].casefold())
        return {"own_items": [index for index, entry in enumerate(self.items(round_)) if entry.player_id == player_id],
                "people": people}

    def score(self, round_):
        awards = participation(round_.entries)
        items = self.items(round_) if round_.stage == GUESS else []
        for index in sorted(turns.revealed(round_.control)):
            for guess in self._guesses(round_, index):
                if guess.answer["player_id"] == items[index].player_id:
                    awards.append(AwardSpec(GUESSED, GUESS_RIGHT, guess.player_id, guess.team_id))
        return Scoring(awards)
