// The console's agenda: the activities planned for the event, in order — reorder, remove, start one, or "next".
import { byId, h, setText } from "./dom.js";
import { KINDS } from "./kinds/index.js";

const LABELS = {
  poll: "Quick poll", team_trivia: "Team trivia", scenario: "Customer scenario", coop_goal: "Co-op goal",
  ...Object.fromEntries(Object.values(KINDS).map((module) => [module.name, module.label])),
};
const DEPTHS = { light: "light", medium: "medium", deeper: "deeper" };

export function kindLabel(kind) {
  return LABELS[kind] || kind;
}

/** One line saying what an item will ask: its own text, or where its prompt will come from. */
function summary(settings) {
  const own = settings.prompt || settings.question || settings.title;
  if (own) return own;
  if (settings.prompt_id) return `Prompt ${settings.prompt_id} from the pack`;
  if (settings.shuffle) return `A prompt from the pack${settings.depth ? ` (${DEPTHS[settings.depth]})` : ""}, new to this room`;
  if (settings.pack) return "A question from the pack";
  return "";
}

/** room, act: the console's client and action runner; onStarted(): an agenda item was started. */
export function mountAgenda({ room, act, onStarted }) {
  const list = byId("agenda-list");
  const error = byId("agenda-error");

  async function add(kind, settings, notes, button, errorEl) {
    const ack = await act(button, errorEl, "agenda:add", { kind, settings, notes: notes || "" });
    if (ack.ok) setText(byId("agenda-added"), `Added to the agenda: ${kindLabel(kind)}.`);
    return ack;
  }

  async function start(itemId, button) {
    const ack = await act(button, error, "agenda:start", itemId ? { item_id: itemId } : {});
    if (ack.ok) onStarted();
  }

  /** The inline editor of a planned item: its own text (when it has one) and the presenter notes. */
  function editor(item) {
    const key = ["prompt", "question", "title"].find((name) => typeof item.settings[name] === "string");
    const text = key ? h("input", { class: "input", type: "text", maxlength: "160", value: item.settings[key], "aria-label": "Text" }) : null;
    const notes = h("input", { class: "input", type: "text", maxlength: "200", value: item.notes, "aria-label": "Your notes" });
    const save = h("button", { type: "submit", class: "btn btn--primary btn--small" }, "Save");
    const form = h("form", { class: "agenda-item__edit", novalidate: true }, text, notes,
      h("div", { class: "agenda-item__actions" }, save,
        h("button", { type: "button", class: "btn btn--ghost btn--small", on: { click: () => { editing = null; render(); } } }, "Cancel")));
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
    const status = live ? "Live" : planned ? "Planned" : "Done";
    const move = (position, label, text) => h("button", {
      type: "button", class: "btn btn--ghost btn--small agenda-item__move", "aria-label": `${label}: ${kindLabel(item.kind)}`,
      disabled: position < 0 || position >= items.length,
      on: { click: (event) => act(event.currentTarget, error, "agenda:move", { item_id: item.id, position }) },
    }, text);
    return h("li", { class: "agenda-item", dataset: { status: live ? "live" : item.status } },
      h("span", { class: "agenda-item__number", "aria-hidden": "true" }, String(index + 1)),
      h("div", { class: "agenda-item__text" },
        h("p", { class: "agenda-item__kind" }, kindLabel(item.kind), h("span", { class: "agenda-item__status" }, status)),
        h("p", { class: "agenda-item__summary" }, summary(item.settings)),
        item.notes ? h("p", { class: "agenda-item__notes" }, `Your notes: ${item.notes}`) : null,
        editing === item.id ? editor(item) : null),
      h("div", { class: "agenda-item__actions" },
        planned ? h("button", {
          type: "button", class: "btn btn--primary btn--small", disabled: open,
          "aria-label": `Start ${kindLabel(item.kind)} now`, on: { click: (event) => start(item.id, event.currentTarget) },
        }, "Start") : null,
        planned ? h("button", {
          type: "button", class: "btn btn--ghost btn--small", "aria-label": `Edit ${kindLabel(item.kind)}`,
          on: { click: () => { editing = editing === item.id ? null : item.id; render(); } },
        }, "Edit") : null,
        move(index - 1, "Move up", "↑"),
        move(index + 1, "Move down", "↓"),
        h("button", {
          type: "button", class: "btn btn--ghost btn--small", "aria-label": `Remove ${kindLabel(item.kind)} from the agenda`,
          on: { click: (event) => act(event.currentTarget, error, "agenda:remove", { item_id: item.id }) },
        }, "Remove")));
  }

  function render() {
    const items = room.agenda || [];
    const open = Boolean(room.activity && room.activity.status === "open");
    const next = items.find((item) => item.status === "planned");
    list.replaceChildren(...items.map((item, index) => itemRow(item, index, items, open)));
    byId("agenda-empty").hidden = items.length > 0;
    byId("agenda-next").hidden = !next;
    byId("agenda-next").disabled = open;
    setText(byId("agenda-next-label"), next ? `${kindLabel(next.kind)}: ${summary(next.settings)}` : "");
    byId("agenda-up-next").hidden = !next;
    setText(byId("agenda-count"), String(items.length));
  }

  byId("agenda-next").addEventListener("click", (event) => start(null, event.currentTarget));

  /** The presenter notes of the agenda item that started `activity`, if any. */
  function notesFor(activity) {
    const item = activity && (room.agenda || []).find((entry) => entry.activity_id === activity.id);
    return item ? item.notes : "";
  }

  return { render, add, notesFor };
}
