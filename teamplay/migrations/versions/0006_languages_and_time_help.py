"""Languages and time help: an event's default language; a player's extra time or no time limit; when an activity
really closes (later than its timer while a player with extra time is still answering).

Revision ID: 0006_languages_and_time_help
Revises: 0005_room_guards
Create Date: 2026-12-01

Existing events speak English, existing players have the standard timer, and an existing activity closes when its
timer ends (closes_at = ends_at).
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_languages_and_time_help"
down_revision = "0005_room_guards"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("language", sa.String(5), nullable=False, server_default="en"))
    with op.batch_alter_table("players") as batch:
        batch.add_column(sa.Column("extra_time_s", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("untimed", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("closes_at", sa.BigInteger(), nullable=True))
    op.create_index("ix_activities_closes_at", "activities", ["closes_at"])
    op.execute("UPDATE activities SET closes_at = ends_at")


def downgrade():
    op.drop_index("ix_activities_closes_at", table_name="activities")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("closes_at")
    with op.batch_alter_table("players") as batch:
        batch.drop_column("untimed")
        batch.drop_column("extra_time_s")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("language")
