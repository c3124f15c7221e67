"""Teams, the team challenges and the points engine through Socket.IO test clients, on SQLite and PostgreSQL."""
from teamplay.extensions import db
from teamplay.game import points as rules
from teamplay.models import Activity, Award, Event
from teamplay.services import activities, points
from tests.helpers import answer


def setup_teams(room, count=2, mode="arrival", **extra):
    ack = room.host.call("teams:setup", {"count": count, "mode": mode, **extra})
    assert ack["ok"], ack
    return [team["id"] for team in room.host.last("state")["teams"]]


def team_of(sock):
    return sock.last("me")["team_id"]


def start(room, kind, settings):
    ack = room.host.call("activity:start", {"kind": kind, "settings": settings})
    assert ack["ok"], ack
    return ack["activity_id"]


def vote(sock, activity_id, choice, request_id):
    return answer(sock, activity_id, choice, request_id=request_id)


TRIVIA = {"question": "Best first words to an angry caller?", "options": ["Calm down", "I hear you", "Hold on"],
          "correct": 1, "duration_s": 30}


# ---------- Teams ----------

def test_teams_are_dealt_by_arrival_and_every_phone_learns_its_team(rooms):
    room = rooms.with_players(5)
    team_ids = setup_teams(room, count=2)
    placed = [team_of(p) for p in room.players]
    assert placed == [team_ids[0], team_ids[1], team_ids[0], team_ids[1], team_ids[0]]
    state = room.screen.last("state")
    assert state["event"]["teams_mode"] == "arrival"
    assert [(t["name"], t["icon"]) for t in state["teams"]] == [("Comets", "star"), ("Waves", "circle")]
    assert {p["team_id"] for p in room.host.last("roster")["players"]} == set(team_ids)


def test_a_late_joiner_goes_to_the_smallest_team(rooms):
    room = rooms.with_players(3)
    team_ids = setup_teams(room, count=2)
    body = rooms.join(room.code, "Latecomer").get_json()
    late = rooms.connect_player(room, body["resume_token"])
    assert late.call("sync", {})["snapshot"]["me"]["team_id"] == team_ids[1]


def test_names_and_colours_can_be_chosen_and_changed(rooms):
    room = rooms.with_players(1)
    team_ids = setup_teams(room, count=2, teams=[{"name": "Night Owls", "colour": "#123456"}])
    ack = room.host.call("teams:update", {"team_id": team_ids[1], "name": "Early Birds", "icon": "heart"})
    assert ack["ok"], ack
    teams = room.screen.last("state")["teams"]
    assert [(t["name"], t["colour"], t["icon"]) for t in teams] == [
        ("Night Owls", "#123456", "star"), ("Early Birds", "#0072B2", "heart")]
    refused = room.host.call("teams:update", {"team_id": team_ids[1], "name": "night owls"})
    assert refused["error"]["code"] == "name_taken"
    bad = room.host.call("teams:setup", {"count": 9, "mode": "arrival", "teams": [{"colour": "red"}]})
    assert bad["error"]["code"] == "invalid_payload" and set(bad["error"]["fields"]) == {"count", "teams"}


def test_in_pick_mode_players_choose_their_team_once_and_the_host_can_move_them(rooms):
    room = rooms.with_players(2)
    team_ids = setup_teams(room, count=3, mode="pick")
    assert room.players[0].call("sync", {})["snapshot"]["me"]["team_id"] is None
    assert room.players[0].call("team:pick", {"team_id": team_ids[2]})["ok"]
    assert team_of(room.players[0]) == team_ids[2]
    again = room.players[0].call("team:pick", {"team_id": team_ids[0]})
    assert again["error"]["code"] == "wrong_state"
    player_id = room.players[0].call("sync", {})["snapshot"]["me"]["id"]
    assert room.host.call("teams:move", {"player_id": player_id, "team_id": team_ids[0]})["ok"]
    assert team_of(room.players[0]) == team_ids[0]


def test_players_cannot_pick_when_the_facilitator_deals_the_teams(rooms):
    room = rooms.with_players(1)
    team_ids = setup_teams(room, count=2)
    assert room.players[0].call("team:pick", {"team_id": team_ids[1]})["error"]["code"] == "forbidden"


def test_team_activities_need_teams_and_teams_stay_while_one_runs(rooms):
    room = rooms.with_players(2)
    refused = room.host.call("activity:start", {"kind": "team_trivia", "settings": TRIVIA})
    assert refused["error"]["code"] == "teams_off"
    setup_teams(room)
    start(room, "team_trivia", TRIVIA)
    for event, payload in (("teams:setup", {"count": 3, "mode": "shuffle"}), ("teams:off", {})):
        assert room.host.call(event, payload)["error"]["code"] == "wrong_state"


def test_turning_teams_off_takes_everyone_out_of_them(rooms):
    room = rooms.with_players(2)
    setup_teams(room)
    assert room.host.call("teams:off", {})["ok"]
    assert [team_of(p) for p in room.players] == [None, None]
    assert room.screen.last("state")["teams"] == []


# ---------- Team trivia ----------

def test_a_pack_question_names_its_pack_to_the_host_so_the_next_one_comes_from_the_same_pack(rooms):
    room = rooms.with_players(2)
    setup_teams(room)
    source = {"pack": "general_fun", "lang": "es", "duration_s": 30}
    start(room, "team_trivia", source)
    first = room.host.last("state")["activity"]
    assert first["host"]["source"] == source
    assert room.host.call("activity:close", {"activity_id": first["id"]})["ok"]
    start(room, "team_trivia", first["host"]["source"])
    second = room.host.last("state")["activity"]
    assert second["host"]["source"] == source and second["prompt"] != first["prompt"]
    assert second["pack"] == first["pack"] != "General fun"  # the pack's title in Spanish
    assert "source" not in (room.players[0].last("state")["activity"].get("host") or {})


def test_only_the_facilitator_sees_the_right_answer_before_the_reveal(rooms):
    room = rooms.with_players(2)
    setup_teams(room)
    start(room, "team_trivia", TRIVIA)
    assert room.host.last("state")["activity"]["host"] == {"correct": 1, "source": None}
    for sock in (room.screen, *room.players):
        activity = sock.last("state")["activity"]
        assert "host" not in activity and "correct" not in (activity["results"] or {})


def test_a_vote_can_change_while_open_and_teammates_see_it_live(rooms):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "team_trivia", TRIVIA)
    first, other_team, teammate = room.players[0], room.players[1], room.players[2]
    assert vote(first, act, 0, "vote-first-1")["ok"]
    changed = vote(first, act, 1, "vote-first-2")
    assert changed["ok"] and changed["response"]["answer"] == {"choice": 1} and not changed["duplicate"]
    assert vote(first, act, 1, "vote-first-2")["duplicate"]
    seen = teammate.last("team")["view"]
    assert [(v["name"], v["choice"]) for v in seen["votes"]] == [("Player 1", 1)] and seen["answer"] == 1
    assert all(msg["team_id"] != team_of(first) for msg in other_team.received("team"))
    host = room.host.last("results")["results"]
    assert sum(t["voted"] for t in host["teams"]) == 1


def test_trivia_points_count_after_the_reveal(rooms, app):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "team_trivia", TRIVIA)
    for index, sock in enumerate(room.players):
        assert vote(sock, act, 1 if index % 2 == 0 else 0, f"vote-{index}-abcd")["ok"]
    assert room.host.call("activity:close", {"activity_id": act})["ok"]
    assert room.players[0].call("sync", {})["snapshot"]["scores"]["me"]["points"] == 0  # not revealed yet
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    scores = room.host.last("scores")
    right_team, wrong_team = scores["teams"][0], scores["teams"][1]
    assert right_team["points"] > 0 and wrong_team["points"] == 0 and right_team["rank"] == 1
    mine = room.players[0].last("scores")
    assert mine["me"]["points"] > room.players[1].last("scores")["me"]["points"] > 0
    assert set(mine) == {"me", "team"} and mine["team"]["rank"] == 1
    revealed = room.players[1].last("state")["activity"]["results"]
    assert [t["right"] for t in revealed["teams"]] == [True, False]


# ---------- Scenario ----------

def scenario_settings(**extra):
    return {"title": "Billed twice", "situation": "A caller was charged twice and is furious.", "tip": "Own it.", **extra}


def test_a_team_draft_is_shared_and_the_last_writer_of_a_field_wins(rooms):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "scenario", scenario_settings())
    a1, b1, a2 = room.players[0], room.players[1], room.players[2]
    assert a1.call("draft:edit", {"activity_id": act, "field": "opening", "text": "So sorry"})["ok"]
    assert a2.call("draft:edit", {"activity_id": act, "field": "action", "text": "Refund now"})["ok"]
    ack = a2.call("draft:edit", {"activity_id": act, "field": "opening", "text": "We are so sorry, what a shit day"})
    assert ack["field"]["text"] == "We are so sorry, what a **** day" and ack["field"]["by"] == "Player 3"
    view = a1.last("team")["view"]
    assert {name: f["text"] for name, f in view["fields"].items()} == {
        "opening": "We are so sorry, what a **** day", "action": "Refund now"}
    assert all(msg["team_id"] != team_of(a1) for msg in b1.received("team"))
    assert room.host.last("state")["activity"]["host"] == {"tip": "Own it."}
    screen = room.screen.last("results")["results"]["teams"]
    assert all("fields" not in team for team in screen)


def test_a_scenario_revealed_before_the_vote_shows_each_teams_words_but_not_who_typed_them(rooms):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "scenario", scenario_settings())
    assert room.players[0].call("draft:edit", {"activity_id": act, "field": "opening", "text": "Team A answer"})["ok"]
    assert room.host.call("activity:close", {"activity_id": act})["ok"]
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    for sock in (room.screen, room.players[1]):
        teams = sock.last("state")["activity"]["results"]["teams"]
        assert [f for t in teams for f in t["fields"].values()] == [{"text": "Team A answer"}]
    host_fields = [f for t in room.host.last("state")["activity"]["results"]["teams"] for f in t["fields"].values()]
    assert host_fields[0]["by"] == "Player 1"


def test_the_room_votes_on_anonymous_answers_but_not_for_its_own_team(rooms):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "scenario", scenario_settings())
    a1, b1 = room.players[0], room.players[1]
    assert a1.call("draft:edit", {"activity_id": act, "field": "opening", "text": "Team A answer"})["ok"]
    assert b1.call("draft:edit", {"activity_id": act, "field": "opening", "text": "Team B answer"})["ok"]
    assert answer(a1, act, 0)["error"]["code"] == "invalid_answer"  # a choice is not a vote
    assert room.host.call("activity:advance", {"activity_id": act})["ok"]
    state = a1.last("state")["activity"]
    assert state["stage"] == "vote" and state["ends_at"] is not None
    entries = state["results"]["entries"]
    assert all(set(e) == {"label", "fields"} for e in entries)
    own_label = a1.last("team")["view"]["own_entry"]
    own = next(i for i, e in enumerate(entries) if e["label"] == own_label)
    refused = a1.call("response:submit", {"activity_id": act, "request_id": "vote-own-1", "answer": {"entry": own}})
    assert refused["error"]["code"] == "own_team"
    assert a1.call("draft:edit", {"activity_id": act, "field": "opening", "text": "late"})["error"]["code"] == "wrong_stage"
    for sock in room.players:
        mine = sock.last("team")["view"]["own_entry"] if sock is not a1 else own_label
        target = next(i for i, e in enumerate(entries) if e["label"] != mine)
        assert sock.call("response:submit", {"activity_id": act, "request_id": f"vote-{id(sock)}", "answer": {"entry": target}})["ok"]
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    revealed = room.screen.last("state")["activity"]["results"]["entries"]
    assert sorted(e["votes"] for e in revealed) == [2, 2] and all("team_id" in e for e in revealed)
    assert all(team["points"] == 2 * rules.VOTE_TEAM for team in room.host.last("scores")["teams"])


# ---------- Co-op goal ----------

def test_the_coop_goal_closes_itself_when_the_room_reaches_it(rooms, app):
    room = rooms.with_players(2)
    act = start(room, "coop_goal", {"goal": 2, "duration_s": 60})
    with app.app_context():
        questions = db.session.get(Activity, act).settings["questions"]
    answered = 0
    clients = (room.host, room.screen, *room.players)
    for index, sock in enumerate(room.players):
        for each in clients:
            each.received()
        mine = sock.call("sync", {})["snapshot"]["mine"]
        question = next(q for q in questions if q["question"] == mine["question"]["prompt"])
        ack = sock.call("response:submit", {"activity_id": act, "request_id": f"coop-{index}-0000",
                                            "answer": {"question": 0, "choice": question["correct"]}})
        assert ack["ok"] and ack["mine"]["last"]["right"] and ack["mine"]["question"]["number"] == 1
        answered += 1
        # The answer that reaches the goal closes the activity: the room's new state carries the final progress to
        # every phone (no `results` follows it); the others' progress comes as live results.
        update = sock.last("state")["activity"] if answered == 2 else sock.last("results")
        progress = update["results"]
        assert progress["progress"] == answered and progress["goal"] == 2
    assert room.host.last("state")["activity"]["status"] == "closed"
    assert not any(each.received("results") for each in clients)
    stale = room.players[0].call("response:submit", {"activity_id": act, "request_id": "coop-late-0001",
                                                     "answer": {"question": 1, "choice": 0}})
    assert stale["error"]["code"] == "activity_closed"
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    everyone = room.host.last("scores")["players"]
    assert all(p["points"] >= rules.COOP_BONUS for p in everyone)


def test_a_coop_answer_to_an_old_question_is_refused(rooms):
    room = rooms.with_players(1)
    act = start(room, "coop_goal", {"goal": 50})
    sock = room.players[0]
    assert sock.call("response:submit", {"activity_id": act, "request_id": "coop-a-0000", "answer": {"question": 0, "choice": 0}})["ok"]
    again = sock.call("response:submit", {"activity_id": act, "request_id": "coop-b-0000", "answer": {"question": 0, "choice": 1}})
    assert again["error"]["code"] in {"stale_question", "cooldown"}


# ---------- Points engine ----------

def test_scoring_again_never_double_counts(rooms, app):
    room = rooms.with_players(4)
    setup_teams(room)
    act = start(room, "team_trivia", TRIVIA)
    for index, sock in enumerate(room.players):
        vote(sock, act, 1, f"vote-{index}-abcd")
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    before = room.host.last("scores")
    with app.app_context():
        activity = db.session.get(Activity, act)
        for _ in range(3):  # a retried close, a restart, a re-score
            points.score_activity(activity)
            db.session.commit()
        assert activities.close_when_due(now=activity.opened_at + 10**9) == []
        event = db.session.get(Event, activity.event_id)
        table = points.standings(event)
        stored = db.session.query(Award).filter_by(activity_id=act).all()
        assert sum(row["points"] for row in table.players) == sum(a.points for a in stored if a.player_id)
    assert [p["points"] for p in room.host.call("sync", {})["snapshot"]["scores"]["players"]] == [
        p["points"] for p in before["players"]]


def test_streaks_build_over_consecutive_right_answers(rooms):
    room = rooms.with_players(2)
    setup_teams(room)
    for round_number in range(3):
        act = start(room, "team_trivia", TRIVIA)
        vote(room.players[0], act, 1, f"streak-{round_number}-x")
        assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    me = room.players[0].last("scores")["me"]
    assert {"on_fire", "sharp_mind"} <= {b["id"] for b in me["badges"]}
    silent = room.players[1].last("scores")["me"]  # in the same room, never answered: none of those badges
    assert not {"on_fire", "sharp_mind"} & {b["id"] for b in silent["badges"]}
    host_row = next(p for p in room.host.last("scores")["players"] if p["name"] == "Player 1")
    assert host_row["points"] == me["points"]


def test_the_facilitator_corrects_a_score_with_a_reason(rooms):
    room = rooms.with_players(2)
    team_ids = setup_teams(room)
    player_id = room.players[0].call("sync", {})["snapshot"]["me"]["id"]
    ack = room.host.call("points:correct", {"player_id": player_id, "points": -5, "reason": "Counted twice"})
    assert ack["ok"], ack
    assert room.host.call("points:correct", {"team_id": team_ids[1], "points": 40, "reason": "Helped team 1"})["ok"]
    scores = room.host.last("scores")
    assert [(c["target"], c["points"], c["note"]) for c in scores["corrections"]] == [
        ("Player 1", -5, "Counted twice"), ("Waves", 40, "Helped team 1")]
    assert room.players[0].last("scores")["me"]["points"] == -5
    assert scores["teams"][0]["name"] == "Waves" and scores["teams"][0]["points"] == 40
    for bad in ({"player_id": player_id, "points": 0, "reason": "x"}, {"points": 5, "reason": "x"},
                {"player_id": player_id, "team_id": team_ids[0], "points": 5, "reason": "x"},
                {"player_id": player_id, "points": 5, "reason": ""}):
        assert room.host.call("points:correct", bad)["error"]["code"] == "invalid_payload"
    assert room.players[0].call("points:correct", {"team_id": team_ids[0], "points": 5, "reason": "me"})["error"]["code"] == "forbidden"


def test_the_screen_shows_only_what_the_board_allows_and_phones_always_see_their_own(rooms):
    room = rooms.with_players(7)
    teams = setup_teams(room)
    act = room.start_poll()
    for sock in room.players:
        answer(sock, act, 0)
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    assert len(room.screen.last("scores")["players"]) == 5  # top 5 by default
    for board, has_teams, players in (("teams", True, None), ("everyone", True, 7), ("hidden", False, None)):
        assert room.host.call("board:settings", {"board": board})["ok"]
        screen = room.screen.last("scores")
        assert (screen["teams"] is not None) == has_teams
        assert (len(screen["players"]) if screen["players"] else None) == players
        assert room.players[6].last("scores")["me"]["of"] == 7
    assert room.host.call("board:show", {"scene": "podium"})["ok"]
    podium = room.screen.last("scores")["podium"]
    assert room.screen.last("state")["event"]["scene"] == "podium" and podium["of"] == "teams"
    assert podium["places"] == []  # a poll gives no team points: nobody stands on the podium with none
    assert room.host.call("points:correct", {"team_id": teams[0], "points": 20, "reason": "Great energy"})["ok"]
    assert [p["id"] for p in room.screen.last("scores")["podium"]["places"]] == [teams[0]]
    assert room.host.call("points:correct", {"team_id": teams[1], "points": 20, "reason": "Great energy"})["ok"]
    podium = room.screen.last("scores")["podium"]
    assert [p["rank"] for p in podium["places"]] == [1, 1]  # equal points share first place
    start(room, "poll", {"question": "Next?", "options": ["Yes", "No"]})
    assert room.screen.last("state")["event"]["scene"] == "activity"


def test_a_removed_player_leaves_the_standings(rooms):
    room = rooms.with_players(2)
    player_id = room.players[1].call("sync", {})["snapshot"]["me"]["id"]
    assert room.host.call("player:remove", {"player_id": player_id})["ok"]
    assert [p["name"] for p in room.host.last("scores")["players"]] == ["Player 1"]


def test_ending_the_event_scores_the_open_activity_and_counts_everything(rooms):
    room = rooms.with_players(2)
    act = room.start_poll()
    answer(room.players[0], act, 0)
    assert room.host.call("event:end", {})["ok"]
    players = {p["name"]: p["points"] for p in room.host.last("scores")["players"]}
    assert players == {"Player 1": rules.TAKE_PART + rules.FIRST_IN, "Player 2": 0}


def test_a_phone_gets_the_same_rank_on_connect_as_in_the_room_wide_standings(rooms, app):
    room = rooms.with_players(6)
    team_ids = setup_teams(room, count=3)
    act = start(room, "team_trivia", TRIVIA)
    for index, sock in enumerate(room.players):
        if index != 4:
            vote(sock, act, 1 if index < 3 else 0, f"rank-{index}-abcd")
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    assert room.host.call("points:correct", {"team_id": team_ids[2], "points": 5, "reason": "Kindness"})["ok"]
    pushed = [sock.last("scores") for sock in room.players]
    on_connect = [sock.call("sync", {})["snapshot"]["scores"] for sock in room.players]
    assert on_connect == pushed
    assert sorted(s["me"]["rank"] for s in pushed) != [1] * 6


def test_phones_below_zero_or_without_points_get_the_same_rank_on_connect_as_in_the_room(rooms):
    """A phone's snapshot counts the others' totals in the database (points.own_standing); the room-wide standings
    rank everyone in Python. Ties, players with no award and totals below zero must come out the same."""
    room = rooms.with_players(6)
    act = room.start_poll()
    for index, sock in enumerate(room.players[:4]):
        assert answer(sock, act, index % 2)["ok"]
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    ids = {row["name"]: row["id"] for row in room.host.last("scores")["players"]}
    for name, value in (("Player 5", -5), ("Player 1", -40), ("Player 2", 3)):
        assert room.host.call("points:correct", {"player_id": ids[name], "points": value, "reason": "Test"})["ok"]
    pushed = [sock.last("scores") for sock in room.players]
    on_connect = [sock.call("sync", {})["snapshot"]["scores"] for sock in room.players]
    assert on_connect == pushed
    ranks = {row["name"]: row["rank"] for row in room.host.last("scores")["players"]}
    assert ranks["Player 6"] < ranks["Player 5"] < ranks["Player 1"] == 6  # no award at all, then below zero


def test_a_phone_without_a_counted_award_reads_nothing_of_its_own_on_connect(rooms, app):
    """The room's totals list every player with a counted award: for one they do not list, read just now (every
    phone of a join wave), there is nothing of their own to read. Totals shared with the phones connecting together
    may be behind another worker's scoring: then the phone's own awards are read all the same. Either way the
    standing is the one the room was sent."""
    from sqlalchemy import event as sa_event
    from sqlalchemy import select

    from teamplay.models import Player
    from teamplay.services.shared import forget_room

    room = rooms.with_players(2)
    act = room.start_poll()
    assert answer(room.players[0], act, 0)["ok"]
    assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    pushed = [sock.last("scores") for sock in room.players]
    with app.app_context():
        event = db.session.scalar(select(Event).where(Event.code == room.code))
        scored, unscored = db.session.scalars(select(Player).where(Player.event_id == event.id).order_by(Player.id))

        def statements(player):
            seen = []
            listener = lambda *args: seen.append(args[2])  # noqa: E731
            sa_event.listen(db.engine, "before_cursor_execute", listener)
            try:
                return points.own_standing(event, player), len(seen)
            finally:
                sa_event.remove(db.engine, "before_cursor_execute", listener)

        forget_room(event.id)
        assert statements(unscored) == (pushed[1], 2)  # the room's totals and counts, read now: nothing of its own
        assert statements(unscored) == (pushed[1], 1)  # the shared totals: its own awards (none) are read
        assert statements(scored) == (pushed[0], 1)


def test_a_phone_that_missed_an_activity_gets_the_same_badges_on_connect_as_in_the_room(rooms):
    """"All in" needs every counted activity played: a phone's snapshot measures its awards against the room's
    count of revealed activities, read in the same statement as its rank."""
    room = rooms.with_players(2)
    for number in range(4):
        act = room.start_poll()
        assert answer(room.players[0], act, 0)["ok"]
        if number:  # the second phone skips the first poll
            assert answer(room.players[1], act, 1)["ok"]
        assert room.host.call("activity:reveal", {"activity_id": act})["ok"]
    pushed = [sock.last("scores") for sock in room.players]
    on_connect = [sock.call("sync", {})["snapshot"]["scores"] for sock in room.players]
    assert on_connect == pushed
    badges = [{badge["id"] for badge in scores["me"]["badges"]} for scores in on_connect]
    assert "all_in" in badges[0] and "all_in" not in badges[1]
