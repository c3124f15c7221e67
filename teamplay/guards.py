"""Abuse guards: rate limits per client address and per room, failed code guesses, and what the host is shown.

The `limits` library holds the storage (memory in one process, the message queue's Redis when several workers share
a room, so a limit holds across them) and the moving-window strategy; the checks are made here by hand because a
join is judged in steps (the address, then the room, and only a *failed* code costs a guess). Nothing runs around
every request: Flask-Limiter, which this used to go through, hooked into every request and every socket event for
limits declared on views, and there are none. See docs/security.md.
"""
import math
import time

from flask import current_app, request
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from .game.codes import normalise_room_code
from .game.errors import GameError

# name -> limits (several with ";"). Overridden one by one with TEAMPLAY_RATE_LIMITS="join=100/minute;guess=…".
DEFAULT_RATE_LIMITS = {
    # A site-wide all-hands: 2,000 people behind one office NAT join within 20 s, each phone looking the code up
    # about twice. Lower limits would silently hold a big room at the door (bench/live.py measures the join).
    "lookup": "12000/minute",  # per address: any code lookup (the API, the join page)
    "join": "6000/minute",  # per address: join attempts
    "room_join": "6000/minute",  # per room: join attempts into one room, from everywhere
    "guess": "30/minute,300/hour",  # per address: lookups and connects whose code or credential was wrong
}
BLOCKED_TTL_S = 24 * 3600


class RateLimited(GameError):
    def __init__(self, retry_after):
        super().__init__("rate_limited", "Too many attempts. Please wait a moment and try again.", status=429)
        self.retry_after = max(1, int(math.ceil(retry_after)))

    def to_dict(self):
        return {**super().to_dict(), "retry_after": self.retry_after}


def parse_settings(text):
    """`"join=100/minute; guess=10/minute,100/hour"` (the TEAMPLAY_RATE_LIMITS format) as a dict."""
    limits = {}
    for part in (text or "").split(";"):
        if "=" in part:
            name, value = part.split("=", 1)
            limits[name.strip()] = value.strip()
    return limits


def client_address():
    """The address a request came from: the TCP peer, or X-Forwarded-For's when TRUSTED_PROXIES says so
    (werkzeug's ProxyFix, installed by create_app, has already rewritten remote_addr then)."""
    return request.remote_addr or "unknown"


def _prefix_of(channel):
    """The counters' keys in a shared Redis: the workers of one deployment share them, and a deployment on another
    queue channel (TEAMPLAY_MESSAGE_QUEUE_CHANNEL) has its own, as it has its own emits."""
    return "teamplay" if channel in (None, "", "flask-socketio") else f"teamplay:{channel}"


class Guards:
    def __init__(self, app):
        storage = app.config.get("RATE_LIMIT_STORAGE_URI") or app.config.get("MESSAGE_QUEUE") or "memory://"
        self.prefix = app.config.get("RATE_LIMIT_PREFIX") or _prefix_of(app.config.get("MESSAGE_QUEUE_CHANNEL"))
        self.storage = storage_from_string(storage)
        self.limiter = MovingWindowRateLimiter(self.storage)
        settings = {**DEFAULT_RATE_LIMITS, **parse_settings(app.config.get("RATE_LIMITS"))}
        self.limits = {name: parse_many(value) for name, value in settings.items()}
        self.enabled = app.config.get("RATE_LIMITS_ENABLED", True)

    # -- limits -----------------------------------------------------------------------------------------------
    def hit(self, name, key):
        """Counts one attempt against every limit of `name` for `key`; RateLimited when one is used up."""
        if not self.enabled:
            return
        for item in self.limits[name]:
            if not self.limiter.hit(item, self.prefix, name, key):
                raise RateLimited(self._wait(item, name, key))

    def _wait(self, item, name, key):
        reset, _remaining = self.limiter.get_window_stats(item, self.prefix, name, key)
        return reset - time.time()

    def exhausted(self, name, key):
        """RateLimited when a limit of `name` is used up for `key`, without counting anything."""
        if not self.enabled:
            return
        for item in self.limits[name]:
            if not self.limiter.test(item, self.prefix, name, key):
                raise RateLimited(self._wait(item, name, key))

    # -- what the host sees -----------------------------------------------------------------------------------
    def count(self, what, event_id=None):
        key = f"{self.prefix}/blocked/{what}" + (f"/{event_id}" if event_id is not None else "")
        try:
            self.storage.incr(key, BLOCKED_TTL_S)
        except Exception:  # a counter is never worth a refused request
            current_app.logger.warning("Could not count a blocked %s", what, exc_info=True)

    def blocked(self, event_id):
        def get(key):
            try:
                return int(self.storage.get(f"{self.prefix}/blocked/{key}") or 0)
            except Exception:
                return 0

        return {"joins": get(f"joins/{event_id}"), "guesses": get("guesses")}


def guards():
    return current_app.extensions["teamplay_guards"]


def init_app(app):
    app.extensions["teamplay_guards"] = Guards(app)


def blocked_for_host(event_id):
    return guards().blocked(event_id)


def _live_event_id(code):
    """The id of the live room a code names (for counting what was refused there), else None."""
    from sqlalchemy import select

    from .extensions import db
    from .models import Event

    normalised = normalise_room_code(code)
    if not normalised:
        return None
    row = db.session.execute(select(Event.id, Event.status).where(Event.code == normalised)).first()
    return row.id if row and row.status != "ended" else None


def _tell_host(event_id):
    from .realtime.broadcast import coalescer

    coalescer.mark(event_id, {"roster"})


def look_up(code, joining=False):
    """A stranger's code lookup (the API, the join page, a join): the address's limits first, then the room.

    Returns the live Event. Every refusal is RateLimited or `room_not_found`; a wrong code and an ended room answer
    alike and cost the address one guess. Once the address has no guess left, every lookup it makes is refused
    (a valid code too: a different answer would tell a guesser which code is live).
    """
    from .services.rooms import find_public_event

    g, address = guards(), client_address()
    try:
        g.hit("join" if joining else "lookup", address)
        g.exhausted("guess", address)
    except RateLimited:
        event_id = _live_event_id(code)
        if event_id is not None and joining:
            g.count("joins", event_id)
            _tell_host(event_id)
        else:  # a lookup refused: counted server-wide (a wrong code names no room)
            g.count("guesses")
        raise
    try:
        event = find_public_event(code)
    except GameError:
        try:
            g.hit("guess", address)  # a wrong answer is only given while a guess is left: the bound is exact
        except RateLimited:
            g.count("guesses")
            raise
        raise
    if joining:
        try:
            g.hit("room_join", str(event.id))
        except RateLimited:
            g.count("joins", event.id)
            _tell_host(event.id)
            raise
    return event


def refused_join(event_id):
    """A join the room's own guards refused (full, locked, a banned name): the host sees it counted."""
    guards().count("joins", event_id)
    _tell_host(event_id)


def refused_connect(err):
    """A socket connect that failed with `err`: a wrong code or credential costs a guess; with none left, the
    answer is `rate_limited` whatever the code (a valid credential is never refused: it cannot be guessed)."""
    if err.code not in {"room_not_found", "unauthorized"}:
        return err
    g, address = guards(), client_address()
    try:
        g.exhausted("guess", address)
    except RateLimited as limited:
        g.count("guesses")
        return limited
    try:
        g.hit("guess", address)
    except RateLimited as limited:
        g.count("guesses")
        return limited
    return err
