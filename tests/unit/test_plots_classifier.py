"""Tests for loaded_dice.plots.classifier: each function returns a Figure drawn as documented."""

import math

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from loaded_dice import classifier as C
from loaded_dice.plots import CLASS_COLOURS
from loaded_dice.plots import classifier as cplots


@pytest.fixture(scope="module")
def trained():
    X, y = C.make_blobs(30, seed=0)
    W, b, losses = C.train_softmax(X, y, steps=50)
    return X, y, W, b, losses


def _render(fig):
    fig.canvas.draw()  # drawing must not raise


def test_loss_curve(trained):
    *_, losses = trained
    fig = cplots.loss_curve(losses, reference=math.log(3))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    line = ax.lines[0]
    assert np.allclose(line.get_ydata(), losses)
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any("log 3" in t.get_text() for t in ax.get_legend().get_texts())
    _render(fig)


def test_loss_curve_rejects_empty():
    with pytest.raises(ValueError):
        cplots.loss_curve([])


def test_decision_regions(trained):
    X, y, W, b, _ = trained
    fig = cplots.decision_regions(W, b, X, y, resolution=60)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.images) == 1
    image = ax.images[0].get_array()
    assert image.shape == (60, 60, 3) and image.min() >= 0 and image.max() <= 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["dog", "fox", "wolf", "decision boundary"]
    colours = [to_hex(c.get_facecolor()[0]) for c in ax.collections if c.get_offsets().shape[0] == 30]
    assert colours == [to_hex(c) for c in CLASS_COLOURS]
    _render(fig)


def test_simplex_xy_corners_and_centre():
    xy = cplots.simplex_xy(np.vstack([np.eye(3), np.full(3, 1 / 3)]))
    assert np.allclose(xy[:3], [[0, 0], [1, 0], [0.5, math.sqrt(3) / 2]])
    assert np.allclose(xy[3], xy[:3].mean(axis=0))
    with pytest.raises(ValueError):
        cplots.simplex_xy(np.full((2, 4), 0.25))


def test_simplex_predictions(trained):
    X, y, W, b, _ = trained
    P = C.predict_proba(W, b, X)
    fig = cplots.simplex_predictions(P, y, highlight=[0, 40])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("dog") for t in texts) and any(t.startswith("wolf") for t in texts)
    labelled = [t for t in texts if t.startswith("(")]
    assert labelled == ["(" + ", ".join(f"{v:.2f}" for v in P[i]) + ")" for i in (0, 40)]
    _render(fig)
