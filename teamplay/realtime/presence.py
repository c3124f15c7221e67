"""Presence across workers: who is online in a room, whichever server process holds their connection.

Each process knows its own connections (`connections.py`: online while connected and through the grace period after
a drop). Alone, that is the whole truth. With several workers (a message queue), a roster built by one worker from
its own connections alone showed everybody connected to the others as away. So each worker also keeps, in the
queue's Redis, one set per room of the players it holds online, and a roster (or a snapshot) is this process's
connections plus the sets of the other live workers.

A worker is live while its heartbeat (every HEARTBEAT_S) keeps its score in the workers' sorted set in the future;
the heartbeat also rewrites its sets, which repairs any write a race or a Redis hiccup left behind. A worker that
crashed stops counting LIVE_S after its last heartbeat: the first live worker to remove it (a conditional ZREM only
one of them wins) sends fresh rosters to the rooms it held players in.
"""
import logging
import threading
import time
import uuid

from .connections import connections

HEARTBEAT_S = 5.0
LIVE_S = 15.0  # a worker not heard of for this long is gone
KEEP_S = 60.0  # its sets outlive it a little, so that whoever finds it gone can tell which rooms it was in

log = logging.getLogger(__name__)


class LocalPresence:
    """One process: its connections are the room's presence."""

    def online_check(self, _event_id):
        return connections.is_online

    def changed(self, _event_id, _player_id):
        pass

    def heartbeat(self):
        return set()


class SharedPresence:
    def __init__(self, url, channel):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.worker = uuid.uuid4().hex
        self.prefix = f"teamplay:presence:{channel}"
        self.workers_key = f"{self.prefix}:workers"
        self._lock = threading.Lock()
        self._written = set()  # rooms this worker has a set for

    def _room_key(self, event_id, worker):
        return f"{self.prefix}:room:{event_id}:{worker}"

    def _rooms_key(self, worker):
        return f"{self.prefix}:rooms:{worker}"

    def changed(self, event_id, player_id):
        """Writes whether this worker holds the player online now (after any change to its connections). Reading the
        local state and writing it happen under one lock, so the last write is always the latest state."""
        try:
            with self._lock:
                key = self._room_key(event_id, self.worker)
                pipe = self.redis.pipeline()
                if connections.is_online(player_id):
                    pipe.sadd(key, player_id).expire(key, int(KEEP_S))
                    pipe.sadd(self._rooms_key(self.worker), event_id).expire(self._rooms_key(self.worker), int(KEEP_S))
                    self._written.add(event_id)
                else:
                    pipe.srem(key, player_id)
                pipe.execute()
        except Exception:  # the next heartbeat writes the whole truth again
            log.warning("Could not share the presence of player %s", player_id, exc_info=True)

    def online_check(self, event_id):
        """A function telling whether a player of the room is online on any live worker (read once per roster)."""
        try:
            workers = [w.decode() for w in self.redis.zrangebyscore(self.workers_key, time.time(), "+inf")]
            others = [self._room_key(event_id, w) for w in workers if w != self.worker]
            elsewhere = {int(pid) for pid in self.redis.sunion(others)} if others else set()
        except Exception:
            log.warning("Could not read the other workers' presence; showing this worker's only", exc_info=True)
            elsewhere = set()
        return lambda player_id: connections.is_online(player_id) or player_id in elsewhere

    def heartbeat(self):
        """Renews this worker's place and sets; returns the rooms of workers found gone (their rosters changed)."""
        now = time.time()
        online = connections.online_by_event()
        with self._lock:
            pipe = self.redis.pipeline()
            pipe.zadd(self.workers_key, {self.worker: now + LIVE_S})
            for event_id in self._written | set(online):
                key = self._room_key(event_id, self.worker)
                pipe.delete(key)
                if online.get(event_id):
                    pipe.sadd(key, *online[event_id]).expire(key, int(KEEP_S))
            rooms_key = self._rooms_key(self.worker)
            pipe.delete(rooms_key)
            if online:
                pipe.sadd(rooms_key, *online).expire(rooms_key, int(KEEP_S))
            pipe.execute()
            self._written = set(online)
        gone_rooms = set()
        for worker in (w.decode() for w in self.redis.zrangebyscore(self.workers_key, "-inf", now)):
            if self.redis.zrem(self.workers_key, worker):  # only one live worker wins the removal
                gone_rooms |= {int(e) for e in self.redis.smembers(self._rooms_key(worker))}
        return gone_rooms


_store = LocalPresence()


def init_app(app):
    """Shared presence when the workers share a message queue (the queue's Redis), else this process's own."""
    global _store
    url = app.config.get("MESSAGE_QUEUE")
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        _store = SharedPresence(url, app.config.get("MESSAGE_QUEUE_CHANNEL") or "flask-socketio")
    else:
        _store = LocalPresence()
    return _store


def online_check(event_id):
    """`is_online(player_id)` for the players of one room, as every worker knows them."""
    return _store.online_check(event_id)


def changed(event_id, player_id):
    """To call after this process's connections changed for a player (connected, dropped, away)."""
    _store.changed(event_id, player_id)


def shared():
    return isinstance(_store, SharedPresence)


def keep_alive(app, mark_roster):
    """The heartbeat: every HEARTBEAT_S, renews this worker's presence and refreshes the rosters of rooms whose
    players were held by a worker that is gone."""
    from ..extensions import socketio

    while True:
        try:
            for event_id in _store.heartbeat():
                with app.app_context():
                    mark_roster(event_id)
        except Exception:
            app.logger.warning("Presence heartbeat failed", exc_info=True)
        socketio.sleep(HEARTBEAT_S)
