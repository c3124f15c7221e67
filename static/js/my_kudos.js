// "My kudos": every kudos a player received in the event, read with the seat this device keeps — during the event
// and long after it (over HTTP, so it needs no live room).
import { byId, setText, showOnly } from "./dom.js";
import { language, t, tn } from "./i18n.js";
import { kudosNote } from "./kinds/kudos_card.js";
import { readSeat } from "./seat.js";

const VIEWS = ["my-kudos-loading", "my-kudos-list", "my-kudos-problem"];
const REFUSED = {
  unauthorized: () => [t("This seat is not valid any more"), t("The seat this device kept for the room was refused. Kudos stay with the seat you played with: open this page on that phone or browser.")],
  room_not_found: () => [t("This room does not exist"), t("Check the room code: it is the one on the big screen.")],
};

const code = document.body.dataset.code;

function problem(title, text, { retry = false, join = false } = {}) {
  setText(byId("my-kudos-problem-title"), title);
  setText(byId("my-kudos-problem-text"), text);
  byId("my-kudos-retry").hidden = !retry;
  byId("my-kudos-join").hidden = !join;
  showOnly(VIEWS, "my-kudos-problem");
}

function show(body, seat) {
  const { event, kudos } = body;
  document.title = t("My kudos — %(event)s", { event: event.title });
  if (seat.name) setText(byId("my-kudos-name"), seat.name);
  setText(byId("my-kudos-title"), kudos.length
    ? tn("%(num)d kudos for you", "%(num)d kudos for you", kudos.length)
    : t("Kudos for you"));
  setText(byId("my-kudos-event"), event.title);
  byId("my-kudos-notes").replaceChildren(...kudos.map((item) => kudosNote(item)));
  byId("my-kudos-notes").hidden = !kudos.length;
  byId("my-kudos-empty").hidden = kudos.length > 0;
  byId("my-kudos-back").hidden = event.status === "ended";
  showOnly(VIEWS, "my-kudos-list");
}

async function load() {
  const seat = readSeat(code);
  if (!seat) {
    problem(t("No seat on this device"),
      t("This device has not joined room %(code)s. Your kudos are kept with the phone or browser you played with: open this page there.", { code }),
      { join: true });
    return;
  }
  showOnly(VIEWS, "my-kudos-loading");
  let body = null;
  try {
    const response = await fetch(`/api/rooms/${encodeURIComponent(code)}/my-kudos?lang=${encodeURIComponent(language)}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: seat.resume_token }),
    });
    body = await response.json();
  } catch {
    problem(t("Could not reach TeamPlay"), t("Check the connection (the same Wi-Fi as the room) and try again."), { retry: true });
    return;
  }
  if (body && body.ok) {
    show(body, seat);
    return;
  }
  const error = (body && body.error) || {};
  const known = REFUSED[error.code];
  const [title, text] = known ? known() : [t("Your kudos could not be loaded"), error.message || t("Please try again in a moment.")];
  problem(title, text, { retry: !REFUSED[error.code], join: error.code === "unauthorized" });
}

byId("my-kudos-retry").addEventListener("click", load);
load();
