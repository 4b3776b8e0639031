"""The power explorer, driven the way a reader drives it; expected values come from scipy and from
loaded_dice.inference's pure functions, never from the explorer itself."""

import base64
import re
import struct

import numpy as np
import pytest
from scipy import stats

import loaded_dice as ld
from loaded_dice import inference as inf
from loaded_dice.explorers import STATIC_NOTE, PowerExplorer
from loaded_dice.explorers.power import PRESET_DICE, parse_die

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def shown(explorer, css_class):
    m = re.search(rf"class='{css_class}'>([^<]+)<", explorer.readout.value)
    assert m, f"no {css_class} in {explorer.readout.value}"
    return m.group(1)


@pytest.fixture
def explorer():
    return PowerExplorer(experiments=1_000, seed=3)


def test_starts_at_the_articles_estimate_and_twenty_rolls(explorer):
    np.testing.assert_allclose(explorer.die, ld.ARTICLE_COUNTS / 20)
    assert explorer.rolls == 20 and explorer.preset.value == "the article's estimate t/N"
    assert shown(explorer, "ld-threshold") == f"{stats.chi2.isf(0.05, 5):.2f}"


def test_readout_shows_the_shares_of_the_simulated_experiments(explorer):
    explorer.rolls_slider.value = 75  # what a slider event does in the kernel
    c = inf.compare_g(ld.mle(ld.ARTICLE_COUNTS), 75, alpha=0.05, experiments=1_000, seed=3)
    threshold = stats.chi2.isf(0.05, 5)
    assert shown(explorer, "ld-power") == f"{np.mean(c.g_die > threshold):.1%}"
    assert shown(explorer, "ld-size") == f"{np.mean(c.g_null > threshold):.1%}"


def test_more_rolls_more_power(explorer):
    explorer.set_rolls(10)
    low = float(shown(explorer, "ld-power").rstrip("%"))
    explorer.set_rolls(200)
    high = float(shown(explorer, "ld-power").rstrip("%"))
    assert low < 50 < 95 < high


def test_the_histograms_are_the_simulated_g(explorer):
    explorer.set_rolls(40)
    c = explorer.comparison
    data = explorer._die_bars.get_data()
    values, edges = data.values, data.edges
    want, _ = np.histogram(c.g_die, bins=edges, density=True)
    np.testing.assert_allclose(values, want)
    assert edges[0] == 0 and edges[-1] >= 2 * stats.chi2.isf(0.05, 5)
    assert explorer._threshold.get_xdata()[0] == pytest.approx(stats.chi2.isf(0.05, 5))


def test_the_axes_are_redrawn_only_when_g_outgrows_them(explorer):
    explorer.set_rolls(21)
    draws = explorer.background_draws
    explorer.set_rolls(22)
    assert explorer.background_draws == draws  # same x-range: only the bars are redrawn
    explorer.set_rolls(400)  # G of the loaded die now reaches far beyond the first range
    assert explorer.background_draws == draws + 1
    assert explorer._ax.get_xlim()[1] > 50


def test_a_fair_die_is_called_loaded_rarely(explorer):
    explorer.preset.value = "a fair die"
    np.testing.assert_allclose(explorer.die, ld.FAIR_DIE)
    explorer.set_rolls(300)
    assert float(shown(explorer, "ld-power").rstrip("%")) < 10


def test_typing_a_die(explorer):
    explorer.die_text.value = "0.1, 0.1, 0.1, 0.1, 0.1, 1/2"
    np.testing.assert_allclose(explorer.die, [0.1] * 5 + [0.5])
    assert explorer.preset.value == "my own die (type it below)" and explorer.message.value == ""


@pytest.mark.parametrize(
    "text, message",
    [
        ("0.5, 0.6", "needs 6 probabilities"),
        ("0.1, 0.1, 0.1, 0.1, 0.1, x", "is not a probability"),
        ("0.2, 0.2, 0.2, 0.2, 0.2, 0.2", "add up to 1"),
        ("1/0, 0, 0, 0, 0, 1", "divides by zero"),
        ("-0.1, 0.3, 0.2, 0.2, 0.2, 0.2", "is not a probability"),
    ],
)
def test_bad_die_shows_a_message_and_keeps_the_last_valid_state(explorer, text, message):
    before = explorer.die.copy()
    renders = explorer.render_count
    explorer.die_text.value = text
    assert message in explorer.message.value and 'role="alert"' in explorer.message.value
    np.testing.assert_array_equal(explorer.die, before)
    assert explorer.render_count == renders and explorer.last_error is None


def test_parse_die_reads_fractions_and_decimals():
    np.testing.assert_allclose(parse_die("1/6, 1/6, 1/6, 1/6, 1/6, 1/6"), ld.FAIR_DIE)
    np.testing.assert_allclose(parse_die(".1,.2,.1,.2,.1,.3"), [0.1, 0.2, 0.1, 0.2, 0.1, 0.3])


def test_presets_are_dice():
    for name, y in PRESET_DICE.items():
        assert ld.validate_probabilities(y).size == 6, name


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"die": [0.5, 0.5]}, "6 probabilities"),
        ({"die": [0.5, 0.6, 0, 0, 0, 0]}, "sum to 1"),
        ({"rolls": 2}, "between 5 and 400"),
        ({"experiments": 0}, "at least 1"),
        ({"alpha": 5}, "strictly between 0 and 1"),
    ],
)
def test_bad_arguments_raise_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PowerExplorer(**kwargs)


def test_static_snapshot_for_the_website(explorer):
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_MIME in bundle and bundle["text/plain"] == STATIC_NOTE
    assert bundle[WIDGET_MIME]["model_id"] == explorer.widget.model_id
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    # the static snapshot is the live figure at a higher resolution
    width, height = struct.unpack(">II", png[16:24])
    live_w, live_h = struct.unpack(">II", explorer.image.value[16:24])
    assert width > live_w and height > live_h and abs(width / height - live_w / live_h) < 0.02
    assert "fair die" in explorer.caption.value and "5 % threshold" in explorer.caption.value
