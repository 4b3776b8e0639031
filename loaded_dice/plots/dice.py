"""Figures for Part I of the book: class probabilities, dice, the simplex and rolling frequencies.

Every function takes data and returns a new :class:`matplotlib.figure.Figure` made with
:func:`loaded_dice.plots.new_figure`; nothing touches pyplot's global state, and only the book's
colour-blind-safe palette is used. Invalid input raises :class:`ValueError` with a message that
says what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..checks import real_array, validate_probabilities
from ..core import FACES, counts
from ..i18n import tr
from ..surface import SIMPLEX_CORNERS
from . import (
    CLASS_COLOURS,
    DATA_COLOUR,
    FAIR_COLOUR,
    MODEL_COLOUR,
    PALETTE,
    new_figure,
)

__all__ = [
    "FACE_COLOURS",
    "FACE_LABELS",
    "SIMPLEX_CORNERS",
    "probability_bars",
    "compare_bars",
    "simplex_xy",
    "simplex_triangle",
    "frequency_curves",
    "frequency_convergence",
]

#: One colour per face of the die (Okabe–Ito, in a fixed order).
FACE_COLOURS = (
    PALETTE["blue"],
    PALETTE["orange"],
    PALETTE["green"],
    PALETTE["vermillion"],
    PALETTE["sky"],
    PALETTE["purple"],
)
#: Axis labels for the six faces.
FACE_LABELS = tuple(str(k) for k in FACES.tolist())


# Colours for marked points on the triangle (kept apart from the three class colours).
_POINT_COLOURS = (
    PALETTE["vermillion"], PALETTE["black"], PALETTE["purple"], PALETTE["blue"], PALETTE["grey"],
)


# --------------------------------------------------------------------------- checks


def _labels(labels, n: int, default: Sequence[str] | None = None) -> list[str]:
    if labels is None:
        labels = default if default is not None and len(default) == n else [str(i + 1) for i in range(n)]
    labels = [tr(x) for x in labels]
    if len(labels) != n:
        raise ValueError(f"expected {n} labels (one per bar); got {len(labels)}")
    return labels


def _values(values, name: str) -> np.ndarray:
    return real_array(values, name, (1,), finite=True, nonnegative=True, nonempty=True)


def _colours(colours, n: int, default: Sequence[str]) -> list[str]:
    if colours is None:
        return [default[i % len(default)] for i in range(n)]
    if isinstance(colours, str):
        return [colours] * n
    colours = list(colours)
    if len(colours) != n:
        raise ValueError(f"expected {n} colours; got {len(colours)}")
    return colours


# --------------------------------------------------------------------------- bar charts


def probability_bars(
    y,
    labels=None,
    *,
    colours=None,
    title: str | None = None,
    xlabel: str = "face",
    ylabel: str = "probability",
    annotate: bool = True,
    reference: float | None = None,
    reference_label: str | None = None,
    ylim: float | None = None,
    size: tuple[float, float] = (6.4, 4.0),
) -> Figure:
    """Return a bar chart of one probability vector ``y`` (one bar per class or face).

    ``y`` must be a valid probability vector (see :func:`loaded_dice.validate_probabilities`).
    ``annotate`` writes each probability above its bar; ``reference`` draws a dashed horizontal
    line (for example at 1/6, the fair die).
    """
    y = validate_probabilities(y)
    labels = _labels(labels, y.size, FACE_LABELS)
    colours = _colours(colours, y.size, [MODEL_COLOUR])
    fig = new_figure(*size)
    ax = fig.subplots()
    bars = ax.bar(labels, y, color=colours, edgecolor="black", linewidth=0.6)
    if annotate:
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in y], padding=2)
    if reference is not None:
        ax.axhline(reference, color=FAIR_COLOUR, linestyle="--", linewidth=1.5,
                   label=tr(reference_label) if reference_label else reference_label)
        if reference_label:
            ax.legend(frameon=False)
    ax.set_xlabel(tr(xlabel))
    ax.set_ylabel(tr(ylabel))
    ax.set_ylim(0, ylim if ylim is not None else min(1.0, max(float(y.max()), reference or 0) * 1.2 + 0.02))
    if title:
        ax.set_title(tr(title))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def compare_bars(
    series,
    labels=None,
    *,
    names=None,
    colours=None,
    title: str | None = None,
    xlabel: str = "face",
    ylabel: str = "probability",
    reference: float | None = None,
    reference_label: str | None = None,
    size: tuple[float, float] = (6.4, 4.0),
) -> Figure:
    """Return grouped bars: one group per face (or class), one bar per series in each group.

    ``series`` is a sequence of equally long, non-negative value vectors, for example a fair die
    and a loaded die, or observed frequencies and true probabilities. ``names`` label the series
    in the legend. Values need not sum to 1, so counts can be compared too.
    """
    if isinstance(series, np.ndarray) and series.ndim == 1:
        series = [series]
    series = [_values(s, f"series {i}") for i, s in enumerate(series)]
    if not series:
        raise ValueError("compare_bars needs at least one series")
    k = series[0].size
    if any(s.size != k for s in series):
        raise ValueError(f"all series must have the same length; got {[s.size for s in series]}")
    m = len(series)
    labels = _labels(labels, k, FACE_LABELS)
    names = _labels(names, m, [tr("series {i}", i=i + 1) for i in range(m)])
    colours = _colours(colours, m, [MODEL_COLOUR, DATA_COLOUR, FAIR_COLOUR, PALETTE["green"]])
    fig = new_figure(*size)
    ax = fig.subplots()
    x = np.arange(k)
    width = 0.8 / m
    for i, (s, name, colour) in enumerate(zip(series, names, colours)):
        ax.bar(x + (i - (m - 1) / 2) * width, s, width, label=name, color=colour,
               edgecolor="black", linewidth=0.6)
    if reference is not None:
        ax.axhline(reference, color=FAIR_COLOUR, linestyle="--", linewidth=1.5,
                   label=tr(reference_label) if reference_label else reference_label)
    ax.set_xticks(x, labels)
    ax.set_xlabel(tr(xlabel))
    ax.set_ylabel(tr(ylabel))
    top = max(float(max(s.max() for s in series)), reference or 0.0)
    ax.set_ylim(0, top * 1.25 if top > 0 else 1.0)
    ax.legend(frameon=False, loc="upper left", ncols=min(m + (reference_label is not None), 3))
    if title:
        ax.set_title(tr(title))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --------------------------------------------------------------------------- the simplex


def simplex_xy(p) -> np.ndarray:
    """Return the 2-D position(s) of three-class probability vector(s) on the triangle.

    A point is the probability-weighted average of the corners :data:`SIMPLEX_CORNERS`:
    ``(1, 0, 0)`` is the bottom-left corner, ``(0, 1, 0)`` bottom right, ``(0, 0, 1)`` the top and
    the uniform ``(1/3, 1/3, 1/3)`` the centre. Accepts shape ``(3,)`` or ``(m, 3)``.
    """
    arr = real_array(p, "probabilities")
    rows = np.atleast_2d(arr)
    if rows.ndim != 2 or rows.shape[1] != 3:
        raise ValueError(f"the triangle shows three-class probabilities; got shape {arr.shape}")
    for row in rows:
        validate_probabilities(row)
    xy = rows @ SIMPLEX_CORNERS
    return xy[0] if arr.ndim == 1 else xy


def simplex_triangle(
    points,
    labels: Sequence[str] = ("class 1", "class 2", "class 3"),
    *,
    names=None,
    colours=None,
    offsets=None,
    grid: bool = True,
    title: str | None = None,
    size: tuple[float, float] = (6.4, 5.2),
) -> Figure:
    """Return the probability triangle for three classes with the given predictions marked.

    ``points`` holds one three-class probability vector per row; ``labels`` name the corners
    (class 1 bottom left, class 2 bottom right, class 3 top); ``names`` annotate the points.
    ``offsets`` moves each name away from its point, in typographic points ``(dx, dy)``; a name
    with negative ``dx`` is set to the left of its point. With ``grid`` the faint lines mark where
    one class has probability 0.2, 0.4, 0.6, 0.8.
    """
    pts = np.atleast_2d(np.array(points, dtype=np.float64))
    xy = np.atleast_2d(simplex_xy(pts))
    labels = _labels(labels, 3)
    names = None if names is None else _labels(names, len(pts))
    colours = _colours(colours, len(pts), _POINT_COLOURS)
    if offsets is None:
        offsets = [(8, 6)] * len(pts)
    offsets = [tuple(float(v) for v in o) for o in offsets]
    if len(offsets) != len(pts) or any(len(o) != 2 for o in offsets):
        raise ValueError(f"expected one (dx, dy) offset per point ({len(pts)}); got {offsets!r}")
    fig = new_figure(*size)
    ax = fig.subplots()
    c = SIMPLEX_CORNERS
    if grid:
        for level in (0.2, 0.4, 0.6, 0.8):
            for i in range(3):
                j, k = (i + 1) % 3, (i + 2) % 3
                a = level * c[i] + (1 - level) * c[j]
                b = level * c[i] + (1 - level) * c[k]
                ax.plot(*zip(a, b), color=PALETTE["grey"], linewidth=0.5, alpha=0.6, zorder=1)
    ax.fill(c[:, 0], c[:, 1], facecolor="none", edgecolor="black", linewidth=1.2, zorder=2)
    shift = [(-0.04, -0.07), (0.04, -0.07), (0, 0.06)]
    aligns = ["right", "left", "center"]
    for i in range(3):
        corner = np.zeros(3)
        corner[i] = 1
        ax.text(c[i, 0] + shift[i][0], c[i, 1] + shift[i][1],
                f"{labels[i]}\n({', '.join(f'{v:g}' for v in corner)})",
                ha=aligns[i], va="center", fontsize=11, color=CLASS_COLOURS[i], fontweight="bold")
    markers = "osD^v"
    for i, ((x, y), colour, (dx, dy)) in enumerate(zip(xy, colours, offsets)):
        ax.scatter([x], [y], s=70, color=colour, marker=markers[i % len(markers)],
                   edgecolor="white", linewidth=1.0, zorder=4)
        if names is not None:
            ax.annotate(names[i], (x, y), xytext=(dx, dy), textcoords="offset points",
                        ha="right" if dx < 0 else "left", va="center", fontsize=10, zorder=5,
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none",
                                  alpha=0.6))
    ax.set_aspect("equal")
    ax.set_xlim(-0.28, 1.28)
    ax.set_ylim(-0.16, c[:, 1].max() + 0.16)
    ax.axis("off")
    if title:
        ax.set_title(tr(title))
    return fig


# --------------------------------------------------------------------------- frequencies


def frequency_curves(rolls, faces: int = 6, *, n_min: int = 10, n_points: int = 200):
    """Return ``(n, freq)``: roll numbers (log-spaced from ``n_min`` to ``len(rolls)``) and the
    relative frequency of every face among the first ``n`` rolls, shape ``(len(n), faces)``."""
    r = np.asarray(rolls)
    counts(r, faces)  # validates the rolls
    total = r.size
    if n_min < 1 or total < n_min:
        raise ValueError(f"need at least n_min = {n_min} rolls; got {total}")
    n = np.unique(np.geomspace(n_min, total, n_points).round().astype(np.int64))
    onehot = r[:, None] == np.arange(1, faces + 1)[None, :]
    running = np.cumsum(onehot, axis=0, dtype=np.int64)
    freq = running[n - 1] / n[:, None]
    return n, freq


def frequency_convergence(
    rolls,
    y,
    *,
    labels=None,
    n_min: int = 10,
    n_points: int = 200,
    title: str | None = None,
    size: tuple[float, float] = (6.4, 4.2),
) -> Figure:
    """Return the relative frequency of each face after the first ``n`` rolls, against ``n`` on a
    log axis, with the die's true probabilities ``y`` as dashed lines in the same colours."""
    y = validate_probabilities(y)
    n, freq = frequency_curves(rolls, y.size, n_min=n_min, n_points=n_points)
    labels = _labels(labels, y.size, FACE_LABELS)
    colours = _colours(None, y.size, FACE_COLOURS)
    fig = new_figure(*size)
    ax = fig.subplots()
    for k in range(y.size):
        ax.plot(n, freq[:, k], color=colours[k], linewidth=1.4, label=tr("face {label}", label=labels[k]))
        ax.axhline(y[k], color=colours[k], linestyle="--", linewidth=1.0)
    ax.set_xscale("log")
    ax.set_xlim(n[0], n[-1])
    ax.set_ylim(0, max(float(freq.max()), float(y.max())) * 1.3)  # room for the legend
    ax.set_xlabel(tr("number of rolls $N$ (log scale)"))
    ax.set_ylabel(tr("relative frequency $t_k / N$"))
    handles, names = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1.0))
    names.append(tr("true $y_k$"))
    ax.legend(handles, names, frameon=False, ncols=4, loc="upper right", fontsize=9)
    if title:
        ax.set_title(tr(title))
    ax.spines[["top", "right"]].set_visible(False)
    return fig
