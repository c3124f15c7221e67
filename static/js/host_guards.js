// The room's guards in the players panel: the player cap (room:settings), banning a player behind a confirmation
// (player:ban) and the banned names with their Unban buttons (player:unban). Text goes in through textContent only.
import { byId, h, setText } from "./dom.js";
import { t, tn } from "./i18n.js";
import { focusNearRow, openDialog } from "./host_common.js";

const CAP_MAX = 5000;

/** The cap in the event view: a positive whole number, or null for no cap. */
export function playerCap(room) {
  const cap = room.event ? room.event.player_cap : null;
  return Number.isInteger(cap) && cap > 0 ? cap : null;
}

export function mountRoomGuards({ room, act }) {

  // ---------- Player cap ----------
  const capForm = byId("cap-form");
  const capInput = byId("cap-input");
  const capError = byId("cap-error");
  let shownCap; // the server's cap last put in the input (undefined: never)

  capInput.addEventListener("input", () => {
    capInput.removeAttribute("aria-invalid");
    setText(capError, "");
  });

  capForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const raw = capInput.value.trim();
    let cap = null;
    if (raw !== "" || capInput.validity.badInput) {
      cap = Number(raw);
      if (capInput.validity.badInput || !Number.isInteger(cap) || cap < 1 || cap > CAP_MAX) {
        capInput.setAttribute("aria-invalid", "true");
        setText(capError, t("Enter a whole number from 1 to %(max)d, or leave it empty for no cap.", { max: CAP_MAX }));
        capInput.focus();
        return;
      }
    }
    const ack = await act(byId("cap-save"), capError, "room:settings", { player_cap: cap });
    if (ack.ok) {
      shownCap = cap;
      capInput.value = cap === null ? "" : String(cap);
    }
  });

  function renderCap() {
    const cap = playerCap(room);
    // Only overwrite the input when the server's cap changed and the facilitator is not typing in it.
    if (cap !== shownCap && document.activeElement !== capInput) {
      shownCap = cap;
      capInput.value = cap === null ? "" : String(cap);
    }
    const count = room.rosterCount;
    setText(byId("cap-hint"), cap === null
      ? t("No cap: leave it empty to let everyone with the code join.")
      : count >= cap
        ? tn("Cap: %(num)d player — full, new joins are turned away. Players already in stay.",
          "Cap: %(num)d players — full, new joins are turned away. Players already in stay.", cap)
        : tn("Cap: %(num)d player. Players already in stay.", "Cap: %(num)d players. Players already in stay.", cap));
    byId("cap-hint").dataset.full = String(cap !== null && count >= cap);
  }

  // ---------- Ban (behind a confirmation) ----------
  const banDialog = byId("ban-dialog");
  let pending = null; // {player, button}

  function askToBan(player, button) {
    pending = { player, button };
    setText(byId("roster-error"), "");
    setText(byId("ban-dialog-title"), t("Ban %(name)s?", { name: player.name }));
    setText(byId("ban-dialog-text"),
      t("This removes %(name)s and stops anyone joining as %(name)s in this event.", { name: player.name }));
    setText(byId("confirm-ban"), t("Ban %(name)s", { name: player.name }));
    openDialog(banDialog, button, () => byId("room-heading"));
  }

  banDialog.addEventListener("close", async () => {
    const asked = pending;
    pending = null;
    if (!asked || banDialog.returnValue !== "ban") return;
    const row = asked.button.closest(".roster__row");
    const ack = await act(asked.button, byId("roster-error"), "player:ban", { player_id: asked.player.id });
    if (ack.ok && row) {
      row.dataset.removing = "true";
      // The banned player's row goes: the focus moves to the next player's Ban, or to the players' heading.
      if (row.contains(document.activeElement) || document.activeElement === document.body) {
        focusNearRow(byId("roster"), row, ".roster__ban", byId("room-heading"));
      }
    }
  });

  // ---------- Banned names ----------
  const bannedBox = byId("banned-box");
  const bannedList = byId("banned-list");
  const bannedError = byId("banned-error");
  const bannedRows = new Map();

  function bannedRow(name) {
    const button = h("button", { type: "button", class: "btn btn--ghost btn--small banned__unban", "aria-label": t("Unban %(name)s", { name }) },
      t("Unban"));
    const row = h("li", { class: "banned__row" }, h("span", { class: "banned__name" }, name), button);
    button.addEventListener("click", async () => {
      const ack = await act(button, bannedError, "player:unban", { name });
      if (ack.ok) row.dataset.removing = "true";
    });
    return row;
  }

  function renderBanned() {
    const names = Array.isArray(room.banned) ? room.banned : [];
    const rows = names.map((name) => {
      let row = bannedRows.get(name);
      if (!row) {
        row = bannedRow(name);
        bannedRows.set(name, row);
      }
      return row;
    });
    for (const name of bannedRows.keys()) if (!names.includes(name)) bannedRows.delete(name);
    const current = Array.from(bannedList.children);
    if (current.length !== rows.length || current.some((row, i) => row !== rows[i])) {
      // Keep keyboard focus in the list when the focused row's Unban took it away.
      const hadFocus = bannedList.contains(document.activeElement);
      bannedList.replaceChildren(...rows);
      if (hadFocus && !bannedList.contains(document.activeElement)) {
        (rows[0] ? rows[0].querySelector("button") : byId("cap-input")).focus();
      }
    }
    bannedBox.hidden = names.length === 0;
  }

  return {
    askToBan,
    render() {
      renderCap();
      renderBanned();
    },
  };
}
