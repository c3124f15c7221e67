"""The facilitator's pages as people meet them, in English and Spanish: the start page (and its error), sign in and
sign up (and their errors), the dashboard empty and with events, the template library, an invite, the report, the
printable kudos and the not-found page — each with no axe-core violation (WCAG 2.2 AA) at a laptop's and a phone's
size, with a screenshot of each in tests/artifacts; and an event created in Spanish whose screens speak Spanish."""
import pytest

from .conftest import ARTIFACTS, assert_accessible
from .test_screen_and_phone import assert_no_sideways_scroll

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def with_lang(url, lang):
    """`url` with ?lang=`lang` (English: as it is), before any #fragment."""
    if lang == "en":
        return url
    path, hash_, fragment = url.partition("#")
    return f"{path}{'&' if '?' in path else '?'}lang={lang}{hash_}{fragment}"


def check(page, name, url=None, action=None):
    """The page in English and Spanish at both sizes: no axe violation, and a screenshot of each."""
    for lang in ("en", "es"):
        if action is not None:
            action(lang)
        else:
            page.goto(with_lang(url, lang))
        assert page.evaluate("document.documentElement.lang") == lang, (name, lang)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            # Colours are measured as they end: after any transition a click started (an opened <details>).
            page.evaluate("""() => Promise.race([new Promise(done => setTimeout(done, 1500)), Promise.all(
                document.getAnimations().filter(running => running.effect.getTiming().iterations !== Infinity)
                    .map(running => running.finished))])""")
            assert_accessible(page, f"{name} ({lang}, {size})")
            if size == "phone":
                assert_no_sideways_scroll(page)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"pages-{name}-{lang}-{size}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})


def test_every_facilitator_page_reads_in_english_and_spanish_with_no_axe_violations(live_server, pages):
    from playwright.sync_api import expect

    base = live_server.url
    page = pages.open(f"{base}/", 1280, 800)
    check(page, "index", f"{base}/")

    def index_error(lang):
        page.goto(with_lang(f"{base}/", lang))
        page.locator("#title").fill("   ")  # only spaces: the server refuses it and says why
        page.locator("form.welcome__form button[type=submit]").click()
        expect(page.locator("#title-error")).to_be_visible()

    check(page, "index-error", action=index_error)
    expect(page.locator("#title-error")).to_have_text("Ponle un título al evento (hasta 80 caracteres).")
    check(page, "not-found", f"{base}/host/ZZZZZZ/not-a-real-host-key-at-all")
    check(page, "signin", f"{base}/signin")

    def signin_error(lang):
        page.goto(with_lang(f"{base}/signin", lang))
        page.locator("#email").fill("nobody@example.org")
        page.locator("#password").fill("not the password")
        page.locator("form.welcome__form button[type=submit]").click()
        expect(page.locator("#signin-error")).to_be_visible()

    check(page, "signin-error", action=signin_error)
    check(page, "signup", f"{base}/signup")

    def signup_error(lang):
        page.goto(with_lang(f"{base}/signup", lang))
        page.locator("#email").fill("not an address")
        page.locator("#password").fill("short")
        page.locator("form.welcome__form button[type=submit]").click()
        expect(page.locator("#email-error")).to_be_visible()

    check(page, "signup-error", action=signup_error)
    expect(page.locator("#email-error")).to_have_text("No es un correo electrónico válido.")  # marshmallow's, in Spanish

    page.goto(f"{base}/signup")
    page.locator("#name").fill("Marta Ruiz")
    page.locator("#email").fill("marta@example.org")
    page.locator("#password").fill("a calm morning shift")
    page.locator("form.welcome__form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/dashboard")
    check(page, "dashboard-empty", f"{base}/dashboard")

    # A template's options opened, as a facilitator choosing the title and language sees them.
    def library(lang):
        page.goto(with_lang(f"{base}/dashboard", lang) + "#templates")
        page.locator("#template-shift_huddle summary").click()

    check(page, "templates", action=library)
    expect(page.locator("#lang-shift_huddle")).to_have_value("es")  # the page's language, by default
    expect(page.locator("#template-shift_huddle .tpl-card__name")).to_have_text("Reunión de turno de 15 minutos")

    # The facilitator's own templates: one imported (the notice says so), its rename form opened.
    exported = page.request.get(f"{base}/templates/new_hire_welcome.json").body()
    page.goto(f"{base}/dashboard")
    page.locator("#template-file").set_input_files(
        files=[{"name": "welcome.json", "mimeType": "application/json", "buffer": exported}])
    page.locator(".tpl-import button[type=submit]").click()
    expect(page.locator(".tpl-notice")).to_be_visible()
    own = page.url

    def own_templates(lang):
        page.goto(with_lang(own, lang))
        page.locator(".tpl-card--own .tpl-more summary").first.click()

    check(page, "templates-own", action=own_templates)
    expect(page.locator(".tpl-notice")).to_have_text("Se importó «New-hire welcome»: está lista para empezar.")

    def refused_import(lang):
        page.goto(with_lang(f"{base}/dashboard", lang))
        page.locator("#template-file").set_input_files(
            files=[{"name": "broken.json", "mimeType": "application/json", "buffer": b"{not json"}])
        page.locator(".tpl-import button[type=submit]").click()
        expect(page.locator(".tpl-problem")).to_be_visible()

    check(page, "templates-error", action=refused_import)

    page.goto(f"{base}/dashboard")
    page.locator("#template-shift_huddle").get_by_role("button", name="Start an event").click()
    expect(page.locator("#room-code")).to_be_visible()
    code = page.locator("#room-code").inner_text().strip()
    check(page, "dashboard-events", f"{base}/dashboard")
    check(page, "report", f"{base}/console/{code}/report")
    check(page, "kudos-print", f"{base}/console/{code}/kudos/print")

    page.goto(f"{base}/console/{code}")
    csrf = page.locator("body").get_attribute("data-csrf")
    made = page.request.post(f"{base}/console/{code}/invites", headers={"X-CSRFToken": csrf,
                                                                       "Content-Type": "application/json"}, data="{}")
    assert made.status == 201, made.text()
    invite_url = made.json()["invite_url"]
    check(page, "invite-signed-in", invite_url)
    guest = pages.open(invite_url, 1280, 800)
    check(guest, "invite", invite_url)
    assert pages.errors == []


def test_an_event_created_in_spanish_shows_its_big_screen_and_console_in_spanish(live_server, pages):
    from playwright.sync_api import expect

    page = pages.open(f"{live_server.url}/", 1280, 800)
    expect(page.locator("#event-language")).to_have_value("en")  # the page's own language by default
    page.locator("#title").fill("Reunión del lunes")
    page.locator("#event-language").select_option("es")
    page.locator("form.welcome__form button[type=submit]").click()
    page.wait_for_url("**/host/**")
    assert page.evaluate("document.documentElement.lang") == "es"  # the console speaks the event's language
    screen_url = page.locator("#screen-url").input_value()
    screen = pages.open(screen_url, 1280, 720, extra_http_headers={"Accept-Language": "en"})
    assert screen.evaluate("document.documentElement.lang") == "es"
    expect(screen.locator("body")).to_contain_text("Reunión del lunes")
    assert pages.errors == []
