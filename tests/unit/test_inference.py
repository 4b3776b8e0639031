"""loaded_dice.inference, checked against scipy (test environment only) and against brute force.

Expected values come from scipy.stats, from enumerating every sequence of rolls, or from the
formulas written out here; never from the module under test.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

import loaded_dice as ld
from loaded_dice import inference as inf

settings.register_profile("loaded_dice", max_examples=150, deadline=None)
settings.load_profile("loaded_dice")

T = np.array([2, 5, 2, 4, 2, 5])


# ----------------------------------------------------------------------------- chi-square


@pytest.mark.parametrize("df", [1, 2, 3, 5, 10, 40])
@pytest.mark.parametrize("x", [0.0, 1e-8, 0.3, 1.0, 3.4379671313230427, 7.5, 11.07, 30.0, 120.0])
def test_chi2_sf_matches_scipy(x, df):
    assert inf.chi2_sf(x, df) == pytest.approx(stats.chi2.sf(x, df), rel=1e-11, abs=1e-300)


@given(x=st.floats(0, 500), df=st.integers(1, 60))
def test_chi2_sf_matches_scipy_everywhere(x, df):
    expected = stats.chi2.sf(x, df)
    assert inf.chi2_sf(x, df) == pytest.approx(expected, rel=1e-9, abs=1e-280)


@pytest.mark.parametrize("df", [1, 2, 5, 11])
@pytest.mark.parametrize("q", [0.5, 0.05, 0.01, 1e-6])
def test_chi2_isf_matches_scipy(q, df):
    assert inf.chi2_isf(q, df) == pytest.approx(stats.chi2.isf(q, df), rel=1e-10)


@pytest.mark.parametrize("df", [1, 2, 3, 5])
def test_chi2_pdf_matches_scipy(df):
    x = np.array([0.0, 0.01, 0.5, 1, 3, 10, 40])
    got = inf.chi2_pdf(x, df)
    want = stats.chi2.pdf(x, df)
    finite = np.isfinite(want)
    np.testing.assert_allclose(got[finite], want[finite], rtol=1e-12)
    assert np.array_equal(np.isinf(got), np.isinf(want))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: inf.chi2_sf(-1, 5), "non-negative"),
        (lambda: inf.chi2_sf(float("nan"), 5), "real number"),
        (lambda: inf.chi2_sf(1, 0), "at least 1"),
        (lambda: inf.chi2_sf(1, 2.5), "whole number"),
        (lambda: inf.chi2_isf(0, 5), "strictly between 0 and 1"),
        (lambda: inf.chi2_isf(1.5, 5), "strictly between 0 and 1"),
        (lambda: inf.chi2_pdf([-1.0], 5), "non-negative"),
    ],
)
def test_chi2_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ----------------------------------------------------------------------------- the coin


def test_coin_standard_error_for_the_article():
    # 14 even and 6 odd rolls: sqrt(0.7 * 0.3 / 20)
    assert inf.coin_standard_error(14, 6) == pytest.approx(math.sqrt(0.21 / 20), rel=1e-15)
    assert round(inf.coin_standard_error(14, 6), 3) == 0.102


@given(a=st.integers(0, 300), b=st.integers(0, 300))
def test_standard_error_is_the_inverse_root_curvature(a, b):
    """-d² log L / dp² at p_hat, by central finite differences of the log-likelihood."""
    if a == 0 or b == 0:
        if a + b:
            assert inf.coin_standard_error(a, b) == 0
        return
    p = a / (a + b)
    h = 1e-4 * min(p, 1 - p)
    f = lambda q: a * math.log(q) + b * math.log(1 - q)  # noqa: E731
    curvature = (f(p + h) - 2 * f(p) + f(p - h)) / h**2
    assert inf.coin_standard_error(a, b) == pytest.approx((-curvature) ** -0.5, rel=1e-4)


def test_wald_interval_matches_the_normal_quantile():
    lo, hi = inf.coin_wald_interval(14, 6, level=0.95)
    z = stats.norm.isf(0.025)
    se = math.sqrt(0.7 * 0.3 / 20)
    assert (lo, hi) == pytest.approx((0.7 - z * se, 0.7 + z * se), rel=1e-12)
    lo90, hi90 = inf.coin_wald_interval(14, 6, level=0.90)
    assert lo < lo90 < hi90 < hi


def _lr_reference(a, b, level):
    """The likelihood-ratio interval from scipy's root finder and chi2 quantile."""
    cut = stats.chi2.isf(1 - level, 1) / 2
    f = lambda q: special.xlogy(a, q) + special.xlog1py(b, -q)  # noqa: E731
    n = a + b
    p = a / n
    peak = (a * math.log(p) if a else 0) + (b * math.log1p(-p) if b else 0)
    lower = 0.0 if a == 0 else optimize.brentq(lambda q: f(q) - peak + cut, 1e-300, p, xtol=1e-15)
    upper = 1.0 if b == 0 else optimize.brentq(lambda q: f(q) - peak + cut, p, 1 - 1e-16, xtol=1e-15)
    return lower, upper


def _lr95(a, b):
    return _lr_reference(a, b, 0.95)


@pytest.mark.parametrize("a, b", [(14, 6), (1, 19), (0, 20), (20, 0), (140, 60), (3, 3), (1, 0)])
@pytest.mark.parametrize("level", [0.95, 0.99])
def test_lr_interval_matches_scipy_root_finding(a, b, level):
    assert inf.coin_lr_interval(a, b, level) == pytest.approx(_lr_reference(a, b, level), abs=1e-9)


@given(a=st.integers(0, 200), b=st.integers(0, 200))
def test_lr_interval_holds_the_estimate_and_stays_in_range(a, b):
    if a + b == 0:
        return
    lo, hi = inf.coin_lr_interval(a, b)
    p = a / (a + b)
    assert 0 <= lo <= p <= hi <= 1
    cut = stats.chi2.isf(0.05, 1) / 2
    peak = inf.coin_log_likelihood(p, a, b)
    for edge, inside in ((lo, a > 0), (hi, b > 0)):
        if inside:  # at an interior end, log L has dropped by exactly the cut-off
            assert inf.coin_log_likelihood(edge, a, b) == pytest.approx(peak - cut, abs=1e-6)


def _exact_coverage_scipy(p, n, interval):
    heads = np.arange(n + 1)
    bounds = np.array([interval(h, n - h) for h in heads])
    covers = (bounds[:, 0] <= p) & (p <= bounds[:, 1])
    return float(stats.binom.pmf(heads[covers], n, p).sum())


@pytest.mark.parametrize("p, n", [(0.7, 20), (0.05, 20), (0.5, 7), (0.95, 60), (0.3, 200)])
def test_exact_coverage_matches_scipy_binomial(p, n):
    assert inf.coin_coverage_exact(p, n, method="wald") == pytest.approx(
        _exact_coverage_scipy(p, n, inf.coin_wald_interval), abs=1e-12)
    assert inf.coin_coverage_exact(p, n, method="lr") == pytest.approx(
        _exact_coverage_scipy(p, n, _lr95), abs=1e-12)


@pytest.mark.parametrize("p, n", [(0.7, 20), (0.05, 20), (0.5, 100)])
def test_simulated_coverage_agrees_with_exact(p, n):
    for method in ("wald", "lr"):
        exact = _exact_coverage_scipy(p, n, inf.coin_wald_interval if method == "wald" else _lr95)
        simulated = inf.coin_coverage(p, n, method=method, experiments=40_000, seed=3)
        # four standard errors of a share estimated from 40 000 experiments
        assert abs(simulated - exact) < 4 * math.sqrt(exact * (1 - exact) / 40_000) + 1e-12


def test_wald_fails_near_the_edge_and_lr_does_better():
    """At p = 0.05 and 20 rolls the Wald interval covers p far less often than promised."""
    wald = _exact_coverage_scipy(0.05, 20, inf.coin_wald_interval)
    lr = _exact_coverage_scipy(0.05, 20, _lr95)
    assert inf.coin_coverage_exact(0.05, 20) == pytest.approx(wald)
    assert wald < 0.7 < 0.9 < lr


def test_coverage_is_reproducible_with_a_seed():
    assert inf.coin_coverage(0.3, 30, seed=5) == inf.coin_coverage(0.3, 30, seed=5)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: inf.coin_standard_error(0, 0), "no rolls"),
        (lambda: inf.coin_standard_error(-1, 5), "non-negative"),
        (lambda: inf.coin_standard_error(2.5, 5), "whole numbers"),
        (lambda: inf.coin_wald_interval(14, 6, level=95), "strictly between 0 and 1"),
        (lambda: inf.coin_lr_interval(14, 6, level=1.0), "strictly between 0 and 1"),
        (lambda: inf.coin_coverage(1.2, 20), "probability"),
        (lambda: inf.coin_coverage(0.5, 0), "at least 1"),
        (lambda: inf.coin_coverage(0.5, 20, method="wilson"), "'wald' or 'lr'"),
        (lambda: inf.coin_coverage(0.5, 20, experiments=0), "at least 1"),
        (lambda: inf.coin_log_likelihood(1.5, 14, 6), "between 0 and 1"),
    ],
)
def test_coin_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ----------------------------------------------------------------------------- the die


def test_die_standard_errors_and_covariance_for_the_article():
    y = T / 20
    np.testing.assert_allclose(inf.standard_errors(T), np.sqrt(y * (1 - y) / 20), rtol=1e-15)
    cov = inf.covariance(T)
    assert cov[0, 1] == pytest.approx(-0.1 * 0.25 / 20)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), inf.standard_errors(T), rtol=1e-15)


def test_covariance_is_the_multinomial_covariance_over_n_squared():
    """scipy's multinomial covariance of the counts, divided by N², for the frequencies."""
    y = T / 20
    np.testing.assert_allclose(inf.covariance(T), stats.multinomial.cov(20, y) / 20**2, rtol=1e-12, atol=1e-18)


def test_covariance_matches_the_inverse_of_the_observed_information():
    """Invert minus the Hessian of log L in (y_1..y_5), y_6 = 1 - sum, by finite differences."""
    t = np.array([3, 7, 2, 4, 9, 5])
    n, y = t.sum(), t / t.sum()

    def loglik(free):
        full = np.append(free, 1 - free.sum())
        return float(np.sum(t * np.log(full)))

    free, h = y[:5], 1e-5
    H = np.empty((5, 5))
    for i in range(5):
        for j in range(5):
            e_i, e_j = np.eye(5)[i] * h, np.eye(5)[j] * h
            H[i, j] = (loglik(free + e_i + e_j) - loglik(free + e_i - e_j)
                       - loglik(free - e_i + e_j) + loglik(free - e_i - e_j)) / (4 * h * h)
    np.testing.assert_allclose(inf.covariance(t)[:5, :5], np.linalg.inv(-H), rtol=1e-4)
    assert n == 30


@given(st.lists(st.integers(0, 40), min_size=2, max_size=8).filter(lambda t: sum(t) > 0))
def test_covariance_rows_add_to_zero(t):
    """The frequencies always add up to 1, so their covariance with the total is zero."""
    cov = inf.covariance(t)
    np.testing.assert_allclose(cov.sum(axis=1), 0, atol=1e-15)
    assert np.all(np.linalg.eigvalsh(cov) > -1e-15)  # a covariance matrix is positive semi-definite


# ----------------------------------------------------------------------------- the test


def test_g_and_pearson_match_scipy_power_divergence():
    g, p_g = stats.power_divergence(T, lambda_="log-likelihood")
    x2, p_x2 = stats.chisquare(T)
    assert inf.g_statistic(T) == pytest.approx(g, rel=1e-13)
    assert inf.pearson_statistic(T) == pytest.approx(x2, rel=1e-13)
    assert inf.chi2_pvalue(T) == pytest.approx(p_g, rel=1e-10)
    assert inf.chi2_pvalue(T, statistic="pearson") == pytest.approx(p_x2, rel=1e-10)


def test_the_articles_numbers():
    assert round(inf.g_statistic(T), 2) == 3.44
    assert round(inf.pearson_statistic(T), 2) == 3.40
    assert round(inf.chi2_pvalue(T), 2) == 0.63
    assert round(inf.exact_pvalue(T), 2) == 0.65
    assert inf.number_of_count_vectors(20, 6) == 53_130 == len(inf.count_vectors(20, 6))


@given(
    t=st.lists(st.integers(0, 50), min_size=2, max_size=8).filter(lambda t: sum(t) > 0),
    data=st.data(),
)
def test_g_matches_scipy_for_any_null(t, data):
    k = len(t)
    w = np.array(data.draw(st.lists(st.floats(0.05, 1), min_size=k, max_size=k)))
    null = w / w.sum()
    t = np.array(t)
    g, _ = stats.power_divergence(t, f_exp=t.sum() * null, lambda_="log-likelihood")
    x2, _ = stats.chisquare(t, f_exp=t.sum() * null)
    assert inf.g_statistic(t, null) == pytest.approx(max(g, 0.0), rel=1e-9, abs=1e-9)
    assert inf.pearson_statistic(t, null) == pytest.approx(x2, rel=1e-9, abs=1e-12)
    # G is twice the log-likelihood gained by the best die, i.e. 2 N KL(t/N || null)
    assert inf.g_statistic(t, null) == pytest.approx(2 * t.sum() * ld.kl_divergence(t / t.sum(), null), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("n, k", [(0, 3), (1, 6), (4, 3), (7, 4), (20, 6)])
def test_count_vectors_are_all_distinct_compositions(n, k):
    vectors = inf.count_vectors(n, k)
    assert vectors.shape == (math.comb(n + k - 1, k - 1), k)
    assert np.all(vectors >= 0) and np.all(vectors.sum(axis=1) == n)
    assert len({tuple(v) for v in vectors}) == len(vectors)


def test_count_vectors_are_every_outcome_of_the_rolls():
    """Brute force: every sequence of 5 rolls of a 4-faced die, counted."""
    seen = {tuple(np.bincount(seq, minlength=4)) for seq in itertools.product(range(4), repeat=5)}
    assert seen == {tuple(v) for v in inf.count_vectors(5, 4)}


@pytest.mark.parametrize("null", [None, [0.1, 0.2, 0.3, 0.25, 0.1, 0.05]])
def test_multinomial_probabilities_match_scipy(null):
    y = np.full(6, 1 / 6) if null is None else np.array(null)
    vectors = inf.count_vectors(9, 6)
    got = inf.multinomial_probabilities(vectors, y)
    np.testing.assert_allclose(got, stats.multinomial.pmf(vectors, 9, y), rtol=1e-10)
    assert math.fsum(got) == pytest.approx(1, abs=1e-12)


def _exact_pvalue_brute_force(t, null):
    """Enumerate every *sequence* of N rolls (not count vectors): an independent route."""
    n, k = int(sum(t)), len(t)
    null = np.array(null)
    g_obs = stats.power_divergence(t, f_exp=n * null, lambda_="log-likelihood")[0]
    seqs = np.array(list(itertools.product(range(k), repeat=n)))
    c = (seqs[:, :, None] == np.arange(k)).sum(axis=1)
    g = 2 * special.xlogy(c, c / (n * null)).sum(axis=1)
    prob = np.prod(null[seqs], axis=1)
    return float(prob[g >= g_obs - 1e-9].sum())


@pytest.mark.parametrize(
    "t, null",
    [
        ([3, 0, 1, 1], [0.25] * 4),
        ([4, 1, 0, 2], [0.4, 0.3, 0.2, 0.1]),
        ([2, 2, 2], [1 / 3] * 3),
        ([6, 0, 0], [1 / 3] * 3),
    ],
)
def test_exact_pvalue_matches_enumerating_roll_sequences(t, null):
    assert inf.exact_pvalue(t, null) == pytest.approx(_exact_pvalue_brute_force(t, null), rel=1e-10)


def test_exact_pvalue_of_the_article_agrees_with_monte_carlo():
    rng = np.random.default_rng(11)
    sims = rng.multinomial(20, np.full(6, 1 / 6), size=200_000)
    g = np.array(stats.power_divergence(sims, axis=1, lambda_="log-likelihood")[0])
    mc = np.mean(g >= inf.g_statistic(T) - 1e-9)
    exact = inf.exact_pvalue(T)
    assert abs(mc - exact) < 4 * math.sqrt(exact * (1 - exact) / 200_000)


def test_exact_pvalue_is_one_for_perfectly_fair_counts_and_tiny_for_one_face():
    assert inf.exact_pvalue([4, 4, 4]) == pytest.approx(1.0)
    assert inf.exact_pvalue([12, 0, 0]) == pytest.approx(3 * (1 / 3) ** 12, rel=1e-12)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: inf.g_statistic([0, 0, 0]), "no rolls"),
        (lambda: inf.g_statistic([5]), "at least 2 faces"),
        (lambda: inf.g_statistic([1, 2, 3], [0.5, 0.5]), "null die has 2 faces"),
        (lambda: inf.g_statistic([1, 2, 3], [0.5, 0.5, 0]), "positive probability"),
        (lambda: inf.pearson_statistic([1, -2, 3]), "non-negative"),
        (lambda: inf.chi2_pvalue(T, statistic="fisher"), "'g' or 'pearson'"),
        (lambda: inf.exact_pvalue([1, 2, 3], [0.2, 0.2, 0.2]), "sum to 1"),
        (lambda: inf.count_vectors(500, 6), "more than the limit"),
        (lambda: inf.count_vectors(-1, 6), "non-negative whole number"),
        (lambda: inf.multinomial_probabilities([[1, 2]], [0.2, 0.3, 0.5]), "3 columns"),
    ],
)
def test_test_functions_reject_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ----------------------------------------------------------------------------- power


def test_simulated_g_follows_scipy_for_the_same_draws():
    g = inf.simulate_g(T / 20, 30, experiments=500, seed=4)
    counts = np.random.default_rng(4).multinomial(30, T / 20, size=500)
    want = stats.power_divergence(counts, axis=1, lambda_="log-likelihood")[0]
    np.testing.assert_allclose(g, np.maximum(want, 0), rtol=1e-10, atol=1e-10)


def _noncentral_power(die, n, alpha=0.05):
    """Power of the G test from the noncentral chi-square approximation (scipy.stats.ncx2)."""
    k = len(die)
    noncentrality = 2 * n * ld.kl_divergence(die, np.full(k, 1 / k))
    return stats.ncx2.sf(stats.chi2.isf(alpha, k - 1), k - 1, noncentrality)


def test_rolls_for_80_percent_power_agree_with_the_noncentral_chi_square():
    die = ld.mle(T)
    simulated = inf.rolls_for_power(die, power=0.8, alpha=0.05, experiments=20_000, seed=0)
    n_ncx2 = next(n for n in range(1, 1000) if _noncentral_power(die, n) >= 0.8)
    assert 70 <= n_ncx2 <= 80  # "about 75 rolls"
    assert abs(simulated - n_ncx2) <= 5, (simulated, n_ncx2)


@pytest.mark.parametrize("n", [30, 75, 150])
def test_simulated_power_is_close_to_the_noncentral_chi_square(n):
    die = ld.mle(T)
    assert inf.simulated_power(die, n, experiments=20_000, seed=1) == pytest.approx(_noncentral_power(die, n), abs=0.04)


def test_a_fair_die_is_called_loaded_about_alpha_of_the_time_with_many_rolls():
    share = inf.simulated_power(ld.FAIR_DIE, 400, alpha=0.05, experiments=40_000, seed=2)
    assert abs(share - 0.05) < 4 * math.sqrt(0.05 * 0.95 / 40_000)


def test_a_fair_die_can_never_reach_80_percent_power():
    with pytest.raises(ValueError, match="do not reach power"):
        inf.rolls_for_power(ld.FAIR_DIE, max_rolls=200, experiments=2_000)


def test_compare_g_gives_the_shares_of_its_own_draws():
    c = inf.compare_g(ld.mle(T), 40, alpha=0.05, experiments=3_000, seed=8)
    threshold = stats.chi2.isf(0.05, 5)
    assert c.threshold == pytest.approx(threshold, rel=1e-10)
    assert c.size == np.mean(c.g_null > threshold) and c.power == np.mean(c.g_die > threshold)
    assert c.power > c.size
    again = inf.compare_g(ld.mle(T), 40, alpha=0.05, experiments=3_000, seed=8)
    np.testing.assert_array_equal(again.g_die, c.g_die)
    assert not np.array_equal(c.g_null, c.g_die)  # two independent streams


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: inf.simulated_power([0.5, 0.6], 20), "sum to 1"),
        (lambda: inf.simulated_power(ld.FAIR_DIE, 0), "at least 1"),
        (lambda: inf.simulated_power(ld.FAIR_DIE, 20, alpha=0), "strictly between 0 and 1"),
        (lambda: inf.rolls_for_power(ld.FAIR_DIE, power=1.0), "strictly between 0 and 1"),
        (lambda: inf.simulate_g(ld.FAIR_DIE, 10, null=[0.5, 0.5]), "null die has 2 faces"),
        (lambda: inf.compare_g(ld.FAIR_DIE, 10, experiments=-5), "non-negative whole number"),
    ],
)
def test_power_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
