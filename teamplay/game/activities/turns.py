"""What the kinds that show one thing at a time share (who said it: one answer; two truths: one teller): the items
in a hidden but stable order, which one is current, which are revealed, and the facilitator's show / next / reveal."""
import zlib
from dataclasses import dataclass

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..errors import GameError
from ..room import OPEN
from .base import Controlled

SHOW, NEXT, REVEAL = "show", "next", "reveal"


class TurnControlSchema(Schema):
    """`{action: "show", item}` shows that item, `{action: "next"}` the one after the current one, and
    `{action: "reveal"}` reveals the current one."""

    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf([SHOW, NEXT, REVEAL]))
    item = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))

    @validates_schema
    def item_names_what_to_show(self, data, **kwargs):
        if (data.get("action") == SHOW) != ("item" in data):
            raise ValidationError("Name the item to show (and only to show).", "item")


def hidden_order(activity_id, entries):
    """Entries in an order that follows neither arrival nor author, the same every time for this activity."""
    return sorted(entries, key=lambda entry: (zlib.crc32(f"{activity_id}:{entry.id}".encode()), entry.id))


@dataclass(frozen=True)
class Sequence:
    """The items of one activity in the order they are shown, and how far the showing has got.

    `items[i]` is the entry written for item i, or None once its author has left the room (their responses leave
    with them). The order is stored with the first control, so a player leaving never moves an index: a shifted
    index would reveal an answer nobody revealed.
    """

    order: list  # the written responses' ids
    items: list
    current: int | None
    revealed: frozenset


def sequence(round_):
    written = {entry.id: entry for entry in round_.entries if entry.slot == 0 and not entry.passed}
    order = round_.control.get("order")
    if order is None:
        order = [entry.id for entry in hidden_order(round_.activity_id, written.values())]
    return Sequence(order, [written.get(response_id) for response_id in order], round_.control.get("current"),
                    frozenset(round_.control.get("revealed", ())))


def step(round_, action, second_stage, timer_s):
    """The facilitator's show / next / reveal: showing an item starts its `timer_s`, a reveal stops the timer.

    Only while the activity is open: once it closes, what was not revealed stays a secret (and the points, counted
    at the close, match what was revealed).
    """
    if round_.status != OPEN:
        raise GameError("wrong_state", "This activity is over: what was not revealed stays a secret.")
    if round_.stage != second_stage:
        raise GameError("wrong_state", "Move on from writing first: then show them one by one.")
    seq = sequence(round_)
    control = {**round_.control, "order": seq.order}
    if action["action"] == REVEAL:
        if seq.current is None:
            raise GameError("wrong_state", "Show one first, then reveal it.")
        if seq.current in seq.revealed:
            raise GameError("wrong_state", "This one is already revealed.")
        entry_of(seq, seq.current)
        return Controlled({**control, "revealed": sorted(seq.revealed | {seq.current})}, 0)
    if action["action"] == NEXT:
        # After the facilitator went back to a revealed one, "next" goes on from the furthest one shown.
        shown_so_far = seq.revealed | ({seq.current} if seq.current is not None else set())
        start = 1 + max(shown_so_far) if shown_so_far else 0
        index = next((i for i in range(start, len(seq.items)) if seq.items[i] is not None), None)
        if index is None and seq.current is not None:
            raise GameError("wrong_state", "That was the last one: reveal it, or close the activity.")
        if index is None:
            raise GameError("wrong_state", "Nobody wrote one: close the activity.")
    else:
        index = action["item"]
        if index >= len(seq.items):
            raise GameError("not_found", "There is no such one.", status=404)
        entry_of(seq, index)
    return Controlled({**control, "current": index}, 0 if index in seq.revealed else timer_s)


def entry_of(seq, index):
    """The entry of item `index`, or GameError("item_gone") when its author has left the room."""
    entry = seq.items[index]
    if entry is None:
        raise GameError("item_gone", "Its author has left the room: move on to the next one.", status=409)
    return entry


def answerable(seq, index):
    """The entry of item `index` when it is the one the room answers about now; refuses a stale or revealed one."""
    if index != seq.current:
        raise GameError("stale_item", "The room has moved on: look at the big screen.", status=409)
    if index in seq.revealed:
        raise GameError("item_revealed", "This one has been revealed already.", status=409)
    return entry_of(seq, index)


def pass_slot(seq):
    """The slot a pass on the current item is stored in (1 + its index): there must be one to pass on."""
    if seq.current is None:
        raise GameError("wrong_state", "Wait for the first one on the big screen.", status=409)
    answerable(seq, seq.current)
    return 1 + seq.current


def shown(seq):
    """The current item's index and entry, or None when nothing is shown or its author has left."""
    if seq.current is None or seq.items[seq.current] is None:
        return None
    return seq.current, seq.items[seq.current]


def revealed_items(seq):
    """(index, entry) of every revealed item whose author is still in the room, in the order they are shown."""
    return [(index, seq.items[index]) for index in sorted(seq.revealed) if seq.items[index] is not None]
