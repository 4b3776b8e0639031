// The die explorer in the page: six linked probability sliders, editable counts, rolls of a hidden
// die, the bars of y beside t/N and the likelihood on a slice of dice as a heat map with contours.
// The in-page twin of loaded_dice.explorers.DieExplorer; its numbers come from ./math.js, which
// the browser tests compare with the library. State is one plain object; input handlers only
// change it and ask for a frame; render() draws the state once per frame.

import {
  contourSegments, fixed, likelihood, logLikelihood, mle, offSliceConstant, parseCounts, renormalise,
  sci, seededRandom, simulateCounts, sliceSurface, sliceWeights,
} from './math.js';
import { tr } from './i18n.js';

const FACES = 6;
const STEP = 0.001;
const GRID = 160; // heat-map cells per axis
const MAX_ROLLS = 1e12;
const MAX_ROLL_N = 1_000_000;
const ANNOUNCE_MS = 500; // the live region and the heat map's description change at most twice a second
const COLOURS = { model: '#0072B2', data: '#E69F00', mle: '#D55E00', ink: '#000000', grid: '#999999' };
// matplotlib's cividis (the book's surface colour map), 33 stops from low to high
const CIVIDIS = '00224e00285b002e6a0533711a386f273e6e32436d3b496c434e6c4b546c535a6d5a5f6e61656f686a716f70737676767d7c788482798c8878938e789b9476a39a74aba072b4a76fbcae6cc4b468cdbb63d5c25edec958e7d150f0d846f9e03afee838';
const LUT = (() => {
  const stops = [];
  for (let s = 0; s < CIVIDIS.length; s += 6) stops.push([0, 2, 4].map((o) => parseInt(CIVIDIS.slice(s + o, s + o + 2), 16)));
  const lut = new Uint8ClampedArray(256 * 3);
  for (let v = 0; v < 256; v++) {
    const x = (v / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(x));
    const f = x - k;
    for (let ch = 0; ch < 3; ch++) lut[v * 3 + ch] = stops[k][ch] + f * (stops[k + 1][ch] - stops[k][ch]);
  }
  return lut;
})();
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (k) => String(k).replace(/\d/g, (d) => SUB[d]);
let instances = 0;

function numbers(text, what, size) {
  const values = String(text || '').split(',').map((s) => Number(s.trim()));
  if (values.length !== size || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new Error(`data-${what} must be ${size} non-negative numbers; got "${text}"`);
  }
  return values;
}

function readSettings(root) {
  const d = root.dataset;
  const y = numbers(d.probabilities, 'probabilities', FACES);
  const t = numbers(d.counts, 'counts', FACES);
  if (Math.abs(y.reduce((a, b) => a + b, 0) - 1) > 1e-9) throw new Error('data-probabilities must sum to 1');
  if (t.some((v) => !Number.isInteger(v))) throw new Error('data-counts must be whole numbers');
  const [i, j] = numbers(d.slice || '1,2', 'slice', 2).map((f) => f - 1);
  if (!(i >= 0 && i < FACES && j >= 0 && j < FACES && i !== j && Number.isInteger(i) && Number.isInteger(j))) {
    throw new Error(`data-slice must be two different faces from 1 to ${FACES}; got "${d.slice}"`);
  }
  const hidden = d.hiddenDie ? numbers(d.hiddenDie, 'hidden-die', FACES) : [0.12, 0.22, 0.12, 0.2, 0.12, 0.22];
  return {
    y, t, i, j, hidden,
    mode: d.mode === 'linear' ? 'linear' : 'log',
    seed: Number.parseInt(d.seed || '0', 10) || 0,
    rollN: Math.min(MAX_ROLL_N, Math.max(1, Number.parseInt(d.rollN || '20', 10) || 20)),
  };
}

function template(uid) {
  const sliders = Array.from({ length: FACES }, (_, k) => `
      <div class="ld-slider">
        <label for="${uid}-y${k + 1}">${tr('die.slider', { y: `y${sub(k + 1)}`, k: k + 1 })}</label>
        <input type="range" id="${uid}-y${k + 1}" data-face="${k + 1}" min="0" max="1" step="${STEP}">
        <output for="${uid}-y${k + 1}" data-output="y${k + 1}"></output>
      </div>`).join('');
  const options = Array.from({ length: FACES }, (_, k) => `<option value="${k}">${tr('die.face', { k: k + 1 })}</option>`).join('');
  return `
  <div class="ld-app ld-die">
    <div class="ld-panels">
      <fieldset class="ld-panel">
        <legend>${tr('die.your')} <span class="ld-hint">${tr('die.rescale')}</span></legend>
        ${sliders}
        <p class="ld-sum" data-output="sum"></p>
        <button type="button" data-action="mle">${tr('die.mle')}</button>
      </fieldset>
      <fieldset class="ld-panel">
        <legend>${tr('die.data')}</legend>
        <label for="${uid}-counts">${tr('die.counts')} <span class="ld-hint">${tr('die.countsHint')}</span></label>
        <input type="text" id="${uid}-counts" data-input="counts" inputmode="numeric" autocomplete="off"
          spellcheck="false" aria-describedby="${uid}-message">
        <div class="ld-row">
          <label for="${uid}-n">${tr('die.rollN')}</label>
          <input type="number" id="${uid}-n" data-input="roll-n" min="1" max="${MAX_ROLL_N}" step="1"
            aria-describedby="${uid}-message">
          <button type="button" data-action="roll">${tr('die.roll')}</button>
        </div>
        <button type="button" data-action="reset">${tr('die.reset')}</button>
        <p class="ld-subhead">${tr('die.surface')}</p>
        <div class="ld-row">
          <label for="${uid}-si">${tr('die.sliceI')}</label><select id="${uid}-si" data-input="slice-i">${options}</select>
          <label for="${uid}-sj">${tr('die.sliceJ')}</label><select id="${uid}-sj" data-input="slice-j">${options}</select>
        </div>
        <div class="ld-row" role="radiogroup" aria-label="${tr('die.modeGroup')}">
          <span aria-hidden="true">${tr('die.modeShown')}</span>
          <label><input type="radio" name="${uid}-mode" value="log" data-input="mode"> log L</label>
          <label><input type="radio" name="${uid}-mode" value="linear" data-input="mode"> L</label>
        </div>
      </fieldset>
    </div>
    <div class="ld-message" id="${uid}-message" data-message role="alert"></div>
    <div class="ld-readouts">
      <p>${tr('die.L', { v: '<span data-readout="likelihood"></span>' })}</p>
      <p>${tr('die.logL', { v: '<span data-readout="log-likelihood"></span>' })}</p>
      <p>${tr('die.best', { v: '<span data-readout="best-log-likelihood"></span>', gap: '<span data-readout="log-likelihood-gap"></span>' })}</p>
      <p>${tr('die.sliceBest', { v: '<span data-readout="slice-best-log-likelihood"></span>' })}</p>
    </div>
    <p class="ld-sr-only" aria-live="polite" data-live></p>
    <div class="ld-figures">
      <canvas data-figure="bars" role="img" width="360" height="260"></canvas>
      <canvas data-figure="surface" role="img" width="400" height="310" aria-describedby="${uid}-desc"></canvas>
    </div>
    <p class="ld-description" id="${uid}-desc" data-description="surface"></p>
  </div>`;
}

export function mount(root) {
  const settings = readSettings(root);
  const uid = `ld-die-${++instances}`;
  root.insertAdjacentHTML('beforeend', template(uid));
  const $ = (sel) => root.querySelector(sel);
  const ui = {
    sliders: Array.from(root.querySelectorAll('input[type=range][data-face]')),
    outputs: Array.from({ length: FACES }, (_, k) => $(`[data-output="y${k + 1}"]`)),
    sum: $('[data-output="sum"]'),
    counts: $('[data-input="counts"]'),
    rollN: $('[data-input="roll-n"]'),
    sliceI: $('[data-input="slice-i"]'),
    sliceJ: $('[data-input="slice-j"]'),
    modes: Array.from(root.querySelectorAll('[data-input="mode"]')),
    message: $('[data-message]'),
    live: $('[data-live]'),
    description: $('[data-description]'),
    readouts: Object.fromEntries(Array.from(root.querySelectorAll('[data-readout]')).map((el) => [el.dataset.readout, el])),
    bars: $('[data-figure="bars"]'),
    surface: $('[data-figure="surface"]'),
  };
  const state = {
    y: settings.y.slice(), t: settings.t.slice(), i: settings.i, j: settings.j, mode: settings.mode,
    message: '', invalid: '', random: seededRandom(settings.seed),
  };
  const cache = { key: null, surface: null, background: null };
  let frame = 0;
  let renders = 0;

  ui.counts.value = state.t.join(', ');
  ui.rollN.value = String(settings.rollN);

  // ------------------------------------------------------------------ input: change state only
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; render(); });
  }
  function guarded(handler) {
    return (event) => {
      try { handler(event); } catch (err) { state.message = tr('die.wrong', { error: err.message }); }
      schedule();
    };
  }
  function applyCounts() {
    try {
      const t = parseCounts(ui.counts.value, FACES);
      state.t = t;
      state.message = '';
      state.invalid = '';
    } catch (err) {
      state.message = tr('die.badCounts', { error: err.message, counts: state.t.join(', ') });
      state.invalid = 'counts';
    }
  }
  ui.sliders.forEach((slider, k) => slider.addEventListener('input', guarded(() => {
    state.y = renormalise(state.y, k, Number(slider.value));
  })));
  ui.counts.addEventListener('change', guarded(applyCounts));
  ui.counts.addEventListener('keydown', (event) => { if (event.key === 'Enter') guarded(applyCounts)(); });
  root.addEventListener('click', guarded((event) => {
    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'mle') state.y = mle(state.t);
    else if (action === 'reset') {
      state.t = settings.t.slice();
      state.y = settings.y.slice();
      state.random = seededRandom(settings.seed);
      state.message = '';
      state.invalid = '';
      ui.counts.value = state.t.join(', ');
    } else if (action === 'roll') {
      const text = ui.rollN.value.trim();
      const n = Number(text);
      const total = state.t.reduce((a, b) => a + b, 0);
      if (!/^\d+$/.test(text) || n < 1 || n > MAX_ROLL_N) {
        state.message = tr('die.badN', { max: MAX_ROLL_N.toLocaleString('en'), text });
        state.invalid = 'roll-n';
      } else if (total + n > MAX_ROLLS) {
        state.message = tr('die.tooMany', { n });
        state.invalid = 'roll-n';
      } else {
        const rolled = simulateCounts(settings.hidden, n, state.random);
        state.t = state.t.map((v, k) => v + rolled[k]);
        state.message = '';
        state.invalid = '';
        ui.counts.value = state.t.join(', ');
      }
    }
  }));
  function onSlice(changed, other) {
    return guarded(() => {
      const old = changed === ui.sliceI ? state.i : state.j;
      const value = Number(changed.value);
      if (value === Number(other.value)) other.value = String(old); // keep two different faces
      state.i = Number(ui.sliceI.value);
      state.j = Number(ui.sliceJ.value);
    });
  }
  ui.sliceI.addEventListener('change', onSlice(ui.sliceI, ui.sliceJ));
  ui.sliceJ.addEventListener('change', onSlice(ui.sliceJ, ui.sliceI));
  ui.modes.forEach((radio) => radio.addEventListener('change', guarded(() => { if (radio.checked) state.mode = radio.value; })));

  // ------------------------------------------------------------------ drawing
  const bars = setupCanvas(ui.bars);
  const surf = setupCanvas(ui.surface);

  // write to the DOM only what changed: an unchanged attribute still costs style and layout work.
  // New text goes into the element's text node: replacing the node (textContent) is a change to
  // the tree, which makes the theme's :has() rules restyle the notebook cell around the explorer.
  function setText(el, text) {
    const node = el.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
      if (node.data !== text) node.data = text;
    } else if (el.textContent !== text) el.textContent = text;
  }
  function setAttr(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }

  // Text written at most every ANNOUNCE_MS, the last always landing: the live region (a screen
  // reader speaks it at most twice a second) and the heat map's description (one long paragraph:
  // re-setting it on every frame of a drag costs layout and paint while nobody can read it).
  function throttled(el) {
    const t = { at: -Infinity, timer: 0, text: null };
    const write = () => {
      t.timer = 0;
      t.at = performance.now();
      setText(el, t.text);
    };
    return (text) => {
      t.text = text;
      if (t.timer || text === el.textContent) return;
      const wait = t.at + ANNOUNCE_MS - performance.now();
      if (wait <= 0) write();
      else t.timer = setTimeout(write, wait);
    };
  }
  const announce = throttled(ui.live);
  const showDescription = throttled(ui.description);

  function render() {
    const { y, t, i, j } = state;
    const n = t.reduce((a, b) => a + b, 0);
    // controls follow the state
    ui.sliders.forEach((slider, k) => {
      const shown = String(Math.round(y[k] / STEP) * STEP);
      if (Number(slider.value) !== Number(shown)) slider.value = shown;
      setText(ui.outputs[k], y[k].toFixed(3));
    });
    setText(ui.sum, `Σ y = ${y.reduce((a, b) => a + b, 0).toFixed(3)}`);
    if (ui.sliceI.value !== String(i)) ui.sliceI.value = String(i);
    if (ui.sliceJ.value !== String(j)) ui.sliceJ.value = String(j);
    ui.modes.forEach((radio) => { if (radio.checked !== (radio.value === state.mode)) radio.checked = !radio.checked; });
    setText(ui.message, state.message);
    if (ui.message.hidden !== !state.message) ui.message.hidden = !state.message;
    setAttr(ui.counts, 'aria-invalid', String(state.invalid === 'counts'));
    setAttr(ui.rollN, 'aria-invalid', String(state.invalid === 'roll-n'));

    // the numbers
    const logL = logLikelihood(y, t);
    const L = likelihood(y, t);
    const best = logLikelihood(mle(t), t);
    const w = sliceWeights(y, i, j);
    const surface = surfaceFor(t, i, j, state.mode);
    const sliceBest = surface.shapeMax + offSliceConstant(t, w, i, j);
    const r = ui.readouts;
    let lText;
    setAttr(r.likelihood, 'data-value', String(L));
    setAttr(r.likelihood, 'data-underflow', String(L === 0 && logL > -Infinity));
    if (logL === -Infinity) {
      const k = t.findIndex((v, m) => v > 0 && y[m] === 0);
      lText = tr('die.impossible', { k: k + 1, count: t[k].toLocaleString('en'), y: `y${sub(k + 1)}` });
    } else if (L === 0) {
      lText = tr('die.underflow', { e: fixed(logL / Math.LN10, 1) });
    } else {
      lText = sci(L, 4);
    }
    setText(r.likelihood, lText);
    setAttr(r['log-likelihood'], 'data-value', String(logL));
    setText(r['log-likelihood'], fixed(logL, 4));
    setAttr(r['best-log-likelihood'], 'data-value', String(best));
    setText(r['best-log-likelihood'], fixed(best, 4));
    const gap = logL - best;
    setAttr(r['log-likelihood-gap'], 'data-value', String(gap));
    setText(r['log-likelihood-gap'], fixed(gap, 4));
    setAttr(r['slice-best-log-likelihood'], 'data-value', String(sliceBest));
    setText(r['slice-best-log-likelihood'], fixed(sliceBest, 4));

    drawBars(bars, y, t, n);
    drawSurface(surf, surface, state, sliceBest);
    showDescription(describe(state, surface, logL, sliceBest));
    setAttr(ui.surface, 'aria-label', tr('die.heatLabel', { what: state.mode === 'log' ? 'log L' : 'L', i: i + 1, j: j + 1 }));
    setAttr(ui.bars, 'aria-label', tr('die.barsLabel', { n: n.toLocaleString('en') }));
    announce(tr('die.say', { v: fixed(logL, 2), rest: logL === -Infinity ? tr('die.sayImpossible') : tr('die.sayGap', { gap: fixed(best - logL, 2) }) }));

    setAttr(root, 'data-probabilities', y.map(String).join(','));
    setAttr(root, 'data-counts', t.join(','));
    setAttr(root, 'data-slice', `${i + 1},${j + 1}`);
    setAttr(root, 'data-mode', state.mode);
    root.dataset.renders = String(++renders);
  }

  function surfaceFor(t, i, j, mode) {
    const key = `${t.join(',')}|${i}|${j}|${mode}`;
    if (cache.key !== key) {
      cache.key = key;
      cache.surface = buildSurface(t, i, j, mode);
    }
    return cache.surface;
  }

  root.classList.add('ld-live');
  render();
}

// ==================================================================== canvases

function setupCanvas(canvas) {
  const width = Number(canvas.getAttribute('width'));
  const height = Number(canvas.getAttribute('height'));
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.aspectRatio = `${width} / ${height}`;
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  return { canvas, ctx, width, height, dpr };
}

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const BARS = { left: 44, right: 10, top: 30, bottom: 40 };

/** Bars of y (blue) beside t/N (orange): everything but the blue bars is kept per counts. */
function drawBars(c, y, t, n) {
  const { ctx, width, height } = c;
  const { left, top } = BARS;
  const w = width - left - BARS.right;
  const h = height - top - BARS.bottom;
  const slot = w / FACES;
  const bw = slot * 0.36;
  const key = t.join(',');
  if (c.key !== key) {
    c.key = key;
    c.background = offscreen(c, (g) => {
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, width, height);
      g.font = FONT;
      g.strokeStyle = '#dddddd';
      g.fillStyle = COLOURS.ink;
      g.lineWidth = 1;
      g.textAlign = 'right';
      g.textBaseline = 'middle';
      for (let v = 0; v <= 1.0001; v += 0.2) {
        const py = top + h - v * h;
        g.beginPath(); g.moveTo(left, py); g.lineTo(left + w, py); g.stroke();
        g.fillText(v.toFixed(1), left - 6, py);
      }
      for (let k = 0; k < FACES; k++) {
        const x = left + slot * (k + 0.5);
        g.fillStyle = COLOURS.data;
        g.fillRect(x, top + h - (t[k] / n) * h, bw, (t[k] / n) * h);
        g.fillStyle = COLOURS.ink;
        g.textAlign = 'center';
        g.textBaseline = 'top';
        g.fillText(String(k + 1), x, top + h + 5);
      }
      g.fillText(tr('die.barsAxis', { n: n.toLocaleString('en') }), left + w / 2, top + h + 22);
      g.textAlign = 'left';
      g.textBaseline = 'middle';
      const yours = tr('die.barsYours');
      const second = Math.max(110, 17 + g.measureText(yours).width + 16); // 110 in English
      g.fillStyle = COLOURS.model; g.fillRect(left, 9, 12, 12);
      g.fillStyle = COLOURS.ink; g.fillText(yours, left + 17, 15);
      g.fillStyle = COLOURS.data; g.fillRect(left + second, 9, 12, 12);
      g.fillStyle = COLOURS.ink; g.fillText(tr('die.barsFreq'), left + second + 17, 15);
      g.save();
      g.translate(12, top + h / 2);
      g.rotate(-Math.PI / 2);
      g.textAlign = 'center';
      g.fillText(tr('die.barsProb'), 0, 0);
      g.restore();
    });
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(c.background, 0, 0);
  ctx.setTransform(c.dpr, 0, 0, c.dpr, 0, 0);
  ctx.fillStyle = COLOURS.model;
  for (let k = 0; k < FACES; k++) {
    const x = left + slot * (k + 0.5);
    ctx.fillRect(x - bw, top + h - y[k] * h, bw, y[k] * h);
  }
  ctx.strokeStyle = COLOURS.ink;
  ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, top + h); ctx.lineTo(left + w, top + h); ctx.stroke();
}

/** An offscreen canvas the size of c's, drawn once by draw(context) in c's coordinates. */
function offscreen(c, draw) {
  const canvas = document.createElement('canvas');
  canvas.width = c.canvas.width;
  canvas.height = c.canvas.height;
  const g = canvas.getContext('2d');
  g.scale(c.dpr, c.dpr);
  draw(g);
  return canvas;
}

const PLOT = { left: 52, top: 40, size: 220, bar: 14, barGap: 16 };

/** Everything on the surface canvas that depends only on the counts, the slice and the mode. */
function buildSurface(t, i, j, mode) {
  const { field, shapeMax, best } = sliceSurface(t, i, j, GRID);
  // colour scale: as in the Python explorer, log L relative to the slice's best
  const finite = [];
  for (const v of field) if (Number.isFinite(v)) finite.push(v);
  finite.sort((a, b) => a - b);
  const p10 = finite.length ? finite[Math.floor(0.1 * (finite.length - 1))] : -10;
  const vmin = -Math.min(60, Math.max(5, -p10));
  const image = new ImageData(GRID, GRID);
  const values = new Float64Array(field.length);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const v = field[r * GRID + c];
      const o = ((GRID - 1 - r) * GRID + c) * 4; // image row 0 is the top (largest b)
      if (Number.isNaN(v)) { values[r * GRID + c] = NaN; continue; }
      const rel = v === -Infinity ? vmin - 1 : v;
      const shown = mode === 'log' ? rel : Math.exp(rel);
      values[r * GRID + c] = shown;
      const x = mode === 'log' ? (rel - vmin) / -vmin : shown;
      const idx = Math.round(Math.min(1, Math.max(0, x)) * 255) * 3;
      image.data[o] = LUT[idx];
      image.data[o + 1] = LUT[idx + 1];
      image.data[o + 2] = LUT[idx + 2];
      image.data[o + 3] = 255;
    }
  }
  const levels = mode === 'log' ? [-20, -10, -5, -2, -0.5] : [0.1, 0.5, 0.9];
  const contours = levels.map((level) => contourSegments(values, GRID, level));
  const tile = document.createElement('canvas');
  tile.width = GRID;
  tile.height = GRID;
  tile.getContext('2d').putImageData(image, 0, 0);
  return { shapeMax, best, vmin, mode, tile, contours, levels, i, j, background: null };
}

function drawSurfaceBackground(c, s) {
  return offscreen(c, (ctx) => drawSurfaceStatic(ctx, c, s));
}

/** The parts of the surface figure that depend only on the counts, the slice and the mode. */
function drawSurfaceStatic(ctx, c, s) {
  const { left, top, size } = PLOT;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(s.tile, left, top, size, size);
  // contours, in grid units: x = column (a = (x + 1/2) / n), y = row (b, upwards)
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  const px = (g) => left + ((g + 0.5) / GRID) * size;
  const py = (g) => top + size - ((g + 0.5) / GRID) * size;
  for (const segs of s.contours) {
    for (let q = 0; q < segs.length; q += 4) {
      ctx.moveTo(px(segs[q]), py(segs[q + 1]));
      ctx.lineTo(px(segs[q + 2]), py(segs[q + 3]));
    }
  }
  ctx.stroke();
  // the edge a + b = 1 and the axes
  ctx.strokeStyle = COLOURS.ink;
  ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left + size, top + size); ctx.stroke();
  ctx.strokeRect(left, top, size, size);
  ctx.font = FONT;
  ctx.fillStyle = COLOURS.ink;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    ctx.fillText(v.toFixed(1), left + v * size, top + size + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(v.toFixed(1), left - 4, top + size - v * size);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
  }
  ctx.fillText(tr('die.slider', { y: `y${sub(s.i + 1)}`, k: s.i + 1 }), left + size / 2, top + size + 20);
  ctx.save();
  ctx.translate(12, top + size / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(tr('die.slider', { y: `y${sub(s.j + 1)}`, k: s.j + 1 }), 0, 0);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(tr('die.title1', { what: s.mode === 'log' ? 'log L' : 'L', i: s.i + 1, j: s.j + 1 }), 8, 4);
  ctx.fillText(tr('die.title2'), 8, 20);
  // colour bar
  const bx = left + size + PLOT.barGap;
  for (let p = 0; p < size; p++) {
    const idx = Math.round((1 - p / (size - 1)) * 255) * 3;
    ctx.fillStyle = `rgb(${LUT[idx]},${LUT[idx + 1]},${LUT[idx + 2]})`;
    ctx.fillRect(bx, top + p, PLOT.bar, 1);
  }
  ctx.strokeRect(bx, top, PLOT.bar, size);
  ctx.fillStyle = COLOURS.ink;
  ctx.textBaseline = 'middle';
  const ticks = s.mode === 'log' ? [s.vmin, s.vmin / 2, 0] : [0, 0.5, 1];
  const lo = ticks[0];
  const hi = ticks[2];
  for (const v of ticks) ctx.fillText(fixed(v, s.mode === 'log' ? 0 : 1), bx + PLOT.bar + 4, top + size - ((v - lo) / (hi - lo)) * size);
  ctx.save();
  ctx.translate(bx + PLOT.bar + 44, top + size / 2);
  ctx.rotate(Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(tr(s.mode === 'log' ? 'die.barLog' : 'die.barLin'), 0, 0);
  ctx.restore();
  // legend in the empty corner above the edge
  drawStar(ctx, left + size - 118, top + 12, 7);
  ctx.fillStyle = COLOURS.ink;
  ctx.fillText(tr('die.star'), left + size - 106, top + 12);
  drawDot(ctx, left + size - 118, top + 30);
  ctx.fillStyle = COLOURS.ink;
  ctx.fillText(tr('die.dot'), left + size - 106, top + 30);
}

function drawStar(ctx, x, y, r) {
  ctx.beginPath();
  for (let p = 0; p < 10; p++) {
    const angle = -Math.PI / 2 + (p * Math.PI) / 5;
    const radius = p % 2 ? r * 0.45 : r;
    ctx.lineTo(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fillStyle = COLOURS.mle;
  ctx.fill();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1;
  ctx.stroke();
}

function drawDot(ctx, x, y) {
  ctx.beginPath();
  ctx.arc(x, y, 5.5, 0, 2 * Math.PI);
  ctx.fillStyle = COLOURS.model;
  ctx.fill();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** The heat map with its star, any note, and the dot for the current die. The rest is redrawn only
 * when the surface, the note or the star change; a drag that only moves the dot copies back the
 * few pixels under the old dot and draws the new one, so the page repaints that spot alone. */
function drawSurface(c, s, state, sliceBest) {
  const { ctx, dpr } = c;
  const { left, top, size } = PLOT;
  let note = '';
  if (sliceBest === -Infinity) {
    const k = state.t.findIndex((v, m) => m !== state.i && m !== state.j && v > 0 && state.y[m] === 0);
    note = tr('die.noteInf', { k: k + 1, y: `y${sub(k + 1)}` });
  } else if (state.mode === 'linear' && sliceBest < -745.2) {
    note = tr('die.noteUnder', { v: fixed(sliceBest, 1) });
  }
  const possible = sliceBest > -Infinity;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (c.surface !== s || c.note !== note || c.possible !== possible) {
    Object.assign(c, { surface: s, note, possible });
    if (!s.background) s.background = drawSurfaceBackground(c, s);
    if (!c.base) c.base = offscreen(c, () => {}); // one canvas, redrawn (a note may change every frame)
    const g = c.base.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(s.background, 0, 0);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!possible) {
      g.fillStyle = '#ffffff'; // no die on this slice is possible: no map
      g.fillRect(left + 0.5, top + 0.5, size - 1, size - 1);
    }
    if (note) {
      g.fillStyle = 'rgba(255, 255, 255, 0.92)';
      g.fillRect(left + 4, top + size - 52, size - 8, 48);
      g.fillStyle = COLOURS.ink;
      g.font = FONT;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      wrap(g, note, left + 8, top + size - 48, size - 16, 15);
    }
    if (possible) drawStar(g, left + s.best[0] * size, top + size - s.best[1] * size, 9);
    ctx.drawImage(c.base, 0, 0);
  } else if (c.dot) {
    const [x, y, w, h] = c.dot;
    ctx.drawImage(c.base, x, y, w, h, x, y, w, h);
  }
  const dx = left + state.y[state.i] * size;
  const dy = top + size - state.y[state.j] * size;
  const reach = 8; // the dot's radius, half its outline and a pixel of smoothing, rounded up
  const x0 = Math.max(0, Math.floor((dx - reach) * dpr));
  const y0 = Math.max(0, Math.floor((dy - reach) * dpr));
  c.dot = [x0, y0, Math.min(c.canvas.width, Math.ceil((dx + reach) * dpr)) - x0, Math.min(c.canvas.height, Math.ceil((dy + reach) * dpr)) - y0];
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawDot(ctx, dx, dy);
}

// a line may break at a space, or between two characters of Japanese text (closing punctuation
// stays with the character before it)
const PIECES = /\s*[^\s\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+|\s*[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef][、。，．）」』：；]*/g;

function wrap(ctx, text, x, y, width, lineHeight) {
  let line = '';
  for (const piece of text.match(PIECES) || []) {
    const next = line + (line ? piece : piece.trimStart());
    if (ctx.measureText(next).width > width && line) {
      ctx.fillText(line, x, y);
      y += lineHeight;
      line = piece.trimStart();
    } else line = next;
  }
  ctx.fillText(line, x, y);
}

function describe(state, s, logL, sliceBest) {
  const { y, i, j } = state;
  const what = state.mode === 'log' ? 'log L' : 'L';
  const fi = `y${sub(i + 1)}`;
  const fj = `y${sub(j + 1)}`;
  let text = tr('desc.intro', { what, i: i + 1, j: j + 1 });
  if (sliceBest === -Infinity) return text + tr('desc.empty');
  text += tr('desc.best', { fi, fj, a: s.best[0].toFixed(3), b: s.best[1].toFixed(3) });
  const yours = text + tr('desc.yours', { fi, fj, a: y[i].toFixed(3), b: y[j].toFixed(3) });
  const dx = s.best[0] - y[i];
  const dy = s.best[1] - y[j];
  if (Math.abs(dx) < 0.005 && Math.abs(dy) < 0.005) return tr('desc.on', { yours });
  const v = dy > 0.005 ? tr('desc.above') : dy < -0.005 ? tr('desc.below') : '';
  const h = dx > 0.005 ? tr('desc.right') : dx < -0.005 ? tr('desc.left') : '';
  const where = v && h ? tr('desc.both', { v, h }) : h || v;
  const gap = logL === -Infinity ? tr('desc.impossible') : tr('desc.gap', { gap: fixed(sliceBest - logL, 2) });
  return tr('desc.off', { yours, gap, where });
}
