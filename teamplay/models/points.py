"""Awards: every point given is a stored event (who, how many, why, for which activity); totals are derived."""
from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Award(db.Model):
    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # A player's award also names the team they were in when they earned it; a team award has no player.
    player_id: Mapped[int | None] = mapped_column(ForeignKey("players.id", ondelete="CASCADE"), nullable=True, index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), nullable=True, index=True)
    # Rule awards belong to an activity and are replaced whole when it is scored again; corrections have none.
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), nullable=True, index=True)
    reason: Mapped[str] = mapped_column(String(24))
    points: Mapped[int] = mapped_column(Integer)
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # e.g. {"streak": 3} or {"votes": 2}
    note: Mapped[str | None] = mapped_column(String(120), nullable=True)  # a correction's reason, as typed
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
