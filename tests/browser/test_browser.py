"""The pages in a real browser: a phone joins through /join, the host console runs a poll, the big screen shows it."""
import os
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TIMEOUT_MS = 10_000
# A restarted server is found again within Socket.IO's reconnection back-off (at most 5 s between tries).
RECONNECT_TIMEOUT_MS = 20_000

pytestmark = pytest.mark.browser


def _sync_playwright_or_skip():
    """Playwright's sync API, or a skip (a failure when TEAMPLAY_REQUIRE_BROWSER=1) when the browser is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not os.path.exists(CHROMIUM):
        if os.environ.get("TEAMPLAY_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium or Playwright is missing and TEAMPLAY_REQUIRE_BROWSER=1")
        pytest.skip("Chromium not found: browser tests skipped")
    return sync_playwright


class Pages:
    """Opens pages in one headless Chromium, each in its own context (its own localStorage, like separate devices),
    and records every uncaught script error."""

    def __init__(self, browser):
        self.browser = browser
        self.errors = []

    def open(self, url, width, height, **context_options):
        context = self.browser.new_context(viewport={"width": width, "height": height}, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{url}: {error}"))
        page.goto(url)
        return page

    def phone(self, url):
        return self.open(url, 390, 844, is_mobile=True, has_touch=True)


@pytest.fixture
def live_server(tmp_path):
    """A real TeamPlay server process on a free port with its own SQLite file."""
    server = LiveServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pages():
    """Headless Chromium from the system (never a downloaded build), wrapped in Pages."""
    sync_playwright = _sync_playwright_or_skip()
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield Pages(browser)
        browser.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


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
