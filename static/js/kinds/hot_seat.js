// Hot-seat spinner: the big screen's wheel spins to a name and a question; the chosen phone answers out loud or
// passes. Everyone can keep themselves out of the spotlight from their phone.
import { h, setText } from "../dom.js";
import { language, t, tn } from "../i18n.js";
import { prefersReducedMotion } from "../ui.js";
import { checkField, fittedScreen, statusLine } from "./common.js";

const SPIN_MS = 3200;
const SVG = "http://www.w3.org/2000/svg";
const outcome = (status) => ({ waiting: t("answering…"), answered: t("answered"), passed: t("passed"), done: t("done") })[status] || status;

function svg(tag, attributes, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A wheel of `names` as an SVG: one segment each, the names along the radius. */
function wheelOf(names) {
  const wheel = svg("g", { class: "wheel__disc" });
  const step = 360 / names.length;
  names.forEach((name, index) => {
    const start = (index * step - 90) * (Math.PI / 180);
    const end = ((index + 1) * step - 90) * (Math.PI / 180);
    const large = step > 180 ? 1 : 0;
    const path = names.length === 1
      ? svg("circle", { cx: 0, cy: 0, r: 100, class: `wheel__slice wheel__slice--${index % 6}` })
      : svg("path", { d: `M0 0 L${100 * Math.cos(start)} ${100 * Math.sin(start)} A100 100 0 ${large} 1 ${100 * Math.cos(end)} ${100 * Math.sin(end)} Z`,
        class: `wheel__slice wheel__slice--${index % 6}` });
    const angle = index * step + step / 2 - 90;
    const label = svg("text", { x: 58, y: 0, transform: `rotate(${angle})`, class: "wheel__name", "text-anchor": "middle",
      "dominant-baseline": "middle" }, name.length > 12 ? `${name.slice(0, 11)}…` : name);
    wheel.append(path, label);
  });
  return wheel;
}

const screen = {
  mount(body, { room, sound, fit = () => {} }) {
    const picture = svg("svg", { viewBox: "-110 -110 220 220", class: "wheel", role: "img", "aria-label": t("The wheel") });
    const pointer = svg("path", { d: "M0 -104 L-9 -120 L9 -120 Z", class: "wheel__pointer" });
    const chosen = h("p", { class: "seat-name", "aria-live": "polite" });
    const question = h("p", { class: "seat-question" });
    const footer = h("p", { class: "kind-footer" });
    body.replaceChildren(h("div", { class: "seat" }, h("div", { class: "seat__wheel" }, picture), h("div", { class: "seat__text" }, chosen, question)), footer);
    let shownSpin = null;
    let timer = null;
    return {
      render(activity) {
        const results = activity.results || {};
        const spin = results.spin;
        const turnsSoFar = tn("%(num)d turn so far", "%(num)d turns so far", results.turns ? results.turns.length : 0);
        setText(footer, results.out_of_spotlight ? `${turnsSoFar} · ${t("%(count)d out of the spotlight", { count: results.out_of_spotlight })}` : turnsSoFar);
        if (!spin) {
          picture.replaceChildren(pointer);
          setText(chosen, t("Who's next in the hot seat?"));
          setText(question, "");
          return;
        }
        const key = `${activity.id}:${spin.n}`;
        const reveal = () => {
          setText(chosen, spin.player.name);
          setText(question, spin.question);
          chosen.dataset.status = spin.status;
          fit();
        };
        if (shownSpin === key) return reveal();
        shownSpin = key;
        const disc = wheelOf(spin.wheel);
        picture.replaceChildren(disc, pointer);
        const index = Math.max(0, spin.wheel.indexOf(spin.player.name));
        const step = 360 / spin.wheel.length;
        const target = 360 * 5 - (index * step + step / 2);
        if (prefersReducedMotion()) {
          disc.style.transform = `rotate(${target}deg)`;
          reveal();
          return;
        }
        setText(chosen, t("Spinning…"));
        setText(question, "");
        disc.style.transition = "none";
        disc.style.transform = "rotate(0deg)";
        requestAnimationFrame(() => {
          disc.style.transition = `transform ${SPIN_MS}ms cubic-bezier(0.17, 0.67, 0.21, 1)`;
          disc.style.transform = `rotate(${target}deg)`;
        });
        clearTimeout(timer);
        timer = setTimeout(() => {
          reveal();
          if (room.event && room.event.sound) sound.chime(2);
        }, SPIN_MS);
      },
      stop() {
        clearTimeout(timer);
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const title = h("p", { class: "seat-phone__title" });
    const question = h("p", { class: "seat-phone__question" });
    const answer = h("button", { type: "button", class: "btn btn--primary btn--big btn--block" }, t("I'll answer out loud"));
    const pass = h("button", { type: "button", class: "btn btn--ghost btn--big btn--block" }, t("Pass — spin again"));
    const status = statusLine();
    const spotlightId = "spotlight-out";
    const spotlight = h("input", { type: "checkbox", id: spotlightId });
    const spotlightError = h("p", { class: "alert", role: "alert" });
    body.replaceChildren(title, question, answer, pass, status,
      h("label", { class: "check-field spotlight", for: spotlightId }, spotlight, h("span", {}, t("Keep me out of the spotlight"))), spotlightError);
    answer.addEventListener("click", () => respond({ answer: { spin: room.mine.spin, choice: "answer" } }));
    pass.addEventListener("click", () => respond({ answer: { spin: room.mine.spin, choice: "pass" } }));
    spotlight.addEventListener("change", async () => {
      const ack = await room.request("me:spotlight", { on: !spotlight.checked });
      setText(spotlightError, ack.ok ? "" : ack.error.message || t("That did not work: try again."));
    });
    return {
      render(activity) {
        const results = activity.results || {};
        const mine = room.mine || {};
        const spin = results.spin;
        const answering = Boolean(mine.chosen && activity.status === "open");
        title.dataset.chosen = String(answering);
        setText(title, answering ? t("You're in the hot seat!") : spin ? t("%(name)s is in the hot seat", { name: spin.player.name }) : t("Watch the wheel on the big screen"));
        setText(question, answering ? mine.question : spin ? spin.question : "");
        answer.hidden = !answering;
        pass.hidden = !answering;
        const answered = spin && room.myResponse && room.myResponse.activity_id === activity.id && room.myResponse.slot === spin.n
          && spin.player.id === (room.me && room.me.id);
        setText(status, answered ? (room.myResponse.answer.choice === "answer" ? t("Over to you — answer out loud!") : t("No problem — the wheel spins again.")) : "");
        spotlight.checked = Boolean(room.me && room.me.spotlight === false);
      },
    };
  },
};

const host = {
  composer() {
    const own = checkField(t("Use my own questions (one per line)"), false);
    const list = h("textarea", { class: "input textarea", rows: "4", maxlength: "3400", "aria-label": t("Your questions, one per line"), hidden: true });
    own.input.addEventListener("change", () => { list.hidden = !own.input.checked; });
    const lang = h("select", { class: "select", id: "seat-lang" },
      h("option", { value: "en", selected: language === "en" }, "English"), h("option", { value: "es", selected: language === "es" }, "Español"));
    return {
      element: h("div", { class: "kind-composer" }, h("p", { class: "field__hint" }, t("Pack questions are new to the room each spin. Players can keep themselves out of the spotlight.")),
        own.element, list, h("div", { class: "field field--inline field--compact" }, h("label", { class: "field__label", for: "seat-lang" }, t("Language of pack questions")), lang)),
      read() {
        // The wheel runs until the facilitator moves on: no timer closes it.
        if (!own.input.checked) return { settings: { questions: null, lang: lang.value, duration_s: null } };
        const questions = list.value.split("\n").map((line) => line.trim()).filter(Boolean);
        if (!questions.length) return { problem: t("Write at least one question, one per line."), focus: list };
        if (questions.length > 20) return { problem: t("At most %(max)d questions.", { max: 20 }), focus: list };
        return { settings: { questions, lang: lang.value, duration_s: null } };
      },
      reset() {
        list.value = "";
      },
    };
  },
  live({ control }) {
    const spin = h("button", { type: "button", class: "btn btn--primary btn--big" }, t("Spin the wheel"));
    const respin = h("button", { type: "button", class: "btn btn--ghost" }, t("Spin again"));
    const done = h("button", { type: "button", class: "btn btn--ghost" }, t("Done with this turn"));
    const now = h("p", { class: "kind-note" });
    const turns = h("ol", { class: "seat-turns", "aria-label": t("Turns so far") });
    spin.addEventListener("click", (event) => control({ action: "spin" }, event.currentTarget));
    respin.addEventListener("click", (event) => control({ action: "respin" }, event.currentTarget));
    done.addEventListener("click", (event) => control({ action: "done" }, event.currentTarget));
    return {
      element: h("div", {}, h("div", { class: "live__actions" }, spin, respin, done), now, turns),
      render(activity) {
        const results = activity.results || {};
        const current = results.spin;
        const busy = current && current.status === "waiting";
        spin.hidden = Boolean(busy);
        respin.hidden = !busy;
        done.hidden = !busy;
        setText(now, current ? t("%(name)s: “%(question)s” — %(outcome)s", { name: current.player.name, question: current.question, outcome: outcome(current.status) }) : t("Spin to pick someone."));
        turns.replaceChildren(...(results.turns || []).map((turn) => h("li", {}, t("%(name)s — %(outcome)s", { name: turn.name, outcome: outcome(turn.outcome) }))));
      },
    };
  },
};

export default {
  name: "hot_seat",
  get label() { return t("Hot seat"); },
  get hint() { return t("The wheel picks who answers"); },
  get description() { return t("The wheel picks a player and a question; they answer out loud or pass. Nobody twice before everyone."); },
  timer: false,
  screen: fittedScreen(screen), phone, host,
};
