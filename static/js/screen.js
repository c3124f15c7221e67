// The big screen: the join lobby with the live roster, the poll with live bars, and the closing view.
import { RoomClient, mountConnectionIndicator } from "./client.js";
import { byId, h, setText, showOnly } from "./dom.js";
import { answeredLine, createCountdown, createResultsBars, passesLine, peopleHere } from "./ui.js";

const VIEWS = ["lobby", "poll", "ended", "final"];
// More chips than this are never put in the page; the rest are counted in "+N more".
const MAX_CHIPS = 240;

const { code, key } = document.body.dataset;
const room = new RoomClient({ role: "screen", code, key });

// ---------- Roster chips ----------

const chipList = byId("roster-chips");
const chipsById = new Map();
const arrivalOrder = new Map();
let arrivals = 0;
let rosterInitialised = false;
const moreChip = h("li", { class: "chip chip--more", hidden: true });

function chipFor(player, animate) {
  let chip = chipsById.get(player.id);
  if (!chip) {
    chip = h("li", { class: animate ? "chip chip--new" : "chip" });
    chip.addEventListener("animationend", () => chip.classList.remove("chip--new"), { once: true });
    chipsById.set(player.id, chip);
  }
  setText(chip, player.name);
  chip.dataset.online = String(player.online);
  return chip;
}

function renderRoster() {
  const players = room.roster;
  // The first roster seen is taken in the server's (joining) order; later arrivals go to the front.
  const firstTime = !rosterInitialised;
  if (room.hasSnapshot) rosterInitialised = true;
  for (const player of players) {
    if (!arrivalOrder.has(player.id)) arrivalOrder.set(player.id, (arrivals += 1));
  }
  const present = new Set(players.map((p) => p.id));
  for (const id of chipsById.keys()) if (!present.has(id)) chipsById.delete(id);

  const newestFirst = [...players].sort((a, b) => arrivalOrder.get(b.id) - arrivalOrder.get(a.id));
  const chips = newestFirst.slice(0, MAX_CHIPS).map((player) => chipFor(player, !firstTime));
  chipList.dataset.density = players.length > 80 ? "dense" : players.length > 30 ? "compact" : "roomy";
  placeInOrder(chipList, [...chips, moreChip]);
  fitChips(chips, players.length);

  const count = room.rosterCount;
  const countLine = byId("people-count");
  countLine.dataset.empty = String(count === 0);
  setText(countLine, count ? peopleHere(count) : "Waiting for people to join…");
}

/** Put `nodes` in `list` in this order, moving only what is out of place (a moved chip restarts its animation). */
function placeInOrder(list, nodes) {
  nodes.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
}

/** Hide the chips that do not fit and say how many are hidden, so 200+ names never overflow the screen. */
function fitChips(chips, total) {
  moreChip.hidden = true;
  for (const chip of chips) chip.hidden = false;
  const limit = chipList.clientHeight;
  const overflows = (el) => el.offsetTop + el.offsetHeight > limit + 1;
  let visible = chips.findIndex(overflows);
  if (visible === -1 && chips.length === total) return;
  if (visible === -1) visible = chips.length;
  moreChip.hidden = false;
  const showMore = () => {
    for (let i = 0; i < chips.length; i += 1) chips[i].hidden = i >= visible;
    setText(moreChip, `+${total - visible} more`);
  };
  showMore();
  while (visible > 0 && overflows(moreChip)) {
    visible -= 1;
    showMore();
  }
}

window.addEventListener("resize", () => {
  if (!byId("lobby").hidden) renderRoster();
});

// ---------- Poll ----------

const pollBars = createResultsBars(byId("poll-bars"));
const pollCountdown = createCountdown(byId("poll-countdown"), room, { timeUpText: "Time!" });

const POLL_STATUS = { open: "", closed: "Poll closed", revealed: "Results" };

function renderPoll(activity) {
  const question = byId("poll-question");
  setText(question, activity.prompt);
  question.dataset.length = activity.prompt.length > 120 ? "long" : activity.prompt.length > 60 ? "medium" : "short";
  byId("poll").dataset.status = activity.status;
  byId("poll").dataset.options = String(activity.options.length);
  setText(byId("poll-status"), POLL_STATUS[activity.status] || "");
  byId("poll-status").hidden = activity.status === "open";
  pollBars.update(activity);
  pollCountdown.set(activity);
  const results = activity.results;
  setText(byId("poll-answered"), answeredLine(results));
  const share = results && results.total ? Math.min(1, results.answered / results.total) : 0;
  byId("poll-meter").style.width = `${Math.round(share * 100)}%`;
  setText(byId("poll-passes"), results ? passesLine(results.passes) : "");
}

// ---------- Rendering ----------

function render() {
  const event = room.event;
  if (!event) return;
  if (event.status === "ended") {
    setText(byId("ended-title"), event.title);
    pollCountdown.set(null);
    showOnly(VIEWS, "ended");
    return;
  }
  setText(byId("lobby-title"), event.title);
  byId("lobby-locked").hidden = !event.locked;
  if (room.activity) {
    showOnly(VIEWS, "poll");
    renderPoll(room.activity);
  } else {
    pollCountdown.set(null);
    showOnly(VIEWS, "lobby");
    renderRoster();
  }
}

room.on("change", (_room, why) => {
  if (why === "roster") {
    if (!byId("lobby").hidden) renderRoster();
    return;
  }
  render();
});

room.on("final", (_room, refusal) => {
  pollCountdown.set(null);
  setText(byId("final-message"), refusal.message || "Ask the facilitator for a new big-screen link.");
  showOnly(VIEWS, "final");
});

mountConnectionIndicator(room, byId("connection"));
room.start();
renderRoster();
