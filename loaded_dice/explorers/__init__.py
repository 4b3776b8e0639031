"""Interactive explorers for the book: ipywidgets controls driving one matplotlib figure each.

Four explorers, each shown by making it the last expression of a notebook cell:

* :class:`DieExplorer` — six linked probability sliders for a loaded die, editable counts, rolls
  of a hidden die, readouts of L, log L and the gap to the maximum, a bar chart of ``y`` against
  ``t / N`` and a live likelihood surface on a 2-D slice of the simplex.
* :class:`CoinExplorer` — one probability ``p`` for a two-sided die (a coin): L(p) and log L(p)
  with the tangent at ``p``, its slope, and optionally the second derivative.
* :class:`SimplexExplorer` — a classifier's three class probabilities as a point in a triangle,
  with the predicted class and the log-probability of the true label.
* :class:`PowerExplorer` — the likelihood-ratio statistic G for simulated rolls of a fair die and
  of a chosen die, the 5 % threshold, and the share of experiments that call each die loaded.

One module each (:mod:`.die`, :mod:`.coin`, :mod:`.simplex`, :mod:`.power`), built on
:mod:`.base` (the shared layout, rendering and display) and :mod:`.sliders` (linked probability
sliders). Every number an explorer shows comes from plain numpy with no widgets, which the tests
check directly: :mod:`.state` for the first three, :func:`loaded_dice.inference.compare_g` for the
power explorer.

The model never imports the view: :mod:`loaded_dice.core` and :mod:`loaded_dice.surface`
know nothing about this package.
"""

from .base import STATIC_NOTE
from .coin import CoinExplorer
from .die import HIDDEN_DIE, DieExplorer
from .png import encode_png
from .power import PowerExplorer
from .simplex import SimplexExplorer
from .state import parse_counts

__all__ = [
    "DieExplorer",
    "CoinExplorer",
    "SimplexExplorer",
    "PowerExplorer",
    "parse_counts",
    "encode_png",
    "HIDDEN_DIE",
    "STATIC_NOTE",
]
