"""A whole event in real browsers, in English and in Spanish: the host console, the big screen at the three sizes it
meets (1920×1080, a 1280×720 video tile, a 1024×768 projector) and four phones (two at 360×740, two at 390×844) go
through one activity of every kind, then the leaderboard, the podium and the end. At each step every page is
screenshotted (tests/artifacts/full-<lang>-…), the pages are checked by axe-core for WCAG 2.2 AA, the phones for
sideways scrolling, and in Spanish no English message of the catalogue may show on any page."""
import itertools
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.live.conftest import wait_until

from .conftest import assert_accessible, open_phone, screenshot
from .test_screen_and_phone import Host, assert_no_sideways_scroll

pytestmark = pytest.mark.browser

CATALOGUE = Path(__file__).resolve().parents[2] / "teamplay" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
SCREENS = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
PHONES = {"Ana": (360, 740), "Bo": (390, 844), "Cy": (360, 740), "Dee": (390, 844)}

# What people type and the facilitator writes: data in the event's language, not messages.
CONTENT = {
    "en": {
        "title": "Friday huddle",
        "poll": {"question": "Coffee or tea?", "options": ["Coffee", "Tea", "Neither"], "duration_s": 120},
        "trivia": {"question": "Which channel answers a customer fastest?",
                   "options": ["Letter", "Live chat", "Fax"], "correct": 1, "duration_s": 120},
        "scenario": {"title": "Billed twice", "situation": "A caller was charged twice and wants the money back today.",
                     "duration_s": 300, "vote_duration_s": 120},
        "opening": "I am so sorry, I can see both charges right here",
        "this_or_that": {"question": "Morning or evening shift?", "a": "Morning", "b": "Evening", "show_names": True},
        "word_cloud": {"prompt": "One word for this week", "max_entries": 2},
        "words": ["Busy", "Kind", "Calm", "Proud"],
        "open_question": {"prompt": "What made you smile at work?", "anonymous": False, "moderation": True},
        "open_answers": ["A thank-you card", "My team's jokes", "A calm caller", "Sunny lunch"],
        "mood": {"prompt": "How are you arriving?", "scale": "number", "ask_help": True},
        "who_said_it": {"prompt": "A fun fact about you", "guess_s": 60},
        "facts": ["I can juggle", "I met a famous chef", "I grow chillies", "I sing in a choir"],
        "two_truths": {"prompt": "Holidays", "vote_s": 60},
        "statements": ["I have been to Peru", "I speak Welsh", "I met a dolphin"],
        "hot_seat": {"questions": ["Best meal you ever had?", "Your first job?"]},
        "kudos": {"prompt": "Thank a colleague", "categories": ["Helpful", "Kind", "Calm"], "limit": 2,
                  "moderation": True},
        "kudos_message": "Thank you for covering my calls",
    },
    "es": {
        "title": "Reunión del viernes",
        "poll": {"question": "¿Café o té?", "options": ["Café", "Té", "Ninguno"], "duration_s": 120},
        "trivia": {"question": "¿Qué canal responde más rápido a un cliente?",
                   "options": ["Carta", "Chat en vivo", "Fax"], "correct": 1, "duration_s": 120},
        "scenario": {"title": "Cobro doble", "situation": "A un cliente le cobraron dos veces y quiere su dinero hoy.",
                     "duration_s": 300, "vote_duration_s": 120},
        "opening": "Lo siento mucho, veo los dos cobros aquí mismo",
        "this_or_that": {"question": "¿Turno de mañana o de tarde?", "a": "Mañana", "b": "Tarde", "show_names": True},
        "word_cloud": {"prompt": "Una palabra para esta semana", "max_entries": 2},
        "words": ["Intensa", "Amable", "Tranquila", "Orgullo"],
        "open_question": {"prompt": "¿Qué te hizo sonreír en el trabajo?", "anonymous": False, "moderation": True},
        "open_answers": ["Una tarjeta de gracias", "Las bromas del equipo", "Un cliente amable", "Almuerzo al sol"],
        "mood": {"prompt": "¿Cómo llegas hoy?", "scale": "number", "ask_help": True},
        "who_said_it": {"prompt": "Un dato curioso sobre ti", "guess_s": 60},
        "facts": ["Sé hacer malabares", "Conocí a un chef famoso", "Cultivo chiles", "Canto en un coro"],
        "two_truths": {"prompt": "Vacaciones", "vote_s": 60},
        "statements": ["Estuve en Perú", "Hablo galés", "Conocí a un delfín"],
        "hot_seat": {"questions": ["¿La mejor comida de tu vida?", "¿Tu primer trabajo?"]},
        "kudos": {"prompt": "Agradece a un compañero", "categories": ["Servicial", "Amable", "Sereno"], "limit": 2,
                  "moderation": True},
        "kudos_message": "Gracias por cubrir mis llamadas",
    },
}


@cache
def english_messages():
    """The catalogue's English messages of three words or more whose Spanish differs: none may show in Spanish."""
    with CATALOGUE.open("rb") as po_file:
        catalog = read_po(po_file)
    found = set()
    for message in catalog:
        if not message.id or message.pluralizable or not message.string or message.string == message.id:
            continue
        if "%(" in message.id or len(message.id.split()) < 3:
            continue
        found.add(message.id)
    return found


class Event:
    """The pages of one event, and a checkpoint that screenshots, axe-checks and language-checks them."""

    def __init__(self, lang, host, console, screens, phones):
        self.lang = lang
        self.host = host
        self.console = console
        self.screens = screens
        self.phones = phones
        self.steps = itertools.count(1)
        self.turn = itertools.count()

    def pages(self):
        yield "console", self.console
        for size, screen in self.screens.items():
            yield f"screen-{size}", screen
        for name, phone in self.phones.items():
            yield f"phone-{name}-{'x'.join(map(str, PHONES[name]))}", phone

    def checkpoint(self, step):
        number = next(self.steps)
        turn = next(self.turn)
        # axe on the console, one of the three screens and two phones (one of each size) in turn: every page and
        # size is checked many times over the event without running axe eight times per step.
        checked = {"console", f"screen-{list(self.screens)[turn % 3]}",
                   f"phone-{['Ana', 'Cy'][turn % 2]}-360x740", f"phone-{['Bo', 'Dee'][turn % 2]}-390x844"}
        for label, page in self.pages():
            screenshot(page, f"full-{self.lang}-{number:02d}-{step}-{label}.png")
            if label.startswith("phone"):
                assert_no_sideways_scroll(page)
            if label in checked:
                assert_accessible(page, f"{label} at step {step} ({self.lang})")
            if self.lang == "es":
                assert_spanish(page, f"{label} at step {step}")

    def snapshot(self):
        return self.host.client.call("sync", {}, timeout=10)["snapshot"]


def assert_spanish(page, where):
    assert page.evaluate("document.documentElement.lang") == "es", f"{where} is not in Spanish"
    text = page.evaluate("document.body.innerText").casefold()  # innerText is as shown: upper case by CSS too
    shown = sorted(message for message in english_messages() if message.casefold() in text)
    assert shown == [], f"English on the Spanish {where}: {shown[:8]}"


def wait_answered(event, count):
    def answered():
        results = (event.snapshot()["activity"] or {}).get("results") or {}
        return results.get("answered", 0) >= count

    wait_until(answered, timeout=10, message=f"{count} answers in")


def tap_first_choice(phone, scope="#view-kind"):
    from playwright.sync_api import expect

    choice = phone.locator(f"{scope} .choice:visible").first
    expect(choice).to_be_enabled()
    choice.click()


def submit_text(phone, selector, text):
    from playwright.sync_api import expect

    field = phone.locator(selector)
    expect(field).to_be_visible()
    field.fill(text)
    field.press("Enter") if field.evaluate("el => el.tagName") == "INPUT" else \
        phone.locator("#view-kind form button[type=submit]:visible").first.click()


def run_event(event, content):
    from playwright.sync_api import expect

    host, phones = event.host, event.phones
    names = list(phones)
    start = lambda kind, settings: host.call("activity:start", {"kind": kind, "settings": settings})  # noqa: E731
    activity_id = lambda: event.snapshot()["activity"]["id"]  # noqa: E731

    for phone in phones.values():
        expect(phone.locator("#view-lobby")).to_be_visible()
    event.checkpoint("lobby")

    # ---------- Poll ----------
    start("poll", content["poll"])
    for index, phone in enumerate(phones.values()):
        choice = phone.locator("#poll-choices .choice").nth(index % 3)
        expect(choice).to_be_enabled()
        choice.click()
        expect(phone.locator("#view-answered")).to_be_visible()
    wait_answered(event, 4)
    event.checkpoint("poll-answered")
    host.call("activity:reveal", {"activity_id": activity_id()})
    for phone in phones.values():
        expect(phone.locator("#view-revealed")).to_be_visible()
    event.checkpoint("poll-revealed")

    # ---------- Teams, then team trivia ----------
    host.call("teams:setup", {"count": 2, "mode": "arrival"})
    start("team_trivia", content["trivia"])
    for index, phone in enumerate(phones.values()):
        choice = phone.locator("#trivia-choices .choice").nth(1 if index < 3 else 0)
        expect(choice).to_be_enabled()
        choice.click()
        expect(choice).to_have_attribute("data-chosen", "true")
    event.checkpoint("trivia-voting")
    host.call("activity:reveal", {"activity_id": activity_id()})
    for phone in phones.values():
        expect(phone.locator("#view-trivia-result")).to_be_visible()
    event.checkpoint("trivia-result")

    # ---------- Customer scenario: write together, then vote ----------
    start("scenario", content["scenario"])
    for phone in (phones["Ana"], phones["Bo"]):  # one of each team (teams by arrival: Ana, Cy | Bo, Dee)
        field = phone.locator("#draft-opening")
        expect(field).to_be_visible()
        field.fill(content["opening"])
    phones["Cy"].locator("#draft-opening").click()
    event.checkpoint("scenario-writing")
    host.call("activity:advance", {"activity_id": activity_id()})
    for phone in phones.values():
        card = phone.locator("#vote-entries button.entry-card")
        expect(card).to_have_count(1)
        card.click()
        expect(phone.locator("#view-answered")).to_be_visible()
    event.checkpoint("scenario-voted")
    host.call("activity:reveal", {"activity_id": activity_id()})
    for phone in phones.values():
        expect(phone.locator("#view-entries")).to_be_visible()
    event.checkpoint("scenario-result")

    # ---------- Co-op goal ----------
    start("coop_goal", {"goal": 8, "duration_s": 120, "pack": "general_fun", "lang": event.lang})
    for phone in phones.values():
        tap_first_choice(phone, "#coop-choices")
    expect(phones["Ana"].locator("#coop-feedback")).not_to_be_empty()
    event.checkpoint("coop-answering")
    host.call("activity:reveal", {"activity_id": activity_id()})
    event.checkpoint("coop-closed")

    # ---------- This or that ----------
    start("this_or_that", content["this_or_that"])
    for index, phone in enumerate(phones.values()):
        choice = phone.locator("#view-kind .choice").nth(index % 2)
        expect(choice).to_be_enabled()
        choice.click()
    wait_answered(event, 4)
    event.checkpoint("this-or-that-answered")
    host.call("activity:reveal", {"activity_id": activity_id()})
    event.checkpoint("this-or-that-revealed")

    # ---------- Word cloud ----------
    start("word_cloud", content["word_cloud"])
    for phone, word in zip(phones.values(), content["words"]):
        submit_text(phone, "#cloud-word", word)
        expect(phone.locator("#view-kind .cloud-mine .chip")).to_have_count(1)
    wait_answered(event, 4)
    event.checkpoint("word-cloud")
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Open question, moderated ----------
    start("open_question", content["open_question"])
    for phone, text in zip(phones.values(), content["open_answers"]):
        submit_text(phone, "#open-answer", text)
    wait_answered(event, 4)
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "approve_all"}})
    expect(event.screens["1920x1080"].locator(".answer-card")).to_have_count(4)
    event.checkpoint("open-question-approved")
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Mood check-in ----------
    start("mood_checkin", {**content["mood"], "lang": event.lang})
    for index, phone in enumerate(phones.values()):
        face = phone.locator("#view-kind .mood-face").nth(2 + index % 3)
        expect(face).to_be_visible()
        face.click()
    wait_answered(event, 4)
    event.checkpoint("mood-in")
    host.call("activity:close", {"activity_id": activity_id()})
    event.checkpoint("mood-closed")

    # ---------- Who said it? ----------
    start("who_said_it", content["who_said_it"])
    for phone, fact in zip(phones.values(), content["facts"]):
        submit_text(phone, "#who-text", fact)
    wait_answered(event, 4)
    host.call("activity:advance", {"activity_id": activity_id()})
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "show", "item": 0}})
    expect(event.screens["1920x1080"].locator(".who-quote")).to_be_visible()
    event.checkpoint("who-said-it-guessing")
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "reveal"}})
    expect(event.screens["1920x1080"].locator(".who-author")).to_be_visible()
    event.checkpoint("who-said-it-revealed")
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Two truths and a lie: Bo tells ----------
    bo_id = next(player["id"] for player in event.snapshot()["roster"] if player["name"] == "Bo")
    start("two_truths", {**content["two_truths"], "teller_id": bo_id})
    teller = phones["Bo"]
    for index, statement in enumerate(content["statements"]):
        teller.locator(f"#truth-{index}").fill(statement)
    teller.locator(".truth-row__lie input").nth(1).check()
    teller.locator(".truth-form button[type=submit]").click()
    wait_answered(event, 1)
    host.call("activity:advance", {"activity_id": activity_id()})
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "next"}})  # Bo's turn
    for name in ("Ana", "Cy", "Dee"):
        choice = phones[name].locator("#view-kind .choice").nth(1)
        expect(choice).to_be_enabled()
        choice.click()
    event.checkpoint("two-truths-voting")
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "reveal"}})
    expect(event.screens["1920x1080"].locator(".truth[data-lie=true]")).to_contain_text(content["statements"][1])
    event.checkpoint("two-truths-revealed")
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Hot seat ----------
    start("hot_seat", {**content["hot_seat"], "lang": event.lang})
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "spin"}})
    spun = wait_until(lambda: (event.snapshot()["activity"]["results"] or {}).get("spin"), message="the wheel spun")
    chosen = phones[spun["player"]["name"]]
    answer = chosen.locator("#view-kind .seat-phone__title[data-chosen=true]")
    expect(answer).to_be_visible()
    expect(event.screens["1920x1080"].locator(".seat-name")).to_have_text(spun["player"]["name"], timeout=8000)
    event.checkpoint("hot-seat-chosen")
    chosen.locator("#view-kind .btn--primary:visible").first.click()
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "done"}})
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Kudos: everyone thanks the next person ----------
    start("kudos", content["kudos"])
    for index, (name, phone) in enumerate(phones.items()):
        recipient = names[(index + 1) % len(names)]
        person = phone.locator("#view-kind .kudos-people button", has_text=recipient)
        expect(person).to_be_visible()
        person.click()
        phone.locator("#view-kind .kudos-categories [role=radio]").first.click()
        phone.locator("#view-kind .kudos-message").fill(content["kudos_message"])
        phone.locator("#view-kind .kudos-send").click()
    wait_answered(event, 4)
    event.checkpoint("kudos-sent")
    host.call("activity:control", {"activity_id": activity_id(), "action": {"action": "approve_all"}})
    expect(event.screens["1920x1080"].locator(".kudos-wall .wall-card")).to_have_count(4)
    event.checkpoint("kudos-wall")
    host.call("activity:close", {"activity_id": activity_id()})

    # ---------- Leaderboard, podium, the end ----------
    host.call("board:show", {"scene": "leaderboard"})
    event.checkpoint("leaderboard")
    host.call("board:show", {"scene": "podium"})
    event.checkpoint("podium")
    host.call("event:end", {})
    for phone in phones.values():
        expect(phone.locator("#view-ended")).to_be_visible()
    event.checkpoint("ended")


@pytest.mark.timeout(600)  # a whole event with eight pages, axe at every step
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_whole_event_in_every_kind_reads_well_and_passes_axe_on_every_page(live_server, pages, lang):
    content = CONTENT[lang]
    created = live_server.create_event(content["title"])
    code = created["event"]["code"]
    host = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
    try:
        # The facilitator picks the event's language: the screen and every phone without a choice of its own follow.
        host.call("board:settings", {"language": lang, "sound": False})
        phones = {name: open_phone(pages, live_server, code, name, *size) for name, size in PHONES.items()}
        screens = {size: pages.open(created["screen_url"], *dims, reduced_motion="reduce")
                   for size, dims in SCREENS.items()}
        console = pages.open(created["host_url"], 1440, 900)
        for page in (*phones.values(), *screens.values(), console):
            assert page.evaluate("document.documentElement.lang") == lang
        wait_until(lambda: len(host.client.call("sync", {}, timeout=10)["snapshot"]["roster"]) == len(PHONES),
                   message="four phones in the room")
        run_event(Event(lang, host, console, screens, phones), content)
    finally:
        host.close()
    assert pages.errors == []
    assert re.search(r"\S", live_server.log()) is None or "Traceback" not in live_server.log()
