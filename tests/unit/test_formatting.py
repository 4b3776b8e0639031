import pytest

from loaded_dice.formatting import sci


@pytest.mark.parametrize(
    "x, digits, expected",
    [
        (2.7351112277912495e-16, 2, "2.74 × 10⁻¹⁶"),
        (1.0, 2, "1.00 × 10⁰"),
        (123456.0, 3, "1.235 × 10⁵"),
        (4.9406564584124654e-324, 3, "4.941 × 10⁻³²⁴"),
        (0.0, 2, "0.0"),
        (-0.0015, 1, "-1.5 × 10⁻³"),
    ],
)
def test_sci(x, digits, expected):
    assert sci(x, digits) == expected


def test_superscript():
    from loaded_dice.formatting import superscript

    assert superscript(-16) == "⁻¹⁶"
    assert superscript(1556) == "¹⁵⁵⁶"


def test_subscript():
    from loaded_dice.formatting import subscript

    assert subscript(12) == "₁₂"
    assert subscript(0) == "₀"
    with pytest.raises(ValueError, match="non-negative"):
        subscript(-1)


@pytest.mark.parametrize(
    "x, expected",
    [(2.273e-15, "2.2730e-15"), (0.0, "0"), (-1234.5, "-1.2345e+03"), (1e300, "1.0000e+300")],
)
def test_e_notation_reads_back_as_the_number(x, expected):
    from loaded_dice.formatting import e_notation

    assert e_notation(x) == expected
    assert float(e_notation(x)) == pytest.approx(x, rel=1e-4)
