// The one shared client: owns the socket, the room's versioned state, reconnection and the server clock.
import { io } from "/vendor/socket.io.esm.min.js";
import { h, setText } from "./dom.js";
import { language, t } from "./i18n.js";

/** Connection refusals that retrying cannot fix: the page must show a closing view instead. */
const FINAL_CONNECT_ERRORS = new Set(["invalid_payload", "room_not_found", "unauthorized", "removed"]);
const DEFAULT_REQUEST_TIMEOUT_MS = 8000;
const CLOCK_SAMPLES_KEPT = 8;

const CONNECTION_LABELS = {
  connecting: () => t("Connecting…"),
  online: () => t("Connected"),
  reconnecting: () => t("Reconnecting…"),
  stopped: () => t("Offline"),
};

/**
 * A live view of one room for one role.
 *
 *   const room = new RoomClient({ role: "host", code, key });
 *   room.on("change", (room, why) => render(room));
 *   room.start();
 *
 * State kept: version, event, teams, activity, roster, rosterCount, me, myResponse, mine (a kind's private part for
 * this phone, e.g. the next co-op question), teamView (the live view of this phone's team), scores, links, and for
 * the host agenda and banned (the names it banned).
 *
 * Events: "change" (why: "snapshot" | "state" | "roster" | "results" | "my_response" | "me" | "team" | "scores" | "mine"),
 *         "status" ("connecting" | "online" | "reconnecting" | "stopped"),
 *         "final" ({code, message}: the server refused this seat for good, or removed the player).
 */
export class RoomClient {
  constructor(auth) {
    this.auth = auth;
    this.role = auth.role;
    this.version = null;
    this.event = null;
    this.activity = null;
    this.roster = [];
    this.rosterCount = 0;
    this.me = null;
    this.myResponse = null;
    this.teams = [];
    this.mine = null;
    this.agenda = [];
    this.banned = [];
    this.teamView = null;
    this.scores = null;
    this.links = null;
    this.status = "connecting";
    this.hasSnapshot = false;
    this.clockSamples = [];
    this.listeners = { change: [], status: [], final: [] };
    this.retryTimer = null;
    this.retryDelayMs = 1000;
    this.socket = null;
    this.stopped = false;
  }

  on(type, listener) {
    this.listeners[type].push(listener);
    return this;
  }

  off(type, listener) {
    this.listeners[type] = this.listeners[type].filter((known) => known !== listener);
    return this;
  }

  emitLocal(type, detail) {
    for (const listener of [...this.listeners[type]]) listener(this, detail);
  }

  start() {
    this.socket = io({
      auth: this.auth,
      // The page's language rides on the handshake, so the server's refusals in acks speak it too.
      query: { lang: language },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10000,
    });
    const socket = this.socket;
    socket.on("connect", () => {
      this.retryDelayMs = 1000;
      this.setStatus("online");
    });
    socket.on("disconnect", (reason) => {
      if (this.stopped) return;
      this.setStatus("reconnecting");
      // The server closed this connection itself (restart, kick): Socket.IO will not come back on its own.
      if (reason === "io server disconnect") this.scheduleReconnect();
    });
    socket.on("connect_error", (error) => this.handleConnectError(error));
    socket.on("snapshot", (snapshot) => this.applySnapshot(snapshot, { replace: true }));
    socket.on("state", (state) => this.applyState(state));
    socket.on("roster", (roster) => this.applyRoster(roster));
    socket.on("results", (update) => this.applyResults(update));
    socket.on("removed", (info) => this.finish({ code: "removed", ...info }));
    socket.on("me", (me) => this.applyMe(me));
    socket.on("team", (update) => this.applyTeamView(update));
    socket.on("mine", (update) => this.applyMine(update));
    socket.on("scores", (scores) => this.applyScores(scores));

    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.refreshAfterWake();
    });
    window.addEventListener("online", () => this.refreshAfterWake());
    return this;
  }

  /** Stop for good: no more reconnecting. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.disconnect();
    this.setStatus("stopped");
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emitLocal("status", status);
  }

  handleConnectError(error) {
    if (this.stopped) return;
    const refusal = readRefusal(error);
    if (FINAL_CONNECT_ERRORS.has(refusal.code)) {
      this.finish(refusal);
      return;
    }
    this.setStatus("reconnecting");
    // A refusal by the server's connect handler leaves the socket inactive; transport errors retry by themselves.
    if (!this.socket.active) this.scheduleReconnect();
  }

  scheduleReconnect() {
    clearTimeout(this.retryTimer);
    const delay = this.retryDelayMs * (0.75 + Math.random() / 2);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 15000);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  refreshAfterWake() {
    if (this.stopped || !this.socket) return;
    if (this.socket.connected) this.sync();
    else if (!this.socket.active) this.socket.connect();
  }

  finish(refusal) {
    this.stop();
    this.emitLocal("final", refusal);
  }

  /**
   * Send a client event and wait for its ack. Never throws: a timeout or a lost connection resolves
   * to an error envelope like the server's, so callers handle one shape.
   */
  async request(name, payload, { timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = {}) {
    if (this.stopped) {
      return failure("offline", t("This page is no longer connected to the room."));
    }
    try {
      const ack = await this.socket.timeout(timeoutMs).emitWithAck(name, payload);
      if (ack && typeof ack === "object") return ack;
      return failure("bad_ack", t("The server sent an answer this page does not understand."));
    } catch {
      return failure("timeout", t("No answer from the server. Check the connection and try again."));
    }
  }

  /** Ask for a fresh snapshot (after a version gap or when the page wakes up). */
  async sync() {
    const sentAt = Date.now();
    const ack = await this.request("sync", {});
    if (ack.ok && ack.snapshot) {
      this.applySnapshot(ack.snapshot, { replace: false, roundTrip: [sentAt, Date.now()] });
    }
    return ack;
  }

  /** Milliseconds since the epoch on the server's clock. */
  serverNow() {
    return Date.now() + this.clockOffset();
  }

  clockOffset() {
    if (this.clockSamples.length === 0) return 0;
    // Every sample arrives late by the network delay, so the largest offset is the closest to the truth.
    return Math.max(...this.clockSamples);
  }

  recordServerTime(serverTime, roundTrip) {
    if (typeof serverTime !== "number") return;
    const receivedAt = roundTrip ? (roundTrip[0] + roundTrip[1]) / 2 : Date.now();
    this.clockSamples.push(serverTime - receivedAt);
    if (this.clockSamples.length > CLOCK_SAMPLES_KEPT) this.clockSamples.shift();
  }

  applySnapshot(snapshot, { replace, roundTrip = null }) {
    if (!snapshot) return;
    this.recordServerTime(snapshot.server_time, roundTrip);
    // A sync answer can be overtaken by a newer state; a snapshot sent on (re)connect always wins.
    const isCurrent = replace || this.version === null || snapshot.version >= this.version;
    if (isCurrent) {
      this.version = snapshot.version;
      this.event = snapshot.event;
      this.teams = snapshot.teams || [];
      if (snapshot.agenda !== undefined) this.agenda = snapshot.agenda;
      if (snapshot.banned !== undefined) this.banned = snapshot.banned;
      this.activity = snapshot.activity;
      if (snapshot.me !== undefined) this.me = snapshot.me;
      if (snapshot.my_response !== undefined) this.myResponse = snapshot.my_response;
      if (snapshot.mine !== undefined) this.mine = snapshot.mine;
      if (snapshot.team_view !== undefined) this.teamView = snapshot.team_view;
      if (snapshot.links) this.links = snapshot.links;
    }
    if (snapshot.scores) this.scores = snapshot.scores;
    if (Array.isArray(snapshot.roster)) {
      this.roster = snapshot.roster;
      this.rosterCount = snapshot.roster.length;
    }
    if (snapshot.blocked) this.blocked = snapshot.blocked; // host only: attempts the room's guards refused
    this.hasSnapshot = true;
    this.emitLocal("change", "snapshot");
  }

  applyState(state) {
    if (!state || typeof state.version !== "number") return;
    if (this.version !== null && state.version <= this.version) return;
    const missedSome = this.version === null || state.version > this.version + 1;
    this.recordServerTime(state.server_time);
    const previousActivityId = this.activity ? this.activity.id : null;
    this.version = state.version;
    this.event = state.event;
    this.teams = state.teams || [];
    if (state.agenda !== undefined) this.agenda = state.agenda; // the facilitator's plan
    if (state.banned !== undefined) this.banned = state.banned; // the names the facilitator banned
    this.activity = state.activity;
    const activityId = state.activity ? state.activity.id : null;
    if (activityId !== previousActivityId) {
      this.myResponse = null;
      this.mine = null;
      this.teamView = null;
      // A phone's private part of the new activity (its first co-op question) comes with a snapshot.
      if (this.role === "player" && activityId !== null && !missedSome) this.sync();
    }
    this.emitLocal("change", "state");
    if (missedSome) this.sync();
  }

  applyRoster(update) {
    if (!update || !Array.isArray(update.players)) return;
    this.roster = update.players;
    this.rosterCount = typeof update.count === "number" ? update.count : update.players.length;
    if (update.blocked) this.blocked = update.blocked;
    this.emitLocal("change", "roster");
  }

  applyResults(update) {
    if (!update || !this.activity || update.activity_id !== this.activity.id) return;
    this.activity = { ...this.activity, results: update.results };
    if (update.waiting !== undefined) this.activity.waiting = update.waiting; // the host's "still to answer"
    this.emitLocal("change", "results");
  }

  applyMe(me) {
    if (!me || typeof me.id !== "number") return;
    this.me = me;
    this.emitLocal("change", "me");
  }

  applyTeamView(update) {
    if (!update || !this.activity || update.activity_id !== this.activity.id) return;
    this.teamView = update.view;
    this.emitLocal("change", "team");
  }

  applyMine(update) {
    if (!update || !this.activity || update.activity_id !== this.activity.id) return;
    this.mine = update.mine;
    this.emitLocal("change", "mine");
  }

  applyScores(scores) {
    if (!scores || typeof scores !== "object") return;
    this.scores = scores;
    this.emitLocal("change", "scores");
  }

  /** The team with this id from the room's teams, or null. */
  team(teamId) {
    return this.teams.find((team) => team.id === teamId) || null;
  }

  /** Record the player's own response after a successful response:submit ack (and its private part, if any). */
  setMyResponse(response, mine) {
    this.myResponse = response;
    if (mine !== undefined) this.mine = mine;
    this.emitLocal("change", "my_response");
  }
}

function failure(code, message) {
  return { ok: false, error: { code, message } };
}

/**
 * The {code, message} of a connect_error, whichever way the server packed it: python-socketio sends
 * ConnectionRefusedError(message, data) as {message, data}, and a lone dict argument as its string form.
 */
export function readRefusal(error) {
  const data = error && error.data;
  const candidates = [data, Array.isArray(data) ? data[0] : null, error];
  for (const candidate of candidates) {
    if (candidate && typeof candidate === "object" && typeof candidate.code === "string") {
      return { code: candidate.code, message: candidate.message || (error && error.message) || "" };
    }
  }
  const text = [typeof data === "string" ? data : "", (error && error.message) || ""].join(" ");
  for (const code of FINAL_CONNECT_ERRORS) {
    if (text.includes(code)) return { code, message: friendlyRefusal(code) };
  }
  return { code: "connect_failed", message: (error && error.message) || t("Could not reach the server.") };
}

function friendlyRefusal(code) {
  return {
    invalid_payload: () => t("This page could not identify itself to the room."),
    room_not_found: () => t("This room does not exist any more."),
    unauthorized: () => t("This link or seat is not valid for this room."),
    removed: () => t("You were removed from this room."),
  }[code]();
}

/**
 * A small live connection indicator (a dot and a word) inside `container`;
 * it says "Reconnecting…" whenever the socket is down.
 */
export function mountConnectionIndicator(room, container) {
  const label = h("span", { class: "connection__label" });
  const indicator = h("span", { class: "connection", role: "status", "aria-live": "polite" },
    h("span", { class: "connection__dot", "aria-hidden": "true" }), label);
  container.replaceChildren(indicator);
  const show = (status) => {
    indicator.dataset.status = status;
    setText(label, CONNECTION_LABELS[status] ? CONNECTION_LABELS[status]() : status);
  };
  show(room.status);
  room.on("status", (_room, status) => show(status));
  return indicator;
}

/** A fresh id for one answer attempt (retries of the same attempt reuse it). */
export function newRequestId() {
  if (globalThis.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
