// Kudos round: players appreciate named colleagues; the big screen plays the approved kudos as a wall of cards
// beside the appreciation web, and says how many people have been appreciated (never who is still waiting).
import { h, placeInOrder, setText } from "../dom.js";
import { prefersReducedMotion } from "../ui.js";
import { t, tn } from "../i18n.js";
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
    h("blockquote", { class: "wall-card__message" }, t("“%(message)s”", { message: card.message })),
    h("p", { class: "wall-card__from" }, fromLine(card.from)));
  item.addEventListener("animationend", () => item.classList.remove("is-new"), { once: true });
  return item;
}

/** "3 people are still waiting for kudos — who will you appreciate?" */
function nudgeText(waiting) {
  return tn("%(num)d person is still waiting for kudos — who will you appreciate?",
    "%(num)d people are still waiting for kudos — who will you appreciate?", waiting);
}

const screen = {
  mount(body, { sound, confetti }) {
    const banner = h("p", { class: "kudos-banner", role: "status", hidden: true });
    const wall = h("ol", { class: "kudos-wall", "aria-label": t("Kudos wall"), "aria-live": "polite" });
    const empty = h("p", { class: "kudos-wall__empty" });
    const webBox = h("div", { class: "kudos-web__box" });
    const webNote = h("figcaption", { class: "kudos-web__note" });
    const web = h("figure", { class: "kudos-web" }, h("figcaption", { class: "kudos-web__title" }, t("Who appreciated whom")), webBox, webNote);
    const webEmpty = h("p", { class: "kudos-web__empty" }, t("The web grows with every kudos"));
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
          ? t("Send kudos from your phone: they appear here once the facilitator approves them.")
          : t("Send kudos from your phone: the first one lands here."));
        // A soft sparkle for each arrival (celebrate.js keeps it quiet when the facilitator turned sound off).
        if (!first && arrived.length) {
          if (typeof sound.kudos === "function") sound.kudos();
          else sound.chime(0);
        }

        const focus = newest[0] ? newest[0].to.id : null;
        const nodes = results.web ? results.web.nodes : [];
        webEmpty.hidden = nodes.length > 0;
        webBox.hidden = !nodes.length;
        const left = nodes.length ? graph.render(results.web, { focusId: focus }) : 0;
        setText(webNote, left > 0 ? t("The %(shown)d most appreciated of %(total)d people", { shown: nodes.length - left, total: nodes.length }) : "");
        webNote.hidden = left <= 0;

        setText(count, tn("%(appreciated)d of %(num)d person appreciated", "%(appreciated)d of %(num)d people appreciated", results.total, { appreciated: results.appreciated }));
        meterFill.style.width = `${results.total ? Math.round((results.appreciated / results.total) * 100) : 0}%`;
        setText(onWall, results.cards.length ? tn("%(num)d kudos on the wall", "%(num)d kudos on the wall", results.cards.length) : "");

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
            showBanner(t("Everyone has been appreciated — thank you, all of you!"), "everyone");
            confetti.burst({ pieces: 120 });
            sound.chime(2);
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
  name: "kudos",
  get label() { return t("Kudos round"); },
  get hint() { return t("Appreciate a colleague"); },
  get description() {
    return t("Everyone thanks named colleagues with a category and a message; you approve each kudos before the wall shows it.");
  },
  get timerLabel() { return t("Time to send"); },
  timerDefault: "180",
  ownWaiting: true,
  screen, phone, host,
};
