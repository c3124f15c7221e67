"""The pages in a real browser: a phone joins through /join, the host console runs a poll, the big screen shows it."""
import pytest

from .conftest import RECONNECT_TIMEOUT_MS, screenshot

pytestmark = pytest.mark.browser


def join_through_the_form(phone, code, name):
    from playwright.sync_api import expect

    # Codes ignore case and spaces, as people type them.
    phone.fill("#code-input", f"{code[:3].lower()} {code[3:].lower()}")
    phone.click("#code-submit")
    expect(phone.locator("#name-step")).to_be_visible()
    phone.fill("#name-input", name)


def start_poll_from_console(host, question, options, timer=""):
    host.fill("#poll-question", question)
    for index, option in enumerate(options):
        if index >= 2:
            host.click("#add-option")
        host.fill(f"#poll-option-{index}", option)
    host.select_option("#poll-timer", timer)
    host.click("#start-poll")


def test_phone_joins_answers_a_poll_and_the_big_screen_counts_it(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Browser huddle")
    code = created["event"]["code"]

    screen = pages.open(created["screen_url"], 1280, 720)
    expect(screen.locator(".lobby__code")).to_have_text(code)
    expect(screen.locator("#people-count")).to_have_text("Waiting for people to join…")

    phone = pages.phone(f"{live_server.url}/join")
    join_through_the_form(phone, code, "Ana")
    expect(phone.locator("#room-title")).to_have_text("Browser huddle")
    screenshot(phone, "browser-join.png")
    phone.click("#name-submit")
    phone.wait_for_url(f"**/play/{code}")
    expect(phone.locator("#view-lobby")).to_contain_text("You're in")
    expect(phone.locator("#player-name")).to_have_text("Ana")
    seat = phone.evaluate(f"JSON.parse(localStorage.getItem('teamplay.seat.{code}'))")
    assert seat["name"] == "Ana" and seat["resume_token"]

    expect(screen.locator("#roster-chips .chip", has_text="Ana")).to_be_visible()
    expect(screen.locator("#people-count")).to_have_text("1 person here")

    host = pages.open(created["host_url"], 1440, 900)
    expect(host.locator("#roster")).to_contain_text("Ana")
    start_poll_from_console(host, "Best snack for a long shift?", ["Fruit", "Cake", "Crisps"])
    expect(host.locator("#live-question")).to_have_text("Best snack for a long shift?")
    expect(host.locator("#live-answered")).to_have_text("0 of 1 answered")

    expect(phone.locator("#poll-question")).to_have_text("Best snack for a long shift?")
    expect(phone.locator("#poll-choices .choice")).to_have_count(3)
    expect(screen.locator("#poll-question")).to_have_text("Best snack for a long shift?")
    screenshot(phone, "browser-phone-poll.png")
    phone.locator("#poll-choices .choice", has_text="Cake").click()
    expect(phone.locator("#answered-title")).to_have_text("Answer received: Cake")

    expect(screen.locator("#poll-answered")).to_have_text("1 of 1 answered")
    cake_bar = screen.locator("#poll-bars .bar").nth(1)
    expect(cake_bar).to_have_attribute("data-count", "1")
    expect(cake_bar.locator(".bar__value")).to_have_text("1 · 100%")
    expect(host.locator("#live-answered")).to_have_text("1 of 1 answered")
    screen.wait_for_timeout(800)  # let the bar's width transition finish for the picture
    screenshot(screen, "browser-screen-poll.png")

    host.click("#reveal-poll")
    expect(screen.locator("#poll-bars")).to_have_attribute("data-revealed", "true")
    expect(cake_bar).to_have_attribute("data-winner", "true")
    expect(phone.locator("#view-revealed")).to_be_visible()
    expect(phone.locator("#revealed-bars .bar").nth(1).locator(".bar__mine")).to_be_visible()

    assert pages.errors == []


def test_phone_and_screen_come_back_by_themselves_after_a_server_restart(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Restart drill")
    code = created["event"]["code"]
    screen = pages.open(created["screen_url"], 1280, 720)
    phone = pages.phone(f"{live_server.url}/join/{code}")
    phone.fill("#name-input", "Bo")
    phone.click("#name-submit")
    phone.wait_for_url(f"**/play/{code}")
    host = pages.open(created["host_url"], 1440, 900)
    start_poll_from_console(host, "Tea or coffee?", ["Tea", "Coffee"], timer="120")
    phone.locator("#poll-choices .choice", has_text="Tea").click()
    expect(phone.locator("#answered-title")).to_have_text("Answer received: Tea")

    live_server.kill()
    expect(phone.locator("#connection")).to_contain_text("Reconnecting…")
    expect(screen.locator("#connection")).to_contain_text("Reconnecting…")
    live_server.start()

    for page in (phone, screen, host):
        expect(page.locator("#connection .connection")).to_have_attribute(
            "data-status", "online", timeout=RECONNECT_TIMEOUT_MS)
    # The same seat, the same answer, the same count: all from the snapshot after the restart.
    expect(phone.locator("#answered-title")).to_have_text("Answer received: Tea")
    expect(screen.locator("#poll-answered")).to_have_text("1 of 1 answered")
    phone.reload()
    expect(phone.locator("#answered-title")).to_have_text("Answer received: Tea")
    assert pages.errors == []
