// The power explorer in the page: choose a true die and a number of rolls N; many experiments of
// N rolls of a fair die and of the chosen die are simulated (seeded, so a state always shows the
// same picture), and the two histograms of the likelihood-ratio statistic G are drawn with the
// chi-square density, the threshold of the test, and the share of each that the test calls
// loaded. Mirrors loaded_dice's PowerExplorer (numbers: loaded_dice.inference.compare_g).
// Root attributes: data-probabilities, data-rolls, data-experiments, data-alpha, data-seed,
// data-presets (JSON: menu label -> six probabilities). See ui.js for the shared pieces.
import { seededRandom } from "./math.js";
import { chi2Isf, chi2Pdf, simulateG } from "./inference.js";
import { COLOURS, el, svg, uid, start, slider, throttled, frame, fixed, axes } from "./ui.js";
import { tr, fillIn, nameOf } from "./i18n.js";

const FACES = 6, DF = FACES - 1, BINS = 50;
/** The notebook's slider offers 5 to 400 rolls; the page's field takes up to MAX_ROLLS. */
export const MIN_ROLLS = 5, SLIDER_MAX = 400, MAX_ROLLS = 10000, MAX_EXPERIMENTS = 20000;
const CUSTOM = tr("power.custom", {}, "en"); // the menu's value; its text is in the page's language
const W = 640, H = 330, FRAME = { x0: 70, y0: 30, w: 550, h: 240 };
const YMAX = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.0025, 0.001];
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const level = (a) => `${Number((100 * a).toPrecision(6))} %`;
const whole = (n) => n.toLocaleString("en-US");

const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:\s*\/\s*(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)?$/;

/** Six probabilities typed as "0.1, 0.2, 0.1, 0.2, 0.1, 0.3" (fractions such as 1/6 too), as
 * loaded_dice.explorers.power.parse_die reads them; throws an Error with a readable message. */
export function parseDie(text) {
  const s = String(text ?? "");
  const shown = s.length <= 60 ? s : `${s.slice(0, 57)}...`;
  const parts = s.split(",").map((p) => p.trim());
  if (parts.length !== FACES) {
    throw new Error(tr("power.faces", { faces: FACES, n: parts.length, s: shown }));
  }
  const y = parts.map((part) => {
    if (!NUMBER.test(part)) throw new Error(tr("power.notP", { part, s: shown }));
    const [a, b] = part.split("/").map(Number);
    if (b === 0) throw new Error(tr("power.zero", { part, s: shown }));
    return b === undefined ? a : a / b;
  });
  const total = y.reduce((a, b) => a + b, 0);
  if (!(Math.abs(total - 1) <= 1e-6)) {
    throw new Error(tr("power.sum", { total: Number(total.toPrecision(6)) }));
  }
  // typed rounding (0.333 …) is spread evenly, as the library's parse_die does; a die that already
  // sums to 1 up to float rounding is kept exactly as written
  return Math.abs(total - 1) <= 1e-12 ? y : y.map((v) => v / total);
}

/** A number of rolls typed by the reader: a whole number from MIN_ROLLS to MAX_ROLLS. */
export function parseRolls(text) {
  const s = String(text ?? "").trim();
  if (/^\d+\.\d*$|^\d*\.\d+$/.test(s) && Number(s) % 1 !== 0) {
    throw new Error(tr("power.fraction", { s }));
  }
  if (!/^\d+(\.0*)?$/.test(s)) throw new Error(tr("power.digits", { s }));
  const n = Number(s);
  if (n < MIN_ROLLS) throw new Error(tr("power.few", { min: MIN_ROLLS, s }));
  if (n > MAX_ROLLS) {
    throw new Error(tr("power.many", { max: whole(MAX_ROLLS), s: n > 1e15 ? s.slice(0, 20) : whole(n) }));
  }
  return n;
}

const formatDie = (y) => y.map((v) => String(Number(v.toPrecision(4)))).join(", ");
const close = (a, b) => a.every((v, k) => Math.abs(v - b[k]) <= 1e-8 + 1e-5 * Math.abs(b[k]));

/** The value below which a share q of the sorted numbers lie (numpy's default, linear). */
function quantile(sorted, q) {
  const h = (sorted.length - 1) * q, i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export function mount(root) {
  const { app: ui, message } = start(root, "power", tr("power.app"));
  const problems = [];
  const setting = (name, read, fallback, say) => {
    try {
      return read(root.getAttribute(`data-${name}`));
    } catch (err) {
      problems.push(tr("power.then", { error: String(err.message).replace(/[.。]$/, ""), fallback: say }));
      return fallback;
    }
  };
  const presets = setting("presets", (text) => {
    let entries;
    try {
      entries = Object.entries(JSON.parse(text ?? "{}"));
    } catch {
      throw new Error(tr("power.json"));
    }
    return entries.map(([name, y]) => [name, parseDie(Array.isArray(y) ? y.map(String).join(",") : String(y))]);
  }, [], tr("power.onlyOwn"));
  const fair = new Array(FACES).fill(1 / FACES);
  const experiments = setting("experiments", (s) => {
    const n = Number(s ?? 2000);
    if (!(Number.isInteger(n) && n >= 100 && n <= MAX_EXPERIMENTS)) {
      throw new Error(tr("power.experiments", { max: whole(MAX_EXPERIMENTS), s }));
    }
    return n;
  }, 2000, tr("power.defaultExperiments"));
  const alpha = setting("alpha", (s) => {
    const a = Number(s ?? 0.05);
    if (!(a > 0 && a < 1)) throw new Error(tr("power.alpha", { s }));
    return a;
  }, 0.05, tr("power.defaultAlpha"));
  const seed = setting("seed", (s) => {
    const v = Number(s ?? 0);
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 31)) throw new Error(tr("power.seed", { s }));
    return v;
  }, 0, tr("power.defaultSeed"));
  const state = {
    die: setting("probabilities", (s) => parseDie(s ?? "1/6,1/6,1/6,1/6,1/6,1/6"), fair, tr("power.defaultDie")),
    rolls: setting("rolls", (s) => parseRolls(s ?? "20"), 20, tr("power.defaultRolls")),
    message: "",
  };
  state.message = problems.join(" ");
  const threshold = chi2Isf(alpha, DF);
  const set = (change) => {
    Object.assign(state, change);
    schedule();
  };

  // controls -------------------------------------------------------------------------------
  const menuRow = el("div", { class: "ld-row" }, ui);
  const menuId = uid("preset"), dieId = uid("die"), rollsId = uid("rolls");
  el("label", { for: menuId }, menuRow, tr("power.menu"));
  const menu = el("select", { id: menuId, "data-input": "preset" }, menuRow);
  for (const [name] of presets) el("option", { value: name }, menu, nameOf(name));
  el("option", { value: CUSTOM }, menu, tr("power.custom"));
  menu.addEventListener("change", () => {
    const found = presets.find(([name]) => name === menu.value);
    if (found) set({ die: found[1], message: "" }); // "my own die": type it in the field below
  });
  const dieRow = el("div", { class: "ld-row" }, ui);
  el("span", { class: "ld-sr-only" }, el("label", { for: dieId }, dieRow, "y₁, …, y₆"), tr("power.dieField"));
  const field = el("input", { id: dieId, type: "text", "data-input": "die", autocomplete: "off", spellcheck: "false",
    placeholder: "0.1, 0.2, 0.1, 0.2, 0.1, 0.3", "aria-describedby": uid("msg") }, dieRow);
  message.id = field.getAttribute("aria-describedby");
  field.style.width = "22em";
  field.addEventListener("change", () => {
    try {
      set({ die: parseDie(field.value), message: "" });
      field.removeAttribute("aria-invalid");
    } catch (err) {
      field.setAttribute("aria-invalid", "true");
      set({ message: tr("power.keepsDie", { error: err.message, die: formatDie(state.die) }) });
    }
  });
  const range = slider(ui, {
    label: tr("power.slider"), min: MIN_ROLLS, max: SLIDER_MAX, step: 1, page: 10, value: state.rolls,
    onValue: (v) => {
      count.removeAttribute("aria-invalid");
      set({ rolls: Math.round(Math.min(SLIDER_MAX, Math.max(MIN_ROLLS, v))), message: "" });
    },
  });
  const rollsRow = range.parentNode;
  el("label", { for: rollsId }, rollsRow, tr("power.exact"));
  const count = el("input", { id: rollsId, type: "text", inputmode: "numeric", "data-input": "rolls", autocomplete: "off",
    "aria-describedby": message.id }, rollsRow);
  count.style.width = "6em";
  count.addEventListener("change", () => {
    try {
      set({ rolls: parseRolls(count.value), message: "" });
      count.removeAttribute("aria-invalid");
    } catch (err) {
      count.setAttribute("aria-invalid", "true");
      set({ message: tr("power.keepsN", { error: err.message, n: whole(state.rolls) }) });
    }
  });
  el("p", { class: "ld-hint" }, ui, tr("power.hint", { min: MIN_ROLLS, max: SLIDER_MAX, limit: whole(MAX_ROLLS) }));
  ui.appendChild(message);

  // readouts: updated every frame; a hidden live region speaks a summary at most twice a second
  const readouts = el("div", { class: "ld-readouts" }, ui);
  const out = (key) => el("span", { "data-readout": key });
  const R = { threshold: out("threshold"), size: out("size"), power: out("power"), meanFair: out("mean-g-fair"),
    meanDie: out("mean-g-die"), die: el("span"), n: el("span") };
  fillIn(el("p", {}, readouts), "power.r1", { df: DF, level: level(alpha), v: R.threshold });
  fillIn(el("p", {}, readouts), "power.r2", { size: R.size, n: whole(experiments), level: level(alpha) });
  fillIn(el("p", {}, readouts), "power.r3", { die: R.die, power: R.power, n: R.n });
  fillIn(el("p", {}, readouts), "power.r4", { fair: R.meanFair, die: R.meanDie });
  const live = el("p", { class: "ld-sr-only", "aria-live": "polite", "data-live": "" }, ui);
  const speak = throttled((text) => {
    if (live.textContent !== text) live.textContent = text;
  });
  let renders = 0;

  // figure: rebuilt only when its axes change; the histograms are two paths ------------------
  const figs = el("div", { class: "ld-figs" }, ui);
  const description = el("p", { id: uid("desc"), class: "ld-description", "data-description": "" });
  const plot = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-describedby": description.id,
    "aria-label": tr("power.plot") }, figs);
  plot.style.maxWidth = "660px";
  const key = el("p", { class: "ld-key", "aria-hidden": "true" }, ui);
  for (const [colour, opacity, dash, text] of [[COLOURS.grey, 0.55, "", tr("power.keyFair")],
    [COLOURS.blue, 0.45, "", tr("power.keyDie")], ["currentColor", 1, "", tr("power.keyChi", { df: DF })],
    [COLOURS.vermillion, 1, "5 3", tr("power.keyThreshold", { level: level(alpha) })]]) {
    const item = el("span", {}, key);
    const s = svg("svg", { viewBox: "0 0 24 8" }, item);
    if (opacity < 1) svg("rect", { x: 0, y: 0, width: 24, height: 8, fill: colour, "fill-opacity": opacity }, s);
    else svg("line", { x1: 0, x2: 24, y1: 4, y2: 4, stroke: colour, "stroke-width": 2.5, "stroke-dasharray": dash }, s);
    item.append(` ${text}`);
  }
  ui.appendChild(description);
  let view = null; // { top, ymax, a (axes), fairPath, diePath, shares }
  function frameFor(top, ymax) {
    if (view && view.top === top && view.ymax === ymax) return view;
    plot.replaceChildren();
    svg("text", { x: FRAME.x0 + FRAME.w / 2, y: 18, "text-anchor": "middle", "font-size": 15, fill: "currentColor" }, plot,
      tr("power.title", { n: whole(experiments) }));
    const a = axes(plot, { ...FRAME, xlim: [0, top], ylim: [0, ymax], xlabel: "G = 2 Σ t_k log(t_k / (N/6))",
      ylabel: tr("power.y"), xfmt: (v) => String(v), yfmt: (v) => String(Number(v.toPrecision(3))),
      clip: uid("clip") });
    const fairPath = svg("path", { fill: COLOURS.grey, "fill-opacity": 0.55 }, a.g);
    const diePath = svg("path", { fill: COLOURS.blue, "fill-opacity": 0.45 }, a.g);
    let d = "";
    for (let i = 0; i <= 400; i++) {
      const x = (top * Math.max(i, 0.25)) / 400;
      d += `${i ? "L" : "M"}${a.sx(x).toFixed(1)},${a.sy(Math.min(ymax * 1.1, chi2Pdf(x, DF))).toFixed(1)}`;
    }
    svg("path", { d, fill: "none", stroke: "currentColor", "stroke-width": 1.4 }, a.g);
    svg("line", { x1: a.sx(threshold), x2: a.sx(threshold), y1: FRAME.y0, y2: FRAME.y0 + FRAME.h,
      stroke: COLOURS.vermillion, "stroke-width": 2, "stroke-dasharray": "6 4" }, a.g);
    const shares = svg("text", { x: FRAME.x0 + FRAME.w - 10, y: FRAME.y0 + 22, "text-anchor": "end", "font-size": 14,
      fill: "currentColor" }, plot);
    const lines = [0, 1, 2].map((i) => svg("tspan", { x: FRAME.x0 + FRAME.w - 10, dy: i ? 18 : 0 }, shares));
    view = { top, ymax, a, fairPath, diePath, lines };
    return view;
  }

  // simulation: G for the fair die is kept per N (it does not depend on the chosen die) ----------
  const fairCache = new Map();
  const stream = (k) => seededRandom(seed * 2 + k);
  function simulate(y, n, k) {
    const g = simulateG(y, n, experiments, stream(k));
    const sorted = Float64Array.from(g).sort();
    let above = 0, sum = 0;
    for (const v of g) {
      if (v > threshold) above++;
      sum += v;
    }
    return { g, sorted, share: above / experiments, mean: sum / experiments };
  }
  function fairG(n) {
    if (!fairCache.has(n)) {
      if (fairCache.size >= 64) fairCache.delete(fairCache.keys().next().value);
      fairCache.set(n, simulate(fair, n, 0));
    }
    return fairCache.get(n);
  }
  let last = { key: "", fair: null, die: null };

  /** Densities of the 50 bins over [0, top] (values beyond top are left out, as numpy does). */
  function densities(g, top) {
    const counts = new Array(BINS).fill(0), width = top / BINS;
    for (const v of g) {
      const i = Math.floor(v / width);
      if (i < BINS) counts[i]++;
    }
    return counts.map((c) => c / (g.length * width));
  }
  function stairs(heights, top, ymax, a) {
    let d = `M${a.sx(0).toFixed(1)},${a.sy(0).toFixed(1)}`;
    heights.forEach((h, i) => {
      d += `V${a.sy(Math.min(ymax * 1.05, h)).toFixed(1)}H${a.sx(((i + 1) * top) / BINS).toFixed(1)}`;
    });
    return `${d}V${a.sy(0).toFixed(1)}Z`;
  }

  function draw() {
    const { die, rolls: n } = state;
    const simKey = `${die.join(",")}|${n}`;
    if (simKey !== last.key) {
      const f = fairG(n);
      last = { key: simKey, fair: f, die: simulate(die, n, 1) };
    }
    const f = last.fair, c = last.die;
    const needed = 1.1 * Math.max(quantile(c.sorted, 0.95), 2 * threshold);
    let top = 25;
    while (top < needed) top *= 2;
    const hf = densities(f.g, top), hc = densities(c.g, top);
    const highest = Math.max(...hf, ...hc);
    const ymax = [...YMAX].reverse().find((m) => m >= 1.05 * highest) ?? YMAX[0];
    const v = frameFor(top, ymax);
    v.fairPath.setAttribute("d", stairs(hf, top, ymax, v.a));
    v.diePath.setAttribute("d", stairs(hc, top, ymax, v.a));
    [tr("power.called", { n: whole(n) }), tr("power.fair", { v: pct(f.share) }), tr("power.chosen", { v: pct(c.share) })]
      .forEach((t, i) => { v.lines[i].textContent = t; });

    if (message.textContent !== state.message) message.textContent = state.message;
    range.value = String(Math.min(SLIDER_MAX, n));
    range.setAttribute("aria-valuetext", n > SLIDER_MAX ? tr("power.typed", { n: whole(n), max: SLIDER_MAX })
      : tr("power.rolls", { n }));
    if (document.activeElement !== count) count.value = String(n);
    if (document.activeElement !== field) field.value = formatDie(die);
    const chosen = presets.find(([, y]) => close(die, y));
    menu.value = chosen ? chosen[0] : CUSTOM;
    root.dataset.probabilities = die.map(String).join(",");
    root.dataset.rolls = String(n);
    const values = { threshold, size: f.share, power: c.share, "mean-g-fair": f.mean, "mean-g-die": c.mean };
    for (const [k, x] of Object.entries(values)) readouts.querySelector(`[data-readout="${k}"]`).dataset.value = String(x);
    R.threshold.textContent = fixed(threshold, 2);
    R.size.textContent = pct(f.share);
    R.power.textContent = pct(c.share);
    R.meanFair.textContent = fixed(f.mean, 2);
    R.meanDie.textContent = fixed(c.mean, 2);
    R.die.textContent = formatDie(die);
    R.n.textContent = whole(n);
    speak(tr("power.say", { n, fair: pct(f.share), die: pct(c.share), message: state.message }));

    const middle = (s) => tr("power.between", { a: fixed(quantile(s, 0.25), 1), b: fixed(quantile(s, 0.75), 1) });
    const verdict = tr(c.share >= 0.8 ? "power.usually" : c.share >= 0.5 ? "power.often" : "power.rarely");
    description.textContent = tr("power.desc", { n: whole(experiments), rolls: whole(n), top, fair: middle(f.sorted),
      fairShare: pct(f.share), threshold: fixed(threshold, 2), die: formatDie(die), chosen: middle(c.sorted),
      chosenShare: pct(c.share), verdict });
    root.dataset.renders = String(++renders);
  }
  const schedule = frame(draw);
  draw();
}
