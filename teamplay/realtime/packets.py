"""The Socket.IO packet TeamPlay sends: JSON through and through, so no payload is searched for binary parts."""
from socketio.packet import Packet


class JsonPacket(Packet):
    """python-socketio's packet, without binary attachments.

    The library looks through every value of every payload it sends for bytes, to send them as attachments,
    building a list for each dict and list on the way: 9 ms for a roster of 2,000 players (its JSON takes 4),
    paid for each of the host's and the screen's rosters and boards at every live update of a big room, and
    ~15 µs for each of the 2,000 phones' own scores after a reveal. TeamPlay's protocol has no binary message
    (docs/protocol.md), so the search always found none. Bytes passed by mistake fail at the JSON encoding,
    with an error, instead of going out as an attachment.
    """

    uses_binary_events = False  # the library's own switch (its MessagePack packet turns it off too)
