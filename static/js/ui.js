// View pieces shared by the console, the screen and the phone: poll results bars, the countdown, points and fitting.
import { h, setText } from "./dom.js";
import { formatNumber, t, tn } from "./i18n.js";

export const OPTION_LETTERS = "ABCDEF";

/** "3 of 12 answered" */
export function answeredLine(results) {
  if (!results) return "";
  return t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total });
}

/** "1 person", "3 people" — English words only: pages that speak other languages use tn() from i18n.js instead. */
export function plural(count, one, many) {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** "12 people here" */
export function peopleHere(count) {
  return tn("%(num)d person here", "%(num)d people here", count);
}

export function passesLine(passes) {
  return passes ? tn("%(num)d person passed", "%(num)d people passed", passes) : "";
}

/** Indexes of the options with the most answers (none when nobody answered). */
export function winningOptions(counts) {
  const top = Math.max(0, ...counts);
  if (top === 0) return new Set();
  return new Set(counts.flatMap((count, index) => (count === top ? [index] : [])));
}

/**
 * Results bars inside `list` (a <ul>). Rows are kept between updates so widths animate.
 * update(activity, {mine}) — `mine` is the option index the viewer chose, if any.
 */
export function createResultsBars(list) {
  let shownActivityId = null;
  let rows = [];

  function build(activity) {
    rows = activity.options.map((option, index) => {
      const fill = h("div", { class: "bar__fill" });
      const value = h("span", { class: "bar__value" });
      const mineTag = h("span", { class: "bar__mine", hidden: true }, t("Your answer"));
      const label = h("span", { class: "bar__label" }, h("span", { class: "bar__text" }, option), mineTag);
      const track = h("div", { class: "bar__track", "aria-hidden": "true" }, fill);
      const row = h("li", { class: "bar" },
        h("span", { class: "bar__letter", "aria-hidden": "true" }, OPTION_LETTERS[index]),
        label, value, track);
      return { row, fill, value, mineTag };
    });
    list.replaceChildren(...rows.map((r) => r.row));
    shownActivityId = activity.id;
  }

  function update(activity, { mine = null } = {}) {
    if (!activity) return;
    if (activity.id !== shownActivityId || rows.length !== activity.options.length) build(activity);
    const results = activity.results;
    const counts = results ? results.counts : activity.options.map(() => 0);
    const answers = counts.reduce((sum, count) => sum + count, 0);
    const revealed = activity.status === "revealed";
    const winners = revealed ? winningOptions(counts) : new Set();
    list.dataset.revealed = String(revealed);
    rows.forEach((r, index) => {
      const count = counts[index] || 0;
      const percent = answers ? Math.round((count / answers) * 100) : 0;
      r.fill.style.width = `${percent}%`;
      setText(r.value, `${formatNumber(count)} · ${formatNumber(percent)}%`);
      r.row.dataset.winner = String(winners.has(index));
      r.row.dataset.count = String(count);
      r.mineTag.hidden = mine !== index;
    });
  }

  return { update };
}

function formatRemaining(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return formatNumber(seconds);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Whether the open activity's clock is paused by the facilitator (its time left frozen in paused_left_ms). */
export function isPaused(activity) {
  return Boolean(activity && activity.status === "open" && activity.paused && typeof activity.paused_left_ms === "number");
}

/** The console's clock at zero: "Time's up", or how many players with time help are still answering. */
export function timeUpFor(room) {
  return () => {
    const activity = room.activity;
    const waiting = activity && activity.status === "open" ? activity.extra_time_waiting || 0 : 0;
    return waiting > 0
      ? tn("Extra time: %(num)d player still answering", "Extra time: %(num)d players still answering", waiting)
      : t("Time's up");
  };
}

/**
 * A countdown to the open activity's ends_at on the server's clock, inside `el`.
 * set(activity) after each change; it hides itself when there is no running timer, and shows "Paused" with the
 * frozen time left while the facilitator has paused the clock.
 */
export function createCountdown(el, room, { urgentSeconds = 5, timeUpText = t("Time's up"), pausedText = t("Paused"), announce = null } = {}) {
  let endsAt = null;
  let lastText = "";
  let timer = null;
  let announced = null; // "ten" and "over" once per timer, so a screen reader hears two moments, not every second

  function tick() {
    if (endsAt === null) return;
    const remaining = endsAt - room.serverNow();
    if (announce) {
      if (remaining <= 0 && announced !== "over" && announced !== null) {
        announced = "over";
        announce(t("Time's up"));
      } else if (remaining > 0 && remaining <= 10_000 && announced === "start") {
        announced = "ten";
        announce(t("10 seconds left"));
      } else if (announced === null) {
        announced = remaining > 10_000 ? "start" : remaining > 0 ? "ten" : "over";
      }
    }
    const text = remaining > 0 ? formatRemaining(remaining) : typeof timeUpText === "function" ? timeUpText() : timeUpText;
    const urgent = remaining > 0 && remaining <= urgentSeconds * 1000;
    el.dataset.urgent = String(urgent);
    el.dataset.over = String(remaining <= 0);
    if (text !== lastText) {
      lastText = text;
      setText(el, text);
      if (urgent) {
        // Restart the tick animation on each of the last seconds.
        el.classList.remove("countdown--tick");
        void el.offsetWidth;
        el.classList.add("countdown--tick");
      }
    }
  }

  function set(activity) {
    const paused = isPaused(activity);
    const running = !paused && activity && activity.status === "open" && typeof activity.ends_at === "number";
    const nextEndsAt = running ? activity.ends_at : null;
    if (nextEndsAt !== endsAt) announced = null;
    endsAt = nextEndsAt;
    el.hidden = !running && !paused;
    el.dataset.paused = String(paused);
    if (!running) {
      clearInterval(timer);
      timer = null;
      lastText = "";
      if (paused) {
        el.dataset.urgent = "false";
        el.dataset.over = "false";
        el.classList.remove("countdown--tick");
        el.replaceChildren(h("span", { class: "countdown__paused" }, pausedText), " ",
          h("span", { class: "countdown__left" }, formatRemaining(activity.paused_left_ms)));
      }
      return;
    }
    tick();
    if (!timer) timer = setInterval(tick, 200);
  }

  return { set };
}

/** Copy text to the clipboard, falling back to selecting it for the user. Resolves true when copied. */
export async function copyText(text, fallbackInput) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackInput) {
      fallbackInput.focus();
      fallbackInput.select();
      try {
        return document.execCommand("copy");
      } catch {
        return false;
      }
    }
    return false;
  }
}

// ---------- Points, ranks and teams ----------

/** "1,250" (in Spanish "1.250") */
export function formatPoints(points) {
  return formatNumber(Number(points || 0));
}

/** "1 pt", "1,250 pts" */
export function pointsText(points) {
  const value = Number(points || 0);
  return tn("%(num)d pt", "%(num)d pts", Math.abs(value) === 1 ? 1 : value, { num: value });
}

/** "1 point", "1,250 points", spelled out for screen readers and sentences. */
export function pointsWords(points) {
  const value = Number(points || 0);
  return tn("%(num)d point", "%(num)d points", value);
}

/** "+150" for points won (never a bare "+0": "0"). */
export function plusPoints(points) {
  return points > 0 ? `+${formatPoints(points)}` : formatPoints(points || 0);
}

/** "3 of 4 voted" for one team's live trivia results. */
export function teamVotedLine(team) {
  if (!team) return "";
  return t("%(voted)d of %(members)d voted", { voted: team.voted, members: team.members });
}

/**
 * Whether motion should be left out: the person asked their system for less of it, or the page was told to (the
 * big screen, when the facilitator turned on "Reduce motion"). Checked each time: both can change while a page is open.
 */
export function prefersReducedMotion() {
  if (document.documentElement.dataset.motion === "reduce") return true;
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

/** Reduce this page's motion (or not) whatever the system says; the CSS follows `data-motion` on <html>. */
export function setReducedMotion(reduce) {
  document.documentElement.dataset.motion = reduce ? "reduce" : "auto";
}

/**
 * Sizes text to its box: sets the CSS variable `--fit` (a scale factor, 1 = the designed size) on `box` to the
 * largest value between `min` and `max` at which none of `targets` (default: the box itself) overflows. With
 * `max` above 1 short text grows to fill the space. Style sizes as calc(... * var(--fit, 1)).
 */
export function fitText(box, { targets = null, min = 0.45, max = 1, steps = 7 } = {}) {
  const checked = () => (targets ? targets() : [box]);
  const overflows = () => checked().some((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
  box.style.setProperty("--fit", String(max));
  if (!overflows()) return max;
  let low = min;
  let high = max;
  for (let i = 0; i < steps; i += 1) {
    const middle = (low + high) / 2;
    box.style.setProperty("--fit", String(middle));
    if (overflows()) high = middle;
    else low = middle;
  }
  box.style.setProperty("--fit", String(low));
  return low;
}

// Whole sentences per noun (Spanish agrees the words with it): "option", "category", or any other entry.
const ENTRY_PROBLEMS = {
  option: { empty: () => t("Fill in every option, or remove the empty ones."), repeated: () => t("Each option must be different.") },
  category: { empty: () => t("Fill in every category, or remove the empty ones."), repeated: () => t("Each category must be different.") },
  entry: { empty: () => t("Fill in every entry, or remove the empty ones."), repeated: () => t("Each entry must be different.") },
};

/**
 * The first problem with a list of typed entries (poll options, trivia options, kudos categories): an empty one,
 * or two the same ignoring case. Returns {problem, focus} with that field marked invalid, or null when all is well.
 */
export function entriesProblem(inputs, noun) {
  const texts = ENTRY_PROBLEMS[noun] || ENTRY_PROBLEMS.entry;
  const empty = inputs.find((input) => !input.value.trim());
  if (empty) {
    empty.setAttribute("aria-invalid", "true");
    return { problem: texts.empty(), focus: empty };
  }
  const seen = new Set();
  const repeated = inputs.find((input) => {
    const folded = input.value.trim().toLocaleLowerCase();
    if (seen.has(folded)) return true;
    seen.add(folded);
    return false;
  });
  if (repeated) {
    repeated.setAttribute("aria-invalid", "true");
    return { problem: texts.repeated(), focus: repeated };
  }
  return null;
}

// ---------- Phones: the language switch, the on-screen keyboard, haptics and what a screen reader hears ----------

/** Wires every `.lang-switch[data-lang]` button on the page to `switch(lang)` (i18n.js switchLanguage: cookie, reload). */
export function mountLanguageSwitch(switchTo) {
  for (const button of document.querySelectorAll(".lang-switch[data-lang]")) {
    button.addEventListener("click", () => switchTo(button.dataset.lang));
  }
}

/** A short buzz where the phone can (a tap that did something); silently nothing elsewhere. */
export function buzz(ms = 30) {
  try {
    navigator.vibrate?.(ms);
  } catch {
    // Some browsers throw when vibration is not allowed: the tap still counts.
  }
}

/**
 * A polite live region's announcer: announce(text) says `text` once (the same text twice in a row is said again).
 * The region itself (role="status" aria-live="polite", visually hidden) is in the page's markup.
 */
export function createAnnouncer(region) {
  let timer = null;
  return (text) => {
    if (!text) return;
    clearTimeout(timer);
    region.textContent = "";
    timer = setTimeout(() => { region.textContent = text; }, 60);
  };
}

/**
 * Keeps the focused field AND the button that sends it in view when the on-screen keyboard shrinks the viewport
 * (the viewport meta asks for interactive-widget=resizes-content). The button is the field's form's submit, or the
 * first visible primary button of its section; a sticky header's height is kept clear above the field.
 */
export function keepSubmitInView({ header = null } = {}) {
  const place = () => {
    const field = document.activeElement;
    if (!field || !field.matches("input:not([type=button]):not([type=submit]), textarea")) return;
    const scope = field.form || field.closest(".kind-body, section, main") || document.body;
    const submit = [...scope.querySelectorAll('button[type="submit"], button.btn--primary')]
      .find((button) => button.offsetParent !== null && !button.disabled);
    const height = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    const top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    const fieldBox = field.getBoundingClientRect();
    const bottom = submit ? submit.getBoundingClientRect().bottom : fieldBox.bottom;
    let delta = bottom > height - 8 ? bottom - (height - 8) : 0;
    // Never push the field itself under the top (or leave it there): the words being typed matter most.
    if (fieldBox.top - delta < top) delta = fieldBox.top - top;
    if (Math.abs(delta) > 1) window.scrollBy(0, delta);
  };
  let timers = [];
  const soon = () => {
    for (const timer of timers) clearTimeout(timer);
    timers = [setTimeout(place, 60), setTimeout(place, 350)]; // again once the keyboard has finished sliding in
  };
  document.addEventListener("focusin", soon);
  window.addEventListener("resize", soon);
  if (window.visualViewport) window.visualViewport.addEventListener("resize", soon);
  return place;
}
