"""loaded_dice.plots.inference: each figure draws the values it is given and rejects bad input."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from loaded_dice.plots import inference as P


def test_coin_intervals_draws_curves_cut_off_and_both_intervals():
    p = np.linspace(0.3, 0.99, 50)
    rel = -((p - 0.7) ** 2) * 40
    quad = -((p - 0.7) ** 2) * 48
    fig = P.coin_intervals(p, rel, quad, 1.92, 0.7, (0.5, 0.9), (0.48, 0.87))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), rel)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), quad)
    xs = [tuple(np.round(line.get_xdata(), 6)) for line in ax.lines]
    assert (0.48, 0.87) in xs and (0.5, 0.9) in xs


def test_coverage_curves_one_line_per_label_and_the_promise():
    ps = np.linspace(0.01, 0.99, 9)
    fig = P.coverage_curves(ps, {"a": np.full(9, 0.9), "b": np.linspace(0.5, 0.95, 9)}, 0.95)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert labels[:2] == ["a", "b"] and ax.lines[2].get_ydata()[0] == 0.95


def test_die_error_bars_draw_the_half_widths():
    y = np.array([0.1, 0.25, 0.1, 0.2, 0.1, 0.25])
    err = np.full(6, 0.05)
    fig = P.die_error_bars(y, err, fair=1 / 6)
    ax = fig.axes[0]
    assert [round(b.get_height(), 6) for b in ax.patches[:6]] == list(np.round(y, 6))
    segments = ax.collections[0].get_segments()
    np.testing.assert_allclose([s[1][1] - s[0][1] for s in segments], 2 * err)


def test_g_distribution_weights_the_histogram_by_probability():
    g = np.array([0.5, 1.5, 1.5, 3.0])
    w = np.array([0.1, 0.2, 0.3, 0.4])
    x = np.linspace(0, 4, 41)
    fig = P.g_distribution(g, w, x, np.exp(-x), observed=1.0, threshold=3.5, bins=4)
    data = fig.axes[0].patches[0].get_data()
    values, edges = data.values, data.edges
    np.testing.assert_allclose(values * np.diff(edges), [0.1, 0.5, 0.0, 0.4])


def test_power_curve_marks_the_rolls_needed():
    fig = P.power_curve([10, 20, 30], [0.1, 0.5, 0.9], 0.8, 27, 0.05)
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.1, 0.5, 0.9])
    assert any(tuple(line.get_xdata()) == (27, 27) for line in ax.lines)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: P.coin_intervals([0.1, 0.2], [0, 0], [0], 1.92, 0.5, (0.1, 0.2), (0.1, 0.2)), "same shape"),
        (lambda: P.coin_intervals([0.1], [0], [0], 1.92, 0.5, (0.3, 0.2), (0.1, 0.2)), "lower <= upper"),
        (lambda: P.coverage_curves([0.5], {}, 0.95), "at least one"),
        (lambda: P.die_error_bars([0.5, 0.5], [0.1, -0.1]), "non-negative"),
        (lambda: P.g_distribution([1.0], [1.0, 2.0], [0, 1], [1, 1], 1, 2), "same shape"),
        (lambda: P.power_curve("abc", [0.1], 0.8, 3, 0.05), "real numbers"),
    ],
)
def test_bad_input_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()
