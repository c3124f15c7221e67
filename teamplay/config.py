"""Settings read from the environment, in one place, with defaults that make a demo-ready laptop server."""
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _default_database_url():
    instance = PROJECT_ROOT / "instance"
    return f"sqlite:///{instance / 'teamplay.db'}"


class ConfigError(RuntimeError):
    """A setting the server cannot start without; the message says which and how to set it."""


def _secret_key():
    """A stable key from the environment, else (in development only) one kept in instance/ so sessions survive
    restarts. In production the key must be set: a key made on one machine would differ between workers and
    sign facilitators out whenever a worker restarts."""
    from_env = os.environ.get("TEAMPLAY_SECRET_KEY")
    if from_env:
        if len(from_env) < 32:
            raise ConfigError("TEAMPLAY_SECRET_KEY must be at least 32 characters (e.g. `python -c 'import secrets; "
                              "print(secrets.token_hex(32))'`).")
        return from_env
    if os.environ.get("TEAMPLAY_ENV", "development") == "production":
        raise ConfigError("TEAMPLAY_SECRET_KEY is not set: in production (TEAMPLAY_ENV=production) it must be, the "
                          "same on every worker. Make one with `python -c 'import secrets; print(secrets.token_hex(32))'`.")
    key_file = PROJECT_ROOT / "instance" / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        key_file.write_text(key)
        return key


class Config:
    """Every setting TeamPlay reads. Environment variables override the defaults."""

    SECRET_KEY = None  # filled lazily by create_app via _secret_key()
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEAMPLAY_DATABASE_URL") or _default_database_url()
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    # Address the server listens on: all interfaces by default, so phones on the same network can reach it.
    HOST = os.environ.get("TEAMPLAY_HOST", "0.0.0.0")
    PORT = int(os.environ.get("TEAMPLAY_PORT", "5000"))
    # Public base URL for join links and QR codes (behind a proxy or on a server). Empty: detected.
    PUBLIC_URL = os.environ.get("TEAMPLAY_PUBLIC_URL", "").rstrip("/")
    # eventlet (default), gevent or threading. Only wsgi.py acts on it before anything else is imported.
    ASYNC_MODE = os.environ.get("TEAMPLAY_ASYNC_MODE", "eventlet")
    # Redis URL shared by several workers (scale-out). Empty: one process.
    MESSAGE_QUEUE = os.environ.get("TEAMPLAY_MESSAGE_QUEUE") or None
    # The queue's channel: workers of one deployment share it; another deployment (or test run) on the same Redis
    # picks its own, so their emits never cross.
    MESSAGE_QUEUE_CHANNEL = os.environ.get("TEAMPLAY_MESSAGE_QUEUE_CHANNEL") or "flask-socketio"
    # Largest HTTP request body: a template file is the biggest thing anyone uploads (256 KB, see services/templates).
    MAX_CONTENT_LENGTH = 512 * 1024
    # Largest Socket.IO message accepted, in bytes: far below the library's 1 MB default.
    MAX_MESSAGE_BYTES = int(os.environ.get("TEAMPLAY_MAX_MESSAGE_BYTES", str(64 * 1024)))
    # How often live tallies and rosters are pushed to the host and the screen, at most, per room.
    BROADCAST_INTERVAL_S = float(os.environ.get("TEAMPLAY_BROADCAST_INTERVAL_S", "0.25"))
    # How often the deadline watcher closes activities whose timer ran out.
    DEADLINE_TICK_S = float(os.environ.get("TEAMPLAY_DEADLINE_TICK_S", "0.25"))
    # Background tasks (deadline watcher). Off in tests that drive the rules by hand.
    START_BACKGROUND_TASKS = _env_bool("TEAMPLAY_BACKGROUND_TASKS", True)
    LOG_LEVEL = os.environ.get("TEAMPLAY_LOG_LEVEL", "INFO")
    # Abuse guards (docs/security.md): rate limits as "name=limit;…" overriding teamplay/guards.py's defaults
    # (lookup, join, room_join, guess), kept in the message queue's Redis when there is one, else in memory.
    RATE_LIMITS = os.environ.get("TEAMPLAY_RATE_LIMITS", "")
    RATE_LIMITS_ENABLED = _env_bool("TEAMPLAY_RATE_LIMITS_ENABLED", True)
    RATE_LIMIT_STORAGE_URI = os.environ.get("TEAMPLAY_RATE_LIMIT_STORAGE_URI") or None  # default: MESSAGE_QUEUE
    # Socket.IO events a connection may send: a token bucket of "rate/burst" per second, the host's apart.
    SOCKET_EVENT_RATE = os.environ.get("TEAMPLAY_SOCKET_EVENT_RATE", "20/40")
    SOCKET_HOST_EVENT_RATE = os.environ.get("TEAMPLAY_SOCKET_HOST_EVENT_RATE", "50/100")
    # How many proxies in front of the server set X-Forwarded-For; 0 (default): the header is ignored.
    TRUSTED_PROXIES = int(os.environ.get("TEAMPLAY_TRUSTED_PROXIES", "0"))
    # How long a player whose connection dropped (no goodbye) still counts as online: the console shows them away
    # only after it, and a reconnect within it changes nothing on screen. 0: away at once.
    PRESENCE_GRACE_S = float(os.environ.get("TEAMPLAY_PRESENCE_GRACE_S", "10"))
    # On SIGTERM (`python wsgi.py`): how long in-flight handlers get to finish before the process exits.
    SHUTDOWN_GRACE_S = float(os.environ.get("TEAMPLAY_SHUTDOWN_GRACE_S", "10"))
    # Concurrent connections one server process takes (eventlet's own default, 1,024, would silently cap a room).
    MAX_CONNECTIONS = int(os.environ.get("TEAMPLAY_MAX_CONNECTIONS", "10000"))
    # development (the laptop demo: a secret key is made on first start) or production (it must be set).
    ENV = os.environ.get("TEAMPLAY_ENV", "development")
    # Cookies only over HTTPS: on by default once the public URL is https (behind a TLS proxy), or when asked.
    SECURE_COOKIES = _env_bool("TEAMPLAY_SECURE_COOKIES", PUBLIC_URL.startswith("https://"))
    # The session cookie (a signed-in facilitator) and Flask-Login's remember cookie are never sent with another
    # site's requests, never read by scripts, and only sent over HTTPS once the server is behind it.
    SESSION_COOKIE_SAMESITE = REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = REMEMBER_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = REMEMBER_COOKIE_SECURE = SECURE_COOKIES
    WTF_CSRF_TIME_LIMIT = None  # a console left open all day still posts its forms
    # Pages of other origins allowed to open a Socket.IO connection (comma-separated, e.g. a second host name of a
    # proxy). Empty: only the page's own origin, as the browser sent it. Never "*".
    ALLOWED_ORIGINS = [o.strip().rstrip("/") for o in os.environ.get("TEAMPLAY_ALLOWED_ORIGINS", "").split(",")
                       if o.strip()]


def resolve_secret_key(config):
    return config.get("SECRET_KEY") or _secret_key()
