"""marshmallow schemas for every inbound payload, and the one function that applies them.

marshmallow writes its validation messages in English ("Length must be between 1 and 80."). A refusal's `fields`
reach people in the language of the request being answered: `translate_fields` (which GameError.to_dict calls,
see teamplay.i18n) matches each message against the catalogue messages below (marshmallow's own, with its
{placeholders} as %(name)s, and the ones our schemas and kinds raise) and translates it, its values kept; a message
not listed here stays as marshmallow wrote it.
"""
import re

from flask import has_request_context
from flask_babel import gettext
from marshmallow import ValidationError

from ..game.activities.base import schema_of
from ..game.errors import GameError
from ..game.text import N_


FIELD_MESSAGES = (
    # marshmallow's own (fields, validate.Length, Range, OneOf, NoneOf, Regexp, Email, a strict schema)
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid input."),
    N_("Invalid type."),
    N_("Invalid input type."),
    N_("Unknown field."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Not a valid boolean."),
    N_("Not a valid email address."),
    N_("Not a valid mapping type."),
    N_("Not a valid list."),
    N_("String does not match expected pattern."),
    N_("Shorter than minimum length %(min)s."),
    N_("Longer than maximum length %(max)s."),
    N_("Length must be between %(min)s and %(max)s."),
    N_("Length must be %(equal)s."),
    N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than or equal to %(min)s."),
    N_("Must be less than or equal to %(max)s."),
    N_("Must be one of: %(choices)s."),
    # ours (schemas.inbound, the activity kinds' settings, services.templates)
    N_("Use 10 to 200 characters."),
    N_("Send either an answer or a pass, not both."),
    N_("Send an answer, or pass."),
    N_("Colours are written like #1D7FD1."),
    N_("A correction changes the score."),
    N_("Correct either a player's score or a team's."),
    N_("Each option must be different."),
    N_("The two choices must differ."),
    N_("The right answer must be one of the options."),
    N_("Each category must be different."),
    N_("Unknown language."),
)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(message):
    """A regular expression that matches `message` as marshmallow writes it, each %(name)s captured as `name`."""
    parts = _PLACEHOLDER.split(message)  # text, name, text, name, …, text
    return re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
                              for index, part in enumerate(parts)) + r"\Z", re.DOTALL)


_PATTERNS = [(message, _pattern(message)) for message in FIELD_MESSAGES]


def translate_message(text):
    """One validation message in the language of the request being answered (as it is, when not listed)."""
    if not isinstance(text, str) or not has_request_context():
        return text
    for message, pattern in _PATTERNS:
        found = pattern.match(text)
        if found:
            return gettext(message, **found.groupdict())
    return text


def translate_fields(messages):
    """marshmallow's `err.messages` ({field: [text] or nested {index or field: …}}) with every text translated."""
    if isinstance(messages, dict):
        return {key: translate_fields(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_fields(value) for value in messages]
    return translate_message(messages)


def load(schema_class, payload):
    """Validated data from `payload`, or GameError("invalid_payload") that names each bad field."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise GameError("invalid_payload", "The message must be a JSON object.")
    try:
        return schema_of(schema_class).load(payload)
    except ValidationError as err:
        raise GameError("invalid_payload", "Some fields are missing or not valid.", fields=err.messages) from err
