"""Schemas of what clients send: the connect proof, every socket event and every HTTP body."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..game.activities.scenario import FIELD_MAX as DRAFT_FIELD_MAX
from ..game.points import CORRECTION_LIMIT
from ..game.teams import ICONS, MAX_TEAMS, MIN_TEAMS, MODES
from ..game.text import CleanString


class StrictBoolean(fields.Boolean):
    """true or false only: not 1, "yes" or "on", which a hand-written client might send by mistake."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


class ConnectAuthSchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(["host", "screen", "player"]))
    code = fields.String(required=True, validate=validate.Length(min=1, max=16))
    key = fields.String(validate=validate.Length(min=16, max=128))
    token = fields.String(validate=validate.Length(min=16, max=128))

    @validates_schema
    def proof_matches_role(self, data, **kwargs):
        # A host without a key proves itself by its signed-in session instead (services.rooms.authenticate).
        needed = {"player": "token", "screen": "key"}.get(data.get("role"))
        if needed and not data.get(needed):
            raise ValidationError(f"A {data.get('role')} connects with a {needed}.", needed)


class EmptySchema(StrictSchema):
    pass


class StartActivitySchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.Length(min=1, max=32))
    # The kind's own schema validates the settings themselves.
    settings = fields.Dict(required=True)


class ActivityRefSchema(StrictSchema):
    activity_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))


class LockRoomSchema(StrictSchema):
    locked = StrictBoolean(required=True)


class RoomSettingsSchema(StrictSchema):
    # The most players the room takes; null: no cap.
    player_cap = fields.Integer(required=True, strict=True, allow_none=True, validate=validate.Range(min=1, max=10000))


class UnbanSchema(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=64))


class RemovePlayerSchema(StrictSchema):
    player_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))


class TimeHelpSchema(StrictSchema):
    """The facilitator's time help for one player: seconds added to every timer, or no time limit at all."""

    player_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))
    extra_s = fields.Integer(required=True, strict=True, validate=validate.OneOf([0, 15, 30, 60, 120]))
    untimed = StrictBoolean(required=True)


class SubmitResponseSchema(StrictSchema):
    activity_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))
    request_id = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_\-]{8,64}$"))
    # "pass" is a Python keyword: the field is read from and written to the key "pass".
    passed = StrictBoolean(load_default=False, data_key="pass")
    # The kind's own schema validates the answer itself.
    answer = fields.Dict(load_default=None, allow_none=True)

    @validates_schema
    def pass_or_answer(self, data, **kwargs):
        if data.get("passed") and data.get("answer") is not None:
            raise ValidationError("Send either an answer or a pass, not both.", "answer")
        if not data.get("passed") and data.get("answer") is None:
            raise ValidationError("Send an answer, or pass.", "answer")


class CreateEventSchema(StrictSchema):
    title = CleanString(required=True, validate=validate.Length(min=1, max=80))


PASSWORD = validate.Length(min=10, max=200, error="Use 10 to 200 characters.")


class SignUpSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = CleanString(required=True, validate=validate.Length(min=1, max=60))
    password = fields.String(required=True, validate=PASSWORD)


class SignInSchema(StrictSchema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class JoinSchema(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(max=200))


class ResumeTokenSchema(StrictSchema):
    """A player proving their seat over HTTP (their "my kudos" page, also after the event)."""

    token = fields.String(required=True, validate=validate.Length(min=16, max=128))


ID = {"strict": True, "validate": validate.Range(min=1, max=2**31 - 1)}


class TeamSpecSchema(StrictSchema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    colour = fields.String(validate=validate.Regexp(r"^#[0-9A-Fa-f]{6}$", error="Colours are written like #1D7FD1."))
    icon = fields.String(validate=validate.OneOf(ICONS))


class TeamsSetupSchema(StrictSchema):
    count = fields.Integer(required=True, strict=True, validate=validate.Range(min=MIN_TEAMS, max=MAX_TEAMS))
    mode = fields.String(required=True, validate=validate.OneOf(MODES))
    teams = fields.List(fields.Nested(TeamSpecSchema), load_default=list, validate=validate.Length(max=MAX_TEAMS))


class TeamUpdateSchema(TeamSpecSchema):
    team_id = fields.Integer(required=True, **ID)


class MoveToTeamSchema(StrictSchema):
    player_id = fields.Integer(required=True, **ID)
    team_id = fields.Integer(required=True, **ID)


class PickTeamSchema(StrictSchema):
    team_id = fields.Integer(required=True, **ID)


class DraftEditSchema(StrictSchema):
    activity_id = fields.Integer(required=True, **ID)
    field = fields.String(required=True, validate=validate.Length(min=1, max=24))
    text = CleanString(required=True, validate=validate.Length(max=DRAFT_FIELD_MAX))


class CorrectPointsSchema(StrictSchema):
    player_id = fields.Integer(**ID)
    team_id = fields.Integer(**ID)
    points = fields.Integer(
        required=True, strict=True, validate=[validate.Range(min=-CORRECTION_LIMIT, max=CORRECTION_LIMIT),
                                              validate.NoneOf([0], error="A correction changes the score.")]
    )
    reason = CleanString(required=True, validate=validate.Length(min=1, max=120))

    @validates_schema
    def one_target(self, data, **kwargs):
        if ("player_id" in data) == ("team_id" in data):
            raise ValidationError("Correct either a player's score or a team's.", "player_id")


class ShowOnScreenSchema(StrictSchema):
    scene = fields.String(required=True, validate=validate.OneOf(["activity", "leaderboard", "podium"]))


class BoardSettingsSchema(StrictSchema):
    board = fields.String(validate=validate.OneOf(["teams", "top5", "everyone", "hidden"]))
    sound = StrictBoolean()
    remote = StrictBoolean()
    reduce_motion = StrictBoolean()
    language = fields.String(validate=validate.OneOf(["en", "es"]))  # the event's default language


class ControlActivitySchema(ActivityRefSchema):
    # The kind's own control schema validates the action itself.
    action = fields.Dict(required=True)


class ExtendTimerSchema(ActivityRefSchema):
    seconds = fields.Integer(load_default=30, strict=True, validate=validate.Range(min=5, max=600))


class SpotlightSchema(StrictSchema):
    on = StrictBoolean(required=True)


class AgendaAddSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.Length(min=1, max=32))
    settings = fields.Dict(required=True)  # checked by the kind when the item is saved, resolved when it starts
    notes = CleanString(load_default="", validate=validate.Length(max=200))  # presenter notes, for the host only
    position = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=1000))


class AgendaUpdateSchema(StrictSchema):
    item_id = fields.Integer(required=True, **ID)
    settings = fields.Dict()
    notes = CleanString(validate=validate.Length(max=200))


class AgendaMoveSchema(StrictSchema):
    item_id = fields.Integer(required=True, **ID)
    position = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=1000))


class AgendaItemRefSchema(StrictSchema):
    item_id = fields.Integer(required=True, **ID)


class AgendaStartSchema(StrictSchema):
    item_id = fields.Integer(load_default=None, allow_none=True, **ID)  # none: the next planned item
