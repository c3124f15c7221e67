"""Teams and team challenges, live, against the real server process (eventlet, SQLite) and real Socket.IO clients.

The tests below are the chapters of one story and run in file order on one module-scoped server: a host, a big
screen and twelve phones form three teams of four (a late joiner is placed and removed, a player is moved and moved
back), play a team trivia round decided by majority votes, write a customer scenario in shared drafts (two phones
editing at the same moment) and vote on it anonymously, fill a co-op goal that closes by itself, live through a
server crash (SIGKILL and a restart on the same port and database) in the middle of a trivia round without losing
or double-counting a point, and end with a correction and the podium on the big screen.
Each chapter needs the ones before it; if one fails, the later ones are skipped rather than failing confusingly.

Every check is on what the clients received or what the server acknowledged. The point values come from the
points engine's constants (docs/protocol.md names the rules, not the numbers).
"""
import re
import threading
import time
import uuid
from collections import Counter
from urllib.parse import urlparse

import pytest

from teamplay import content
from teamplay.game import points as rules
from tests.live.conftest import WatchesStates, wait_until

NAMES = ("Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea")
LATE = "Max"
ICONS = {"star", "circle", "triangle", "diamond", "square", "hexagon", "heart", "bolt"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
CORRECTION_REASON = "Helped another team"


# -- helpers ---------------------------------------------------------------------------------------------------

def ok(ack):
    assert isinstance(ack, dict) and ack.get("ok") is True, f"expected an ok ack, got {ack!r}"
    return ack


def refused(ack, *codes):
    """The error of a refusal ack, whose code must be one of `codes` and which carries a readable message."""
    assert isinstance(ack, dict) and ack.get("ok") is False, f"expected a refusal {codes}, got {ack!r}"
    error = ack.get("error") or {}
    assert error.get("code") in codes, f"expected one of {codes}, got {ack!r}"
    assert isinstance(error.get("message"), str) and error["message"].strip(), f"no readable message: {ack!r}"
    return error


def request_id(label):
    return f"{label}-{uuid.uuid4().hex[:16]}"


def choice(activity_id, value, rid=None):
    return {"activity_id": activity_id, "request_id": rid or request_id("vote"), "answer": {"choice": value}}


def trivia(duration_s, pack="customer_service"):
    return {"kind": "team_trivia", "settings": {"pack": pack, "duration_s": duration_s}}


def sizes(players):
    return Counter(player["team_id"] for player in players)


def by_id(rows, key="id"):
    return {row[key]: row for row in rows}


def now_ms():
    return time.time() * 1000


def concurrently(*calls, timeout=10.0):
    """Runs each call in a thread of its own, all released by one barrier at the same moment; their results, in
    call order, each as (result, monotonic time it came back)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout)
            value = call()
            results[index] = (value, time.monotonic())
        except Exception as err:  # reported below, in the test's own thread
            errors.append(err)

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads), "a concurrent call did not come back"
    return results


def speed_range(sent_ms, acked_ms, opened_at, window_ms, most):
    """The (lowest, highest) speed bonus of an answer the server timed somewhere between the moment it was sent and
    the moment its ack came back (the server and the test share the machine's clock; 2 ms of slack for rounding)."""
    return (
        rules.speed_bonus(int(acked_ms) + 2, opened_at, window_ms, most),
        rules.speed_bonus(int(sent_ms) - 2, opened_at, window_ms, most),
    )


def coop_answers():
    """The right option of every question a co-op goal can ask, from the shipped packs: the test plays a person who
    knows their trivia. Keyed by (question, options) as a phone sees them in English."""
    known = {}
    for pack in content.trivia_packs():
        for question in pack["questions"]:
            known[(question["en"]["question"], tuple(question["en"]["options"]))] = question["correct"]
    return known


class Story(WatchesStates):
    """What the chapters share: the room, its clients, the players' seats and teams, the activities so far."""

    def __init__(self, server, api, make_client):
        self.server, self.api, self.make_client = server, api, make_client
        self.done = set()
        self.facts = {}
        self.code = None
        self.host = self.screen = self.late = None
        self.phones = {}  # name -> LiveClient
        self.seats = {}  # name -> {"id", "token"}
        self.team_ids = []  # in the order the teams are shown: A, B, C
        self.team_of = {}  # name -> team id
        self.activities = {}  # label -> activity id

    def needs(self, *chapters):
        missing = [c for c in chapters if c not in self.done]
        if missing:
            pytest.skip(f"needs the earlier chapter(s) {missing}, which did not pass")

    @property
    def clients(self):
        return [self.host, self.screen, *self.phones.values()]


    def pid(self, name):
        return self.seats[name]["id"]

    def members(self, team_id):
        return [name for name in NAMES if self.team_of[name] == team_id]

    def submit(self, name, activity_id, value, rid=None):
        """A phone's vote or answer; returns (ack, sent_ms, acked_ms) in wall-clock milliseconds."""
        sent = now_ms()
        ack = self.phones[name].call("response:submit", choice(activity_id, value, rid))
        return ok(ack), sent, now_ms()

    def host_scores(self):
        return ok(self.host.call("sync", {}))["snapshot"]["scores"]

    def phone_scores(self):
        return {name: ok(phone.call("sync", {}))["snapshot"]["scores"] for name, phone in self.phones.items()}


@pytest.fixture(scope="module")
def story(live_server, api, make_client):
    return Story(live_server, api, make_client)


# -- 1. twelve players, three teams of four --------------------------------------------------------------------

@pytest.mark.live
def test_1_three_teams_of_four_a_late_joiner_and_a_move(story):
    api = story.api
    status, body = api.post("/api/events", {"title": "Challenge day"})
    assert status == 201, body
    code = story.code = body["event"]["code"]
    host_key = urlparse(body["host_url"]).path.rsplit("/", 1)[-1]
    screen_key = urlparse(body["screen_url"]).path.rsplit("/", 1)[-1]
    host = story.host = story.make_client("host", {"role": "host", "code": code, "key": host_key}).connect()
    screen = story.screen = story.make_client("screen", {"role": "screen", "code": code, "key": screen_key}).connect()
    host_snap = host.wait_for("snapshot").data
    assert host_snap["event"]["teams_mode"] == "off" and host_snap["teams"] == [], host_snap["event"]
    screen.wait_for("snapshot")

    for name in NAMES:
        status, body = api.join(code, name)
        assert status == 201, body
        story.seats[name] = {"id": body["player"]["id"], "token": body["resume_token"]}
    for name in NAMES:
        phone = story.make_client(name, {"role": "player", "code": code, "token": story.seats[name]["token"]}).connect()
        story.phones[name] = phone
        snap = phone.wait_for("snapshot").data
        assert snap["me"] == {"id": story.pid(name), "name": name, "status": "active", "team_id": None, "spotlight": True}, snap["me"]
        assert snap["teams"] == [] and snap["team_view"] is None, snap

    refused(host.call("activity:start", trivia(30)), "teams_off")  # team kinds need teams
    wait_until(
        lambda: (roster := host.roster_now()) is not None and len(roster) == 12 and all(p["online"] for p in roster),
        message="host: all twelve players online",
    )

    # Three teams, dealt in arrival order.
    marks = story.marks()
    setup = ok(host.call("teams:setup", {"count": 3, "mode": "arrival"}))
    states = story.all_get_state(marks, lambda d: d["version"] == setup["version"])
    teams = states[host].data["teams"]
    assert [team["position"] for team in teams] == [0, 1, 2], teams
    assert len({team["name"] for team in teams}) == 3 and len({team["id"] for team in teams}) == 3, teams
    assert all(COLOUR.match(team["colour"]) and team["icon"] in ICONS for team in teams), teams
    for client, item in states.items():
        assert item.data["teams"] == teams, client.label
        assert item.data["event"]["teams_mode"] == "arrival", client.label
    story.team_ids = [team["id"] for team in teams]
    team_a, team_b, team_c = story.team_ids

    for name, phone in story.phones.items():
        me = phone.wait_for("me", lambda d: d.get("team_id") is not None, after=marks[phone]).data
        assert me == {"id": story.pid(name), "name": name, "status": "active", "team_id": me["team_id"], "spotlight": True}, me
        assert me["team_id"] in story.team_ids, me
        story.team_of[name] = me["team_id"]
    assert sizes({"team_id": t} for t in story.team_of.values()) == {team_a: 4, team_b: 4, team_c: 4}, story.team_of
    expected = {story.pid(name): team for name, team in story.team_of.items()}
    for staff in (host, screen):
        staff.wait_for("roster", lambda d: {p["id"]: p["team_id"] for p in d["players"]} == expected, after=marks[staff])

    # The host moves one player of team B to team A: only that phone is told.
    mover = story.members(team_b)[0]
    story.facts["mover"] = mover
    marks = story.marks()
    ok(host.call("teams:move", {"player_id": story.pid(mover), "team_id": team_a}))
    me = story.phones[mover].wait_for("me", lambda d: d["team_id"] == team_a, after=marks[story.phones[mover]]).data
    assert me == {"id": story.pid(mover), "name": mover, "status": "active", "team_id": team_a, "spotlight": True}, me
    host.wait_for("roster", lambda d: sizes(d["players"]) == {team_a: 5, team_b: 3, team_c: 4}, after=marks[host])
    for name, phone in story.phones.items():
        if name != mover:
            assert not phone.of("me", after=marks[phone]), f"{name} was sent a `me` for someone else's move"

    # A late joiner lands in the smallest team (B, with 3), then is removed.
    marks = story.marks([host])
    status, body = api.join(code, LATE)
    assert status == 201, body
    late_id = body["player"]["id"]
    story.late = story.make_client(LATE, {"role": "player", "code": code, "token": body["resume_token"]}).connect()
    late_me = story.late.wait_for("snapshot").data["me"]
    assert late_me == {"id": late_id, "name": LATE, "status": "active", "team_id": team_b, "spotlight": True}, (
        f"a late joiner must go to the smallest team ({team_b}, 3 players): {late_me}"
    )
    host.wait_for("roster", lambda d: any(p["id"] == late_id and p["team_id"] == team_b and p["online"] for p in d["players"])
                  and sizes(d["players"]) == {team_a: 5, team_b: 4, team_c: 4}, after=marks[host])
    marks = story.marks([host, story.late])
    ok(host.call("player:remove", {"player_id": late_id}))
    story.late.wait_for("removed", after=marks[story.late])
    host.wait_for("roster", lambda d: late_id not in {p["id"] for p in d["players"]} and d["count"] == 12, after=marks[host])

    # ... and the moved player goes back: 4/4/4 again.
    marks = story.marks()
    ok(host.call("teams:move", {"player_id": story.pid(mover), "team_id": team_b}))
    me = story.phones[mover].wait_for("me", lambda d: d["team_id"] == team_b, after=marks[story.phones[mover]]).data
    assert me == {"id": story.pid(mover), "name": mover, "status": "active", "team_id": team_b, "spotlight": True}, me
    for staff in (host, screen):
        roster = staff.wait_for("roster", lambda d: {p["id"]: p["team_id"] for p in d["players"]} == expected, after=marks[staff])
        assert sizes(roster.data["players"]) == {team_a: 4, team_b: 4, team_c: 4}
    for name, phone in story.phones.items():
        if name != mover:
            assert not phone.of("me", after=marks[phone]), f"{name} was sent a `me` for someone else's move"
    story.done.add("teams")


# -- 2. team trivia: majority votes, teammates see each other's votes, the reveal and the points -----------------

@pytest.mark.live
def test_2_team_trivia_majorities_team_views_and_points(story):
    story.needs("teams")
    host, screen = story.host, story.screen
    team_a, team_b, team_c = story.team_ids
    a, b, c = (story.members(team) for team in story.team_ids)

    marks = story.marks()
    started = ok(host.call("activity:start", trivia(30)))
    act = story.activities["trivia1"] = started["activity_id"]
    states = story.all_get_state(marks, lambda d: d["version"] == started["version"])
    host_view = states[host].data["activity"]
    assert {k: host_view[k] for k in ("id", "kind", "status", "team_based", "duration_s")} == {
        "id": act, "kind": "team_trivia", "status": "open", "team_based": True, "duration_s": 30,
    }, host_view
    assert host_view["ends_at"] == host_view["opened_at"] + 30_000, host_view
    assert isinstance(host_view["pack"], str) and host_view["pack"], host_view
    options = host_view["options"]
    correct = host_view["host"]["correct"]
    assert len(options) >= 2 and isinstance(correct, int) and 0 <= correct < len(options), host_view
    story.facts["trivia1_prompt"] = host_view["prompt"]
    wrong = (correct + 1) % len(options)
    for client, item in states.items():
        view = item.data["activity"]
        assert (view["prompt"], view["options"], view["pack"]) == (host_view["prompt"], options, host_view["pack"])
        if client is host:
            continue
        assert "host" not in view, f"{client.label} was handed the host-only part: {view}"
        assert "correct" not in view, f"{client.label} saw the right answer: {view}"
        if client is screen:
            assert set(view["results"]) == {"teams", "answered", "passes", "total"}, view["results"]
        else:
            assert view["results"] is None, f"{client.label} (a phone) saw results: {view}"

    def cast(name, value, rid=None):
        ack, _, _ = story.submit(name, act, value, rid)
        assert ack["duplicate"] is False, ack
        assert ack["response"] == {"activity_id": act, "slot": 0, "passed": False, "answer": {"choice": value}}, ack
        return ack

    # Team A: 3 right, 1 wrong. A teammate's phone sees the first vote live, with its name and choice.
    cast(a[0], correct)
    seen = story.phones[a[1]].wait_for(
        "team", lambda d: d["team_id"] == team_a and any(v["player_id"] == story.pid(a[0]) for v in d["view"].get("votes", [])),
        after=marks[story.phones[a[1]]],
    ).data
    assert seen["activity_id"] == act and seen["view"]["team_id"] == team_a, seen
    assert seen["view"]["votes"] == [{"player_id": story.pid(a[0]), "name": a[0], "choice": correct, "passed": False}], seen
    time.sleep(0.01)  # the first vote of the room stays first, to the millisecond
    for name, value in ((a[1], wrong), (a[2], correct), (a[3], correct)):
        cast(name, value)

    # Team B: 2 wrong (first), then 2 right: a tie goes to the option voted for first, so B's answer is wrong.
    cast(b[0], wrong)
    cast(b[1], wrong)
    time.sleep(0.01)
    cast(b[2], correct)
    cast(b[3], correct)

    # Team C: 2 wrong first, 2 right (a tie: wrong) ... then one changes their vote, and the majority is right.
    cast(c[0], wrong)
    cast(c[1], wrong)
    time.sleep(0.01)
    cast(c[2], correct)
    host_mark = host.mark()
    cast(c[3], correct)

    def team_answer(team_id, answer, voted=4):
        return lambda d: d["activity_id"] == act and any(
            t["team_id"] == team_id and t["voted"] == voted and t["answer"] == answer for t in d["results"]["teams"]
        )

    host.wait_for("results", team_answer(team_c, wrong), after=host_mark)
    c_mark = story.phones[c[2]].mark()
    changed = cast(c[1], correct)  # a new request id: the vote is replaced, not refused
    assert changed["response"]["answer"] == {"choice": correct}
    refused(story.phones[c[1]].call("response:submit", choice(act, len(options))), "invalid_answer")

    def counts(right_votes, wrong_votes):
        values = [0] * len(options)
        values[correct], values[wrong] = right_votes, wrong_votes
        return values

    expected_host = {
        "teams": [
            {"team_id": team_a, "members": 4, "voted": 4, "passed": 0, "counts": counts(3, 1), "answer": correct},
            {"team_id": team_b, "members": 4, "voted": 4, "passed": 0, "counts": counts(2, 2), "answer": wrong},
            {"team_id": team_c, "members": 4, "voted": 4, "passed": 0, "counts": counts(3, 1), "answer": correct},
        ],
        "answered": 12, "passes": 0, "total": 12, "correct": correct,
    }
    host.wait_for("results", lambda d: d["activity_id"] == act and d["results"] == expected_host, after=host_mark)

    # The teammate sees the changed vote; the team view carries names and choices of the team only.
    changed_view = story.phones[c[2]].wait_for(
        "team", lambda d: d["team_id"] == team_c and d["view"]["answer"] == correct, after=c_mark
    ).data["view"]
    assert {v["name"]: v["choice"] for v in changed_view["votes"]} == {c[0]: wrong, c[1]: correct, c[2]: correct, c[3]: correct}
    assert changed_view["counts"] == counts(3, 1) and changed_view["voted"] == 4, changed_view
    for name, phone in story.phones.items():
        own = story.team_of[name]
        views = phone.of("team", after=marks[phone])
        assert views, f"{name} got no team view"
        for item in views:
            assert item.data["team_id"] == own and item.data["view"]["team_id"] == own, f"{name} got another team's view: {item}"
            assert {v["player_id"] for v in item.data["view"].get("votes", [])} <= {story.pid(m) for m in story.members(own)}, item
        assert not phone.of("results", after=marks[phone]), f"{name} (a phone) was sent live trivia results"

    # The big screen sees who has voted, never which way a team leans.
    screen_results = screen.wait_for("results", lambda d: d["activity_id"] == act and d["results"]["answered"] == 12,
                                     after=marks[screen]).data["results"]
    assert screen_results == {
        "teams": [{"team_id": t, "members": 4, "voted": 4, "passed": 0} for t in story.team_ids],
        "answered": 12, "passes": 0, "total": 12,
    }, screen_results

    # The reveal: A and C right, B wrong, for everyone.
    before = story.host_scores()
    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act}))
    states = story.all_get_state(marks, lambda d: d["version"] == revealed["version"])
    revealed_teams = by_id(states[screen].data["activity"]["results"]["teams"], "team_id")
    for client, item in states.items():
        view = item.data["activity"]
        assert view["status"] == "revealed", client.label
        teams = by_id(view["results"]["teams"], "team_id")
        assert view["results"]["correct"] == correct, client.label
        for team_id, expected_team in by_id(expected_host["teams"], "team_id").items():
            assert {k: teams[team_id][k] for k in expected_team} == expected_team, client.label
        assert {t: teams[t]["right"] for t in story.team_ids} == {team_a: True, team_b: False, team_c: True}, (client.label, view)
        assert teams[team_a]["points"] > 0 and teams[team_c]["points"] > 0 and teams[team_b]["points"] == 0, (client.label, view)
        assert {t: teams[t]["points"] for t in story.team_ids} == {t: revealed_teams[t]["points"] for t in story.team_ids}
    host_results = states[host].data["activity"]["results"]  # the state carries them: no `results` repeats them
    assert all({"right", "points"} <= set(t) for t in host_results["teams"]), host_results

    # Scores: the host gets the standings, each phone only its own.
    host_scores = host.wait_for("scores", lambda d: any(t["points"] for t in d["teams"]), after=marks[host]).data
    assert set(host_scores) == {"teams", "players", "corrections", "podium"}, host_scores
    team_rows = by_id(host_scores["teams"])
    player_rows = by_id(host_scores["players"])
    assert set(team_rows) == set(story.team_ids) and set(player_rows) == {story.pid(n) for n in NAMES}, host_scores
    for team_id in story.team_ids:
        assert team_rows[team_id]["points"] == by_id(before["teams"])[team_id]["points"] + revealed_teams[team_id]["points"]
    assert team_rows[team_b]["points"] == 0 and team_rows[team_a]["points"] > 0 and team_rows[team_c]["points"] > 0
    for name, phone in story.phones.items():
        mine = phone.wait_for("scores", lambda d: d.get("me") and d["me"]["points"] > 0, after=marks[phone]).data
        assert set(mine) == {"me", "team"}, f"{name} was sent more than their own scores: {mine}"
        row, team = player_rows[story.pid(name)], team_rows[story.team_of[name]]
        assert mine["me"] == {"points": row["points"], "rank": row["rank"], "of": 12, "badges": row["badges"]}, (name, mine)
        assert mine["team"] == {"id": team["id"], "name": team["name"], "points": team["points"], "rank": team["rank"], "of": 3}
    assert not any(client.of("results", after=marks[client]) for client in states), "results repeated the reveal's state"
    right_member = player_rows[story.pid(a[0])]["points"]
    assert all(right_member > player_rows[story.pid(name)]["points"] for name in b), host_scores["players"]
    assert all(player_rows[story.pid(name)]["points"] == rules.TAKE_PART for name in b), "team B only took part"
    story.done.add("trivia")


# -- 3. a scenario: shared drafts edited from two phones at once, an anonymous vote ----------------------------

@pytest.mark.live
def test_3_scenario_shared_drafts_and_an_anonymous_vote(story):
    story.needs("trivia")
    host, screen = story.host, story.screen
    team_a, team_b, team_c = story.team_ids
    a, b, c = (story.members(team) for team in story.team_ids)

    marks = story.marks()
    started = ok(host.call("activity:start", {
        "kind": "scenario", "settings": {"pack": "customer_scenarios", "duration_s": 120, "vote_duration_s": 60},
    }))
    act = story.activities["scenario"] = started["activity_id"]
    states = story.all_get_state(marks, lambda d: d["version"] == started["version"])
    host_view = states[host].data["activity"]
    assert {k: host_view[k] for k in ("id", "kind", "status", "stage", "team_based", "duration_s", "vote_duration_s")} == {
        "id": act, "kind": "scenario", "status": "open", "stage": "write", "team_based": True, "duration_s": 120,
        "vote_duration_s": 60,
    }, host_view
    assert host_view["ends_at"] == host_view["opened_at"] + 120_000
    assert isinstance(host_view["host"]["tip"], str), host_view
    fields = [field["name"] for field in host_view["fields"]]
    assert len(fields) >= 3 and all(field["label"] for field in host_view["fields"]), host_view
    for client, item in states.items():
        if client is not host:
            assert "host" not in item.data["activity"], f"{client.label} was handed the presenter's tip"
        if client in story.phones.values():
            assert item.data["activity"]["results"] is None, f"{client.label} (a phone) saw results while teams write"

    def edit(name, field, text):
        return lambda: story.phones[name].call("draft:edit", {"activity_id": act, "field": field, "text": text})

    # Two phones of team A at the same moment, on different fields: both are kept.
    first = {a[0]: (fields[0], "We hear you, and we are sorry."), a[1]: (fields[1], "We refund the double charge today.")}
    for (ack, _), (name, (field, text)) in zip(concurrently(*(edit(n, f, t) for n, (f, t) in first.items())), first.items()):
        ok(ack)
        assert {k: ack["field"][k] for k in ("field", "text", "by")} == {"field": field, "text": text, "by": name}, ack
        assert isinstance(ack["field"]["at"], int)

    # ... then both on the same field: the last writer wins, whole (text, author and time of one edit).
    same = {a[0]: f"{a[0]} calls back on Friday.", a[1]: f"{a[1]} sends an email tomorrow."}
    acks = [ok(ack)["field"] for ack, _ in concurrently(*(edit(name, fields[2], text) for name, text in same.items()))]
    for ack, (name, text) in zip(acks, same.items()):
        assert (ack["field"], ack["text"], ack["by"]) == (fields[2], text, name), ack
    latest = max(ack["at"] for ack in acks)
    winners = [{k: ack[k] for k in ("text", "by", "at")} for ack in acks if ack["at"] == latest]  # two on a tie to the ms

    # Teams B and C write too (C with a word the filter stars out).
    ok(story.phones[b[0]].call("draft:edit", {"activity_id": act, "field": fields[0], "text": "Sorry, let me fix this now."}))
    ok(story.phones[c[0]].call("draft:edit", {"activity_id": act, "field": fields[0], "text": "Thanks for telling us."}))
    starred = ok(story.phones[c[1]].call("draft:edit", {"activity_id": act, "field": fields[1], "text": "No shit excuses, a fix."}))
    assert starred["field"]["text"] == "No **** excuses, a fix.", starred
    refused(story.phones[c[1]].call("draft:edit", {"activity_id": act, "field": "nope", "text": "x"}), "invalid_payload")

    def all_drafts_in(d):
        if d["activity_id"] != act or "teams" not in d["results"]:
            return False
        teams = by_id(d["results"]["teams"], "team_id")
        return [teams[t]["filled"] for t in story.team_ids] == [3, 1, 2]

    host.wait_for("results", all_drafts_in, after=marks[host])
    final = ok(host.call("sync", {}))["snapshot"]["activity"]["results"]
    stored = by_id(final["teams"], "team_id")
    assert stored[team_a]["fields"][fields[0]]["text"] == first[a[0]][1] and stored[team_a]["fields"][fields[0]]["by"] == a[0]
    assert stored[team_a]["fields"][fields[1]]["text"] == first[a[1]][1] and stored[team_a]["fields"][fields[1]]["by"] == a[1]
    assert stored[team_a]["fields"][fields[2]] in winners, (
        f"last writer wins: stored {stored[team_a]['fields'][fields[2]]}, edits acknowledged {acks}"
    )
    assert stored[team_a]["filled"] == 3 and stored[team_b]["filled"] == 1 and stored[team_c]["filled"] == 2, final
    # The latest live results agree with the stored draft, and so does the teammates' team view.
    last_results = host.of("results", after=marks[host])[-1].data["results"]
    assert by_id(last_results["teams"], "team_id")[team_a]["fields"] == stored[team_a]["fields"], last_results
    for name in a:
        story.phones[name].wait_for("team", lambda d: d["team_id"] == team_a and d["view"]["fields"] == stored[team_a]["fields"],
                                    after=marks[story.phones[name]])
    for name, phone in story.phones.items():
        for item in phone.of("team", after=marks[phone]):
            assert item.data["team_id"] == story.team_of[name], f"{name} saw another team's draft: {item}"
        assert not phone.of("results", after=marks[phone]), f"{name} (a phone) was sent live results of the drafts"
    screen_teams = screen.wait_for("results", lambda d: d["activity_id"] == act and by_id(d["results"]["teams"], "team_id")
                                   [team_a]["filled"] == 3, after=marks[screen]).data["results"]["teams"]
    for team in screen_teams:
        assert set(team) == {"team_id", "words", "filled"}, f"the screen saw what a team wrote: {team}"

    # To the vote: the entries are anonymous for the room, and nobody may vote for their own team.
    marks = story.marks()
    advanced = ok(host.call("activity:advance", {"activity_id": act}))
    states = story.all_get_state(marks, lambda d: d["version"] == advanced["version"])
    entries = states[host].data["activity"]["results"]["entries"]
    assert len(entries) == 3 and [entry["label"] for entry in entries] == ["A", "B", "C"], entries
    label_of = {entry["team_id"]: entry["label"] for entry in entries}
    index_of = {entry["team_id"]: index for index, entry in enumerate(entries)}
    assert set(label_of) == set(story.team_ids) and all(entry["votes"] == 0 for entry in entries), entries
    assert entries[index_of[team_a]]["fields"] == {
        fields[0]: first[a[0]][1], fields[1]: first[a[1]][1], fields[2]: stored[team_a]["fields"][fields[2]]["text"],
    }, entries
    for client, item in states.items():
        view = item.data["activity"]
        assert view["stage"] == "vote" and view["status"] == "open", client.label
        assert abs(view["ends_at"] - (item.data["server_time"] + 60_000)) < 3000, view
        if client is host:
            continue
        assert view["results"]["entries"] == [{"label": e["label"], "fields": e["fields"]} for e in entries], (
            f"{client.label} must get the entries without team_id or votes: {view['results']}"
        )
    for name, phone in story.phones.items():
        own = phone.wait_for("team", lambda d: d["view"]["stage"] == "vote", after=marks[phone]).data["view"]
        assert own["own_entry"] == label_of[story.team_of[name]], (name, own)
    refused(story.phones[a[0]].call("draft:edit", {"activity_id": act, "field": fields[0], "text": "late"}), "wrong_stage")
    refused(story.phones[a[0]].call("response:submit", {"activity_id": act, "request_id": request_id("own"),
                                                        "answer": {"entry": index_of[team_a]}}), "own_team")

    # A's members vote for B, B's for A, C's three for A and one for B: A 7, B 5, C none.
    ballot = {**{n: team_b for n in a}, **{n: team_a for n in b}, **{n: team_a for n in c[:3]}, c[3]: team_b}
    story.facts["first_voter"] = a[0]
    for index, (name, team_id) in enumerate(ballot.items()):
        ack = ok(story.phones[name].call("response:submit", {"activity_id": act, "request_id": request_id("ballot"),
                                                             "answer": {"entry": index_of[team_id]}}))
        assert ack["response"]["answer"] == {"entry": index_of[team_id]}, ack
        if index == 0:
            time.sleep(0.01)
    refused(story.phones[a[0]].call("response:submit", {"activity_id": act, "request_id": request_id("twice"),
                                                        "answer": {"entry": index_of[team_c]}}), "already_answered")
    votes = {team_a: 7, team_b: 5, team_c: 0}
    host.wait_for("results", lambda d: d["activity_id"] == act and d["results"].get("votes_in") == 12 and all(
        e["votes"] == votes[e["team_id"]] for e in d["results"]["entries"]), after=marks[host])

    before = story.host_scores()
    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act}))
    for client, item in story.all_get_state(marks, lambda d: d["version"] == revealed["version"]).items():
        results = item.data["activity"]["results"]
        assert results["votes_in"] == 12 and results["answered"] == 12, (client.label, results)
        assert [{k: e[k] for k in ("label", "team_id", "fields")} for e in results["entries"]] == [
            {k: e[k] for k in ("label", "team_id", "fields")} for e in entries], (client.label, results)
        assert {e["team_id"]: e["votes"] for e in results["entries"]} == votes, (client.label, results)
    refused(story.phones[a[0]].call("draft:edit", {"activity_id": act, "field": fields[0], "text": "late"}), "activity_closed")

    after = host.wait_for("scores", lambda d: by_id(d["teams"])[team_a]["points"] > by_id(before["teams"])[team_a]["points"],
                          after=marks[host]).data
    for team_id, received in votes.items():
        gained = by_id(after["teams"])[team_id]["points"] - by_id(before["teams"])[team_id]["points"]
        assert gained == rules.VOTE_TEAM * received, f"team {team_id}: +{gained} for {received} votes"
    for name in NAMES:
        gained = by_id(after["players"])[story.pid(name)]["points"] - by_id(before["players"])[story.pid(name)]["points"]
        expected = rules.TAKE_PART + rules.VOTE_MEMBER * votes[story.team_of[name]] + (rules.FIRST_IN if name == a[0] else 0)
        assert gained == expected, f"{name}: +{gained}, expected +{expected}"
    story.done.add("scenario")


# -- 4. a co-op goal fills up and closes by itself; everyone shares the bonus ----------------------------------

@pytest.mark.live
def test_4_coop_goal_closes_itself_and_everyone_gets_the_bonus(story):
    story.needs("scenario")
    host = story.host
    a, b, c = (story.members(team) for team in story.team_ids)
    known = coop_answers()

    marks = story.marks()
    started = ok(host.call("activity:start", {"kind": "coop_goal", "settings": {"goal": 10, "duration_s": 120}}))
    act = story.activities["coop"] = started["activity_id"]
    for client, item in story.all_get_state(marks, lambda d: d["version"] == started["version"]).items():
        view = item.data["activity"]
        assert (view["kind"], view["status"], view["goal"], view["team_based"]) == ("coop_goal", "open", 10, False), view
        assert view["results"] == {"progress": 0, "goal": 10, "reached": False, "contributors": 0, "answered": 0,
                                   "passes": 0, "total": 12}, (client.label, view["results"])

    # Each phone reads its own question from a snapshot.
    snaps = {name: ok(phone.call("sync", {}))["snapshot"] for name, phone in story.phones.items()}
    points_before = {name: snap["scores"]["me"]["points"] for name, snap in snaps.items()}
    for name, snap in snaps.items():
        mine = snap["mine"]
        assert mine["question"]["number"] == 0 and mine["last"] is None and mine["cooldown_until"] is None, (name, mine)
        assert (mine["question"]["prompt"], tuple(mine["question"]["options"])) in known, f"{name}: unknown question {mine}"

    def right_choice(question):
        return known[(question["prompt"], tuple(question["options"]))]

    def answer(name, question, value, rid=None):
        return story.phones[name].call("response:submit", {
            "activity_id": act, "request_id": rid or request_id("coop"),
            "answer": {"question": question["number"], "choice": value},
        })

    # One phone answers wrong: it learns the right option, and must wait out the cooldown.
    slow = b[1]
    question = snaps[slow]["mine"]["question"]
    right = right_choice(question)
    miss = (right + 1) % len(question["options"])
    ack = ok(answer(slow, question, miss))
    assert ack["response"] == {"activity_id": act, "slot": 0, "passed": False, "answer": {"question": 0, "choice": miss}}, ack
    assert ack["mine"]["last"] == {"number": 0, "right": False, "choice": miss, "correct_choice": right,
                                   "correct_text": question["options"][right]}, ack["mine"]
    cooldown_until = ack["mine"]["cooldown_until"]
    assert isinstance(cooldown_until, int) and cooldown_until > now_ms(), ack["mine"]
    slow_next = ack["mine"]["question"]
    assert slow_next["number"] == 1, ack["mine"]
    refused(answer(slow, slow_next, right_choice(slow_next)), "cooldown")

    # Three others answer three questions right each: 9 of 10.
    quick = [a[2], b[2], c[2]]
    for name in quick:
        question = snaps[name]["mine"]["question"]
        for number in range(3):
            ack = ok(answer(name, question, right_choice(question)))
            assert ack["response"]["slot"] == number and ack["mine"]["last"]["right"] is True, ack
            question = ack["mine"]["question"]
            assert question["number"] == number + 1, ack["mine"]
    refused(answer(quick[0], {"number": 0}, 0), "stale_question")

    # Everyone's phone sees the shared bar move.
    idle = [name for name in NAMES if name not in quick and name != slow]
    for name in (*idle, slow):
        progress = story.phones[name].wait_for("results", lambda d: d["activity_id"] == act and d["results"]["progress"] == 9,
                                               after=marks[story.phones[name]]).data["results"]
        assert progress == {"progress": 9, "goal": 10, "reached": False, "contributors": 3, "answered": 4,
                            "passes": 0, "total": 12}, (name, progress)

    # After the cooldown the slow phone's right answer reaches the goal: the activity closes by itself.
    time.sleep(max(0.0, (cooldown_until - now_ms()) / 1000 + 0.05))
    marks = story.marks()
    ok(answer(slow, slow_next, right_choice(slow_next)))
    closed = story.all_get_state(marks, lambda d: d["activity"]["id"] == act and d["activity"]["status"] == "closed")
    for client, item in closed.items():
        assert item.data["activity"]["results"]["reached"] is True, (client.label, item.data["activity"])
        assert item.data["activity"]["results"]["progress"] == 10
    refused(answer(idle[0], snaps[idle[0]]["mine"]["question"], 0), "activity_closed")
    refused(host.call("activity:close", {"activity_id": act}), "wrong_state")

    # Revealed: everybody in the room shares the goal bonus, answering or not.
    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act}))
    story.all_get_state(marks, lambda d: d["version"] == revealed["version"])
    after = {name: phone.wait_for("scores", lambda d: d["me"]["points"] != points_before[name], after=marks[phone]).data
             for name, phone in story.phones.items()}
    synced = story.phone_scores()
    for name in NAMES:
        assert synced[name] == after[name], f"{name}: the scores event and a fresh snapshot disagree"
        gained = after[name]["me"]["points"] - points_before[name]
        right_answers = 3 if name in quick else 1 if name == slow else 0
        expected = rules.COOP_BONUS
        if right_answers:
            expected += rules.TAKE_PART + rules.COOP_CORRECT * right_answers + (rules.FIRST_IN if name == slow else 0)
        assert gained == expected, f"{name}: +{gained}, expected +{expected}"
    story.done.add("coop")


# -- 5. a crash mid-challenge: nothing lost, nothing counted twice ---------------------------------------------

@pytest.mark.live
def test_5_sigkill_mid_trivia_keeps_votes_and_points_exactly(story):
    story.needs("coop")
    host, screen = story.host, story.screen
    team_a, team_b, team_c = story.team_ids
    a, b = story.members(team_a), story.members(team_b)

    marks = story.marks()
    started = ok(host.call("activity:start", trivia(60)))
    act = story.activities["trivia2"] = started["activity_id"]
    states = story.all_get_state(marks, lambda d: d["version"] == started["version"])
    opened_at = states[host].data["activity"]["opened_at"]
    correct = states[host].data["activity"]["host"]["correct"]
    assert states[host].data["activity"]["prompt"] != story.facts.get("trivia1_prompt"), "a fresh question of the pack"
    wrong = (correct + 1) % len(states[host].data["activity"]["options"])

    timing = {}
    a0_request = request_id("a0")
    # Two of team A who voted right in the first round (a streak), one of team B; team C does not vote.
    voters = {a[0]: correct, a[2]: correct, b[0]: wrong}
    for name, value, rid in ((a[0], correct, a0_request), (a[2], correct, None), (b[0], wrong, None)):
        ack, sent, acked = story.submit(name, act, value, rid)
        timing[name] = (sent, acked)
        assert ack["duplicate"] is False
        time.sleep(0.01)
    host.wait_for("results", lambda d: d["activity_id"] == act and d["results"]["answered"] == 3, after=marks[host])

    host_before = ok(host.call("sync", {}))["snapshot"]
    phones_before = story.phone_scores()
    version = host.last_version

    # SIGKILL, and the same server comes back on the same port and database.
    marks = story.marks()
    started_at = time.monotonic()
    story.server.kill()
    for client, mark in marks.items():
        client.wait_for("disconnect", after=mark, timeout=5)
    story.server.start()
    snaps = {client: client.wait_for("snapshot", after=mark, timeout=15).data for client, mark in marks.items()}
    # The snapshot may come off the wire just before the namespace's CONNECT: the client can send once that is in.
    for client, mark in marks.items():
        client.wait_for("connect", after=mark, timeout=5)
    assert time.monotonic() - started_at < 15
    assert all(client.connect_calls == 1 for client in story.clients), "the test must not reconnect anyone itself"

    host_snap = snaps[host]
    assert host_snap["version"] == version, f"version {host_snap['version']} after the restart, was {version}"
    assert host_snap["activity"]["id"] == act and host_snap["activity"]["status"] == "open"
    assert host_snap["activity"]["results"] == host_before["activity"]["results"], host_snap["activity"]["results"]
    assert host_snap["scores"] == host_before["scores"], "the standings changed across the restart"
    assert snaps[screen]["activity"]["results"]["answered"] == 3
    for name, phone in story.phones.items():
        snap = snaps[phone]
        assert snap["version"] == version and snap["activity"]["id"] == act and snap["activity"]["status"] == "open"
        assert snap["scores"] == phones_before[name], f"{name}: own scores changed across the restart"
        voted = voters.get(name)
        mine = None if voted is None else {"activity_id": act, "slot": 0, "passed": False, "answer": {"choice": voted}}
        assert snap["my_response"] == mine, (name, snap["my_response"])
        if story.team_of[name] == team_a:
            assert {v["name"]: v["choice"] for v in snap["team_view"]["votes"]} == {a[0]: correct, a[2]: correct}, snap["team_view"]
    wait_until(lambda: (r := host.roster_now(after=marks[host])) is not None and len(r) == 12 and all(p["online"] for p in r),
               message="host: all twelve players online again")
    retry = ok(story.phones[a[0]].call("response:submit", choice(act, correct, a0_request)))
    assert retry["duplicate"] is True, retry  # the idempotency key survived the crash

    # The reveal: this round's awards come on top of the standings, exactly once.
    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act}))
    states = story.all_get_state(marks, lambda d: d["version"] == revealed["version"])
    reported = by_id(states[screen].data["activity"]["results"]["teams"], "team_id")
    assert {t: reported[t]["right"] for t in story.team_ids} == {team_a: True, team_b: False, team_c: False}, reported
    after = host.wait_for("scores", lambda d: by_id(d["teams"])[team_a]["points"] != by_id(host_before["scores"]["teams"])
                          [team_a]["points"], after=marks[host]).data
    before_teams, after_teams = by_id(host_before["scores"]["teams"]), by_id(after["teams"])
    for team_id in story.team_ids:
        assert after_teams[team_id]["points"] == before_teams[team_id]["points"] + reported[team_id]["points"], (
            f"team {team_id}: {before_teams[team_id]['points']} + {reported[team_id]['points']} reported "
            f"!= {after_teams[team_id]['points']}"
        )
    window = 60_000
    low, high = speed_range(*timing[a[2]], opened_at, window, rules.TEAM_SPEED_MAX)  # a team is as quick as its last right vote
    assert rules.TEAM_CORRECT + low <= reported[team_a]["points"] <= rules.TEAM_CORRECT + high, reported[team_a]
    assert reported[team_b]["points"] == reported[team_c]["points"] == 0

    before_players, after_players = by_id(host_before["scores"]["players"]), by_id(after["players"])
    streak = rules.streak_bonus(2)  # right in the first trivia round too
    awards = {}
    for name in NAMES:
        if name in (a[0], a[2]):
            low, high = speed_range(*timing[name], opened_at, window, rules.SPEED_MAX)
            base = rules.TAKE_PART + rules.CORRECT + streak + (rules.FIRST_IN if name == a[0] else 0)
            awards[name] = (base + low, base + high)
        elif name == b[0]:
            awards[name] = (rules.TAKE_PART, rules.TAKE_PART)
        else:
            awards[name] = (0, 0)
        gained = after_players[story.pid(name)]["points"] - before_players[story.pid(name)]["points"]
        assert awards[name][0] <= gained <= awards[name][1], f"{name}: +{gained}, expected within {awards[name]}"
    total_gained = sum(r["points"] for r in after["players"]) - sum(r["points"] for r in before_players.values())
    assert sum(lo for lo, _ in awards.values()) <= total_gained <= sum(hi for _, hi in awards.values())

    # Asking again gives the same numbers, to the host and to every phone.
    time.sleep(0.3)  # one coalescing interval: no late scores may still be on their way
    assert host.of("scores", after=marks[host])[-1].data == after
    assert story.host_scores() == after
    for name, scores in story.phone_scores().items():
        assert scores["me"]["points"] == after_players[story.pid(name)]["points"], name
    story.facts["standings"] = after
    story.done.add("restart")


# -- 6. a correction, the board settings and the podium --------------------------------------------------------

@pytest.mark.live
def test_6_correction_board_and_podium(story):
    story.needs("restart")
    host, screen = story.host, story.screen
    team_a, team_b, team_c = story.team_ids
    before = story.host_scores()

    marks = story.marks()
    corrected = ok(host.call("points:correct", {"team_id": team_c, "points": 25, "reason": CORRECTION_REASON}))
    award_id = corrected["award_id"]
    assert isinstance(award_id, int), corrected
    after = host.wait_for("scores", lambda d: any(x["id"] == award_id for x in d["corrections"]), after=marks[host]).data
    for team_id in story.team_ids:
        gained = by_id(after["teams"])[team_id]["points"] - by_id(before["teams"])[team_id]["points"]
        assert gained == (25 if team_id == team_c else 0), f"team {team_id}: +{gained}"
    assert by_id(after["players"]) == by_id(before["players"]), "a team correction must not change players' points"
    correction = by_id(after["corrections"])[award_id]
    assert {k: correction[k] for k in ("points", "note", "player_id", "team_id", "target")} == {
        "points": 25, "note": CORRECTION_REASON, "player_id": None, "team_id": team_c,
        "target": by_id(after["teams"])[team_c]["name"],
    }, correction
    assert isinstance(correction["at"], int)
    for name in story.members(team_c):
        phone = story.phones[name]
        mine = phone.wait_for("scores", lambda d: d["team"]["points"] == by_id(after["teams"])[team_c]["points"],
                              after=marks[phone]).data
        assert set(mine) == {"me", "team"}

    # Teams only on the board: the screen gets no players, phones still get their own rank.
    marks = story.marks()
    board = ok(host.call("board:settings", {"board": "teams"}))
    story.all_get_state(marks, lambda d: d["version"] == board["version"] and d["event"]["board"] == "teams")
    shown = screen.wait_for("scores", lambda d: d["board"] == "teams", after=marks[screen]).data
    assert shown["players"] is None and shown["podium"] is None, shown
    assert shown["teams"] == after["teams"], shown
    players = by_id(after["players"])
    for name, phone in story.phones.items():
        mine = phone.wait_for("scores", lambda d: True, after=marks[phone]).data
        row = players[story.pid(name)]
        assert (mine["me"]["points"], mine["me"]["rank"], mine["me"]["of"]) == (row["points"], row["rank"], 12), (name, mine)

    # The podium: the teams in order, 1, 2, 3.
    marks = story.marks()
    podium = ok(host.call("board:show", {"scene": "podium"}))
    states = story.all_get_state(marks, lambda d: d["version"] == podium["version"])
    assert states[screen].data["event"]["scene"] == "podium"
    shown = screen.wait_for("scores", lambda d: d["podium"] is not None, after=marks[screen]).data
    places = shown["podium"]["places"]
    assert shown["podium"]["of"] == "teams" and shown["players"] is None, shown
    assert [place["rank"] for place in places] == [1, 2, 3], places
    assert [place["id"] for place in places] == [team_a, team_b, team_c], places
    assert [place["points"] for place in places] == sorted((place["points"] for place in places), reverse=True)
    assert places == after["teams"], (places, after["teams"])
    story.done.add("podium")


# -- checks over the whole story -------------------------------------------------------------------------------

@pytest.mark.live
def test_7_versions_only_move_forward_for_every_client(story):
    story.needs("podium")
    problems = [p for client in [*story.clients, story.late] for p in client.version_problems()]
    assert not problems, "\n".join(problems)
    versions = [item.data["version"] for item in story.host.received if item.name == "state"]
    gaps = [(x, y) for x, y in zip(versions, versions[1:]) if y != x + 1]
    assert not gaps, f"host state versions skipped: {gaps} in {versions}"
