"""The one way changes leave the server: versioned state at once; rosters, results, scores and team views coalesced."""
import math
import threading
import time

from flask import current_app
from sqlalchemy import select

from ..extensions import db, socketio
from ..game.activities import get_kind
from ..links import join_url
from ..models import Event, Player
from ..services import activities, points, views
from ..services.changes import ALL, BOARD
from ..services.players import active_players
from ..services.shared import forget_room
from ..services.teams import teams_view
from . import presence
from .connections import connections
from .rooms import player_room, role_room, staff_rooms

ROLES = ("host", "screen", "player")


def publish(changes, score=True):
    """Sends what a committed use-case changed to the clients that need it. `score`: False when the caller hands the
    activity it closed to the scoring itself (a group of actions: after all their states)."""
    if changes is None:
        return
    if changes.state:
        emit_state(changes.event_id, changes.closed, changes.helped, changes.console_lists, changes.opened)
    if changes.removed_player_id:
        send_off(changes.removed_player_id)
    if changes.me:
        emit_me(changes.event_id, changes.me)
    if changes.mine:
        emit_mine(changes.event_id, changes.mine, changes.mine_views)
    sections = {name for name in ("roster", "results") if getattr(changes, name)}
    if sections or changes.scores:  # a reconnecting phone reads the room afresh (services/shared.py)
        forget_room(changes.event_id)
    if changes.state:  # the state has just carried the current activity's results to every role, read as it went
        sections.discard("results")
    if changes.scores and changes.closed is None:  # a closed activity's: once it is scored (ScoringAfterState)
        sections.add("scores:board" if changes.scores == BOARD else "scores")
    if changes.teams == ALL:
        sections.add("team:all")
    elif changes.teams:
        sections.update(f"team:{team_id}" for team_id in changes.teams if team_id is not None)
    if sections:
        coalescer.mark(changes.event_id, sections)
    if changes.closed is not None and score:
        scoring.add(changes.closed)


def send_off(player_id):
    """Tells a removed player's phones, and stops sending them the room: they hear nothing more from it.

    The connection itself stays open so that anything the phone still sends gets a clear `removed` error (the
    database says the seat is closed); reconnecting is refused. Connections held by other workers get the message
    through the queue and close themselves.
    """
    socketio.emit(
        "removed",
        {"code": "removed", "message": "You were removed from this room by the facilitator."},
        to=player_room(player_id),
    )
    for sid in connections.sids_of_player(player_id):
        identity = connections.identity(sid)
        if identity:
            socketio.server.leave_room(sid, role_room(identity.event_id, "player"), namespace="/")


def emit_state(event_id, closed=None, helped=None, console_lists=True, opened=None):
    """The room's new state to every connection. A player with time help gets a state of their own, with their own
    deadline: sent first, so that the room's state of the same version, if it reaches them too (a phone held by
    another worker), is then old news to their client (see RoomClient.applyState). `closed`, `helped`,
    `console_lists`, `opened`: see Changes."""
    event = db.session.get(Event, event_id)
    if event is None:
        return
    current = activities.current_activity(event)
    by_role = activities.results_by_role(current, closed=closed, opened=opened) if current else None
    if helped is None:
        helped = activities.helped(current) if current else []
    url = join_url()
    teams = teams_view(event)  # the same for every role
    own_sids = []
    helped_players = {player.id: player for player in db.session.scalars(
        select(Player).where(Player.id.in_([help_.player_id for help_ in helped])))} if helped else {}
    for help_ in helped:
        player = helped_players.get(help_.player_id)
        if player is None:
            continue
        own = views.state_view(event, "player", url, by_role, current, helped, player, teams)
        socketio.emit("state", own, to=player_room(help_.player_id))
        own_sids.extend(connections.sids_of_player(help_.player_id))
    for role in ROLES:
        skip = own_sids if role == "player" and own_sids else None
        socketio.emit("state", views.state_view(event, role, url, by_role, current, helped, teams=teams,
                                                console_lists=console_lists),
                      to=role_room(event_id, role), skip_sid=skip)
    coalescer.postpone(event_id)


def emit_me(event_id, player_ids):
    """Each named player's own seat (their team), to their phones only."""
    if player_ids == ALL:
        players = active_players(event_id)
    else:
        players = [player for player in (db.session.get(Player, pid) for pid in player_ids) if player]
    for player in players:
        socketio.emit("me", views.me_view(player), to=player_room(player.id))


def emit_mine(event_id, player_ids, worked_out=None):
    """Each named phone's private part of the current activity (see ActivityKind.player_view), to it alone.
    `worked_out`: (activity id, {player id: part}) already read (Changes.mine_views)."""
    if worked_out is not None:
        activity_id, views = worked_out
    else:
        event = db.session.get(Event, event_id)
        current = event and activities.current_activity(event)
        if not current:
            return
        activity_id, views = current.id, activities.private_views(current, player_ids)
    for player_id, mine in views.items():
        socketio.emit("mine", {"activity_id": activity_id, "mine": mine}, to=player_room(player_id))


def _emit_results(event):
    found = views.results_views(event)
    if not found:
        return
    current, by_role = found
    socketio.emit(
        "results", {"activity_id": current.id, "results": by_role["host"], "waiting": by_role.get("waiting")},
        to=role_room(event.id, "host"),
    )
    socketio.emit("results", {"activity_id": current.id, "results": by_role["screen"]}, to=role_room(event.id, "screen"))
    if get_kind(current.kind).players_see_live_results:
        socketio.emit("results", {"activity_id": current.id, "results": by_role["player"]}, to=role_room(event.id, "player"))


def _emit_scores(event, board_only=False):
    """The board to the host and the screen; every phone its own rank. After a join alone (`board_only`), the
    phones are told only once somebody has points: before that no phone shows a rank (everyone shares the first
    place), and a room filling up would otherwise cost one message per phone per join."""
    table = points.standings(event)
    socketio.emit("scores", points.host_scores(event, table), to=role_room(event.id, "host"))
    socketio.emit("scores", points.screen_scores(event, table), to=role_room(event.id, "screen"))
    if board_only and not table.anyone_scored:
        return
    # Every phone sees its own rank and its team's, and nobody else's: one small message each.
    for row in table.players:
        socketio.emit("scores", points.player_scores(table, row["id"]), to=player_room(row["id"]))


def _emit_team_views(event, sections):
    current = activities.current_activity(event)
    if current is None:
        return
    wanted = ALL if "team:all" in sections else {int(s.split(":", 1)[1]) for s in sections if s.startswith("team:")}
    for team_id, (view, members) in activities.team_views(current, wanted).items():
        if view is not None and members:
            payload = {"activity_id": current.id, "team_id": team_id, "view": view}
            socketio.emit("team", payload, to=[player_room(player_id) for player_id in members])


def emit_sections(event_id, sections):
    event = db.session.get(Event, event_id)
    if event is None:
        return
    if "roster" in sections:
        from ..guards import blocked_for_host

        is_online = presence.online_check(event_id)  # whichever worker holds each player's connection
        rosters = views.roster_views(event_id, is_online)
        # The host's roster also counts the attempts the room's guards refused (docs/security.md), and says who has
        # time help; the screen's does not.
        socketio.emit("roster", {**rosters["host"], "blocked": blocked_for_host(event_id)}, to=role_room(event_id, "host"))
        socketio.emit("roster", rosters["screen"], to=role_room(event_id, "screen"))
    if "results" in sections:
        _emit_results(event)
    if any(section.startswith("team:") for section in sections):
        _emit_team_views(event, sections)
    if "scores" in sections or "scores:board" in sections:
        _emit_scores(event, board_only="scores" not in sections)


class Coalescer:
    """Gathers changes per room and sends each section at most once per interval.

    A room of a thousand answering phones costs a few messages a second to the host and the screen, not one per
    answer: the first change in a quiet room schedules a flush, later ones join it.

    A flush reads the whole room (its tally, its roster), so its cost grows with the room, and with the number of
    busy rooms. Live updates get about a tenth of the process (1 / FLUSH_SHARE), the answers keep the rest:
    - a room's next flush waits at least FLUSH_SHARE times what its last one took (a room of thousands: its screen
      moves every half second instead of four times a second);
    - when all rooms' flushes together took more than that share of the last second or so (two hundred rooms
      answering at once), every room's wait grows in proportion; and a flush that comes due while they do waits
      until they no longer do.
    Never longer than MAX_INTERVAL_S.

    A new state restarts its room's wait (`postpone`): the state leaves the process one socket after another (a
    tenth of a second for a room of 2,000), and a flush reading the whole room meanwhile would hold back the last
    phones. A flush is put off once at most, so live updates are never held off for long.
    """

    FLUSH_SHARE = 10
    MAX_INTERVAL_S = 2.0
    WINDOW_S = 1.0  # how far back the process's time spent flushing is counted (an exponentially fading sum)

    def __init__(self):
        self._lock = threading.Lock()
        self._pending = {}
        self._slow = {}  # event id -> the wait its last flush asks for, when longer than the configured one
        self._not_before = {}  # event id -> when (time.monotonic) its next flush may run, after a new state
        self._spent, self._spent_at = 0.0, time.monotonic()  # the fading sum of flush seconds, and when it was

    def _faded(self, now):
        """The fading sum of flush seconds, as of `now`."""
        return self._spent * math.exp((self._spent_at - now) / self.WINDOW_S)

    def _recent_share(self, now):
        """The share of the last WINDOW_S or so that flushes took."""
        return self._faded(now) / self.WINDOW_S

    def wait_for(self, event_id, interval):
        """How long a room's next flush waits: the configured interval, longer for a slow room or a busy process."""
        crowded = interval * self._recent_share(time.monotonic()) * self.FLUSH_SHARE
        return min(self.MAX_INTERVAL_S, max(interval, self._slow.get(event_id, 0.0), crowded))

    def mark(self, event_id, sections):
        app = current_app._get_current_object()
        interval = app.config["BROADCAST_INTERVAL_S"]
        if interval <= 0:
            emit_sections(event_id, sections)
            return
        with self._lock:
            scheduled = event_id in self._pending
            self._pending.setdefault(event_id, set()).update(sections)
        if not scheduled:
            socketio.start_background_task(self._flush_later, app, event_id, self.wait_for(event_id, interval))

    def postpone(self, event_id):
        """The room's next flush waits a whole interval from now (see the class). Only a flush already scheduled
        needs it: one scheduled later waits that long anyway, so a room with none leaves nothing behind."""
        interval = current_app.config["BROADCAST_INTERVAL_S"]
        if interval > 0:
            with self._lock:
                if event_id in self._pending:
                    self._not_before[event_id] = time.monotonic() + self.wait_for(event_id, interval)

    def over_budget(self, now):
        """How long until the process's recent time spent flushing is back within its share (0: it is)."""
        over = self._recent_share(now) * self.FLUSH_SHARE
        return self.WINDOW_S * math.log(over) if over > 1 else 0.0

    def _flush_later(self, app, event_id, interval):
        latest = time.monotonic() + self.MAX_INTERVAL_S
        socketio.sleep(interval)
        # Once: a facilitator clicking faster than the wait (approving answers one after another) must not hold the
        # room's roster and scores back for as long as they click.
        if (left := self._not_before.pop(event_id, 0.0) - time.monotonic()) > 0:
            socketio.sleep(left)
        # The share is checked again now that the flush is due: two hundred rooms whose first answers came together
        # all scheduled theirs before any had run, and would otherwise all run in one wave, the answers waiting.
        while (now := time.monotonic()) < latest and (over := self.over_budget(now)) > 0:
            socketio.sleep(min(over, latest - now))
        with self._lock:
            sections = self._pending.pop(event_id, set())
        # Its cost in CPU time, not on the clock: on a busy machine the clock also counts what other processes did.
        started = time.thread_time()
        with app.app_context():
            try:
                emit_sections(event_id, sections)
            except Exception:  # a failed flush must not kill the worker; the next change sends fresh figures
                app.logger.exception("Sending live updates for event %s failed", event_id)
        cost = time.thread_time() - started
        self.spent(cost, time.monotonic())
        wait = min(self.MAX_INTERVAL_S, self.FLUSH_SHARE * cost)
        if wait > app.config["BROADCAST_INTERVAL_S"]:
            self._slow[event_id] = wait
        else:
            self._slow.pop(event_id, None)

    def spent(self, seconds, now):
        """Counts a flush's `seconds`, ended at `now`, in the process's recent time spent flushing."""
        with self._lock:
            self._spent = self._faded(now) + seconds
            self._spent_at = now


coalescer = Coalescer()


class ScoringAfterState:
    """Scores the activities that have just closed once their new states are on their way (points.score_closed),
    the rooms that closed meanwhile together, and then tells the rooms whose standings changed.

    The first close to come scores. It yields until a yield brings no new close (`_settle`): the writes its emit
    queued on every socket go out first (a room of two thousand sees its reveal without waiting for the awards), and
    the closes that arrive meanwhile send their states too. Then it scores everything waiting in one transaction,
    and again while more came meanwhile. The others only join the queue: two hundred rooms revealing together cost
    one transaction, after all their states (a group of reveals puts its rooms in line, and its scoring waits for the
    groups written after it: realtime/groups.py). A scoring that fails is left to the deadline watcher, which retries
    what is left unscored (score_pending).
    """

    MAX_YIELDS = 1_000  # a wave of closes is a few hundred rooms: past that, score what came

    def __init__(self):
        self._lock = threading.Lock()
        self._waiting = {}  # activity id -> the Round it closed with
        self._scoring = False

    def add(self, *closed):
        """Scores the Rounds `closed` (see the class)."""
        self.queue(*closed)
        self.score()

    def queue(self, *closed):
        """Puts the Rounds `closed` in line for the next scoring, without scoring them yet (see score)."""
        with self._lock:
            self._waiting.update((each.activity_id, each) for each in closed)

    def score(self):
        """Scores what is in line, unless a scoring is under way: that one takes it."""
        with self._lock:
            if self._scoring:
                return
            self._scoring = True
        try:
            while self._score_waiting():
                pass
        except BaseException:  # a green thread killed while scoring: the next close scores, or the watcher
            with self._lock:
                self._scoring = False
            raise

    def _settle(self):
        """Yields once, then again while the last yield brought another close."""
        seen = -1
        for _ in range(self.MAX_YIELDS):
            with self._lock:
                waiting = len(self._waiting)
            if waiting == seen:
                return
            seen = waiting
            socketio.sleep(0)

    def _score_waiting(self):
        """Scores what is waiting; False (and no longer scoring) when nothing was."""
        self._settle()
        with self._lock:
            waiting, self._waiting = self._waiting, {}
            if not waiting:
                self._scoring = False
                return False
        try:
            scored = points.score_closed(list(waiting), waiting)
            changed = {each.event_id for each in scored if each.counted}
        except Exception:  # the statuses are committed: the watcher scores these later
            db.session.rollback()
            current_app.logger.exception("Scoring activities %s failed; the deadline watcher will retry", list(waiting))
            return True
        for event_id in changed:
            forget_room(event_id)
            coalescer.mark(event_id, {"scores"})
        return True


scoring = ScoringAfterState()
