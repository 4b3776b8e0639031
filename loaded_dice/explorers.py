"""Interactive explorers for the book: ipywidgets controls driving one matplotlib figure each.

Three explorers, each shown by making it the last expression of a notebook cell:

* :class:`DieExplorer` — six linked probability sliders for a loaded die, editable counts, rolls
  of a hidden die, readouts of L, log L and the gap to the maximum, a bar chart of ``y`` against
  ``t / N`` and a live likelihood surface on a 2-D slice of the simplex.
* :class:`CoinExplorer` — one probability ``p`` for a two-sided die (a coin): L(p) and log L(p)
  with the tangent at ``p``, its slope, and optionally the second derivative.
* :class:`SimplexExplorer` — a classifier's three class probabilities as a point in a triangle,
  with the predicted class and the log-probability of the true label.

How they stay fast: every explorer builds its figure **once** (a plain
:class:`matplotlib.figure.Figure` on an Agg canvas, never pyplot), and on each event only updates
the artists in place (bar heights, marker positions, image data, texts), then renders the canvas
to PNG bytes for an :class:`ipywidgets.Image`. The static part of each figure (axes, ticks,
labels, legends, the likelihood surface) is drawn only when it changes and kept as a pixel
buffer; an ordinary event restores that buffer and draws only the few moving artists over it.
The die explorer's likelihood surface is cached: the slice's values are recomputed only when the
counts, the slice, the off-slice proportions or the L / log L mode change (counted in
``surface_computations``), and its colours and contour lines only when the counts, the slice or
the mode change (``contour_computations``). The off-slice proportions shift log L by a constant
(they scale L by a factor), so the surface is coloured relative to the best die on the slice and
its picture does not depend on them (see :mod:`loaded_dice.surface`).

How they show up on the static website: ``_repr_mimebundle_`` returns the live widget *and* a PNG
of the current figure. JupyterLab shows the widget; the book's HTML build drops the widget mime
type and shows the PNG, or, for an explorer with an in-page version, the ``text/html`` container
of :mod:`loaded_dice.explorer_html` that a page script brings to life.

The model never imports the view: :mod:`loaded_dice.likelihood` and :mod:`loaded_dice.surface`
know nothing about this module.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import io
import math
import re
import struct
import zlib

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import explorer_html
from . import likelihood as lk
from .plots.dice import SIMPLEX_CORNERS
from .plots import (
    CLASS_COLOURS,
    DATA_COLOUR,
    MLE_COLOUR,
    MODEL_COLOUR,
    PALETTE,
    SURFACE_CMAP,
)
from .surface import (
    grid_centres,
    off_slice_constant,
    renormalise,
    slice_maximum,
    slice_shape,
    slice_weights,
)

__all__ = [
    "DieExplorer",
    "CoinExplorer",
    "SimplexExplorer",
    "parse_counts",
    "encode_png",
    "HIDDEN_DIE",
    "STATIC_NOTE",
]

#: The die that "Roll N more" samples from unless told otherwise: even faces come up more often.
HIDDEN_DIE = (0.12, 0.22, 0.12, 0.20, 0.12, 0.22)
#: The text a reader sees where no widget and no image can be shown.
#: Resolution of the static snapshot shown on the website (the live widget renders at 96 dpi).
SNAPSHOT_DPI = 150
STATIC_NOTE = "Interactive explorer: run this chapter live (Binder or Jupyter) to move the sliders."

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_ERROR_STYLE = f"color: {PALETTE['vermillion']}; font-weight: bold;"
_PNG_COMPRESSION = 1  # zlib level: fast to encode, a little larger than the default 6


def _sub(k: int) -> str:
    return str(k).translate(_SUB)


def _error_html(text: str) -> str:
    return f'<div role="alert" style="{_ERROR_STYLE}">⚠ {html.escape(text)}</div>'


def _sci(x: float) -> str:
    """Scientific notation with an ASCII minus sign, e.g. ``2.273e-15``."""
    return f"{x:.4g}" if x == 0 else f"{x:.4e}"


def parse_counts(text: str, faces: int = 6) -> np.ndarray:
    """Read counts such as ``"2, 5, 2, 4, 2, 5"``; raise ValueError with a readable message."""
    parts = [p.strip() for p in str(text).split(",")]
    shown = str(text) if len(str(text)) <= 60 else str(text)[:57] + "..."
    expected = f"Counts must be {faces} non-negative whole numbers separated by commas; got {shown!r}"
    if len(parts) != faces or not all(re.fullmatch(r"\d+", p) for p in parts):
        raise ValueError(expected)
    values = [int(p) for p in parts]
    if any(v >= 2**62 for v in values):
        raise ValueError(f"Counts must be below 2**62 (about 4.6e18); got {shown!r}")
    t = lk.validate_counts(values, size=faces)
    if int(t.sum()) == 0:
        raise ValueError(f"Counts must include at least one roll (they add up to 0); got {shown!r}")
    return t


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(rgba) -> bytes:
    """Encode an RGBA pixel buffer (height x width x 4) as an RGB PNG, quickly.

    A figure is mostly flat colour, so the simplest PNG (no row filters, zlib level 1) is
    about as small as Pillow's default output and twice as fast to write, which matters when it
    happens on every slider event.
    """
    pixels = np.asarray(rgba)[:, :, :3]
    height, width, _ = pixels.shape
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (None) for every row
    rows[:, 1:] = pixels.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", header),
        _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), _PNG_COMPRESSION)),
        _png_chunk(b"IEND", b""),
    ])


def _guarded(method):
    """Run an event handler; show any unexpected error inside the widget instead of a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as err:  # noqa: BLE001 - a reader should never see a traceback
            self.last_error = err
            self.message.value = _error_html(f"Something went wrong: {err}")
            return None

    return wrapper


class _LinkedSliders:
    """Probability sliders that always describe a valid distribution.

    Moving slider ``k`` rescales the others proportionally (:func:`loaded_dice.surface.renormalise`);
    the programmatic changes to the other sliders happen while ``holding`` is set, so their
    observers do nothing and one user event causes exactly one call of ``on_change``.

    The distribution itself (``values``) is kept exactly; each slider is sent that value rounded
    to its step (what its readout shows anyway). This matters in the browser: the slider widget
    snaps any value to its step and sends the snapped value back, so an off-step value would come
    back as a "move" and set off a chain of rescalings. A value that comes back within
    ``ECHO_TOLERANCE`` of what was sent is recognised as such an echo and ignored.
    """

    ECHO_TOLERANCE = 1e-9

    def __init__(self, values, descriptions, on_change, *, step=0.001, width="420px"):
        self.values = lk.validate_probabilities(values)
        self.step = step
        self._on_change = on_change
        self.holding = False
        style = {"description_width": "110px"}
        self.shown = [self._on_step(v) for v in self.values]
        self.sliders = [
            widgets.FloatSlider(
                value=v,
                min=0.0,
                max=1.0,
                step=step,
                description=d,
                readout_format=".3f",
                continuous_update=True,
                style=style,
                layout=widgets.Layout(width=width),
            )
            for v, d in zip(self.shown, descriptions)
        ]
        for k, slider in enumerate(self.sliders):
            slider.observe(functools.partial(self._moved, k), names="value")
        self.sum_label = widgets.HTML(layout=widgets.Layout(margin="0 0 0 114px"))
        self._show_sum()

    def _on_step(self, v: float) -> float:
        return round(round(float(v) / self.step) * self.step, 12)

    def _show_sum(self):
        total = math.fsum(self.values.tolist())
        self.sum_label.value = f"Σ y = {total:.3f}"

    def _moved(self, k, change):
        if self.holding:
            return
        new = float(change["new"])
        if abs(new - self.shown[k]) <= self.ECHO_TOLERANCE:  # the browser confirming our value
            self.shown[k] = new
            return
        self.shown[k] = new
        self._set(renormalise(self.values, k, new), moved=k)
        self._on_change()

    def set(self, values):
        """Set every slider at once (validated); does not call ``on_change``."""
        self._set(lk.validate_probabilities(values))

    def _set(self, values, moved=None):
        self.values = np.array(values, dtype=np.float64)
        self.holding = True
        try:
            with contextlib.ExitStack() as stack:
                for slider in self.sliders:
                    stack.enter_context(slider.hold_sync())
                for k, (slider, v) in enumerate(zip(self.sliders, self.values)):
                    if k == moved:
                        continue
                    self.shown[k] = self._on_step(v)
                    if slider.value != self.shown[k]:
                        slider.value = self.shown[k]
        finally:
            self.holding = False
        self._show_sum()


class _Explorer:
    """One figure, rendered to PNG for an Image widget; displayed as widget + static PNG."""

    #: What the figure shows, for the image's tooltip (subclasses override).
    description = "Interactive figure."

    def _init_figure(self, width: float, height: float, dpi: float):
        self.figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self.render_count = 0
        self.last_error = None
        self.png = b""
        self._dynamic = []
        self._background = None
        self._stale_background = True
        self.background_draws = 0
        # (no tooltip: ipywidgets 8.1's Image view fails to render when one is set)
        self.image = widgets.Image(
            format="png",
            layout=widgets.Layout(width="100%", max_width=f"{int(width * dpi)}px", height="auto"),
        )
        #: A text description of the figure, shown under it (the Image widget has no alt text).
        self.caption = widgets.HTML(f"<small>Figure: {html.escape(self.description)}</small>")
        self.message = widgets.HTML()

    def _freeze_layout(self):
        """Lay the figure out once, then keep the positions: no layout work on every event."""
        self._canvas.draw()
        self.figure.set_layout_engine("none")

    def _animate(self, *artists):
        """Mark artists that change on every event: drawn over a cached background."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)

    def _render(self):
        """Draw the figure into the Agg buffer and publish it as PNG bytes.

        The static part (axes, ticks, labels, legends, the surface) is drawn only when
        ``_stale_background`` is set and kept as a pixel buffer; on every event that buffer is
        restored and only the animated artists are drawn over it.
        """
        canvas = self._canvas
        if self._stale_background or self._background is None:
            canvas.draw()  # skips animated artists
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._stale_background = False
            self.background_draws += 1
        else:
            canvas.restore_region(self._background)
        for artist in self._dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        self.png = encode_png(canvas.buffer_rgba())
        self.image.value = self.png
        self.render_count += 1

    def snapshot_png(self, dpi: float = SNAPSHOT_DPI) -> bytes:
        """Return the current figure as a sharper PNG for static pages (the live widget keeps
        its fast low-resolution rendering)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs) or {})
        png = self.snapshot_png()
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
        bundle.update(explorer_html.html_bundle(self, png))  # the in-page explorer on the website
        bundle["text/plain"] = STATIC_NOTE
        return bundle

    def _repr_png_(self):
        return self.snapshot_png()


# ======================================================================= the die explorer


class DieExplorer(_Explorer):
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
    state ``y``, ``counts``, ``n``, ``log_likelihood``, ``slice_faces`` (0-based),
    ``slice_best_log_likelihood``, ``png`` (the current figure); the counters ``render_count``,
    ``background_draws``, ``surface_computations``, ``contour_computations``.
    """

    description = (
        "Left: bars of the die's probabilities y beside the observed frequencies t/N for faces 1 to 6. "
        "Right: the likelihood surface on a slice where two faces vary, with the current die and "
        "the best die on the slice marked."
    )

    def __init__(
        self,
        counts=lk.ARTICLE_COUNTS,
        hidden_die=HIDDEN_DIE,
        seed=0,
        probabilities=lk.FAIR_DIE,
        slice_faces=(1, 2),
        grid: int = 160,
    ):
        self._initial_counts = lk.validate_counts(counts, size=6)
        if int(self._initial_counts.sum()) == 0:
            raise ValueError("counts must include at least one roll; they add up to 0")
        self._initial_y = lk.validate_probabilities(probabilities)
        if self._initial_y.size != 6:
            raise ValueError(f"a six-sided die needs 6 probabilities; got {self._initial_y.size}")
        self.hidden_die = lk.validate_probabilities(hidden_die)
        if self.hidden_die.size != 6:
            raise ValueError(f"the hidden die needs 6 probabilities; got {self.hidden_die.size}")
        fi, fj = (int(f) for f in slice_faces)
        if not (1 <= fi <= 6 and 1 <= fj <= 6 and fi != fj):
            raise ValueError(f"slice_faces must be two different faces from 1 to 6; got {slice_faces!r}")
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self.counts = self._initial_counts.copy()
        self.surface_computations = 0
        self.contour_computations = 0
        self._surface_key = None
        self._shape_key = None
        self._drawn_counts = None
        self.slice_best_log_likelihood = math.nan
        self._quiet = False
        self._grid = grid_centres(int(grid))
        self._A, self._B = np.meshgrid(self._grid, self._grid)  # Z[row = b, column = a]

        self._init_figure(9.0, 3.6, 96)
        self._build_controls(fi - 1, fj - 1)
        self._build_figure()
        self._refresh()

    # ------------------------------------------------------------------ construction

    def _build_controls(self, i: int, j: int):
        self._linked = _LinkedSliders(
            self._initial_y, [f"y{_sub(k)} (face {k})" for k in range(1, 7)], self._on_sliders
        )
        self.sliders = self._linked.sliders
        self.sum_label = self._linked.sum_label
        short = {"description_width": "110px"}
        self.mle_button = widgets.Button(
            description="Jump to the MLE",
            tooltip="Set y to the observed frequencies t/N, the maximum likelihood estimate",
            button_style="",
            layout=widgets.Layout(width="160px", margin="4px 0 0 114px"),
        )
        self.counts_text = widgets.Text(
            value=self._format_counts(self.counts),
            description="Counts t",
            placeholder="2, 5, 2, 4, 2, 5",
            tooltip="How often faces 1 to 6 came up, separated by commas; press Enter to apply",
            continuous_update=False,
            style=short,
            layout=widgets.Layout(width="400px"),
        )
        self.roll_n = widgets.BoundedIntText(
            value=20, min=1, max=1_000_000, step=1, description="Rolls to add N",
            style=short, layout=widgets.Layout(width="230px"),
        )
        self.roll_button = widgets.Button(
            description="Roll N more", tooltip="Roll the hidden loaded die N more times and add the counts",
            layout=widgets.Layout(width="130px"),
        )
        self.reset_button = widgets.Button(
            description="Reset", tooltip="Back to the starting counts, die and random seed",
            layout=widgets.Layout(width="130px"),
        )
        faces = [(f"face {k}", k - 1) for k in range(1, 7)]
        self.face_i = widgets.Dropdown(options=faces, value=i, description="Slice: vary", style=short,
                                       layout=widgets.Layout(width="230px"))
        self.face_j = widgets.Dropdown(options=faces, value=j, description="and", style=short,
                                       layout=widgets.Layout(width="230px"))
        self.mode = widgets.ToggleButtons(
            options=[("log L", "log"), ("L", "lik")], value="log", description="Surface",
            tooltips=["Colour the slice by the log-likelihood", "Colour the slice by the likelihood"],
            style={"description_width": "110px", "button_width": "70px"},
        )
        self.readout = widgets.HTML()

        self.counts_text.observe(self._on_counts_text, names="value")
        self.roll_button.on_click(self._on_roll)
        self.reset_button.on_click(self._on_reset)
        self.mle_button.on_click(self._on_mle)
        self.face_i.observe(self._on_slice, names="value")
        self.face_j.observe(self._on_slice, names="value")
        self.mode.observe(self._on_mode, names="value")

        left = widgets.VBox(
            [widgets.HTML("<b>Your die y</b> (move one; the others rescale)"), *self.sliders,
             self.sum_label, self.mle_button],
            layout=widgets.Layout(width="430px"),
        )
        right = widgets.VBox(
            [widgets.HTML("<b>The data t</b>"), self.counts_text,
             widgets.HBox([self.roll_n, self.roll_button]), self.reset_button,
             widgets.HTML("<b>The likelihood surface</b>"), self.face_i, self.face_j, self.mode],
            layout=widgets.Layout(width="420px"),
        )
        self.widget = widgets.VBox(
            [widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
             self.message, self.readout, self.image, self.caption],
            layout=widgets.Layout(max_width="900px"),
        )

    def _build_figure(self):
        fig = self.figure
        ax_b, ax_s = fig.subplots(1, 2, width_ratios=[1.0, 1.1])
        self._ax_bars, self._ax_surface = ax_b, ax_s
        faces = lk.FACES
        self._bars_y = ax_b.bar(faces - 0.2, self.y, 0.4, color=MODEL_COLOUR, label="your die y")
        self._bars_f = ax_b.bar(faces + 0.2, lk.mle(self.counts), 0.4, color=DATA_COLOUR,
                                label="frequency t/N")
        ax_b.set_xticks(faces)
        ax_b.set_xlim(0.4, 6.6)
        ax_b.set_ylim(0, 1)
        ax_b.set_ylabel("probability")
        ax_b.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False,
                    borderaxespad=0.2)

        # The surface is coloured relative to the best die on the slice: the off-slice
        # proportions shift log L by a constant (and scale L by a factor), so this picture, its
        # colour bar and its contours depend only on the counts and the slice.
        self._image = ax_s.imshow(
            np.zeros((self._grid.size, self._grid.size)), origin="lower", extent=(0, 1, 0, 1),
            cmap=SURFACE_CMAP, interpolation="nearest", aspect="equal",
        )
        ax_s.plot([0, 1], [1, 0], color=PALETTE["black"], lw=0.8)
        (self._best_marker,) = ax_s.plot([], [], ls="none", marker="*", ms=14, mfc=MLE_COLOUR,
                                         mec="white", label="best on this slice")
        (self._die_marker,) = ax_s.plot([], [], ls="none", marker="o", ms=9, mfc=MODEL_COLOUR,
                                        mec="white", mew=1.5, label="your die")
        ax_s.set_xlim(0, 1)
        ax_s.set_ylim(0, 1)
        ax_s.legend(loc="upper right", frameon=False, fontsize="small")
        self._surface_note = ax_s.text(0.98, 0.62, "", transform=ax_s.transAxes, ha="right",
                                       va="top", fontsize="small",
                                       bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9})
        self._surface_title = ax_s.set_title("", fontsize="medium")
        self._colorbar = fig.colorbar(self._image, ax=ax_s, shrink=0.9)
        self._contours = None
        self._animate(*self._bars_y, self._die_marker)
        self._update_slice_labels()
        self._update_surface()
        self._freeze_layout()

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

    @staticmethod
    def _format_counts(t) -> str:
        return ", ".join(str(int(v)) for v in t)

    @contextlib.contextmanager
    def _hush(self):
        """Set widget values without their observers reacting."""
        old, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = old

    # ------------------------------------------------------------------ public actions

    def set_probabilities(self, y):
        """Set the die (validated: six probabilities summing to 1) and redraw once."""
        y = lk.validate_probabilities(y)
        if y.size != 6:
            raise ValueError(f"a six-sided die needs 6 probabilities; got {y.size}")
        self._linked.set(y)
        self._refresh()

    def set_counts(self, t):
        """Set the data (validated) and redraw once; the text field follows."""
        t = lk.validate_counts(t, size=6)
        if int(t.sum()) == 0:
            raise ValueError("counts must include at least one roll; they add up to 0")
        self.counts = t
        with self._hush():
            self.counts_text.value = self._format_counts(t)
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
            self.counts_text.value = self._format_counts(self.counts)
        self._linked.set(self._initial_y)
        self.message.value = ""
        self._refresh()

    def jump_to_mle(self):
        """Set y to the maximum likelihood estimate t/N."""
        self.set_probabilities(lk.mle(self.counts))

    # ------------------------------------------------------------------ event handlers

    @_guarded
    def _on_sliders(self):
        self._refresh()

    @_guarded
    def _on_counts_text(self, change):
        if self._quiet:
            return
        try:
            t = parse_counts(change["new"])
        except ValueError as err:
            self.message.value = _error_html(f"{err}. Still using the last valid counts: "
                                             f"{self._format_counts(self.counts)}.")
            return
        self.counts = t
        self.message.value = ""
        self._refresh()

    @_guarded
    def _on_roll(self, _button=None):
        self.roll()

    @_guarded
    def _on_reset(self, _button=None):
        self.reset()

    @_guarded
    def _on_mle(self, _button=None):
        self.jump_to_mle()

    @_guarded
    def _on_slice(self, change):
        if self._quiet:
            return
        other = self.face_j if change["owner"] is self.face_i else self.face_i
        if other.value == change["new"]:
            with self._hush():
                other.value = change["old"]
        self._update_slice_labels()
        self._refresh()

    @_guarded
    def _on_mode(self, change):
        self._refresh()

    # ------------------------------------------------------------------ drawing

    def _update_slice_labels(self):
        i, j = self.slice_faces
        self._ax_surface.set_xlabel(f"y{_sub(i + 1)} (face {i + 1})")
        self._ax_surface.set_ylabel(f"y{_sub(j + 1)} (face {j + 1})")
        self._stale_background = True

    def _update_surface(self):
        """Bring the surface up to date, recomputing only what depends on a changed input.

        * contours, colours and the best-on-slice marker: when the counts, the slice or the mode
          change (``contour_computations``);
        * the slice's values (its best log L and whether L underflows or the whole slice is
          impossible): also when the off-slice proportions change (``surface_computations``).
        """
        t = self.counts
        i, j = self.slice_faces
        mode = self.mode.value
        w = slice_weights(self._linked.values, i, j)
        key = (tuple(t.tolist()), i, j, tuple(np.round(w, 9).tolist()), mode)
        if key == self._surface_key:
            return
        self._surface_key = key
        self.surface_computations += 1

        shape_key = (key[0], i, j, mode)
        if shape_key != self._shape_key:
            self._compute_shape(t, i, j, mode)
            self._shape_key = shape_key

        top = self._shape_max + off_slice_constant(t, w, i, j)  # the largest log L on this slice
        self.slice_best_log_likelihood = top
        note = ""
        if top == -math.inf:
            blocked = [k for k in range(6) if k not in (i, j) and t[k] > 0 and w[k] == 0]
            k = blocked[0]
            note = (f"log L = -inf on this whole slice:\nface {k + 1} came up {t[k]} times\n"
                    f"but y{_sub(k + 1)} = 0 here")
        elif mode == "lik" and top < -745.2:  # exp(top) underflows to 0.0
            note = (f"L itself underflows to 0.0\non this whole slice (largest\n"
                    f"log L here is {top:.1f});\ncolours show L relative to it")
        visible = top != -math.inf
        if note != self._surface_note.get_text() or visible != self._image.get_visible():
            self._surface_note.set_text(note)
            self._image.set_visible(visible)
            self._contours.set_visible(visible)
            self._best_marker.set_visible(visible)
            self._stale_background = True

    def _compute_shape(self, t, i, j, mode):
        """The part of log L that varies on the slice, relative to its maximum; and contours."""
        self.contour_computations += 1
        a_best, b_best = slice_maximum(t, i, j)
        shape_max = float(slice_shape(t, i, j, a_best, b_best))
        rel = slice_shape(t, i, j, self._A, self._B) - shape_max  # <= 0 on the simplex, nan off it
        finite = rel[np.isfinite(rel)]
        spread = -float(np.percentile(finite, 10)) if finite.size else 10.0
        vmin_rel = -min(60.0, max(5.0, spread))
        rel = np.where(np.isneginf(rel), vmin_rel - 1.0, rel)
        self._shape_max = shape_max
        self._best_marker.set_data([a_best], [b_best])
        if self._contours is not None:
            self._contours.remove()
        if mode == "log":
            field, levels, clim = rel, [-20, -10, -5, -2, -0.5], (vmin_rel, 0.0)
            label = "log L − (best log L on the slice)"
            self._contour_label = "contour lines: log L is 0.5, 2, 5, 10 and 20 below the slice's best"
            title = "log L"
        else:
            field, levels, clim = np.exp(rel), [0.1, 0.5, 0.9], (0.0, 1.0)
            label = "L ÷ (best L on the slice)"
            self._contour_label = "contour lines: L is 10 %, 50 % and 90 % of the slice's best"
            title = "L"
        self._image.set_data(field)
        self._image.set_clim(*clim)
        self._colorbar.set_label(label)
        self._surface_title.set_text(f"{title} on a slice: faces {i + 1} and {j + 1} vary,\n"
                                     "the other faces keep their proportions")
        self._contours = self._ax_surface.contour(
            self._A, self._B, np.ma.masked_invalid(field), levels=levels,
            colors=PALETTE["black"], linewidths=0.7, alpha=0.7,
        )
        self._stale_background = True

    def _refresh(self):
        """Bring the readouts and every artist up to date, then render the figure once."""
        y = self._linked.values
        t = self.counts
        n = self.n
        for bar, h in zip(self._bars_y, y):
            bar.set_height(h)
        if not np.array_equal(t, self._drawn_counts):
            for bar, h in zip(self._bars_f, t / n):
                bar.set_height(h)
            self._ax_bars.set_xlabel(f"face k   (data: N = {n:,} rolls)")
            self._drawn_counts = t.copy()
            self._stale_background = True
        i, j = self.slice_faces
        self._die_marker.set_data([y[i]], [y[j]])
        self._update_surface()
        self.readout.value = self._readout_html(y, t)
        self._render()

    def _readout_html(self, y, t) -> str:
        L = lk.likelihood(y, t)
        logL = lk.log_likelihood(y, t)
        best = lk.log_likelihood(lk.mle(t), t)
        if logL == -math.inf:
            k = next(k for k in range(6) if t[k] > 0 and y[k] == 0)
            L_text = (f"0 (impossible: face {k + 1} came up {t[k]} times, "
                      f"but y{_sub(k + 1)} = 0)")
            logL_text, gap_text = "-inf", "inf"
        else:
            if L == 0.0:
                L_text = ("0.0 (underflow: below the smallest float64; the true value is about "
                          f"10^{logL / math.log(10):.1f})")
            else:
                L_text = _sci(L)
            logL_text = f"{logL:.4f}"
            gap_text = f"{best - logL:.4f}"
        label = getattr(self, "_contour_label", "")
        return (
            '<div style="line-height: 1.6">'
            f"<b>L</b> = y₁<sup>t₁</sup> ⋯ y₆<sup>t₆</sup> = <span class='ld-L'>{html.escape(L_text)}</span><br>"
            f"<b>log L</b> = Σ t<sub>k</sub> log y<sub>k</sub> = <span class='ld-logL'>{logL_text}</span><br>"
            f"<b>largest log L</b> (at y = t/N) = {best:.4f}; "
            f"<b>gap</b> log L(t/N) − log L(y) = <span class='ld-gap'>{gap_text}</span><br>"
            f"best die on the slice (faces {self.slice_faces[0] + 1} and {self.slice_faces[1] + 1} vary): "
            f"log L = {self.slice_best_log_likelihood:.4f}<br>"
            f"<small>{html.escape(label)}</small></div>"
        )


# ======================================================================= the coin explorer


class CoinExplorer(_Explorer):
    """L(p) and log L(p) for ``heads`` and ``tails``, with the tangent at ``p`` and its slope.

    Show it with ``CoinExplorer()`` as the last line of a cell.

    Programmatic API: ``slider`` (also ``sliders``), ``curvature_toggle``, ``mle_button``,
    ``readout``, ``image``, ``figure``, ``widget``; ``set_p(p)``; the values ``p``, ``p_hat``,
    ``slope`` (of log L), ``likelihood_slope`` (of L), ``second_derivative`` (of log L),
    ``likelihood_second_derivative``; ``render_count``.
    """

    description = (
        "Left: the likelihood L(p) of the coin; right: the log-likelihood log L(p). Each curve "
        "has its tangent at the current p; both peak at the maximum likelihood estimate p-hat."
    )

    def __init__(self, heads: int = 14, tails: int = 6, p: float = 0.5):
        t = lk.validate_counts([heads, tails])
        if int(t.sum()) == 0:
            raise ValueError("heads + tails must be at least 1")
        self.heads, self.tails = int(t[0]), int(t[1])
        self.p_hat = self.heads / (self.heads + self.tails)
        self._init_figure(9.0, 3.4, 96)
        self.slider = widgets.FloatSlider(
            value=float(p), min=0.01, max=0.99, step=0.01, description="p (heads)",
            readout_format=".2f", continuous_update=True, style={"description_width": "110px"},
            layout=widgets.Layout(width="430px"),
        )
        self.sliders = [self.slider]
        self.curvature_toggle = widgets.Checkbox(
            value=False, description="Show the second derivative (curvature) at p", indent=False,
        )
        self.mle_button = widgets.Button(description="Jump to p̂", tooltip="Set p to heads / N")
        self.readout = widgets.HTML()
        self.slider.observe(self._on_change, names="value")
        self.curvature_toggle.observe(self._on_change, names="value")
        self.mle_button.on_click(self._on_mle)
        self.widget = widgets.VBox(
            [widgets.HBox([self.slider, self.mle_button], layout=widgets.Layout(flex_flow="row wrap")),
             self.curvature_toggle, self.message, self.readout, self.image, self.caption],
            layout=widgets.Layout(max_width="900px"),
        )
        self._build_figure()
        self._refresh()

    # maths -------------------------------------------------------------------------
    def _logL(self, p):
        h, t = self.heads, self.tails
        with np.errstate(divide="ignore", invalid="ignore"):
            return (h * np.log(p) if h else 0.0) + (t * np.log1p(-p) if t else 0.0)

    def _dlogL(self, p):
        return self.heads / p - self.tails / (1 - p)

    def _d2logL(self, p):
        return -self.heads / p**2 - self.tails / (1 - p) ** 2

    @property
    def p(self) -> float:
        return float(self.slider.value)

    @property
    def log_likelihood(self) -> float:
        return float(self._logL(self.p))

    @property
    def likelihood(self) -> float:
        with np.errstate(under="ignore"):
            return float(np.exp(self._logL(self.p)))

    @property
    def slope(self) -> float:
        """d log L / dp = heads / p - tails / (1 - p)."""
        return float(self._dlogL(self.p))

    @property
    def likelihood_slope(self) -> float:
        """dL/dp = L(p) * d log L / dp."""
        return self.likelihood * self.slope

    @property
    def second_derivative(self) -> float:
        """d² log L / dp² = -heads / p² - tails / (1 - p)² (never positive)."""
        return float(self._d2logL(self.p))

    @property
    def likelihood_second_derivative(self) -> float:
        """d²L/dp² = L(p) * ((d log L/dp)² + d² log L/dp²)."""
        return self.likelihood * (self.slope**2 + self.second_derivative)

    def set_p(self, p: float):
        self.slider.value = float(p)

    # drawing -------------------------------------------------------------------------
    def _build_figure(self):
        ax_l, ax_g = self.figure.subplots(1, 2)
        self._ax_l, self._ax_g = ax_l, ax_g
        ps = np.linspace(0.001, 0.999, 400)
        logs = self._logL(ps)
        with np.errstate(under="ignore"):
            Ls = np.exp(logs)
        best = float(self._logL(self.p_hat)) if 0 < self.p_hat < 1 else 0.0
        for ax, curve, name in ((ax_l, Ls, "L(p)"), (ax_g, logs, "log L(p)")):
            ax.plot(ps, curve, color=MODEL_COLOUR, lw=2, label=name)
            ax.axvline(self.p_hat, color=MLE_COLOUR, ls="--", lw=1.2, label=f"p̂ = {self.p_hat:.3f}")
            ax.set_xlim(0, 1)
            ax.set_xlabel("p (probability of heads)")
            ax.set_ylabel(name)
        ax_l.set_ylim(0, max(float(Ls.max()), 1e-300) * 1.15)
        ax_g.set_ylim(best - 25, best + 4)
        self._tangents, self._points = [], []
        for ax in (ax_l, ax_g):
            (tan,) = ax.plot([], [], color=DATA_COLOUR, lw=2, label="tangent at p")
            (pt,) = ax.plot([], [], ls="none", marker="o", ms=8, mfc=DATA_COLOUR, mec="white")
            self._tangents.append(tan)
            self._points.append(pt)
        (self._parabola,) = ax_g.plot([], [], color=PALETTE["green"], lw=1.5, ls=":",
                                      label="curvature: 2nd-order fit at p")
        ax_l.set_title(f"likelihood, {self.heads} heads and {self.tails} tails", fontsize="medium")
        ax_g.set_title("log-likelihood", fontsize="medium")
        ax_l.legend(loc="upper left", frameon=False, fontsize="small")
        ax_g.legend(loc="lower center", frameon=False, fontsize="small")
        self._slope_texts = [
            ax.text(0.03, 0.62 if ax is ax_l else 0.95, "", transform=ax.transAxes, va="top",
                    fontsize="small")
            for ax in (ax_l, ax_g)
        ]
        self._animate(*self._tangents, *self._points, *self._slope_texts, self._parabola)
        self._freeze_layout()

    @_guarded
    def _on_change(self, change=None):
        self._refresh()

    @_guarded
    def _on_mle(self, _button=None):
        self.set_p(min(0.99, max(0.01, round(self.p_hat, 2))))

    def _refresh(self):
        p = self.p
        L, logL = self.likelihood, self.log_likelihood
        dL, dlog = self.likelihood_slope, self.slope
        width = 0.15
        xs = np.array([max(0.0, p - width), min(1.0, p + width)])
        self._tangents[0].set_data(xs, L + dL * (xs - p))
        self._tangents[1].set_data(xs, logL + dlog * (xs - p))
        self._points[0].set_data([p], [L])
        self._points[1].set_data([p], [logL])
        self._slope_texts[0].set_text(f"slope dL/dp = {dL:.3e}")
        self._slope_texts[1].set_text(f"slope d log L/dp = {dlog:.3f}")
        show = bool(self.curvature_toggle.value)
        if show:
            xq = np.linspace(max(0.001, p - 0.25), min(0.999, p + 0.25), 60)
            self._parabola.set_data(xq, logL + dlog * (xq - p) + 0.5 * self.second_derivative * (xq - p) ** 2)
        self._parabola.set_visible(show)
        if abs(dlog) < 1e-9:
            verdict = "zero: the tangent is flat, p is at the peak p̂"
        elif dlog > 0:
            verdict = "positive: log L rises to the right, so p̂ is larger than p"
        else:
            verdict = "negative: log L falls to the right, so p̂ is smaller than p"
        rows = [
            f"<b>p</b> = {p:.2f}; <b>p̂</b> = heads / N = {self.p_hat:.4f}",
            f"<b>L(p)</b> = p<sup>{self.heads}</sup>(1 − p)<sup>{self.tails}</sup> = {_sci(L)}; "
            f"slope dL/dp = <span class='ld-dL'>{dL:.4e}</span>",
            f"<b>log L(p)</b> = {logL:.4f}; slope d log L/dp = {self.heads}/p − {self.tails}/(1 − p) = "
            f"<span class='ld-slope'>{dlog:.4f}</span> ({verdict})",
        ]
        if show:
            d2 = self.second_derivative
            rows.append(
                f"<b>second derivative</b> d² log L/dp² = −{self.heads}/p² − {self.tails}/(1 − p)² = "
                f"<span class='ld-d2'>{d2:.4f}</span> (negative: the curve bends down, so the flat "
                f"point is a maximum); d²L/dp² = {self.likelihood_second_derivative:.4e}"
            )
        self.readout.value = '<div style="line-height: 1.6">' + "<br>".join(rows) + "</div>"
        self._render()


# ======================================================================= the simplex explorer


class SimplexExplorer(_Explorer):
    """A classifier's three class probabilities as a point in a triangle.

    Show it with ``SimplexExplorer()`` as the last line of a cell.

    Programmatic API: ``sliders``, ``true_label``, ``readout``, ``image``, ``figure``, ``widget``;
    ``set_probabilities(p)``; the values ``probabilities``, ``predicted_label``,
    ``log_probability`` (of the true label); ``render_count``.
    """

    description = (
        "Left: a triangle whose corners are the three classes; the point is the classifier's "
        "prediction and the shaded regions show which class it would predict. Right: the three "
        "probabilities as bars."
    )

    def __init__(self, probs=(0.8, 0.1, 0.1), labels=("dog", "fox", "wolf"), true_label=None):
        probs = lk.validate_probabilities(probs)
        labels = tuple(str(s) for s in labels)
        if probs.size != 3 or len(labels) != 3:
            raise ValueError("SimplexExplorer needs exactly three probabilities and three labels")
        if len(set(labels)) != 3:
            raise ValueError(f"the three labels must be different; got {labels!r}")
        self.labels = labels
        self._init_figure(9.0, 3.4, 96)
        self._linked = _LinkedSliders(probs, [f"p({name})" for name in labels], self._on_sliders)
        self.sliders = self._linked.sliders
        self.true_label = widgets.Dropdown(
            options=list(labels), value=true_label or labels[0], description="True label",
            style={"description_width": "110px"}, layout=widgets.Layout(width="260px"),
        )
        self.true_label.observe(self._on_label, names="value")
        self.readout = widgets.HTML()
        self.widget = widgets.VBox(
            [widgets.HTML("<b>The classifier's prediction</b> (move one; the others rescale)"),
             *self.sliders, self._linked.sum_label, self.true_label, self.message, self.readout,
             self.image, self.caption],
            layout=widgets.Layout(max_width="900px"),
        )
        self._build_figure()
        self._refresh()

    _CORNERS = SIMPLEX_CORNERS

    @property
    def probabilities(self) -> np.ndarray:
        return self._linked.values.copy()

    @property
    def predicted_label(self) -> str:
        return self.labels[int(np.argmax(self._linked.values))]

    @property
    def log_probability(self) -> float:
        q = self._linked.values[self.labels.index(self.true_label.value)]
        return math.log(q) if q > 0 else -math.inf

    def set_probabilities(self, p):
        p = lk.validate_probabilities(p)
        if p.size != 3:
            raise ValueError(f"three class probabilities needed; got {p.size}")
        self._linked.set(p)
        self._refresh()

    def _build_figure(self):
        ax_t, ax_b = self.figure.subplots(1, 2, width_ratios=[1.2, 1.0])
        self._ax_t, self._ax_b = ax_t, ax_b
        c = self._CORNERS
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
            ax_t.text(c[k, 0] + dx, c[k, 1] + dy, f"{self.labels[k]}\n(p = 1)" if k < 2 else
                      f"{self.labels[k]} (p = 1)", ha=ha, va="center", fontsize="small")
        (self._point,) = ax_t.plot([], [], ls="none", marker="o", ms=10, mfc=PALETTE["black"],
                                   mec="white", mew=1.5)
        ax_t.set_xlim(-0.25, 1.25)
        ax_t.set_ylim(-0.15, 1.0)
        ax_t.set_aspect("equal")
        ax_t.axis("off")
        ax_t.set_title("shaded: the class with the largest probability", fontsize="medium")
        ys = np.arange(3)
        self._bars = ax_b.barh(ys, self._linked.values, color=CLASS_COLOURS, edgecolor=PALETTE["black"])
        ax_b.set_yticks(ys, self.labels)
        ax_b.invert_yaxis()
        ax_b.set_xlim(0, 1)
        ax_b.set_xlabel("predicted probability")
        # a white box keeps the number readable where it overlaps a long bar
        self._bar_texts = [ax_b.text(0, k, "", va="center", fontsize="small",
                                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
                           for k in range(3)]
        self._bar_title = ax_b.set_title("", fontsize="medium")
        self._animate(self._point, *self._bars, *self._bar_texts, self._bar_title)
        self._freeze_layout()

    @_guarded
    def _on_sliders(self):
        self._refresh()

    @_guarded
    def _on_label(self, change):
        self._refresh()

    def _refresh(self):
        p = self._linked.values
        xy = p @ self._CORNERS
        self._point.set_data([xy[0]], [xy[1]])
        true_k = self.labels.index(self.true_label.value)
        for k, (bar, text) in enumerate(zip(self._bars, self._bar_texts)):
            bar.set_width(p[k])
            bar.set_linewidth(2.5 if k == true_k else 0.0)
            text.set_position((min(p[k], 0.74) + 0.02, k))
            text.set_text(f"{p[k]:.3f}" + ("  (true)" if k == true_k else ""))
        logp = self.log_probability
        best = np.flatnonzero(np.isclose(p, p.max(), rtol=0, atol=1e-12))
        if best.size > 1:
            pred = "a tie between " + " and ".join(self.labels[k] for k in best)
        else:
            pred = self.labels[int(best[0])]
        self._bar_title.set_text(f"prediction: {pred}")
        name = self.true_label.value
        if logp == -math.inf:
            logp_text = "-inf (the classifier rules the true class out)"
            loss_text = "inf"
        else:
            logp_text = f"{logp:.4f}"
            loss_text = f"{-logp:.4f}"
        probs = ", ".join(f"p({n}) = {v:.3f}" for n, v in zip(self.labels, p))
        self.readout.value = (
            '<div style="line-height: 1.6">'
            f"{html.escape(probs)}<br>"
            f"<b>predicted class</b> (largest probability): <span class='ld-argmax'>{html.escape(pred)}</span><br>"
            f"<b>log p(true label = {html.escape(name)})</b> = <span class='ld-logp'>{logp_text}</span>; "
            f"loss −log p = {loss_text}</div>"
        )
        self._render()
