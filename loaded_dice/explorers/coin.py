"""The coin explorer: L(p) and log L(p) of a two-sided die, with the tangent at p and its slope."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..formatting import e_notation
from ..checks import require_rolls, validate_counts
from ..i18n import tr
from ..plots import DATA_COLOUR, MLE_COLOUR, MODEL_COLOUR, PALETTE
from .base import Explorer, guarded
from .sliders import SLIDER_STYLE
from .state import CoinState, coin_log_likelihood

__all__ = ["CoinExplorer"]


class CoinExplorer(Explorer):
    """L(p) and log L(p) for ``heads`` and ``tails``, with the tangent at ``p`` and its slope.

    Show it with ``CoinExplorer()`` as the last line of a cell.

    Programmatic API: ``slider`` (also ``sliders``), ``curvature_toggle``, ``mle_button``,
    ``readout``, ``image``, ``figure``, ``widget``; ``set_p(p)``; ``state`` (a
    :class:`~loaded_dice.explorers.state.CoinState`: ``p``, ``p_hat``, the likelihood, the slopes
    and the second derivatives at ``p``); ``render_count``.
    """

    description = (
        "Left: the likelihood L(p) of the coin; right: the log-likelihood log L(p). Each curve "
        "has its tangent at the current p; both peak at the maximum likelihood estimate p-hat."
    )

    def __init__(self, heads: int = 14, tails: int = 6, p: float = 0.5, language: str = "en"):
        t = require_rolls(validate_counts([heads, tails]), "the coin has no data: heads + tails is 0")
        self.heads, self.tails = int(t[0]), int(t[1])
        self._start_p = float(p)
        super().__init__(language=language)

    def _build_controls(self) -> list:
        self.slider = widgets.FloatSlider(
            value=self._start_p, min=0.01, max=0.99, step=0.01, description=tr("p (heads)"),
            readout_format=".2f", continuous_update=True, style=SLIDER_STYLE,
            layout=widgets.Layout(width="430px"),
        )
        self.sliders = [self.slider]
        self.curvature_toggle = widgets.Checkbox(
            value=False, description=tr("Show the second derivative (curvature) at p"), indent=False,
        )
        self.mle_button = widgets.Button(description=tr("Jump to p̂"), tooltip=tr("Set p to heads / N"))
        self.slider.observe(self._on_change, names="value")
        self.curvature_toggle.observe(self._on_change, names="value")
        self.mle_button.on_click(self._on_mle)
        return [widgets.HBox([self.slider, self.mle_button], layout=widgets.Layout(flex_flow="row wrap")),
                self.curvature_toggle]

    # ------------------------------------------------------------------ state

    @property
    def state(self) -> CoinState:
        """The numbers at the slider's ``p``."""
        return CoinState(self.heads, self.tails, float(self.slider.value))

    def set_p(self, p: float):
        """Set ``p`` (the slider follows and the figure redraws once)."""
        self.slider.value = float(p)

    # ------------------------------------------------------------------ drawing

    def _build_figure(self):
        ax_l, ax_g = self.figure.subplots(1, 2)
        ps = np.linspace(0.001, 0.999, 400)
        logs = coin_log_likelihood(self.heads, self.tails, ps)
        with np.errstate(under="ignore"):
            Ls = np.exp(logs)
        p_hat = self.state.p_hat
        best = float(coin_log_likelihood(self.heads, self.tails, p_hat)) if 0 < p_hat < 1 else 0.0
        for ax, curve, name in ((ax_l, Ls, "L(p)"), (ax_g, logs, tr("log L(p)"))):
            ax.plot(ps, curve, color=MODEL_COLOUR, lw=2, label=name)
            ax.axvline(p_hat, color=MLE_COLOUR, ls="--", lw=1.2, label=f"p̂ = {p_hat:.3f}")
            ax.set_xlim(0, 1)
            ax.set_xlabel(tr("p (probability of heads)"))
            ax.set_ylabel(name)
        ax_l.set_ylim(0, max(float(Ls.max()), 1e-300) * 1.15)
        ax_g.set_ylim(best - 25, best + 4)
        self._tangents, self._points = [], []
        for ax in (ax_l, ax_g):
            (tan,) = ax.plot([], [], color=DATA_COLOUR, lw=2, label=tr("tangent at p"))
            (pt,) = ax.plot([], [], ls="none", marker="o", ms=8, mfc=DATA_COLOUR, mec="white")
            self._tangents.append(tan)
            self._points.append(pt)
        (self._parabola,) = ax_g.plot([], [], color=PALETTE["green"], lw=1.5, ls=":",
                                      label=tr("curvature: 2nd-order fit at p"))
        ax_l.set_title(tr("likelihood, {h} heads and {t} tails", h=self.heads, t=self.tails), fontsize="medium")
        ax_g.set_title(tr("log-likelihood"), fontsize="medium")
        ax_l.legend(loc="upper left", frameon=False, fontsize="small")
        self._legend_shows_curvature = None   # the log panel's legend lists only what is drawn
        self._slope_texts = [
            ax.text(0.03, 0.62 if ax is ax_l else 0.95, "", transform=ax.transAxes, va="top",
                    fontsize="small")
            for ax in (ax_l, ax_g)
        ]
        self._animate(*self._tangents, *self._points, *self._slope_texts, self._parabola)

    @guarded
    def _on_mle(self, _button=None):
        self.set_p(min(0.99, max(0.01, round(self.state.p_hat, 2))))

    def _refresh(self):
        s = self.state
        p, L, logL, dL, dlog = s.p, s.likelihood, s.log_likelihood, s.likelihood_slope, s.slope
        self._tangents[0].set_data(*s.tangent("lik"))
        self._tangents[1].set_data(*s.tangent("log"))
        self._points[0].set_data([p], [L])
        self._points[1].set_data([p], [logL])
        self._slope_texts[0].set_text(tr("slope dL/dp = {x:.3e}", x=dL))
        self._slope_texts[1].set_text(tr("slope d log L/dp = {x:.3f}", x=dlog))
        show = bool(self.curvature_toggle.value)
        if show:
            self._parabola.set_data(*s.parabola())
        self._parabola.set_visible(show)
        if show != self._legend_shows_curvature:
            handles = [self._tangents[1]] + ([self._parabola] if show else [])
            self._parabola.axes.legend(handles=handles, loc="lower center", frameon=False, fontsize="small")
            self._legend_shows_curvature = show
            self._stale_background = True    # the legend is part of the cached background
        if abs(dlog) < 1e-9:
            verdict = "zero: the tangent is flat, p is at the peak p̂"
        elif dlog > 0:
            verdict = "positive: log L rises to the right, so p̂ is larger than p"
        else:
            verdict = "negative: log L falls to the right, so p̂ is smaller than p"
        rows = [
            tr("<b>p</b> = {p:.2f}; <b>p̂</b> = heads / N = {p_hat:.4f}", p=p, p_hat=s.p_hat),
            f"<b>L(p)</b> = p<sup>{self.heads}</sup>(1 − p)<sup>{self.tails}</sup> = {e_notation(L)}; "
            f"{tr('slope dL/dp')} = <span class='ld-dL'>{e_notation(dL)}</span>",
            f"<b>log L(p)</b> = {logL:.4f}; {tr('slope d log L/dp')} = {self.heads}/p − {self.tails}/(1 − p) = "
            f"<span class='ld-slope'>{dlog:.4f}</span> ({tr(verdict)})",
        ]
        if show:
            rows.append(
                f"{tr('<b>second derivative</b>')} d² log L/dp² = −{self.heads}/p² − {self.tails}/(1 − p)² = "
                f"<span class='ld-d2'>{s.second_derivative:.4f}</span> "
                f"{tr('(negative: the curve bends down, so the flat point is a maximum)')}; "
                f"d²L/dp² = {e_notation(s.likelihood_second_derivative)}"
            )
        self.readout.value = '<div style="line-height: 1.6">' + "<br>".join(rows) + "</div>"
        self._render()
