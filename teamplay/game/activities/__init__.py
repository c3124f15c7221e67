"""The registry of activity kinds: adding a kind is a new module and one line here."""
from ..errors import GameError
from .poll import Poll

KINDS = {kind.name: kind for kind in (Poll(),)}


def get_kind(name):
    try:
        return KINDS[name]
    except KeyError:
        raise GameError("unknown_kind", f"There is no activity kind called {name!r}.") from None
