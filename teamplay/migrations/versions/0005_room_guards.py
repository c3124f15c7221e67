"""Room guards: the facilitator's player cap and the names banned from an event.

Revision ID: 0005_room_guards
Revises: 0004_facilitators_and_templates
Create Date: 2026-12-01

`events.player_cap` is nullable (no cap) so existing rooms need no default.
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_room_guards"
down_revision = "0004_facilitators_and_templates"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("player_cap", sa.Integer(), nullable=True))
    op.create_table(
        "banned_names",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(24), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False),
        sa.Column("banned_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("event_id", "name_key", name="uq_banned_name_in_event"),
    )
    op.create_index("ix_banned_names_event_id", "banned_names", ["event_id"])


def downgrade():
    op.drop_index("ix_banned_names_event_id", table_name="banned_names")
    op.drop_table("banned_names")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("player_cap")
