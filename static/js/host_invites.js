// The console's co-facilitator invites (an account's event, its owner only): a new one-time link to copy.
import { byId, setText } from "./dom.js";
import { t } from "./i18n.js";

/** Wires the "New invite link" button when the console has one. */
export function mountInvites(code) {
  const button = document.getElementById("invite-create");
  if (!button) return;
  const field = byId("invite-url");
  const copy = byId("invite-copy");
  const error = byId("invite-error");
  button.addEventListener("click", async () => {
    button.disabled = true;
    setText(error, "");
    try {
      const response = await fetch(`/console/${encodeURIComponent(code)}/invites`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": document.body.dataset.csrf },
        body: "{}",
        credentials: "same-origin",
      });
      const body = await response.json();
      if (!body.ok) throw new Error(body.error ? body.error.message : t("The invite was not made."));
      field.value = body.invite_url;
      field.hidden = false;
      copy.hidden = false;
      field.select();
    } catch (err) {
      // A failed fetch or a page that is not JSON says nothing useful to a facilitator: ours says what to do.
      const ours = err && !(err instanceof TypeError) && !(err instanceof SyntaxError) ? err.message : "";
      setText(error, ours || t("The invite was not made. Please try again."));
    } finally {
      button.disabled = false;
    }
  });
}
