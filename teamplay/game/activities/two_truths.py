"""Two truths and a lie: a teller (one chosen player, or everyone in turn) writes three statements on their phone;
the room votes for the lie, one teller at a time; the reveal strikes the lie through. Points for spotting the lie,
and for the teller, for each person fooled. The lie stays secret — from the facilitator too — until its reveal."""
from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..points import FOOLED, FOOLED_CAP, FOOLED_EACH, SPOTTED, SPOTTED_LIE, AwardSpec, Scoring, participation
from ..profanity import censor
from ..text import CleanString
from . import turns
from .base import Accepted, ActivityKind, load_with
from .prompted import PromptedSettingsSchema, from_pack

WRITE, VOTE = "write", "vote"
STATEMENT_MAX = 100
TELLING, VOTING = {"statements", "lie"}, {"turn", "choice"}


class TwoTruthsSettingsSchema(PromptedSettingsSchema):
    prompt = CleanString(required=True, validate=validate.Length(min=1, max=160))
    teller_id = fields.Integer(load_default=None, allow_none=True, strict=True,
                               validate=validate.Range(min=1, max=2**31 - 1))
    vote_s = fields.Integer(load_default=30, strict=True, validate=validate.Range(min=10, max=120))


class TwoTruthsAnswerSchema(Schema):
    """The teller, while writing: {statements: [3], lie}. Everyone, while voting: {turn, choice}."""

    class Meta:
        unknown = RAISE

    statements = fields.List(CleanString(validate=validate.Length(min=1, max=STATEMENT_MAX)),
                             validate=validate.Length(equal=3))
    lie = fields.Integer(strict=True, validate=validate.Range(min=0, max=2))
    turn = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))
    choice = fields.Integer(strict=True, validate=validate.Range(min=0, max=2))


class TwoTruths(ActivityKind):
    name = "two_truths"
    settings_schema = TwoTruthsSettingsSchema
    answer_schema = TwoTruthsAnswerSchema
    control_schema = turns.TurnControlSchema
    stages = (WRITE, VOTE)
    needs_room = True
    has_player_view = True
    player_view_needs_room = True

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def tellers(self, round_):
        """The tellers' statements, in the order their turns come (None where the teller has left)."""
        return turns.sequence(round_).items

    def require_teller(self, round_, player_id):
        teller = round_.settings["teller_id"]
        if teller is not None and teller != player_id:
            raise GameError("not_teller", "It's someone else's turn to tell: get ready to vote!", status=409)

    def accept(self, round_, player_id, answer, now):
        shape = set(answer)
        if round_.stage == WRITE:
            if shape == VOTING:
                raise GameError("wrong_stage", "Voting starts once the statements are in.", status=409)
            if shape != TELLING:
                raise GameError("invalid_answer", "Write three statements and mark the lie.")
            self.require_teller(round_, player_id)
            return Accepted(0, {"statements": [censor(text) for text in answer["statements"]], "lie": answer["lie"]})
        if shape == TELLING:
            raise GameError("wrong_stage", "Writing is over: now spot the lie.", status=409)
        if shape != VOTING:
            raise GameError("invalid_answer", "Choose the statement you think is the lie.")
        teller = turns.answerable(turns.sequence(round_), answer["turn"])
        if teller.player_id == player_id:
            raise GameError("own_answer", "This is your turn: watch them guess!", status=409)
        return Accepted(1 + answer["turn"], dict(answer))

    def accept_pass(self, round_, player_id, now):
        if round_.stage == WRITE:
            self.require_teller(round_, player_id)
            return 0
        return turns.pass_slot(turns.sequence(round_))

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "stage": stage, "teller_id": settings["teller_id"],
                "statement_max": STATEMENT_MAX}

    def _votes(self, round_, turn):
        return [entry for entry in round_.entries if entry.slot == 1 + turn and not entry.passed]

    def _turn_view(self, round_, seq, index, teller):
        votes = self._votes(round_, index)
        counts = [0, 0, 0]
        for vote in votes:
            counts[vote.answer["choice"]] += 1
        view = {"index": index, "teller": {"id": teller.player_id, "name": round_.names.get(teller.player_id)},
                "statements": teller.answer["statements"], "votes": counts, "revealed": index in seq.revealed}
        if view["revealed"]:
            lie = teller.answer["lie"]
            view["lie"] = lie
            view["spotted"] = sorted((round_.names.get(v.player_id) for v in votes if v.answer["choice"] == lie),
                                     key=lambda name: (name or "").casefold())
            view["fooled"] = len(votes) - counts[lie]
        return view

    def tally(self, round_):
        written = [entry for entry in round_.entries if entry.slot == 0]
        common = {"stage": round_.stage, "answered": len(written), "passes": sum(e.passed for e in written),
                  "total": len(round_.members)}
        teller_id = round_.settings["teller_id"]
        if round_.stage == WRITE:
            teller = {"id": teller_id, "name": round_.names.get(teller_id)} if teller_id else None
            done = any(entry.player_id == teller_id and not entry.passed for entry in written) if teller_id else None
            return {**common, "tellers_done": sum(not e.passed for e in written), "teller": teller, "done": done}
        seq = turns.sequence(round_)
        shown = turns.shown(seq)
        return {**common, "turns": len(seq.items), "current": seq.current,
                "turn": self._turn_view(round_, seq, *shown) if shown else None,
                "revealed_turns": [self._turn_view(round_, seq, index, teller)
                                   for index, teller in turns.revealed_items(seq)]}

    def results_for(self, role, round_, full):
        # The same for every role: the teller is public (it is their turn); the lie shows only once revealed.
        return full

    def control(self, round_, action, history=()):
        return turns.step(round_, action, VOTE, round_.settings["vote_s"])

    def waiting(self, round_):
        if round_.stage == WRITE:
            teller = round_.settings["teller_id"]
            if teller is None:
                return super().waiting(round_)
            wrote = any(entry.player_id == teller and entry.slot == 0 for entry in round_.entries)
            return [teller] if teller in round_.members and not wrote else []
        shown = turns.shown(turns.sequence(round_))
        if shown is None:
            return []
        index, teller = shown
        voted = {entry.player_id for entry in round_.entries if entry.slot == 1 + index}
        return [pid for pid in round_.members if pid != teller.player_id and pid not in voted]

    def player_view(self, round_, player_id):
        """The teller's own statements and lie, which turn is theirs, and whether this phone may tell at all."""
        mine = next((e for e in round_.entries if e.player_id == player_id and e.slot == 0 and not e.passed), None)
        own_turn = None
        if round_.stage == VOTE and mine is not None:
            own_turn = next((index for index, teller in enumerate(self.tellers(round_))
                             if teller is not None and teller.player_id == player_id), None)
        return {"mine": mine.answer if mine else None, "own_turn": own_turn,
                "teller": round_.settings["teller_id"] in (None, player_id)}

    def score(self, round_):
        """Taking part; for each revealed turn, points to who spotted the lie and to the teller for each fooled."""
        awards = participation(round_.entries)
        if round_.stage != VOTE:
            return Scoring(awards)
        for index, teller in turns.revealed_items(turns.sequence(round_)):
            fooled = 0
            for vote in self._votes(round_, index):
                if vote.answer["choice"] == teller.answer["lie"]:
                    awards.append(AwardSpec(SPOTTED_LIE, SPOTTED, vote.player_id, vote.team_id))
                else:
                    fooled += 1
            if fooled:
                awards.append(AwardSpec(FOOLED, min(FOOLED_CAP, fooled * FOOLED_EACH), teller.player_id,
                                        teller.team_id, detail={"fooled": fooled}))
        return Scoring(awards)
