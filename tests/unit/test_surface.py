"""Unit and property tests for loaded_dice.surface (slices of the simplex, renormalising).

Values are checked against loaded_dice.log_likelihood evaluated die by die, never against the
module's own output.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaded_dice import ARTICLE_COUNTS, FAIR_DIE, log_likelihood, validate_probabilities
from loaded_dice.surface import (
    grid_centres,
    off_slice_constant,
    renormalise,
    slice_dice,
    slice_log_likelihood,
    slice_maximum,
    slice_shape,
    slice_weights,
)

DIE = np.array([0.1, 0.3, 0.05, 0.25, 0.2, 0.1])


# ----------------------------------------------------------------------------- renormalise


def test_renormalise_keeps_the_others_in_proportion():
    out = renormalise(DIE, 1, 0.5)
    assert out[1] == 0.5
    assert math.isclose(out.sum(), 1.0, abs_tol=1e-15)
    others = [0, 2, 3, 4, 5]
    np.testing.assert_allclose(out[others] / out[others].sum(), DIE[others] / DIE[others].sum())


def test_renormalise_shares_equally_when_the_others_are_all_zero():
    y = np.array([0, 0, 1.0, 0, 0, 0])
    out = renormalise(y, 2, 0.4)
    np.testing.assert_allclose(out, [0.12, 0.12, 0.4, 0.12, 0.12, 0.12])


def test_renormalise_to_one_and_clipping():
    np.testing.assert_array_equal(renormalise(FAIR_DIE, 3, 1.0), [0, 0, 0, 1, 0, 0])
    np.testing.assert_array_equal(renormalise(FAIR_DIE, 3, 1.7), [0, 0, 0, 1, 0, 0])
    out = renormalise(FAIR_DIE, 3, -0.2)
    assert out[3] == 0 and math.isclose(out.sum(), 1.0, abs_tol=1e-15)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_renormalise_rejects_non_finite_values(bad):
    with pytest.raises(ValueError, match="finite"):
        renormalise(FAIR_DIE, 0, bad)


def test_renormalise_rejects_bad_index_and_bad_die():
    with pytest.raises(ValueError, match="face index"):
        renormalise(FAIR_DIE, 6, 0.5)
    with pytest.raises(ValueError, match="sum to 1"):
        renormalise([0.5, 0.6], 0, 0.2)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=6, max_size=6).filter(lambda v: sum(v) > 1e-6),
    st.lists(st.tuples(st.integers(0, 5), st.floats(0, 1)), min_size=1, max_size=30),
)
def test_renormalise_always_gives_a_valid_die(raw, moves):
    y = np.array(raw) / sum(raw)
    y = y / math.fsum(y)
    for k, v in moves:
        y = renormalise(validate_probabilities(y), k, v)
        assert y[k] == pytest.approx(v, abs=1e-12)
        assert abs(math.fsum(y) - 1.0) <= 1e-12
        assert (y >= 0).all()


# ----------------------------------------------------------------------------- slices


def test_slice_weights():
    w = slice_weights(DIE, 1, 3)
    assert w[1] == w[3] == 0
    np.testing.assert_allclose(w[[0, 2, 4, 5]], np.array([0.1, 0.05, 0.2, 0.1]) / 0.45)
    w = slice_weights([0.5, 0.5, 0, 0, 0, 0], 0, 1)
    np.testing.assert_allclose(w, [0, 0, 0.25, 0.25, 0.25, 0.25])


def test_slice_dice_rebuilds_the_die():
    w = slice_weights(DIE, 1, 3)
    np.testing.assert_allclose(slice_dice(DIE[1], DIE[3], w, 1, 3), DIE)
    grid = slice_dice(np.array([[0.1, 0.2]]), np.array([[0.3, 0.4]]), w, 1, 3)
    assert grid.shape == (1, 2, 6)
    np.testing.assert_allclose(grid.sum(axis=-1), 1.0)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 5),
    st.integers(1, 5),
    st.lists(st.integers(0, 50), min_size=6, max_size=6),
    st.integers(0, 2**32 - 1),
)
def test_slice_log_likelihood_matches_log_likelihood_at_random_points(i, shift, t, seed):
    j = (i + shift) % 6
    rng = np.random.default_rng(seed)
    y = rng.dirichlet(np.ones(6))
    y = y / math.fsum(y)
    w = slice_weights(y, i, j)
    a = rng.uniform(0, 1, 25)
    b = rng.uniform(0, 1, 25) * (1 - a)
    got = slice_log_likelihood(t, w, i, j, a, b)
    dice = slice_dice(a, b, w, i, j)
    for g, die in zip(got, dice):
        die = np.clip(die, 0, None)
        die = die / math.fsum(die)
        want = log_likelihood(die, t)
        assert g == pytest.approx(want, rel=1e-9, abs=1e-9)


def test_slice_log_likelihood_on_a_grid():
    t = ARTICLE_COUNTS
    g = grid_centres(40)
    A, B = np.meshgrid(g, g)
    w = slice_weights(DIE, 0, 5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Z = slice_log_likelihood(t, w, 0, 5, A, B)
    inside = A + B < 1
    assert np.isnan(Z[~inside & (A + B > 1 + 1e-12)]).all()
    rows, cols = np.nonzero(inside)
    for r, c in zip(rows[::37], cols[::37]):
        die = slice_dice(A[r, c], B[r, c], w, 0, 5)
        assert Z[r, c] == pytest.approx(log_likelihood(die / die.sum(), t), rel=1e-12)


def test_shape_plus_constant_and_conventions():
    t = [0, 3, 0, 4, 2, 1]
    w = slice_weights(DIE, 0, 2)
    a, b = 0.0, 0.0  # faces that never came up may have probability 0: 0 log 0 = 0
    assert slice_log_likelihood(t, w, 0, 2, a, b) == pytest.approx(log_likelihood(slice_dice(a, b, w, 0, 2), t))
    assert slice_shape(t, 1, 3, 0.0, 0.5) == -math.inf  # face 2 came up but has probability 0
    assert np.isnan(slice_shape(t, 1, 3, 0.7, 0.5))  # not a die
    assert np.isnan(slice_shape(t, 1, 3, -0.1, 0.5))
    w_zero = np.array([0, 0, 0, 1.0, 0, 0])
    assert off_slice_constant(t, w_zero, 0, 1) == -math.inf  # face 5 came up, weight 0
    assert np.isneginf(slice_log_likelihood(t, w_zero, 0, 1, 0.2, 0.3))


def test_slice_maximum_is_t_over_n_and_beats_the_grid():
    t = ARTICLE_COUNTS
    assert slice_maximum(t, 1, 3) == (0.25, 0.2)
    g = grid_centres(200)
    A, B = np.meshgrid(g, g)
    w = slice_weights(DIE, 1, 3)
    Z = slice_log_likelihood(t, w, 1, 3, A, B)
    best = float(slice_log_likelihood(t, w, 1, 3, 0.25, 0.2))
    assert np.nanmax(Z) <= best + 1e-12
    r, c = np.unravel_index(np.nanargmax(Z), Z.shape)
    assert abs(A[r, c] - 0.25) <= 0.005 and abs(B[r, c] - 0.2) <= 0.005
    with pytest.raises(ValueError, match="no rolls"):
        slice_maximum([0] * 6, 0, 1)


@pytest.mark.parametrize("i, j", [(0, 0), (0, 6), (-1, 2), (True, 2), (0.5, 1)])
def test_bad_faces_are_rejected(i, j):
    with pytest.raises(ValueError):
        slice_shape(ARTICLE_COUNTS, i, j, 0.2, 0.2)


def test_grid_centres():
    np.testing.assert_allclose(grid_centres(4), [0.125, 0.375, 0.625, 0.875])
    with pytest.raises(ValueError):
        grid_centres(0)
