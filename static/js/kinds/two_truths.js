// Two truths and a lie: tellers write three statements, the room votes on one teller at a time, the reveal strikes
// the lie through.
import { h, setText } from "../dom.js";
import { answeredLine, plural } from "../ui.js";
import { choiceButton, countBars, myResponse, passButton, promptSource, selectField, showAgain, statusLine } from "./common.js";

const MARKS = ["1", "2", "3"];

function statementsList(list, turn) {
  list.replaceChildren(...turn.statements.map((text, index) => h("li", {
    class: "truth", dataset: { lie: String(turn.revealed && turn.lie === index) },
  }, h("span", { class: "truth__mark", "aria-hidden": "true" }, MARKS[index]), h("span", { class: "truth__text" }, text),
  turn.revealed && turn.lie === index ? h("span", { class: "truth__tag" }, "the lie") : null)));
}

const screen = {
  mount(body, { room, sound, confetti }) {
    const who = h("p", { class: "truth-teller" });
    const list = h("ol", { class: "truths" });
    const votes = h("ul", { class: "kind-bars" });
    const outcome = h("p", { class: "kind-footer" });
    body.replaceChildren(who, list, votes, outcome);
    let celebrated = null;
    return {
      render(activity) {
        const results = activity.results || {};
        if (activity.stage === "write") {
          setText(who, results.teller ? `${results.teller.name} is writing two truths and a lie…` : `${plural(results.tellers_done || 0, "teller is", "tellers are")} ready`);
          list.replaceChildren();
          votes.replaceChildren();
          setText(outcome, "");
          return;
        }
        const turn = results.turn;
        if (!turn) {
          setText(who, `${plural(results.turns || 0, "teller", "tellers")} ready — here comes the first one`);
          list.replaceChildren();
          return;
        }
        setText(who, `${turn.teller.name}: which one is the lie?`);
        statementsList(list, turn);
        const total = turn.votes.reduce((sum, count) => sum + count, 0);
        countBars(votes, turn.votes.map((count, index) => [`Statement ${MARKS[index]}`, count]), total);
        setText(outcome, turn.revealed ? `Spotted by ${turn.spotted.length} · ${turn.teller.name} fooled ${turn.fooled}` : `${plural(total, "vote", "votes")} so far`);
        const key = `${activity.id}:${turn.index}`;
        if (turn.revealed && celebrated !== key) {
          celebrated = key;
          if (room.event && room.event.sound) sound.chime(1);
          confetti.burst({ pieces: 90, durationMs: 3000 });
        }
      },
    };
  },
};

const phone = {
  mount(body, { room, respond }) {
    const inputs = [0, 1, 2].map((index) => h("input", { class: "input", type: "text", maxlength: "100", id: `truth-${index}`, autocomplete: "off" }));
    const lieName = `lie-${Math.random().toString(36).slice(2)}`;
    const rows = inputs.map((input, index) => h("div", { class: "truth-row" },
      h("label", { class: "field__label", for: input.id }, `Statement ${MARKS[index]}`), input,
      h("label", { class: "truth-row__lie" }, h("input", { type: "radio", name: lieName, value: String(index) }), "This one is the lie")));
    const form = h("form", { class: "truth-form", novalidate: true }, rows,
      h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, "Send my statements"));
    const formError = h("p", { class: "alert", role: "alert" });
    const statements = h("div", { class: "choices", role: "group", "aria-label": "Which one is the lie?" });
    const pass = passButton(() => respond({ pass: true }));
    const status = statusLine();
    body.replaceChildren(form, formError, statements, pass, status);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const texts = inputs.map((input) => input.value.trim());
      const lie = form.querySelector(`input[name="${lieName}"]:checked`);
      if (texts.some((text) => !text)) return setText(formError, "Write all three statements.");
      if (!lie) return setText(formError, "Mark which one is the lie.");
      setText(formError, "");
      respond({ answer: { statements: texts, lie: Number(lie.value) } });
    });
    let builtFor = null;
    return {
      render(activity) {
        const results = activity.results || {};
        const mine = myResponse(room, activity);
        const view = room.mine || {};
        const open = activity.status === "open";
        const writing = activity.stage === "write";
        const turn = results.turn;
        const canWrite = open && writing && view.teller !== false && !mine;
        form.hidden = !canWrite;
        const ownTurn = turn && view.own_turn === turn.index;
        const votedThis = mine && turn && mine.slot === 1 + turn.index;
        const canVote = open && !writing && turn && !turn.revealed && !ownTurn && !votedThis;
        statements.hidden = !canVote;
        if (canVote && builtFor !== `${turn.index}`) {
          builtFor = `${turn.index}`;
          statements.replaceChildren(...turn.statements.map((text, index) =>
            choiceButton(text, index, () => respond({ answer: { turn: turn.index, choice: index } }), MARKS[index])));
        }
        pass.hidden = !(canWrite || canVote);
        let text = "";
        if (writing && mine) text = mine.passed ? "You passed — get ready to vote." : "Sent — wait for your turn.";
        else if (writing && view.teller === false) text = results.teller ? `${results.teller.name} is writing — get ready to vote!` : "";
        else if (ownTurn && !turn.revealed) text = "Your turn — the room is voting. Poker face!";
        else if (turn && turn.revealed) text = ownTurn ? `You fooled ${turn.fooled}!` : votedThis && !mine.passed && mine.answer.choice === turn.lie ? "You spotted the lie!" : `The lie was number ${turn.lie + 1}.`;
        else if (votedThis) text = "Vote sent — watch for the reveal.";
        else if (!writing && !turn) text = "Get ready: the first teller is coming up.";
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ room, prompts }) {
    const source = promptSource({ prompts, describe: (text) => text.prompt, own: [{ name: "prompt", label: "Theme", max: 160 }] });
    const teller = selectField("Teller", [["", "Everyone, each in turn"]], "");
    const vote = selectField("Time to vote on each", [["20", "20 s"], ["30", "30 s"], ["45", "45 s"], ["60", "60 s"]], "30");
    const refreshTellers = () => {
      const chosen = teller.select.value;
      teller.select.replaceChildren(h("option", { value: "" }, "Everyone, each in turn"),
        ...(room.roster || []).map((p) => h("option", { value: String(p.id), selected: String(p.id) === chosen }, p.name)));
    };
    teller.select.addEventListener("focus", refreshTellers);
    refreshTellers();
    return {
      element: h("div", { class: "kind-composer" }, source.element, teller.element, vote.element),
      read() {
        const read = source.read();
        if (read.problem) return read;
        return { settings: { ...read.settings, teller_id: teller.select.value ? Number(teller.select.value) : null, vote_s: Number(vote.select.value) } };
      },
      reset: source.reset,
      refresh() {
        source.refresh();
        refreshTellers();
      },
    };
  },
  live({ room, act, control }) {
    const startVoting = h("button", { type: "button", class: "btn btn--primary" }, "Start voting");
    const next = h("button", { type: "button", class: "btn btn--primary" }, "Next teller");
    const reveal = h("button", { type: "button", class: "btn btn--primary" }, "Reveal the lie");
    const meta = h("p", { class: "live__meta" });
    const list = h("ol", { class: "truths truths--console" });
    const done = h("ol", { class: "who-done", "aria-label": "Revealed so far" });
    startVoting.addEventListener("click", (event) => act(event.currentTarget, null, "activity:advance", { activity_id: room.activity.id }));
    next.addEventListener("click", (event) => control({ action: "next" }, event.currentTarget));
    reveal.addEventListener("click", (event) => control({ action: "reveal" }, event.currentTarget));
    return {
      element: h("div", {}, meta, list, h("div", { class: "live__actions" }, startVoting, next, reveal), done),
      render(activity) {
        const results = activity.results || {};
        const writing = activity.stage === "write";
        const turn = results.turn;
        const open = activity.status === "open";
        startVoting.hidden = !open || !writing;
        const furthest = Math.max(results.current ?? -1, ...(results.revealed_turns || []).map((it) => it.index));
        next.hidden = writing || !results.turns || furthest >= results.turns - 1 || (turn && !turn.revealed);
        reveal.hidden = writing || !turn || turn.revealed;
        if (writing) setText(meta, results.teller ? `${results.teller.name}: ${results.done ? "ready" : "writing…"}` : `${plural(results.tellers_done || 0, "teller", "tellers")} ready · ${answeredLine(results)}`);
        else setText(meta, turn ? `Teller ${turn.index + 1} of ${results.turns}: ${turn.teller.name} · ${plural(turn.votes.reduce((a, b) => a + b, 0), "vote", "votes")}${turn.revealed ? "" : " · the lie stays hidden until you reveal it"}` : `${plural(results.turns || 0, "teller", "tellers")} ready`);
        if (turn) statementsList(list, turn);
        else list.replaceChildren();
        done.replaceChildren(...(results.revealed_turns || []).map((it) => h("li", {},
          `${it.teller.name}: the lie was “${it.statements[it.lie]}” (${it.spotted.length} spotted it) `,
          open && it.index !== results.current ? showAgain(it.index, control) : null)));
      },
    };
  },
};

export default {
  name: "two_truths", label: "Two truths and a lie", hint: "Spot the lie, fool the room",
  description: "A teller (or everyone in turn) writes three statements; the room votes for the lie, then you reveal it.",
  timerLabel: "Time to write",
  screen, phone, host,
};
