"""Who each live connection of this process is, and which players are online (at least one open connection)."""
import threading
from collections import defaultdict


class Connections:
    def __init__(self):
        self._lock = threading.Lock()
        self._identity_by_sid = {}
        self._sids_by_player = defaultdict(set)

    def add(self, sid, identity):
        """Records a proven connection; returns True when this makes its player come online."""
        with self._lock:
            self._identity_by_sid[sid] = identity
            if identity.player_id is None:
                return False
            sids = self._sids_by_player[identity.player_id]
            sids.add(sid)
            return len(sids) == 1

    def drop(self, sid):
        """Forgets a connection; returns (identity, True when its player went offline)."""
        with self._lock:
            identity = self._identity_by_sid.pop(sid, None)
            if identity is None or identity.player_id is None:
                return identity, False
            sids = self._sids_by_player.get(identity.player_id, set())
            sids.discard(sid)
            if not sids:
                self._sids_by_player.pop(identity.player_id, None)
                return identity, True
            return identity, False

    def identity(self, sid):
        return self._identity_by_sid.get(sid)

    def is_online(self, player_id):
        return bool(self._sids_by_player.get(player_id))

    def sids_of_player(self, player_id):
        with self._lock:
            return list(self._sids_by_player.get(player_id, ()))


connections = Connections()
