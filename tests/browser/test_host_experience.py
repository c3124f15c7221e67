"""The facilitator's console as an experience: no WCAG 2.2 AA problem (axe-core) in any state of an event, in English
and in Spanish; a poll run from start to reveal to the next item with the keyboard alone; and the event's default
language picked in the console's room settings, kept by the server and followed by the pages loaded after it."""
import pytest

from .conftest import assert_accessible, screenshot, settle
from .test_host_console import answer, connect_phones
from .test_screen_and_phone import Host

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1440, 900


def console_url(created, lang):
    return created["host_url"] + (f"?lang={lang}" if lang else "")


def check(page, where):
    settle(page)
    assert_accessible(page, where)


def start_poll(host, question, options):
    host.fill("#poll-question", question)
    for index, option in enumerate(options):
        host.fill(f"#poll-option-{index}", option)
    host.click("#start-poll")


def test_every_state_of_the_console_passes_axe_in_english_and_spanish(live_server, pages):
    for lang in ("en", "es"):  # one server for both: a fresh event each
        walk_the_console_through_an_event(live_server, pages, lang)
    assert pages.errors == []


def walk_the_console_through_an_event(live_server, pages, lang):
    from playwright.sync_api import expect

    created = live_server.create_event("Axe drill")
    code = created["event"]["code"]
    host = pages.open(console_url(created, lang), WIDTH, HEIGHT)
    expect(host.locator("html")).to_have_attribute("lang", lang)
    expect(host.locator("#connection")).not_to_be_empty()
    expect(host.locator("#roster-empty")).to_be_visible()
    check(host, f"the empty lobby ({lang})")
    screenshot(host, f"console-lobby-{lang}.png")

    phones = connect_phones(live_server, code, ["Ana", "Bo", "Cy"])
    try:
        expect(host.locator("#roster .roster__row")).to_have_count(3)
        check(host, f"the lobby with three players ({lang})")

        start_poll(host, "Coffee or tea?", ["Coffee", "Tea"])
        expect(host.locator("#live-poll")).to_be_visible()
        activity_id = phones["Ana"].call("sync", {}, timeout=10)["snapshot"]["activity"]["id"]
        answer(phones["Ana"], activity_id, 0, 1)
        answer(phones["Bo"], activity_id, 1, 2)
        expect(host.locator("#live-bars")).to_contain_text("Coffee")
        check(host, f"a poll running ({lang})")
        screenshot(host, f"console-poll-{lang}.png")

        host.click("#reveal-poll")
        expect(host.locator("#live-status")).to_have_attribute("data-status", "revealed")
        check(host, f"the poll revealed ({lang})")

        host.click("#scene-leaderboard")
        expect(host.locator("#scene-leaderboard")).to_have_attribute("aria-pressed", "true")
        check(host, f"the leaderboard shown ({lang})")

        host.locator("#roster .roster__row", has_text="Cy").locator(".roster__ban").click()
        expect(host.locator("#ban-dialog")).to_be_visible()
        check(host, f"the ban dialog ({lang})")
        screenshot(host, f"console-ban-dialog-{lang}.png")
        host.keyboard.press("Escape")
        expect(host.locator("#ban-dialog")).to_be_hidden()

        host.click("#end-event")
        host.click("#confirm-end")
        expect(host.locator("#ended-view")).to_be_visible()
        check(host, f"the event ended ({lang})")
    finally:
        for phone in phones.values():
            phone.disconnect()
    host.context.close()


FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const ring = (node) => {
        const style = getComputedStyle(node);
        return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    };
    // A visually hidden radio shows its ring on its label.
    const label = el.closest("label");
    // WCAG 2.4.11: the sticky pacing bar never covers the focused control whole.
    const bar = document.getElementById("pacing");
    const box = el.getBoundingClientRect();
    const barBox = bar && !bar.contains(el) && bar.getClientRects().length ? bar.getBoundingClientRect() : null;
    const hidden = Boolean(barBox && box.top >= barBox.top && box.bottom <= barBox.bottom
                           && box.left >= barBox.left && box.right <= barBox.right);
    return { id: el.id, tag: el.tagName.toLowerCase(), text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
             ring: ring(el) || Boolean(label && ring(label)), obscured: hidden };
}"""


def tab_to(page, selector, limit=120, backwards=False):
    """Press Tab (Shift+Tab) until the element matching `selector` has the focus; returns what was focused on the way.
    Every stop must show a focus ring."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        path.append(state)
        assert state["ring"], f"no visible focus ring on {state}"
        assert not state["obscured"], f"the sticky pacing bar hides the focused {state}"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return path
    raise AssertionError(f"{selector} not reached with Tab; focus went through {[s['id'] or s['text'] for s in path]}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def compose_poll_with_keys(page, question, options, submit="#agenda-add-poll"):
    type_into(page, "#poll-question", question)
    for index, option in enumerate(options):
        type_into(page, f"#poll-option-{index}", option)
    tab_to(page, submit)
    page.keyboard.press("Enter")


def test_a_poll_runs_from_start_to_reveal_to_next_with_the_keyboard_only(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Keyboard drill")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, ["Ana", "Bo"])
    try:
        host = pages.open(created["host_url"], WIDTH, HEIGHT)
        expect(host.locator("#roster .roster__row")).to_have_count(2)

        # The shortcuts are a list a screen reader counts and reads, and each button names its key.
        keys = host.locator("#pacing-legend ul[aria-labelledby=pacing-keys-title] li")
        expect(keys).to_have_count(4)
        expect(keys.locator("kbd")).to_have_text(["N", "R", "P", "+"])

        # From the top of the page, Tab goes header → links → big screen → pacing → composer, in reading order.
        path = tab_to(host, "#poll-question")
        ids = [stop["id"] for stop in path if stop["id"]]
        expected = ["end-event", "screen-url", "join-url", "scene-activity", "board-setting", "event-language",
                    "sound-toggle", "motion-toggle", "remote-toggle", "tab-poll", "poll-question"]
        assert [i for i in ids if i in expected] == expected, ids
        assert "pace-next" not in ids  # disabled while nothing is planned: skipped, not a dead stop

        # Plan two polls with the keys alone (Add to agenda), then run them: N, Tab to Reveal, Enter, N again.
        host.keyboard.press("Shift+Tab")  # back out of the question field: the composer starts from it below
        compose_poll_with_keys(host, "Coffee or tea?", ["Coffee", "Tea"])
        expect(host.locator("#agenda-list .agenda-item")).to_have_count(1)
        compose_poll_with_keys(host, "Stand or sit?", ["Stand", "Sit"])
        expect(host.locator("#agenda-list .agenda-item")).to_have_count(2)

        host.keyboard.press("Escape")  # nothing to close: harmless
        tab_to(host, "#pace-next", backwards=True)
        host.keyboard.press("Enter")
        expect(host.locator("#live-question")).to_have_text("Coffee or tea?")
        expect(host.locator("#live-question")).to_be_focused()  # the focus follows what started

        activity_id = phones["Ana"].call("sync", {}, timeout=10)["snapshot"]["activity"]["id"]
        answer(phones["Ana"], activity_id, 0, 1)
        answer(phones["Bo"], activity_id, 0, 2)
        expect(host.locator("#live-answered")).to_contain_text("2 of 2")

        tab_to(host, "#reveal-poll")
        host.keyboard.press("Enter")
        expect(host.locator("#live-status")).to_have_attribute("data-status", "revealed")
        expect(host.locator("#reveal-poll")).to_be_hidden()
        # The focused Reveal button went away: the focus is not lost in the page, the next control has it.
        expect(host.locator("#new-poll")).to_be_focused()

        host.keyboard.press("n")  # the shortcut: the next agenda item
        expect(host.locator("#live-question")).to_have_text("Stand or sit?")
        expect(host.locator("#pacing-announce")).to_have_text("Started: Quick poll.")

        # R reveals from the keyboard too; P has no timer to pause once it is revealed.
        host.keyboard.press("r")
        expect(host.locator("#live-status")).to_have_attribute("data-status", "revealed")

        # A dialog takes the focus, Escape closes it, and the focus goes back to what opened it.
        tab_to(host, "#end-event", backwards=True)
        host.keyboard.press("Enter")
        dialog = host.locator("#end-dialog")
        expect(dialog).to_be_visible()
        expect(dialog.locator("button[value=cancel]")).to_be_focused()
        host.keyboard.press("Tab")
        expect(host.locator("#confirm-end")).to_be_focused()
        host.keyboard.press("Tab")  # modal: the focus stays inside (or goes to the browser's own UI), never behind
        assert host.evaluate("!document.activeElement || document.activeElement === document.body || "
                             "document.getElementById('end-dialog').contains(document.activeElement)")
        host.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(host.locator("#end-event")).to_be_focused()

        # The ban dialog from a roster row, the same way.
        tab_to(host, "#roster .roster__row:first-child .roster__ban")
        host.keyboard.press("Enter")
        expect(host.locator("#cancel-ban")).to_be_focused()
        host.keyboard.press("Escape")
        expect(host.locator("#roster .roster__row:first-child .roster__ban")).to_be_focused()
        expect(host.locator("#roster .roster__row")).to_have_count(2)
        screenshot(host, "console-keyboard.png")
    finally:
        for phone in phones.values():
            phone.disconnect()
    assert pages.errors == []


def test_the_event_language_is_set_in_the_console_and_followed_on_the_next_load(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Idioma")
    code = created["event"]["code"]
    host = pages.open(created["host_url"], WIDTH, HEIGHT)
    select = host.locator("#event-language")
    expect(select).to_have_value("en")
    expect(host.locator("html")).to_have_attribute("lang", "en")

    select.select_option("es")
    expect(host.locator("#language-done")).to_contain_text("Español")
    expect(host.locator("#language-done")).to_contain_text("next load")
    expect(select).to_be_focused()

    # The server keeps it: the snapshot says so, and the pages loaded now speak Spanish.
    import socketio

    host.reload()
    expect(host.locator("html")).to_have_attribute("lang", "es")  # the console too (no cookie of its own)
    expect(host.locator("#event-language")).to_have_value("es")
    expect(host.locator("#end-event")).to_have_text("Terminar evento")
    screen = pages.open(created["screen_url"], 1280, 720)
    expect(screen.locator("html")).to_have_attribute("lang", "es")
    phone = pages.phone(f"{live_server.url}/play/{code}")
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    # A phone whose player chose English keeps it.
    chose = pages.phone(f"{live_server.url}/join")
    chose.context.add_cookies([{"name": "teamplay_lang", "value": "en", "url": live_server.url}])
    chose.goto(f"{live_server.url}/play/{code}")
    expect(chose.locator("html")).to_have_attribute("lang", "en")

    joined = live_server.join(code, "Ana")
    client = socketio.Client(reconnection=False)
    client.connect(live_server.url, auth={"role": "player", "code": code, "token": joined.json()["resume_token"]},
                   wait_timeout=10)
    try:
        assert client.call("sync", {}, timeout=10)["snapshot"]["event"]["language"] == "es"
    finally:
        client.disconnect()

    # And back to English, from the console now in Spanish.
    host.locator("#event-language").select_option("en")
    expect(host.locator("#language-done")).to_contain_text("English")
    host.reload()
    expect(host.locator("html")).to_have_attribute("lang", "en")
    assert pages.errors == []


def test_a_player_given_extra_time_from_the_roster_answers_after_the_room_clock_ran_out(live_server, pages):
    """Time help from the console's roster: Bo asks for more time; at zero the console says one player is still
    answering on extra time, Bo's answer is taken, the others' late ones are not."""
    import time

    from playwright.sync_api import expect

    from tests.live.conftest import wait_until

    created = live_server.create_event("Time help")
    code = created["event"]["code"]
    phones = connect_phones(live_server, code, ["Ana", "Bo"])
    facilitator = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
    try:
        host = pages.open(console_url(created, None), WIDTH, HEIGHT)
        bo_row = host.locator("#roster .roster__row", has_text="Bo")
        help_menu = bo_row.get_by_label("Time help for Bo")
        expect(help_menu).to_have_value("0")
        help_menu.select_option("30")
        sync = lambda: phones["Ana"].call("sync", {}, timeout=10)["snapshot"]  # noqa: E731
        wait_until(lambda: next(p for p in facilitator.call("sync", {})["snapshot"]["roster"] if p["name"] == "Bo")
                   ["extra_time_s"] == 30, message="Bo's time help stored")
        facilitator.call("activity:start", {"kind": "poll", "settings": {
            "question": "Tea or coffee?", "options": ["Tea", "Coffee"], "duration_s": 5}})  # shorter than the console's
        activity = wait_until(lambda: sync()["activity"], message="the poll open")
        bo_view = phones["Bo"].call("sync", {}, timeout=10)["snapshot"]["activity"]
        assert bo_view["ends_at"] == activity["ends_at"] + 30_000  # Bo's phone counts down to his own deadline
        time.sleep(max(0, (activity["ends_at"] - time.time() * 1000) / 1000) + 0.5)
        expect(host.locator("#live-countdown")).to_have_text("Extra time: 1 player still answering")
        late = phones["Ana"].call("response:submit", {"activity_id": activity["id"], "request_id": "late-ana-0001",
                                                      "answer": {"choice": 0}}, timeout=10)
        assert late["ok"] is False and late["error"]["code"] == "deadline_passed"
        answer(phones["Bo"], activity["id"], 1, 1)
        expect(host.locator("#live-countdown")).not_to_have_text("Extra time: 1 player still answering")
        wait_until(lambda: sync()["activity"]["status"] != "open", message="the poll closed once Bo answered")
        check(host, "the console after a poll with time help")
    finally:
        facilitator.close()
        for client in phones.values():
            client.disconnect()
    assert pages.errors == []
