// The player's seat in a room (resume token and name), kept in localStorage per room code.

const KEY_PREFIX = "teamplay.seat.";

/** Room codes ignore case and spaces; this is the form used in URLs and storage keys. */
export function normaliseCode(text) {
  return String(text || "").replace(/\s+/g, "").toUpperCase();
}

function keyFor(code) {
  return KEY_PREFIX + normaliseCode(code);
}

/** The stored seat {resume_token, name, player_id} for this room, or null. */
export function readSeat(code) {
  let raw = null;
  try {
    raw = localStorage.getItem(keyFor(code));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const seat = JSON.parse(raw);
    if (seat && typeof seat.resume_token === "string" && seat.resume_token) return seat;
  } catch {
    // An older or hand-made value holding only the token.
    return { resume_token: raw, name: "", player_id: null };
  }
  return null;
}

export function saveSeat(code, seat) {
  try {
    localStorage.setItem(keyFor(code), JSON.stringify(seat));
    return true;
  } catch {
    return false;
  }
}

export function clearSeat(code) {
  try {
    localStorage.removeItem(keyFor(code));
  } catch {
    // Storage unavailable: nothing was kept, so nothing to clear.
  }
}
