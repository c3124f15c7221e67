"""Names of the Socket.IO rooms a connection is put in: one per role per event, one per player."""


def role_room(event_id, role):
    return f"event:{event_id}:{role}"


def staff_rooms(event_id):
    """The host consoles and big screens of an event: they see live results and the roster."""
    return [role_room(event_id, "host"), role_room(event_id, "screen")]


def player_room(player_id):
    return f"player:{player_id}"
