"""The registry of activity kinds: adding a kind is a new module and one line here."""
from ..errors import GameError
from .coop_goal import CoopGoal
from .hot_seat import HotSeat
from .kudos import Kudos
from .mood_checkin import MoodCheckin
from .open_question import OpenQuestion
from .poll import Poll
from .scenario import Scenario
from .team_trivia import TeamTrivia
from .this_or_that import ThisOrThat
from .two_truths import TwoTruths
from .who_said_it import WhoSaidIt
from .word_cloud import WordCloud

KINDS = {
    kind.name: kind
    for kind in (
        Poll(), TeamTrivia(), Scenario(), CoopGoal(), ThisOrThat(), WordCloud(), OpenQuestion(), MoodCheckin(),
        WhoSaidIt(), TwoTruths(), HotSeat(), Kudos(),
    )
}


def get_kind(name):
    try:
        return KINDS[name]
    except KeyError:
        raise GameError("unknown_kind", "There is no activity kind called %(name)s.",
                        params={"name": repr(name)}) from None
