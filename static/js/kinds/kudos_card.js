// A kudos as its recipient keeps it (category, message, who sent it): on the phone and on the "My kudos" page.
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** "from a teammate", in the page's language (what an anonymous kudos says instead of a name). */
export function fromATeammate() {
  return t("from a teammate");
}

/** "from Bo", or "from a teammate" when it was sent anonymously; `sender` is {id, name}, a name, or null. */
export function fromLine(sender) {
  const name = sender && typeof sender === "object" ? sender.name : sender;
  return name ? t("from %(name)s", { name }) : fromATeammate();
}

/** One kept kudos as a card: {category, message, from}. Every text goes in as text, never as HTML. */
export function kudosNote(kudos, { fresh = false } = {}) {
  return h("li", { class: fresh ? "kudos-note is-new" : "kudos-note", dataset: { id: String(kudos.id) } },
    h("p", { class: "kudos-note__category" }, kudos.category),
    h("blockquote", { class: "kudos-note__message" }, t("“%(message)s”", { message: kudos.message })),
    h("p", { class: "kudos-note__from" }, t("— %(from)s", { from: fromLine(kudos.from) })));
}
