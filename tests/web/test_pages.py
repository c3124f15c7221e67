"""The pages render for the right links and refuse the wrong ones, in the language each one should speak."""
import re

import pytest

from ..helpers import post_form


def test_create_event_form_lands_on_the_host_console(client):
    response = post_form(client, "/events", {"title": "Friday social"})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/host/")
    console = client.get(location)
    assert console.status_code == 200
    assert b"Friday social" in console.data


def test_create_event_form_explains_a_missing_title(client):
    response = post_form(client, "/events", {"title": "   "})
    assert response.status_code == 400
    assert b"title" in response.data


def test_a_form_posted_without_its_csrf_token_is_refused(client):
    response = client.post("/events", data={"title": "From another site"})
    assert response.status_code == 400 and b"CSRF" in response.data


def test_host_and_screen_pages_need_their_own_key(client):
    body = client.post("/api/events", json={"title": "Huddle"}).get_json()
    code = body["event"]["code"]
    host_key = body["host_url"].rsplit("/", 1)[1]
    screen_key = body["screen_url"].rsplit("/", 1)[1]
    assert client.get(f"/host/{code}/{host_key}").status_code == 200
    assert client.get(f"/screen/{code}/{screen_key}").status_code == 200
    assert client.get(f"/host/{code}/{screen_key}").status_code == 404
    assert client.get(f"/screen/{code}/{host_key}").status_code == 404
    assert client.get(f"/host/ZZZZZZ/{host_key}").status_code == 404


def test_join_page_with_a_code_goes_to_the_name_step(client):
    code = client.post("/api/events", json={"title": "Huddle <b>bold</b>"}).get_json()["event"]["code"]
    page = client.get(f"/join/{code.lower()}")
    assert page.status_code == 200
    assert code.encode() in page.data
    assert b"<b>bold</b>" not in page.data  # typed text is escaped


def test_join_page_with_an_unknown_code_says_so(client):
    page = client.get("/join/ZZZZZZ")
    assert page.status_code == 200
    assert b"no room with that code" in page.data


def test_play_page_with_a_bad_code_goes_back_to_join(client):
    assert client.get("/play/nonsense").headers["Location"] == "/join"
    assert client.get("/").status_code == 200


def test_every_page_sends_the_security_headers(client):
    for path in ("/", "/join", "/signin"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"


def test_the_session_cookie_is_http_only_and_same_site(client):
    from ..helpers import post_form

    response = post_form(client, "/signup", {"email": "cookie@example.org", "name": "C", "password": "long enough pw"},
                         page="/signup")
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session



# ---------- Languages ----------

def _event_language(app, code):
    from teamplay.models import Event
    from teamplay.extensions import db

    with app.app_context():
        return db.session.query(Event).filter_by(code=code).one().language


def test_the_start_page_offers_the_events_language_in_the_pages_own(client):
    english = client.get("/").get_data(as_text=True)
    spanish = client.get("/?lang=es").get_data(as_text=True)
    assert '<option value="en" lang="en" selected>English</option>' in english
    assert '<option value="es" lang="es" selected>Español</option>' in spanish
    assert "Reúne a tu equipo, en vivo." in spanish and "<strong>Crea el evento</strong>" in spanish


def test_an_event_created_in_spanish_speaks_spanish_on_its_console_and_big_screen(app, client):
    response = post_form(client, "/events", {"title": "Reunión del lunes", "language": "es"})
    host_path = response.headers["Location"]
    code = host_path.split("/")[2]
    assert _event_language(app, code) == "es"
    console = client.get(host_path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es"' in console
    screen_url = re.search(r'id="screen-url"[^>]*value="[^"]*(/screen/[^"]+)"', console).group(1)
    screen = client.get(screen_url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es"' in screen


def test_an_event_created_without_a_choice_speaks_the_language_of_the_page_it_was_created_on(app, client):
    token_page = "/?lang=es"
    response = post_form(client, "/events?lang=es", {"title": "Sin elegir"}, page=token_page)
    code = response.headers["Location"].split("/")[2]
    assert _event_language(app, code) == "es"


def test_the_start_pages_error_is_in_the_pages_language(client):
    response = post_form(client, "/events?lang=es", {"title": "   ", "language": "es"}, page="/?lang=es")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ponle un título al evento (hasta 80 caracteres)." in page
    assert '<option value="es" lang="es" selected>Español</option>' in page  # the choice is kept


def test_a_refused_link_says_so_in_the_pages_language(client):
    response = client.get("/host/ZZZZZZ/not-a-real-host-key-at-all?lang=es")
    assert response.status_code == 404
    assert "No lo encontramos" in response.get_data(as_text=True)


def test_marshmallows_field_messages_reach_people_in_the_requests_language(client):
    from teamplay.schemas import translate_fields

    english = client.post("/api/events", json={"title": ""}).get_json()["error"]
    spanish = client.post("/api/events?lang=es", json={"title": "", "colour": 1}).get_json()["error"]
    assert english["fields"] == {"title": ["Length must be between 1 and 80."]}
    assert spanish["message"] == "Faltan algunos campos o no son válidos."
    assert spanish["fields"] == {"title": ["La longitud debe estar entre 1 y 80."], "colour": ["Campo desconocido."]}
    # Outside a request (a script, a test) the messages stay as marshmallow wrote them; unknown ones always do.
    assert translate_fields({"a": ["Unknown field."], "b": {0: ["Something new."]}}) == \
        {"a": ["Unknown field."], "b": {0: ["Something new."]}}


@pytest.mark.parametrize("headers", [{}, {"Upgrade": "websocket", "Connection": "Upgrade"}], ids=["polling", "websocket"])
def test_a_socket_event_context_routes_without_an_error(app, client, headers):
    """Each Socket.IO event runs in a request context made from its connection's /socket.io/ handshake. Routing
    that path must succeed: a NotFound recorded for every event would hold the event's call stack in a reference
    cycle (docs/performance.md). The rule itself is never served: Socket.IO's middleware answers first."""
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/socket.io/", query_string="EIO=4&transport=polling", headers=headers).get_environ()
    with app.request_context(environ) as context:
        assert context.request.routing_exception is None
    assert client.get("/socket.io/").status_code == 400  # answered by Engine.IO (no EIO version), not by the rule
