"""The simplex explorer: a classifier's three class probabilities as a point in a triangle."""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np

from ..checks import validate_probabilities
from ..i18n import tr
from ..plots import CLASS_COLOURS, PALETTE
from ..surface import SIMPLEX_CORNERS
from .base import Explorer
from .sliders import SLIDER_STYLE
from .state import SimplexState

__all__ = ["SimplexExplorer"]


class SimplexExplorer(Explorer):
    """A classifier's three class probabilities as a point in a triangle.

    Show it with ``SimplexExplorer()`` as the last line of a cell.

    Programmatic API: ``sliders``, ``true_label``, ``readout``, ``image``, ``figure``, ``widget``;
    ``set_probabilities(p)``; ``state`` (a :class:`~loaded_dice.explorers.state.SimplexState`) and
    the values ``probabilities``, ``predicted_label``, ``log_probability`` (of the true label);
    ``render_count``.
    """

    description = (
        "Left: a triangle whose corners are the three classes; the point is the classifier's "
        "prediction and the shaded regions show which class it would predict. Right: the three "
        "probabilities as bars."
    )

    def __init__(self, probs=(0.8, 0.1, 0.1), labels=("dog", "fox", "wolf"), true_label=None,
                 language: str = "en"):
        probs = validate_probabilities(probs)
        labels = tuple(str(s) for s in labels)
        if probs.size != 3 or len(labels) != 3:
            raise ValueError("SimplexExplorer needs exactly three probabilities and three labels")
        if len(set(labels)) != 3:
            raise ValueError(f"the three labels must be different; got {labels!r}")
        self.labels = labels
        self._start_label = true_label or labels[0]
        super().__init__(probs, lambda: [f"p({tr(name)})" for name in labels], language=language)

    def _build_controls(self) -> list:
        self.true_label = widgets.Dropdown(
            options=[(tr(label), label) for label in self.labels], value=self._start_label,
            description=tr("True label"),
            style=SLIDER_STYLE, layout=widgets.Layout(width="260px"),
        )
        self.true_label.observe(self._on_change, names="value")
        return [widgets.HTML(tr("<b>The classifier's prediction</b> (move one; the others rescale)")),
                *self.sliders, self.sum_label, self.true_label]

    # ------------------------------------------------------------------ state

    @property
    def state(self) -> SimplexState:
        """The current prediction and true label."""
        return SimplexState(self._linked.values, self.labels, self.true_label.value)

    @property
    def probabilities(self) -> np.ndarray:
        return self._linked.values.copy()

    @property
    def predicted_label(self) -> str:
        return self.labels[int(np.argmax(self._linked.values))]

    @property
    def log_probability(self) -> float:
        return self.state.log_probability

    def set_probabilities(self, p):
        """Set the three probabilities (validated) and redraw once."""
        self._linked.set(SimplexState(p, self.labels, self.true_label.value).probabilities)
        self._refresh()

    # ------------------------------------------------------------------ drawing

    def _build_figure(self):
        ax_t, ax_b = self.figure.subplots(1, 2, width_ratios=[1.2, 1.0])
        c = SIMPLEX_CORNERS
        centre = c.mean(axis=0)
        mids = [(c[1] + c[2]) / 2, (c[0] + c[2]) / 2, (c[0] + c[1]) / 2]  # mids[k]: edge opposite k
        for k in range(3):
            others = [m for m in range(3) if m != k]
            # the region where class k has the largest probability: corner, two edge midpoints, centre
            poly = np.array([c[k], mids[others[1]], centre, mids[others[0]]])
            ax_t.fill(poly[:, 0], poly[:, 1], color=CLASS_COLOURS[k], alpha=0.25, lw=0)
        ax_t.plot(*np.vstack([c, c[:1]]).T, color=PALETTE["black"], lw=1)
        offsets = [(-0.04, -0.06, "right"), (0.04, -0.06, "left"), (0.0, 0.04, "center")]
        for k, (dx, dy, ha) in enumerate(offsets):
            ax_t.text(c[k, 0] + dx, c[k, 1] + dy, f"{tr(self.labels[k])}\n(p = 1)" if k < 2 else
                      f"{tr(self.labels[k])} (p = 1)", ha=ha, va="center", fontsize="small")
        (self._point,) = ax_t.plot([], [], ls="none", marker="o", ms=10, mfc=PALETTE["black"],
                                   mec="white", mew=1.5)
        ax_t.set_xlim(-0.25, 1.25)
        ax_t.set_ylim(-0.15, 1.0)
        ax_t.set_aspect("equal")
        ax_t.axis("off")
        ax_t.set_title(tr("shaded: the class with the largest probability"), fontsize="medium")
        ys = np.arange(3)
        self._bars = ax_b.barh(ys, self._linked.values, color=CLASS_COLOURS, edgecolor=PALETTE["black"])
        ax_b.set_yticks(ys, [tr(label) for label in self.labels])
        ax_b.invert_yaxis()
        ax_b.set_xlim(0, 1)
        ax_b.set_xlabel(tr("predicted probability"))
        # a white box keeps the number readable where it overlaps a long bar
        self._bar_texts = [ax_b.text(0, k, "", va="center", fontsize="small",
                                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
                           for k in range(3)]
        self._bar_title = ax_b.set_title("", fontsize="medium")
        self._animate(self._point, *self._bars, *self._bar_texts, self._bar_title)

    def _refresh(self):
        s = self.state
        p = s.probabilities
        self._point.set_data(*([v] for v in s.point))
        true_k = self.labels.index(s.true_label)
        for k, (bar, text) in enumerate(zip(self._bars, self._bar_texts)):
            bar.set_width(p[k])
            bar.set_linewidth(2.5 if k == true_k else 0.0)
            text.set_position((min(p[k], 0.74) + 0.02, k))
            text.set_text(tr("{p:.3f}  (true)", p=p[k]) if k == true_k else f"{p[k]:.3f}")
        pred = s.prediction
        self._bar_title.set_text(tr("prediction: {label}", label=tr(pred)))
        logp = s.log_probability
        if logp == -math.inf:
            logp_text = tr("-inf (the classifier rules the true class out)")
            loss_text = "inf"
        else:
            logp_text = f"{logp:.4f}"
            loss_text = f"{-logp:.4f}"
        probs = ", ".join(f"p({tr(n)}) = {v:.3f}" for n, v in zip(self.labels, p))
        self.readout.value = (
            '<div style="line-height: 1.6">'
            f"{html.escape(probs)}<br>"
            f"{tr('<b>predicted class</b> (largest probability): ')}"
            f"<span class='ld-argmax'>{html.escape(tr(pred))}</span><br>"
            f"{tr('<b>log p(true label = {label})</b> = ', label=html.escape(tr(s.true_label)))}"
            f"<span class='ld-logp'>{logp_text}</span>; "
            f"{tr('loss −log p = {loss}', loss=loss_text)}</div>"
        )
        self._render()
