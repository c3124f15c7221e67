"""Activities: starting, closing and revealing them, and taking players' responses."""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..game import room as rules
from ..game.activities import get_kind
from ..game.errors import GameError
from ..models import Activity, Event, Player, Response
from ..models.base import now_ms
from .changes import Changes
from .players import count_active
from .rooms import bump_version


def current_activity(event):
    return db.session.get(Activity, event.current_activity_id) if event.current_activity_id else None


def _activity_in(event, activity_id):
    activity = db.session.get(Activity, activity_id)
    if not activity or activity.event_id != event.id:
        raise GameError("not_found", "There is no such activity in this room.", status=404)
    return activity


def _current_in(event, activity_id):
    """The activity the facilitator controls must be the one the room is on: the screens show only that one."""
    activity = _activity_in(event, activity_id)
    if activity.id != event.current_activity_id:
        raise GameError("wrong_state", "That activity is no longer the current one.")
    return activity


def start(event, kind_name, raw_settings):
    """Opens a new activity of `kind_name`; it becomes the room's current activity."""
    kind = get_kind(kind_name)
    current = current_activity(event)
    rules.can_start_activity(event.status, current.status if current else None)
    settings = kind.load_settings(raw_settings)
    opened_at = now_ms()
    duration = settings.get("duration_s")
    activity = Activity(
        event_id=event.id,
        kind=kind.name,
        settings=settings,
        status=rules.OPEN,
        duration_s=duration,
        opened_at=opened_at,
        ends_at=opened_at + duration * 1000 if duration else None,
    )
    db.session.add(activity)
    db.session.flush()
    event.current_activity_id = activity.id
    event.status = rules.RUNNING
    bump_version(event)
    db.session.commit()
    return activity, Changes(event.id, state=True, results=True)


def close(event, activity_id):
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    activity.status = rules.close(activity.status)
    activity.closed_at = now_ms()
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, results=True)


def reveal(event, activity_id):
    activity = _current_in(event, activity_id)
    rules.require_not_ended(event.status)
    was_open = activity.status == rules.OPEN
    activity.status = rules.reveal(activity.status)
    if was_open:
        activity.closed_at = now_ms()
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, results=True)


def close_when_due(now=None):
    """Closes every open activity whose timer has run out; returns the Changes per room. Safe to run anywhere, often."""
    now = now or now_ms()
    due = db.session.scalars(
        select(Activity).where(Activity.status == rules.OPEN, Activity.ends_at.is_not(None), Activity.ends_at <= now)
    ).all()
    changes = []
    for activity in due:
        # Only one worker wins the close: the status condition makes the update a no-op for the others.
        closed = db.session.execute(
            update(Activity)
            .where(Activity.id == activity.id, Activity.status == rules.OPEN)
            .values(status=rules.CLOSED, closed_at=now)
        )
        if closed.rowcount:
            bump_version(db.session.get(Event, activity.event_id))
            changes.append(Changes(activity.event_id, state=True, results=True))
    db.session.commit()
    return changes


def _stored_response(activity_id, player_id):
    return db.session.scalar(
        select(Response).where(Response.activity_id == activity_id, Response.player_id == player_id, Response.slot == 0)
    )


def _same_request(existing, request_id):
    if existing.request_id == request_id:
        return existing
    raise GameError("already_answered", "You already answered this one.", status=409)


def submit(event, player_id, data):
    """Stores one response (idempotent by request_id); returns (response, duplicate, changes)."""
    activity = _activity_in(event, data["activity_id"])
    player = db.session.get(Player, player_id)
    existing = _stored_response(activity.id, player_id)
    if existing:
        return _same_request(existing, data["request_id"]), True, None
    rules.check_response_allowed(
        event_status=event.status,
        player_status=player.status,
        activity_status=activity.status,
        ends_at=activity.ends_at,
        now=now_ms(),
    )
    kind = get_kind(activity.kind)
    if data["passed"]:
        if not kind.allows_pass:
            raise GameError("invalid_answer", "This activity cannot be passed.")
        answer = None
    else:
        answer = kind.validate_answer(activity.settings, data["answer"])
    response = Response(
        activity_id=activity.id, player_id=player_id, slot=0,
        request_id=data["request_id"], passed=data["passed"], answer=answer,
    )
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError:  # the same player's retry raced this one
        db.session.rollback()
        existing = _stored_response(activity.id, player_id)
        if not existing:
            raise
        return _same_request(existing, data["request_id"]), True, None
    return response, False, Changes(event.id, results=True)


def results(activity):
    """The activity's results as its kind tallies them, from the stored responses of players still in the room."""
    rows = db.session.execute(
        select(Response.passed, Response.answer)
        .join(Player, Player.id == Response.player_id)
        .where(Response.activity_id == activity.id, Player.status == "active")
    ).all()
    answers = [answer for passed, answer in rows if not passed]
    passes = sum(1 for passed, _ in rows if passed)
    return get_kind(activity.kind).tally(activity.settings, answers, passes, count_active(activity.event_id))


def my_response(activity, player_id):
    response = _stored_response(activity.id, player_id)
    return response and response_view(response)


def response_view(response):
    return {"activity_id": response.activity_id, "passed": response.passed, "answer": response.answer}
