"""A team's shared draft for a challenge: one row per field, so two phones editing two fields never clash."""
from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class DraftField(db.Model):
    __tablename__ = "draft_fields"
    __table_args__ = (UniqueConstraint("activity_id", "team_id", "field", name="uq_draft_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text, default="")
    player_id: Mapped[int | None] = mapped_column(ForeignKey("players.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
