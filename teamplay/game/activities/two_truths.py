"""Two truths and a lie: a teller (one chosen player, or everyone in turn) writes three statements on their phone;
the room votes for the lie, one teller at a time; the reveal strikes the lie through. Points for spotting the lie,
and for the teller, for each person fooled. The lie stays secret — from the facilitator too — until its reveal."""
from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..points import FOOLED, FOOLED_CAP, FOOLED_EACH, SPOTTED, SPOTTED_LIE, AwardSpec, Scoring, participation
from ..profanity import censor
from ..text import CleanString
from . import turns
from .base import Accepted, ActivityKind, Controlled, load_with
from .prompted import PromptedSettingsSchema, from_pack

WRITE, VOTE = "write", "vote"
STATEMENT_MAX = 100


class TwoTruthsSettingsSchema(PromptedSettingsSchema):
    prompt = CleanString(required=True, validate=validate.Length(min=1, max=160))
    teller_id = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))
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

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def tellers(self, round_):
        """The tellers who wrote their statements, in the order their turns come."""
        written = [entry for entry in round_.entries if entry.slot == 0 and not entry.passed]
        return turns.hidden_order(round_.activity_id, written)

    def accept(self, round_, player_id, answer, now):
        if round_.stage == WRITE:
            if set(answer) != {"statements", "lie"}:
                raise GameError("invalid_answer", "Write three statements and mark the lie.")
            teller = round_.settings["teller_id"]
            if teller is not None and teller != player_id:
                raise GameError("not_teller", "It's someone else's turn to tell: get ready to vote!", status=409)
            return Accepted(0, {"statements": [censor(text) for text in answer["statements"]], "lie": answer["lie"]})
        if set(answer) != {"turn", "choice"}:
            raise GameError("invalid_answer", "Choose the statement you think is the lie.")
        turns.check_item(round_.control, answer["turn"])
        if self.tellers(round_)[answer["turn"]].player_id == player_id:
            raise GameError("own_answer", "This is your turn: watch them guess!", status=409)
        return Accepted(1 + answer["turn"], dict(answer))

    def accept_pass(self, round_, player_id, now):
        if round_.stage == WRITE:
            return 0
        turn = turns.current(round_.control)
        if turn is None:
            raise GameError("wrong_state", "Wait for the first teller on the big screen.", status=409)
        return 1 + turn

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "stage": stage, "teller_id": settings["teller_id"],
                "statement_max": STATEMENT_MAX}

    def _votes(self, round_, turn):
        return [entry for entry in round_.entries if entry.slot == 1 + turn and not entry.passed]

    def _turn_view(self, round_, tellers, index):
        teller = tellers[index]
        votes = self._votes(round_, index)
        counts = [0, 0, 0]
        for vote in votes:
            counts[vote.answer["choice"]] += 1
        view = {"index": index, "teller": {"id": teller.player_id, "name": round_.names.get(teller.player_id)},
                "statements": teller.answer["statements"], "votes": counts,
                "revealed": index in turns.revealed(round_.control)}
        if view["revealed"]:
            lie = teller.answer["lie"]
            view["lie"] = lie
            view["spotted"] = sorted((round_.names.get(v.player_id) for v in votes if v.answer["choice"] == lie),
                                     key=lambda name: (name or "").casefold())
            view["fooled"] = sum(1 for vote in votes if vote.answer["choice"] != lie)
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
        tellers = self.tellers(round_)
        now = turns.current(round_.control)
        return {**common, "turns": len(tellers), "current": now,
                "turn": self._turn_view(round_, tellers, now) if now is not None else None,
                "revealed_turns": [self._turn_view(round_, tellers, i) for i in sorted(turns.revealed(round_.control))]}

    def results_for(self, role, round_, full):
        return full

    def control(self, round_, action, history=()):
        control, timer_s = turns.step(round_.control, action["action"], len(self.tellers(round_)), round_.stage,
                                      VOTE, round_.settings["vote_s"])
        return Controlled(control, timer_s)

    def waiting(self, round_):
        if round_.stage == WRITE:
            teller = round_.settings["teller_id"]
            wrote = {entry.player_id for entry in round_.entries if entry.slot == 0}
            expected = [teller] if teller in round_.members else list(round_.members)
            return [pid for pid in expected if pid not in wrote]
        now = turns.current(round_.control)
        if now is None:
            return []
        teller = self.tellers(round_)[now].player_id
        voted = {entry.player_id for entry in round_.entries if entry.slot == 1 + now}
        return [pid for pid in round_.members if pid != teller and pid not in voted]

    def player_view(self, round_, player_id):
        mine = next((e for e in round_.entries if e.player_id == player_id and e.slot == 0 and not e.passed), None)
        own_turn = None
        if round_.stage == VOTE and mine is not None:
            own_turn = next(i for i, entry in enumerate(self.tellers(round_)) if entry.player_id == player_id)
        return {"mine": mine.answer if mine else None, "own_turn": own_turn,
                "teller": round_.settings["teller_id"] in (None, player_id)}

    def score(self, round_):
        awards = participation(round_.entries)
        tellers = self.tellers(round_) if round_.stage == VOTE else []
        for index in sorted(turns.revealed(round_.control)):
            teller = tellers[index]
            lie = teller.answer["lie"]
            fooled = 0
            for vote in self._votes(round_, index):
                if vote.answer["choice"] == lie:
                    awards.append(AwardSpec(SPOTTED_LIE, SPOTTED, vote.player_id, vote.team_id))
                else:
                    fooled += 1
            if fooled:
                awards.append(AwardSpec(FOOLED, min(FOOLED_CAP, fooled * FOOLED_EACH), teller.player_id,
                                        teller.team_id, detail={"fooled": fooled}))
        return Scoring(awards)
