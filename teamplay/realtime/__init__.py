"""Socket.IO handlers: prove the role, validate, call a service, emit. No rules live here."""


def register(socketio):
    """Binds every socket handler to `socketio` (imported for their decorators' side effect)."""
    from . import handlers  # noqa: F401
