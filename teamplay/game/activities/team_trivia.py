"""Team trivia: each member votes on the phone, the team's answer is the majority, teammates see votes live."""
from marshmallow import ValidationError, fields, validate, validates_schema

from ... import content
from .. import points
from ..errors import GameError
from .base import ActivityKind, ActivitySettingsSchema, load_with, require_team
from .choices import (
    ChoiceAnswerSchema,
    language_field,
    localised_question,
    options_field,
    pick_unused,
    question_field,
    require_choice_in,
    require_distinct,
    trivia_pack_or_refuse,
)

DEFAULT_DURATION_S = 20
# Above this many members a team's phones get vote counts only, not every teammate's name and choice.
NAMED_VOTES_MAX = 30


class TriviaSettingsSchema(ActivitySettingsSchema):
    question = question_field()
    options = options_field()
    correct = fields.Integer(required=True, strict=True)
    duration_s = fields.Integer(load_default=DEFAULT_DURATION_S, allow_none=True, strict=True, validate=validate.Range(min=5, max=600))
    pack = fields.String(load_default=None, allow_none=True)
    question_id = fields.String(load_default=None, allow_none=True)
    lang = language_field()

    @validates_schema
    def correct_is_an_option(self, data, **kwargs):
        require_distinct(data.get("options") or [])
        if not 0 <= data.get("correct", -1) < len(data.get("options") or []):
            raise ValidationError("The right answer must be one of the options.", "correct")


class PackQuestionSchema(ActivitySettingsSchema):
    """Settings that name a pack (and maybe a question) instead of spelling the question out."""

    pack = fields.String(required=True, validate=validate.Length(min=1, max=40))
    question_id = fields.String(load_default=None, validate=validate.Length(min=1, max=20))
    lang = language_field()
    duration_s = fields.Integer(load_default=DEFAULT_DURATION_S, allow_none=True, strict=True, validate=validate.Range(min=5, max=600))


def resolve_from_pack(raw, history):
    source = load_with(PackQuestionSchema, raw)
    pack = trivia_pack_or_refuse(source["pack"])
    if source["question_id"]:
        question = content.trivia_question(pack["id"], source["question_id"])
        if question is None:
            raise GameError("invalid_payload", "That question is not in the pack.", fields={"question_id": ["Unknown question."]})
    else:
        used = {settings.get("question_id") for settings in history}
        question = pick_unused(pack["questions"], used)
    return {
        **localised_question(question, source["lang"]),
        "duration_s": source["duration_s"],
        "pack": pack["id"],
        "question_id": question["id"],
        "lang": source["lang"],
    }


class TeamTrivia(ActivityKind):
    name = "team_trivia"
    settings_schema = TriviaSettingsSchema
    answer_schema = ChoiceAnswerSchema
    answers_changeable = True
    requires_teams = True
    graded = True
    needs_context = True

    def load_settings(self, raw, history=()):
        if isinstance(raw, dict) and "pack" in raw and "question" not in raw:
            raw = resolve_from_pack(raw, history)
        return load_with(self.settings_schema, raw)

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        require_choice_in(answer["choice"], settings["options"])
        return answer

    def accept(self, round_, player_id, answer, now):
        require_team(round_, player_id)
        return super().accept(round_, player_id, answer, now)

    def accept_pass(self, round_, player_id, now):
        require_team(round_, player_id)
        return super().accept_pass(round_, player_id, now)

    def public_view(self, settings, stage):
        pack = content.trivia_pack(settings["pack"]) if settings.get("pack") else None
        return {
            "prompt": settings["question"],
            "options": list(settings["options"]),
            "pack": content.localised(pack["title"], settings["lang"]) if pack else None,
        }

    def host_view(self, settings):
        # A question from a pack names its pack, so "next question" can go on with the same pack and language.
        source = {key: settings[key] for key in ("pack", "lang", "duration_s")} if settings.get("pack") else None
        return {"correct": settings["correct"], "source": source}

    def _team_results(self, round_, team):
        options = len(round_.settings["options"])
        members = round_.team_members(team.id)
        mine = [entry for entry in round_.entries if round_.members.get(entry.player_id) == team.id]
        votes = [entry for entry in mine if not entry.passed]
        counts = [0] * options
        for entry in votes:
            counts[entry.answer["choice"]] += 1
        answer = points.majority([(entry.answer["choice"], entry.at) for entry in votes])
        return {
            "team_id": team.id,
            "members": len(members),
            "voted": len(votes),
            "passed": len(mine) - len(votes),
            "counts": counts,
            "answer": answer,
        }

    def tally(self, round_):
        teams = [self._team_results(round_, team) for team in round_.teams]
        passes = sum(1 for entry in round_.entries if entry.passed)
        return {
            "teams": teams,
            "answered": len({entry.player_id for entry in round_.entries}),
            "passes": passes,
            "total": len(round_.members),
            "correct": round_.settings["correct"],
        }

    def results_for(self, role, round_, full):
        if round_.status == "revealed":
            scoring = self.score(round_)
            team_points = points.totals(scoring.awards, lambda award: award.team_id if award.player_id is None else None)
            teams = [
                {**team, "right": team["answer"] == full["correct"], "points": team_points.get(team["team_id"], 0)}
                for team in full["teams"]
            ]
            return {**full, "teams": teams}
        if role == "host":
            return full
        if role == "screen":
            # The room sees who is still deciding, never which way a team leans before the reveal.
            teams = [{key: team[key] for key in ("team_id", "members", "voted", "passed")} for team in full["teams"]]
            return {"teams": teams, "answered": full["answered"], "passes": full["passes"], "total": full["total"]}
        return None

    def team_view(self, round_, team_id):
        team = next((team for team in round_.teams if team.id == team_id), None)
        if team is None:
            return None
        view = self._team_results(round_, team)
        if view["members"] <= NAMED_VOTES_MAX:
            view["votes"] = [
                {"player_id": entry.player_id, "name": round_.names.get(entry.player_id, ""),
                 "choice": None if entry.passed else entry.answer["choice"], "passed": entry.passed}
                for entry in sorted(round_.entries, key=lambda entry: entry.at)
                if round_.members.get(entry.player_id) == team_id
            ]
        return view

    def score(self, round_):
        settings = round_.settings
        correct = settings["correct"]
        window = points.answer_window_ms(settings.get("duration_s"))
        scoring = super().score(round_)
        awards = scoring.awards
        graded = {}
        for team in round_.teams:
            mine = [entry for entry in round_.entries if round_.members.get(entry.player_id) == team.id]
            votes = [(entry.answer["choice"], entry.at) for entry in mine if not entry.passed]
            right = votes and points.majority(votes) == correct
            if right:
                # The team is as quick as the moment its answer had all of its votes.
                decided_at = max(at for choice, at in votes if choice == correct)
                awards.append(points.AwardSpec(points.RIGHT, points.TEAM_CORRECT, team_id=team.id))
                bonus = points.speed_bonus(decided_at, round_.opened_at, window, points.TEAM_SPEED_MAX)
                if bonus:
                    awards.append(points.AwardSpec(points.SPEED, bonus, team_id=team.id))
            for player_id in round_.team_members(team.id):
                graded[player_id] = False
            for entry in mine:
                graded[entry.player_id] = bool(right) and not entry.passed
                if not graded[entry.player_id]:
                    continue
                awards.append(points.AwardSpec(points.RIGHT, points.CORRECT, entry.player_id, team.id))
                if entry.answer["choice"] == correct:
                    bonus = points.speed_bonus(entry.at, round_.opened_at, window)
                    if bonus:
                        awards.append(points.AwardSpec(points.SPEED, bonus, entry.player_id, team.id))
        return points.Scoring(awards, graded)
