"""Team rules: default names, colours and shapes, balancing players over teams, and where a late joiner goes."""
import random
import re

from .errors import GameError
from .profanity import is_inappropriate
from .text import clean_text

MIN_TEAMS = 2
MAX_TEAMS = 8
TEAM_NAME_MAX = 24
MODES = ("arrival", "shuffle", "pick")  # how players are put in teams; "off" means no teams
OFF = "off"
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Shapes the pages draw beside a team's colour, so no team is told apart by colour alone.
ICONS = ("star", "circle", "triangle", "diamond", "square", "hexagon", "heart", "bolt")

# Colours from the Okabe-Ito palette, chosen to stay distinguishable with the common colour-vision deficiencies.
DEFAULT_TEAMS = (
    ("Comets", "#E69F00", "star"),
    ("Waves", "#0072B2", "circle"),
    ("Peaks", "#009E73", "triangle"),
    ("Sparks", "#D55E00", "diamond"),
    ("Orchids", "#CC79A7", "square"),
    ("Skies", "#56B4E9", "hexagon"),
    ("Suns", "#F0E442", "heart"),
    ("Owls", "#5E5E5E", "bolt"),
)
# The same teams' names in the other language an event may speak (content, like the packs: not UI messages).
TEAM_NAMES = {
    "es": ("Cometas", "Olas", "Cumbres", "Chispas", "Orquídeas", "Cielos", "Soles", "Búhos"),
}


def default_teams(language="en"):
    """DEFAULT_TEAMS with their names in `language` (English when it has none of its own)."""
    names = TEAM_NAMES.get(language)
    if not names:
        return DEFAULT_TEAMS
    return tuple((name, colour, icon) for name, (_, colour, icon) in zip(names, DEFAULT_TEAMS))


def require_team_count(count):
    if not MIN_TEAMS <= count <= MAX_TEAMS:
        raise GameError("invalid_payload", "Choose between %(min)d and %(max)d teams.",
                        params={"min": MIN_TEAMS, "max": MAX_TEAMS})


def team_name(raw):
    """A team name as it will be shown: cleaned, 1-24 characters, and fit for the big screen."""
    name = clean_text(raw)
    if not name:
        raise GameError("name_empty", "Please give the team a name.")
    if len(name) > TEAM_NAME_MAX:
        raise GameError("name_too_long", "Team names can be at most %(max)d characters.",
                        params={"max": TEAM_NAME_MAX})
    if is_inappropriate(name):
        raise GameError("name_inappropriate", "That team name is not allowed here. Please choose another.")
    return name


def require_distinct_names(names):
    folded = [name.casefold() for name in names]
    if len(set(folded)) != len(folded):
        raise GameError("name_taken", "Each team needs its own name.", status=409)


def balance(player_ids, team_ids, shuffle=False, rng=None):
    """Deals players over teams like cards, in arrival order or shuffled: sizes differ by at most one."""
    order = list(player_ids)
    if shuffle:
        (rng or random.SystemRandom()).shuffle(order)
    return {player_id: team_ids[index % len(team_ids)] for index, player_id in enumerate(order)}


def smallest_team(sizes):
    """The team a late joiner goes to: the one with fewest players; among equals, the first shown.

    `sizes` is a list of (team_id, players) in the order the teams are shown.
    """
    if not sizes:
        return None
    return min(enumerate(sizes), key=lambda pair: (pair[1][1], pair[0]))[1][0]


def assigns_on_join(mode):
    """Whether a new player is put in a team at once (auto-balanced modes) or picks one on the phone."""
    return mode in ("arrival", "shuffle")
