// The console's pacing bar: start the next agenda item, reveal, pause or resume the timer, 30 s more — as buttons and
// as keys (N, R, P, +) that work anywhere on the console except while typing in a field. What a key did is announced.
import { byId, setText } from "./dom.js";
import { kindLabel } from "./host_agenda.js";
import { isPaused } from "./ui.js";
import { t } from "./i18n.js";

const EXTEND_SECONDS = 30;

/** "42 s", "1 min 5 s" — a time left, as a screen reader should say it. */
function spokenTime(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  if (!minutes) return t("%(seconds)d s", { seconds });
  return seconds % 60 ? t("%(minutes)d min %(seconds)d s", { minutes, seconds: seconds % 60 }) : t("%(minutes)d min", { minutes });
}

/** Whether a key press belongs to what the person is typing or choosing, not to the console's shortcuts. */
function inField(target) {
  return Boolean(target && target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
}

/**
 * room, act: the console's client and action runner. onStarted(): an activity was started from here (the console
 * shows its live panel and puts the focus on it).
 */
export function mountPacing({ room, act, onStarted }) {
  const error = byId("pacing-error");
  const announcer = byId("pacing-announce");

  function announce(text) {
    // The same words twice in a row must still be read out: clear first, then say them.
    setText(announcer, "");
    requestAnimationFrame(() => setText(announcer, text));
  }

  const open = () => Boolean(room.activity && room.activity.status === "open");
  const timed = () => open() && (isPaused(room.activity) || typeof room.activity.ends_at === "number");
  const nextItem = () => (room.agenda || []).find((item) => item.status === "planned") || null;

  // Each control: when it can act, why not otherwise (said when its key is pressed in vain), and what it does.
  const controls = {
    next: {
      button: byId("pace-next"),
      blocked: () => (!nextItem() ? t("Nothing planned: add activities to the agenda first.")
        : open() ? t("Close the live activity before starting the next one.") : ""),
      async run(button) {
        const item = nextItem();
        const ack = await act(button, error, "agenda:start", {});
        if (!ack.ok) return;
        announce(t("Started: %(activity)s.", { activity: kindLabel(item.kind) }));
        onStarted();
      },
    },
    reveal: {
      button: byId("pace-reveal"),
      blocked: () => (!room.activity ? t("There is no activity to reveal.")
        : room.activity.status === "revealed" ? t("The results are already revealed.") : ""),
      async run(button) {
        const ack = await act(button, error, "activity:reveal", { activity_id: room.activity.id });
        if (ack.ok) announce(t("Results revealed on the big screen."));
      },
    },
    pause: {
      button: byId("pace-pause"),
      blocked: () => (timed() ? "" : t("No timer is running.")),
      async run(button) {
        const resuming = isPaused(room.activity);
        const ack = await act(button, error, resuming ? "activity:resume" : "activity:pause", { activity_id: room.activity.id });
        if (!ack.ok) return;
        const activity = room.activity;
        announce(resuming ? t("Timer running again.")
          : t("Timer paused with %(time)s left.", { time: spokenTime(isPaused(activity) ? activity.paused_left_ms : 0) }));
      },
    },
    extend: {
      button: byId("pace-extend"),
      blocked: () => (timed() ? "" : t("No timer is running.")),
      async run(button) {
        const ack = await act(button, error, "activity:extend", { activity_id: room.activity.id, seconds: EXTEND_SECONDS });
        if (ack.ok) announce(t("%(seconds)d seconds added.", { seconds: EXTEND_SECONDS }));
      },
    },
  };

  // "=" is the "+" key without Shift on most keyboards.
  const KEYS = { n: "next", r: "reveal", p: "pause", "+": "extend", "=": "extend" };

  async function trigger(name) {
    const control = controls[name];
    const reason = control.blocked();
    if (reason) {
      setText(error, reason); // a key pressed in vain says why (an alert: read out too)
      return;
    }
    if (control.button.disabled) return; // already on its way
    await control.run(control.button);
    render(); // act() enabled the button again; what is possible now depends on the new state
  }

  for (const [name, control] of Object.entries(controls)) {
    control.button.addEventListener("click", () => trigger(name));
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    if (inField(event.target) || document.querySelector("dialog[open]")) return;
    if (!room.event || room.event.status === "ended") return;
    const name = typeof event.key === "string" ? KEYS[event.key.toLowerCase()] : null; // autofill sends no key
    if (!name) return;
    event.preventDefault();
    trigger(name);
  });

  // The bar sticks to the top of the window: whatever the keyboard focuses is scrolled clear of it.
  const bar = byId("pacing");
  const padScroll = () => {
    document.documentElement.style.scrollPaddingTop = `${Math.ceil(bar.getBoundingClientRect().height) + 16}px`;
  };
  if (typeof ResizeObserver === "function") new ResizeObserver(padScroll).observe(bar);
  padScroll();

  let shownMoment = "";

  function render() {
    // A word about why a key did nothing belongs to the moment it was pressed: a new one clears it.
    const activity = room.activity;
    const moment = activity ? `${activity.id}:${activity.status}:${isPaused(activity)}` : "none";
    if (moment !== shownMoment) {
      shownMoment = moment;
      setText(error, "");
    }
    for (const control of Object.values(controls)) {
      const reason = control.blocked();
      control.button.disabled = Boolean(reason);
      control.button.title = reason;
    }
    const paused = isPaused(activity);
    setText(byId("pace-pause-label"), paused ? t("Resume") : t("Pause"));
    controls.pause.button.dataset.paused = String(paused);
  }

  return { render };
}
