"""The agenda in the facilitator's console, in a real browser: plan polls, reorder them, run them with "Start next",
and see what is live and what comes next."""
import pytest

from .conftest import screenshot
from .test_host_console import connect_phones

pytestmark = pytest.mark.browser


def plan_poll(host, question, options):
    """Adds a poll to the agenda from the composer, and waits until the console has the server's ack: it empties
    the composer then, which can come after the new agenda reached the page (a question typed in between for the
    next item would be wiped)."""
    from playwright.sync_api import expect

    host.fill("#poll-question", question)
    for index, option in enumerate(options):
        host.fill(f"#poll-option-{index}", option)
    host.click("#agenda-add-poll")
    expect(host.locator("#poll-question")).to_have_value("")


def test_the_facilitator_plans_reorders_and_runs_an_agenda(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Shift huddle")
    phones = connect_phones(live_server, created["event"]["code"], ["Ana", "Bo"])
    try:
        host = pages.open(created["host_url"], 1366, 900)
        expect(host.locator("#agenda-empty")).to_be_visible()
        plan_poll(host, "Coffee or tea?", ["Coffee", "Tea"])
        expect(host.locator("#agenda-added")).to_contain_text("Quick poll")
        expect(host.locator("#poll-question")).to_have_value("")
        plan_poll(host, "Best break snack?", ["Fruit", "Cake"])
        items = host.locator("#agenda-list .agenda-item")
        expect(items).to_have_count(2)
        expect(host.locator("#agenda-next-label")).to_contain_text("Coffee or tea?")

        # The second one first: move it up.
        items.nth(1).get_by_role("button", name="Move up: Quick poll").click()
        expect(items.nth(0)).to_contain_text("Best break snack?")
        expect(host.locator("#agenda-next-label")).to_contain_text("Best break snack?")

        # Edit a planned item: its question and the presenter's notes.
        items.nth(1).get_by_role("button", name="Edit Quick poll").click()
        items.nth(1).get_by_label("Text").fill("Coffee, tea or water?")
        items.nth(1).get_by_label("Your notes").fill("Ask Bo first")
        items.nth(1).get_by_role("button", name="Save").click()
        expect(items.nth(1)).to_contain_text("Coffee, tea or water?")
        expect(items.nth(1)).to_contain_text("Your notes: Ask Bo first")

        # An empty poll is refused before it reaches the agenda.
        host.fill("#poll-question", "")
        host.click("#agenda-add-poll")
        expect(host.locator("#composer-error")).to_contain_text("Write a question first")
        expect(items).to_have_count(2)

        host.click("#agenda-next")
        expect(host.locator("#live-poll")).to_be_visible()
        expect(host.locator("#live-question")).to_have_text("Best break snack?")
        expect(items.nth(0)).to_have_attribute("data-status", "live")
        expect(host.locator("#agenda-next")).to_be_disabled()  # close the live one first
        screenshot(host, "console-agenda.png")

        host.click("#close-poll")
        expect(host.locator("#agenda-next")).to_be_enabled()
        host.click("#agenda-next")
        expect(host.locator("#live-question")).to_have_text("Coffee, tea or water?")
        expect(host.locator("#agenda-up-next")).to_be_hidden()

        # Plan one more from the composer, then take it off again: the list closes up.
        host.click("#close-poll")
        host.click("#new-poll")
        plan_poll(host, "One more?", ["Yes", "No"])
        expect(items).to_have_count(3)
        items.nth(2).get_by_role("button", name="Remove Quick poll from the agenda").click()
        expect(items).to_have_count(2)
        expect(items.nth(0)).to_contain_text("Done")
    finally:
        for phone in phones.values():
            phone.disconnect()
    assert pages.errors == []
