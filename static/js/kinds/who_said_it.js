// Who said it? Everyone writes anonymously; then one answer at a time, phones guess its author from the room, and
// the reveal names them: the moment a room learns each other's names.
import { h, setText } from "../dom.js";
import { answeredLine, plural, prefersReducedMotion } from "../ui.js";
import { myResponse, passButton, promptSource, selectField, showAgain, statusLine } from "./common.js";

const DRUM_ROLL_MS = 1600;

const screen = {
  mount(body, { room, sound, confetti }) {
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
        setText(writing, `${answeredLine(results)} — answers stay anonymous until each reveal`);
        const item = guessing ? results.item : null;
        quote.hidden = !item;
        ask.hidden = !item;
        if (!item) {
          author.hidden = true;
          right.hidden = true;
          if (guessing) {
            quote.hidden = false;
            setText(quote, `${plural(results.items || 0, "answer", "answers")} to guess`);
          }
          return;
        }
        setText(quote, `“${item.text}”`);
        setText(ask, item.revealed ? "" : `Who said it? ${plural(item.guesses, "guess", "guesses")} so far`);
        const key = `${activity.id}:${item.index}`;
        if (!item.revealed) {
          author.hidden = true;
          right.hidden = true;
          return;
        }
        const show = () => {
          author.hidden = false;
          right.hidden = false;
          setText(author, `It was ${item.author.name}!`);
          setText(right, item.right.length ? `Guessed right: ${item.right.join(", ")}` : "Nobody guessed it!");
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
      h("label", { class: "field__label", for: "who-text" }, "Your answer (anonymous)"), input,
      h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, "Send"));
    const quote = h("blockquote", { class: "who-quote who-quote--phone" });
    const search = h("input", { class: "input", type: "search", placeholder: "Search names", "aria-label": "Search names" });
    const names = h("div", { class: "who-names", role: "group", "aria-label": "Who said it?" });
    const pass = passButton(() => respond({ pass: true }));
    const status = statusLine();
    body.replaceChildren(form, quote, search, names, pass, status);
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
        if (item) setText(quote, `“${item.text}”`);
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
        if (writing && mine) text = mine.passed ? "You passed — you can still guess!" : "Sent — nobody knows it's yours. Yet.";
        else if (!writing && !item) text = "Get ready: answers appear on the big screen one by one.";
        else if (own && !item.revealed) text = "This one is yours — keep a straight face!";
        else if (item && item.revealed) {
          const guess = guessedThis && !mine.passed ? mine.answer.player_id : null;
          text = guess === item.author.id ? `You got it! It was ${item.author.name}.` : `It was ${item.author.name}!`;
        } else if (guessedThis) text = "Guess sent — watch for the reveal.";
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ prompts }) {
    const source = promptSource({ prompts, describe: (text) => text.prompt, own: [{ name: "prompt", label: "Prompt", max: 160 }] });
    const guess = selectField("Time to guess each answer", [["15", "15 s"], ["20", "20 s"], ["30", "30 s"], ["45", "45 s"]], "20");
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
    const startGuessing = h("button", { type: "button", class: "btn btn--primary" }, "Start guessing");
    const next = h("button", { type: "button", class: "btn btn--primary" }, "Show next answer");
    const reveal = h("button", { type: "button", class: "btn btn--primary" }, "Reveal who said it");
    const meta = h("p", { class: "live__meta" });
    const current = h("p", { class: "kind-note" });
    const done = h("ol", { class: "who-done", "aria-label": "Revealed so far" });
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
        setText(meta, writing ? answeredLine(results) : `${plural(results.items || 0, "answer", "answers")} · ${results.revealed_items ? results.revealed_items.length : 0} revealed`);
        setText(current, item ? `Now: “${item.text}” — ${plural(item.guesses, "guess", "guesses")}${item.revealed ? ` · ${item.author.name}` : " · author hidden, from you too"}` : "");
        done.replaceChildren(...(results.revealed_items || []).map((it) => h("li", {},
          `“${it.text}” — ${it.author.name} (${it.right.length} right) `,
          open && it.index !== results.current ? showAgain(it.index, control) : null)));
      },
    };
  },
};

export default {
  name: "who_said_it", label: "Who said it?", hint: "Guess the author, learn the names",
  description: "Everyone answers anonymously; then one answer at a time, the room guesses who said it and you reveal.",
  timerLabel: "Time to write",
  screen, phone, host,
};
