"""Tests for loaded_dice.symbolic.

Every derivation must report ``holds``; the key results are then checked again here,
independently: by substituting numbers, by building the expected expression in the test, or
against the numerical library.
"""

import dataclasses
import math

import numpy as np
import pytest
import sympy as sp

from loaded_dice import ARTICLE_COUNTS, cross_entropy, entropy, kl_divergence, log_likelihood
from loaded_dice import symbolic as S

ALL = [
    S.log_rules,
    S.log_likelihood_expansion,
    S.log_is_increasing,
    S.coin_mle,
    S.die_lagrangian,
    S.die_lagrangian_general,
    S.die_second_order,
    S.cross_entropy_identity,
    S.softmax_gradient,
]


@pytest.fixture(scope="module")
def derivations():
    return {f.__name__: f() for f in ALL}


# --------------------------------------------------------------------------- the Derivation record


@pytest.mark.parametrize("name", [f.__name__ for f in ALL])
def test_every_derivation_holds_and_is_well_formed(derivations, name):
    d = derivations[name]
    assert isinstance(d, S.Derivation)
    assert d.holds is True
    assert isinstance(d.title, str) and d.title
    assert isinstance(d.steps, list) and d.steps
    for label, obj in d.steps:
        assert isinstance(label, str) and label
        assert isinstance(obj, sp.Basic)
    assert d.result is not None
    latex = d.latex()
    assert latex.startswith("\\begin{aligned}") and latex.endswith("\\end{aligned}")
    assert "holds" in d.verdict()


def test_derivation_is_frozen(derivations):
    with pytest.raises(dataclasses.FrozenInstanceError):
        derivations["log_rules"].holds = False


def test_false_identity_does_not_hold():
    a = sp.Symbol("a", positive=True)
    b = sp.Symbol("b", positive=True)
    assert S.check_identity(sp.log(a + b), sp.log(a) + sp.log(b)).holds is False
    assert S.check_identity(sp.log(a**2), 3 * sp.log(a)).holds is False
    assert S.check_identity(sp.log(a * b), sp.log(a) + sp.log(b)).holds is True
    assert "does NOT hold" in S.check_identity(a, b, title="a = b").verdict()


def test_log_of_product_needs_positivity():
    # with no assumptions sympy must not split log(xy): the check is not a rubber stamp
    x, y = sp.symbols("x y")
    assert S.check_identity(sp.log(x * y), sp.log(x) + sp.log(y)).holds is False


# --------------------------------------------------------------------------- logs


def test_log_rules_numerically(derivations):
    r = derivations["log_rules"].result
    a, b = sp.symbols("a b", positive=True)
    e = sp.Symbol("r", real=True)
    values = {a: 2.5, b: 3.25, e: -1.75}   # rule (2) holds for negative exponents too
    for eq in (r["product"], r["power"]):
        lhs = eq.lhs.subs(values).evalf()
        rhs = eq.rhs.subs(values).evalf()
        assert float(lhs) == pytest.approx(float(rhs), rel=1e-14)
    assert float(r["product"].lhs.subs(values)) == pytest.approx(math.log(2.5 * 3.25))
    assert float(r["power"].lhs.subs(values)) == pytest.approx(-1.75 * math.log(2.5))


def test_the_log_rule_proof_rejects_false_rules():
    from loaded_dice.symbolic import _same_function_of

    a, b = sp.symbols("a b", positive=True)
    assert _same_function_of(sp.log(a * b), sp.log(a) + sp.log(b), a, 1)
    assert not _same_function_of(sp.log(a * b), sp.log(a) * sp.log(b), a, 1)      # wrong rule
    assert not _same_function_of(sp.log(a + b), sp.log(a) + sp.log(b), a, 1)      # log of a sum
    assert not _same_function_of(sp.log(a**b), b**2 * sp.log(a), a, 1)           # wrong exponent


def test_log_likelihood_expansion_result(derivations):
    d = derivations["log_likelihood_expansion"]
    ys = sp.symbols("y1:7", positive=True)
    ts = sp.symbols("t1:7", integer=True, nonnegative=True)
    expected = sum(t * sp.log(y) for y, t in zip(ys, ts))
    assert sp.simplify(d.result - expected) == 0
    # with the article's numbers it is the library's log-likelihood
    y_num = [0.1, 0.25, 0.1, 0.2, 0.1, 0.25]
    value = d.result.subs({**dict(zip(ys, y_num)), **dict(zip(ts, [2, 5, 2, 4, 2, 5]))})
    assert float(value) == pytest.approx(log_likelihood(y_num, ARTICLE_COUNTS), rel=1e-13)
    labels = [label for label, _ in d.steps]
    assert any("(3.5)" in s for s in labels) and any("(3.6)" in s for s in labels)
    assert labels.index(next(s for s in labels if "(3.5)" in s)) < labels.index(
        next(s for s in labels if "(3.6)" in s)
    )
    N = sp.Symbol("N")
    assert sp.Eq(N, sum(ts), evaluate=False) in [obj for _, obj in d.steps]
    assert sp.Eq(N, 20, evaluate=False) in [obj for _, obj in d.steps]


def test_log_likelihood_expansion_other_k():
    d = S.log_likelihood_expansion(k=3)
    assert d.holds is True
    ys = sp.symbols("y1:4", positive=True)
    ts = sp.symbols("t1:4", integer=True, nonnegative=True)
    assert sp.simplify(d.result - sum(t * sp.log(y) for y, t in zip(ys, ts))) == 0


def test_log_is_increasing(derivations):
    d = derivations["log_is_increasing"]
    x = sp.Symbol("x", positive=True)
    assert sp.simplify(d.result - 1 / x) == 0
    for value in (0.01, 1, 100):
        assert float(d.result.subs(x, value)) == pytest.approx(1 / value)


# --------------------------------------------------------------------------- maximum likelihood


def test_coin_mle_numbers(derivations):
    r = derivations["coin_mle"].result
    a, b = sp.symbols("a b", positive=True)
    p = sp.Symbol("p", positive=True)
    assert r["p_hat"].subs({a: 3, b: 7}) == sp.Rational(3, 10)
    assert r["p_hat"].subs({a: 12, b: 8}) == sp.Rational(3, 5)
    # second derivative by hand: -a/p^2 - b/(1-p)^2 at p = 3/10 with a=3, b=7
    by_hand = -3 / 0.3**2 - 7 / 0.7**2
    assert float(r["second_derivative_at_p_hat"].subs({a: 3, b: 7})) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(-(10**3) / 21)
    # p_hat really is the top: L is smaller on either side
    L = sp.lambdify(p, r["L"].subs({a: 3, b: 7}))
    assert L(0.3) > L(0.29) and L(0.3) > L(0.31)
    grid = np.linspace(0.001, 0.999, 999)
    assert grid[np.argmax(L(grid))] == pytest.approx(0.3, abs=1e-3)
    assert sp.simplify(r["dlogL"] - (a / p - b / (1 - p))) == 0


def test_die_lagrangian(derivations):
    r = derivations["die_lagrangian"].result
    ts = sp.symbols("t1:7", positive=True)
    N = sum(ts)
    assert len(r["y_hat"]) == 6
    for y_hat, t in zip(r["y_hat"], ts):
        assert sp.simplify(y_hat - t / N) == 0
    assert sp.simplify(r["lam"] - N) == 0
    # article's counts: y_hat = t / 20
    subs = dict(zip(ts, [2, 5, 2, 4, 2, 5]))
    assert [v.subs(subs) for v in r["y_hat"]] == [sp.Rational(k, 20) for k in [2, 5, 2, 4, 2, 5]]


def test_die_lagrangian_general(derivations):
    r = derivations["die_lagrangian_general"].result
    t = sp.IndexedBase("t", positive=True)
    i, j = sp.symbols("i j", integer=True, positive=True)
    K = sp.Symbol("K", integer=True, positive=True)
    assert sp.simplify(r["y_hat"] - t[j] / sp.Sum(t[i], (i, 1, K))) == 0
    # with K = 3 and concrete counts the sum is what it should be
    value = r["y_hat"].subs(K, 3).doit().subs(j, 3).subs({t[1]: 1, t[2]: 2, t[3]: 7})
    assert value == sp.Rational(7, 10)


def test_die_lagrangian_other_k():
    d = S.die_lagrangian(k=3)
    assert d.holds is True
    ts = sp.symbols("t1:4", positive=True)
    assert all(sp.simplify(v - t / sum(ts)) == 0 for v, t in zip(d.result["y_hat"], ts))


def test_die_second_order(derivations):
    r = derivations["die_second_order"].result
    ys = sp.symbols("y1:7", positive=True)
    ts = sp.symbols("t1:7", positive=True)
    expected = sp.diag(*[-t / y**2 for y, t in zip(ys, ts)])
    assert (r["hessian"] - expected).applyfunc(sp.simplify) == sp.zeros(6, 6)
    # reduced Hessian by hand: -N^2/t_i on the diagonal plus -N^2/t_6 everywhere (N = 20, t_6 = 5)
    t = np.array([2, 5, 2, 4, 2, 5])
    by_hand = -(20**2) * (np.diag(1 / t[:5]) + 1 / t[5])
    got = np.array(r["reduced_hessian_at_mle"].tolist(), dtype=float)
    np.testing.assert_allclose(got, by_hand, rtol=1e-14)
    assert all(isinstance(v, sp.Rational) for v in r["reduced_hessian_at_mle"])
    eig = np.linalg.eigvalsh(by_hand)
    np.testing.assert_allclose(sorted(r["eigenvalues"]), sorted(eig), rtol=1e-10)
    assert all(v < 0 for v in r["eigenvalues"])


def test_die_second_order_other_counts():
    d = S.die_second_order(k=3, t=[1, 1, 2])
    assert d.holds is True
    # N = 4: -16 * (diag(1, 1) + 1/2)
    assert d.result["reduced_hessian_at_mle"] == sp.Matrix([[-24, -8], [-8, -24]])
    assert sorted(d.result["eigenvalues"]) == pytest.approx([-32, -16])


def test_die_second_order_bad_counts():
    with pytest.raises(ValueError, match=r"need 3 positive counts for the concrete check; got \[1, 0, 2\]"):
        S.die_second_order(k=3, t=[1, 0, 2])


# --------------------------------------------------------------------------- cross-entropy


def test_cross_entropy_identity_numbers(derivations):
    r = derivations["cross_entropy_identity"].result
    ps = sp.symbols("p1:7", positive=True)
    qs = sp.symbols("q1:7", positive=True)
    p = [0.1, 0.25, 0.1, 0.2, 0.1, 0.25]
    q = [0.3, 0.1, 0.1, 0.2, 0.1, 0.2]
    subs = {**dict(zip(ps, p)), **dict(zip(qs, q))}
    assert float(r["H_pq"].subs(subs)) == pytest.approx(cross_entropy(p, q), rel=1e-13)
    assert float(r["H_p"].subs(subs)) == pytest.approx(entropy(p), rel=1e-13)
    assert float(r["KL"].subs(subs)) == pytest.approx(kl_divergence(p, q), rel=1e-12)
    ys = sp.symbols("y1:7", positive=True)
    ts = sp.symbols("t1:7", positive=True)
    subs2 = {**dict(zip(ys, q)), **dict(zip(ts, [2, 5, 2, 4, 2, 5]))}
    value = float(r["average_negative_log_likelihood"].subs(subs2))
    assert value == pytest.approx(-log_likelihood(q, ARTICLE_COUNTS) / 20, rel=1e-13)
    assert float(r["cross_entropy"].subs(subs2)) == pytest.approx(value, rel=1e-13)


# --------------------------------------------------------------------------- softmax


@pytest.mark.parametrize("c", [1, 2, 3])
def test_softmax_gradient_matches_finite_differences(c):
    d = S.softmax_gradient(k=3, c=c)
    assert d.holds is True
    zs = sp.symbols("z1:4", real=True)
    z0 = np.array([0.3, -1.2, 2.0])

    def loss(z):
        return -(z[c - 1] - math.log(np.exp(z).sum()))

    grad = [float(g.subs(dict(zip(zs, z0)))) for g in d.result["gradient"]]
    p = np.exp(z0) / np.exp(z0).sum()
    by_hand = p - np.eye(3)[c - 1]
    np.testing.assert_allclose(grad, by_hand, rtol=1e-12)
    h = 1e-6
    for j in range(3):
        e = np.eye(3)[j] * h
        fd = (loss(z0 + e) - loss(z0 - e)) / (2 * h)
        assert grad[j] == pytest.approx(fd, rel=1e-6, abs=1e-8)


def test_softmax_gradient_bad_class():
    with pytest.raises(ValueError, match=r"the true class c must be in 1\.\.3; got c = 4"):
        S.softmax_gradient(k=3, c=4)


def test_latex_escapes_step_labels_for_text_mode():
    """Labels such as 'dL/dy_i' would be a TeX error inside \\text{...} unless escaped."""
    import sympy as sp

    from loaded_dice.symbolic import Derivation

    d = Derivation(title="t", steps=[("slope dL/dy_i at p^2 & 50%", sp.Integer(1))], result=None, holds=True)
    tex = d.latex()
    assert r"\textit{slope dL/dy\_i at p\^{}2 \& 50\%}" in tex
    assert d._repr_latex_() == f"$${tex}$$"


def test_every_derivation_latex_has_no_unescaped_text_underscores():
    import re

    from loaded_dice import symbolic as s

    for make in (s.log_rules, s.log_likelihood_expansion, s.coin_mle, s.die_lagrangian,
                 s.die_second_order, s.log_is_increasing, s.cross_entropy_identity, s.softmax_gradient):
        texts = re.findall(r"\\text(?:it)?\{((?:[^{}]|\{\})*)\}", make().latex())
        assert texts, make.__name__
        for text in texts:
            assert re.search(r"(?<!\\)[_^]", text) is None, (make.__name__, text)


def test_steps_latex_wraps_long_sums_and_truncates_long_tuples():
    import sympy as sp

    from loaded_dice.symbolic import step_latex, steps_latex

    x = sp.symbols("x1:13")
    long_sum = sp.Eq(sp.Symbol("S"), sp.Add(*[sp.log(v) * v for v in x]))
    wrapped = step_latex(long_sum, per_line=3)
    assert wrapped.count(r"\\") == 3  # 12 terms, 3 a line: 4 lines
    assert step_latex(sp.Tuple(*x), first=2).endswith(r"\dots")
    block = steps_latex([("slope dL/dy_i", sp.Integer(0))])
    assert block.startswith(r"\begin{aligned}") and r"\textit{slope dL/dy\_i}" in block
