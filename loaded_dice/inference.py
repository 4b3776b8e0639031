"""How sure are we? Standard errors, intervals and a test of "is this die loaded?", in numpy.

The chapter *How sure are we?* turns the curvature of the log-likelihood into precision and asks
whether the article's twenty rolls can tell its die from a fair one. Everything it computes lives
here, as pure functions of their arguments (no plotting, no widgets, no scipy):

* the chi-square distribution: :func:`chi2_sf` (from the regularized incomplete gamma function),
  :func:`chi2_isf`, :func:`chi2_pdf`;
* the coin (``heads`` even rolls, ``tails`` odd rolls): :func:`coin_standard_error`,
  :func:`coin_wald_interval`, :func:`coin_lr_interval`, :func:`coin_coverage` (simulated) and
  :func:`coin_coverage_exact`;
* the die: :func:`standard_errors` and :func:`covariance` of the estimate ``t / N``;
* the test against a null die (the fair die by default): :func:`g_statistic` (likelihood ratio),
  :func:`pearson_statistic`, :func:`chi2_pvalue`, and the exact p-value :func:`exact_pvalue`,
  which enumerates every count vector of ``N`` rolls (:func:`count_vectors`);
* power: :func:`simulate_g`, :func:`simulated_power`, :func:`rolls_for_power`, and
  :func:`compare_g` (the numbers behind the power explorer: G for a fair die and for a chosen
  die, side by side).

Inputs are checked with the validators of :mod:`loaded_dice.checks`; anything else raises
:class:`ValueError` naming the problem.
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
from dataclasses import dataclass

import numpy as np

from . import core as lk
from .checks import whole_number

__all__ = [
    "COUNT_VECTOR_LIMIT",
    "chi2_sf",
    "chi2_isf",
    "chi2_pdf",
    "coin_standard_error",
    "coin_log_likelihood",
    "coin_wald_interval",
    "coin_lr_interval",
    "coin_coverage",
    "coin_coverage_exact",
    "standard_errors",
    "covariance",
    "g_statistic",
    "pearson_statistic",
    "chi2_pvalue",
    "count_vectors",
    "number_of_count_vectors",
    "multinomial_probabilities",
    "exact_g_distribution",
    "exact_pvalue",
    "simulate_g",
    "simulated_power",
    "rolls_for_power",
    "GComparison",
    "compare_g",
]

#: :func:`count_vectors` refuses to list more count vectors than this (memory and time).
COUNT_VECTOR_LIMIT = 3_000_000

_EPS = 1e-15
_TINY = 1e-300


# --------------------------------------------------------------------------- checks


def _check_level(level, name: str = "level") -> float:
    """A probability strictly between 0 and 1 (a confidence level or a significance level)."""
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < float(level) < 1:
        raise ValueError(f"{name} must be a number strictly between 0 and 1; got {level!r}")
    return float(level)


def _check_positive_whole(n, name: str) -> int:
    n = whole_number(n, name)
    if n < 1:
        raise ValueError(f"{name} must be at least 1; got {n}")
    return n


def _check_df(df) -> int:
    return _check_positive_whole(df, "df (degrees of freedom)")


def _check_statistic(x, name: str = "x") -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or math.isnan(float(x)):
        raise ValueError(f"{name} must be a real number; got {x!r}")
    x = float(x)
    if x < 0:
        raise ValueError(f"{name} must be non-negative (a chi-square value); got {x!r}")
    return x


def _coin(heads, tails) -> tuple[int, int]:
    t = lk.validate_counts([heads, tails])
    a, b = int(t[0]), int(t[1])
    if a + b == 0:
        raise ValueError("no rolls: heads + tails is 0, so there is nothing to estimate")
    return a, b


def _counts_with_rolls(t) -> np.ndarray:
    t = lk.validate_counts(t)
    if t.size < 2:
        raise ValueError(f"a die needs at least 2 faces; got {t.size} counts")
    if int(t.sum()) == 0:
        raise ValueError("no rolls: the counts sum to 0, so there is nothing to estimate or test")
    return t


def _null_die(null, k: int) -> np.ndarray:
    """The die of the null hypothesis: valid, ``k`` faces, every face possible."""
    y0 = np.full(k, 1.0 / k) if null is None else lk.validate_probabilities(null)
    if y0.size != k:
        raise ValueError(f"the null die has {y0.size} faces but there are {k} counts")
    if np.any(y0 <= 0):
        bad = np.flatnonzero(y0 <= 0)
        raise ValueError(
            "the null die must give every face a positive probability; "
            f"face(s) {', '.join(str(i + 1) for i in bad)} have probability 0"
        )
    return y0


# --------------------------------------------------------------------------- chi-square


def _regularized_gammas(a: float, x: float) -> tuple[float, float]:
    """Return ``(P(a, x), Q(a, x))``, the regularized lower and upper incomplete gamma functions.

    A power series for ``x < a + 1`` and Lentz's continued fraction otherwise (both converge fast
    there), so the smaller of P and Q is always computed directly, never as ``1 - (almost 1)``.
    """
    if x == 0:
        return 0.0, 1.0
    if math.isinf(x):
        return 1.0, 0.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        p = total * math.exp(log_front)
        return min(p, 1.0), max(0.0, 1.0 - p)
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < _EPS:
            break
    q = math.exp(log_front) * h
    return max(0.0, 1.0 - q), min(q, 1.0)


def chi2_sf(x, df) -> float:
    """Return ``P(X > x)`` for a chi-square variable ``X`` with ``df`` degrees of freedom.

    This is the regularized upper incomplete gamma function ``Q(df/2, x/2)``, computed in plain
    Python (series or continued fraction), accurate to about 1e-14.
    """
    x = _check_statistic(x)
    df = _check_df(df)
    return _regularized_gammas(df / 2, x / 2)[1]


def chi2_isf(q, df) -> float:
    """Return the value ``x`` that a chi-square variable with ``df`` degrees of freedom exceeds
    with probability ``q`` (the threshold of a test at level ``q``), by bisection on
    :func:`chi2_sf`."""
    return _chi2_isf(_check_level(q, "q (a tail probability)"), _check_df(df))


@functools.lru_cache(maxsize=256)
def _chi2_isf(q: float, df: int) -> float:
    lo, hi = 0.0, max(1.0, float(df))
    while chi2_sf(hi, df) > q:
        lo, hi = hi, 2 * hi
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if chi2_sf(mid, df) > q:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-13 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def chi2_pdf(x, df) -> np.ndarray:
    """Return the chi-square density with ``df`` degrees of freedom at ``x`` (array or number)."""
    df = _check_df(df)
    x = np.asarray(x, dtype=float)
    if np.any(np.isnan(x)) or np.any(x < 0):
        raise ValueError("x must be non-negative numbers (chi-square values)")
    k = df / 2
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        logpdf = (k - 1) * np.log(x) - x / 2 - k * math.log(2) - math.lgamma(k)
        out = np.exp(logpdf)
    if df == 2:
        out = np.where(x == 0, 0.5, out)
    elif df == 1:
        out = np.where(x == 0, np.inf, out)
    else:
        out = np.where(x == 0, 0.0, out)
    return out


# --------------------------------------------------------------------------- the coin


def coin_log_likelihood(p, heads, tails) -> np.ndarray:
    """Return ``heads log p + tails log(1 - p)`` for ``p`` in [0, 1] (array or number).

    ``0 log 0 = 0``: with no heads, ``p = 0`` gives 0, not ``nan``.
    """
    a, b = _coin(heads, tails)
    p = np.asarray(p, dtype=float)
    if np.any(np.isnan(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities between 0 and 1")
    with np.errstate(divide="ignore"):
        left = a * np.log(p) if a else np.zeros_like(p)
        right = b * np.log1p(-p) if b else np.zeros_like(p)
    return left + right


def coin_standard_error(heads, tails) -> float:
    """Return the standard error of ``p_hat = heads / N``: ``sqrt(p_hat (1 - p_hat) / N)``.

    It is the inverse square root of minus the curvature of ``log L`` at ``p_hat``,
    ``-d² log L / dp² = N / (p_hat (1 - p_hat))``. Zero when every roll is heads or every roll
    is tails (the curvature is then infinite and the Wald interval collapses to a point).
    """
    a, b = _coin(heads, tails)
    n = a + b
    p = a / n
    return math.sqrt(p * (1 - p) / n)


def _z(level: float) -> float:
    """The two-sided normal quantile for ``level``: ``z² `` is the chi-square(1) threshold."""
    return math.sqrt(chi2_isf(1 - level, 1))


def coin_wald_interval(heads, tails, level: float = 0.95) -> tuple[float, float]:
    """Return the Wald interval ``p_hat ± z · SE`` (``z = 1.96`` for 95 %).

    Not clipped to [0, 1]: that it can leave the possible range is one of its known flaws.
    """
    level = _check_level(level)
    a, b = _coin(heads, tails)
    p = a / (a + b)
    half = _z(level) * coin_standard_error(a, b)
    return p - half, p + half


def _lr_bounds(a, b, cut: float) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised likelihood-ratio bounds for arrays of heads ``a`` and tails ``b``."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n = a + b
    p_hat = a / n

    def loglik(p):
        with np.errstate(divide="ignore", invalid="ignore"):
            left = np.where(a > 0, a * np.log(p), 0.0)
            right = np.where(b > 0, b * np.log1p(-p), 0.0)
        return left + right

    target = loglik(p_hat) - cut

    def solve(lo, hi, rising):
        # loglik is increasing on [0, p_hat] and decreasing on [p_hat, 1]
        for _ in range(80):
            mid = 0.5 * (lo + hi)
            above = loglik(mid) >= target
            if rising:
                hi = np.where(above, mid, hi)
                lo = np.where(above, lo, mid)
            else:
                lo = np.where(above, mid, lo)
                hi = np.where(above, hi, mid)
        return 0.5 * (lo + hi)

    zeros, ones = np.zeros_like(p_hat), np.ones_like(p_hat)
    lower = np.where(a > 0, solve(zeros, p_hat, True), 0.0)
    upper = np.where(b > 0, solve(p_hat, ones, False), 1.0)
    return lower, upper


def coin_lr_interval(heads, tails, level: float = 0.95) -> tuple[float, float]:
    """Return the likelihood-ratio interval: every ``p`` with ``log L(p) >= log L(p_hat) - c``.

    ``c`` is half the chi-square(1) threshold for ``level`` (``c = 1.92`` for 95 %). The interval
    always lies inside [0, 1] and is not symmetric around ``p_hat`` when ``p_hat`` is near 0 or 1.
    """
    level = _check_level(level)
    a, b = _coin(heads, tails)
    lower, upper = _lr_bounds(a, b, chi2_isf(1 - level, 1) / 2)
    return float(lower), float(upper)


def _coin_intervals_for_all_heads(n: int, level: float, method: str) -> tuple[np.ndarray, np.ndarray]:
    heads = np.arange(n + 1)
    if method == "wald":
        p = heads / n
        half = _z(level) * np.sqrt(p * (1 - p) / n)
        return p - half, p + half
    if method == "lr":
        return _lr_bounds(heads, n - heads, chi2_isf(1 - level, 1) / 2)
    raise ValueError(f"method must be 'wald' or 'lr'; got {method!r}")


def _coverage_setup(p, n, level, method):
    if isinstance(p, bool) or not isinstance(p, numbers.Real) or not 0 <= float(p) <= 1:
        raise ValueError(f"p must be a probability between 0 and 1; got {p!r}")
    p = float(p)
    n = _check_positive_whole(n, "n (the number of rolls)")
    level = _check_level(level)
    lower, upper = _coin_intervals_for_all_heads(n, level, method)
    covers = (lower <= p) & (p <= upper)
    return p, n, covers


def coin_coverage(p, n, level: float = 0.95, method: str = "wald", experiments: int = 10_000, seed=None) -> float:
    """Simulate ``experiments`` coins of ``n`` rolls with heads probability ``p``; return the
    share whose interval (``method`` ``"wald"`` or ``"lr"``) contains ``p``."""
    p, n, covers = _coverage_setup(p, n, level, method)
    experiments = _check_positive_whole(experiments, "experiments")
    heads = np.random.default_rng(seed).binomial(n, p, size=experiments)
    return float(covers[heads].mean())


def _binomial_pmf(n: int, p: float) -> np.ndarray:
    k = np.arange(n + 1)
    log_choose = np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in k])
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = log_choose + np.where(k > 0, k * np.log(p), 0.0) + np.where(n - k > 0, (n - k) * np.log1p(-p), 0.0)
    return np.exp(logp)


def coin_coverage_exact(p, n, level: float = 0.95, method: str = "wald") -> float:
    """Return the exact probability that the interval of ``n`` rolls contains the true ``p``:
    the binomial probabilities of all head counts whose interval covers ``p``, added up."""
    p, n, covers = _coverage_setup(p, n, level, method)
    return float(math.fsum(_binomial_pmf(n, p)[covers].tolist()))


# --------------------------------------------------------------------------- the die


def standard_errors(t) -> np.ndarray:
    """Return the standard errors ``sqrt(y_hat_k (1 - y_hat_k) / N)`` of the estimate ``t / N``."""
    t = _counts_with_rolls(t)
    y = t / t.sum()
    return np.sqrt(y * (1 - y) / t.sum())


def covariance(t) -> np.ndarray:
    """Return the covariance matrix of ``t / N``: ``(diag(y_hat) - y_hat y_hatᵀ) / N``.

    Its diagonal holds the squared standard errors; off the diagonal, ``-y_hat_j y_hat_k / N``:
    a face that came up more often than it should leaves fewer rolls for the others.
    """
    t = _counts_with_rolls(t)
    y = t / t.sum()
    return (np.diag(y) - np.outer(y, y)) / t.sum()


# --------------------------------------------------------------------------- the test


def _g_rows(T: np.ndarray, y0: np.ndarray) -> np.ndarray:
    """``2 sum_k t_k log(t_k / (N y0_k))`` for every row of the count matrix ``T``."""
    T = np.asarray(T, dtype=float)
    n = T.sum(axis=1, keepdims=True)
    expected = n * y0
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(T > 0, T * np.log(T / expected), 0.0)
    return np.maximum(2 * terms.sum(axis=1), 0.0)


def g_statistic(t, null=None) -> float:
    """Return the likelihood-ratio statistic ``G = 2 sum_k t_k log(t_k / (N y0_k))``.

    ``G = 2 (log L(t/N) - log L(y0))``: twice the log-likelihood the best die gains over the null
    die ``y0`` (the fair die unless ``null`` is given), which equals ``2 N KL(t/N || y0)``.
    """
    t = _counts_with_rolls(t)
    y0 = _null_die(null, t.size)
    return float(_g_rows(t[None, :], y0)[0])


def pearson_statistic(t, null=None) -> float:
    """Return Pearson's ``X² = sum_k (t_k - N y0_k)² / (N y0_k)`` against the null die ``y0``."""
    t = _counts_with_rolls(t)
    y0 = _null_die(null, t.size)
    expected = t.sum() * y0
    return float(np.sum((t - expected) ** 2 / expected))


def chi2_pvalue(t, null=None, statistic: str = "g") -> float:
    """Return the p-value of the counts against the null die from the chi-square approximation:
    ``P(chi2_{K-1} >= G)`` (``statistic="g"``) or ``>= X²`` (``"pearson"``)."""
    if statistic == "g":
        value = g_statistic(t, null)
    elif statistic == "pearson":
        value = pearson_statistic(t, null)
    else:
        raise ValueError(f"statistic must be 'g' or 'pearson'; got {statistic!r}")
    return chi2_sf(value, len(lk.validate_counts(t)) - 1)


def number_of_count_vectors(n, k: int = 6) -> int:
    """Return how many count vectors ``k`` faces and ``n`` rolls have: ``C(n + k - 1, k - 1)``."""
    n = whole_number(n, "n (the number of rolls)")
    k = _check_positive_whole(k, "k (the number of faces)")
    return math.comb(n + k - 1, k - 1)


def count_vectors(n, k: int = 6) -> np.ndarray:
    """Return every vector of ``k`` non-negative counts that add up to ``n``, one per row.

    Stars and bars: a count vector is a row of ``n`` stars cut by ``k - 1`` bars, so the rows are
    the ``C(n + k - 1, k - 1)`` ways to place the bars among ``n + k - 1`` positions.
    Refuses more than :data:`COUNT_VECTOR_LIMIT` vectors.
    """
    m = number_of_count_vectors(n, k)
    if m > COUNT_VECTOR_LIMIT:
        raise ValueError(
            f"{n} rolls of a {k}-faced die have {m:,} count vectors, more than the limit of "
            f"{COUNT_VECTOR_LIMIT:,}; use the chi-square approximation or simulation instead"
        )
    if k == 1:
        return np.array([[n]], dtype=np.int64)
    slots = n + k - 1
    bars = np.fromiter(
        itertools.chain.from_iterable(itertools.combinations(range(slots), k - 1)),
        dtype=np.int64,
        count=m * (k - 1),
    ).reshape(m, k - 1)
    edges = np.hstack([np.full((m, 1), -1), bars, np.full((m, 1), slots)])
    return np.diff(edges, axis=1) - 1


def multinomial_probabilities(vectors, y) -> np.ndarray:
    """Return the probability of every row of count ``vectors`` under the die ``y``:
    ``N! / (t_1! ... t_K!) · prod_k y_k^{t_k}``."""
    y = lk.validate_probabilities(y)
    T = np.asarray(vectors)
    if T.ndim != 2 or T.shape[1] != y.size:
        raise ValueError(f"vectors must have one row per count vector and {y.size} columns; got shape {T.shape}")
    for row in (T[0], T[-1]) if len(T) else ():
        lk.validate_counts(row)
    if np.any(T < 0):
        raise ValueError("counts must be non-negative")
    n_max = int(T.sum(axis=1).max()) if len(T) else 0
    log_fact = np.array([math.lgamma(i + 1) for i in range(n_max + 1)])
    with np.errstate(divide="ignore"):
        logy = np.log(y)
    with np.errstate(invalid="ignore"):
        terms = np.where(T > 0, T * logy, 0.0)
    logp = log_fact[T.sum(axis=1)] - log_fact[T].sum(axis=1) + terms.sum(axis=1)
    return np.exp(logp)


def exact_g_distribution(n, null=None, k: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(G, probability)`` for every count vector of ``n`` rolls under the null die:
    the exact distribution of the likelihood-ratio statistic (no approximation)."""
    n = _check_positive_whole(n, "n (the number of rolls)")
    if null is not None:
        k = lk.validate_probabilities(null).size
    y0 = _null_die(null, k)
    T = count_vectors(n, k)
    return _g_rows(T, y0), multinomial_probabilities(T, y0)


def exact_pvalue(t, null=None) -> float:
    """Return the exact p-value of the counts against the null die (the fair die by default).

    Every count vector of ``N`` rolls is listed (:func:`count_vectors`) with its probability under
    the null die; the p-value adds up the probabilities of all vectors whose ``G`` is at least the
    observed one (ties within 1e-9 count as at least). No chi-square approximation is involved.
    """
    t = _counts_with_rolls(t)
    y0 = _null_die(null, t.size)
    g_obs = float(_g_rows(t[None, :], y0)[0])
    g, prob = exact_g_distribution(int(t.sum()), y0)
    tail = g >= g_obs - 1e-9 * max(1.0, g_obs)
    return min(1.0, math.fsum(prob[tail].tolist()))


# --------------------------------------------------------------------------- power


def simulate_g(die, n, experiments: int = 10_000, null=None, seed=None) -> np.ndarray:
    """Return ``G`` against the null die for ``experiments`` simulated sets of ``n`` rolls of ``die``."""
    die = lk.validate_probabilities(die)
    y0 = _null_die(null, die.size)
    n = _check_positive_whole(n, "n (the number of rolls)")
    experiments = _check_positive_whole(experiments, "experiments")
    T = np.random.default_rng(seed).multinomial(n, die / die.sum(), size=experiments)
    return _g_rows(T, y0)


def simulated_power(die, n, alpha: float = 0.05, experiments: int = 10_000, null=None, seed=None) -> float:
    """Return the share of simulated experiments (``n`` rolls of ``die``) in which the
    likelihood-ratio test at level ``alpha`` (chi-square threshold) calls the die loaded."""
    alpha = _check_level(alpha, "alpha (the significance level)")
    g = simulate_g(die, n, experiments, null=null, seed=seed)
    return float(np.mean(g > chi2_isf(alpha, len(lk.validate_probabilities(die)) - 1)))


def rolls_for_power(die, power: float = 0.8, alpha: float = 0.05, experiments: int = 10_000,
                    null=None, seed=0, max_rolls: int = 100_000) -> int:
    """Return the smallest number of rolls at which the simulated power reaches ``power``.

    Doubling finds a number of rolls that is enough, then bisection finds the smallest one (every
    candidate is simulated with the same ``seed``, so the answer is reproducible; it is a Monte
    Carlo estimate, good to a few rolls with the default 10 000 experiments). Raises ValueError if
    ``max_rolls`` rolls are not enough (a die equal to the null die is never detected).
    """
    power = _check_level(power, "power")
    die = lk.validate_probabilities(die)
    _null_die(null, die.size)
    max_rolls = _check_positive_whole(max_rolls, "max_rolls")

    def enough(n: int) -> bool:
        return simulated_power(die, n, alpha, experiments, null=null, seed=seed) >= power

    hi = 1
    while not enough(hi):
        if hi >= max_rolls:
            raise ValueError(
                f"even {max_rolls:,} rolls do not reach power {power:g}: the die is too close to "
                "the null die to be detected"
            )
        hi = min(2 * hi, max_rolls)
    lo = hi // 2  # not enough (or 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if enough(mid):
            hi = mid
        else:
            lo = mid
    return hi


@dataclass(frozen=True)
class GComparison:
    """Simulated G for the null die and for a chosen die, and the test's threshold."""

    die: np.ndarray
    n: int
    alpha: float
    threshold: float
    g_null: np.ndarray
    g_die: np.ndarray

    @property
    def size(self) -> float:
        """Share of null-die experiments called loaded (close to ``alpha`` when the test is honest)."""
        return float(np.mean(self.g_null > self.threshold))

    @property
    def power(self) -> float:
        """Share of the chosen die's experiments called loaded."""
        return float(np.mean(self.g_die > self.threshold))


def compare_g(die, n, alpha: float = 0.05, experiments: int = 2_000, null=None, seed=0) -> GComparison:
    """Simulate ``experiments`` sets of ``n`` rolls of the null die and of ``die``; return both
    sets of G, the chi-square threshold at level ``alpha`` and (as properties) the share of each
    that the test calls loaded. The two simulations use independent streams of one ``seed``."""
    die = lk.validate_probabilities(die)
    y0 = _null_die(null, die.size)
    alpha = _check_level(alpha, "alpha (the significance level)")
    n = _check_positive_whole(n, "n (the number of rolls)")
    null_seed, die_seed = np.random.SeedSequence(seed).spawn(2)
    return GComparison(
        die=die,
        n=n,
        alpha=alpha,
        threshold=chi2_isf(alpha, die.size - 1),
        g_null=simulate_g(y0, n, experiments, null=y0, seed=null_seed),
        g_die=simulate_g(die, n, experiments, null=y0, seed=die_seed),
    )
