"""Loads what an activity kind needs to tally, score or show an activity: a Round built from the database."""
from sqlalchemy import bindparam, or_, select

from ..extensions import db
from ..game.activities import get_kind
from ..game.activities.base import DraftText, Entry, Round, TeamInfo
from ..models import DraftField, Player, Response, Team


def teams_of(event_id):
    return db.session.scalars(select(Team).where(Team.event_id == event_id).order_by(Team.position)).all()


# Built once: every live tally, every view of a phone and every scoring reads the room through these.
_MEMBER_ORDER = (Player.joined_at, Player.id)
_MEMBERS = select(Player.id, Player.team_id, Player.name).where(
    Player.event_id == bindparam("event_id"), Player.status == "active").order_by(*_MEMBER_ORDER)
_TEAM_OF = select(Player.team_id).where(Player.id == bindparam("player_id"))
_ENTRY_COLUMNS = (Response.player_id, Response.slot, Response.passed, Response.answer, Response.created_at,
                  Response.correct, Response.id)
_ENTRY_ORDER = (Response.created_at, Response.id)  # the order the answers came in
_ENTRIES = select(*_ENTRY_COLUMNS).where(Response.activity_id == bindparam("activity_id")).order_by(*_ENTRY_ORDER)
_ENTRIES_OF = select(*_ENTRY_COLUMNS).where(
    Response.activity_id == bindparam("activity_id"),
    Response.player_id.in_(bindparam("player_ids", expanding=True))).order_by(*_ENTRY_ORDER)


def _rows(statement, params):
    """The rows of a read of plain columns, through the session's connection: the ORM's row handling, which such a
    read does not need, took about a sixth of reading a 2,000-phone room's members and answers (at every live
    tally, reveal and scoring). Pending changes are flushed first, as the session's own execute does."""
    db.session.flush()
    return db.session.connection().execute(statement, params)


def members_of(event_id, team_of_player=None, also=()):
    """Players still in the room: {player_id: (team_id, name)}.

    With `team_of_player`, only that player and their teammates, and the players in `also` (those an answer names):
    what checking one answer or showing one phone needs, without reading a whole room of two thousand.
    """
    if team_of_player is None:
        rows = _rows(_MEMBERS, {"event_id": event_id})
    else:
        team_id = db.session.scalar(_TEAM_OF, {"player_id": team_of_player})
        wanted = Player.id == team_of_player if team_id is None else Player.team_id == team_id
        if also:
            wanted = or_(wanted, Player.id.in_(also))
        rows = db.session.execute(_MEMBERS.where(wanted), {"event_id": event_id})
    return {player_id: (team_id, name) for player_id, team_id, name in rows}


def _entries(activity, members, player_ids=None):
    if player_ids is None:
        rows = _rows(_ENTRIES, {"activity_id": activity.id})
    else:
        rows = db.session.execute(_ENTRIES_OF, {"activity_id": activity.id, "player_ids": player_ids})
    return _entries_from(rows, members)


def _entries_from(rows, members):
    return [
        Entry(player_id, members[player_id][0], slot, passed, answer, at, correct, response_id)
        for player_id, slot, passed, answer, at, correct, response_id in rows
        if player_id in members
    ]


def _drafts(activity):
    drafts = {}
    for row in db.session.scalars(select(DraftField).where(DraftField.activity_id == activity.id)):
        drafts.setdefault(row.team_id, {})[row.field] = DraftText(row.text, row.player_id, row.updated_at)
    return drafts


def _spotlight_out(event_id):
    return frozenset(db.session.scalars(
        select(Player.id).where(Player.event_id == event_id, Player.status == "active", Player.spotlight.is_(False))
    ))


def bare_round(activity):
    """The activity alone, with no responses or players: all a kind that checks only an answer's shape needs."""
    return Round(
        activity.id, activity.settings, activity.status, activity.stage, activity.opened_at, activity.ends_at,
        control=activity.control or {},
    )


def load_round(activity, player_id=None, also=()):
    """The activity as its kind sees it. With `player_id`, only that player's team is loaded (members and their
    entries), and the players in `also`: enough to check their answer or show their phone."""
    members = members_of(activity.event_id, team_of_player=player_id, also=also)
    return _round(activity, members, _entries(activity, members, list(members) if player_id is not None else None))


# The same for several rooms' activities at once (a group of starts or reveals).
_MEMBERS_IN_ROOMS = select(Player.event_id, Player.id, Player.team_id, Player.name).where(
    Player.event_id.in_(bindparam("event_ids", expanding=True)), Player.status == "active").order_by(*_MEMBER_ORDER)
_ENTRIES_IN = select(Response.activity_id, *_ENTRY_COLUMNS).where(
    Response.activity_id.in_(bindparam("activity_ids", expanding=True))).order_by(*_ENTRY_ORDER)


def load_rounds(activities):
    """{activity id: load_round(activity)} for activities of several rooms: their members read in one statement and
    their entries in another."""
    members, rows = {}, {}
    for event_id, player_id, team_id, name in _rows(
            _MEMBERS_IN_ROOMS, {"event_ids": sorted({activity.event_id for activity in activities})}):
        members.setdefault(event_id, {})[player_id] = (team_id, name)
    for activity_id, *row in _rows(_ENTRIES_IN, {"activity_ids": [each.id for each in activities]}):
        rows.setdefault(activity_id, []).append(row)
    return {activity.id: _round(activity, members.get(activity.event_id, {}),
                                _entries_from(rows.get(activity.id, ()), members.get(activity.event_id, {})))
            for activity in activities}


def _round(activity, members, entries):
    kind = get_kind(activity.kind)
    return Round(
        activity_id=activity.id,
        settings=activity.settings,
        status=activity.status,
        stage=activity.stage,
        opened_at=activity.opened_at,
        ends_at=activity.ends_at,
        entries=entries,
        members={pid: team for pid, (team, _) in members.items()},
        names={pid: name for pid, (_, name) in members.items()},
        teams=[TeamInfo(team.id, team.name, team.position) for team in teams_of(activity.event_id)] if kind.requires_teams else [],
        drafts=_drafts(activity) if kind.requires_teams and kind.stages else {},
        control=activity.control or {},
        spotlight_out=_spotlight_out(activity.event_id) if kind.uses_spotlight else frozenset(),
    )
