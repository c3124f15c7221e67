"""The one way changes leave the server: versioned state at once, rosters and live results coalesced per room."""
import threading

from flask import current_app

from ..extensions import db, socketio
from ..links import join_url
from ..models import Event
from ..services import views
from .connections import connections
from .rooms import player_room, role_room, staff_rooms


def publish(changes):
    """Sends what a committed use-case changed to the clients that need it."""
    if changes is None:
        return
    if changes.state:
        emit_state(changes.event_id)
    if changes.removed_player_id:
        send_off(changes.removed_player_id)
    sections = {name for name in ("roster", "results") if getattr(changes, name)}
    if sections:
        coalescer.mark(changes.event_id, sections)


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


def emit_state(event_id):
    event = db.session.get(Event, event_id)
    if event is None:
        return
    # Host and screen see the same state; phones get theirs without live results.
    socketio.emit("state", views.state_view(event, "host", join_url()), to=staff_rooms(event_id))
    socketio.emit("state", views.state_view(event, "player", join_url()), to=role_room(event_id, "player"))


def emit_sections(event_id, sections):
    event = db.session.get(Event, event_id)
    if event is None:
        return
    if "roster" in sections:
        socketio.emit("roster", views.roster_view(event_id, connections.is_online), to=staff_rooms(event_id))
    if "results" in sections:
        results = views.results_view(event)
        if results:
            socketio.emit("results", results, to=staff_rooms(event_id))


class Coalescer:
    """Gathers roster and results changes per room and sends each at most once per interval.

    A room of a thousand answering phones costs a few messages a second to the host and the screen, not one per
    answer: the first change in a quiet room schedules a flush, later ones join it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._pending = {}

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
            socketio.start_background_task(self._flush_later, app, event_id, interval)

    def _flush_later(self, app, event_id, interval):
        socketio.sleep(interval)
        with self._lock:
            sections = self._pending.pop(event_id, set())
        with app.app_context():
            try:
                emit_sections(event_id, sections)
            except Exception:  # a failed flush must not kill the worker; the next change sends fresh figures
                app.logger.exception("Sending live updates for event %s failed", event_id)


coalescer = Coalescer()
