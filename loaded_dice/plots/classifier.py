"""Figures for the softmax classifier: its loss curve, decision regions and simplex of predictions.

Each function takes data (losses, weights, inputs, predicted probabilities) and returns a new
:class:`matplotlib.figure.Figure` made with :func:`loaded_dice.plots.new_figure`, in the book's
colour-blind-safe palette. Classes are told apart by colour *and* marker shape.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

from ..classifier import CLASSES, predict_proba
from ..i18n import tr
from . import CLASS_COLOURS, FAIR_COLOUR, MODEL_COLOUR, PALETTE, new_figure
from .dice import simplex_xy as _dice_simplex_xy

__all__ = ["CLASS_MARKERS", "loss_curve", "decision_regions", "simplex_predictions", "simplex_xy"]

#: One marker per class (dog, fox, wolf), so the classes differ in shape as well as colour.
CLASS_MARKERS = ("o", "s", "^")


def _class_style(k: int):
    if k > len(CLASS_COLOURS):
        raise ValueError(f"at most {len(CLASS_COLOURS)} classes can be drawn; got {k}")
    return CLASS_COLOURS[:k], CLASS_MARKERS[:k]


def _scatter_classes(ax, xy, y, names, size=28, alpha=1.0, edge="black"):
    colours, markers = _class_style(len(names))
    for c, name in enumerate(names):
        pts = xy[np.asarray(y) == c]
        ax.scatter(
            pts[:, 0], pts[:, 1], s=size, c=colours[c], marker=markers[c], edgecolors=edge,
            linewidths=0.6, alpha=alpha, label=name, zorder=3,
        )


def loss_curve(losses, reference: float | None = None, width: float = 6.4, height: float = 3.6):
    """Return a figure of the training loss against the gradient step.

    ``reference`` (e.g. ``log 3``, the loss of a model that answers "one third each") is drawn as a
    dashed horizontal line.
    """
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be a non-empty 1-D sequence; got shape {losses.shape}")
    fig = new_figure(width, height)
    ax = fig.subplots()
    ax.plot(np.arange(losses.size), losses, color=MODEL_COLOUR, lw=2, label=tr("training loss"))
    if reference is not None:
        ax.axhline(reference, color=FAIR_COLOUR, ls="--", lw=1.5,
                   label=tr("uniform guess, log 3 = {r:.3f}", r=reference) if math.isclose(reference, math.log(3))
                   else tr("reference = {r:.3f}", r=reference))
    ax.set_xlabel(tr("gradient step"))
    ax.set_ylabel(tr("cross-entropy loss (nats)"))
    top = max(float(losses.max()), reference if reference is not None else 0.0)
    ax.set_ylim(0, 1.12 * top)
    ax.set_xlim(0, max(1, losses.size - 1))
    ax.grid(alpha=0.3)
    ax.legend(loc="center right", frameon=False)
    return fig


def decision_regions(W, b, X, y, class_names=CLASSES, resolution: int = 200, margin: float = 0.8,
                     width: float = 6.4, height: float = 5.0):
    """Return a figure of the feature plane coloured by the predicted class.

    Each pixel takes the colour of its most probable class; the colour is strong where that class's
    probability is near 1 and fades towards white where the model is unsure. Black lines are the
    decision boundaries (two classes tie); the data points are drawn on top.
    """
    X = np.asarray(X, dtype=float)
    k = np.asarray(W).shape[1]
    colours, _ = _class_style(k)
    names = tuple(tr(name) for name in tuple(class_names)[:k])
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    g0 = np.linspace(lo[0], hi[0], resolution)
    g1 = np.linspace(lo[1], hi[1], resolution)
    G0, G1 = np.meshgrid(g0, g1)
    grid = np.column_stack([G0.ravel(), G1.ravel()])
    P = predict_proba(W, b, grid)
    top = P.argmax(axis=1)
    confidence = (P.max(axis=1) - 1 / k) / (1 - 1 / k)  # 0 = a uniform guess, 1 = certain
    strength = 0.12 + 0.6 * confidence
    rgb = np.array([to_rgb(c) for c in colours])[top]
    image = 1 - strength[:, None] * (1 - rgb)

    fig = new_figure(width, height)
    ax = fig.subplots()
    ax.imshow(image.reshape(resolution, resolution, 3), origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]),
              aspect="auto", interpolation="bilinear")
    scores = grid @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)
    for i in range(k):
        for j in range(i + 1, k):
            diff = np.where(np.isin(top, (i, j)), scores[:, i] - scores[:, j], np.nan)
            ax.contour(G0, G1, diff.reshape(G0.shape), levels=[0.0], colors="black", linewidths=1.2)
    _scatter_classes(ax, X, y, names)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel(tr("feature $x_1$"))
    ax.set_ylabel(tr("feature $x_2$"))
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="black", lw=1.2))
    labels.append(tr("decision boundary"))
    ax.legend(handles, labels, loc="upper left", framealpha=0.9, title=tr("true class"))
    return fig


def simplex_xy(P) -> np.ndarray:
    """Return 2-D positions (always one row per die) of three-class dice on the triangle.

    The same map as :func:`loaded_dice.plots.dice.simplex_xy`, which the book's other triangle
    figures use, so a prediction sits at the same place in every figure.
    """
    return np.atleast_2d(_dice_simplex_xy(P))


def simplex_predictions(P, y, class_names=CLASSES, highlight=(), width: float = 6.4, height: float = 5.6):
    """Return a figure of predicted dice as points in the probability triangle.

    Each row of ``P`` (a die with three faces) becomes one point, coloured and shaped by its true
    class ``y``. The indices in ``highlight`` are drawn larger and labelled with their three
    probabilities. The centre of the triangle, the uniform guess (1/3, 1/3, 1/3), is marked.
    """
    P = np.asarray(P, dtype=float)
    xy = simplex_xy(P)
    names = tuple(tr(name) for name in tuple(class_names)[:3])
    fig = new_figure(width, height)
    ax = fig.subplots()
    corners = simplex_xy(np.eye(3))
    ax.fill(corners[:, 0], corners[:, 1], facecolor="white", edgecolor="black", lw=1.2, zorder=1)
    for c in range(3):  # lines where one class has probability 1/2
        ends = []
        for other in range(3):
            if other != c:
                p = np.zeros(3)
                p[c] = 0.5
                p[other] = 0.5
                ends.append(simplex_xy(p)[0])
        ends = np.array(ends)
        ax.plot(ends[:, 0], ends[:, 1], color=PALETTE["grey"], lw=0.8, ls=":", zorder=1)
    offsets = [(-0.04, -0.05, "right"), (1.04, -0.05, "left"), (0.5, 0.95, "center")]
    for c, (dx, dy, ha) in enumerate(offsets):
        ax.text(dx, dy, tr("{name}\n(certain)", name=names[c]) if c < 2 else tr("{name} (certain)", name=names[c]),
                ha=ha, va="center", fontsize=11, color="black")
    _scatter_classes(ax, xy, y, names, size=18, alpha=0.55, edge="none")
    centre = simplex_xy(np.full(3, 1 / 3))[0]
    ax.scatter(*centre, marker="*", s=220, c=FAIR_COLOUR, edgecolors="black", zorder=4,
               label=tr("uniform guess (1/3 each)"))
    colours, markers = _class_style(3)
    for i in highlight:
        c = int(np.asarray(y)[i])
        ax.scatter(*xy[i], s=120, c=colours[c], marker=markers[c], edgecolors="black", linewidths=1.5, zorder=5)
        text = "(" + ", ".join(f"{v:.2f}" for v in P[i]) + ")"
        ax.annotate(text, xy[i], xytext=(8, 6), textcoords="offset points", fontsize=9, zorder=6,
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=PALETTE["grey"], alpha=0.9))
    ax.set_aspect("equal")
    ax.set_xlim(-0.22, 1.22)
    ax.set_ylim(-0.12, 1.0)
    ax.axis("off")
    handles = [Line2D([], [], ls="", marker=markers[c], color=colours[c], markeredgecolor="black",
                      markersize=7, label=names[c]) for c in range(3)]
    handles.append(Line2D([], [], ls="", marker="*", color=FAIR_COLOUR, markeredgecolor="black",
                          markersize=12, label=tr("uniform guess (1/3 each)")))
    ax.legend(handles=handles, loc="upper left", title=tr("true class"), frameon=False, fontsize=9)
    return fig
