"""The sympy derivations the book displays and asserts.

Each public derivation returns a :class:`Derivation`: a title, the steps in the order a chapter
shows them (``(label, sympy object)`` pairs), the final result, and ``holds`` — a bool that sympy
computed (``simplify(lhs - rhs) == 0``, a sign check, ...). ``holds`` is never written in by hand:
:func:`check_identity` shows that a false identity gives ``holds == False``.

Symbols are created with the assumptions the mathematics needs (probabilities ``y_k`` positive,
counts ``t_k`` non-negative integers, ...), because sympy only applies ``log(ab) = log a + log b``
when it knows ``a`` and ``b`` are positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from .core import ARTICLE_COUNTS

__all__ = [
    "Derivation",
    "check_identity",
    "y_symbols",
    "t_symbols",
    "log_rules",
    "log_likelihood_expansion",
    "coin_mle",
    "die_lagrangian",
    "die_lagrangian_general",
    "die_second_order",
    "log_is_increasing",
    "cross_entropy_identity",
    "softmax_gradient",
    "show",
    "steps_latex",
    "step_latex",
    "tex_text",
]


@dataclass(frozen=True)
class Derivation:
    """A derivation: a title, labelled sympy steps, the result, and whether sympy confirms it."""

    title: str
    steps: list = field(default_factory=list)
    result: Any = None
    holds: bool = False

    def latex(self, first: int | None = None, labels=None) -> str:
        """Return the steps as one LaTeX ``aligned`` block, the way the chapters show them.

        The same layout as :func:`steps_latex` (each label on its own line, long steps wrapped);
        ``first`` and ``labels`` are passed on to it.
        """
        return steps_latex(self.steps, first=first, labels=labels)

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def verdict(self) -> str:
        """Return a one-line verdict for the chapter to print, e.g. ``'✓ log rules: holds'``."""
        return f"{'✓' if self.holds else '✗'} {self.title}: {'holds' if self.holds else 'does NOT hold'}"


# --------------------------------------------------------------------------- display


def step_latex(obj, first: int | None = None, per_line: int = 3, width: int = 110) -> str:
    """Return LaTeX for one derivation step, kept narrow enough for a book page.

    A long tuple shows only its ``first`` entries and an ellipsis; an equation whose right-hand
    side is a long sum (over ``width`` LaTeX characters) wraps ``per_line`` terms to a line.
    """
    if isinstance(obj, sp.Tuple) and first is not None and len(obj) > first:
        return r",\; ".join(sp.latex(e) for e in obj[:first]) + r",\; \dots"
    if isinstance(obj, sp.Equality) and isinstance(obj.rhs, sp.Add) and len(sp.latex(obj)) > width:
        terms = [sp.latex(term) for term in obj.rhs.as_ordered_terms()]
        signed = [term if n == 0 or term.startswith("-") else "+ " + term for n, term in enumerate(terms)]
        lines = [" ".join(signed[i:i + per_line]) for i in range(0, len(signed), per_line)]
        return sp.latex(obj.lhs) + " = " + r" \\ &\qquad ".join(lines)
    return sp.latex(obj)


def show(steps, first: int | None = None, labels=None) -> None:
    """Display derivation steps (a :class:`Derivation` or ``(label, sympy object)`` pairs) as math.

    The one way the chapters show a derivation: ``S.show(S.coin_mle())`` or
    ``S.show(d.steps[:3], labels=[...])``. Needs IPython (a notebook); see :func:`steps_latex`.
    """
    from IPython.display import Math, display

    if isinstance(steps, Derivation):
        steps = steps.steps
    display(Math(steps_latex(steps, first=first, labels=labels)))


def steps_latex(steps, first: int | None = None, labels=None) -> str:
    """Return (label, sympy object) steps as one ``aligned`` block, each label on its own line.

    ``labels``, if given, are LaTeX replacements for the steps' plain-text labels.
    """
    if labels is None:
        labels = [rf"\textit{{{tex_text(label)}}}" for label, _ in steps]
    lines = [rf"&{label}: \\ &\quad {step_latex(obj, first)}" for label, (_, obj) in zip(labels, steps)]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


# --------------------------------------------------------------------------- helpers

_TEX_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "_": r"\_",
    "^": r"\^{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "{": r"\{",
    "}": r"\}",
    "~": r"\~{}",
}


def tex_text(label: str) -> str:
    """Escape a plain-text step label for ``\\text{...}`` (``dL/dy_i`` would be a TeX error)."""
    return "".join(_TEX_TEXT_ESCAPES.get(ch, ch) for ch in label)



def _is_zero(expr) -> bool:
    """True when sympy can show ``expr`` is identically zero (matrices: every entry)."""
    if isinstance(expr, sp.MatrixBase):
        return all(_is_zero(e) for e in expr)
    expr = sp.sympify(expr)
    if expr == 0:
        return True
    expr = sp.expand_log(expr, force=False)
    return bool(sp.simplify(expr) == 0)


def _equal(lhs, rhs) -> bool:
    """True when sympy shows ``lhs - rhs`` simplifies to zero."""
    return _is_zero(sp.sympify(lhs) - sp.sympify(rhs))


def _eq(lhs, rhs) -> sp.Eq:
    """An unevaluated equation for display."""
    return sp.Eq(lhs, rhs, evaluate=False)


def check_identity(lhs, rhs, title: str = "identity") -> Derivation:
    """Return a Derivation of ``lhs = rhs`` whose ``holds`` says whether sympy confirms it.

    Works for a true identity and a false one alike (``holds`` is then False), so a chapter or
    exercise can check any claim the reader makes.
    """
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    return Derivation(
        title=title,
        steps=[("claim", _eq(lhs, rhs))],
        result=_eq(lhs, rhs),
        holds=_equal(lhs, rhs),
    )


def y_symbols(k: int = 6) -> tuple:
    """Return the positive symbols ``(y1, ..., yk)``: the model's face probabilities."""
    return sp.symbols(f"y1:{k + 1}", positive=True)


def t_symbols(k: int = 6, positive: bool = False) -> tuple:
    """Return the symbols ``(t1, ..., tk)``: face counts (non-negative integers by default).

    With ``positive=True`` they are positive reals instead, as the Lagrangian argument needs
    (divide by ``t_i``, every face seen at least once).
    """
    if positive:
        return sp.symbols(f"t1:{k + 1}", positive=True)
    return sp.symbols(f"t1:{k + 1}", integer=True, nonnegative=True)


def _int_counts(t) -> list[int]:
    t = [int(v) for v in np.asarray(t).ravel().tolist()]
    if any(v < 0 for v in t):
        raise ValueError(f"counts must be non-negative; got {t}")
    return t


# --------------------------------------------------------------------------- logarithms


def _same_function_of(lhs, rhs, var, at) -> bool:
    """True when ``lhs - rhs`` has derivative 0 in ``var`` and is 0 at ``var = at``.

    A proof, not a rewrite: the gap never changes as ``var`` moves over an interval containing
    ``at``, and it is zero there, so it is zero on the whole interval. (Asking ``expand_log`` to
    apply a rule and then checking that it was applied would prove nothing.)
    """
    gap = sp.sympify(lhs) - sp.sympify(rhs)
    return bool(sp.simplify(sp.diff(gap, var)) == 0 and sp.simplify(gap.subs(var, at)) == 0)


def log_rules() -> Derivation:
    """Return the two log rules (1) ``log(ab) = log a + log b`` and (2) ``log(a**r) = r log a``.

    ``a`` and ``b`` are positive symbols, ``r`` any real number. Each rule is proved the way the
    chapter does by hand: the gap ``lhs - rhs`` has derivative 0 in ``a`` and is 0 at ``a = 1``.
    """
    a, b = sp.symbols("a b", positive=True)
    r = sp.Symbol("r", real=True)
    rule1_lhs, rule1_rhs = sp.log(a * b), sp.log(a) + sp.log(b)
    rule2_lhs, rule2_rhs = sp.log(a**r), r * sp.log(a)
    rule1 = _eq(rule1_lhs, rule1_rhs)
    rule2 = _eq(rule2_lhs, rule2_rhs)
    holds = _same_function_of(rule1_lhs, rule1_rhs, a, 1) and _same_function_of(rule2_lhs, rule2_rhs, a, 1)
    return Derivation(
        title="log rules for positive a, b and real r",
        steps=[("(1) log of a product", rule1), ("(2) log of a power", rule2)],
        result={"product": rule1, "power": rule2},
        holds=bool(holds),
    )


def log_likelihood_expansion(k: int = 6) -> Derivation:
    """Return the expansion (3.5) ``log L = log prod y_i**t_i`` -> ... -> (3.6) ``sum t_i log y_i``.

    Steps: (3.5), rule (1) gives a sum of ``log(y_i**t_i)``, rule (2) gives (3.6), then
    ``N = sum t_i`` and (3.6) with the article's counts (when ``k == 6``). Every step is checked
    equal to the previous one. The result is the expression ``sum t_i log y_i``.
    """
    ys, ts = y_symbols(k), t_symbols(k)
    L = sp.Symbol("L")
    product = sp.Mul(*[y**t for y, t in zip(ys, ts)])
    s35 = sp.log(product)
    s_rule1 = sp.Add(*[sp.log(y**t) for y, t in zip(ys, ts)], evaluate=False)
    s36 = sp.Add(*[t * sp.log(y) for y, t in zip(ys, ts)])
    # proved, not rewritten: the gap between (3.5) and (3.6) has every partial derivative 0 and is 0
    # at y = (1, ..., 1); the middle step is checked term by term the same way
    gap = s35 - s36
    holds = all(sp.simplify(sp.diff(gap, y)) == 0 for y in ys) and sp.simplify(
        gap.subs({y: 1 for y in ys})) == 0
    holds = holds and all(_same_function_of(sp.log(y**t), t * sp.log(y), y, 1) for y, t in zip(ys, ts))
    N = sp.Symbol("N")
    steps = [
        ("article (3.4): the likelihood", _eq(L, product)),
        ("article (3.5): take logs", _eq(sp.log(L), s35)),
        ("rule (1): log of a product", _eq(sp.log(L), s_rule1)),
        ("rule (2), i.e. article (3.6)", _eq(sp.log(L), s36)),
        ("number of rolls", _eq(N, sp.Add(*ts))),
    ]
    if k == len(ARTICLE_COUNTS):
        sub = dict(zip(ts, [int(v) for v in ARTICLE_COUNTS]))
        steps.append(("article (3.6) with the article's counts", _eq(sp.log(L), s36.subs(sub))))
        steps.append(("the article's number of rolls", _eq(N, sp.Add(*ts).subs(sub))))
        holds = holds and sp.Add(*ts).subs(sub) == int(np.sum(ARTICLE_COUNTS))
    return Derivation(
        title="log-likelihood: from (3.5) to (3.6)",
        steps=steps,
        result=s36,
        holds=bool(holds),
    )


def log_is_increasing() -> Derivation:
    """Return ``d/dx log x = 1/x > 0`` for ``x > 0``: log is increasing, so argmax L = argmax log L.

    Also the chain rule ``d/dy log f(y) = f'(y) / f(y)``: where ``f > 0`` the two derivatives
    vanish at the same points.
    """
    x, y = sp.symbols("x y", positive=True)
    f = sp.Function("f")
    d = sp.diff(sp.log(x), x)
    chain = sp.diff(sp.log(f(y)), y)
    chain_expected = sp.Derivative(f(y), y) / f(y)
    holds = _equal(d, 1 / x) and d.is_positive is True and _equal(chain, chain_expected)
    return Derivation(
        title="log is strictly increasing",
        steps=[
            ("derivative of log", _eq(sp.Derivative(sp.log(x), x), d)),
            ("positive for x > 0", sp.StrictGreaterThan(d, 0, evaluate=False)),
            ("chain rule", _eq(sp.Derivative(sp.log(f(y)), y), chain_expected)),
        ],
        result=d,
        holds=bool(holds),
    )


# --------------------------------------------------------------------------- maximum likelihood


def coin_mle() -> Derivation:
    """Return the coin MLE: ``L = p**a (1-p)**b`` is maximised at ``p_hat = a / (a + b)``.

    Solves both ``dL/dp = 0`` and ``d log L/dp = 0`` on ``0 < p < 1`` (same answer), and checks
    the second derivative of ``log L`` at ``p_hat`` is ``-(a+b)**3 / (a b) < 0``: a maximum.
    Result keys: ``'L', 'logL', 'dlogL', 'p_hat', 'second_derivative_at_p_hat'``.
    """
    p = sp.Symbol("p", positive=True)
    a, b = sp.symbols("a b", positive=True)
    L = p**a * (1 - p) ** b
    # force=True is safe here: on 0 < p < 1 both p and 1 - p are positive
    logL = sp.expand_log(sp.log(L), force=True)
    dL = sp.diff(L, p)
    dlogL = sp.diff(logL, p)

    def in_unit_interval(s):
        # a/(a+b) style answers: positive and 1 - s positive for positive a, b
        return sp.simplify(s).is_positive is not False and sp.simplify(1 - s).is_positive is not False

    roots_L = [s for s in sp.solve(sp.Eq(dL, 0), p) if in_unit_interval(s)]
    roots_logL = [s for s in sp.solve(sp.Eq(dlogL, 0), p) if in_unit_interval(s)]
    p_hat = roots_logL[0] if len(roots_logL) == 1 else None
    second = sp.simplify(sp.diff(logL, p, 2).subs(p, p_hat)) if p_hat is not None else sp.nan
    expected_second = -((a + b) ** 3) / (a * b)
    holds = (
        len(roots_L) == 1
        and len(roots_logL) == 1
        and _equal(roots_L[0], roots_logL[0])
        and _equal(p_hat, a / (a + b))
        and _equal(second, expected_second)
        and second.is_negative is True
        and _equal(logL, a * sp.log(p) + b * sp.log(1 - p))
    )
    return Derivation(
        title="maximum likelihood for a coin",
        steps=[
            ("likelihood of a heads and b tails", _eq(sp.Symbol("L"), L)),
            ("log-likelihood", _eq(sp.log(sp.Symbol("L")), logL)),
            ("derivative of L", _eq(sp.Derivative(sp.Symbol("L"), p), dL)),
            ("derivative of log L", _eq(sp.Derivative(sp.log(sp.Symbol("L")), p), dlogL)),
            ("dL/dp = 0 gives", _eq(sp.Symbol(r"\hat{p}"), roots_L[0] if roots_L else sp.nan)),
            ("d log L/dp = 0 gives", _eq(sp.Symbol(r"\hat{p}"), p_hat if p_hat is not None else sp.nan)),
            ("second derivative at p_hat", _eq(sp.Symbol(r"\left.\frac{d^{2} \log L}{dp^{2}}\right|_{\hat{p}}"), second)),
        ],
        result={
            "L": L,
            "logL": logL,
            "dlogL": dlogL,
            "p_hat": p_hat,
            "second_derivative_at_p_hat": second,
        },
        holds=bool(holds),
    )


def die_lagrangian(k: int = 6) -> Derivation:
    """Return the Lagrange-multiplier derivation of the die's MLE, ``y_i = t_i / N``.

    ``Lambda = sum t_i log y_i - lam (sum y_i - 1)`` with general positive counts ``t_i``;
    ``dLambda/dy_i = t_i / y_i - lam = 0`` gives ``y_i = t_i / lam``; the constraint
    ``sum y_i = 1`` gives ``lam = N = sum t_i``. ``holds`` checks the solution satisfies every
    stationarity equation and the constraint. Result keys: ``'lagrangian', 'y_hat', 'lam'``.
    """
    ys, ts = y_symbols(k), t_symbols(k, positive=True)
    lam = sp.Symbol("lambda", positive=True)
    N = sp.Add(*ts)
    logL = sp.Add(*[t * sp.log(y) for y, t in zip(ys, ts)])
    constraint = sp.Add(*ys) - 1
    lagrangian = logL - lam * constraint
    grad = [sp.diff(lagrangian, y) for y in ys]
    y_of_lam = [sp.solve(sp.Eq(g, 0), y)[0] for g, y in zip(grad, ys)]
    lam_solutions = sp.solve(sp.Eq(sp.Add(*y_of_lam), 1), lam)
    lam_hat = lam_solutions[0] if len(lam_solutions) == 1 else sp.nan
    y_hat = [sp.simplify(v.subs(lam, lam_hat)) for v in y_of_lam]
    at_solution = {**dict(zip(ys, y_hat)), lam: lam_hat}
    holds = (
        len(lam_solutions) == 1
        and _equal(lam_hat, N)
        and all(_equal(v, t / lam) for v, t in zip(y_of_lam, ts))
        and all(_is_zero(g.subs(at_solution)) for g in grad)
        and _is_zero(constraint.subs(at_solution))
        and all(_equal(v, t / N) for v, t in zip(y_hat, ts))
    )
    Lam = sp.Symbol("Lambda")
    return Derivation(
        title="maximum likelihood for a die (Lagrange multiplier)",
        steps=[
            ("Lagrangian", _eq(Lam, lagrangian)),
            ("stationarity dLambda/dy_i = 0", sp.Tuple(*[_eq(g, 0) for g in grad])),
            ("solve each for y_i", sp.Tuple(*[_eq(y, v) for y, v in zip(ys, y_of_lam)])),
            ("constraint sum y_i = 1 gives lambda = N", _eq(lam, lam_hat)),
            ("maximum likelihood estimate", sp.Tuple(*[_eq(y, v) for y, v in zip(ys, y_hat)])),
        ],
        result={"lagrangian": lagrangian, "y_hat": y_hat, "lam": lam_hat},
        holds=bool(holds),
    )


def die_lagrangian_general() -> Derivation:
    """Return the Lagrange derivation for a die with a general number of faces ``K`` (sympy ``Sum``).

    Same argument as :func:`die_lagrangian` with indexed symbols ``y[i]``, ``t[i]``:
    ``y[j] = t[j] / lam`` and ``lam = Sum(t[i], (i, 1, K))``. Result keys as there,
    with ``'y_hat'`` the single expression for ``y[j]``.
    """
    y = sp.IndexedBase("y", positive=True)
    t = sp.IndexedBase("t", positive=True)
    i, j = sp.symbols("i j", integer=True, positive=True)
    K = sp.Symbol("K", integer=True, positive=True)
    lam = sp.Symbol("lambda", positive=True)
    lagrangian = sp.Sum(t[i] * sp.log(y[i]), (i, 1, K)) - lam * (sp.Sum(y[i], (i, 1, K)) - 1)
    # the face j we differentiate by is one of the K faces: 1 <= j <= K
    grad_j = sp.refine(sp.diff(lagrangian, y[j]).doit(), sp.Q.le(j, K))
    y_of_lam = sp.solve(sp.Eq(grad_j, 0), y[j])
    y_j = y_of_lam[0] if len(y_of_lam) == 1 else sp.nan
    total = sp.factor_terms(sp.Sum(y_j.subs(j, i), (i, 1, K)))
    lam_solutions = sp.solve(sp.Eq(total, 1), lam)
    lam_hat = lam_solutions[0] if len(lam_solutions) == 1 else sp.nan
    N = sp.Sum(t[i], (i, 1, K))
    y_hat = y_j.subs(lam, lam_hat)
    holds = (
        len(y_of_lam) == 1
        and len(lam_solutions) == 1
        and _equal(grad_j, t[j] / y[j] - lam)
        and _equal(lam_hat, N)
        and _equal(y_hat, t[j] / N)
        and _is_zero(grad_j.subs(y[j], y_hat).subs(lam, lam_hat))
    )
    return Derivation(
        title="maximum likelihood for a K-faced die (Lagrange multiplier)",
        steps=[
            ("Lagrangian", _eq(sp.Symbol("Lambda"), lagrangian)),
            ("stationarity in y_j", _eq(grad_j, 0)),
            ("solve for y_j", _eq(y[j], y_j)),
            ("constraint gives lambda = N", _eq(lam, lam_hat)),
            ("maximum likelihood estimate", _eq(y[j], y_hat)),
        ],
        result={"lagrangian": lagrangian, "y_hat": y_hat, "lam": lam_hat},
        holds=bool(holds),
    )


def _reduced_hessian(ts, k: int):
    """Hessian of log L in y_1..y_{k-1} after substituting y_k = 1 - (y_1 + ... + y_{k-1})."""
    free = y_symbols(k - 1)
    last = 1 - sp.Add(*free)
    reduced = sp.Add(*[t * sp.log(y) for y, t in zip(free, ts[:-1])]) + ts[-1] * sp.log(last)
    return sp.hessian(reduced, free)


def _at_mle(H, ts, k: int):
    """Substitute y_i = t_i / N (i < k) into a reduced Hessian and simplify each entry."""
    N = sp.Add(*ts)
    return H.subs({y: t / N for y, t in zip(y_symbols(k - 1), ts[:-1])}).applyfunc(sp.simplify)


def die_second_order(k: int = 6, t=None) -> Derivation:
    """Return the second-order check that ``y_hat = t / N`` is the unique maximum of ``log L``.

    * The Hessian of ``log L`` in ``y`` is ``diag(-t_i / y_i**2)``: negative definite for positive
      ``t_i, y_i``, so ``log L`` is strictly concave.
    * On the simplex (substitute ``y_k = 1 - sum of the others``) the ``(k-1) x (k-1)`` Hessian at
      ``y_hat`` is negative definite: shown symbolically for ``k = 3`` with general counts
      (leading minors), and exactly for the concrete counts ``t`` (default: the article's counts
      when ``k == 6``, otherwise ``1, 2, ..., k``).

    Result keys: ``'hessian'`` (symbolic, k x k), ``'reduced_hessian_at_mle'`` (exact rationals
    for the concrete counts), ``'eigenvalues'`` (floats, all negative).
    """
    ys, ts = y_symbols(k), t_symbols(k, positive=True)
    logL = sp.Add(*[tt * sp.log(y) for y, tt in zip(ys, ts)])
    hessian = sp.ImmutableMatrix(sp.hessian(logL, ys))
    expected = sp.diag(*[-tt / y**2 for y, tt in zip(ys, ts)])
    diag_negative = all(hessian[i, i].is_negative is True for i in range(k))

    # k = 3, general positive counts: reduced Hessian at the MLE via leading principal minors
    ts3 = t_symbols(3, positive=True)
    h3 = sp.ImmutableMatrix(_at_mle(_reduced_hessian(ts3, 3), ts3, 3))
    minor1 = sp.simplify(h3[0, 0])
    minor2 = sp.factor(sp.simplify(h3.det()))
    general_k3 = minor1.is_negative is True and minor2.is_positive is True

    # concrete counts, exact rationals
    if t is None:
        t = ARTICLE_COUNTS if k == len(ARTICLE_COUNTS) else np.arange(1, k + 1)
    counts = _int_counts(t)
    if len(counts) != k or any(c <= 0 for c in counts):
        raise ValueError(f"need {k} positive counts for the concrete check; got {counts}")
    concrete = [sp.Integer(c) for c in counts]
    n = sum(counts)
    at_mle = sp.ImmutableMatrix(
        _reduced_hessian(concrete, k).subs({y: sp.Rational(c, n) for y, c in zip(ys[:-1], counts)})
    )
    eigenvalues = sorted(float(v) for v in np.linalg.eigvalsh(np.array(at_mle.tolist(), dtype=float)))
    holds = (
        _equal(hessian, expected)
        and diag_negative
        and general_k3
        and bool(at_mle.is_negative_definite)
        and all(v < 0 for v in eigenvalues)
    )
    return Derivation(
        title="second-order check: the MLE is a maximum",
        steps=[
            ("Hessian of log L in y", hessian),
            ("k = 3 on the simplex: reduced Hessian at the MLE", h3),
            ("its first leading minor (negative)", minor1),
            ("its determinant (positive)", minor2),
            (f"reduced Hessian at the MLE for counts {counts}", at_mle),
            ("its eigenvalues (all negative)", sp.Tuple(*[sp.Float(v, 6) for v in eigenvalues])),
        ],
        result={
            "hessian": hessian,
            "reduced_hessian_at_mle": at_mle,
            "eigenvalues": eigenvalues,
        },
        holds=bool(holds),
    )


# --------------------------------------------------------------------------- cross-entropy


def cross_entropy_identity(k: int = 6) -> Derivation:
    """Return ``-(1/N) log L = H(t/N, y)`` and ``H(p, q) = H(p) + KL(p || q)``, checked by sympy.

    The first identity says: the average negative log-likelihood is the cross-entropy between the
    observed frequencies ``t_i / N`` and the model ``y``. Result keys:
    ``'average_negative_log_likelihood', 'cross_entropy', 'H_p', 'KL', 'H_pq'``.
    """
    ys, ts = y_symbols(k), t_symbols(k, positive=True)
    N = sp.Add(*ts)
    lhs = -sp.Add(*[t * sp.log(y) for y, t in zip(ys, ts)]) / N
    rhs = -sp.Add(*[(t / N) * sp.log(y) for y, t in zip(ys, ts)])
    ps = sp.symbols(f"p1:{k + 1}", positive=True)
    qs = sp.symbols(f"q1:{k + 1}", positive=True)
    H_pq = -sp.Add(*[p * sp.log(q) for p, q in zip(ps, qs)])
    H_p = -sp.Add(*[p * sp.log(p) for p in ps])
    KL = sp.Add(*[p * sp.log(p / q) for p, q in zip(ps, qs)])
    holds = _equal(lhs, rhs) and _equal(H_pq, H_p + KL)
    H = sp.Function("H")
    return Derivation(
        title="log-likelihood per roll and cross-entropy",
        steps=[
            ("average negative log-likelihood", _eq(-sp.log(sp.Symbol("L")) / sp.Symbol("N"), lhs)),
            ("= cross-entropy of t/N and y", _eq(lhs, rhs)),
            ("cross-entropy", _eq(H(sp.Symbol("p"), sp.Symbol("q")), H_pq)),
            ("= entropy + KL divergence", _eq(H_pq, H_p + KL)),
        ],
        result={
            "average_negative_log_likelihood": lhs,
            "cross_entropy": rhs,
            "H_p": H_p,
            "KL": KL,
            "H_pq": H_pq,
        },
        holds=bool(holds),
    )


def softmax_gradient(k: int = 3, c: int = 1) -> Derivation:
    """Return the gradient of ``-log softmax(z)_c``: ``d loss / d z_j = p_j - [j == c]`` for all j.

    ``c`` is the true class, counted from 1. Result keys: ``'loss', 'gradient', 'expected'``.
    """
    if not 1 <= c <= k:
        raise ValueError(f"the true class c must be in 1..{k}; got c = {c}")
    zs = sp.symbols(f"z1:{k + 1}", real=True)
    denom = sp.Add(*[sp.exp(z) for z in zs])
    probs = [sp.exp(z) / denom for z in zs]
    loss = -sp.log(probs[c - 1])
    gradient = [sp.diff(loss, z) for z in zs]
    expected = [p - (1 if j == c - 1 else 0) for j, p in enumerate(probs)]
    holds = all(_equal(g, e) for g, e in zip(gradient, expected))
    return Derivation(
        title=f"gradient of the cross-entropy loss through softmax (true class {c})",
        steps=[
            ("softmax", sp.Tuple(*[_eq(sp.Symbol(f"p{j + 1}"), p) for j, p in enumerate(probs)])),
            ("loss", _eq(sp.Symbol("loss"), loss)),
            ("gradient", sp.Tuple(*[sp.simplify(g) for g in gradient])),
            ("= p_j - [j = c]", sp.Tuple(*expected)),
        ],
        result={"loss": loss, "gradient": gradient, "expected": expected},
        holds=bool(holds),
    )
