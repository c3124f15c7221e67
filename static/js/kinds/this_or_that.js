// This or that: two big choices, the live split, and who chose what once revealed (when the facilitator allows it).
import { h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import {
  checkField, choiceButton, countBars, fittedScreen, keepInView, myResponse, passButton, promptSource, statusLine,
} from "./common.js";

const answeredLine = (results) => (results ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
const passesLine = (passes) => (passes ? tn("%(num)d person passed", "%(num)d people passed", passes) : "");


function sideNames(results, index) {
  return results && results.names ? results.names[index] : null;
}

const screen = {
  mount(body) {
    const sides = [0, 1].map((index) => {
      const label = h("p", { class: "tot-side__label" });
      const share = h("p", { class: "tot-side__share" });
      const names = h("ul", { class: "tot-side__names" });
      const element = h("div", { class: "tot-side", dataset: { side: String(index) } },
        h("span", { class: "tot-side__letter", "aria-hidden": "true" }, "AB"[index]), label, share, names);
      return { element, label, share, names };
    });
    const split = h("div", { class: "tot-split", "aria-hidden": "true" }, h("span", { class: "tot-split__a" }), h("span", { class: "tot-split__b" }));
    const footer = h("p", { class: "kind-footer" });
    body.replaceChildren(h("div", { class: "tot" }, sides[0].element, h("span", { class: "tot-or" }, t("or")), sides[1].element), split, footer);
    return {
      render(activity) {
        const results = activity.results;
        const counts = results ? results.counts : [0, 0];
        const total = counts[0] + counts[1];
        activity.options.forEach((option, index) => {
          setText(sides[index].label, option);
          const pct = total ? Math.round((counts[index] / total) * 100) : 0;
          setText(sides[index].share, total ? `${pct}%` : "");
          const names = sideNames(results, index);
          sides[index].names.replaceChildren(...(names || []).slice(0, 40).map((name) => h("li", { class: "chip" }, name)));
        });
        split.firstChild.style.flexGrow = String(total ? counts[0] : 1);
        split.lastChild.style.flexGrow = String(total ? counts[1] : 1);
        setText(footer, [answeredLine(results), results ? passesLine(results.passes) : ""].filter(Boolean).join(" · "));
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const buttons = h("div", { class: "choices tot-choices", role: "group", "aria-label": t("Choose one") });
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    body.replaceChildren(buttons, pass, status);
    let builtFor = null;
    return {
      render(activity) {
        if (builtFor !== activity.id) {
          builtFor = activity.id;
          buttons.replaceChildren(...activity.options.map((option, index) =>
            choiceButton(option, index, () => respond({ answer: { choice: index } }), "AB"[index])));
        }
        const mine = myResponse(room, activity);
        const open = activity.status === "open";
        for (const button of buttons.children) {
          button.disabled = !open || Boolean(mine);
          const chosen = Boolean(mine && !mine.passed && mine.answer.choice === Number(button.dataset.index));
          button.dataset.chosen = String(chosen);
          button.setAttribute("aria-pressed", String(chosen));
        }
        pass.hidden = !open || Boolean(mine);
        const results = activity.results;
        let text = "";
        if (mine && mine.passed) text = t("You passed — enjoy the split on the big screen.");
        else if (mine) text = t("Sent: %(choice)s. Watch the big screen.", { choice: activity.options[mine.answer.choice] ?? "" });
        if (results && activity.status === "revealed") {
          const [a, b] = results.counts;
          text = t("%(a)s: %(count_a)d · %(b)s: %(count_b)d", { a: activity.options[0], count_a: a, b: activity.options[1], count_b: b });
        }
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({
      prompts, describe: (text) => t("%(a)s or %(b)s", { a: text.a, b: text.b }),
      own: [{ name: "question", label: t("Question"), max: 120, placeholder: t("This or that?"), optional: true },
        { name: "a", label: t("Choice A"), max: 60 }, { name: "b", label: t("Choice B"), max: 60 }],
    });
    const names = checkField(t("Show who chose what at the reveal"), false);
    const element = h("div", { class: "kind-composer" }, source.element, names.element);
    return {
      element,
      read() {
        const read = source.read();
        return read.problem ? read : { settings: { ...read.settings, show_names: names.input.checked } };
      },
      reset: source.reset,
      refresh: source.refresh,
    };
  },
  live() {
    const bars = h("ul", { class: "kind-bars" });
    const meta = h("p", { class: "live__meta" });
    const names = h("p", { class: "kind-note" });
    const element = h("div", {}, bars, meta, names);
    return {
      element,
      render(activity) {
        const results = activity.results || { counts: [0, 0], passes: 0, answered: 0, total: 0 };
        countBars(bars, activity.options.map((option, index) => [`${"AB"[index]} · ${option}`, results.counts[index]]),
          results.counts[0] + results.counts[1]);
        setText(meta, [answeredLine(results), passesLine(results.passes)].filter(Boolean).join(" · "));
        setText(names, activity.show_names ? t("Names show on the big screen at the reveal.") : t("Only the split is shown: no names."));
      },
    };
  },
};

export default {
  name: "this_or_that",
  get label() { return t("This or that"); },
  get hint() { return t("Two choices, the room splits"); },
  get description() { return t("Two big choices; the big screen shows the room's split live, then who chose what if you allow it."); },
  screen: fittedScreen(screen), phone, host,
};
