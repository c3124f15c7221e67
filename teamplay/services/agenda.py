"""The event's agenda: the activities the facilitator plans, in order, and starts one after another with "next"."""
from dataclasses import replace

from sqlalchemy import select

from ..extensions import db
from ..game.activities import get_kind
from ..game.errors import GameError
from ..models import AgendaItem
from . import activities
from .changes import Changes
from .rooms import bump_version

MAX_ITEMS = 60
PLANNED = "planned"
STARTED = "started"


def items_of(event_id):
    return db.session.scalars(
        select(AgendaItem).where(AgendaItem.event_id == event_id).order_by(AgendaItem.position, AgendaItem.id)
    ).all()


def agenda_view(event):
    """The agenda as the facilitator sees it: every item with its settings, notes and whether it ran."""
    return [
        {"id": item.id, "position": item.position, "kind": item.kind, "settings": item.settings, "notes": item.notes,
         "status": item.status, "activity_id": item.activity_id}
        for item in items_of(event.id)
    ]


def _item_in(event, item_id):
    item = db.session.get(AgendaItem, item_id)
    if not item or item.event_id != event.id:
        raise GameError("not_found", "There is no such item on the agenda.", status=404)
    return item


def _check(kind_name, settings):
    """Refuses settings the kind would refuse when the item starts, so mistakes show while planning."""
    get_kind(kind_name).load_settings(settings, ())


def _renumber(items):
    for position, item in enumerate(items):
        item.position = position


def _changed(event):
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, console_lists=True)


def add(event, kind_name, settings, notes, position=None):
    _check(kind_name, settings)
    items = list(items_of(event.id))
    if len(items) >= MAX_ITEMS:
        raise GameError("agenda_full", "An agenda holds at most %(max)d activities.", params={"max": MAX_ITEMS})
    item = AgendaItem(event_id=event.id, kind=kind_name, settings=settings, notes=notes, position=len(items))
    db.session.add(item)
    items.insert(len(items) if position is None else min(position, len(items)), item)
    _renumber(items)
    db.session.flush()
    return item, _changed(event)


def update(event, item_id, settings=None, notes=None):
    item = _item_in(event, item_id)
    if settings is not None:
        if item.status != PLANNED:
            raise GameError("wrong_state", "This activity already ran: run it again or add a new one.")
        _check(item.kind, settings)
        item.settings = settings
    if notes is not None:
        item.notes = notes
    return _changed(event)


def move(event, item_id, position):
    item = _item_in(event, item_id)
    items = [other for other in items_of(event.id) if other.id != item.id]
    items.insert(min(position, len(items)), item)
    _renumber(items)
    return _changed(event)


def remove(event, item_id):
    """Takes an item off the agenda; an activity it already ran stays, with its answers."""
    item = _item_in(event, item_id)
    db.session.delete(item)
    db.session.flush()
    _renumber(items_of(event.id))
    return _changed(event)


def next_item(event):
    return db.session.scalar(
        select(AgendaItem).where(AgendaItem.event_id == event.id, AgendaItem.status == PLANNED)
        .order_by(AgendaItem.position, AgendaItem.id).limit(1)
    )


def _planned(event, item_id=None):
    """The agenda item to start (the next planned one when none is named): (its kind, its settings, what marks it
    started once its activity is open)."""
    item = _item_in(event, item_id) if item_id is not None else next_item(event)
    if item is None:
        raise GameError("agenda_done", "Everything on the agenda has run: add an activity or end the event.")
    if item.status != PLANNED:
        raise GameError("wrong_state", "This activity already ran: run it again from its results.")

    def mark_started(activity):
        item.status = STARTED
        item.activity_id = activity.id

    return item.kind, item.settings, mark_started


def start(event, item_id=None):
    """Starts an agenda item (the next planned one when none is named) as the room's current activity."""
    kind, settings, mark_started = _planned(event, item_id)
    activity, changes = activities.start(event, kind, settings, on_open=mark_started)
    return activity, replace(changes, console_lists=True)  # the item shows as started


def start_group(starts):
    """`start` for facilitators of several rooms at once, `[(event_id, item_id or None)]`: see
    activities.start_group."""
    return [(outcome[0], replace(outcome[1], console_lists=True)) if isinstance(outcome, tuple) else outcome
            for outcome in activities.start_group(starts, plan=_planned)]
