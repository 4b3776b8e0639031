"""The numbers behind the explorers (loaded_dice.explorers.state), checked without any widget.

Expected values come from loaded_dice.core / loaded_dice.surface or from the formulas
written out here, never from the state module itself.
"""

import ast
import math
from pathlib import Path

import numpy as np
import pytest

import loaded_dice as ld
import loaded_dice.explorers as explorers
from loaded_dice.explorers import state as S
from loaded_dice.surface import slice_dice

PACKAGE = Path(explorers.__file__).parent
T = ld.ARTICLE_COUNTS  # 2, 5, 2, 4, 2, 5


# ----------------------------------------------------------------------------- structure


def test_the_state_module_imports_no_widgets_and_no_plotting():
    tree = ast.parse((PACKAGE / "state.py").read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
    assert imported <= {"__future__", "math", "re", "dataclasses", "numpy", "..core", "..checks", "..surface"}, imported


def test_no_explorer_module_is_over_400_lines():
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.glob("*.py")}
    assert {"base.py", "die.py", "coin.py", "simplex.py", "state.py"} <= set(sizes)
    assert max(sizes.values()) <= 400, sizes


# ----------------------------------------------------------------------------- the data


@pytest.mark.parametrize("text", ["1, 2, 3", "1, 2, 3, 4, 5, -6", "1.5, 2, 3, 4, 5, 6",
                                  "0, 0, 0, 0, 0, 0", "", "a, b, c, d, e, f",
                                  "1, 2, 3, 4, 5, 99999999999999999999999"])
def test_parse_counts_rejects_what_is_not_six_counts_with_a_roll(text):
    with pytest.raises(ValueError, match="Counts must|no rolls"):
        S.parse_counts(text)


def test_parse_and_format_counts_round_trip():
    t = S.parse_counts(" 3,3, 3 , 3, 3, 5 ")
    np.testing.assert_array_equal(t, [3, 3, 3, 3, 3, 5])
    assert S.format_counts(t) == "3, 3, 3, 3, 3, 5"
    np.testing.assert_array_equal(S.parse_counts("1, 2", faces=2), [1, 2])


def test_impossible_face_is_the_first_face_seen_with_probability_zero():
    assert S.impossible_face([0.5, 0.5, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0]) is None
    assert S.impossible_face([0.5, 0.5, 0, 0, 0, 0], [1, 1, 0, 3, 2, 0]) == 3
    assert S.impossible_face([0.5, 0.5, 0, 0, 0, 0], [1, 1, 0, 3, 2, 0], skip=(3,)) == 4


# ----------------------------------------------------------------------------- the die's readout


def test_die_readout_for_the_fair_die():
    r = S.die_readout(ld.FAIR_DIE, T)
    assert r.likelihood == pytest.approx(6.0**-20, rel=1e-12)
    assert r.log_likelihood == pytest.approx(-20 * math.log(6), rel=1e-12)
    best = sum(k * math.log(k / 20) for k in T.tolist())
    assert r.best_log_likelihood == pytest.approx(best, rel=1e-12)
    assert r.gap == pytest.approx(best + 20 * math.log(6), rel=1e-12)
    assert r.log10_likelihood == pytest.approx(-20 * math.log10(6), rel=1e-12)
    assert r.impossible_face is None


def test_die_readout_when_the_data_are_impossible_or_l_underflows():
    r = S.die_readout([0.2, 0.2, 0.2, 0.0, 0.2, 0.2], T)
    assert (r.likelihood, r.log_likelihood, r.gap, r.impossible_face) == (0.0, -math.inf, math.inf, 3)
    big = 2000 * T
    r = S.die_readout(ld.FAIR_DIE, big)
    assert r.likelihood == 0.0
    assert r.log10_likelihood == pytest.approx(-40000 * math.log10(6), rel=1e-12)


# ----------------------------------------------------------------------------- the surface


def test_slice_keys_separate_the_picture_from_the_off_slice_weights():
    y = np.array([0.1, 0.2, 0.3, 0.1, 0.2, 0.1])
    values, shape = S.slice_keys(y, T, 0, 1, "log")
    # the slice faces move, the others keep their proportions: same keys
    y2 = np.array([0.3, 0.1, 0.3, 0.1, 0.2, 0.1]) * np.array([1, 1, 0.6 / 0.7, 0.6 / 0.7, 0.6 / 0.7, 0.6 / 0.7])
    y2 = y2 / y2.sum()
    np.testing.assert_allclose(y2[2:] / y2[2:].sum(), y[2:] / y[2:].sum())
    assert S.slice_keys(y2, T, 0, 1, "log") == (values, shape)
    # other off-slice proportions: new values, same picture
    v3, s3 = S.slice_keys([0.1, 0.2, 0.1, 0.3, 0.2, 0.1], T, 0, 1, "log")
    assert v3 != values and s3 == shape
    # data, slice and mode change the picture
    for args in [(y, T + 1, 0, 1, "log"), (y, T, 0, 2, "log"), (y, T, 0, 1, "lik")]:
        assert S.slice_keys(*args)[1] != shape


def test_colour_floor_is_the_tenth_percentile_clipped_to_5_and_60():
    assert S.colour_floor(np.linspace(-1, 0, 101)) == -5.0
    assert S.colour_floor(np.linspace(-100, 0, 101)) == pytest.approx(-60.0)
    assert S.colour_floor(np.linspace(-30, 0, 101)) == pytest.approx(-27.0)
    assert S.colour_floor([np.nan, -np.inf]) == -10.0


@pytest.mark.parametrize("i, j", [(0, 1), (3, 5)])
def test_slice_picture_is_log_l_relative_to_the_best_die_on_the_slice(i, j):
    a, b = np.meshgrid(np.linspace(0.05, 0.45, 9), np.linspace(0.05, 0.45, 9))
    w = np.array([0.3, 0.1, 0.2, 0.2, 0.1, 0.1])
    w[[i, j]] = 0
    w /= w.sum()
    picture = S.slice_picture(T, i, j, a, b, "log")
    assert picture.best == pytest.approx((T[i] / 20, T[j] / 20))
    dice = slice_dice(a, b, w, i, j)
    logs = np.array([ld.log_likelihood(d, T) for d in dice.reshape(-1, 6)]).reshape(a.shape)
    best = ld.log_likelihood(slice_dice(*picture.best, w, i, j), T)
    np.testing.assert_allclose(picture.field, logs - best, atol=1e-9)
    assert picture.clim == pytest.approx((S.colour_floor(logs - best), 0.0), abs=1e-9)
    assert picture.levels == S.LOG_LEVELS
    lik = S.slice_picture(T, i, j, a, b, "lik")
    np.testing.assert_allclose(lik.field, np.exp(logs - best), rtol=1e-9)
    assert lik.clim == (0.0, 1.0)
    with pytest.raises(ValueError, match="mode"):
        S.slice_picture(T, i, j, a, b, "linear")


def test_slice_picture_marks_impossible_points_below_the_floor():
    t = np.array([3, 1, 0, 0, 0, 0])
    a = np.array([0.0, 0.5])  # a = 0 is impossible: face 1 came up
    picture = S.slice_picture(t, 0, 1, a, np.array([0.5, 0.5]), "log")
    assert picture.field[0] == picture.clim[0] - 1.0
    assert np.isfinite(picture.field[1])


def test_slice_values_top_blocked_face_and_underflow():
    y = np.array([0.1, 0.1, 0.3, 0.2, 0.2, 0.1])
    top = S.slice_values(y, T, 0, 1, S.slice_picture(T, 0, 1, 0.5, 0.25, "log").shape_max)
    rest = np.array([0.3, 0.2, 0.2, 0.1]) / 0.8 * 13 / 20
    assert top.best_log_likelihood == pytest.approx(ld.log_likelihood([0.1, 0.25, *rest], T), rel=1e-12)
    assert top.blocked_face is None and not top.likelihood_underflows
    blocked = S.slice_values([0.1, 0.1, 0.3, 0.0, 0.4, 0.1], T, 0, 1, 0.0)
    assert (blocked.best_log_likelihood, blocked.blocked_face) == (-math.inf, 3)
    assert S.SliceValues(-746.0, None).likelihood_underflows
    assert not S.SliceValues(-700.0, None).likelihood_underflows


# ----------------------------------------------------------------------------- the coin


@pytest.mark.parametrize("p", [0.2, 0.5, 0.7, 0.93])
def test_coin_state_matches_the_formulas(p):
    s = S.CoinState(14, 6, p)
    L = p**14 * (1 - p) ** 6
    assert s.p_hat == 0.7
    assert s.likelihood == pytest.approx(L, rel=1e-12)
    assert s.log_likelihood == pytest.approx(math.log(L), rel=1e-12)
    assert s.slope == pytest.approx(14 / p - 6 / (1 - p), abs=1e-9)
    h = 1e-5  # central differences of the curve itself
    f = lambda q: float(S.coin_log_likelihood(14, 6, q))  # noqa: E731
    assert s.second_derivative == pytest.approx((f(p + h) - 2 * f(p) + f(p - h)) / h**2, rel=1e-4)
    dL = 14 * p**13 * (1 - p) ** 6 - 6 * p**14 * (1 - p) ** 5
    assert s.likelihood_slope == pytest.approx(dL, rel=1e-9, abs=1e-9 * L)
    xs, ys = s.tangent("log")
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(14 / p - 6 / (1 - p), abs=1e-9)
    xs, ys = s.tangent("lik")
    assert np.interp(p, xs, ys) == pytest.approx(L, rel=1e-9)
    xq, yq = s.parabola()
    k = int(np.argmin(np.abs(xq - p)))
    second = np.gradient(np.gradient(yq, xq), xq)[k]
    assert second == pytest.approx(s.second_derivative, rel=1e-6)


def test_coin_log_likelihood_keeps_0_log_0_at_the_ends():
    assert S.coin_log_likelihood(3, 0, 1.0) == 0.0
    assert S.coin_log_likelihood(0, 3, 0.0) == 0.0
    assert S.coin_log_likelihood(3, 1, 1.0) == -math.inf


# ----------------------------------------------------------------------------- the simplex


def test_simplex_state_point_prediction_and_log_probability():
    s = S.SimplexState([0.2, 0.3, 0.5], ("dog", "fox", "wolf"), "fox")
    np.testing.assert_allclose(s.point, [0.3 + 0.5 * 0.5, 0.5 * math.sqrt(3) / 2])
    assert s.prediction == "wolf" and s.best == (2,)
    assert s.log_probability == pytest.approx(math.log(0.3))
    tie = S.SimplexState([0.2, 0.4, 0.4], ("dog", "fox", "wolf"), "dog")
    assert tie.prediction == "a tie between fox and wolf"
    assert S.SimplexState([0.5, 0.0, 0.5], ("dog", "fox", "wolf"), "fox").log_probability == -math.inf
    with pytest.raises(ValueError, match="three class probabilities"):
        S.SimplexState([0.5, 0.5], ("dog", "fox", "wolf"), "dog")
