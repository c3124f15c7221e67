"""Shared by the browser tests: a live server, headless Chromium from the system, and screenshots."""
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
