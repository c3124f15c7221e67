"""The room's guards from the facilitator's console in a real browser: a player cap that turns the next join away, a
ban behind a keyboard-friendly confirmation, the banned names list and Unban."""
import threading

import pytest

from .conftest import screenshot
from .test_host_console import connect_phones

pytestmark = pytest.mark.browser


def refusal(response):
    return response.status_code, response.json()["error"]["code"]


def test_console_caps_bans_and_unbans(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Guards drill")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, ["Ana", "Bo"])
    bo_removed = threading.Event()
    phones["Bo"].on("removed", lambda *_: bo_removed.set())
    try:
        host = pages.open(created["host_url"], 1366, 900)
        roster = host.locator("#roster .roster__row")
        expect(roster).to_have_count(2)
        expect(host.locator("#player-count")).to_have_text("2")
        expect(host.locator("#cap-input")).to_have_value("")
        expect(host.locator("#banned-box")).to_be_hidden()

        # Out-of-range caps are refused in the page before anything is sent.
        host.fill("#cap-input", "0")
        host.click("#cap-save")
        expect(host.locator("#cap-error")).to_contain_text("1 to 5,000")
        expect(host.locator("#cap-input")).to_have_attribute("aria-invalid", "true")

        # A cap of two: the room is full, the third join is turned away.
        host.fill("#cap-input", "2")
        host.press("#cap-input", "Enter")
        expect(host.locator("#player-count")).to_have_text("2 of 2")
        expect(host.locator("#cap-hint")).to_contain_text("Cap: 2 players")
        expect(host.locator("#cap-error")).to_have_text("")
        assert refusal(live_server.join(code, "Cy")) == (409, "room_full")
        expect(host.locator("#blocked-count")).to_contain_text("1 join attempt")

        # Every per-row button names its player.
        bo = roster.filter(has_text="Bo")
        ban = bo.get_by_role("button", name="Ban Bo")
        expect(ban).to_be_visible()
        expect(bo.get_by_role("button", name="Remove Bo")).to_be_visible()
        assert ban.bounding_box()["height"] >= 44

        # Ban from the keyboard: the dialog opens on Cancel, which keeps Bo.
        ban.focus()
        host.keyboard.press("Enter")
        dialog = host.locator("#ban-dialog")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("removes Bo and stops anyone joining as Bo in this event")
        expect(host.locator("#cancel-ban")).to_be_focused()
        host.keyboard.press("Enter")
        expect(dialog).to_be_hidden()
        expect(roster).to_have_count(2)
        assert not bo_removed.is_set()

        # Again, and confirm this time.
        ban.focus()
        host.keyboard.press("Enter")
        expect(dialog).to_be_visible()
        host.keyboard.press("Tab")
        expect(host.locator("#confirm-ban")).to_be_focused()
        expect(host.locator("#confirm-ban")).to_have_text("Ban Bo")
        host.keyboard.press("Enter")
        expect(dialog).to_be_hidden()
        expect(roster).to_have_count(1)
        expect(host.locator("#player-count")).to_have_text("1 of 2")
        assert bo_removed.wait(10), "Bo's phone was not told it was removed"

        # The name is banned in any case; the list shows it.
        for name in ["Bo", "bo", "BO"]:
            assert refusal(live_server.join(code, name)) == (403, "name_banned"), name
        banned = host.locator("#banned-list .banned__row")
        expect(host.locator("#banned-box")).to_be_visible()
        expect(banned).to_have_count(1)
        expect(banned.first).to_contain_text("Bo")
        expect(host.get_by_role("button", name="Unban Bo")).to_be_visible()
        expect(host.locator("#roster-error")).to_have_text("")
        host.locator(".room").scroll_into_view_if_needed()
        host.mouse.move(1, 1)  # no hover state in the picture
        screenshot(host, "console-room-guards.png")

        # Unban: the name may join again (the cap of two still has room for one).
        host.get_by_role("button", name="Unban Bo").click()
        expect(host.locator("#banned-box")).to_be_hidden()
        expect(host.locator("#banned-error")).to_have_text("")
        rejoined = live_server.join(code, "Bo")
        assert rejoined.status_code == 201, rejoined.text
        expect(roster).to_have_count(2)
        expect(host.locator("#player-count")).to_have_text("2 of 2")

        # Clearing the cap lifts it.
        host.fill("#cap-input", "")
        host.click("#cap-save")
        expect(host.locator("#player-count")).to_have_text("2")
        expect(host.locator("#cap-hint")).to_contain_text("No cap")
        assert live_server.join(code, "Cy").status_code == 201

        # A reload shows the same cap from the server.
        host.fill("#cap-input", "3")
        host.click("#cap-save")
        expect(host.locator("#player-count")).to_have_text("3 of 3")
        host.reload()
        expect(host.locator("#cap-input")).to_have_value("3")
        expect(host.locator("#player-count")).to_have_text("3 of 3")
    finally:
        for phone in phones.values():
            phone.disconnect()

    assert pages.errors == []
