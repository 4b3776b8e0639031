"""The interactive explorers, driven programmatically the way a reader drives them.

Widget values are set from Python (exactly what a slider event does in the kernel); expected
values come from loaded_dice.core or from the formulas, never from the explorer itself.
"""

import base64
import struct
import html
import math
import re
import subprocess
import sys

import numpy as np
import pytest

import loaded_dice as ld
from loaded_dice.explorers import (
    STATIC_NOTE,
    CoinExplorer,
    DieExplorer,
    SimplexExplorer,
    parse_counts,
)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def slider_values(explorer):
    return np.array([s.value for s in explorer.sliders])


def assert_sliders_show(explorer, y):
    """Each slider shows its probability rounded to the slider's step (0.001)."""
    np.testing.assert_allclose(slider_values(explorer), y, atol=0.0005 + 1e-12)
    for v in slider_values(explorer):
        assert abs(v * 1000 - round(v * 1000)) < 1e-6, f"{v} is not on the slider's step grid"


def number_after(html, css_class):
    """The number shown in <span class='css_class'>...</span> of a readout."""
    m = re.search(rf"class='{css_class}'>([^<]+)<", html)
    assert m, f"no {css_class} in {html}"
    return m.group(1)


@pytest.fixture
def die():
    return DieExplorer()


# ----------------------------------------------------------------------------- structure


def test_the_model_never_imports_the_view():
    code = (
        "import sys, loaded_dice, loaded_dice.core, loaded_dice.surface;"
        "assert 'loaded_dice.explorers' not in sys.modules;"
        "assert 'ipywidgets' not in sys.modules; assert 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_controls_are_labelled_and_keyboard_operable(die):
    assert [s.description for s in die.sliders] == [f"y{s} (face {k})" for k, s in
                                                     zip(range(1, 7), "₁₂₃₄₅₆")]
    assert all(s.continuous_update for s in die.sliders)
    for control in (die.counts_text, die.roll_n, die.face_i, die.face_j, die.mode):
        assert control.description
    for button in (die.roll_button, die.reset_button, die.mle_button):
        assert button.description and button.tooltip
    assert "Σ y = 1.000" in die.sum_label.value
    assert "Figure:" in die.caption.value


def test_figure_is_a_pyplot_free_figure(die):
    from matplotlib.figure import Figure
    import matplotlib.pyplot as plt

    assert isinstance(die.figure, Figure)
    assert plt.get_fignums() == []  # nothing registered with pyplot: never shown twice


@pytest.mark.parametrize("cls", [DieExplorer, CoinExplorer, SimplexExplorer])
def test_mimebundle_has_widget_png_and_text(cls):
    explorer = cls()
    bundle = explorer._repr_mimebundle_()
    assert bundle[WIDGET_MIME]["model_id"] == explorer.widget.model_id
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    # the static snapshot is the same figure at a higher resolution than the live image
    width, height = struct.unpack(">II", png[16:24])
    live_w, live_h = struct.unpack(">II", explorer.image.value[16:24])
    assert width > live_w and height > live_h
    assert abs(width / height - live_w / live_h) < 0.02
    assert bundle["text/plain"] == STATIC_NOTE


# ----------------------------------------------------------------------------- sliders


def test_moving_a_slider_keeps_a_valid_die_and_rescales_the_others(die):
    before = die.y
    die.sliders[1].value = 0.4
    y = die.y
    assert abs(math.fsum(y) - 1) <= 1e-9
    assert y[1] == 0.4
    others = [0, 2, 3, 4, 5]
    np.testing.assert_allclose(y[others] / y[others].sum(), before[others] / before[others].sum())
    assert_sliders_show(die, y)


def test_any_sequence_of_slider_moves_keeps_sum_one(die):
    rng = np.random.default_rng(7)
    for _ in range(60):
        k = int(rng.integers(6))
        die.sliders[k].value = float(rng.choice([0.0, 1.0, round(rng.uniform(0, 1), 3)]))
        assert abs(math.fsum(die.y) - 1) <= 1e-9
        assert (die.y >= 0).all()
        assert_sliders_show(die, die.y)
    assert die.last_error is None


def test_slider_edge_cases_at_one_and_back(die):
    die.sliders[2].value = 1.0
    np.testing.assert_array_equal(die.y, [0, 0, 1, 0, 0, 0])
    die.sliders[2].value = 0.5  # the others were all zero: they share the rest equally
    np.testing.assert_allclose(die.y, [0.1, 0.1, 0.5, 0.1, 0.1, 0.1])
    die.sliders[4].value = 1.0
    die.sliders[0].value = 0.3  # face 5 held everything: it takes the rest
    np.testing.assert_allclose(die.y, [0.3, 0, 0, 0, 0.7, 0], atol=1e-12)
    assert_sliders_show(die, die.y)


def test_a_browser_echo_of_a_snapped_value_is_not_a_move(die):
    """The browser's slider snaps values to its step and sends them back: no rescaling storm."""
    die.set_probabilities([1 / 3, 1 / 3, 1 / 3 - 0.1, 0.05, 0.05, 0])  # off the 0.001 grid
    assert_sliders_show(die, die.y)
    y, renders = die.y, die.render_count
    for slider in die.sliders:  # what noUiSlider sends back: the step value, rounded in JS
        slider.value = round(slider.value / 0.001) * 0.001 + 1e-15
    np.testing.assert_array_equal(die.y, y)
    assert die.render_count == renders
    die.sliders[0].value = 0.334  # a real move of one step is a move
    assert die.render_count == renders + 1
    assert die.y[0] == 0.334


def test_one_slider_event_is_one_redraw(die):
    before = die.render_count
    die.sliders[3].value = 0.3
    assert die.render_count == before + 1
    die.set_probabilities([0.1, 0.2, 0.3, 0.1, 0.2, 0.1])
    assert die.render_count == before + 2


def test_readout_shows_the_independently_computed_values(die):
    die.sliders[0].value = 0.05
    y, t = die.y, ld.ARTICLE_COUNTS
    logL = ld.log_likelihood(y, t)
    assert float(number_after(die.readout.value, "ld-logL")) == pytest.approx(logL, abs=5e-5)
    L = float(number_after(die.readout.value, "ld-L"))
    assert L == pytest.approx(ld.likelihood(y, t), rel=1e-4)
    gap = float(number_after(die.readout.value, "ld-gap"))
    assert gap == pytest.approx(ld.log_likelihood(ld.mle(t), t) - logL, abs=5e-5)
    old = die.readout.value
    die.sliders[5].value = 0.3
    assert die.readout.value != old
    assert float(number_after(die.readout.value, "ld-logL")) == pytest.approx(
        ld.log_likelihood(die.y, t), abs=5e-5)


def test_image_bytes_change_with_the_die(die):
    first = bytes(die.image.value)
    assert first.startswith(b"\x89PNG")
    die.sliders[1].value = 0.6
    assert bytes(die.image.value) != first
    assert bytes(die.image.value) == die.png


def test_the_picture_changes_with_the_data_the_slice_and_the_mode(die):
    pictures = {bytes(die.image.value)}
    die.counts_text.value = "1, 1, 1, 1, 1, 5"
    pictures.add(bytes(die.image.value))
    die.face_j.value = 4
    pictures.add(bytes(die.image.value))
    die.mode.value = "lik"
    pictures.add(bytes(die.image.value))
    assert len(pictures) == 4


# ----------------------------------------------------------------------------- data


def test_invalid_counts_show_a_message_keep_the_state_and_recover(die):
    renders = die.render_count
    die.counts_text.value = "abc"
    message = html.unescape(die.message.value)
    assert "Counts must be 6 non-negative whole numbers separated by commas; got 'abc'" in message
    assert "Still using the last valid counts: 2, 5, 2, 4, 2, 5" in message
    assert "#D55E00" in die.message.value
    np.testing.assert_array_equal(die.counts, ld.ARTICLE_COUNTS)
    assert die.render_count == renders
    for bad in ["1, 2, 3", "1, 2, 3, 4, 5, -6", "1.5, 2, 3, 4, 5, 6", "0, 0, 0, 0, 0, 0", "",
                "1, 2, 3, 4, 5, 99999999999999999999999"]:
        die.counts_text.value = bad
        assert "⚠" in die.message.value, bad
        np.testing.assert_array_equal(die.counts, ld.ARTICLE_COUNTS)
    die.counts_text.value = " 3, 3, 3, 3, 3, 5 "
    assert die.message.value == ""
    np.testing.assert_array_equal(die.counts, [3, 3, 3, 3, 3, 5])
    assert float(number_after(die.readout.value, "ld-logL")) == pytest.approx(
        ld.log_likelihood(die.y, [3, 3, 3, 3, 3, 5]), abs=5e-5)
    assert die.last_error is None


def test_parse_counts():
    np.testing.assert_array_equal(parse_counts("2, 5, 2, 4, 2, 5"), ld.ARTICLE_COUNTS)
    with pytest.raises(ValueError, match="got 'x'"):
        parse_counts("x")


def test_roll_more_adds_exactly_n_rolls_reproducibly():
    a, b = DieExplorer(seed=3), DieExplorer(seed=3)
    a.roll_n.value = 50
    a.roll_button.click()
    assert a.n == 20 + 50
    assert a.counts_text.value == ", ".join(str(v) for v in a.counts)
    b.roll_n.value = 50
    b.roll_button.click()
    np.testing.assert_array_equal(a.counts, b.counts)
    expected = ld.ARTICLE_COUNTS + ld.counts(ld.simulate_rolls(a.hidden_die, 50, seed=np.random.default_rng(3)))
    np.testing.assert_array_equal(a.counts, expected)
    a.roll(1000)
    assert a.n == 1070
    a.reset_button.click()
    np.testing.assert_array_equal(a.counts, ld.ARTICLE_COUNTS)
    np.testing.assert_allclose(a.y, ld.FAIR_DIE)
    a.roll(50)
    np.testing.assert_array_equal(a.counts, expected)  # reset restarts the seeded generator


def test_many_rolls_approach_the_hidden_die():
    die = DieExplorer(seed=1)
    die.roll(200_000)
    np.testing.assert_allclose(ld.mle(die.counts), die.hidden_die, atol=0.01)


def test_jump_to_the_mle(die):
    die.mle_button.click()
    np.testing.assert_array_equal(die.y, ld.ARTICLE_COUNTS / 20)
    assert_sliders_show(die, die.y)
    die.counts_text.value = "1, 1, 1, 0, 0, 0"
    die.mle_button.click()
    np.testing.assert_array_equal(die.y, [1 / 3, 1 / 3, 1 / 3, 0, 0, 0])  # exactly t/N, not rounded
    assert float(number_after(die.readout.value, "ld-gap")) == pytest.approx(0, abs=1e-4)


def test_underflow_is_reported_honestly(die):
    die.counts_text.value = "2000, 5000, 2000, 4000, 2000, 5000"
    assert "0.0 (underflow: below the smallest float64" in die.readout.value
    logL = float(number_after(die.readout.value, "ld-logL"))
    assert logL == pytest.approx(ld.log_likelihood(ld.FAIR_DIE, 20000 * ld.ARTICLE_COUNTS / 20), abs=1e-3)
    die.mode.value = "lik"
    assert "underflows" in die.surface.note
    assert die.last_error is None


def test_impossible_data_gives_minus_infinity(die):
    die.sliders[3].value = 0.0
    assert number_after(die.readout.value, "ld-logL") == "-inf"
    assert "impossible: face 4 came up 4 times" in die.readout.value
    assert "-inf on this whole slice" in die.surface.note
    assert die.last_error is None


# ----------------------------------------------------------------------------- the surface cache


def test_surface_is_recomputed_only_when_its_key_changes(die):
    die.face_i.value, die.face_j.value = 0, 1
    s, c = die.surface.surface_computations, die.surface.contour_computations
    # moving a slice face rescales the others proportionally: off-slice proportions unchanged
    die.sliders[0].value = 0.3
    die.sliders[1].value = 0.1
    assert (die.surface.surface_computations, die.surface.contour_computations) == (s, c)
    # moving an off-slice face changes the off-slice proportions: values, not contours
    die.sliders[4].value = 0.3
    assert (die.surface.surface_computations, die.surface.contour_computations) == (s + 1, c)
    die.sliders[4].value = 0.3  # no change, no event
    die.set_probabilities(die.y)  # same die: same key
    assert die.surface.surface_computations == s + 1
    # data, slice and mode change the shape
    die.counts_text.value = "1, 2, 3, 4, 5, 6"
    assert (die.surface.surface_computations, die.surface.contour_computations) == (s + 2, c + 1)
    die.face_j.value = 4
    assert (die.surface.surface_computations, die.surface.contour_computations) == (s + 3, c + 2)
    die.mode.value = "lik"
    assert (die.surface.surface_computations, die.surface.contour_computations) == (s + 4, c + 3)


def test_the_slice_best_is_the_best_on_the_slice(die):
    die.set_probabilities([0.1, 0.1, 0.3, 0.2, 0.2, 0.1])  # slice: faces 1 and 2 vary
    # faces 1 and 2 at their frequencies 2/20 and 5/20, the other faces share the remaining
    # 13/20 in their current proportions 0.3 : 0.2 : 0.2 : 0.1
    rest = np.array([0.3, 0.2, 0.2, 0.1]) / 0.8 * 13 / 20
    best_die = np.concatenate([[2 / 20, 5 / 20], rest])
    assert die.surface.best_log_likelihood == pytest.approx(ld.log_likelihood(best_die, die.counts), rel=1e-12)
    assert f"log L = {ld.log_likelihood(best_die, die.counts):.4f}" in die.readout.value


def test_choosing_the_same_face_twice_swaps(die):
    die.face_i.value, die.face_j.value = 0, 1
    die.face_i.value = 1
    assert die.slice_faces == (1, 0)
    assert die.last_error is None


# ----------------------------------------------------------------------------- the coin


def test_coin_slope_is_the_derivative_and_crosses_zero_at_p_hat():
    coin = CoinExplorer(heads=14, tails=6)
    assert coin.state.p_hat == 0.7
    slopes = {}
    for p in [0.3, 0.5, 0.69, 0.7, 0.71, 0.9]:
        coin.slider.value = p
        expected = 14 / p - 6 / (1 - p)
        assert coin.state.slope == pytest.approx(expected, rel=1e-12)
        assert float(number_after(coin.readout.value, "ld-slope")) == pytest.approx(expected, abs=5e-5)
        L = p**14 * (1 - p) ** 6
        dL = 14 * p**13 * (1 - p) ** 6 - 6 * p**14 * (1 - p) ** 5
        assert coin.state.likelihood_slope == pytest.approx(dL, rel=1e-9)
        assert float(number_after(coin.readout.value, "ld-dL")) == pytest.approx(dL, rel=1e-4)
        slopes[p] = coin.state.slope
    assert slopes[0.69] > 0 > slopes[0.71]
    assert slopes[0.7] == pytest.approx(0, abs=1e-9)


def test_coin_tangent_and_curvature_toggle():
    coin = CoinExplorer()
    coin.slider.value = 0.4
    assert coin.state.p == 0.4
    assert "second derivative" not in coin.readout.value
    before = coin.image.value
    coin.curvature_toggle.value = True
    d2 = -14 / 0.4**2 - 6 / 0.6**2
    assert float(number_after(coin.readout.value, "ld-d2")) == pytest.approx(d2, abs=5e-5)
    assert coin.image.value != before
    coin.mle_button.click()
    assert coin.state.p == 0.7


def test_coin_legend_lists_the_curvature_only_while_it_is_drawn():
    coin = CoinExplorer()
    legend_labels = lambda: [t.get_text() for t in coin._parabola.axes.get_legend().get_texts()]
    assert not coin._parabola.get_visible()
    assert not any("curvature" in label for label in legend_labels())
    coin.curvature_toggle.value = True
    assert coin._parabola.get_visible() and any("curvature" in label for label in legend_labels())
    coin.curvature_toggle.value = False
    assert not any("curvature" in label for label in legend_labels())


# ----------------------------------------------------------------------------- the simplex


def test_simplex_readouts():
    s = SimplexExplorer()
    assert number_after(s.readout.value, "ld-argmax") == "dog"
    s.true_label.value = "fox"
    assert float(number_after(s.readout.value, "ld-logp")) == pytest.approx(math.log(0.1), abs=5e-5)
    s.sliders[2].value = 0.7
    p = s.probabilities
    assert abs(math.fsum(p) - 1) <= 1e-9
    np.testing.assert_allclose(p, [0.8 / 0.9 * 0.3, 0.1 / 0.9 * 0.3, 0.7])
    assert s.predicted_label == "wolf"
    assert number_after(s.readout.value, "ld-argmax") == "wolf"
    assert float(number_after(s.readout.value, "ld-logp")) == pytest.approx(math.log(p[1]), abs=5e-5)
    np.testing.assert_allclose(s.state.probabilities, p)
    assert s.state.true_label == "fox"
    s.sliders[1].value = 0.0
    assert number_after(s.readout.value, "ld-logp").startswith("-inf")
    assert s.last_error is None


def test_simplex_ties_are_reported():
    s = SimplexExplorer(probs=(0.2, 0.4, 0.4), true_label="wolf")
    assert "tie between fox and wolf" in s.readout.value


@pytest.mark.parametrize("bad", [dict(probs=(0.5, 0.6, 0.1)), dict(labels=("a", "a", "b")),
                                 dict(probs=(0.5, 0.5))])
def test_simplex_rejects_bad_arguments(bad):
    with pytest.raises(ValueError):
        SimplexExplorer(**bad)


def test_a_snapshot_does_not_disturb_the_live_rendering():
    """savefig redraws the canvas; the next live frame must still be the right picture."""
    y = np.array([0.1, 0.3, 0.1, 0.2, 0.1, 0.2])
    shot = DieExplorer()
    shot.snapshot_png()
    shot.set_probabilities(y)
    fresh = DieExplorer(probabilities=y)
    assert shot.png == fresh.png
