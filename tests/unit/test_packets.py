"""TeamPlay's Socket.IO packets are the library's JSON packets, without the search for binary parts."""
import pytest
from socketio import packet

from teamplay.extensions import socketio
from teamplay.realtime.packets import JsonPacket


def test_a_payload_encodes_as_the_library_encodes_it():
    data = ["roster", {"players": [{"id": 1, "name": "Ana", "online": True, "team_id": None}], "count": 1}]
    ours, theirs = JsonPacket(packet.EVENT, data=data), packet.Packet(packet.EVENT, data=data)
    assert ours.packet_type == packet.EVENT and ours.encode() == theirs.encode()
    ack = JsonPacket(packet.ACK, data=[{"ok": True}], id=7)
    assert ack.encode() == packet.Packet(packet.ACK, data=[{"ok": True}], id=7).encode()


def test_bytes_fail_loudly_instead_of_going_out_as_an_attachment():
    with pytest.raises(TypeError):
        JsonPacket(packet.EVENT, data=["photo", {"image": b"\x89PNG"}]).encode()


def test_the_app_sends_with_it(app):
    assert socketio.server.packet_class is JsonPacket
