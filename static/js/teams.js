// Team marks shared by every view: a team is always its colour AND its shape, never colour alone.
import { h } from "./dom.js";
import { formatNumber, language } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

/** SVG path data for each team shape, drawn in a 24×24 box. */
const SHAPES = {
  star: "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z",
  circle: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z",
  triangle: "M12 3l9.5 17h-19z",
  diamond: "M12 2l9 10-9 10-9-10z",
  square: "M4 4h16v16H4z",
  hexagon: "M7 3.5h10l5 8.5-5 8.5H7l-5-8.5z",
  heart: "M12 21s-8.5-5.6-8.5-11.4A4.6 4.6 0 0 1 12 6.9a4.6 4.6 0 0 1 8.5 2.7C20.5 15.4 12 21 12 21z",
  bolt: "M13.5 2L4 13.5h6.5L9 22l10-12h-6.5z",
};

/** The team's shape filled with its colour, as an inline SVG (decorative: the name says who it is). */
export function teamShape(team, { size = 24 } = {}) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "team-shape");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", SHAPES[team.icon] || SHAPES.circle);
  path.setAttribute("fill", team.colour);
  path.setAttribute("stroke", "rgba(0,0,0,.55)");
  path.setAttribute("stroke-width", "1.2");
  path.setAttribute("stroke-linejoin", "round");
  svg.appendChild(path);
  return svg;
}

/** A chip with the team's shape and name; `--team-colour` is set on it for borders and accents. */
export function teamChip(team, { size = 20, className = "" } = {}) {
  const chip = h("span", { class: `team-chip ${className}`.trim(), dataset: { teamId: String(team.id) } },
    teamShape(team, { size }), h("span", { class: "team-chip__name" }, team.name));
  chip.style.setProperty("--team-colour", team.colour);
  return chip;
}

/** "1st", "2nd", "3rd", "4th"… in English; "1.º", "2.º"… in Spanish. */
export function ordinal(rank) {
  if (language === "es") return `${formatNumber(rank)}.º`;
  const tens = rank % 100;
  if (tens >= 11 && tens <= 13) return `${rank}th`;
  return `${rank}${{ 1: "st", 2: "nd", 3: "rd" }[rank % 10] || "th"}`;
}
