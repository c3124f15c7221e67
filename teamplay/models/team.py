"""Teams: the groups a room plays in, each with a name, a colour and a shape so it is never told by colour alone."""
from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Team(db.Model):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("event_id", "position", name="uq_team_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0-based: the order teams are shown in, side by side
    name: Mapped[str] = mapped_column(String(24))
    colour: Mapped[str] = mapped_column(String(7))  # "#RRGGBB"
    icon: Mapped[str] = mapped_column(String(16))  # a shape name: star, circle, triangle…
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
