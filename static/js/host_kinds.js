// The console's activity kinds beyond the quick poll: the tabs that choose a kind, the composers of team trivia,
// the customer scenario and the co-op goal, and a live panel for each of them.
import { byId, h, setText } from "./dom.js";
import { teamChip } from "./teams.js";
import { OPTION_LETTERS, answeredLine, createCountdown, entriesProblem, passesLine, timeUpFor } from "./ui.js";
import { createOptionEditor, localised, radioValue, setSelectOptions, wireTabs } from "./host_common.js";
import { t, tn } from "./i18n.js";
import { KINDS } from "./kinds/index.js";

const GOAL_PER_PLAYER = 3;

export const COMPOSER_IDS = {
  poll: "composer",
  team_trivia: "trivia-composer",
  scenario: "scenario-composer",
  coop_goal: "coop-composer",
  ...Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, "icebreaker-composer"])),
};

const LIVE_IDS = { team_trivia: "live-trivia", scenario: "live-scenario", coop_goal: "live-coop" };

/**
 * room, act: the console's client and action runner.
 * onStarted(): an activity was started from here. openComposer(kind): show the composers on that kind's tab.
 * focusTeamsSetup(): bring the Teams form into view. onSelect(kind): a kind's tab was chosen.
 */
export function mountKinds({ room, act, onStarted, openComposer, focusTeamsSetup, onSelect }) {
  let content = null;
  let contentLoading = false;
  let selectedKind = "poll";

  const teamsOff = () => !room.event || room.event.teams_mode === "off";
  const needsTeams = (kind) => kind === "team_trivia" || kind === "scenario";

  // ---------- Tabs ----------

  const selectTab = wireTabs(byId("kind-tabs"), (tab) => {
    selectedKind = tab.dataset.kind;
    onSelect(selectedKind);
    renderComposers();
  });

  function selectKind(kind, { focus = false } = {}) {
    const tab = byId(`tab-${kind}`);
    selectTab(tab, { focus });
  }

  byId("go-to-teams").addEventListener("click", () => focusTeamsSetup());

  // ---------- Built-in content ----------

  async function loadContent() {
    if (contentLoading) return;
    contentLoading = true;
    const ack = await room.request("content:list", {});
    contentLoading = false;
    if (ack.ok) {
      content = { trivia: ack.trivia || [], scenarios: ack.scenarios || [] };
      renderContent();
    } else {
      const message = t("The question packs could not be loaded: %(reason)s", { reason: ack.error ? ack.error.message : t("unknown error") });
      if (!content) {
        byId("trivia-packs").replaceChildren(h("p", { class: "form-error" }, message));
        byId("scenario-list").replaceChildren(h("p", { class: "form-error" }, message));
      }
    }
  }

  function renderContent() {
    if (!content) return;
    renderPacks();
    renderScenarios();
    setSelectOptions(byId("coop-pack"), [
      { value: "mixed", label: t("Mixed — every pack") },
      ...content.trivia.map((pack) => ({ value: pack.id, label: localised(pack.title, byId("coop-lang").value) })),
    ], { fallback: "mixed" });
  }

  // ---------- Team trivia composer ----------

  const triviaForm = byId("trivia-composer");
  const triviaError = byId("trivia-error");
  const triviaOptions = byId("trivia-options");
  const triviaAdd = byId("trivia-add-option");

  function renderPacks() {
    const list = byId("trivia-packs");
    const lang = byId("trivia-lang").value;
    const chosen = radioValue(list, "trivia-pack") || (content.trivia[0] && content.trivia[0].id);
    list.replaceChildren(...content.trivia.map((pack) => {
      const radio = h("input", { type: "radio", name: "trivia-pack", value: pack.id, id: `trivia-pack-${pack.id}` });
      radio.checked = pack.id === chosen;
      const allUsed = pack.used >= pack.questions;
      return h("label", { class: "pack", for: radio.id, dataset: { packId: pack.id } },
        radio,
        h("span", { class: "pack__body" },
          h("span", { class: "pack__title" }, localised(pack.title, lang)),
          h("span", { class: "pack__desc" }, localised(pack.description, lang))),
        h("span", { class: "pack__used", dataset: { allUsed: String(allUsed) } },
          t("%(used)d of %(total)d used", { used: pack.used, total: pack.questions })));
    }));
  }

  function triviaSource() {
    return radioValue(triviaForm, "trivia-source") || "pack";
  }

  function renderTriviaSource() {
    const own = triviaSource() === "own";
    byId("trivia-pack-fieldset").hidden = own;
    byId("trivia-own").hidden = !own;
    byId("trivia-lang-field").hidden = own;
  }

  for (const radio of triviaForm.querySelectorAll('input[name="trivia-source"]')) {
    radio.addEventListener("change", () => {
      renderTriviaSource();
      setText(triviaError, "");
    });
  }
  byId("trivia-lang").addEventListener("change", () => content && renderPacks());

  const triviaOptionEditor = createOptionEditor({
    list: triviaOptions,
    addButton: triviaAdd,
    idPrefix: "trivia-option",
    rowClass: "option option--trivia",
    lead: () => h("label", { class: "option__mark", title: t("The right answer") },
      h("input", { type: "radio", name: "trivia-correct", class: "option__correct" }),
      h("span", { class: "option__mark-text", "aria-hidden": "true" }, t("Right"))),
    renumbered: (item, index, letter) => {
      const radio = item.querySelector('input[type="radio"]');
      radio.id = `trivia-correct-${index}`;
      radio.value = String(index);
      radio.setAttribute("aria-label", t("Option %(letter)s is the right answer", { letter }));
    },
    after: (items) => {
      if (!triviaOptions.querySelector('input[type="radio"]:checked') && items.length) {
        items[0].querySelector('input[type="radio"]').checked = true;
      }
    },
  });
  const triviaOptionInputs = triviaOptionEditor.inputs;

  function resetOwnQuestion() {
    byId("trivia-question").value = "";
    triviaOptionEditor.reset(4);
  }

  function triviaTimer() {
    const value = byId("trivia-timer").value;
    return value ? Number(value) : null;
  }

  function readTrivia() {
    if (triviaSource() === "pack") {
      const pack = radioValue(byId("trivia-packs"), "trivia-pack");
      if (!pack) return { problem: t("Choose a question pack."), focus: byId("trivia-packs").querySelector("input") || byId("trivia-source-pack") };
      return { settings: { pack, lang: byId("trivia-lang").value, duration_s: triviaTimer() } };
    }
    const questionInput = byId("trivia-question");
    const inputs = triviaOptionInputs();
    for (const input of [questionInput, ...inputs]) input.removeAttribute("aria-invalid");
    const question = questionInput.value.trim();
    if (!question) {
      questionInput.setAttribute("aria-invalid", "true");
      return { problem: t("Write a question first."), focus: questionInput };
    }
    const problem = entriesProblem(inputs, "option");
    if (problem) return problem;
    const correct = Number(radioValue(triviaOptions, "trivia-correct"));
    return {
      settings: { question, options: inputs.map((input) => input.value.trim()), correct, duration_s: triviaTimer() },
    };
  }

  async function startTrivia(button, errorEl) {
    const { settings, problem, focus } = readTrivia();
    if (problem) {
      setText(errorEl, problem);
      if (errorEl === triviaError) focus.focus();
      return null;
    }
    const ack = await act(button, errorEl, "activity:start", { kind: "team_trivia", settings });
    if (ack.ok) {
      if (triviaSource() === "own") resetOwnQuestion();
      onStarted();
      loadContent();
    }
    return ack;
  }

  triviaForm.addEventListener("submit", (event) => {
    event.preventDefault();
    startTrivia(byId("start-trivia"), triviaError);
  });

  // ---------- Customer scenario composer ----------

  const scenarioForm = byId("scenario-composer");
  const scenarioError = byId("scenario-error");

  function renderScenarios() {
    const list = byId("scenario-list");
    const lang = byId("scenario-lang").value;
    const chosen = radioValue(list, "scenario-pick") ?? "";
    const surprise = h("input", { type: "radio", name: "scenario-pick", value: "", id: "scenario-pick-surprise" });
    surprise.checked = chosen === "";
    const items = [h("label", { class: "scenario-option scenario-option--surprise", for: surprise.id }, surprise,
      h("span", { class: "scenario-option__title" }, t("Surprise me")),
      h("span", { class: "scenario-option__tag" }, t("one not used yet")))];
    for (const scenario of content.scenarios) {
      const radio = h("input", { type: "radio", name: "scenario-pick", value: scenario.id, id: `scenario-pick-${scenario.id}` });
      radio.checked = scenario.id === chosen;
      items.push(h("label", { class: "scenario-option", for: radio.id, dataset: { used: String(scenario.used) } }, radio,
        h("span", { class: "scenario-option__title" }, localised(scenario.title, lang)),
        scenario.used ? h("span", { class: "scenario-option__tag scenario-option__tag--used" }, t("Used")) : null));
    }
    // Keep the list's scroll position and focus: only the radios' labels change between renders.
    const scroll = list.scrollTop;
    const focusedId = list.contains(document.activeElement) ? document.activeElement.id : null;
    list.replaceChildren(...items);
    list.scrollTop = scroll;
    if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
    const used = content.scenarios.filter((scenario) => scenario.used).length;
    setText(byId("scenario-used-hint"), t("%(used)d of %(total)d used in this event", { used, total: content.scenarios.length }));
  }

  byId("scenario-lang").addEventListener("change", () => content && renderScenarios());

  scenarioForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = radioValue(byId("scenario-list"), "scenario-pick") || "";
    const lang = byId("scenario-lang").value;
    const settings = {
      ...(chosen ? { scenario_id: chosen } : { pack: "customer_scenarios" }),
      lang,
      duration_s: Number(byId("scenario-write-timer").value),
      vote_duration_s: Number(byId("scenario-vote-timer").value),
    };
    const ack = await act(byId("start-scenario"), scenarioError, "activity:start", { kind: "scenario", settings });
    if (ack.ok) {
      const surprise = document.getElementById("scenario-pick-surprise");
      if (surprise) surprise.checked = true;
      onStarted();
      loadContent();
    }
  });

  // ---------- Co-op goal composer ----------

  const coopForm = byId("coop-composer");
  const coopError = byId("coop-error");
  const goalInput = byId("coop-goal");
  let goalTouched = false;

  function suggestedGoal() {
    return Math.max(1, GOAL_PER_PLAYER * room.roster.length);
  }

  goalInput.addEventListener("input", () => {
    goalTouched = true;
    goalInput.removeAttribute("aria-invalid");
  });
  byId("coop-lang").addEventListener("change", () => content && renderContent());

  function renderCoop() {
    const suggestion = suggestedGoal();
    if (!goalTouched && goalInput.value !== String(suggestion)) goalInput.value = String(suggestion);
    const people = room.roster.length;
    setText(byId("coop-goal-hint"), people
      ? tn("Suggested: %(goal)d — about %(each)d for the %(num)d person here.", "Suggested: %(goal)d — about %(each)d for each of the %(num)d people here.", people, { goal: suggestion, each: GOAL_PER_PLAYER })
      : t("Suggested: about %(each)d for each person in the room.", { each: GOAL_PER_PLAYER }));
  }

  coopForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const goal = Number(goalInput.value);
    if (!goalInput.value || !Number.isInteger(goal) || goal < 1 || goal > 10000) {
      goalInput.setAttribute("aria-invalid", "true");
      setText(coopError, t("The goal is a whole number of right answers, from %(min)d to %(max)d.", { min: 1, max: 10000 }));
      goalInput.focus();
      return;
    }
    const settings = {
      goal,
      duration_s: Number(byId("coop-timer").value),
      pack: byId("coop-pack").value || "mixed",
      lang: byId("coop-lang").value,
    };
    const ack = await act(byId("start-coop"), coopError, "activity:start", { kind: "coop_goal", settings });
    if (ack.ok) {
      goalTouched = false;
      onStarted();
    }
  });

  // ---------- Composers: which one shows, and what is possible ----------

  function renderComposers() {
    const off = teamsOff();
    for (const tab of byId("kind-tabs").querySelectorAll('[role="tab"]')) {
      const blocked = off && tab.dataset.needsTeams === "true";
      tab.setAttribute("aria-disabled", String(blocked));
      const hint = tab.querySelector(".kind-tab__hint");
      if (hint && hint.dataset.hint) setText(hint, blocked ? t("Turn teams on first") : hint.dataset.hint);
    }
    const showing = COMPOSER_IDS[selectedKind];
    for (const id of new Set(Object.values(COMPOSER_IDS))) byId(id).hidden = id !== showing;
    const blocked = off && needsTeams(selectedKind);
    byId("teams-needed").hidden = !blocked;
    byId("start-trivia").disabled = blocked;
    byId("start-scenario").disabled = blocked;
    renderTriviaSource();
    renderCoop();
  }

  // ---------- Live panels ----------

  const countdowns = {
    team_trivia: createCountdown(byId("trivia-countdown"), room, { timeUpText: timeUpFor(room) }),
    scenario: createCountdown(byId("scenario-countdown"), room, { timeUpText: timeUpFor(room) }),
    coop_goal: createCountdown(byId("coop-countdown"), room, { timeUpText: timeUpFor(room) }),
  };

  function statusPill(el, status, texts) {
    el.dataset.status = status;
    setText(el, texts[status] || status);
  }

  function teamOf(teamId) {
    return room.team(teamId) || { id: teamId, name: t("A former team"), colour: "#888888", icon: "circle" };
  }

  // Team trivia

  const triviaStatus = () => ({
    open: t("Open — teams are voting"),
    closed: t("Closed — votes are in"),
    revealed: t("Answer revealed on the big screen"),
  });

  function renderLiveTrivia(activity) {
    const results = activity.results;
    const revealed = activity.status === "revealed";
    const correct = activity.host ? activity.host.correct : results ? results.correct : null;
    statusPill(byId("trivia-status"), activity.status, triviaStatus());
    setText(byId("trivia-pack-name"), ` · ${activity.pack || t("your own question")}`);
    setText(byId("trivia-live-question"), activity.prompt);
    countdowns.team_trivia.set(activity);

    const totals = activity.options.map((_, index) =>
      results ? results.teams.reduce((sum, team) => sum + (team.counts[index] || 0), 0) : 0);
    byId("trivia-live-options").replaceChildren(...activity.options.map((option, index) =>
      h("li", { class: "answer-key__option", dataset: { correct: String(index === correct) } },
        h("span", { class: "answer-key__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
        h("span", { class: "answer-key__text" }, option),
        index === correct ? h("span", { class: "answer-key__right" }, t("✓ Right answer")) : null,
        h("span", { class: "answer-key__votes" }, tn("%(num)d vote", "%(num)d votes", totals[index])))));

    setText(byId("trivia-answered"), answeredLine(results));
    setText(byId("trivia-passes"), results ? passesLine(results.passes) : "");

    const teams = results ? results.teams : [];
    byId("trivia-teams").replaceChildren(...teams.map((row) => {
      const team = teamOf(row.team_id);
      const answer = row.answer;
      const right = typeof row.right === "boolean" ? row.right : answer !== null && answer === correct;
      let verdict = null;
      if (revealed) {
        // Points this question earned, when the server sends them; otherwise the team's total so far.
        const standing = room.scores && (room.scores.teams || []).find((t) => t.id === row.team_id);
        const earned = typeof row.points === "number" ? row.points : null;
        const verdictText = right ? t("✓ Right") : answer === null ? t("✗ No answer") : t("✗ Wrong");
        verdict = h("div", { class: "team-result__outcome" },
          h("p", { class: "team-result__verdict", dataset: { right: String(right) } },
            earned === null ? verdictText : t("%(verdict)s · +%(points)d pts", { verdict: verdictText, points: earned })),
          earned === null && standing ? h("p", { class: "team-result__total" }, t("Team total: %(points)d pts", { points: standing.points })) : null);
      }
      const most = Math.max(1, ...row.counts);
      const card = h("li", { class: "team-result", dataset: { teamId: String(row.team_id), right: revealed ? String(right) : "" } },
        h("div", { class: "team-result__head" }, teamChip(team, { size: 18 }),
          h("span", { class: "team-result__voted" }, t("%(voted)d of %(members)d voted", { voted: row.voted, members: row.members }))),
        h("ul", { class: "mini-bars", "aria-label": t("%(team)s: votes per option", { team: team.name }) }, row.counts.map((count, index) =>
          h("li", { class: "mini-bar", dataset: { answer: String(index === answer), correct: String(index === correct) } },
            h("span", { class: "mini-bar__letter" }, OPTION_LETTERS[index]),
            h("span", { class: "mini-bar__track", "aria-hidden": "true" },
              h("span", { class: "mini-bar__fill", style: { width: `${Math.round((count / most) * 100)}%` } })),
            h("span", { class: "mini-bar__count" }, String(count))))),
        h("p", { class: "team-result__answer" }, answer === null
          ? (row.voted ? t("Tied — no answer yet") : t("No votes yet"))
          : t("Team answer: %(letter)s — %(option)s", { letter: OPTION_LETTERS[answer], option: activity.options[answer] })),
        row.passed ? h("p", { class: "team-result__passed" }, passesLine(row.passed)) : null,
        verdict);
      card.style.setProperty("--team-colour", team.colour);
      return card;
    }));

    byId("close-trivia").hidden = activity.status !== "open";
    byId("reveal-trivia").hidden = revealed;
    byId("next-trivia").hidden = activity.status === "open" || teamsOff();
    byId("new-from-trivia").hidden = activity.status === "open";
  }

  byId("close-trivia").addEventListener("click", (event) => {
    act(event.currentTarget, byId("trivia-live-error"), "activity:close", { activity_id: room.activity.id });
  });
  byId("reveal-trivia").addEventListener("click", (event) => {
    act(event.currentTarget, byId("trivia-live-error"), "activity:reveal", { activity_id: room.activity.id });
  });
  byId("next-trivia").addEventListener("click", async (event) => {
    // A question from a pack goes on with the next unused one of the same pack. Own questions are written first.
    const source = room.activity && room.activity.host && room.activity.host.source;
    if (!source) {
      openComposer("team_trivia");
      return;
    }
    const ack = await act(event.currentTarget, byId("trivia-live-error"), "activity:start", { kind: "team_trivia", settings: source });
    if (ack.ok) {
      onStarted();
      loadContent();
    }
  });
  byId("new-from-trivia").addEventListener("click", () => openComposer(selectedKind));

  // Customer scenario

  const scenarioStatus = () => ({
    write: t("Open — teams are writing"),
    vote: t("Open — the room is voting"),
    closed: t("Closed"),
    revealed: t("Votes revealed on the big screen"),
  });

  function fieldLabel(activity, name) {
    const field = (activity.fields || []).find((f) => f.name === name);
    return field ? t(field.label) : name; // a catalogue message
  }

  function renderDrafts(activity, results) {
    const teams = results && results.teams ? results.teams : [];
    byId("scenario-drafts").replaceChildren(...teams.map((row) => {
      const team = teamOf(row.team_id);
      const fields = (activity.fields || []).map((field) => {
        const draft = row.fields ? row.fields[field.name] : null;
        const text = draft && draft.text;
        return h("div", { class: "draft__field", dataset: { filled: String(Boolean(text)) } },
          h("dt", { class: "draft__label" }, t(field.label)),
          h("dd", { class: "draft__text" }, text || t("Nothing yet"),
            text && draft.by ? h("span", { class: "draft__by" }, ` — ${draft.by}`) : null));
      });
      const card = h("li", { class: "draft", dataset: { teamId: String(row.team_id) } },
        h("div", { class: "draft__head" }, teamChip(team, { size: 18 }),
          h("span", { class: "draft__progress" },
            tn("%(filled)d of %(parts)d parts · %(num)d word", "%(filled)d of %(parts)d parts · %(num)d words", row.words, { filled: row.filled, parts: (activity.fields || []).length }))),
        h("dl", { class: "draft__fields" }, fields));
      card.style.setProperty("--team-colour", team.colour);
      return card;
    }));
  }

  function renderEntries(activity, results, revealed) {
    const entries = results && results.entries ? results.entries : [];
    const top = Math.max(0, ...entries.map((entry) => entry.votes || 0));
    const list = byId("scenario-entries");
    list.replaceChildren(...entries.map((entry) => {
      const team = entry.team_id !== undefined && entry.team_id !== null ? teamOf(entry.team_id) : null;
      const winner = revealed && top > 0 && entry.votes === top;
      const item = h("li", { class: "entry", dataset: { winner: String(winner), label: entry.label } },
        h("div", { class: "entry__head" },
          h("span", { class: "entry__label" }, t("Answer %(label)s", { label: entry.label })),
          team ? teamChip(team, { size: 16, className: "team-chip--small" }) : null,
          winner ? h("span", { class: "entry__winner" }, t("★ Most votes")) : null,
          typeof entry.votes === "number" ? h("span", { class: "entry__votes" }, tn("%(num)d vote", "%(num)d votes", entry.votes)) : null),
        h("dl", { class: "draft__fields" }, Object.entries(entry.fields || {}).map(([name, text]) =>
          h("div", { class: "draft__field", dataset: { filled: String(Boolean(text)) } },
            h("dt", { class: "draft__label" }, fieldLabel(activity, name)),
            h("dd", { class: "draft__text" }, text || "—")))));
      if (team) item.style.setProperty("--team-colour", team.colour);
      return item;
    }));
    if (!entries.length) list.replaceChildren(h("li", { class: "entries__empty" }, t("No team wrote anything, so there is nothing to vote on.")));
  }

  function renderLiveScenario(activity) {
    const results = activity.results;
    const stage = (results && results.stage) || activity.stage;
    const open = activity.status === "open";
    const revealed = activity.status === "revealed";
    const writing = stage === "write";
    const scenarioTexts = scenarioStatus();
    statusPill(byId("scenario-status"), activity.status, {
      ...scenarioTexts, open: writing ? scenarioTexts.write : scenarioTexts.vote,
    });
    setText(byId("scenario-stage"), writing ? t("Customer scenario · 1 of 2: writing") : t("Customer scenario · 2 of 2: voting"));
    setText(byId("scenario-live-title"), activity.prompt);
    setText(byId("scenario-live-situation"), activity.situation);
    const tip = activity.host && activity.host.tip;
    byId("scenario-live-tip-box").hidden = !tip;
    setText(byId("scenario-live-tip"), tip || "");
    countdowns.scenario.set(activity);

    byId("scenario-drafts").hidden = !writing;
    byId("scenario-entries").hidden = writing;
    if (writing) {
      renderDrafts(activity, results);
      const teams = results && results.teams ? results.teams : [];
      const started = teams.filter((team) => team.filled > 0).length;
      setText(byId("scenario-meta"), tn("%(started)d of %(num)d team writing", "%(started)d of %(num)d teams writing", teams.length, { started }));
      setText(byId("scenario-meta-extra"), open
        ? (activity.vote_duration_s ? t("Voting takes %(seconds)d s once you start it.", { seconds: activity.vote_duration_s }) : t("Voting takes as long as you like once you start it."))
        : t("Closed before the vote."));
    } else {
      renderEntries(activity, results, revealed);
      setText(byId("scenario-meta"), results ? tn("%(num)d vote in", "%(num)d votes in", results.votes_in || 0) : "");
      setText(byId("scenario-meta-extra"), results ? answeredLine(results) : "");
    }

    byId("advance-scenario").hidden = !(open && writing);
    byId("close-scenario").hidden = !open;
    setText(byId("close-scenario"), writing ? t("Close without a vote") : t("Close the vote"));
    byId("reveal-scenario").hidden = revealed || (open && writing);
    byId("new-from-scenario").hidden = open;
  }

  byId("advance-scenario").addEventListener("click", (event) => {
    act(event.currentTarget, byId("scenario-live-error"), "activity:advance", { activity_id: room.activity.id });
  });
  byId("close-scenario").addEventListener("click", (event) => {
    act(event.currentTarget, byId("scenario-live-error"), "activity:close", { activity_id: room.activity.id });
  });
  byId("reveal-scenario").addEventListener("click", (event) => {
    act(event.currentTarget, byId("scenario-live-error"), "activity:reveal", { activity_id: room.activity.id });
  });
  byId("new-from-scenario").addEventListener("click", () => openComposer(selectedKind));

  // Co-op goal

  const coopStatus = () => ({
    open: t("Open — everyone is answering"),
    closed: t("Closed"),
    revealed: t("Revealed on the big screen"),
  });

  function renderLiveCoop(activity) {
    const results = activity.results;
    const goal = results ? results.goal : activity.goal;
    const progress = results ? results.progress : 0;
    const reached = Boolean(results && results.reached);
    statusPill(byId("coop-status"), activity.status, {
      ...coopStatus(), ...(reached ? { closed: t("Goal reached — closed") } : {}),
    });
    setText(byId("coop-live-prompt"), activity.prompt);
    countdowns.coop_goal.set(activity);
    const meter = byId("coop-progress");
    meter.setAttribute("aria-valuemax", String(goal));
    meter.setAttribute("aria-valuenow", String(Math.min(progress, goal)));
    meter.dataset.reached = String(reached);
    byId("coop-progress-fill").style.width = `${goal ? Math.min(100, (progress / goal) * 100) : 0}%`;
    setText(byId("coop-progress-text"), reached ? t("%(progress)d of %(goal)d right answers — goal reached!", { progress, goal }) : t("%(progress)d of %(goal)d right answers", { progress, goal }));
    setText(byId("coop-answered"), answeredLine(results));
    setText(byId("coop-contributors"), results
      ? tn("%(num)d person has scored at least one", "%(num)d people have scored at least one", results.contributors) : "");
    setText(byId("coop-passes"), results ? passesLine(results.passes) : "");
    byId("close-coop").hidden = activity.status !== "open";
    byId("reveal-coop").hidden = activity.status === "revealed";
    byId("new-from-coop").hidden = activity.status === "open";
  }

  byId("close-coop").addEventListener("click", (event) => {
    act(event.currentTarget, byId("coop-live-error"), "activity:close", { activity_id: room.activity.id });
  });
  byId("reveal-coop").addEventListener("click", (event) => {
    act(event.currentTarget, byId("coop-live-error"), "activity:reveal", { activity_id: room.activity.id });
  });
  byId("new-from-coop").addEventListener("click", () => openComposer("coop_goal"));

  const LIVE_RENDERERS = { team_trivia: renderLiveTrivia, scenario: renderLiveScenario, coop_goal: renderLiveCoop };

  /** Show the live panel of `activity`'s kind (or none, for null or a poll). */
  function renderLive(activity) {
    const kind = activity ? activity.kind : null;
    for (const [name, id] of Object.entries(LIVE_IDS)) {
      const showing = name === kind;
      byId(id).hidden = !showing;
      if (!showing) countdowns[name].set(null);
    }
    if (LIVE_RENDERERS[kind]) LIVE_RENDERERS[kind](activity);
  }

  /** Where the focus goes once an activity of this kind starts. */
  function liveHeading(kind) {
    return { team_trivia: "trivia-live-question", scenario: "scenario-live-title", coop_goal: "coop-live-prompt" }[kind];
  }

  resetOwnQuestion();
  renderTriviaSource();

  return {
    renderComposers,
    renderLive,
    loadContent,
    selectKind,
    liveHeading,
    hasLivePanel: (kind) => kind in LIVE_RENDERERS,
    get selectedKind() {
      return selectedKind;
    },
  };
}
