"""The big screen as the room sees it: in the event's language, readable from the back of the room at the three sizes
it meets (1920×1080, a 1280×720 video tile, a 1024×768 projector), free of WCAG problems in every state, and with its
moments (confetti, countdown ticks, fanfares) quiet when the facilitator or the viewer's system asks for it."""
import re
import uuid

import pytest
import socketio

from tests.live.conftest import wait_until
from tests.support.live_server import LiveServer

from .conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Pages, _sync_playwright_or_skip, assert_accessible, screenshot
from .test_screen_and_phone import Host, assert_fits

pytestmark = pytest.mark.browser

SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "1024x768": (1024, 768)}
# Big type: the room code and the question are each at least this share of the screen's height.
BIG = 0.06
# Small print: text under this share of the screen's height; a view shows at most two lines of it.
SMALL = 0.025
MAX_SMALL_LINES = 2

CONTENT = {
    "en": {
        "title": "Friday huddle",
        "poll": {"question": "Coffee or tea for the late shift?", "options": ["Coffee", "Tea", "Neither"],
                 "duration_s": 120},
        "trivia": {"question": "Which channel answers a customer fastest?",
                   "options": ["Letter", "Live chat", "Fax", "Carrier pigeon"], "correct": 1, "duration_s": 120},
        "texts": {"lobby": "Enter the room code", "poll": "Poll", "revealed": "Results", "trivia": "Team trivia",
                  "board": "Leaderboard", "podium": "Congratulations, teams!", "ended": "That's a wrap"},
    },
    "es": {
        "title": "Reunión del viernes",
        "poll": {"question": "¿Café o té para el turno de la tarde?", "options": ["Café", "Té", "Ninguno"],
                 "duration_s": 120},
        "trivia": {"question": "¿Qué canal responde más rápido a un cliente?",
                   "options": ["Carta", "Chat en vivo", "Fax", "Paloma mensajera"], "correct": 1, "duration_s": 120},
        "texts": {"lobby": "Escribe el código de sala", "poll": "Encuesta", "revealed": "Resultados",
                  "trivia": "Trivia por equipos", "board": "Clasificación", "podium": "¡Felicidades, equipos!",
                  "ended": "¡Eso es todo!"},
    },
}
PLAYERS = ["Ana", "Bo", "Cy", "Dee", "Eli", "Fran"]

# The font size and rendered height of an element, as shares of the viewport's height.
MEASURE = """(selector) => {
    const el = document.querySelector(selector);
    const rect = el.getBoundingClientRect();
    return {size: parseFloat(getComputedStyle(el).fontSize) / innerHeight, height: rect.height / innerHeight,
            // Cut off by its own box (text overflowing a box that shows it is not clipped).
            clipped: getComputedStyle(el).overflow !== 'visible'
                && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1),
            box: [el.scrollWidth, el.clientWidth, el.scrollHeight, el.clientHeight]};
}"""

# Lines of small print on the page as it is now: each visible text's lines (its client rects) in type smaller than
# `small` × the viewport's height.
SMALL_PRINT = """(small) => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || !el || el.closest('[hidden], .visually-hidden, noscript')) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) continue;
        if (parseFloat(style.fontSize) >= small * innerHeight) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size) out.push([node.textContent.trim().slice(0, 40), tops.size, style.fontSize, el.className]);
    }
    return out;
}"""


# The page has its new size and its type follows it (--u in screen.css: the smaller of 1vh and 0.63vw; body text 3u).
SETTLED = """([width, height]) => innerWidth === width && innerHeight === height
    && Math.abs(parseFloat(getComputedStyle(document.body).fontSize) - 3 * Math.min(height / 100, width * 0.0063)) < 0.5"""


class Player:
    """A phone as a Socket.IO client: joins through the API, stays online, answers."""

    def __init__(self, live_server, code, name):
        joined = live_server.join(code, name)
        joined.raise_for_status()
        self.id = joined.json()["player"]["id"]
        self.client = socketio.Client()
        self.client.connect(live_server.url, auth={"role": "player", "code": code, "token": joined.json()["resume_token"]},
                            wait_timeout=10)

    def answer(self, activity_id, choice=None, answer=None):
        ack = self.client.call("response:submit", {"activity_id": activity_id, "request_id": uuid.uuid4().hex,
                                                   "answer": answer or {"choice": choice}}, timeout=10)
        assert "response" in ack, ack

    def pick(self, team_id):
        ack = self.client.call("team:pick", {"team_id": team_id}, timeout=10)
        assert ack.get("ok"), ack

    def close(self):
        self.client.disconnect()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """One server for this module's tests (each test makes its own events): starting one costs seconds."""
    server = LiveServer(tmp_path_factory.mktemp("screen-experience"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _sync_playwright_or_skip()
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def pages(browser):
    """Pages of the module's browser, with this test's own record of script errors."""
    opened = Pages(browser)
    yield opened
    for context in browser.contexts:
        context.close()


def host_for(live_server, title, **settings):
    created = live_server.create_event(title)
    host = Host(live_server.url, created["event"]["code"], created["host_url"].rsplit("/", 1)[1])
    if settings:
        host.call("board:settings", settings)
    return created, host


def check_view(screen, lang, state, key=None):
    """At each of the three sizes: nothing spills out, big type is big, little small print, no axe violation,
    and a screenshot to look at."""
    for size, (width, height) in SIZES.items():
        screen.set_viewport_size({"width": width, "height": height})
        # Chromium re-resolves viewport units a moment after a resize: wait until the page's unit follows the size.
        screen.wait_for_function(SETTLED, arg=[width, height])
        screen.wait_for_timeout(60)
        where = f"the {lang} screen, {state}, at {size}"
        assert screen.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"{where} scrolls sideways"
        assert_fits(screen)
        if key:
            measured = screen.evaluate(MEASURE, key)
            assert measured["size"] >= BIG and measured["height"] >= BIG, (where, key, measured)
            assert not measured["clipped"], (where, key, "is clipped", measured)
        small = screen.evaluate(SMALL_PRINT, SMALL)
        assert sum(found[1] for found in small) <= MAX_SMALL_LINES, (where, "too much small print", small)
        assert_accessible(screen, where)
        screenshot(screen, f"screen-exp-{lang}-{state}-{size}.png")


# In Spanish, whose longer words try every layout hardest; test_full_event walks the same pages in English too.
@pytest.mark.parametrize("lang", ["es"])
def test_every_screen_state_reads_from_the_back_of_the_room_in_the_events_language(live_server, pages, lang):
    from playwright.sync_api import expect

    content = CONTENT[lang]
    texts = content["texts"]
    # The facilitator picks the event's language before the screen opens: the screen follows it, no ?lang needed.
    created, host = host_for(live_server, content["title"], **({"language": "es"} if lang == "es" else {}))
    code = created["event"]["code"]
    players = []
    try:
        # Reduced motion: every state is shown still, at once (the moments are tested below).
        screen = pages.open(created["screen_url"], 1920, 1080, reduced_motion="reduce")
        expect(screen.locator("html")).to_have_attribute("lang", lang)
        expect(screen.locator(".lobby__code")).to_have_text(code)
        expect(screen.locator("#lobby")).to_contain_text(texts["lobby"])
        check_view(screen, lang, "lobby-empty", ".lobby__code")

        players = [Player(live_server, code, name) for name in PLAYERS]
        expect(screen.locator("#roster-chips .chip:not(.chip--more)")).to_have_count(len(PLAYERS))
        players.pop().close()  # one phone drops: shown as away
        expect(screen.locator('#roster-chips .chip[data-online="false"]')).to_have_count(1, timeout=5000)
        check_view(screen, lang, "lobby-players", ".lobby__code")

        poll_id = host.call("activity:start", {"kind": "poll", "settings": content["poll"]})["activity_id"]
        expect(screen.locator("#poll-question")).to_have_text(content["poll"]["question"])
        expect(screen.locator("#poll-kicker")).to_have_text(texts["poll"])
        for index, player in enumerate(players):
            player.answer(poll_id, index % 2)
        expect(screen.locator("#poll-answered")).to_contain_text(str(len(players)))
        check_view(screen, lang, "poll-live", "#poll-question")

        host.call("activity:reveal", {"activity_id": poll_id})
        expect(screen.locator("#poll-status")).to_have_text(texts["revealed"])
        check_view(screen, lang, "poll-revealed", "#poll-question")

        # Three teams of 2, 2 and 1; the first team answers right, the second wrong, the third not at all.
        host.call("teams:setup", {"count": 3, "mode": "pick"})
        wait_until(lambda: len(host.state["teams"]) == 3)
        teams = [team["id"] for team in host.state["teams"]]
        for index, player in enumerate(players):
            player.pick(teams[[0, 0, 1, 1, 2][index]])
        trivia_id = host.call("activity:start", {"kind": "team_trivia", "settings": content["trivia"]})["activity_id"]
        expect(screen.locator("#trivia-question")).to_have_text(content["trivia"]["question"])
        expect(screen.locator("#trivia-kicker")).to_have_text(texts["trivia"])
        right = content["trivia"]["correct"]
        for player, choice in zip(players[:3], [right, right, right + 1]):
            player.answer(trivia_id, choice)
        expect(screen.locator("#trivia-teams .team-card")).to_have_count(3)
        check_view(screen, lang, "trivia-live", "#trivia-question")

        host.call("activity:reveal", {"activity_id": trivia_id})
        expect(screen.locator('#trivia-options .option[data-correct="true"]')).to_have_count(1)
        check_view(screen, lang, "trivia-revealed", "#trivia-question")

        host.call("board:show", {"scene": "leaderboard"})
        expect(screen.locator("#board-title")).to_have_text(texts["board"])
        expect(screen.locator("#board-team-list .standing")).to_have_count(3)
        check_view(screen, lang, "leaderboard")

        host.call("board:show", {"scene": "podium"})
        expect(screen.locator("#podium")).to_have_attribute("data-step", "done")
        expect(screen.locator("#podium-title")).to_have_text(texts["podium"])
        check_view(screen, lang, "podium")

        host.call("event:end", {})
        expect(screen.locator("#ended")).to_be_visible()
        expect(screen.locator("#ended")).to_contain_text(texts["ended"])
        expect(screen.locator("#ended-heading")).to_contain_text(content["title"])
        check_view(screen, lang, "ended")
        assert pages.errors == []
    finally:
        for player in players:
            player.close()
        host.close()


def moments(screen):
    """What the screen's moments did so far (celebrate.js counts them for tests: teamplayMoments)."""
    return screen.evaluate("() => JSON.parse(JSON.stringify(window.teamplayMoments))")


def test_moments_celebrate_and_tick_but_stay_silent_and_still_when_asked(live_server, pages):
    from playwright.sync_api import expect

    lively, lively_host = host_for(live_server, "Lively")  # sound on, motion on: as an event starts
    quiet, quiet_host = host_for(live_server, "Quiet", sound=False, reduce_motion=True)
    players = []
    try:
        screen = pages.open(lively["screen_url"], 1280, 720)
        # The same event on a screen whose system asks for less motion.
        still = pages.open(lively["screen_url"], 1280, 720, reduced_motion="reduce")
        muted = pages.open(quiet["screen_url"], 1280, 720)
        for page, created in ((screen, lively), (still, lively), (muted, quiet)):
            expect(page.locator(".lobby__code")).to_have_text(created["event"]["code"])
        players = [Player(live_server, lively["event"]["code"], "Ana"), Player(live_server, quiet["event"]["code"], "Bo"),
                   Player(live_server, lively["event"]["code"], "Cy"), Player(live_server, quiet["event"]["code"], "Di")]

        # ---------- The last five seconds tick, and the number counts down on the screen ----------
        poll = {"question": "Ready?", "options": ["Yes", "Almost"], "duration_s": 6}
        polls = [host.call("activity:start", {"kind": "poll", "settings": poll})["activity_id"]
                 for host in (lively_host, quiet_host)]
        for player, poll_id in zip(players, polls):
            player.answer(poll_id, 0)
        for page in (screen, still, muted):
            countdown = page.locator("#poll-countdown")
            expect(countdown).to_have_attribute("data-urgent", "true", timeout=5000)
            expect(countdown).to_have_text(re.compile(r"^[1-5]$"))
        for page in (screen, still, muted):  # at zero; or already closed by the server, which may come first
            page.wait_for_function("""() => { const el = document.getElementById("poll-countdown");
                return el.hidden || el.dataset.over === "true"; }""", timeout=8000)
        assert moments(screen)["played"].get("tick", 0) >= 4
        assert moments(still)["played"].get("tick", 0) >= 4  # less motion is not less sound
        assert moments(muted)["played"].get("tick", 0) == 0 and moments(muted)["muted"].get("tick", 0) >= 4

        # ---------- A reveal: confetti and a chime; none of it where motion or sound is off ----------
        for host, poll_id in zip((lively_host, quiet_host), polls):
            host.call("activity:reveal", {"activity_id": poll_id})
        expect(screen.locator("#confetti")).to_be_visible()
        screen.wait_for_function("() => window.teamplayMoments.frames > 5")
        screenshot(screen, "screen-exp-moment-reveal-1280x720.png")
        for page in (still, muted):
            expect(page.locator("#poll-status")).to_be_visible()
            expect(page.locator("#confetti")).to_be_hidden()
        lively_moments, still_moments, muted_moments = moments(screen), moments(still), moments(muted)
        assert lively_moments["bursts"] == 1 and lively_moments["played"]["chime"] == 1
        assert still_moments["bursts"] == 0 and still_moments["stillBursts"] == 1 and still_moments["frames"] == 0
        assert muted_moments["bursts"] == 0 and muted_moments["frames"] == 0
        assert "chime" not in muted_moments["played"] and muted_moments["muted"]["chime"] == 1

        # ---------- Kudos: a soft sparkle for each one that lands on the wall ----------
        kudos = {"prompt": "Thank a colleague", "categories": ["Helpful"], "moderation": False}
        for host, sender, receiver in ((lively_host, players[0], players[2]), (quiet_host, players[1], players[3])):
            round_id = host.call("activity:start", {"kind": "kudos", "settings": kudos})["activity_id"]
            sender.answer(round_id, answer={"to": receiver.id, "category": 0, "message": "Thanks for covering my calls"})
        for page in (screen, muted):
            expect(page.locator(".kudos-wall li")).to_have_count(1)
        page.wait_for_timeout(200)
        assert moments(screen)["played"].get("kudos") == 1
        assert moments(muted)["muted"].get("kudos") == 1 and "kudos" not in moments(muted)["played"]

        # ---------- The podium: a fanfare and confetti once the winner shows ----------
        for host, player in ((lively_host, players[0]), (quiet_host, players[1])):
            host.call("points:correct", {"player_id": player.id, "points": 1000, "reason": "Great answer"})
            host.call("board:show", {"scene": "podium"})
        expect(screen.locator("#podium")).to_have_attribute("data-step", "done")
        expect(screen.locator("#podium")).to_have_attribute("data-fanfare", "played")
        expect(screen.locator("#confetti")).to_be_visible()
        assert moments(screen)["bursts"] == 2 and moments(screen)["played"]["fanfare"] == 1
        expect(muted.locator("#podium")).to_have_attribute("data-step", "done")
        expect(muted.locator("#podium")).to_have_attribute("data-fanfare", "muted")
        expect(muted.locator("#confetti")).to_be_hidden()
        assert moments(muted)["bursts"] == 0 and "fanfare" not in moments(muted)["played"]
        # Teams and places never rest on colour alone: the winner's name and rank are written.
        expect(muted.locator('.place[data-place="1"]')).to_contain_text("Bo")
        expect(muted.locator('.place[data-place="1"] .place__rank')).to_have_text("1st")

        # The facilitator switches the event to Spanish: the open screen follows, by itself.
        quiet_host.call("board:settings", {"language": "es"})
        expect(muted.locator("html")).to_have_attribute("lang", "es")
        expect(muted.locator("#podium-title")).to_have_text("¡Felicidades!")
        expect(muted.locator('.place[data-place="1"] .place__rank')).to_have_text("1.º")
        expect(screen.locator("html")).to_have_attribute("lang", "en")
        assert pages.errors == []
    finally:
        for player in players:
            player.close()
        lively_host.close()
        quiet_host.close()
