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
