"""Schema migrations: brings the app's database to the newest Alembic revision (teamplay/migrations) at start-up."""
import logging
import re
import sys
from pathlib import Path

# Alembic lists its autogenerate plugins at INFO as it is imported: the start-up log keeps only what it migrates.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import inspect, text  # noqa: E402

from .extensions import db  # noqa: E402

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
# The schema the release before migrations made with create_all; such a database has no alembic_version table.
PREVIOUS_RELEASE = "0001_live_room"
# pg_advisory_xact_lock key ("teamplay" in ASCII): one worker migrates, the others wait, then find nothing to do.
LOCK_KEY = 0x7465616D706C6179


def alembic_config(connection=None):
    """Alembic's settings for this layout: the revisions in teamplay/migrations, run on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(rev)s")  # the revision id already says what it does: 0002_teams_and_points
    config.attributes["connection"] = connection
    return config


def upgrade_database(app):
    """Upgrades the app's database to the newest revision, in one transaction; several processes may call it at once."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine)
            return
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            _upgrade(connection)


def _upgrade(connection):
    config = alembic_config(connection)
    tables = inspect(connection)
    if not tables.has_table("alembic_version") and tables.has_table("events"):
        command.stamp(config, PREVIOUS_RELEASE)
    command.upgrade(config, "head")


def _upgrade_sqlite(engine):
    """SQLite changes a constraint by rebuilding the table: dropping the old one must not cascade to other tables.

    Foreign keys are switched off for the migration (the pragma has no effect inside a transaction, hence autocommit
    mode and a transaction of our own) and checked before the commit. BEGIN IMMEDIATE makes a second process wait
    for the first one's migration, and makes the whole upgrade one transaction: a failure leaves the old schema.
    """
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                _upgrade(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the schema upgrade broke foreign keys: {broken[:5]}")
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def new_revision(message):
    """Writes the next revision, numbered like the others, from the models' difference with a scratch database.

    The scratch SQLite database is built by the existing revisions, so the draft holds exactly what the models
    add; read it, and correct it by hand (server defaults for new NOT NULL columns, names, data moves).
    """
    import tempfile

    from . import create_app

    script = ScriptDirectory.from_config(alembic_config())
    number = len(list(script.walk_revisions())) + 1
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:27].rstrip("_")  # alembic_version holds 32 characters
    with tempfile.TemporaryDirectory() as scratch:
        app = create_app({
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{scratch}/scratch.db",  # create_app upgrades it to head
            "ASYNC_MODE": "threading",
            "MESSAGE_QUEUE": None,
            "START_BACKGROUND_TASKS": False,
        })
        with app.app_context():
            with db.engine.begin() as connection:
                command.revision(alembic_config(connection), message, autogenerate=True, rev_id=f"{number:04d}_{slug}")
            db.engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m teamplay.schema revision "what changed"')
    new_revision(sys.argv[2])
