"""Teams, team trivia, the scenario challenge and the co-op goal through real Socket.IO test clients."""
from tests.helpers import answer


def setup_teams(room, count=2, mode="arrival", **extra):
    ack = room.host.call("teams:setup", {"count": count, "mode": mode, **extra})
    assert ack["ok"], ack
    return {team["id"]: team for team in room.host.last("state")["teams"]}


def my_team(sock):
    return sock.last("me")["team_id"]


def test_smoke_full_flow(rooms):
    room = rooms.with_players(4)
    teams = setup_teams(room)
    team_ids = list(teams)
    members = {p: my_team(p) for p in room.players}
    assert sorted(members.values()) == sorted(team_ids * 2)

    ack = room.host.call("activity:start", {"kind": "team_trivia", "settings": {"pack": "general_fun", "duration_s": 20}})
    assert ack["ok"], ack
    act = ack["activity_id"]
    state = room.host.last("state")
    correct = state["activity"]["host"]["correct"]
    assert "host" not in room.screen.last("state")["activity"]
    for i, p in enumerate(room.players):
        ack = answer(p, act, correct if i % 2 == 0 else (correct + 1) % len(state["activity"]["options"]), request_id=f"vote-{i}-aaaa")
        assert ack["ok"], ack
    team_msgs = room.players[0].received("team")
    assert team_msgs, "teammates' votes reach the phone"
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    scores = room.host.last("scores")
    assert scores["teams"] and scores["players"]
    mine = room.players[0].last("scores")
    assert mine["me"]["points"] > 0

    ack = room.host.call("activity:start", {"kind": "scenario", "settings": {"pack": "customer_scenarios", "duration_s": 60}})
    assert ack["ok"], ack
    act = ack["activity_id"]
    for i, p in enumerate(room.players):
        ack = p.call("draft:edit", {"activity_id": act, "field": "opening", "text": f"Hello from {i}"})
        assert ack["ok"], ack
    assert room.host.call("activity:advance", {"activity_id": act})["ok"]
    pstate = room.players[0].last("state")
    entries = pstate["activity"]["results"]["entries"]
    assert len(entries) == 2 and "team_id" not in entries[0]
    own = room.players[0].last("team")["view"]["own_entry"]
    other = [i for i, e in enumerate(entries) if e["label"] != own][0]
    ack = answer(room.players[0], act, request_id="vote-scn-0001")  # choice=None
    assert not ack["ok"]
    ack = room.players[0].call("response:submit", {"activity_id": act, "request_id": "vote-scn-0002", "answer": {"entry": other}})
    assert ack["ok"], ack
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]

    ack = room.host.call("activity:start", {"kind": "coop_goal", "settings": {"goal": 2, "duration_s": 60}})
    assert ack["ok"], ack
    act = ack["activity_id"]
    snap = room.players[1].call("sync", {})["snapshot"]
    q = snap["mine"]["question"]
    assert q["number"] == 0
    ack = room.players[1].call("response:submit", {"activity_id": act, "request_id": "coop-0000-1", "answer": {"question": 0, "choice": 0}})
    assert ack["ok"], ack
    assert ack["mine"]["question"]["number"] == 1
    assert room.players[1].last("results")["results"]["goal"] == 2
    assert room.host.call("board:show", {"scene": "podium"})["ok"]
    assert room.screen.last("scores")["podium"]["places"]
