"""The facilitator's side in real browsers: sign up, start an event from a built-in template, run its first two
activities with two phones, and read the report — with screenshots of each step in tests/artifacts."""
import pytest

from .conftest import assert_accessible, open_phone, screenshot
from .test_screen_and_phone import assert_no_sideways_scroll

pytestmark = pytest.mark.browser


def test_a_facilitator_signs_up_runs_a_template_with_two_phones_and_reads_the_report(live_server, pages):
    from playwright.sync_api import expect

    host = pages.open(f"{live_server.url}/signup", 1366, 900)
    host.get_by_label("Your name").fill("Marta Ruiz")
    host.get_by_label("Email").fill("marta@example.org")
    host.get_by_label("Password").fill("a calm morning shift")
    host.get_by_role("button", name="Create account").click()
    expect(host).to_have_url(f"{live_server.url}/dashboard")
    expect(host.locator(".dash-header__who")).to_have_text("Marta Ruiz")
    screenshot(host, "facilitator-dashboard.png")

    # One click on a built-in template: an event with its agenda ready, in the facilitator's own console.
    host.locator("#template-shift_huddle").get_by_role("button", name="Start an event").click()
    expect(host.locator("#event-title")).to_have_text("15-minute shift huddle")
    assert "/console/" in host.url
    code = host.locator("#room-code").inner_text().strip()
    expect(host.locator("#agenda-list .agenda-item")).to_have_count(5)
    expect(host.locator("#agenda-next-label")).to_contain_text("Mood check-in")

    ana = open_phone(pages, live_server, code, "Ana")
    bo = open_phone(pages, live_server, code, "Bo", 360, 740)
    expect(host.locator("#roster .roster__row")).to_have_count(2)

    # 1. The mood check-in: both phones answer, the facilitator closes and reveals.
    host.click("#agenda-next")
    expect(host.locator("#kind-live-label")).to_have_text("Mood check-in")
    ana.get_by_role("button", name="Good (4 of 5)").click()
    bo.get_by_role("button", name="Good (4 of 5)").click()
    expect(host.locator("#kind-live-waiting")).to_be_hidden()  # nobody left to wait for
    screenshot(host, "facilitator-console-mood.png")
    host.click("#kind-close")
    host.click("#kind-reveal")
    expect(host.locator("#kind-new")).to_be_visible()

    # 2. This or that: one phone chooses, the other passes.
    host.click("#agenda-next")
    expect(host.locator("#kind-live-label")).to_have_text("This or that")
    ana.locator("#view-kind .choice").first.click()
    expect(ana.locator("#view-kind .kind-status")).to_contain_text("Sent")
    bo.get_by_role("button", name="Pass").click()
    host.click("#kind-reveal")
    screenshot(ana, "facilitator-phone-this-or-that.png")
    assert_no_sideways_scroll(bo)

    # The report, from the console's link: the figures of what just happened.
    with host.expect_popup() as opened:
        host.click("#report-link")
    report = opened.value
    report.wait_for_load_state()
    expect(report.locator(".report-head__title")).to_have_text("15-minute shift huddle")
    activities = report.locator("article.activity")
    expect(activities).to_have_count(2)
    expect(activities.nth(0).locator(".participation__counts")).to_contain_text("2 answered")
    expect(activities.nth(1).locator(".participation__counts")).to_contain_text("1 answered")
    expect(activities.nth(1).locator(".participation__counts")).to_contain_text("1 passed")
    expect(activities.nth(1).locator(".who")).to_contain_text("Ana")
    expect(report.locator("#summary-title")).to_be_visible()
    screenshot(report, "facilitator-report.png")
    assert_accessible(report, "the report of two activities")
    # The same report in Spanish: its figures, statuses and participation in the facilitator's language.
    report.goto(report.url + "?lang=es")
    expect(activities.nth(0).locator(".participation__counts")).to_contain_text("2 respondieron")
    expect(activities.nth(1).locator(".participation__counts")).to_contain_text("1 pasó")
    expect(report.locator("#summary-title")).to_have_text("En cifras")
    assert_accessible(report, "the report in Spanish")
    screenshot(report, "facilitator-report-es.png")
    report.goto(report.url.replace("?lang=es", ""))
    report.emulate_media(media="print")
    screenshot(report, "facilitator-report-print.png")

    # Back on the dashboard, the event is listed with its figures.
    host.goto(f"{live_server.url}/dashboard")
    row = host.locator(f'tr[data-code="{code}"]')
    expect(row).to_contain_text("15-minute shift huddle")
    expect(row.locator("td").nth(1)).to_have_text("2")  # players
    screenshot(host, "facilitator-dashboard-after.png")
    assert_accessible(host, "the dashboard with an event")
    assert pages.errors == []
