"""The framework floor: a bare Flask-SocketIO server that does only what TeamPlay does at the wire in the benchmark's
scenario, and nothing else (no database, no validation, no views). bench/live.py drives it with the same clients as
TeamPlay, under the same async mode, and prints TeamPlay's figures as ratios to it.

It speaks the few parts of TeamPlay's protocol the scenario uses: `POST /api/events` (a room and its host key),
`POST /api/rooms/<code>/players` (a seat's token), a Socket.IO connect with `{role, code, key|token}` that joins the
room, `activity:start` and `activity:reveal` from the host (a small state broadcast to the room's phones) and
`response:submit` from a phone (counted and acknowledged). `GET /bench/answers/<code>` tells how many were counted.

Run by bench/live.py as `python bench/floor_server.py` with TEAMPLAY_PORT and TEAMPLAY_ASYNC_MODE set.
"""
import os
import warnings

ASYNC_MODE = os.environ.get("TEAMPLAY_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import gc  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import itertools  # noqa: E402
import resource  # noqa: E402
import secrets  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402

from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
# The same Socket.IO options as TeamPlay's (teamplay/__init__.py), so that both do the same work at the wire.
socketio = SocketIO(app, async_mode=ASYNC_MODE, message_queue=os.environ.get("TEAMPLAY_MESSAGE_QUEUE") or None,
                    channel=os.environ.get("TEAMPLAY_MESSAGE_QUEUE_CHANNEL") or "flask-socketio",
                    max_http_buffer_size=64 * 1024, ping_interval=10)

# No shared state, so that several floor processes behind one message queue serve one room as TeamPlay's do: a
# host key and a seat token are derived from the room code; each process counts the answers it took (the benchmark
# adds them up) and keeps its own version numbers (nothing checks them).
SECRET = b"the floor has no secrets worth keeping"
versions = Counter()
answers = Counter()
ids = itertools.count(1)


def host_key(code):
    return hmac.new(SECRET, code.encode(), hashlib.sha256).hexdigest()[:22]


def now_ms():
    return int(time.time() * 1000)


@app.post("/api/events")
def create_event():
    code = secrets.token_hex(3).upper()
    base = request.host_url.rstrip("/")
    return jsonify(ok=True, event={"code": code}, host_url=f"{base}/host/{code}/{host_key(code)}",
                   screen_url=f"{base}/screen/{code}/-"), 201


@app.post("/api/rooms/<code>/players")
def join(code):
    token, player_id = f"{code}.{secrets.token_urlsafe(16)}", next(ids)
    name = (request.get_json(silent=True) or {}).get("name", "")
    return jsonify(ok=True, player={"id": player_id, "name": name}, resume_token=token), 201


@app.get("/healthz")
def healthz():
    return jsonify(ok=True)


@app.get("/bench/answers/<code>")
def counted(code):
    return jsonify(ok=True, answers=answers[code])


@socketio.on("connect")
def on_connect(auth=None):
    auth = auth or {}
    code = auth.get("code")
    if not isinstance(code, str):
        return False
    if auth.get("role") == "host" and hmac.compare_digest(host_key(code), str(auth.get("key"))):
        join_room(f"{code}:host")
    elif auth.get("role") == "player" and str(auth.get("token")).startswith(f"{code}."):
        join_room(f"{code}:player")
    elif auth.get("role") == "screen":
        join_room(f"{code}:screen")
    else:
        return False
    socketio.emit("snapshot", {"version": versions[code], "server_time": now_ms()}, to=request.sid)
    return True


def _room_state(code, status):
    versions[code] += 1
    state = {"version": versions[code], "server_time": now_ms(),
             "activity": {"id": versions[code], "kind": "poll", "status": status, "options": ["Tea", "Coffee"]}}
    socketio.emit("state", state, to=[f"{code}:player", f"{code}:screen", f"{code}:host"])
    return {"ok": True, "activity_id": state["activity"]["id"], "version": state["version"]}


@socketio.on("activity:start")
def start(_data=None):
    return _room_state(_caller_room("host"), "open")


@socketio.on("activity:reveal")
def reveal(_data=None):
    return _room_state(_caller_room("host"), "revealed")


@socketio.on("response:submit")
def submit(_data=None):
    answers[_caller_room("player")] += 1
    return {"ok": True, "duplicate": False}


def _caller_room(role):
    suffix = f":{role}"
    return next(room[:-len(suffix)] for room in socketio.server.rooms(request.sid) if room.endswith(suffix))


if __name__ == "__main__":
    # The same collector settings as wsgi.py gives TeamPlay: the ratios compare the work of the app, not of the GC.
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
    port = int(os.environ.get("TEAMPLAY_PORT", "5099"))
    extra = {"max_size": 10_000} if ASYNC_MODE == "eventlet" else {}
    socketio.run(app, host="127.0.0.1", port=port, log_output=False, allow_unsafe_werkzeug=True, **extra)
