// Time help in the facilitator's roster (WCAG 2.2.1 Timing Adjustable): for a player who asks, extra time on every
// timer or no time limit at all. Their phone counts down to their own deadline; the big screen keeps the room's
// time and the activity waits for them before it closes by itself. Only the console sees who has help.
//
//   const timeHelp = mountTimeHelp({ room, act });
//   const el = timeHelp.control(player);   // once per roster row
//   timeHelp.update(el, player);            // on every roster change
import { h, setText } from "./dom.js";
import { t } from "./i18n.js";

const UNTIMED = "untimed";

/** The choices, in the order the menu lists them; `extra_s` is what the server takes (0, 15, 30, 60, 120). */
function choices() {
  return [
    { value: "0", label: t("Standard timer") },
    { value: "15", label: t("+15 s") },
    { value: "30", label: t("+30 s") },
    { value: "60", label: t("+1 min") },
    { value: "120", label: t("+2 min") },
    { value: UNTIMED, label: t("No time limit") },
  ];
}

/** The menu's value for a roster row's help. */
function valueOf(player) {
  if (player.untimed) return UNTIMED;
  return String(player.extra_time_s || 0);
}

/** What the server is sent for a menu value. */
function payloadFor(playerId, value) {
  return value === UNTIMED
    ? { player_id: playerId, extra_s: 0, untimed: true }
    : { player_id: playerId, extra_s: Number(value), untimed: false };
}

/**
 * The time-help menu of each roster row. `act` is the console's createAct(room); errors go to `errorEl` (the
 * roster's error line by default), as the row's other actions do. `room` is taken as the console's other mount*
 * parts take it; what a row shows comes from the roster entry passed to control() and update().
 */
export function mountTimeHelp({ room, act, errorEl = null }) { // eslint-disable-line no-unused-vars
  const errorTarget = () => errorEl || document.getElementById("roster-error");
  const parts = new WeakMap();

  function control(player) {
    const id = `time-help-${player.id}`;
    const label = h("label", { class: "visually-hidden", for: id });
    const select = h("select", { class: "select roster__time-help", id });
    select.replaceChildren(...choices().map((choice) => h("option", { value: choice.value }, choice.label)));
    const element = h("span", { class: "roster__help" }, label, select);
    const state = { label, select, player, sending: false };
    parts.set(element, state);

    select.addEventListener("change", async () => {
      const chosen = select.value;
      state.sending = true;
      const ack = await act(select, errorTarget(), "player:time_help", payloadFor(state.player.id, chosen));
      state.sending = false;
      if (ack.ok) {
        // Shown at once; the roster that follows confirms it.
        state.player = { ...state.player, extra_time_s: chosen === UNTIMED ? 0 : Number(chosen), untimed: chosen === UNTIMED };
      }
      select.value = valueOf(state.player); // refused: back to what the server holds
      select.focus(); // the menu was disabled while waiting, which drops the focus
    });
    update(element, player);
    return element;
  }

  function update(element, player) {
    const state = parts.get(element);
    if (!state || !player) return;
    state.player = player;
    setText(state.label, t("Time help for %(name)s", { name: player.name }));
    element.dataset.help = player.untimed ? "untimed" : player.extra_time_s ? "extra" : "none";
    // Not while the facilitator's own choice is on its way: the ack settles it.
    if (!state.sending && state.select.value !== valueOf(player)) state.select.value = valueOf(player);
  }

  return { control, update };
}
