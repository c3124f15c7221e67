// The console's Teams panel: forming teams (count, how people are placed, names and colours), each team's members,
// renaming and recolouring a team, re-forming and turning teams off.
import { byId, h, setText } from "./dom.js";
import { teamChip, teamShape } from "./teams.js";
import { DEFAULT_TEAMS, MAX_TEAMS, MIN_TEAMS, TEAM_NAME_MAX, focusFirst, openDialog, radioValue, showError } from "./host_common.js";
import { t, tn } from "./i18n.js";

/** How the teams were dealt, in a line under the panel's title. */
function modeLine(mode) {
  if (mode === "arrival") return t("Dealt in order of arrival; latecomers join the smallest team.");
  if (mode === "shuffle") return t("Shuffled; latecomers join the smallest team.");
  if (mode === "pick") return t("Players pick their team on their phone.");
  return "";
}

/** Fewer people than this: two teams by default, else three. */
const SMALL_ROOM = 6;

export function mountTeamsPanel({ room, act, onChange }) {
  const form = byId("teams-form");
  const countSelect = byId("teams-count");
  const specList = byId("team-specs");
  const errorEl = byId("teams-error");
  const teamsList = byId("teams-list");
  const offDialog = byId("teams-off-dialog");

  /** The names and colours typed so far, for every position (kept when the count goes down and up again). */
  let specs = DEFAULT_TEAMS.map((team) => ({ ...team }));
  let countTouched = false;
  let reforming = false;
  const cards = new Map();

  const teamsOn = () => Boolean(room.event) && room.event.teams_mode !== "off";

  // ---------- The setup form ----------

  function specRow(index) {
    const spec = specs[index];
    const shape = h("span", { class: "team-spec__shape" }, teamShape({ ...spec, colour: spec.colour }, { size: 22 }));
    const colour = h("input", {
      class: "team-spec__colour", type: "color", id: `team-colour-${index}`, "aria-label": t("Team %(number)d colour", { number: index + 1 }),
    });
    colour.value = spec.colour.toLowerCase();
    const name = h("input", {
      class: "input team-spec__name", type: "text", id: `team-name-${index}`, maxlength: TEAM_NAME_MAX, autocomplete: "off",
      "aria-label": t("Team %(number)d name", { number: index + 1 }), required: true,
    });
    name.value = spec.name;
    colour.addEventListener("input", () => {
      spec.colour = colour.value;
      shape.replaceChildren(teamShape({ ...spec }, { size: 22 }));
    });
    name.addEventListener("input", () => {
      spec.name = name.value;
      name.removeAttribute("aria-invalid");
    });
    return h("li", { class: "team-spec" }, shape, name, colour);
  }

  function renderSpecs() {
    const count = Number(countSelect.value);
    specList.replaceChildren(...Array.from({ length: count }, (_, index) => specRow(index)));
  }

  function defaultCount() {
    return room.roster.length && room.roster.length < SMALL_ROOM ? MIN_TEAMS : 3;
  }

  for (const radio of form.querySelectorAll('input[name="teams-mode"]')) radio.addEventListener("change", () => onChange());

  countSelect.addEventListener("change", () => {
    countTouched = true;
    renderSpecs();
  });

  /** Fill the form from the current teams (when re-forming) or the defaults. */
  function prepareForm() {
    specs = DEFAULT_TEAMS.map((team) => ({ ...team }));
    if (teamsOn()) {
      room.teams.forEach((team, index) => {
        if (index < MAX_TEAMS) specs[index] = { name: team.name, colour: team.colour, icon: team.icon };
      });
      countSelect.value = String(Math.min(MAX_TEAMS, Math.max(MIN_TEAMS, room.teams.length)));
      const mode = form.querySelector(`input[name="teams-mode"][value="${room.event.teams_mode}"]`);
      if (mode) mode.checked = true;
      countTouched = true;
    } else {
      countSelect.value = String(defaultCount());
      countTouched = false;
    }
    renderSpecs();
  }

  function readForm() {
    const count = Number(countSelect.value);
    const inputs = Array.from(specList.querySelectorAll(".team-spec__name"));
    for (const input of inputs) input.removeAttribute("aria-invalid");
    const teams = specs.slice(0, count).map((spec) => ({ name: spec.name.trim(), colour: spec.colour.toUpperCase() }));
    const empty = teams.findIndex((team) => !team.name);
    if (empty >= 0) {
      inputs[empty].setAttribute("aria-invalid", "true");
      return { problem: t("Give every team a name."), focus: inputs[empty] };
    }
    const seen = new Set();
    const repeated = teams.findIndex((team) => {
      const folded = team.name.toLocaleLowerCase();
      if (seen.has(folded)) return true;
      seen.add(folded);
      return false;
    });
    if (repeated >= 0) {
      inputs[repeated].setAttribute("aria-invalid", "true");
      return { problem: t("Each team needs its own name."), focus: inputs[repeated] };
    }
    return { payload: { count, mode: radioValue(form, "teams-mode") || "arrival", teams } };
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { payload, problem, focus } = readForm();
    if (problem) {
      setText(errorEl, problem);
      focus.focus();
      return;
    }
    const ack = await act(byId("teams-submit"), errorEl, "teams:setup", payload);
    if (ack.ok) {
      reforming = false;
      onChange();
      byId("teams-heading").focus();
    }
  });

  byId("teams-reform").addEventListener("click", () => {
    reforming = true;
    setText(errorEl, "");
    prepareForm();
    onChange();
    countSelect.focus();
  });

  byId("teams-cancel").addEventListener("click", () => {
    reforming = false;
    setText(errorEl, "");
    onChange();
    byId("teams-reform").focus();
  });

  byId("teams-off").addEventListener("click", (event) => {
    setText(errorEl, "");
    openDialog(offDialog, event.currentTarget, () => byId("teams-heading"));
  });

  offDialog.addEventListener("close", async () => {
    if (offDialog.returnValue !== "off") return;
    const ack = await act(byId("teams-off"), errorEl, "teams:off", {});
    if (ack.ok) {
      reforming = false;
      prepareForm();
      onChange();
      focusFirst(countSelect, byId("teams-heading")); // the Turn-off button is gone: the setup form is next
    }
  });

  byId("teams-heading").tabIndex = -1;

  // ---------- The teams, once formed ----------

  function teamCard(team) {
    const chipHolder = h("span", { class: "team-card__chip" });
    const size = h("span", { class: "team-card__size" });
    const editButton = h("button", { type: "button", class: "btn btn--ghost btn--small team-card__edit" }, t("Edit"));
    const head = h("div", { class: "team-card__head" }, chipHolder, size, editButton);
    const members = h("p", { class: "team-card__members" });

    const nameInput = h("input", { class: "input team-card__name-input", type: "text", maxlength: TEAM_NAME_MAX, autocomplete: "off" });
    const colourInput = h("input", { class: "team-spec__colour", type: "color" });
    const save = h("button", { type: "submit", class: "btn btn--primary btn--small" }, t("Save"));
    const cancel = h("button", { type: "button", class: "btn btn--ghost btn--small" }, t("Cancel"));
    const editError = h("p", { class: "form-error", role: "alert" });
    const editForm = h("form", { class: "team-card__form", hidden: true, novalidate: true },
      h("div", { class: "team-card__form-row" }, nameInput, colourInput),
      h("div", { class: "team-card__form-row" }, save, cancel), editError);
    const item = h("li", { class: "team-card" }, head, editForm, members);
    const entry = { item, chipHolder, size, members, editButton, nameInput, colourInput, editForm, team, chipKey: "" };

    const editing = (on) => {
      editForm.hidden = !on;
      head.hidden = on;
      setText(editError, "");
      if (on) {
        nameInput.value = entry.team.name;
        colourInput.value = entry.team.colour.toLowerCase();
        nameInput.focus();
        nameInput.select();
      } else {
        editButton.focus();
      }
    };
    editButton.addEventListener("click", () => editing(true));
    cancel.addEventListener("click", () => editing(false));
    editForm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        editing(false);
      }
    });
    editForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = nameInput.value.trim();
      if (!name) {
        setText(editError, t("Give the team a name."));
        nameInput.focus();
        return;
      }
      const payload = { team_id: entry.team.id };
      if (name !== entry.team.name) payload.name = name;
      if (colourInput.value.toUpperCase() !== entry.team.colour.toUpperCase()) payload.colour = colourInput.value.toUpperCase();
      if (Object.keys(payload).length === 1) {
        editing(false);
        return;
      }
      const ack = await act(save, editError, "teams:update", payload);
      if (ack.ok) editing(false);
    });
    return entry;
  }

  function renderTeams() {
    const byTeam = new Map(room.teams.map((team) => [team.id, []]));
    const unassigned = [];
    for (const player of room.roster) {
      if (player.team_id !== null && byTeam.has(player.team_id)) byTeam.get(player.team_id).push(player);
      else unassigned.push(player);
    }
    const seen = new Set();
    const items = room.teams.map((team) => {
      seen.add(team.id);
      let entry = cards.get(team.id);
      if (!entry) {
        entry = teamCard(team);
        cards.set(team.id, entry);
      }
      entry.team = team;
      const chipKey = `${team.name}|${team.colour}|${team.icon}`;
      if (entry.chipKey !== chipKey) {
        entry.chipKey = chipKey;
        entry.chipHolder.replaceChildren(teamChip(team, { size: 22 }));
        entry.editButton.setAttribute("aria-label", t("Edit %(team)s: name and colour", { team: team.name }));
        entry.nameInput.setAttribute("aria-label", t("New name for %(team)s", { team: team.name }));
        entry.colourInput.setAttribute("aria-label", t("Colour of %(team)s", { team: team.name }));
      }
      entry.item.style.setProperty("--team-colour", team.colour);
      const people = byTeam.get(team.id);
      setText(entry.size, tn("%(num)d person", "%(num)d people", people.length));
      setText(entry.members, people.length ? people.map((p) => p.name).join(", ") : t("Nobody yet"));
      entry.members.dataset.empty = String(people.length === 0);
      return entry.item;
    });
    for (const id of cards.keys()) if (!seen.has(id)) cards.delete(id);
    const current = Array.from(teamsList.children);
    if (current.length !== items.length || current.some((item, i) => item !== items[i])) teamsList.replaceChildren(...items);

    byId("teams-unassigned").hidden = unassigned.length === 0;
    setText(byId("unassigned-count"), unassigned.length);
    setText(byId("unassigned-names"), unassigned.map((p) => p.name).join(", "));
  }

  // ---------- Rendering ----------

  function render() {
    if (!room.event) return;
    const on = teamsOn();
    if (!on) reforming = false;
    byId("teams-on").hidden = !on;
    const showForm = !on || reforming;
    if (showForm && form.hidden) prepareForm();
    form.hidden = !showForm;
    byId("teams-reform").hidden = reforming;
    byId("teams-cancel").hidden = !reforming;
    const mode = radioValue(form, "teams-mode") || "arrival";
    const placing = mode === "pick"
      ? t("Each person picks a team on their phone; you can still move anyone.")
      : t("Everyone here is dealt into a team now; people who join later go to the smallest team.");
    byId("teams-warning").hidden = !on && room.roster.length === 0;
    setText(byId("teams-warning"), on
      ? `${t("Re-forming deals everyone again: the current teams, who is in which and the team scores are replaced.")} ${placing}`
      : placing);
    setText(byId("teams-submit"), on ? t("Re-form teams") : t("Form teams"));
    setText(byId("teams-form-intro"), on
      ? t("Choose the teams again.")
      : t("Teams are off: everyone plays on their own. Team trivia and scenarios need teams."));

    const badge = byId("teams-count-badge");
    badge.hidden = !on;
    setText(badge, room.teams.length);
    setText(byId("teams-mode-line"), on ? modeLine(room.event.teams_mode) : t("Off"));
    if (on) renderTeams();

    // Until the facilitator chooses, the suggested number of teams follows the size of the room.
    if (!on && !countTouched && !form.hidden) {
      const suggested = String(defaultCount());
      if (countSelect.value !== suggested && !form.contains(document.activeElement)) {
        countSelect.value = suggested;
        renderSpecs();
      }
    }
  }

  /** Bring the setup form into view and put the focus in it (from "Set up teams" elsewhere). */
  function focusSetup() {
    const target = teamsOn() ? byId("teams-reform") : countSelect;
    byId("teams-panel").scrollIntoView({ behavior: "smooth", block: "start" });
    target.focus({ preventScroll: true });
  }

  prepareForm();
  return { render, focusSetup, showError: (ack) => showError(errorEl, ack) };
}
