"""The pure-numpy core: likelihood, log-likelihood and maximum likelihood for a loaded die.

Notation follows the book (and the source article):

* ``y`` — the model: ``y[k-1]`` is the probability that face ``k`` comes up; ``sum(y) == 1``.
* ``t`` — the data: ``t[k-1]`` is how many times face ``k`` came up; ``N = sum(t)``.
* ``L = prod y_k ** t_k``                                  (article eq. 3.4)
* ``log L = sum t_k log y_k``                              (article eq. 3.6)

Everything here is a pure function of its arguments: no plotting, no widgets, no global state.
Every function validates its inputs (with :mod:`loaded_dice.checks`, re-exported here) and raises
:class:`ValueError` with a message that names the problem and the offending value, so that a
reader who passes ``[0.5, 0.6]`` learns *why* it is not a die.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import numpy as np

from .checks import (
    SUM_TOLERANCE,
    offenders,
    real_array,
    require_rolls,
    validate_counts,
    validate_probabilities,
    whole_number,
)

__all__ = [
    "FACES",
    "ARTICLE_COUNTS",
    "ARTICLE_N",
    "FAIR_DIE",
    "SUM_TOLERANCE",
    "EXACT_ROLL_LIMIT",
    "validate_probabilities",
    "validate_counts",
    "likelihood",
    "log_likelihood",
    "log_likelihoods",
    "exact_likelihood",
    "mle",
    "simulate_rolls",
    "counts",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "average_log_likelihood",
    "random_dice",
]


def _read_only(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


#: The face numbers of a six-sided die, 1..6.
FACES = _read_only(np.arange(1, 7))
#: The source article's 20 rolls: how often faces 1..6 came up.
ARTICLE_COUNTS = _read_only(np.array([2, 5, 2, 4, 2, 5], dtype=np.int64))
#: Number of rolls in the source article.
ARTICLE_N = 20
#: A fair die: every face has probability 1/6.
FAIR_DIE = _read_only(np.full(FACES.size, 1 / FACES.size))
#: :func:`exact_likelihood` refuses more rolls than this (the exact fraction grows with N).
EXACT_ROLL_LIMIT = 10_000

def _die_and_counts(y, t) -> tuple[np.ndarray, np.ndarray]:
    y = validate_probabilities(y)
    t = validate_counts(t, size=y.size)
    return y, t


# --------------------------------------------------------------------------- likelihood


def likelihood(y, t) -> float:
    """Return the likelihood ``L = prod_k y_k ** t_k`` (article eq. 3.4) as a float64.

    Uses the convention ``0 ** 0 = 1`` (a face that never came up contributes a factor 1, even
    if its probability is 0).

    This is the honest float64 product, and that is the point: it **underflows to exactly 0.0**
    once the true value drops below the smallest positive float64 (about 4.9e-324). For a fair die
    and 20 000 rolls, ``L = 6**-20000`` (about 10**-15563), so ``likelihood`` returns ``0.0`` and
    every die looks equally (im)possible, while :func:`log_likelihood` stays an ordinary number
    (about -35835). That is why the book works with the log-likelihood.
    """
    y, t = _die_and_counts(y, t)
    with np.errstate(under="ignore"):
        return float(np.prod(np.power(y, t)))


def log_likelihood(y, t) -> float:
    """Return the log-likelihood ``log L = sum_k t_k log y_k`` (article eq. 3.6), natural log.

    Conventions: a face with count 0 contributes 0 whatever its probability (``0 log 0 = 0``);
    a face that came up (``t_k > 0``) but has probability 0 makes the result ``-inf``
    (the data are impossible under ``y``). No ``nan`` and no floating-point warning is produced.

    Counts are summed exactly as floats up to 2**53, so the result stays finite and accurate for
    billions of rolls (``N ~ 1e12``): it is a sum of a handful of products ``t_k log y_k``,
    added with :func:`math.fsum`.
    """
    y, t = _die_and_counts(y, t)
    seen = t > 0
    if np.any(y[seen] == 0):
        return -math.inf
    terms = t[seen].astype(np.float64) * np.log(y[seen])
    return math.fsum(terms.tolist())


def log_likelihoods(ys, t) -> np.ndarray:
    """Return ``sum_k t_k log y_k`` for every row of ``ys`` (shape ``(m, k)``) as an array ``(m,)``.

    The vectorised form of :func:`log_likelihood` (same conventions: ``0 log 0 = 0``, ``-inf`` for
    an impossible face, no warnings), for grids and clouds of candidate dice. Every row must be a
    valid die; the first invalid row is reported by index.
    """
    arr = real_array(ys, "probabilities")
    if arr.ndim != 2:
        raise ValueError(f"dice must be a 2-D array (one die per row); got shape {arr.shape}")
    k = arr.shape[1]
    if k < 2:
        raise ValueError(f"a die needs at least 2 faces; got rows of {k}")
    t = validate_counts(t, size=k)
    rows_ok = (
        np.all(np.isfinite(arr), axis=1)
        & np.all(arr >= 0, axis=1)
        & (np.abs(arr.sum(axis=1) - 1.0) <= SUM_TOLERANCE)
    )
    if not rows_ok.all():
        i = int(np.flatnonzero(~rows_ok)[0])
        try:
            validate_probabilities(arr[i])
        except ValueError as err:
            raise ValueError(f"row {i} is not a die: {err}") from None
    seen = t > 0
    tf = t[seen].astype(np.float64)
    sub = arr[:, seen]
    impossible = np.any(sub == 0, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(np.where(sub > 0, sub, 1.0)) @ tf
    out[impossible] = -np.inf
    return out


def _exact_probability(value, i: int) -> Fraction:
    """Convert one probability to a Fraction: Fractions and ints as is, strings via Fraction(str).

    Floats are read as their shortest decimal representation (``0.1`` becomes ``1/10``).
    """
    if isinstance(value, bool):
        raise ValueError(f"exact probabilities must be numbers; got y[{i}] = {value!r}")
    try:
        if isinstance(value, Fraction):
            return value
        if isinstance(value, numbers.Integral):
            return Fraction(int(value))
        if isinstance(value, (float, np.floating)):
            if not math.isfinite(value):
                raise ValueError
            return Fraction(repr(float(value)))
        return Fraction(str(value).strip())
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValueError(
            f"exact probabilities must be fractions, integers or strings such as '1/6' or '0.25'; "
            f"got y[{i}] = {value!r}"
        ) from None


def exact_likelihood(y, t) -> Fraction:
    """Return the likelihood ``prod_k y_k ** t_k`` as an exact :class:`fractions.Fraction`.

    ``y`` may hold Fractions, ints, or strings such as ``"1/6"`` or ``"0.25"`` (floats are read
    as their shortest decimal, so ``0.1`` means ``1/10``). The probabilities must be
    non-negative and sum to exactly 1. At most :data:`EXACT_ROLL_LIMIT` rolls are accepted,
    because the exact fraction grows with every roll.
    """
    if isinstance(y, (str, bytes)) or not hasattr(y, "__iter__"):
        raise ValueError(f"exact probabilities must be a 1-D sequence; got {y!r}")
    items = list(y)
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in items):
        raise ValueError(f"exact probabilities must be a 1-D sequence; got {y!r}")
    if len(items) < 2:
        noun = "probability" if len(items) == 1 else "probabilities"
        raise ValueError(f"a die needs at least 2 faces; got {len(items)} {noun}")
    probs = [_exact_probability(v, i) for i, v in enumerate(items)]
    for i, p in enumerate(probs):
        if p < 0:
            raise ValueError(f"probabilities must be non-negative; got y[{i}] = {p}")
    total = sum(probs, Fraction(0))
    if total != 1:
        raise ValueError(f"exact probabilities must sum to exactly 1; they sum to {total}")
    t = validate_counts(t, size=len(probs))
    n = int(t.sum())
    if n > EXACT_ROLL_LIMIT:
        raise ValueError(
            f"exact_likelihood is limited to {EXACT_ROLL_LIMIT} rolls "
            f"(the exact fraction grows with every roll); got {n} rolls"
        )
    result = Fraction(1)
    for p, k in zip(probs, t.tolist()):
        result *= p**k  # Fraction(0) ** 0 == 1
    return result


def mle(t) -> np.ndarray:
    """Return the maximum likelihood estimate ``y_hat = t / N`` (observed frequencies) as floats."""
    t = require_rolls(validate_counts(t), "the maximum likelihood estimate is undefined")
    return t / int(t.sum())


def average_log_likelihood(y, t) -> float:
    """Return the log-likelihood per roll, ``log L / N`` (minus the cross-entropy of ``t/N`` and ``y``)."""
    y, t = _die_and_counts(y, t)
    require_rolls(t, "the average log-likelihood is undefined")
    return log_likelihood(y, t) / int(t.sum())


# --------------------------------------------------------------------------- simulation


def simulate_rolls(y, n: int, seed=None) -> np.ndarray:
    """Return ``n`` simulated rolls of the die ``y`` as face numbers ``1..len(y)`` (int64 array).

    Reproducible: the same ``seed`` (anything :func:`numpy.random.default_rng` accepts) gives the
    same rolls. Vectorised (one uniform draw per roll, located in the cumulative probabilities with
    :func:`numpy.searchsorted`), so ten million rolls take a fraction of a second.
    A face with probability 0 never comes up.
    """
    y = validate_probabilities(y)
    n = whole_number(n, "n (the number of rolls)")
    rng = np.random.default_rng(seed)
    cdf = np.cumsum(y / y.sum())
    last = int(np.flatnonzero(y > 0)[-1])
    cdf[last:] = 1.0  # so rounding can never send a draw past the last possible face
    rolls = np.searchsorted(cdf, rng.random(n), side="right")
    rolls += 1  # face numbers start at 1
    return rolls.astype(np.int64, copy=False)


def counts(rolls, faces: int = FACES.size) -> np.ndarray:
    """Return how often each face ``1..faces`` occurs in ``rolls`` (int64 array of length ``faces``)."""
    faces = whole_number(faces, "faces")
    if faces < 1:
        raise ValueError(f"faces must be at least 1; got {faces}")
    try:
        raw = np.asarray(rolls)
    except (TypeError, ValueError):
        raise ValueError(f"rolls must be face numbers; got {rolls!r}") from None
    if raw.ndim != 1:
        raise ValueError(f"rolls must be a 1-D sequence; got shape {raw.shape}")
    if raw.size == 0:
        return np.zeros(faces, dtype=np.int64)
    if raw.dtype.kind in "iu":
        r = raw
    else:
        f = real_array(raw, "rolls")
        bad = ~np.isfinite(f) | (f != np.floor(f))
        if bad.any():
            raise ValueError(
                f"rolls must be whole face numbers; got {offenders('rolls', f, bad)}"
            )
        r = f
    bad = (r < 1) | (r > faces)
    if bad.any():
        raise ValueError(
            f"rolls must be face numbers 1..{faces}; got {offenders('rolls', r, bad)}"
        )
    return np.bincount(r.astype(np.int64) - 1, minlength=faces).astype(np.int64)


def random_dice(n: int, k: int = FACES.size, seed=None) -> np.ndarray:
    """Return ``n`` random dice, shape ``(n, k)``, uniformly distributed on the probability simplex.

    Each row is a Dirichlet(1, ..., 1) draw: every die with ``k`` faces is equally likely.
    Useful for showing that no random die beats the maximum likelihood estimate.
    """
    n = whole_number(n, "n (the number of dice)")
    k = whole_number(k, "k (the number of faces)")
    if k < 2:
        raise ValueError(f"a die needs at least 2 faces; got k = {k}")
    rng = np.random.default_rng(seed)
    x = rng.standard_exponential((n, k))
    return x / x.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- information


def _pair(p, q) -> tuple[np.ndarray, np.ndarray]:
    p = validate_probabilities(p)
    q = validate_probabilities(q)
    if p.size != q.size:
        raise ValueError(f"p and q must have the same length; got {p.size} and {q.size}")
    return p, q


def entropy(p) -> float:
    """Return the entropy ``H(p) = -sum_k p_k log p_k`` in nats (``0 log 0 = 0``)."""
    p = validate_probabilities(p)
    m = p > 0
    return max(0.0, -math.fsum((p[m] * np.log(p[m])).tolist()))


def cross_entropy(p, q) -> float:
    """Return the cross-entropy ``H(p, q) = -sum_k p_k log q_k`` in nats.

    ``inf`` when some ``p_k > 0`` has ``q_k = 0``; terms with ``p_k = 0`` contribute 0.
    """
    p, q = _pair(p, q)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return -math.fsum((p[m] * np.log(q[m])).tolist())


def kl_divergence(p, q) -> float:
    """Return the Kullback-Leibler divergence ``KL(p || q) = sum_k p_k log(p_k / q_k)`` in nats.

    Always ``>= 0`` (rounding below 0 is clipped), 0 when ``q == p``, and ``inf`` when some
    ``p_k > 0`` has ``q_k = 0``.
    """
    p, q = _pair(p, q)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    terms = p[m] * (np.log(p[m]) - np.log(q[m]))
    return max(0.0, math.fsum(terms.tolist()))
