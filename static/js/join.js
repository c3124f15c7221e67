// Joining from a phone in two steps: the room code, then a name; the seat is kept for the player view.
import { byId, setText } from "./dom.js";
import { language, switchLanguage, t } from "./i18n.js";
import { normaliseCode, readSeat, saveSeat } from "./seat.js";
import { buzz, keepSubmitInView, mountLanguageSwitch } from "./ui.js";

const codeStep = byId("code-step");
const nameStep = byId("name-step");
const codeInput = byId("code-input");
const nameInput = byId("name-input");
const errorBox = byId("join-error");

const OFFLINE_MESSAGE = t("Could not reach TeamPlay. Check your Wi-Fi or mobile data and try again.");

let roomCode = normaliseCode(document.body.dataset.code);

function playUrl(code) {
  return `/play/${encodeURIComponent(code)}`;
}

function showError(message) {
  setText(errorBox, message || "");
}

/** Shows why `input`'s value was refused, marks it invalid for screen readers and puts the cursor back in it. */
function refuse(input, message) {
  showError(message);
  input.setAttribute("aria-invalid", "true");
  input.focus();
}

/** `path` with the page's language, so the server's refusals come back in it. */
function api(path) {
  return `${path}?lang=${encodeURIComponent(language)}`;
}

async function fetchJson(url, options) {
  try {
    const response = await fetch(api(url), { headers: { accept: "application/json" }, ...options });
    const body = await response.json().catch(() => null);
    if (body && typeof body === "object") return body;
    return { ok: false, error: { code: "bad_response", message: t("The server answered %(status)s. Try again.", { status: response.status }) } };
  } catch {
    return { ok: false, error: { code: "offline", message: OFFLINE_MESSAGE } };
  }
}

/** While a request runs, the button says so and cannot be pressed twice. */
async function busy(button, text, work) {
  const idle = button.textContent;
  button.disabled = true;
  setText(button, text);
  try {
    return await work();
  } finally {
    button.disabled = false;
    setText(button, idle);
  }
}

function roomNotice(room) {
  if (room.status === "ended") return t("This event has ended.");
  if (room.locked) return t("This room is locked right now. Ask the facilitator to unlock it, then tap Join.");
  return "";
}

function showRoomNotice(room) {
  const notice = roomNotice(room);
  setText(byId("room-notice"), notice);
  byId("room-notice").hidden = !notice;
}

function showNameStep(room) {
  roomCode = room.code;
  setText(byId("room-title"), room.title);
  setText(byId("room-code"), room.code);
  showRoomNotice(room);
  codeStep.hidden = true;
  nameStep.hidden = false;
  if (location.pathname !== `/join/${room.code}`) history.replaceState(null, "", `/join/${room.code}`);
  nameInput.focus();
}

function showCodeStep() {
  nameStep.hidden = true;
  codeStep.hidden = false;
  if (location.pathname !== "/join") history.replaceState(null, "", "/join");
  codeInput.focus();
  codeInput.select();
}

// Room codes ignore case and spaces: show them the way the big screen does while the person types.
codeInput.addEventListener("input", () => {
  const cleaned = normaliseCode(codeInput.value);
  if (cleaned !== codeInput.value) codeInput.value = cleaned;
  codeInput.removeAttribute("aria-invalid");
});

codeStep.addEventListener("submit", async (event) => {
  event.preventDefault();
  const code = normaliseCode(codeInput.value);
  if (!code) {
    refuse(codeInput, t("Type the room code from the big screen."));
    return;
  }
  showError("");
  buzz();
  const answer = await busy(byId("code-submit"), t("Checking…"),
    () => fetchJson(`/api/rooms/${encodeURIComponent(code)}`));
  if (!answer.ok) {
    refuse(codeInput, answer.error.message);
    return;
  }
  if (readSeat(answer.room.code)) {
    location.assign(playUrl(answer.room.code));
    return;
  }
  showNameStep(answer.room);
});

nameStep.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = nameInput.value.trim();
  if (!name) {
    refuse(nameInput, t("Type the name you'd like the room to see."));
    return;
  }
  showError("");
  buzz();
  const answer = await busy(byId("name-submit"), t("Joining…"), () => fetchJson(
    `/api/rooms/${encodeURIComponent(roomCode)}/players`,
    { method: "POST", headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ name }) },
  ));
  if (!answer.ok) {
    refuse(nameInput, answer.error.message);
    return;
  }
  const stored = saveSeat(roomCode, {
    resume_token: answer.resume_token,
    name: answer.player.name,
    player_id: answer.player.id,
  });
  if (!stored) {
    showError(t("This browser would not let TeamPlay remember you (private browsing?). Turn that off and try again."));
    return;
  }
  location.assign(playUrl(roomCode));
});

nameInput.addEventListener("input", () => nameInput.removeAttribute("aria-invalid"));

byId("change-code").addEventListener("click", (event) => {
  event.preventDefault();
  showError("");
  showCodeStep();
});

// The keyboard must not cover the button: the field and its submit stay in view as the viewport shrinks.
keepSubmitInView();
mountLanguageSwitch(switchLanguage);

if (roomCode && readSeat(roomCode)) {
  location.replace(playUrl(roomCode));
} else if (!nameStep.hidden) {
  showRoomNotice({ status: nameStep.dataset.status, locked: nameStep.dataset.locked === "true" });
  nameInput.focus();
} else if (!codeInput.value) {
  codeInput.focus();
}
