"""The JSON API and served files: create an event, look up a room, join it, QR codes and browser libraries."""
import pytest


def create(client, title="Team huddle"):
    return client.post("/api/events", json={"title": title})


def test_create_event_returns_the_links(client):
    response = create(client, "  Monday   huddle ")
    assert response.status_code == 201
    body = response.get_json()
    code = body["event"]["code"]
    assert body["event"]["title"] == "Monday huddle"
    assert body["join_url"] == "http://teamplay.test/join"
    assert body["host_url"].startswith(f"http://teamplay.test/host/{code}/")
    assert body["screen_url"].startswith(f"http://teamplay.test/screen/{code}/")
    assert body["host_url"].rsplit("/", 1)[1] != body["screen_url"].rsplit("/", 1)[1]


@pytest.mark.parametrize("body", [{}, {"title": ""}, {"title": "   "}, {"title": "x" * 81}, {"title": 5}, {"title": "a", "x": 1}])
def test_create_event_refuses_a_bad_title(client, body):
    response = client.post("/api/events", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_payload"


def test_non_json_body_is_refused_clearly(client):
    response = client.post("/api/events", data="title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_payload"


def test_room_lookup_ignores_case_and_spaces(client):
    code = create(client).get_json()["event"]["code"]
    body = client.get(f"/api/rooms/{code[:3].lower()} {code[3:]}").get_json()
    assert body == {"ok": True, "room": {"code": code, "title": "Team huddle", "status": "lobby", "locked": False}}


def test_unknown_room_says_so(client):
    response = client.get("/api/rooms/ZZZZZZ")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "room_not_found"


def join(client, code, name):
    return client.post(f"/api/rooms/{code}/players", json={"name": name})


def test_join_gives_a_seat_and_a_resume_token(client):
    code = create(client).get_json()["event"]["code"]
    response = join(client, code, "  Ana ")
    assert response.status_code == 201
    body = response.get_json()
    assert body["player"]["name"] == "Ana"
    assert len(body["resume_token"]) >= 32


@pytest.mark.parametrize(
    "name, status, code",
    [
        ("ANA", 409, "name_taken"),
        (" ana", 409, "name_taken"),
        ("", 400, "name_empty"),
        ("x" * 25, 400, "name_too_long"),
        ("shithead", 400, "name_inappropriate"),
        (None, 400, "invalid_payload"),
        (42, 400, "invalid_payload"),
        ("x" * 10_000, 400, "invalid_payload"),
    ],
)
def test_join_refusals_say_why(client, name, status, code):
    room = create(client).get_json()["event"]["code"]
    join(client, room, "Ana")
    response = join(client, room, name)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"]


def test_join_unknown_room(client):
    response = join(client, "ZZZZZZ", "Ana")
    assert response.status_code == 404


def test_same_name_in_different_rooms_is_fine(client):
    first = create(client).get_json()["event"]["code"]
    second = create(client).get_json()["event"]["code"]
    assert join(client, first, "Ana").status_code == 201
    assert join(client, second, "Ana").status_code == 201


def test_qr_code_is_an_svg_of_the_rooms_join_url(client):
    code = create(client).get_json()["event"]["code"]
    response = client.get(f"/qr/{code}.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
    assert client.get("/qr/ZZZZZZ.svg").status_code == 404


def test_socket_client_library_is_served_by_the_app(client):
    response = client.get("/vendor/socket.io.esm.min.js")
    assert response.status_code == 200
    assert b"io" in response.data
    assert client.get("/vendor/../package.json").status_code == 404
    assert client.get("/vendor/left-pad.js").status_code == 404


def test_secret_links_are_not_leaked_in_referrers(client):
    assert client.get("/healthz").headers["Referrer-Policy"] == "no-referrer"
