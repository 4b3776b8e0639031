// The simplex explorer in the page: a classifier's three class probabilities as a point in a
// triangle (dog bottom left, fox bottom right, wolf at the top, as in loaded_dice.plots.dice), the
// predicted class, and the cross-entropy loss −log p(true class). Mirrors SimplexExplorer.
// Root attributes: data-probabilities, data-labels, data-true-label. See ui.js for shared pieces.
import { renormalise } from "./math.js";
import { COLOURS, el, svg, uid, start, refuse, slider, throttled, frame, fixed, axes, points } from "./ui.js";
import { LANG, tr, fillIn, nameOf } from "./i18n.js";

const CLASS = [COLOURS.blue, COLOURS.orange, COLOURS.green];
const CORNERS = [[0, 0], [1, 0], [0.5, Math.sqrt(3) / 2]];
const SUM_TOLERANCE = 1e-9;
// triangle panel: data (x, y) -> SVG pixels
const OX = 100, OY = 280, S = 240;
const tx = (x) => OX + x * S, ty = (y) => OY - y * S;

/** Three probabilities typed as "0.8, 0.1, 0.1"; throws an Error with a readable message. */
export function parseProbabilities(text) {
  const shown = String(text ?? "").trim();
  const parts = shown.split(",").map((s) => s.trim());
  if (parts.length !== 3) {
    throw new Error(tr("simplex.three", { s: shown }));
  }
  const p = parts.map((s) => (s === "" ? NaN : Number(s)));
  if (p.some((v) => !Number.isFinite(v))) throw new Error(tr("simplex.numbers", { s: shown }));
  if (p.some((v) => v < 0 || v > 1)) throw new Error(tr("simplex.range", { s: shown }));
  const total = p[0] + p[1] + p[2];
  if (Math.abs(total - 1) > SUM_TOLERANCE) {
    throw new Error(tr("simplex.sum", { s: shown, total: Number(total.toPrecision(12)) }));
  }
  return p;
}

export function mount(root) {
  const { app: ui, message } = start(root, "simplex", tr("simplex.app"));
  const labels = String(root.dataset.labels ?? "dog,fox,wolf").split(",").map((s) => s.trim());
  if (labels.length !== 3 || labels.some((s) => !s) || new Set(labels).size !== 3) {
    refuse(root, ui, message, tr("simplex.labels", { s: root.dataset.labels }));
    return;
  }
  const shown = labels.map(nameOf); // as the page's language shows them (dog → イヌ on a Japanese page)
  const state = { p: [1 / 3, 1 / 3, 1 / 3], trueK: 0, message: "" };
  const problems = [];
  try {
    state.p = parseProbabilities(root.dataset.probabilities ?? "0.8, 0.1, 0.1");
  } catch (err) {
    problems.push(tr("simplex.centre", { error: err.message }));
  }
  const wanted = root.dataset.trueLabel ?? labels[0];
  state.trueK = labels.indexOf(wanted.trim());
  if (state.trueK < 0) {
    problems.push(tr("simplex.badTrue", { labels: shown.join(tr("simplex.list")), s: wanted }));
    state.trueK = 0;
  }
  state.message = problems.join(" ");
  const set = (change) => {
    Object.assign(state, change);
    schedule();
  };

  // controls -------------------------------------------------------------------------------
  el("p", {}, ui, tr("simplex.prompt"));
  const sliders = shown.map((name, k) => slider(ui, {
    label: tr("simplex.slider", { name }), value: state.p[k], onValue: (v) => set({ p: renormalise(state.p, k, v), message: "" }),
  }));
  const sum = el("p", { "aria-hidden": "true" }, ui);
  const row = el("div", { class: "ld-row" }, ui);
  const fieldId = uid("probs"), selectId = uid("true");
  el("label", { for: fieldId }, row, tr("simplex.all"));
  const field = el("input", { id: fieldId, type: "text", "data-input": "probabilities", autocomplete: "off",
    "aria-describedby": uid("msg") }, row);
  message.id = field.getAttribute("aria-describedby");
  field.addEventListener("change", () => {
    try {
      set({ p: parseProbabilities(field.value), message: "" });
      field.removeAttribute("aria-invalid");
    } catch (err) {
      field.setAttribute("aria-invalid", "true");
      set({ message: tr("simplex.keeps", { error: err.message }) });
    }
  });
  el("label", { for: selectId }, row, tr("simplex.true"));
  const select = el("select", { id: selectId, "data-input": "true-label" }, row);
  shown.forEach((name, k) => el("option", { value: String(k) }, select, name));
  select.value = String(state.trueK);
  select.addEventListener("change", () => set({ trueK: Number(select.value) }));
  ui.appendChild(message);

  // readouts: updated every frame; a hidden live region speaks a summary at most twice a second
  const readouts = el("div", { class: "ld-readouts" }, ui);
  const out = (key) => el("span", { "data-readout": key });
  const R = { probs: el("span"), prediction: out("prediction"), likelihood: out("likelihood"),
    logL: out("log-likelihood"), loss: out("loss"), name: el("span") };
  el("p", {}, readouts).append(R.probs);
  fillIn(el("p", {}, readouts), "simplex.r1", { pred: R.prediction });
  fillIn(el("p", {}, readouts), "simplex.r2", { name: R.name, q: R.likelihood, logp: R.logL, loss: R.loss });
  const live = el("p", { class: "ld-sr-only", "aria-live": "polite", "data-live": "" }, ui);
  const speak = throttled((text) => {
    if (live.textContent !== text) live.textContent = text;
  });
  let renders = 0;

  // figures ------------------------------------------------------------------------------
  const figs = el("div", { class: "ld-figs" }, ui);
  const description = el("p", { id: uid("desc"), class: "ld-description", "data-description": "" }, ui);
  const tri = svg("svg", { viewBox: "0 0 440 330", role: "img", "aria-describedby": description.id,
    "aria-label": tr("simplex.triangle") }, figs);
  tri.style.touchAction = "none";
  svg("text", { x: 220, y: 18, "text-anchor": "middle", "font-size": 16, fill: "currentColor" }, tri,
    tr("simplex.shaded"));
  const at = (p) => [0, 1].map((d) => p[0] * CORNERS[0][d] + p[1] * CORNERS[1][d] + p[2] * CORNERS[2][d]);
  const px = ([x, y]) => `${tx(x).toFixed(1)},${ty(y).toFixed(1)}`;
  for (let k = 0; k < 3; k++) {
    // class k wins in the kite from its corner to the two edge midpoints and the centre
    const e = (j) => [0, 1, 2].map((i) => (i === k || i === j ? 0.5 : 0));
    const [a, b] = [0, 1, 2].filter((j) => j !== k);
    const corner = [0, 1, 2].map((i) => (i === k ? 1 : 0));
    svg("polygon", { points: [corner, e(a), [1 / 3, 1 / 3, 1 / 3], e(b)].map((p) => px(at(p))).join(" "),
      fill: CLASS[k], "fill-opacity": 0.25 }, tri);
  }
  svg("polygon", { points: CORNERS.map(px).join(" "), fill: "none", stroke: "currentColor", "stroke-width": 1.5 }, tri);
  // beside the bottom corners in English; under them in Japanese, whose labels are wider
  const cornerText = LANG === "ja" ? [[0, 24, "middle"], [0, 24, "middle"], [0, -10, "middle"]]
    : [[-8, 20, "end"], [8, 20, "start"], [0, -10, "middle"]];
  shown.forEach((name, k) => {
    const [dx, dy, anchor] = cornerText[k];
    svg("text", { x: tx(CORNERS[k][0]) + dx, y: ty(CORNERS[k][1]) + dy, "text-anchor": anchor, "font-size": 16,
      fill: "currentColor" }, tri, tr("simplex.corner", { name }));
  });
  const dot = svg("circle", { r: 8, fill: "currentColor", stroke: "white", "stroke-width": 2 }, tri);
  // drag the point: the position gives the three probabilities (barycentric coordinates)
  const fromPointer = (ev) => {
    const m = tri.getScreenCTM();
    if (!m) return;
    const q = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
    const y = (OY - q.y) / S, x = (q.x - OX) / S;
    const c = Math.max(0, y / CORNERS[2][1]), b = Math.max(0, x - 0.5 * (y / CORNERS[2][1]));
    let p = [Math.max(0, 1 - b - c), b, c];
    const s = p[0] + p[1] + p[2];
    p = p.map((v) => v / s);
    set({ p: renormalise(p, 0, p[0]), message: "" });
  };
  tri.addEventListener("pointerdown", (ev) => {
    tri.setPointerCapture(ev.pointerId);
    fromPointer(ev);
  });
  tri.addEventListener("pointermove", (ev) => {
    if (tri.hasPointerCapture(ev.pointerId)) fromPointer(ev);
  });

  const bars = svg("svg", { viewBox: "0 0 440 330", role: "img", "aria-describedby": description.id,
    "aria-label": tr("simplex.bars") }, figs);
  const title = svg("text", { x: 215, y: 16, "text-anchor": "middle", "font-size": 16, fill: "currentColor" }, bars);
  const bx = (v) => 80 + v * 240;
  const B = shown.map((name, k) => {
    const y = 50 + k * 80;
    svg("text", { x: 72, y: y + 30, "text-anchor": "end", "font-size": 16, fill: "currentColor" }, bars, name);
    return {
      rect: svg("rect", { x: bx(0), y, height: 48, fill: CLASS[k], stroke: "currentColor" }, bars),
      text: svg("text", { y: y + 30, "font-size": 16, fill: "currentColor", style: "paint-order: stroke; stroke: var(--pst-color-background, #fff); stroke-width: 4px" }, bars),
    };
  });
  svg("line", { x1: bx(0), x2: bx(1), y1: 292, y2: 292, stroke: "currentColor" }, bars);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg("text", { x: bx(v), y: 308, "text-anchor": "middle", "font-size": 14, fill: "currentColor" }, bars, String(v));
  }
  svg("text", { x: bx(0.5), y: 326, "text-anchor": "middle", "font-size": 14, fill: "currentColor" }, bars,
    tr("simplex.barsX"));

  // the loss −log q against the probability q of the true label, with the current prediction
  const lossFig = svg("svg", { viewBox: "0 0 440 290", role: "img", "aria-describedby": description.id,
    "aria-label": tr("simplex.lossFig") }, figs);
  const lossTitle = svg("text", { x: 242, y: 18, "text-anchor": "middle", "font-size": 16, fill: "currentColor" }, lossFig);
  const LA = axes(lossFig, { x0: 64, y0: 30, w: 356, h: 206, xlim: [0, 1], ylim: [0, 5], ylabel: tr("simplex.lossY"),
    xlabel: tr("simplex.lossX"), xfmt: (v) => v.toFixed(1), yfmt: String, clip: uid("clip") });
  const qs = Array.from({ length: 300 }, (_, i) => 0.002 + (0.998 * i) / 299);
  svg("polyline", { points: points(qs, qs.map((v) => -Math.log(v)), LA.sx, LA.sy, -1, 6), fill: "none",
    stroke: COLOURS.vermillion, "stroke-width": 2.5 }, LA.g);
  const lossDot = svg("circle", { r: 7, fill: "currentColor", stroke: "white", "stroke-width": 2 }, LA.g);

  // state and drawing ------------------------------------------------------------------------
  function draw() {
    const { p, trueK } = state;
    const q = p[trueK], lg = Math.log(q);
    const top = Math.max(...p);
    const tied = [0, 1, 2].filter((k) => Math.abs(p[k] - top) <= 1e-12);
    // the readout's data-value keeps the labels of data-labels (and English), whatever the page's language
    const value = tied.length > 1 ? tr("simplex.tie", { names: tied.map((k) => labels[k]).join(" and ") }, "en") : labels[tied[0]];
    const winners = tied.map((k) => shown[k]);
    const pred = winners.length > 1 ? tr("simplex.tie", { names: winners.join(tr("simplex.and")) }) : winners[0];
    const trueName = shown[trueK];
    const note = q === 0 ? tr("simplex.zero", { name: trueName }) : state.message;
    if (message.textContent !== note) message.textContent = note;
    root.dataset.probabilities = p.map(String).join(",");
    root.dataset.trueLabel = labels[trueK];
    const values = { likelihood: q, "log-likelihood": lg, loss: -lg, prediction: value };
    for (const [k, v] of Object.entries(values)) readouts.querySelector(`[data-readout="${k}"]`).dataset.value = String(v);
    R.probs.textContent = shown.map((n, k) => `p(${n}) = ${fixed(p[k], 3)}`).join(tr("simplex.list"));
    R.prediction.textContent = pred;
    R.name.textContent = trueName;
    R.likelihood.textContent = fixed(q, 4);
    R.logL.textContent = fixed(lg, 4);
    R.loss.textContent = fixed(-lg, 4);
    speak(tr("simplex.say", { probs: shown.map((n, k) => `${n} ${fixed(p[k], 2)}`).join(tr("simplex.list")), pred,
      name: trueName, loss: fixed(-lg, 2), note }));
    sliders.forEach((s, k) => { s.value = p[k]; });
    if (document.activeElement !== field) field.value = p.map((v) => Number(v.toFixed(6))).join(", ");
    select.value = String(trueK);
    sum.textContent = `Σ p = ${fixed(p[0] + p[1] + p[2], 3)}`;

    const [x, y] = at(p);
    dot.setAttribute("cx", tx(x).toFixed(1));
    dot.setAttribute("cy", ty(y).toFixed(1));
    title.textContent = tr("simplex.title", { pred });
    lossTitle.textContent = tr("simplex.lossTitle", { name: trueName, loss: fixed(-lg, 3) });
    lossDot.setAttribute("cx", LA.sx(q).toFixed(1));
    lossDot.setAttribute("cy", LA.sy(Math.min(5.3, -lg)).toFixed(1));
    B.forEach(({ rect, text }, k) => {
      rect.setAttribute("width", (bx(p[k]) - bx(0)).toFixed(1));
      rect.setAttribute("stroke-width", k === trueK ? 3 : 0);
      text.setAttribute("x", (bx(p[k]) + 6).toFixed(1));
      text.textContent = fixed(p[k], 3) + (k === trueK ? tr("simplex.trueMark") : "");
    });
    const nearest = shown[p.indexOf(top)];
    description.textContent = tr("simplex.desc", {
      probs: shown.map((n, k) => `${n} ${fixed(p[k], 3)}`).join(tr("simplex.list")), a: shown[0], b: shown[1], c: shown[2],
      where: winners.length > 1 ? tr("simplex.border", { names: winners.join(tr("simplex.and")) }) : tr("simplex.region", { name: nearest }),
      name: trueName, q: fixed(q, 3), loss: fixed(-lg, 3) });
    root.dataset.renders = String(++renders);
  }
  const schedule = frame(draw);
  draw();
}
