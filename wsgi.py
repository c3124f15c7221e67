"""Entry point: `python wsgi.py` runs the server; `wsgi:app` serves it under gunicorn or `flask run`.

Only this file chooses the async server: it patches the standard library for eventlet (the default) or gevent
before anything else is imported, as both require, and makes the PostgreSQL driver wait through that event loop.
The application itself never imports either.
"""
import os
import warnings

ASYNC_MODE = os.environ.get("TEAMPLAY_ASYNC_MODE", "eventlet")
if ASYNC_MODE in ("eventlet", "gevent"):
    # psycopg (PostgreSQL) waits for the server in C by default, which stops every green thread of the process for
    # as long as a query takes. Its select()-based wait goes through the patched select module: the event loop.
    os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")
if ASYNC_MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import gc  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402

from teamplay import create_app  # noqa: E402
from teamplay.extensions import socketio  # noqa: E402
from teamplay.realtime import lifecycle  # noqa: E402

app = create_app()

# The garbage collector: a server holding thousands of connections has a large heap of long-lived objects, and the
# default thresholds (a collection every 700 allocations, a full one every 70,000 or so) walked it again and again
# during a burst of answers. Everything made at start is set aside for good (gc.freeze), and the young generation is
# collected every 50,000 allocations. Measured with bench/live.py, 2,000 phones: ack p95 1.1 s -> 0.64 s, server CPU
# per 1,000 answers 1.4 s -> 1.2 s, peak memory per phone about the same (docs/performance.md).
gc.freeze()
gc.set_threshold(50_000, 50, 100)


def _exit_process(status):
    logging.shutdown()  # the last log lines reach their files
    os._exit(status)  # the server loop does not return by itself; the writes are committed, the pool disposed


def _on_sigterm(_signum, _frame):
    """Graceful shutdown (see teamplay/realtime/lifecycle.py): the work runs in a background task, not here."""
    socketio.start_background_task(lifecycle.shutdown, app, _exit_process)


def _room_for_connections(wanted):
    """Raises this process's open-files limit towards `wanted` connections (each is a file descriptor; many systems
    start a process at 1,024); returns how many connections it can hold."""
    spare = 64  # the database, log files, the listening socket…
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted + spare if hard == resource.RLIM_INFINITY else min(wanted + spare, hard)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return min(wanted, soft - spare)


def forget_server_hooks(wsgi_app):
    """WSGI middleware (outermost): drops eventlet's `eventlet.set_idle` hook from a request's environ once the app
    has returned.

    eventlet's server puts in every request's environ a hook whose closure holds the connection's handler, and the
    handler keeps that environ: a reference cycle, so a closed connection (its handler, socket, buffers, about 20 KB)
    stays in memory until a full garbage collection, which the thresholds above make rare. The hook is only called
    when a WebSocket starts. Measured with bench/live.py: a network blip that reconnected 2,000 phones left the 2,000
    closed WebSockets behind, 44 MB, and each further blip about 30 MB more; without the hook, each connection is
    freed when it closes (docs/performance.md)."""

    def middleware(environ, start_response):
        try:
            return wsgi_app(environ, start_response)
        finally:
            environ.pop("eventlet.set_idle", None)

    return middleware


def main():
    host, port = app.config["HOST"], app.config["PORT"]
    connections = _room_for_connections(app.config["MAX_CONNECTIONS"])
    if connections < app.config["MAX_CONNECTIONS"]:
        logging.getLogger("teamplay").warning(
            "The system lets this process open only %d connections (TEAMPLAY_MAX_CONNECTIONS=%d): raise its limit "
            "of open files (ulimit -n, or LimitNOFILE= in a systemd unit).", connections, app.config["MAX_CONNECTIONS"])
    base = app.config["BASE_URL"]
    print(
        "\nTeamPlay is running.\n"
        f"  Facilitator, on this laptop:  http://127.0.0.1:{port}/\n"
        f"  Phones on the same network:   {base}/join\n"
        f"  Listening on {host}:{port} ({ASYNC_MODE}); set TEAMPLAY_PUBLIC_URL to change the address phones are given.\n"
        "  Press Ctrl+C to stop.\n",
        flush=True,
    )
    # Once draining, new requests and Socket.IO handshakes are refused before the app sees them.
    app.wsgi_app = forget_server_hooks(lifecycle.refuse_while_draining(app.wsgi_app))
    signal.signal(signal.SIGTERM, _on_sigterm)
    # eventlet serves at most `max_size` connections at once (1,024 unless told): told here, so no room is capped.
    extra = {"max_size": connections} if ASYNC_MODE == "eventlet" else {}
    socketio.run(app, host=host, port=port, log_output=False, allow_unsafe_werkzeug=ASYNC_MODE == "threading", **extra)


if __name__ == "__main__":
    main()
