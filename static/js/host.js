// The facilitator's console: roster and lock, teams, the activity composers (poll, team trivia, customer scenario,
// co-op goal) and their live controls, scores and corrections, what the big screen shows, end of the event.
import { RoomClient, mountConnectionIndicator } from "./client.js";
import { byId, h, setText } from "./dom.js";
import { formatNumber, t, tn } from "./i18n.js";
import { teamChip } from "./teams.js";
import { answeredLine, copyText, createCountdown, createResultsBars, entriesProblem, passesLine, timeUpFor } from "./ui.js";
import { createAct, createOptionEditor, focusFirst, focusNearRow, openDialog, setSelectOptions } from "./host_common.js";
import { mountAgenda } from "./host_agenda.js";
import { mountRoomGuards, playerCap } from "./host_guards.js";
import { mountInvites } from "./host_invites.js";
import { mountIcebreakers } from "./host_icebreakers.js";
import { mountKinds } from "./host_kinds.js";
import { mountPacing } from "./host_pacing.js";
import { mountScoresPanel } from "./host_scores.js";
import { mountTeamsPanel } from "./host_teams.js";
import { mountTimeHelp } from "./host_time_help.js";


const { code, key } = document.body.dataset;
// Without a host key the console is a signed-in facilitator's: the session cookie proves who connects.
const room = new RoomClient(key ? { role: "host", code, key } : { role: "host", code });
mountInvites(code);

/** Whether the facilitator is writing the next poll while the last one is still on screen. */
let composing = false;

// ---------- Running an action from a control (errors shown beside it) ----------

const act = createAct(room);
const guards = mountRoomGuards({ room, act });
const timeHelp = mountTimeHelp({ room, act });

// ---------- Roster and lock ----------

const rosterList = byId("roster");
const rosterRows = new Map();

function rosterRow(player) {
  const nameEl = h("span", { class: "roster__name" });
  const presence = h("span", { class: "roster__presence visually-hidden" });
  const lateTag = h("span", { class: "roster__tag roster__tag--new", hidden: true }, t("new"));
  const who = h("span", { class: "roster__who" }, nameEl, lateTag, presence);
  const teamHolder = h("span", { class: "roster__chip" });
  const moveSelect = h("select", { class: "select roster__move" });
  const teamBox = h("span", { class: "roster__team", hidden: true }, teamHolder, moveSelect);
  const removeButton = h("button", { type: "button", class: "btn btn--ghost btn--small roster__remove" }, t("Remove"));
  const banButton = h("button", { type: "button", class: "btn btn--ghost btn--small roster__ban" }, t("Ban"));
  const actions = h("span", { class: "roster__actions" }, removeButton, banButton);
  const confirmText = h("span", { class: "roster__confirm-text" });
  const confirmButton = h("button", { type: "button", class: "btn btn--danger btn--small" }, t("Yes, remove"));
  const cancelButton = h("button", { type: "button", class: "btn btn--ghost btn--small" }, t("Cancel"));
  const confirmBox = h("span", { class: "roster__confirm", hidden: true }, confirmText, confirmButton, cancelButton);
  const row = h("li", { class: "roster__row" },
    h("span", { class: "roster__dot", "aria-hidden": "true" }), who, actions, confirmBox, teamBox);
  // `actions` holds the row's controls; a part of the console that adds its own (time help: `control(entry)`) appends
  // it there and may push a function to `renderers`, called with (entry, player) each time the roster is drawn.
  const entry = {
    row, nameEl, presence, lateTag, actions, removeButton, banButton, confirmText, confirmBox, teamBox, teamHolder,
    moveSelect, chipKey: "", player, renderers: [],
  };
  // Time help on a line of its own (not among `actions`, which step aside while a removal is confirmed).
  const helpControl = timeHelp.control(player);
  row.appendChild(helpControl);
  entry.renderers.push((_entry, current) => timeHelp.update(helpControl, current));

  const askToConfirm = (asking) => {
    confirmBox.hidden = !asking;
    actions.hidden = asking;
    (asking ? cancelButton : removeButton).focus();
  };
  removeButton.addEventListener("click", () => askToConfirm(true));
  cancelButton.addEventListener("click", () => askToConfirm(false));
  confirmBox.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault(); // Escape steps back from "Remove Ana?" like a dialog's Cancel
    askToConfirm(false);
  });
  banButton.addEventListener("click", () => guards.askToBan(entry.player, banButton));
  confirmButton.addEventListener("click", async () => {
    const ack = await act(confirmButton, byId("roster-error"), "player:remove", { player_id: entry.player.id });
    if (ack.ok) {
      row.dataset.removing = "true";
      // The row goes away with the focus in it: the next player's Remove takes it, or the players' heading.
      focusNearRow(rosterList, row, ".roster__remove", byId("room-heading"));
    } else {
      askToConfirm(false);
    }
  });
  moveSelect.addEventListener("change", async () => {
    const teamId = Number(moveSelect.value);
    if (!teamId) return;
    const ack = await act(moveSelect, byId("roster-error"), "teams:move", { player_id: entry.player.id, team_id: teamId });
    moveSelect.value = "";
    if (ack.ok) moveSelect.focus();
  });
  return entry;
}

/** The player's team chip and the "Move to…" menu listing the other teams. */
function renderRosterTeam(entry, player) {
  const teamsOn = room.event && room.event.teams_mode !== "off" && room.teams.length > 0;
  entry.teamBox.hidden = !teamsOn;
  entry.row.dataset.teams = String(teamsOn);
  if (!teamsOn) return;
  const team = player.team_id !== null ? room.team(player.team_id) : null;
  const chipKey = team ? `${team.id}|${team.name}|${team.colour}|${team.icon}` : "none";
  if (entry.chipKey !== chipKey) {
    entry.chipKey = chipKey;
    entry.teamHolder.replaceChildren(team
      ? teamChip(team, { size: 14, className: "team-chip--small" })
      : h("span", { class: "roster__no-team" }, t("Not in a team yet")));
  }
  const others = room.teams.filter((t) => t.id !== player.team_id);
  setSelectOptions(entry.moveSelect, [
    { value: "", label: team ? t("Move to…") : t("Put in…") },
    ...others.map((t) => ({ value: String(t.id), label: t.name })),
  ], { fallback: "" });
  if (document.activeElement !== entry.moveSelect) entry.moveSelect.value = "";
  entry.moveSelect.setAttribute("aria-label", team
    ? t("Move %(name)s from %(team)s to another team", { name: player.name, team: team.name })
    : t("Put %(name)s in a team", { name: player.name }));
}

/** Whether the player came in after the current activity opened (they missed its start: worth a word). */
function joinedLate(player) {
  return Boolean(room.activity && typeof player.joined_at === "number" && player.joined_at > room.activity.opened_at);
}

function renderRoster() {
  const players = room.roster;
  const seen = new Set();
  const rows = players.map((player) => {
    seen.add(player.id);
    let entry = rosterRows.get(player.id);
    if (!entry) {
      entry = rosterRow(player);
      rosterRows.set(player.id, entry);
    }
    entry.player = player;
    setText(entry.nameEl, player.name);
    // Away (no open connection): said in words beside the name, not only by the hollow dot.
    setText(entry.presence, player.online ? t("online") : t("away"));
    entry.presence.className = player.online ? "roster__presence visually-hidden" : "roster__presence roster__tag roster__tag--away";
    entry.lateTag.hidden = !joinedLate(player);
    entry.lateTag.title = entry.lateTag.hidden ? "" : t("Joined after this activity started");
    setText(entry.confirmText, t("Remove %(name)s?", { name: player.name }));
    entry.removeButton.setAttribute("aria-label", t("Remove %(name)s", { name: player.name }));
    entry.banButton.setAttribute("aria-label", t("Ban %(name)s", { name: player.name }));
    entry.row.dataset.online = String(player.online);
    renderRosterTeam(entry, player);
    for (const renderer of entry.renderers) renderer(entry, player);
    return entry.row;
  });
  for (const id of rosterRows.keys()) if (!seen.has(id)) rosterRows.delete(id);
  // Keep focus where it is: only touch the list when its order or members changed.
  const current = Array.from(rosterList.children);
  if (current.length !== rows.length || current.some((row, i) => row !== rows[i])) rosterList.replaceChildren(...rows);

  const online = players.filter((p) => p.online).length;
  const away = players.length - online;
  const cap = playerCap(room);
  setText(byId("player-count"), cap === null ? formatNumber(room.rosterCount)
    : t("%(count)d of %(cap)d", { count: room.rosterCount, cap }));
  byId("player-count").dataset.full = String(cap !== null && room.rosterCount >= cap);
  setText(byId("online-count"), !players.length ? ""
    : away ? t("%(online)d online · %(away)d away", { online, away }) : t("%(online)d online", { online }));
  byId("online-count").dataset.away = String(away > 0);
  byId("roster-empty").hidden = players.length > 0;
  renderBlocked(room.blocked);
}

// What the room's guards refused (docs/security.md): shown only once there is something to show.
function renderBlocked(blocked) {
  const line = byId("blocked-count");
  if (!line) return;
  const joins = blocked?.joins || 0;
  const guesses = blocked?.guesses || 0;
  line.hidden = !joins && !guesses;
  setText(line, t("Blocked: %(joins)s here · %(guesses)s on this server", {
    joins: tn("%(num)d join attempt", "%(num)d join attempts", joins),
    guesses: tn("%(num)d wrong-code guess", "%(num)d wrong-code guesses", guesses),
  }));
}

const lockToggle = byId("lock-toggle");

function renderLock() {
  const locked = Boolean(room.event && room.event.locked);
  lockToggle.setAttribute("aria-checked", String(locked));
  setText(byId("lock-hint"), locked
    ? t("Locked: nobody new can join. Players already in stay.")
    : t("Open: anyone with the code can join."));
}

lockToggle.addEventListener("click", () => {
  const locked = lockToggle.getAttribute("aria-checked") === "true";
  act(lockToggle, byId("lock-error"), "room:lock", { locked: !locked });
});

// ---------- Poll composer ----------

const composer = byId("composer");
const optionList = byId("poll-options");
const addOptionButton = byId("add-option");
const composerError = byId("composer-error");

const options = createOptionEditor({ list: optionList, addButton: addOptionButton, idPrefix: "poll-option" });
const optionInputs = options.inputs;

function resetComposer() {
  byId("poll-question").value = "";
  options.reset();
  setText(composerError, "");
}

function readComposer() {
  const questionInput = byId("poll-question");
  const question = questionInput.value.trim();
  const inputs = optionInputs();
  const options = inputs.map((input) => input.value.trim());
  for (const input of [questionInput, ...inputs]) input.removeAttribute("aria-invalid");
  if (!question) {
    questionInput.setAttribute("aria-invalid", "true");
    return { problem: t("Write a question first."), focus: questionInput };
  }
  const problem = entriesProblem(inputs, "option");
  if (problem) return problem;
  const timer = byId("poll-timer").value;
  return { settings: { question, options, duration_s: timer ? Number(timer) : null } };
}

composer.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { settings, problem, focus } = readComposer();
  if (problem) {
    setText(composerError, problem);
    focus.focus();
    return;
  }
  const ack = await act(byId("start-poll"), composerError, "activity:start", { kind: "poll", settings });
  if (ack.ok) {
    resetComposer();
    activityStarted();
  }
});

// ---------- Live poll ----------

const liveBars = createResultsBars(byId("live-bars"));
const liveCountdown = createCountdown(byId("live-countdown"), room, { timeUpText: timeUpFor(room) });
const liveError = byId("live-error");

const STATUS_TEXT = {
  open: t("Open — phones can answer"),
  closed: t("Closed — answers are in"),
  revealed: t("Revealed on the big screen"),
};

function renderLivePoll(activity) {
  const status = byId("live-status");
  status.dataset.status = activity.status;
  setText(status, STATUS_TEXT[activity.status] || activity.status);
  setText(byId("live-question"), activity.prompt);
  liveBars.update(activity);
  liveCountdown.set(activity);
  setText(byId("live-answered"), answeredLine(activity.results));
  setText(byId("live-passes"), activity.results ? passesLine(activity.results.passes) : "");
  byId("close-poll").hidden = activity.status !== "open";
  byId("reveal-poll").hidden = activity.status === "revealed";
  byId("new-poll").hidden = activity.status === "open";
}

byId("live-question").tabIndex = -1;

// A live control hides itself once used (Close, then Reveal): the focus goes on to the one that comes next.
byId("close-poll").addEventListener("click", async (event) => {
  const ack = await act(event.currentTarget, liveError, "activity:close", { activity_id: room.activity.id });
  if (ack.ok) {
    render();
    focusFirst(byId("reveal-poll"), byId("live-question"));
  }
});

byId("reveal-poll").addEventListener("click", async (event) => {
  const ack = await act(event.currentTarget, liveError, "activity:reveal", { activity_id: room.activity.id });
  if (ack.ok) {
    render();
    focusFirst(byId("new-poll"), byId("live-question"));
  }
});

byId("new-poll").addEventListener("click", () => {
  setText(liveError, "");
  openComposer(kinds.selectedKind);
});

// ---------- Composers, teams, scores: the other parts of the console ----------

/** An activity was started from a composer: show its live panel and put the focus on its question. */
function activityStarted() {
  composing = false;
  render();
  const kind = room.activity ? room.activity.kind : "poll";
  const heading = kind === "poll" ? "live-question" : icebreakers.has(kind) ? icebreakers.liveHeading : kinds.liveHeading(kind);
  if (heading) byId(heading).focus();
}

/** Leave the finished activity on screen and show the composers, on this kind's tab. */
function openComposer(kind) {
  composing = true;
  kinds.selectKind(kind);
  render();
  byId(`tab-${kind}`).focus();
}

const teamsPanel = mountTeamsPanel({ room, act, onChange: () => render() });
const scoresPanel = mountScoresPanel({ room, act });
const agenda = mountAgenda({ room, act, onStarted: activityStarted });
const icebreakers = mountIcebreakers({ room, act, onStarted: activityStarted, openComposer, agenda });
const pacing = mountPacing({ room, act, onStarted: activityStarted });

byId("agenda-add-poll").addEventListener("click", async (event) => {
  const { settings, problem, focus } = readComposer();
  if (problem) {
    setText(composerError, problem);
    focus.focus();
    return;
  }
  const ack = await agenda.add("poll", settings, "", event.currentTarget, composerError);
  if (ack.ok) resetComposer();
});
const kinds = mountKinds({
  room, act, onStarted: activityStarted, openComposer, focusTeamsSetup: () => teamsPanel.focusSetup(),
  onSelect: (kind) => icebreakers.showComposer(kind),
});

// ---------- End of the event ----------

const endDialog = byId("end-dialog");

byId("end-event").addEventListener("click", (event) => {
  setText(byId("end-error"), "");
  openDialog(endDialog, event.currentTarget);
});

endDialog.addEventListener("close", async () => {
  if (endDialog.returnValue !== "end") return;
  const ack = await act(byId("end-event"), byId("end-error"), "event:end", {});
  if (ack.ok) {
    render();
    focusFirst(byId("ended-heading")); // the console is gone: the focus goes to what replaced it
  }
});

// ---------- Links ----------

for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    const input = byId(button.dataset.copy);
    const copied = await copyText(input.value, input);
    setText(button, copied ? t("Copied!") : t("Select & copy"));
    setTimeout(() => setText(button, t("Copy")), 2000);
  });
}

// ---------- Rendering ----------

function renderActivity() {
  const activity = room.activity;
  const showLive = Boolean(activity) && (activity.status === "open" || !composing);
  byId("composers").hidden = showLive;
  const poll = showLive && activity.kind === "poll";
  byId("live-poll").hidden = !poll;
  if (poll) renderLivePoll(activity);
  else liveCountdown.set(null);
  kinds.renderLive(showLive ? activity : null);
  icebreakers.renderLive(showLive ? activity : null);
  if (!showLive) kinds.renderComposers();
}

function render() {
  if (!room.event) return;
  setText(byId("event-title"), room.event.title);
  const ended = room.event.status === "ended";
  for (const id of ["console", "share", "end-event"]) byId(id).hidden = ended;
  byId("ended-view").hidden = !ended;
  if (ended) {
    liveCountdown.set(null);
    kinds.renderLive(null);
    icebreakers.renderLive(null);
    return;
  }
  renderRoster();
  renderLock();
  guards.render();
  agenda.render();
  pacing.render();
  teamsPanel.render();
  scoresPanel.render();
  renderActivity();
}

let knownActivityId;

room.on("change", (_room, why) => {
  if (why === "state" && room.activity && room.activity.status === "open") composing = false;
  // Which pack questions and scenarios are used changes with each new activity.
  const activityId = room.activity ? room.activity.id : null;
  if ((why === "snapshot" || why === "state") && activityId !== knownActivityId) {
    knownActivityId = activityId;
    kinds.loadContent();
    icebreakers.loadPrompts();
  }
  render();
});

room.on("final", (_room, refusal) => {
  for (const id of ["console", "share", "end-event", "ended-view"]) byId(id).hidden = true;
  byId("final-view").hidden = false;
  setText(byId("final-message"), refusal.message || t("Create a new event to carry on."));
});

resetComposer();
mountConnectionIndicator(room, byId("connection"));
room.start();
