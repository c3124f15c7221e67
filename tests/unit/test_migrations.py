"""Schema migrations: they build what the models declare, upgrade a previous release's database and run twice safely."""
import threading

import pytest
import sqlalchemy
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from teamplay import create_app
from teamplay.extensions import db
from teamplay.schema import PREVIOUS_RELEASE, alembic_config, upgrade_database

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()
# Server defaults revision 0002 leaves on purpose on the columns it added to existing rows (see its docstring);
# the models give the same values from Python.
KEPT_SERVER_DEFAULTS = {
    ("events", "teams_mode"), ("events", "scene"), ("events", "board"), ("events", "sound"),  # 0002
    ("activities", "control"), ("players", "spotlight"),  # 0003
    ("events", "remote"), ("events", "reduce_motion"),  # 0004
    ("events", "language"), ("players", "extra_time_s"), ("players", "untimed"),  # 0006
}


def _wipe(url):
    """Drops every table, alembic_version included: the PostgreSQL schema is shared by the tests of a run."""
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        db.metadata.drop_all(connection)
        connection.execute(sqlalchemy.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture
def empty_url(database_url):
    """The test database with no table at all; emptied again afterwards, for the tests that follow."""
    _wipe(database_url)
    yield database_url
    _wipe(database_url)


def _app(url):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "ASYNC_MODE": "threading",
        "MESSAGE_QUEUE": None,
        "START_BACKGROUND_TASKS": False,
        "PUBLIC_URL": "http://teamplay.test",
        "BASE_URL": "http://teamplay.test",
    })


def _version(connection):
    return connection.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalars().all()


def _close(app):
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_migrations_build_the_same_schema_as_the_models(empty_url):
    app = _app(empty_url)  # an empty database: the app factory upgrades it from nothing
    with app.app_context(), db.engine.connect() as connection:
        assert _version(connection) == [HEAD]
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        differences = [
            diff for diff in compare_metadata(context, db.metadata)
            # alembic_version is Alembic's own table, not a model's.
            if not (diff[0] == "remove_table" and diff[1].name == "alembic_version")
            # A server default the models lack, kept on purpose by 0002 (a list of changes is a column's diff).
            and not (isinstance(diff, list) and diff[0][0] == "modify_default" and diff[0][2:4] in KEPT_SERVER_DEFAULTS)
        ]
    _close(app)
    assert differences == []


def _make_previous_release_database(url):
    """What the previous release's create_all made: the 0001 schema, no alembic_version; then one room in it."""
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS_RELEASE)
        connection.execute(sqlalchemy.text("DROP TABLE alembic_version"))
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(
            "INSERT INTO events (id, code, title, host_key_hash, screen_key, status, locked, version,"
            " current_activity_id, created_at) VALUES (7, 'ABC234', 'Old room', :hash, 'screen-key', 'running',"
            " :no, 5, 3, 1000)"), {"hash": "h" * 64, "no": False})
        connection.execute(sqlalchemy.text(
            "INSERT INTO players (id, event_id, name, name_key, token_hash, status, joined_at)"
            " VALUES (11, 7, 'Ada', 'ada', :token, 'active', 1100)"), {"token": "t" * 64})
        connection.execute(sqlalchemy.text(
            "INSERT INTO activities (id, event_id, kind, settings, status, duration_s, opened_at)"
            " VALUES (3, 7, 'poll', :settings, 'open', NULL, 1200)"),
            {"settings": '{"question": "Tea or coffee?", "options": ["Tea", "Coffee"]}'})
        connection.execute(sqlalchemy.text(  # an earlier one, scored when it closed (that release scored at once)
            "INSERT INTO activities (id, event_id, kind, settings, status, duration_s, opened_at, closed_at)"
            " VALUES (2, 7, 'poll', :settings, 'revealed', NULL, 1150, 1190)"),
            {"settings": '{"question": "Cats or dogs?", "options": ["Cats", "Dogs"]}'})
        connection.execute(sqlalchemy.text(
            "INSERT INTO responses (id, activity_id, player_id, slot, request_id, passed, answer, created_at)"
            " VALUES (21, 3, 11, 0, 'req-1', :no, :answer, 1300)"), {"no": False, "answer": '{"choice": 1}'})
    engine.dispose()


def test_a_database_from_the_previous_release_is_upgraded_and_keeps_its_rooms(empty_url):
    from teamplay.models import Activity, Event, Player, Response
    from teamplay.services import points, views
    from teamplay.services.rooms import Identity

    _make_previous_release_database(empty_url)
    app = _app(empty_url)  # starting the new release runs upgrade_database: stamp 0001, then upgrade
    with app.app_context():
        assert _version(db.session.connection()) == [HEAD]
        event = db.session.get(Event, 7)
        assert (event.code, event.title, event.status, event.version, event.current_activity_id) == (
            "ABC234", "Old room", "running", 5, 3)
        assert (event.teams_mode, event.scene, event.board, event.sound) == ("off", "activity", "top5", True)
        player = db.session.get(Player, 11)
        assert (player.event_id, player.name, player.name_key, player.status, player.team_id) == (7, "Ada", "ada", "active", None)
        activity = db.session.get(Activity, 3)
        assert (activity.kind, activity.settings["options"], activity.stage) == ("poll", ["Tea", "Coffee"], None)
        # 0007: the closed one counts as scored when it closed, so no watcher scores it again; the open one is not.
        assert (activity.scored_at, db.session.get(Activity, 2).scored_at) == (None, 1190)
        assert points.score_pending(now=10**15) == []
        response = db.session.get(Response, 21)  # on SQLite the players table was rebuilt: no cascade took this
        assert (response.player_id, response.answer, response.passed, response.correct) == (11, {"choice": 1}, False, None)

        table = points.standings(event)
        assert table.teams == []
        assert [(row["id"], row["name"], row["points"]) for row in table.players] == [(11, "Ada", 0)]
        for identity in (Identity("host", 7, "ABC234"), Identity("player", 7, "ABC234", player_id=11)):
            view = views.snapshot(identity, "http://teamplay.test/join", lambda _player_id: True)
            assert view["role"] == identity.role
        assert view["me"]["team_id"] is None and view["my_response"] is not None

        # The rebuilt players table still cascades from its event, and foreign keys are enforced again.
        db.session.delete(event)
        db.session.commit()
        assert db.session.scalar(sqlalchemy.select(sqlalchemy.func.count()).select_from(Response)) == 0
    _close(app)


def test_upgrade_twice_is_harmless(empty_url):
    from teamplay.models import Event, Team

    app = _app(empty_url)
    with app.app_context():
        event = Event(code="XYZ789", title="Room", host_key_hash="h", screen_key="s", teams_mode="pick",
                      scene="podium", board="teams")
        db.session.add(event)
        db.session.flush()
        db.session.add(Team(event_id=event.id, position=0, name="Reds", colour="#FF0000", icon="star"))
        db.session.commit()
    upgrade_database(app)
    upgrade_database(app)
    with app.app_context():
        assert _version(db.session.connection()) == [HEAD]
        row = db.session.execute(sqlalchemy.text("SELECT teams_mode, scene, board FROM events")).one()
        assert tuple(row) == ("pick", "podium", "teams")
        assert db.session.scalars(sqlalchemy.select(Team.name)).all() == ["Reds"]
    _close(app)


def test_workers_starting_together_migrate_once(empty_url):
    """Two processes on one empty database: one migrates while the other waits (advisory lock, BEGIN IMMEDIATE)."""
    apps = [_app(empty_url), _app(empty_url)]  # the first one migrates; then the database is emptied again
    for app in apps:
        _close(app)
    _wipe(empty_url)
    start = threading.Barrier(len(apps))
    failures = []

    def start_worker(app):
        start.wait()
        try:
            upgrade_database(app)
        except Exception as err:  # noqa: BLE001  (reported below, with the other worker's outcome)
            failures.append(err)

    threads = [threading.Thread(target=start_worker, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    with apps[0].app_context():
        assert _version(db.session.connection()) == [HEAD]
    for app in apps:
        _close(app)
