"""Loaded Dice: likelihood and maximum likelihood for a loaded six-sided die.

The small library behind the *Loaded Dice* book. :mod:`loaded_dice.likelihood` holds the pure
numpy computations (validation, likelihood, log-likelihood, exact likelihood, maximum likelihood
estimate, simulation, entropy / cross-entropy / KL divergence); :mod:`loaded_dice.symbolic` holds
the sympy derivations the chapters display and assert. Everything the likelihood module exports is
re-exported here, so ``from loaded_dice import log_likelihood, mle`` works.

``loaded_dice.likelihood`` names both the module and its function ``likelihood``; the module is
callable and forwards to the function, so ``from loaded_dice import likelihood`` followed by
``likelihood(y, t)`` and ``import loaded_dice.likelihood as lk`` both work.

Plotting and widgets live in their own modules and are not imported here, so importing the
package needs only numpy and sympy.
"""

from . import likelihood, symbolic  # noqa: F401  (``likelihood`` is callable: see above)
from .likelihood import (
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

__version__ = "0.1.0"

# the package exports the likelihood module's public API (``likelihood`` is the callable module)
__all__ = ["__version__", "symbolic", *likelihood.__all__]
