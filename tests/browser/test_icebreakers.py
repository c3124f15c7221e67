"""Every icebreaker kind in real browsers: the facilitator's console composes and runs it, a phone page (360×740)
answers, three more phones answer as Socket.IO clients, and the big screen shows it — with a screenshot of each
view of each kind in tests/artifacts."""
import itertools

import pytest

from tests.live.conftest import wait_until

from .conftest import open_phone, screenshot
from .test_host_console import connect_phones
from .test_screen_and_phone import assert_no_sideways_scroll

pytestmark = pytest.mark.browser

OTHERS = ["Bo", "Cy", "Dee"]
requests = itertools.count(1)


def send(phone, activity_id, answer=None):
    payload = {"activity_id": activity_id, "request_id": f"icebreaker-{next(requests):05d}"}
    payload.update({"answer": answer} if answer is not None else {"pass": True})
    return phone.call("response:submit", payload, timeout=10)


def start_from_console(host, kind, label):
    from playwright.sync_api import expect

    if host.locator("#live-kind").is_visible():
        expect(host.locator("#kind-new")).to_be_visible()  # once the last activity is closed
        host.click("#kind-new")
    host.click(f"#tab-{kind}")
    host.click("#start-icebreaker")
    expect(host.locator("#live-kind")).to_be_visible()
    expect(host.locator("#kind-live-label")).to_have_text(label)


def shots(screen, phone, host, kind):
    screenshot(screen, f"kind-{kind}-screen.png")
    screenshot(phone, f"kind-{kind}-phone.png")
    screenshot(host, f"kind-{kind}-console.png")
    assert_no_sideways_scroll(phone)


def test_every_icebreaker_runs_from_the_console_to_the_screen_and_the_phones(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Icebreakers")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, OTHERS)
    try:
        phone = open_phone(pages, live_server, code, "Ana", 360, 740)
        screen = pages.open(created["screen_url"], 1920, 1080)
        host = pages.open(created["host_url"], 1366, 900)
        expect(host.locator("#roster .roster__row")).to_have_count(4)
        activity = lambda: phones["Bo"].call("sync", {}, timeout=10)["snapshot"]["activity"]  # noqa: E731

        # This or that, with names at the reveal.
        host.click("#tab-this_or_that")
        host.get_by_label("Show who chose what at the reveal").check()
        host.click("#start-icebreaker")
        expect(host.locator("#kind-live-label")).to_have_text("This or that")
        act = activity()
        expect(phone.locator("#view-kind .choice")).to_have_count(2)
        phone.locator("#view-kind .choice").first.click()
        expect(phone.locator("#view-kind .kind-status")).to_contain_text("Sent")
        for name, choice in zip(OTHERS, (0, 1, None)):
            assert send(phones[name], act["id"], {"choice": choice} if choice is not None else None)["ok"]
        expect(screen.locator(".tot-side__share").first).to_have_text("67%")
        expect(host.locator("#kind-live-body .kind-bar").first).to_contain_text("2 · 67%")
        host.click("#kind-reveal")
        expect(screen.locator(".tot-side__names").first).to_contain_text("Ana")
        shots(screen, phone, host, "this_or_that")

        # Word cloud: words merge; the facilitator hides one.
        start_from_console(host, "word_cloud", "Word cloud")
        act = activity()
        phone.fill("#cloud-word", "Kindness")
        phone.click("#view-kind .cloud-form button[type=submit]")
        expect(phone.locator("#view-kind .cloud-mine .chip")).to_have_text(["Kindness"])
        assert send(phones["Bo"], act["id"], {"text": "kindness"})["ok"]
        assert send(phones["Cy"], act["id"], {"text": "Teamwork"})["ok"]
        refused = send(phones["Cy"], act["id"], {"text": "teamwork!"})
        assert refused["error"]["code"] == "duplicate_entry"
        expect(screen.locator(".cloud__word", has_text="Kindness")).to_have_attribute("data-size", "6")
        host.get_by_role("button", name="Hide Teamwork").click()
        expect(screen.locator(".cloud__word", has_text="Teamwork")).to_have_count(0)
        shots(screen, phone, host, "word_cloud")
        host.click("#kind-close")

        # Mood check-in: nothing but a count while open, the total once closed.
        start_from_console(host, "mood_checkin", "Mood check-in")
        act = activity()
        phone.fill("#mood-help", "A quiet hour")
        phone.get_by_role("button", name="Good (4 of 5)").click()
        expect(phone.locator("#view-kind .kind-status")).to_contain_text("Thanks for checking in.")
        for name, value in zip(OTHERS, (5, 3, 4)):
            assert send(phones[name], act["id"], {"value": value})["ok"]
        expect(screen.locator(".kind-footer")).to_contain_text("4 people have checked in")
        expect(screen.locator(".mood-bars .kind-bar")).to_have_count(0)
        host.click("#kind-close")
        expect(screen.locator(".mood-bars .kind-bar")).to_have_count(5)
        expect(screen.locator(".help-card")).to_have_text(["A quiet hour"])
        expect(host.locator("#kind-live-body")).not_to_contain_text("Ana")
        shots(screen, phone, host, "mood_checkin")

        # Open question at a chosen depth, moderated: only approved answers reach the screen.
        host.click("#kind-new")
        host.click("#tab-open_question")
        host.locator("#icebreaker-fields select").first.select_option("deeper")
        host.click("#start-icebreaker")
        act = activity()
        assert act["depth"] == "deeper"
        phone.fill("#open-answer", "Feedback from my first team lead")
        phone.click("#view-kind .open-form button[type=submit]")
        expect(phone.locator("#view-kind .kind-status")).to_contain_text("the facilitator will put it on the screen")
        assert send(phones["Bo"], act["id"], {"text": "A customer who thanked me twice"})["ok"]
        expect(host.locator(".moderation__item")).to_have_count(2)
        host.get_by_role("button", name="Approve: Feedback from my first team lead").click()
        expect(screen.locator(".answer-card")).to_have_count(1)
        expect(screen.locator(".answer-card")).to_contain_text("Ana")
        host.get_by_role("button", name="Reject: A customer who thanked me twice").click()
        expect(host.locator(".moderation .moderation__item")).to_have_count(1)
        shots(screen, phone, host, "open_question")
        host.click("#kind-close")

        # Hot seat: the wheel picks; the chosen one answers or passes.
        start_from_console(host, "hot_seat", "Hot seat")
        act = activity()
        assert send(phones["Dee"], act["id"])["error"]["code"] == "invalid_answer"  # no pass unless chosen
        host.click("#kind-live-body .btn--big")  # spin
        spun = wait_until(lambda: activity()["results"]["spin"], message="the wheel spun")
        expect(screen.locator(".seat-name")).to_have_text(spun["player"]["name"], timeout=8000)
        shots(screen, phone, host, "hot_seat")
        host.get_by_role("button", name="Done with this turn").click()
        host.click("#kind-close")

        # Who said it: anonymous answers, one at a time, the reveal names the author.
        start_from_console(host, "who_said_it", "Who said it?")
        act = activity()
        phone.fill("#who-text", "I can juggle five oranges")
        phone.click("#view-kind .open-form button[type=submit]")
        assert send(phones["Bo"], act["id"], {"text": "I once met a famous chef"})["ok"]
        assert send(phones["Cy"], act["id"], {"text": "I grow chillies on my balcony"})["ok"]
        host.get_by_role("button", name="Start guessing").click()
        host.get_by_role("button", name="Show next answer").click()
        item = wait_until(lambda: activity()["results"].get("item"), message="the first answer shown")
        expect(screen.locator(".who-quote")).to_contain_text(item["text"])
        if "juggle" not in item["text"]:
            phone.get_by_role("button", name="Bo").click()
        expect(host.locator("#kind-live-body")).to_contain_text("author hidden")
        host.get_by_role("button", name="Reveal who said it").click()
        author = {"juggle": "Ana", "chef": "Bo", "chillies": "Cy"}
        expected = next(name for key, name in author.items() if key in item["text"])
        expect(screen.locator(".who-author")).to_have_text(f"It was {expected}!", timeout=8000)
        shots(screen, phone, host, "who_said_it")
        host.click("#kind-close")

        # Two truths and a lie: Bo tells, the room votes, the reveal strikes the lie.
        host.click("#kind-new")
        host.click("#tab-two_truths")
        host.locator("#icebreaker-fields select", has_text="Everyone, each in turn").select_option(label="Bo")
        host.click("#start-icebreaker")
        act = activity()
        expect(phone.locator("#view-kind .kind-status")).to_contain_text("Bo is writing")
        assert send(phones["Bo"], act["id"], {"statements": ["I sang on TV", "I speak Welsh", "I met a dolphin"], "lie": 1})["ok"]
        host.get_by_role("button", name="Start voting").click()
        host.get_by_role("button", name="Next teller").click()
        phone.locator("#view-kind .choice", has_text="I speak Welsh").click()
        assert send(phones["Cy"], activity()["id"], {"turn": 0, "choice": 0})["ok"]
        host.get_by_role("button", name="Reveal the lie").click()
        expect(screen.locator(".truth[data-lie=true]")).to_contain_text("I speak Welsh")
        expect(phone.locator("#view-kind .kind-status")).to_have_text("You spotted the lie!")
        shots(screen, phone, host, "two_truths")
    finally:
        for client in phones.values():
            client.disconnect()
    assert pages.errors == []
