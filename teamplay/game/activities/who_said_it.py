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
from .base import Accepted, ActivityKind, load_with
from .prompted import PromptedSettingsSchema, from_pack

WRITE, GUESS = "write", "guess"
ANSWER_MAX = 120
WRITING, GUESSING = {"text"}, {"item", "player_id"}


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
    player_view_needs_room = True

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def items(self, round_):
        """The written answers, in the order they are shown (None where the author has left)."""
        return turns.sequence(round_).items

    def accept(self, round_, player_id, answer, now):
        shape = set(answer)
        if round_.stage == WRITE:
            if shape == GUESSING:
                raise GameError("wrong_stage", "Guessing starts once everyone has written.", status=409)
            if shape != WRITING:
                raise GameError("invalid_answer", "Write your answer in a line.")
            return Accepted(0, {"text": censor(answer["text"])})
        if shape == WRITING:
            raise GameError("wrong_stage", "Writing is over: now guess who said it.", status=409)
        if shape != GUESSING:
            raise GameError("invalid_answer", "Choose who you think said it.")
        author = turns.answerable(turns.sequence(round_), answer["item"])
        if author.player_id == player_id:
            raise GameError("own_answer", "This one is yours — keep a straight face!", status=409)
        if answer["player_id"] == player_id or answer["player_id"] not in round_.names:
            raise GameError("invalid_answer", "Choose someone else in the room.")
        return Accepted(1 + answer["item"], dict(answer))

    def accept_pass(self, round_, player_id, now):
        if round_.stage == WRITE:
            return 0
        return turns.pass_slot(turns.sequence(round_))

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "stage": stage, "answer_max": ANSWER_MAX}

    def _guesses(self, round_, index):
        return [entry for entry in round_.entries if entry.slot == 1 + index and not entry.passed]

    def _item_view(self, round_, seq, index, written):
        guesses = self._guesses(round_, index)
        view = {"index": index, "text": written.answer["text"], "guesses": len(guesses),
                "revealed": index in seq.revealed}
        if view["revealed"]:
            votes = {}
            for guess in guesses:
                votes[guess.answer["player_id"]] = votes.get(guess.answer["player_id"], 0) + 1
            split = [{"id": pid, "name": round_.names.get(pid), "votes": count} for pid, count in votes.items()]
            view["author"] = {"id": written.player_id, "name": round_.names.get(written.player_id)}
            view["split"] = sorted(split, key=lambda side: (-side["votes"], (side["name"] or "").casefold(),
                                                            side["id"]))
            view["right"] = sorted((round_.names.get(g.player_id) for g in guesses
                                    if g.answer["player_id"] == written.player_id), key=lambda n: (n or "").casefold())
        return view

    def tally(self, round_):
        written = [entry for entry in round_.entries if entry.slot == 0]
        common = {"stage": round_.stage, "answered": len(written), "passes": sum(e.passed for e in written),
                  "total": len(round_.members)}
        if round_.stage == WRITE:
            return common
        seq = turns.sequence(round_)
        shown = turns.shown(seq)
        return {
            **common,
            "items": len(seq.items),
            "current": seq.current,
            "item": self._item_view(round_, seq, *shown) if shown else None,
            "revealed_items": [self._item_view(round_, seq, index, written)
                               for index, written in turns.revealed_items(seq)],
        }

    def results_for(self, role, round_, full):
        # The same for every role: counts while writing, then only what has been revealed names anyone.
        return full

    def control(self, round_, action, history=()):
        return turns.step(round_, action, GUESS, round_.settings["guess_s"])

    def waiting(self, round_):
        """While guessing, nobody is listed: the one player never waited for would be the current answer's author."""
        return super().waiting(round_) if round_.stage == WRITE else []

    def player_view(self, round_, player_id):
        """Which answers are this phone's own, and whom it can name (everyone else in the room, by name)."""
        if round_.stage == WRITE:
            return {"own_items": [], "people": []}
        people = [{"id": pid, "name": name} for pid, name in round_.names.items() if pid != player_id]
        return {"own_items": [index for index, entry in enumerate(self.items(round_))
                              if entry is not None and entry.player_id == player_id],
                "people": sorted(people, key=lambda person: (person["name"].casefold(), person["id"]))}

    def score(self, round_):
        """Taking part, and points for each right guess of a revealed answer (the unrevealed stay secret)."""
        awards = participation(round_.entries)
        if round_.stage == GUESS:
            for index, written in turns.revealed_items(turns.sequence(round_)):
                for guess in self._guesses(round_, index):
                    if guess.answer["player_id"] == written.player_id:
                        awards.append(AwardSpec(GUESSED, GUESS_RIGHT, guess.player_id, guess.team_id))
        return Scoring(awards)
