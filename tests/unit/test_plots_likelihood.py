"""Tests for loaded_dice.plots.likelihood.

Each figure function must return a Figure, draw exactly the data it was given (or values
computed here independently from the formulas) and reject invalid input with ValueError.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from loaded_dice.plots import likelihood as P


def _line(ax, i=0):
    line = ax.lines[i]
    return np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)


# --------------------------------------------------------------------------- coin


def test_coin_likelihood_draws_p_to_the_a_times_one_minus_p_to_the_b():
    fig = P.coin_likelihood(14, 6, n_points=101)
    assert isinstance(fig, Figure)
    x, y = _line(fig.axes[0])
    expected = [pi**14 * (1 - pi) ** 6 for pi in np.linspace(0, 1, 101)]
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=0)
    # the dashed peak line sits at a / (a + b) = 0.7
    peak_x = fig.axes[0].lines[1].get_xdata()
    assert peak_x[0] == pytest.approx(0.7)


def test_coin_likelihood_shaded_area_is_not_one():
    fig = P.coin_likelihood(14, 6, n_points=2001, shade=True)
    x, y = _line(fig.axes[0])
    area = float(np.sum((y[1:] + y[:-1]) / 2 * np.diff(x)))
    beta = math.gamma(15) * math.gamma(7) / math.gamma(22)
    assert area == pytest.approx(beta, rel=1e-5)
    assert len(fig.axes[0].collections) == 1  # the fill


@pytest.mark.parametrize("a, b", [(-1, 3), (0, 0), ("x", 2), (True, 2), (math.nan, 1), (1, math.inf)])
def test_coin_likelihood_rejects_bad_counts(a, b):
    with pytest.raises(ValueError):
        P.coin_likelihood(a, b)


def test_tangent_lines_have_the_derivative_as_slope():
    a, b, ps = 14, 6, [0.4, 0.7, 0.9]
    fig = P.tangent_lines(a, b, ps)
    ax = fig.axes[0]
    for i, p0 in enumerate(ps):
        x, y = _line(ax, 1 + 2 * i)  # curve, then (tangent, point) per p
        slope = (y[1] - y[0]) / (x[1] - x[0])
        h = 1e-7
        numeric = ((p0 + h) ** a * (1 - p0 - h) ** b - (p0 - h) ** a * (1 - p0 + h) ** b) / (2 * h)
        assert slope == pytest.approx(numeric, rel=1e-5, abs=1e-11)
        px, py = _line(ax, 2 + 2 * i)
        assert py[0] == pytest.approx(p0**a * (1 - p0) ** b)
    # the tangent at the peak is flat
    x, y = _line(ax, 3)
    assert y[0] == pytest.approx(y[1], abs=1e-18)


@pytest.mark.parametrize("ps", [[0.0], [1.0], [1.5], [], [[0.2]], ["a"]])
def test_tangent_lines_rejects_points_outside_the_open_interval(ps):
    with pytest.raises(ValueError):
        P.tangent_lines(14, 6, ps)


def test_curvature_examples_draw_plus_and_minus_x_squared():
    x = np.linspace(-2, 2, 41)
    fig = P.curvature_examples(x)
    assert isinstance(fig, Figure)
    _, up = _line(fig.axes[0])
    _, down = _line(fig.axes[1])
    np.testing.assert_allclose(up, x**2)
    np.testing.assert_allclose(down, -(x**2))
    with pytest.raises(ValueError):
        P.curvature_examples([1.0, 2.0, 3.0])  # does not straddle 0


def test_random_dice_histogram_counts_the_finite_values():
    rng = np.random.default_rng(1)
    values = np.append(rng.normal(-40, 3, 500), -np.inf)
    fig = P.random_dice_histogram(values, best=-31.0, bins=20)
    ax = fig.axes[0]
    heights = [patch.get_height() for patch in ax.patches]
    expected, _ = np.histogram(values[:-1], bins=20)
    np.testing.assert_array_equal(heights, expected)
    assert ax.lines[0].get_xdata()[0] == -31.0
    with pytest.raises(ValueError):
        P.random_dice_histogram([-np.inf], best=-1.0)
    with pytest.raises(ValueError):
        P.random_dice_histogram([-1.0], best=math.nan)


# --------------------------------------------------------------------------- log-likelihood


def test_underflow_plots_nonzero_values_and_marks_zeros():
    ns = np.array([20, 200, 2000, 20000])
    logL = -ns * math.log(6)  # a fair die
    L = np.array([6.0**-20, 6.0**-200, 0.0, 0.0])
    fig = P.underflow(ns, L, logL)
    assert isinstance(fig, Figure)
    left, right = fig.axes
    x, y = _line(left, 0)
    np.testing.assert_array_equal(x, [20, 200])
    np.testing.assert_allclose(y, [6.0**-20, 6.0**-200])
    zx, _ = _line(left, 1)
    np.testing.assert_array_equal(zx, [2000, 20000])
    rx, ry = _line(right, 0)
    np.testing.assert_allclose(ry, [-20 * math.log(6), -200 * math.log(6), -2000 * math.log(6), -20000 * math.log(6)])
    assert left.get_yscale() == "log"


@pytest.mark.parametrize(
    "ns, L, logL",
    [
        ([20, 200], [0.1], [-1.0, -2.0]),  # lengths differ
        ([20, 200], [0.1, 2.0], [-1.0, -2.0]),  # L above 1
        ([20, 200], [0.1, -0.1], [-1.0, -2.0]),  # L negative
        ([20, 200], [0.1, 0.0], [-1.0, -np.inf]),  # log L not finite
        ([0, 200], [0.1, 0.0], [-1.0, -2.0]),  # zero rolls
    ],
)
def test_underflow_rejects_bad_input(ns, L, logL):
    with pytest.raises(ValueError):
        P.underflow(ns, L, logL)


def test_likelihood_vs_log_marks_the_same_peak():
    s = np.linspace(0, 1, 101)
    L = np.exp(-((s - 0.3) ** 2) * 50)
    fig = P.likelihood_vs_log(s, L, np.log(L))
    left, right = fig.axes
    _, yl = _line(left, 0)
    _, yr = _line(right, 0)
    np.testing.assert_allclose(yl, L)
    np.testing.assert_allclose(yr, -((s - 0.3) ** 2) * 50)
    assert left.lines[1].get_xdata()[0] == pytest.approx(0.3)
    assert right.lines[1].get_xdata()[0] == pytest.approx(0.3)
    with pytest.raises(ValueError):
        P.likelihood_vs_log(s, L[:-1], np.log(L))
    with pytest.raises(ValueError):
        P.likelihood_vs_log(s, -L, np.log(L))


def test_log_likelihood_growth_draws_both_panels():
    ns = np.array([10, 100, 1000])
    logL = -1.7 * ns
    fig = P.log_likelihood_growth(ns, logL, logL / ns, limit=-1.7)
    left, right = fig.axes
    np.testing.assert_allclose(_line(left, 0)[1], [-17, -170, -1700])
    np.testing.assert_allclose(_line(right, 0)[1], [-1.7, -1.7, -1.7])
    assert right.lines[1].get_ydata()[0] == -1.7
    with pytest.raises(ValueError):
        P.log_likelihood_growth(ns, logL, logL[:2])
    with pytest.raises(ValueError):
        P.log_likelihood_growth(ns, logL, logL / ns, limit=math.inf)
