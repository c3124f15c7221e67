// The console's agenda: the activities planned for the event, in order — reorder, remove, start one, or "next".
import { byId, h, setText } from "./dom.js";
import { formatNumber, t } from "./i18n.js";
import { KINDS } from "./kinds/index.js";

/** A kind's name in the page's language: the game's own kinds here, the icebreakers' from their modules. */
export function kindLabel(kind) {
  if (kind === "poll") return t("Quick poll");
  if (kind === "team_trivia") return t("Team trivia");
  if (kind === "scenario") return t("Customer scenario");
  if (kind === "coop_goal") return t("Co-op goal");
  return KINDS[kind] ? KINDS[kind].label : kind;
}

/** One line saying what an item will ask: its own text, or where its prompt will come from. */
function summary(settings) {
  const own = settings.prompt || settings.question || settings.title;
  if (own) return own;
  if (settings.prompt_id) return t("Prompt %(id)s from the pack", { id: settings.prompt_id });
  if (settings.shuffle) {
    if (settings.depth === "light") return t("A light prompt from the pack, new to this room");
    if (settings.depth === "medium") return t("A medium prompt from the pack, new to this room");
    if (settings.depth === "deeper") return t("A deeper prompt from the pack, new to this room");
    return t("A prompt from the pack, new to this room");
  }
  if (settings.pack) return t("A question from the pack");
  return "";
}

/** room, act: the console's client and action runner; onStarted(): an agenda item was started. */
export function mountAgenda({ room, act, onStarted }) {
  const list = byId("agenda-list");
  const error = byId("agenda-error");

  async function add(kind, settings, notes, button, errorEl) {
    const ack = await act(button, errorEl, "agenda:add", { kind, settings, notes: notes || "" });
    if (ack.ok) setText(byId("agenda-added"), t("Added to the agenda: %(kind)s.", { kind: kindLabel(kind) }));
    return ack;
  }

  async function start(itemId, button) {
    const ack = await act(button, error, "agenda:start", itemId ? { item_id: itemId } : {});
    if (ack.ok) onStarted();
  }

  /** The inline editor of a planned item: its own text (when it has one) and the presenter notes. */
  function editor(item) {
    const key = ["prompt", "question", "title"].find((name) => typeof item.settings[name] === "string");
    const text = key ? h("input", { class: "input", type: "text", maxlength: "160", value: item.settings[key], "aria-label": t("Text") }) : null;
    const notes = h("input", { class: "input", type: "text", maxlength: "200", value: item.notes, "aria-label": t("Your notes") });
    const save = h("button", { type: "submit", class: "btn btn--primary btn--small" }, t("Save"));
    const form = h("form", { class: "agenda-item__edit", novalidate: true }, text, notes,
      h("div", { class: "agenda-item__actions" }, save,
        h("button", { type: "button", class: "btn btn--ghost btn--small", on: { click: () => { editing = null; render(); } } }, t("Cancel"))));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const payload = { item_id: item.id, notes: notes.value.trim() };
      if (key) payload.settings = { ...item.settings, [key]: text.value.trim() };
      const ack = await act(save, error, "agenda:update", payload);
      if (ack.ok) {
        editing = null;
        render();
      }
    });
    return form;
  }

  let editing = null;

  function itemRow(item, index, items, open) {
    const planned = item.status === "planned";
    const live = room.activity && item.activity_id === room.activity.id;
    const status = live ? t("Live") : planned ? t("Planned") : t("Done");
    const move = (position, label, text) => h("button", {
      type: "button", class: "btn btn--ghost btn--small agenda-item__move", "aria-label": label,
      disabled: position < 0 || position >= items.length,
      on: { click: (event) => act(event.currentTarget, error, "agenda:move", { item_id: item.id, position }) },
    }, text);
    return h("li", { class: "agenda-item", dataset: { status: live ? "live" : item.status } },
      h("span", { class: "agenda-item__number", "aria-hidden": "true" }, String(index + 1)),
      h("div", { class: "agenda-item__text" },
        h("p", { class: "agenda-item__kind" }, kindLabel(item.kind), h("span", { class: "agenda-item__status" }, status)),
        h("p", { class: "agenda-item__summary" }, summary(item.settings)),
        item.notes ? h("p", { class: "agenda-item__notes" }, t("Your notes: %(notes)s", { notes: item.notes })) : null,
        editing === item.id ? editor(item) : null),
      h("div", { class: "agenda-item__actions" },
        planned ? h("button", {
          type: "button", class: "btn btn--primary btn--small", disabled: open,
          "aria-label": t("Start %(kind)s now", { kind: kindLabel(item.kind) }), on: { click: (event) => start(item.id, event.currentTarget) },
        }, t("Start")) : null,
        planned ? h("button", {
          type: "button", class: "btn btn--ghost btn--small", "aria-label": t("Edit %(kind)s", { kind: kindLabel(item.kind) }),
          on: { click: () => { editing = editing === item.id ? null : item.id; render(); } },
        }, t("Edit")) : null,
        move(index - 1, t("Move up: %(kind)s", { kind: kindLabel(item.kind) }), "↑"),
        move(index + 1, t("Move down: %(kind)s", { kind: kindLabel(item.kind) }), "↓"),
        h("button", {
          type: "button", class: "btn btn--ghost btn--small", "aria-label": t("Remove %(kind)s from the agenda", { kind: kindLabel(item.kind) }),
          on: { click: (event) => act(event.currentTarget, error, "agenda:remove", { item_id: item.id }) },
        }, t("Remove"))));
  }

  function render() {
    const items = room.agenda || [];
    const open = Boolean(room.activity && room.activity.status === "open");
    const next = items.find((item) => item.status === "planned");
    list.replaceChildren(...items.map((item, index) => itemRow(item, index, items, open)));
    byId("agenda-empty").hidden = items.length > 0;
    byId("agenda-next").hidden = !next;
    byId("agenda-next").disabled = open;
    setText(byId("agenda-next-label"), next ? t("%(kind)s: %(summary)s", { kind: kindLabel(next.kind), summary: summary(next.settings) }) : "");
    byId("agenda-up-next").hidden = !next;
    setText(byId("agenda-count"), formatNumber(items.length));
  }

  byId("agenda-next").addEventListener("click", (event) => start(null, event.currentTarget));

  /** The presenter notes of the agenda item that started `activity`, if any. */
  function notesFor(activity) {
    const item = activity && (room.agenda || []).find((entry) => entry.activity_id === activity.id);
    return item ? item.notes : "";
  }

  return { render, add, notesFor };
}
