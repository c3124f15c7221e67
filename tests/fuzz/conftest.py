"""Fuzz tests run on SQLite only (the bad-input paths do not depend on the database, and hypothesis makes them slow
enough once), with the abuse guards' rate limits off: a fuzzer sends hundreds of events a second on purpose, and
what it probes is the handlers behind the limits (the limits have their own tests)."""
import pytest

from tests.conftest import dispose_app, test_app

NO_RATE_LIMITS = {"RATE_LIMITS_ENABLED": False, "SOCKET_EVENT_RATE": "0", "SOCKET_HOST_EVENT_RATE": "0"}


@pytest.fixture
def database_url(tmp_path):
    """Replaces the SQLite/PostgreSQL parametrization of tests/conftest.py: SQLite only, once."""
    return f"sqlite:///{tmp_path / 'fuzz.db'}"


@pytest.fixture
def app(database_url):
    """tests/conftest.py's app, without rate limits."""
    app = test_app(database_url, **NO_RATE_LIMITS)
    yield app
    dispose_app(app)
