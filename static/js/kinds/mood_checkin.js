// Mood check-in: how everyone is arriving, on five faces or 1–5; only the room's total is ever shown, and only once
// enough people answered that nobody's answer can be picked out — not even by the facilitator.
import { h, setText } from "../dom.js";
import { plural } from "../ui.js";
import { checkField, countBars, myResponse, passButton, selectField, statusLine } from "./common.js";

const FACES = ["😣", "😕", "😐", "🙂", "😄"];
const WORDS = ["Rough", "Low", "Okay", "Good", "Great"];
const PRIVATE = "Only the room's total is ever shown — nobody sees your answer, not even the facilitator.";

function scaleMark(activity, index) {
  return activity.scale === "emoji" ? FACES[index] : String(index + 1);
}

function aggregate(list, note, helpList, activity) {
  const results = activity.results;
  const open = activity.status === "open";
  if (!results || open) {
    list.replaceChildren();
    helpList.replaceChildren();
    setText(note, results ? `${plural(results.answered, "person has", "people have")} checked in` : "");
    return;
  }
  if (results.too_few) {
    list.replaceChildren();
    helpList.replaceChildren();
    setText(note, `Too few answers to show — that keeps everyone anonymous (at least ${activity.min_group} needed).`);
    return;
  }
  const total = results.counts.reduce((sum, count) => sum + count, 0);
  countBars(list, results.counts.map((count, index) => [`${scaleMark(activity, index)} ${WORDS[index]}`, count]).reverse(), total);
  setText(note, `${plural(total, "person", "people")} · average ${results.average} of 5`);
  helpList.replaceChildren(...results.help.map((text) => h("li", { class: "help-card" }, text)));
}

const screen = {
  mount(body) {
    const list = h("ul", { class: "kind-bars mood-bars" });
    const note = h("p", { class: "kind-footer" });
    const helpList = h("ul", { class: "help-cards", "aria-label": "What would help today" });
    body.replaceChildren(list, helpList, note, h("p", { class: "kind-small" }, "Anonymous: only the room's total is shown."));
    return { render: (activity) => aggregate(list, note, helpList, activity) };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const faces = h("div", { class: "mood-faces", role: "group", "aria-label": "How are you arriving?" });
    const helpInput = h("input", { class: "input", type: "text", id: "mood-help", maxlength: "100", autocomplete: "off" });
    const helpField = h("div", { class: "field" },
      h("label", { class: "field__label", for: "mood-help" }, "What would help today? (optional, anonymous)"), helpInput);
    const pass = passButton(() => respond({ pass: true }));
    const status = statusLine();
    const reassurance = h("p", { class: "kind-small" }, PRIVATE);
    body.replaceChildren(helpField, faces, reassurance, pass, status);
    let builtFor = null;
    return {
      render(activity) {
        if (builtFor !== activity.id) {
          builtFor = activity.id;
          faces.replaceChildren(...FACES.map((_, index) => h("button", {
            type: "button", class: "mood-face", dataset: { value: String(index + 1) },
            "aria-label": `${WORDS[index]} (${index + 1} of 5)`,
            on: { click: () => respond({ answer: { value: index + 1, ...(activity.ask_help ? { help: helpInput.value.trim() } : {}) } }) },
          }, h("span", { class: "mood-face__mark", "aria-hidden": "true" }, scaleMark(activity, index)),
          h("span", { class: "mood-face__word" }, WORDS[index]))));
        }
        const mine = myResponse(room, activity);
        const open = activity.status === "open";
        helpField.hidden = !activity.ask_help || Boolean(mine) || !open;
        faces.hidden = Boolean(mine) || !open;
        pass.hidden = Boolean(mine) || !open;
        setText(status, mine ? (mine.passed ? "You passed — that's fine." : "Thanks for checking in.") : open ? "" : "The check-in is closed.");
      },
    };
  },
};

const host = {
  composer() {
    const scale = selectField("Scale", [["emoji", "Five faces"], ["number", "1 to 5"]], "emoji");
    const help = checkField('Also ask "What would help today?" (anonymous)', true);
    const prompt = h("input", { class: "input", type: "text", maxlength: "160", placeholder: "How are you arriving today?", "aria-label": "Question (optional)" });
    return {
      element: h("div", { class: "kind-composer" }, h("div", { class: "field" }, h("span", { class: "field__label" }, "Question"), prompt),
        scale.element, help.element, h("p", { class: "field__hint" }, PRIVATE)),
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
      element: h("div", {}, note, list, helpList, h("p", { class: "field__hint" }, "You see what the room sees: the total, never who said what.")),
      render: (activity) => aggregate(list, note, helpList, activity),
    };
  },
};

export default {
  name: "mood_checkin", label: "Mood check-in", hint: "How is everyone arriving?",
  description: "Everyone taps how they are arriving; only the room's total is shown, after the check-in closes.",
  screen, phone, host,
};
