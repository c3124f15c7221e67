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

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
export const OPTION_MAX_LENGTH = 80;

/**
 * An editable list of answer options (A, B, C…) inside `list`, with `addButton` to add one; used by the poll and the
 * trivia composers. `lead()` builds an extra element at the start of each row (trivia's "right answer" mark);
 * `renumbered(item, index, letter)` runs for each row whenever the letters change; `after(items)` once after that.
 */
export function createOptionEditor({ list, addButton, idPrefix, rowClass = "option", lead = null, renumbered = null, after = null }) {
  function inputs() {
    return Array.from(list.querySelectorAll(".option__text"));
  }

  function renumber() {
    const items = Array.from(list.children);
    items.forEach((item, index) => {
      const letter = OPTION_LETTERS[index];
      const input = item.querySelector(".option__text");
      input.id = `${idPrefix}-${index}`;
      input.setAttribute("aria-label", `Option ${letter}`);
      input.placeholder = `Option ${letter}`;
      setText(item.querySelector(".option__letter"), letter);
      const remove = item.querySelector(".option__remove");
      remove.setAttribute("aria-label", `Remove option ${letter}`);
      remove.disabled = items.length <= MIN_OPTIONS;
      if (renumbered) renumbered(item, index, letter);
    });
    addButton.disabled = items.length >= MAX_OPTIONS;
    if (after) after(items);
  }

  function add(value = "") {
    const input = h("input", {
      class: "input option__text", type: "text", maxlength: OPTION_MAX_LENGTH, autocomplete: "off",
    });
    input.value = value;
    const remove = h("button", { type: "button", class: "btn btn--ghost btn--small option__remove" }, "✕");
    const item = h("li", { class: rowClass },
      lead ? lead() : null, h("span", { class: "option__letter", "aria-hidden": "true" }), input, remove);
    remove.addEventListener("click", () => {
      const index = Array.from(list.children).indexOf(item);
      item.remove();
      renumber();
      const left = inputs();
      (left[Math.min(index, left.length - 1)] || addButton).focus();
    });
    // Enter in the last option adds another one, the quick way to type a list.
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const all = inputs();
      if (input === all[all.length - 1] && all.length < MAX_OPTIONS && input.value.trim()) {
        event.preventDefault();
        add();
        inputs().at(-1).focus();
      }
    });
    list.appendChild(item);
    renumber();
    return input;
  }

  function reset(count = MIN_OPTIONS) {
    list.replaceChildren();
    for (let i = 0; i < count; i += 1) add();
  }

  addButton.addEventListener("click", () => {
    if (inputs().length < MAX_OPTIONS) add().focus();
  });

  return { inputs, add, reset };
}
