"""Builds the pure inputs of the game rules in one line: rounds, entries and teams."""
from teamplay.game.activities.base import DraftText, Entry, Round, TeamInfo

OPENED_AT = 1_000_000


def entry(player_id, answer=None, at=0, team_id=None, slot=0, correct=None):
    """A response `at` ms after the round opened; `answer=None` is a pass."""
    return Entry(player_id, team_id, slot, answer is None, answer, OPENED_AT + at, correct)


def teams(count):
    return [TeamInfo(100 + n, f"Team {n + 1}", n) for n in range(count)]


def make_round(settings, entries=(), members=None, status="open", stage=None, teams_=(), drafts=None, activity_id=1,
               control=None, spotlight_out=frozenset()):
    """A Round; `members` defaults to every player who answered, with the team their entries name. Entries get
    response ids 1, 2, 3… in order unless they carry one."""
    if members is None:
        members = {e.player_id: e.team_id for e in entries}
    fixed = [Entry(e.player_id, members.get(e.player_id), e.slot, e.passed, e.answer, e.at, e.correct, e.id or n + 1)
             for n, e in enumerate(entries)]
    return Round(
        activity_id=activity_id, settings=settings, status=status, stage=stage, opened_at=OPENED_AT,
        ends_at=None, entries=fixed, members=dict(members), names={pid: f"Player {pid}" for pid in members},
        teams=list(teams_), drafts=drafts or {}, control=dict(control or {}), spotlight_out=frozenset(spotlight_out),
    )


def draft(**fields):
    return {name: DraftText(text, player_id, OPENED_AT) for name, (text, player_id) in fields.items()}
