"""Loaded Dice: likelihood and maximum likelihood for a loaded six-sided die.

The small library behind the *Loaded Dice* book. :mod:`loaded_dice.core` holds the pure numpy
computations (likelihood, log-likelihood, exact likelihood, maximum likelihood estimate,
simulation, entropy / cross-entropy / KL divergence); :mod:`loaded_dice.checks` the input checks
they share (``validate_probabilities``, ``validate_counts``); :mod:`loaded_dice.symbolic` the sympy
derivations the chapters display and assert. Everything the core exports is re-exported here, so
``ld.likelihood(y, t)`` and ``from loaded_dice import log_likelihood, mle`` work.

Plotting and widgets live in their own modules and are not imported here, so importing the
package needs only numpy and sympy.
"""

from . import core, symbolic
from .core import (
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
    likelihood,
    log_likelihood,
    log_likelihoods,
    mle,
    random_dice,
    simulate_rolls,
    validate_counts,
    validate_probabilities,
)

__version__ = "0.1.0"

__all__ = ["__version__", "symbolic", *core.__all__]
