// Word cloud: short words from every phone, merged and sized by how many sent them; the facilitator can hide one.
import { h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import { fittedScreen, keepInView, passButton, promptSource, selectField, statusLine } from "./common.js";

const answered = (results) => (results ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
const wordsLine = (count) => tn("%(num)d word", "%(num)d words", count);

const SIZES = 6; // word size steps on the screen

function sizeOf(count, top) {
  return top <= 1 ? 3 : 1 + Math.round(((count - 1) / (top - 1)) * (SIZES - 1));
}

/** Words largest first, placed from the middle outwards so the biggest sit in the centre. */
function centred(words) {
  const placed = [];
  words.forEach((word, index) => (index % 2 ? placed.push(word) : placed.unshift(word)));
  return placed;
}

const screen = {
  mount(body) {
    const cloud = h("ul", { class: "cloud", "aria-label": t("Word cloud") });
    const empty = h("p", { class: "cloud__empty" }, t("Words appear here as you send them"));
    const footer = h("p", { class: "kind-footer" });
    body.replaceChildren(cloud, empty, footer);
    const items = new Map();
    return {
      render(activity) {
        const results = activity.results || { words: [] };
        const top = Math.max(1, ...results.words.map((word) => word.count));
        const keep = new Set(results.words.map((word) => word.key));
        for (const [key, item] of items) if (!keep.has(key)) { item.remove(); items.delete(key); }
        const ordered = centred(results.words).map((word, index) => {
          let item = items.get(word.key);
          if (!item) {
            item = h("li", { class: "cloud__word", dataset: { arrived: "true", tone: String(index % 5) } });
            items.set(word.key, item);
          }
          setText(item, word.text);
          item.dataset.size = String(sizeOf(word.count, top));
          item.title = tn("sent %(num)d time", "sent %(num)d times", word.count);
          return item;
        });
        cloud.replaceChildren(...ordered);
        empty.hidden = results.words.length > 0;
        setText(footer, results.total ? `${answered(results)} · ${wordsLine(results.entries || 0)}` : "");
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const input = h("input", { class: "input input--large", type: "text", id: "cloud-word", autocomplete: "off",
      enterkeyhint: "send", "aria-describedby": "cloud-hint" });
    const add = h("button", { type: "submit", class: "btn btn--primary btn--big cloud-form__add" }, t("Add"));
    const hint = h("p", { class: "field__hint", id: "cloud-hint" });
    const form = h("form", { class: "cloud-form", novalidate: true },
      h("label", { class: "field__label", for: "cloud-word" }, t("Your word")), h("div", { class: "cloud-form__row" }, input, add), hint);
    const mineList = h("ul", { class: "cloud-mine", "aria-label": t("Your words") });
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    body.replaceChildren(form, mineList, pass, status);
    keepInView(input, add);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return input.focus();
      respond({ answer: { text } });
    });
    let lastCount = 0;
    return {
      render(activity) {
        const mine = room.mine || { entries: [], left: activity.max_entries };
        const passed = room.myResponse && room.myResponse.activity_id === activity.id && room.myResponse.passed;
        if (mine.entries.length > lastCount) input.value = ""; // the word just sent was taken
        lastCount = mine.entries.length;
        mineList.replaceChildren(...mine.entries.map((text) => h("li", { class: "chip" }, text)));
        const open = activity.status === "open";
        const canAdd = open && !passed && mine.left > 0;
        form.hidden = !canAdd;
        input.maxLength = activity.entry_max;
        setText(hint, `${t("1 to %(max)d words per entry", { max: activity.words_max })} · ${tn("%(num)d word left", "%(num)d words left", mine.left)}`);
        pass.hidden = !open || passed || mine.entries.length > 0;
        let text = "";
        if (passed) text = t("You passed — watch the cloud grow.");
        else if (mine.entries.length && !mine.left) text = t("Added “%(word)s”. That's all your words — watch the cloud grow!", { word: mine.entries[mine.entries.length - 1] });
        else if (mine.entries.length) text = t("Added “%(word)s”! Send another, or watch the big screen.", { word: mine.entries[mine.entries.length - 1] });
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({ prompts, describe: (text) => text.prompt, own: [{ name: "prompt", label: t("Prompt"), max: 160 }] });
    const entries = selectField(t("Words per person"), [["1", "1"], ["2", "2"], ["3", "3"], ["4", "4"], ["5", "5"]], "3");
    return {
      element: h("div", { class: "kind-composer" }, source.element, entries.element),
      read() {
        const read = source.read();
        return read.problem ? read : { settings: { ...read.settings, max_entries: Number(entries.select.value) } };
      },
      reset: source.reset,
      refresh: source.refresh,
    };
  },
  live({ control }) {
    const list = h("ul", { class: "word-admin", "aria-label": t("Words sent") });
    const meta = h("p", { class: "live__meta" });
    return {
      element: h("div", {}, meta, list),
      render(activity) {
        const results = activity.results || { words: [] };
        setText(meta, `${answered(results)} · ${wordsLine(results.entries || 0)}`);
        list.replaceChildren(...results.words.map((word) => h("li", { class: "word-admin__row", dataset: { hidden: String(word.hidden) } },
          h("span", { class: "word-admin__text" }, word.text), h("span", { class: "word-admin__count" }, `×${word.count}`),
          word.filtered ? h("span", { class: "word-admin__flag" }, t("filtered — never shown")) : null,
          word.filtered ? null : h("button", {
            type: "button", class: "btn btn--ghost btn--small", "aria-label": word.hidden ? t("Show %(word)s", { word: word.text }) : t("Hide %(word)s", { word: word.text }),
            on: { click: (event) => control({ action: word.hidden ? "show" : "hide", key: word.key }, event.currentTarget) },
          }, word.hidden ? t("Show") : t("Hide")))));
      },
    };
  },
};

export default {
  name: "word_cloud",
  get label() { return t("Word cloud"); },
  get hint() { return t("Words grow as the room types"); },
  get description() { return t("Everyone sends one to three short words; the same words merge and grow on the big screen."); },
  screen: fittedScreen(screen), phone, host,
};
