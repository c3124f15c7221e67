"""The seven icebreaker kinds as people meet them, in English and in Spanish: the phone (390×844 and 360×740), the big
screen (1920×1080, 1280×720, 1024×768) and the facilitator's console pass axe-core in each kind's main states
(answering, answered, results); the phone's targets are big enough and never scroll sideways; the big screen's
question is large and fits. One room per language; the facilitator is a Socket.IO client (the console page watches).
Screenshots of each state go to tests/artifacts/exp-<lang>-<kind>-<state>-<page>.png."""
import itertools

import pytest

from tests.live.conftest import wait_until

from .conftest import ARTIFACTS, AXE_TAGS, axe_source, join_phone
from .test_host_console import connect_phones
from .test_screen_and_phone import Host

pytestmark = pytest.mark.browser

OTHERS = ["Bo", "Cy", "Dee"]
KINDS = ["this_or_that", "word_cloud", "mood_checkin", "open_question", "hot_seat", "who_said_it", "two_truths"]
requests = itertools.count(1)
PHONES = [(390, 844), (360, 740)]
SCREENS = [(1920, 1080), (1280, 720), (1024, 768)]
MIN_TARGET = 48  # px: every control a finger taps on the phone
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def send(phone, activity_id, answer=None):
    payload = {"activity_id": activity_id, "request_id": f"experience-{next(requests):05d}"}
    payload.update({"answer": answer} if answer is not None else {"pass": True})
    ack = phone.call("response:submit", payload, timeout=10)
    assert ack["ok"], ack
    return ack


SMALL_TARGETS = """() => {
    const small = [];
    for (const el of document.querySelectorAll('#view-kind button, #view-kind input, #view-kind textarea, #view-kind label.check-field')) {
        if (el.closest('[hidden]') || el.type === 'radio' || el.type === 'checkbox') continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        if (r.height < %d || r.width < %d) small.push(`${el.tagName}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
}""" % (MIN_TARGET, MIN_TARGET)

FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

SCREEN_FIT = """() => {
    const view = document.getElementById('kindstage');
    const out = [];
    for (const el of view.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        if (r.width <= 2 || r.height <= 2 || el.closest('[hidden], [aria-hidden="true"], svg, .visually-hidden')) continue;
        if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1) out.push(el.className || el.tagName);
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden') out.push('clipped ' + el.className);
    }
    // The question, and the kinds' own question-sized texts (the hot seat's question, the quote to guess).
    const questions = [...view.querySelectorAll('#kindstage-prompt, .seat-question, .who-quote')]
        .filter((el) => el.textContent.trim() && !el.closest('[hidden]'));
    const size = Math.min(...questions.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    return { out, size, height: innerHeight };
}"""


class Room:
    """One room in one language: a console page, a big screen, a phone page (Ana) and three socket phones."""

    def __init__(self, live_server, pages, lang):
        from playwright.sync_api import expect

        self.lang = lang
        self.problems = []
        created = live_server.create_event(f"Experience {lang}")
        code = created["event"]["code"]
        self.host = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
        self.phones = connect_phones(live_server, code, OTHERS)
        self.ids = {}
        self.turn = -1
        self.phone, self.ana = join_phone(pages, live_server, code, "Ana", *PHONES[0], lang=lang, reduced_motion="reduce")
        self.screen = pages.open(f"{created['screen_url']}?lang={lang}", *SCREENS[0], reduced_motion="reduce")
        self.console = pages.open(f"{created['host_url']}?lang={lang}", 1366, 900)
        expect(self.console.locator("#roster .roster__row")).to_have_count(4)
        for name, client in self.phones.items():
            self.ids[name] = client.call("sync", {}, timeout=10)["snapshot"]["me"]["id"]

    def activity(self):
        return self.phones["Bo"].call("sync", {}, timeout=10)["snapshot"]["activity"]

    def start(self, kind, settings):
        from playwright.sync_api import expect

        self.host.call("activity:start", {"kind": kind, "settings": {"lang": self.lang, **settings}})
        activity = self.activity()
        expect(self.phone.locator(f"#view-kind[data-kind={kind}]")).to_be_visible()
        expect(self.screen.locator(f"#kindstage[data-kind={kind}]")).to_be_visible()
        expect(self.console.locator("#live-kind")).to_be_visible()
        return activity

    def control(self, activity_id, action):
        self.host.call("activity:control", {"activity_id": activity_id, "action": action})

    def call(self, event, activity_id):
        self.host.call(event, {"activity_id": activity_id})

    def axe(self, runs):
        """axe on several pages at once (each runs in its own renderer): runs is [(page, where, context)]."""
        for page, _where, context in runs:
            if not page.evaluate("() => Boolean(window.axe)"):
                page.evaluate(axe_source())
            page.evaluate("([context, options]) => { window.__axeRun = window.axe.run(context || document, options); }",
                          [context, AXE_OPTIONS])
        for page, where, _context in runs:
            for violation in page.evaluate("async () => (await window.__axeRun).violations"):
                nodes = [(node["target"], node.get("failureSummary", "")[:300]) for node in violation["nodes"][:4]]
                self.problems.append(f"{where}: {violation['id']} {violation['help']} {nodes}")

    def shot(self, page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"exp-{self.lang}-{name}.png"))

    def fits(self, where, size):
        fit = self.screen.evaluate(SCREEN_FIT)
        if fit["out"]:
            self.problems.append(f"{where} screen {size}: spills {fit['out'][:6]}")
        if fit["size"] < 0.06 * fit["height"] - 0.5:
            self.problems.append(f"{where} screen {size}: question {fit['size']}px, under 6 % of the height")

    def resize(self, page, size):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.evaluate(FRAMES)

    def typing_keeps_in_view(self, field, target, where):
        """With the keyboard up (the viewport 360×380), focusing `field` keeps it and `target` (its send button) in view."""
        self.resize(self.phone, (360, 380))
        self.phone.focus(field)
        self.phone.wait_for_timeout(400)
        seen = self.phone.evaluate("""([field, target]) => [field, target].map((selector) => {
            const r = document.querySelector(selector).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight + 1; })""", [field, target])
        if not all(seen):
            self.problems.append(f"{self.lang} {where}: with the keyboard up, {field} / {target} in view: {seen}")
        self.phone.evaluate("() => document.activeElement.blur()")
        self.resize(self.phone, PHONES[0])

    def check(self, kind, state, phone=True, screen=True, console=True, full=False):
        """axe on the pages in this state. Each check takes the next phone size and the next screen size in turn, so
        every kind meets axe at each of them over its states; the screen's fit is measured at every size. The
        console is checked whole when `full`, else its live panel (the kind's part)."""
        self.console.wait_for_timeout(100)  # the last broadcast reaches every page
        self.turn += 1
        phone_size, screen_size = PHONES[self.turn % len(PHONES)], SCREENS[self.turn % len(SCREENS)]
        where = f"{self.lang} {kind} {state}"
        name = f"{kind}-{state}"
        if phone:
            self.resize(self.phone, phone_size)
        if screen:
            self.resize(self.screen, screen_size)
        runs = []
        if phone:
            runs.append((self.phone, f"{where} phone {phone_size}", None))
        if screen:
            runs.append((self.screen, f"{where} screen {screen_size}", None))
        if console:
            runs.append((self.console, f"{where} console", None if full else "#live-kind"))
        self.axe(runs)
        if phone:
            small = self.phone.evaluate(SMALL_TARGETS)
            if small:
                self.problems.append(f"{where} phone: targets under {MIN_TARGET}px: {small}")
            if not self.phone.evaluate("document.documentElement.scrollWidth <= innerWidth"):
                self.problems.append(f"{where} phone {phone_size}: scrolls sideways")
            self.shot(self.phone, f"{name}-phone{phone_size[0]}")
            self.resize(self.phone, PHONES[0])
        if screen:
            self.fits(where, screen_size)
            if state != "answered":  # the screen of an answered state is the answering one with more counts
                self.shot(self.screen, f"{name}-screen{screen_size[1]}")
            for size in SCREENS:
                if size != screen_size:
                    self.resize(self.screen, size)
                    self.fits(where, size)
            if screen_size != SCREENS[0]:
                self.resize(self.screen, SCREENS[0])
        if console and full:
            self.shot(self.console, f"{name}-console")

    def close(self):
        self.host.close()
        for client in self.phones.values():
            client.disconnect()


def run_every_kind(room):
    """Each kind through its states; the checks collect problems instead of stopping at the first."""
    from playwright.sync_api import expect

    phone, screen = room.phone, room.screen
    status = phone.locator("#view-kind .kind-status")

    # The console's composer of each kind, before anything runs
    for kind in KINDS:
        room.console.click(f"#tab-{kind}")
        expect(room.console.locator("#icebreaker-fields .kind-composer")).to_be_visible()
        room.axe([(room.console, f"{room.lang} {kind} composer", "#icebreaker-composer")])
        if kind in ("open_question", "two_truths"):
            room.console.locator("#icebreaker-composer").screenshot(path=str(ARTIFACTS / f"exp-{room.lang}-{kind}-composer.png"))

    # This or that
    act = room.start("this_or_that", {"shuffle": True, "show_names": True, "duration_s": None})
    expect(phone.locator("#view-kind .choice")).to_have_count(2)
    room.check("this_or_that", "answering", full=True)
    phone.locator("#view-kind .choice").first.click()
    expect(status).not_to_be_empty()
    expect(phone.locator("#view-kind .choice").first).to_have_attribute("aria-pressed", "true")
    for name, choice in zip(OTHERS, (0, 1, None)):
        send(room.phones[name], act["id"], {"choice": choice} if choice is not None else None)
    room.check("this_or_that", "answered", screen=False, console=False)
    room.call("activity:reveal", act["id"])
    expect(screen.locator(".tot-side__names").first).to_contain_text("Ana")
    room.check("this_or_that", "results")

    # Word cloud
    act = room.start("word_cloud", {"shuffle": True, "max_entries": 3, "duration_s": None})
    room.check("word_cloud", "answering", full=True)
    room.typing_keeps_in_view("#cloud-word", "#view-kind .cloud-form button[type=submit]", "word cloud")
    phone.fill("#cloud-word", "Kindness")
    phone.locator("#view-kind .cloud-form button[type=submit]").click()
    expect(phone.locator("#view-kind .cloud-mine .chip")).to_have_count(1)
    for name, word in zip(OTHERS, ("kindness", "Teamwork", "Coffee")):
        send(room.phones[name], act["id"], {"text": word})
    expect(screen.locator(".cloud__word")).to_have_count(3)
    room.check("word_cloud", "answered")
    room.call("activity:close", act["id"])
    room.call("activity:reveal", act["id"])
    room.check("word_cloud", "results")

    # Mood check-in
    act = room.start("mood_checkin", {"scale": "emoji", "ask_help": True, "duration_s": None})
    room.check("mood_checkin", "answering", full=True)
    phone.fill("#mood-help", "A quiet hour")
    phone.locator("#view-kind .mood-face").nth(3).click()
    expect(status).not_to_be_empty()
    for name, value in zip(OTHERS, (5, 3, 4)):
        send(room.phones[name], act["id"], {"value": value})
    room.check("mood_checkin", "answered")
    room.call("activity:close", act["id"])
    expect(screen.locator(".mood-bars .kind-bar")).to_have_count(5)
    room.check("mood_checkin", "results")

    # Open question, moderated
    act = room.start("open_question", {"shuffle": True, "depth": "light", "anonymous": False, "moderation": True,
                                       "duration_s": None})
    room.check("open_question", "answering", full=True)
    room.typing_keeps_in_view("#open-answer", "#view-kind .open-form button[type=submit]", "open question")
    phone.fill("#open-answer", "Feedback from my first team lead")
    phone.locator("#view-kind .open-form button[type=submit]").click()
    expect(status).not_to_be_empty()
    send(room.phones["Bo"], act["id"], {"text": "A customer who thanked me twice"})
    expect(room.console.locator(".moderation__item")).to_have_count(2)
    room.check("open_question", "answered")
    room.control(act["id"], {"action": "approve_all"})
    expect(screen.locator(".answer-card")).to_have_count(2)
    room.call("activity:close", act["id"])
    room.check("open_question", "results")

    # Hot seat
    act = room.start("hot_seat", {"questions": None, "duration_s": None})
    room.check("hot_seat", "waiting", full=True)
    room.control(act["id"], {"action": "spin"})
    spun = wait_until(lambda: room.activity()["results"]["spin"], message="the wheel spun")
    expect(screen.locator(".seat-name")).to_have_text(spun["player"]["name"])
    if spun["player"]["id"] == room.ana:
        room.check("hot_seat", "chosen")
        phone.locator("#view-kind .seat-phone__actions .btn--primary, #view-kind .btn--primary").first.click()
        expect(status).not_to_be_empty()
    else:
        client = next(room.phones[name] for name in OTHERS if room.ids[name] == spun["player"]["id"])
        send(client, act["id"], {"spin": spun["n"], "choice": "answer"})
    room.check("hot_seat", "answered")
    room.control(act["id"], {"action": "done"})
    room.call("activity:close", act["id"])

    # Who said it?
    act = room.start("who_said_it", {"shuffle": True, "guess_s": 30, "duration_s": None})
    room.check("who_said_it", "answering", full=True)
    room.typing_keeps_in_view("#who-text", "#view-kind .open-form button[type=submit]", "who said it")
    phone.fill("#who-text", "I can juggle five oranges")
    phone.locator("#view-kind .open-form button[type=submit]").click()
    expect(status).not_to_be_empty()
    send(room.phones["Bo"], act["id"], {"text": "I once met a famous chef"})
    send(room.phones["Cy"], act["id"], {"text": "I grow chillies on my balcony"})
    room.check("who_said_it", "answered", screen=False, console=False)
    room.call("activity:advance", act["id"])
    room.control(act["id"], {"action": "next"})
    item = wait_until(lambda: room.activity()["results"].get("item"), message="the first answer shown")
    expect(screen.locator(".who-quote")).to_contain_text(item["text"])
    if "juggle" not in item["text"]:
        expect(phone.locator("#view-kind .who-name")).not_to_have_count(0)
        room.check("who_said_it", "guessing")
        phone.locator("#view-kind .who-name", has_text="Bo").click()
        expect(status).not_to_be_empty()
    else:
        room.check("who_said_it", "own")
    room.control(act["id"], {"action": "reveal"})
    expect(screen.locator(".who-right")).to_be_visible()
    room.check("who_said_it", "results")
    room.call("activity:close", act["id"])

    # Two truths and a lie: Bo tells, the room votes
    act = room.start("two_truths", {"shuffle": True, "teller_id": room.ids["Bo"], "vote_s": 30, "duration_s": None})
    room.check("two_truths", "waiting", full=True)
    send(room.phones["Bo"], act["id"], {"statements": ["I sang on TV", "I speak Welsh", "I met a dolphin"], "lie": 1})
    room.call("activity:advance", act["id"])
    room.control(act["id"], {"action": "next"})
    expect(phone.locator("#view-kind .choice")).to_have_count(3)
    room.check("two_truths", "voting")
    phone.locator("#view-kind .choice", has_text="I speak Welsh").click()
    expect(status).not_to_be_empty()
    send(room.phones["Cy"], act["id"], {"turn": 0, "choice": 0})
    room.control(act["id"], {"action": "reveal"})
    expect(screen.locator(".truth[data-lie=true]")).to_contain_text("I speak Welsh")
    room.check("two_truths", "results")
    room.call("activity:close", act["id"])

    # Every teller writes: the phone's own three-statement form
    act = room.start("two_truths", {"shuffle": True, "teller_id": None, "vote_s": 30, "duration_s": None})
    expect(phone.locator("#view-kind .truth-form")).to_be_visible()
    room.check("two_truths", "writing", screen=False, console=False)
    room.call("activity:close", act["id"])


# In Spanish, whose longer words try every layout hardest; test_full_event walks the same pages in English too.
@pytest.mark.parametrize("lang", ["es"])
def test_every_icebreaker_state_passes_axe_on_phone_screen_and_console(live_server, pages, lang):
    room = Room(live_server, pages, lang)
    try:
        run_every_kind(room)
    finally:
        room.close()
    assert room.problems == [], "\n".join(room.problems)
    assert pages.errors == []
