"""Players by status: a room's active players are counted from an index on (event_id, status), which replaces the
index on event_id alone.

Revision ID: 0008_players_by_status
Revises: 0007_scored_after_the_state
Create Date: 2026-12-02

Every connecting phone counts the room's other active players (its rank is "of N"). With only event_id indexed,
SQLite read every row of the room for it: after each commit a connection starts with an empty page cache, so a
room of 2,000 cost 0.3-0.4 ms of page reads per connect during a joining wave.
"""
from alembic import op

revision = "0008_players_by_status"
down_revision = "0007_scored_after_the_state"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_players_event_status", "players", ["event_id", "status"])
    op.drop_index("ix_players_event_id", table_name="players")


def downgrade():
    op.create_index("ix_players_event_id", "players", ["event_id"])
    op.drop_index("ix_players_event_status", table_name="players")
