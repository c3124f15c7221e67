"""What the kinds that show one thing at a time share (who said it: one answer; two truths: one teller): the items
in a hidden but stable order, which one is current, which are revealed, and the facilitator's next / reveal."""
import zlib

from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError


class TurnControlSchema(Schema):
    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf(["next", "reveal"]))


def hidden_order(activity_id, entries):
    """Entries in an order that follows neither arrival nor author, the same every time for this activity."""
    return sorted(entries, key=lambda entry: (zlib.crc32(f"{activity_id}:{entry.id}".encode()), entry.id))


def current(control):
    return control.get("current")


def revealed(control):
    return set(control.get("revealed", []))


def step(control, action, count, stage, second_stage, timer_s):
    """The control state after `action` ("next" shows the next item and starts its timer; "reveal" reveals it)."""
    if stage != second_stage:
        raise GameError("wrong_state", "Move on from writing first: then show the items one by one.")
    now = current(control)
    if action == "next":
        following = 0 if now is None else now + 1
        if following >= count:
            raise GameError("wrong_state", "That was the last one: reveal it, or close the activity.")
        return {**control, "current": following}, timer_s
    if now is None:
        raise GameError("wrong_state", "Show one first, then reveal it.")
    if now in revealed(control):
        raise GameError("wrong_state", "This one is already revealed.")
    return {**control, "revealed": sorted(revealed(control) | {now})}, 0


def check_item(control, item):
    """Refuses an answer about an item that is not the current one, or is already revealed."""
    if item != current(control):
        raise GameError("stale_item", "The room has moved on: look at the big screen.", status=409)
    if item in revealed(control):
        raise GameError("item_revealed", "This one has been revealed already.", status=409)
