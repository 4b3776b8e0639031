"""Property tests (hypothesis) for loaded_dice.core.

Each property is a piece of mathematics the book states: the maximum likelihood estimate beats
every other die, log turns the product into a sum, the order of the faces does not matter, two
batches of rolls add their log-likelihoods, and Gibbs' inequality.
"""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaded_dice import (
    counts,
    cross_entropy,
    entropy,
    exact_likelihood,
    kl_divergence,
    log_likelihood,
    log_likelihoods,
    mle,
    random_dice,
    simulate_rolls,
)
from loaded_dice.core import likelihood

settings.register_profile("loaded_dice", max_examples=150, deadline=None)
settings.load_profile("loaded_dice")


@st.composite
def dice(draw, k=None, allow_zeros=True):
    """A probability vector with k faces (k drawn from 2..8 if not given)."""
    if k is None:
        k = draw(st.integers(2, 8))
    low = 0.0 if allow_zeros else 1e-3
    w = draw(st.lists(st.floats(low, 1.0), min_size=k, max_size=k))
    w = np.array(w)
    if w.sum() == 0:
        w[draw(st.integers(0, k - 1))] = 1.0
    return w / w.sum()


@st.composite
def counts_vectors(draw, k=None, max_count=60, min_total=1):
    if k is None:
        k = draw(st.integers(2, 8))
    t = draw(st.lists(st.integers(0, max_count), min_size=k, max_size=k))
    if sum(t) < min_total:
        t[draw(st.integers(0, k - 1))] = min_total
    return np.array(t)


@st.composite
def die_and_counts(draw, allow_zeros=True, max_count=60):
    k = draw(st.integers(2, 8))
    return draw(dice(k, allow_zeros)), draw(counts_vectors(k, max_count))


@given(counts_vectors(), st.integers(0, 2**32 - 1))
def test_mle_beats_every_random_die(t, seed):
    best = log_likelihood(mle(t), t)
    others = log_likelihoods(random_dice(200, k=len(t), seed=seed), t)
    assert np.all(others <= best + 1e-9 * max(1.0, abs(best)))


@given(counts_vectors(), dice(k=None))
def test_mle_beats_a_drawn_die(t, y):
    if len(y) != len(t):
        y = np.full(len(t), 1 / len(t))
    assert log_likelihood(y, t) <= log_likelihood(mle(t), t) + 1e-9 * max(1.0, abs(log_likelihood(mle(t), t)))


@given(die_and_counts(allow_zeros=False, max_count=30))
def test_log_of_likelihood_equals_log_likelihood(pair):
    y, t = pair
    L = likelihood(y, t)
    if L > 1e-300:
        assert math.log(L) == pytest.approx(log_likelihood(y, t), rel=1e-10, abs=1e-10)


@given(die_and_counts(), st.randoms(use_true_random=False))
def test_permutation_invariance(pair, rnd):
    y, t = pair
    perm = list(range(len(y)))
    rnd.shuffle(perm)
    a, b = log_likelihood(y, t), log_likelihood(y[perm], t[perm])
    if math.isinf(a):
        assert a == b
    else:
        assert b == pytest.approx(a, rel=1e-12, abs=1e-12)
    assert likelihood(y[perm], t[perm]) == pytest.approx(likelihood(y, t), rel=1e-12)


@given(st.integers(2, 8).flatmap(lambda k: st.tuples(dice(k), counts_vectors(k), counts_vectors(k))))
def test_additivity_over_two_batches(triple):
    y, t1, t2 = triple
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        whole = log_likelihood(y, t1 + t2)
        parts = log_likelihood(y, t1) + log_likelihood(y, t2)
    if math.isinf(whole) or math.isinf(parts):
        assert whole == parts == -math.inf
    else:
        assert whole == pytest.approx(parts, rel=1e-12, abs=1e-12)


@given(st.integers(2, 8).flatmap(lambda k: st.tuples(dice(k), dice(k))))
def test_gibbs_inequality(pq):
    p, q = pq
    h = entropy(p)
    hpq = cross_entropy(p, q)
    assert hpq >= h - 1e-12
    assert cross_entropy(p, p) == pytest.approx(h, rel=1e-12, abs=1e-15)
    kl = kl_divergence(p, q)
    assert kl >= 0.0
    if math.isfinite(hpq):
        assert kl == pytest.approx(hpq - h, abs=1e-10)
    else:
        assert kl == math.inf
    assert kl_divergence(p, p) == 0.0


@given(die_and_counts())
def test_no_warnings_and_no_nan(pair):
    y, t = pair
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = [likelihood(y, t), log_likelihood(y, t), entropy(y), cross_entropy(y, y)]
    assert not any(math.isnan(v) for v in values)


@given(st.integers(2, 6).flatmap(
    lambda k: st.tuples(
        st.lists(st.integers(0, 12), min_size=k, max_size=k).filter(lambda w: sum(w) > 0),
        st.lists(st.integers(0, 25), min_size=k, max_size=k),
    )
))
def test_exact_likelihood_agrees_with_float(pair):
    weights, t = pair
    total = sum(weights)
    y_exact = [Fraction(w, total) for w in weights]
    y_float = [w / total for w in weights]
    exact = exact_likelihood(y_exact, t)
    expected = Fraction(1)
    for w, k in zip(weights, t):  # by hand: prod (w/total)**k
        expected *= Fraction(w**k, total**k)
    assert exact == expected
    if exact > Fraction(1, 10**300):
        assert likelihood(y_float, t) == pytest.approx(float(exact), rel=1e-12)


@given(dice(), st.integers(0, 2000), st.integers(0, 2**32 - 1))
def test_simulated_counts_add_up(y, n, seed):
    rolls = simulate_rolls(y, n, seed=seed)
    c = counts(rolls, faces=len(y))
    assert c.sum() == n
    # faces with probability zero never come up
    assert np.all(c[y == 0] == 0)
    assert np.array_equal(rolls, simulate_rolls(y, n, seed=seed))
