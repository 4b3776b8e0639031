// Small helpers shared by the coin and simplex explorers: elements, sliders that work from the
// keyboard, a throttled live region, number formatting and axis ticks.
import { fixed } from "./math.js";
import { tr } from "./i18n.js";

export { fixed };

export const COLOURS = {
  blue: "#0072B2", orange: "#E69F00", green: "#009E73", vermillion: "#D55E00",
  sky: "#56B4E9", purple: "#CC79A7", black: "#000000", grey: "#999999",
};

const SVGNS = "http://www.w3.org/2000/svg";
let counter = 0;
export const uid = (stem) => `ld-${stem}-${++counter}`;

/** An HTML element with attributes (and optional text), appended to `parent`. */
export function el(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

/** An SVG element with attributes, appended to `parent`. */
export function svg(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// Only what the coin and simplex add to explorers.css (which hides the snapshot on screen, shows
// it in print, and styles .ld-app, .ld-row, .ld-message, .ld-readouts, .ld-sr-only).
const STYLE = `
.ld-app svg { display: block; width: 100%; height: auto; }
.ld-app .ld-figs { display: flex; flex-wrap: wrap; gap: 0.5em; }
.ld-app .ld-figs > svg { flex: 1 1 300px; max-width: 440px; }
.ld-app.ld-simplex .ld-figs > svg { flex: 0 1 300px; }
.ld-app .ld-row > label:first-child { min-width: 6.5em; }
.ld-app .ld-row input[type=range] { width: min(20em, 55vw); accent-color: #0072B2; }
.ld-app .ld-row input[type=text] { width: 11em; }
.ld-app .ld-key span { white-space: nowrap; margin-right: 1em; }
.ld-app .ld-key svg { display: inline; width: 2em; height: 0.8em; vertical-align: middle; }`;

/** Build the explorer's container inside `root` (explorers.css then hides the snapshot on
 * screen and keeps it for print). Returns the container and the message area. */
export function start(root, kind, label) {
  if (!document.getElementById("ld-explorer-style")) {
    el("style", { id: "ld-explorer-style" }, document.head, STYLE);
  }
  const app = el("div", { class: `ld-app ld-${kind}`, role: "group", "aria-label": label }, root);
  const message = el("div", { class: "ld-message", "data-message": "", role: "alert" });
  root.classList.add("ld-live");
  return { app, message };
}

/** The snapshot stays: the settings cannot be read. Says why, in the page and on the root. */
export function refuse(root, app, message, reason) {
  app.appendChild(message);
  message.textContent = tr("cannot", { reason });
  root.dataset.explorerError = reason;
  root.classList.remove("ld-live");
}

/** A labelled range input in [min, max] with continuous values and explicit keyboard steps:
 * arrows move by `step`, Page Up/Down by `page`, Home/End jump to the ends. `onValue(v)` is
 * called with the new value. */
export function slider(parent, { label, min = 0, max = 1, step = 0.01, page = 0.1, value, onValue }) {
  const row = el("div", { class: "ld-row" }, parent);
  const id = uid("slider");
  el("label", { for: id }, row, label);
  const input = el("input", { id, type: "range", min, max, step: "any" }, row);
  input.value = value;
  input.addEventListener("input", () => onValue(Number(input.value)));
  input.addEventListener("keydown", (ev) => {
    const v = Number(input.value);
    const up = (s) => Number(((Math.floor(v / s + 1e-9) + 1) * s).toFixed(12));
    const down = (s) => Number(((Math.ceil(v / s - 1e-9) - 1) * s).toFixed(12));
    const round = (x) => Number((Math.round(x / step) * step).toFixed(12));
    const moves = {
      ArrowRight: up(step), ArrowUp: up(step), ArrowLeft: down(step), ArrowDown: down(step),
      PageUp: round(v + page), PageDown: round(v - page), Home: min, End: max,
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    const next = Math.min(max, Math.max(min, moves[ev.key]));
    input.value = next;
    onValue(next);
  });
  return input;
}

/** Write text into a live region at most every `ms` milliseconds (the last call always lands). */
export function throttled(write, ms = 500) {
  let last = -Infinity;
  let timer = null;
  let pending = null;
  const flush = () => {
    timer = null;
    last = performance.now();
    write(pending);
  };
  return (value) => {
    pending = value;
    if (timer !== null) return;
    const wait = last + ms - performance.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
}

/** One paint per frame: `schedule()` asks for `draw()` on the next animation frame. */
export function frame(draw) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  };
}

const SUP = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
/** An integer in superscript digits, e.g. sup(-15) === "⁻¹⁵". */
export const sup = (k) => [...String(k)].map((c) => SUP[c]).join("");
/** Scientific notation for reading, e.g. 2.2730 × 10⁻¹⁵. */
export function sci(x, digits = 4) {
  if (!Number.isFinite(x)) return fixed(x);
  if (x === 0) return "0";
  const [m, e] = x.toExponential(digits).split("e");
  return `${m.replace("-", "−")} × 10${sup(Number(e))}`;
}

/** Round tick values covering [lo, hi], about `n` of them. */
export function ticks(lo, hi, n = 5) {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) out.push(k * step);
  return out;
}

/** A plot frame: maps data to SVG coordinates, draws axes with ticks and labels. */
export function axes(parent, { x0, y0, w, h, xlim, ylim, xlabel, ylabel, xfmt, yfmt, clip }) {
  const sx = (x) => x0 + ((x - xlim[0]) / (xlim[1] - xlim[0])) * w;
  const sy = (y) => y0 + h - ((y - ylim[0]) / (ylim[1] - ylim[0])) * h;
  const g = svg("g", { "font-size": 14, fill: "currentColor" }, parent);
  svg("rect", { x: x0, y: y0, width: w, height: h, fill: "none", stroke: "currentColor", "stroke-opacity": 0.5 }, g);
  for (const t of ticks(xlim[0], xlim[1])) {
    svg("line", { x1: sx(t), x2: sx(t), y1: y0 + h, y2: y0 + h + 4, stroke: "currentColor" }, g);
    svg("text", { x: sx(t), y: y0 + h + 18, "text-anchor": "middle" }, g, xfmt(t));
  }
  for (const t of ticks(ylim[0], ylim[1])) {
    svg("line", { x1: x0 - 4, x2: x0, y1: sy(t), y2: sy(t), stroke: "currentColor" }, g);
    svg("text", { x: x0 - 6, y: sy(t) + 4, "text-anchor": "end" }, g, yfmt(t));
  }
  svg("text", { x: x0 + w / 2, y: y0 + h + 38, "text-anchor": "middle" }, g, xlabel);
  svg("text", { x: 14, y: y0 + h / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${y0 + h / 2})` }, g, ylabel);
  svg("clipPath", { id: clip }, g).appendChild(svg("rect", { x: x0, y: y0, width: w, height: h }));
  return { sx, sy, g: svg("g", { "clip-path": `url(#${clip})` }, parent) };
}

/** Points as an SVG polyline `points` string, with y clamped so the path stays near the frame. */
export function points(xs, ys, sx, sy, lo, hi) {
  let s = "";
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (Number.isNaN(y)) continue;
    s += `${sx(xs[i]).toFixed(1)},${sy(Math.min(hi, Math.max(lo, y))).toFixed(1)} `;
  }
  return s;
}
