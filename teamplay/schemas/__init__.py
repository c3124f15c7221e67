"""marshmallow schemas for every inbound payload, and the one function that applies them."""
from marshmallow import ValidationError

from ..game.errors import GameError


def load(schema_class, payload):
    """Validated data from `payload`, or GameError("invalid_payload") that names each bad field."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise GameError("invalid_payload", "The message must be a JSON object.")
    try:
        return schema_class().load(payload)
    except ValidationError as err:
        raise GameError("invalid_payload", "Some fields are missing or not valid.", fields=err.messages) from err
