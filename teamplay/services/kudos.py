"""Kudos people keep: what each player received over the whole event, the room's names to pick from, and the
facilitator's exports (every person's kudos, as rows and as cards to print). Only kudos that reached the wall count;
an anonymous one names nobody."""
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..game.activities import get_kind
from ..game.text import N_
from ..models import Activity
from .players import active_players
from .rounds import load_round

KIND = "kudos"
FROM_A_TEAMMATE = {"en": "a teammate", "es": "un compañero"}


@dataclass(frozen=True)
class KeptKudos:
    """One kudos as its recipient keeps it."""

    id: int
    round: int  # 1 for the event's first kudos round
    to_id: int
    to_name: str
    sender: dict | None  # {id, name}; None: sent anonymously
    category: str
    message: str

    def view(self):
        return {"id": self.id, "round": self.round, "to": {"id": self.to_id, "name": self.to_name},
                "from": self.sender, "category": self.category, "message": self.message}


def _rounds(event):
    return db.session.scalars(
        select(Activity).where(Activity.event_id == event.id, Activity.kind == KIND).order_by(Activity.id)
    ).all()


def kept(event, recipient_id=None):
    """Every kudos on the event's walls (or only those to `recipient_id`), round by round in the order shown."""
    kind = get_kind(KIND)
    found = []
    for number, activity in enumerate(_rounds(event), start=1):
        round_ = load_round(activity)
        shown, _ = kind.shown_and_waiting(round_)
        for card in (kind.card(round_, entry) for entry in shown):
            if recipient_id is None or card["to"]["id"] == recipient_id:
                found.append(KeptKudos(card["id"], number, card["to"]["id"], card["to"]["name"], card["from"],
                                       card["category"], card["message"]))
    return found


def mine(event, player_id):
    """What a player's "my kudos" view shows: every kudos they received in the event, newest round first."""
    received = kept(event, player_id)
    return {"event": {"title": event.title, "code": event.code, "status": event.status},
            "kudos": [item.view() for item in sorted(received, key=lambda item: -item.round)]}


def people(event, player_id):
    """Everyone else in the room, by name: whom a phone can send kudos to."""
    others = [{"id": p.id, "name": p.name} for p in active_players(event.id) if p.id != player_id]
    return sorted(others, key=lambda person: (person["name"].casefold(), person["id"]))


def by_person(event):
    """[(recipient name, [KeptKudos…])] for everyone who received kudos, by name: one card sheet per person."""
    grouped = {}
    for item in kept(event):
        grouped.setdefault((item.to_name.casefold(), item.to_id), []).append(item)
    return [(items[0].to_name, items) for _, items in sorted(grouped.items())]


CSV_HEADER = [N_("recipient"), N_("category"), N_("message"), N_("from"), N_("round")]  # translated where written


def csv_rows(event):
    """The rows of the kudos export: one per kudos, grouped by recipient; the sender is "a teammate" when anonymous."""
    return [[item.to_name, item.category, item.message, item.sender["name"] if item.sender else FROM_A_TEAMMATE["en"],
             item.round]
            for _, items in by_person(event) for item in items]
