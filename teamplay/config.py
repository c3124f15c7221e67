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


def _secret_key():
    """A stable key from the environment, else one kept in instance/ so sessions survive restarts."""
    from_env = os.environ.get("TEAMPLAY_SECRET_KEY")
    if from_env:
        return from_env
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


def resolve_secret_key(config):
    return config.get("SECRET_KEY") or _secret_key()
