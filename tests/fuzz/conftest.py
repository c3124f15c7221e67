"""Fuzz tests run on SQLite only (the bad-input paths do not depend on the database, and hypothesis makes them slow
enough once), with the abuse guards' rate limits off: a fuzzer sends hundreds of events a second on purpose, and
what it probes is the handlers behind the limits (the limits have their own tests)."""
import pytest

from teamplay import create_app
from teamplay.extensions import db

NO_RATE_LIMITS = {"RATE_LIMITS_ENABLED": False, "SOCKET_EVENT_RATE": "0", "SOCKET_HOST_EVENT_RATE": "0"}


@pytest.fixture
def database_url(tmp_path):
    """Replaces the SQLite/PostgreSQL parametrization of tests/conftest.py: SQLite only, once."""
    return f"sqlite:///{tmp_path / 'fuzz.db'}"


@pytest.fixture
def app(database_url):
    """tests/conftest.py's app, without rate limits."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "ASYNC_MODE": "threading",
            "MESSAGE_QUEUE": None,
            "START_BACKGROUND_TASKS": False,
            "BROADCAST_INTERVAL_S": 0,
            "PUBLIC_URL": "http://teamplay.test",
            "BASE_URL": "http://teamplay.test",
            **NO_RATE_LIMITS,
        }
    )
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
