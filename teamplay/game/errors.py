"""The one error type every layer raises when a request is refused, with a stable code and a readable message."""


class GameError(Exception):
    """A refusal the client should see: `code` is stable for programs, `message` is for people.

    `message` is an English catalogue message; its %(name)s placeholders are filled from `params`. `to_dict` gives
    it in the language of the request being answered: the app sets `translate` (teamplay.i18n), so the rules here
    stay free of Flask."""

    translate = staticmethod(lambda message, params: message % params if params else message)
    translate_fields = staticmethod(lambda fields: fields)  # the fields' messages, likewise

    def __init__(self, code, message, fields=None, status=400, params=None):
        self.code = code
        self.message_id = message
        self.params = params or {}
        self.message = message % self.params if self.params else message
        super().__init__(self.message)
        self.fields = fields
        self.status = status

    def field_messages(self):
        """`fields` with their messages in the language of the request being answered ({} when there are none)."""
        return self.translate_fields(self.fields) if self.fields else {}

    def to_dict(self):
        error = {"code": self.code, "message": self.translate(self.message_id, self.params)}
        if self.fields:
            error["fields"] = self.field_messages()
        return error
