"""Figures for the chapter *How sure are we?*: intervals, coverage, error bars, G and power.

Every function takes values the chapter has computed (with :mod:`loaded_dice.inference`) and
returns a :class:`matplotlib.figure.Figure` in the book's palette; nothing here computes a
statistic. Invalid input raises :class:`ValueError` naming the problem.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..i18n import tr
from . import DATA_COLOUR, FAIR_COLOUR, MLE_COLOUR, MODEL_COLOUR, PALETTE, new_figure

__all__ = [
    "coin_intervals",
    "coverage_curves",
    "die_error_bars",
    "g_distribution",
    "power_curve",
]


def _array(x, name: str, ndim: int = 1) -> np.ndarray:
    try:
        arr = np.array(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be real numbers; got {x!r}") from None
    if arr.ndim != ndim or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty {ndim}-D array; got shape {arr.shape}")
    return arr


def _same_shape(**arrays) -> None:
    shapes = {name: arr.shape for name, arr in arrays.items()}
    if len(set(shapes.values())) != 1:
        raise ValueError(f"these inputs must have the same shape; got {shapes}")


def _interval(x, name: str) -> tuple[float, float]:
    lo, hi = (float(v) for v in _array(x, name))
    if not lo <= hi:
        raise ValueError(f"{name} must be (lower, upper) with lower <= upper; got {x!r}")
    return lo, hi


def coin_intervals(p, relative_log_l, quadratic, cut: float, p_hat: float, wald, lr) -> Figure:
    """The coin's log-likelihood relative to its peak, its quadratic approximation, the cut-off
    ``-cut`` and the two intervals: likelihood ratio (where the curve is above the cut-off) and
    Wald (where the parabola is)."""
    p = _array(p, "p")
    rel = _array(relative_log_l, "relative_log_l")
    quad = _array(quadratic, "quadratic")
    _same_shape(p=p, relative_log_l=rel, quadratic=quad)
    wald, lr = _interval(wald, "wald"), _interval(lr, "lr")
    fig = new_figure(7.0, 4.8)
    ax = fig.add_subplot()
    ax.plot(p, rel, color=MODEL_COLOUR, lw=2.2, label=r"$\log L(p) - \log L(\hat p)$")
    ax.plot(p, quad, color=PALETTE["green"], lw=1.6, ls="--",
            label=tr(r"parabola $-(p - \hat p)^2 / (2\,\mathrm{SE}^2)$"))
    ax.axhline(-cut, color=PALETTE["black"], lw=1, ls=":", label=tr("cut-off $-{c:.2f}$", c=cut))
    ax.axvline(p_hat, color=MLE_COLOUR, lw=1, ls="--", label=rf"$\hat p = {p_hat:.2f}$")
    bottom = -2.2 * cut
    ax.plot(lr, [-cut, -cut], color=MODEL_COLOUR, lw=6, alpha=0.55, solid_capstyle="butt",
            label=tr("likelihood-ratio interval"))
    ax.plot(wald, [bottom * 0.8] * 2, color=PALETTE["green"], lw=6, alpha=0.7, solid_capstyle="butt",
            label=tr("Wald interval"))
    for x in wald:
        ax.plot([x, x], [bottom * 0.8, -cut], color=PALETTE["green"], lw=0.8, ls=":")
    ax.set_ylim(bottom, 0.4)
    ax.set_xlim(float(p.min()), float(p.max()))
    ax.set_xlabel(tr("p, the probability of an even face"))
    ax.set_ylabel(tr("log-likelihood relative to its peak"))
    fig.legend(loc="outside lower center", fontsize="small", frameon=False, ncols=3)
    return fig


def coverage_curves(ps, coverages: dict, level: float) -> Figure:
    """Coverage of intervals against the true ``p``: ``coverages`` maps a label such as
    ``"Wald, N = 20"`` to an array of coverages, one per entry of ``ps``; a line marks ``level``."""
    ps = _array(ps, "ps")
    if not coverages:
        raise ValueError("coverages must name at least one curve")
    styles = [
        (MODEL_COLOUR, "-"), (DATA_COLOUR, "-"), (MODEL_COLOUR, ":"), (DATA_COLOUR, ":"),
        (PALETTE["green"], "-"), (PALETTE["purple"], "-"),
    ]
    fig = new_figure(7.0, 4.0)
    ax = fig.add_subplot()
    for (label, values), (colour, ls) in zip(coverages.items(), styles):
        values = _array(values, label)
        _same_shape(ps=ps, **{"coverage": values})
        ax.plot(ps, values, color=colour, ls=ls, lw=1.6, label=tr(label))
    ax.axhline(level, color=PALETTE["black"], lw=1, ls="--", label=tr("promised {level:.0%}", level=level))
    ax.set_xlim(0, 1)
    ax.set_ylim(0.4, 1.0)
    ax.set_xlabel(tr("true probability p of an even face"))
    ax.set_ylabel(tr("share of intervals that contain p"))
    ax.legend(loc="lower center", fontsize="small", frameon=False, ncols=2)
    return fig


def die_error_bars(estimate, half_widths, fair: float | None = None) -> Figure:
    """Bars of the estimated die with error bars ``± half_widths`` and, optionally, a line at
    the fair probability."""
    y = _array(estimate, "estimate")
    err = _array(half_widths, "half_widths")
    _same_shape(estimate=y, half_widths=err)
    if np.any(err < 0):
        raise ValueError("half_widths must be non-negative")
    faces = np.arange(1, y.size + 1)
    fig = new_figure(6.4, 4.2)
    ax = fig.add_subplot()
    ax.bar(faces, y, color=MLE_COLOUR, alpha=0.85, label=tr(r"estimate $\hat y_k = t_k / N$"))
    ax.errorbar(faces, y, yerr=err, fmt="none", ecolor=PALETTE["black"], elinewidth=1.5, capsize=6,
                label=r"$\hat y_k \pm 1.96\,\mathrm{SE}_k$")
    if fair is not None:
        ax.axhline(float(fair), color=FAIR_COLOUR, lw=2, ls="--", label=tr("fair die, 1/6"))
    ax.set_xticks(faces)
    ax.set_xlabel(tr("face k"))
    ax.set_ylabel(tr("probability"))
    ax.set_ylim(0, max(0.5, float((y + err).max()) * 1.1))
    fig.legend(loc="outside lower center", fontsize="small", frameon=False, ncols=3)
    return fig


def g_distribution(g_values, probabilities, x, density, observed: float, threshold: float,
                   bins: int = 40) -> Figure:
    """The exact distribution of G (a histogram of ``g_values`` weighted by ``probabilities``)
    beside the chi-square density (``x``, ``density``); the observed G and the 5 % threshold
    marked, the tail beyond the observed G shaded."""
    g = _array(g_values, "g_values")
    w = _array(probabilities, "probabilities")
    _same_shape(g_values=g, probabilities=w)
    x, density = _array(x, "x"), _array(density, "density")
    _same_shape(x=x, density=density)
    top = float(x.max())
    edges = np.linspace(0, top, bins + 1)
    fig = new_figure(7.0, 4.0)
    ax = fig.add_subplot()
    heights, _ = np.histogram(g, bins=edges, weights=w)
    heights = heights / np.diff(edges)
    ax.stairs(heights, edges, fill=True, color=FAIR_COLOUR, alpha=0.6,
              label=tr("exact distribution of G, fair die"))
    ax.plot(x, density, color=MODEL_COLOUR, lw=2, label=tr("chi-square, 5 degrees of freedom"))
    tail = x >= observed
    ax.fill_between(x[tail], density[tail], color=MODEL_COLOUR, alpha=0.25,
                    label=tr("p-value: area beyond the observed G"))
    ax.axvline(observed, color=MLE_COLOUR, lw=2, label=tr("observed G = {g:.2f}", g=observed))
    ax.axvline(threshold, color=PALETTE["black"], lw=1.2, ls="--", label=tr("5 % threshold {t:.2f}", t=threshold))
    ax.set_xlim(0, top)
    ax.set_ylim(0, None)
    ax.set_xlabel("G")
    ax.set_ylabel(tr("probability density"))
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    return fig


def power_curve(ns, powers, target: float, needed: int, alpha: float) -> Figure:
    """Simulated power against the number of rolls, with the ``target`` power and the number of
    rolls ``needed`` to reach it marked, and the level ``alpha`` (the power of a fair die)."""
    ns, powers = _array(ns, "ns"), _array(powers, "powers")
    _same_shape(ns=ns, powers=powers)
    fig = new_figure(6.8, 3.8)
    ax = fig.add_subplot()
    ax.plot(ns, powers, color=MODEL_COLOUR, lw=2, marker="o", ms=3, label=tr("simulated power"))
    ax.axhline(target, color=PALETTE["black"], lw=1, ls="--", label=tr("{target:.0%} power", target=target))
    ax.axhline(alpha, color=FAIR_COLOUR, lw=1, ls=":", label=tr("{alpha:.0%}: a fair die is called loaded", alpha=alpha))
    ax.axvline(needed, color=MLE_COLOUR, lw=1.5, label=tr("{n} rolls", n=needed))
    ax.set_xlim(0, float(ns.max()))
    ax.set_ylim(0, 1)
    ax.set_xlabel(tr("number of rolls N"))
    ax.set_ylabel(tr("share of experiments that call the die loaded"))
    ax.legend(loc="lower right", fontsize="small", frameon=False)
    return fig
