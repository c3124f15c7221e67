"""A room with teams in real browsers: the big screen and three phones through team trivia, a scenario written together
and voted on, a co-op goal, the leaderboard and the podium. The host is a Socket.IO client."""
import re

import pytest

from .conftest import open_phone, screenshot

pytestmark = pytest.mark.browser

SCENARIO = {
    "title": "Billed twice, and furious",
    "situation": "A caller was charged twice for the same order and has no money left in his account. He is shouting "
                 "before you finish your greeting and wants his money back today.",
    "duration_s": 300,
    "vote_duration_s": 120,
}
ANA_OPENING = "I am so sorry this happened, I can see both charges right here"
BO_ACTION = "We refund the second charge now and I send you the reference by text"
CY_OPENING = "Thank you for telling us, let me fix this with you right away"


class Host:
    """The facilitator's console, as a Socket.IO client: calls with acks, and the last state and scores it got."""

    def __init__(self, url, code, key):
        import socketio

        self.client = socketio.Client()
        self.state = None
        self.scores = None
        self.client.on("snapshot", self._on_snapshot)
        self.client.on("state", lambda state: setattr(self, "state", state))
        self.client.on("scores", lambda scores: setattr(self, "scores", scores))
        self.client.connect(url, auth={"role": "host", "code": code, "key": key}, wait_timeout=10)

    def _on_snapshot(self, snapshot):
        self.state = snapshot
        self.scores = snapshot["scores"]

    def call(self, event, payload):
        ack = self.client.call(event, payload, timeout=10)
        assert ack["ok"], (event, ack)
        return ack

    def close(self):
        self.client.disconnect()


def assert_no_sideways_scroll(phone):
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the phone scrolls sideways"


def assert_fits(screen):
    """Nothing on the big screen's current view spills out of the viewport."""
    spill = screen.evaluate("""() => {
        const view = [...document.querySelectorAll('.screen > section')].find((s) => !s.hidden);
        const out = [];
        const limitX = window.innerWidth + 1, limitY = window.innerHeight + 1;
        for (const el of view.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (!r.width && !r.height) continue;
            if (el.closest('[hidden], [aria-hidden="true"]')) continue;  // decorative bits are clipped by their box
            if (r.right > limitX || r.bottom > limitY || r.left < -1 || r.top < -1) out.push(el.className || el.tagName);
        }
        return out;
    }""")
    assert spill == [], f"spills out of the screen: {spill[:5]}"


def small_tap_targets(phone):
    return phone.evaluate("""() => [...document.querySelectorAll('button, summary, textarea, a.btn')]
        .filter((el) => el.offsetParent !== null && !el.closest('[hidden]'))
        .map((el) => [el.textContent.trim().slice(0, 30), Math.round(el.getBoundingClientRect().height)])
        .filter(([, height]) => height < 48)""")


def coop_answer(phone, right):
    """Answers the phone's current co-op question rightly or wrongly (the right option is looked up in the packs)."""
    from playwright.sync_api import expect

    from teamplay import content

    title = phone.locator("#coop-title")
    expect(phone.locator("#coop-choices .choice").first).to_be_enabled()
    prompt = title.text_content()
    question = next(q for pack in content.trivia_packs() for q in pack["questions"] if q["en"]["question"] == prompt)
    options = question["en"]["options"]
    index = question["correct"] if right else (question["correct"] + 1) % len(options)
    phone.locator("#coop-choices .choice").nth(index).click()
    expect(title).not_to_have_text(prompt)
    return options[question["correct"]]


def test_a_team_room_plays_trivia_a_scenario_a_coop_goal_and_ends_on_the_podium(live_server, pages):
    from playwright.sync_api import expect

    created = live_server.create_event("Team huddle")
    code = created["event"]["code"]
    host = Host(live_server.url, code, created["host_url"].rsplit("/", 1)[1])
    try:
        screen = pages.open(created["screen_url"], 1920, 1080)
        expect(screen.locator(".lobby__code")).to_have_text(code)
        # Sound is on by default: the screen asks for one click (browsers block sound until then).
        expect(screen.locator("#sound-hint")).to_be_visible()
        screen.mouse.click(960, 540)
        expect(screen.locator("#sound-hint")).to_be_hidden()

        # ---------- Teams: the phones pick them ----------
        host.call("teams:setup", {"count": 3, "mode": "pick"})
        ana = open_phone(pages, live_server, code, "Ana", 360, 740)
        bo = open_phone(pages, live_server, code, "Bo")
        cy = open_phone(pages, live_server, code, "Cy")
        expect(screen.locator("#lobby-pick")).to_have_text("Pick your team on your phone")
        expect(screen.locator("#lobby-unpicked")).to_have_text("3 still choosing")
        for phone, team in ((ana, "Comets"), (bo, "Comets"), (cy, "Waves")):
            expect(phone.locator("#pick-title")).to_be_focused()
            expect(phone.locator("#team-buttons .team-button")).to_have_count(3)
            phone.locator("#team-buttons .team-button", has_text=team).click()
            expect(phone.locator("#view-lobby")).to_be_visible()
            expect(phone.locator("#header-team")).to_contain_text(team)
            expect(phone.locator("#lobby-team")).to_contain_text(team)
        comets = screen.locator(".lobby-team", has_text="Comets")
        expect(comets.locator(".lobby-team__name:not([hidden])")).to_have_text(["Bo", "Ana"])
        expect(comets.locator(".lobby-team__count")).to_have_text("2 players")
        expect(screen.locator(".lobby-team", has_text="Waves").locator(".lobby-team__name:not([hidden])")).to_have_text(["Cy"])
        expect(screen.locator(".lobby-team", has_text="Peaks").locator(".lobby-team__count")).to_have_text("No one yet")
        expect(screen.locator(".lobby-team .team-shape")).to_have_count(3)
        expect(screen.locator("#lobby-unpicked")).to_be_hidden()
        screen.wait_for_timeout(2500)  # the arrival highlight fades
        assert_fits(screen)
        screenshot(screen, "screen-teams-lobby.png")

        # ---------- Team trivia ----------
        host.call("activity:start", {"kind": "team_trivia", "settings": {
            "question": "Which channel answers a customer fastest?",
            "options": ["Letter", "Live chat", "Fax", "Carrier pigeon"], "correct": 1, "duration_s": 120}})
        for phone in (ana, bo, cy):
            expect(phone.locator("#trivia-choices .choice")).to_have_count(4)
            expect(phone.locator("#trivia-question")).to_be_focused()
        expect(screen.locator("#trivia-question")).to_have_text("Which channel answers a customer fastest?")
        expect(screen.locator("#trivia .join-pill__code")).to_have_text(code)
        ana.locator("#trivia-choices .choice").nth(0).click()
        expect(ana.locator("#trivia-choices .choice").nth(0)).to_have_attribute("data-chosen", "true")
        expect(bo.locator("#team-votes")).to_have_text("Ana → A")
        # Ana changes her mind: the newest vote counts, her teammate sees it move.
        ana.locator("#trivia-choices .choice").nth(1).click()
        expect(ana.locator("#trivia-choices .choice").nth(1)).to_have_attribute("data-chosen", "true")
        expect(ana.locator("#trivia-choices .choice").nth(0)).to_have_attribute("data-chosen", "false")
        expect(bo.locator("#team-votes")).to_have_text("Ana → B")
        expect(bo.locator("#team-answer")).to_have_text("Team answer so far: B")
        bo.locator("#trivia-choices .choice").nth(1).click()
        expect(ana.locator("#team-votes .team-votes__vote")).to_have_text(["You → B", "Bo → B"])
        expect(ana.locator("#team-waiting")).to_have_text("Everyone in your team has voted")
        cy.locator("#trivia-choices .choice").nth(2).click()
        expect(cy.locator("#team-answer")).to_have_text("Team answer so far: C")
        # The room sees who has voted, never which way a team leans.
        expect(screen.locator("#trivia-teams .team-card", has_text="Comets")).to_contain_text("2 of 2 voted")
        expect(screen.locator("#trivia-teams .team-card", has_text="Waves")).to_contain_text("1 of 1 voted")
        expect(screen.locator("#trivia-teams .team-card", has_text="Peaks")).to_contain_text("No players")
        expect(screen.locator("#trivia .team-card__answer")).to_have_count(0)
        expect(screen.locator("#trivia-options .option__teams .team-shape")).to_have_count(0)
        assert_fits(screen)
        assert_no_sideways_scroll(ana)
        assert small_tap_targets(ana) == []
        ana.evaluate("window.scrollTo(0, 0)")  # as the phone shows it, not where the test's taps scrolled
        ana.wait_for_timeout(300)
        screenshot(ana, "phone-team-trivia.png")

        activity_id = host.state["activity"]["id"]
        host.call("activity:reveal", {"activity_id": activity_id})
        expect(screen.locator("#trivia-options .option").nth(1)).to_have_attribute("data-correct", "true")
        expect(screen.locator("#trivia-options .option").nth(2)).to_have_attribute("data-correct", "false")
        comets_card = screen.locator("#trivia-teams .team-card", has_text="Comets")
        expect(comets_card).to_have_attribute("data-right", "true")
        expect(comets_card.locator(".team-card__answer")).to_have_text("B")
        expect(comets_card.locator(".team-card__points")).to_have_text(re.compile(r"^\+\d+"))
        expect(screen.locator("#trivia-teams .team-card", has_text="Waves")).to_have_attribute("data-right", "false")
        expect(screen.locator("#trivia-teams .team-card", has_text="Waves").locator(".team-card__verdict")).to_have_text("✗")
        expect(ana.locator("#trivia-result-title")).to_have_text("Your team got it right!")
        expect(ana.locator("#trivia-result-points")).to_have_text(re.compile(r"^\+\d+ points for Comets$"))
        expect(cy.locator("#trivia-result-title")).to_have_text("Not this time")
        expect(cy.locator("#trivia-result-text")).to_contain_text("The answer was B: Live chat")
        assert_no_sideways_scroll(ana)
        screenshot(ana, "phone-trivia-result.png")
        screen.wait_for_timeout(800)
        assert_fits(screen)
        screenshot(screen, "screen-team-trivia.png")

        # ---------- Scenario: two teammates write into different fields at once ----------
        host.call("activity:start", {"kind": "scenario", "settings": SCENARIO})
        for phone in (ana, bo, cy):
            expect(phone.locator("#draft-fields textarea")).to_have_count(3)
        expect(screen.locator("#scenario-title")).to_have_text(SCENARIO["title"])
        expect(screen.locator("#scenario-writing-line")).to_have_text("Teams are writing…")
        ana_opening = ana.locator("#draft-opening")
        bo_action = bo.locator("#draft-action")
        ana_opening.click()
        bo_action.click()
        ana_words, bo_words = ANA_OPENING.split(" "), BO_ACTION.split(" ")
        for index in range(max(len(ana_words), len(bo_words))):
            if index < len(ana_words):
                ana_opening.press_sequentially(("" if index == 0 else " ") + ana_words[index], delay=10)
            if index < len(bo_words):
                bo_action.press_sequentially(("" if index == 0 else " ") + bo_words[index], delay=10)
        expect(ana.locator("#draft-action")).to_have_value(BO_ACTION)
        expect(bo.locator("#draft-opening")).to_have_value(ANA_OPENING)
        expect(ana.locator('[data-field="action"] .draft-field__by')).to_have_text("edited by Bo")
        expect(bo.locator('[data-field="opening"] .draft-field__by')).to_have_text("edited by Ana")
        expect(ana.locator('[data-field="opening"] .draft-field__by')).to_have_text("edited by you")
        # Each kept the words they were typing.
        expect(ana_opening).to_have_value(ANA_OPENING)
        expect(ana_opening).to_be_focused()
        expect(bo_action).to_have_value(BO_ACTION)
        expect(ana.locator('[data-field="action"] .draft-field__count')).to_have_text(f"{len(BO_ACTION)}/280")
        cy.locator("#draft-opening").fill(CY_OPENING)
        expect(screen.locator("#scenario-progress .team-card", has_text="Comets")).to_contain_text("2 of 3 parts")
        expect(screen.locator("#scenario-progress .team-card", has_text="Waves")).to_contain_text("1 of 3 parts")
        expect(screen.locator("#scenario")).not_to_contain_text(ANA_OPENING)  # the room never sees drafts
        assert_no_sideways_scroll(ana)
        assert_fits(screen)
        screenshot(screen, "screen-scenario-write.png")
        screenshot(ana, "phone-scenario-write.png")

        scenario_id = host.state["activity"]["id"]
        host.call("activity:advance", {"activity_id": scenario_id})
        expect(screen.locator("#scenario-entries .entry")).to_have_count(2)
        expect(screen.locator("#scenario-entries")).to_contain_text(ANA_OPENING)
        expect(screen.locator("#scenario-entries")).to_contain_text("What we do to put it right")
        expect(screen.locator("#scenario-votes")).to_have_text("0 votes in")
        expect(ana.locator("#vote-entries .entry-card")).to_have_count(2)
        own = ana.locator("#vote-entries .entry-card--own")
        expect(own).to_contain_text("Your team")
        expect(own).to_contain_text(ANA_OPENING)
        expect(ana.locator("#vote-entries button.entry-card")).to_have_count(1)
        expect(ana.locator("#vote-entries button.entry-card")).to_contain_text(CY_OPENING)
        assert_no_sideways_scroll(ana)
        assert small_tap_targets(ana) == []
        screenshot(ana, "phone-scenario-vote.png")
        screen.wait_for_timeout(700)
        assert_fits(screen)
        screenshot(screen, "screen-scenario-vote.png")
        screen.set_viewport_size({"width": 1280, "height": 720})
        screen.wait_for_timeout(300)
        assert_fits(screen)
        screenshot(screen, "screen-scenario-vote-1280x720.png")
        screen.set_viewport_size({"width": 1024, "height": 768})
        screen.wait_for_timeout(300)
        assert_fits(screen)
        screenshot(screen, "screen-scenario-vote-1024x768.png")
        screen.set_viewport_size({"width": 1920, "height": 1080})

        for phone in (ana, bo):
            phone.locator("#vote-entries button.entry-card").click()
            expect(phone.locator("#answered-title")).to_have_text(re.compile(r"^Vote received: [AB]$"))
        cy.locator("#vote-entries button.entry-card").click()
        expect(screen.locator("#scenario-votes")).to_have_text("3 votes in")
        host.call("activity:reveal", {"activity_id": scenario_id})
        winner = screen.locator('#scenario-entries .entry[data-winner="true"]')
        expect(winner).to_have_count(1)
        expect(winner).to_contain_text("Waves")
        expect(winner.locator(".entry__votes")).to_have_text("2 votes")
        expect(screen.locator('#scenario-entries .entry[data-winner="false"] .entry__votes')).to_have_text("1 vote")
        expect(cy.locator("#entries-title")).to_have_text("Your team's answer won!")
        expect(ana.locator("#entries-title")).to_have_text("Waves won the vote")
        expect(ana.locator("#entries-text")).to_have_text("Your team's answer got 1 vote.")
        screen.wait_for_timeout(800)
        assert_fits(screen)
        screenshot(screen, "screen-scenario-result.png")

        # ---------- Co-op goal ----------
        host.call("activity:start", {"kind": "coop_goal", "settings": {"goal": 4, "duration_s": 120, "pack": "general_fun"}})
        expect(screen.locator("#coop-goal")).to_have_text("4")
        for phone in (ana, bo, cy):
            expect(phone.locator("#coop-choices .choice").first).to_be_visible()
        right_text = coop_answer(ana, right=False)
        expect(ana.locator("#coop-feedback")).to_have_text(f"Not quite — it was {right_text}")
        expect(ana.locator("#coop-wait")).to_be_visible()
        expect(ana.locator("#coop-choices .choice").first).to_be_disabled()
        coop_answer(bo, right=True)
        expect(bo.locator("#coop-feedback")).to_have_text("Right! +1 for the room")
        expect(screen.locator("#coop-progress")).to_have_text("1")
        coop_answer(cy, right=True)
        expect(screen.locator("#coop-progress")).to_have_text("2")
        expect(screen.locator("#coop-contributors")).to_have_text("2 people have filled the bar")
        expect(ana.locator("#coop-numbers")).to_have_text("2 of 4 right answers")
        expect(ana.locator("#coop-wait")).to_be_hidden()  # the cool-down is over: the next question opens
        screen.wait_for_timeout(800)
        assert_fits(screen)
        screenshot(screen, "screen-coop-bar.png")
        assert_no_sideways_scroll(bo)
        screenshot(bo, "phone-coop.png")
        coop_answer(ana, right=True)
        expect(screen.locator("#coop-progress")).to_have_text("3")
        coop_answer(bo, right=True)
        expect(screen.locator("#coop-title")).to_have_text("You did it together!")
        expect(screen.locator("#coop")).to_have_attribute("data-state", "done")
        for phone in (ana, bo, cy):
            expect(phone.locator("#coop-title")).to_have_text("You did it together!")
        expect(cy.locator("#coop-choices")).to_be_hidden()
        screen.wait_for_timeout(900)
        screenshot(screen, "screen-coop-done.png")
        host.call("activity:reveal", {"activity_id": host.state["activity"]["id"]})

        # ---------- Leaderboard ----------
        host.call("board:settings", {"board": "top5"})
        host.call("board:show", {"scene": "leaderboard"})
        expect(screen.locator("#board-team-list .standing")).to_have_count(3)
        expect(screen.locator("#board-player-list .ranking__row:not([hidden])")).to_have_count(3)
        standings = host.scores["teams"]
        expect(screen.locator("#board-team-list .standing").first).to_contain_text(standings[0]["name"])
        screen.wait_for_timeout(800)
        assert_fits(screen)
        screenshot(screen, "screen-leaderboard.png")
        me = next(p for p in host.scores["players"] if p["name"] == "Ana")
        expect(ana.locator("#my-points-total")).to_have_text(f"{me['points']} pts")
        expect(ana.locator("#my-points-rank")).to_have_text(f"{ordinal(me['rank'])} of 3")
        ana.locator("#my-points summary").click()
        expect(ana.locator("#my-points-me")).to_have_text(f"You: {me['points']} pts · {ordinal(me['rank'])} of 3")
        comets_row = next(t for t in standings if t["name"] == "Comets")
        expect(ana.locator("#my-points-team")).to_have_text(
            f"Comets: {comets_row['points']} pts · {ordinal(comets_row['rank'])} of 3 teams")
        expect(ana.locator("#my-points")).not_to_contain_text("Cy")  # only her own rank, never anyone else's
        assert_no_sideways_scroll(ana)
        screenshot(ana, "phone-my-points.png")
        ana.locator("#my-points summary").click()

        host.call("board:settings", {"board": "hidden"})
        expect(screen.locator("#board-hidden")).to_be_visible()
        expect(screen.locator("#board-body")).to_be_hidden()
        host.call("board:settings", {"board": "everyone"})
        expect(screen.locator("#board-player-list .ranking__row:not([hidden])")).to_have_count(3)

        # ---------- Podium: 3rd, then 2nd, then 1st, with a fanfare ----------
        host.call("board:show", {"scene": "podium"})
        expect(screen.locator('#podium-places .place[data-place="1"]')).to_be_attached()
        podium = host.scores["podium"]
        assert podium["of"] == "teams"
        first = next(p for p in podium["places"] if p["rank"] == 1)
        expect(screen.locator("#podium")).to_have_attribute("data-step", "revealing")
        expect(screen.locator('.place[data-place="1"]')).not_to_have_class(re.compile("is-shown"))
        expect(screen.locator("#podium")).to_have_attribute("data-step", "done", timeout=15_000)
        expect(screen.locator('.place[data-place="1"]')).to_have_class(re.compile("is-shown"))
        expect(screen.locator('.place[data-place="1"]')).to_contain_text(first["name"])
        expect(screen.locator("#podium")).to_have_attribute("data-fanfare", "played")
        expect(screen.locator("#podium-title")).to_have_text("Congratulations, teams!")
        expect(screen.locator("#confetti")).to_be_visible()
        screen.wait_for_timeout(1200)  # let the steps settle and the confetti fall into the picture
        assert_fits(screen)
        screenshot(screen, "screen-podium.png")

        # With reduced motion the podium shows at once, without confetti; without sound there is no fanfare.
        host.call("board:show", {"scene": "activity"})
        host.call("board:settings", {"sound": False})
        screen.emulate_media(reduced_motion="reduce")
        host.call("board:show", {"scene": "podium"})
        expect(screen.locator("#podium")).to_have_attribute("data-step", "done")
        expect(screen.locator("#podium")).to_have_attribute("data-fanfare", "muted")
        expect(screen.locator("#confetti")).to_be_hidden()
        screen.set_viewport_size({"width": 1024, "height": 768})
        screen.wait_for_timeout(200)
        assert_fits(screen)
        screenshot(screen, "screen-podium-1024x768.png")

        assert pages.errors == []
    finally:
        host.close()


def ordinal(rank):
    return f"{rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rank % 10 if rank % 100 not in (11, 12, 13) else 0, 'th')}"
