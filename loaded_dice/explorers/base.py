"""What every explorer shares: the layout around one figure, linked sliders, fast rendering.

An explorer subclasses :class:`Explorer` and provides three methods: ``_build_controls`` (the
widgets above the figure), ``_build_figure`` (the axes and artists, drawn once) and ``_refresh``
(update the readout and the artists in place, then call ``_render``). The base class's
``__init__`` builds everything else in one order for all of them: the figure on an Agg canvas,
the message line, the readout, the image and its caption, the probability sliders (when the
explorer has a distribution to move), and the widget that stacks them.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..i18n import LANGUAGES, check_language, tr
from ..i18n import language as in_language
from ..plots import PALETTE
from . import web
from .png import encode_png
from .sliders import LinkedSliders

__all__ = ["Explorer", "STATIC_NOTE", "SNAPSHOT_DPI", "error_html", "guarded"]

#: The text a reader sees where no widget and no image can be shown.
STATIC_NOTE = "Interactive explorer: run this chapter live (Binder or Jupyter) to move the sliders."
#: Resolution of the static snapshot shown on the website (the live widget renders at 96 dpi).
SNAPSHOT_DPI = 150

_ERROR_STYLE = f"color: {PALETTE['vermillion']}; font-weight: bold;"


def error_html(text: str) -> str:
    """Return a message for the explorer's message line: an alert a screen reader announces."""
    return f'<div role="alert" style="{_ERROR_STYLE}">⚠ {html.escape(text)}</div>'


def _speaking(self):
    """The language an explorer speaks now: its own, or the one a snapshot is drawn in."""
    return in_language(getattr(self, "_drawing_language", None) or getattr(self, "language", "en"))


def guarded(method):
    """Run an event handler in the explorer's language; show any unexpected error inside the
    widget instead of a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with _speaking(self):
            try:
                return method(self, *args, **kwargs)
            except Exception as err:  # noqa: BLE001 - a reader should never see a traceback
                self.last_error = err
                self.message.value = error_html(tr("Something went wrong: {err}", err=err))
                return None

    return wrapper


def _in_own_language(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with _speaking(self):
            return method(self, *args, **kwargs)

    wrapper._in_own_language = True
    return wrapper


class Explorer:
    """One figure, rendered to PNG for an Image widget; displayed as widget + static PNG.

    How it stays fast: the figure is built **once** (a plain :class:`matplotlib.figure.Figure` on
    an Agg canvas, never pyplot) and laid out once; on each event only the artists marked with
    ``_animate`` change. The static part (axes, ticks, labels, legends, a surface) is drawn only
    when ``_stale_background`` is set and kept as a pixel buffer; an ordinary event restores that
    buffer and draws the few moving artists over it.

    How it shows up on the static website: ``_repr_mimebundle_`` returns the live widget *and* a
    PNG of the current figure. JupyterLab shows the widget; the book's HTML build drops the widget
    mime type and shows the PNG, or, for an explorer with an in-page version, the ``text/html``
    container of :mod:`.web` that a page script brings to life.
    """

    #: What the figure shows, for the caption under it (subclasses override).
    description = "Interactive figure."
    #: The language of the widget's labels, readouts, messages and figure ("en" or "ja").
    language = "en"
    #: While a snapshot is drawn in another language: that language.
    _drawing_language = None

    def __init_subclass__(cls, **kwargs):
        """Whatever a subclass builds or refreshes speaks the explorer's language."""
        super().__init_subclass__(**kwargs)
        for name in ("_build_controls", "_build_figure", "_refresh"):
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "_in_own_language", False):
                setattr(cls, name, _in_own_language(method))
    #: Figure width and height in inches, and the live image's resolution.
    figure_size = (9.0, 3.4)
    dpi = 96

    def __init__(self, probabilities=None, slider_names=(), language: str = "en"):
        self.language = check_language(language)
        with _speaking(self):
            self._setup(probabilities, slider_names() if callable(slider_names) else slider_names)

    def _setup(self, probabilities, slider_names):
        width, height = self.figure_size
        self.figure = Figure(figsize=(width, height), dpi=self.dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self.render_count = 0
        self.background_draws = 0
        self.last_error = None
        self.png = b""
        self._dynamic = []
        self._background = None
        self._stale_background = True
        self._quiet = False

        self.message = widgets.HTML()
        self.readout = widgets.HTML()
        # (no tooltip: ipywidgets 8.1's Image view fails to render when one is set)
        self.image = widgets.Image(
            format="png",
            layout=widgets.Layout(width="100%", max_width=f"{int(width * self.dpi)}px", height="auto"),
        )
        #: A text description of the figure, shown under it (the Image widget has no alt text).
        self.caption = widgets.HTML(f"<small>{tr('Figure: {text}', text=html.escape(tr(self.description)))}</small>")
        if probabilities is not None:
            self._linked = LinkedSliders(probabilities, slider_names, self._on_change)
            self.sliders = self._linked.sliders
            self.sum_label = self._linked.sum_label
        controls = self._build_controls()
        self.widget = widgets.VBox(
            [*controls, self.message, self.readout, self.image, self.caption],
            layout=widgets.Layout(max_width="900px"),
        )
        self._build_figure()
        self._canvas.draw()  # lay the figure out once, then keep the positions
        self.figure.set_layout_engine("none")
        self._refresh()

    # --------------------------------------------------------------- for subclasses

    def _build_controls(self) -> list:
        """Create the controls and return the widgets shown above the message line."""
        raise NotImplementedError

    def _build_figure(self):
        """Create the axes and artists of the figure (called once)."""
        raise NotImplementedError

    def _refresh(self):
        """Bring the readout and the artists up to date, then call ``_render`` once."""
        raise NotImplementedError

    @guarded
    def _on_change(self, change=None):
        self._refresh()

    @contextlib.contextmanager
    def _hush(self):
        """Set widget values without their observers reacting (they check ``_quiet``)."""
        old, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = old

    def _animate(self, *artists):
        """Mark artists that change on every event: drawn over a cached background."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)

    def _render(self):
        """Draw the figure into the Agg buffer and publish it as PNG bytes."""
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

    # --------------------------------------------------------------- display

    def snapshot_png(self, dpi: float = SNAPSHOT_DPI) -> bytes:
        """Return the current figure as a sharper PNG for static pages (the live widget keeps
        its fast low-resolution rendering)."""
        buffer = io.BytesIO()
        with _speaking(self):
            self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def _rebuild_figure(self):
        """Draw the figure again from nothing (in the language it speaks now), at the same state."""
        with _speaking(self):
            self.figure.clear()
            self._dynamic = []
            self._background = None
            self._stale_background = True
            self.figure.set_layout_engine("constrained")
            self._build_figure()
            self._canvas.draw()
            self.figure.set_layout_engine("none")
            self._refresh()

    def snapshots(self, dpi: float = SNAPSHOT_DPI) -> dict[str, bytes]:
        """The snapshot in every language of the book (``{"en": png, "ja": png}``), for the two
        editions of the website. The figure is redrawn in each language for its snapshot and is
        back in English afterwards."""
        shots = {self.language: self.snapshot_png(dpi)}
        try:
            for lang in LANGUAGES:
                if lang not in shots:
                    self._drawing_language = lang
                    self._rebuild_figure()
                    shots[lang] = self.snapshot_png(dpi)
        finally:
            if self._drawing_language is not None:
                self._drawing_language = None
                self._rebuild_figure()
        return {lang: shots[lang] for lang in LANGUAGES}

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs) or {})
        shots = self.snapshots() if web.has_page_version(self) else {self.language: self.snapshot_png()}
        bundle["image/png"] = base64.b64encode(shots[self.language]).decode("ascii")
        if web.has_page_version(self):  # the in-page explorer on the website, in both editions
            bundle.update(web.html_bundle(self, shots["en"], translations=shots))
        with _speaking(self):
            bundle["text/plain"] = tr(STATIC_NOTE)
        return bundle

    def _repr_png_(self):
        return self.snapshot_png()
