"""A tiny softmax classifier in plain numpy: one die per input.

The chapter "Training a classifier by maximum likelihood" builds this classifier in the open; this module
holds the same functions so that homework, tests and other chapters can reuse them.

Notation follows the book:

* ``X`` — inputs, shape ``(n, d)``: one row of ``d`` features per example.
* ``y`` — labels, shape ``(n,)``: the true class of each example as an integer ``0..k-1``
  (for the running example: 0 = dog, 1 = fox, 2 = wolf).
* ``W, b`` — weights ``(d, k)`` and biases ``(k,)``. The scores of one input are
  ``z = x @ W + b`` and its predicted die is ``softmax(z)``.
* ``P`` — predicted probabilities, shape ``(n, k)``: row ``i`` is the die for input ``i``.
* The loss is the cross-entropy ``-(1/n) sum_i log P[i, y_i]``, the average negative
  log-likelihood of the labels. It is computed from the scores, never from rounded
  probabilities: ``log P[i, c] = z_c - logsumexp(z)`` (:func:`log_softmax`), which stays finite
  for scores like 1000 where ``log(softmax(z))`` gives ``-inf``. Its gradient with respect to the
  scores is ``P - T``, where ``T`` is the one-hot encoding of ``y``.

Every function is pure (no global state, no plotting) and raises :class:`ValueError` with a message
naming the problem when its input is not what it expects.
"""

from __future__ import annotations


import numpy as np

from .checks import real_array, real_number, whole_number

__all__ = [
    "CLASSES",
    "BLOB_CENTRES",
    "BLOB_SPREAD",
    "softmax",
    "log_softmax",
    "one_hot",
    "make_blobs",
    "predict_proba",
    "cross_entropy_loss",
    "loss_from_scores",
    "gradients",
    "train_softmax",
    "accuracy",
]

#: The three classes of the running example, in label order 0, 1, 2.
CLASSES = ("dog", "fox", "wolf")
#: Centres of the three synthetic clouds of points (dog, fox, wolf) in the feature plane.
BLOB_CENTRES = np.array([[-1.5, -1.0], [1.5, -1.0], [0.0, 1.6]])
BLOB_CENTRES.flags.writeable = False
#: Standard deviation of every cloud along each axis (large enough that the clouds overlap a little).
BLOB_SPREAD = 0.9


# --------------------------------------------------------------------------- validation helpers


def _real_array(x, name: str, ndim: tuple[int, ...]) -> np.ndarray:
    """``x`` as a float64 array with one of the allowed ``ndim``: finite entries, at least one."""
    return real_array(x, name, ndim, finite=True, nonempty=True)


def _labels(y, n: int | None = None, k: int | None = None) -> np.ndarray:
    """Return labels as an int64 array after checking they are whole numbers in ``0..k-1``."""
    arr = _real_array(y, "labels", (1,))
    if np.any(arr != np.floor(arr)) or np.any(arr < 0):
        raise ValueError("labels must be non-negative whole numbers (class indices 0, 1, 2, ...)")
    labels = arr.astype(np.int64)
    if n is not None and labels.size != n:
        raise ValueError(f"expected {n} labels (one per input); got {labels.size}")
    if k is not None and labels.max() >= k:
        raise ValueError(f"labels must be class indices 0..{k - 1}; got {int(labels.max())}")
    return labels


# --------------------------------------------------------------------------- the model


def softmax(z) -> np.ndarray:
    """Return ``exp(z) / sum(exp(z))`` row by row: turn scores into a die (a probability vector).

    ``z`` is one vector of scores (1-D) or one row of scores per input (2-D). Subtracting each
    row's largest score first changes nothing mathematically (the factor ``exp(-max)`` cancels) but
    keeps ``exp`` from overflowing, so scores like ``1000`` or ``-1000`` are fine.
    """
    z = _real_array(z, "scores", (1, 2))
    # a gap beyond the float range becomes -inf and exp(-inf) = 0: the right answer, so no warning
    with np.errstate(over="ignore", under="ignore"):
        shifted = z - z.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z) -> np.ndarray:
    """Return ``log(softmax(z))`` row by row, computed as ``z - logsumexp(z)``.

    ``logsumexp(z) = m + log(sum(exp(z - m)))`` with ``m`` the row's largest score, so no
    exponential overflows and a class that softmax rounds to probability 0 still gets a finite
    log-probability (scores ``(1000, 0, -1000)`` give ``(0, -1000, -2000)``).
    """
    z = _real_array(z, "scores", (1, 2))
    with np.errstate(under="ignore"):
        m = z.max(axis=-1, keepdims=True)
        return z - (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))


def one_hot(y, k: int) -> np.ndarray:
    """Return the one-hot matrix ``T`` (shape ``(n, k)``): ``T[i, c] = 1`` when ``y[i] == c``."""
    k = whole_number(k, "k (the number of classes)", 2)
    labels = _labels(y, k=k)
    T = np.zeros((labels.size, k))
    T[np.arange(labels.size), labels] = 1.0
    return T


def make_blobs(n_per_class: int = 50, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """Return the synthetic dog / fox / wolf data: ``X`` (shape ``(3 n, 2)``) and labels ``y``.

    Three round Gaussian clouds with centres :data:`BLOB_CENTRES` and spread :data:`BLOB_SPREAD`,
    ``n_per_class`` points each, listed class by class (all dogs, then foxes, then wolves). The
    same ``seed`` gives the same points.
    """
    n = whole_number(n_per_class, "n_per_class", 1)
    rng = np.random.default_rng(seed)
    X = np.concatenate([c + BLOB_SPREAD * rng.standard_normal((n, 2)) for c in BLOB_CENTRES])
    y = np.repeat(np.arange(len(BLOB_CENTRES)), n)
    return X, y


def _inputs_and_weights(W, b, X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    W = _real_array(W, "weights W", (2,))
    b = _real_array(b, "biases b", (1,))
    X = _real_array(X, "inputs X", (2,))
    if W.shape[1] < 2:
        raise ValueError(f"W needs one column per class (at least 2); got shape {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b needs one entry per class, shape ({W.shape[1]},); got {b.shape}")
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} features per input but W expects {W.shape[0]} (rows of W)"
        )
    return W, b, X


def predict_proba(W, b, X) -> np.ndarray:
    """Return the predicted die of every input: ``softmax(X @ W + b)``, shape ``(n, k)``."""
    W, b, X = _inputs_and_weights(W, b, X)
    return softmax(X @ W + b)


def cross_entropy_loss(P, y) -> float:
    """Return the cross-entropy loss ``-(1/n) sum_i log P[i, y_i]`` in nats.

    ``P`` holds one predicted die per row (non-negative, rows summing to 1); ``y`` the true class
    of each row. This is minus the log-likelihood of the labels, divided by the number of
    examples. A true class predicted with probability 0 gives ``inf``.
    """
    P = _real_array(P, "probabilities P", (2,))
    if np.any(P < 0) or np.any(np.abs(P.sum(axis=1) - 1.0) > 1e-9):
        raise ValueError("every row of P must be a die: non-negative entries that sum to 1")
    labels = _labels(y, n=P.shape[0], k=P.shape[1])
    picked = P[np.arange(labels.size), labels]
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log(picked)))


def loss_from_scores(Z, y) -> float:
    """Return the cross-entropy loss ``-(1/n) sum_i log softmax(Z[i])[y_i]`` from the scores.

    ``Z`` holds one row of scores per example, ``y`` the true classes. The log-probabilities come
    from :func:`log_softmax` (``z_c - logsumexp(z)``), so the loss stays finite and exact for
    scores far apart, where ``cross_entropy_loss(softmax(Z), y)`` would round to ``inf``.
    """
    Z = _real_array(Z, "scores Z", (2,))
    labels = _labels(y, n=Z.shape[0], k=Z.shape[1])
    return float(-np.mean(log_softmax(Z)[np.arange(labels.size), labels]))


def gradients(W, b, X, y) -> tuple[np.ndarray, np.ndarray]:
    """Return the gradient of the cross-entropy loss with respect to ``W`` and ``b``.

    With ``P = predict_proba(W, b, X)`` and ``T = one_hot(y)``, the gradient with respect to the
    scores is ``(P - T) / n``; the chain rule through ``z = X @ W + b`` gives
    ``X.T @ (P - T) / n`` for ``W`` and the column means of ``P - T`` for ``b``.
    """
    W, b, X = _inputs_and_weights(W, b, X)
    k = W.shape[1]
    labels = _labels(y, n=X.shape[0], k=k)
    G = (softmax(X @ W + b) - one_hot(labels, k)) / X.shape[0]
    return X.T @ G, G.sum(axis=0)


def train_softmax(X, y, lr: float = 0.5, steps: int = 200, seed=0, k: int | None = None):
    """Fit ``W, b`` by gradient descent on the cross-entropy loss (= ascent on the log-likelihood).

    Starts from small random weights (drawn with ``seed``) and zero biases, takes ``steps``
    full-batch steps of size ``lr``, and returns ``(W, b, losses)``: the final weights and biases
    and the loss *before* every step followed by the final loss (``steps + 1`` values).
    ``k`` is the number of classes (default: the largest label plus one, at least 2).
    """
    X = _real_array(X, "inputs X", (2,))
    labels = _labels(y, n=X.shape[0])
    if k is None:
        k = max(2, int(labels.max()) + 1)
    k = whole_number(k, "k (the number of classes)", 2)
    labels = _labels(labels, k=k)
    lr = real_number(lr, "the learning rate lr", positive=True)
    steps = whole_number(steps, "steps", 0)
    rng = np.random.default_rng(seed)
    W = 0.01 * rng.standard_normal((X.shape[1], k))
    b = np.zeros(k)
    losses = []
    for _ in range(steps):
        losses.append(loss_from_scores(X @ W + b, labels))
        gW, gb = gradients(W, b, X, labels)
        W = W - lr * gW
        b = b - lr * gb
    losses.append(loss_from_scores(X @ W + b, labels))
    return W, b, np.array(losses)


def accuracy(P, y) -> float:
    """Return the fraction of rows whose most probable class is the true class."""
    P = _real_array(P, "probabilities P", (2,))
    labels = _labels(y, n=P.shape[0], k=P.shape[1])
    return float(np.mean(P.argmax(axis=1) == labels))
