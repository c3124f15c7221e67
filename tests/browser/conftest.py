"""Shared by the browser tests: a live server, headless Chromium from the system, screenshots and axe checks."""
import json
import os
from functools import cache
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

    def phone(self, url, width=390, height=844, **context_options):
        return self.open(url, width, height, is_mobile=True, has_touch=True, **context_options)


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


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, the level every page keeps (issue: the experience). Best practices are checked too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@cache
def axe_source():
    return AXE.read_text()


def axe_violations(page, disable=()):
    """axe-core's violations on the page as it is now: [{id, impact, help, nodes: [target, summary]}].
    axe is evaluated through the DevTools protocol, which the page's strict CSP does not apply to."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in disable}}
    result = page.evaluate("async (options) => await window.axe.run(document, options)", options)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [(node["target"], node.get("failureSummary", "")[:300]) for node in v["nodes"][:5]]}
        for v in result["violations"]
    ]


def assert_accessible(page, where, disable=()):
    """No axe-core violation on the page once it settled; the message lists each with the elements it found."""
    settle(page)
    violations = axe_violations(page, disable)
    assert violations == [], f"axe found WCAG problems on {where}:\n" + json.dumps(violations, indent=1, ensure_ascii=False)


def join_phone(pages, live_server, code, name, width=390, height=844, lang=None, **context_options):
    """A phone that joined through the API, as (page, player id): its seat is in localStorage before /play loads,
    like after /join; `lang` opens it with ?lang=; context options (reduced_motion…) go to its browser context."""
    joined = live_server.join(code, name)
    joined.raise_for_status()
    body = joined.json()
    seat = {"resume_token": body["resume_token"], "name": name, "player_id": body["player"]["id"]}
    context = pages.browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                        **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(f"localStorage.setItem({json.dumps('teamplay.seat.' + code)}, {json.dumps(json.dumps(seat))});")
    page = context.new_page()
    page.on("pageerror", lambda error: pages.errors.append(f"{name}: {error}"))
    page.goto(f"{live_server.url}/play/{code}" + (f"?lang={lang}" if lang else ""))
    return page, body["player"]["id"]


def open_phone(pages, live_server, code, name, width=390, height=844, **options):
    """The page of a phone that joined through the API (see join_phone)."""
    return join_phone(pages, live_server, code, name, width, height, **options)[0]


def settle(page):
    """Waits until the page's finite animations and transitions are over (rows fading in, bars growing): a check
    or a screenshot then sees what people read, not a frame half way."""
    page.wait_for_function("""() => document.getAnimations().every((animation) =>
        animation.playState !== "running" || animation.effect.getTiming().iterations === Infinity)""")
