"""Fixtures shared by every test: an app on a fresh database (SQLite and PostgreSQL), its client and ready-made rooms."""
import itertools
import os

import pytest
import sqlalchemy

from teamplay import create_app
from teamplay.extensions import db

from .helpers import RoomBuilder


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs on two pytest-xdist workers. Each test file goes to one worker whole, in its own order, so
    its module-scoped server is shared and the live stories run as chapters of one room; every browser file goes
    to the same worker, first, so only one Chromium runs at a time while the other worker takes the rest."""
    if config.getoption("dist") not in ("load", "loadfile"):
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTestsTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = super()._split_scope(nodeid)
            return "tests/browser/" if path.startswith("tests/browser/") else path

    config.option.loadscopereorder = False  # files in collection order: tests/browser/ comes first
    return BrowserTestsTogether(config, log)


POSTGRES_URL = os.environ.get("TEAMPLAY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEAMPLAY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _services_required():
    return os.environ.get("TEAMPLAY_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def postgres_url():
    """A schema of its own in the PostgreSQL test database, so that test runs side by side never meet.

    PostgreSQL must be there in CI (TEAMPLAY_REQUIRE_SERVICES=1); elsewhere its variants skip with the reason.
    """
    schema = f"teamplay_test_{os.getpid()}"
    try:
        engine = sqlalchemy.create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    except sqlalchemy.exc.OperationalError as err:
        if _services_required():
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_URL}: {err}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: PostgreSQL variants skipped")
    yield _in_schema(schema)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _in_schema(schema):
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def fresh_postgres_url(postgres_url):
    """An empty schema for one test's server processes, which migrate it from the start. The session's schema is
    not for them: the app-level tests of the same worker drop their tables there, not the migrations' record of
    them, and a server started after one of them would find the record and no tables."""
    schema = f"teamplay_live_{os.getpid()}_{next(_FRESH_SCHEMAS)}"
    engine = sqlalchemy.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    yield _in_schema(schema)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


_FRESH_SCHEMAS = itertools.count(1)


@pytest.fixture(scope="session")
def redis_url():
    """The Redis the scale-out tests share as their message queue (each test picks a channel of its own).

    Redis must be there in CI (TEAMPLAY_REQUIRE_SERVICES=1); elsewhere the tests that need it skip with the reason.
    """
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        connection.ping()
        connection.close()
    except redis.RedisError as err:
        if _services_required():
            pytest.fail(f"Redis is required but not reachable at {REDIS_URL}: {err}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: scale-out tests skipped")
    return REDIS_URL


@pytest.fixture
def start_server(request, tmp_path_factory):
    """Starts real server processes (`python wsgi.py`) for one test: `start_server(extra_env)` gives a started
    LiveServer in a folder of its own; every server started is stopped when the test ends, and their logs are
    printed when it failed."""
    from tests.support.live_server import LiveServer

    started = []

    def start(extra_env=None):
        server = LiveServer(tmp_path_factory.mktemp("server"), extra_env=extra_env)
        started.append(server)
        return server.start()

    yield start
    report = getattr(request.node, "rep_call", None)
    for server in started:
        server.stop()
        if report is not None and report.failed:
            print(f"----- server log ({server.log_path}) -----\n{server.log()[-6000:]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each app-level test runs on SQLite (the embedded default) and on PostgreSQL (the scale-out path)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


def test_app(database_url, **overrides):
    """A TeamPlay app with a fresh database, threading mode and no background tasks (tests drive time by hand);
    `overrides` change settings (a fuzzer's app has no rate limits)."""
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ASYNC_MODE": "threading",
        "MESSAGE_QUEUE": None,
        "START_BACKGROUND_TASKS": False,
        "BROADCAST_INTERVAL_S": 0,
        "PUBLIC_URL": "http://teamplay.test",
        "BASE_URL": "http://teamplay.test",
        **overrides,
    })
    with app.app_context():
        db.drop_all()  # a shared server database starts every test empty
        db.create_all()
    return app


def dispose_app(app):
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


test_app.__test__ = False  # a builder, not a test


@pytest.fixture
def app(database_url):
    """A TeamPlay app for one test (see test_app)."""
    app = test_app(database_url)
    yield app
    dispose_app(app)


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
