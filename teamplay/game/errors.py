"""The one error type every layer raises when a request is refused, with a stable code and a readable message."""


class GameError(Exception):
    """A refusal the client should see: `code` is stable for programs, `message` is for people."""

    def __init__(self, code, message, fields=None, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields
        self.status = status

    def to_dict(self):
        error = {"code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = self.fields
        return error
