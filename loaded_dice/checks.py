"""Input checks shared by the whole library: one place for "a die", "counts", "a whole number".

Every check returns the value it checked (converted: a fresh float64 or int64 array, an int) or
raises :class:`ValueError` with a message that names the problem and the offending value, so that
a reader who passes ``[0.5, 0.6]`` learns *why* it is not a die. The likelihood functions, the
surface, the classifier, the plots and the explorers all check their inputs here.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "SUM_TOLERANCE",
    "validate_probabilities",
    "validate_counts",
    "require_rolls",
    "whole_number",
    "real_number",
    "real_array",
    "offenders",
]

#: Probabilities are accepted when ``|sum(y) - 1| <= SUM_TOLERANCE``.
SUM_TOLERANCE = 1e-9

_SHOW = 3  # how many offending entries an error message lists


def _fmt(value) -> str:
    """Format one array entry for an error message (plain Python repr, no ``np.float64(...)``)."""
    if isinstance(value, (np.integer, int)):
        return str(int(value))
    return repr(float(value))


def offenders(name: str, arr: np.ndarray, mask: np.ndarray) -> str:
    """Describe the entries of ``arr`` where ``mask`` is true, e.g. ``"y[2] = -0.1"``."""
    idx = np.flatnonzero(mask)
    parts = [f"{name}[{i}] = {_fmt(arr[i])}" for i in idx[:_SHOW]]
    if len(idx) > _SHOW:
        parts.append(f"and {len(idx) - _SHOW} more")
    return ", ".join(parts)


def _refuse_entries(what: str, letter: str, arr: np.ndarray, rules) -> None:
    """Raise for the first rule ``(requirement, bad_mask)`` that some entry breaks, naming them."""
    for requirement, bad in rules:
        if bad.any():
            raise ValueError(f"{what} must be {requirement}; got {offenders(letter, arr, bad)}")


def whole_number(n, name: str, minimum: int = 0, maximum: int | None = None) -> int:
    """Return ``n`` as an int after checking it is a whole number (not a bool) in range.

    The message says which range: ``"a non-negative whole number"`` (the default, ``minimum=0``),
    ``"a positive whole number"`` (``minimum=1``), ``"a whole number from 0 to 5"`` (with
    ``maximum``) or ``"a whole number >= 2"``.
    """
    if maximum is not None:
        wanted = f"a whole number from {minimum} to {maximum}"
    else:
        wanted = {0: "a non-negative whole number", 1: "a positive whole number"}.get(
            minimum, f"a whole number >= {minimum}")
    if (isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < minimum
            or (maximum is not None and n > maximum)):
        raise ValueError(f"{name} must be {wanted}; got {n!r}")
    return int(n)


def real_number(x, name: str, *, positive: bool = False, nonnegative: bool = False) -> float:
    """Return ``x`` as a float after checking it is one finite real number (not a bool).

    With ``positive`` it must be above 0, with ``nonnegative`` at least 0.
    """
    wanted = "a positive number" if positive else "a non-negative number" if nonnegative else "a finite number"
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise ValueError(f"{name} must be {wanted}; got {x!r}")
    value = float(x)
    if not math.isfinite(value) or (positive and value <= 0) or (nonnegative and value < 0):
        raise ValueError(f"{name} must be {wanted}; got {x!r}")
    return value


def real_array(x, name: str, ndim: tuple[int, ...] | None = None, *, finite: bool = False,
               nonnegative: bool = False, nonempty: bool = False) -> np.ndarray:
    """Return ``x`` as a fresh float64 array after checking it holds real numbers.

    Complex numbers, strings and anything numpy cannot read as floats are refused. Optionally
    the number of dimensions must be one of ``ndim``, and the entries must be finite,
    non-negative, or at least one.
    """
    try:
        raw = np.asarray(x)
        if raw.dtype.kind in "cSU":
            raise TypeError(raw.dtype)
        arr = np.array(raw, dtype=np.float64)  # always a fresh copy
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be real numbers; got {x!r}") from None
    if ndim is not None and arr.ndim not in ndim:
        allowed = " or ".join(f"{n}-D" for n in ndim)
        raise ValueError(f"{name} must be {allowed}; got shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers (no nan or inf); got {arr.tolist()}")
    if nonnegative and np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative; got {arr.tolist()}")
    return arr


def validate_probabilities(y, size: int | None = None) -> np.ndarray:
    """Return ``y`` as a float64 copy after checking that it is a valid die (probability vector).

    A valid die has at least two faces; its probabilities are finite, non-negative and sum to 1
    within :data:`SUM_TOLERANCE`. When ``size`` is given, there must be exactly ``size``
    probabilities. Anything else raises :class:`ValueError` naming the problem and the offending
    value(s).
    """
    arr = real_array(y, "probabilities")
    if arr.ndim != 1:
        raise ValueError(f"probabilities must be a 1-D sequence; got shape {arr.shape}")
    if arr.size < 2:
        noun = "probability" if arr.size == 1 else "probabilities"
        raise ValueError(f"a die needs at least 2 faces; got {arr.size} {noun}")
    _refuse_entries("probabilities", "y", arr, [("finite", ~np.isfinite(arr)), ("non-negative", arr < 0)])
    total = math.fsum(arr.tolist())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise ValueError(
            f"probabilities must sum to 1 (within {SUM_TOLERANCE:g}); they sum to {total:.12g}"
        )
    if size is not None and arr.size != size:
        raise ValueError(f"expected {size} probabilities (one per face); got {arr.size}")
    return arr


def validate_counts(t, size: int | None = None) -> np.ndarray:
    """Return ``t`` as an int64 array after checking that it is a valid vector of face counts.

    Counts are a 1-D sequence of finite, non-negative whole numbers (``2.0`` is accepted, ``2.5``
    is not). When ``size`` is given, there must be exactly ``size`` counts. Anything else raises
    :class:`ValueError` naming the problem and the offending value(s).
    """
    try:
        raw = np.asarray(t)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"counts must be whole numbers; got {t!r}") from None
    if raw.ndim != 1:
        raise ValueError(f"counts must be a 1-D sequence; got shape {raw.shape}")
    if raw.dtype.kind in "iu":
        _refuse_entries("counts", "t", raw, [("non-negative", raw < 0)])
        if raw.dtype.kind == "u" and raw.size and raw.max() > np.iinfo(np.int64).max:
            raise ValueError(f"counts are too large for int64; got max {int(raw.max())}")
        arr = raw.astype(np.int64)
    elif raw.dtype.kind == "b":
        arr = raw.astype(np.int64)
    else:
        f = real_array(raw, "counts")
        finite = np.isfinite(f)
        _refuse_entries("counts", "t", f, [
            ("finite", ~finite),
            ("non-negative", f < 0),
            ("whole numbers", finite & (f != np.floor(f))),
        ])
        bad = f >= 2.0**63
        if bad.any():
            raise ValueError(f"counts are too large for int64; got {offenders('t', f, bad)}")
        arr = f.astype(np.int64)
    if size is not None and arr.size != size:
        raise ValueError(f"expected {size} counts (one per face); got {arr.size} counts")
    return arr


def require_rolls(t, consequence: str) -> np.ndarray:
    """Return the counts ``t`` after checking they hold at least one roll.

    ``consequence`` says what would go wrong, e.g. ``"the maximum likelihood estimate is
    undefined"``; the message reads ``"no rolls: the counts sum to 0, so <consequence>"``.
    """
    if int(np.sum(t)) == 0:
        raise ValueError(f"no rolls: the counts sum to 0, so {consequence}")
    return t
