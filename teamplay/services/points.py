"""Points: scoring an activity into stored awards, corrections, and the standings each role may see."""
import bisect
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam, case, delete, func, insert, or_, select, type_coerce, update

from ..extensions import db
from ..game import points as rules
from ..game import room
from ..game.activities import KINDS, get_kind
from ..game.badges import DETAIL_READ, badge_view, earned, stats
from ..game.errors import GameError
from ..models import Activity, Award, Event, Player
from ..models.base import now_ms
from .changes import Changes
from .rounds import load_round, members_of, teams_of
from .shared import room_totals

PODIUM_PLACES = 3
TOP = 5
GRADED_KINDS = tuple(name for name, kind in KINDS.items() if kind.graded)


def _graded_histories(activity):
    """Each player's earlier graded outcomes in the event, oldest first: right (True) or not (False)."""
    earlier = db.session.scalars(
        select(Activity.id)
        .where(
            Activity.event_id == activity.event_id,
            Activity.kind.in_(GRADED_KINDS),
            Activity.status.in_((room.CLOSED, room.REVEALED)),  # a skipped one never counted
            Activity.id != activity.id,
            Activity.opened_at <= activity.opened_at,
        )
        .order_by(Activity.opened_at, Activity.id)
    ).all()
    if not earlier:
        return {}
    right = set(
        db.session.execute(
            select(Award.activity_id, Award.player_id).where(
                Award.activity_id.in_(earlier), Award.reason == rules.RIGHT, Award.player_id.is_not(None)
            )
        ).all()
    )
    players = {player_id for _, player_id in right}
    return {player_id: [(activity_id, player_id) in right for activity_id in earlier] for player_id in players}


# Awards are never loaded as objects (they are read as rows), so there are none in the session to keep in step: the
# ORM's default looked through every object of the session for each room a wave of reveals scored.
_DELETE_AWARDS = delete(Award).where(Award.activity_id == bindparam("activity_id")).execution_options(
    synchronize_session=False)


def score_activity(activity, round_=None):
    """Replaces the activity's awards with a fresh scoring, inside the caller's transaction, and marks it scored.

    Scoring the same activity twice (a retried close, a restart, a re-score) gives the same awards, never twice
    as many: the old ones are deleted in the same transaction as the new ones are written.

    `round_`: the Round the activity closed with, when already read (see score_closed).
    """
    kind = get_kind(activity.kind)
    round_ = round_ or load_round(activity)
    scoring = kind.score(round_)
    if kind.graded:
        scoring = rules.with_streaks(scoring, _graded_histories(activity), round_.members)
    db.session.execute(_DELETE_AWARDS, {"activity_id": activity.id})
    rows = [
        {"event_id": activity.event_id, "activity_id": activity.id, "player_id": spec.player_id,
         "team_id": spec.team_id, "reason": spec.reason, "points": spec.points, "detail": spec.detail}
        for spec in scoring.awards
    ]
    if rows:  # one INSERT for the room (a poll of 2,000 is 2,000 awards), without the ORM's unit of work
        db.session.connection().execute(insert(Award.__table__), rows)
    if activity.scored_at is None:
        activity.scored_at = now_ms()


# How long a closed activity may wait for its scoring before any worker's deadline watcher does it (score_pending):
# the worker that closed it scores it a moment after the state, unless it stopped in between.
RECOVER_AFTER_MS = 5_000
_CLAIMABLE = (Activity.scored_at.is_(None), Activity.status.in_((room.CLOSED, room.REVEALED)))
_CLAIM = update(Activity).where(Activity.id == bindparam("activity_id"), *_CLAIMABLE).values(
    scored_at=bindparam("now")).execution_options(synchronize_session=False)
_CLAIM_ALL = update(Activity).where(Activity.id.in_(bindparam("activity_ids", expanding=True)), *_CLAIMABLE).values(
    scored_at=bindparam("now")).returning(Activity.id).execution_options(synchronize_session=False)


def _claim(activity_ids, now):
    """Which of `activity_ids` this call claims for scoring (see score_closed): in one statement where the database
    returns the rows an update changed (two hundred rooms revealing together are one wave), one by one elsewhere."""
    if db.session.get_bind().dialect.update_returning:
        return set(db.session.scalars(_CLAIM_ALL, {"activity_ids": list(activity_ids), "now": now}))
    return {activity_id for activity_id in activity_ids
            if db.session.execute(_CLAIM, {"activity_id": activity_id, "now": now}).rowcount}


@dataclass(frozen=True)
class Scored:
    """An activity score_closed scored, and whether its awards count in its room's standings now (it is revealed,
    or its event has ended): then the room's scores have changed."""

    activity_id: int
    event_id: int
    counted: bool


def score_closed(activity_ids, rounds=None):
    """Scores activities that closed without their awards, in one transaction; returns those this call scored, as
    Scored.

    Closing and revealing (activities.close, reveal, close_when_due) commit the new status and send the room's state
    first: a state shows results, never points (scores follow in their own message), so two thousand phones need
    not wait for two thousand awards to be written. The scoring comes next, from `rounds` (activity id -> the Round
    it closed with; no answer reaches a closed activity, so it is still whole), or from the room read afresh.

    Whoever claims an activity first scores it: the worker that closed it, or any worker's deadline watcher when
    that one stopped in between (score_pending). The claim is a conditional update of `scored_at`, so nobody scores
    it twice, and an activity skipped or re-scored meanwhile is left as it is.
    """
    rounds = rounds or {}
    now = now_ms()
    claimed = _claim(activity_ids, now) if activity_ids else set()
    scored = []
    if claimed:
        # Oldest first: a graded activity's streaks read the awards of the earlier ones.
        for activity in db.session.scalars(select(Activity).where(Activity.id.in_(claimed)).order_by(
                Activity.opened_at, Activity.id).execution_options(populate_existing=True)):
            score_activity(activity, rounds.get(activity.id))
            # Read before the commit, which expires every row (reading them after would load each one again).
            counted = activity.status == room.REVEALED or db.session.get(Event, activity.event_id).status == room.ENDED
            scored.append(Scored(activity.id, activity.event_id, counted))
    db.session.commit()
    return scored


def score_pending(now=None):
    """Scores the activities a stopped worker closed and left unscored (see score_closed), oldest first, each in a
    transaction of its own: the rooms whose standings changed, as Changes. Safe to run on several workers at once."""
    now = now or now_ms()
    pending = db.session.scalars(
        select(Activity.id).where(
            Activity.scored_at.is_(None), Activity.status.in_((room.CLOSED, room.REVEALED)),
            Activity.closed_at <= now - RECOVER_AFTER_MS,
        ).order_by(Activity.opened_at, Activity.id)
    ).all()
    db.session.rollback()
    changes = []
    for activity_id in pending:
        try:
            scored = score_closed([activity_id])
        except Exception:  # one that cannot be scored must not keep the others waiting
            db.session.rollback()
            current_app.logger.exception("Scoring activity %s failed", activity_id)
            continue
        changes.extend(Changes(each.event_id, scores=True) for each in scored if each.counted)
    return changes


def unscore_activity(activity):
    """Removes an activity's awards (it was skipped), inside the caller's transaction."""
    db.session.execute(_DELETE_AWARDS, {"activity_id": activity.id})
    if activity.scored_at is None:
        activity.scored_at = now_ms()


def correct(event, points, note, player_id=None, team_id=None):
    """The facilitator's correction of a score: an award like any other, with the reason they typed."""
    room.require_not_ended(event.status)
    if (player_id is None) == (team_id is None):
        raise GameError("invalid_payload", "Correct either a player's score or a team's.")
    if player_id is not None:
        player = db.session.get(Player, player_id)
        if not player or player.event_id != event.id or player.status != "active":
            raise GameError("not_found", "That player is not in this room.", status=404)
        team_id = player.team_id
        owner = {"player_id": player.id, "team_id": None}
    else:
        if team_id not in {team.id for team in teams_of(event.id)}:
            raise GameError("not_found", "There is no such team in this room.", status=404)
        owner = {"player_id": None, "team_id": team_id}
    award = Award(event_id=event.id, reason=rules.CORRECTION, points=points, note=note, **owner)
    db.session.add(award)
    db.session.commit()
    return award, Changes(event.id, scores=True)


def _counted(query, event):
    """`query` over awards, kept to those the room may count: corrections, and those of revealed activities (all of
    them once the event has ended)."""
    return _counting(query, event.status == room.ENDED, event.id)


def _counting(query, ended, event_id=None):
    """_counted for an event that has `ended` or not; its id bound later (`event_id` parameter) when None."""
    query = query.outerjoin(Activity, Activity.id == Award.activity_id).where(
        Award.event_id == (bindparam("event_id") if event_id is None else event_id))
    if not ended:
        query = query.where(or_(Award.activity_id.is_(None), Activity.status == room.REVEALED))
    return query


# What standings read of each award, as plain rows: every scores flush reads them all (a room of 2,000 after ten
# activities holds 20,000), and loading each as an ORM object took most of a flush. Only the reasons whose detail
# a badge reads bring it (its JSON decoded 20,000 times otherwise).
_AWARD_ROWS = select(*(column for column in Award.__table__.columns if column.name != "detail"), type_coerce(
    case((Award.reason.in_(DETAIL_READ), Award.detail), else_=None), Award.detail.type).label("detail"))


def _visible_awards(event):
    return db.session.execute(_counted(_AWARD_ROWS, event).order_by(Award.id)).all()


_SCORED = {ended: select(func.count(Activity.id)).where(
    Activity.event_id == bindparam("event_id"),
    Activity.status.in_([room.REVEALED, room.CLOSED] if ended else [room.REVEALED])) for ended in (False, True)}


def _scored_activities(event):
    return db.session.scalar(_SCORED[event.status == room.ENDED], {"event_id": event.id})


@dataclass
class Standings:
    teams: list  # ranked team rows
    players: list  # ranked player rows, each with its badges
    corrections: list

    def player_row(self, player_id):
        return self._index("_players_by_id", self.players).get(player_id)

    def team_row(self, team_id):
        return self._index("_teams_by_id", self.teams).get(team_id)

    def _index(self, name, rows):
        """Rows by id, built once: every phone of a big room looks its own row up after each scoring."""
        index = self.__dict__.get(name)
        if index is None:
            index = self.__dict__[name] = {row["id"]: row for row in rows}
        return index

    @property
    def anyone_scored(self):
        return any(row["points"] for row in self.players) or any(row["points"] for row in self.teams)


def standings(event):
    """Every team's and player's points, rank and badges, from the awards the room may count."""
    awards = _visible_awards(event)
    members = members_of(event.id)
    scored = _scored_activities(event)
    player_points = rules.totals(awards, lambda a: a.player_id if a.player_id in members else None)
    team_points = rules.totals(awards, lambda a: a.team_id if a.player_id is None else None)
    by_player = {}
    for award in awards:
        if award.player_id in members:
            by_player.setdefault(award.player_id, []).append(award)
    teams = rules.rank([
        {"id": t.id, "name": t.name, "colour": t.colour, "icon": t.icon, "points": team_points.get(t.id, 0)}
        for t in teams_of(event.id)
    ])
    shared = {}  # the same figures earn the same badges, and most of a big room shares a handful of figures

    def badges(player_id):
        figures = stats(by_player.get(player_id, []), scored)
        key = tuple(sorted(figures.items()))
        if key not in shared:
            shared[key] = [badge_view(b, event.language) for b in earned(figures)]
        return shared[key]

    players = rules.rank([
        {"id": pid, "name": name, "team_id": team_id, "points": player_points.get(pid, 0), "badges": badges(pid)}
        for pid, (team_id, name) in members.items()
    ])
    names = {pid: name for pid, (_, name) in members.items()}
    team_names = {t["id"]: t["name"] for t in teams}
    corrections = [
        {"id": a.id, "points": a.points, "note": a.note, "at": a.created_at,
         "player_id": a.player_id, "team_id": a.team_id if a.player_id is None else None,
         "target": names.get(a.player_id) if a.player_id else team_names.get(a.team_id)}
        for a in awards if a.reason == rules.CORRECTION
    ]
    return Standings(teams, players, corrections)


def _podium(event, table):
    """The top three places; nobody stands on the podium with no points."""
    rows = table.teams if table.teams else table.players
    places = [row for row in rows if row["rank"] <= PODIUM_PLACES and row["points"] > 0]
    return {"of": "teams" if table.teams else "players", "places": places}


def host_scores(event, table):
    return {"teams": table.teams, "players": table.players, "corrections": table.corrections, "podium": _podium(event, table)}


def screen_scores(event, table):
    """What the big screen may show, as the facilitator chose: teams only, the top five, everyone, or nothing."""
    board = event.board
    view = {"board": board, "teams": None, "players": None, "podium": None}
    if board != "hidden":
        view["teams"] = table.teams or None
    if board == "top5":
        view["players"] = [row for row in table.players if row["rank"] <= TOP][:TOP]
    elif board == "everyone":
        view["players"] = table.players
    if event.scene == "podium":
        view["podium"] = _podium(event, table)
    return view


def player_scores(table, player_id):
    """A phone's own points, rank and badges, and its team's: always shown to that player alone."""
    row = table.player_row(player_id)
    me = row and {"points": row["points"], "rank": row["rank"], "of": len(table.players), "badges": row["badges"]}
    team = row and row["team_id"] and table.team_row(row["team_id"])
    return {
        "me": me,
        "team": team and {"id": team["id"], "name": team["name"], "points": team["points"], "rank": team["rank"], "of": len(table.teams)},
    }


def _own_standing_statements(ended):
    """own_standing's reads, built once for each kind of event (ended or not): every connecting phone runs them."""
    active = select(Player.id).where(Player.event_id == bindparam("event_id"), Player.status == "active")
    return {
        "own": _counting(_AWARD_ROWS, ended).where(Award.player_id == bindparam("player_id")),
        # The room's side of every phone's rank (RoomTotals): each player in the room with a counted award, and
        # their total; how many players are in the room, and how many activities have counted (what the badges
        # are measured against).
        "totals": _counting(select(Award.player_id, func.sum(Award.points)), ended).where(
            Award.player_id.in_(active)).group_by(Award.player_id),
        "counts": select(select(func.count()).select_from(active.subquery()).scalar_subquery(),
                         _SCORED[ended].scalar_subquery()),
        # Every team's total (a team's awards are those with no player): a room has a handful of teams.
        "teams": _counting(select(Award.team_id, func.sum(Award.points)), ended).where(
            Award.player_id.is_(None), Award.team_id.is_not(None)).group_by(Award.team_id),
    }


_OWN_STANDING = {ended: _own_standing_statements(ended) for ended in (False, True)}


@dataclass(frozen=True)
class RoomTotals:
    """What a phone's rank is counted against: the totals of the room's players with a counted award, in ascending
    order, and whose they are; how many players are in the room; how many activities have counted."""

    ordered: list
    listed: frozenset
    players: int
    scored: int


def _room_totals(event):
    """The room's totals, read once for the phones that connect together (services/shared.py): each phone's rank
    counted from the whole room's awards made a room's reconnect wave read them once per phone. Returns them, and
    whether they were read just now (not shared)."""
    statements = _OWN_STANDING[event.status == room.ENDED]
    fresh = []

    def read():
        fresh.append(True)
        rows = db.session.execute(statements["totals"], {"event_id": event.id}).all()
        players, scored = db.session.execute(statements["counts"], {"event_id": event.id}).one()
        return RoomTotals(sorted(total for _, total in rows), frozenset(pid for pid, _ in rows), players, scored)

    return room_totals().get(event.id, (event.version, event.status), read), bool(fresh)


def own_standing(event, player):
    """One phone's scores (as player_scores gives them), without ranking a whole room in Python for each of two
    thousand connections: the player's own awards, and how many of the room's totals are above theirs.

    A player the room's totals do not list, read just now, has no counted award, and their own are not read: every
    phone of a join wave is new (each join makes the next connection read the totals afresh). Totals shared with
    the phones connecting together (services/shared.py) may miss an award another worker made in the last second:
    the phone's own awards are read then, so that it never sees fewer points than it has."""
    statements = _OWN_STANDING[event.status == room.ENDED]
    totals, fresh = _room_totals(event)
    own_awards = [] if fresh and player.id not in totals.listed else db.session.execute(
        statements["own"], {"event_id": event.id, "player_id": player.id}).all()
    mine = sum(award.points for award in own_awards)
    above = len(totals.ordered) - bisect.bisect_right(totals.ordered, mine)  # their own total is never above it
    listed = len(totals.listed) - (player.id in totals.listed)  # the others with a counted award
    others, scored = totals.players - 1, totals.scored
    me = {
        "points": mine,
        "rank": rules.rank_of(mine, above, unlisted=others - listed),
        "of": 1 + others,
        "badges": [badge_view(b, event.language) for b in earned(stats(own_awards, scored))],
    }
    team = None
    if player.team_id is not None:
        teams = teams_of(event.id)
        team_sums = dict(db.session.execute(statements["teams"], {"event_id": event.id}).all())
        team_points = team_sums.get(player.team_id, 0)
        others = [team_sums.get(t.id, 0) for t in teams if t.id != player.team_id]
        name = next(t.name for t in teams if t.id == player.team_id)
        team = {"id": player.team_id, "name": name, "points": team_points,
                "rank": rules.rank_among(team_points, others), "of": len(teams)}
    return {"me": me, "team": team}
