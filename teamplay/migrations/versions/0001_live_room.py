"""Live room: events, players, activities and responses, as the release before teams (commit 0581f0e) made them.

Revision ID: 0001_live_room
Revises:
Create Date: 2026-11-24

A database made by that release with `db.create_all()` has exactly this schema but no alembic_version table:
teamplay.schema stamps it with this revision before upgrading it.
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_live_room"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("host_key_hash", sa.String(64), nullable=False),
        sa.Column("screen_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current_activity_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("ended_at", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_events_code", "events", ["code"], unique=True)

    op.create_table(
        "players",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(24), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("joined_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("event_id", "name_key", name="uq_player_name_in_event"),
    )
    op.create_index("ix_players_event_id", "players", ["event_id"])
    op.create_index("ix_players_token_hash", "players", ["token_hash"], unique=True)

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.BigInteger(), nullable=False),
        sa.Column("ends_at", sa.BigInteger(), nullable=True),
        sa.Column("closed_at", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_activities_event_id", "activities", ["event_id"])
    op.create_index("ix_activities_ends_at", "activities", ["ends_at"])

    op.create_table(
        "responses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("activity_id", sa.Integer(), sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("player_id", sa.Integer(), sa.ForeignKey("players.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("activity_id", "player_id", "slot", name="uq_response_slot"),
        sa.UniqueConstraint("activity_id", "player_id", "request_id", name="uq_response_request"),
    )
    op.create_index("ix_responses_activity_id", "responses", ["activity_id"])
    op.create_index("ix_responses_player_id", "responses", ["player_id"])


def downgrade():
    for table in ("responses", "activities", "players", "events"):
        op.drop_table(table)  # drops its indexes with it
