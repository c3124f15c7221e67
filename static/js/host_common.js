// Pieces every part of the facilitator's console shares: error messages beside a control, running an action from a
// button, small form helpers and the default teams. Text goes in through textContent only.
import { h, setText } from "./dom.js";
import { OPTION_LETTERS } from "./ui.js";
import { formatDate, formatNumber, t } from "./i18n.js";

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
  setText(el, [error.message || t("Something went wrong."), ...details].join(" "));
}

/**
 * act(button, errorEl, name, payload): run a host action from a control — disable it while waiting, show the ack's
 * error beside it. Resolves to the ack (never throws).
 */
export function createAct(room) {
  return async function act(button, errorEl, name, payload) {
    // A focused control that is disabled for the wait loses the focus: a keyboard user gets it back afterwards.
    const hadFocus = Boolean(button) && document.activeElement === button;
    if (button) button.disabled = true;
    if (errorEl) setText(errorEl, "");
    const ack = await room.request(name, payload);
    if (button) button.disabled = false;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (hadFocus && lost && button.isConnected) button.focus({ preventScroll: true });
    if (errorEl) showError(errorEl, ack);
    return ack;
  };
}

/** Deprecated: write tn("%(num)d person", "%(num)d people", count) instead (translatable). */
export function plural(count, one, many) {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** Whether `el` can take the focus now (in the page, shown, enabled). */
export function canFocus(el) {
  return Boolean(el && el.isConnected && !el.disabled && !el.closest("[hidden], [inert]") && el.getClientRects().length);
}

/** Put the focus on the first of `candidates` (elements or functions returning one) that can take it. */
export function focusFirst(...candidates) {
  for (const candidate of candidates) {
    const el = typeof candidate === "function" ? candidate() : candidate;
    if (canFocus(el)) {
      el.focus();
      return el;
    }
  }
  return null;
}

/**
 * Open a modal <dialog> from `opener`: the dialog takes the focus (its [autofocus] button), Escape closes it (the
 * browser's own), and on closing the focus goes back to the opener — or, when the opener is gone or hidden by what
 * the dialog did, to `fallback()`. Close handlers that move the focus themselves are left alone.
 */
export function openDialog(dialog, opener, fallback = null) {
  dialog.returnValue = "";
  dialog.addEventListener("close", () => {
    requestAnimationFrame(() => {
      const lost = !document.activeElement || document.activeElement === document.body || !canFocus(document.activeElement);
      if (lost) focusFirst(opener, fallback);
    });
  }, { once: true });
  dialog.showModal();
}

/** After a row of `list` went away (removed, banned): focus the same control in the next row, else `fallback`. */
export function focusNearRow(list, row, selector, fallback) {
  const rows = Array.from(list.children).filter((other) => other !== row && other.dataset.removing !== "true");
  const index = Array.from(list.children).indexOf(row);
  const after = rows.find((other) => Array.from(list.children).indexOf(other) > index);
  const target = after || rows[rows.length - 1];
  return focusFirst(target ? target.querySelector(selector) : null, fallback);
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
  return formatDate(ms, { hour: "2-digit", minute: "2-digit" });
}

/** "+50" / "−20" */
export function signed(points) {
  return points > 0 ? `+${formatNumber(points)}` : `−${formatNumber(Math.abs(points))}`;
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
    // One tabpanel holds every composer (a <form> cannot be one): it is named by the chosen tab.
    const panel = tablist.dataset.panel ? document.getElementById(tablist.dataset.panel) : null;
    if (panel) panel.setAttribute("aria-labelledby", tab.id);
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
      input.setAttribute("aria-label", t("Option %(letter)s", { letter }));
      input.placeholder = t("Option %(letter)s", { letter });
      setText(item.querySelector(".option__letter"), letter);
      const remove = item.querySelector(".option__remove");
      remove.setAttribute("aria-label", t("Remove option %(letter)s", { letter }));
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
