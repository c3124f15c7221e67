"""An event's agenda: the activities the facilitator plans, in order, each started with "next" or on its own."""
from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0-based order; positions are renumbered on every move
    kind: Mapped[str] = mapped_column(String(32))
    # The settings as the facilitator wrote them (a pack and a depth, or their own prompt): checked when saved,
    # resolved when the item starts, so a shuffled prompt is one the room has not seen by then.
    settings: Mapped[dict] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(String(200), default="")  # presenter notes: only the facilitator sees them
    status: Mapped[str] = mapped_column(String(16), default="planned")  # planned | started | skipped
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
