// The browser's side of the one message catalogue (teamplay/translations): t() and tn() give a message in the
// page's language, and numbers and dates are written the way that language writes them.
//   t("Ban %(name)s?", { name })            tn("%(num)d vote", "%(num)d votes", count)
// The page's <html lang> names the language; its catalogue comes from /i18n/<lang>.json before any view runs.
const root = document.documentElement;
export const language = root.lang === "es" ? "es" : "en";
export const LANGUAGE_NAMES = { en: "English", es: "Español" };
const LANGUAGE_COOKIE = "teamplay_lang";
const messages = language === "en" ? {} : await loadCatalogue();

async function loadCatalogue() {
  try {
    const response = await fetch(`/i18n/${language}.json?v=${encodeURIComponent(root.dataset.catalogue || "")}`);
    if (!response.ok) return {};
    return (await response.json()).messages || {};
  } catch {
    return {}; // the English source text is shown rather than nothing
  }
}

const numbers = new Intl.NumberFormat(language);

/** A number as the page's language writes it (1,234 or 1.234). */
export function formatNumber(value) {
  return typeof value === "number" && Number.isFinite(value) ? numbers.format(value) : String(value);
}

/** A date (Date or epoch ms) in the page's language; `options` as Intl.DateTimeFormat takes them. */
export function formatDate(value, options = { dateStyle: "medium", timeStyle: "short" }) {
  return new Intl.DateTimeFormat(language, options).format(value instanceof Date ? value : new Date(value));
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/%\((\w+)\)([sd])/g, (whole, name, type) => {
    if (!(name in params)) return whole;
    return type === "d" ? formatNumber(params[name]) : String(params[name]);
  });
}

/** The message `msgid` in the page's language, its %(name)s placeholders filled from `params`. */
export function t(msgid, params) {
  const found = messages[msgid];
  return fill(typeof found === "string" ? found : msgid, params);
}

/** The singular or plural message for `count` (given as %(num)d), in the page's language. */
export function tn(singular, plural, count, params) {
  const found = messages[singular];
  const many = count !== 1;
  const text = Array.isArray(found) ? found[many ? 1 : 0] : many ? plural : singular;
  return fill(text, { num: count, ...params });
}

/** Keep `lang` as this person's language on this device (the server reads the cookie) and show the page in it. */
export function switchLanguage(lang) {
  document.cookie = [`${LANGUAGE_COOKIE}=${lang}`, "path=/", "max-age=31536000", "samesite=lax"].join("; ");
  const url = new URL(location.href);
  url.searchParams.delete("lang");
  location.replace(url.href);
}
