"""Icebreakers and the agenda: an event's planned activities, an activity's facilitator state, a player's spotlight.

Revision ID: 0003_icebreakers_and_agenda
Revises: 0002_teams_and_points
Create Date: 2026-11-23

The new NOT NULL columns get server defaults so that existing rows get the values the models give new ones: no
facilitator state yet ({}), and every player open to the spotlight.
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_icebreakers_and_agenda"
down_revision = "0002_teams_and_points"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("notes", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("activity_id", sa.Integer(), sa.ForeignKey("activities.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_agenda_items_event_id", "agenda_items", ["event_id"])
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("control", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    with op.batch_alter_table("players") as batch:
        batch.add_column(sa.Column("spotlight", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table("players") as batch:
        batch.drop_column("spotlight")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("control")
    op.drop_index("ix_agenda_items_event_id", table_name="agenda_items")
    op.drop_table("agenda_items")
