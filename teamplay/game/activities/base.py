"""The interface every activity kind implements; the engine knows kinds only through it."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from ..errors import GameError


class ActivitySettingsSchema(Schema):
    """Settings every kind shares. A kind's own settings schema extends this one."""

    class Meta:
        unknown = RAISE

    duration_s = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=5, max=3600))


class ActivityKind:
    """One kind of activity.

    A kind says which settings it takes, how it checks an answer, how it tallies the responses and what each role
    may see. It holds no state: everything it needs arrives as arguments, so it can be tested without a server.
    """

    name = ""
    settings_schema = ActivitySettingsSchema
    answer_schema = None  # a marshmallow Schema class for one answer
    allows_pass = True
    responses_per_player = 1

    def load_settings(self, raw):
        """Validated, normalised settings, or GameError("invalid_payload") naming each bad field."""
        try:
            return self.settings_schema().load(raw)
        except ValidationError as err:
            raise GameError("invalid_payload", "Some settings are not valid.", fields=err.messages) from err

    def validate_answer(self, settings, raw):
        """The answer as it will be stored, or GameError("invalid_answer")."""
        try:
            return self.answer_schema().load(raw)
        except ValidationError as err:
            raise GameError("invalid_answer", "That answer is not one of the choices.", fields=err.messages) from err

    def prompt(self, settings):
        raise NotImplementedError

    def public_view(self, settings):
        """What every role sees of the activity itself (never anyone's answers)."""
        raise NotImplementedError

    def tally(self, settings, answers, passes, total):
        """Results from the stored answers. `answers` are the stored answer dicts of players who did not pass."""
        raise NotImplementedError

    def results_visible(self, role, status):
        """Whether `role` may see the results while the activity has `status`."""
        return role in {"host", "screen"} or status == "revealed"
