"""Facilitators' accounts: signing up and in, the events they may run (their own and those they were invited to),
and the one-time invite links that add a co-facilitator to an event."""
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..game.codes import digest, new_secret
from ..game.errors import GameError
from ..models import CoFacilitator, Event, Facilitator, Invite
from ..models.base import now_ms

# A hash to check a password against when the email is unknown, so that a wrong email takes as long as a wrong
# password and the sign-in form does not tell which emails have accounts.
_NOBODY = generate_password_hash("teamplay: no such facilitator")
WRONG_CREDENTIALS = GameError("wrong_credentials", "That email and password do not match an account.", status=401)


def email_key(email):
    """How an email is compared and stored: trimmed and case-folded."""
    return email.strip().casefold()


def sign_up(email, name, password):
    """A new facilitator account; GameError("email_taken") when the email already has one."""
    facilitator = Facilitator(email=email_key(email), name=name, password_hash=generate_password_hash(password))
    db.session.add(facilitator)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise GameError("email_taken", "An account with this email already exists: sign in instead.",
                        status=409) from None
    return facilitator


def sign_in(email, password):
    """The facilitator with this email and password, or WRONG_CREDENTIALS (the same for either mistake)."""
    facilitator = db.session.scalar(select(Facilitator).where(Facilitator.email == email_key(email)))
    if facilitator is None:
        check_password_hash(_NOBODY, password)
        raise WRONG_CREDENTIALS
    if not check_password_hash(facilitator.password_hash, password):
        raise WRONG_CREDENTIALS
    return facilitator


def can_run(facilitator_id, event):
    """Whether this facilitator may run the event's console: they own it, or its owner invited them."""
    if facilitator_id is None or event is None:
        return False
    if event.owner_id == facilitator_id:
        return True
    return db.session.scalar(select(CoFacilitator.id).where(
        CoFacilitator.event_id == event.id, CoFacilitator.facilitator_id == facilitator_id)) is not None


def event_to_run(facilitator_id, code):
    """The event with this room code, when this facilitator may run it; else the same not-found as a wrong code."""
    from .rooms import find_event

    event = find_event(code)
    if not can_run(facilitator_id, event):
        raise GameError("room_not_found", "There is no room with that code. Check the code on the big screen.",
                        status=404)
    return event


def events_of(facilitator_id):
    """The events a facilitator owns or co-runs, newest first."""
    invited = select(CoFacilitator.event_id).where(CoFacilitator.facilitator_id == facilitator_id)
    return db.session.scalars(
        select(Event).where(or_(Event.owner_id == facilitator_id, Event.id.in_(invited)))
        .order_by(Event.created_at.desc(), Event.id.desc())
    ).all()


def create_invite(event, by_facilitator_id):
    """A one-time invite token for the event (returned once; stored as a digest). Only its owner may invite."""
    if event.owner_id != by_facilitator_id:
        raise GameError("forbidden", "Only the event's owner can invite co-facilitators.", status=403)
    token = new_secret()
    db.session.add(Invite(event_id=event.id, token_hash=digest(token), created_by=by_facilitator_id))
    db.session.commit()
    return token


INVITE_INVALID = GameError("invite_invalid", "This invite link is not valid or was used already. Ask for a new one.",
                           status=404)


def invite_event(token):
    """The event an unused invite token is for, or INVITE_INVALID."""
    invite = _unused_invite(token)
    return db.session.get(Event, invite.event_id)


def _unused_invite(token):
    invite = isinstance(token, str) and db.session.scalar(select(Invite).where(Invite.token_hash == digest(token)))
    if not invite or invite.used_at is not None:
        raise INVITE_INVALID
    return invite


def accept_invite(token, facilitator_id):
    """Makes the facilitator a co-facilitator of the invite's event; the link then stops working. Returns the event."""
    invite = _unused_invite(token)
    event = db.session.get(Event, invite.event_id)
    # One-time even when the link is opened twice at once: only the first of two such updates changes a row.
    used = db.session.execute(update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None))
                              .values(used_at=now_ms(), used_by=facilitator_id))
    if not used.rowcount:
        db.session.rollback()
        raise INVITE_INVALID
    if not can_run(facilitator_id, event):
        db.session.add(CoFacilitator(event_id=event.id, facilitator_id=facilitator_id))
    db.session.commit()
    return event


def co_facilitators(event):
    """The names of the facilitators the owner invited to the event, in the order they joined."""
    return db.session.scalars(
        select(Facilitator.name).join(CoFacilitator, CoFacilitator.facilitator_id == Facilitator.id)
        .where(CoFacilitator.event_id == event.id).order_by(CoFacilitator.added_at, CoFacilitator.id)
    ).all()
