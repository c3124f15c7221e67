"""Scoring after the state: when an activity's awards were written, so that a closing or revealing room's state
need not wait for its scoring, and a scoring a stopped worker left undone is found and done.

Revision ID: 0007_scored_after_the_state
Revises: 0006_languages_and_time_help
Create Date: 2026-12-01

Every activity that is no longer open was scored in the transaction that closed it (or its awards were taken away
when it was skipped): it counts as scored when it closed.
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_scored_after_the_state"
down_revision = "0006_languages_and_time_help"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("scored_at", sa.BigInteger(), nullable=True))
    op.create_index("ix_activities_scored_at", "activities", ["scored_at"])
    op.execute("UPDATE activities SET scored_at = COALESCE(closed_at, opened_at) WHERE status <> 'open'")


def downgrade():
    op.drop_index("ix_activities_scored_at", table_name="activities")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("scored_at")
