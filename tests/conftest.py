"""Fixtures shared by every test: an app on its own SQLite file, its HTTP client and ready-made rooms."""
import pytest

from teamplay import create_app
from teamplay.extensions import db

from .helpers import RoomBuilder


@pytest.fixture
def app(tmp_path):
    """A TeamPlay app with a fresh database, threading mode and no background tasks (tests drive time by hand)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}",
            "ASYNC_MODE": "threading",
            "MESSAGE_QUEUE": None,
            "START_BACKGROUND_TASKS": False,
            "BROADCAST_INTERVAL_S": 0,
            "PUBLIC_URL": "http://teamplay.test",
            "BASE_URL": "http://teamplay.test",
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """Flask's HTTP test client for `app`."""
    return app.test_client()


@pytest.fixture
def rooms(app, client):
    """Builds rooms in one line: `rooms.with_players(3)` gives a host, a screen and three connected players."""
    builder = RoomBuilder(app, client)
    yield builder
    builder.disconnect_all()
