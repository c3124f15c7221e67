// The player view on a phone: lobby and team picking, polls, team trivia, the scenario challenge (writing together,
// then voting), the co-op goal, the player's own points, and the closing views.
import { RoomClient, mountConnectionIndicator, newRequestId } from "./client.js";
import { byId, h, setText, showOnly } from "./dom.js";
import { formatNumber, switchLanguage, t, tn } from "./i18n.js";
import { KINDS } from "./kinds/index.js";
import { clearSeat, readSeat } from "./seat.js";
import { ordinal, teamChip, teamShape } from "./teams.js";
import {
  OPTION_LETTERS, buzz, createAnnouncer, createCountdown, createResultsBars, keepSubmitInView, mountLanguageSwitch, plusPoints,
  pointsText, pointsWords, winningOptions,
} from "./ui.js";

const VIEWS = ["view-loading", "view-lobby", "view-pick", "view-no-team", "view-poll", "view-answered", "view-closed",
  "view-revealed", "view-trivia", "view-trivia-result", "view-write", "view-vote", "view-entries", "view-coop",
  "view-kind", "view-ended", "view-removed", "view-lost"];
// Answers worth retrying by themselves: nothing was stored, or we cannot tell yet.
const RETRYABLE = new Set(["timeout", "storage_error", "internal_error"]);
const AUTOMATIC_TRIES = 3;
const LOST_SEAT_TEXT = {
  room_not_found: () => t("This room does not exist any more. Check the code on the big screen."),
  unauthorized: () => t("Your saved seat for this room is not valid any more. Join again to get a new one."),
  invalid_payload: () => t("Your saved seat for this room is not valid any more. Join again to get a new one."),
};
const SUBMIT_TIMEOUT_MS = 6000;
// Where each answering view shows a refused answer and its "Try again".
const ANSWER_VIEWS = {
  "view-poll": { error: "poll-error", retry: "retry-button" },
  "view-trivia": { error: "trivia-error", retry: "trivia-retry" },
  "view-vote": { error: "vote-error", retry: "vote-retry" },
  "view-coop": { error: "coop-error", retry: "coop-retry" },
  "view-kind": { error: "kind-error", retry: "kind-retry" },
};
const DRAFT_DEBOUNCE_MS = 400;
const DRAFT_RETRY_MS = 1500;
const DRAFT_MAX = 280;

// What the polite live region says when a view appears (its heading gets the focus and is read as well).
const VIEW_ANNOUNCEMENTS = {
  "view-lobby": () => t("You're in the room. Questions will appear here."),
  "view-pick": () => t("Pick your team"),
  "view-no-team": () => t("This one is played in teams"),
  "view-poll": () => t("New poll question"),
  "view-answered": () => t("Answer sent"),
  "view-closed": () => t("Poll closed"),
  "view-revealed": () => t("Results are in"),
  "view-trivia": () => t("New team trivia question"),
  "view-trivia-result": () => t("Team trivia results"),
  "view-write": () => t("Time to write with your team"),
  "view-vote": () => t("Time to vote"),
  "view-entries": () => t("Scenario results"),
  "view-coop": () => t("Co-op goal: answer to fill the room's bar"),
  "view-kind": () => t("New activity"),
  "view-ended": () => t("Thanks for playing"),
  "view-removed": () => t("You were removed from this room"),
  "view-lost": () => t("You're not in this room any more"),
};

const code = document.body.dataset.code;
const seat = readSeat(code);
mountLanguageSwitch(switchLanguage);

if (!seat) {
  location.replace(`/join/${encodeURIComponent(code)}`);
} else {
  startPlaying(seat);
}

function startPlaying(seat) {
  const room = new RoomClient({ role: "player", code, token: seat.resume_token });
  const announce = createAnnouncer(byId("announcer"));
  // The countdowns speak twice at most (10 s left, time's up): role="timer" keeps every other second quiet.
  const countdowns = Object.fromEntries(Object.entries({
    "view-poll": "poll-countdown", "view-answered": "answered-countdown", "view-trivia": "trivia-countdown",
    "view-write": "write-countdown", "view-vote": "vote-countdown", "view-coop": "coop-countdown",
    "view-kind": "kind-countdown",
  }).map(([view, id]) => [view, createCountdown(byId(id), room, { announce })]));
  /** Said after the next render instead of the view's own announcement (e.g. "Answer sent"). */
  let announceNext = null;
  const revealedBars = createResultsBars(byId("revealed-bars"));
  const choices = byId("poll-choices");
  const passButton = byId("pass-button");

  /** The answer being sent: a retry of the same answer keeps its request_id so it is never counted twice. */
  let attempt = null;
  let sending = false;
  let shownActivityId = null;
  let pollBuiltFor = null;
  let finalView = null;

  setText(byId("player-name"), seat.name);

  const activityNow = () => room.activity;
  const myTeam = () => (room.me && typeof room.me.team_id === "number" ? room.team(room.me.team_id) : null);
  const myName = () => (room.me ? room.me.name : seat.name);

  /** The player's own stored response to this activity (slot 0), or null. */
  function myResponseTo(activity) {
    return room.myResponse && activity && room.myResponse.activity_id === activity.id ? room.myResponse : null;
  }

  // ---------- Answering: one way for every kind ----------

  function keyOf(body) {
    return body.pass ? "pass" : JSON.stringify(body.answer);
  }

  function sendingKey() {
    return sending && attempt ? attempt.key : null;
  }

  function showAnswerError(view, message, retryable) {
    const places = ANSWER_VIEWS[view];
    if (!places) return;
    setText(byId(places.error), message || "");
    const retry = byId(places.retry);
    retry.hidden = !retryable;
    if (retryable) setText(retry, t("Try again"));
  }

  function clearAnswerErrors() {
    for (const view of Object.keys(ANSWER_VIEWS)) showAnswerError(view, "", false);
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

  /** Send an answer ({answer} or {pass: true}) from `view`, retrying by itself while nothing could be stored. */
  async function submit(view, body) {
    const activity = activityNow();
    if (sending || !activity || activity.status !== "open") return;
    const key = keyOf(body);
    if (!attempt || attempt.activityId !== activity.id || attempt.key !== key) {
      attempt = { activityId: activity.id, requestId: newRequestId(), key, body, view };
    }
    const sent = attempt;
    buzz();
    const payload = { activity_id: sent.activityId, request_id: sent.requestId };
    if (body.pass) payload.pass = true;
    else payload.answer = body.answer;

    sending = true;
    showAnswerError(view, "", false);
    render();
    let ack = null;
    for (let tries = 0; tries < AUTOMATIC_TRIES; tries += 1) {
      if (tries > 0) await waitUntilOnline(5000);
      ack = await room.request("response:submit", payload, { timeoutMs: SUBMIT_TIMEOUT_MS });
      if (ack.ok || !RETRYABLE.has(ack.error.code)) break;
    }
    sending = false;
    handleSubmitAck(ack, sent);
    render();
  }

  function handleSubmitAck(ack, sent) {
    if (ack.ok) {
      if (attempt === sent) attempt = null;
      announceNext = t("Answer sent");
      const activity = activityNow();
      if (activity && activity.id === sent.activityId) room.setMyResponse(ack.response, ack.mine);
      return;
    }
    const { code: errorCode, message } = ack.error;
    const retryable = RETRYABLE.has(errorCode);
    showAnswerError(sent.view, message || t("Your answer was not sent."), retryable);
    if (retryable) return;
    // The room moved on (closed, already answered elsewhere, a newer co-op question…): take the server's word for it.
    if (errorCode !== "invalid_answer") room.sync();
  }

  passButton.addEventListener("click", () => submit("view-poll", { pass: true }));
  for (const [view, places] of Object.entries(ANSWER_VIEWS)) {
    byId(places.retry).addEventListener("click", () => {
      if (attempt && attempt.view === view) submit(view, attempt.body);
    });
  }

  function choiceButton(text, index, onClick, extra = null) {
    return h("button", { type: "button", class: "choice", dataset: { index: String(index) }, on: { click: onClick } },
      h("span", { class: "choice__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
      h("span", { class: "choice__text" }, text),
      extra);
  }

  // ---------- Poll ----------

  function optionText(activity, response) {
    if (!response) return null;
    if (response.passed) return null;
    return activity.options[response.answer.choice];
  }

  function buildPollChoices(activity) {
    choices.replaceChildren(...activity.options.map((option, index) =>
      choiceButton(option, index, () => submit("view-poll", { answer: { choice: index } }))));
    pollBuiltFor = activity.id;
  }

  function markPollSending() {
    const key = sendingKey();
    for (const button of choices.children) {
      button.disabled = sending;
      button.dataset.chosen = String(key === keyOf({ answer: { choice: Number(button.dataset.index) } }));
    }
    passButton.disabled = sending;
    passButton.dataset.chosen = String(key === "pass");
    choices.setAttribute("aria-busy", String(sending));
  }

  function myAnswerLine(activity, response, { unanswered }) {
    if (!response || response.activity_id !== activity.id) return unanswered;
    if (response.passed) return t("You passed.");
    return t("Your answer: %(answer)s", { answer: optionText(activity, response) });
  }

  function renderPollViews(view, activity) {
    if (view === "view-poll") {
      setText(byId("poll-question"), activity.prompt);
      byId("poll-question").dataset.length = activity.prompt.length > 100 ? "long" : "short";
      if (pollBuiltFor !== activity.id) buildPollChoices(activity);
      markPollSending();
    }
    if (view === "view-closed") {
      setText(byId("closed-text"), myAnswerLine(activity, room.myResponse,
        { unanswered: t("You didn't answer this one. Watch the big screen for the results.") }));
    }
    if (view === "view-revealed") {
      setText(byId("revealed-question"), activity.prompt);
      const mine = room.myResponse && room.myResponse.activity_id === activity.id && !room.myResponse.passed
        ? room.myResponse.answer.choice : null;
      revealedBars.update(activity, { mine });
      const topPick = mine !== null && activity.results && winningOptions(activity.results.counts).has(mine);
      const line = topPick
        ? t("Your answer: %(answer)s — the room's top pick!", { answer: optionText(activity, room.myResponse) })
        : myAnswerLine(activity, room.myResponse, { unanswered: t("You didn't answer this one.") });
      setText(byId("revealed-text"), line);
    }
  }

  // ---------- Header: name, team, and my points ----------

  function renderHeader() {
    if (room.me) setText(byId("player-name"), room.me.name);
    const team = myTeam();
    const slot = byId("header-team");
    slot.hidden = !team;
    if (team) {
      const current = slot.firstElementChild;
      const signature = `${team.id}|${team.name}|${team.colour}|${team.icon}`;
      if (!current || current.dataset.signature !== signature) {
        const chip = teamChip(team, { size: 18, className: "team-chip--header" });
        chip.dataset.signature = signature;
        slot.replaceChildren(chip);
      }
    } else {
      slot.replaceChildren();
    }
    renderMyPoints();
  }

  function renderMyPoints() {
    const box = byId("my-points");
    const scores = room.scores;
    const me = scores && scores.me;
    box.hidden = !me || Boolean(finalView);
    if (!me) return;
    // The rank means something once points are in; before that everyone shares 1st.
    const rank = me.points > 0 || me.rank > 1 ? t("%(rank)s of %(total)d", { rank: ordinal(me.rank), total: me.of }) : "";
    setText(byId("my-points-total"), pointsText(me.points));
    setText(byId("my-points-rank"), rank);
    const badges = me.badges || [];
    const icons = badges.slice(0, 3).map((badge) => badge.icon).join("");
    setText(byId("my-points-badges"), badges.length > 3 ? `${icons}+${badges.length - 3}` : icons);
    byId("my-points-rank").parentElement.hidden = !rank && !badges.length;
    setText(byId("my-points-me"), rank
      ? t("You: %(points)s · %(rank)s", { points: pointsText(me.points), rank })
      : t("You: %(points)s", { points: pointsText(me.points) }));
    const team = scores.team;
    setText(byId("my-points-team"), team
      ? tn("%(team)s: %(points)s · %(rank)s of %(num)d team", "%(team)s: %(points)s · %(rank)s of %(num)d teams", team.of,
        { team: team.name, points: pointsText(team.points), rank: ordinal(team.rank) })
      : "");
    byId("my-points-team").hidden = !team;
    byId("my-points-badge-list").replaceChildren(...badges.map((badge) => h("li", { class: "my-points__badge" },
      h("span", { class: "my-points__badge-icon", "aria-hidden": "true" }, badge.icon),
      h("span", {}, h("strong", {}, badge.name), " — ", badge.description))));
    byId("my-points-no-badges").hidden = badges.length > 0;
  }

  // ---------- Picking a team ----------

  let picking = null;

  function renderPick() {
    const list = byId("team-buttons");
    const signature = room.teams.map((t) => `${t.id}|${t.name}|${t.colour}|${t.icon}`).join(",");
    if (list.dataset.signature !== signature) {
      list.dataset.signature = signature;
      list.replaceChildren(...room.teams.map((team) => {
        const button = h("button", { type: "button", class: "team-button", dataset: { teamId: String(team.id) }, on: { click: () => pick(team) } },
          teamShape(team, { size: 40 }), h("span", { class: "team-button__name" }, team.name));
        button.style.setProperty("--team-colour", team.colour);
        return button;
      }));
    }
    for (const button of list.children) {
      button.disabled = picking !== null;
      button.dataset.chosen = String(picking !== null && Number(button.dataset.teamId) === picking);
    }
  }

  async function pick(team) {
    if (picking !== null) return;
    picking = team.id;
    setText(byId("pick-error"), "");
    buzz();
    render();
    const ack = await room.request("team:pick", { team_id: team.id });
    picking = null;
    if (!ack.ok) {
      setText(byId("pick-error"), ack.error.message || t("That did not work. Please try again."));
      if (!RETRYABLE.has(ack.error.code)) room.sync();
    } else if (!room.me || room.me.team_id !== ack.team_id) {
      room.sync();
    }
    render();
  }

  // ---------- Team trivia ----------

  let triviaBuiltFor = null;

  function myVote(activity) {
    const response = myResponseTo(activity);
    if (!response) return undefined;
    return response.passed ? null : response.answer.choice;
  }

  function renderTrivia(activity) {
    setText(byId("trivia-question"), activity.prompt);
    byId("trivia-question").dataset.length = activity.prompt.length > 100 ? "long" : "short";
    const list = byId("trivia-choices");
    if (triviaBuiltFor !== activity.id) {
      list.replaceChildren(...activity.options.map((option, index) => choiceButton(option, index, () => {
        if (myVote(activityNow()) === index && !sending) return; // already the vote: nothing to change
        submit("view-trivia", { answer: { choice: index } });
      }, h("span", { class: "choice__tag", hidden: true }, t("Your vote")))));
      triviaBuiltFor = activity.id;
    }
    const vote = myVote(activity);
    const key = sendingKey();
    for (const button of list.children) {
      const index = Number(button.dataset.index);
      const isSending = key === keyOf({ answer: { choice: index } });
      const chosen = key ? isSending : vote === index;
      button.disabled = sending;
      button.dataset.chosen = String(chosen);
      button.setAttribute("aria-pressed", String(vote === index));
      button.querySelector(".choice__tag").hidden = !chosen;
      setText(button.querySelector(".choice__tag"), isSending ? t("Sending…") : t("Your vote"));
    }
    list.setAttribute("aria-busy", String(sending));
    const pass = byId("trivia-pass");
    pass.disabled = sending;
    pass.dataset.chosen = String(key ? key === "pass" : vote === null);
    setText(pass, vote === null && !key ? t("You passed") : t("Pass"));
    setText(byId("trivia-hint"), vote === undefined
      ? t("Vote with your team: you can change it until time's up.")
      : t("You can change your vote until time's up."));
    renderTeamVotes(activity);
  }

  function renderTeamVotes(activity) {
    const team = myTeam();
    const view = room.teamView;
    const title = byId("team-votes-title");
    title.replaceChildren(t("Your team"), team ? teamChip(team, { size: 20 }) : null);
    const list = byId("team-votes");
    if (!view) {
      setText(byId("team-answer"), "");
      list.replaceChildren();
      setText(byId("team-waiting"), t("Waiting for your team's votes…"));
      return;
    }
    const answer = byId("team-answer");
    if (typeof view.answer === "number") {
      const letter = OPTION_LETTERS[view.answer];
      if (answer.dataset.answer !== letter) {
        answer.replaceChildren(t("Team answer so far:"), " ", h("span", { class: "team-votes__letter" }, letter));
      }
    } else {
      setText(answer, t("No team answer yet"));
    }
    byId("team-answer").dataset.answer = typeof view.answer === "number" ? OPTION_LETTERS[view.answer] : "";
    const me = room.me ? room.me.id : null;
    if (Array.isArray(view.votes)) {
      list.replaceChildren(...view.votes.map((vote) => {
        const who = vote.player_id === me ? t("You") : vote.name;
        const what = vote.passed ? t("passed") : `→ ${OPTION_LETTERS[vote.choice]}`;
        return h("li", { class: "team-votes__vote", dataset: { me: String(vote.player_id === me), passed: String(vote.passed) } },
          h("span", { class: "team-votes__name" }, who), " ",
          h("span", { class: "team-votes__choice" }, what));
      }));
    } else {
      // A big team sees how many chose each option, not every name.
      list.replaceChildren(...(view.counts || []).map((count, index) => h("li", { class: "team-votes__vote" },
        h("span", { class: "team-votes__name" }, OPTION_LETTERS[index]), " ", h("span", { class: "team-votes__choice" }, tn("%(num)d vote", "%(num)d votes", count)))));
    }
    const deciding = Math.max(0, view.members - view.voted - view.passed);
    setText(byId("team-waiting"), deciding
      ? tn("%(num)d teammate still deciding", "%(num)d teammates still deciding", deciding)
      : t("Everyone in your team has voted"));
  }

  function renderTriviaResult(activity) {
    const results = activity.results;
    const team = myTeam();
    const row = results && Array.isArray(results.teams) && team ? results.teams.find((r) => r.team_id === team.id) : null;
    const revealed = activity.status === "revealed" && results && typeof results.correct === "number";
    const vote = myVote(activity);
    const banner = byId("trivia-result-banner");
    let mark = "■";
    let title = t("Voting closed");
    let points = "";
    let text = t("The answer is coming on the big screen.");
    if (revealed) {
      const right = Boolean(row && row.right);
      mark = right ? "✓" : "✗";
      banner.dataset.right = String(right);
      const correctText = `${OPTION_LETTERS[results.correct]}: ${activity.options[results.correct]}`;
      if (!row || typeof row.answer !== "number") {
        title = t("Your team didn't answer");
        text = t("The answer was %(answer)s.", { answer: correctText });
      } else if (right) {
        title = t("Your team got it right!");
        text = t("The answer was %(answer)s.", { answer: correctText });
      } else {
        title = t("Not this time");
        text = t("The answer was %(answer)s. Your team said %(letter)s.", { answer: correctText, letter: OPTION_LETTERS[row.answer] });
      }
      if (row) {
        points = row.points > 0
          ? t("%(points)s points for %(team)s", { points: plusPoints(row.points), team: team.name })
          : t("No points for %(team)s this time", { team: team.name });
      }
    } else {
      banner.dataset.right = "";
      if (row && typeof row.answer === "number") {
        text = t("Your team answered %(letter)s. The answer is coming on the big screen.", { letter: OPTION_LETTERS[row.answer] });
      }
    }
    setText(byId("trivia-result-mark"), mark);
    setText(byId("trivia-result-title"), title);
    setText(byId("trivia-result-points"), points);
    setText(byId("trivia-result-question"), activity.prompt);
    setText(byId("trivia-result-text"), text);
    byId("trivia-result-options").replaceChildren(...activity.options.map((option, index) => {
      const tags = [];
      if (revealed && index === results.correct) tags.push(h("span", { class: "tag tag--right" }, t("✓ Right answer")));
      if (row && row.answer === index) tags.push(h("span", { class: "tag tag--team" }, t("Team answer")));
      if (vote === index) tags.push(h("span", { class: "tag" }, t("Your vote")));
      return h("li", { class: "answer-list__item", dataset: { correct: String(Boolean(revealed && index === results.correct)) } },
        h("span", { class: "answer-list__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
        h("span", { class: "answer-list__text" }, option, tags.length ? h("span", { class: "answer-list__tags" }, tags) : null));
    }));
  }

  // ---------- Scenario: writing the team's answer together ----------

  const draft = { activityId: null, fields: new Map() };

  function canApplyRemote(field) {
    return document.activeElement !== field.input && !field.timer && !field.inFlight && field.input.value === field.sent;
  }

  function updateCounter(field) {
    const length = field.input.value.length;
    setText(field.counter, `${formatNumber(length)}/${formatNumber(DRAFT_MAX)}`);
    field.counter.dataset.near = String(length > DRAFT_MAX - 30);
  }

  function buildDraft(activity) {
    for (const field of draft.fields.values()) clearTimeout(field.timer);
    draft.fields.clear();
    draft.activityId = activity.id;
    const container = byId("draft-fields");
    container.replaceChildren(...(activity.fields || []).map((spec) => {
      const id = `draft-${spec.name}`;
      const input = h("textarea", { id, class: "draft-field__input", maxlength: String(DRAFT_MAX), rows: "3", autocomplete: "off",
        "aria-describedby": `${id}-meta` });
      const counter = h("span", { class: "draft-field__count" }, `0/${DRAFT_MAX}`);
      const by = h("span", { class: "draft-field__by" });
      const element = h("div", { class: "draft-field", dataset: { field: spec.name } },
        h("label", { class: "draft-field__label", for: id }, t(spec.label)),
        input,
        h("p", { class: "draft-field__meta", id: `${id}-meta` }, by, counter));
      const field = { name: spec.name, element, input, counter, by, timer: null, inFlight: false, again: false, sent: "", ackedAt: 0 };
      input.addEventListener("input", () => {
        updateCounter(field);
        clearTimeout(field.timer);
        field.timer = setTimeout(() => sendDraft(field), DRAFT_DEBOUNCE_MS);
      });
      input.addEventListener("blur", () => {
        if (field.timer) sendDraft(field);
        else renderDraft(activityNow());
      });
      draft.fields.set(spec.name, field);
      return element;
    }));
    setText(byId("write-error"), "");
  }

  async function sendDraft(field) {
    clearTimeout(field.timer);
    field.timer = null;
    const activity = activityNow();
    if (!activity || activity.id !== draft.activityId || activity.status !== "open" || activity.stage !== "write") return;
    if (field.inFlight) {
      field.again = true; // one edit at a time per field, so they arrive in order
      return;
    }
    const text = field.input.value;
    field.inFlight = true;
    const ack = await room.request("draft:edit", { activity_id: activity.id, field: field.name, text });
    field.inFlight = false;
    if (ack.ok) {
      field.sent = text;
      field.ackedAt = Math.max(field.ackedAt, ack.field.at || 0);
      setText(field.by, t("edited by you"));
      setText(byId("write-error"), "");
    } else if (RETRYABLE.has(ack.error.code)) {
      setText(byId("write-error"), t("Your last words were not saved yet: trying again…"));
      field.timer = setTimeout(() => sendDraft(field), DRAFT_RETRY_MS);
    } else {
      setText(byId("write-error"), ack.error.message || t("Your words could not be saved."));
      room.sync();
    }
    if (field.again) {
      field.again = false;
      if (field.input.value !== field.sent) sendDraft(field);
    }
    if (!field.timer && !field.inFlight) renderDraft(activityNow());
  }

  function renderDraft(activity) {
    if (!activity || activity.kind !== "scenario") return;
    if (draft.activityId !== activity.id) buildDraft(activity);
    const remote = (room.teamView && room.teamView.fields) || {};
    for (const field of draft.fields.values()) {
      const latest = remote[field.name];
      if (latest && (latest.at || 0) >= field.ackedAt) {
        // A teammate's words appear as they come, except in the box this player is typing in.
        if (canApplyRemote(field) && field.input.value !== latest.text) {
          field.input.value = latest.text;
          field.sent = latest.text;
          updateCounter(field);
        }
        if (latest.by) setText(field.by, latest.by === myName() ? t("edited by you") : t("edited by %(name)s", { name: latest.by }));
      }
      field.element.dataset.teammate = String(Boolean(latest && latest.by && latest.by !== myName()));
    }
  }

  function renderWrite(activity) {
    setText(byId("write-title"), activity.prompt);
    setText(byId("write-situation"), activity.situation || "");
    renderDraft(activity);
  }

  // ---------- Scenario: voting, and the results ----------

  let voteBuiltFor = null;

  function fieldList(fields, labels) {
    return h("dl", { class: "entry-card__fields" }, Object.entries(fields || {}).filter(([, text]) => text).map(([name, text]) => [
      h("dt", { class: "entry-card__label" }, labels.get(name) || name),
      h("dd", { class: "entry-card__text" }, text)]));
  }

  function renderVote(activity) {
    setText(byId("vote-scenario"), t("%(scenario)s: vote for the answer you'd most like to hear as a customer.", { scenario: activity.prompt }));
    const entries = (activity.results && activity.results.entries) || [];
    const own = room.teamView && room.teamView.own_entry;
    const labels = new Map((activity.fields || []).map((f) => [f.name, t(f.label)]));  // labels are catalogue messages
    const signature = `${activity.id}|${own}|${entries.map((e) => e.label).join("")}`;
    const list = byId("vote-entries");
    if (voteBuiltFor !== signature) {
      voteBuiltFor = signature;
      list.replaceChildren(...entries.map((entry, index) => {
        const head = h("span", { class: "entry-card__head" },
          h("span", { class: "entry-card__letter", "aria-hidden": "true" }, entry.label),
          entry.label === own ? h("span", { class: "tag tag--team" }, t("Your team")) : null);
        if (entry.label === own) {
          return h("div", { class: "entry-card entry-card--own", dataset: { index: String(index) }, role: "group",
            "aria-label": t("Answer %(label)s: your team's", { label: entry.label }) },
            head, fieldList(entry.fields, labels));
        }
        // The name a screen reader gives the button starts with what it does, then the answer's own words.
        return h("button", { type: "button", class: "entry-card", dataset: { index: String(index) },
          on: { click: () => submit("view-vote", { answer: { entry: index } }) } },
        h("span", { class: "visually-hidden" }, t("Vote for answer %(label)s", { label: entry.label })),
        head, fieldList(entry.fields, labels));
      }));
    }
    const key = sendingKey();
    for (const card of list.querySelectorAll("button.entry-card")) {
      card.disabled = sending;
      card.dataset.chosen = String(key === keyOf({ answer: { entry: Number(card.dataset.index) } }));
    }
    const pass = byId("vote-pass");
    pass.disabled = sending;
    pass.dataset.chosen = String(key === "pass");
  }

  function renderEntries(activity) {
    const results = activity.results || {};
    const entries = Array.isArray(results.entries) ? results.entries : [];
    const revealed = activity.status === "revealed" && entries.length > 0 && entries.some((e) => typeof e.team_id === "number");
    const team = myTeam();
    const labels = new Map((activity.fields || []).map((f) => [f.name, t(f.label)]));  // labels are catalogue messages
    const response = myResponseTo(activity);
    const myChoice = response && !response.passed ? response.answer.entry : null;
    const top = revealed ? Math.max(0, ...entries.map((e) => e.votes || 0)) : 0;
    let title;
    let text;
    if (!entries.length) {
      title = t("Writing time is over");
      text = t("Watch the big screen for what comes next.");
    } else if (!revealed) {
      title = t("Voting closed");
      text = myChoice !== null
        ? t("You voted for %(label)s. Results are coming on the big screen.", { label: entries[myChoice].label })
        : t("Results are coming on the big screen.");
    } else {
      const winners = entries.filter((e) => top > 0 && e.votes === top);
      const mine = team ? entries.find((e) => e.team_id === team.id) : null;
      if (!winners.length) title = t("No votes this time");
      else if (mine && winners.includes(mine)) title = winners.length > 1 ? t("Your team shares the win!") : t("Your team's answer won!");
      else {
        const names = winners.map((e) => (room.team(e.team_id) || { name: t("Answer %(label)s", { label: e.label }) }).name);
        title = names.length > 1
          ? t("%(names)s and %(last)s won the vote", { names: names.slice(0, -1).join(", "), last: names[names.length - 1] })
          : t("%(name)s won the vote", { name: names[0] });
      }
      text = mine ? tn("Your team's answer got %(num)d vote.", "Your team's answer got %(num)d votes.", mine.votes || 0) : "";
    }
    setText(byId("entries-title"), title);
    setText(byId("entries-text"), text);
    byId("entries-text").hidden = !text;
    byId("entries-list").replaceChildren(...entries.map((entry, index) => {
      const entryTeam = revealed ? room.team(entry.team_id) : null;
      const winner = revealed && top > 0 && entry.votes === top;
      return h("li", { class: "entry-card entry-card--result", dataset: { winner: String(winner), mine: String(Boolean(team && entry.team_id === team.id)) } },
        h("span", { class: "entry-card__head" },
          h("span", { class: "entry-card__letter", "aria-hidden": "true" }, entry.label),
          entryTeam ? teamChip(entryTeam, { size: 18 }) : null,
          revealed ? h("span", { class: "entry-card__votes" }, `${winner ? "★ " : ""}${tn("%(num)d vote", "%(num)d votes", entry.votes || 0)}`) : null,
          myChoice === index ? h("span", { class: "tag" }, t("Your vote")) : null),
        fieldList(entry.fields, labels));
    }));
  }

  // ---------- Co-op goal ----------

  let coopBuiltFor = null;
  let coopWaitTimer = null;
  let coopFeedbackShown = null;

  function coopState(activity) {
    const results = activity.results || { progress: 0, goal: activity.goal };
    const goal = results.goal || activity.goal || 1;
    const progress = results.progress || 0;
    const reached = Boolean(results.reached) || progress >= goal;
    return { goal, progress, reached, over: activity.status !== "open" };
  }

  function renderCoop(activity) {
    const { goal, progress, reached, over } = coopState(activity);
    const mine = room.mine;
    const state = reached ? "done" : over ? "short" : "live";
    byId("view-coop").dataset.state = state;
    byId("coop-fill").style.width = `${Math.min(100, (progress / goal) * 100).toFixed(1)}%`;
    byId("coop-bar").setAttribute("aria-valuemax", String(goal));
    byId("coop-bar").setAttribute("aria-valuenow", String(Math.min(progress, goal)));
    setText(byId("coop-numbers"), tn("%(progress)d of %(num)d right answer", "%(progress)d of %(num)d right answers", goal, { progress }));

    const question = !over && mine && mine.question ? mine.question : null;
    let title;
    if (state === "done") title = t("You did it together!");
    else if (state === "short") title = t("%(progress)d of %(goal)d — great teamwork", { progress, goal });
    else if (question) title = question.prompt;
    else if (mine && mine.sat_out) title = t("You're sitting this one out");
    else title = t("Getting your question…");
    setText(byId("coop-title"), title);
    byId("coop-title").dataset.kind = question ? "question" : "status";

    // The last answer's feedback, once per answer.
    const feedback = byId("coop-feedback");
    const last = mine && mine.last;
    if (last && !over) {
      setText(feedback, last.right ? t("Right! +1 for the room") : t("Not quite — it was %(answer)s", { answer: last.correct_text }));
      feedback.dataset.right = String(last.right);
      feedback.hidden = false;
      const key = `${activity.id}:${last.number}`;
      if (coopFeedbackShown !== key) {
        coopFeedbackShown = key;
        feedback.classList.remove("is-new");
        void feedback.offsetWidth;
        feedback.classList.add("is-new");
      }
    } else {
      feedback.hidden = true;
    }

    const list = byId("coop-choices");
    list.hidden = !question;
    const buildKey = question ? `${activity.id}:${question.number}` : null;
    if (question && coopBuiltFor !== buildKey) {
      // The next question replaces the buttons: the focus goes to its text rather than to nowhere.
      const hadFocus = list.contains(document.activeElement) || document.activeElement === document.body;
      if (coopBuiltFor !== null && hadFocus && !byId("view-coop").hidden) setTimeout(() => focusHeading(byId("coop-title")), 0);
      coopBuiltFor = buildKey;
      list.replaceChildren(...question.options.map((option, index) => choiceButton(option, index,
        () => submit("view-coop", { answer: { question: question.number, choice: index } }))));
    }
    // After a wrong answer the next question opens a moment later (on the server's clock).
    const waitMs = mine && mine.cooldown_until ? mine.cooldown_until - room.serverNow() : 0;
    const cooling = Boolean(question) && waitMs > 0;
    const wait = byId("coop-wait");
    wait.hidden = !cooling;
    clearTimeout(coopWaitTimer);
    if (cooling) {
      const bar = byId("coop-wait-bar");
      bar.style.animationDuration = `${waitMs}ms`;
      coopWaitTimer = setTimeout(() => render(), waitMs + 30);
    }
    const key = sendingKey();
    for (const button of list.children) {
      button.disabled = sending || cooling;
      button.dataset.chosen = String(Boolean(question) && key === keyOf({ answer: { question: question.number, choice: Number(button.dataset.index) } }));
    }
    list.setAttribute("aria-busy", String(sending));

    let note = "";
    if (over && mine) {
      note = mine.answered
        ? t("You answered %(answered)d, %(right)d right. Thank you!", { answered: mine.answered, right: mine.right })
        : t("Thanks for cheering the room on!");
    } else if (mine && mine.sat_out) note = t("Cheer the room on — watch the bar on the big screen.");
    else if (question) note = t("Every right answer fills the room's bar.");
    setText(byId("coop-note"), note);
    const pass = byId("coop-pass");
    pass.hidden = over || !mine || mine.sat_out;
    pass.disabled = sending;
  }

  byId("coop-pass").addEventListener("click", () => submit("view-coop", { pass: true }));
  byId("trivia-pass").addEventListener("click", () => {
    if (myVote(activityNow()) === null) return;
    submit("view-trivia", { pass: true });
  });
  byId("vote-pass").addEventListener("click", () => submit("view-vote", { pass: true }));

  // ---------- Choosing the view ----------

  function needsToPick() {
    return Boolean(room.event && room.event.teams_mode === "pick" && room.me && room.me.team_id === null && room.teams.length);
  }

  function chooseView() {
    if (finalView) return finalView;
    if (!room.hasSnapshot) return "view-loading";
    if (room.event.status === "ended") return "view-ended";
    const activity = room.activity;
    if (!activity) return needsToPick() ? "view-pick" : "view-lobby";
    const open = activity.status === "open";
    const withoutTeam = needsToPick() ? "view-pick" : "view-no-team";
    if (activity.kind === "team_trivia") {
      if (!open) return "view-trivia-result";
      return myTeam() ? "view-trivia" : withoutTeam;
    }
    if (activity.kind === "scenario") {
      if (!open) return "view-entries";
      if (activity.stage === "write") return myTeam() ? "view-write" : withoutTeam;
      return myResponseTo(activity) ? "view-answered" : "view-vote";
    }
    if (activity.kind === "coop_goal") return "view-coop";
    if (KINDS[activity.kind]) return "view-kind";
    if (open) return myResponseTo(activity) ? "view-answered" : "view-poll";
    if (activity.status === "closed") return "view-closed";
    return "view-revealed";
  }

  // ---------- The icebreaker kinds: one frame, each kind's module draws the body ----------

  const kindView = { activityId: null, view: null };
  const kindContext = {
    room,
    myName,
    /** Sends {answer} or {pass: true}; errors and "Try again" show in the frame. */
    respond: (body) => submit("view-kind", body),
    /** The body being sent right now ({answer} or {pass}), as a key to compare with keyOf-like JSON, or null. */
    sending: () => (sending && attempt ? attempt.body : null),
  };

  function leaveKindView() {
    if (kindView.view && kindView.view.stop) kindView.view.stop();
    kindView.view = null;
    kindView.activityId = null;
    byId("kind-body").replaceChildren();
  }

  function renderKindView(activity) {
    const module = KINDS[activity.kind];
    if (kindView.activityId !== activity.id) {
      leaveKindView();
      kindView.activityId = activity.id;
      kindView.view = module.phone.mount(byId("kind-body"), kindContext);
    }
    byId("view-kind").dataset.kind = activity.kind;
    byId("view-kind").dataset.status = activity.status;
    setText(byId("kind-kicker"), module.label);
    setText(byId("kind-prompt"), activity.prompt);
    kindView.view.render(activity);
  }

  function renderLobby() {
    const team = myTeam();
    const line = byId("lobby-team");
    line.hidden = !team;
    if (team) line.replaceChildren(t("You're in team"), " ", teamChip(team, { size: 22, className: "team-chip--big" }));
    const scene = room.event && room.event.scene;
    const lookUp = byId("lobby-look-up");
    const text = scene === "podium" ? t("Look up: the podium is on the big screen!")
      : scene === "leaderboard" ? t("The leaderboard is on the big screen.") : "";
    setText(lookUp, text);
    lookUp.hidden = !text;
  }

  function renderAnswered(activity) {
    const response = myResponseTo(activity);
    if (activity.kind === "scenario") {
      const entries = (activity.results && activity.results.entries) || [];
      const entry = response && !response.passed ? entries[response.answer.entry] : null;
      setText(byId("answered-title"), response && response.passed ? t("You passed") : t("Vote received: %(label)s", { label: entry ? entry.label : "" }));
      return;
    }
    const text = optionText(activity, response);
    setText(byId("answered-title"), text === null ? t("You passed") : t("Answer received: %(answer)s", { answer: text }));
  }

  function renderEnded() {
    setText(byId("ended-text"), t("That's a wrap for %(event)s.", { event: room.event.title }));
    const me = room.scores && room.scores.me;
    const line = byId("ended-points");
    line.hidden = !me;
    if (me) {
      setText(line, me.points > 0 || me.rank > 1
        ? t("You scored %(points)s · %(rank)s of %(total)d", { points: pointsWords(me.points), rank: ordinal(me.rank), total: me.of })
        : t("You scored %(points)s", { points: pointsWords(me.points) }));
    }
  }

  function render() {
    const view = chooseView();
    const activity = room.activity;
    if (activity && activity.id !== shownActivityId) {
      // A new activity: nothing of the last one's answering carries over.
      shownActivityId = activity.id;
      if (!sending) attempt = null;
      clearAnswerErrors();
    }
    renderHeader();
    if (view !== "view-kind") leaveKindView();
    if (room.event) setText(byId("lobby-event"), room.event.title);
    for (const [countdownView, countdown] of Object.entries(countdowns)) countdown.set(view === countdownView ? activity : null);

    if (view === "view-lobby") renderLobby();
    else if (view === "view-pick") renderPick();
    else if (view === "view-answered") renderAnswered(activity);
    else if (view === "view-trivia") renderTrivia(activity);
    else if (view === "view-trivia-result") renderTriviaResult(activity);
    else if (view === "view-write") renderWrite(activity);
    else if (view === "view-vote") renderVote(activity);
    else if (view === "view-entries") renderEntries(activity);
    else if (view === "view-coop") renderCoop(activity);
    else if (view === "view-kind") renderKindView(activity);
    else if (view === "view-ended") renderEnded();
    else renderPollViews(view, activity);

    const wasHidden = byId(view).hidden;
    showOnly(VIEWS, view);
    document.body.dataset.view = view;
    // Move focus to the new view's heading so screen readers announce what changed.
    if (wasHidden) {
      focusHeading(byId(view).querySelector("h1"));
      window.scrollTo(0, 0);
    }
    const message = announceNext || (wasHidden && view !== "view-loading" ? VIEW_ANNOUNCEMENTS[view]() : null);
    announceNext = null;
    if (message) announce(message);
  }

  function focusHeading(heading) {
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }

  room.on("change", render);

  room.on("final", (_room, refusal) => {
    clearSeat(code);
    if (refusal.code === "removed") {
      finalView = "view-removed";
    } else {
      finalView = "view-lost";
      const known = LOST_SEAT_TEXT[refusal.code];
      setText(byId("lost-text"), known ? known() : refusal.message || LOST_SEAT_TEXT.unauthorized());
    }
    render();
  });

  mountConnectionIndicator(room, byId("connection"));
  keepSubmitInView({ header: document.querySelector(".phone-header") });
  room.start();
  render();
}
