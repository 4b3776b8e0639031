"""Unit tests for loaded_dice.core (and the input checks in loaded_dice.checks).

Expected values are worked out by hand from the formulas (e.g. 0.1**6 * 0.25**10 * 0.2**4 for
the article's maximum likelihood), or by an independent implementation (Decimal logarithms,
scipy.stats), never copied from the library's own output.
"""

import contextlib
import math
import re
import subprocess
import sys
import time
import warnings
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats
from scipy.special import gammaln

import loaded_dice
from loaded_dice import (
    ARTICLE_COUNTS,
    ARTICLE_N,
    EXACT_ROLL_LIMIT,
    FACES,
    FAIR_DIE,
    SUM_TOLERANCE,
    average_log_likelihood,
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
    validate_counts,
    validate_probabilities,
)
from loaded_dice.core import likelihood

ARTICLE_MLE = [0.1, 0.25, 0.1, 0.2, 0.1, 0.25]  # 2/20, 5/20, 2/20, 4/20, 2/20, 5/20 by hand


@contextlib.contextmanager
def no_warnings():
    """Turn every warning (numpy's RuntimeWarning included) into an error inside the block."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --------------------------------------------------------------------------- constants


def test_constants_match_the_article():
    assert FACES.tolist() == [1, 2, 3, 4, 5, 6]
    assert ARTICLE_COUNTS.tolist() == [2, 5, 2, 4, 2, 5]
    assert ARTICLE_N == 20 == sum([2, 5, 2, 4, 2, 5])
    assert FAIR_DIE.tolist() == [1 / 6] * 6
    assert SUM_TOLERANCE == 1e-9
    assert EXACT_ROLL_LIMIT == 10_000


@pytest.mark.parametrize("arr", [FACES, ARTICLE_COUNTS, FAIR_DIE])
def test_constants_are_read_only(arr):
    with pytest.raises(ValueError, match="read-only"):
        arr[0] = 99


# --------------------------------------------------------------------------- validate_probabilities


def test_validate_probabilities_returns_float_copy():
    y = [0.25, 0.25, 0.5]
    out = validate_probabilities(y)
    assert out.dtype == np.float64
    assert out.tolist() == y
    src = np.array([0.5, 0.5])
    out = validate_probabilities(src)
    out[0] = 7.0
    assert src[0] == 0.5  # a copy, not a view


def test_validate_probabilities_accepts_ints_and_zeros():
    assert validate_probabilities([0, 1]).tolist() == [0.0, 1.0]


def test_validate_probabilities_accepts_sum_within_tolerance():
    validate_probabilities([0.5, 0.5 + 0.5e-9])


@pytest.mark.parametrize(
    "y, message",
    [
        ([0.5, 0.6, -0.1], "probabilities must be non-negative; got y[2] = -0.1"),
        ([0.5, 0.4], "probabilities must sum to 1 (within 1e-09); they sum to 0.9"),
        ([0.5, 0.5 + 2e-9], "probabilities must sum to 1 (within 1e-09); they sum to 1.000000002"),
        ([float("nan"), 0.5, 0.5], "probabilities must be finite; got y[0] = nan"),
        ([0.5, float("inf")], "probabilities must be finite; got y[1] = inf"),
        ([1.0], "a die needs at least 2 faces; got 1 probability"),
        ([], "a die needs at least 2 faces; got 0 probabilities"),
        (np.full((2, 3), 1 / 6), "probabilities must be a 1-D sequence; got shape (2, 3)"),
        (0.5, "probabilities must be a 1-D sequence; got shape ()"),
        (["a", "b"], "probabilities must be real numbers; got ['a', 'b']"),
        ([0.5, 0.5j], "probabilities must be real numbers"),
        ([[0.5], [0.2, 0.3]], "probabilities must be real numbers"),
    ],
)
def test_validate_probabilities_errors(y, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        validate_probabilities(y)


def test_validate_probabilities_checks_the_number_of_faces_when_asked():
    five = [0.2] * 5
    assert validate_probabilities(five).size == 5          # a valid five-sided die
    with pytest.raises(ValueError, match=re.escape("expected 6 probabilities (one per face); got 5")):
        validate_probabilities(five, size=6)
    assert validate_probabilities(FAIR_DIE, size=6).size == 6


def test_validate_probabilities_lists_several_offenders():
    with pytest.raises(ValueError, match=re.escape("got y[0] = -0.5, y[2] = -0.25")):
        validate_probabilities([-0.5, 1.75, -0.25])


def test_validate_probabilities_non_numeric_object_is_value_error():
    with pytest.raises(ValueError, match="real numbers"):
        validate_probabilities({"a": 1})


# --------------------------------------------------------------------------- validate_counts


def test_validate_counts_accepts_whole_floats():
    out = validate_counts([2.0, 5.0, 0.0])
    assert out.dtype == np.int64
    assert out.tolist() == [2, 5, 0]


def test_validate_counts_size_matches():
    assert validate_counts([1, 2, 3], size=3).tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    "t, size, message",
    [
        ([2, 2.5, 3], None, "counts must be whole numbers; got t[1] = 2.5"),
        ([-1, 3], None, "counts must be non-negative; got t[0] = -1"),
        ([1.0, -2.0], None, "counts must be non-negative; got t[1] = -2.0"),
        ([1, float("nan")], None, "counts must be finite; got t[1] = nan"),
        ([1, float("inf")], None, "counts must be finite; got t[1] = inf"),
        ([[1, 2], [3, 4]], None, "counts must be a 1-D sequence; got shape (2, 2)"),
        (5, None, "counts must be a 1-D sequence; got shape ()"),
        ([1, 2, 3, 4, 5], 6, "expected 6 counts (one per face); got 5 counts"),
        (["x", "y"], None, "counts must be real numbers"),
        ([1e20, 1], None, "counts are too large for int64; got t[0] = 1e+20"),
    ],
)
def test_validate_counts_errors(t, size, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        validate_counts(t, size=size)


# --------------------------------------------------------------------------- likelihood


def test_likelihood_article_at_mle_by_hand():
    expected = 0.1**6 * 0.25**10 * 0.2**4  # = 1 / 655_360_000_000_000
    assert likelihood(ARTICLE_MLE, ARTICLE_COUNTS) == pytest.approx(expected, rel=1e-13)
    assert likelihood(ARTICLE_MLE, ARTICLE_COUNTS) == pytest.approx(1 / 655_360_000_000_000, rel=1e-13)


def test_likelihood_fair_die_article_counts():
    assert likelihood(FAIR_DIE, ARTICLE_COUNTS) == pytest.approx(6.0**-20, rel=1e-13)


def test_likelihood_zero_to_the_zero_is_one():
    assert likelihood([0.5, 0.5, 0.0], [1, 1, 0]) == 0.25
    assert likelihood([1.0, 0.0], [0, 0]) == 1.0


def test_likelihood_impossible_data_is_zero():
    assert likelihood([0.5, 0.5, 0.0], [1, 1, 1]) == 0.0


def test_likelihood_underflows_where_float64_must():
    t = np.array([3334, 3333, 3333, 3333, 3333, 3334])
    assert t.sum() == 20_000
    with no_warnings():
        assert likelihood(FAIR_DIE, t) == 0.0
        ll = log_likelihood(FAIR_DIE, t)
    assert math.isfinite(ll)
    assert ll == pytest.approx(-20_000 * math.log(6), rel=1e-13)


def test_likelihood_length_mismatch():
    with pytest.raises(ValueError, match=re.escape("expected 6 counts (one per face); got 3 counts")):
        likelihood(FAIR_DIE, [1, 2, 3])


def test_likelihood_validates_y():
    with pytest.raises(ValueError, match=re.escape("y[1] = -0.5")):
        likelihood([1.5, -0.5], [1, 1])


def test_package_likelihood_is_a_plain_function_from_the_core():
    import inspect

    import loaded_dice.core as core
    from loaded_dice import likelihood as pkg_likelihood

    assert inspect.isfunction(pkg_likelihood) and pkg_likelihood is core.likelihood
    assert pkg_likelihood(FAIR_DIE, ARTICLE_COUNTS) == pytest.approx(6.0**-20, rel=1e-13)
    assert core.log_likelihood(FAIR_DIE, ARTICLE_COUNTS) == pytest.approx(-20 * math.log(6))
    assert not hasattr(loaded_dice, "likelihood") or not inspect.ismodule(loaded_dice.likelihood)


# --------------------------------------------------------------------------- log_likelihood


def test_log_likelihood_article_by_hand():
    expected = 6 * math.log(0.1) + 10 * math.log(0.25) + 4 * math.log(0.2)
    assert log_likelihood(ARTICLE_MLE, ARTICLE_COUNTS) == pytest.approx(expected, rel=1e-14)
    assert log_likelihood(FAIR_DIE, ARTICLE_COUNTS) == pytest.approx(-20 * math.log(6), rel=1e-14)


def test_log_likelihood_zero_log_zero_is_zero():
    with no_warnings():
        assert log_likelihood([0.5, 0.5, 0.0], [1, 1, 0]) == pytest.approx(2 * math.log(0.5))
        assert log_likelihood([1.0, 0.0], [3, 0]) == 0.0
        assert log_likelihood([0.3, 0.7], [0, 0]) == 0.0


def test_log_likelihood_impossible_face_is_minus_inf_without_warning():
    with no_warnings():
        out = log_likelihood([0.5, 0.5, 0.0], [1, 1, 1])
    assert out == -math.inf
    assert not math.isnan(out)


def test_log_likelihood_matches_scipy_multinomial():
    rng = np.random.default_rng(12)
    for _ in range(20):
        y = rng.dirichlet(np.ones(6))
        t = rng.integers(0, 40, size=6)
        n = int(t.sum())
        log_coef = gammaln(n + 1) - gammaln(t + 1).sum()
        expected = stats.multinomial.logpmf(t, n, y) - log_coef
        assert log_likelihood(y, t) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def _decimal_log_likelihood(y, t) -> Decimal:
    """Independent reference: exact decimal logarithms of the float64 probabilities."""
    getcontext().prec = 50
    return sum(Decimal(int(k)) * Decimal(float(p)).ln() for p, k in zip(y, t) if k > 0)


def test_log_likelihood_accurate_for_a_trillion_rolls():
    y = np.array([0.05, 0.15, 0.1, 0.2, 0.3, 0.2])
    t = np.array([50_000_000_000, 150_000_000_000, 100_000_000_000,
                  200_000_000_000, 300_000_000_123, 199_999_999_877])
    assert t.sum() == 10**12
    with no_warnings():
        got = log_likelihood(y, t)
        assert likelihood(y, t) == 0.0
    expected = float(_decimal_log_likelihood(y, t))
    assert math.isfinite(got)
    assert abs(got - expected) <= 1e-14 * abs(expected)


def test_log_likelihood_length_mismatch():
    with pytest.raises(ValueError, match=re.escape("expected 2 counts (one per face); got 3 counts")):
        log_likelihood([0.5, 0.5], [1, 2, 3])


# --------------------------------------------------------------------------- log_likelihoods


def test_log_likelihoods_matches_scalar_version():
    ys = np.vstack([random_dice(50, seed=3), [[0.5, 0.5, 0, 0, 0, 0]], [[0, 0, 0, 0, 0, 1.0]]])
    t = np.array([2, 5, 0, 0, 0, 0])
    with no_warnings():
        out = log_likelihoods(ys, t)
    assert out.shape == (52,)
    for row, value in zip(ys, out):
        assert value == pytest.approx(log_likelihood(row, t), rel=1e-12)
    assert out[-1] == -math.inf
    assert out[-2] == pytest.approx(7 * math.log(0.5))


@pytest.mark.parametrize(
    "ys, t, message",
    [
        ([0.5, 0.5], [1, 1], "dice must be a 2-D array (one die per row); got shape (2,)"),
        ([[1.0], [1.0]], [1], "a die needs at least 2 faces; got rows of 1"),
        ([[0.5, 0.5], [0.2, 0.3]], [1, 1], "row 1 is not a die: probabilities must sum to 1"),
        ([[0.5, 0.5], [1.5, -0.5]], [1, 1], "row 1 is not a die: probabilities must be non-negative; got y[1] = -0.5"),
        ([[0.5, 0.5]], [1, 1, 1], "expected 2 counts (one per face); got 3 counts"),
    ],
)
def test_log_likelihoods_errors(ys, t, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        log_likelihoods(ys, t)


# --------------------------------------------------------------------------- exact_likelihood


def test_exact_likelihood_article_mle_from_strings():
    y = ["1/10", "1/4", "0.1", "0.2", "1/10", "0.25"]
    assert exact_likelihood(y, ARTICLE_COUNTS) == Fraction(1, 655_360_000_000_000)


def test_exact_likelihood_accepts_floats_as_decimals():
    # mle floats are read as 0.1, 0.25, ... so they sum to exactly 1
    assert exact_likelihood(mle(ARTICLE_COUNTS), ARTICLE_COUNTS) == Fraction(1, 10**6 * 4**10 * 5**4)


def test_exact_likelihood_fair_die():
    y = [Fraction(1, 6)] * 6
    assert exact_likelihood(y, ARTICLE_COUNTS) == Fraction(1, 6**20)
    assert exact_likelihood(["1/6"] * 6, ARTICLE_COUNTS) == Fraction(1, 6**20)


def test_exact_likelihood_ints_and_zero_to_the_zero():
    assert exact_likelihood([1, 0], [3, 0]) == 1
    assert exact_likelihood([1, 0], [3, 1]) == 0


def test_exact_likelihood_at_the_limit_is_allowed():
    out = exact_likelihood(["1/2", "1/2"], [5_000, 5_000])
    assert out == Fraction(1, 2**10_000)


@pytest.mark.parametrize(
    "y, t, message",
    [
        (["1/6"] * 5 + ["1/5"], ARTICLE_COUNTS, "exact probabilities must sum to exactly 1; they sum to 31/30"),
        (FAIR_DIE, ARTICLE_COUNTS, "exact probabilities must sum to exactly 1"),
        (["1/2", "1/2"], [5_001, 5_000], "exact_likelihood is limited to 10000 rolls"),
        (["1/2", "1/2"], [5_001, 5_000], "got 10001 rolls"),
        (["3/2", "-1/2"], [1, 1], "probabilities must be non-negative; got y[1] = -1/2"),
        (["1/2", "half"], [1, 1], "got y[1] = 'half'"),
        ([float("nan"), 1], [1, 1], "got y[0] = nan"),
        (["1"], [1], "a die needs at least 2 faces; got 1 probability"),
        ("1/2", [1], "exact probabilities must be a 1-D sequence"),
        ([["1/2"], ["1/2"]], [1, 1], "exact probabilities must be a 1-D sequence"),
        (["1/2", "1/2"], [1, 1, 1], "expected 2 counts (one per face); got 3 counts"),
        (["1/2", "1/2"], [1, 0.5], "counts must be whole numbers; got t[1] = 0.5"),
    ],
)
def test_exact_likelihood_errors(y, t, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        exact_likelihood(y, t)


def test_exact_likelihood_agrees_with_float_likelihood():
    y = ["1/10", "1/4", "1/10", "1/5", "1/10", "1/4"]
    assert float(exact_likelihood(y, ARTICLE_COUNTS)) == pytest.approx(
        likelihood(ARTICLE_MLE, ARTICLE_COUNTS), rel=1e-13
    )


# --------------------------------------------------------------------------- mle


def test_mle_article():
    out = mle(ARTICLE_COUNTS)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, ARTICLE_MLE, rtol=1e-15)


def test_mle_zero_count_face_gets_zero():
    assert mle([0, 3, 1]).tolist() == [0.0, 0.75, 0.25]


def test_mle_no_rolls():
    msg = "no rolls: the counts sum to 0, so the maximum likelihood estimate is undefined"
    with pytest.raises(ValueError, match=re.escape(msg)):
        mle([0, 0, 0, 0, 0, 0])


def test_mle_validates_counts():
    with pytest.raises(ValueError, match=re.escape("t[0] = -1")):
        mle([-1, 2])


# --------------------------------------------------------------------------- average_log_likelihood


def test_average_log_likelihood_fair_die():
    assert average_log_likelihood(FAIR_DIE, ARTICLE_COUNTS) == pytest.approx(-math.log(6), rel=1e-14)


def test_average_log_likelihood_is_minus_cross_entropy_of_frequencies():
    y = [0.3, 0.1, 0.1, 0.2, 0.1, 0.2]
    expected = -sum((k / 20) * math.log(p) for k, p in zip([2, 5, 2, 4, 2, 5], y))
    assert average_log_likelihood(y, ARTICLE_COUNTS) == pytest.approx(-expected, rel=1e-14)
    assert average_log_likelihood(y, ARTICLE_COUNTS) == pytest.approx(
        -cross_entropy(ARTICLE_MLE, y), rel=1e-14
    )


def test_average_log_likelihood_no_rolls():
    with pytest.raises(ValueError, match=re.escape("no rolls: the counts sum to 0")):
        average_log_likelihood(FAIR_DIE, [0] * 6)


# --------------------------------------------------------------------------- simulate_rolls and counts


def test_simulate_rolls_reproducible_with_seed():
    a = simulate_rolls(FAIR_DIE, 1000, seed=42)
    b = simulate_rolls(FAIR_DIE, 1000, seed=42)
    c = simulate_rolls(FAIR_DIE, 1000, seed=43)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_simulate_rolls_values_and_dtype():
    r = simulate_rolls([0.2, 0.3, 0.5], 5000, seed=1)
    assert r.shape == (5000,)
    assert np.issubdtype(r.dtype, np.integer)
    assert set(np.unique(r).tolist()) == {1, 2, 3}


def test_simulate_rolls_zero_probability_faces_never_appear():
    y = [0.0, 0.5, 0.0, 0.5, 0.0, 0.0]
    r = simulate_rolls(y, 100_000, seed=5)
    assert set(np.unique(r).tolist()) == {2, 4}


class _LargestUniform(np.random.Generator):
    """A generator whose uniform draws are all the largest float below 1 (1 - 2**-53)."""

    def random(self, size=None, dtype=np.float64, out=None):
        return np.full(size, 1 - 2.0**-53)


def test_simulate_rolls_rounding_never_picks_an_impossible_last_face():
    # the cumulative sum of ten 0.1s is 0.9999999999999999: not above the largest draw
    y = [0.1] * 10 + [0.0]
    assert np.cumsum(y)[-1] <= 1 - 2.0**-53
    rolls = simulate_rolls(y, 5, seed=_LargestUniform(np.random.PCG64(0)))
    assert rolls.tolist() == [10] * 5


def test_simulate_rolls_certain_face():
    assert (simulate_rolls([0, 0, 1.0], 100, seed=0) == 3).all()


def test_simulate_rolls_frequencies_converge():
    y = np.array([0.1, 0.25, 0.1, 0.2, 0.1, 0.25])
    r = simulate_rolls(y, 10**6, seed=2024)
    freq = np.array([(r == k).mean() for k in range(1, 7)])  # independent of counts()
    assert np.all(np.abs(freq - y) < 0.005)


def test_simulate_rolls_zero_rolls():
    assert simulate_rolls(FAIR_DIE, 0, seed=1).shape == (0,)


@pytest.mark.parametrize("n", [-1, 2.5, 3.0, "10", True, None])
def test_simulate_rolls_bad_n(n):
    with pytest.raises(ValueError, match=re.escape(f"must be a non-negative whole number; got {n!r}")):
        simulate_rolls(FAIR_DIE, n)


def test_simulate_rolls_accepts_numpy_int():
    assert simulate_rolls(FAIR_DIE, np.int64(10), seed=0).shape == (10,)


def test_simulate_rolls_validates_y():
    with pytest.raises(ValueError, match="sum to 1"):
        simulate_rolls([0.5, 0.4], 10)


def test_counts_by_hand():
    assert counts([1, 1, 3, 6]).tolist() == [2, 0, 1, 0, 0, 1]
    assert counts([2.0, 2.0, 1.0], faces=3).tolist() == [1, 2, 0]
    assert counts([], faces=4).tolist() == [0, 0, 0, 0]
    assert counts([1, 1, 3, 6]).dtype == np.int64


def test_counts_of_article_rolls():
    rolls = [1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 6]
    assert counts(rolls).tolist() == [2, 5, 2, 4, 2, 5]


def test_counts_of_simulation_sum_to_n():
    r = simulate_rolls(ARTICLE_MLE, 12_345, seed=9)
    c = counts(r)
    assert c.sum() == 12_345
    assert c.tolist() == [int((r == k).sum()) for k in range(1, 7)]


@pytest.mark.parametrize(
    "rolls, faces, message",
    [
        ([1, 7, 2], 6, "rolls must be face numbers 1..6; got rolls[1] = 7"),
        ([0, 1], 6, "rolls must be face numbers 1..6; got rolls[0] = 0"),
        ([1, 4], 3, "rolls must be face numbers 1..3; got rolls[1] = 4"),
        ([1, 2.5], 6, "rolls must be whole face numbers; got rolls[1] = 2.5"),
        ([1, float("nan")], 6, "rolls must be whole face numbers; got rolls[1] = nan"),
        ([[1, 2]], 6, "rolls must be a 1-D sequence; got shape (1, 2)"),
        (["one"], 6, "rolls must be real numbers"),
        ([1], 0, "faces must be at least 1; got 0"),
        ([1], 2.5, "faces must be a non-negative whole number; got 2.5"),
    ],
)
def test_counts_errors(rolls, faces, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        counts(rolls, faces=faces)


# --------------------------------------------------------------------------- entropy, cross-entropy, KL


def test_entropy_by_hand():
    assert entropy(FAIR_DIE) == pytest.approx(math.log(6), rel=1e-14)
    assert entropy([0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-14)
    assert entropy([1.0, 0.0, 0.0]) == 0.0
    p = [0.2, 0.3, 0.5]
    assert entropy(p) == pytest.approx(-sum(x * math.log(x) for x in p), rel=1e-14)


def test_cross_entropy_by_hand():
    expected = -(0.5 * math.log(0.25) + 0.5 * math.log(0.75))
    assert cross_entropy([0.5, 0.5], [0.25, 0.75]) == pytest.approx(expected, rel=1e-14)
    assert cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert cross_entropy(ARTICLE_MLE, FAIR_DIE) == pytest.approx(math.log(6), rel=1e-14)


def test_cross_entropy_infinite_without_warning():
    with no_warnings():
        assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert entropy([0.0, 1.0]) == 0.0


def test_kl_by_hand():
    p, q = [0.5, 0.5], [0.25, 0.75]
    expected = 0.5 * math.log(0.5 / 0.25) + 0.5 * math.log(0.5 / 0.75)
    assert kl_divergence(p, q) == pytest.approx(expected, rel=1e-13)
    assert kl_divergence(p, p) == 0.0
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-14)


@pytest.mark.parametrize("fn", [cross_entropy, kl_divergence])
def test_pair_length_mismatch(fn):
    with pytest.raises(ValueError, match=re.escape("p and q must have the same length; got 6 and 2")):
        fn(FAIR_DIE, [0.5, 0.5])


@pytest.mark.parametrize("fn", [cross_entropy, kl_divergence])
def test_pair_validates_q(fn):
    with pytest.raises(ValueError, match=re.escape("y[0] = -0.5")):
        fn([0.5, 0.5], [-0.5, 1.5])


def test_entropy_validates():
    with pytest.raises(ValueError, match=re.escape("they sum to 2")):
        entropy([1.0, 1.0])


# --------------------------------------------------------------------------- random_dice


def test_random_dice_shape_and_simplex():
    d = random_dice(1000, k=4, seed=0)
    assert d.shape == (1000, 4)
    assert (d >= 0).all()
    np.testing.assert_allclose(d.sum(axis=1), 1.0, atol=1e-12)
    for row in d[:20]:
        validate_probabilities(row)


def test_random_dice_reproducible():
    assert np.array_equal(random_dice(5, seed=7), random_dice(5, seed=7))
    assert not np.array_equal(random_dice(5, seed=7), random_dice(5, seed=8))


def test_random_dice_is_uniform_on_the_simplex():
    # Under Dirichlet(1, ..., 1) with k = 6 each coordinate is Beta(1, 5):
    # mean 1/6, variance 5 / (36 * 7).
    d = random_dice(100_000, k=6, seed=11)
    assert d[:, 0].mean() == pytest.approx(1 / 6, abs=0.003)
    assert d[:, 0].var() == pytest.approx(5 / 252, rel=0.03)
    assert stats.kstest(d[:, 2], stats.beta(1, 5).cdf).pvalue > 1e-3
    # and the ordering of coordinates carries no preference
    np.testing.assert_allclose(d.mean(axis=0), 1 / 6, atol=0.003)


@pytest.mark.parametrize(
    "n, k, message",
    [
        (-1, 6, "n (the number of dice) must be a non-negative whole number; got -1"),
        (3, 1, "a die needs at least 2 faces; got k = 1"),
        (3, 2.0, "k (the number of faces) must be a non-negative whole number; got 2.0"),
    ],
)
def test_random_dice_errors(n, k, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        random_dice(n, k=k)


# --------------------------------------------------------------------------- package


def test_package_surface():
    assert loaded_dice.__version__ == "0.1.0"
    assert loaded_dice.symbolic.Derivation is not None
    for name in ["validate_probabilities", "validate_counts", "likelihood", "log_likelihood",
                 "exact_likelihood", "mle", "simulate_rolls", "counts", "entropy",
                 "cross_entropy", "kl_divergence", "average_log_likelihood", "random_dice",
                 "FACES", "ARTICLE_COUNTS", "ARTICLE_N", "FAIR_DIE", "SUM_TOLERANCE"]:
        assert hasattr(loaded_dice, name), name
        obj = getattr(loaded_dice, name)
        if callable(obj) and not isinstance(obj, np.ndarray):
            assert obj.__doc__ and obj.__doc__.strip(), name


def test_importing_the_package_does_not_import_plotting_or_widgets():
    code = "import sys, loaded_dice; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_every_public_function_has_a_docstring():
    import inspect

    from loaded_dice import checks, core, symbolic

    for module in (core, checks, symbolic):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                first = (obj.__doc__ or "").strip().splitlines()
                assert first and first[0].strip(), f"{module.__name__}.{name} has no docstring"
