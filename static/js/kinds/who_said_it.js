// Who said it? Everyone writes anonymously; then one answer at a time, phones guess its author from the room, and
// the reveal names them: the moment a room learns each other's names.
import { h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import { prefersReducedMotion } from "../ui.js";
import {
  fittedScreen, keepInView, myResponse, passButton, promptSource, selectField, showAgain, statusLine,
} from "./common.js";

const DRUM_ROLL_MS = 1600;
const answeredLine = (results) => (results && typeof results.answered === "number" ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
const answersLine = (count) => tn("%(num)d answer", "%(num)d answers", count);

const screen = {
  mount(body, { room, sound, confetti, fit = () => {} }) {
    const writing = h("p", { class: "who-writing" });
    const quote = h("blockquote", { class: "who-quote" });
    const ask = h("p", { class: "who-ask" });
    const author = h("p", { class: "who-author", "aria-live": "polite" });
    const right = h("p", { class: "who-right" });
    body.replaceChildren(writing, quote, ask, author, right);
    let celebrated = null;
    let timer = null;
    return {
      render(activity) {
        const results = activity.results || {};
        const guessing = activity.stage === "guess";
        writing.hidden = guessing;
        setText(writing, t("%(answered)s — answers stay anonymous until each reveal", { answered: answeredLine(results) }));
        const item = guessing ? results.item : null;
        quote.hidden = !item;
        ask.hidden = !item;
        if (!item) {
          author.hidden = true;
          right.hidden = true;
          if (guessing) {
            quote.hidden = false;
            setText(quote, tn("%(num)d answer to guess", "%(num)d answers to guess", results.items || 0));
          }
          return;
        }
        setText(quote, t("“%(text)s”", { text: item.text }));
        setText(ask, item.revealed ? "" : tn("Who said it? %(num)d guess so far", "Who said it? %(num)d guesses so far", item.guesses));
        const key = `${activity.id}:${item.index}`;
        if (!item.revealed) {
          author.hidden = true;
          right.hidden = true;
          return;
        }
        const show = () => {
          author.hidden = false;
          right.hidden = false;
          setText(author, t("It was %(name)s!", { name: item.author.name }));
          setText(right, item.right.length ? t("Guessed right: %(names)s", { names: item.right.join(", ") }) : t("Nobody guessed it!"));
          fit();
          if (celebrated !== key) {
            celebrated = key;
            if (room.event && room.event.sound) sound.fanfare();
            confetti.burst();
          }
        };
        if (celebrated === key || prefersReducedMotion()) show();
        else {
          // A drum roll before the name: the reveal is the moment.
          author.hidden = false;
          setText(author, "…");
          clearTimeout(timer);
          timer = setTimeout(show, DRUM_ROLL_MS);
        }
      },
      stop() {
        clearTimeout(timer);
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const input = h("input", { class: "input input--large", type: "text", id: "who-text", autocomplete: "off", maxlength: "120" });
    const form = h("form", { class: "open-form", novalidate: true },
      h("label", { class: "field__label", for: "who-text" }, t("Your answer (anonymous)")), input,
      h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, t("Send")));
    keepInView(input, form.lastElementChild);
    const quote = h("blockquote", { class: "who-quote who-quote--phone" });
    const search = h("input", { class: "input", type: "search", placeholder: t("Search names"), "aria-label": t("Search names") });
    const names = h("div", { class: "who-names", role: "group", "aria-label": t("Who said it?") });
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    body.replaceChildren(form, quote, search, names, pass, status);
    keepInView(search, names);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) respond({ answer: { text: input.value.trim() } });
    });
    let current = null;
    const drawNames = () => {
      const filter = search.value.trim().toLocaleLowerCase();
      const people = (room.mine && room.mine.people) || [];
      names.replaceChildren(...people.filter((p) => p.name.toLocaleLowerCase().includes(filter))
        .map((p) => h("button", { type: "button", class: "who-name", on: { click: () => respond({ answer: { item: current, player_id: p.id } }) } }, p.name)));
    };
    search.addEventListener("input", drawNames);
    return {
      render(activity) {
        const results = activity.results || {};
        const mine = myResponse(room, activity);
        const open = activity.status === "open";
        const writing = activity.stage === "write";
        const item = results.item;
        const own = room.mine && item && room.mine.own_items.includes(item.index);
        const guessedThis = mine && item && mine.slot === 1 + item.index;
        form.hidden = !(open && writing && !mine);
        quote.hidden = writing || !item;
        if (item) setText(quote, t("“%(text)s”", { text: item.text }));
        const canGuess = open && !writing && item && !item.revealed && !own && !guessedThis;
        search.hidden = !canGuess;
        names.hidden = !canGuess;
        if (canGuess && current !== item.index) {
          current = item.index;
          search.value = "";
        }
        if (canGuess) drawNames();
        pass.hidden = !(open && ((writing && !mine) || canGuess));
        let text = "";
        if (writing && mine) text = mine.passed ? t("You passed — you can still guess!") : t("Sent — nobody knows it's yours. Yet.");
        else if (!writing && !item) text = t("Get ready: answers appear on the big screen one by one.");
        else if (own && !item.revealed) text = t("This one is yours — keep a straight face!");
        else if (item && item.revealed) {
          const guess = guessedThis && !mine.passed ? mine.answer.player_id : null;
          text = guess === item.author.id ? t("You got it! It was %(name)s.", { name: item.author.name }) : t("It was %(name)s!", { name: item.author.name });
        } else if (guessedThis) {
          const person = !mine.passed && ((room.mine && room.mine.people) || []).find((p) => p.id === mine.answer.player_id);
          text = person ? t("Guess sent: %(name)s. Watch for the reveal.", { name: person.name }) : t("Guess sent — watch for the reveal.");
        }
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({ prompts, describe: (text) => text.prompt, own: [{ name: "prompt", label: t("Prompt"), max: 160 }] });
    const guess = selectField(t("Time to guess each answer"), [15, 20, 30, 45].map((n) => [String(n), t("%(seconds)d s", { seconds: n })]), "20");
    return {
      element: h("div", { class: "kind-composer" }, source.element, guess.element),
      read() {
        const read = source.read();
        return read.problem ? read : { settings: { ...read.settings, guess_s: Number(guess.select.value) } };
      },
      reset: source.reset,
      refresh: source.refresh,
    };
  },
  live({ room, act, control }) {
    const startGuessing = h("button", { type: "button", class: "btn btn--primary" }, t("Start guessing"));
    const next = h("button", { type: "button", class: "btn btn--primary" }, t("Show next answer"));
    const reveal = h("button", { type: "button", class: "btn btn--primary" }, t("Reveal who said it"));
    const meta = h("p", { class: "live__meta" });
    const current = h("p", { class: "kind-note" });
    const done = h("ol", { class: "who-done", "aria-label": t("Revealed so far") });
    startGuessing.addEventListener("click", (event) => act(event.currentTarget, null, "activity:advance", { activity_id: room.activity.id }));
    next.addEventListener("click", (event) => control({ action: "next" }, event.currentTarget));
    reveal.addEventListener("click", (event) => control({ action: "reveal" }, event.currentTarget));
    return {
      element: h("div", {}, meta, current, h("div", { class: "live__actions" }, startGuessing, next, reveal), done),
      render(activity) {
        const results = activity.results || {};
        const writing = activity.stage === "write";
        const item = results.item;
        const open = activity.status === "open";
        startGuessing.hidden = !open || !writing;
        const furthest = Math.max(results.current ?? -1, ...(results.revealed_items || []).map((it) => it.index));
        next.hidden = writing || furthest >= results.items - 1 || (item && !item.revealed) || !results.items;
        reveal.hidden = writing || !item || item.revealed;
        setText(meta, writing ? answeredLine(results) : `${answersLine(results.items || 0)} · ${tn("%(num)d revealed", "%(num)d revealed", results.revealed_items ? results.revealed_items.length : 0)}`);
        setText(current, item ? [t("Now: “%(text)s”", { text: item.text }), tn("%(num)d guess", "%(num)d guesses", item.guesses),
          item.revealed ? item.author.name : t("author hidden, from you too")].join(" · ") : "");
        done.replaceChildren(...(results.revealed_items || []).map((it) => h("li", {},
          t("“%(text)s” — %(name)s (%(right)d right)", { text: it.text, name: it.author.name, right: it.right.length }), " ",
          open && it.index !== results.current ? showAgain(it.index, control) : null)));
      },
    };
  },
};

export default {
  name: "who_said_it",
  get label() { return t("Who said it?"); },
  get hint() { return t("Guess the author, learn the names"); },
  get description() { return t("Everyone answers anonymously; then one answer at a time, the room guesses who said it and you reveal."); },
  get timerLabel() { return t("Time to write"); },
  screen: fittedScreen(screen), phone, host,
};
