"""Facilitators' accounts, the co-facilitators an event's owner invites, and the one-time invite links."""
from flask_login import UserMixin
from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import now_ms


class Facilitator(UserMixin, db.Model):
    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)  # stored case-folded
    name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)


class CoFacilitator(db.Model):
    """A facilitator the event's owner invited: they run the host console of that event as the owner does."""

    __tablename__ = "co_facilitators"
    __table_args__ = (UniqueConstraint("event_id", "facilitator_id", name="uq_co_facilitator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)


class Invite(db.Model):
    """A one-time link that makes whoever signs in with it a co-facilitator of the event; kept as a digest."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[int] = mapped_column(BigInteger, default=now_ms)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"), nullable=True)
    used_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
