// Pieces every part of the facilitator's console shares: error messages beside a control, running an action from a
// button, small form helpers and the default teams. Text goes in through textContent only.
import { h, setText } from "./dom.js";
import { OPTION_LETTERS } from "./ui.js";

/** Flatten an invalid_payload `fields` object into readable lines ("question: Too long."). */
export function fieldProblems(fields, prefix = "") {
  if (!fields || typeof fields !== "object") return [];
  return Object.entries(fields).flatMap(([name, problem]) => {
    const path = /^\d+$/.test(name) ? `${prefix} ${OPTION_LETTERS[Number(name)] || name}` : name;
    if (Array.isArray(problem)) return problem.map((text) => `${path.trim()}: ${text}`);
    if (problem && typeof problem === "object") return fieldProblems(problem, path);
    return [`${path.trim()}: ${problem}`];
  });
}

/** Show an ack's error (with its field problems) in `el`, or clear it when the ack is a success. */
export function showError(el, ack) {
  if (!ack || ack.ok) {
    setText(el, "");
    return;
  }
  const error = ack.error || {};
  const details = fieldProblems(error.fields);
  setText(el, [error.message || "Something went wrong.", ...details].join(" "));
}

/**
 * act(button, errorEl, name, payload): run a host action from a control — disable it while waiting, show the ack's
 * error beside it. Resolves to the ack (never throws).
 */
export function createAct(room) {
  return async function act(button, errorEl, name, payload) {
    if (button) button.disabled = true;
    if (errorEl) setText(errorEl, "");
    const ack = await room.request(name, payload);
    if (button) button.disabled = false;
    if (errorEl) showError(errorEl, ack);
    return ack;
  };
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Replace a <select>'s options, keeping the chosen value when it is still there. `items`: [{value, label}]. */
export function setSelectOptions(select, items, { fallback = null } = {}) {
  const previous = select.value;
  const key = JSON.stringify(items.map((item) => [item.value, item.label, item.group || ""]));
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    const groups = new Map();
    const nodes = [];
    for (const item of items) {
      const option = h("option", { value: item.value, disabled: item.disabled }, item.label);
      if (item.group) {
        if (!groups.has(item.group)) {
          const group = h("optgroup", { label: item.group });
          groups.set(item.group, group);
          nodes.push(group);
        }
        groups.get(item.group).appendChild(option);
      } else {
        nodes.push(option);
      }
    }
    select.replaceChildren(...nodes);
  }
  const values = items.map((item) => String(item.value));
  if (values.includes(previous)) select.value = previous;
  else if (fallback !== null && values.includes(String(fallback))) select.value = String(fallback);
  return select;
}

/** The chosen value of a group of radio buttons inside `root`, or null. */
export function radioValue(root, name) {
  const checked = root.querySelector(`input[type="radio"][name="${name}"]:checked`);
  return checked ? checked.value : null;
}

/** "14:05" from a server timestamp in ms. */
export function clockTime(ms) {
  if (typeof ms !== "number") return "";
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** "+50" / "−20" */
export function signed(points) {
  return points > 0 ? `+${points}` : `−${Math.abs(points)}`;
}

/** The server's default teams, shown in the setup form before anything is sent (a JSON data block in the page). */
export const DEFAULT_TEAMS = JSON.parse(document.getElementById("team-defaults").textContent);
export const MIN_TEAMS = 2;
export const MAX_TEAMS = 8;
export const TEAM_NAME_MAX = 24;

export const LANGUAGES = [
  { value: "en", label: "English" },
  { value: "es", label: "Español" },
];

/** A text in the chosen language from {en, es}, falling back to English. */
export function localised(texts, lang) {
  if (!texts || typeof texts !== "object") return texts || "";
  return texts[lang] || texts.en || "";
}

/**
 * Wire a row of role="tab" buttons: click or arrow keys select one (roving tabindex), `onSelect(tab)` is called.
 * Returns select(tabOrId) to choose one from code.
 */
export function wireTabs(tablist, onSelect) {
  const tabs = () => Array.from(tablist.querySelectorAll('[role="tab"]'));
  function select(tab, { focus = false } = {}) {
    for (const other of tabs()) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
    }
    if (focus) tab.focus();
    onSelect(tab);
  }
  tablist.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab && tablist.contains(tab)) select(tab);
  });
  tablist.addEventListener("keydown", (event) => {
    const all = tabs();
    const index = all.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next = null;
    if (event.key in moves) next = all[(index + moves[event.key] + all.length) % all.length];
    else if (event.key === "Home") next = all[0];
    else if (event.key === "End") next = all[all.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next, { focus: true });
  });
  return select;
}
