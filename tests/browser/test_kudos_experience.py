"""The kudos round as people meet it, in English and in Spanish: every state passes axe (WCAG 2.2 AA) on the phone
(390×844 and 360×740), the big screen (1920×1080) and the facilitator's console — writing a kudos (the person picker,
the categories, the message, the anonymous switch), sent and waiting for approval, the moderation queue, the wall,
a nudge and "My kudos". The phone keeps 48 px tap targets, no sideways scroll, a live "sent" line and the Send button
in sight while writing; the wall plays its cue from celebrate.js for each kudos. A screenshot of each state goes to
tests/artifacts (kudos-x-<lang>-<state>.png)."""
import json
import os

import pytest

from .conftest import ARTIFACTS, AXE_TAGS, axe_source, axe_violations, join_phone, screenshot, settle
from .test_host_console import connect_phones
from .test_screen_and_phone import assert_no_sideways_scroll, small_tap_targets

pytestmark = pytest.mark.browser

SENT_TEXT = {"en": "Sent to Dee — the facilitator will put it on the wall.",
             "es": "Enviado a Dee: quien facilita lo pondrá en el muro."}
RECEIVED_TITLE = {"en": "A kudos for you!", "es": "¡Un reconocimiento para ti!"}
SEND_LABEL = {"en": "Send kudos to Dee", "es": "Enviar a Dee"}
MESSAGE = "Thanks for covering my calls while I was at the dentist"
DEE_TO_ANA = "Your notes from the training saved my week"
FROM_DEE = {"en": "— from Dee", "es": "— de Dee"}


def with_lang(url, lang):
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


# What the kudos round draws on each page (its renderers and kudos.css); the rest of the page belongs to the page.
PHONE_PART, SCREEN_PART, CONSOLE_PARTS = "#kind-body", "#kindstage-body", ("#icebreaker-fields", "#kind-live-body")
# With TEAMPLAY_AXE_WHOLE_PAGE=1, axe also checks each whole page and writes what it finds outside the round's parts,
# by state, to tests/artifacts/kudos-x-axe-pages.json for the pages' owners (off by default: it doubles the time).
WHOLE_PAGE = os.environ.get("TEAMPLAY_AXE_WHOLE_PAGE") == "1"
PAGE_FINDINGS = {}


def axe_in(page, selectors):
    """axe-core's violations inside the elements `selectors` name (as conftest.axe_violations reports them)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    context = {"include": [[selector] for selector in selectors if page.locator(selector).count()]}
    result = page.evaluate("async ([context, options]) => await window.axe.run(context, options)", [context, options])
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [(node["target"], node.get("failureSummary", "")[:300]) for node in v["nodes"][:5]]}
            for v in result["violations"]]


def check(page, lang, state, parts):
    """axe finds nothing in the round's parts of the page; the state is photographed for a person to look at."""
    settle(page)
    violations = axe_in(page, parts)
    assert violations == [], f"axe found WCAG problems in the kudos round, {state} ({lang}):\n" + json.dumps(
        violations, indent=1, ensure_ascii=False)
    elsewhere = axe_violations(page) if WHOLE_PAGE else []
    if elsewhere:
        PAGE_FINDINGS[f"{lang} {state}"] = elsewhere
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "kudos-x-axe-pages.json").write_text(json.dumps(PAGE_FINDINGS, indent=1, ensure_ascii=False))
    screenshot(page, f"kudos-x-{lang}-{state}.png")


def check_phone(phone, lang, state, parts=(PHONE_PART,)):
    """The phone state at 390×844 and at 360×740: axe, no sideways scroll, tap targets of 48 px."""
    for width, height in ((390, 844), (360, 740)):
        phone.set_viewport_size({"width": width, "height": height})
        check(phone, lang, f"phone-{state}-{width}", parts)
        assert_no_sideways_scroll(phone)
        assert small_tap_targets(phone) == [], f"small tap targets on the phone ({state}, {width} px)"


# In Spanish, whose longer words try every layout hardest; test_full_event walks the same pages in English too.
@pytest.mark.parametrize("lang", ["es"])
def test_every_state_of_a_kudos_round_passes_axe_on_phone_screen_and_console(live_server, pages, lang):
    from playwright.sync_api import expect

    created = live_server.create_event("Kudos check")
    code = created["event"]["code"]
    others = connect_phones(live_server, code, ["Dee", "Eli"])
    try:
        phone, ana_id = join_phone(pages, live_server, code, "Ana", lang=lang)
        screen = pages.open(with_lang(created["screen_url"], lang), 1920, 1080)
        host = pages.open(with_lang(created["host_url"], lang), 1366, 900)
        expect(host.locator("#roster .roster__row")).to_have_count(3)
        expect(host.locator("html")).to_have_attribute("lang", lang)

        # The console's composer.
        host.click("#tab-kudos")
        expect(host.locator("#icebreaker-fields .category-editor__row input").first).not_to_have_value("")
        host.locator("#composers").evaluate("(composers) => composers.scrollIntoView()")
        check(host, lang, "console-composer", CONSOLE_PARTS)
        host.click("#start-icebreaker")
        expect(host.locator("#kind-live-body .kudos-live")).to_be_visible()

        # Writing: the person picker, then the categories, the message and the anonymous switch.
        kind = phone.locator("#view-kind")
        expect(kind.locator(".kudos-people .kudos-person")).to_have_count(2)
        expect(kind.locator(".kudos-person").first).to_have_attribute("aria-pressed", "false")
        check_phone(phone, lang, "picker")
        kind.locator(".kudos-person", has_text="Dee").click()
        expect(kind.locator(".kudos-to__name")).to_have_text("Dee")
        category = kind.locator(".kudos-category").nth(1)
        category.click()
        expect(category).to_have_attribute("aria-checked", "true")
        expect(kind.locator(".kudos-categories")).to_have_attribute("role", "radiogroup")
        phone.keyboard.press("ArrowRight")  # arrow keys move the choice, as in any radio group
        expect(kind.locator(".kudos-category").nth(2)).to_have_attribute("aria-checked", "true")
        kind.locator(".kudos-message").fill(MESSAGE)
        kind.locator(".kudos-anon__input").check()
        expect(kind.locator(".kudos-send")).to_have_text(SEND_LABEL[lang])
        check_phone(phone, lang, "writing")
        # Writing with the keyboard up (the viewport shrinks to what it leaves): the message and Send stay in sight.
        phone.evaluate("() => window.scrollTo(0, 0)")
        kind.locator(".kudos-message").focus()
        phone.set_viewport_size({"width": 360, "height": 430})
        expect(kind.locator(".kudos-send")).to_be_in_viewport(ratio=1)
        expect(kind.locator(".kudos-message")).to_be_in_viewport(ratio=0.6)
        screenshot(phone, f"kudos-x-{lang}-phone-keyboard.png")
        phone.set_viewport_size({"width": 390, "height": 844})

        # Sent, waiting for the facilitator: the live line says so, with a buzz where the phone can.
        phone.evaluate("() => { window.buzzes = []; navigator.vibrate = (pattern) => { window.buzzes.push(pattern); return true; }; }")
        kind.locator(".kudos-send").click()
        status = kind.locator(".kind-status")
        expect(status).to_have_text(SENT_TEXT[lang])
        expect(status).to_have_attribute("role", "status")
        assert 30 in phone.evaluate("() => window.buzzes")
        expect(kind.locator(".kudos-sent__item")).to_have_attribute("data-status", "waiting")
        check_phone(phone, lang, "sent-waiting")
        check(screen, lang, "screen-waiting", [SCREEN_PART])

        # The moderation queue: Ana's (anonymous) and one for Ana from Dee.
        ack = others["Dee"].call("response:submit", {
            "activity_id": others["Dee"].call("sync", {}, timeout=10)["snapshot"]["activity"]["id"],
            "request_id": f"kudos-x-{lang}", "answer": {"to": ana_id, "category": 0, "message": DEE_TO_ANA, "anonymous": False},
        }, timeout=10)
        assert ack["ok"], ack
        queue = host.locator("#kind-live-body .moderation").first.locator(".moderation__item")
        expect(queue).to_have_count(2)
        host.locator("#live-kind").evaluate("(panel) => panel.scrollIntoView()")
        check(host, lang, "console-queue", CONSOLE_PARTS)

        # The wall: each approval lands on the screen with its cue from celebrate.js.
        cues = "() => { const m = window.teamplayMoments; return (m.played.kudos || 0) + (m.muted.kudos || 0); }"
        before = screen.evaluate(cues)
        queue.first.locator(".btn--primary").click()
        expect(screen.locator(".wall-card")).to_have_count(1)
        queue.first.locator(".btn--primary").click()
        expect(screen.locator(".wall-card")).to_have_count(2)
        assert screen.evaluate(cues) - before == 2
        check(screen, lang, "screen-wall", [SCREEN_PART])
        check(host, lang, "console-wall", CONSOLE_PARTS)

        # A nudge: the screen says how many wait, the phone lists them to pick from.
        host.locator("#kind-live-body .kudos-live__section").nth(2).locator(".btn--primary").click()
        expect(screen.locator(".kudos-banner")).to_be_visible()
        expect(kind.locator(".kudos-nudge")).to_be_visible()
        check(screen, lang, "screen-nudge", [SCREEN_PART])
        expect(kind.locator(".kudos-received")).to_contain_text(DEE_TO_ANA)
        expect(kind.locator(".kudos-received .kudos-section__title")).to_have_text(RECEIVED_TITLE[lang])

        # What came in, the nudge and "My kudos" opened, on the phone (the screenshot shows the top of the page).
        kind.locator(".kudos-mine__summary").click()
        expect(kind.locator(".kudos-mine__body .kudos-note")).to_have_count(1)
        phone.evaluate("() => window.scrollTo(0, 0)")
        check_phone(phone, lang, "received-nudge-my-kudos")

        # The "My kudos" page, from the seat this device keeps.
        mine = phone.context.new_page()
        mine.on("pageerror", lambda error: pages.errors.append(f"my kudos: {error}"))
        mine.goto(f"{live_server.url}/kudos/{code}?lang={lang}")
        expect(mine.locator("#my-kudos-notes .kudos-note")).to_have_count(1)
        expect(mine.locator("#my-kudos-notes .kudos-note__from")).to_have_text(FROM_DEE[lang])
        check_phone(mine, lang, "my-kudos-page", parts=["#my-kudos-list"])
    finally:
        for client in others.values():
            client.disconnect()
    assert pages.errors == []
