"""A player: one seat in a room, reclaimed by its resume token."""
from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Player(db.Model):
    __tablename__ = "players"
    # name_key is the case-folded name; a removed player's is cleared so the name can be used again.
    # The room's players by status: counting a room's active players (a phone's "of 2,000", the player cap) reads
    # the index alone instead of every row of the room.
    __table_args__ = (UniqueConstraint("event_id", "name_key", name="uq_player_name_in_event"),
                      Index("ix_players_event_status", "event_id", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(24))
    name_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | removed
    # False: the player asked not to be put on the spot (the hot-seat spinner skips them).
    spotlight: Mapped[bool] = mapped_column(Boolean, default=True)
    joined_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
    # Time help the facilitator gives a player who asks: seconds added to every timer, or no time limit at all.
    extra_time_s: Mapped[int] = mapped_column(Integer, default=0)
    untimed: Mapped[bool] = mapped_column(Boolean, default=False)


class BannedName(db.Model):
    """A name the facilitator banned from an event: nobody joins it under that name (case-folded) again."""

    __tablename__ = "banned_names"
    __table_args__ = (UniqueConstraint("event_id", "name_key", name="uq_banned_name_in_event"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(24))
    name_key: Mapped[str] = mapped_column(String(64))
    banned_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
