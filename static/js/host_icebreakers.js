// The console's icebreaker kinds: a tab for each, one composer frame whose fields the kind draws, and one live
// panel with the controls every kind shares (close, reveal, skip, run again; more time is in the pacing bar) and who is
// still to answer.
// Each kind's own part comes from its module in kinds/ (host.composer and host.live).
import { byId, h, setText } from "./dom.js";
import { KINDS } from "./kinds/index.js";
import { t, tn } from "./i18n.js";
import { createCountdown, timeUpFor } from "./ui.js";

const liveStatus = (status) => ({ open: t("Open for answers"), closed: t("Closed"), revealed: t("Revealed on the big screen") })[status] || status;
const WAITING_NAMED = 6;

/**
 * room, act: the console's client and action runner. onStarted(): an activity was started from here.
 * openComposer(kind): show the composers on that kind's tab. agenda: the agenda panel (to add to it, and the notes).
 */
export function mountIcebreakers({ room, act, onStarted, openComposer, agenda }) {
  const composers = new Map();
  let composingKind = null;
  let prompts = null;
  let catalogue = null;
  let live = null;
  const timers = new Map();
  const countdown = createCountdown(byId("kind-live-countdown"), room, { timeUpText: timeUpFor(room) });
  const liveError = byId("kind-live-error");
  const composerError = byId("icebreaker-error");

  for (const module of Object.values(KINDS)) {
    byId("kind-tabs").append(h("button", {
      type: "button", class: "kind-tab", role: "tab", id: `tab-${module.name}`, dataset: { kind: module.name },
      "aria-controls": "icebreaker-composer", "aria-selected": "false", tabindex: "-1",
    }, h("span", { class: "kind-tab__name" }, module.label), h("span", { class: "kind-tab__hint" }, module.hint)));
  }

  // ---------- Built-in prompts, with which ones this room has seen ----------

  async function loadPrompts() {
    const ack = await room.request("content:list", {});
    if (!ack.ok) return;
    prompts = ack.prompts || {};
    catalogue = ack;
    for (const composer of composers.values()) if (composer.refresh) composer.refresh();
  }

  const composerContext = (kind) => ({
    room,
    /** This kind's built-in prompts ([{id, depth, category, text: {en, es}, used}]), or null while loading. */
    prompts: () => (prompts ? prompts[kind] || [] : null),
    /** Another part of the console's content list (e.g. "kudos": its categories), or null while loading. */
    content: (part) => (catalogue ? catalogue[part] ?? null : null),
  });

  // ---------- The composer ----------

  function showComposer(kind) {
    const module = KINDS[kind];
    if (!module) return;
    // Each kind keeps its own timer choice; a kind may start from a longer one (a kudos round takes minutes).
    if (composingKind) timers.set(composingKind, byId("icebreaker-timer").value);
    byId("icebreaker-timer").value = timers.get(kind) ?? module.timerDefault ?? "60";
    composingKind = kind;
    if (!composers.has(kind)) composers.set(kind, module.host.composer(composerContext(kind)));
    byId("icebreaker-fields").replaceChildren(composers.get(kind).element);
    byId("icebreaker-composer").setAttribute("aria-labelledby", `tab-${kind}`);
    setText(byId("icebreaker-hint"), module.description || module.hint);
    // Kinds that run until the facilitator moves on have no timer; staged kinds time their first stage.
    byId("icebreaker-timer").closest(".field").hidden = module.timer === false;
    setText(document.querySelector('label[for="icebreaker-timer"]'), module.timerLabel || t("Timer"));
    setText(composerError, "");
  }

  /** The composer's settings with the timer of the frame (unless the kind sets its own), or a problem to show. */
  function readComposer() {
    const read = composers.get(composingKind).read();
    if (read.problem) return read;
    const timer = byId("icebreaker-timer").value;
    const settings = { duration_s: timer ? Number(timer) : null, ...read.settings };
    return { settings };
  }

  function composed() {
    const read = readComposer();
    if (read.problem) {
      setText(composerError, read.problem);
      if (read.focus) read.focus.focus();
      return null;
    }
    return read.settings;
  }

  function resetComposer() {
    const composer = composers.get(composingKind);
    if (composer.reset) composer.reset();
    byId("icebreaker-notes").value = "";
  }

  byId("icebreaker-composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const settings = composed();
    if (!settings) return;
    const ack = await act(byId("start-icebreaker"), composerError, "activity:start", { kind: composingKind, settings });
    if (ack.ok) {
      resetComposer();
      onStarted();
    }
  });

  byId("agenda-add-icebreaker").addEventListener("click", async (event) => {
    const settings = composed();
    if (!settings) return;
    const notes = byId("icebreaker-notes").value.trim();
    const ack = await agenda.add(composingKind, settings, notes, event.currentTarget, composerError);
    if (ack.ok) resetComposer();
  });

  // ---------- The live panel ----------

  function leaveLive() {
    if (live && live.view.stop) live.view.stop();
    live = null;
    byId("kind-live-body").replaceChildren();
  }

  function waitingLine(waiting) {
    if (!waiting || !waiting.count) return "";
    const names = new Map((room.roster || []).map((player) => [player.id, player.name]));
    const named = waiting.ids.map((id) => names.get(id)).filter(Boolean).slice(0, WAITING_NAMED);
    const more = waiting.count - named.length;
    if (more <= 0) return t("Still to answer: %(names)s", { names: named.join(", ") });
    if (!named.length) return tn("Still to answer: %(num)d more", "Still to answer: %(num)d more", more);
    return tn("Still to answer: %(names)s and %(num)d more", "Still to answer: %(names)s and %(num)d more", more, { names: named.join(", ") });
  }

  function renderLive(activity) {
    const module = activity ? KINDS[activity.kind] : null;
    byId("live-kind").hidden = !module;
    if (!module) {
      countdown.set(null);
      leaveLive();
      return;
    }
    if (!live || live.activityId !== activity.id) {
      leaveLive();
      const control = (action, button = null) => act(button, liveError, "activity:control", { activity_id: activity.id, action });
      live = { activityId: activity.id, view: module.host.live({ room, act, control, errorEl: liveError }) };
      byId("kind-live-body").replaceChildren(live.view.element);
      setText(liveError, "");
    }
    const open = activity.status === "open";
    const status = byId("kind-live-status");
    status.dataset.status = activity.status;
    setText(status, liveStatus(activity.status));
    setText(byId("kind-live-label"), module.label);
    setText(byId("kind-live-prompt"), activity.prompt);
    const notes = agenda.notesFor(activity);
    setText(byId("kind-live-notes"), notes ? t("Your notes: %(notes)s", { notes }) : "");
    byId("kind-live-notes").hidden = !notes;
    countdown.set(open ? activity : null);
    // A kind that lists who it waits for itself (kudos: who is not appreciated yet) leaves the frame's line out.
    const waiting = open && !module.ownWaiting ? waitingLine(activity.waiting) : "";
    setText(byId("kind-live-waiting"), waiting);
    byId("kind-live-waiting").hidden = !waiting;
    byId("kind-close").hidden = !open;
    byId("kind-reveal").hidden = activity.status === "revealed";
    byId("kind-rerun").hidden = open;
    byId("kind-new").hidden = open;
    live.view.render(activity);
  }

  const current = () => room.activity;
  byId("kind-close").addEventListener("click", (event) => {
    act(event.currentTarget, liveError, "activity:close", { activity_id: current().id });
  });
  byId("kind-reveal").addEventListener("click", (event) => {
    act(event.currentTarget, liveError, "activity:reveal", { activity_id: current().id });
  });
  byId("kind-skip").addEventListener("click", (event) => {
    act(event.currentTarget, liveError, "activity:skip", { activity_id: current().id });
  });
  byId("kind-rerun").addEventListener("click", async (event) => {
    const ack = await act(event.currentTarget, liveError, "activity:rerun", { activity_id: current().id });
    if (ack.ok) onStarted();
  });
  byId("kind-new").addEventListener("click", () => openComposer(current().kind));

  return { showComposer, renderLive, loadPrompts, liveHeading: "kind-live-prompt", has: (kind) => kind in KINDS };
}
