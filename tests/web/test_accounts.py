"""Facilitators' accounts: signing up, in and out; events belong to their facilitator, who alone (with the
co-facilitators they invite) can see and run them — every page, download and socket connection checks."""
import re

import pytest

from teamplay.extensions import socketio

from ..helpers import form_token, post_form

PASSWORD = "correct horse battery"


def sign_up(client, email="ana@example.org", name="Ana", password=PASSWORD, next_=None):
    data = {"email": email, "name": name, "password": password}
    if next_:
        data["next"] = next_
    return post_form(client, "/signup", data, page="/signup")


def sign_in(client, email="ana@example.org", password=PASSWORD):
    return post_form(client, "/signin", {"email": email, "password": password}, page="/signin")


def new_event(client, title="Shift huddle"):
    response = post_form(client, "/events", {"title": title})
    assert response.status_code == 303, response.data
    return response.headers["Location"].rsplit("/", 1)[1]


@pytest.fixture
def other(app):
    """A second browser: another facilitator's own cookies."""
    return app.test_client()


def host_socket(app, client, code, key=None):
    auth = {"role": "host", "code": code, **({"key": key} if key else {})}
    return socketio.test_client(app, flask_test_client=client, auth=auth)


# ---------- Signing up, in and out ----------

def test_a_facilitator_signs_up_lands_on_the_dashboard_and_signs_out(client):
    response = sign_up(client)
    assert response.status_code == 303 and response.headers["Location"] == "/dashboard"
    page = client.get("/dashboard")
    assert page.status_code == 200 and b"Ana" in page.data and b"No events yet" in page.data
    assert post_form(client, "/signout", {}, page="/dashboard").status_code == 303
    assert client.get("/dashboard").status_code == 302  # back to signing in


def test_passwords_are_stored_hashed_never_as_typed(app, client):
    from teamplay.extensions import db
    from teamplay.models import Facilitator

    sign_up(client)
    with app.app_context():
        stored = db.session.query(Facilitator).one()
        assert PASSWORD not in stored.password_hash and stored.password_hash.startswith(("scrypt:", "pbkdf2:"))
        assert stored.email == "ana@example.org"


@pytest.mark.parametrize("data,field", [
    ({"email": "not-an-email", "name": "Ana", "password": PASSWORD}, b"email"),
    ({"email": "ana@example.org", "name": "", "password": PASSWORD}, b"name"),
    ({"email": "ana@example.org", "name": "Ana", "password": "short"}, b"10 to 200"),
])
def test_sign_up_explains_what_is_wrong_and_keeps_what_was_typed(client, data, field):
    response = post_form(client, "/signup", data, page="/signup")
    assert response.status_code == 400 and field in response.data
    if data["email"] == "ana@example.org":
        assert b'value="ana@example.org"' in response.data
    assert PASSWORD.encode() not in response.data  # a password is never sent back


def test_an_email_has_one_account_whatever_its_case(client, other):
    sign_up(client)
    response = sign_up(other, email="  ANA@Example.org ")
    assert response.status_code == 409 and b"already exists" in response.data


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, other):
    sign_up(client)
    wrong = sign_in(other, password="not the password")
    unknown = sign_in(other, email="nobody@example.org")
    assert wrong.status_code == unknown.status_code == 401
    message = b"That email and password do not match an account."
    assert message in wrong.data and message in unknown.data
    assert sign_in(other, email="ANA@example.org").status_code == 303


@pytest.mark.parametrize("target,lands", [
    ("/console/ABCDEF", "/console/ABCDEF"), ("https://evil.example/", "/dashboard"), ("//evil.example", "/dashboard"),
    ("/\\evil.example", "/dashboard"), ("javascript:alert(1)", "/dashboard"),
])
def test_after_signing_in_only_a_path_of_this_site_is_followed(client, other, target, lands):
    sign_up(client)
    response = post_form(other, "/signin", {"email": "ana@example.org", "password": PASSWORD, "next": target},
                         page="/signin")
    assert response.headers["Location"] == lands


def test_every_account_form_needs_its_csrf_token(client):
    assert client.post("/signup", data={"email": "a@b.org", "name": "A", "password": PASSWORD}).status_code == 400
    assert client.post("/signin", data={"email": "a@b.org", "password": PASSWORD}).status_code == 400
    sign_up(client)
    assert client.post("/signout").status_code == 400
    assert client.post("/events", data={"title": "Forged"}).status_code == 400


# ---------- Ownership ----------

def test_a_signed_in_facilitators_event_is_theirs_and_opens_in_their_console(client, other):
    sign_up(client)
    code = new_event(client)
    console = client.get(f"/console/{code}")
    assert console.status_code == 200 and b"Shift huddle" in console.data
    assert b'data-key=""' in console.data and b"Secret</span> Host link" not in console.data
    assert code.encode() in client.get("/dashboard").data
    sign_up(other, email="bo@example.org", name="Bo")
    assert other.get(f"/console/{code}").status_code == 404
    assert code.encode() not in other.get("/dashboard").data
    assert other.get(f"/console/{code}/kudos.csv").status_code == 404
    assert other.get(f"/console/{code}/kudos/print").status_code == 404


def test_without_signing_in_a_console_and_its_downloads_ask_to_sign_in(client, app):
    sign_up(client)
    code = new_event(client)
    stranger = app.test_client()
    for path in (f"/console/{code}", f"/console/{code}/kudos.csv", "/dashboard"):
        response = stranger.get(path)
        assert response.status_code == 302 and "/signin" in response.headers["Location"], path


def test_the_console_socket_is_proven_by_the_session_and_refused_to_anyone_else(app, client, other):
    sign_up(client)
    code = new_event(client)
    owner = host_socket(app, client, code)
    assert owner.is_connected()
    snapshot = next(p["args"][0] for p in owner.get_received() if p["name"] == "snapshot")
    assert snapshot["role"] == "host" and snapshot["links"]["host_url"].endswith(f"/console/{code}")
    assert owner.emit("activity:start", {"kind": "poll", "settings": {"question": "Tea?", "options": ["Y", "N"]}},
                      callback=True)["ok"]
    sign_up(other, email="bo@example.org", name="Bo")
    assert not host_socket(app, other, code).is_connected()
    assert not host_socket(app, app.test_client(), code).is_connected()  # nobody signed in


def test_a_quick_room_still_runs_by_its_host_link_alone(client):
    response = post_form(client, "/events", {"title": "Ad hoc"})
    assert response.headers["Location"].startswith("/host/")
    code, key = response.headers["Location"].split("/")[2:4]
    assert client.get(f"/host/{code}/{key}/kudos.csv").status_code == 200
    assert client.get(f"/console/{code}").status_code == 302  # not signed in: no account console for it


# ---------- Co-facilitators ----------

def invite_url(client, code):
    token = re.search(rb'data-csrf="([^"]+)"', client.get(f"/console/{code}").data).group(1).decode()
    response = client.post(f"/console/{code}/invites", json={}, headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.data
    return response.get_json()["invite_url"].split("teamplay.test", 1)[1]


def test_an_invited_co_facilitator_runs_the_same_console_at_the_same_time(app, client, other):
    sign_up(client)
    code = new_event(client)
    link = invite_url(client, code)
    assert b"Sign in" in other.get(link).data  # not signed in yet: the invite says how
    sign_up(other, email="bo@example.org", name="Bo", next_=link)
    assert b"Accept" in other.get(link).data
    accepted = post_form(other, link, {}, page=link)
    assert accepted.status_code == 303 and accepted.headers["Location"] == f"/console/{code}"
    assert other.get(f"/console/{code}").status_code == 200
    assert b"Bo" in client.get(f"/console/{code}").data  # the owner sees who co-runs it
    assert code.encode() in other.get("/dashboard").data
    owner, co = host_socket(app, client, code), host_socket(app, other, code)
    co.get_received()
    assert owner.emit("activity:start", {"kind": "poll", "settings": {"question": "Tea?", "options": ["Y", "N"]}},
                      callback=True)["ok"]
    states = [p["args"][0] for p in co.get_received() if p["name"] == "state"]
    assert states and states[-1]["activity"]["prompt"] == "Tea?"
    activity_id = states[-1]["activity"]["id"]
    assert co.emit("activity:close", {"activity_id": activity_id}, callback=True)["ok"]


def test_an_invite_works_once_and_only_its_owner_makes_them(app, client, other):
    sign_up(client)
    code = new_event(client)
    link = invite_url(client, code)
    sign_up(other, email="bo@example.org", name="Bo")
    post_form(other, link, {}, page=link)
    third = app.test_client()
    sign_up(third, email="cy@example.org", name="Cy")
    assert third.get(link).status_code == 404
    assert third.get(f"/console/{code}").status_code == 404
    token = re.search(rb'data-csrf="([^"]+)"', other.get(f"/console/{code}").data).group(1).decode()
    refused = other.post(f"/console/{code}/invites", json={}, headers={"X-CSRFToken": token})
    assert refused.status_code == 403  # a co-facilitator does not invite others
    assert client.post(f"/console/{code}/invites", json={}).status_code == 400  # no CSRF token
    assert third.get("/invite/not-a-real-token-at-all").status_code == 404


def test_the_report_is_the_owners_and_their_co_facilitators_only(client, other):
    sign_up(client)
    code = new_event(client)
    page = client.get(f"/console/{code}/report")
    assert page.status_code == 200 and b"Shift huddle" in page.data
    assert f"/console/{code}/report.json".encode() in page.data
    assert client.get(f"/console/{code}/report.json").get_json()["event"]["code"] == code
    assert client.get(f"/console/{code}/report/participation.csv").status_code == 200
    sign_up(other, email="bo@example.org", name="Bo")
    for path in (f"/console/{code}/report", f"/console/{code}/report.json", f"/console/{code}/report/points.csv"):
        assert other.get(path).status_code == 404, path
