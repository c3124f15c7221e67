"""Activities run in a room and the responses players give to them."""
from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Activity(db.Model):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    settings: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed | revealed
    # Kinds with several stages (write, then vote) keep the current one here; ends_at is that stage's deadline.
    stage: Mapped[str | None] = mapped_column(String(16), nullable=True)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    opened_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
    ends_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    closed_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # When the server closes (or moves on) by itself: ends_at, later while a player with extra time has not answered,
    # None while a player with no time limit has not (or while the timer is paused or there is none).
    closes_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    # While the facilitator has paused the timer: what was left of it (ends_at is None meanwhile).
    paused_left_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # When it was first scored (or its awards taken away, for a skipped one). None while it is open, and for a moment
    # after it closes: the room's state goes out first and the scoring follows (services/points.py score_closed).
    scored_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    # What the facilitator has done to a running activity (words hidden, answers approved, whose turn it is): the
    # kind's own state, changed only through its `control`.
    control: Mapped[dict] = mapped_column(JSON, default=dict)


class Response(db.Model):
    __tablename__ = "responses"
    # slot lets a kind accept several entries from one player (word clouds); single-answer kinds use slot 0.
    __table_args__ = (
        UniqueConstraint("activity_id", "player_id", "slot", name="uq_response_slot"),
        UniqueConstraint("activity_id", "player_id", "request_id", name="uq_response_request"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int] = mapped_column(Integer, default=0)
    request_id: Mapped[str] = mapped_column(String(64))
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    answer: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    correct: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # for kinds that grade each answer as it arrives
    # When the answer was given; a kind whose answers may change (team trivia votes) moves it with each change.
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
