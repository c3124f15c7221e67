// The console's part of a kudos round: the composer (prompt, categories, limit, approval, buddies, language) and the
// live panel (approve or reject each kudos, take one down, nudge the room, new buddies, the exports).
import { h, setText } from "../dom.js";
import { entriesProblem } from "../ui.js";
import { formatNumber, language, t, tn } from "../i18n.js";
import { checkField, selectField, textField } from "./common.js";

const CATEGORIES_MAX = 8;
const CATEGORY_MAX = 40;
const NOT_APPRECIATED_NAMED = 40;

/** The editable list of categories: each one a text field that can move up or down or go. */
function categoryEditor(onEdit) {
  const list = h("ol", { class: "category-editor__list" });
  const add = h("button", { type: "button", class: "btn btn--ghost btn--small" }, t("+ Add category"));
  const hint = h("p", { class: "field__hint" });
  const element = h("fieldset", { class: "category-editor" },
    h("legend", { class: "field__label" }, t("Categories"), " ",
      h("span", { class: "field__hint" }, t("1 to %(max)d, up to %(chars)d characters each", { max: CATEGORIES_MAX, chars: CATEGORY_MAX }))),
    list, h("div", { class: "category-editor__foot" }, add, hint));

  const inputs = () => [...list.querySelectorAll("input")];

  function renumber() {
    const rows = [...list.children];
    rows.forEach((row, index) => {
      const input = row.querySelector("input");
      const name = input.value.trim() || t("category %(number)d", { number: index + 1 });
      input.setAttribute("aria-label", t("Category %(number)d", { number: index + 1 }));
      row.querySelector('[data-move="up"]').disabled = index === 0;
      row.querySelector('[data-move="down"]').disabled = index === rows.length - 1;
      row.querySelector('[data-move="up"]').setAttribute("aria-label", t("Move %(name)s up", { name }));
      row.querySelector('[data-move="down"]').setAttribute("aria-label", t("Move %(name)s down", { name }));
      row.querySelector('[data-move="remove"]').setAttribute("aria-label", t("Remove %(name)s", { name }));
      row.querySelector('[data-move="remove"]').disabled = rows.length === 1;
    });
    add.disabled = rows.length >= CATEGORIES_MAX;
    setText(hint, rows.length >= CATEGORIES_MAX ? t("That's the most: %(max)d categories.", { max: CATEGORIES_MAX }) : "");
  }

  function row(text) {
    const input = h("input", { class: "input", type: "text", maxlength: String(CATEGORY_MAX), autocomplete: "off", value: text });
    const item = h("li", { class: "category-editor__row" }, input,
      h("button", { type: "button", class: "btn btn--ghost btn--small", dataset: { move: "up" } }, "↑"),
      h("button", { type: "button", class: "btn btn--ghost btn--small", dataset: { move: "down" } }, "↓"),
      h("button", { type: "button", class: "btn btn--ghost btn--small", dataset: { move: "remove" } }, "✕"));
    input.addEventListener("input", () => {
      input.removeAttribute("aria-invalid");
      onEdit();
      renumber();
    });
    item.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const move = button.dataset.move;
      if (move === "up" && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
      else if (move === "down" && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
      else if (move === "remove" && list.children.length > 1) {
        const next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        next.querySelector("input").focus();
      }
      onEdit();
      renumber();
      if (move !== "remove" && !button.disabled) button.focus();
      else if (move !== "remove") input.focus();
    });
    return item;
  }

  add.addEventListener("click", () => {
    if (list.children.length >= CATEGORIES_MAX) return;
    const item = row("");
    list.append(item);
    onEdit();
    renumber();
    item.querySelector("input").focus();
  });

  return {
    element,
    set(categories) {
      list.replaceChildren(...(categories.length ? categories : [""]).map(row));
      renumber();
    },
    /** {categories} (trimmed, maybe empty when nothing was loaded or typed), or {problem, focus}. */
    read() {
      const fields = inputs();
      const values = fields.map((input) => input.value.trim());
      if (values.every((value) => !value)) return { categories: [] };
      const problem = entriesProblem(fields, "category");
      if (problem) return problem;
      return { categories: values };
    },
  };
}

export const host = {
  composer({ content }) {
    const prompt = textField(t("Prompt"), { max: 160 });
    const promptHint = h("p", { class: "field__hint" }, t("Leave it empty to use the one shown."));
    prompt.element.append(promptHint);
    const lang = selectField(t("Language"), [["en", "English"], ["es", "Español"]], language);
    const limit = selectField(t("Kudos per person"), Array.from({ length: 10 }, (_, i) => [String(i + 1), formatNumber(i + 1)]), "3");
    const moderation = checkField(t("I approve each kudos before the screen shows it"), true);
    const buddies = checkField(t("Appreciation buddies: give everyone a colleague to appreciate"), false);
    let edited = false;
    const editor = categoryEditor(() => { edited = true; });

    const kudos = () => content("kudos");
    function startingCategories() {
      const data = kudos();
      if (!data) return [];
      return data.event_categories || data.categories[lang.select.value] || data.categories.en || [];
    }

    function refresh() {
      const data = kudos();
      prompt.input.placeholder = data ? (data.prompt[lang.select.value] || data.prompt.en || "") : "";
      if (!edited) editor.set(startingCategories());
    }

    lang.select.addEventListener("change", () => {
      const data = kudos();
      // A new language brings its own built-in categories, unless the facilitator has written their own.
      if (!edited && data) editor.set(data.categories[lang.select.value] || []);
      prompt.input.placeholder = data ? (data.prompt[lang.select.value] || "") : "";
    });

    refresh();

    return {
      element: h("div", { class: "kind-composer kudos-composer" }, prompt.element, editor.element,
        h("div", { class: "source-options" }, limit.element, lang.element), moderation.element, buddies.element),
      read() {
        const read = editor.read();
        if (read.problem) return read;
        const settings = {
          limit: Number(limit.select.value), moderation: moderation.input.checked, buddies: buddies.input.checked,
          lang: lang.select.value,
        };
        const text = prompt.input.value.trim();
        if (text) settings.prompt = text;
        if (read.categories.length) settings.categories = read.categories;
        return { settings };
      },
      reset() {
        prompt.input.value = "";
        edited = false;
      },
      refresh,
    };
  },

  live({ control }) {
    const { code, key } = document.body.dataset;
    // A console opened by its host link downloads by that link; a signed-in facilitator's by their account.
    const base = key ? `/host/${encodeURIComponent(code)}/${encodeURIComponent(key)}` : `/console/${encodeURIComponent(code)}`;
    const meta = h("p", { class: "live__meta kudos-live__meta" });
    const approveAll = h("button", { type: "button", class: "btn btn--primary btn--small" }, t("Approve all"));
    const queueTitle = h("h3", { class: "subsection-title" });
    const queue = h("ul", { class: "moderation", "aria-label": t("Kudos waiting for your approval") });
    const queueEmpty = h("p", { class: "kind-note kudos-live__empty" });
    const queueBox = h("section", { class: "kudos-live__section" },
      h("div", { class: "moderation__head" }, queueTitle, approveAll), queue, queueEmpty);
    const wallTitle = h("h3", { class: "subsection-title" });
    const wall = h("ul", { class: "moderation moderation--shown", "aria-label": t("Kudos on the wall") });
    const wallEmpty = h("p", { class: "kind-note kudos-live__empty" }, t("Nothing on the wall yet."));
    const nudge = h("button", { type: "button", class: "btn btn--primary btn--small" }, t("Nudge the room"));
    const reassign = h("button", { type: "button", class: "btn btn--ghost btn--small" }, t("New buddies"));
    const waitingTitle = h("h3", { class: "subsection-title" });
    const waitingNames = h("ul", { class: "chip-list kudos-live__names", "aria-label": t("Not appreciated yet") });
    const waitingNote = h("p", { class: "field__hint" });
    const exportsBox = h("p", { class: "kudos-live__exports" },
      h("a", { class: "btn btn--ghost btn--small", href: `${base}/kudos.csv`, target: "_blank", rel: "noopener", download: "" }, t("Download kudos (CSV)")),
      h("a", { class: "btn btn--ghost btn--small", href: `${base}/kudos/print`, target: "_blank", rel: "noopener" }, t("Print kudos cards")));

    approveAll.addEventListener("click", (event) => control({ action: "approve_all" }, event.currentTarget));
    nudge.addEventListener("click", (event) => control({ action: "nudge" }, event.currentTarget));
    reassign.addEventListener("click", (event) => control({ action: "reassign" }, event.currentTarget));

    // Whole sentences for screen readers: "Approve kudos to Bo: Thanks for…".
    const LABELS = {
      approve: (card) => t("Approve kudos to %(name)s: %(message)s", { name: card.to.name, message: card.message }),
      reject: (card) => t("Reject kudos to %(name)s: %(message)s", { name: card.to.name, message: card.message }),
      take_down: (card) => t("Take down kudos to %(name)s: %(message)s", { name: card.to.name, message: card.message }),
    };
    const action = (label, name, card, says = name) => h("button", {
      type: "button", class: `btn btn--small ${name === "approve" ? "btn--primary" : "btn--ghost"}`, "aria-label": LABELS[says](card),
      on: { click: (event) => control({ action: name, kudos_id: card.id }, event.currentTarget) },
    }, label);
    const row = (card, buttons) => h("li", { class: "moderation__item kudos-mod", dataset: { flagged: String(Boolean(card.flagged)), id: String(card.id) } },
      h("p", { class: "kudos-mod__head" },
        h("span", { class: "kudos-mod__to" }, t("To %(name)s", { name: card.to.name })),
        h("span", { class: "kudos-mod__category" }, card.category)),
      h("p", { class: "moderation__text" }, card.message),
      h("p", { class: "moderation__who" }, card.from ? t("from %(name)s", { name: card.from.name }) : t("Anonymous"),
        card.flagged ? [" · ", h("span", { class: "kudos-mod__flag" }, t("contains filtered words"))] : null),
      h("div", { class: "moderation__actions" }, buttons));

    const element = h("div", { class: "kudos-live" }, meta, queueBox,
      h("section", { class: "kudos-live__section" }, wallTitle, wall, wallEmpty),
      h("section", { class: "kudos-live__section" },
        h("div", { class: "moderation__head" }, waitingTitle, h("div", { class: "moderation__actions" }, reassign, nudge)),
        waitingNames, waitingNote),
      exportsBox);

    return {
      element,
      render(activity) {
        const results = activity.results || { cards: [], queue: [], not_appreciated: [], appreciated: 0, total: 0, sent: 0, rejected: 0, passes: 0, nudges: 0 };
        const open = activity.status === "open";
        setText(meta, [
          tn("%(appreciated)d of %(num)d person appreciated", "%(appreciated)d of %(num)d people appreciated", results.total,
            { appreciated: results.appreciated }),
          tn("%(num)d kudos sent", "%(num)d kudos sent", results.sent),
          results.rejected ? tn("%(num)d rejected", "%(num)d rejected", results.rejected) : "",
          results.passes ? tn("%(num)d person passed", "%(num)d people passed", results.passes) : "",
          tn("%(num)d kudos each", "%(num)d kudos each", activity.limit),
        ].filter(Boolean).join(" · "));

        queueBox.hidden = !activity.moderation;
        setText(queueTitle, t("To approve (%(count)d)", { count: results.queue.length }));
        approveAll.hidden = results.queue.length < 2 || !open;
        queue.replaceChildren(...results.queue.map((card) => row(card, [action(t("Approve"), "approve", card), action(t("Reject"), "reject", card)])));
        setText(queueEmpty, results.queue.length ? "" : t("Nothing waiting: new kudos appear here before they reach the big screen."));
        queueEmpty.hidden = Boolean(results.queue.length);

        setText(wallTitle, t("On the wall (%(count)d)", { count: results.cards.length }));
        wall.replaceChildren(...results.cards.slice().reverse().map((card) => row(card, [action(t("Take down"), "reject", card, "take_down")])));
        wallEmpty.hidden = results.cards.length > 0;

        const waiting = results.not_appreciated || [];
        setText(waitingTitle, waiting.length ? t("Not appreciated yet (%(count)d)", { count: waiting.length }) : t("Everyone has been appreciated"));
        const named = waiting.slice(0, NOT_APPRECIATED_NAMED);
        const chips = named.map((person) => h("li", { class: "chip" }, person.name));
        if (waiting.length > named.length) chips.push(h("li", { class: "chip chip--more" }, tn("+%(num)d more", "+%(num)d more", waiting.length - named.length)));
        waitingNames.replaceChildren(...chips);
        nudge.hidden = !open || !waiting.length;
        reassign.hidden = !open || !activity.buddies;
        const notes = [];
        if (results.nudges) notes.push(tn("Nudged %(num)d time.", "Nudged %(num)d times.", results.nudges));
        if (open && waiting.length) notes.push(t("A nudge shows the big screen how many are still waiting (never who), and lists them on phones."));
        if (open && activity.buddies) notes.push(t("New buddies pairs everyone again, e.g. after late joiners."));
        setText(waitingNote, notes.join(" "));
        waitingNote.hidden = !notes.length;
      },
    };
  },
};
