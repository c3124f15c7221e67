// Two truths and a lie: tellers write three statements, the room votes on one teller at a time, the reveal strikes
// the lie through.
import { h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import {
  choiceButton, countBars, fittedScreen, keepInView, myResponse, passButton, promptSource, selectField, showAgain, statusLine,
} from "./common.js";

const MARKS = ["1", "2", "3"];
const answeredLine = (results) => (results && typeof results.answered === "number" ? t("%(answered)d of %(total)d answered", { answered: results.answered, total: results.total }) : "");
const votesLine = (count) => tn("%(num)d vote", "%(num)d votes", count);

function statementsList(list, turn) {
  list.replaceChildren(...turn.statements.map((text, index) => h("li", {
    class: "truth", dataset: { lie: String(turn.revealed && turn.lie === index) },
  }, h("span", { class: "truth__mark", "aria-hidden": "true" }, MARKS[index]), h("span", { class: "truth__text" }, text),
  turn.revealed && turn.lie === index ? h("span", { class: "truth__tag" }, t("the lie")) : null)));
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
          setText(who, results.teller ? t("%(name)s is writing two truths and a lie…", { name: results.teller.name }) : tn("%(num)d teller is ready", "%(num)d tellers are ready", results.tellers_done || 0));
          list.replaceChildren();
          votes.replaceChildren();
          setText(outcome, "");
          return;
        }
        const turn = results.turn;
        if (!turn) {
          setText(who, tn("%(num)d teller ready — here comes the first one", "%(num)d tellers ready — here comes the first one", results.turns || 0));
          list.replaceChildren();
          return;
        }
        setText(who, t("%(name)s: which one is the lie?", { name: turn.teller.name }));
        statementsList(list, turn);
        const total = turn.votes.reduce((sum, count) => sum + count, 0);
        countBars(votes, turn.votes.map((count, index) => [t("Statement %(number)s", { number: MARKS[index] }), count]), total);
        setText(outcome, turn.revealed ? t("Spotted by %(spotted)d · %(name)s fooled %(fooled)d", { spotted: turn.spotted.length, name: turn.teller.name, fooled: turn.fooled }) : tn("%(num)d vote so far", "%(num)d votes so far", total));
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
      h("label", { class: "field__label", for: input.id }, t("Statement %(number)s", { number: MARKS[index] })), input,
      h("label", { class: "truth-row__lie" }, h("input", { type: "radio", name: lieName, value: String(index) }),
        h("span", {}, t("Statement %(number)s is the lie", { number: MARKS[index] })))));
    const form = h("form", { class: "truth-form", novalidate: true }, rows,
      h("button", { type: "submit", class: "btn btn--primary btn--big btn--block" }, t("Send my statements")));
    const formError = h("p", { class: "alert", role: "alert" });
    const statements = h("div", { class: "choices", role: "group", "aria-label": t("Which one is the lie?") });
    const pass = passButton(() => respond({ pass: true }), t("Pass"));
    const status = statusLine();
    body.replaceChildren(form, formError, statements, pass, status);
    inputs.forEach((input, index) => keepInView(input, index === inputs.length - 1 ? form.lastElementChild : rows[index]));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const texts = inputs.map((input) => input.value.trim());
      const lie = form.querySelector(`input[name="${lieName}"]:checked`);
      if (texts.some((text) => !text)) return setText(formError, t("Write all three statements."));
      if (!lie) return setText(formError, t("Mark which one is the lie."));
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
        if (writing && mine) text = mine.passed ? t("You passed — get ready to vote.") : t("Sent — wait for your turn.");
        else if (writing && view.teller === false) text = results.teller ? t("%(name)s is writing — get ready to vote!", { name: results.teller.name }) : "";
        else if (ownTurn && !turn.revealed) text = t("Your turn — the room is voting. Poker face!");
        else if (turn && turn.revealed) text = ownTurn ? t("You fooled %(fooled)d!", { fooled: turn.fooled }) : votedThis && !mine.passed && mine.answer.choice === turn.lie ? t("You spotted the lie!") : t("The lie was number %(number)d.", { number: turn.lie + 1 });
        else if (votedThis) text = mine.passed ? t("You passed — watch for the reveal.") : t("Vote sent: statement %(number)s. Watch for the reveal.", { number: MARKS[mine.answer.choice] });
        else if (!writing && !turn) text = t("Get ready: the first teller is coming up.");
        setText(status, text);
      },
    };
  },
};

const host = {
  composer({ room, prompts }) {
    const source = promptSource({ prompts, describe: (text) => text.prompt, own: [{ name: "prompt", label: t("Theme"), max: 160 }] });
    const teller = selectField(t("Teller"), [["", t("Everyone, each in turn")]], "");
    const vote = selectField(t("Time to vote on each"), [20, 30, 45, 60].map((n) => [String(n), t("%(seconds)d s", { seconds: n })]), "30");
    const refreshTellers = () => {
      const chosen = teller.select.value;
      teller.select.replaceChildren(h("option", { value: "" }, t("Everyone, each in turn")),
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
    const startVoting = h("button", { type: "button", class: "btn btn--primary" }, t("Start voting"));
    const next = h("button", { type: "button", class: "btn btn--primary" }, t("Next teller"));
    const reveal = h("button", { type: "button", class: "btn btn--primary" }, t("Reveal the lie"));
    const meta = h("p", { class: "live__meta" });
    const list = h("ol", { class: "truths truths--console" });
    const done = h("ol", { class: "who-done", "aria-label": t("Revealed so far") });
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
        if (writing) setText(meta, results.teller ? (results.done ? t("%(name)s: ready", { name: results.teller.name }) : t("%(name)s: writing…", { name: results.teller.name })) : `${tn("%(num)d teller ready", "%(num)d tellers ready", results.tellers_done || 0)} · ${answeredLine(results)}`);
        else if (turn) {
          const line = t("Teller %(number)d of %(total)d: %(name)s", { number: turn.index + 1, total: results.turns, name: turn.teller.name });
          const votes = votesLine(turn.votes.reduce((a, b) => a + b, 0));
          setText(meta, [line, votes, turn.revealed ? "" : t("the lie stays hidden until you reveal it")].filter(Boolean).join(" · "));
        } else setText(meta, tn("%(num)d teller ready", "%(num)d tellers ready", results.turns || 0));
        if (turn) statementsList(list, turn);
        else list.replaceChildren();
        done.replaceChildren(...(results.revealed_turns || []).map((it) => h("li", {},
          t("%(name)s: the lie was “%(lie)s” (%(spotted)d spotted it)", { name: it.teller.name, lie: it.statements[it.lie], spotted: it.spotted.length }), " ",
          open && it.index !== results.current ? showAgain(it.index, control) : null)));
      },
    };
  },
};

export default {
  name: "two_truths",
  get label() { return t("Two truths and a lie"); },
  get hint() { return t("Spot the lie, fool the room"); },
  get description() { return t("A teller (or everyone in turn) writes three statements; the room votes for the lie, then you reveal it."); },
  get timerLabel() { return t("Time to write"); },
  screen: fittedScreen(screen), phone, host,
};
