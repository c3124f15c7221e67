"""What every phone of a room is shown alike, worked out once for a wave of phones reconnecting together."""
import threading
import time

from flask import current_app


class WaveShare:
    """One reading per room, shared by the phones that connect within a second of it.

    After a network blip two thousand phones reconnect within seconds, and each one's snapshot shows what they are
    all shown alike: the current activity's results as a player sees them (`views`), and the room's totals their
    ranks are counted against (`points.own_standing`). Worked out for each phone, a wave read the whole room two
    thousand times. A reading is kept for the same `key` (the room's version and whatever else it depends on), for
    KEEP_S at most, and forgotten when this process sends the room a new roster, new results or new scores
    (`forget_room`). Whatever the facilitator does changes the version; a change made on another worker without a
    new version (an answer, a removal, a correction of points, a scoring) reaches a phone reconnecting here within
    KEEP_S.
    """

    KEEP_S = 1.0
    MAX_ROOMS = 1_000

    def __init__(self):
        self._lock = threading.Lock()
        self._kept = {}  # event id -> (key, reading, until when: time.monotonic)

    def get(self, event_id, key, work_out):
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(event_id)
        if kept and kept[0] == key and now < kept[2]:
            return kept[1]
        reading = work_out()
        with self._lock:
            if len(self._kept) >= self.MAX_ROOMS:
                self._kept = {room: item for room, item in self._kept.items() if now < item[2]}
            self._kept[event_id] = (key, reading, now + self.KEEP_S)
        return reading

    def forget(self, event_id):
        with self._lock:
            self._kept.pop(event_id, None)


def _share(name):
    """This app's WaveShare called `name`: one per app, each on its own database (tests run many in one process)."""
    return current_app.extensions.setdefault(f"teamplay_wave_{name}", WaveShare())


def phone_results():
    """The current activity's results as the room's phones see them (views.activity_view)."""
    return _share("phone_results")


def room_totals():
    """The totals a phone's rank is counted against (points.own_standing)."""
    return _share("room_totals")


def forget_room(event_id):
    """This process is sending the room a new roster, new results or new scores: every reading of it is stale."""
    for share in (phone_results(), room_totals()):
        share.forget(event_id)
