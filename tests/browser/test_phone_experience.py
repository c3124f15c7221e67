"""The phone as players hold it: every view in English and Spanish at 360×740 and 390×844 without axe violations,
sideways scroll or small tap targets; the language switch keeps the seat; refusals come back in the page's language;
the keyboard never hides the submit button; a dropped socket says "Reconnecting…"; a tap buzzes; a screen reader
hears the new view, "Answer sent" and the countdown only at 10 s and 0."""
import json
import re

import pytest

from .conftest import RECONNECT_TIMEOUT_MS, TIMEOUT_MS, assert_accessible, screenshot
from .test_screen_and_phone import SCENARIO, Host

pytestmark = pytest.mark.browser

# One phone per language and size, all in the same room: (name, language, width, height).
PHONES = [("Ana", "en", 360, 740), ("Bo", "en", 390, 844), ("Cía", "es", 360, 740), ("Dani", "es", 390, 844)]
TEXTS = {
    "en": {"lobby": "You're in!", "sent": "Answer sent", "ten": "10 seconds left", "reconnecting": "Reconnecting…",
           "pick": "Pick your team", "ended": "Thanks for playing", "kudos": "Kudos for you",
           "removed": "You were removed from this room", "lost": "You're not in this room any more"},
    "es": {"lobby": "¡Ya estás dentro!", "sent": "Respuesta enviada", "ten": "Quedan 10 segundos",
           "reconnecting": "Reconectando…", "pick": "Elige tu equipo", "ended": "Gracias por jugar",
           "kudos": "Reconocimientos para ti", "removed": "Te sacaron de esta sala",
           "lost": "Ya no estás en esta sala"},
}
# Every tap on the phone buzzes through navigator.vibrate, and what the polite live region says is recorded.
SPY = """
window.__buzzes = [];
Object.defineProperty(Navigator.prototype, "vibrate", {configurable: true, value: (ms) => { window.__buzzes.push(ms); return true; }});
window.__said = [];
new MutationObserver(() => {
  const region = document.getElementById("announcer");
  if (region && region.textContent) window.__said.push(region.textContent);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
SMALL_TARGETS = """() => [...document.querySelectorAll('button, summary, a, input, textarea, select, [role=button]')]
    .filter((el) => el.getClientRects().length && !el.closest('[hidden]'))
    .map((el) => [el.id || el.className || el.tagName, el.textContent.trim().slice(0, 30),
                  Math.round(el.getBoundingClientRect().width), Math.round(el.getBoundingClientRect().height)])
    .filter(([, , width, height]) => width < 48 || height < 48)"""

# Waits for the views' entrance animations (a fading view would be measured half transparent).
SETTLED = """() => Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(a.effect.getComputedTiming().endTime)).map((a) => a.finished.catch(() => null)))"""


def lang_query(lang):
    return "?lang=es" if lang == "es" else ""


def seat_phone(pages, live_server, code, name, lang, width, height, token=None):
    """A phone with a seat in localStorage (joined through the API, or a made-up `token`), on /play in `lang`."""
    if token is None:
        joined = live_server.join(code, name)
        joined.raise_for_status()
        body = joined.json()
        seat = {"resume_token": body["resume_token"], "name": name, "player_id": body["player"]["id"]}
    else:
        seat = {"resume_token": token, "name": name, "player_id": None}
    context = pages.browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(f"localStorage.setItem({json.dumps('teamplay.seat.' + code)}, {json.dumps(json.dumps(seat))});")
    context.add_init_script(SPY)
    page = context.new_page()
    page.on("pageerror", lambda error: pages.errors.append(f"{name}: {error}"))
    page.goto(f"{live_server.url}/play/{code}{lang_query(lang)}")
    page.seat = seat
    return page


def check_phone(page, lang, size, state):
    """No sideways scroll, every target at least 48 px, no axe violation, and a screenshot to look at."""
    where = f"the {lang} phone at {size}, {state}"
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate(SETTLED)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), f"{where} scrolls sideways"
    assert page.evaluate(SMALL_TARGETS) == [], f"{where}: tap targets under 48 px"
    assert_accessible(page, where)
    screenshot(page, f"phone-exp-{lang}-{size}-{state}.png")


def check_all(phones, state, view=None):
    from playwright.sync_api import expect

    for (name, lang, width, height), page in phones:
        if view:
            expect(page.locator(f"#{view}")).to_be_visible()
        check_phone(page, lang, f"{width}x{height}", state)


def test_every_phone_view_reads_well_in_both_languages_at_both_sizes(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Phone huddle")
    code = created["event"]["code"]
    host = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
    try:
        phones = [(spec, seat_phone(pages, live_server, code, *spec)) for spec in PHONES]
        for (name, lang, *_), page in phones:
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("#view-lobby h1")).to_have_text(TEXTS[lang]["lobby"])
            expect(page.locator("#connection .connection")).to_have_attribute("data-status", "online")
        check_all(phones, "lobby")

        host.call("teams:setup", {"count": 2, "mode": "pick"})
        for (name, lang, *_), page in phones:
            expect(page.locator("#pick-title")).to_have_text(TEXTS[lang]["pick"])
            expect(page.locator("#pick-title")).to_be_focused()
        check_all(phones, "pick-team", "view-pick")
        for index, (spec, page) in enumerate(phones):
            page.locator("#team-buttons .team-button").nth(index % 2).click()
            expect(page.locator("#view-lobby")).to_be_visible()

        # ---------- Poll: answering, answered (a buzz, "Answer sent"), revealed ----------
        host.call("activity:start", {"kind": "poll", "settings": {
            "question": "Coffee or tea for the late shift?", "options": ["Coffee", "Tea", "Neither"], "duration_s": 120}})
        poll_id = host.state["activity"]["id"]
        for spec, page in phones:
            expect(page.locator("#poll-choices .choice")).to_have_count(3)
            expect(page.locator("#poll-question")).to_be_focused()
        check_all(phones, "poll", "view-poll")
        for index, ((name, lang, *_), page) in enumerate(phones):
            page.locator("#poll-choices .choice").nth(index % 3).click()
            expect(page.locator("#answered-title")).to_be_focused()
            assert page.evaluate("window.__buzzes") == [30, 30], name  # the team pick, then the answer
            expect(page.locator("#announcer")).to_have_text(TEXTS[lang]["sent"])
        check_all(phones, "answered", "view-answered")
        host.call("activity:reveal", {"activity_id": poll_id})
        check_all(phones, "revealed", "view-revealed")
        expect(phones[2][1].locator("#revealed-bars .bar__mine").first).to_have_text("Tu respuesta")

        # ---------- Team trivia: the countdown speaks at 10 s, not every second ----------
        host.call("activity:start", {"kind": "team_trivia", "settings": {
            "question": "Which channel answers a customer fastest?", "options": ["Letter", "Live chat", "Fax", "Pigeon"],
            "correct": 1, "duration_s": 13}})
        trivia_id = host.state["activity"]["id"]
        for index, (spec, page) in enumerate(phones):
            expect(page.locator("#trivia-choices .choice")).to_have_count(4)
            page.locator("#trivia-choices .choice").nth(index % 2).click()
            expect(page.locator("#trivia-choices .choice").nth(index % 2)).to_have_attribute("aria-pressed", "true")
        expect(phones[3][1].locator("#team-waiting")).to_have_text("Todo tu equipo ya votó")
        check_all(phones, "team-trivia", "view-trivia")
        for (name, lang, *_), page in phones:
            expect(page.locator("#announcer")).to_have_text(TEXTS[lang]["ten"], timeout=8000)
            said = page.evaluate("window.__said")
            assert not any(re.fullmatch(r"\d+", text) for text in said), said
        host.call("activity:reveal", {"activity_id": trivia_id})
        check_all(phones, "trivia-result", "view-trivia-result")

        # ---------- Scenario: writing together, then voting ----------
        host.call("activity:start", {"kind": "scenario", "settings": SCENARIO})
        scenario_id = host.state["activity"]["id"]
        for index, (spec, page) in enumerate(phones[:2]):
            expect(page.locator("#draft-fields textarea")).to_have_count(3)
            page.locator("#draft-opening").fill(f"Words from team {index + 1}, kind and clear")
        for spec, page in phones[2:]:
            expect(page.locator("#draft-fields textarea")).to_have_count(3)
        phones[0][1].wait_for_timeout(700)  # the drafts are saved
        check_all(phones, "scenario-write", "view-write")
        host.call("activity:advance", {"activity_id": scenario_id})
        for spec, page in phones:
            expect(page.locator("#vote-entries .entry-card")).to_have_count(2)
        check_all(phones, "scenario-vote", "view-vote")
        host.call("activity:reveal", {"activity_id": scenario_id})

        # ---------- Co-op goal ----------
        host.call("activity:start", {"kind": "coop_goal", "settings": {"goal": 4, "duration_s": 120, "pack": "general_fun"}})
        for spec, page in phones:
            expect(page.locator("#coop-choices .choice").first).to_be_visible()
        check_all(phones, "coop", "view-coop")
        host.call("activity:reveal", {"activity_id": host.state["activity"]["id"]})

        # ---------- Removed, and a seat the room does not know ----------
        removed = []
        for name, lang, width, height in PHONES:
            page = seat_phone(pages, live_server, code, f"{name} 2", lang, width, height)
            expect(page.locator("#connection .connection")).to_have_attribute("data-status", "online")
            removed.append(((name, lang, width, height), page))
            host.call("player:remove", {"player_id": page.seat["player_id"]})
        for (name, lang, *_), page in removed:
            expect(page.locator("#view-removed h1")).to_have_text(TEXTS[lang]["removed"])
        check_all(removed, "removed", "view-removed")
        lost = [(spec, seat_phone(pages, live_server, code, spec[0], *spec[1:], token="not-a-real-token"))
                for spec in PHONES]
        for (name, lang, *_), page in lost:
            expect(page.locator("#view-lost h1")).to_have_text(TEXTS[lang]["lost"])
        check_all(lost, "lost-seat", "view-lost")

        host.call("event:end", {})
        for (name, lang, *_), page in phones:
            expect(page.locator("#view-ended h1")).to_have_text(TEXTS[lang]["ended"])
        check_all(phones, "ended", "view-ended")

        for (name, lang, *_), page in phones:
            page.goto(f"{live_server.url}/kudos/{code}{lang_query(lang)}")
            expect(page.locator("#my-kudos-title")).to_have_text(TEXTS[lang]["kudos"])
        check_all(phones, "my-kudos", "my-kudos-list")
        assert pages.errors == []
    finally:
        host.close()


def test_the_join_page_in_both_languages_keeps_its_button_above_the_keyboard(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Join huddle")
    code = created["event"]["code"]
    for name, lang, width, height in PHONES:
        size = f"{width}x{height}"
        phone = pages.phone(f"{live_server.url}/join{lang_query(lang)}", width, height)
        expect(phone.locator("html")).to_have_attribute("lang", lang)
        expect(phone.locator("#code-input")).to_be_focused()
        check_phone(phone, lang, size, "join-code")
        phone.fill("#code-input", "ZZZZZZ")
        phone.click("#code-submit")
        expect(phone.locator("#join-error")).not_to_be_empty()
        expect(phone.locator("#code-input")).to_have_attribute("aria-invalid", "true")
        if lang == "es":
            expect(phone.locator("#join-error")).to_have_text("No hay ninguna sala con ese código. Revisa el código en la pantalla grande.")
        check_phone(phone, lang, size, "join-error")
        phone.fill("#code-input", code)
        phone.click("#code-submit")
        expect(phone.locator("#name-step")).to_be_visible()
        expect(phone.locator("#name-input")).to_be_focused()
        check_phone(phone, lang, size, "join-name")

        # The on-screen keyboard takes the lower half: the field and its Join button stay in view.
        phone.set_viewport_size({"width": width, "height": height // 2 - 60})
        phone.wait_for_timeout(450)
        boxes = phone.evaluate("""() => ({field: document.getElementById('name-input').getBoundingClientRect().top,
            submit: document.getElementById('name-submit').getBoundingClientRect().bottom, height: innerHeight})""")
        assert boxes["field"] >= 0 and boxes["submit"] <= boxes["height"], (lang, size, boxes)
        phone.context.close()
    assert pages.errors == []


def test_the_language_switch_keeps_the_seat_and_refusals_speak_the_pages_language(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Switch huddle")
    code = created["event"]["code"]
    host = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
    try:
        phone = seat_phone(pages, live_server, code, "Eva", "en", 390, 844)
        expect(phone.locator("#view-lobby h1")).to_have_text("You're in!")
        switch = phone.locator(".lang-switch")
        expect(switch).to_have_accessible_name("Español — Switch to Spanish")
        box = switch.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, box
        switch.click()
        expect(phone.locator("html")).to_have_attribute("lang", "es")
        expect(phone.locator("#view-lobby h1")).to_have_text("¡Ya estás dentro!")
        expect(phone.locator("#player-name")).to_have_text("Eva")
        expect(phone.locator("#connection .connection")).to_have_attribute("data-status", "online")
        expect(phone.locator(".lang-switch")).to_have_accessible_name("English — Cambiar a inglés")
        seat = phone.evaluate(f"JSON.parse(localStorage.getItem('teamplay.seat.{code}'))")
        assert seat["resume_token"] == phone.seat["resume_token"]
        # The choice is this device's: a new page of the room opens in Spanish without ?lang.
        phone.goto(f"{live_server.url}/join/{code}")
        expect(phone).to_have_url(re.compile(f"/play/{code}$"))
        expect(phone.locator("#view-lobby h1")).to_have_text("¡Ya estás dentro!")

        # A refused answer: the same seat answers from a second tab after the first one did (?lang=es).
        other = phone.context.new_page()
        other.goto(f"{live_server.url}/play/{code}?lang=es")
        expect(other.locator("#view-lobby")).to_be_visible()
        host.call("activity:start", {"kind": "poll", "settings": {
            "question": "Stand-up or sit-down?", "options": ["Stand", "Sit"], "duration_s": 120}})
        expect(phone.locator("#poll-choices .choice")).to_have_count(2)
        expect(other.locator("#poll-choices .choice")).to_have_count(2)
        phone.locator("#poll-choices .choice").first.click()
        expect(phone.locator("#answered-title")).to_have_text("Respuesta recibida: Stand")
        other.locator("#poll-choices .choice").nth(1).click()
        expect(other.locator("#poll-error")).to_have_text("Ya respondiste esta pregunta.")
        expect(other.locator("#answered-title")).to_have_text("Respuesta recibida: Stand")  # the room's word for it

        # Back to English, from the switch on the join page.
        phone.goto(f"{live_server.url}/join")
        expect(phone.locator("html")).to_have_attribute("lang", "es")
        phone.locator(".lang-switch").click()
        expect(phone.locator("html")).to_have_attribute("lang", "en")
        expect(phone.locator("#code-step h1")).to_have_text("Join the fun")

        # The server drops: the header says so in words, and comes back by itself.
        phone.goto(f"{live_server.url}/play/{code}")
        expect(phone.locator("#answered-title")).to_have_text("Answer received: Stand")
        live_server.kill()
        expect(phone.locator("#connection")).to_contain_text(TEXTS["en"]["reconnecting"])
        expect(other.locator("#connection")).to_contain_text(TEXTS["es"]["reconnecting"])
        check_phone(phone, "en", "390x844", "reconnecting")
        live_server.start()
        for page in (phone, other):
            expect(page.locator("#connection .connection")).to_have_attribute(
                "data-status", "online", timeout=RECONNECT_TIMEOUT_MS)
        assert pages.errors == []
    finally:
        host.close()
