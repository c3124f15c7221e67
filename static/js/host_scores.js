// The console's Scores panel (team and player standings, corrections) and what the big screen shows.
import { byId, h, setText } from "./dom.js";
import { ordinal, teamChip } from "./teams.js";
import { clockTime, setSelectOptions, signed } from "./host_common.js";
import { LANGUAGE_NAMES, formatNumber, t } from "./i18n.js";

/** What the leaderboard scene shows with this board setting, in words. */
function boardHint(board, teamsOn) {
  if (board === "hidden") return t("The leaderboard shows no rankings at all; phones still show each person their own.");
  if (!teamsOn) {
    return {
      teams: () => t("Teams are off, so the leaderboard has nothing to rank: choose Top 5 or Everyone to show players."),
      top5: () => t("The leaderboard shows the five best players."),
      everyone: () => t("The leaderboard shows every player's rank."),
    }[board]?.() || "";
  }
  return {
    teams: () => t("The leaderboard shows the teams only; nobody's own rank is on screen."),
    top5: () => t("The leaderboard shows the teams and the five best players."),
    everyone: () => t("The leaderboard shows the teams and every player's rank."),
  }[board]?.() || "";
}

/** "Now showing …" for each scene of the big screen. */
function sceneLine(scene) {
  if (scene === "leaderboard") return t("Now showing the leaderboard.");
  if (scene === "podium") return t("Now showing the podium.");
  return t("Now showing the activity.");
}

function badgeIcons(badges) {
  if (!badges || !badges.length) return null;
  return h("span", { class: "badges" }, badges.map((badge) =>
    h("span", { class: "badge-icon", role: "img", "aria-label": badge.name, title: `${badge.name} — ${badge.description}` },
      badge.icon)));
}

function rankCell(rank) {
  return h("span", { class: "standing__rank", dataset: { rank: String(rank) } }, ordinal(rank));
}

function pointsCell(points) {
  return h("span", { class: "standing__points" }, h("strong", {}, formatNumber(points)), " ", t("pts"));
}

export function mountScoresPanel({ room, act }) {
  const teamList = byId("team-standings");
  const playerList = byId("player-standings");
  const targetSelect = byId("correction-target");
  const correctionForm = byId("correction-form");
  const correctionError = byId("correction-error");
  const correctionDone = byId("correction-done");
  const screenError = byId("screen-error");
  // The screen's on/off settings (board:settings): the switch, the event field it sets, and how it reads out.
  const switches = [
    { toggle: byId("sound-toggle"), field: "sound", label: t("Sound on the big screen") },
    { toggle: byId("motion-toggle"), field: "reduce_motion", label: t("Reduce motion on the big screen") },
    { toggle: byId("remote-toggle"), field: "remote", label: t("Remote mode") },
  ];
  const boardSelect = byId("board-setting");
  const languageSelect = byId("event-language");
  const languageDone = byId("language-done");
  let lastKey = "";

  // ---------- Standings ----------

  function renderStandings() {
    const scores = room.scores || { teams: [], players: [], corrections: [] };
    const teams = scores.teams || [];
    const players = scores.players || [];
    // Only rebuild when something shown changed: results arrive often, scores rarely.
    const key = JSON.stringify([teams, players, scores.corrections, room.teams]);
    if (key === lastKey) return;
    lastKey = key;

    // A team renamed a moment ago shows its new name at once (the state arrives before the scores).
    teamList.replaceChildren(...teams.map((team) =>
      h("li", { class: "standing", dataset: { teamId: String(team.id) } },
        rankCell(team.rank), h("span", { class: "standing__who" }, teamChip(room.team(team.id) || team, { size: 18 })),
        pointsCell(team.points))));
    byId("team-standings-empty").hidden = teams.length > 0;
    byId("team-standings-box").dataset.empty = String(teams.length === 0);

    playerList.replaceChildren(...players.map((player) => {
      const team = player.team_id !== null ? room.team(player.team_id) : null;
      return h("li", { class: "standing", dataset: { playerId: String(player.id) } },
        rankCell(player.rank),
        h("span", { class: "standing__who" },
          h("span", { class: "standing__name" }, player.name),
          team ? teamChip(team, { size: 14, className: "team-chip--small" }) : null,
          badgeIcons(player.badges)),
        pointsCell(player.points));
    }));
    byId("player-standings-empty").hidden = players.length > 0;

    const corrections = [...(scores.corrections || [])].reverse();
    byId("corrections").replaceChildren(...corrections.map((correction) => {
      const team = correction.team_id !== null ? room.team(correction.team_id) : null;
      const who = team ? teamChip(team, { size: 14, className: "team-chip--small" })
        : h("strong", {}, correction.target || t("A team that no longer exists"));
      return h("li", { class: "correction-item", dataset: { points: String(correction.points) } },
        h("span", { class: "correction-item__points" }, signed(correction.points)),
        h("span", { class: "correction-item__who" }, who),
        h("span", { class: "correction-item__note" }, correction.note),
        h("time", { class: "correction-item__at" }, clockTime(correction.at)));
    }));
    setText(byId("corrections-count"), corrections.length);
    byId("corrections-empty").hidden = corrections.length > 0;
  }

  // ---------- Corrections ----------

  function renderTargets() {
    const items = [{ value: "", label: t("Choose…"), disabled: true }];
    for (const team of room.teams) items.push({ value: `team:${team.id}`, label: team.name, group: t("Teams") });
    for (const player of room.roster) items.push({ value: `player:${player.id}`, label: player.name, group: t("Players") });
    setSelectOptions(targetSelect, items, { fallback: "" });
    if (!targetSelect.value) targetSelect.value = "";
  }

  correctionForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    setText(correctionDone, "");
    const pointsInput = byId("correction-points");
    const reasonInput = byId("correction-reason");
    for (const el of [targetSelect, pointsInput, reasonInput]) el.removeAttribute("aria-invalid");
    const fail = (el, message) => {
      el.setAttribute("aria-invalid", "true");
      setText(correctionError, message);
      el.focus();
    };
    const [kind, id] = (targetSelect.value || "").split(":");
    if (!id) return fail(targetSelect, t("Choose who the correction is for."));
    const points = Number(pointsInput.value.trim().replace("−", "-"));
    if (!pointsInput.value.trim() || !Number.isInteger(points) || points === 0 || Math.abs(points) > 1000) {
      return fail(pointsInput, t("Points must be a whole number from −1000 to 1000, and not 0."));
    }
    const reason = reasonInput.value.trim();
    if (!reason) return fail(reasonInput, t("Say why: the reason is kept with the correction."));
    const payload = { [kind === "team" ? "team_id" : "player_id"]: Number(id), points, reason };
    const label = targetSelect.selectedOptions[0] ? targetSelect.selectedOptions[0].textContent : "";
    const ack = await act(byId("correction-submit"), correctionError, "points:correct", payload);
    if (ack.ok) {
      pointsInput.value = "";
      reasonInput.value = "";
      setText(correctionDone, Math.abs(points) === 1
        ? t("Done: %(points)s point for %(who)s.", { points: signed(points), who: label })
        : t("Done: %(points)s points for %(who)s.", { points: signed(points), who: label }));
    }
    return undefined;
  });

  // ---------- The big screen ----------

  for (const button of document.querySelectorAll("#screen-controls [data-scene]")) {
    button.addEventListener("click", async () => {
      if (button.getAttribute("aria-pressed") === "true") return;
      const ack = await act(button, screenError, "board:show", { scene: button.dataset.scene });
      if (ack.ok) renderScreen();
    });
  }

  // The event's default language: the big screen's, and each phone's until its player picks another. Pages read it
  // when they load, so it is said plainly that they follow on their next load (nothing is reloaded for them).
  languageSelect.addEventListener("change", async () => {
    const language = languageSelect.value;
    setText(languageDone, "");
    const ack = await act(languageSelect, screenError, "board:settings", { language });
    if (!ack.ok) {
      renderScreen();
      return;
    }
    languageSelect.focus(); // act() disabled it for the wait, which took the focus away
    // This console speaks the event's language too, unless its own address or the facilitator's cookie picks one.
    const ownChoice = new URL(location.href).searchParams.has("lang") || /(^|;\s*)teamplay_lang=/.test(document.cookie);
    const name = { language: LANGUAGE_NAMES[language] };
    setText(languageDone, ownChoice
      ? t("Event language: %(language)s. The big screen and phones that have not chosen their own language switch on their next load.", name)
      : t("Event language: %(language)s. The big screen, phones that have not chosen their own language and this console switch on their next load.", name));
  });

  boardSelect.addEventListener("change", async () => {
    const ack = await act(boardSelect, screenError, "board:settings", { board: boardSelect.value });
    if (!ack.ok) renderScreen();
  });

  for (const { toggle, field } of switches) {
    toggle.addEventListener("click", () => {
      const on = toggle.getAttribute("aria-checked") === "true";
      act(toggle, screenError, "board:settings", { [field]: !on });
    });
  }

  function renderScreen() {
    const event = room.event;
    for (const button of document.querySelectorAll("#screen-controls [data-scene]")) {
      button.setAttribute("aria-pressed", String(button.dataset.scene === event.scene));
    }
    if (document.activeElement !== boardSelect) boardSelect.value = event.board;
    for (const { toggle, field, label } of switches) {
      const on = Boolean(event[field]);
      toggle.setAttribute("aria-checked", String(on));
      toggle.setAttribute("aria-label", on ? t("%(setting)s: on", { setting: label }) : t("%(setting)s: off", { setting: label }));
    }
    byId("remote-hint").hidden = !event.remote;
    const teamsOn = event.teams_mode !== "off";
    const labels = {
      teams: t("Teams only"),
      top5: teamsOn ? t("Teams and top 5 players") : t("Top 5 players"),
      everyone: teamsOn ? t("Teams and everyone") : t("Everyone"),
      hidden: t("Nothing — no rankings"),
    };
    for (const option of boardSelect.options) setText(option, labels[option.value] || option.value);
    setText(byId("board-hint"), `${sceneLine(event.scene)} ${boardHint(event.board, teamsOn)}`);
    if (document.activeElement !== languageSelect && event.language in LANGUAGE_NAMES) languageSelect.value = event.language;
  }

  function render() {
    if (!room.event) return;
    renderScreen();
    renderStandings();
    renderTargets();
  }

  return { render };
}
