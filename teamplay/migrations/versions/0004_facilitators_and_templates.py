"""The facilitator's side: accounts, co-facilitators and their invites, templates, and the console's room settings.

Revision ID: 0004_facilitators_and_templates
Revises: 0003_icebreakers_and_agenda
Create Date: 2026-12-01

Events made before accounts keep no owner: their host link still runs them. New NOT NULL columns get server
defaults matching the models (remote mode and reduced motion off).
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_facilitators_and_templates"
down_revision = "0003_icebreakers_and_agenda"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "facilitators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_facilitators_email", "facilitators", ["email"], unique=True)
    op.create_table(
        "co_facilitators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
        sa.Column("added_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("event_id", "facilitator_id", name="uq_co_facilitator"),
    )
    op.create_index("ix_co_facilitators_event_id", "co_facilitators", ["event_id"])
    op.create_index("ix_co_facilitators_facilitator_id", "co_facilitators", ["facilitator_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("facilitators.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("used_by", sa.Integer(), sa.ForeignKey("facilitators.id", ondelete="SET NULL"), nullable=True),
        sa.Column("used_at", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_invites_event_id", "invites", ["event_id"])
    op.create_index("ix_invites_token_hash", "invites", ["token_hash"], unique=True)
    op.create_table(
        "templates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_templates_owner_id", "templates", ["owner_id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("remote", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("reduce_motion", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_foreign_key("fk_events_owner_id", "facilitators", ["owner_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_events_owner_id", ["owner_id"])
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("paused_left_ms", sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("paused_left_ms")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_owner_id")
        batch.drop_constraint("fk_events_owner_id", type_="foreignkey")
        batch.drop_column("reduce_motion")
        batch.drop_column("remote")
        batch.drop_column("owner_id")
    op.drop_index("ix_templates_owner_id", table_name="templates")
    op.drop_table("templates")
    op.drop_index("ix_invites_token_hash", table_name="invites")
    op.drop_index("ix_invites_event_id", table_name="invites")
    op.drop_table("invites")
    op.drop_index("ix_co_facilitators_facilitator_id", table_name="co_facilitators")
    op.drop_index("ix_co_facilitators_event_id", table_name="co_facilitators")
    op.drop_table("co_facilitators")
    op.drop_index("ix_facilitators_email", table_name="facilitators")
    op.drop_table("facilitators")
