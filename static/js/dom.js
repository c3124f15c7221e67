// Tiny element builder: every piece of text goes in through textContent or text nodes, never as HTML.

/**
 * Build an element.
 *   h("button", { class: "btn", type: "button", on: { click: fn } }, "Start")
 * props: class, text, dataset {..}, on {event: handler}, style {prop: value}, hidden, and any attribute
 * (false/null/undefined attributes are left out, true becomes an empty attribute).
 * children: strings and numbers become text nodes; nodes are appended; arrays are flattened; null is skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = String(value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "style") Object.assign(el.style, value);
    else if (name === "on") {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (name === "hidden") el.hidden = true;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace an element's children with the given ones (same child rules as h). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Put `nodes` in `list` in this order, moving only what is out of place (a moved node restarts its animation). */
export function placeInOrder(list, nodes) {
  nodes.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
}

/** Set an element's text, touching the DOM only when it changes (keeps screen readers quiet). */
export function setText(el, text) {
  const value = text === null || text === undefined ? "" : String(text);
  if (el.textContent !== value) el.textContent = value;
  return el;
}

/** The element with this id; throws early when a template and its script disagree. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id}: missing-element`); // for developers: a template and its script disagree
  return el;
}

/** Show exactly one of several sibling sections, by id. */
export function showOnly(ids, visibleId) {
  for (const id of ids) byId(id).hidden = id !== visibleId;
}
