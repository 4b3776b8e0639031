"""Probability sliders that always describe a valid distribution (one die or one prediction)."""

from __future__ import annotations

import contextlib
import functools
import math

import ipywidgets as widgets
import numpy as np

from ..checks import validate_probabilities
from ..surface import renormalise

__all__ = ["LinkedSliders", "SLIDER_STYLE"]

#: The label column of every explorer's controls (sliders, text boxes, drop-downs line up).
SLIDER_STYLE = {"description_width": "110px"}


class LinkedSliders:
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
        self.values = validate_probabilities(values)
        self.step = step
        self._on_change = on_change
        self.holding = False
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
                style=SLIDER_STYLE,
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
        """Set every slider at once (validated, same number of values); does not call ``on_change``."""
        values = validate_probabilities(values)
        if values.size != len(self.sliders):
            raise ValueError(f"expected {len(self.sliders)} probabilities; got {values.size}")
        self._set(values)

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
