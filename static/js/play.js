// The player view on a phone: lobby, answering a poll (or passing), results, and the closing views.
import { RoomClient, mountConnectionIndicator, newRequestId } from "./client.js";
import { byId, h, setText, showOnly } from "./dom.js";
import { clearSeat, readSeat } from "./seat.js";
import { OPTION_LETTERS, createCountdown, createResultsBars, winningOptions } from "./ui.js";

const VIEWS = ["view-loading", "view-lobby", "view-poll", "view-answered", "view-closed", "view-revealed",
  "view-ended", "view-removed", "view-lost"];
// Answers worth retrying by themselves: nothing was stored, or we cannot tell yet.
const RETRYABLE = new Set(["timeout", "storage_error", "internal_error"]);
const AUTOMATIC_TRIES = 3;
const LOST_SEAT_TEXT = {
  room_not_found: "This room does not exist any more. Check the code on the big screen.",
  unauthorized: "Your saved seat for this room is not valid any more. Join again to get a new one.",
  invalid_payload: "Your saved seat for this room is not valid any more. Join again to get a new one.",
};
const SUBMIT_TIMEOUT_MS = 6000;

const code = document.body.dataset.code;
const seat = readSeat(code);

if (!seat) {
  location.replace(`/join/${encodeURIComponent(code)}`);
} else {
  startPlaying(seat);
}

function startPlaying(seat) {
  const room = new RoomClient({ role: "player", code, token: seat.resume_token });
  const pollCountdown = createCountdown(byId("poll-countdown"), room);
  const answeredCountdown = createCountdown(byId("answered-countdown"), room);
  const revealedBars = createResultsBars(byId("revealed-bars"));
  const choices = byId("poll-choices");
  const passButton = byId("pass-button");
  const pollError = byId("poll-error");
  const retryButton = byId("retry-button");

  /** The answer being sent: a retry of the same choice keeps its request_id so it is never counted twice. */
  let attempt = null;
  let sending = false;
  let shownActivityId = null;
  let finalView = null;

  setText(byId("player-name"), seat.name);

  // ---------- Answering ----------

  function optionText(activity, response) {
    if (!response) return null;
    if (response.passed) return null;
    return activity.options[response.answer.choice];
  }

  function buildChoices(activity) {
    const buttons = activity.options.map((option, index) => h("button", {
      type: "button",
      class: "choice",
      dataset: { index: String(index) },
      on: { click: () => submit(index) },
    },
    h("span", { class: "choice__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
    h("span", { class: "choice__text" }, option)));
    choices.replaceChildren(...buttons);
    shownActivityId = activity.id;
    attempt = null;
    setText(pollError, "");
    retryButton.hidden = true;
  }

  function markSending() {
    const chosen = attempt ? attempt.choice : undefined;
    for (const button of choices.children) {
      button.disabled = sending;
      button.dataset.chosen = String(sending && Number(button.dataset.index) === chosen);
    }
    passButton.disabled = sending;
    passButton.dataset.chosen = String(sending && chosen === null);
    choices.setAttribute("aria-busy", String(sending));
  }

  function waitUntilOnline(timeoutMs) {
    if (room.status === "online") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        room.off("status", onStatus);
        resolve();
      };
      const onStatus = (_room, status) => {
        if (status === "online") done();
      };
      const timer = setTimeout(done, timeoutMs);
      room.on("status", onStatus);
    });
  }

  async function submit(choice) {
    const activity = room.activity;
    if (sending || !activity || activity.status !== "open") return;
    if (!attempt || attempt.activityId !== activity.id || attempt.choice !== choice) {
      attempt = { activityId: activity.id, requestId: newRequestId(), choice };
    }
    if (navigator.vibrate) navigator.vibrate(30);
    const payload = { activity_id: attempt.activityId, request_id: attempt.requestId };
    if (choice === null) payload.pass = true;
    else payload.answer = { choice };

    sending = true;
    retryButton.hidden = true;
    setText(pollError, "");
    markSending();
    let ack = null;
    for (let tries = 0; tries < AUTOMATIC_TRIES; tries += 1) {
      if (tries > 0) await waitUntilOnline(5000);
      ack = await room.request("response:submit", payload, { timeoutMs: SUBMIT_TIMEOUT_MS });
      if (ack.ok || !RETRYABLE.has(ack.error.code)) break;
    }
    sending = false;
    markSending();
    handleSubmitAck(ack);
  }

  function handleSubmitAck(ack) {
    if (ack.ok) {
      attempt = null;
      room.setMyResponse(ack.response);
      return;
    }
    const { code: errorCode, message } = ack.error;
    setText(pollError, message || "Your answer was not sent.");
    if (RETRYABLE.has(errorCode)) {
      setText(retryButton, "Try again");
      retryButton.hidden = false;
      return;
    }
    // The room moved on (closed, already answered elsewhere, new activity): take the server's word for it.
    if (errorCode !== "invalid_answer") room.sync();
  }

  passButton.addEventListener("click", () => submit(null));
  retryButton.addEventListener("click", () => {
    if (attempt) submit(attempt.choice);
  });

  // ---------- Rendering ----------

  function myAnswerLine(activity, response, { unanswered }) {
    if (!response || response.activity_id !== activity.id) return unanswered;
    if (response.passed) return "You passed.";
    return `Your answer: ${optionText(activity, response)}`;
  }

  function chooseView() {
    if (finalView) return finalView;
    if (!room.hasSnapshot) return "view-loading";
    if (room.event.status === "ended") return "view-ended";
    const activity = room.activity;
    if (!activity) return "view-lobby";
    const mine = room.myResponse && room.myResponse.activity_id === activity.id ? room.myResponse : null;
    if (activity.status === "open") return mine ? "view-answered" : "view-poll";
    if (activity.status === "closed") return "view-closed";
    return "view-revealed";
  }

  function render() {
    const view = chooseView();
    const activity = room.activity;
    if (room.me) setText(byId("player-name"), room.me.name);
    if (room.event) {
      setText(byId("lobby-event"), room.event.title);
      setText(byId("ended-text"), `That's a wrap for ${room.event.title}.`);
    }
    pollCountdown.set(view === "view-poll" ? activity : null);
    answeredCountdown.set(view === "view-answered" ? activity : null);

    if (view === "view-poll") {
      setText(byId("poll-question"), activity.prompt);
      byId("poll-question").dataset.length = activity.prompt.length > 100 ? "long" : "short";
      if (shownActivityId !== activity.id) buildChoices(activity);
      markSending();
    }
    if (view === "view-answered") {
      const text = optionText(activity, room.myResponse);
      setText(byId("answered-title"), text === null ? "You passed" : `Answer received: ${text}`);
    }
    if (view === "view-closed") {
      setText(byId("closed-text"), myAnswerLine(activity, room.myResponse,
        { unanswered: "You didn't answer this one. Watch the big screen for the results." }));
    }
    if (view === "view-revealed") {
      setText(byId("revealed-question"), activity.prompt);
      const mine = room.myResponse && room.myResponse.activity_id === activity.id && !room.myResponse.passed
        ? room.myResponse.answer.choice : null;
      revealedBars.update(activity, { mine });
      const line = myAnswerLine(activity, room.myResponse, { unanswered: "You didn't answer this one." });
      const topPick = mine !== null && activity.results && winningOptions(activity.results.counts).has(mine);
      setText(byId("revealed-text"), topPick ? `${line} — the room's top pick!` : line);
    }
    const wasHidden = byId(view).hidden;
    showOnly(VIEWS, view);
    // Move focus to the new view's heading so screen readers announce what changed.
    if (wasHidden) {
      const heading = byId(view).querySelector("h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    }
  }

  room.on("change", render);

  room.on("final", (_room, refusal) => {
    clearSeat(code);
    if (refusal.code === "removed") {
      finalView = "view-removed";
    } else {
      finalView = "view-lost";
      setText(byId("lost-text"), LOST_SEAT_TEXT[refusal.code] || refusal.message || LOST_SEAT_TEXT.unauthorized);
    }
    render();
  });

  mountConnectionIndicator(room, byId("connection"));
  room.start();
  render();
}
