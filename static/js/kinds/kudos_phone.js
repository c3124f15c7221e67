// The phone's part of a kudos round: choose a colleague (the buddy first), a category and a message, send (by name
// or anonymously), and see what you sent and what you received — this round and over the whole event.
import { h, placeInOrder, setText } from "../dom.js";
import { formatNumber, language, t, tn } from "../i18n.js";
import { kudosNote } from "./kudos_card.js";
import { passButton, statusLine } from "./common.js";

const PICKER_SHOWN = 8; // names listed before the search narrows them (rooms can have hundreds)
const PEOPLE_FRESH_MS = 10_000;

/** What became of a kudos this phone sent, in a few words. */
function sentStatus(status) {
  if (status === "waiting") return t("Waiting for the facilitator");
  if (status === "shown") return t("On the wall");
  if (status === "not_shown") return t("Not shown");
  return status;
}

let ids = 0;
const nextId = (base) => `${base}-${(ids += 1)}`;

/** "Ana", "Ana and Bo", "Ana, Bo, Cy, and 3 more", joined the way the page's language joins a list. */
function namesLine(people, shown = 3) {
  const names = people.slice(0, shown).map((person) => person.name);
  const more = people.length - names.length;
  if (more > 0) names.push(tn("%(num)d more", "%(num)d more", more));
  return new Intl.ListFormat(language, { type: "conjunction" }).format(names);
}

/** A short buzz where the phone can (not every browser has navigator.vibrate). */
function vibrate(pattern) {
  navigator.vibrate?.(pattern);
}

export const phone = {
  mount(body, { room, respond, sending }) {
    const code = room.auth.code;
    const choice = { to: null, category: null };
    let people = [];
    let peopleAt = 0;
    let pendingFrom = null; // how many kudos were sent when the one being sent left
    let sentHere = false; // a kudos went from this page (its status line then follows the newest one)
    let seenReceived = null;
    let seenNudges = null;
    let categoriesKey = "";
    let announceTimer = null;

    // ---------- What came in: kudos received, the buddy, the nudge ----------

    const receivedList = h("ul", { class: "kudos-notes", "aria-label": t("Kudos you received this round") });
    const receivedTitle = h("h2", { class: "kudos-section__title" });
    const received = h("section", { class: "kudos-received", hidden: true, "aria-live": "polite" }, receivedTitle, receivedList);

    const buddyText = h("p", { class: "kudos-buddy__text" });
    const buddyButton = h("button", { type: "button", class: "btn btn--primary btn--block kudos-buddy__pick" });
    const buddy = h("section", { class: "kudos-buddy", hidden: true }, buddyText, buddyButton);

    const nudgeNames = h("div", { class: "kudos-nudge__names", role: "group", "aria-label": t("Still waiting for kudos") });
    const nudge = h("section", { class: "kudos-nudge", hidden: true, role: "status" },
      h("p", { class: "kudos-nudge__text" }, t("Still waiting for kudos — who will you appreciate?")), nudgeNames);

    // ---------- The form ----------

    const toName = h("span", { class: "kudos-to__name" });
    const change = h("button", { type: "button", class: "btn btn--ghost kudos-to__change", "aria-label": t("Change recipient") }, t("Change"));
    const chosen = h("div", { class: "kudos-to", hidden: true }, h("span", { class: "kudos-to__label" }, t("To")), toName, change);
    const searchId = nextId("kudos-search");
    const search = h("input", {
      class: "input input--large kudos-search", id: searchId, type: "search", autocomplete: "off", enterkeyhint: "search",
      placeholder: t("Type a name"), "aria-controls": `${searchId}-list`,
    });
    const names = h("div", { class: "kudos-people", id: `${searchId}-list`, role: "group", "aria-label": t("Colleagues") });
    const namesMore = h("p", { class: "field__hint kudos-people__more" });
    const picker = h("div", { class: "kudos-picker" },
      h("label", { class: "field__label", for: searchId }, t("Who would you like to appreciate?")), search, names, namesMore);

    const categories = h("div", { class: "kudos-categories", role: "radiogroup", "aria-label": t("What is it for?") });
    const messageId = nextId("kudos-message");
    const message = h("textarea", { class: "input textarea kudos-message", id: messageId, rows: "4", maxlength: "280", "aria-describedby": `${messageId}-count` });
    const count = h("p", { class: "field__hint kudos-count", id: `${messageId}-count`, "aria-live": "off" });
    const anonymous = h("input", { type: "checkbox", class: "kudos-anon__input", role: "switch", id: nextId("kudos-anon") });
    const anon = h("div", { class: "kudos-anon" },
      h("label", { class: "kudos-anon__switch", for: anonymous.id }, anonymous, h("span", {}, t("Send anonymously"))),
      h("p", { class: "field__hint kudos-anon__note" },
        t("Anonymous kudos show as ‘from a teammate’ and earn no points — that keeps them anonymous.")));
    const send = h("button", { type: "submit", class: "btn btn--primary btn--big btn--block kudos-send" }, t("Send kudos"));
    const problem = h("p", { class: "form-error", role: "alert" });
    const left = h("p", { class: "kudos-left" });
    const form = h("form", { class: "kudos-form", novalidate: true },
      h("fieldset", { class: "kudos-field" }, h("legend", { class: "visually-hidden" }, t("Recipient")), chosen, picker),
      h("fieldset", { class: "kudos-field" }, h("legend", { class: "field__label" }, t("What is it for?")), categories),
      h("div", { class: "kudos-field" }, h("label", { class: "field__label", for: messageId }, t("Your message")), message, count),
      anon, problem, send, left);

    // ---------- After the form: pass, status, what you sent, My kudos ----------

    const pass = passButton(() => respond({ pass: true }));
    const status = statusLine();
    const sentList = h("ul", { class: "kudos-sent", "aria-label": t("Kudos you sent") });
    const sent = h("section", { class: "kudos-after", hidden: true }, h("h2", { class: "kudos-section__title" }, t("Kudos you sent")), sentList);
    const mineList = h("ul", { class: "kudos-notes" });
    const mineText = h("p", { class: "kudos-mine__text", role: "status" });
    const mine = h("details", { class: "kudos-mine kudos-after" },
      h("summary", { class: "btn btn--ghost btn--block kudos-mine__summary" }, t("My kudos")),
      h("div", { class: "kudos-mine__body" }, mineText, mineList,
        h("a", { class: "kudos-mine__link", href: `/kudos/${encodeURIComponent(code)}` }, t("Open my kudos page"))));

    // The "sent" line sits right under the Send button, where the eyes (and the thumb) are after sending.
    body.replaceChildren(received, buddy, nudge, form, status, pass, sent, mine);

    // ---------- Choosing a colleague ----------

    async function loadPeople() {
      peopleAt = Date.now();
      const ack = await room.request("kudos:people", {});
      if (!ack.ok) return;
      people = ack.people || [];
      drawPeople();
    }

    function freshPeople() {
      if (Date.now() - peopleAt > PEOPLE_FRESH_MS) loadPeople();
    }

    function pick(person) {
      choice.to = person;
      setText(problem, "");
      vibrate(15);
      drawForm();
      // On to the next step: the category, or the message once one is chosen.
      const next = choice.category === null ? categories.querySelector("button") : message;
      if (next) next.focus({ preventScroll: true });
      form.scrollIntoView({ block: "start", behavior: "smooth" });
    }

    function personButton(person, extra = "") {
      // A toggle for screen readers: pressed while this colleague is the one the kudos is for.
      return h("button", {
        type: "button", class: `kudos-person ${extra}`.trim(),
        dataset: { id: String(person.id), ...(extra.includes("buddy") ? { tag: t("your buddy") } : {}) },
        "aria-pressed": String(Boolean(choice.to && choice.to.id === person.id)), on: { click: () => pick(person) },
      }, person.name);
    }

    function drawPeople() {
      const filter = search.value.trim().toLocaleLowerCase();
      const matching = people.filter((person) => person.name.toLocaleLowerCase().includes(filter));
      const buddyId = room.mine && room.mine.buddy ? room.mine.buddy.id : null;
      // The buddy first: the person this phone was asked to appreciate.
      matching.sort((a, b) => (b.id === buddyId) - (a.id === buddyId));
      const shown = matching.slice(0, PICKER_SHOWN);
      names.replaceChildren(...shown.map((person) => personButton(person, person.id === buddyId ? "kudos-person--buddy" : "")));
      const more = matching.length - shown.length;
      let hint = "";
      if (!people.length) hint = t("Nobody else is in the room yet.");
      else if (!matching.length) hint = t("Nobody called “%(name)s” — check the spelling.", { name: search.value.trim() });
      else if (more > 0) hint = tn("%(num)d more person — type a name to find them.", "%(num)d more people — type a name to find them.", more);
      setText(namesMore, hint);
    }

    search.addEventListener("input", drawPeople);
    search.addEventListener("focus", freshPeople);
    change.addEventListener("click", () => {
      choice.to = null;
      loadPeople();
      drawForm();
      search.focus();
    });
    buddyButton.addEventListener("click", () => room.mine && room.mine.buddy && pick(room.mine.buddy));

    // ---------- Category, message, anonymous ----------

    function drawCategories(activity) {
      const key = JSON.stringify(activity.categories);
      if (key === categoriesKey) return;
      categoriesKey = key;
      categories.replaceChildren(...activity.categories.map((category, index) => h("button", {
        type: "button", class: "kudos-category", role: "radio", "aria-checked": "false", dataset: { index: String(index) },
        on: {
          click: () => {
            choice.category = index;
            setText(problem, "");
            drawForm();
          },
        },
      }, category)));
      if (choice.category !== null && choice.category >= activity.categories.length) choice.category = null;
    }

    // Arrow keys move the choice along the categories, as in any radio group.
    categories.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      const buttons = [...categories.children];
      const at = buttons.indexOf(document.activeElement);
      if (!step || at < 0) return;
      event.preventDefault();
      const next = buttons[(at + step + buttons.length) % buttons.length];
      next.click();
      next.focus();
    });

    const counter = () => {
      const used = message.value.length;
      setText(count, `${formatNumber(used)}/${formatNumber(message.maxLength)}`);
      count.dataset.near = String(used > message.maxLength - 30);
    };
    message.addEventListener("input", () => {
      counter();
      if (message.value.trim()) setText(problem, "");
    });
    // The keyboard takes half the screen: keep the Send button in sight while writing.
    // The visual viewport is what the keyboard leaves visible (the layout viewport may not shrink with it): scroll so
    // the Send button's bottom is above the keyboard, but never so far that the message's top slips under the header.
    const HEADER_ROOM = 88;
    const keepSendInSight = () => {
      if (document.activeElement !== message) return;
      const view = window.visualViewport;
      const top = view ? view.offsetTop : 0;
      const bottom = top + (view ? view.height : window.innerHeight) - 8;
      const overflow = send.getBoundingClientRect().bottom - bottom;
      const room = message.getBoundingClientRect().top - (top + HEADER_ROOM);
      const by = Math.min(overflow, room);
      if (by > 0) window.scrollBy({ top: by });
    };
    message.addEventListener("focus", () => setTimeout(keepSendInSight, 350));
    if (window.visualViewport) window.visualViewport.addEventListener("resize", keepSendInSight);

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (sending()) return;
      const text = message.value.trim();
      const missing = !choice.to ? [t("Choose who the kudos is for."), search]
        : choice.category === null ? [t("Choose what it is for."), categories.querySelector("button")]
          : !text ? [t("Write a few words to go with it."), message] : null;
      if (missing) {
        setText(problem, missing[0]);
        if (missing[1]) missing[1].focus();
        return;
      }
      pendingFrom = room.mine ? room.mine.sent.length : 0;
      sentHere = true;
      vibrate(30); // a small tap in the hand: it went
      respond({ answer: { to: choice.to.id, category: choice.category, message: text, anonymous: anonymous.checked } });
    });

    function resetForm() {
      choice.to = null;
      choice.category = null;
      message.value = "";
      anonymous.checked = false;
      search.value = "";
      counter();
      drawPeople();
    }

    function drawForm() {
      chosen.hidden = !choice.to;
      picker.hidden = Boolean(choice.to);
      setText(toName, choice.to ? choice.to.name : "");
      for (const button of categories.children) {
        const checked = Number(button.dataset.index) === choice.category;
        button.setAttribute("aria-checked", String(checked));
        // One stop in the tab order, as radio groups have: the checked category, or the first.
        button.tabIndex = checked || (choice.category === null && button === categories.firstElementChild) ? 0 : -1;
      }
      for (const button of body.querySelectorAll(".kudos-person")) {
        button.setAttribute("aria-pressed", String(Boolean(choice.to && String(choice.to.id) === button.dataset.id)));
      }
      const busy = Boolean(sending() && sending().answer);
      send.disabled = busy;
      setText(send, busy ? t("Sending…") : choice.to ? t("Send kudos to %(name)s", { name: choice.to.name }) : t("Send kudos"));
    }

    // ---------- What you sent, what you received ----------

    function drawSent(list) {
      sentList.replaceChildren(...list.slice().reverse().map((item) => h("li", { class: "kudos-sent__item", dataset: { status: item.status } },
        h("p", { class: "kudos-sent__head" },
          h("span", { class: "kudos-sent__to" }, t("To %(name)s", { name: item.to.name })),
          h("span", { class: "kudos-sent__status" }, sentStatus(item.status))),
        h("p", { class: "kudos-sent__category" }, item.anonymous ? t("%(category)s · anonymous", { category: item.category }) : item.category),
        h("p", { class: "kudos-sent__message" }, item.message))));
    }

    function drawReceived(list) {
      const fresh = seenReceived !== null && list.length > seenReceived;
      const known = new Set([...receivedList.children].map((item) => item.dataset.id));
      // Kept in place between renders: a card put back in the page would play its arrival again.
      placeInOrder(receivedList, list.slice().reverse().map((card) => {
        const existing = [...receivedList.children].find((item) => item.dataset.id === String(card.id));
        return existing || kudosNote(card, { fresh: fresh && !known.has(String(card.id)) });
      }));
      received.hidden = !list.length;
      setText(receivedTitle, list.length === 1 ? t("A kudos for you!") : tn("%(num)d kudos for you!", "%(num)d kudos for you!", list.length));
      received.dataset.fresh = String(fresh);
      if (fresh) {
        vibrate([40, 60, 40]);
        // A warm moment, unless it would pull the page away from someone typing.
        if (![message, search].includes(document.activeElement)) received.scrollIntoView({ block: "start", behavior: "smooth" });
      }
      seenReceived = list.length;
    }

    mine.addEventListener("toggle", async () => {
      if (!mine.open) return;
      setText(mineText, t("Loading…"));
      const ack = await room.request("kudos:mine", {});
      if (!ack.ok) {
        setText(mineText, ack.error.message || t("Your kudos could not be loaded. Try again in a moment."));
        return;
      }
      mineList.replaceChildren(...ack.kudos.map((item) => kudosNote(item)));
      setText(mineText, ack.kudos.length
        ? tn("%(num)d kudos for you in %(event)s", "%(num)d kudos for you in %(event)s", ack.kudos.length, { event: ack.event.title })
        : t("None yet — kudos you receive appear here once they are on the wall."));
    });

    loadPeople();

    return {
      render(activity) {
        const state = room.mine || { buddy: null, sent: [], left: activity.limit, passed: false, received: [], waiting: [], nudges: 0 };
        const open = activity.status === "open";
        const justSent = pendingFrom !== null && state.sent.length > pendingFrom;
        if (justSent) {
          pendingFrom = null;
          resetForm();
          requestAnimationFrame(() => status.scrollIntoView({ block: "nearest", behavior: "smooth" }));
        }
        message.maxLength = activity.message_max || 280;
        drawCategories(activity);
        counter();
        drawForm();
        drawReceived(state.received);

        const canSend = open && state.left > 0;
        form.hidden = !canSend;
        pass.hidden = !(open && !state.sent.length && !state.passed);
        const buddyPerson = state.buddy;
        const buddyDone = buddyPerson && state.sent.some((item) => item.to.id === buddyPerson.id);
        buddy.hidden = !(canSend && buddyPerson);
        if (buddyPerson) {
          setText(buddyText, buddyDone ? t("You appreciated your buddy %(name)s — thank you!", { name: buddyPerson.name })
            : t("Your buddy: %(name)s — appreciate them!", { name: buddyPerson.name }));
          buddy.dataset.done = String(Boolean(buddyDone));
          buddyButton.hidden = Boolean(buddyDone) || (choice.to && choice.to.id === buddyPerson.id);
          setText(buddyButton, t("Appreciate %(name)s", { name: buddyPerson.name }));
        }

        // A nudge from the facilitator: the people nobody has appreciated yet, to pick from.
        const nudged = state.nudges > 0 && state.waiting.length > 0;
        nudge.hidden = !(canSend && nudged);
        if (nudged) {
          const signature = state.waiting.map((person) => person.id).join(",");
          if (nudgeNames.dataset.signature !== signature) {
            nudgeNames.dataset.signature = signature;
            nudgeNames.replaceChildren(...state.waiting.map((person) => personButton(person)));
          }
          nudge.setAttribute("aria-label", t("Still waiting for kudos: %(names)s", { names: namesLine(state.waiting) }));
        }
        if (seenNudges !== null && state.nudges > seenNudges && canSend && nudged) {
          nudge.classList.remove("is-new");
          void nudge.offsetWidth;
          nudge.classList.add("is-new");
          vibrate(30);
        }
        seenNudges = state.nudges;

        setText(left, tn("%(num)d kudos left this round", "%(num)d kudos left this round", state.left));
        sent.hidden = !state.sent.length;
        drawSent(state.sent);

        let text = "";
        const latest = state.sent[state.sent.length - 1];
        if (!open) text = state.sent.length ? t("The round is closed — thank you for the kind words.") : t("This kudos round is closed.");
        else if (!state.left) {
          text = activity.limit === 1 ? t("You've sent your kudos for this round — thank you!")
            : tn("You've sent all %(num)d kudos of this round — thank you!", "You've sent all %(num)d kudos of this round — thank you!", activity.limit);
        } else if (latest && sentHere && latest.status !== "not_shown") {
          text = latest.status === "shown" ? t("Sent to %(name)s — it's on the wall.", { name: latest.to.name })
            : t("Sent to %(name)s — the facilitator will put it on the wall.", { name: latest.to.name });
        } else if (state.passed) text = t("You passed — that's fine. You can still send kudos if you like.");
        if (justSent && status.textContent === text) {
          // The same words as last time (a second kudos to the same person): cleared first, so they are read out again.
          setText(status, "");
          clearTimeout(announceTimer);
          announceTimer = setTimeout(() => setText(status, text), 150);
        } else {
          clearTimeout(announceTimer);
          setText(status, text);
        }
      },
    };
  },
};
