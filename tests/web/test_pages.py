"""The pages render for the right links and refuse the wrong ones."""
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

