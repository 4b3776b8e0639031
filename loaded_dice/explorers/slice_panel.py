"""The die explorer's likelihood surface on a slice: drawn once, updated only when it must be.

The surface is cached: the slice's values are recomputed only when the counts, the slice, the
off-slice proportions or the L / log L mode change (counted in ``surface_computations``), and its
colours and contour lines only when the counts, the slice or the mode change
(``contour_computations``). The off-slice proportions shift log L by a constant (they scale L by a
factor), so the surface is coloured relative to the best die on the slice and its picture does not
depend on them (see :mod:`loaded_dice.surface`). What to recompute and every number shown come
from :mod:`loaded_dice.explorers.state`.
"""

from __future__ import annotations

import math

import numpy as np

from ..formatting import subscript
from ..i18n import tr
from ..plots import MLE_COLOUR, MODEL_COLOUR, PALETTE, SURFACE_CMAP
from ..surface import grid_centres
from .state import slice_keys, slice_picture, slice_values

__all__ = ["SlicePanel", "face_name"]

#: How each surface mode is labelled: title, colour bar, contour lines.
_MODE_TEXT = {
    "log": ("log L", "log L − (best log L on the slice)",
            "contour lines: log L is 0.5, 2, 5, 10 and 20 below the slice's best"),
    "lik": ("L", "L ÷ (best L on the slice)",
            "contour lines: L is 10 %, 50 % and 90 % of the slice's best"),
}


def face_name(k: int) -> str:
    """The name of face ``k`` (0-based) on sliders and axes, e.g. ``'y₂ (face 2)'``."""
    return tr("y{sub} (face {k})", sub=subscript(k + 1), k=k + 1)


class SlicePanel:
    """The likelihood surface on one axes: image, contours, the best die and the current die.

    ``update`` returns whether the static part of the figure changed (so the owner redraws its
    background); ``die_marker`` moves on every event and is drawn by the owner.
    """

    def __init__(self, figure, ax, grid: int):
        self.ax = ax
        self.surface_computations = 0
        self.contour_computations = 0
        self.best_log_likelihood = math.nan
        self.contour_label = ""
        self._values_key = self._shape_key = None
        self._shape_max = math.nan
        centres = grid_centres(int(grid))
        self._A, self._B = np.meshgrid(centres, centres)  # Z[row = b, column = a]
        self._image = ax.imshow(
            np.zeros((centres.size, centres.size)), origin="lower", extent=(0, 1, 0, 1),
            cmap=SURFACE_CMAP, interpolation="nearest", aspect="equal",
        )
        ax.plot([0, 1], [1, 0], color=PALETTE["black"], lw=0.8)
        (self._best_marker,) = ax.plot([], [], ls="none", marker="*", ms=14, mfc=MLE_COLOUR,
                                       mec="white", label=tr("best on this slice"))
        (self.die_marker,) = ax.plot([], [], ls="none", marker="o", ms=9, mfc=MODEL_COLOUR,
                                     mec="white", mew=1.5, label=tr("your die"))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper right", frameon=False, fontsize="small")
        self._note = ax.text(0.98, 0.62, "", transform=ax.transAxes, ha="right", va="top",
                             fontsize="small",
                             bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9})
        self._title = ax.set_title("", fontsize="medium")
        self._colorbar = figure.colorbar(self._image, ax=ax, shrink=0.9)
        self._contours = None

    @property
    def note(self) -> str:
        """The note written over the surface when it cannot show L or log L (else ``''``)."""
        return self._note.get_text()

    def label_axes(self, i: int, j: int):
        """Name the two faces that vary on the axes."""
        self.ax.set_xlabel(face_name(i))
        self.ax.set_ylabel(face_name(j))

    def update(self, y, t, i: int, j: int, mode: str) -> bool:
        """Bring the surface up to date for die ``y`` and counts ``t``; True if its picture changed.

        * contours, colours and the best-on-slice marker: when the counts, the slice or the mode
          change (``contour_computations``);
        * the slice's values (its best log L and whether L underflows or the whole slice is
          impossible): also when the off-slice proportions change (``surface_computations``).
        """
        self.die_marker.set_data([y[i]], [y[j]])
        key, shape_key = slice_keys(y, t, i, j, mode)
        if key == self._values_key:
            return False
        self._values_key = key
        self.surface_computations += 1
        changed = shape_key != self._shape_key
        if changed:
            self._draw_picture(t, i, j, mode)
            self._shape_key = shape_key

        values = slice_values(y, t, i, j, self._shape_max)
        top = self.best_log_likelihood = values.best_log_likelihood
        note = ""
        if values.blocked_face is not None:
            k = values.blocked_face
            note = tr("log L = -inf on this whole slice:\nface {k} came up {n} times\nbut y{sub} = 0 here",
                      k=k + 1, n=t[k], sub=subscript(k + 1))
        elif mode == "lik" and values.likelihood_underflows:
            note = tr("L itself underflows to 0.0\non this whole slice (largest\n"
                      "log L here is {top:.1f});\ncolours show L relative to it", top=top)
        visible = top != -math.inf
        if note != self._note.get_text() or visible != self._image.get_visible():
            self._note.set_text(note)
            for artist in (self._image, self._contours, self._best_marker):
                artist.set_visible(visible)
            changed = True
        return changed

    def _draw_picture(self, t, i, j, mode):
        """Draw the part of log L that varies on the slice, relative to its maximum, with contours."""
        self.contour_computations += 1
        picture = slice_picture(t, i, j, self._A, self._B, mode)
        self._shape_max = picture.shape_max
        self._best_marker.set_data(*([v] for v in picture.best))
        if self._contours is not None:
            self._contours.remove()
        title, colour_label, self.contour_label = (tr(text) for text in _MODE_TEXT[mode])
        self._image.set_data(picture.field)
        self._image.set_clim(*picture.clim)
        self._colorbar.set_label(colour_label)
        self._title.set_text(tr("{title} on a slice: faces {i} and {j} vary,\n"
                                "the other faces keep their proportions", title=title, i=i + 1, j=j + 1))
        self._contours = self.ax.contour(
            self._A, self._B, np.ma.masked_invalid(picture.field), levels=list(picture.levels),
            colors=PALETTE["black"], linewidths=0.7, alpha=0.7,
        )
