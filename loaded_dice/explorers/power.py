"""The power explorer: would N rolls of this die convince us that it is loaded?

:class:`PowerExplorer` simulates many experiments of ``N`` rolls of a fair die and of a chosen
die, and draws the two distributions of the likelihood-ratio statistic G, the chi-square density
it should follow for a fair die, and the 5 % threshold. The readout gives the share of each
that the test calls loaded: about 5 % for the fair die (the level), and the power for the chosen
die. Its numbers come from :func:`loaded_dice.inference.compare_g`, which the tests check
without widgets; :func:`parse_die` reads a typed die.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import numpy as np

from .. import inference as inf
from .. import core as lk
from ..i18n import tr
from ..plots import FAIR_COLOUR, MODEL_COLOUR, PALETTE
from .base import Explorer, error_html, guarded
from .die import HIDDEN_DIE
from .sliders import SLIDER_STYLE

__all__ = ["PowerExplorer", "parse_die", "PRESET_DICE"]

#: Dice the explorer offers in its menu (label -> probabilities of faces 1..6).
PRESET_DICE = {
    "the article's estimate t/N": tuple(float(v) for v in lk.mle(lk.ARTICLE_COUNTS)),
    "the die explorer's hidden die": tuple(HIDDEN_DIE),
    "a fair die": tuple(float(v) for v in lk.FAIR_DIE),
    "face 6 twice as likely as each other face": (1 / 7,) * 5 + (2 / 7,),
}
_CUSTOM = "my own die (type it below)"
_BINS = 50
#: The x-axis grows in steps, so the axes are redrawn only when G outgrows them.
_X_RANGES = (25.0, 50.0, 100.0, 200.0, 400.0)
#: Fixed height of the density axis (the chi-square(5) density peaks near 0.15).
_YMAX = 0.25
#: The numbers of rolls the slider offers.
MIN_ROLLS, MAX_ROLLS = 5, 400


def parse_die(text: str, faces: int = 6) -> np.ndarray:
    """Read six probabilities such as ``"0.1, 0.2, 0.1, 0.2, 0.1, 0.3"``; fractions like ``1/6``
    are accepted. Raise ValueError with a readable message."""
    parts = [p.strip() for p in str(text).split(",")]
    shown = str(text) if len(str(text)) <= 60 else str(text)[:57] + "..."
    if len(parts) != faces:
        raise ValueError(f"A die needs {faces} probabilities separated by commas; got {len(parts)} in {shown!r}")
    values = []
    for part in parts:
        m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)(?:\s*/\s*(\d+(?:\.\d*)?))?", part)
        if not m:
            raise ValueError(f"{part!r} is not a probability (write 0.25 or 1/4) in {shown!r}")
        value = float(m.group(1))
        if m.group(2) is not None:
            denominator = float(m.group(2))
            if denominator == 0:
                raise ValueError(f"{part!r} divides by zero in {shown!r}")
            value /= denominator
        values.append(value)
    total = sum(values)
    if abs(total - 1) > 1e-6:
        raise ValueError(f"The probabilities must add up to 1; these add up to {total:.6g}")
    return lk.validate_probabilities(np.array(values) / total)


def _format_die(y) -> str:
    return ", ".join(f"{v:.4g}" for v in y)


class PowerExplorer(Explorer):
    """G for a fair die and for a chosen die, the 5 % threshold, and how often each is called loaded.

    Show it with ``PowerExplorer()`` as the last line of a cell.

    Parameters
    ----------
    die : the chosen die (the article's estimate t/N by default).
    rolls : the number of rolls N per experiment (5 to 400).
    experiments : how many experiments are simulated for each die.
    alpha : the level of the test (0.05: the 5 % threshold).
    seed : the seed of the simulation (the same state always shows the same picture).

    Programmatic API: ``rolls_slider``, ``preset``, ``die_text``, ``readout``, ``message``,
    ``image``, ``figure``, ``widget``; ``set_rolls(n)``, ``set_die(y)``; the state ``die``,
    ``rolls``, ``comparison`` (a :class:`loaded_dice.inference.GComparison`), ``render_count``,
    ``background_draws``.
    """

    description = (
        "Histograms of the likelihood-ratio statistic G in many simulated experiments: grey for a "
        "fair die, blue for the chosen die, with the chi-square density for a fair die and a dashed "
        "line at the 5 % threshold; experiments right of the line call the die loaded."
    )
    figure_size = (8.0, 3.8)

    def __init__(self, die=None, rolls: int = 20, experiments: int = 2_000, alpha: float = 0.05, seed=0,
                 language: str = "en"):
        self.die = lk.validate_probabilities(PRESET_DICE["the article's estimate t/N"] if die is None else die)
        if self.die.size != 6:
            raise ValueError(f"a six-sided die needs 6 probabilities; got {self.die.size}")
        self.experiments = inf._check_positive_whole(experiments, "experiments")
        self.alpha = inf._check_level(alpha, "alpha (the significance level)")
        self.seed = seed
        self._start_rolls = self._check_rolls(rolls)
        super().__init__(language=language)

    @staticmethod
    def _check_rolls(n) -> int:
        n = inf._check_positive_whole(n, "rolls")
        if not MIN_ROLLS <= n <= MAX_ROLLS:
            raise ValueError(f"rolls must be between {MIN_ROLLS} and {MAX_ROLLS}; got {n}")
        return n

    def _build_controls(self) -> list:
        self.rolls_slider = widgets.IntSlider(
            value=self._start_rolls, min=MIN_ROLLS, max=MAX_ROLLS, step=1, description=tr("rolls N"),
            continuous_update=True, style=SLIDER_STYLE, layout=widgets.Layout(width="430px"),
        )
        self.preset = widgets.Dropdown(
            options=[(tr(name), name) for name in [*PRESET_DICE, _CUSTOM]], value=self._preset_name(self.die),
            description=tr("true die"),
            style=SLIDER_STYLE, layout=widgets.Layout(width="430px"),
        )
        self.die_text = widgets.Text(
            value=_format_die(self.die), description="y₁, …, y₆",
            placeholder="0.1, 0.2, 0.1, 0.2, 0.1, 0.3", continuous_update=False,
            style=SLIDER_STYLE, layout=widgets.Layout(width="430px"),
        )
        self.rolls_slider.observe(self._on_change, names="value")
        self.preset.observe(self._on_preset, names="value")
        self.die_text.observe(self._on_die_text, names="value")
        return [self.preset, self.die_text, self.rolls_slider]

    @staticmethod
    def _preset_name(y) -> str:
        return next((name for name, p in PRESET_DICE.items() if np.allclose(p, y)), _CUSTOM)

    # state ------------------------------------------------------------------------
    @property
    def rolls(self) -> int:
        return int(self.rolls_slider.value)

    def set_rolls(self, n: int):
        """Set the number of rolls per experiment (5 to 400) and redraw."""
        self.rolls_slider.value = self._check_rolls(n)

    def set_die(self, y):
        """Set the chosen die (six probabilities summing to 1) and redraw."""
        y = lk.validate_probabilities(y)
        if y.size != 6:
            raise ValueError(f"a six-sided die needs 6 probabilities; got {y.size}")
        self.die = y
        with self._hush():
            self.die_text.value = _format_die(y)
            self.preset.value = self._preset_name(y)
        self.message.value = ""
        self._refresh()

    # events -----------------------------------------------------------------------
    @guarded
    def _on_preset(self, change):
        if self._quiet or change["new"] == _CUSTOM:
            return
        self.set_die(PRESET_DICE[change["new"]])

    @guarded
    def _on_die_text(self, change):
        if self._quiet:
            return
        try:
            y = parse_die(change["new"])
        except ValueError as err:
            self.message.value = error_html(tr("{err}. Still using the last valid die: {die}.",
                                               err=err, die=_format_die(self.die)))
            return
        self.set_die(y)

    # drawing ----------------------------------------------------------------------
    def _build_figure(self):
        ax = self.figure.add_subplot()
        self._ax = ax
        self._top = None
        edges = np.linspace(0, 1, _BINS + 1)
        zeros = np.zeros(_BINS)
        self._null_bars = ax.stairs(zeros, edges, fill=True, color=FAIR_COLOUR, alpha=0.55, label=tr("G, fair die"))
        self._die_bars = ax.stairs(zeros, edges, fill=True, color=MODEL_COLOUR, alpha=0.45, label=tr("G, chosen die"))
        (self._density,) = ax.plot([], [], color=PALETTE["black"], lw=1.4, label=tr("chi-square, 5 df"))
        self._threshold = ax.axvline(0, color=PALETTE["vermillion"], lw=1.8, ls="--", label=tr("5 % threshold"))
        self._shares = ax.text(0.98, 0.6, "", transform=ax.transAxes, ha="right", va="top", fontsize="small")
        ax.set_ylim(0, _YMAX)
        ax.set_xlim(0, _X_RANGES[0])
        ax.set_xlabel(tr("G = 2 Σ t_k log(t_k / (N/6))"))
        ax.set_ylabel(tr("share of experiments (density)"))
        ax.set_title(tr("{n:,} simulated experiments for each die", n=self.experiments), fontsize="medium")
        ax.legend(loc="upper right", frameon=False, fontsize="small")
        self._animate(self._null_bars, self._die_bars, self._shares)

    def _set_range(self, top: float, threshold: float):
        """Change the x-axis (and what depends on it) only when the range has to change."""
        if top == self._top:
            return
        self._top = top
        x = np.linspace(top / 400, top, 400)
        self._density.set_data(x, inf.chi2_pdf(x, 5))
        self._threshold.set_xdata([threshold, threshold])
        self._ax.set_xlim(0, top)
        self._stale_background = True

    def _refresh(self):
        c = inf.compare_g(self.die, self.rolls, alpha=self.alpha, experiments=self.experiments, seed=self.seed)
        self.comparison = c
        needed = 1.1 * float(max(np.quantile(c.g_die, 0.95), 2 * c.threshold))
        top = next((r for r in _X_RANGES if r >= needed), _X_RANGES[-1])
        self._set_range(top, c.threshold)
        edges = np.linspace(0, top, _BINS + 1)
        self._null_bars.set_data(np.histogram(c.g_null, bins=edges, density=True)[0], edges)
        self._die_bars.set_data(np.histogram(c.g_die, bins=edges, density=True)[0], edges)
        self._shares.set_text(tr("N = {n} rolls\ncalled loaded:\nfair die {size:.1%}\nchosen die {power:.1%}",
                                 n=c.n, size=c.size, power=c.power))
        die = html.escape(_format_die(self.die))
        self.readout.value = (
            '<div style="line-height: 1.6">'
            + tr("<b>threshold</b> (a chi-square with 5 degrees of freedom exceeds it 5 % of the time): ")
            + f"<span class='ld-threshold'>{c.threshold:.2f}</span><br>"
            + tr("<b>fair die</b> called loaded in {size} of {n:,} experiments "
                 "(the threshold promises {alpha:.0%}; with few rolls the promise is only approximate)<br>",
                 size=f"<span class='ld-size'>{c.size:.1%}</span>", n=self.experiments, alpha=self.alpha)
            + tr("<b>chosen die</b> ({die}) called loaded in {power} of experiments: the power of {n} rolls",
                 die=die, power=f"<span class='ld-power'>{c.power:.1%}</span>", n=c.n)
            + "</div>"
        )
        self._render()
