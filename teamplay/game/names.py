"""Display names: normalised, length-checked and filtered before anyone sees them."""
from .errors import GameError
from .profanity import is_inappropriate
from .text import clean_text

NAME_MAX = 24


def name_key(name):
    """The form two names are compared in: 'Ana' and 'ANA ' are the same seat name."""
    return name.casefold()


def validate_name(raw):
    """Returns the cleaned name, or refuses it with the reason a person can act on."""
    name = clean_text(raw)
    if not name:
        raise GameError("name_empty", "Please type a name.")
    if len(name) > NAME_MAX:
        raise GameError("name_too_long", "Names can be at most %(max)d characters.", params={"max": NAME_MAX})
    if is_inappropriate(name):
        raise GameError("name_inappropriate", "That name is not allowed here. Please choose another.")
    return name


def name_taken(name):
    return GameError("name_taken", "Someone here is already called %(name)s. Add an initial or a nickname.", status=409,
                     params={"name": name})
