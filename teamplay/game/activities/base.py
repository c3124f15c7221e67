"""The interface every activity kind implements; the engine knows kinds only through it."""
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from ..errors import GameError
from ..points import Scoring, participation


class ActivitySettingsSchema(Schema):
    """Settings every kind shares. A kind's own settings schema extends this one."""

    class Meta:
        unknown = RAISE

    duration_s = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=5, max=3600))


@functools.cache
def schema_of(schema_class):
    """One reusable instance per schema class: loading keeps no state in it, and building one for each of a big
    room's thousand answers a second costs more than the validation itself."""
    return schema_class()


def load_with(schema, raw):
    """`raw` loaded by `schema`, or GameError("invalid_payload") naming each bad field."""
    try:
        return schema_of(schema).load(raw)
    except ValidationError as err:
        raise GameError("invalid_payload", "Some settings are not valid.", fields=err.messages) from err


class Entry(NamedTuple):
    """One stored response as the rules see it; `at` is when it was given (server time, ms).

    A named tuple, not a frozen dataclass: a room is read as thousands of entries at each close, reveal and live
    tally, and a frozen dataclass sets each field through object.__setattr__ (2,000 entries: 4.4 ms, 1.7 as tuples).
    """

    player_id: int
    team_id: int | None
    slot: int
    passed: bool
    answer: dict | None
    at: int
    correct: bool | None = None
    id: int | None = None  # the stored response's id: how the facilitator refers to one answer (to approve it)


@dataclass(frozen=True)
class TeamInfo:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class DraftText:
    text: str
    player_id: int | None
    at: int


@dataclass
class Round:
    """Everything a kind needs to tally, score or show an activity, loaded by the services and passed in.

    `entries` are the responses of players still in the room; `members` maps those players to their team (or None);
    `drafts` maps a team to its shared draft fields. For one phone (checking its answer, showing its view) the
    round holds only that player and their teammates. `control` is what the facilitator has done to the activity
    (see ActivityKind.control); `spotlight_out` holds the players who asked not to be put on the spot.
    """

    activity_id: int
    settings: dict
    status: str
    stage: str | None
    opened_at: int
    ends_at: int | None
    entries: list = field(default_factory=list)
    members: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    teams: list = field(default_factory=list)
    drafts: dict = field(default_factory=dict)
    control: dict = field(default_factory=dict)
    spotlight_out: frozenset = frozenset()

    def entries_of(self, player_id):
        return [entry for entry in self.entries if entry.player_id == player_id]

    def team_members(self, team_id):
        return [player_id for player_id, team in self.members.items() if team == team_id]


def require_team(round_, player_id):
    if round_.members.get(player_id) is None:
        raise GameError("no_team", "Join a team first: this one is played together.", status=409)


@dataclass(frozen=True)
class Accepted:
    """An answer a kind accepted: the slot it is stored in, the answer as stored, and whether it is right.

    `players`: other players whose private part (player_view) this answer changes (the recipient of a kudos).
    """

    slot: int
    answer: dict
    correct: bool | None = None
    players: frozenset = frozenset()


@dataclass(frozen=True)
class Controlled:
    """The result of a facilitator's control: the activity's new control state, and maybe a fresh timer.

    `timer_s`: restart the activity's timer with this many seconds from now (None: leave it as it is; 0: no timer).
    `players`: the players whose private part (player_view) the action changed; None: every player's.
    """

    control: dict
    timer_s: int | None = None
    players: frozenset | None = None


class ActivityKind:
    """One kind of activity.

    A kind says which settings it takes, how it checks an answer, how it tallies and scores the responses, and what
    each role may see. It holds no state: everything it needs arrives as arguments, so it can be tested without a
    server.
    """

    name = ""
    settings_schema = ActivitySettingsSchema
    answer_schema = None  # a marshmallow Schema class for one answer
    allows_pass = True
    answers_changeable = False  # True: a player may change their answer while the activity is open
    requires_teams = False
    graded = False  # True: players are right or wrong, which builds streaks
    players_see_live_results = False  # True: phones get the live results too (a shared progress bar)
    needs_context = False  # True: checking an answer reads the player's team and earlier entries (a Round)
    needs_room = False  # True: checking an answer reads the whole room (a guess against everyone's writing)
    has_player_view = False  # True: each phone has a private part (its next question), see player_view
    player_view_needs_room = False  # True: a phone's private part is worked out from the whole room
    completes_on_goal = False  # True: the activity closes itself once the room reaches its goal
    stages = ()  # kinds that run in several stages (write, then vote) name them here
    answering_stage = None  # with stages: the stage in which responses are taken (None: every stage)
    anonymous = False  # True: no message, view or export ties an answer to its author (see anonymity tests)
    uses_spotlight = False  # True: the round needs to know who opted out of the spotlight
    control_schema = None  # a marshmallow Schema class for the facilitator's actions on a running activity
    opens_with_control = False  # True: the activity's first control state comes from the room (initial_control)

    @property
    def answers_stand_alone(self):
        """True when an answer is checked against the activity and its own shape only, and changes nothing but the
        results (a poll, this-or-that): answers that arrive together can then be checked and stored together."""
        return not (self.needs_room or self.needs_context or self.requires_teams or self.has_player_view
                    or self.completes_on_goal or self.answers_changeable)

    def load_settings(self, raw, history=()):
        """Validated, normalised settings, or GameError("invalid_payload") naming each bad field.

        `history` holds the settings of this kind's earlier activities in the event (to pick unused content).
        """
        return load_with(self.settings_schema, raw)

    def stage_duration_s(self, settings, stage):
        """The timer of a stage after the first one (the first uses duration_s)."""
        return None

    def players_named(self, raw):
        """Other players an answer names, whose place in the room its check needs (a kudos' recipient), from the
        answer as sent (not yet validated: anything else is ignored). With `needs_context` the check then reads the
        player's team and these players, not the whole room."""
        return ()

    def validate_answer(self, settings, raw):
        """The answer's shape, or GameError("invalid_answer")."""
        try:
            return schema_of(self.answer_schema).load(raw)
        except ValidationError as err:
            raise GameError("invalid_answer", "That answer is not one of the choices.", fields=err.messages) from err

    def accept(self, round_, player_id, answer, now):
        """Checks an answer against the activity; returns Accepted, or refuses with GameError.

        `round_` holds at least the player's own earlier entries, every player's team and the teams' drafts.
        Single-answer kinds store the answer in slot 0; kinds that take several entries choose the slot.
        """
        self.require_answering_stage(round_.stage)
        return Accepted(0, answer)

    def accept_pass(self, round_, player_id, now):
        """The slot a pass is stored in, or GameError when passing is not possible now."""
        if not self.allows_pass:
            raise GameError("invalid_answer", "This activity cannot be passed.")
        self.require_answering_stage(round_.stage)
        return 0

    def require_answering_stage(self, stage):
        if self.stages and self.answering_stage and stage != self.answering_stage:
            raise GameError("wrong_stage", "Answers are not taken at this stage.", status=409)

    def public_view(self, settings, stage):
        """What every role sees of the activity itself (never anyone's answers)."""
        raise NotImplementedError

    def host_view(self, settings):
        """What only the facilitator sees of the activity (the right answer, a presenter's tip)."""
        return {}

    def tally(self, round_):
        """Results from the stored responses, as the facilitator sees them."""
        raise NotImplementedError

    def results_for(self, role, round_, full):
        """What `role` may see of the results `full`; None when it may see nothing yet."""
        return full if role in {"host", "screen"} or round_.status == "revealed" else None

    def hides_results_from_players(self, status):
        """True when no phone sees any results while the activity is in `status`, whatever the answers: a phone
        that connects then (two thousand of them after a network blip) needs no reading of the room's answers.
        A kind with its own results_for may decide from the answers: False for it."""
        return type(self).results_for is ActivityKind.results_for and status != "revealed"

    def waiting(self, round_):
        """Players the facilitator is still waiting for (no answer and no pass yet), in the order they joined."""
        answered = {entry.player_id for entry in round_.entries}
        return [player_id for player_id in round_.members if player_id not in answered]

    def team_view(self, round_, team_id):
        """What a team's phones see live while the activity runs (teammates' votes, the shared draft), or None."""
        return None

    def player_view(self, round_, player_id):
        """What one phone sees beyond its own response (its next question), or None."""
        return None

    def initial_control(self, round_, history=()):
        """The control state an activity opens with (who is paired with whom), from the room as it is then.

        `history` holds the control states of this kind's earlier activities in the event, oldest first.
        """
        return {}

    def control(self, round_, action, history=()):
        """Applies a facilitator's action (already loaded by control_schema) to a running activity.

        Returns Controlled with the new control state, or refuses with GameError. `history` holds the control
        states of this kind's earlier activities in the event, oldest first (who was already in the hot seat).
        """
        raise GameError("wrong_kind", "This activity has no such control.")

    def is_complete_at(self, settings, right_answers):
        """For kinds with `completes_on_goal`: whether this many right answers finish the activity."""
        return False

    def score(self, round_):
        """The awards this activity earns once it closes. By default: taking part, and first to share."""
        return Scoring(participation(round_.entries))
