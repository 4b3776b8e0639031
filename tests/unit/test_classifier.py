"""Unit tests for loaded_dice.classifier, the small softmax classifier.

Expected values come from the definitions (rows of a softmax sum to 1, the gradient is the slope
of the loss), from an independent computation (finite differences, a log-sum-exp written out in
the test) or from hand-worked cases, never from the functions' own output.
"""

import math
import warnings

import numpy as np
import pytest

from loaded_dice import classifier as C


@pytest.fixture(scope="module")
def blobs():
    return C.make_blobs(50, seed=0)


# --------------------------------------------------------------------------- softmax


def test_softmax_rows_sum_to_one_and_are_positive():
    z = np.random.default_rng(3).normal(scale=5, size=(40, 4))
    P = C.softmax(z)
    assert P.shape == z.shape
    assert np.allclose(P.sum(axis=1), 1.0)
    assert np.all(P > 0)


def test_softmax_of_a_single_vector():
    p = C.softmax([0.0, 0.0, 0.0])
    assert p.shape == (3,)
    assert np.allclose(p, 1 / 3)
    e = np.exp([1.0, 2.0])
    assert np.allclose(C.softmax([1.0, 2.0]), e / e.sum())


def test_softmax_is_stable_for_huge_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value warning may escape
        P = C.softmax(
            [[1000.0, 0.0, -1000.0], [1e300, 1e300, -1e300], [-800.0, -801.0, -802.0], [1e308, -1e308, 0.0]]
        )
    assert np.all(np.isfinite(P))
    assert np.allclose(P[3], [1.0, 0.0, 0.0])
    assert np.allclose(P[0], [1.0, 0.0, 0.0])
    assert np.allclose(P[1], [0.5, 0.5, 0.0])
    e = np.exp([0.0, -1.0, -2.0])
    assert np.allclose(P[2], e / e.sum())


def test_softmax_ignores_a_common_shift():
    z = np.array([[0.3, -1.2, 2.0]])
    assert np.allclose(C.softmax(z), C.softmax(z + 123.4))


@pytest.mark.parametrize(
    "bad",
    [[], [[1.0, np.nan]], [1.0, np.inf], np.zeros((2, 2, 2)), "abc", [1 + 2j, 0]],
)
def test_softmax_rejects_invalid_input(bad):
    with pytest.raises(ValueError):
        C.softmax(bad)


# --------------------------------------------------------------------------- data


def test_make_blobs_shape_labels_and_reproducibility():
    X, y = C.make_blobs(20, seed=5)
    assert X.shape == (60, 2) and y.shape == (60,)
    assert np.array_equal(np.bincount(y), [20, 20, 20])
    X2, y2 = C.make_blobs(20, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = C.make_blobs(20, seed=6)
    assert not np.array_equal(X, X3)


def test_make_blobs_clouds_sit_at_their_centres():
    X, y = C.make_blobs(2000, seed=1)
    for c, centre in enumerate(C.BLOB_CENTRES):
        assert np.allclose(X[y == c].mean(axis=0), centre, atol=0.1)
        assert np.allclose(X[y == c].std(axis=0), C.BLOB_SPREAD, atol=0.1)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, "10"])
def test_make_blobs_rejects_bad_sizes(n):
    with pytest.raises(ValueError):
        C.make_blobs(n)


# --------------------------------------------------------------------------- loss and gradient


def test_cross_entropy_loss_by_hand():
    P = np.array([[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]])
    expected = -(math.log(0.8) + math.log(0.3)) / 2
    assert math.isclose(C.cross_entropy_loss(P, [0, 2]), expected)


def test_cross_entropy_loss_is_infinite_for_an_impossible_label():
    assert C.cross_entropy_loss(np.array([[0.5, 0.5, 0.0]]), [2]) == math.inf


def test_loss_from_scores_is_exact_for_logits_around_1000():
    # scores (1000, 0, -1000): softmax rounds the last two probabilities to 0, so the naive
    # -log(softmax(z)[c]) is inf; the exact loss is z_max - z_c (exp(-1000) is far below 1e-300)
    Z = np.array([[1000.0, 0.0, -1000.0], [999.0, 1001.0, 1000.0]])
    with np.errstate(divide="ignore"):
        naive = -np.log(C.softmax(Z)[[0, 0], [2, 1]])
    assert np.all(np.isinf(naive))
    assert C.loss_from_scores(Z[:1], [2]) == 2000.0
    assert C.loss_from_scores(Z[:1], [1]) == 1000.0
    # second row: log-sum-exp of (999, 1001, 1000) = 1001 + log(1 + e^-1 + e^-2), written out
    lse = 1001 + math.log(1 + math.exp(-1) + math.exp(-2))
    assert math.isclose(C.loss_from_scores(Z[1:], [0]), lse - 999, rel_tol=1e-15)
    assert np.allclose(C.log_softmax(Z[0]), [0.0, -1000.0, -2000.0])


def test_training_reports_the_loss_from_scores(blobs):
    X, y = blobs
    W, b, losses = C.train_softmax(X, y, steps=3, seed=0)
    assert math.isclose(losses[-1], C.loss_from_scores(X @ W + b, y))
    assert math.isclose(losses[-1], C.cross_entropy_loss(C.predict_proba(W, b, X), y))


def test_predict_proba_matches_a_written_out_log_sum_exp(blobs):
    X, _ = blobs
    rng = np.random.default_rng(2)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    z = X @ W + b
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    assert np.allclose(C.predict_proba(W, b, X), np.exp(log_p))


def _loss(W, b, X, y):
    return C.cross_entropy_loss(C.predict_proba(W, b, X), y)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_matches_finite_differences(blobs, seed):
    X, y = blobs
    rng = np.random.default_rng(seed)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    gW, gb = C.gradients(W, b, X, y)
    h = 1e-6
    fd_W = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[idx] = h
        fd_W[idx] = (_loss(W + E, b, X, y) - _loss(W - E, b, X, y)) / (2 * h)
    fd_b = np.array([(_loss(W, b + h * e, X, y) - _loss(W, b - h * e, X, y)) / (2 * h) for e in np.eye(3)])
    assert np.allclose(gW, fd_W, atol=1e-6)
    assert np.allclose(gb, fd_b, atol=1e-6)


def test_gradient_with_respect_to_scores_is_prediction_minus_label():
    # one input with feature vector (1, 0) and W = identity-like: the scores are the first row of W
    X = np.array([[1.0, 0.0]])
    W = np.array([[2.0, 0.5, -1.0], [0.0, 0.0, 0.0]])
    b = np.zeros(3)
    p = np.exp(W[0]) / np.exp(W[0]).sum()
    gW, gb = C.gradients(W, b, X, [1])
    assert np.allclose(gb, p - [0, 1, 0])
    assert np.allclose(gW[0], p - [0, 1, 0]) and np.allclose(gW[1], 0)


def test_one_hot():
    assert np.array_equal(C.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError):
        C.one_hot([3], 3)


# --------------------------------------------------------------------------- training


def test_training_reduces_the_loss_from_log_3(blobs):
    X, y = blobs
    W, b, losses = C.train_softmax(X, y, lr=0.5, steps=100, seed=0)
    assert losses.shape == (101,)
    assert abs(losses[0] - math.log(3)) < 0.01          # tiny weights: almost a uniform guess
    assert losses[-1] < 0.5 * losses[0]
    assert np.all(np.diff(losses) <= 1e-12)              # full-batch steps never go uphill here
    assert math.isclose(losses[-1], _loss(W, b, X, y))


def test_accuracy_is_well_above_chance(blobs):
    X, y = blobs
    W, b, _ = C.train_softmax(X, y)
    acc = C.accuracy(C.predict_proba(W, b, X), y)
    assert acc > 0.8                                     # chance is 1/3


def test_training_is_reproducible(blobs):
    X, y = blobs
    a = C.train_softmax(X, y, steps=20, seed=4)
    b = C.train_softmax(X, y, steps=20, seed=4)
    for u, v in zip(a, b):
        assert np.array_equal(u, v)


def test_zero_steps_returns_the_starting_point(blobs):
    X, y = blobs
    W, b, losses = C.train_softmax(X, y, steps=0, seed=0)
    assert losses.shape == (1,)
    assert np.allclose(b, 0) and np.abs(W).max() < 0.1


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    "call",
    [
        lambda X, y: C.train_softmax(X, y, lr=0),
        lambda X, y: C.train_softmax(X, y, lr=-1.0),
        lambda X, y: C.train_softmax(X, y, lr=float("nan")),
        lambda X, y: C.train_softmax(X, y, steps=-1),
        lambda X, y: C.train_softmax(X, y[:-1]),
        lambda X, y: C.train_softmax(X, y + 0.5),
        lambda X, y: C.train_softmax(X, -y),
        lambda X, y: C.train_softmax(X[:, 0], y),
        lambda X, y: C.train_softmax(X, y, k=2),
        lambda X, y: C.predict_proba(np.zeros((3, 3)), np.zeros(3), X),
        lambda X, y: C.predict_proba(np.zeros((2, 3)), np.zeros(2), X),
        lambda X, y: C.predict_proba(np.zeros((2, 1)), np.zeros(1), X),
        lambda X, y: C.gradients(np.zeros((2, 3)), np.zeros(3), X, y + 3),
        lambda X, y: C.cross_entropy_loss(np.full((len(y), 3), 0.5), y),
        lambda X, y: C.cross_entropy_loss(np.full((len(y), 3), 1 / 3), y[:-1]),
        lambda X, y: C.cross_entropy_loss([[1.2, -0.2, 0.0]], [0]),
        lambda X, y: C.accuracy(np.full((len(y), 3), 1 / 3), y[:5]),
    ],
)
def test_invalid_input_raises_value_error(blobs, call):
    X, y = blobs
    with pytest.raises(ValueError):
        call(X, y)
