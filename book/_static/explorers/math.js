// The numbers behind the in-page explorers: the library's functions (loaded_dice.likelihood and
// loaded_dice.surface), under the same names in camelCase and with the same conventions:
// 0 log 0 = 0, a face that came up but has probability 0 gives -Infinity, L is the honest float64
// product (it underflows to 0), the MLE is t / N. Pure functions, no DOM; their error messages
// come from ./i18n.js in the page's language.

import { tr } from './i18n.js';

/** Sum of floats with Neumaier's compensation (close to Python's math.fsum for a few terms). */
export function fsum(values) {
  let sum = 0;
  let comp = 0;
  for (const v of values) {
    const s = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - s + v : v - s + sum;
    sum = s;
  }
  return sum + comp;
}

/** log L = sum_k t_k log y_k (article eq. 3.6), natural log. */
export function logLikelihood(y, t) {
  const terms = [];
  for (let k = 0; k < y.length; k++) {
    if (t[k] === 0) continue;
    if (y[k] === 0) return -Infinity;
    terms.push(t[k] * Math.log(y[k]));
  }
  return fsum(terms);
}

/** L = prod_k y_k ** t_k (article eq. 3.4) as a float64: underflows to 0 like the library. */
export function likelihood(y, t) {
  let product = 1;
  for (let k = 0; k < y.length; k++) product *= t[k] === 0 ? 1 : Math.pow(y[k], t[k]);
  return product;
}

/** The maximum likelihood estimate t / N. */
export function mle(t) {
  const n = t.reduce((a, b) => a + b, 0);
  if (n === 0) throw new Error(tr('mle.none'));
  return t.map((v) => v / n);
}

/** Set y[k] to value and rescale the other faces proportionally so the die sums to 1. */
export function renormalise(y, k, value) {
  const v = Math.min(1, Math.max(0, Number(value)));
  if (!Number.isFinite(v)) throw new Error(tr('renormalise.finite', { v: value }));
  const others = [];
  for (let m = 0; m < y.length; m++) if (m !== k) others.push(m);
  const rest = fsum(others.map((m) => y[m]));
  const out = new Array(y.length);
  for (const m of others) out[m] = rest > 0 ? y[m] * ((1 - v) / rest) : (1 - v) / (y.length - 1);
  out[k] = v;
  for (let m = 0; m < out.length; m++) out[m] = Math.min(1, Math.max(0, out[m]));
  // put any rounding error on the largest of the other faces, so the sum is 1 to the last bit
  let big = others[0];
  for (const m of others) if (out[m] > out[big]) big = m;
  out[big] = Math.max(0, 1 - fsum(out.filter((_, m) => m !== big)));
  return out;
}

/** Off-slice weights: the other faces' current proportions (equal shares if all are zero). */
export function sliceWeights(y, i, j) {
  const w = y.map((v, m) => (m === i || m === j ? 0 : v));
  const rest = fsum(w);
  if (rest > 0) return w.map((v) => v / rest);
  return w.map((_, m) => (m === i || m === j ? 0 : 1 / (y.length - 2)));
}

function xlogy(t, x) {
  if (t === 0) return 0;
  return t * Math.log(x); // log(0) = -Infinity
}

/** t_i log a + t_j log b + T log(1 - a - b): the part of log L that varies on the slice. */
export function sliceShape(t, i, j, a, b) {
  let rest = 1 - a - b;
  if (Math.abs(rest) < 1e-15) rest = 0;
  if (a < 0 || b < 0 || rest < 0) return NaN;
  const n = t.reduce((p, q) => p + q, 0);
  return xlogy(t[i], a) + xlogy(t[j], b) + xlogy(n - t[i] - t[j], rest);
}

/** sum over the other faces of t_k log w_k: the constant part of log L on the slice. */
export function offSliceConstant(t, w, i, j) {
  const terms = [];
  for (let k = 0; k < t.length; k++) {
    if (k === i || k === j || t[k] === 0) continue;
    if (w[k] <= 0) return -Infinity;
    terms.push(t[k] * Math.log(w[k]));
  }
  return fsum(terms);
}

/** Where log L is largest on every slice through faces i and j: (t_i / N, t_j / N). */
export function sliceMaximum(t, i, j) {
  const n = t.reduce((a, b) => a + b, 0);
  return [t[i] / n, t[j] / n];
}

/** n cell centres (k + 1/2) / n on [0, 1]. */
export function gridCentres(n) {
  return Array.from({ length: n }, (_, k) => (k + 0.5) / n);
}

/**
 * The slice's log-likelihood relative to its best point, on an n x n grid of cell centres:
 * a Float64Array with row r = b (upwards), column c = a; NaN off the simplex, <= 0 on it.
 * Returns { field, shapeMax, best: [a, b] }.
 */
export function sliceSurface(t, i, j, n) {
  const g = gridCentres(n);
  const best = sliceMaximum(t, i, j);
  const shapeMax = sliceShape(t, i, j, best[0], best[1]);
  const field = new Float64Array(n * n);
  const ti = t[i];
  const tj = t[j];
  const tOther = t.reduce((p, q) => p + q, 0) - ti - tj;
  const logs = g.map(Math.log);
  for (let r = 0; r < n; r++) {
    const b = g[r];
    const rowTerm = tj === 0 ? 0 : tj * logs[r];
    for (let c = 0; c < n; c++) {
      const a = g[c];
      let rest = 1 - a - b;
      if (Math.abs(rest) < 1e-15) rest = 0;
      let v;
      if (rest < 0) v = NaN;
      else v = (ti === 0 ? 0 : ti * logs[c]) + rowTerm + (tOther === 0 ? 0 : tOther * Math.log(rest)) - shapeMax;
      field[r * n + c] = v;
    }
  }
  return { field, shapeMax, best };
}

/**
 * Contour segments of a field on an n x n grid at one level (marching squares, linear
 * interpolation along cell edges). Coordinates are in grid units: x = column, y = row.
 * Cells with a NaN corner are skipped. Returns a flat array [x0, y0, x1, y1, ...].
 */
export function contourSegments(field, n, level) {
  const out = [];
  const at = (r, c) => field[r * n + c];
  const lerp = (v0, v1) => (level - v0) / (v1 - v0);
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const v00 = at(r, c); // bottom left
      const v01 = at(r, c + 1); // bottom right
      const v11 = at(r + 1, c + 1); // top right
      const v10 = at(r + 1, c); // top left
      if (Number.isNaN(v00) || Number.isNaN(v01) || Number.isNaN(v11) || Number.isNaN(v10)) continue;
      const code = (v00 > level ? 1 : 0) | (v01 > level ? 2 : 0) | (v11 > level ? 4 : 0) | (v10 > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // crossing points on the four edges (only meaningful where the edge is crossed)
      const bottom = () => [c + lerp(v00, v01), r];
      const right = () => [c + 1, r + lerp(v01, v11)];
      const top = () => [c + lerp(v10, v11), r + 1];
      const left = () => [c, r + lerp(v00, v10)];
      const seg = (p, q) => out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(right(), top()); break;
        case 6: case 9: seg(bottom(), top()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          const centre = (v00 + v01 + v11 + v10) / 4;
          if ((centre > level) === (code === 5)) { seg(left(), top()); seg(bottom(), right()); }
          else { seg(left(), bottom()); seg(right(), top()); }
          break;
        }
        default: break;
      }
    }
  }
  return out;
}

/** The largest number of rolls the page accepts (beyond it, counts lose float64 exactness soon). */
export const MAX_ROLLS = 1e12;

/** Read counts such as "2, 5, 2, 4, 2, 5"; throw an Error with a readable message. */
export function parseCounts(text, faces = 6) {
  const shown = text.length <= 60 ? text : `${text.slice(0, 57)}...`;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== faces) {
    throw new Error(tr('counts.number', { faces, n: parts.length, shown }));
  }
  for (const p of parts) {
    if (p === '') throw new Error(tr('counts.missing', { shown, faces }));
    if (/^[+-]?\d+\.\d*$|^[+-]?\d*\.\d+$/.test(p) && !/^-/.test(p)) {
      throw new Error(tr('counts.fraction', { p }));
    }
    if (/^-\s*\d/.test(p)) throw new Error(tr('counts.negative', { p }));
    if (!/^\d+$/.test(p)) throw new Error(tr('counts.digits', { p }));
  }
  const t = parts.map((p) => Number(p));
  const n = t.reduce((a, b) => a + b, 0);
  if (parts.some((p) => p.replace(/^0+/, '').length > 13) || n > MAX_ROLLS) {
    throw new Error(tr('counts.tooMany', { n: Number.isFinite(n) ? sci(n) : tr('counts.farMore') }));
  }
  if (n === 0) throw new Error(tr('counts.zero'));
  return t;
}

/** A small seeded generator of uniform numbers in [0, 1) (splitmix32 seeding, sfc32 stream). */
export function seededRandom(seed) {
  let s = (Number(seed) >>> 0) ^ 0x9e3779b9;
  const split = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return () => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
}

/** Roll the die y n times with the generator random(); return the counts per face. */
export function simulateCounts(y, n, random) {
  const cdf = [];
  let acc = 0;
  for (const v of y) cdf.push((acc += v));
  let last = y.length - 1;
  while (last > 0 && y[last] === 0) last--;
  for (let k = last; k < cdf.length; k++) cdf[k] = 1; // rounding never sends a draw past the last possible face
  const counts = new Array(y.length).fill(0);
  for (let r = 0; r < n; r++) {
    const u = random();
    let k = 0;
    while (u >= cdf[k]) k++;
    counts[k] += 1;
  }
  return counts;
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** Scientific notation for reading, e.g. 2.274 × 10⁻¹⁵ (Python: loaded_dice.formatting.sci). */
export function sci(x, digits = 3) {
  if (x === 0) return '0';
  const [mantissa, exponent] = x.toExponential(digits).split('e');
  const e = String(Number(exponent)).replace(/./g, (ch) => SUPERSCRIPT[ch]);
  return `${mantissa.replace('-', '−')} × 10${e}`;
}

/** A number with an ordinary minus sign for reading (−12.3456). */
export function fixed(x, digits = 4) {
  if (x === -Infinity) return '−∞';
  if (x === Infinity) return '∞';
  const s = x.toFixed(digits);
  return s.startsWith('-') && Number(s) !== 0 ? `−${s.slice(1)}` : s.replace(/^-/, '');
}
