"""Activities: starting, advancing, closing and revealing them, and taking players' responses and drafts."""
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..game import room as rules
from ..game import time_help
from ..game.activities import get_kind
from ..game.activities.base import load_with
from ..game.errors import GameError
from ..game.profanity import censor
from ..models import Activity, DraftField, Event, Player, Response
from ..models.base import now_ms
from . import points
from .changes import ALL, Changes
from .rooms import bump_version, bump_versions, commit_keeping_rows
from .rounds import bare_round, load_round, load_rounds


def current_activity(event):
    return db.session.get(Activity, event.current_activity_id) if event.current_activity_id else None


def _not_found():  # a new error each time: an exception raised again keeps every traceback it was raised with
    return GameError("not_found", "There is no such activity in this room.", status=404)


def _already_answered():
    return GameError("already_answered", "You already answered this one.", status=409)


def _activity_in(event, activity_id, locked=False):
    """The event's activity `activity_id`, else not_found; `locked`: read afresh and locked (see _locked), in one
    reading (another room's stays locked only until the refusal rolls back)."""
    activity = _locked(activity_id) if locked else db.session.get(Activity, activity_id)
    if not activity or activity.event_id != event.id:
        raise _not_found()
    return activity


def own_deadline(activity, player):
    """The player's own deadline for the activity's current stage: the room's, later with time help, None untimed."""
    return time_help.own_deadline(activity.ends_at, player.extra_time_s, player.untimed)


def _locked(activity_id):
    """The activity, read afresh and locked until the transaction ends (PostgreSQL's FOR NO KEY UPDATE; SQLite has
    one writer at a time anyway).

    A facilitator's action and the deadline watchers of every worker race for the same open activity: without the
    lock, a close read the activity as open, a watcher closed it meanwhile, and the close was written a second time
    (two close transitions, the version up by two). With it, whoever comes second waits, then sees what the first
    did: a watcher's conditional update finds the activity no longer due, a facilitator's close finds it closed.
    Answers are not held up: storing one takes only a key-share lock on its activity, which this does not block.
    """
    return db.session.get(Activity, activity_id, with_for_update={"key_share": True}, populate_existing=True)


def _current_in(event, activity_id):
    """The activity the facilitator controls must be the one the room is on: the screens show only that one.
    It is locked for the rest of the transaction (see _locked)."""
    return _is_current(event, _activity_in(event, activity_id, locked=True))


def _is_current(event, activity):
    if activity.id != event.current_activity_id:
        raise GameError("wrong_state", "That activity is no longer the current one.")
    return activity


def _deadline(event, now, duration_s):
    """A fresh timer's deadline: in remote mode a few seconds longer, for the video call's lag."""
    return rules.timer_deadline(now, duration_s, remote=event.remote)


# Who has time help: a player in the room with extra time or none at all.
_HAS_HELP = (Player.status == "active", or_(Player.extra_time_s > 0, Player.untimed.is_(True)))
# Built once: every state a room sends asks it (building the statement cost more than running it).
_HELPED = select(Player.id, Player.extra_time_s, Player.untimed).where(
    Player.event_id == bindparam("event_id"), *_HAS_HELP).order_by(Player.id)
# The same for several rooms at once (a group of starts or reveals).
_HELPED_IN_ROOMS = select(Player.event_id, Player.id, Player.extra_time_s, Player.untimed).where(
    Player.event_id.in_(bindparam("event_ids", expanding=True)), *_HAS_HELP).order_by(Player.id)


def _helped_rows(event_ids):
    """{event id: its (player id, extra seconds, untimed) with time help} for several rooms, in one statement (see
    helped); a room where nobody has help is left out."""
    rows = {}
    for row in db.session.execute(_HELPED_IN_ROOMS, {"event_ids": event_ids}):
        rows.setdefault(row.event_id, []).append((row.id, row.extra_time_s, row.untimed))
    return rows


def helped(activity, rows=None):
    """The active players of the activity's room who have time help, each with whether they still have to answer
    the current stage (see ActivityKind.waiting); [] in the usual room, where nobody has help (one small query).
    `rows`: the room's (player id, extra seconds, untimed) with help, when already read."""
    if rows is None:
        rows = db.session.execute(_HELPED, {"event_id": activity.event_id}).all()
    if not rows:
        return []
    waiting = set(get_kind(activity.kind).waiting(load_round(activity))) if activity.status == rules.OPEN else set()
    return [time_help.Help(pid, extra or 0, bool(untimed), pid in waiting) for pid, extra, untimed in rows]


def _closing(activity, helped_rows=None):
    """When the activity closes by itself, and the room's players with time help that was worked out from (see
    helped); (None, None) when it is not open."""
    if activity.status != rules.OPEN:
        return None, None
    room_helped = helped(activity, helped_rows)
    return time_help.closes_at(activity.ends_at, room_helped), room_helped


def _closes_at(activity):
    return _closing(activity)[0]


def _set_timer(activity, ends_at, helped_rows=None):
    """The one way the room's deadline is set: `ends_at`, and when the activity closes by itself (`closes_at`,
    later while a player with time help is still answering). Call it once the activity's stage is set.
    `helped_rows`: see helped.

    Returns the room's players with time help as read for it (see helped; None when the activity is not open)."""
    activity.ends_at = ends_at
    activity.closes_at, room_helped = _closing(activity, helped_rows)
    return room_helped


def _refresh_closes_at(activity):
    """Works `closes_at` out again after a player with help answered, had their help changed or left the room.

    Written only if the activity is still open at the same stage and deadline (the deadline watcher or the
    facilitator may have moved it on meanwhile). True when it changed.
    """
    if activity.status != rules.OPEN:
        return False
    closes_at = _closes_at(activity)
    if closes_at == activity.closes_at:
        return False
    db.session.flush()
    done = db.session.execute(
        update(Activity).where(  # `== None` is IS NULL: a stage-less kind, a paused timer
            Activity.id == activity.id, Activity.status == rules.OPEN, Activity.stage == activity.stage,
            Activity.ends_at == activity.ends_at,
        ).values(closes_at=closes_at).execution_options(synchronize_session=False)
    )
    if not done.rowcount:
        return False
    set_committed_value(activity, "closes_at", closes_at)
    return True


def refresh_current(event):
    """After a change to who has time help (or who is in the room): the current activity's `closes_at` again, in
    the caller's transaction. True when it changed (the room's state then has a new version to send)."""
    current = current_activity(event)
    return bool(current) and _refresh_closes_at(current)


def _team_views(kind):
    return ALL if kind.requires_teams else None


def _private_views(kind):
    return ALL if kind.has_player_view else None


def _history(event, kind, column):
    """`column` (settings or control) of this kind's earlier activities in the event, oldest first."""
    return db.session.scalars(
        select(column).where(Activity.event_id == event.id, Activity.kind == kind.name).order_by(Activity.id)
    ).all()


class _EarlierSettings(Sequence):
    """The settings of a kind's earlier activities in the event (see ActivityKind.load_settings), read the first
    time the kind looks at them: only a prompt drawn from a pack does, and a room of polls starts without reading."""

    def __init__(self, event, kind):
        self._event, self._kind = event, kind

    @functools.cached_property
    def _settings(self):
        return _history(self._event, self._kind, Activity.settings)

    def __getitem__(self, index):
        return self._settings[index]

    def __len__(self):
        return len(self._settings)


def _lock_room(event):
    """The event row, read afresh and locked until the transaction ends: two consoles of one event (an owner and a
    co-facilitator, maybe on different workers) starting an activity at the same moment would otherwise both see
    the room free and both open one. The second now waits, then finds the first one open (`wrong_state`).

    SQLite takes no row lock (it has one writer at a time): there a second reading would lock nothing, and the row
    is not read twice."""
    if db.session.get_bind().dialect.name != "sqlite":
        db.session.get(Event, event.id, with_for_update={"key_share": True}, populate_existing=True)


def _start_checked(event, current, kind_name, raw_settings):
    """A start's rules, in order: the kind exists, the room is free (`current`: its current activity), teams for a
    team kind, then the kind's settings. Returns the kind and its settings, loaded."""
    kind = get_kind(kind_name)
    rules.can_start_activity(event.status, current.status if current else None)
    if kind.requires_teams:
        rules.require_teams(event.teams_mode)
    return kind, kind.load_settings(raw_settings, _EarlierSettings(event, kind))


def start(event, kind_name, raw_settings, on_open=None):
    """Opens a new activity of `kind_name`; it becomes the room's current activity and the screen shows it.

    `on_open(activity)` runs in the same transaction, before the commit (an agenda item marks itself started).
    """
    _lock_room(event)
    kind, settings = _start_checked(event, current_activity(event), kind_name, raw_settings)
    return _open(event, kind, settings, on_open)


# Rooms in id order (the order a group of starts locks them in), and their current activities.
_GROUP_ROOMS = select(Event).where(Event.id.in_(bindparam("event_ids", expanding=True))).order_by(
    Event.id).execution_options(populate_existing=True)
_GROUP_CURRENTS = select(Activity).where(Activity.id.in_(bindparam("activity_ids", expanding=True))).execution_options(
    populate_existing=True)


def start_group(starts, plan=None):
    """Opens the activities that facilitators of several rooms asked for together, `[(event_id, kind_name,
    raw_settings)]` in the order they came (with `plan`, `[(event_id, *what)]`, and `plan(event, *what)` gives
    (kind_name, raw_settings, on_open): an agenda's next item), in one transaction: the rooms read in one statement
    (locked, in id order, where the database locks rows: see _lock_room), their current activities in a second
    one, their players with time help in a third, the new activities written together and their members and answers
    read in two statements (for a kind's first control, such as a kudos round's buddies, and for their states:
    Changes.opened), the rooms' versions in one call, one commit. Each start meets the rules of `start`, in the same
    order; a second start of one room in the group finds the first one open.

    The current activities are read after the rooms' locks are held, in a statement of their own: on PostgreSQL a
    row lock that had to wait returns the room as the other transaction left it, but a row joined to it in the same
    statement as it was before (that room's new activity missing: two consoles would both open one).

    Returns one outcome per start: (activity, Changes) or the GameError it was refused with; or None for every start
    when another worker's transaction collided with this one's (each is then taken alone, with `start`).
    """
    statement = _GROUP_ROOMS
    if db.session.get_bind().dialect.name != "sqlite":
        statement = statement.with_for_update(key_share=True, of=Event)
    params = {"event_ids": sorted({event_id for event_id, *_ in starts})}
    events = db.session.scalars(statement, params).all()
    current_ids = [event.current_activity_id for event in events if event.current_activity_id]
    currents = {activity.id: activity for activity in db.session.scalars(
        _GROUP_CURRENTS, {"activity_ids": current_ids})} if current_ids else {}
    rooms = {event.id: [event, currents.get(event.current_activity_id)] for event in events}
    outcomes, opening = [], []
    for event_id, *what in starts:
        try:
            if event_id not in rooms:
                raise GameError("room_not_found", "There is no room with that code. Check the code on the big screen.",
                                status=404)
            event, current = rooms[event_id]
            kind_name, raw_settings, on_open = plan(event, *what) if plan else (*what, None)
            kind, settings = _start_checked(event, current, kind_name, raw_settings)
        except GameError as error:
            outcomes.append(error)
            continue
        activity = _new_activity(event, kind, settings)
        db.session.add(activity)
        rooms[event_id][1] = activity  # open: a second start of the room in this group is refused
        opening.append((len(outcomes), event, kind, activity, on_open))
        outcomes.append(None)

    def write():
        db.session.flush()
        helped_rows = _helped_rows([event.id for _, event, _, _, _ in opening])
        rounds = load_rounds([activity for _, _, _, activity, _ in opening])
        for index, event, kind, activity, on_open in opening:
            changes = _opened(event, kind, activity, helped_rows.get(event.id, []), on_open, bump=False,
                              round_=rounds[activity.id])
            changes.opened = rounds[activity.id]
            outcomes[index] = (activity, changes)
        bump_versions([event for _, event, _, _, _ in opening],
                      {event.id: _now_current(activity) for _, event, _, activity, _ in opening})

    return _written_together(outcomes, write if opening else None)


def _written_together(outcomes, write):
    """The end of a group of facilitators' actions: `write()` and one commit that keeps the rows (the states are
    built from them next), or a rollback when nothing is to be written (`write` None). Returns `outcomes`, or None
    for each when another worker's transaction collided with this one's (each is then taken alone)."""
    if write is None:
        db.session.rollback()
        return outcomes
    try:
        write()
        commit_keeping_rows()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        if isinstance(error, OperationalError) and not _lost_a_race(error):
            raise
        return [None] * len(outcomes)
    return outcomes


def rerun(event, activity_id):
    """Runs an activity again, as a new one with the same settings (the same prompt): earlier answers are kept."""
    _lock_room(event)
    earlier = _activity_in(event, activity_id)
    kind = get_kind(earlier.kind)
    current = current_activity(event)
    rules.can_start_activity(event.status, current.status if current else None)
    if kind.requires_teams:
        rules.require_teams(event.teams_mode)
    return _open(event, kind, earlier.settings)


def _new_activity(event, kind, settings):
    """A new open activity of the room (not yet added to the session), its timer running from now."""
    opened_at = now_ms()
    duration = settings.get("duration_s")
    ends_at = _deadline(event, opened_at, duration)
    return Activity(
        event_id=event.id,
        kind=kind.name,
        settings=settings,
        status=rules.OPEN,
        stage=kind.stages[0] if kind.stages else None,
        duration_s=duration,
        opened_at=opened_at,
        ends_at=ends_at,
        closes_at=ends_at,  # what _set_timer finds in a room where nobody has time help: then no second write
    )


def _opened(event, kind, activity, helped_rows=None, on_open=None, bump=True, round_=None):
    """Makes `activity` (written: it has its id) the room's current one, in the caller's transaction; returns what
    changed. `helped_rows`: see helped. `bump`: False when the caller writes the room's version and current activity
    itself (_now_current, a group of starts). `round_`: the new activity's Round, when already read (a group of
    starts reads all its rooms at once)."""
    if kind.opens_with_control:
        earlier = [c or {} for c in _history(event, kind, Activity.control)[:-1]]
        activity.control = kind.initial_control(round_ or load_round(activity), earlier)
    room_helped = _set_timer(activity, activity.ends_at, helped_rows)
    if on_open:
        on_open(activity)
    if bump:
        bump_version(event, **_now_current(activity))
    # No live results: the state carries the new activity's to every role, and nothing changes them until the first
    # answer (two hundred rooms starting together would each read their room again a moment later for the same).
    return Changes(event.id, state=True, teams=_team_views(kind), helped=room_helped)


def _now_current(activity):
    """What a start writes on its room, with the room's new version."""
    return {"current_activity_id": activity.id, "status": rules.RUNNING, "scene": "activity"}


def _open(event, kind, settings, on_open=None):
    activity = _new_activity(event, kind, settings)
    db.session.add(activity)
    db.session.flush()
    changes = _opened(event, kind, activity, on_open=on_open)
    commit_keeping_rows()  # the state is built from these rows
    return activity, changes


def _mark_closed(activity, now):
    activity.status = rules.CLOSED
    activity.closed_at = now
    activity.paused_left_ms = None
    activity.closes_at = None


def _finish(activity, now):
    """Closes an open activity in the caller's transaction; returns the Round it closed with, which its scoring
    reads once the room's state has gone out (points.score_closed, through Changes.closed)."""
    _mark_closed(activity, now)
    db.session.flush()
    return load_round(activity)


def advance(event, activity_id):
    """Moves an open activity to its next stage (a scenario from writing to voting), with that stage's timer."""
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    kind = get_kind(activity.kind)
    activity.stage = rules.advance(activity.status, kind.stages, activity.stage)
    now = now_ms()
    activity.paused_left_ms = None  # the next stage's clock starts running
    _set_timer(activity, _deadline(event, now, kind.stage_duration_s(activity.settings, activity.stage)))
    bump_version(event)
    commit_keeping_rows()
    return Changes(event.id, state=True, results=True, teams=_team_views(kind))


def close(event, activity_id):
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    rules.close(activity.status)
    closed = _finish(activity, now_ms())
    bump_version(event)
    commit_keeping_rows()
    return Changes(event.id, state=True, results=True, teams=_team_views(get_kind(activity.kind)), closed=closed)


def _revealed(event, activity, closed, room_helped=None):
    """What a reveal changed (`closed`: the Round the activity closed with, None if it was not open any more;
    `room_helped`: see Changes.helped)."""
    return Changes(event.id, state=True, results=True, scores=True, teams=_team_views(get_kind(activity.kind)),
                   closed=closed, helped=room_helped)


def reveal(event, activity_id):
    """Shows the results to everyone; points earned in the activity count from now on."""
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    status = rules.reveal(activity.status)
    closed = _finish(activity, now_ms()) if activity.status == rules.OPEN else None
    activity.status = status
    bump_version(event)
    commit_keeping_rows()
    return _revealed(event, activity, closed)


# Activities with their rooms, in id order (the order a group of reveals locks them in).
_GROUP_CURRENT = select(Event, Activity).join(Activity, Activity.event_id == Event.id).where(
    Activity.id.in_(bindparam("activity_ids", expanding=True))).order_by(Activity.id).execution_options(
    populate_existing=True)


def reveal_group(reveals):
    """Reveals the activities that facilitators of several rooms asked to reveal together, `[(event_id,
    activity_id)]` in the order they came, in one transaction: the activities and their rooms read in one statement
    (the activities locked, in id order, where the database locks rows: see _locked), the open ones closed in one
    write and their answers and members read in two (rounds.load_rounds), all revealed in another write, the rooms'
    versions in a third, their players with time help read in one statement for their states, one commit. Each
    reveal meets the rules of `reveal`, in the same order.

    Returns one outcome per reveal, as start_group does: its Changes or the GameError it was refused with; or None
    for every reveal when another worker's transaction collided with this one's.
    """
    statement = _GROUP_CURRENT
    if db.session.get_bind().dialect.name != "sqlite":
        statement = statement.with_for_update(key_share=True, of=Activity)
    params = {"activity_ids": sorted({activity_id for _, activity_id in reveals})}
    found = {activity.id: (event, activity) for event, activity in db.session.execute(statement, params)}
    outcomes, revealing, taken, now = [], [], set(), now_ms()
    for event_id, activity_id in reveals:
        event, activity = found.get(activity_id, (None, None))
        try:
            if event is None or event.id != event_id:
                raise _not_found()
            _is_current(event, activity)
            rules.require_not_ended(event.status)
            # A second reveal of one activity in the group finds it revealed, as it would one after the other.
            rules.reveal(rules.REVEALED if activity_id in taken else activity.status)
        except GameError as error:
            outcomes.append(error)
            continue
        opened = activity.status == rules.OPEN
        if opened:
            _mark_closed(activity, now)
        taken.add(activity_id)
        revealing.append((len(outcomes), event, activity, opened))
        outcomes.append(None)

    def write():
        db.session.flush()
        closing = [activity for _, _, activity, opened in revealing if opened]
        closed = load_rounds(closing) if closing else {}
        for _, _, activity, _ in revealing:  # written together, before the versions
            activity.status = rules.REVEALED
        db.session.flush()
        bump_versions([event for _, event, _, _ in revealing])
        helped_rows = _helped_rows([event.id for _, event, _, _ in revealing])
        for index, event, activity, _ in revealing:
            room_helped = helped(activity, helped_rows.get(event.id, []))
            outcomes[index] = _revealed(event, activity, closed.get(activity.id), room_helped)

    return _written_together(outcomes, write if revealing else None)


def control(event, activity_id, raw_action):
    """Applies a facilitator's action to the current activity (hide a word, approve an answer, spin the wheel)."""
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    kind = get_kind(activity.kind)
    if kind.control_schema is None:
        raise GameError("wrong_kind", "This activity has no controls of its own.")
    action = load_with(kind.control_schema, raw_action)
    earlier = [c or {} for c in _history(event, kind, Activity.control)[:-1]]
    controlled = kind.control(load_round(activity), action, earlier)
    activity.control = controlled.control
    if controlled.timer_s is not None and activity.status == rules.OPEN:
        activity.paused_left_ms = None  # the next item's clock starts running
        _set_timer(activity, _deadline(event, now_ms(), controlled.timer_s))
    elif activity.status == rules.OPEN:
        db.session.flush()  # the next turn or item: who still has to answer may have changed
        _set_timer(activity, activity.ends_at)
    rescored = activity.status in (rules.CLOSED, rules.REVEALED)
    if rescored:  # a kudos approved after the round closed still earns its points
        db.session.flush()
        points.score_activity(activity)
    bump_version(event)
    db.session.commit()
    mine = _private_views(kind) if controlled.players is None or not kind.has_player_view else set(controlled.players)
    return Changes(event.id, state=True, results=True, scores=rescored, teams=_team_views(kind), mine=mine)


def extend(event, activity_id, seconds):
    """Gives the room more time: the open activity's timer runs `seconds` longer (paused: that much more is left)."""
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    ends_at, activity.paused_left_ms = rules.extend_timer(
        activity.status, activity.ends_at, activity.paused_left_ms, seconds, now_ms()
    )
    _set_timer(activity, ends_at)
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True)


def pause(event, activity_id):
    """Stops the open activity's clock: what is left is kept and the deadline watcher leaves it alone.

    Answers are still taken while paused; only the clock stops.
    """
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    activity.paused_left_ms = rules.pause_timer(activity.status, activity.ends_at, activity.paused_left_ms, now_ms())
    _set_timer(activity, None)
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True)


def resume(event, activity_id):
    """Starts a paused clock again with the time that was left."""
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    ends_at = rules.resume_timer(activity.status, activity.paused_left_ms, now_ms())
    activity.paused_left_ms = None
    _set_timer(activity, ends_at)
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True)


def skip(event, activity_id):
    """Leaves the current activity without results: it earns no points, the screen goes back to the room.

    Its answers stay stored (nothing a player gave is dropped); the facilitator may run it again.
    """
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    activity.status = rules.SKIPPED
    activity.closed_at = activity.closed_at or now_ms()
    activity.closes_at = None
    points.unscore_activity(activity)
    event.current_activity_id = None
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, results=True, scores=True)


def close_when_due(now=None):
    """Moves on every open activity that came due: to its next stage, or closed (and scored once its state is out:
    Changes.closed).

    Due is `closes_at`: the room's deadline, or later while a player with time help is still answering (never while
    a player with no time limit is). It lives in the database, so a restarted server closes what came due meanwhile.
    Safe to run anywhere, often, on several workers: each step is a conditional update only one of them wins.
    """
    now = now or now_ms()
    due = db.session.scalars(
        select(Activity).where(
            Activity.status == rules.OPEN, Activity.closes_at.is_not(None), Activity.closes_at <= now
        )
    ).all()
    changes = []
    for activity in due:
        kind = get_kind(activity.kind)
        following = rules.next_stage(kind.stages, activity.stage)
        guard = update(Activity).where(
            Activity.id == activity.id, Activity.status == rules.OPEN, Activity.closes_at == activity.closes_at
        ).execution_options(synchronize_session=False)
        if following:
            event = db.session.get(Event, activity.event_id)
            ends_at = _deadline(event, now, kind.stage_duration_s(activity.settings, following))
            values = {"stage": following, "ends_at": ends_at, "closes_at": ends_at}
        else:
            values = {"status": rules.CLOSED, "closed_at": now, "closes_at": None}
        if not db.session.execute(guard.values(**values)).rowcount:
            continue
        db.session.refresh(activity)
        if following:  # the next stage's own closing time, with what its players with help still have to do
            activity.closes_at = _closes_at(activity)
        closed = None if following else load_round(activity)  # scored once its state is out (Changes.closed)
        bump_version(db.session.get(Event, activity.event_id))
        changes.append(Changes(activity.event_id, state=True, results=True, teams=_team_views(kind), closed=closed))
    db.session.commit()
    return changes


# The answer's path, built once: a big room's burst of answers runs these a thousand times a second, and building a
# statement costs about as much as running it.
_RESPONSE_IN_SLOT = select(Response).where(
    Response.activity_id == bindparam("activity_id"), Response.player_id == bindparam("player_id"),
    Response.slot == bindparam("slot"))
_RESPONSE_BY_REQUEST = select(Response).where(
    Response.activity_id == bindparam("activity_id"), Response.player_id == bindparam("player_id"),
    Response.request_id == bindparam("request_id"))
_ANSWERING = (
    select(Event, Activity, Player)
    .join(Activity, Activity.event_id == Event.id).join(Player, Player.event_id == Event.id)
    .where(Event.id == bindparam("event_id"), Activity.id == bindparam("activity_id"),
           Player.id == bindparam("player_id"))
)
_NEW_RESPONSE = insert(Response.__table__)  # the table's: no ORM bookkeeping for a row nothing reads back
# A group of answers (see submit_group): their rooms and activities, their players and what those players already
# stored, each read in one query.
_GROUP_ACTIVITIES = select(Event, Activity).join(Activity, Activity.event_id == Event.id).where(
    Activity.id.in_(bindparam("activity_ids", expanding=True)))
_GROUP_PLAYERS = select(Player.id, Player.event_id, Player.status, Player.team_id, Player.extra_time_s,
                        Player.untimed).where(Player.id.in_(bindparam("player_ids", expanding=True)))
_GROUP_STORED = select(Response.player_id, Response.activity_id, Response.slot, Response.passed, Response.answer,
                       Response.request_id).where(
    Response.activity_id.in_(bindparam("activity_ids", expanding=True)),
    Response.player_id.in_(bindparam("player_ids", expanding=True)))


@dataclass(frozen=True)
class Submitted:
    """What one answer came to: its view (as stored, or as stored before, for a retry), whether it was a retry, what
    changed in the room, and the phone's new private part for kinds that have one (else None)."""

    view: dict
    duplicate: bool
    changes: Changes | None = None
    mine: object = None


def _stored(activity_id, player_id, slot):
    return db.session.scalar(_RESPONSE_IN_SLOT, {"activity_id": activity_id, "player_id": player_id, "slot": slot})


def _by_request(activity_id, player_id, request_id):
    return db.session.scalar(_RESPONSE_BY_REQUEST,
                             {"activity_id": activity_id, "player_id": player_id, "request_id": request_id})


def _complete_if_reached(event, activity, kind):
    """Closes an activity whose goal the room has just reached; True when it did."""
    if not kind.completes_on_goal:
        return False
    right = db.session.scalar(
        select(func.count(Response.id)).where(Response.activity_id == activity.id, Response.correct.is_(True))
    )
    if not kind.is_complete_at(activity.settings, right):
        return False
    closed = db.session.execute(
        update(Activity).where(Activity.id == activity.id, Activity.status == rules.OPEN)
        .values(status=rules.CLOSED, closed_at=now_ms())
    )
    if not closed.rowcount:
        return False
    db.session.refresh(activity)
    points.score_activity(activity)
    bump_version(event)
    return True


def _answering(event_id, activity_id, player_id):
    """The room, the activity and the player of one answer, read in one query: a big room's burst of answers is
    the server's hottest path, and each query costs more than the work it feeds."""
    row = db.session.execute(_ANSWERING, {"event_id": event_id, "activity_id": activity_id, "player_id": player_id}).first()
    if row is None:
        raise _not_found()
    return row


def _checked(event, activity, kind, round_, player, data, now):
    """One answer checked against the room's rules and its kind's: (slot, answer, correct, other players whose
    private part it changes). Refuses with GameError."""
    rules.check_response_allowed(
        event_status=event.status,
        player_status=player.status,
        activity_status=activity.status,
        ends_at=own_deadline(activity, player),  # with time help, later than the room's (or none)
        now=now,
    )
    if data["passed"]:
        return kind.accept_pass(round_, player.id, now), None, None, frozenset()
    accepted = kind.accept(round_, player.id, kind.validate_answer(activity.settings, data["answer"]), now)
    return accepted.slot, accepted.answer, accepted.correct, accepted.players


def _row(activity, player_id, data, slot, answer, correct, now):
    """The response row of an accepted answer."""
    return {"activity_id": activity.id, "player_id": player_id, "slot": slot, "request_id": data["request_id"],
            "passed": data["passed"], "answer": answer, "correct": correct, "created_at": now}


def _row_view(row):
    """response_view of a row not yet stored (a dict)."""
    return {name: row[name] for name in RESPONSE_VIEW}


def _helped_answered(event, activity):
    """A player with time help has answered: the activity may close sooner (they no longer hold it open). True when
    the room's state changed (the screen's count of players still on extra time)."""
    if _refresh_closes_at(activity) or activity.ends_at is not None:
        bump_version(event)
        return True
    return False


def _submitted(event, kind, activity_id, player_id, view, duplicate, changes):
    """The outcome of one answer taken alone (stored now, or a retry of a stored one), with the phone's private
    part for kinds that have one."""
    mine = None
    if kind.has_player_view:  # kinds with a private part (the next co-op question) send it with the ack
        current = current_activity(event)
        others = changes.mine if changes and changes.mine != ALL and kind.player_view_needs_room else None
        if current and current.id == activity_id and others:
            # A kudos' sender and its recipient: both parts from one reading of the room, not one each.
            views = private_views(current, {player_id, *others})
            mine = views.pop(player_id, None) or None
            changes.mine_views = (current.id, views)
        else:
            mine = current and current.id == activity_id and private_view(current, player_id) or None
    return Submitted(view, duplicate, changes, mine)


def submit(event_id, player_id, data):
    """Stores one response (idempotent by request_id); returns a Submitted. The view is taken before the commit, so
    that nothing is read again after it."""
    event, activity, player = _answering(event_id, data["activity_id"], player_id)
    kind = get_kind(activity.kind)
    retried = _by_request(activity.id, player_id, data["request_id"])
    if retried:
        return _submitted(event, kind, activity.id, player_id, response_view(retried), True, None)
    now = now_ms()
    # Only kinds that check an answer against more than its shape read the room (the poll, the hot path, does not).
    if kind.needs_room:
        round_ = load_round(activity)
    elif kind.needs_context:
        named = () if data["passed"] else kind.players_named(data["answer"])
        round_ = load_round(activity, player_id=player_id, also=named)
    else:
        round_ = bare_round(activity)
    slot, answer, correct, others = _checked(event, activity, kind, round_, player, data, now)
    response = _stored(activity.id, player_id, slot)
    if response and response.request_id == data["request_id"]:
        # The same request, stored meanwhile through another connection of the seat (a phone and a laptop, maybe
        # on two workers): a retry, not a second answer.
        return _submitted(event, kind, activity.id, player_id, response_view(response), True, None)
    if response and not kind.answers_changeable:
        raise _already_answered()
    row = _row(activity, player_id, data, slot, answer, correct, now)
    team_id, helped_player = player.team_id, time_help.has_help(player.extra_time_s, player.untimed)
    try:
        if response is None:  # the usual case: one INSERT, without the ORM's unit of work
            db.session.connection().execute(_NEW_RESPONSE, row)
        else:  # a kind whose answer may change: the player changes it
            for name in ("request_id", "passed", "answer", "correct", "created_at"):
                setattr(response, name, row[name])
            db.session.flush()
        completed = _complete_if_reached(event, activity, kind)
        state = completed or (helped_player and _helped_answered(event, activity))
        db.session.commit()
    except IntegrityError:  # the same player's retry, or another answer of theirs, raced this one
        db.session.rollback()
        retried = _by_request(data["activity_id"], player_id, data["request_id"])
        if retried:
            return _submitted(event, kind, data["activity_id"], player_id, response_view(retried), True, None)
        raise _already_answered() from None
    changes = Changes(event_id, state=state, results=True,
                      teams={team_id} if kind.requires_teams else None, mine=set(others) or None)
    return _submitted(event, kind, activity.id, player_id, _row_view(row), False, changes)


def submit_group(answers):
    """Stores answers that arrived together, `[(event_id, player_id, data, arrived_at)]` in the order they came, in
    one transaction, whatever their rooms: the activities, the players and what those players already stored read
    once each, the new rows written in one INSERT. Each answer is timed (for its deadline, and for who was first)
    when it arrived, not when its group was written.

    Returns (outcomes, alone): one outcome per answer, a Submitted, the GameError it was refused with, or None when
    it must be taken alone (with `submit`); and the ids of the activities whose kind checks an answer against more
    than the activity (see ActivityKind.answers_stand_alone), whose answers are always taken alone. If another worker
    stored an answer of one of the group's players meanwhile, nothing is written and every answer is taken alone.

    Each answer meets the same rules as through `submit`, in the same order: a retry gets its stored view, then the
    room's rules, then the kind's, then one answer per slot (two answers of one player in the group included).
    """
    params = {"activity_ids": sorted({data["activity_id"] for _, _, data, _ in answers}),
              "player_ids": sorted({player_id for _, player_id, _, _ in answers})}
    found = {activity.id: (event, activity) for event, activity in db.session.execute(_GROUP_ACTIVITIES, params)}
    alone = {activity_id for activity_id, (_, activity) in found.items()
             if not get_kind(activity.kind).answers_stand_alone}
    players = {row.id: row for row in db.session.execute(_GROUP_PLAYERS, params)}
    views, slots = {}, {}  # by (activity, player, request), and the request stored in each (activity, player, slot)
    for stored in db.session.execute(_GROUP_STORED, params):
        views[stored.activity_id, stored.player_id, stored.request_id] = response_view(stored)
        slots[stored.activity_id, stored.player_id, stored.slot] = stored.request_id
    rounds, outcomes, rows, helped = {}, [], [], {}  # helped: activity id -> the answers of players with time help
    for event_id, player_id, data, now in answers:
        activity_id, request_id = data["activity_id"], data["request_id"]
        if activity_id in alone:
            outcomes.append(None)
            continue
        try:
            event, activity = found.get(activity_id, (None, None))
            player = players.get(player_id)
            if event is None or event.id != event_id or player is None or player.event_id != event_id:
                raise _not_found()
            retried = views.get((activity_id, player_id, request_id))
            if retried:
                outcomes.append(Submitted(retried, True))
                continue
            if activity_id not in rounds:
                rounds[activity_id] = bare_round(activity)
            kind = get_kind(activity.kind)
            slot, answer, correct, _ = _checked(event, activity, kind, rounds[activity_id], player, data, now)
            if (activity_id, player_id, slot) in slots:  # the same request was caught by `views` above
                raise _already_answered()
        except GameError as error:
            outcomes.append(error)
            continue
        row = _row(activity, player_id, data, slot, answer, correct, now)
        rows.append(row)
        views[activity_id, player_id, request_id] = _row_view(row)
        slots[activity_id, player_id, slot] = request_id
        if time_help.has_help(player.extra_time_s, player.untimed):
            helped.setdefault(activity_id, []).append(len(outcomes))
        outcomes.append(Submitted(views[activity_id, player_id, request_id], False, Changes(event_id, results=True)))
    if not rows:
        db.session.rollback()
        return outcomes, alone
    # In key order: two workers writing groups that share a player then wait for each other's rows in the same
    # order, one after the other, instead of each holding a row the other waits for (a deadlock).
    rows.sort(key=lambda row: (row["activity_id"], row["player_id"], row["slot"]))
    try:
        db.session.connection().execute(_NEW_RESPONSE, rows)
        for activity_id, indexes in helped.items():
            if _helped_answered(*found[activity_id]):
                for index in indexes:
                    outcomes[index].changes.state = True
        db.session.commit()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        if isinstance(error, OperationalError) and not _lost_a_race(error):
            raise
        return [None] * len(answers), alone  # another worker stored an answer of these players meanwhile: each alone
    return outcomes, alone


def _lost_a_race(error):
    """A write another transaction's write made fail and that can be tried again: PostgreSQL's deadlock and
    serialization failures (SQLite has one writer at a time)."""
    return getattr(error.orig, "sqlstate", None) in ("40P01", "40001")


def edit_draft(event, player_id, data):
    """Writes one field of the player's team draft; the last writer of a field wins. Returns (field view, changes)."""
    activity = _current_in_for_player(event, data["activity_id"])
    player = db.session.get(Player, player_id)
    rules.check_response_allowed(
        event_status=event.status, player_status=player.status, activity_status=activity.status,
        ends_at=own_deadline(activity, player), now=now_ms(),
    )
    kind = get_kind(activity.kind)
    if not hasattr(kind, "check_draft_edit"):
        raise GameError("wrong_kind", "This activity has no shared draft.")
    round_ = load_round(activity, player_id=player_id)
    kind.check_draft_edit(round_, player_id, data["field"])
    text = censor(data["text"])
    now = now_ms()
    key = (DraftField.activity_id == activity.id, DraftField.team_id == player.team_id, DraftField.field == data["field"])
    values = {"text": text, "player_id": player_id, "updated_at": now}
    if not db.session.execute(update(DraftField).where(*key).values(**values)).rowcount:
        try:
            with db.session.begin_nested():
                db.session.add(DraftField(activity_id=activity.id, team_id=player.team_id, field=data["field"], **values))
        except IntegrityError:  # a teammate wrote the first version of this field at the same moment
            db.session.execute(update(DraftField).where(*key).values(**values))
    db.session.commit()
    view = {"field": data["field"], "text": text, "by": player.name, "at": now}
    return view, Changes(event.id, results=True, teams={player.team_id})


def _current_in_for_player(event, activity_id):
    activity = _activity_in(event, activity_id)
    if activity.id != event.current_activity_id:
        raise GameError("activity_closed", "This activity is over.", status=409)
    return activity


WAITING_LISTED = 100  # the host console names this many of the players it is waiting for, and counts the rest


def results_by_role(activity, roles=("host", "screen", "player"), closed=None, opened=None):
    """The activity's results as each role may see them, from one reading of the responses.

    While the activity is open, the result also holds "waiting" (for the facilitator): who has not answered yet.
    `closed`: the Round this activity was just closed with (Changes.closed), read instead of the room; its status,
    stage and the facilitator's control are taken from the activity as it is now. `opened`: the Round it was just
    opened with (Changes.opened), read instead of the room while it is open.
    """
    kind = get_kind(activity.kind)
    if tuple(roles) == ("player",) and kind.hides_results_from_players(activity.status):
        return {"player": None}
    if closed is not None and closed.activity_id == activity.id and activity.status != rules.OPEN:
        round_ = replace(closed, status=activity.status, stage=activity.stage, control=activity.control or {})
    elif opened is not None and opened.activity_id == activity.id and activity.status == rules.OPEN:
        round_ = replace(opened, stage=activity.stage, control=activity.control or {})
    else:
        round_ = load_round(activity)
    full = kind.tally(round_)
    views = {role: kind.results_for(role, round_, full) for role in roles}
    if "host" in roles and activity.status == rules.OPEN:
        waiting = kind.waiting(round_)
        views["waiting"] = {"count": len(waiting), "ids": waiting[:WAITING_LISTED]}
    return views


def _phone_round(kind, activity, player_id):
    """What one phone's view needs: the whole room for kinds that read it, else the player and their teammates."""
    return load_round(activity) if kind.player_view_needs_room else load_round(activity, player_id=player_id)


def my_response(activity, player_id):
    response = _stored(activity.id, player_id, 0)
    return response and response_view(response)


def player_views(activity, player_id):
    """What one phone sees of the current activity beyond the shared view: its own part and its team's."""
    kind = get_kind(activity.kind)
    if not (kind.has_player_view or kind.requires_teams):
        return {"mine": None, "team_view": None}
    round_ = _phone_round(kind, activity, player_id)
    team_id = round_.members.get(player_id)
    return {
        "mine": kind.player_view(round_, player_id) if kind.has_player_view else None,
        "team_view": kind.team_view(round_, team_id) if team_id is not None and kind.requires_teams else None,
    }


def private_view(activity, player_id):
    """A phone's private part of the activity (its next co-op question), or None for kinds without one."""
    kind = get_kind(activity.kind)
    return kind.player_view(_phone_round(kind, activity, player_id), player_id) if kind.has_player_view else None


def private_views(activity, player_ids):
    """Each named player's private part (all players for ALL), from one reading of the room."""
    kind = get_kind(activity.kind)
    if not kind.has_player_view:
        return {}
    round_ = load_round(activity)
    wanted = list(round_.members) if player_ids == ALL else [pid for pid in player_ids if pid in round_.members]
    return {player_id: kind.player_view(round_, player_id) for player_id in wanted}


def team_views(activity, team_ids):
    """Each named team's live view (all teams for ALL), from one reading of the responses."""
    kind = get_kind(activity.kind)
    if not kind.requires_teams:
        return {}
    round_ = load_round(activity)
    wanted = [team.id for team in round_.teams] if team_ids == ALL else [t for t in team_ids if t is not None]
    return {team_id: (kind.team_view(round_, team_id), round_.team_members(team_id)) for team_id in wanted}


RESPONSE_VIEW = ("activity_id", "slot", "passed", "answer")  # what a phone is told of its stored answer


def response_view(response):
    return {name: getattr(response, name) for name in RESPONSE_VIEW}
