// The appreciation web on the big screen: people on a ring, an arrow for each named kudos, a glow that grows with
// each kudos received. Sized in pixels from its box, so it reads the same on a projector and in a video tile.
import { prefersReducedMotion } from "../ui.js";
import { t, tn } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
// Beyond this many people the web keeps those who received most (a ring of 200 dots reads as a blur).
export const MAX_NODES = 60;
const LABEL_CHARS = 14;

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== null) el.textContent = text;
  return el;
}

function shortName(name) {
  const text = String(name || "?");
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

/** The screen's unit (see screen.css --u): the smaller of 1vh and 1/177.8 of the width. */
function screenUnit() {
  return Math.min(window.innerHeight / 100, window.innerWidth * 0.005625);
}

/** Sizes that depend on how many people the ring holds: fewer people, bigger everything. */
function scale(count, unit) {
  if (count <= 12) return { font: 3 * unit, node: 1.5 * unit };
  if (count <= 24) return { font: 2.5 * unit, node: 1.2 * unit };
  if (count <= 40) return { font: 2.1 * unit, node: 0.9 * unit };
  return { font: 1.9 * unit, node: 0.7 * unit };
}

const HALO = 1.7; // the glow around someone who received kudos, as a multiple of their dot

/** The people the web shows: everyone involved, or (in big rooms) the most appreciated, in the room's order. */
export function visibleNodes(nodes, max = MAX_NODES) {
  if (nodes.length <= max) return nodes;
  const order = new Map(nodes.map((node, index) => [node.id, index]));
  const kept = new Set([...nodes].filter((node) => node.received > 0)
    .sort((a, b) => b.received - a.received || order.get(a.id) - order.get(b.id)).slice(0, max).map((node) => node.id));
  return nodes.filter((node) => kept.has(node.id));
}

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The web inside `container`. render(web, {focusId}) after each change: `web` is results.web ({nodes, edges});
 * `focusId` is the person the newest kudos went to (their node is ringed). Returns how many people it left out.
 */
export function createWeb(container) {
  const root = svg("svg", { class: "kudos-web__svg", role: "img", "aria-label": t("Who appreciated whom") });
  const arrow = svg("marker", { id: "kudos-arrow", viewBox: "0 0 10 10", refX: "8", refY: "5", orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
  arrow.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: "kudos-web__arrow" }));
  const defs = svg("defs");
  defs.append(arrow);
  const edgeLayer = svg("g", { class: "kudos-web__edges" });
  const nodeLayer = svg("g", { class: "kudos-web__nodes" });
  const labelLayer = svg("g", { class: "kudos-web__labels" });
  root.append(defs, edgeLayer, nodeLayer, labelLayer);
  container.replaceChildren(root);

  const nodeEls = new Map();
  const edgeEls = new Map();
  let drawn = false;
  let size = "";

  function nodeEl(node) {
    let entry = nodeEls.get(node.id);
    if (!entry) {
      const halo = svg("circle", { class: "kudos-web__halo", r: 1 });
      const dot = svg("circle", { class: "kudos-web__dot", r: 1 });
      const body = svg("g", { class: "kudos-web__body" });
      body.append(halo, dot);
      const group = svg("g", { class: "kudos-web__node" });
      group.append(body);
      const label = svg("text", { class: "kudos-web__label" });
      entry = { group, body, halo, dot, label, fresh: drawn };
      nodeEls.set(node.id, entry);
    }
    return entry;
  }

  function render(web, { focusId = null } = {}) {
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    // A new window size moves everyone at once; only a growing web glides into place.
    const resized = size !== `${width}x${height}`;
    size = `${width}x${height}`;
    root.dataset.instant = String(resized);
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.setAttribute("width", String(width));
    root.setAttribute("height", String(height));
    const nodes = visibleNodes((web && web.nodes) || []);
    const unit = screenUnit();
    const { font, node: baseRadius } = scale(nodes.length, unit);
    const longest = Math.max(0, ...nodes.map((n) => shortName(n.name).length));
    const labelWidth = Math.min(width * 0.26, longest * font * 0.6);
    const radiusOf = (n) => baseRadius * Math.min(2.2, 1 + 0.35 * Math.sqrt(n.received || 0));
    const outerOf = (n) => radiusOf(n) * (n.received ? HALO : 1);
    const biggest = Math.max(baseRadius, ...nodes.map(outerOf));
    // An ellipse that fills the box and leaves room for the names around it.
    const rx = Math.max(unit * 4, width / 2 - labelWidth - biggest - unit);
    const ry = Math.max(unit * 4, height / 2 - font * 1.5 - biggest);
    const ring = { rx: Math.min(rx, ry * 2.2), ry: Math.min(ry, rx * 1.15) };
    const cx = width / 2;
    const cy = height / 2;

    const places = new Map();
    nodes.forEach((n, index) => {
      const angle = -Math.PI / 2 + (index / Math.max(1, nodes.length)) * Math.PI * 2;
      places.set(n.id, { x: cx + ring.rx * Math.cos(angle), y: cy + ring.ry * Math.sin(angle), angle, r: radiusOf(n), outer: outerOf(n) });
    });

    // Nodes
    const keep = new Set(nodes.map((n) => n.id));
    for (const [id, entry] of nodeEls) {
      if (!keep.has(id)) {
        entry.group.remove();
        entry.label.remove();
        nodeEls.delete(id);
      }
    }
    for (const n of nodes) {
      const entry = nodeEl(n);
      const place = places.get(n.id);
      entry.group.style.transform = `translate(${place.x.toFixed(1)}px, ${place.y.toFixed(1)}px)`;
      entry.dot.setAttribute("r", place.r.toFixed(1));
      entry.halo.setAttribute("r", place.outer.toFixed(1));
      entry.group.dataset.received = String(Math.min(n.received || 0, 5));
      entry.group.dataset.focus = String(n.id === focusId);
      entry.group.setAttribute("aria-hidden", "true");
      if (!entry.group.isConnected) {
        nodeLayer.append(entry.group);
        // Someone new in the web pops in where they belong.
        if (entry.fresh && !prefersReducedMotion() && entry.body.animate) {
          entry.body.animate([{ transform: "scale(0)", opacity: 0 }, { transform: "scale(1)", opacity: 1 }],
            { duration: 700, easing: "cubic-bezier(0.34, 1.56, 0.64, 1)" });
        }
      }
    }
    if (resized) requestAnimationFrame(() => requestAnimationFrame(() => { root.dataset.instant = "false"; }));

    // Edges: a curve from giver to recipient, bent to one side so A→B and B→A stay apart.
    const arrowSize = Math.max(8, unit * 2.2);
    arrow.setAttribute("markerWidth", arrowSize.toFixed(1));
    arrow.setAttribute("markerHeight", arrowSize.toFixed(1));
    const edges = ((web && web.edges) || []).filter((e) => places.has(e.from) && places.has(e.to) && e.from !== e.to);
    const edgeKeys = new Set(edges.map((e) => `${e.from}>${e.to}`));
    for (const [key, path] of edgeEls) {
      if (!edgeKeys.has(key)) {
        path.remove();
        edgeEls.delete(key);
      }
    }
    for (const edge of edges) {
      const key = `${edge.from}>${edge.to}`;
      const a = places.get(edge.from);
      const b = places.get(edge.to);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const length = Math.hypot(dx, dy) || 1;
      const bend = Math.min(length * 0.18, unit * 8);
      const control = { x: (a.x + b.x) / 2 - (dy / length) * bend, y: (a.y + b.y) / 2 + (dx / length) * bend };
      const towards = (from, to, by) => {
        const ux = to.x - from.x;
        const uy = to.y - from.y;
        const d = Math.hypot(ux, uy) || 1;
        return { x: from.x + (ux / d) * by, y: from.y + (uy / d) * by };
      };
      const start = towards(a, control, a.r + unit * 0.4);
      const end = towards(b, control, b.r + unit * 0.5);
      let path = edgeEls.get(key);
      const fresh = !path;
      if (fresh) {
        path = svg("path", { class: "kudos-web__edge", "marker-end": "url(#kudos-arrow)" });
        edgeEls.set(key, path);
        edgeLayer.append(path);
      }
      path.setAttribute("d", `M${start.x.toFixed(1)},${start.y.toFixed(1)} Q${control.x.toFixed(1)},${control.y.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`);
      path.style.strokeWidth = `${Math.max(2, unit * Math.min(1, 0.4 + 0.15 * (edge.count - 1))).toFixed(2)}px`;
      path.dataset.focus = String(edge.to === focusId);
      if (fresh && drawn && !prefersReducedMotion()) {
        // A new arrow draws itself from the giver to the recipient.
        const total = path.getTotalLength();
        path.style.strokeDasharray = `${total}`;
        path.style.strokeDashoffset = `${total}`;
        path.getBoundingClientRect();
        path.classList.add("is-drawing");
        path.style.strokeDashoffset = "0";
        path.addEventListener("transitionend", () => {
          path.classList.remove("is-drawing");
          path.style.strokeDasharray = "";
          path.style.strokeDashoffset = "";
        }, { once: true });
      }
    }

    // Names: the most appreciated first, each only where it does not collide with one already placed.
    const placed = [];
    const order = [...nodes].sort((p, q) => (q.id === focusId) - (p.id === focusId) || q.received - p.received);
    for (const n of order) {
      const { label } = nodeEls.get(n.id);
      const place = places.get(n.id);
      const cos = Math.cos(place.angle);
      const sin = Math.sin(place.angle);
      const gap = place.outer + unit * 0.6;
      const anchor = cos > 0.35 ? "start" : cos < -0.35 ? "end" : "middle";
      label.setAttribute("x", (place.x + cos * gap).toFixed(1));
      label.setAttribute("y", (place.y + sin * gap + (sin > 0.35 ? font * 0.8 : sin < -0.35 ? -font * 0.1 : font * 0.35)).toFixed(1));
      label.setAttribute("text-anchor", anchor);
      label.style.fontSize = `${font.toFixed(1)}px`;
      label.dataset.received = String(Math.min(n.received || 0, 5));
      label.dataset.focus = String(n.id === focusId);
      if (label.textContent !== shortName(n.name)) label.textContent = shortName(n.name);
      if (!label.isConnected) labelLayer.append(label);
      label.style.display = "";
      const box = label.getBBox();
      const padded = { x: box.x - unit * 0.3, y: box.y, width: box.width + unit * 0.6, height: box.height };
      const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
      if (!inside || placed.some((other) => overlaps(padded, other))) label.style.display = "none";
      else placed.push(padded);
    }
    drawn = true;
    const total = ((web && web.nodes) || []).length;
    root.dataset.dense = String(edges.length > 40);
    root.setAttribute("aria-label", tn("Who appreciated whom: %(people)d people, %(num)d arrow", "Who appreciated whom: %(people)d people, %(num)d arrows", edges.length, { people: total }));
    return total - nodes.length;
  }

  return { render };
}
