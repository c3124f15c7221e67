"""Kudos round: players appreciate named colleagues (a category and a message); the facilitator approves each kudos
before the wall shows it, the appreciation web grows, and buddy mode makes sure everybody is appreciated.

A kudos sent anonymously travels with nobody's name: not to the screen, the facilitator, the recipient or an
export. It earns its sender no points either, since a jump in someone's score would give them away.
"""
import random
import zlib

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ... import content
from .. import buddies as buddy_rules
from ..errors import GameError
from ..points import (
    FIRST, FIRST_IN, GAVE_KUDOS, GOT_KUDOS, KUDOS_GIVEN, KUDOS_RECEIVED, KUDOS_RECEIVED_CAP, TAKE_PART, TOOK_PART,
    AwardSpec, Scoring,
)
from ..profanity import censor, is_inappropriate
from ..text import CleanString
from .base import Accepted, ActivityKind, ActivitySettingsSchema, Controlled
from .choices import language_field

MESSAGE_MAX = 280
CATEGORY_MAX = 40
PASS_SLOT = 99  # a pass has a slot of its own, so a player who passed may still send kudos later
WAITING_SHOWN = 12  # a phone nudged to appreciate someone sees this many of those still waiting
rng = random.SystemRandom()


class KudosSettingsSchema(ActivitySettingsSchema):
    prompt = CleanString(load_default=None, allow_none=True, validate=validate.Length(min=1, max=160))
    categories = fields.List(CleanString(validate=validate.Length(min=1, max=CATEGORY_MAX)), load_default=None,
                             allow_none=True, validate=validate.Length(min=1, max=8))
    limit = fields.Integer(load_default=3, strict=True, validate=validate.Range(min=1, max=10))
    moderation = fields.Boolean(load_default=True)
    buddies = fields.Boolean(load_default=False)
    lang = language_field()

    @validates_schema
    def categories_differ(self, data, **kwargs):
        folded = [category.casefold() for category in data.get("categories") or []]
        if len(set(folded)) != len(folded):
            raise ValidationError("Each category must be different.", "categories")


class KudosAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    to = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))
    category = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=7))
    message = CleanString(required=True, validate=validate.Length(min=1, max=MESSAGE_MAX))
    anonymous = fields.Boolean(load_default=False)


class KudosControlSchema(Schema):
    """`approve` / `reject` one kudos (a shown one can be taken down again), `approve_all` waiting ones,
    `nudge` the room towards those nobody has appreciated yet, `reassign` buddies (after late joiners)."""

    class Meta:
        unknown = RAISE

    action = fields.String(required=True,
                           validate=validate.OneOf(["approve", "reject", "approve_all", "nudge", "reassign"]))
    kudos_id = fields.Integer(strict=True, validate=validate.Range(min=1, max=2**31 - 1))

    @validates_schema
    def kudos_id_names_the_one_to_moderate(self, data, **kwargs):
        if (data.get("action") in {"approve", "reject"}) != ("kudos_id" in data):
            raise ValidationError("Name the kudos to approve or reject (and only then).", "kudos_id")


def _used_pairs(history):
    return {tuple(pair) for past in history for pair in past.get("buddies", [])}


class Kudos(ActivityKind):
    name = "kudos"
    settings_schema = KudosSettingsSchema
    answer_schema = KudosAnswerSchema
    control_schema = KudosControlSchema
    needs_context = True  # the sender's own kudos, and the recipient (players_named): not the whole room
    has_player_view = True
    player_view_needs_room = True  # what is up on the wall, and who has not been appreciated yet
    opens_with_control = True

    def load_settings(self, raw, history=()):
        """Settings with the prompt and categories filled in: the event's latest list, else the built-in one."""
        settings = super().load_settings(raw, history)
        defaults = content.kudos_defaults(settings["lang"])
        earlier = next((past["categories"] for past in reversed(history) if past.get("categories")), None)
        settings["prompt"] = settings["prompt"] or defaults["prompt"]
        settings["categories"] = settings["categories"] or earlier or defaults["categories"]
        return settings

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        if answer["category"] >= len(settings["categories"]):
            raise GameError("invalid_answer", "Choose one of the categories.", fields={"category": ["Unknown."]})
        return answer

    # What the room has sent, and what of it is shown

    def kudos(self, round_):
        """Every kudos whose sender and recipient are still in the room, in the order they were sent."""
        return [entry for entry in round_.entries
                if not entry.passed and entry.slot != PASS_SLOT and entry.answer["to"] in round_.names]

    def shown_and_waiting(self, round_):
        """(shown, waiting): the kudos on the wall in the order they went up, and those waiting for the facilitator."""
        sent = {entry.id: entry for entry in self.kudos(round_)}
        rejected = set(round_.control.get("rejected", []))
        if round_.settings["moderation"]:
            approved = [sent[i] for i in round_.control.get("approved", []) if i in sent]
            decided = {entry.id for entry in approved} | rejected
            waiting = [entry for entry in sent.values() if entry.id not in decided]
            # In arrival order, a facilitator watching the room could tell whose anonymous kudos just came in.
            waiting.sort(key=lambda entry: zlib.crc32(f"{round_.activity_id}:{entry.id}".encode()))
            return approved, waiting
        return [entry for entry in sent.values() if entry.id not in rejected], []

    def _person(self, round_, player_id):
        return {"id": player_id, "name": round_.names.get(player_id)}

    def card(self, round_, entry):
        answer = entry.answer
        return {"id": entry.id, "to": self._person(round_, answer["to"]),
                "from": None if answer["anonymous"] else self._person(round_, entry.player_id),
                "category": answer["category"], "message": answer["message"]}

    def _web(self, round_, shown):
        """Who appreciated whom: an edge per named sender and recipient; anonymous kudos only light the recipient."""
        edges, received = {}, {}
        for entry in shown:
            to = entry.answer["to"]
            received[to] = received.get(to, 0) + 1
            if not entry.answer["anonymous"]:
                edges[(entry.player_id, to)] = edges.get((entry.player_id, to), 0) + 1
        involved = set(received) | {giver for giver, _ in edges}
        nodes = [{**self._person(round_, pid), "received": received.get(pid, 0)}
                 for pid in round_.members if pid in involved]
        return {"nodes": nodes, "edges": [{"from": giver, "to": to, "count": count}
                                          for (giver, to), count in edges.items()]}

    def _unappreciated(self, round_, shown):
        received = {entry.answer["to"] for entry in shown}
        return [pid for pid in round_.members if pid not in received]

    # The rules of sending

    def players_named(self, raw):
        to = raw.get("to") if isinstance(raw, dict) else None
        return (to,) if type(to) is int and 0 < to < 2**31 else ()

    def accept(self, round_, player_id, answer, now):
        to = answer["to"]
        if to == player_id:
            raise GameError("own_kudos", "Kudos are for a colleague: choose someone else.", status=409)
        if to not in round_.names:
            raise GameError("not_in_room", "That person is not in the room any more.", status=409)
        sent = [entry for entry in round_.entries_of(player_id) if entry.slot != PASS_SLOT]
        limit = round_.settings["limit"]
        if len(sent) >= limit:
            raise GameError("kudos_limit", "You have sent all %(num)d kudos of this round. Thank you!", status=409,
                            params={"num": limit})
        message = answer["message"]
        stored = {"to": to, "category": round_.settings["categories"][answer["category"]], "message": censor(message),
                  "anonymous": answer["anonymous"], "flagged": is_inappropriate(message)}
        # Without moderation the kudos is up at once: the recipient's phone hears of it now.
        recipient = frozenset() if round_.settings["moderation"] else frozenset({to})
        return Accepted(len(sent), stored, players=recipient)

    def accept_pass(self, round_, player_id, now):
        if any(entry.slot != PASS_SLOT for entry in round_.entries_of(player_id)):
            raise GameError("already_answered", "You have sent kudos already: no need to pass.", status=409)
        return PASS_SLOT

    # What each role sees

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "categories": settings["categories"], "limit": settings["limit"],
                "moderation": settings["moderation"], "buddies": settings["buddies"], "message_max": MESSAGE_MAX}

    def tally(self, round_):
        shown, waiting = self.shown_and_waiting(round_)
        sent = self.kudos(round_)
        unappreciated = self._unappreciated(round_, shown)
        answered = {entry.player_id for entry in round_.entries}
        senders = {entry.player_id for entry in round_.entries if entry.slot != PASS_SLOT}
        return {
            "cards": [self.card(round_, entry) for entry in shown],
            "queue": [{**self.card(round_, entry), "flagged": bool(entry.answer.get("flagged"))} for entry in waiting],
            "web": self._web(round_, shown),
            "appreciated": len(round_.members) - len(unappreciated),
            "total": len(round_.members),
            "not_appreciated": [self._person(round_, pid) for pid in unappreciated],
            "sent": len(sent),
            "rejected": len(set(round_.control.get("rejected", [])) & {entry.id for entry in sent}),
            "answered": len(answered),
            "passes": len(answered - senders),
            "nudges": round_.control.get("nudges", 0),
        }

    def results_for(self, role, round_, full):
        if role == "host":
            return full
        # Nobody but the facilitator sees who is still waiting, and no phone sees the wall: it is the room's.
        keys = ("cards", "web", "appreciated", "total", "nudges") if role == "screen" else ()
        return {key: full[key] for key in keys} if keys else None

    def waiting(self, round_):
        """In a kudos round the facilitator waits for everybody to be appreciated, not for everybody to send."""
        return self._unappreciated(round_, self.shown_and_waiting(round_)[0])

    def player_view(self, round_, player_id):
        """The phone's buddy, the kudos it sent (and whether they are up), and those it received in this round."""
        shown, waiting = self.shown_and_waiting(round_)
        shown_ids, waiting_ids = {entry.id for entry in shown}, {entry.id for entry in waiting}
        buddy = dict(map(tuple, round_.control.get("buddies", []))).get(player_id)
        mine = [entry for entry in self.kudos(round_) if entry.player_id == player_id]
        unappreciated = [pid for pid in self._unappreciated(round_, shown) if pid != player_id]
        return {
            "buddy": self._person(round_, buddy) if buddy in round_.names else None,
            "sent": [{"id": entry.id, "to": self._person(round_, entry.answer["to"]),
                      "category": entry.answer["category"], "message": entry.answer["message"],
                      "anonymous": entry.answer["anonymous"],
                      "status": "shown" if entry.id in shown_ids else "waiting" if entry.id in waiting_ids
                      else "not_shown"} for entry in mine],
            "left": max(0, round_.settings["limit"] - len(mine)),
            "passed": any(entry.slot == PASS_SLOT for entry in round_.entries_of(player_id)),
            "received": [self.card(round_, entry) for entry in shown if entry.answer["to"] == player_id],
            "waiting": [self._person(round_, pid) for pid in unappreciated[:WAITING_SHOWN]],
            "nudges": round_.control.get("nudges", 0),
        }

    # The facilitator's controls

    def initial_control(self, round_, history=()):
        if not round_.settings["buddies"]:
            return {}
        return {"buddies": self._assign(round_, history)}

    def _assign(self, round_, history):
        assignment = buddy_rules.assign_buddies(list(round_.members), _used_pairs(history), rng)
        return [[giver, receiver] for giver, receiver in assignment.items()]

    def control(self, round_, action, history=()):
        control = {**round_.control, "approved": list(round_.control.get("approved", [])),
                   "rejected": list(round_.control.get("rejected", []))}
        what = action["action"]
        if what == "nudge":
            return Controlled({**control, "nudges": control.get("nudges", 0) + 1})
        if what == "reassign":
            if not round_.settings["buddies"]:
                raise GameError("wrong_state", "This round has no buddies: turn buddy mode on for the next round.")
            return Controlled({**control, "buddies": self._assign(round_, history)})
        if not round_.settings["moderation"] and what == "approve_all":
            raise GameError("wrong_state", "Kudos go up straight away in this round: there is nothing to approve.")
        sent = {entry.id: entry for entry in self.kudos(round_)}
        if what == "approve_all":
            _, waiting = self.shown_and_waiting(round_)
            control["approved"] += [entry.id for entry in waiting]
            return Controlled(control, players=frozenset(entry.answer["to"] for entry in waiting)
                              | frozenset(entry.player_id for entry in waiting))
        entry = sent.get(action["kudos_id"])
        if entry is None:
            raise GameError("not_found", "There is no such kudos (its sender or recipient may have left).", status=404)
        control["approved"] = [i for i in control["approved"] if i != entry.id]
        control["rejected"] = [i for i in control["rejected"] if i != entry.id]
        control["approved" if what == "approve" else "rejected"].append(entry.id)
        return Controlled(control, players=frozenset({entry.answer["to"], entry.player_id}))

    # Points

    def score(self, round_):
        """Taking part; for each kudos on the wall, points to its named sender (fewer for many to the same person)
        and a smaller amount to its recipient."""
        awards = [AwardSpec(TOOK_PART, TAKE_PART, pid, round_.members.get(pid))
                  for pid in dict.fromkeys(entry.player_id for entry in round_.entries)]
        shown, _ = self.shown_and_waiting(round_)
        given, received = {}, {}
        for entry in shown:
            to = entry.answer["to"]
            received[to] = received.get(to, 0) + 1
            if received[to] * KUDOS_RECEIVED <= KUDOS_RECEIVED_CAP:
                awards.append(AwardSpec(GOT_KUDOS, KUDOS_RECEIVED, to, round_.members.get(to)))
            if entry.answer["anonymous"]:
                continue
            pair = (entry.player_id, to)
            given[pair] = given.get(pair, 0) + 1
            worth = KUDOS_GIVEN[given[pair] - 1] if given[pair] <= len(KUDOS_GIVEN) else 0
            if worth:
                awards.append(AwardSpec(GAVE_KUDOS, worth, entry.player_id, entry.team_id, detail={"to": to}))
        named = [entry for entry in shown if not entry.answer["anonymous"]]
        if named:
            first = min(named, key=lambda entry: (entry.at, entry.id))
            awards.append(AwardSpec(FIRST, FIRST_IN, first.player_id, first.team_id))
        return Scoring(awards)
