"""Entry point: `python wsgi.py` runs the server; `wsgi:app` serves it under gunicorn or `flask run`.

Only this file chooses the async server: it patches the standard library for eventlet (the default) or gevent
before anything else is imported, as both require. The application itself never imports either.
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

from teamplay import create_app  # noqa: E402
from teamplay.extensions import socketio  # noqa: E402

app = create_app()


def main():
    host, port = app.config["HOST"], app.config["PORT"]
    base = app.config["BASE_URL"]
    print(
        "\nTeamPlay is running.\n"
        f"  Facilitator, on this laptop:  http://127.0.0.1:{port}/\n"
        f"  Phones on the same network:   {base}/join\n"
        f"  Listening on {host}:{port} ({ASYNC_MODE}); set TEAMPLAY_PUBLIC_URL to change the address phones are given.\n"
        "  Press Ctrl+C to stop.\n",
        flush=True,
    )
    socketio.run(app, host=host, port=port, log_output=False, allow_unsafe_werkzeug=ASYNC_MODE == "threading")


if __name__ == "__main__":
    main()
