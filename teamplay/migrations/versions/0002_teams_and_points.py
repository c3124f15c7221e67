"""Teams and points: teams, awards and team drafts; an event's teams mode and screen; a player's team (commit 1b65b12).

Revision ID: 0002_teams_and_points
Revises: 0001_live_room
Create Date: 2026-11-24

The new NOT NULL columns of events get server defaults (the values the models give a new room), so that rooms made
by the previous release get them too. They stay: the app always sends its own value, and a worker of the previous
release that still inserts rooms during a rolling upgrade keeps working.
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_teams_and_points"
down_revision = "0001_live_room"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(24), nullable=False),
        sa.Column("colour", sa.String(7), nullable=False),
        sa.Column("icon", sa.String(16), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("event_id", "position", name="uq_team_position"),
    )
    op.create_index("ix_teams_event_id", "teams", ["event_id"])

    op.create_table(
        "awards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("player_id", sa.Integer(), sa.ForeignKey("players.id", ondelete="CASCADE"), nullable=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="SET NULL"), nullable=True),
        sa.Column("activity_id", sa.Integer(), sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=True),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(120), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_awards_event_id", "awards", ["event_id"])
    op.create_index("ix_awards_player_id", "awards", ["player_id"])
    op.create_index("ix_awards_team_id", "awards", ["team_id"])
    op.create_index("ix_awards_activity_id", "awards", ["activity_id"])

    op.create_table(
        "draft_fields",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("activity_id", sa.Integer(), sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("field", sa.String(24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("player_id", sa.Integer(), sa.ForeignKey("players.id", ondelete="SET NULL"), nullable=True),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("activity_id", "team_id", "field", name="uq_draft_field"),
    )
    op.create_index("ix_draft_fields_activity_id", "draft_fields", ["activity_id"])

    # Plain ADD COLUMN, on SQLite too: a NOT NULL column may be added there when it has a default.
    op.add_column("events", sa.Column("teams_mode", sa.String(16), nullable=False, server_default="off"))
    op.add_column("events", sa.Column("scene", sa.String(16), nullable=False, server_default="activity"))
    op.add_column("events", sa.Column("board", sa.String(16), nullable=False, server_default="top5"))
    op.add_column("events", sa.Column("sound", sa.Boolean(), nullable=False, server_default=sa.true()))

    # A foreign key on an existing table: SQLite rebuilds the table (batch mode); PostgreSQL alters it in place.
    # The constraint is named as PostgreSQL names the others, so that a later revision can drop it on both.
    with op.batch_alter_table("players") as batch:
        batch.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("players_team_id_fkey", "teams", ["team_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_players_team_id", ["team_id"])

    op.add_column("activities", sa.Column("stage", sa.String(16), nullable=True))
    op.add_column("responses", sa.Column("correct", sa.Boolean(), nullable=True))


def downgrade():
    # Batch mode throughout: SQLite drops a column or a foreign key by rebuilding the table.
    with op.batch_alter_table("responses") as batch:
        batch.drop_column("correct")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("stage")
    with op.batch_alter_table("players") as batch:
        batch.drop_index("ix_players_team_id")
        batch.drop_constraint("players_team_id_fkey", type_="foreignkey")
        batch.drop_column("team_id")
    with op.batch_alter_table("events") as batch:
        for column in ("sound", "board", "scene", "teams_mode"):
            batch.drop_column(column)
    for table in ("draft_fields", "awards", "teams"):
        op.drop_table(table)
