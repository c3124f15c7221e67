// Kudos round: players appreciate named colleagues; the big screen plays the approved kudos as a wall of cards
// beside the appreciation web, and says how many people have been appreciated (never who is still waiting).
import { h, placeInOrder, setText } from "../dom.js";
import { plural, prefersReducedMotion } from "../ui.js";
import { fromLine } from "./kudos_card.js";
import { host } from "./kudos_host.js";
import { phone } from "./kudos_phone.js";
import { createWeb } from "./kudos_web.js";

const WALL_MAX = 5; // the newest card and a few older ones; those that do not fit are left out
const NUDGE_SHOWN_MS = 45_000;
const LONG_MESSAGE = 140;

function wallCard(card) {
  const item = h("li", { class: "wall-card", dataset: { id: String(card.id), length: card.message.length > LONG_MESSAGE ? "long" : "short" } },
    h("p", { class: "wall-card__category" }, card.category),
    h("p", { class: "wall-card__to" }, card.to.name),
    h("blockquote", { class: "wall-card__message" }, `“${card.message}”`),
    h("p", { class: "wall-card__from" }, fromLine(card.from)));
  item.addEventListener("animationend", () => item.classList.remove("is-new"), { once: true });
  return item;
}

/** "3 people are still waiting for kudos — who will you appreciate?" */
function nudgeText(waiting) {
  return `${plural(waiting, "person is", "people are")} still waiting for kudos — who will you appreciate?`;
}

const screen = {
  mount(body, { room, sound, confetti }) {
    const banner = h("p", { class: "kudos-banner", role: "status", hidden: true });
    const wall = h("ol", { class: "kudos-wall", "aria-label": "Kudos wall", "aria-live": "polite" });
    const empty = h("p", { class: "kudos-wall__empty" });
    const webBox = h("div", { class: "kudos-web__box" });
    const webNote = h("figcaption", { class: "kudos-web__note" });
    const web = h("figure", { class: "kudos-web" }, h("figcaption", { class: "kudos-web__title" }, "Who appreciated whom"), webBox, webNote);
    const webEmpty = h("p", { class: "kudos-web__empty" }, "The web grows with every kudos");
    web.append(webEmpty);
    const count = h("p", { class: "kudos-tally__count" });
    const meterFill = h("span", { class: "kudos-tally__fill" });
    const onWall = h("p", { class: "kudos-tally__wall" });
    const tally = h("footer", { class: "kudos-tally" }, count, h("span", { class: "kudos-tally__meter", "aria-hidden": "true" }, meterFill), onWall);
    const layout = h("div", { class: "kudos-screen" }, banner, h("div", { class: "kudos-screen__wall" }, wall, empty), web, tally);
    body.replaceChildren(layout);

    const graph = createWeb(webBox);
    const cards = new Map();
    let first = true;
    let nudges = null;
    let bannerTimer = null;
    let everyoneCelebrated = false;

    function showBanner(text, tone) {
      setText(banner, text);
      banner.dataset.tone = tone;
      banner.hidden = false;
      banner.classList.remove("is-new");
      void banner.offsetWidth;
      banner.classList.add("is-new");
      clearTimeout(bannerTimer);
      bannerTimer = setTimeout(() => { banner.hidden = true; }, NUDGE_SHOWN_MS);
    }

    /** Show the newest cards, and leave out the older ones that would not fit. */
    function fitWall(items) {
      items.forEach((item) => { item.hidden = false; });
      const limit = wall.clientHeight;
      for (let i = items.length - 1; i > 0; i -= 1) {
        const item = items[i];
        if (item.offsetTop + item.offsetHeight <= limit + 1) break;
        item.hidden = true;
      }
    }

    return {
      render(activity) {
        const results = activity.results || { cards: [], web: { nodes: [], edges: [] }, appreciated: 0, total: 0, nudges: 0 };
        const newest = results.cards.slice(-WALL_MAX).reverse();
        const arrived = newest.filter((card) => !cards.has(card.id));
        const keep = new Set(results.cards.map((card) => card.id));
        for (const id of cards.keys()) if (!keep.has(id)) cards.delete(id);
        const items = newest.map((card) => {
          let item = cards.get(card.id);
          if (!item) {
            item = wallCard(card);
            if (!first && !prefersReducedMotion()) item.classList.add("is-new");
            cards.set(card.id, item);
          }
          return item;
        });
        items.forEach((item, index) => { item.dataset.rank = String(index); });
        placeInOrder(wall, items);
        empty.hidden = items.length > 0;
        setText(empty, activity.moderation
          ? "Send kudos from your phone: they appear here once the facilitator approves them."
          : "Send kudos from your phone: the first one lands here.");
        if (!first && arrived.length && room.event && room.event.sound) sound.chime(0);

        const focus = newest[0] ? newest[0].to.id : null;
        const nodes = results.web ? results.web.nodes : [];
        webEmpty.hidden = nodes.length > 0;
        webBox.hidden = !nodes.length;
        const left = nodes.length ? graph.render(results.web, { focusId: focus }) : 0;
        setText(webNote, left > 0 ? `The ${nodes.length - left} most appreciated of ${nodes.length} people` : "");
        webNote.hidden = left <= 0;

        setText(count, `${results.appreciated} of ${plural(results.total, "person", "people")} appreciated`);
        meterFill.style.width = `${results.total ? Math.round((results.appreciated / results.total) * 100) : 0}%`;
        setText(onWall, results.cards.length ? `${plural(results.cards.length, "kudos", "kudos")} on the wall` : "");

        const waiting = Math.max(0, results.total - results.appreciated);
        const everyone = results.total > 1 && waiting === 0;
        if (nudges !== null && results.nudges > nudges && waiting > 0) showBanner(nudgeText(waiting), "nudge");
        else if (!banner.hidden && banner.dataset.tone === "nudge") {
          if (waiting > 0) setText(banner, nudgeText(waiting));
          else banner.hidden = true;
        }
        nudges = results.nudges;
        fitWall(items); // last: the count and the banner above change the wall's height
        if (everyone && !everyoneCelebrated) {
          everyoneCelebrated = true;
          if (!first) {
            showBanner("Everyone has been appreciated — thank you, all of you!", "everyone");
            confetti.burst({ pieces: 120 });
            if (room.event && room.event.sound) sound.chime(2);
          }
        }
        first = false;
      },
      stop() {
        clearTimeout(bannerTimer);
      },
    };
  },
};

export default {
  name: "kudos", label: "Kudos round", hint: "Appreciate a colleague",
  description: "Everyone thanks named colleagues with a category and a message; you approve each kudos before the wall shows it.",
  timerLabel: "Time to send",
  timerDefault: "180",
  ownWaiting: true,
  screen, phone, host,
};
