"""Background work of a server process: closing activities when their timer runs out, and scoring what a stopped
worker closed and left unscored."""
from ..extensions import socketio
from ..services import activities, points
from .broadcast import publish


def watch_deadlines(app):
    """Every tick, closes the activities whose deadline has passed, in every room, and tells their clients.

    When an activity closes by itself lives in the database (`closes_at`: the room's deadline, later while a player
    with time help is still answering), so a restarted server closes what came due while it was down. So does
    whether a closed activity was scored (`scored_at`): the tick also scores what a worker that stopped between a
    close and its scoring left (points.score_pending).
    """
    tick = app.config["DEADLINE_TICK_S"]
    while True:
        socketio.sleep(tick)
        with app.app_context():
            try:
                for changes in activities.close_when_due() + points.score_pending():
                    publish(changes)
            except Exception:  # the watcher must outlive a failed tick (a locked database, a lost connection)
                app.logger.exception("Closing due activities failed")


def start(app):
    socketio.start_background_task(watch_deadlines, app)
    from . import presence
    from .broadcast import coalescer

    if presence.shared():  # several workers: keep this one's presence known to the others
        socketio.start_background_task(presence.keep_alive, app, lambda event_id: coalescer.mark(event_id, {"roster"}))
