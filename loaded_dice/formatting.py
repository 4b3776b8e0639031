"""Number formatting for the book's prose, tables and explorer readouts, e.g. '2.74 × 10⁻¹⁶'."""

from __future__ import annotations

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sci(x: float, digits: int = 2) -> str:
    """Return ``x`` in scientific notation for reading, e.g. ``sci(2.7351e-16) == '2.74 × 10⁻¹⁶'``.

    Zero is written ``'0.0'`` (an underflowed likelihood is exactly zero, not a tiny number).
    """
    x = float(x)
    if x == 0:
        return "0.0"
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return f"{mantissa} × 10{superscript(int(exponent))}"


def e_notation(x: float, digits: int = 4) -> str:
    """Return ``x`` in the e-notation Python reads back, e.g. ``e_notation(2.273e-15) == '2.2730e-15'``.

    Zero is written ``'0'``. The explorers' readouts use it: a reader can paste the number into a
    cell.
    """
    x = float(x)
    return f"{x:.{digits}g}" if x == 0 else f"{x:.{digits}e}"


def superscript(n: int) -> str:
    """Return an integer written in superscript digits, e.g. ``superscript(-16) == '⁻¹⁶'``."""
    return str(int(n)).translate(_SUPERSCRIPT)


def subscript(n: int) -> str:
    """Return a non-negative integer written in subscript digits, e.g. ``subscript(12) == '₁₂'``."""
    n = int(n)
    if n < 0:
        raise ValueError(f"subscripts are written for non-negative whole numbers; got {n}")
    return str(n).translate(_SUBSCRIPT)
