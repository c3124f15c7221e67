"""Customer-scenario challenge: each team writes its response in a shared draft, then the room votes, anonymously."""
import hashlib

from marshmallow import RAISE, Schema, fields, validate

from ... import content
from .. import points
from ..errors import GameError
from ..text import CleanString, N_
from .base import Accepted, ActivityKind, ActivitySettingsSchema, load_with, require_team
from .choices import language_field, pick_unused

WRITE = "write"
VOTE = "vote"
FIELD_MAX = 280
# The parts of a team's answer; each is edited on its own, so two teammates can write side by side.
FIELDS = (  # the labels are catalogue messages: each page shows them in its own language
    ("opening", N_("What we say first")),
    ("action", N_("What we do to put it right")),
    ("follow_up", N_("How we follow up")),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
LABELS = "ABCDEFGH"


class ScenarioSettingsSchema(ActivitySettingsSchema):
    title = CleanString(required=True, validate=validate.Length(min=1, max=60))
    situation = CleanString(required=True, validate=validate.Length(min=1, max=400))
    tip = CleanString(load_default="", validate=validate.Length(max=200))
    duration_s = fields.Integer(load_default=180, allow_none=True, strict=True, validate=validate.Range(min=15, max=1800))
    vote_duration_s = fields.Integer(load_default=45, allow_none=True, strict=True, validate=validate.Range(min=10, max=600))
    scenario_id = fields.String(load_default=None, allow_none=True)
    lang = language_field()


class PackScenarioSchema(ActivitySettingsSchema):
    scenario_id = fields.String(load_default=None, validate=validate.Length(min=1, max=20))
    pack = fields.String(load_default=None, validate=validate.Length(min=1, max=40))
    lang = language_field()
    duration_s = fields.Integer(load_default=180, allow_none=True, strict=True, validate=validate.Range(min=15, max=1800))
    vote_duration_s = fields.Integer(load_default=45, allow_none=True, strict=True, validate=validate.Range(min=10, max=600))


class VoteSchema(Schema):
    class Meta:
        unknown = RAISE

    entry = fields.Integer(required=True, strict=True)


def resolve_from_pack(raw, history):
    source = load_with(PackScenarioSchema, raw)
    if source["scenario_id"]:
        chosen = content.scenario(source["scenario_id"])
        if chosen is None:
            raise GameError("invalid_payload", "There is no such scenario.", fields={"scenario_id": ["Unknown scenario."]})
    else:
        used = {settings.get("scenario_id") for settings in history}
        chosen = pick_unused(content.scenario_pack()["scenarios"], used)
    text = content.localised(chosen, source["lang"])
    return {
        "title": text["title"],
        "situation": text["situation"],
        "tip": text.get("tip", ""),
        "duration_s": source["duration_s"],
        "vote_duration_s": source["vote_duration_s"],
        "scenario_id": chosen["id"],
        "lang": source["lang"],
    }


def words(text):
    return len(text.split())


def entries(round_):
    """The teams' answers as the room votes on them: only teams that wrote something, in an order that hides who
    wrote which (the same order for everyone, every time)."""
    written = [team for team in round_.teams if any(d.text for d in round_.drafts.get(team.id, {}).values())]
    order = sorted(written, key=lambda team: hashlib.sha256(f"{round_.activity_id}:{team.id}".encode()).hexdigest())
    return [
        {"label": LABELS[index], "team_id": team.id,
         "fields": {name: round_.drafts[team.id][name].text if name in round_.drafts[team.id] else "" for name in FIELD_NAMES}}
        for index, team in enumerate(order)
    ]


class Scenario(ActivityKind):
    name = "scenario"
    settings_schema = ScenarioSettingsSchema
    answer_schema = VoteSchema
    requires_teams = True
    stages = (WRITE, VOTE)
    answering_stage = VOTE
    needs_context = True

    def load_settings(self, raw, history=()):
        if isinstance(raw, dict) and ("scenario_id" in raw or "pack" in raw) and "situation" not in raw:
            raw = resolve_from_pack(raw, history)
        return load_with(self.settings_schema, raw)

    def stage_duration_s(self, settings, stage):
        return settings.get("vote_duration_s") if stage == VOTE else settings.get("duration_s")

    def accept(self, round_, player_id, answer, now):
        self.require_answering_stage(round_.stage)
        choices = entries(round_)
        if not 0 <= answer["entry"] < len(choices):
            raise GameError("invalid_answer", "That answer is not one of the choices.")
        own_team = round_.members.get(player_id)
        if own_team is not None and choices[answer["entry"]]["team_id"] == own_team:
            raise GameError("own_team", "Vote for another team's answer: your own is not on the ballot for you.")
        return Accepted(0, answer)

    def check_draft_edit(self, round_, player_id, field):
        """Refuses a draft edit that is not possible now: wrong stage, no team, unknown field."""
        if round_.stage != WRITE:
            raise GameError("wrong_stage", "Writing time is over: the room is voting.", status=409)
        require_team(round_, player_id)
        if field not in FIELD_NAMES:
            raise GameError("invalid_payload", "There is no such part of the answer.", fields={"field": ["Unknown field."]})

    def public_view(self, settings, stage):
        return {
            "prompt": settings["title"],
            "situation": settings["situation"],
            "stage": stage,
            "fields": [{"name": name, "label": label} for name, label in FIELDS],
            "vote_duration_s": settings.get("vote_duration_s"),
        }

    def host_view(self, settings):
        return {"tip": settings.get("tip", "")}

    def _votes(self, round_):
        counts = {}
        for entry in round_.entries:
            if not entry.passed:
                counts[entry.answer["entry"]] = counts.get(entry.answer["entry"], 0) + 1
        return counts

    def tally(self, round_):
        passes = sum(1 for entry in round_.entries if entry.passed)
        common = {"stage": round_.stage, "answered": len(round_.entries), "passes": passes, "total": len(round_.members)}
        if round_.stage == WRITE:
            teams = []
            for team in round_.teams:
                draft = round_.drafts.get(team.id, {})
                teams.append({
                    "team_id": team.id,
                    "fields": {
                        name: {"text": d.text, "by": round_.names.get(d.player_id), "at": d.at} for name, d in draft.items()
                    },
                    "words": sum(words(d.text) for d in draft.values()),
                    "filled": sum(1 for d in draft.values() if d.text),
                })
            return {**common, "teams": teams}
        votes = self._votes(round_)
        ballot = [{**entry, "votes": votes.get(index, 0)} for index, entry in enumerate(entries(round_))]
        return {**common, "entries": ballot, "votes_in": sum(votes.values())}

    def results_for(self, role, round_, full):
        if role == "host":
            return full
        if round_.status == "revealed":
            if round_.stage != WRITE:
                return full
            # Revealed before any vote: the room sees each team's words, not which teammate typed which part.
            return {**full, "teams": [
                {**team, "fields": {name: {"text": f["text"]} for name, f in team["fields"].items()}} for team in full["teams"]
            ]}
        if round_.stage == WRITE:
            if role != "screen":
                return None
            # The screen shows that teams are writing, never what, so nobody copies.
            return {**full, "teams": [{k: t[k] for k in ("team_id", "words", "filled")} for t in full["teams"]]}
        # While the room votes, the answers are anonymous and the count so far stays hidden.
        anonymous = [{"label": entry["label"], "fields": entry["fields"]} for entry in full["entries"]]
        return {**full, "entries": anonymous}

    def team_view(self, round_, team_id):
        draft = round_.drafts.get(team_id, {})
        own = next((entry["label"] for entry in entries(round_) if entry["team_id"] == team_id), None)
        return {
            "team_id": team_id,
            "stage": round_.stage,
            "fields": {
                name: {"text": d.text, "by": round_.names.get(d.player_id), "at": d.at} for name, d in draft.items()
            },
            "own_entry": own if round_.stage != WRITE else None,
        }

    def score(self, round_):
        scoring = super().score(round_)
        awards = scoring.awards
        voters = {entry.player_id for entry in round_.entries}
        writers = {}
        for team_id, draft in round_.drafts.items():
            for d in draft.values():
                if d.text and d.player_id in round_.members and d.player_id not in voters:
                    writers[d.player_id] = team_id
        for player_id, team_id in writers.items():
            awards.append(points.AwardSpec(points.TOOK_PART, points.TAKE_PART, player_id, team_id))
        if round_.stage == WRITE:  # closed before the vote: nobody voted, nothing more to give
            return points.Scoring(awards)
        votes = self._votes(round_)
        for index, entry in enumerate(entries(round_)):
            received = votes.get(index, 0)
            if not received:
                continue
            team_id = entry["team_id"]
            awards.append(points.AwardSpec(points.VOTES, points.VOTE_TEAM * received, team_id=team_id, detail={"votes": received}))
            for player_id in round_.team_members(team_id):
                awards.append(points.AwardSpec(points.VOTES, points.VOTE_MEMBER * received, player_id, team_id, detail={"votes": received}))
        return points.Scoring(awards)
