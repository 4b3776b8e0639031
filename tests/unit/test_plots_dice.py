"""Tests for loaded_dice.plots.dice: every function returns a Figure that shows its input.

Expected positions on the triangle are worked out by hand (the top corner of a unit equilateral
triangle is at (1/2, sqrt(3)/2), its centre at (1/2, sqrt(3)/6)); bar heights are read back from
the drawn rectangles.
"""

import math

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from loaded_dice import FAIR_DIE, simulate_rolls
from loaded_dice.plots import PALETTE
from loaded_dice.plots import dice as D

LOADED = np.array([1, 2, 1, 2, 1, 2]) / 9


def _bar_heights(fig):
    ax = fig.axes[0]
    return [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]


def test_probability_bars_returns_figure_with_input_heights():
    y = [0.8, 0.1, 0.1]
    fig = D.probability_bars(y, ["dog", "fox", "wolf"])
    assert isinstance(fig, Figure)
    np.testing.assert_allclose(_bar_heights(fig), y)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["dog", "fox", "wolf"]


def test_probability_bars_defaults_to_face_labels_and_draws_reference():
    fig = D.probability_bars(LOADED, reference=1 / 6, reference_label="fair die")
    np.testing.assert_allclose(_bar_heights(fig), LOADED)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "3", "4", "5", "6"]
    assert any(np.allclose(line.get_ydata(), 1 / 6) for line in ax.get_lines())


def test_figures_are_not_registered_with_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    D.probability_bars(FAIR_DIE)
    D.simplex_triangle([[1 / 3, 1 / 3, 1 / 3]])
    assert plt.get_fignums() == before


@pytest.mark.parametrize(
    "bad",
    [[0.5, 0.6], [1.2, -0.2], [0.5, float("nan"), 0.5], [[0.5, 0.5]], [1.0]],
)
def test_probability_bars_rejects_invalid_dice(bad):
    with pytest.raises(ValueError):
        D.probability_bars(bad)


def test_probability_bars_rejects_wrong_number_of_labels():
    with pytest.raises(ValueError, match="labels"):
        D.probability_bars([0.5, 0.5], ["a", "b", "c"])


def test_compare_bars_heights_are_the_inputs_in_series_order():
    counts = np.array([2, 5, 2, 4, 2, 5])
    fig = D.compare_bars([FAIR_DIE, LOADED, counts], names=["fair", "loaded", "counts"])
    assert isinstance(fig, Figure)
    heights = _bar_heights(fig)
    np.testing.assert_allclose(heights, np.concatenate([FAIR_DIE, LOADED, counts]))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["fair", "loaded", "counts"]


@pytest.mark.parametrize(
    "series",
    [[[0.5, 0.5], [0.2, 0.3, 0.5]], [[0.5, -0.5]], [], [["a", "b"]], [[np.inf, 1.0]]],
)
def test_compare_bars_rejects_invalid_series(series):
    with pytest.raises(ValueError):
        D.compare_bars(series)


def test_compare_bars_rejects_wrong_number_of_names():
    with pytest.raises(ValueError, match="labels"):
        D.compare_bars([FAIR_DIE, LOADED], names=["only one"])


def test_simplex_xy_corners_and_centre():
    h = math.sqrt(3) / 2
    np.testing.assert_allclose(D.simplex_xy([1, 0, 0]), [0.0, 0.0])
    np.testing.assert_allclose(D.simplex_xy([0, 1, 0]), [1.0, 0.0])
    np.testing.assert_allclose(D.simplex_xy([0, 0, 1]), [0.5, h])
    np.testing.assert_allclose(D.simplex_xy([1 / 3, 1 / 3, 1 / 3]), [0.5, math.sqrt(3) / 6])


def test_simplex_xy_midpoint_of_an_edge_and_many_rows():
    xy = D.simplex_xy([[0.5, 0.5, 0], [0, 0.5, 0.5]])
    np.testing.assert_allclose(xy, [[0.5, 0.0], [0.75, math.sqrt(3) / 4]])


@pytest.mark.parametrize("bad", [[0.5, 0.5], [0.5, 0.6, 0.1], [[0.2, 0.2, 0.2, 0.4]], [-0.1, 0.6, 0.5]])
def test_simplex_rejects_non_three_class_probabilities(bad):
    with pytest.raises(ValueError):
        D.simplex_xy(bad)
    with pytest.raises(ValueError):
        D.simplex_triangle([bad] if np.ndim(bad) == 1 else bad)


def test_simplex_triangle_places_the_points():
    pts = [[0.8, 0.1, 0.1], [1 / 3, 1 / 3, 1 / 3]]
    fig = D.simplex_triangle(pts, ["dog", "fox", "wolf"], names=["a", "b"])
    assert isinstance(fig, Figure)
    offsets = np.vstack([c.get_offsets() for c in fig.axes[0].collections])
    np.testing.assert_allclose(offsets, D.simplex_xy(pts))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("dog") for t in texts) and "a" in texts and "b" in texts


def test_frequency_curves_match_direct_counts():
    rolls = simulate_rolls(LOADED, 5000, seed=1)
    n, freq = D.frequency_curves(rolls, n_min=10, n_points=30)
    assert n[0] == 10 and n[-1] == 5000
    for i in [0, len(n) // 2, len(n) - 1]:
        expected = np.bincount(rolls[: n[i]] - 1, minlength=6) / n[i]
        np.testing.assert_allclose(freq[i], expected)
    np.testing.assert_allclose(freq.sum(axis=1), 1.0)


def test_frequency_convergence_figure_has_curves_and_true_lines():
    rolls = simulate_rolls(LOADED, 2000, seed=2)
    fig = D.frequency_convergence(rolls, LOADED)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    np.testing.assert_allclose(sorted(line.get_ydata()[0] for line in dashed), sorted(LOADED))
    assert matplotlib.colors.same_color(dashed[0].get_color(), PALETTE["blue"])


@pytest.mark.parametrize(
    "rolls, y",
    [
        ([1, 2, 7] * 10, FAIR_DIE),  # a face that does not exist
        ([1, 2, 3], FAIR_DIE),  # fewer rolls than n_min
        ([1, 2, 3] * 10, [0.5, 0.6, 0, 0, 0, 0]),  # not a die
    ],
)
def test_frequency_convergence_rejects_invalid_input(rolls, y):
    with pytest.raises(ValueError):
        D.frequency_convergence(rolls, y)
