"""Two-dimensional slices of the probability simplex, and staying on it, in plain numpy.

A die with six faces has five free probabilities, too many to draw. The explorers draw a
*slice*: two faces ``i`` and ``j`` (0-based here) get the probabilities ``a`` and ``b``, and the
remaining mass ``1 - a - b`` is shared among the other faces in fixed proportions ``w``
(the *off-slice weights*, which sum to 1 over the other faces)::

    y_i = a,   y_j = b,   y_k = (1 - a - b) * w_k   for k not in {i, j}.

On such a slice the log-likelihood separates into a part that depends on ``(a, b)`` and a
constant that depends only on the weights::

    log L(a, b) = t_i log a + t_j log b + T log(1 - a - b)   +   sum_k t_k log w_k
                  `------------------ slice_shape ---------'     `- off_slice_constant -'

where ``T`` is the number of rolls that showed one of the other faces. So the *shape* of the
surface (and the place of its maximum, ``a = t_i / N, b = t_j / N``) does not depend on ``w`` at all;
changing ``w`` only shifts every value by the same constant. The explorers use this to redraw
a surface without recomputing its contours.

:func:`renormalise` is the rule the probability sliders follow: move one probability and the
others rescale proportionally so that the die stays valid.

Conventions are those of :func:`loaded_dice.core.log_likelihood`: ``0 log 0 = 0``, and a
face that came up but has probability 0 gives ``-inf``. Points with ``a + b > 1`` (or ``a < 0``,
``b < 0``) are not dice and give ``nan``. No floating-point warnings are emitted.
"""

from __future__ import annotations

import math

import numpy as np

from .checks import require_rolls, validate_counts, validate_probabilities, whole_number

__all__ = [
    "SIMPLEX_CORNERS",
    "renormalise",
    "slice_weights",
    "slice_dice",
    "slice_shape",
    "off_slice_constant",
    "slice_log_likelihood",
    "slice_maximum",
    "grid_centres",
]

#: Corners of the equilateral triangle used to draw three-class probabilities:
#: class 1 bottom left, class 2 bottom right, class 3 at the top (side length 1). A point
#: ``p`` of the three-face simplex is drawn at ``p @ SIMPLEX_CORNERS``. This is the layout of the
#: simplex explorer and of the classifier plots, so every triangle in the book puts the classes
#: in the same places.
SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, math.sqrt(3) / 2]])
SIMPLEX_CORNERS.flags.writeable = False


def _check_faces(i, j, k: int) -> tuple[int, int]:
    i, j = (whole_number(f, f"face index {name}", 0, k - 1) for name, f in (("i", i), ("j", j)))
    if i == j:
        raise ValueError(f"a slice needs two different faces; got i = j = {i}")
    return i, j


def renormalise(y, k: int, value: float) -> np.ndarray:
    """Return the die ``y`` with ``y[k]`` set to ``value`` and the other faces rescaled to sum to 1.

    The other probabilities keep their proportions (each is multiplied by the same factor
    ``(1 - value) / (1 - y[k])``). If they are all zero (``y[k]`` was 1), the remaining mass is
    shared equally among them. ``value`` is clipped to ``[0, 1]``. The result is a valid die whose
    entries sum to 1 up to rounding (about 1e-16).
    """
    y = validate_probabilities(y)
    k = whole_number(k, "k (the face index)", 0, y.size - 1)
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"the new probability must be a finite number; got {value!r}")
    v = min(1.0, max(0.0, v))
    others = np.ones(y.size, dtype=bool)
    others[k] = False
    rest = math.fsum(y[others].tolist())
    out = np.empty_like(y)
    if rest > 0:
        out[others] = y[others] * ((1.0 - v) / rest)
    else:
        out[others] = (1.0 - v) / (y.size - 1)
    out[k] = v
    np.clip(out, 0.0, 1.0, out=out)
    # Put any rounding error on the largest of the other faces, so that the sum is 1 to the last bit.
    if y.size > 1:
        idx = np.flatnonzero(others)
        big = idx[np.argmax(out[idx])]
        out[big] = max(0.0, 1.0 - math.fsum(np.delete(out, big).tolist()))
    return out


def slice_weights(y, i: int, j: int) -> np.ndarray:
    """Return the off-slice weights of die ``y`` for the slice through faces ``i`` and ``j``.

    The result has the length of ``y``, zeros at ``i`` and ``j``, and sums to 1 over the other
    faces: their current proportions, or equal shares if they are all zero.
    """
    y = validate_probabilities(y)
    i, j = _check_faces(i, j, y.size)
    w = y.copy()
    w[[i, j]] = 0.0
    rest = math.fsum(w.tolist())
    if rest > 0:
        w /= rest
    else:
        w[:] = 1.0 / (y.size - 2)
        w[[i, j]] = 0.0
    return w


def slice_dice(a, b, weights, i: int, j: int) -> np.ndarray:
    """Return the dice at slice coordinates ``(a, b)``: shape ``broadcast(a, b).shape + (k,)``."""
    w = np.asarray(weights, dtype=np.float64)
    i, j = _check_faces(i, j, w.size)
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    rest = (1.0 - a - b)[..., None]
    dice = rest * w
    dice[..., i] = a
    dice[..., j] = b
    return dice


def _xlogy(t: float, x: np.ndarray) -> np.ndarray:
    """``t * log(x)`` with ``0 log 0 = 0`` and ``t log 0 = -inf`` for ``t > 0``; no warnings."""
    if t == 0:
        return np.zeros_like(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return t * np.log(x)


def slice_shape(t, i: int, j: int, a, b) -> np.ndarray:
    """Return ``t_i log a + t_j log b + T log(1 - a - b)``: the part of log L that varies on a slice.

    ``T`` is the number of rolls of the faces other than ``i`` and ``j``. ``nan`` where ``(a, b)``
    is not on the simplex (``a < 0``, ``b < 0`` or ``a + b > 1``).
    """
    t = validate_counts(t)
    i, j = _check_faces(i, j, t.size)
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    rest = 1.0 - a - b
    rest = np.where(np.abs(rest) < 1e-15, 0.0, rest)  # a + b == 1 up to rounding is on the edge
    t_other = float(t.sum() - t[i] - t[j])
    out = _xlogy(float(t[i]), a) + _xlogy(float(t[j]), b) + _xlogy(t_other, rest)
    outside = (a < 0) | (b < 0) | (rest < 0) | ~np.isfinite(a) | ~np.isfinite(b)
    return np.where(outside, np.nan, out)


def off_slice_constant(t, weights, i: int, j: int) -> float:
    """Return ``sum_{k not in {i, j}} t_k log w_k``, the constant part of log L on a slice."""
    t = validate_counts(t)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != t.shape:
        raise ValueError(f"weights and counts must have the same length; got {w.size} and {t.size}")
    i, j = _check_faces(i, j, t.size)
    mask = np.ones(t.size, dtype=bool)
    mask[[i, j]] = False
    mask &= t > 0
    if np.any(w[mask] <= 0):
        return -math.inf
    return math.fsum((t[mask] * np.log(w[mask])).tolist())


def slice_log_likelihood(t, weights, i: int, j: int, a, b) -> np.ndarray:
    """Return log L of the dice at slice coordinates ``(a, b)`` (broadcast), vectorised.

    Equal to ``log_likelihood(slice_dice(a, b, weights, i, j), t)`` at every point on the
    simplex; ``nan`` off it.
    """
    shape = slice_shape(t, i, j, a, b)
    c = off_slice_constant(t, weights, i, j)
    if c == -math.inf:
        return np.where(np.isnan(shape), np.nan, -np.inf)
    return shape + c


def slice_maximum(t, i: int, j: int) -> tuple[float, float]:
    """Return the slice coordinates ``(t_i / N, t_j / N)`` where log L is largest on every slice."""
    t = require_rolls(validate_counts(t), "every die is equally likely")
    i, j = _check_faces(i, j, t.size)
    n = int(t.sum())
    return float(t[i] / n), float(t[j] / n)


def grid_centres(n: int) -> np.ndarray:
    """Return ``n`` cell centres ``(k + 1/2) / n`` on ``[0, 1]``: a grid that avoids the edges."""
    n = whole_number(n, "n", 1)
    return (np.arange(n) + 0.5) / n
