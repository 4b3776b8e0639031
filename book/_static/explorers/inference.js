// The numbers behind the power explorer, under loaded_dice.inference's names: the chi-square
// distribution (chi2Sf, chi2Isf, chi2Pdf), the likelihood-ratio statistic G against the fair die,
// and G for many simulated experiments (simulateG), drawn from the multinomial by conditional
// binomials. Pure functions; the random numbers come from a seeded generator (math.js).

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** log Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function lgamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15, TINY = 1e-300;

/** [P(a, x), Q(a, x)], the regularized incomplete gamma functions: a series below a + 1, Lentz's
 * continued fraction above, so the smaller of the two is always computed directly. */
function gammas(a, x) {
  if (x === 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  const front = -x + a * Math.log(x) - lgamma(a);
  if (x < a + 1) {
    let term = 1 / a, total = term, ap = a;
    for (let i = 0; i < 10000; i++) {
      ap += 1;
      term *= x / ap;
      total += term;
      if (Math.abs(term) < Math.abs(total) * EPS) break;
    }
    const p = Math.min(1, total * Math.exp(front));
    return [p, Math.max(0, 1 - p)];
  }
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const q = Math.min(1, Math.exp(front) * h);
  return [Math.max(0, 1 - q), q];
}

/** P(X > x) for a chi-square variable X with df degrees of freedom. */
export const chi2Sf = (x, df) => gammas(df / 2, x / 2)[1];

/** The value a chi-square variable with df degrees of freedom exceeds with probability q (the
 * threshold of a test at level q), by bisection on chi2Sf. */
export function chi2Isf(q, df) {
  let lo = 0, hi = Math.max(1, df);
  while (chi2Sf(hi, df) > q) [lo, hi] = [hi, 2 * hi];
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = 0.5 * (lo + hi);
    if (chi2Sf(mid, df) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The chi-square density with df degrees of freedom at x ≥ 0. */
export function chi2Pdf(x, df) {
  const k = df / 2;
  if (x === 0) return df === 2 ? 0.5 : df === 1 ? Infinity : 0;
  return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - lgamma(k));
}

/** G = 2 Σ t_k log(t_k / (N/K)) against the fair die (a face that never came up adds 0). */
export function gStatistic(t) {
  const n = t.reduce((a, b) => a + b, 0), expected = n / t.length;
  let g = 0;
  for (const c of t) if (c > 0) g += c * Math.log(c / expected);
  return Math.max(0, 2 * g);
}

/** Tables that grow with the largest N asked for: log k! and k log k for k = 0 … n. */
const logFact = [0], kLogK = [0];
function grow(n) {
  for (let k = logFact.length; k <= n; k++) {
    logFact.push(lgamma(k + 1));
    kLogK.push(k * Math.log(k));
  }
}

/** One binomial(n, p) draw from one uniform u, by inversion: the outcomes are visited from the
 * mode outwards (mode, mode + 1, mode − 1, …), about √(np(1 − p)) steps. */
export function binomial(n, p, u) {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  grow(n);
  const m = Math.min(n, Math.floor((n + 1) * p));
  const pm = Math.exp(logFact[n] - logFact[m] - logFact[n - m] + m * Math.log(p) + (n - m) * Math.log1p(-p));
  const r = p / (1 - p);
  let lo = m, hi = m, plo = pm, phi = pm;
  u -= pm;
  while (u > 0) {
    if (hi < n) {
      phi *= ((n - hi) / (hi + 1)) * r;
      hi++;
      u -= phi;
      if (u <= 0) return hi;
    }
    if (lo > 0) {
      plo *= lo / ((n - lo + 1) * r);
      lo--;
      u -= plo;
      if (u <= 0) return lo;
    }
    if (hi >= n && lo <= 0) return m; // u was within rounding of 1: every outcome was visited
  }
  return m;
}

/** Counts of n rolls of the die y: face k gets binomial(rolls left, y_k / (y_k + … + y_K)). */
export function multinomial(n, y, random, out = new Array(y.length)) {
  const rest = new Array(y.length);
  let acc = 0;
  for (let k = y.length - 1; k >= 0; k--) rest[k] = acc += y[k];
  let left = n;
  for (let k = 0; k < y.length - 1; k++) {
    const c = left > 0 && rest[k] > 0 ? binomial(left, Math.min(1, y[k] / rest[k]), random()) : 0;
    out[k] = c;
    left -= c;
  }
  out[y.length - 1] = left;
  return out;
}

/** G against the fair die for `experiments` simulated sets of n rolls of the die y. */
export function simulateG(y, n, experiments, random) {
  grow(n);
  const g = new Float64Array(experiments), t = new Array(y.length);
  const fairTerm = n * Math.log(n / y.length);
  for (let e = 0; e < experiments; e++) {
    multinomial(n, y, random, t);
    let s = 0;
    for (const c of t) s += kLogK[c];
    g[e] = Math.max(0, 2 * (s - fairTerm));
  }
  return g;
}
