"""Loads what an activity kind needs to tally, score or show an activity: a Round built from the database."""
from sqlalchemy import select

from ..extensions import db
from ..game.activities import get_kind
from ..game.activities.base import DraftText, Entry, Round, TeamInfo
from ..models import DraftField, Player, Response, Team


def teams_of(event_id):
    return db.session.scalars(select(Team).where(Team.event_id == event_id).order_by(Team.position)).all()


def members_of(event_id):
    """Every player still in the room: {player_id: (team_id, name)}."""
    rows = db.session.execute(
        select(Player.id, Player.team_id, Player.name)
        .where(Player.event_id == event_id, Player.status == "active")
        .order_by(Player.joined_at, Player.id)
    ).all()
    return {player_id: (team_id, name) for player_id, team_id, name in rows}


def _entries(activity, members, player_ids=None):
    query = select(
        Response.player_id, Response.slot, Response.passed, Response.answer, Response.created_at, Response.correct
    ).where(Response.activity_id == activity.id)
    if player_ids is not None:
        query = query.where(Response.player_id.in_(player_ids))
    return [
        Entry(player_id, members[player_id][0], slot, passed, answer, at, correct)
        for player_id, slot, passed, answer, at, correct in db.session.execute(query.order_by(Response.created_at, Response.id))
        if player_id in members
    ]


def _drafts(activity):
    drafts = {}
    for row in db.session.scalars(select(DraftField).where(DraftField.activity_id == activity.id)):
        drafts.setdefault(row.team_id, {})[row.field] = DraftText(row.text, row.player_id, row.updated_at)
    return drafts


def load_round(activity, player_id=None):
    """The activity as its kind sees it. With `player_id`, entries are only that player's and their team's: enough
    for checking their answer or showing their phone, without reading the whole room's responses."""
    kind = get_kind(activity.kind)
    members = members_of(activity.event_id)
    player_ids = None
    if player_id is not None:
        team_id = members.get(player_id, (None, None))[0]
        player_ids = [pid for pid, (team, _) in members.items() if team is not None and team == team_id] or []
        if player_id not in player_ids:
            player_ids.append(player_id)
    return Round(
        activity_id=activity.id,
        settings=activity.settings,
        status=activity.status,
        stage=activity.stage,
        opened_at=activity.opened_at,
        ends_at=activity.ends_at,
        entries=_entries(activity, members, player_ids),
        members={pid: team for pid, (team, _) in members.items()},
        names={pid: name for pid, (_, name) in members.items()},
        teams=[TeamInfo(team.id, team.name, team.position) for team in teams_of(activity.event_id)] if kind.requires_teams else [],
        drafts=_drafts(activity) if kind.stages else {},
    )
