"""Pacing the room from the console's keyboard in a real browser: N starts the next agenda item, P pauses and resumes
the timer (the big screen says "Paused"), + gives 30 s more, R reveals; keys typed in a field stay in the field; the
roster says who is away and who joined late; remote mode keeps the room code in the big screen's corner."""
import pytest

from .conftest import screenshot
from .test_agenda import plan_poll
from .test_host_console import answer, connect_phones

pytestmark = pytest.mark.browser


def seconds_shown(text):
    """The seconds a countdown shows: "42" or "1:05"."""
    minutes, _, seconds = text.strip().rpartition(":")
    return int(minutes or 0) * 60 + int(seconds)


def shown(seconds):
    """How a countdown writes a number of seconds."""
    return str(seconds) if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"


def press(page, key):
    """A key press on the console with nothing focused, as a facilitator does between actions."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


def test_the_facilitator_paces_the_room_from_the_keyboard(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Town hall")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, ["Ana", "Bo"])
    try:
        host = pages.open(created["host_url"], 1366, 1000)
        screen = pages.open(created["screen_url"], 1280, 720)
        expect(host.locator("#roster .roster__row")).to_have_count(2)
        for count, (question, options) in enumerate((("Coffee or tea?", ["Coffee", "Tea"]),
                                                     ("Stand-up or sit-down?", ["Stand", "Sit"])), start=1):
            plan_poll(host, question, options)  # with the composer's timer: 30 s
            expect(host.locator("#agenda-list .agenda-item")).to_have_count(count)

        # The legend and every button say their key.
        legend = host.locator("#pacing-legend")
        expect(legend).to_be_visible()
        for key in ("N", "R", "P", "+"):
            expect(legend.locator("kbd", has_text=key).first).to_be_visible()
        for button, key in (("#pace-next", "N"), ("#pace-reveal", "R"), ("#pace-pause", "P"), ("#pace-extend", "+")):
            expect(host.locator(f"{button} kbd")).to_have_text(key)
            expect(host.locator(button)).to_have_attribute("aria-keyshortcuts", key)
        expect(host.locator("#pace-pause")).to_be_disabled()  # nothing is running yet

        # N: the first agenda item starts, on the console and on the big screen.
        press(host, "n")
        expect(host.locator("#live-question")).to_have_text("Coffee or tea?")
        expect(screen.locator("#poll-question")).to_have_text("Coffee or tea?")
        expect(host.locator("#pacing-announce")).to_have_text("Started: Quick poll.")
        expect(host.locator("#pace-next")).to_be_disabled()
        first = phones["Ana"].call("sync", {}, timeout=10)["snapshot"]["activity"]["id"]
        for attempt, name in enumerate(["Ana", "Bo"]):
            answer(phones[name], first, attempt, attempt)

        # Keys typed into a field are text, not shortcuts.
        reason = host.locator("#correction-reason")
        reason.click()
        host.keyboard.type("pr+n")
        expect(reason).to_have_value("pr+n")
        expect(host.locator("#pace-pause-label")).to_have_text("Pause")
        expect(host.locator("#live-countdown")).not_to_contain_text("Paused")

        # P: the clock stops everywhere, showing the time that is left.
        press(host, "p")
        expect(host.locator("#live-countdown")).to_contain_text("Paused")
        expect(screen.locator("#poll-countdown")).to_contain_text("Paused")
        expect(host.locator("#pace-pause-label")).to_have_text("Resume")
        expect(host.locator("#pacing-announce")).to_contain_text("Timer paused with")
        frozen = seconds_shown(screen.locator("#poll-countdown .countdown__left").inner_text())
        assert 20 <= frozen <= 30
        host.wait_for_timeout(1200)
        assert seconds_shown(screen.locator("#poll-countdown .countdown__left").inner_text()) == frozen

        # +: 30 s more, still paused.
        press(host, "+")
        expect(host.locator("#pacing-announce")).to_have_text("30 seconds added.")
        expect(screen.locator("#poll-countdown .countdown__left")).to_have_text(shown(frozen + 30))

        # P again: the clock runs on from there.
        press(host, "p")
        expect(host.locator("#pace-pause-label")).to_have_text("Pause")
        expect(screen.locator("#poll-countdown")).not_to_contain_text("Paused")
        expect(host.locator("#pacing-announce")).to_have_text("Timer running again.")
        assert frozen + 25 <= seconds_shown(screen.locator("#poll-countdown").inner_text()) <= frozen + 30

        # R: the results go up on the big screen.
        press(host, "r")
        expect(host.locator("#live-status")).to_have_attribute("data-status", "revealed")
        expect(screen.locator("#poll-status")).to_have_text("Results")
        expect(host.locator("#pacing-announce")).to_have_text("Results revealed on the big screen.")
        expect(host.locator("#pace-reveal")).to_be_disabled()
        press(host, "r")  # nothing left to reveal: the console says so instead of sending
        expect(host.locator("#pacing-error")).to_have_text("The results are already revealed.")

        # The next one, then a latecomer joins and Bo's phone drops off.
        press(host, "n")
        expect(host.locator("#live-question")).to_have_text("Stand-up or sit-down?")
        phones.update(connect_phones(live_server, code, ["Cy"]))
        phones["Bo"].disconnect()
        rows = host.locator("#roster .roster__row")
        expect(rows.filter(has_text="Cy").locator(".roster__tag--new")).to_have_text("new")
        expect(rows.filter(has_text="Ana").locator(".roster__tag--new")).to_be_hidden()
        expect(rows.filter(has_text="Bo").locator(".roster__tag--away")).to_have_text("away")
        expect(host.locator("#online-count")).to_have_text("2 online · 1 away")
        press(host, "p")
        expect(host.locator("#live-countdown")).to_contain_text("Paused")
        host.evaluate("window.scrollTo(0, 0)")
        screenshot(host, "console-pacing.png")

        # Remote mode: the big screen keeps the room code in its corner, on the activity and on the leaderboard.
        expect(screen.locator("#corner-join")).to_be_hidden()
        host.click("#remote-toggle")
        expect(host.locator("#remote-toggle")).to_have_attribute("aria-checked", "true")
        expect(host.locator("#remote-hint")).to_be_visible()
        expect(screen.locator("body")).to_have_attribute("data-remote", "true")
        corner = screen.locator("#corner-join")
        expect(corner).to_be_visible()
        expect(corner).to_contain_text(code)
        expect(corner).to_contain_text("/join")
        expect(screen.locator("#poll-countdown")).to_contain_text("Paused")
        screenshot(screen, "screen-remote-paused-1280x720.png")

        # Reduce motion: the big screen's leaderboard and podium appear at once, without confetti.
        host.click("#motion-toggle")
        expect(host.locator("#motion-toggle")).to_have_attribute("aria-checked", "true")
        expect(screen.locator("html")).to_have_attribute("data-motion", "reduce")
        host.click("#scene-leaderboard")
        expect(screen.locator("#board-player-list")).to_contain_text("Ana")
        expect(corner).to_be_visible()
        screenshot(screen, "screen-remote-leaderboard-1280x720.png")
        host.click("#scene-podium")
        expect(screen.locator("#podium")).to_have_attribute("data-step", "done")
        expect(screen.locator("#podium-places")).to_contain_text("Ana")
        expect(corner).to_be_visible()
        expect(screen.locator("#confetti")).to_be_hidden()
        screenshot(screen, "screen-remote-podium-1280x720.png")
    finally:
        for phone in phones.values():
            phone.disconnect()
    assert pages.errors == []
