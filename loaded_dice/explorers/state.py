"""The numbers behind the explorers, in plain numpy: what each readout and picture shows.

No widgets and no matplotlib here. Each explorer asks these functions what to show and only
draws the answer, so the tests check the numbers here directly, without building a widget:

* the data: :func:`parse_counts` reads what a reader types, :func:`format_counts` writes it back;
* the die explorer's readout (:func:`die_readout`) and its likelihood surface on a slice: the
  cache keys that decide what to recompute (:func:`slice_keys`), the picture relative to the best
  die on the slice with its colour limits (:func:`slice_picture`, :func:`colour_floor`), and the
  largest value on the slice (:func:`slice_values`);
* :func:`impossible_face`: the first face that came up although the die gives it probability 0;
* the coin explorer's curve, slopes and tangents (:class:`CoinState`);
* the simplex explorer's point, prediction and log-probability (:class:`SimplexState`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..checks import require_rolls, validate_counts, validate_probabilities
from ..core import FACES, likelihood, log_likelihood, mle
from ..surface import (
    SIMPLEX_CORNERS,
    off_slice_constant,
    slice_maximum,
    slice_shape,
    slice_weights,
)

__all__ = [
    "MAX_TYPED_COUNT",
    "LOG_LEVELS",
    "RELATIVE_LEVELS",
    "parse_counts",
    "format_counts",
    "impossible_face",
    "DieReadout",
    "die_readout",
    "slice_keys",
    "colour_floor",
    "SlicePicture",
    "slice_picture",
    "SliceValues",
    "slice_values",
    "coin_log_likelihood",
    "CoinState",
    "SimplexState",
]

#: Typed counts must stay below this (so that sums of them still fit in int64).
MAX_TYPED_COUNT = 2**62
#: Contour levels of the log L surface: log L this far below the best on the slice.
LOG_LEVELS = (-20.0, -10.0, -5.0, -2.0, -0.5)
#: Contour levels of the L surface: L as a fraction of the best on the slice.
RELATIVE_LEVELS = (0.1, 0.5, 0.9)


# --------------------------------------------------------------------------- the data


def parse_counts(text: str, faces: int = FACES.size) -> np.ndarray:
    """Read counts such as ``"2, 5, 2, 4, 2, 5"``; raise ValueError with a readable message."""
    parts = [p.strip() for p in str(text).split(",")]
    shown = str(text) if len(str(text)) <= 60 else str(text)[:57] + "..."
    expected = f"Counts must be {faces} non-negative whole numbers separated by commas; got {shown!r}"
    if len(parts) != faces or not all(re.fullmatch(r"\d+", p) for p in parts):
        raise ValueError(expected)
    values = [int(p) for p in parts]
    if any(v >= MAX_TYPED_COUNT for v in values):
        raise ValueError(f"Counts must be below 2**62 (about 4.6e18); got {shown!r}")
    return require_rolls(validate_counts(values, size=faces), f"there is nothing to explore; got {shown!r}")


def format_counts(t) -> str:
    """Return counts the way a reader types them, e.g. ``'2, 5, 2, 4, 2, 5'``."""
    return ", ".join(str(int(v)) for v in t)


def impossible_face(y, t, skip=()) -> int | None:
    """Return the first face (0-based) that came up although ``y`` gives it probability 0.

    ``None`` when there is none (the data are possible under ``y``). Faces in ``skip`` are not
    considered.
    """
    for k, (p, count) in enumerate(zip(np.asarray(y).tolist(), np.asarray(t).tolist())):
        if k not in skip and count > 0 and p == 0:
            return k
    return None


# --------------------------------------------------------------------------- the die's readout


@dataclass(frozen=True)
class DieReadout:
    """What the die explorer's readout shows for a die ``y`` and counts ``t``."""

    likelihood: float           #: the float64 product (0.0 once it underflows)
    log_likelihood: float       #: ``-inf`` when the data are impossible under ``y``
    best_log_likelihood: float  #: at the maximum likelihood estimate ``t / N``
    impossible_face: int | None  #: a face that came up but has probability 0 (0-based)

    @property
    def gap(self) -> float:
        """How far log L is below its largest value, ``log L(t/N) - log L(y)`` (``inf`` if impossible)."""
        return self.best_log_likelihood - self.log_likelihood

    @property
    def log10_likelihood(self) -> float:
        """``log10 L``: the size of L even when the float64 product underflows to 0.0."""
        return self.log_likelihood / math.log(10)


def die_readout(y, t) -> DieReadout:
    """Return the numbers of the die explorer's readout for die ``y`` and counts ``t``."""
    return DieReadout(
        likelihood=likelihood(y, t),
        log_likelihood=log_likelihood(y, t),
        best_log_likelihood=log_likelihood(mle(t), t),
        impossible_face=impossible_face(y, t),
    )


# --------------------------------------------------------------------------- the likelihood surface


def slice_keys(y, t, i: int, j: int, mode: str) -> tuple[tuple, tuple]:
    """Return the cache keys ``(values_key, shape_key)`` of the surface on the slice ``(i, j)``.

    The picture (colours, contours, best point) depends only on the counts, the slice and the
    mode (``shape_key``); the slice's values also depend on the off-slice proportions of ``y``
    (``values_key``), rounded to 9 decimals so that rescaling noise is not a change.
    """
    w = slice_weights(y, i, j)
    shape_key = (tuple(int(v) for v in t), int(i), int(j), str(mode))
    return shape_key + (tuple(np.round(w, 9).tolist()),), shape_key


def colour_floor(rel) -> float:
    """Return the lower colour limit of a log L surface drawn relative to its best value.

    The 10th percentile of the finite values (so most of the slice is coloured), but never
    closer than 5 or further than 60 below the best; 10 below when nothing is finite.
    """
    rel = np.asarray(rel, dtype=np.float64)
    finite = rel[np.isfinite(rel)]
    spread = -float(np.percentile(finite, 10)) if finite.size else 10.0
    return -min(60.0, max(5.0, spread))


@dataclass(frozen=True)
class SlicePicture:
    """The surface picture on a slice, relative to the best die on it (independent of the off-slice weights)."""

    best: tuple[float, float]   #: slice coordinates of the best die, ``(t_i / N, t_j / N)``
    shape_max: float            #: the varying part of log L at the best die
    field: np.ndarray           #: log L − best (mode ``"log"``) or L ÷ best (mode ``"lik"``); nan off the simplex
    clim: tuple[float, float]   #: colour limits of ``field``
    levels: tuple[float, ...]   #: contour levels of ``field``


def slice_picture(t, i: int, j: int, a, b, mode: str) -> SlicePicture:
    """Return the picture of log L (``mode="log"``) or L (``mode="lik"``) on the slice ``(i, j)``.

    ``a`` and ``b`` are the grid of slice coordinates. Values are relative to the best die on the
    slice; where log L is ``-inf`` the log picture shows one below its colour floor.
    """
    if mode not in ("log", "lik"):
        raise ValueError(f"mode must be 'log' or 'lik'; got {mode!r}")
    a_best, b_best = slice_maximum(t, i, j)
    shape_max = float(slice_shape(t, i, j, a_best, b_best))
    rel = slice_shape(t, i, j, a, b) - shape_max  # <= 0 on the simplex, nan off it
    floor = colour_floor(rel)
    rel = np.where(np.isneginf(rel), floor - 1.0, rel)
    if mode == "log":
        field, clim, levels = rel, (floor, 0.0), LOG_LEVELS
    else:
        field, clim, levels = np.exp(rel), (0.0, 1.0), RELATIVE_LEVELS
    return SlicePicture((a_best, b_best), shape_max, field, clim, levels)


@dataclass(frozen=True)
class SliceValues:
    """The largest log L on a slice, and why the slice may show nothing."""

    best_log_likelihood: float  #: ``-inf`` when a face off the slice came up but has weight 0
    blocked_face: int | None    #: that face (0-based), or None

    @property
    def likelihood_underflows(self) -> bool:
        """True when even the largest L on the slice is 0.0 in float64."""
        return math.exp(self.best_log_likelihood) == 0.0


def slice_values(y, t, i: int, j: int, shape_max: float) -> SliceValues:
    """Return the largest log L on the slice ``(i, j)`` through die ``y``, given the picture's ``shape_max``."""
    w = slice_weights(y, i, j)
    top = shape_max + off_slice_constant(t, w, i, j)
    blocked = impossible_face(w, t, skip=(i, j)) if top == -math.inf else None
    return SliceValues(top, blocked)


# --------------------------------------------------------------------------- the coin


def coin_log_likelihood(heads: int, tails: int, p):
    """Return ``heads log p + tails log(1 - p)`` (vectorised; ``0 log 0 = 0``; no warnings)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (heads * np.log(p) if heads else 0.0) + (tails * np.log1p(-p) if tails else 0.0)


@dataclass(frozen=True)
class CoinState:
    """The coin explorer's numbers at ``p`` for ``heads`` and ``tails`` (at least one toss)."""

    heads: int
    tails: int
    p: float

    @property
    def p_hat(self) -> float:
        """The maximum likelihood estimate ``heads / N``."""
        return self.heads / (self.heads + self.tails)

    @property
    def log_likelihood(self) -> float:
        """``log L(p) = heads log p + tails log(1 - p)``."""
        return float(coin_log_likelihood(self.heads, self.tails, self.p))

    @property
    def likelihood(self) -> float:
        """``L(p) = p**heads (1 - p)**tails``."""
        with np.errstate(under="ignore"):
            return float(np.exp(self.log_likelihood))

    @property
    def slope(self) -> float:
        """d log L / dp = heads / p - tails / (1 - p)."""
        return self.heads / self.p - self.tails / (1 - self.p)

    @property
    def likelihood_slope(self) -> float:
        """dL/dp = L(p) * d log L / dp."""
        return self.likelihood * self.slope

    @property
    def second_derivative(self) -> float:
        """d² log L / dp² = -heads / p² - tails / (1 - p)² (never positive)."""
        return -self.heads / self.p**2 - self.tails / (1 - self.p) ** 2

    @property
    def likelihood_second_derivative(self) -> float:
        """d²L/dp² = L(p) * ((d log L/dp)² + d² log L/dp²)."""
        return self.likelihood * (self.slope**2 + self.second_derivative)

    def tangent(self, of: str = "log", width: float = 0.15) -> tuple[np.ndarray, np.ndarray]:
        """Return the end points ``(xs, ys)`` of the tangent to log L (``of="log"``) or L (``of="lik"``) at ``p``."""
        value, slope = {"log": (self.log_likelihood, self.slope),
                        "lik": (self.likelihood, self.likelihood_slope)}[of]
        xs = np.array([max(0.0, self.p - width), min(1.0, self.p + width)])
        return xs, value + slope * (xs - self.p)

    def parabola(self, width: float = 0.25, n: int = 60) -> tuple[np.ndarray, np.ndarray]:
        """Return the second-order Taylor fit of log L around ``p`` (the curvature picture)."""
        p = self.p
        xs = np.linspace(max(0.001, p - width), min(0.999, p + width), n)
        dx = xs - p
        return xs, self.log_likelihood + self.slope * dx + 0.5 * self.second_derivative * dx**2


# --------------------------------------------------------------------------- the simplex


@dataclass(frozen=True)
class SimplexState:
    """The simplex explorer's numbers: a classifier's three probabilities and the true label."""

    probabilities: np.ndarray
    labels: tuple[str, str, str]
    true_label: str

    def __post_init__(self):
        p = validate_probabilities(self.probabilities)
        if p.size != 3:
            raise ValueError(f"three class probabilities needed; got {p.size}")
        object.__setattr__(self, "probabilities", p)

    @property
    def point(self) -> np.ndarray:
        """Where the prediction sits in the triangle: ``p @ SIMPLEX_CORNERS``."""
        return self.probabilities @ SIMPLEX_CORNERS

    @property
    def best(self) -> tuple[int, ...]:
        """The classes (0-based) that share the largest probability."""
        p = self.probabilities
        return tuple(int(k) for k in np.flatnonzero(np.isclose(p, p.max(), rtol=0, atol=1e-12)))

    @property
    def prediction(self) -> str:
        """The predicted class, or ``'a tie between fox and wolf'``."""
        names = [self.labels[k] for k in self.best]
        return names[0] if len(names) == 1 else "a tie between " + " and ".join(names)

    @property
    def log_probability(self) -> float:
        """log p(true label): ``-inf`` when the classifier rules the true class out."""
        q = float(self.probabilities[self.labels.index(self.true_label)])
        return math.log(q) if q > 0 else -math.inf
