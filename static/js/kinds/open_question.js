// Open question with depth: answers reach the big screen once the facilitator approves them, with or without names.
import { h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import { checkField, fittedScreen, keepInView, myResponse, passButton, promptSource, statusLine } from "./common.js";

const SHOWN_ON_SCREEN = 8;
const answeredLine = (results) => (results && typeof results.answered === "number" ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
const passesLine = (passes) => (passes ? tn("%(num)d person passed", "%(num)d people passed", passes) : "");

function card(answer) {
  return h("li", { class: "answer-card", dataset: { id: String(answer.id) } },
    h("p", { class: "answer-card__text" }, answer.text), answer.name ? h("p", { class: "answer-card__name" }, answer.name) : null);
}

const screen = {
  mount(body) {
    const list = h("ul", { class: "answer-cards" });
    const empty = h("p", { class: "cloud__empty" }, t("Answers appear here"));
    const footer = h("p", { class: "kind-footer" });
    body.replaceChildren(list, empty, footer);
    return {
      render(activity) {
        const results = activity.results || { shown: [] };
        const shown = results.shown.slice(-SHOWN_ON_SCREEN); // the newest ones; older ones make room
        list.replaceChildren(...shown.map(card));
        empty.hidden = shown.length > 0;
        setText(footer, [answeredLine(results), activity.anonymous ? t("anonymous") : ""].filter(Boolean).join(" · "));
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const input = h("textarea", { class: "input textarea", id: "open-answer", rows: "4", "aria-describedby": "open-count" });
    const count = h("p", { class: "field__hint", id: "open-count" });
    const send = h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, t("Send"));
    const form = h("form", { class: "open-form", novalidate: true },
      h("label", { class: "field__label", for: "open-answer" }, t("Your answer")), input, count, send);
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    const shownList = h("ul", { class: "answer-cards answer-cards--phone", "aria-label": t("Answers on the big screen") });
    body.replaceChildren(form, pass, status, shownList);
    keepInView(input, send);
    const counter = () => setText(count, t("%(used)d/%(max)d characters", { used: input.value.length, max: input.maxLength }));
    input.addEventListener("input", counter);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return input.focus();
      respond({ answer: { text } });
    });
    return {
      render(activity) {
        input.maxLength = activity.answer_max;
        counter();
        const mine = myResponse(room, activity);
        const open = activity.status === "open";
        form.hidden = !open || Boolean(mine);
        pass.hidden = !open || Boolean(mine);
        let text = "";
        if (mine && mine.passed) text = t("You passed — that's fine.");
        else if (mine) text = activity.moderation ? t("Sent — the facilitator will put it on the screen.") : t("Sent — it's on the screen now.");
        if (activity.anonymous && open && !mine) text = t("Anonymous: your name is not shown with your answer.");
        setText(status, text);
        const results = activity.results;
        shownList.replaceChildren(...(results ? results.shown : []).map(card));
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({ prompts, depths: true, describe: (text) => text.prompt, own: [{ name: "prompt", label: t("Question"), max: 160 }] });
    const anonymous = checkField(t("Anonymous: no names on the screen (or for you)"), false);
    const moderation = checkField(t("I approve each answer before it reaches the screen"), true);
    return {
      element: h("div", { class: "kind-composer" }, source.element, anonymous.element, moderation.element),
      read() {
        const read = source.read();
        return read.problem ? read : { settings: { ...read.settings, anonymous: anonymous.input.checked, moderation: moderation.input.checked } };
      },
      reset: source.reset,
      refresh: source.refresh,
    };
  },
  live({ control }) {
    const approveAll = h("button", { type: "button", class: "btn btn--primary btn--small" }, t("Approve all"));
    const queue = h("ul", { class: "moderation", "aria-label": t("Waiting for your approval") });
    const shown = h("ul", { class: "moderation moderation--shown", "aria-label": t("On the big screen") });
    const meta = h("p", { class: "live__meta" });
    approveAll.addEventListener("click", (event) => control({ action: "approve_all" }, event.currentTarget));
    const row = (answer, buttons) => h("li", { class: "moderation__item", dataset: { flagged: String(Boolean(answer.flagged)) } },
      h("p", { class: "moderation__text" }, answer.text),
      h("p", { class: "moderation__who" }, answer.flagged ? t("%(name)s · contains filtered words", { name: answer.name || t("Anonymous") }) : answer.name || t("Anonymous")),
      h("div", { class: "moderation__actions" }, buttons));
    const action = (label, name, answer) => h("button", {
      type: "button", class: `btn btn--small ${name === "approve" ? "btn--primary" : "btn--ghost"}`, "aria-label": t("%(action)s: %(answer)s", { action: label, answer: answer.text }),
      on: { click: (event) => control({ action: name, answer_id: answer.id }, event.currentTarget) },
    }, label);
    return {
      element: h("div", {}, meta, h("div", { class: "moderation__head" }, h("h3", { class: "subsection-title" }, t("To approve")), approveAll),
        queue, h("h3", { class: "subsection-title" }, t("On the big screen")), shown),
      render(activity) {
        const results = activity.results || { queue: [], shown: [] };
        setText(meta, [answeredLine(results), passesLine(results.passes), results.rejected ? tn("%(num)d rejected", "%(num)d rejected", results.rejected) : ""].filter(Boolean).join(" · "));
        approveAll.hidden = !results.queue.length;
        queue.replaceChildren(...results.queue.map((answer) => row(answer, [action(t("Approve"), "approve", answer), action(t("Reject"), "reject", answer)])));
        shown.replaceChildren(...results.shown.map((answer) => row(answer, [action(t("Hide"), "hide", answer)])));
      },
    };
  },
};

export default {
  name: "open_question",
  get label() { return t("Open question"); },
  get hint() { return t("Light, medium or deeper"); },
  get description() { return t("A question at the depth you choose; you approve answers before they reach the big screen."); },
  screen: fittedScreen(screen), phone, host,
};
