// The coin explorer in the page: L(p) and log L(p) for `heads` and `tails`, the tangent at p and
// its slope, and (on request) the second derivative. Mirrors loaded_dice's CoinExplorer.
// Root attributes: data-heads, data-tails, data-p. See ui.js for the shared pieces.
import { COLOURS, el, svg, uid, start, refuse, slider, throttled, frame, fixed, sci, sup, axes, points } from "./ui.js";
import { tr, fillIn } from "./i18n.js";

const W = 440, H = 290, FRAME = { x0: 64, y0: 30, w: 356, h: 206 };
const MAX_COUNT = 1e12;

function count(text, name) {
  const s = String(text ?? "").trim();
  if (!/^\d+$/.test(s) || Number(s) > MAX_COUNT) {
    throw new Error(tr("coin.count", { name, s }));
  }
  return Number(s);
}

/** A probability typed by the reader (or in data-p): a number from 0 to 1. */
export function parseP(text) {
  const s = String(text ?? "").trim();
  const p = s === "" ? NaN : Number(s);
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new Error(tr("coin.badP", { s }));
  }
  return p;
}

// log L and its derivatives; a count of 0 contributes nothing (0 · log 0 = 0, as in the library).
export const logL = (h, t, p) => (h ? h * Math.log(p) : 0) + (t ? t * Math.log1p(-p) : 0);
export const slope = (h, t, p) => (h ? h / p : 0) - (t ? t / (1 - p) : 0);
export const curvature = (h, t, p) => -(h ? h / (p * p) : 0) - (t ? t / ((1 - p) * (1 - p)) : 0);

export function mount(root) {
  const { app: ui, message } = start(root, "coin", tr("coin.app"));
  let h, t;
  try {
    h = count(root.dataset.heads, tr("coin.heads"));
    t = count(root.dataset.tails, tr("coin.tails"));
    if (h + t === 0) throw new Error(tr("coin.noFlips"));
  } catch (err) {
    refuse(root, ui, message, err.message);
    return;
  }
  const n = h + t, pHat = h / n;
  const best = logL(h, t, pHat);
  const state = { p: 0.5, curvature: false, message: "" };
  try {
    state.p = parseP(root.dataset.p ?? "0.5");
  } catch (err) {
    state.message = tr("coin.start", { error: err.message });
  }

  // controls -------------------------------------------------------------------------------
  const controls = el("div", {}, ui);
  const range = slider(controls, {
    label: tr("coin.slider"), value: state.p, onValue: (v) => set({ p: v, message: "" }),
  });
  const row = range.parentNode;
  const fieldId = uid("p");
  el("label", { for: fieldId, class: "ld-sr-only" }, row, tr("coin.exact"));
  const field = el("input", { id: fieldId, type: "text", inputmode: "decimal", "data-input": "p",
    autocomplete: "off", "aria-describedby": uid("msg") }, row);
  message.id = field.getAttribute("aria-describedby");
  field.style.width = "7em";
  field.addEventListener("change", () => {
    try {
      set({ p: parseP(field.value), message: "" });
      field.removeAttribute("aria-invalid");
    } catch (err) {
      field.setAttribute("aria-invalid", "true");
      set({ message: tr("coin.keeps", { error: err.message, p: fixed(state.p, 4) }) });
    }
  });
  const mle = el("button", { type: "button", "data-action": "mle" }, row, tr("coin.mle"));
  mle.addEventListener("click", () => set({ p: pHat, message: "" }));
  const boxRow = el("div", { class: "ld-row" }, controls);
  const boxId = uid("curv");
  const box = el("input", { id: boxId, type: "checkbox", "data-input": "curvature" }, boxRow);
  el("label", { for: boxId }, boxRow, tr("coin.curvature"));
  box.addEventListener("change", () => set({ curvature: box.checked }));
  ui.appendChild(message);

  // readouts: updated every frame; a hidden live region speaks a summary at most twice a second
  const readouts = el("div", { class: "ld-readouts" }, ui);
  const line = () => el("p", {}, readouts);
  const [r1, r2, r3, r4] = [line(), line(), line(), line()];
  const out = (key) => el("span", { "data-readout": key });
  const R = {
    p: out("p"), likelihood: out("likelihood"), likelihoodSlope: out("likelihood-slope"),
    logL: out("log-likelihood"), slope: out("slope"), verdict: el("span"),
    d2: out("second-derivative"), d2Hat: out("second-derivative-at-mle"),
  };
  fillIn(r1, "coin.r1", { p: R.p, h, n, phat: fixed(pHat, 4) });
  fillIn(r2, "coin.r2", { f: `p${sup(h)}(1 − p)${sup(t)}`, L: R.likelihood, dL: R.likelihoodSlope });
  fillIn(r3, "coin.r3", { logL: R.logL, h, t, s: R.slope, verdict: R.verdict });
  fillIn(r4, "coin.r4", { h, t, d2: R.d2, d2hat: R.d2Hat });
  const live = el("p", { class: "ld-sr-only", "aria-live": "polite", "data-live": "" }, ui);
  const speak = throttled((text) => {
    if (live.textContent !== text) live.textContent = text;
  });
  let renders = 0;

  // figures ------------------------------------------------------------------------------
  const figs = el("div", { class: "ld-figs" }, ui);
  const description = el("p", { id: uid("desc"), class: "ld-description", "data-description": "" }, ui);
  const key = el("p", { class: "ld-key", "aria-hidden": "true" }, ui);
  for (const [colour, dash, text] of [[COLOURS.blue, "", tr("coin.keyCurve")], [COLOURS.orange, "", tr("coin.keyTangent")],
    [COLOURS.vermillion, "5 3", tr("coin.keyPeak")], [COLOURS.green, "2 3", tr("coin.keyFit")]]) {
    const item = el("span", {}, key);
    const s = svg("svg", { viewBox: "0 0 24 8" }, item);
    svg("line", { x1: 0, x2: 24, y1: 4, y2: 4, stroke: colour, "stroke-width": 2.5, "stroke-dasharray": dash }, s);
    item.append(` ${text}`);
  }

  const ps = [];
  for (let i = 0; i <= 400; i++) ps.push(0.0005 + (0.999 * i) / 400);
  const logs = ps.map((p) => logL(h, t, p));
  // L is drawn in its own units when L(p̂) is a normal float, otherwise relative to L(p̂).
  const scale = Math.exp(best) > 1e-290 ? Math.exp(best) : 1;
  const mag = 10 ** Math.floor(Math.log10(1.15 * scale));
  const Lplot = (lg) => Math.exp(lg - best) * scale;
  const panels = [
    { title: tr("coin.titleL", { h, t }), ylim: [0, 1.15 * scale], f: Lplot,
      ylabel: scale === 1 && Math.exp(best) <= 1e-290 ? "L(p) / L(p̂)" : `L(p)${mag === 1 ? "" : ` (× 10${sup(Math.log10(mag))})`}`,
      yfmt: (v) => fixed(v / mag, 1).replace("−", "-"), alt: tr("coin.altL") },
    { title: tr("coin.titleLog"), ylim: [best - 25, best + 4], f: (lg) => lg, ylabel: "log L(p)",
      yfmt: (v) => String(Math.round(v)).replace("-", "−"), alt: tr("coin.altLog") },
  ];
  for (const P of panels) {
    const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": P.alt,
      "aria-describedby": description.id }, figs);
    svg("text", { x: FRAME.x0 + FRAME.w / 2, y: 18, "text-anchor": "middle", "font-size": 15, fill: "currentColor" }, s, P.title);
    const a = axes(s, { ...FRAME, xlim: [0, 1], ylim: P.ylim, xlabel: tr("coin.x"),
      ylabel: P.ylabel, xfmt: (v) => v.toFixed(1), yfmt: P.yfmt, clip: uid("clip") });
    const span = P.ylim[1] - P.ylim[0];
    P.lo = P.ylim[0] - 0.1 * span;
    P.hi = P.ylim[1] + 0.1 * span;
    P.a = a;
    svg("polyline", { points: points(ps, logs.map(P.f), a.sx, a.sy, P.lo, P.hi), fill: "none",
      stroke: COLOURS.blue, "stroke-width": 2.5 }, a.g);
    svg("line", { x1: a.sx(pHat), x2: a.sx(pHat), y1: FRAME.y0, y2: FRAME.y0 + FRAME.h,
      stroke: COLOURS.vermillion, "stroke-width": 1.5, "stroke-dasharray": "5 3" }, a.g);
    svg("text", { x: a.sx(pHat) + (pHat > 0.75 ? -4 : 4), y: FRAME.y0 + FRAME.h - 6, "font-size": 13,
      "text-anchor": pHat > 0.75 ? "end" : "start", fill: "currentColor" }, a.g, `p̂ = ${fixed(pHat, 3)}`);
    P.parabola = svg("polyline", { fill: "none", stroke: COLOURS.green, "stroke-width": 2, "stroke-dasharray": "2 3" }, a.g);
    P.tangent = svg("line", { stroke: COLOURS.orange, "stroke-width": 2.5 }, a.g);
    P.dot = svg("circle", { r: 6, fill: COLOURS.orange, stroke: "white", "stroke-width": 1.5 }, a.g);
    P.label = svg("text", { x: FRAME.x0 + 8, y: FRAME.y0 + 16, "font-size": 13, fill: "currentColor" }, s);
  }

  // state and drawing ------------------------------------------------------------------------
  function set(change) {
    Object.assign(state, change);
    schedule();
  }

  function draw() {
    const p = state.p;
    const lg = logL(h, t, p), s = slope(h, t, p), d2 = curvature(h, t, p);
    const L = Math.exp(lg), dL = L === 0 ? 0 : L * s;
    const scaleOfSlope = (h ? h / p : 0) + (t ? t / (1 - p) : 0);
    const flat = Math.abs(s) <= 1e-9 * scaleOfSlope;
    const verdict = tr(flat ? "coin.flat" : s > 0 ? "coin.up" : "coin.down");
    let note = state.message;
    if (lg === -Infinity) {
      note = tr("coin.impossible", { p, side: tr(p === 0 ? "coin.heads" : "coin.tails") });
    }
    if (message.textContent !== note) message.textContent = note;
    range.value = p;
    if (document.activeElement !== field) field.value = String(p);
    root.dataset.p = String(p);
    root.dataset.probabilities = `${p},${1 - p}`;
    const values = { p, likelihood: L, "likelihood-slope": dL, "log-likelihood": lg, slope: s,
      "second-derivative": d2, "second-derivative-at-mle": curvature(h, t, pHat) };
    for (const [k, v] of Object.entries(values)) readouts.querySelector(`[data-readout="${k}"]`).dataset.value = String(v);
    const underflow = L === 0 && lg > -Infinity;
    R.likelihood.dataset.underflow = String(underflow);
    R.p.textContent = fixed(p, 4);
    R.likelihood.textContent = underflow ? tr("coin.underflow") : sci(L);
    R.likelihoodSlope.textContent = sci(dL);
    R.logL.textContent = fixed(lg, 4);
    R.slope.textContent = fixed(s, 4);
    R.verdict.textContent = verdict;
    R.d2.textContent = fixed(d2, 4);
    R.d2Hat.textContent = fixed(curvature(h, t, pHat), 4);
    r4.hidden = !state.curvature;
    speak(tr("coin.say", { p: fixed(p, 2), logL: fixed(lg, 2), s: fixed(s, 2),
      d2: state.curvature ? tr("coin.sayD2", { d2: fixed(d2, 1) }) : "", note }));

    const [PL, PG] = panels;
    const ys = [Lplot(lg), lg], dys = [Lplot(lg) * s, s];
    panels.forEach((P, i) => {
      const ok = Number.isFinite(ys[i]) && Number.isFinite(dys[i]);
      const clampY = (y) => P.a.sy(Math.min(P.hi, Math.max(P.lo, y)));
      P.tangent.setAttribute("visibility", ok ? "visible" : "hidden");
      P.dot.setAttribute("visibility", Number.isFinite(ys[i]) ? "visible" : "hidden");
      if (ok) {
        // keep the part of the segment that stays inside the frame, so it keeps its true slope
        let a = Math.max(0, p - 0.15), b = Math.min(1, p + 0.15);
        const m = dys[i];
        if (m !== 0) {
          const [u, w] = [p + (P.lo - ys[i]) / m, p + (P.hi - ys[i]) / m].sort((c, d) => c - d);
          a = Math.max(a, u);
          b = Math.min(b, w);
        }
        const end = (x) => [P.a.sx(x), clampY(ys[i] + m * (x - p))];
        const [ax, ay] = end(a), [bx, by] = end(b);
        Object.entries({ x1: ax, y1: ay, x2: bx, y2: by }).forEach(([k, v]) => P.tangent.setAttribute(k, v.toFixed(1)));
      }
      P.dot.setAttribute("cx", P.a.sx(p).toFixed(1));
      P.dot.setAttribute("cy", clampY(Number.isFinite(ys[i]) ? ys[i] : P.lo).toFixed(1));
    });
    PL.label.textContent = tr("coin.slopeL", { v: sci(dL, 3) });
    PG.label.textContent = tr("coin.slopeLog", { v: fixed(s, 3) });
    PG.parabola.setAttribute("visibility", state.curvature && Number.isFinite(lg) ? "visible" : "hidden");
    if (state.curvature && Number.isFinite(lg)) {
      const xq = [], yq = [];
      for (let i = 0; i <= 60; i++) {
        const x = Math.max(0.001, p - 0.25) + ((Math.min(0.999, p + 0.25) - Math.max(0.001, p - 0.25)) * i) / 60;
        xq.push(x);
        yq.push(lg + s * (x - p) + 0.5 * d2 * (x - p) ** 2);
      }
      PG.parabola.setAttribute("points", points(xq, yq, PG.a.sx, PG.a.sy, PG.lo, PG.hi));
    }
    const where = tr(flat ? "coin.atPeak" : p < pHat ? "coin.leftOf" : "coin.rightOf");
    description.textContent = tr("coin.desc", { h, t, phat: fixed(pHat, 3), p: fixed(p, 3), where }) + (Number.isFinite(s)
      ? tr("coin.descSlope", { s: fixed(s, 2), dir: tr(flat ? "coin.descFlat" : s > 0 ? "coin.descRising" : "coin.descFalling") })
      : tr("coin.descInf"));
    root.dataset.renders = String(++renders);
  }
  const schedule = frame(draw);
  draw();
}
