"""The host console in a real browser: teams, a team-trivia question from a pack answered by phones, points and the
big screen's podium — everything checked as the facilitator sees it."""
import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PLAYERS = ["Ana", "Bo", "Cy", "Dee", "Ed", "Flo"]


def connect_phones(live_server, code, names):
    """A python-socketio client per player, seated through the join endpoint like a phone."""
    import socketio

    phones = {}
    for name in names:
        joined = live_server.join(code, name)
        assert joined.status_code == 201, joined.text
        client = socketio.Client(reconnection=False)
        client.connect(live_server.url, auth={"role": "player", "code": code, "token": joined.json()["resume_token"]},
                       wait_timeout=10)
        phones[name] = client
    return phones


def answer(phone, activity_id, choice, attempt):
    ack = phone.call("response:submit", {"activity_id": activity_id, "request_id": f"console-test-{attempt:04d}",
                                         "answer": {"choice": choice}}, timeout=10)
    assert ack["ok"], ack


def test_console_runs_teams_trivia_points_and_the_podium(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Console drill")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, PLAYERS)
    try:
        host = pages.open(created["host_url"], 1366, 768)
        roster = host.locator("#roster .roster__row")
        expect(roster).to_have_count(len(PLAYERS))

        # Without teams, the team kinds say what they need.
        trivia_tab = host.locator("#tab-team_trivia")
        expect(trivia_tab).to_have_attribute("aria-disabled", "true")
        expect(trivia_tab).to_contain_text("Turn teams on first")
        expect(host.locator("#tab-coop_goal")).to_have_attribute("aria-disabled", "false")

        # Form three teams by arrival, renaming the first before they exist.
        expect(host.locator("#teams-form")).to_be_visible()
        expect(host.locator("#teams-count")).to_have_value("3")  # six people: three teams by default
        expect(host.locator("#team-name-1")).to_have_value("Waves")
        host.fill("#team-name-0", "Night owls")
        host.check("#teams-mode-arrival")
        host.click("#teams-submit")
        cards = host.locator("#teams-list .team-card")
        expect(cards).to_have_count(3)
        expect(cards.nth(0)).to_contain_text("Night owls")
        expect(cards.nth(0)).to_contain_text("Ana, Dee")
        expect(host.locator("#teams-mode-line")).to_contain_text("order of arrival")
        expect(trivia_tab).to_have_attribute("aria-disabled", "false")
        expect(roster.filter(has_text="Bo").locator(".team-chip")).to_have_text("Waves")

        # Move Flo from Peaks to Night owls from the roster.
        flo = roster.filter(has_text="Flo")
        expect(flo.locator(".team-chip")).to_have_text("Peaks")
        flo.locator("select.roster__move").select_option(label="Night owls")
        expect(flo.locator(".team-chip")).to_have_text("Night owls")
        expect(cards.nth(0).locator(".team-card__size")).to_have_text("3 people")
        expect(cards.nth(0)).to_contain_text("Flo")
        expect(cards.nth(2).locator(".team-card__size")).to_have_text("1 person")

        # Rename a team from the keyboard: Edit, type, Enter.
        cards.nth(2).locator(".team-card__edit").click()
        name_input = cards.nth(2).locator(".team-card__name-input")
        expect(name_input).to_be_focused()
        name_input.fill("Peak crew")
        name_input.press("Enter")
        expect(cards.nth(2).locator(".team-chip")).to_have_text("Peak crew")
        expect(roster.filter(has_text="Cy").locator(".team-chip")).to_have_text("Peak crew")

        # The kind tabs work with the arrow keys.
        host.focus("#tab-poll")
        host.keyboard.press("End")
        expect(host.locator("#tab-kudos")).to_have_attribute("aria-selected", "true")  # the last kind
        expect(host.locator("#icebreaker-composer")).to_be_visible()
        host.focus("#tab-scenario")
        host.keyboard.press("ArrowRight")
        expect(host.locator("#tab-coop_goal")).to_have_attribute("aria-selected", "true")
        expect(host.locator("#tab-coop_goal")).to_be_focused()
        expect(host.locator("#icebreaker-composer")).to_be_hidden()
        expect(host.locator("#coop-composer")).to_be_visible()
        expect(host.locator("#coop-goal")).to_have_value(str(3 * len(PLAYERS)))
        host.keyboard.press("ArrowLeft")
        host.keyboard.press("ArrowLeft")
        expect(trivia_tab).to_have_attribute("aria-selected", "true")
        expect(host.locator("#trivia-composer")).to_be_visible()
        expect(host.locator("#composer")).to_be_hidden()

        # A team-trivia question from a pack.
        pack = host.locator('#trivia-packs .pack[data-pack-id="general_fun"]')
        expect(pack).to_contain_text("0 of 30 used")
        pack.click()
        expect(host.locator("#trivia-timer")).to_have_value("20")
        host.select_option("#trivia-timer", "60")
        host.click("#start-trivia")
        expect(host.locator("#live-trivia")).to_be_visible()
        expect(host.locator("#trivia-status")).to_have_text("Open — teams are voting")
        expect(host.locator("#trivia-pack-name")).to_contain_text("General fun")
        team_results = host.locator("#trivia-teams .team-result")
        expect(team_results).to_have_count(3)
        expect(host.locator("#trivia-answered")).to_have_text(f"0 of {len(PLAYERS)} answered")
        expect(host.locator("#trivia-countdown")).to_be_visible()

        # The host alone sees the right answer; the phones answer by team.
        right = host.locator("#trivia-live-options .answer-key__option")
        options = right.count()
        assert options >= 2
        correct = [right.nth(i).get_attribute("data-correct") for i in range(options)].index("true")
        expect(right.nth(correct).locator(".answer-key__right")).to_have_text("✓ Right answer")
        wrong = (correct + 1) % options
        snapshot = phones["Ana"].call("sync", {}, timeout=10)["snapshot"]
        activity_id = snapshot["activity"]["id"]
        assert snapshot["activity"]["prompt"] == host.locator("#trivia-live-question").text_content()
        for attempt, name in enumerate(["Ana", "Dee", "Flo"]):  # Night owls: right
            answer(phones[name], activity_id, correct, attempt)
        for attempt, name in enumerate(["Bo", "Ed", "Cy"], start=10):  # Waves and Peaks: wrong
            answer(phones[name], activity_id, wrong, attempt)

        expect(host.locator("#trivia-answered")).to_have_text(f"{len(PLAYERS)} of {len(PLAYERS)} answered")
        owls = team_results.filter(has_text="Night owls")
        expect(owls.locator(".team-result__voted")).to_have_text("3 of 3 voted")
        expect(owls.locator(".team-result__answer")).to_contain_text("Team answer: " + "ABCDEF"[correct])
        expect(owls.locator(f'.mini-bar[data-correct="true"] .mini-bar__count')).to_have_text("3")
        expect(team_results.filter(has_text="Waves").locator(".team-result__answer")).to_contain_text(
            "Team answer: " + "ABCDEF"[wrong])
        screenshot(host, "console-trivia-live.png")

        host.click("#reveal-trivia")
        expect(host.locator("#trivia-status")).to_have_text("Answer revealed on the big screen")
        expect(owls.locator(".team-result__verdict")).to_contain_text("✓ Right")
        expect(team_results.filter(has_text="Waves").locator(".team-result__verdict")).to_contain_text("✗ Wrong")
        expect(host.locator("#next-trivia")).to_be_visible()
        # Points count from the reveal: the scores follow the state a moment later.
        standings = host.locator("#team-standings .standing")
        expect(standings.first.locator(".standing__points strong")).not_to_have_text("0")
        expect(standings.first).to_contain_text("Night owls")
        expect(standings.first.locator(".standing__rank")).to_have_text("1st")
        expect(standings.nth(1).locator(".standing__rank")).to_have_text("2nd")
        assert int(standings.first.locator(".standing__points strong").text_content()) >= 100
        expect(owls.locator(".team-result__outcome")).to_contain_text("pts")
        expect(host.locator("#player-standings .standing").first).to_contain_text("pts")
        screenshot(host, "console-trivia-revealed.png")

        # A correction for a team, with its reason, listed below.
        waves = standings.filter(has_text="Waves")
        waves_points = int(waves.locator(".standing__points strong").text_content())
        host.select_option("#correction-target", label="Waves")
        host.fill("#correction-points", "15")
        host.fill("#correction-reason", "Kept the customer calm")
        host.click("#correction-submit")
        expect(host.locator("#correction-done")).to_have_text("Done: +15 points for Waves.")
        correction = host.locator("#corrections .correction-item")
        expect(correction).to_have_count(1)
        expect(correction).to_contain_text("+15")
        expect(correction).to_contain_text("Waves")
        expect(correction).to_contain_text("Kept the customer calm")
        expect(waves.locator(".standing__points strong")).to_have_text(str(waves_points + 15))

        # A correction needs a reason: refused in the page before anything is sent.
        host.select_option("#correction-target", label="Cy")
        host.fill("#correction-points", "-5")
        host.click("#correction-submit")
        expect(host.locator("#correction-error")).to_contain_text("reason")
        expect(correction).to_have_count(1)

        # What the big screen shows: the podium, everyone's ranks, sound off.
        expect(host.locator("#scene-activity")).to_have_attribute("aria-pressed", "true")
        host.click("#scene-podium")
        expect(host.locator("#scene-podium")).to_have_attribute("aria-pressed", "true")
        expect(host.locator("#scene-activity")).to_have_attribute("aria-pressed", "false")
        expect(host.locator("#board-hint")).to_contain_text("Now showing the podium")
        host.select_option("#board-setting", "everyone")
        expect(host.locator("#board-hint")).to_contain_text("every player's rank")
        host.click("#sound-toggle")
        expect(host.locator("#sound-toggle")).to_have_attribute("aria-checked", "false")
        host.locator("#screen-controls").scroll_into_view_if_needed()
        screenshot(host, "console-podium.png")

        # A reload shows the same room: the console's state comes from the server.
        host.reload()
        expect(host.locator("#scene-podium")).to_have_attribute("aria-pressed", "true")
        expect(host.locator("#board-setting")).to_have_value("everyone")
        expect(host.locator("#teams-list .team-card")).to_have_count(3)
        expect(host.locator("#live-trivia")).to_be_visible()
        expect(host.locator("#corrections .correction-item")).to_have_count(1)
        # "Next question" goes on with the pack the last question came from, even after the reload.
        first_question = host.locator("#trivia-live-question").text_content()
        host.click("#next-trivia")
        expect(host.locator("#trivia-status")).to_contain_text("Open")
        expect(host.locator("#trivia-pack-name")).to_contain_text("General fun")
        expect(host.locator("#trivia-live-question")).not_to_have_text(first_question)
        host.click("#close-trivia")
        host.click("#new-from-trivia")
        expect(host.locator('#trivia-packs .pack[data-pack-id="general_fun"]')).to_contain_text("2 of 30 used")
    finally:
        for phone in phones.values():
            phone.disconnect()

    assert pages.errors == []
