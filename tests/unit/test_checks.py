"""The shared input checks (loaded_dice.checks): each names the problem and the value."""

import math
import re

import numpy as np
import pytest

from loaded_dice.checks import real_array, real_number, require_rolls, whole_number


@pytest.mark.parametrize(
    "n, kwargs, message",
    [
        (-1, {}, "n must be a non-negative whole number; got -1"),
        (True, {}, "n must be a non-negative whole number; got True"),
        (2.0, {}, "n must be a non-negative whole number; got 2.0"),
        (0, {"minimum": 1}, "n must be a positive whole number; got 0"),
        (1, {"minimum": 2}, "n must be a whole number >= 2; got 1"),
        (6, {"maximum": 5}, "n must be a whole number from 0 to 5; got 6"),
    ],
)
def test_whole_number_refuses_with_the_range_in_the_message(n, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        whole_number(n, "n", **kwargs)


def test_whole_number_accepts_numpy_integers():
    assert whole_number(np.int64(3), "n", maximum=3) == 3
    assert type(whole_number(np.int64(3), "n")) is int


@pytest.mark.parametrize("x", [True, "1", math.nan, math.inf, None])
def test_real_number_refuses_what_is_not_one_finite_real(x):
    with pytest.raises(ValueError, match="lr must be a finite number"):
        real_number(x, "lr")


def test_real_number_bounds():
    assert real_number(0, "a", nonnegative=True) == 0.0
    with pytest.raises(ValueError, match="a must be a positive number; got 0"):
        real_number(0, "a", positive=True)
    with pytest.raises(ValueError, match="a must be a non-negative number; got -1"):
        real_number(-1, "a", nonnegative=True)


def test_real_array_copies_and_refuses():
    source = np.array([1.0, 2.0])
    out = real_array(source, "x")
    out[0] = 9
    assert source[0] == 1.0
    for bad in ([1 + 2j], ["1", "2"], [[1], [1, 2]]):
        with pytest.raises(ValueError, match="x must be real numbers"):
            real_array(bad, "x")
    with pytest.raises(ValueError, match="x must be 1-D; got shape"):
        real_array([[1.0]], "x", (1,))
    with pytest.raises(ValueError, match="must not be empty"):
        real_array([], "x", nonempty=True)
    with pytest.raises(ValueError, match="finite"):
        real_array([1, np.nan], "x", finite=True)
    with pytest.raises(ValueError, match="non-negative"):
        real_array([1, -1], "x", nonnegative=True)


def test_require_rolls_says_what_would_go_wrong():
    np.testing.assert_array_equal(require_rolls(np.array([0, 1]), "x"), [0, 1])
    with pytest.raises(ValueError, match="no rolls: the counts sum to 0, so nothing can be said"):
        require_rolls(np.zeros(6, dtype=int), "nothing can be said")
