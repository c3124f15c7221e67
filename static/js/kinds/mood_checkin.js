// Mood check-in: how everyone is arriving, on five faces or 1–5; only the room's total is ever shown, and only once
// enough people answered that nobody's answer can be picked out — not even by the facilitator.
import { h, setText } from "../dom.js";
import { formatNumber, t, tn } from "../i18n.js";
import {
  checkField, countBars, fittedScreen, keepInView, myResponse, passButton, selectField, statusLine,
} from "./common.js";

const FACES = ["😣", "😕", "😐", "🙂", "😄"];
// The words of the scale, in the page's language (t() on literals, so the catalogue has each one).
const words = () => [t("Rough"), t("Low"), t("Okay"), t("Good"), t("Great")];
const privateNote = () => t("Only the room's total is ever shown — nobody sees your answer, not even the facilitator.");

function scaleMark(activity, index) {
  return activity.scale === "emoji" ? FACES[index] : String(index + 1);
}

function aggregate(list, note, helpList, activity) {
  const results = activity.results;
  const open = activity.status === "open";
  if (!results || open) {
    list.replaceChildren();
    helpList.replaceChildren();
    setText(note, results ? tn("%(num)d person has checked in", "%(num)d people have checked in", results.answered) : "");
    return;
  }
  if (results.too_few) {
    list.replaceChildren();
    helpList.replaceChildren();
    setText(note, t("Too few answers to show — that keeps everyone anonymous (at least %(min)d needed).", { min: activity.min_group }));
    return;
  }
  const total = results.counts.reduce((sum, count) => sum + count, 0);
  const names = words();
  countBars(list, results.counts.map((count, index) => [`${scaleMark(activity, index)} ${names[index]}`, count]).reverse(), total);
  setText(note, tn("%(num)d person · average %(average)s of 5", "%(num)d people · average %(average)s of 5", total, { average: formatNumber(results.average) }));
  helpList.replaceChildren(...results.help.map((text) => h("li", { class: "help-card" }, text)));
}

const screen = {
  mount(body) {
    const list = h("ul", { class: "kind-bars mood-bars" });
    const note = h("p", { class: "kind-footer" });
    const helpList = h("ul", { class: "help-cards", "aria-label": t("What would help today") });
    body.replaceChildren(list, helpList, note, h("p", { class: "kind-small" }, t("Anonymous: only the room's total is shown.")));
    return { render: (activity) => aggregate(list, note, helpList, activity) };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const faces = h("div", { class: "mood-faces", role: "group", "aria-label": t("How are you arriving?") });
    const helpInput = h("input", { class: "input", type: "text", id: "mood-help", maxlength: "100", autocomplete: "off" });
    const helpField = h("div", { class: "field" },
      h("label", { class: "field__label", for: "mood-help" }, t("What would help today? (optional, anonymous)")), helpInput);
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    const reassurance = h("p", { class: "kind-small" }, privateNote());
    body.replaceChildren(helpField, faces, reassurance, pass, status);
    keepInView(helpInput, faces);
    let builtFor = null;
    return {
      render(activity) {
        if (builtFor !== activity.id) {
          builtFor = activity.id;
          const names = words();
          faces.replaceChildren(...FACES.map((_, index) => h("button", {
            type: "button", class: "mood-face", dataset: { value: String(index + 1) },
            "aria-label": t("%(mood)s (%(value)d of 5)", { mood: names[index], value: index + 1 }),
            on: { click: () => respond({ answer: { value: index + 1, ...(activity.ask_help ? { help: helpInput.value.trim() } : {}) } }) },
          }, h("span", { class: "mood-face__mark", "aria-hidden": "true" }, scaleMark(activity, index)),
          h("span", { class: "mood-face__word", "aria-hidden": "true" }, names[index]))));
        }
        const mine = myResponse(room, activity);
        const open = activity.status === "open";
        helpField.hidden = !activity.ask_help || Boolean(mine) || !open;
        faces.hidden = Boolean(mine) || !open;
        pass.hidden = Boolean(mine) || !open;
        const sent = mine && !mine.passed && mine.answer ? words()[mine.answer.value - 1] : null;
        setText(status, mine ? (mine.passed ? t("You passed — that's fine.") : sent ? t("Sent: %(mood)s. Thanks for checking in.", { mood: sent }) : t("Thanks for checking in.")) : open ? "" : t("The check-in is closed."));
      },
    };
  },
};

const host = {
  composer() {
    const scale = selectField(t("Scale"), [["emoji", t("Five faces")], ["number", t("1 to 5")]], "emoji");
    const help = checkField(t("Also ask “What would help today?” (anonymous)"), true);
    const prompt = h("input", { class: "input", type: "text", maxlength: "160", placeholder: t("How are you arriving today?"), id: "mood-question" });
    return {
      element: h("div", { class: "kind-composer" }, h("div", { class: "field" }, h("label", { class: "field__label", for: "mood-question" }, t("Question (optional)")), prompt),
        scale.element, help.element, h("p", { class: "field__hint" }, privateNote())),
      read: () => ({ settings: { scale: scale.select.value, ask_help: help.input.checked, ...(prompt.value.trim() ? { prompt: prompt.value.trim() } : {}) } }),
      reset() {
        prompt.value = "";
      },
    };
  },
  live() {
    const list = h("ul", { class: "kind-bars" });
    const note = h("p", { class: "live__meta" });
    const helpList = h("ul", { class: "help-cards help-cards--console" });
    return {
      element: h("div", {}, note, list, helpList, h("p", { class: "field__hint" }, t("You see what the room sees: the total, never who said what."))),
      render: (activity) => aggregate(list, note, helpList, activity),
    };
  },
};

export default {
  name: "mood_checkin",
  get label() { return t("Mood check-in"); },
  get hint() { return t("How is everyone arriving?"); },
  get description() { return t("Everyone taps how they are arriving; only the room's total is shown, after the check-in closes."); },
  screen: fittedScreen(screen), phone, host,
};
