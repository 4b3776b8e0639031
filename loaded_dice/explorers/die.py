"""The die explorer: six linked probability sliders, editable data, and a live likelihood surface.

The surface on a slice and its cache live in :mod:`loaded_dice.explorers.slice_panel`; every
number shown comes from :mod:`loaded_dice.explorers.state`.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from .. import core as lk
from ..checks import require_rolls
from ..formatting import e_notation, subscript
from ..i18n import tr
from ..plots import DATA_COLOUR, MODEL_COLOUR
from .base import Explorer, error_html, guarded
from .sliders import SLIDER_STYLE
from .slice_panel import SlicePanel, face_name
from .state import die_readout, format_counts, parse_counts

__all__ = ["DieExplorer", "HIDDEN_DIE"]

#: The die that "Roll N more" samples from unless told otherwise: even faces come up more often.
HIDDEN_DIE = (0.12, 0.22, 0.12, 0.20, 0.12, 0.22)
_NOTHING_TO_EXPLORE = "every die is equally likely: there is nothing to explore"


class DieExplorer(Explorer):
    """Explore the likelihood of a loaded die: move its six probabilities, change the data.

    Show it with ``DieExplorer()`` as the last line of a cell.

    Parameters
    ----------
    counts : the data ``t`` (how often faces 1..6 came up); the article's 20 rolls by default.
    hidden_die : the die that "Roll N more" samples from.
    seed : seed of the random generator behind "Roll N more" (Reset restarts it).
    probabilities : the starting die ``y`` (fair by default).
    slice_faces : the two faces (1..6) that vary on the likelihood surface.
    grid : grid points per axis of the surface.

    Programmatic API (used by the tests and the benchmark): ``sliders``, ``counts_text``,
    ``roll_n``, ``roll_button``, ``reset_button``, ``mle_button``, ``face_i``, ``face_j``,
    ``mode``, ``readout``, ``message``, ``image``, ``caption``, ``figure``, ``widget``;
    ``set_probabilities(y)``, ``set_counts(t)``, ``roll(n)``, ``reset()``, ``jump_to_mle()``; the
    state ``y``, ``counts``, ``n``, ``log_likelihood``, ``slice_faces`` (0-based), ``png`` (the
    current figure); ``surface`` (the :class:`~loaded_dice.explorers.slice_panel.SlicePanel`: its
    ``best_log_likelihood``, ``note`` and the counters ``surface_computations`` and
    ``contour_computations``); the counters ``render_count`` and ``background_draws``.
    """

    description = (
        "Left: bars of the die's probabilities y beside the observed frequencies t/N for faces 1 to 6. "
        "Right: the likelihood surface on a slice where two faces vary, with the current die and "
        "the best die on the slice marked."
    )
    figure_size = (9.0, 3.6)

    def __init__(
        self,
        counts=lk.ARTICLE_COUNTS,
        hidden_die=HIDDEN_DIE,
        seed=0,
        probabilities=lk.FAIR_DIE,
        slice_faces=(1, 2),
        grid: int = 160,
        language: str = "en",
    ):
        self._initial_counts = require_rolls(lk.validate_counts(counts, size=lk.FACES.size), _NOTHING_TO_EXPLORE)
        self._initial_y = lk.validate_probabilities(probabilities, size=lk.FACES.size)
        self.hidden_die = lk.validate_probabilities(hidden_die, size=lk.FACES.size)
        fi, fj = (int(f) for f in slice_faces)
        if fi == fj or not {fi, fj} <= set(lk.FACES.tolist()):
            raise ValueError(f"slice_faces must be two different faces from 1 to 6; got {slice_faces!r}")
        self._start_slice = (fi - 1, fj - 1)
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self.counts = self._initial_counts.copy()
        self._drawn_counts = None
        self._grid = int(grid)
        super().__init__(self._initial_y, lambda: [face_name(face - 1) for face in lk.FACES.tolist()],
                         language=language)

    # ------------------------------------------------------------------ construction

    def _build_controls(self) -> list:
        i, j = self._start_slice
        self.mle_button = widgets.Button(
            description=tr("Jump to the MLE"),
            tooltip=tr("Set y to the observed frequencies t/N, the maximum likelihood estimate"),
            layout=widgets.Layout(width="160px", margin="4px 0 0 114px"),
        )
        self.counts_text = widgets.Text(
            value=format_counts(self.counts), description=tr("Counts t"), placeholder="2, 5, 2, 4, 2, 5",
            tooltip=tr("How often faces 1 to 6 came up, separated by commas; press Enter to apply"),
            continuous_update=False, style=SLIDER_STYLE, layout=widgets.Layout(width="400px"),
        )
        self.roll_n = widgets.BoundedIntText(
            value=20, min=1, max=1_000_000, step=1, description=tr("Rolls to add N"),
            style=SLIDER_STYLE, layout=widgets.Layout(width="230px"),
        )
        self.roll_button = widgets.Button(
            description=tr("Roll N more"), tooltip=tr("Roll the hidden loaded die N more times and add the counts"),
            layout=widgets.Layout(width="130px"),
        )
        self.reset_button = widgets.Button(
            description=tr("Reset"), tooltip=tr("Back to the starting counts, die and random seed"),
            layout=widgets.Layout(width="130px"),
        )
        faces = [(tr("face {label}", label=k), k - 1) for k in lk.FACES.tolist()]
        self.face_i = widgets.Dropdown(options=faces, value=i, description=tr("Slice: vary"),
                                       style=SLIDER_STYLE, layout=widgets.Layout(width="230px"))
        self.face_j = widgets.Dropdown(options=faces, value=j, description=tr("and"),
                                       style=SLIDER_STYLE, layout=widgets.Layout(width="230px"))
        self.mode = widgets.ToggleButtons(
            options=[("log L", "log"), ("L", "lik")], value="log", description=tr("Surface"),
            tooltips=[tr("Colour the slice by the log-likelihood"), tr("Colour the slice by the likelihood")],
            style={**SLIDER_STYLE, "button_width": "70px"},
        )
        self.counts_text.observe(self._on_counts_text, names="value")
        self.roll_button.on_click(self._on_roll)
        self.reset_button.on_click(self._on_reset)
        self.mle_button.on_click(self._on_mle)
        self.face_i.observe(self._on_slice, names="value")
        self.face_j.observe(self._on_slice, names="value")
        self.mode.observe(self._on_change, names="value")

        left = widgets.VBox(
            [widgets.HTML(tr("<b>Your die y</b> (move one; the others rescale)")), *self.sliders,
             self.sum_label, self.mle_button],
            layout=widgets.Layout(width="430px"),
        )
        right = widgets.VBox(
            [widgets.HTML(tr("<b>The data t</b>")), self.counts_text,
             widgets.HBox([self.roll_n, self.roll_button]), self.reset_button,
             widgets.HTML(tr("<b>The likelihood surface</b>")), self.face_i, self.face_j, self.mode],
            layout=widgets.Layout(width="420px"),
        )
        return [widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))]

    def _build_figure(self):
        ax_b, ax_s = self.figure.subplots(1, 2, width_ratios=[1.0, 1.1])
        self._ax_bars = ax_b
        faces = lk.FACES
        self._bars_y = ax_b.bar(faces - 0.2, self.y, 0.4, color=MODEL_COLOUR, label=tr("your die y"))
        self._bars_f = ax_b.bar(faces + 0.2, lk.mle(self.counts), 0.4, color=DATA_COLOUR,
                                label=tr("frequency t/N"))
        ax_b.set_xticks(faces)
        ax_b.set_xlim(0.4, 6.6)
        ax_b.set_ylim(0, 1)
        ax_b.set_ylabel(tr("probability"))
        ax_b.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False,
                    borderaxespad=0.2)

        self._drawn_counts = None  # the x label (with N) is written by the next refresh
        self.surface = SlicePanel(self.figure, ax_s, self._grid)
        self._animate(*self._bars_y, self.surface.die_marker)
        self.surface.label_axes(*self.slice_faces)
        self.surface.update(self._linked.values, self.counts, *self.slice_faces, self.mode.value)

    # ------------------------------------------------------------------ state

    @property
    def y(self) -> np.ndarray:
        """The current die (a copy)."""
        return self._linked.values.copy()

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    @property
    def log_likelihood(self) -> float:
        return lk.log_likelihood(self._linked.values, self.counts)

    @property
    def slice_faces(self) -> tuple[int, int]:
        """The two faces (0-based) that vary on the surface."""
        return int(self.face_i.value), int(self.face_j.value)

    # ------------------------------------------------------------------ public actions

    def set_probabilities(self, y):
        """Set the die (validated: six probabilities summing to 1) and redraw once."""
        self._linked.set(lk.validate_probabilities(y, size=lk.FACES.size))
        self._refresh()

    def set_counts(self, t):
        """Set the data (validated) and redraw once; the text field follows."""
        self.counts = t = require_rolls(lk.validate_counts(t, size=lk.FACES.size), _NOTHING_TO_EXPLORE)
        with self._hush():
            self.counts_text.value = format_counts(t)
        self.message.value = ""
        self._refresh()

    def roll(self, n: int | None = None):
        """Roll the hidden die ``n`` more times (default: the N box) and add the counts."""
        n = int(self.roll_n.value if n is None else n)
        rolls = lk.simulate_rolls(self.hidden_die, n, seed=self._rng)
        self.set_counts(self.counts + lk.counts(rolls))

    def reset(self):
        """Back to the starting counts, die and random generator."""
        self._rng = np.random.default_rng(self.seed)
        self.counts = self._initial_counts.copy()
        with self._hush():
            self.counts_text.value = format_counts(self.counts)
        self._linked.set(self._initial_y)
        self.message.value = ""
        self._refresh()

    def jump_to_mle(self):
        """Set y to the maximum likelihood estimate t/N."""
        self.set_probabilities(lk.mle(self.counts))

    # ------------------------------------------------------------------ event handlers

    @guarded
    def _on_counts_text(self, change):
        if self._quiet:
            return
        try:
            t = parse_counts(change["new"])
        except ValueError as err:
            self.message.value = error_html(tr("{err}. Still using the last valid counts: {counts}.",
                                               err=err, counts=format_counts(self.counts)))
            return
        self.counts = t
        self.message.value = ""
        self._refresh()

    @guarded
    def _on_roll(self, _button=None):
        self.roll()

    @guarded
    def _on_reset(self, _button=None):
        self.reset()

    @guarded
    def _on_mle(self, _button=None):
        self.jump_to_mle()

    @guarded
    def _on_slice(self, change):
        if self._quiet:
            return
        other = self.face_j if change["owner"] is self.face_i else self.face_i
        if other.value == change["new"]:
            with self._hush():
                other.value = change["old"]
        self.surface.label_axes(*self.slice_faces)
        self._stale_background = True
        self._refresh()

    # ------------------------------------------------------------------ drawing

    def _refresh(self):
        """Bring the readouts and every artist up to date, then render the figure once."""
        y, t, n = self._linked.values, self.counts, self.n
        for bar, h in zip(self._bars_y, y):
            bar.set_height(h)
        if not np.array_equal(t, self._drawn_counts):
            for bar, h in zip(self._bars_f, t / n):
                bar.set_height(h)
            self._ax_bars.set_xlabel(tr("face k   (data: N = {n:,} rolls)", n=n))
            self._drawn_counts = t.copy()
            self._stale_background = True
        if self.surface.update(y, t, *self.slice_faces, self.mode.value):
            self._stale_background = True
        self.readout.value = self._readout_html(y, t)
        self._render()

    def _readout_html(self, y, t) -> str:
        r = die_readout(y, t)
        if r.impossible_face is not None:
            k = r.impossible_face
            L_text = tr("0 (impossible: face {k} came up {n} times, but y{sub} = 0)",
                        k=k + 1, n=t[k], sub=subscript(k + 1))
            logL_text, gap_text = "-inf", "inf"
        else:
            if r.likelihood == 0.0:
                L_text = tr("0.0 (underflow: below the smallest float64; the true value is about 10^{e:.1f})",
                            e=r.log10_likelihood)
            else:
                L_text = e_notation(r.likelihood)
            logL_text = f"{r.log_likelihood:.4f}"
            gap_text = f"{r.gap:.4f}"
        i, j = self.slice_faces
        return (
            '<div style="line-height: 1.6">'
            f"<b>L</b> = y₁<sup>t₁</sup> ⋯ y₆<sup>t₆</sup> = <span class='ld-L'>{html.escape(L_text)}</span><br>"
            f"<b>log L</b> = Σ t<sub>k</sub> log y<sub>k</sub> = <span class='ld-logL'>{logL_text}</span><br>"
            + tr("<b>largest log L</b> (at y = t/N) = {best:.4f}; ", best=r.best_log_likelihood)
            + tr("<b>gap</b> log L(t/N) − log L(y) = ")
            + f"<span class='ld-gap'>{gap_text}</span><br>"
            + tr("best die on the slice (faces {i} and {j} vary): ", i=i + 1, j=j + 1) +
            f"log L = {self.surface.best_log_likelihood:.4f}<br>"
            f"<small>{html.escape(self.surface.contour_label)}</small></div>"
        )
