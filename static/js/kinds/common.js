// What the icebreaker kinds' browser parts share: the console's prompt picker (own text, a prompt from the pack, or
// a shuffled one new to the room), the phone's big choice buttons and its "sent" line, and simple count bars.
import { h, setText } from "../dom.js";
import { OPTION_LETTERS, fitText } from "../ui.js";
import { formatNumber, language, t } from "../i18n.js";

/** The prompt depths as [value, label], in the page's language. */
const depthLabels = () => [["light", t("Light")], ["medium", t("Medium")], ["deeper", t("Deeper")]];

/** What a depth means, in one line. */
export function depthHint(depth) {
  if (depth === "medium") return t("Medium: a little about how we work and feel.");
  if (depth === "deeper") return t("Deeper: more personal, still about work — give people time.");
  return t("Light: quick and fun, anyone can answer.");
}

let fieldIds = 0;
const nextId = (base) => `${base}-${(fieldIds += 1)}`;

/** A labelled text input or textarea for the console. */
export function textField(label, { max = 160, multiline = false, placeholder = "" } = {}) {
  const id = nextId("kf");
  const input = h(multiline ? "textarea" : "input", {
    class: multiline ? "input textarea" : "input", id, maxlength: String(max), autocomplete: "off", placeholder,
    ...(multiline ? { rows: "2" } : { type: "text" }),
  });
  const element = h("div", { class: "field" }, h("label", { class: "field__label", for: id }, label), input);
  return { element, input };
}

/** A labelled switch (a checkbox) for the console. */
export function checkField(label, checked = false) {
  const id = nextId("kc");
  const input = h("input", { type: "checkbox", id, checked });
  return { element: h("label", { class: "check-field", for: id }, input, h("span", {}, label)), input };
}

/** A labelled select for the console: options as [value, label]. */
export function selectField(label, options, value) {
  const id = nextId("ks");
  const select = h("select", { class: "select", id },
    options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)));
  return { element: h("div", { class: "field field--inline field--compact" }, h("label", { class: "field__label", for: id }, label), select), select };
}

/**
 * Where a composer's text comes from: the facilitator's own fields, a chosen prompt of the pack, or a shuffled one
 * this room has not seen. `own` is a list of {name, label, max}; `describe(text)` says a pack prompt in one line.
 */
export function promptSource({ prompts, own, describe, depths = false }) {
  const name = nextId("source");
  const mode = (value, label) => {
    const id = `${name}-${value}`;
    return h("label", { class: "source-mode", for: id },
      h("input", { type: "radio", name, id, value, checked: value === "shuffle" }), h("span", {}, label));
  };
  const ownFields = own.map((spec) => ({ ...spec, ...textField(spec.label, { max: spec.max, placeholder: spec.placeholder || "" }) }));
  const depth = depths ? selectField(t("Depth"), depthLabels(), "light") : null;
  const depthLine = depths ? h("p", { class: "field__hint" }, depthHint("light")) : null;
  const lang = selectField(t("Language"), [["en", "English"], ["es", "Español"]], language);
  const list = h("select", { class: "select prompt-list", size: "6", "aria-label": t("Prompts from the pack") });
  const ownBox = h("div", { class: "source-own", hidden: true }, ownFields.map((field) => field.element));
  const packBox = h("div", { class: "source-pack", hidden: true }, list);
  const element = h("fieldset", { class: "prompt-source" },
    h("legend", { class: "field__label" }, t("Prompt")),
    h("div", { class: "source-modes" }, mode("shuffle", t("Shuffle one new to the room")), mode("pack", t("Pick from the pack")),
      mode("own", t("Write my own"))),
    h("div", { class: "source-options" }, depth && depth.element, lang.element), depthLine, packBox, ownBox);

  const current = () => element.querySelector(`input[name="${name}"]:checked`).value;

  function refresh() {
    const chosen = current();
    ownBox.hidden = chosen !== "own";
    packBox.hidden = chosen !== "pack";
    if (depthLine) setText(depthLine, depthHint(depth.select.value));
    const all = prompts() || [];
    const shown = all.filter((item) => !depth || item.depth === depth.select.value);
    const selected = list.value;
    list.replaceChildren(...shown.map((item) => h("option", { value: item.id, selected: item.id === selected },
      `${item.used ? "✓ " : ""}${describe(item.text[lang.select.value] || item.text.en)}`)));
    if (!list.value && shown.length) list.value = (shown.find((item) => !item.used) || shown[0]).id;
  }

  element.addEventListener("change", refresh);
  refresh();

  function read() {
    const chosen = current();
    const language = lang.select.value;
    if (chosen === "shuffle") return { settings: { shuffle: true, lang: language, ...(depth ? { depth: depth.select.value } : {}) } };
    if (chosen === "pack") {
      if (!list.value) return { problem: t("Choose a prompt from the list."), focus: list };
      return { settings: { prompt_id: list.value, lang: language } };
    }
    const settings = { lang: language };
    for (const field of ownFields) {
      const value = field.input.value.trim();
      if (!value && !field.optional) return { problem: t("Fill in “%(field)s” first.", { field: field.label }), focus: field.input };
      if (value) settings[field.name] = value;
    }
    return { settings };
  }

  function reset() {
    for (const field of ownFields) field.input.value = "";
  }

  return { element, read, reset, refresh };
}

/** A big answer button for the phone: a letter (or mark) and the text. */
export function choiceButton(text, index, onClick, mark = OPTION_LETTERS[index]) {
  return h("button", { type: "button", class: "choice", dataset: { index: String(index) }, on: { click: onClick } },
    h("span", { class: "choice__letter", "aria-hidden": "true" }, mark), h("span", { class: "choice__text" }, text));
}

/** The phone's pass button. */
export function passButton(onClick, text = t("Pass")) {
  return h("button", { type: "button", class: "btn btn--ghost btn--big btn--block pass-button", on: { click: onClick } }, text);
}

/** The console's "Show again" for a revealed item of a kind shown one at a time: back on the big screen, no timer. */
export function showAgain(item, control) {
  const button = h("button", { type: "button", class: "btn btn--small" }, t("Show again"));
  button.addEventListener("click", (event) => control({ action: "show", item }, event.currentTarget));
  return button;
}

/** A calm status line for the phone ("Sent — watch the big screen"), read out by screen readers. */
export function statusLine() {
  return h("p", { class: "kind-status", role: "status", "aria-live": "polite" });
}

/** Count bars: rows of [label, count], widths relative to the total. */
export function countBars(list, rows, total) {
  list.replaceChildren(...rows.map(([label, count], index) => {
    const share = total ? Math.round((count / total) * 100) : 0;
    return h("li", { class: "kind-bar", dataset: { index: String(index) } },
      h("span", { class: "kind-bar__label" }, label),
      h("span", { class: "kind-bar__value" }, `${formatNumber(count)} · ${formatNumber(share)}%`),
      h("span", { class: "kind-bar__track", "aria-hidden": "true" },
        h("span", { class: "kind-bar__fill", style: { width: `${share}%` } })));
  }));
}

/** The phone's own stored response to this activity, or null. */
export function myResponse(room, activity) {
  return room.myResponse && room.myResponse.activity_id === activity.id ? room.myResponse : null;
}

/**
 * Keeps a kind's content on the big screen inside its body: fit() lowers --fit (kinds.css sizes everything in
 * --ku = --u × --fit) until nothing spills, again whenever the body changes size. stop() when the view leaves.
 */
export function fitScreenBody(body) {
  const fit = () => fitText(body, { min: 0.4, max: 1, steps: 6 });
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(() => fit()) : null;
  if (observer) observer.observe(body);
  return {
    fit,
    stop() {
      if (observer) observer.disconnect();
      body.style.removeProperty("--fit");
    },
  };
}

/**
 * On the phone, keeps `target` (the field's send button, or what answers) in view above the on-screen keyboard
 * while `input` has the focus: the keyboard shrinks the visual viewport after the focus, so it is revealed again then.
 */
export function keepInView(input, target = input) {
  const reveal = () => {
    if (document.activeElement === input && !target.hidden) target.scrollIntoView({ block: "nearest" });
  };
  input.addEventListener("focus", () => {
    requestAnimationFrame(reveal);
    setTimeout(reveal, 350); // after the keyboard's slide
  });
  if (window.visualViewport) window.visualViewport.addEventListener("resize", reveal);
}

/** A kind's screen part whose body fits itself after each render (and gets `fit` in its context for later changes). */
export function fittedScreen(part) {
  return {
    mount(body, context = {}) {
      const fitter = fitScreenBody(body);
      const view = part.mount(body, { ...context, fit: fitter.fit });
      return {
        render(activity) {
          view.render(activity);
          fitter.fit();
        },
        stop() {
          if (view.stop) view.stop();
          fitter.stop();
        },
      };
    },
  };
}
