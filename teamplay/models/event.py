"""An event: one live room with its code, its facilitator's key and its version number."""
from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(80))
    host_key_hash: Mapped[str] = mapped_column(String(64))
    screen_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="lobby")  # lobby | running | ended
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    current_activity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    teams_mode: Mapped[str] = mapped_column(String(16), default="off")  # off | arrival | shuffle | pick
    scene: Mapped[str] = mapped_column(String(16), default="activity")  # what the big screen shows: activity | leaderboard | podium
    board: Mapped[str] = mapped_column(String(16), default="top5")  # the screen's leaderboard: teams | top5 | everyone | hidden
    sound: Mapped[bool] = mapped_column(Boolean, default=True)
    # The facilitator whose account the event belongs to; None for a quick room run by its host link alone.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"), nullable=True,
                                                 index=True)
    # Remote mode tunes the big screen for a shared video window and gives timers a few seconds for call lag.
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    reduce_motion: Mapped[bool] = mapped_column(Boolean, default=False)  # the big screen without animations
    # The event's default language ("en" | "es"): the big screen's, and each phone's until its player picks another.
    language: Mapped[str] = mapped_column(String(5), default="en")
    # The most players the room takes (None: no cap), set by the facilitator.
    player_cap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
    ended_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
