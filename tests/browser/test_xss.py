"""Markup typed by people stays text, in real browsers: names, answers, kudos and team names carrying <script>,
<img onerror> and other tags reach the big screen, the console and the phones as visible characters, and nothing
in them runs or becomes an element."""
import itertools

import pytest

from .conftest import open_phone, screenshot
from .test_host_console import connect_phones

pytestmark = pytest.mark.browser

NAMES = ["<img src=x onerror=p()>", "<script>p()</script>", "<b>Bold</b> Bo"]
TEAM = "<svg onload=p()>"
ANSWER = '<img src="x" onerror="window.pwned=1">"><script>window.pwned=1</script>'
KUDOS = "<iframe src=javascript:p()></iframe><a href=javascript:p()>thanks</a>"
requests = itertools.count(1)

# What would be there if any typed text had been taken as markup.
INJECTED = """() => document.querySelectorAll(
  'img[src="x"], iframe, svg[onload], [onerror], [onload]:not(body), a[href^="javascript"],'
  + ' script:not([src]):not([type="application/json"]), b'
).length"""


def send(phone, activity_id, answer):
    ack = phone.call("response:submit", {"activity_id": activity_id, "request_id": f"xss-{next(requests):05d}",
                                         "answer": answer}, timeout=10)
    assert ack["ok"], ack
    return ack


def assert_inert(page, *texts):
    from playwright.sync_api import expect

    for text in texts:
        expect(page.get_by_text(text, exact=False).first).to_be_visible()
    assert page.evaluate(INJECTED) == 0
    assert page.evaluate("() => window.pwned === undefined && window.ran === undefined")


def test_typed_markup_is_shown_as_text_and_never_runs(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Markup <i>test</i>")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, NAMES)
    host = pages.open(created["host_url"], 1366, 900)
    screen = pages.open(created["screen_url"], 1920, 1080)
    for page in (host, screen):
        page.evaluate("() => { window.p = () => { window.ran = true; }; }")
    try:
        expect(host.locator("#roster .roster__row")).to_have_count(3)
        assert_inert(host, NAMES[0], NAMES[1])
        assert_inert(screen, NAMES[0])

        # A team name with markup, set up by a second console connection (the host link).
        import socketio

        console = socketio.Client(reconnection=False)
        key = created["host_url"].rsplit("/", 1)[1]
        console.connect(live_server.url, auth={"role": "host", "code": code, "key": key}, wait_timeout=10)
        ack = console.call("teams:setup", {"count": 2, "mode": "arrival", "teams": [{"name": TEAM}, {"name": "Plain"}]},
                           timeout=10)
        console.disconnect()
        assert ack["ok"], ack
        assert_inert(host, TEAM)
        assert_inert(screen, TEAM)

        # An open question answer and a kudos, approved onto the screen.
        phone = open_phone(pages, live_server, code, "Dee")
        phone.evaluate("() => { window.p = () => { window.ran = true; }; }")
        host.click("#tab-open_question")
        host.locator("#icebreaker-fields").get_by_label("Write my own").check()
        host.locator("#icebreaker-fields").get_by_label("Question").fill("What made you smile <u>today</u>?")
        host.click("#start-icebreaker")
        expect(host.locator("#kind-live-label")).to_have_text("Open question")
        activity = phones[NAMES[1]].call("sync", {}, timeout=10)["snapshot"]["activity"]
        send(phones[NAMES[1]], activity["id"], {"text": ANSWER})
        host.get_by_role("button", name="Approve all").click()
        expect(screen.locator(".answer-card")).to_have_count(1)
        assert_inert(screen, ANSWER)
        assert_inert(host, ANSWER)
        assert_inert(phone, ANSWER)
        host.click("#kind-reveal")
        expect(host.locator("#kind-new")).to_be_visible()
        host.click("#kind-new")

        host.click("#tab-kudos")
        host.click("#start-icebreaker")
        expect(host.locator("#kind-live-label")).to_have_text("Kudos round")
        activity = phones[NAMES[2]].call("sync", {}, timeout=10)["snapshot"]["activity"]
        dee = next(p["id"] for p in phones[NAMES[2]].call("kudos:people", {}, timeout=10)["people"] if p["name"] == "Dee")
        send(phones[NAMES[2]], activity["id"], {"to": dee, "category": 0, "message": KUDOS, "anonymous": False})
        host.locator(".kudos-mod").get_by_role("button", name="Approve").first.click()
        expect(screen.locator(".kudos-card, .kudos-wall__card, [class*=kudos] blockquote").first).to_be_visible()
        assert_inert(screen, KUDOS)
        assert_inert(host, KUDOS)
        assert_inert(phone, KUDOS)
        screenshot(screen, "xss-screen.png")
        screenshot(phone, "xss-phone.png")
        assert pages.errors == []
    finally:
        for client in phones.values():
            client.disconnect()
