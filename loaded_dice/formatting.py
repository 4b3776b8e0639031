"""Number formatting for the book's prose and tables (glued strings), e.g. '2.74 × 10⁻¹⁶'."""

from __future__ import annotations

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(x: float, digits: int = 2) -> str:
    """Return ``x`` in scientific notation for reading, e.g. ``sci(2.7351e-16) == '2.74 × 10⁻¹⁶'``.

    Zero is written ``'0.0'`` (an underflowed likelihood is exactly zero, not a tiny number).
    """
    x = float(x)
    if x == 0:
        return "0.0"
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return f"{mantissa} × 10{superscript(int(exponent))}"


def superscript(n: int) -> str:
    """Return an integer written in superscript digits, e.g. ``superscript(-16) == '⁻¹⁶'``."""
    return str(int(n)).translate(_SUPERSCRIPT)
