// The big screen: the join lobby (people or teams), the poll, team trivia, the scenario challenge, the co-op goal,
// the leaderboard and the podium, and the closing view. Everything is sized to read from the back of a room.
import { RoomClient, mountConnectionIndicator } from "./client.js";
import { byId, h, placeInOrder, setText, showOnly } from "./dom.js";
import { createConfetti, createSound } from "./celebrate.js";
import { KINDS } from "./kinds/index.js";
import { formatNumber, language, t, tn } from "./i18n.js";
import { teamShape } from "./teams.js";
import {
  OPTION_LETTERS, createCountdown, createResultsBars, fitText, prefersReducedMotion, setReducedMotion,
} from "./ui.js";

const VIEWS = ["lobby", "poll", "trivia", "scenario", "coop", "kindstage", "leaderboard", "podium", "ended", "final"];
const VIEW_OF_KIND = {
  poll: "poll", team_trivia: "trivia", scenario: "scenario", coop_goal: "coop",
  ...Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, "kindstage"])),
};
// More chips than this are never put in the page; the rest are counted in "+N more".
const MAX_CHIPS = 240;
const MAX_TEAM_NAMES = 120;

const { code, key } = document.body.dataset;
const room = new RoomClient({ role: "screen", code, key });
const confetti = createConfetti(byId("confetti"));
// Every cue of every view asks the event's setting first: with sound off, nothing on this screen makes a sound.
const sound = createSound({ allowed: () => Boolean(room.event && room.event.sound && room.event.status !== "ended") });

// ---------- Words and numbers in the screen's language ----------

const formatPoints = (points) => formatNumber(Number(points || 0));
/** "+150" for points won (never a bare "+0": "0"). */
const plusPoints = (points) => (points > 0 ? `+${formatPoints(points)}` : formatPoints(points || 0));
const pointsText = (points) => tn("%(num)d pt", "%(num)d pts", Number(points || 0));
const ORDINAL_RULES = new Intl.PluralRules("en", { type: "ordinal" });
/** "1st", "2nd", "3rd", "4th" (1.º, 2.º… in Spanish). */
function ordinal(rank) {
  const category = ORDINAL_RULES.select(rank);
  if (category === "one") return t("%(rank)dst", { rank });
  if (category === "two") return t("%(rank)dnd", { rank });
  if (category === "few") return t("%(rank)drd", { rank });
  return t("%(rank)dth", { rank });
}
const listOf = (names) => new Intl.ListFormat(language, { type: "conjunction" }).format(names);
const moreText = (count) => tn("+%(num)d more", "+%(num)d more", count);
// At zero the room's clock says why the activity is still open when players with time help are still answering.
const timeUp = () => (room.activity && room.activity.status === "open" && room.activity.extra_time_waiting > 0
  ? t("Extra time for some players") : t("Time!"));
const countdownTexts = () => ({ timeUpText: timeUp, pausedText: t("Paused") });

/** The team with this id, or a neutral stand-in (a team removed since keeps its name in the results). */
function teamOf(teamId) {
  return room.team(teamId) || { id: teamId, name: t("Team"), colour: "#9a8aa3", icon: "circle" };
}

function teamMark(team, size, className = "") {
  const mark = h("span", { class: `team-mark ${className}`.trim() },
    teamShape(team, { size }), h("span", { class: "team-mark__name" }, team.name));
  mark.style.setProperty("--team-colour", team.colour);
  return mark;
}

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

function teamsOn() {
  return Boolean(room.event && room.event.teams_mode !== "off" && room.teams.length);
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
  const withTeams = teamsOn();
  chipList.hidden = withTeams;
  byId("lobby-teams").hidden = !withTeams;
  if (withTeams) {
    renderLobbyTeams(newestFirst, !firstTime);
  } else {
    const chips = newestFirst.slice(0, MAX_CHIPS).map((player) => chipFor(player, !firstTime));
    chipList.dataset.density = players.length > 80 ? "dense" : players.length > 30 ? "compact" : "roomy";
    placeInOrder(chipList, [...chips, moreChip]);
    fitChips(chipList, chips, players.length, moreChip);
  }

  const count = room.rosterCount;
  const countLine = byId("people-count");
  countLine.dataset.empty = String(count === 0);
  setText(countLine, count ? tn("%(num)d person here", "%(num)d people here", count) : t("Waiting for people to join…"));
  const picking = withTeams && room.event.teams_mode === "pick";
  byId("lobby-pick").hidden = !picking;
  const unpicked = picking ? players.filter((p) => p.team_id === null).length : 0;
  byId("lobby-unpicked").hidden = !unpicked;
  setText(byId("lobby-unpicked"), unpicked ? tn("%(num)d still choosing", "%(num)d still choosing", unpicked) : "");
}

/** Hide the chips that do not fit and say how many are hidden, so 200+ names never overflow the screen. */
function fitChips(list, chips, total, more) {
  more.hidden = true;
  setText(more, "");
  for (const chip of chips) chip.hidden = false;
  const limit = list.clientHeight;
  const overflows = (el) => el.offsetTop + el.offsetHeight > limit + 1;
  let visible = chips.findIndex(overflows);
  if (visible === -1 && chips.length === total) return;
  if (visible === -1) visible = chips.length;
  more.hidden = false;
  const showMore = () => {
    for (let i = 0; i < chips.length; i += 1) chips[i].hidden = i >= visible;
    setText(more, moreText(total - visible));
  };
  showMore();
  while (visible > 0 && overflows(more)) {
    visible -= 1;
    showMore();
  }
}

// ---------- Lobby with teams: one column per team, members as they join ----------

const teamColumns = new Map();
const teamNameItems = new Map();

function teamColumn(team) {
  let column = teamColumns.get(team.id);
  if (!column) {
    const count = h("span", { class: "lobby-team__count" });
    const names = h("ul", { class: "lobby-team__names" });
    const more = h("li", { class: "lobby-team__name lobby-team__name--more", hidden: true });
    const head = h("header", { class: "lobby-team__head" }, h("span", { class: "lobby-team__shape" }), h("h2", { class: "lobby-team__title" }), count);
    const element = h("section", { class: "lobby-team", dataset: { teamId: String(team.id) } }, head, names);
    column = { element, head, count, names, more };
    teamColumns.set(team.id, column);
  }
  column.element.style.setProperty("--team-colour", team.colour);
  column.head.querySelector(".lobby-team__shape").replaceChildren(teamShape(team, { size: 64 }));
  setText(column.head.querySelector(".lobby-team__title"), team.name);
  return column;
}

function renderLobbyTeams(newestFirst, animate) {
  const container = byId("lobby-teams");
  const columns = room.teams.map(teamColumn);
  for (const id of teamColumns.keys()) if (!room.teams.some((t) => t.id === id)) teamColumns.delete(id);
  container.dataset.count = String(columns.length);
  const biggest = Math.max(0, ...room.teams.map((team) => newestFirst.filter((p) => p.team_id === team.id).length));
  container.dataset.density = biggest > 24 ? "dense" : biggest > 8 ? "compact" : "roomy";
  placeInOrder(container, columns.map((c) => c.element));
  room.teams.forEach((team, index) => {
    const column = columns[index];
    const members = newestFirst.filter((p) => p.team_id === team.id);
    setText(column.count, members.length ? tn("%(num)d player", "%(num)d players", members.length) : t("No one yet"));
    const items = members.slice(0, MAX_TEAM_NAMES).map((player) => {
      let item = teamNameItems.get(player.id);
      if (!item || item.dataset.teamId !== String(team.id)) {
        item = h("li", { class: animate ? "lobby-team__name is-new" : "lobby-team__name", dataset: { teamId: String(team.id) } });
        item.addEventListener("animationend", () => item.classList.remove("is-new"), { once: true });
        teamNameItems.set(player.id, item);
      }
      setText(item, player.name);
      item.dataset.online = String(player.online);
      return item;
    });
    placeInOrder(column.names, [...items, column.more]);
    fitChips(column.names, items, members.length, column.more);
  });
}

window.addEventListener("resize", () => render());

// ---------- Poll ----------

const pollBars = createResultsBars(byId("poll-bars"));
const pollCountdown = createCountdown(byId("poll-countdown"), room, countdownTexts());

const POLL_STATUS = { open: "", closed: t("Poll closed"), revealed: t("Results") };

function renderPoll(activity) {
  const question = byId("poll-question");
  setText(question, activity.prompt);
  question.dataset.length = questionLength(activity.prompt, 60, 120);
  byId("poll").dataset.status = activity.status;
  byId("poll").dataset.options = String(activity.options.length);
  setText(byId("poll-status"), POLL_STATUS[activity.status] || "");
  byId("poll-status").hidden = activity.status === "open";
  pollBars.update(activity);
  pollCountdown.set(activity);
  const results = activity.results;
  setText(byId("poll-answered"), results ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
  const share = results && results.total ? Math.min(1, results.answered / results.total) : 0;
  byId("poll-meter").style.width = `${Math.round(share * 100)}%`;
  // The room's answer is out: a burst of confetti (when anyone answered).
  if (activity.status === "revealed" && results && results.counts.some((n) => n > 0)) {
    celebrateReveal(activity, room.teams.map((team) => team.colour));
  }
  setText(byId("poll-passes"), results && results.passes ? tn("%(num)d person passed", "%(num)d people passed", results.passes) : "");
}

// ---------- Shared by the activity views ----------

function setStatus(id, text) {
  const el = byId(id);
  setText(el, text || "");
  el.hidden = !text;
}

function questionLength(text, medium, long) {
  return text.length > long ? "long" : text.length > medium ? "medium" : "short";
}

/** A row of dots, one per member, filled for those who voted (a bar once a team is too big for dots). */
function votedMeter(voted, members) {
  if (members > 12) {
    const meter = h("span", { class: "vote-meter vote-meter--bar", "aria-hidden": "true" }, h("span", { class: "vote-meter__fill" }));
    meter.firstChild.style.width = `${members ? Math.round((voted / members) * 100) : 0}%`;
    return meter;
  }
  return h("span", { class: "vote-meter", "aria-hidden": "true" },
    Array.from({ length: members }, (_, i) => h("span", { class: i < voted ? "vote-meter__dot is-on" : "vote-meter__dot" })));
}

// ---------- Team trivia ----------

const triviaCountdown = createCountdown(byId("trivia-countdown"), room, countdownTexts());
let triviaBuiltFor = null;

const TRIVIA_STATUS = { open: "", closed: t("Voting closed"), revealed: t("The answer") };

function renderTrivia(activity) {
  const section = byId("trivia");
  const results = activity.results;
  const revealed = activity.status === "revealed" && results && typeof results.correct === "number";
  section.dataset.status = activity.status;
  section.dataset.options = String(activity.options.length);
  const question = byId("trivia-question");
  setText(question, activity.prompt);
  question.dataset.length = questionLength(activity.prompt, 60, 120);
  setText(byId("trivia-pack"), activity.pack || "");
  setStatus("trivia-status", TRIVIA_STATUS[activity.status]);
  triviaCountdown.set(activity);

  const list = byId("trivia-options");
  if (triviaBuiltFor !== activity.id || list.children.length !== activity.options.length) {
    list.replaceChildren(...activity.options.map((option, index) => h("li", { class: "option", dataset: { index: String(index) } },
      h("span", { class: "option__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
      h("span", { class: "option__text" }, option),
      h("span", { class: "option__teams" }),
      h("span", { class: "option__mark", "aria-hidden": "true" }))));
    triviaBuiltFor = activity.id;
  }
  list.dataset.revealed = String(Boolean(revealed));
  const teamRows = results && Array.isArray(results.teams) ? results.teams : [];
  [...list.children].forEach((item, index) => {
    const right = revealed && index === results.correct;
    item.dataset.correct = String(Boolean(right));
    setText(item.querySelector(".option__mark"), right ? "✓" : "");
    // Once revealed, each team's shape sits on the option it chose.
    const chose = revealed ? teamRows.filter((row) => row.answer === index).map((row) => teamOf(row.team_id)) : [];
    item.querySelector(".option__teams").replaceChildren(...chose.map((team) => teamShape(team, { size: 40 })));
  });

  const teamList = byId("trivia-teams");
  const signature = JSON.stringify([activity.id, revealed, room.teams, teamRows]);
  if (teamList.dataset.signature !== signature) {
    teamList.dataset.signature = signature;
    teamList.dataset.count = String(room.teams.length);
    teamList.replaceChildren(...room.teams.map((team) => triviaTeamCard(team, teamRows, revealed)));
  }
  fitText(list, { targets: () => [...list.children], min: 0.5, max: 1.1 });
  if (revealed) {
    // Confetti in the colours of the teams that got it right (none when nobody did).
    const winners = teamRows.filter((row) => row.right).map((row) => teamOf(row.team_id).colour);
    if (winners.length) celebrateReveal(activity, winners);
  }
}

function triviaTeamCard(team, teamRows, revealed) {
  const row = teamRows.find((r) => r.team_id === team.id) || { members: 0, voted: 0, passed: 0 };
  const card = h("li", { class: "team-card", dataset: { teamId: String(team.id) } }, teamMark(team, 48, "team-card__team"));
  card.style.setProperty("--team-colour", team.colour);
  if (!row.members && !(revealed && typeof row.answer === "number")) {
    card.dataset.empty = "true";
    card.append(h("span", { class: "team-card__empty" }, t("No players")));
  } else if (revealed) {
    const answered = typeof row.answer === "number";
    card.dataset.right = String(Boolean(row.right));
    card.append(h("div", { class: "team-card__result" },
      h("span", { class: "team-card__answer" }, answered ? OPTION_LETTERS[row.answer] : "–"),
      h("span", { class: "team-card__verdict", role: "img", "aria-label": row.right ? t("right") : t("wrong") }, row.right ? "✓" : "✗"),
      h("span", { class: "team-card__points" }, plusPoints(row.points || 0))));
  } else {
    card.append(h("div", { class: "team-card__progress" },
      h("span", { class: "team-card__voted" }, t("%(voted)d of %(members)d voted", { voted: row.voted, members: row.members })),
      votedMeter(row.voted, row.members)));
    if (row.passed) card.append(h("span", { class: "team-card__passed" }, tn("%(num)d passed", "%(num)d passed", row.passed)));
  }
  return card;
}

// ---------- Scenario challenge ----------

const scenarioCountdown = createCountdown(byId("scenario-countdown"), room, countdownTexts());

function renderScenario(activity) {
  const section = byId("scenario");
  const results = activity.results || {};
  const entries = Array.isArray(results.entries) ? results.entries : null;
  const revealed = activity.status === "revealed";
  const mode = entries ? "entries" : "writing";
  section.dataset.mode = mode;
  section.dataset.status = activity.status;
  setText(byId("scenario-title"), activity.prompt);
  setText(byId("scenario-situation"), activity.situation || "");
  scenarioCountdown.set(activity);

  let stageText = "";
  let status = "";
  if (revealed) status = t("Results");
  else if (activity.status === "closed") status = entries ? t("Voting closed") : t("Writing closed");
  else stageText = activity.stage === "vote" ? t("Vote on your phone") : t("Write together on your phones");
  setText(byId("scenario-stage"), stageText);
  setStatus("scenario-status", status);

  byId("scenario-writing").hidden = mode !== "writing";
  byId("scenario-entries").hidden = mode !== "entries";
  byId("scenario-footer").hidden = mode !== "entries";
  const fieldCount = (activity.fields || []).length || 3;

  if (mode === "writing") {
    setText(byId("scenario-writing-line"), activity.status === "open" ? t("Teams are writing…") : t("Writing time is over"));
    const rows = Array.isArray(results.teams) ? results.teams : [];
    const cards = room.teams.map((team) => {
      const row = rows.find((r) => r.team_id === team.id) || { words: 0, filled: 0 };
      const card = h("li", { class: "team-card team-card--writing", dataset: { teamId: String(team.id) } },
        teamMark(team, 48, "team-card__team"),
        h("div", { class: "team-card__progress" },
          h("span", { class: "team-card__voted" }, t("%(filled)d of %(total)d parts", { filled: row.filled, total: fieldCount })),
          votedMeter(row.filled, fieldCount)),
        h("span", { class: "team-card__words" }, tn("%(num)d word", "%(num)d words", row.words)));
      card.style.setProperty("--team-colour", team.colour);
      card.dataset.active = String(row.words > 0);
      return card;
    });
    const list = byId("scenario-progress");
    list.dataset.count = String(cards.length);
    list.replaceChildren(...cards);
    const situation = byId("scenario-situation");
    fitText(situation, { min: 0.5, max: 1.2 });
    return;
  }
  renderEntries(activity, entries, revealed);
  const votesIn = results.votes_in || 0;
  const top = revealed ? Math.max(0, ...entries.map((entry) => entry.votes || 0)) : 0;
  const totalVotes = revealed ? entries.reduce((sum, entry) => sum + (entry.votes || 0), 0) : 0;
  if (revealed) {
    setText(byId("scenario-votes"), tn("%(num)d vote", "%(num)d votes", totalVotes));
    setText(byId("scenario-note"), top > 0 ? t("The room has chosen!") : t("No votes this time."));
  } else {
    setText(byId("scenario-votes"), tn("%(num)d vote in", "%(num)d votes in", votesIn));
    setText(byId("scenario-note"), activity.status === "open" ? t("Vote for the answer you'd most like to hear. Not your own team's!") : "");
  }
  layoutEntries();
}

// When many long answers do not fit at a readable size, the screen shows them a page at a time and turns the
// page by itself (every phone has the full text).
const READABLE_FIT = 0.7;
const PAGE_TURN_MS = 10_000;
const entryPages = { size: 0, page: 0, timer: null, key: "" };

function entryCards() {
  return [...byId("scenario-entries").querySelectorAll(".entry")];
}

function showEntryPage(page) {
  const list = byId("scenario-entries");
  const cards = entryCards();
  const size = entryPages.size || cards.length;
  entryPages.page = page;
  cards.forEach((card, index) => { card.hidden = Math.floor(index / size) !== page; });
  const visible = cards.filter((card) => !card.hidden);
  list.dataset.count = String(Math.max(1, size));
  const fit = fitText(list, { targets: () => visible, min: 0.4, max: 1.6, steps: 8 });
  const pages = Math.ceil(cards.length / size);
  const pager = byId("scenario-page");
  pager.hidden = pages <= 1;
  if (pages > 1) {
    const first = visible[0] ? visible[0].dataset.label : "";
    const last = visible.length ? visible[visible.length - 1].dataset.label : "";
    pager.replaceChildren(h("span", {}, first === last ? t("Answer %(label)s", { label: first }) : t("Answers %(first)s–%(last)s", { first, last })),
      h("span", { class: "stage__pager-dots", "aria-hidden": "true" },
        Array.from({ length: pages }, (_, i) => h("span", { class: i === page ? "stage__pager-dot is-on" : "stage__pager-dot" }))));
  }
  return fit;
}

function layoutEntries() {
  const cards = entryCards();
  const key = `${byId("scenario-entries").dataset.signature}|${window.innerWidth}x${window.innerHeight}`;
  if (key !== entryPages.key) {
    entryPages.key = key;
    // The fewest pages at which every page reads well (one answer per page at worst).
    let size = cards.length;
    while (size > 1) {
      entryPages.size = size;
      const pages = Math.ceil(cards.length / size);
      let worst = 1;
      for (let page = 0; page < pages; page += 1) worst = Math.min(worst, showEntryPage(page));
      if (worst >= READABLE_FIT) break;
      size = Math.min(size - 1, Math.ceil(cards.length / (pages + 1)));
    }
    entryPages.size = Math.max(1, size);
    entryPages.page = 0;
  }
  const pages = Math.ceil(cards.length / (entryPages.size || 1));
  showEntryPage(Math.min(entryPages.page, Math.max(0, pages - 1)));
  // The page turns on its own clock: renders in between (votes coming in) must not hold it back.
  if (pages > 1 && !entryPages.timer) {
    entryPages.timer = setInterval(() => {
      if (currentView !== "scenario") return;
      showEntryPage((entryPages.page + 1) % Math.ceil(entryCards().length / entryPages.size));
    }, PAGE_TURN_MS);
  } else if (pages <= 1) {
    stopEntryPages();
  }
}

function stopEntryPages() {
  clearInterval(entryPages.timer);
  entryPages.timer = null;
}

function renderEntries(activity, entries, revealed) {
  const list = byId("scenario-entries");
  const signature = JSON.stringify([activity.id, revealed, entries, revealed ? room.teams : null]);
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;

  const labels = new Map((activity.fields || []).map((field) => [field.name, t(field.label)]));  // catalogue messages
  const top = revealed ? Math.max(0, ...entries.map((entry) => entry.votes || 0)) : 0;
  const totalVotes = revealed ? entries.reduce((sum, entry) => sum + (entry.votes || 0), 0) : 0;
  const shown = revealed ? [...entries].sort((a, b) => (b.votes || 0) - (a.votes || 0)) : entries;
  const cards = shown.map((entry, index) => {
    const winner = revealed && top > 0 && entry.votes === top;
    const fields = Object.entries(entry.fields || {}).filter(([, text]) => text);
    const card = h("li", { class: "entry", dataset: { label: entry.label, winner: String(winner) } },
      h("header", { class: "entry__head" },
        h("span", { class: "entry__label", "aria-hidden": "true" }, entry.label || OPTION_LETTERS[index]),
        revealed && typeof entry.team_id === "number" ? teamMark(teamOf(entry.team_id), 40, "entry__team") : null,
        revealed ? h("span", { class: "entry__votes" }, tn("%(num)d vote", "%(num)d votes", entry.votes || 0)) : null),
      h("dl", { class: "entry__fields" },
        fields.map(([name, text]) => [h("dt", { class: "entry__field-label" }, labels.get(name) || name), h("dd", { class: "entry__field-text" }, text)])),
      revealed ? h("span", { class: "entry__bar", "aria-hidden": "true" }, h("span", { class: "entry__bar-fill" })) : null);
    card.setAttribute("aria-label", t("Answer %(label)s", { label: entry.label }));
    if (revealed) {
      card.style.setProperty("--team-colour", teamOf(entry.team_id).colour);
      card.querySelector(".entry__bar-fill").style.width = `${totalVotes ? Math.round(((entry.votes || 0) / totalVotes) * 100) : 0}%`;
    }
    return card;
  });
  list.replaceChildren(...cards);
  if (!cards.length) list.append(h("li", { class: "entries__empty" }, t("No team wrote an answer this time.")));
}

// ---------- Co-op goal ----------

// ---------- The icebreaker kinds: one frame, each kind's module draws the body ----------

const kindCountdown = createCountdown(byId("kindstage-countdown"), room, countdownTexts());
const kindStage = { activityId: null, view: null };
const KIND_STATUS = { open: "", closed: t("Closed"), revealed: t("Results") };

function leaveKindStage() {
  if (kindStage.view && kindStage.view.stop) kindStage.view.stop();
  kindStage.view = null;
  kindStage.activityId = null;
  byId("kindstage-body").replaceChildren();
}

function renderKindStage(activity) {
  const module = KINDS[activity.kind];
  if (kindStage.activityId !== activity.id) {
    leaveKindStage();
    kindStage.activityId = activity.id;
    kindStage.view = module.screen.mount(byId("kindstage-body"), { room, sound, confetti });
  }
  byId("kindstage").dataset.kind = activity.kind;
  byId("kindstage").dataset.status = activity.status;
  setText(byId("kindstage-kicker"), module.label);
  const prompt = byId("kindstage-prompt");
  setText(prompt, activity.prompt);
  prompt.dataset.length = questionLength(activity.prompt, 60, 120);
  setText(byId("kindstage-status"), KIND_STATUS[activity.status] || "");
  byId("kindstage-status").hidden = !KIND_STATUS[activity.status];
  kindStage.view.render(activity);
}

const coopCountdown = createCountdown(byId("coop-countdown"), room, countdownTexts());
const celebrated = new Set();

function renderCoop(activity) {
  const section = byId("coop");
  const results = activity.results || { progress: 0, goal: activity.goal, reached: false, contributors: 0 };
  const goal = results.goal || activity.goal || 1;
  const progress = Math.max(0, results.progress || 0);
  const reached = Boolean(results.reached) || progress >= goal;
  const over = activity.status !== "open";
  const state = reached ? "done" : over ? "short" : "live";
  section.dataset.state = state;
  coopCountdown.set(activity);
  setStatus("coop-status", state === "short" ? t("Time's up") : state === "done" ? t("Goal reached") : "");

  const share = Math.min(1, progress / goal);
  byId("coop-fill").style.width = `${(share * 100).toFixed(1)}%`;
  const bar = byId("coop-bar");
  bar.setAttribute("aria-valuemax", String(goal));
  bar.setAttribute("aria-valuenow", String(Math.min(progress, goal)));
  setText(byId("coop-progress"), formatPoints(progress));
  setText(byId("coop-goal"), formatPoints(goal));

  const title = { live: activity.prompt, done: t("You did it together!"), short: t("%(progress)d of %(goal)d — great teamwork", { progress, goal }) }[state];
  setText(byId("coop-title"), title);
  const left = Math.max(0, goal - progress);
  setText(byId("coop-sub"), {
    live: progress ? tn("%(num)d more right answer to go. Answer on your phone!", "%(num)d more right answers to go. Answer on your phone!", left) : t("Answer on your phone: every right answer fills the bar"),
    done: tn("%(num)d right answer, from the whole room", "%(num)d right answers, from the whole room", goal),
    short: progress / goal >= 0.7 ? t("So close! Every right answer came from working together.") : t("Every right answer came from working together. Thank you!"),
  }[state]);
  const helpers = results.contributors || 0;
  setText(byId("coop-contributors"), helpers ? tn("%(num)d person has filled the bar", "%(num)d people have filled the bar", helpers) : state === "live" ? t("Be the first to fill it!") : "");

  if (reached && !celebrated.has(activity.id)) {
    celebrated.add(activity.id);
    celebrate(room.teams.map((team) => team.colour));
  }
}

/** Confetti and a chime the first time this screen shows an activity's result. */
function celebrateReveal(activity, colours) {
  if (celebrated.has(activity.id)) return;
  celebrated.add(activity.id);
  confetti.burst({ colours, pieces: 140, durationMs: 3500 });
  sound.chime(1);
}

function celebrate(colours) {
  confetti.burst({ colours });
  if (room.event && room.event.sound) sound.fanfare();
}

// ---------- Leaderboard ----------

function renderLeaderboard() {
  const scores = room.scores || {};
  const board = scores.board || (room.event && room.event.board) || "top5";
  const section = byId("leaderboard");
  section.dataset.board = board;
  const hidden = board === "hidden";
  byId("board-hidden").hidden = !hidden;
  byId("board-body").hidden = hidden;
  setText(byId("board-title"), hidden ? t("Thanks, everyone") : t("Leaderboard"));
  if (hidden) return;

  const teams = Array.isArray(scores.teams) ? scores.teams : [];
  const players = Array.isArray(scores.players) ? scores.players : [];
  byId("board-teams").hidden = !teams.length;
  byId("board-players").hidden = !players.length;
  byId("board-body").dataset.layout = teams.length && players.length ? (board === "everyone" ? "both-wide" : "both") : teams.length ? "teams" : "players";

  renderStandings(teams, players.length > 0);

  const everyone = board === "everyone";
  setText(byId("board-players-title"), everyone ? t("Everyone") : teams.length ? t("Top players") : t("Top 5"));
  const list = byId("board-player-list");
  list.dataset.mode = everyone ? "everyone" : "top";
  const signature = JSON.stringify([board, players, room.teams]);
  if (list.dataset.signature === signature) {
    if (everyone) fitRanking(list, [...list.querySelectorAll(".ranking__row:not(.ranking__more)")], list.querySelector(".ranking__more"));
    return;
  }
  list.dataset.signature = signature;
  const rows = players.map((player) => {
    const team = typeof player.team_id === "number" && room.team(player.team_id);
    const badges = (player.badges || []).slice(0, everyone ? 2 : 4);
    return h("li", { class: "ranking__row", dataset: { rank: String(player.rank) } },
      h("span", { class: "ranking__rank" }, ordinal(player.rank)),
      h("span", { class: "ranking__who" },
        team ? teamShape(team, { size: 32 }) : null,
        h("span", { class: "ranking__name" }, player.name)),
      h("span", { class: "ranking__badges" },
        badges.map((badge) => h("span", { class: "ranking__badge", role: "img", title: badge.name, "aria-label": badge.name }, badge.icon))),
      h("span", { class: "ranking__points" }, formatPoints(player.points)));
  });
  const more = h("li", { class: "ranking__row ranking__more", hidden: true });
  list.replaceChildren(...rows, more);
  if (everyone) fitRanking(list, rows, more);
}

const standingItems = new Map();

function renderStandings(teams, besidePlayers) {
  const list = byId("board-team-list");
  const best = Math.max(1, ...teams.map((t) => t.points));
  list.dataset.count = String(teams.length);
  // Side by side while there is room; many teams beside the players' list become rows of horizontal bars.
  list.dataset.orient = besidePlayers && teams.length >= 5 ? "rows" : "columns";
  for (const id of standingItems.keys()) if (!teams.some((t) => t.id === id)) standingItems.delete(id);
  const items = teams.map((team) => {
    let entry = standingItems.get(team.id);
    const fresh = !entry;
    if (fresh) {
      const bar = h("span", { class: "standing__bar", "aria-hidden": "true" });
      const element = h("li", { class: "standing", dataset: { teamId: String(team.id) } },
        h("span", { class: "standing__rank" }), h("span", { class: "standing__points" }),
        h("span", { class: "standing__column" }, bar), h("span", { class: "standing__mark" }));
      entry = { element, bar };
      standingItems.set(team.id, entry);
    }
    const { element, bar } = entry;
    element.dataset.rank = String(team.rank);
    element.style.setProperty("--team-colour", team.colour);
    setText(element.querySelector(".standing__rank"), ordinal(team.rank));
    setText(element.querySelector(".standing__points"), formatPoints(team.points));
    element.querySelector(".standing__mark").replaceChildren(teamMark(team, 56, "standing__team"));
    element.setAttribute("aria-label", t("%(rank)s: %(team)s, %(points)s", { rank: ordinal(team.rank), team: team.name, points: pointsText(team.points) }));
    const share = String(Math.max(0.03, Math.max(0, team.points) / best));
    if (fresh) {
      // A new bar grows from the floor.
      element.style.setProperty("--share", "0");
      requestAnimationFrame(() => requestAnimationFrame(() => element.style.setProperty("--share", share)));
    } else {
      element.style.setProperty("--share", share);
    }
    return element;
  });
  placeInOrder(list, items);
}

/** The "everyone" board: as many rows as fit in columns, then "+N more". */
function fitRanking(list, rows, more) {
  more.hidden = true;
  rows.forEach((row) => { row.hidden = false; });
  if (!rows.length) return;
  const rowHeight = rows[0].offsetHeight || 1;
  const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
  const perColumn = Math.max(1, Math.floor((list.clientHeight + gap) / (rowHeight + gap)));
  const unit = Math.min(window.innerHeight / 100, window.innerWidth * 0.005625);
  const fitting = Math.max(1, Math.floor((list.clientWidth + 2 * unit) / (34 * unit)));
  const columns = Math.min(fitting, 4, Math.max(1, Math.ceil(rows.length / perColumn)));
  list.style.setProperty("--rows", String(perColumn));
  list.style.setProperty("--columns", String(columns));
  const capacity = perColumn * columns;
  if (rows.length <= capacity) return;
  rows.forEach((row, index) => { row.hidden = index >= capacity - 1; });
  more.hidden = false;
  setText(more, moreText(rows.length - (capacity - 1)));
}

// ---------- Podium ----------

const podium = { session: 0, shown: -1, timers: [], key: "" };
const PLACE_ORDER = [2, 1, 3]; // left to right on the steps

function podiumGroups(data) {
  const groups = new Map();
  for (const place of (data && data.places) || []) {
    if (place.rank > 3) continue;
    if (!groups.has(place.rank)) groups.set(place.rank, []);
    groups.get(place.rank).push(place);
  }
  return groups;
}

function podiumTeamOf(place, of) {
  if (of === "teams") return { id: place.id, name: place.name, colour: place.colour || teamOf(place.id).colour, icon: place.icon || teamOf(place.id).icon };
  return typeof place.team_id === "number" ? room.team(place.team_id) : null;
}

function buildPodium(data, groups) {
  const items = PLACE_ORDER.map((rank) => {
    // A place nobody holds keeps its empty step, so the podium still looks like one.
    if (!groups.has(rank)) return h("li", { class: "place place--empty is-shown", dataset: { place: String(rank) }, "aria-hidden": "true" }, h("div", { class: "place__step" }));
    const places = groups.get(rank);
    const shown = places.slice(0, places.length > 4 ? 3 : 4);
    const first = podiumTeamOf(places[0], data.of);
    const item = h("li", { class: "place", dataset: { place: String(rank), shared: String(places.length > 1) } },
      h("div", { class: "place__who" },
        shown.map((place) => {
          const team = podiumTeamOf(place, data.of);
          return h("p", { class: "place__name" },
            team ? teamShape(team, { size: data.of === "teams" ? 72 : 44 }) : null,
            h("span", {}, place.name));
        }),
        places.length > shown.length ? h("p", { class: "place__more" }, moreText(places.length - shown.length)) : null,
        h("p", { class: "place__points" }, pointsText(places[0].points))),
      h("div", { class: "place__step" }, h("span", { class: "place__rank" }, ordinal(rank))));
    if (data.of === "teams" && first) item.style.setProperty("--team-colour", first.colour);
    item.setAttribute("aria-label", t("%(rank)s place: %(names)s, %(points)s", { rank: ordinal(rank), names: listOf(places.map((p) => p.name)), points: pointsText(places[0].points) }));
    return item;
  });
  byId("podium-places").replaceChildren(...items);
  byId("podium-places").dataset.of = data.of;
}

function showPodiumStep(rank) {
  const item = byId("podium-places").querySelector(`[data-place="${rank}"]`);
  if (item) item.classList.add("is-shown");
}

function renderPodium() {
  const data = room.scores && room.scores.podium;
  const section = byId("podium");
  const groups = podiumGroups(data);
  byId("podium-empty").hidden = Boolean(!data || groups.size);
  if (!data || !groups.size) {
    byId("podium-places").replaceChildren();
    setText(byId("podium-title"), data ? t("The podium") : t("And the winners are…"));
    return;
  }
  const key = JSON.stringify(data);
  if (key === podium.key) return;
  podium.key = key;
  buildPodium(data, groups);
  const ranks = [3, 2, 1].filter((rank) => groups.has(rank));
  const doneTitle = data.of === "teams" ? t("Congratulations, teams!") : t("Congratulations!");
  if (podium.shown === podium.session) {
    // Already revealed in this visit of the podium: new figures appear in place, without a second show.
    ranks.forEach(showPodiumStep);
    if (section.dataset.step === "done") setText(byId("podium-title"), doneTitle);
    return;
  }
  podium.shown = podium.session;
  const withSound = Boolean(room.event && room.event.sound);
  section.dataset.fanfare = withSound ? "pending" : "muted";
  setText(byId("podium-title"), t("And the winners are…"));
  const finish = () => {
    section.dataset.step = "done";
    setText(byId("podium-title"), doneTitle);
    if (withSound) {
      sound.fanfare();
      section.dataset.fanfare = "played";
    }
    confetti.burst({ colours: data.of === "teams" ? data.places.map((p) => p.colour) : [] });
  };
  if (prefersReducedMotion()) {
    ranks.forEach(showPodiumStep);
    finish();
    return;
  }
  section.dataset.step = "revealing";
  let delay = 900;
  ranks.forEach((rank, index) => {
    const last = index === ranks.length - 1;
    podium.timers.push(setTimeout(() => {
      showPodiumStep(rank);
      if (last) finish();
      else if (withSound) sound.chime(index);
    }, delay));
    delay += last ? 0 : 1500;
  });
}

function leavePodium() {
  podium.timers.forEach(clearTimeout);
  podium.timers = [];
  podium.key = "";
  podium.session += 1;
  byId("podium").dataset.step = "0";
  byId("podium-places").replaceChildren();
}

// ---------- Sound: browsers let a page play it only after a click or a key press on it ----------

let soundUnlocked = false;

function unlockSound() {
  if (soundUnlocked) return;
  soundUnlocked = true;
  sound.unlock();
  renderSoundHint();
}

document.addEventListener("pointerdown", unlockSound);
document.addEventListener("keydown", unlockSound);

function renderSoundHint() {
  const wanted = Boolean(room.event && room.event.sound && room.event.status !== "ended");
  byId("sound-hint").hidden = !wanted || soundUnlocked;
  document.body.dataset.sound = room.event && room.event.sound ? "on" : "off";
}

// ---------- Remote mode and reduced motion: the facilitator's settings for this screen ----------

// Views that already show the room code in huge type, or that no longer take anyone new.
const VIEWS_WITHOUT_CORNER = new Set(["lobby", "ended", "final"]);

function renderScreenMode(event, view) {
  setReducedMotion(Boolean(event.reduce_motion));
  if (event.reduce_motion) confetti.stop();
  // Remote mode: bigger type and no small print for a shared video window, and the code always in a corner.
  document.body.dataset.remote = String(Boolean(event.remote));
  byId("corner-join").hidden = !event.remote || VIEWS_WITHOUT_CORNER.has(view);
}

// ---------- Rendering ----------

let currentView = null;

function chooseView() {
  const event = room.event;
  if (event.status === "ended") return "ended";
  if (event.scene === "leaderboard") return "leaderboard";
  if (event.scene === "podium") return "podium";
  if (room.activity) return VIEW_OF_KIND[room.activity.kind] || "lobby";
  return "lobby";
}

function render() {
  const event = room.event;
  if (!event) return;
  if (followEventLanguage(event)) return;
  const view = chooseView();
  if (currentView === "podium" && view !== "podium") leavePodium();
  if (view !== "scenario") stopEntryPages();
  if (view !== "kindstage") leaveKindStage();
  if (view !== currentView) confetti.stop(); // a celebration belongs to the view it celebrates
  currentView = view;
  renderSoundHint();
  renderScreenMode(event, view);
  // Countdowns run only on the view that shows them.
  pollCountdown.set(view === "poll" ? room.activity : null);
  triviaCountdown.set(view === "trivia" ? room.activity : null);
  scenarioCountdown.set(view === "scenario" ? room.activity : null);
  coopCountdown.set(view === "coop" ? room.activity : null);
  kindCountdown.set(view === "kindstage" ? room.activity : null);
  showOnly(VIEWS, view);
  document.body.dataset.view = view;

  if (view === "ended") {
    renderEnded(event.title);
    return;
  }
  setText(byId("lobby-title"), event.title);
  byId("lobby-locked").hidden = !event.locked;
  if (view === "lobby") renderRoster();
  else if (view === "poll") renderPoll(room.activity);
  else if (view === "trivia") renderTrivia(room.activity);
  else if (view === "scenario") renderScenario(room.activity);
  else if (view === "coop") renderCoop(room.activity);
  else if (view === "kindstage") renderKindStage(room.activity);
  else if (view === "leaderboard") renderLeaderboard();
  else if (view === "podium") renderPodium();
}

/** "Thanks for playing, <title>": the event's title stands out inside the sentence, in any language. */
function renderEnded(title) {
  const [before, after = ""] = t("Thanks for playing, %(title)s").split("%(title)s");
  byId("ended-heading").replaceChildren(before, h("span", { class: "closing-screen__name" }, title), after);
}

// The screen speaks the event's language (the server picks it for the page). When the facilitator changes it, the
// page loads again in the new one, unless it was opened with ?lang= on purpose.
function followEventLanguage(event) {
  const wanted = event.language === "es" ? "es" : "en";
  if (wanted === language || new URLSearchParams(location.search).has("lang")) return false;
  location.reload();
  return true;
}

// ---------- Countdown ticks: a soft tick on each of the last seconds, always with the number on the screen ----------

function tickOnLastSeconds(el) {
  let shown = "";
  new MutationObserver(() => {
    const text = el.textContent;
    if (text === shown) return;
    shown = text;
    if (!el.hidden && el.dataset.urgent === "true") sound.tick(Number.parseInt(text, 10));
  }).observe(el, { childList: true, characterData: true, subtree: true });
}

for (const id of ["poll-countdown", "trivia-countdown", "scenario-countdown", "coop-countdown", "kindstage-countdown"]) {
  tickOnLastSeconds(byId(id));
}

room.on("change", (_room, why) => {
  if (why === "roster") {
    if (currentView === "lobby") renderRoster();
    return;
  }
  render();
});

room.on("final", (_room, refusal) => {
  for (const countdown of [pollCountdown, triviaCountdown, scenarioCountdown, coopCountdown, kindCountdown]) countdown.set(null);
  leaveKindStage();
  confetti.stop();
  setText(byId("final-message"), refusal.message || t("Ask the facilitator for a new big-screen link."));
  showOnly(VIEWS, "final");
  byId("sound-hint").hidden = true;
  byId("corner-join").hidden = true;
});

mountConnectionIndicator(room, byId("connection"));
room.start();
renderRoster();
