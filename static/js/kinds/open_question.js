// Open question with depth: answers reach the big screen once the facilitator approves them, with or without names.
import { h, setText } from "../dom.js";
import { answeredLine, passesLine } from "../ui.js";
import { checkField, myResponse, passButton, promptSource, statusLine } from "./common.js";

const SHOWN_ON_SCREEN = 8;

function card(answer) {
  return h("li", { class: "answer-card", dataset: { id: String(answer.id) } },
    h("p", { class: "answer-card__text" }, answer.text), answer.name ? h("p", { class: "answer-card__name" }, answer.name) : null);
}

const screen = {
  mount(body) {
    const list = h("ul", { class: "answer-cards" });
    const empty = h("p", { class: "cloud__empty" }, "Answers appear here");
    const footer = h("p", { class: "kind-footer" });
    body.replaceChildren(list, empty, footer);
    return {
      render(activity) {
        const results = activity.results || { shown: [] };
        const shown = results.shown.slice(-SHOWN_ON_SCREEN); // the newest ones; older ones make room
        list.replaceChildren(...shown.map(card));
        empty.hidden = shown.length > 0;
        setText(footer, [answeredLine(results), activity.anonymous ? "anonymous" : ""].filter(Boolean).join(" · "));
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const input = h("textarea", { class: "input textarea", id: "open-answer", rows: "4", "aria-describedby": "open-count" });
    const count = h("p", { class: "field__hint", id: "open-count" });
    const send = h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, "Send");
    const form = h("form", { class: "open-form", novalidate: true },
      h("label", { class: "field__label", for: "open-answer" }, "Your answer"), input, count, send);
    const pass = passButton(() => respond({ pass: true }));
    const status = statusLine();
    const shownList = h("ul", { class: "answer-cards answer-cards--phone", "aria-label": "Answers on the big screen" });
    body.replaceChildren(form, pass, status, shownList);
    const counter = () => setText(count, `${input.value.length}/${input.maxLength}`);
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
        if (mine && mine.passed) text = "You passed — that's fine.";
        else if (mine) text = activity.moderation ? "Sent — the facilitator will put it on the screen." : "Sent — it's on the screen now.";
        if (activity.anonymous && open && !mine) text = "Anonymous: your name is not shown with your answer.";
        setText(status, text);
        const results = activity.results;
        shownList.replaceChildren(...(results ? results.shown : []).map(card));
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({ prompts, depths: true, describe: (text) => text.prompt, own: [{ name: "prompt", label: "Question", max: 160 }] });
    const anonymous = checkField("Anonymous: no names on the screen (or for you)", false);
    const moderation = checkField("I approve each answer before it reaches the screen", true);
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
    const approveAll = h("button", { type: "button", class: "btn btn--primary btn--small" }, "Approve all");
    const queue = h("ul", { class: "moderation", "aria-label": "Waiting for your approval" });
    const shown = h("ul", { class: "moderation moderation--shown", "aria-label": "On the big screen" });
    const meta = h("p", { class: "live__meta" });
    approveAll.addEventListener("click", (event) => control({ action: "approve_all" }, event.currentTarget));
    const row = (answer, buttons) => h("li", { class: "moderation__item", dataset: { flagged: String(Boolean(answer.flagged)) } },
      h("p", { class: "moderation__text" }, answer.text),
      h("p", { class: "moderation__who" }, [answer.name || "Anonymous", answer.flagged ? " · contains filtered words" : ""].join("")),
      h("div", { class: "moderation__actions" }, buttons));
    const action = (label, name, answer) => h("button", {
      type: "button", class: `btn btn--small ${name === "approve" ? "btn--primary" : "btn--ghost"}`, "aria-label": `${label}: ${answer.text}`,
      on: { click: (event) => control({ action: name, answer_id: answer.id }, event.currentTarget) },
    }, label);
    return {
      element: h("div", {}, meta, h("div", { class: "moderation__head" }, h("h3", { class: "subsection-title" }, "To approve"), approveAll),
        queue, h("h3", { class: "subsection-title" }, "On the big screen"), shown),
      render(activity) {
        const results = activity.results || { queue: [], shown: [] };
        setText(meta, [answeredLine(results), passesLine(results.passes), results.rejected ? `${results.rejected} rejected` : ""].filter(Boolean).join(" · "));
        approveAll.hidden = !results.queue.length;
        queue.replaceChildren(...results.queue.map((answer) => row(answer, [action("Approve", "approve", answer), action("Reject", "reject", answer)])));
        shown.replaceChildren(...results.shown.map((answer) => row(answer, [action("Hide", "hide", answer)])));
      },
    };
  },
};

export default {
  name: "open_question", label: "Open question", hint: "Light, medium or deeper",
  description: "A question at the depth you choose; you approve answers before they reach the big screen.",
  screen, phone, host,
};
