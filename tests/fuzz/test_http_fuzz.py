"""Every HTTP endpoint with random and malformed input: never a 500; under /api/ every error is the JSON envelope;
elsewhere a refused lookup is the HTML not-found page (or the form again, or a redirect to sign in)."""
import io
import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ..helpers import form_token, post_form
from .strategies import EDGE_STRINGS, documented_codes, json_values, strings

CODES = documented_codes()
# TEAMPLAY_FUZZ_SCALE=10 runs ten times as many examples (a deeper search than CI's).
FUZZ = settings(max_examples=60 * int(os.environ.get("TEAMPLAY_FUZZ_SCALE", "1")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PASSWORD = "correct horse battery"

# Every route the app serves, as url_map spells it: the test below fails when a new one is not fuzzed here.
GET_ROUTES = [
    "/", "/join", "/join/<code>", "/play/<code>", "/kudos/<code>", "/healthz", "/signin", "/signup", "/dashboard",
    "/host/<code>/<key>", "/screen/<code>/<key>", "/qr/<code>.svg", "/vendor/<path:name>", "/i18n/<lang>.json", "/static/<path:filename>",
    "/invite/<token>", "/api/rooms/<code>",
    "/host/<code>/<key>/kudos.csv", "/host/<code>/<key>/kudos/print", "/host/<code>/<key>/report",
    "/host/<code>/<key>/report.json", "/host/<code>/<key>/report/<table>.csv",
    "/console/<code>", "/console/<code>/kudos.csv", "/console/<code>/kudos/print", "/console/<code>/report",
    "/console/<code>/report.json", "/console/<code>/report/<table>.csv", "/templates/<ref>.json",
    "/socket.io/",  # a rule so that Socket.IO events route cleanly; Engine.IO's middleware answers it
]
JSON_POSTS = ["/api/events", "/api/rooms/<code>/players", "/api/rooms/<code>/my-kudos", "/console/<code>/invites"]
FORM_POSTS = [
    "/events", "/signup", "/signin", "/signout", "/invite/<token>", "/templates/<ref>/start",
    "/console/<code>/template", "/templates/<int:template_id>/duplicate", "/templates/<int:template_id>/rename",
    "/templates/<int:template_id>/delete", "/templates/import",
]
FORM_FIELDS = ["title", "email", "name", "password", "next", "lang", "description", "csrf_token", "file", "x"]
TABLES = ["participation", "activities", "kudos", "points", "teams"]


def test_every_route_is_fuzzed(app):
    served = {rule.rule for rule in app.url_map.iter_rules()}
    assert served == set(GET_ROUTES) | set(JSON_POSTS) | set(FORM_POSTS)


@pytest.fixture
def world(app, client, rooms):
    """A signed-in facilitator's client with one of their events, and a quick room with a player seated."""
    post_form(client, "/signup", {"email": "fuzz@example.org", "name": "Fuzz", "password": PASSWORD}, page="/signup")
    owned = post_form(client, "/events", {"title": "Owned"}, page="/dashboard")
    room = rooms.with_players(1)
    return {"client": client, "anon": app.test_client(), "room": room,
            "owned": owned.headers["Location"].rsplit("/", 1)[1]}


segment = st.one_of(strings, st.sampled_from(EDGE_STRINGS), st.integers().map(str),
                    st.sampled_from(["..", ".", "%00", "%2F", "a/b", "ABCDEF", "abcdef", " ab cd ef "]))


def fill(route, world, draw_segment):
    """`route` with each variable either a real value of the world (so later parts are reached) or a fuzzed one."""
    room = world["room"]
    real = {"code": [room.code, world["owned"]], "key": [room.host_key, room.screen_key], "table": TABLES,
            "ref": ["shift_huddle", "1"], "int:template_id": ["1"], "token": [room.tokens["Player 1"]],
            "path:name": ["socket.io.esm.min.js"], "path:filename": ["css/app.css"]}
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        name = path[start + 1:end]
        value = draw_segment(name, real.get(name, []))
        path = path[:start] + value + path[end + 1:]
    return path


def segments(data):
    def draw(name, real):
        if real and data.draw(st.booleans()):
            return data.draw(st.sampled_from(real))
        value = data.draw(segment)
        if name == "int:template_id" and data.draw(st.booleans()):
            value = str(data.draw(st.integers(0, 2**70)))
        return quote(value, safe="") or "x"
    return draw


def check(response, path):
    assert response.status_code < 500, f"{path}: {response.status_code}\n{response.get_data(as_text=True)[:2000]}"
    if path.split("?")[0].startswith("/api/"):
        assert response.is_json, f"{path}: {response.status_code} {response.content_type}"
        body = response.get_json()
        assert isinstance(body, dict) and isinstance(body.get("ok"), bool), (path, body)
        if response.status_code >= 400:
            assert body["ok"] is False and isinstance(body["error"]["message"], str), (path, body)
            assert body["error"]["code"] in CODES and body["error"]["code"] != "internal_error", (path, body)
    elif response.status_code == 404:
        assert response.mimetype == "text/html", (path, response.mimetype)


@pytest.mark.parametrize("signed_in", [True, False])
def test_get_routes_with_random_segments_never_fail(world, signed_in):
    http = world["client"] if signed_in else world["anon"]

    @FUZZ
    @given(route=st.sampled_from(GET_ROUTES), data=st.data(),
           query=st.dictionaries(st.sampled_from(["next", "lang", "template", "imported", "renamed", "x"]), segment,
                                 max_size=3))
    def run(route, data, query):
        path = fill(route, world, segments(data))
        if query:
            path += "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
        check(http.get(path), path)

    run()


bodies = st.one_of(
    json_values({"title", "name", "token"}).map(lambda value: ("application/json", json.dumps(value).encode())),
    st.tuples(st.sampled_from(["application/json", "application/json; charset=utf-16", "text/plain", None,
                               "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", ""]),
              st.one_of(st.binary(max_size=200), strings.map(str.encode),
                        st.sampled_from([b"{", b"[]", b"null", b"\xff\xfe", b'{"title": NaN}', b'{"a":' * 2000,
                                         b"\x00" * 100, b'{"title": "' + b"A" * 600_000 + b'"}']))),
)


def test_json_api_posts_with_random_bodies_answer_with_the_envelope(world):
    http = world["client"]

    @FUZZ
    @given(route=st.sampled_from(JSON_POSTS), data=st.data(), body=bodies,
           method=st.sampled_from(["POST", "POST", "POST", "GET", "PUT", "DELETE"]))
    @example(route="/api/events", data=None, body=("application/json", b'{"title": "' + b"A" * 600_000 + b'"}'),
             method="POST")  # regression: larger than MAX_CONTENT_LENGTH: an HTML 413 on the JSON API
    @example(route="/api/events", data=None, body=("application/json", b"{}"), method="GET")  # regression: 405
    @example(route="/api/nowhere", data=None, body=("application/json", b"{}"), method="POST")  # regression: 404
    @example(route="/api/events", data=None, body=("application/json", b'{"a":' * 5000 + b"1" + b"}" * 5000),
             method="POST")  # regression: nesting past the JSON parser's recursion limit was a 500
    def run(route, data, body, method):
        content_type, raw = body
        path = fill(route, world, segments(data)) if data is not None else route
        headers = {"Content-Type": content_type} if content_type is not None else {}
        response = http.open(path, method=method, data=raw, headers=headers)
        check(response, path)
        if response.status_code == 405:
            assert response.headers["Allow"]

    run()


def test_form_posts_with_random_fields_never_fail(world):
    http = world["client"]
    token = form_token(http, "/dashboard")

    @FUZZ
    @given(route=st.sampled_from(FORM_POSTS), data=st.data(),
           form=st.dictionaries(st.sampled_from(FORM_FIELDS), segment, max_size=5),
           with_token=st.booleans(), upload=st.one_of(st.none(), st.binary(max_size=300),
                                                     json_values().map(lambda v: json.dumps(v).encode())))
    def run(route, data, form, with_token, upload):
        path = fill(route, world, segments(data))
        fields = dict(form)
        if with_token:
            fields["csrf_token"] = token
        if upload is not None:
            fields["file"] = (io.BytesIO(upload), data.draw(segment) or "t.json")
        response = http.post(path, data=fields)
        check(response, path)
        if path.startswith("/signout") and response.status_code == 303:  # stay signed in for the rest
            post_form(http, "/signin", {"email": "fuzz@example.org", "password": PASSWORD}, page="/signin")

    run()
