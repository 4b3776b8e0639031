"""Figures for the likelihood chapters: the coin warm-up, tangents, underflow, log versus raw.

Every function takes data (counts, grids, computed values) and returns a
:class:`matplotlib.figure.Figure` made with :func:`loaded_dice.plots.new_figure`, drawn in the
book's palette. Nothing here computes a likelihood the chapter does not also show; the functions
only draw. Invalid input raises :class:`ValueError` with a message that names the problem.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..checks import real_array, real_number
from ..i18n import tr
from . import DATA_COLOUR, FAIR_COLOUR, MLE_COLOUR, MODEL_COLOUR, PALETTE, new_figure

__all__ = [
    "coin_likelihood",
    "tangent_lines",
    "curvature_examples",
    "random_dice_histogram",
    "underflow",
    "likelihood_vs_log",
    "log_likelihood_growth",
]

#: The smallest positive float64 (a subnormal number): anything smaller is stored as 0.0.
SMALLEST_FLOAT = float(np.nextafter(0.0, 1.0))


# --------------------------------------------------------------------------- validation helpers


def _coin_counts(a, b) -> tuple[float, float]:
    a, b = real_number(a, "a (number of heads)", nonnegative=True), real_number(b, "b (number of tails)", nonnegative=True)
    if a + b == 0:
        raise ValueError("a + b must be positive: with no tosses there is nothing to plot")
    return a, b


def _vector(x, name: str, min_size: int = 1) -> np.ndarray:
    arr = real_array(x, name, (1,))
    if arr.size < min_size:
        raise ValueError(f"{name} must be a 1-D sequence of at least {min_size} numbers; got {x!r}")
    return arr


def _numbers_of_rolls(ns) -> np.ndarray:
    ns = _vector(ns, "ns")
    if np.any(ns <= 0) or np.any(~np.isfinite(ns)):
        raise ValueError("ns must be positive numbers of rolls")
    return ns


def _same_length(**arrays) -> None:
    sizes = {name: arr.size for name, arr in arrays.items()}
    if len(set(sizes.values())) != 1:
        raise ValueError(f"these inputs must have the same length; got {sizes}")


def coin_curve(a, b, p) -> np.ndarray:
    """Return ``p**a * (1 - p)**b`` for an array ``p`` (the coin's likelihood, no validation)."""
    p = np.asarray(p, dtype=np.float64)
    with np.errstate(under="ignore"):
        return p**a * (1.0 - p) ** b


# --------------------------------------------------------------------------- the coin


def coin_likelihood(a, b, n_points: int = 501, shade: bool = False) -> Figure:
    """Plot ``L(p) = p**a (1-p)**b`` for ``0 <= p <= 1`` with its peak ``p = a / (a + b)`` marked.

    ``shade=True`` fills the area under the curve (which is *not* 1: the likelihood is not a
    probability distribution over ``p``).
    """
    a, b = _coin_counts(a, b)
    if int(n_points) < 3:
        raise ValueError(f"n_points must be at least 3; got {n_points!r}")
    p = np.linspace(0.0, 1.0, int(n_points))
    L = coin_curve(a, b, p)
    p_hat = a / (a + b)
    fig = new_figure(6.4, 3.8)
    ax = fig.subplots()
    ax.plot(p, L, color=MODEL_COLOUR, lw=2, label=r"$L(p) = p^{a}(1-p)^{b}$")
    if shade:
        ax.fill_between(p, L, color=MODEL_COLOUR, alpha=0.2, lw=0, label=tr("area under the curve"))
    ax.axvline(p_hat, color=MLE_COLOUR, ls="--", lw=1.5, label=tr("peak at $p = {p:.2f}$", p=p_hat))
    ax.set_xlabel(tr("$p$ = probability of an even face"))
    ax.set_ylabel(tr("likelihood $L(p)$"))
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))
    ax.set_title(tr("Coin warm-up: {a:g} even, {b:g} odd", a=a, b=b))
    ax.legend(loc="upper left", frameon=False)
    return fig


def tangent_lines(a, b, ps, half_width: float = 0.1, n_points: int = 501) -> Figure:
    """Plot the coin's ``L(p)`` with the tangent line at each ``p`` in ``ps``, slope written beside.

    The slope is the exact derivative ``dL/dp = L(p) (a/p - b/(1-p))``. At ``p = a/(a+b)`` it is 0
    and the tangent is flat.
    """
    a, b = _coin_counts(a, b)
    ps = _vector(ps, "ps")
    if np.any(~np.isfinite(ps)) or np.any(ps <= 0) or np.any(ps >= 1):
        raise ValueError(f"every p in ps must lie strictly between 0 and 1; got {ps.tolist()}")
    if not (0 < half_width < 1):
        raise ValueError(f"half_width must be between 0 and 1; got {half_width!r}")
    p = np.linspace(0.0, 1.0, int(n_points))
    fig = new_figure(6.4, 4.0)
    ax = fig.subplots()
    ax.plot(p, coin_curve(a, b, p), color=MODEL_COLOUR, lw=2, label=r"$L(p)$")
    colours = [PALETTE["green"], MLE_COLOUR, PALETTE["purple"], PALETTE["orange"], PALETTE["sky"]]
    for i, p0 in enumerate(ps):
        L0 = float(coin_curve(a, b, p0))
        slope = L0 * (a / p0 - b / (1 - p0))
        x = np.array([max(p0 - half_width, 0.0), min(p0 + half_width, 1.0)])
        colour = colours[i % len(colours)]
        ax.plot(x, L0 + slope * (x - p0), color=colour, lw=1.8, ls="--")
        ax.plot([p0], [L0], "o", color=colour, ms=6)
        mantissa, exponent = f"{slope:+.1e}".split("e")
        at_peak = abs(p0 - a / (a + b)) < 1e-12
        if at_peak:
            text = tr("slope 0 (flat)")
        elif slope != 0:
            text = tr(r"slope ${m}\times10^{{{e}}}$", m=mantissa, e=int(exponent))
        else:
            text = tr("slope 0")
        # label above a flat tangent, otherwise below and to the left of the point, where the
        # tangent line does not run (it runs up-left of a falling point, down-left of a rising one)
        flat = at_peak or slope == 0
        ax.annotate(
            f"p = {p0:.2f}\n{text}",
            (p0, L0),
            xytext=(0, 14) if flat else (-12, -4 if slope > 0 else -10),
            textcoords="offset points",
            ha="center" if flat else "right",
            va="bottom" if flat else "top",
            color=colour,
            fontsize=9,
        )
    ax.set_xlabel(tr("$p$ = probability of an even face"))
    ax.set_ylabel(tr("likelihood $L(p)$"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.45 * float(coin_curve(a, b, a / (a + b))))
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))
    ax.set_title(tr("Tangent lines: the slope is zero at the peak"))
    return fig


def curvature_examples(x) -> Figure:
    """Plot ``x**2`` (a minimum) and ``-x**2`` (a maximum) side by side, each with its flat tangent at 0."""
    x = _vector(x, "x", min_size=3)
    if np.any(~np.isfinite(x)) or not (x.min() < 0 < x.max()):
        raise ValueError("x must be finite and run from below 0 to above 0")
    fig = new_figure(6.4, 3.2)
    axes = fig.subplots(1, 2, sharex=True)
    for ax, sign, name, verdict, colour in [
        (axes[0], 1, r"$f(x) = x^2$", "$f''(0) = 2 > 0$: minimum", MODEL_COLOUR),
        (axes[1], -1, r"$g(x) = -x^2$", "$g''(0) = -2 < 0$: maximum", MLE_COLOUR),
    ]:
        ax.plot(x, sign * x**2, color=colour, lw=2, label=name)
        ax.axhline(0, color=FAIR_COLOUR, ls="--", lw=1.2, label=tr("tangent at 0 (slope 0)"))
        ax.plot([0], [0], "o", color="black", ms=5)
        ax.set_title(tr(verdict), fontsize=10)
        ax.set_xlabel("$x$")
        ax.legend(loc="upper center" if sign > 0 else "lower center", frameon=False, fontsize=8)
    axes[0].set_ylabel(tr("value"))
    return fig


def random_dice_histogram(log_liks, best, bins: int = 60, xlabel: str = r"log-likelihood $\log L(y)$") -> Figure:
    """Histogram of the log-likelihoods of many candidate dice, with the MLE's value marked."""
    log_liks = _vector(log_liks, "log_liks", min_size=1)
    finite = log_liks[np.isfinite(log_liks)]
    if finite.size == 0:
        raise ValueError("log_liks has no finite value to plot")
    best = float(best)
    if not math.isfinite(best):
        raise ValueError(f"best must be finite; got {best!r}")
    fig = new_figure(6.4, 3.6)
    ax = fig.subplots()
    ax.hist(finite, bins=int(bins), color=MODEL_COLOUR, alpha=0.8, label=tr("{n:,} random dice", n=finite.size))
    ax.axvline(best, color=MLE_COLOUR, lw=2, label=tr("maximum likelihood die $t/N$"))
    ax.set_xlabel(tr(xlabel))
    ax.set_ylabel(tr("number of dice"))
    ax.legend(loc="upper left", frameon=False)
    return fig


# --------------------------------------------------------------------------- log-likelihood


def underflow(ns, L_values, logL_values) -> Figure:
    """Left: the float64 likelihood against the number of rolls (log axes), zeros marked on the floor.

    Right: the log-likelihood of the same rolls, which stays an ordinary finite number.
    """
    ns = _numbers_of_rolls(ns)
    L = _vector(L_values, "L_values")
    logL = _vector(logL_values, "logL_values")
    _same_length(ns=ns, L_values=L, logL_values=logL)
    if np.any(~np.isfinite(L)) or np.any(L < 0) or np.any(L > 1):
        raise ValueError("L_values must be likelihoods between 0 and 1")
    if np.any(~np.isfinite(logL)):
        raise ValueError("logL_values must be finite")
    fig = new_figure(6.4, 3.4)
    left, right = fig.subplots(1, 2)
    ok = L > 0
    left.plot(ns[ok], L[ok], "o-", color=MODEL_COLOUR, ms=4, label=tr("float64 value of $L$"))
    left.plot(
        ns[~ok],
        np.zeros(int((~ok).sum())),
        "x",
        color=MLE_COLOUR,
        ms=8,
        mew=2,
        transform=left.get_xaxis_transform(),
        clip_on=False,
        label=tr("stored as exactly 0.0"),
    )
    left.set_xscale("log")
    left.set_yscale("log")
    # the bottom edge is the smallest positive float64: below it there is only 0.0
    left.set_ylim(SMALLEST_FLOAT, 10)
    left.set_yticks([1e-300, 1e-200, 1e-100, 1.0])
    left.set_xlabel(tr("number of rolls $N$"))
    left.set_ylabel(tr("likelihood $L$ (log scale)"))
    left.set_title(tr("$L$ underflows"), fontsize=10)
    left.legend(loc="upper right", frameon=False, fontsize=8)
    right.plot(ns, logL, "o-", color=DATA_COLOUR, ms=4)
    right.set_xscale("log")
    right.set_xlabel(tr("number of rolls $N$"))
    right.set_ylabel(tr(r"log-likelihood $\log L$"))
    right.set_title(tr(r"$\log L$ stays finite"), fontsize=10)
    return fig


def likelihood_vs_log(x, L_values, logL_values, xlabel: str = "$s$") -> Figure:
    """Plot ``L`` and ``log L`` over the same one-parameter slice side by side, peaks marked."""
    x = _vector(x, "x", min_size=2)
    L = _vector(L_values, "L_values", min_size=2)
    logL = _vector(logL_values, "logL_values", min_size=2)
    _same_length(x=x, L_values=L, logL_values=logL)
    if np.any(~np.isfinite(L)) or np.any(L < 0):
        raise ValueError("L_values must be finite and non-negative")
    if not np.any(np.isfinite(logL)):
        raise ValueError("logL_values has no finite value")
    fig = new_figure(6.4, 3.2)
    left, right = fig.subplots(1, 2, sharex=True)
    for ax, values, label, colour in [
        (left, L, "likelihood $L$", MODEL_COLOUR),
        (right, logL, r"log-likelihood $\log L$", DATA_COLOUR),
    ]:
        peak = float(x[int(np.argmax(values))])
        ax.plot(x, values, color=colour, lw=2)
        ax.axvline(peak, color=MLE_COLOUR, ls="--", lw=1.5, label=tr("peak at {x:.2f}", x=peak))
        ax.set_xlabel(tr(xlabel))
        ax.set_ylabel(tr(label))
        ax.legend(loc="lower center", frameon=False, fontsize=8)
    left.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))
    return fig


def log_likelihood_growth(ns, logL_values, average_values, limit=None) -> Figure:
    """Left: ``log L`` against ``N`` (it grows in size like a straight line).

    Right: the average ``log L / N`` against ``N`` (log axis), settling near ``limit`` if given.
    """
    ns = _numbers_of_rolls(ns)
    logL = _vector(logL_values, "logL_values")
    avg = _vector(average_values, "average_values")
    _same_length(ns=ns, logL_values=logL, average_values=avg)
    if np.any(~np.isfinite(logL)) or np.any(~np.isfinite(avg)):
        raise ValueError("logL_values and average_values must be finite")
    fig = new_figure(6.4, 3.3)
    left, right = fig.subplots(1, 2)
    left.plot(ns, logL, "o-", color=DATA_COLOUR, ms=4)
    left.set_xlabel(tr("number of rolls $N$"))
    left.set_ylabel(r"$\log L$")
    left.set_title(tr(r"$\log L$ grows in size with $N$"), fontsize=10)
    thousands = FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    left.xaxis.set_major_formatter(thousands)
    left.yaxis.set_major_formatter(thousands)
    left.tick_params(axis="x", labelrotation=30)
    right.plot(ns, avg, "o-", color=MODEL_COLOUR, ms=4, label=r"$\log L \,/\, N$")
    if limit is not None:
        limit = float(limit)
        if not math.isfinite(limit):
            raise ValueError(f"limit must be finite; got {limit!r}")
        right.axhline(limit, color=MLE_COLOUR, ls="--", lw=1.5, label=tr("settles near {x:.3f}", x=limit))
    right.set_xscale("log")
    right.set_xlabel(tr("number of rolls $N$"))
    right.set_ylabel(tr(r"$\log L \,/\, N$  (per roll)"))
    right.set_title(tr("the average settles"), fontsize=10)
    right.legend(loc="upper right", frameon=False, fontsize=8)
    return fig
