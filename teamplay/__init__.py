"""TeamPlay: live icebreakers, appreciation rounds and team challenges, run from one laptop or a cluster."""
import logging
import sqlite3

from flask import Flask, abort
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

from .config import PROJECT_ROOT, Config, resolve_secret_key
from .extensions import csrf, db, login_manager, socketio
from .netinfo import base_url


@sa_event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """WAL keeps every committed answer through a killed process, and lets readers work beside the writer."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_app(config=None):
    """Builds the app: settings, database, Socket.IO, pages and handlers. `config` overrides settings (tests)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    app.config["SECRET_KEY"] = resolve_secret_key(app.config)
    app.config.setdefault("BASE_URL", base_url(app.config["PUBLIC_URL"], app.config["HOST"], app.config["PORT"]))
    logging.basicConfig(level=app.config["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from . import realtime
    from .realtime.packets import JsonPacket
    from .web import register_blueprints

    # Handlers first: Flask-SocketIO keeps handlers declared before init_app and binds them to every app it serves.
    realtime.register(socketio)

    _ensure_sqlite_folder(app.config["SQLALCHEMY_DATABASE_URI"])
    db.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"],
        channel=app.config.get("MESSAGE_QUEUE_CHANNEL") or "flask-socketio",
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        cors_allowed_origins=socket_origins(app.config["ALLOWED_ORIGINS"]),
        ping_interval=10,
        ping_timeout=20,
        serializer=JsonPacket,  # JSON only: payloads are not searched for bytes (realtime/packets.py)
    )

    # Every Socket.IO event is handled in a request context made from its connection's handshake (/socket.io/), and
    # pushing one routes its path. With no rule for that path each event recorded a NotFound, whose traceback held
    # the event's whole call stack in a reference cycle: tens of thousands of objects a second for the garbage
    # collector in a busy room (docs/performance.md). The rule is never served: Socket.IO's middleware answers
    # /socket.io/ before Flask sees it.
    app.add_url_rule("/socket.io/", endpoint="socketio", view_func=_not_served)
    app.add_url_rule("/socket.io/", endpoint="socketio_websocket", view_func=_not_served, websocket=True)

    if app.config["TRUSTED_PROXIES"] > 0:  # after Socket.IO's middleware, so socket connects see the same address
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"])
    from . import guards, i18n
    from .realtime import presence

    presence.init_app(app)

    i18n.init_app(app)
    guards.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = None
    register_blueprints(app)

    with app.app_context():
        from . import models  # noqa: F401  (the models must be imported before the schema is upgraded)
        from .schema import upgrade_database

        upgrade_database(app)

    if app.config["START_BACKGROUND_TASKS"]:
        from .realtime import tasks

        tasks.start(app)
    return app


def _not_served():
    abort(404)


def socket_origins(extra):
    """Who may open a Socket.IO connection: the page's own origin only (python-socketio's None), plus any origin
    listed in TEAMPLAY_ALLOWED_ORIGINS — then the own origin must be listed too. A wildcard is refused."""
    if "*" in extra:
        from .config import ConfigError

        raise ConfigError("TEAMPLAY_ALLOWED_ORIGINS may not be '*': list the origins, e.g. https://teamplay.example.org")
    return list(extra) or None


def _ensure_sqlite_folder(url):
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
