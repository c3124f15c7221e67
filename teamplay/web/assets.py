"""Files the app serves besides its own static folder: QR codes made here and npm-installed browser libraries."""
import io

import segno
from flask import Blueprint, Response, abort, jsonify, request, send_from_directory

from .. import i18n
from ..config import PROJECT_ROOT
from ..game.errors import GameError
from ..links import room_join_url
from ..services import rooms

assets = Blueprint("assets", __name__)

# Browser libraries installed from the npm registry (package.json), by the name pages import them under.
VENDOR_FILES = {
    "socket.io.esm.min.js": "socket.io-client/dist/socket.io.esm.min.js",
    "socket.io.esm.min.js.map": "socket.io-client/dist/socket.io.esm.min.js.map",
}


@assets.get("/qr/<code>.svg")
def qr_code(code):
    try:
        event = rooms.find_event(code)
    except GameError:
        abort(404)
    svg = io.BytesIO()
    segno.make(room_join_url(event.code), error="m").save(svg, kind="svg", scale=10, border=2, xmldecl=False)
    response = Response(svg.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@assets.get("/vendor/<path:name>")
def vendor(name):
    path = VENDOR_FILES.get(name)
    if path is None:
        abort(404)
    return send_from_directory(PROJECT_ROOT / "node_modules", path, max_age=3600)


@assets.get("/i18n/<lang>.json")
def catalogue(lang):
    """The message catalogue of one language, as static/js/i18n.js reads it; its URL carries its version."""
    if not i18n.valid_language(lang):
        abort(404)
    body, version = i18n.browser_catalogue(lang)
    response = Response(body, mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if request.args.get("v") == version \
        else "no-cache"
    return response


@assets.get("/healthz")
def healthz():
    return jsonify({"ok": True})
