"""The registry of activity kinds: adding a kind is a new module and one line here."""
from ..errors import GameError
from .coop_goal import CoopGoal
from .poll import Poll
from .scenario import Scenario
from .team_trivia import TeamTrivia

KINDS = {kind.name: kind for kind in (Poll(), TeamTrivia(), Scenario(), CoopGoal())}


def get_kind(name):
    try:
        return KINDS[name]
    except KeyError:
        raise GameError("unknown_kind", f"There is no activity kind called {name!r}.") from None
