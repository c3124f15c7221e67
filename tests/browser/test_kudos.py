"""A kudos round in real browsers: the console composes a moderated round, three phone pages (two at 390×844, one at
360×740) find colleagues by search and send kudos (one anonymously), four more phones send theirs as Socket.IO
clients; the facilitator approves, rejects and approves the rest; the big screen shows the wall, the count and the
appreciation web at three sizes; phones see what they received and the "My kudos" page keeps it. Then a buddy round
gives every phone a colleague to appreciate. Screenshots of each view go to tests/artifacts."""
import itertools
import re

import pytest
import requests

from .conftest import ARTIFACTS, open_phone, screenshot, settle
from .test_host_console import connect_phones
from .test_screen_and_phone import assert_no_sideways_scroll, small_tap_targets

pytestmark = pytest.mark.browser

SOCKET_PHONES = ["Dee", "Eli", "Fay", "Gus"]
EVERYONE = 7
request_ids = itertools.count(1)

ANA_TO_BO = "You stayed late to help me close the queue on Friday"
BO_TO_CY = "Thanks for the calm voice on my toughest call this week"
CY_TO_ANA = "Your jokes in the morning huddle saved a grey Monday for all of us"
DEE_TO_ELI = "Eli owes me a damn coffee"
DEE_TO_ELI_SHOWN = "Eli owes me a **** coffee"  # as the profanity filter leaves it


def send_by_socket(phone, activity_id, to, message, category=0):
    payload = {"activity_id": activity_id, "request_id": f"kudos-browser-{next(request_ids):04d}",
               "answer": {"to": to, "category": category, "message": message, "anonymous": False}}
    ack = phone.call("response:submit", payload, timeout=10)
    assert ack["ok"], ack


def shot(page, name):
    settle(page)
    screenshot(page, name)


def pick_colleague(phone, search, name):
    phone.fill("#view-kind .kudos-search", search)
    phone.locator("#view-kind .kudos-people .kudos-person", has_text=name).click()


def write_kudos(phone, search, name, category, message, anonymous=False):
    """Fills in the phone's form: a colleague found by search, a category, the message and the anonymous switch."""
    from playwright.sync_api import expect

    pick_colleague(phone, search, name)
    expect(phone.locator("#view-kind .kudos-to__name")).to_have_text(name)
    phone.locator("#view-kind .kudos-category", has_text=category).click()
    phone.fill("#view-kind .kudos-message", message)
    expect(phone.locator("#view-kind .kudos-count")).to_have_text(f"{len(message)}/280")
    if anonymous:
        phone.get_by_label("Send anonymously").check()


def send_kudos(phone, name, left):
    from playwright.sync_api import expect

    phone.get_by_role("button", name=f"Send kudos to {name}").click()
    expect(phone.locator("#view-kind .kudos-sent__item").first).to_contain_text(f"To {name}")
    expect(phone.locator("#view-kind .kudos-left")).to_have_text(f"{left} kudos left this round")
    # The form is ready for the next one.
    expect(phone.locator("#view-kind .kudos-message")).to_have_value("")
    expect(phone.locator("#view-kind .kudos-search")).to_be_visible()


def test_a_moderated_kudos_round_reaches_the_wall_the_web_the_phones_and_my_kudos(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Kudos day")
    code = created["event"]["code"]
    others = connect_phones(live_server, code, SOCKET_PHONES)
    try:
        ana = open_phone(pages, live_server, code, "Ana")
        bo = open_phone(pages, live_server, code, "Bo")
        cy = open_phone(pages, live_server, code, "Cy", 360, 740)
        screen = pages.open(created["screen_url"], 1920, 1080)
        host = pages.open(created["host_url"], 1366, 900)
        expect(host.locator("#roster .roster__row")).to_have_count(EVERYONE)
        ids = {person["name"]: person["id"] for name in ("Dee", "Eli")
               for person in others[name].call("kudos:people", {}, timeout=10)["people"]}

        # The composer starts from the built-in categories; the facilitator adds one and moves it to the top.
        host.click("#tab-kudos")
        categories = host.locator("#icebreaker-fields .category-editor__row input")
        expect(categories.first).to_have_value("Helped me on a tough call")
        expect(categories).to_have_count(5)
        expect(host.get_by_label("I approve each kudos before the screen shows it")).to_be_checked()
        expect(host.locator("#icebreaker-fields input[type=text]").first).to_have_attribute(
            "placeholder", "Who made a difference for you lately?")
        host.get_by_role("button", name="+ Add category").click()
        categories.last.fill("Made me laugh")
        host.get_by_role("button", name="Move Made me laugh up").click()
        expect(categories.nth(4)).to_have_value("Made me laugh")
        host.locator("#composers").evaluate("(composers) => composers.scrollIntoView()")
        shot(host, "kudos-console-composer.png")
        host.click("#start-icebreaker")
        expect(host.locator("#kind-live-label")).to_have_text("Kudos round")
        activity = others["Dee"].call("sync", {}, timeout=10)["snapshot"]["activity"]
        assert activity["kind"] == "kudos" and activity["moderation"] is True
        assert activity["categories"][4] == "Made me laugh" and len(activity["categories"]) == 6

        # Phones find colleagues by search (never themselves) and send; the screen waits for the facilitator.
        expect(ana.locator("#view-kind .kudos-people .kudos-person")).to_have_count(EVERYONE - 1)
        expect(ana.locator("#view-kind .kudos-people")).not_to_contain_text("Ana")
        write_kudos(ana, "b", "Bo", "Great teamwork", ANA_TO_BO)
        send_kudos(ana, "Bo", 2)
        expect(ana.locator("#view-kind .kudos-sent__item").first).to_contain_text("Waiting for the facilitator")
        expect(ana.locator("#view-kind .kind-status")).to_have_text(
            "Sent to Bo — the facilitator will put it on the wall.")
        write_kudos(bo, "c", "Cy", "Helped me on a tough call", BO_TO_CY, anonymous=True)
        send_kudos(bo, "Cy", 2)
        write_kudos(cy, "AN", "Ana", "Made me laugh", CY_TO_ANA)
        expect(cy.locator("#view-kind .kudos-send")).to_be_in_viewport()  # in sight while writing
        shot(cy, "kudos-phone-send.png")
        assert_no_sideways_scroll(cy)
        assert small_tap_targets(cy) == []
        send_kudos(cy, "Ana", 2)
        send_by_socket(others["Dee"], activity["id"], ids["Eli"], DEE_TO_ELI)
        send_by_socket(others["Dee"], activity["id"], ids["Ana"], "Best onboarding buddy ever", 3)
        send_by_socket(others["Eli"], activity["id"], ids["Fay"], "Thank you for the new call scripts", 1)
        send_by_socket(others["Fay"], activity["id"], ids["Gus"], "You always share the good tickets", 1)
        send_by_socket(others["Gus"], activity["id"], ids["Dee"], "You fixed the headset mess in minutes", 5)
        expect(screen.locator(".kudos-tally__count")).to_have_text(f"0 of {EVERYONE} people appreciated")
        expect(screen.locator(".wall-card")).to_have_count(0)

        # The facilitator approves one, rejects one, then approves the rest.
        queue = host.locator("#kind-live-body .moderation").first.locator(".moderation__item")
        expect(queue).to_have_count(8)
        anonymous = queue.filter(has_text=BO_TO_CY)
        expect(anonymous).to_contain_text("Anonymous")
        expect(anonymous).not_to_contain_text("Bo")
        host.get_by_role("button", name=f"Approve kudos to Bo: {ANA_TO_BO}").click()
        expect(screen.locator(".wall-card")).to_have_count(1)
        expect(screen.locator(".wall-card").first).to_contain_text(ANA_TO_BO)
        flagged = queue.filter(has_text=DEE_TO_ELI_SHOWN)
        expect(flagged).to_contain_text("contains filtered words")
        expect(flagged).to_have_attribute("data-flagged", "true")
        host.get_by_role("button", name=f"Reject kudos to Eli: {DEE_TO_ELI_SHOWN}").click()
        expect(queue).to_have_count(6)
        expect(host.locator("#kind-live-body")).to_contain_text("1 rejected")
        host.locator("#live-kind").evaluate("(panel) => panel.scrollIntoView()")
        shot(host, "kudos-console.png")
        host.get_by_role("button", name="Approve all").click()
        expect(queue).to_have_count(0)
        appreciated = EVERYONE - 1  # everyone but Eli, whose only kudos was rejected
        expect(screen.locator(".kudos-tally__count")).to_have_text(f"{appreciated} of {EVERYONE} people appreciated")
        expect(host.locator("#kind-live-body")).to_contain_text("Not appreciated yet (1)")
        expect(host.locator("#kind-live-body .kudos-live__names")).to_have_text("Eli")

        # The screen: the newest card on top, an arrow per named kudos (the anonymous one only lights Cy).
        expect(screen.locator(".wall-card[data-rank='0']")).to_be_visible()
        expect(screen.locator(".kudos-web__node")).to_have_count(EVERYONE)
        expect(screen.locator(".kudos-web__edge")).to_have_count(6)
        expect(screen.locator(".kudos-tally__wall")).to_have_text("7 kudos on the wall")
        expect(screen.locator(".wall-card", has_text=BO_TO_CY)).to_contain_text("from a teammate")

        # A nudge: the screen says how many wait, never who; phones get the names to pick from.
        host.get_by_role("button", name="Nudge the room").click()
        expect(screen.locator(".kudos-banner")).to_have_text(
            "1 person is still waiting for kudos — who will you appreciate?")
        for part in (".kudos-banner", ".kudos-screen__wall", ".kudos-tally"):
            expect(screen.locator(part)).not_to_contain_text("Eli")
        expect(ana.locator("#view-kind .kudos-nudge")).to_be_visible()
        expect(ana.locator("#view-kind .kudos-nudge .kudos-person")).to_have_text(["Eli"])
        shot(screen, "kudos-screen-wall.png")
        screen.locator(".kudos-web").screenshot(path=str(ARTIFACTS / "kudos-web.png"))  # settled above
        screen.set_viewport_size({"width": 1280, "height": 720})
        expect(screen.locator(".kudos-tally__count")).to_be_in_viewport()
        shot(screen, "kudos-screen-1280x720.png")
        screen.set_viewport_size({"width": 1024, "height": 768})
        expect(screen.locator(".kudos-tally__count")).to_be_in_viewport()
        shot(screen, "kudos-screen-1024x768.png")

        # Phones: what reached the wall, by name or from a teammate; what each sent is marked as on the wall.
        expect(bo.locator("#view-kind .kudos-received .kudos-note")).to_have_count(1)
        expect(bo.locator("#view-kind .kudos-received")).to_contain_text(ANA_TO_BO)
        expect(bo.locator("#view-kind .kudos-received")).to_contain_text("from Ana")
        expect(cy.locator("#view-kind .kudos-received")).to_contain_text("from a teammate")
        expect(ana.locator("#view-kind .kudos-received .kudos-note")).to_have_count(2)
        expect(ana.locator("#view-kind .kudos-sent__item").first).to_contain_text("On the wall")
        expect(bo.locator("#view-kind .kudos-pass, #view-kind .pass-button")).to_be_hidden()
        shot(bo, "kudos-phone-received.png")
        assert_no_sideways_scroll(bo)
        ana.locator("#view-kind .kudos-mine__summary").click()
        expect(ana.locator("#view-kind .kudos-mine__text")).to_have_text("2 kudos for you in Kudos day")

        # My kudos: its own page, from the seat this device keeps.
        mine = ana.context.new_page()
        mine.on("pageerror", lambda error: pages.errors.append(f"my kudos: {error}"))
        mine.goto(f"{live_server.url}/kudos/{code.lower()}")
        expect(mine.locator("#my-kudos-title")).to_have_text("2 kudos for you")
        expect(mine.locator("#my-kudos-event")).to_have_text("Kudos day")
        notes = mine.locator("#my-kudos-notes .kudos-note")
        expect(notes).to_have_count(2)
        expect(notes.filter(has_text=CY_TO_ANA)).to_contain_text("Made me laugh")
        expect(notes.filter(has_text=CY_TO_ANA)).to_contain_text("from Cy")
        shot(mine, "kudos-my-kudos.png")
        assert_no_sideways_scroll(mine)
        no_code = requests.get(f"{live_server.url}/kudos/nonsense", allow_redirects=False, timeout=5)
        assert no_code.headers["Location"] == "/join"
        stranger = pages.phone(f"{live_server.url}/kudos/{code}")
        expect(stranger.locator("#my-kudos-problem-title")).to_have_text("No seat on this device")

        # A buddy round (no approval): each phone is given a colleague, suggested first, and appreciates them.
        host.click("#kind-close")
        host.click("#kind-new")
        host.click("#tab-kudos")
        expect(categories.nth(4)).to_have_value("Made me laugh")  # the event's latest list
        host.get_by_label("I approve each kudos before the screen shows it").uncheck()
        host.get_by_label("Appreciation buddies: give everyone a colleague to appreciate").check()
        host.click("#start-icebreaker")
        expect(host.get_by_role("button", name="New buddies")).to_be_visible()
        buddies = {}
        for phone, me in ((ana, "Ana"), (bo, "Bo"), (cy, "Cy")):
            line = phone.locator("#view-kind .kudos-buddy__text")
            expect(line).to_have_text(re.compile(r"^Your buddy: \w+ — appreciate them!$"))
            buddies[me] = re.match(r"Your buddy: (\w+)", line.text_content()).group(1)
            assert buddies[me] != me
            expect(phone.locator("#view-kind .kudos-people .kudos-person").first).to_have_text(buddies[me])
        ana.get_by_role("button", name=f"Appreciate {buddies['Ana']}").click()
        expect(ana.locator("#view-kind .kudos-to__name")).to_have_text(buddies["Ana"])
        ana.locator("#view-kind .kudos-category").first.click()
        ana.fill("#view-kind .kudos-message", "Glad you are on the team")
        send_kudos(ana, buddies["Ana"], 2)
        expect(ana.locator("#view-kind .kudos-buddy__text")).to_have_text(
            f"You appreciated your buddy {buddies['Ana']} — thank you!")
        expect(screen.locator(".wall-card")).to_have_count(1)
        expect(screen.locator(".kudos-tally__count")).to_have_text(f"1 of {EVERYONE} people appreciated")

        # After the event, the closing view leads to the kudos, which the page still finds by the seat.
        host.click("#end-event")
        host.click("#confirm-end")
        expect(bo.locator("#ended-kudos")).to_have_attribute("href", f"/kudos/{code}")
        bo.click("#ended-kudos")
        expect(bo.locator("#my-kudos-notes .kudos-note")).to_have_count(1 + (buddies["Ana"] == "Bo"))
        expect(bo.locator("#my-kudos-notes")).to_contain_text(ANA_TO_BO)
        expect(bo.locator("#my-kudos-back")).to_be_hidden()
    finally:
        for client in others.values():
            client.disconnect()
    assert pages.errors == []
