"""The URLs of an event: host console, big screen, join page and QR code, all on the address phones can reach."""
from flask import current_app


def base_url():
    return current_app.config["BASE_URL"]


def join_url():
    """The page a person types the room code into."""
    return f"{base_url()}/join"


def room_join_url(code):
    """The join page with the code already filled in: what the QR code holds."""
    return f"{base_url()}/join/{code}"


def event_links(event, host_key):
    return {
        "host_url": f"{base_url()}/host/{event.code}/{host_key}",
        "screen_url": f"{base_url()}/screen/{event.code}/{event.screen_key}",
        "join_url": join_url(),
        "qr_url": f"/qr/{event.code}.svg",
    }


def console_links(event):
    """The console's links for a signed-in facilitator: the console's own address instead of a secret host link."""
    return {**event_links(event, ""), "host_url": f"{base_url()}/console/{event.code}"}
