"""Matplotlib figures for the book: functions take data and return a Figure.

One colour-blind-safe palette (Okabe & Ito) is used everywhere; no widgets here.
"""

from __future__ import annotations

from matplotlib.figure import Figure

#: Okabe–Ito palette, safe for the common forms of colour blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
#: Roles used across chapters, so a model's bars always look the same.
MODEL_COLOUR = PALETTE["blue"]       # the die's probabilities y
DATA_COLOUR = PALETTE["orange"]      # observed frequencies t/N
MLE_COLOUR = PALETTE["vermillion"]   # the maximum likelihood estimate
FAIR_COLOUR = PALETTE["grey"]        # the fair die
CLASS_COLOURS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"])  # dog, fox, wolf
#: Sequential colour map for likelihood surfaces (perceptually uniform, colour-blind safe).
SURFACE_CMAP = "cividis"


def new_figure(width: float = 6.4, height: float = 4.0, **kwargs) -> Figure:
    """Return a new Figure that is not registered with pyplot (so it is never shown twice)."""
    return Figure(figsize=(width, height), layout="constrained", **kwargs)


__all__ = [
    "PALETTE",
    "MODEL_COLOUR",
    "DATA_COLOUR",
    "MLE_COLOUR",
    "FAIR_COLOUR",
    "CLASS_COLOURS",
    "SURFACE_CMAP",
    "new_figure",
]
