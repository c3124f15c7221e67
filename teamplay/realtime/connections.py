"""Who each live connection of this process is, and which players are online.

A player is online while they hold at least one open connection, and for a grace period after their last one
dropped without a goodbye (a phone that sleeps, a page that reloads, a Wi-Fi hiccup): the console shows them as
away only when the grace period passed, and a reconnect within it changes nothing anyone can see (no flicker).
An explicit disconnect (the client said goodbye) ends the seat's presence at once (`grace_s=0`).
"""
import threading
import time
from collections import defaultdict

# What `due()` answers for a player whose grace period was running.
AWAY = "away"  # the grace period passed with no new connection: the player is away now (send a roster)
BACK = "back"  # they reconnected (or dropped again, with a later deadline handled by a later check): nothing to do


class Connections:
    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._identity_by_sid = {}
        self._sids_by_player = defaultdict(set)
        self._away_at = {}  # player id -> clock time their grace period ends (no open connection meanwhile)
        self._event_of_player = {}  # player id -> their event, while they are online here

    def add(self, sid, identity):
        """Records a proven connection; returns True when this makes its player come online (they were away, not
        merely within their grace period)."""
        with self._lock:
            self._identity_by_sid[sid] = identity
            if identity.player_id is None:
                return False
            within_grace = self._away_at.pop(identity.player_id, None) is not None
            self._event_of_player[identity.player_id] = identity.event_id
            sids = self._sids_by_player[identity.player_id]
            sids.add(sid)
            return len(sids) == 1 and not within_grace

    def drop(self, sid, grace_s=0.0):
        """Forgets a connection; returns (identity, True when its player went offline now).

        With `grace_s > 0` a player's last connection starts a grace period instead: they stay online, drop answers
        False, and `due(player_id)` tells, once `grace_s` has passed, whether they are away.
        """
        with self._lock:
            identity = self._identity_by_sid.pop(sid, None)
            if identity is None or identity.player_id is None:
                return identity, False
            sids = self._sids_by_player.get(identity.player_id, set())
            sids.discard(sid)
            if sids:
                return identity, False
            self._sids_by_player.pop(identity.player_id, None)
            if grace_s > 0:
                self._away_at[identity.player_id] = self._clock() + grace_s
                return identity, False
            self._event_of_player.pop(identity.player_id, None)
            return identity, self._away_at.pop(identity.player_id, None) is None

    def in_grace(self, player_id):
        with self._lock:
            return player_id in self._away_at

    def due(self, player_id):
        """After a grace period: AWAY (it ended with no connection; the player is away from now on), BACK (nothing
        to do), or the seconds still to wait (a later drop moved the deadline)."""
        with self._lock:
            deadline = self._away_at.get(player_id)
            if deadline is None or self._sids_by_player.get(player_id):
                return BACK
            left = deadline - self._clock()
            if left > 0:
                return left
            del self._away_at[player_id]
            self._event_of_player.pop(player_id, None)
            return AWAY

    def identity(self, sid):
        return self._identity_by_sid.get(sid)

    def is_online(self, player_id):
        return bool(self._sids_by_player.get(player_id)) or player_id in self._away_at

    def online_by_event(self):
        """{event id: ids of the players online here} (connected, or within their grace period)."""
        with self._lock:
            rooms = {}
            for player_id, event_id in self._event_of_player.items():
                if self._sids_by_player.get(player_id) or player_id in self._away_at:
                    rooms.setdefault(event_id, set()).add(player_id)
            return rooms

    def sids_of_player(self, player_id):
        with self._lock:
            return list(self._sids_by_player.get(player_id, ()))


connections = Connections()
