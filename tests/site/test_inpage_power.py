"""The in-page power explorer (book/_static/explorers/power.js, with inference.js).

It runs in headless Chromium on the small test page of test_inpage_coin_simplex.py, which builds
one explorer root from its query string (``?kind=power&probabilities=…&rolls=20``) the way the
chapter's HTML carries it. The page simulates its own experiments (its own seeded generator, not
numpy's), so its shares and averages are Monte Carlo estimates: they are compared with exact
values computed here by enumerating every count vector (scipy's multinomial and
``power_divergence``), or with ``loaded_dice.inference``'s simulated power, within four Monte
Carlo standard errors of the difference (a wrong answer by that much or more fails; a correct page
fails about once in 16,000 comparisons; the page is deterministic for its seed, so a result never
changes between runs). The threshold, which is not random, must equal scipy's chi-square
quantile to 1e-9. Every test fails on a console error, a page error or a request leaving localhost.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import stats

from loaded_dice import inference as inf
from loaded_dice import core as lk
from loaded_dice.explorers.power import PRESET_DICE
from test_inpage_coin_simplex import fixture_url, open_chapter, open_explorer, readout, message  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

ARTICLE = [float(v) for v in lk.mle(lk.ARTICLE_COUNTS)]
HIDDEN = list(PRESET_DICE["the die explorer's hidden die"])
#: Monte Carlo standard errors allowed between the page's estimate and the reference.
Z = 4.0


def numbers(values) -> str:
    return ",".join(repr(float(v)) for v in values)


#: The menu's dice, as the chapter's root carries them (label -> probabilities, JSON).
PRESETS = json.dumps({name: list(y) for name, y in PRESET_DICE.items()})


def open_power(open_explorer, die=ARTICLE, rolls=20, **extra):  # noqa: F811
    return open_explorer(kind="power", probabilities=numbers(die), rolls=rolls, **{"presets": PRESETS, **extra})


def state(page) -> tuple[list[float], int]:
    root = page.locator("[data-explorer]")
    die = [float(v) for v in root.get_attribute("data-probabilities").split(",")]
    return die, int(root.get_attribute("data-rolls"))


def apply(page, field: str, text: str):
    """Type into a field and press Enter; wait for the next render."""
    renders = int(page.get_attribute("[data-explorer]", "data-renders"))
    page.fill(f'[data-input="{field}"]', text)
    page.press(f'[data-input="{field}"]', "Enter")
    page.wait_for_function("n => Number(document.querySelector('[data-explorer]').dataset.renders) > n", arg=renders)


def wait_for_rolls(page, n: int):
    page.wait_for_function("n => document.querySelector('[data-explorer]').dataset.rolls === String(n)", arg=n)


def exact_g(die, n):
    """G against the fair die and the probability of every count vector of n rolls of `die`."""
    vectors = inf.count_vectors(n)
    g = stats.power_divergence(vectors, axis=1, lambda_="log-likelihood").statistic
    prob = stats.multinomial.pmf(vectors, n, die)
    assert math.isclose(prob.sum(), 1.0, rel_tol=1e-9)
    return g, prob


def exact_summary(die, n, threshold):
    """Exact P(G > threshold), E[G] and sd(G) for n rolls of `die`."""
    g, prob = exact_g(die, n)
    mean = float(np.sum(prob * g))
    return float(prob[g > threshold].sum()), mean, math.sqrt(float(np.sum(prob * (g - mean) ** 2)))


def within(estimate, reference, se, what):
    assert abs(estimate - reference) <= Z * se, f"{what}: page {estimate}, reference {reference}, {Z} SE = {Z * se}"


# --------------------------------------------------------------------------- the numbers


@pytest.mark.parametrize("alpha", ["0.05", "0.01", "0.1", "0.5", "0.001"])
def test_threshold_is_the_chi_square_quantile(open_explorer, alpha):  # noqa: F811
    page = open_power(open_explorer, alpha=alpha)
    expected = stats.chi2.isf(float(alpha), 5)
    assert readout(page, "threshold") == pytest.approx(expected, rel=1e-9)
    assert message(page) == ""


def test_shares_and_averages_at_20_rolls_match_the_exact_distribution(open_explorer):  # noqa: F811
    """20,000 experiments of 20 rolls for each die: the fair die is called loaded in the share of
    its count vectors beyond the threshold (about 8.5 %, not the promised 5 %: at 20 rolls the
    chi-square approximation is rough), the article's estimate in the share that loaded_dice's
    simulated power and the exact enumeration give."""
    experiments = 20_000
    page = open_power(open_explorer, experiments=experiments)
    threshold = stats.chi2.isf(0.05, 5)
    size, fair_mean, fair_sd = exact_summary(np.full(6, 1 / 6), 20, threshold)
    power, die_mean, die_sd = exact_summary(ARTICLE, 20, threshold)

    page_size, page_power = readout(page, "size"), readout(page, "power")
    within(page_size, size, math.sqrt(size * (1 - size) / experiments), "fair die called loaded")
    within(page_power, power, math.sqrt(power * (1 - power) / experiments), "article's die called loaded (exact)")
    # the library's simulated power (its own 200,000 experiments) agrees within both errors
    reference = inf.simulated_power(ARTICLE, 20, experiments=200_000, seed=1)
    se = math.sqrt(reference * (1 - reference) * (1 / experiments + 1 / 200_000))
    within(page_power, reference, se, "article's die called loaded (loaded_dice.inference)")
    within(readout(page, "mean-g-fair"), fair_mean, fair_sd / math.sqrt(experiments), "average G, fair die")
    within(readout(page, "mean-g-die"), die_mean, die_sd / math.sqrt(experiments), "average G, article's die")


@pytest.mark.parametrize("die, rolls", [(ARTICLE, 75), (HIDDEN, 120), (PRESET_DICE["face 6 twice as likely as each other face"], 400)])
def test_power_at_more_rolls_matches_the_library(open_explorer, die, rolls):  # noqa: F811
    experiments = 20_000
    page = open_power(open_explorer, die=die, rolls=rolls, experiments=experiments)
    for name, y in [("power", die), ("size", np.full(6, 1 / 6))]:
        reference = inf.simulated_power(y, rolls, experiments=200_000, seed=2)
        se = math.sqrt(reference * (1 - reference) * (1 / experiments + 1 / 200_000))
        within(readout(page, name), reference, se, f"{name} at {rolls} rolls")
    if rolls >= 400:  # with many rolls the threshold keeps its promise: a fair die is called loaded 5 % of the time
        within(readout(page, "size"), 0.05, math.sqrt(0.05 * 0.95 / experiments), "fair die at 400 rolls")


def test_the_default_state_of_the_chapter_explorer(open_explorer):  # noqa: F811
    """The chapter's settings (2,000 experiments, seed 0): the shares are those of the exact
    distribution within the error of 2,000 experiments."""
    page = open_power(open_explorer, experiments=2000, seed=0)
    threshold = stats.chi2.isf(0.05, 5)
    size, _, _ = exact_summary(np.full(6, 1 / 6), 20, threshold)
    power, _, _ = exact_summary(ARTICLE, 20, threshold)
    within(readout(page, "size"), size, math.sqrt(size * (1 - size) / 2000), "fair die called loaded")
    within(readout(page, "power"), power, math.sqrt(power * (1 - power) / 2000), "article's die called loaded")
    assert "2,000 experiments" in page.text_content(".ld-readouts")


def test_a_die_that_always_shows_one_face(open_explorer):  # noqa: F811
    """Every experiment gives N, 0, 0, 0, 0, 0: G = 2 N log 6 exactly, and the test always fires."""
    page = open_power(open_explorer, rolls=30)
    apply(page, "die", "1, 0, 0, 0, 0, 0")
    assert state(page)[0] == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert readout(page, "mean-g-die") == pytest.approx(2 * 30 * math.log(6), rel=1e-12)
    assert readout(page, "power") == 1.0
    apply(page, "rolls", "10000")  # the page's largest N
    assert readout(page, "mean-g-die") == pytest.approx(2 * 10_000 * math.log(6), rel=1e-12)
    # a fair die's G still averages about 5 (the chi-square's degrees of freedom) at 10,000 rolls
    assert readout(page, "mean-g-fair") == pytest.approx(5, abs=Z * math.sqrt(10) / math.sqrt(2000))


def test_the_same_seed_gives_the_same_picture(open_explorer):  # noqa: F811
    first = open_power(open_explorer, seed=3)
    values = {k: readout(first, k) for k in ("size", "power", "mean-g-fair", "mean-g-die")}
    # going elsewhere and back draws the same experiments again: the state alone decides
    apply(first, "rolls", "57")
    apply(first, "rolls", "20")
    assert {k: readout(first, k) for k in values} == values
    assert first.get_attribute("svg[role=img] path[fill='#0072B2']", "d")
    again = open_power(open_explorer, seed=3)
    assert {k: readout(again, k) for k in values} == values
    other = open_power(open_explorer, seed=4)
    assert readout(other, "mean-g-die") != values["mean-g-die"]


def test_the_menu_sets_the_die_and_typing_a_preset_selects_it(open_explorer):  # noqa: F811
    page = open_power(open_explorer)
    menu = page.locator('[data-input="preset"]')
    assert menu.input_value() == "the article's estimate t/N"
    menu.select_option("the die explorer's hidden die")
    page.wait_for_function("y => document.querySelector('[data-explorer]').dataset.probabilities === y",
                           arg=",".join(str(v) for v in HIDDEN))
    assert state(page)[0] == pytest.approx(HIDDEN, abs=1e-15)
    apply(page, "die", "1/6, 1/6, 1/6, 1/6, 1/6, 1/6")
    assert menu.input_value() == "a fair die"
    apply(page, "die", "0.1, 0.1, 0.1, 0.1, 0.1, 0.5")
    assert menu.input_value() == "my own die (type it below)"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("0.2, 0.2, 0.2, 0.2, 0.2, 0.2", "must add up to 1; these add up to 1.2"),
        ("0.5, 0.5", "A die needs 6 probabilities"),
        ("a, b, c, d, e, f", "is not a probability"),
        ("-0.1, 0.3, 0.2, 0.2, 0.2, 0.2", "is not a probability"),
        ("1/0, 0, 0, 0, 0, 0", "divides by zero"),
        ("", "A die needs 6 probabilities"),
    ],
)
def test_a_bad_die_gives_a_message_and_keeps_the_state(open_explorer, typed, expected):  # noqa: F811
    page = open_power(open_explorer)
    before = state(page), readout(page, "power")
    apply(page, "die", typed)
    assert expected in message(page)
    assert "Still using the last valid die" in message(page)
    assert page.get_attribute('[data-input="die"]', "aria-invalid") == "true"
    assert (state(page), readout(page, "power")) == before
    apply(page, "die", "0.1, 0.1, 0.1, 0.1, 0.1, 0.5")  # recovery
    assert message(page) == ""
    assert state(page)[0] == pytest.approx([0.1] * 5 + [0.5], abs=1e-15)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2.5", "N must be a whole number of rolls; “2.5” has a fractional part"),
        ("twenty", "N must be a whole number of rolls written with digits"),
        ("-20", "N must be a whole number of rolls written with digits"),
        ("3", "N must be at least 5 rolls"),
        ("10001", "The page simulates at most 10,000 rolls per experiment; got 10,001"),
        ("1e9", "N must be a whole number of rolls written with digits"),
    ],
)
def test_a_bad_number_of_rolls_gives_a_message_and_keeps_the_state(open_explorer, typed, expected):  # noqa: F811
    page = open_power(open_explorer, rolls=33)
    before = readout(page, "power")
    apply(page, "rolls", typed)
    assert expected in message(page)
    assert "Still using N = 33" in message(page)
    assert state(page)[1] == 33 and readout(page, "power") == before
    apply(page, "rolls", "40")  # recovery
    assert message(page) == "" and state(page)[1] == 40
    assert page.get_attribute('[data-input="rolls"]', "aria-invalid") is None


@pytest.mark.parametrize(
    "attrs, expected",
    [
        ({"probabilities": "0.5,0.5,0,0,0,0.5"}, "must add up to 1"),
        ({"rolls": "4"}, "at least 5 rolls"),
        ({"rolls": "20.5"}, "fractional part"),
        ({"alpha": "1.5"}, "The level alpha must be a number between 0 and 1"),
        ({"experiments": "50"}, "data-experiments must be a whole number"),
        ({"presets": "{not json"}, "The menu offers only your own die"),
    ],
)
def test_bad_settings_give_a_message_and_a_valid_start(open_explorer, attrs, expected):  # noqa: F811
    page = open_explorer(kind="power", **{"probabilities": numbers(ARTICLE), "rolls": "20", **attrs})
    assert expected in message(page)
    die, rolls = state(page)
    assert math.fsum(die) == pytest.approx(1.0) and 5 <= rolls <= 10_000
    assert 0 <= readout(page, "power") <= 1
    assert not page.locator("[data-explorer] img").is_visible()


# --------------------------------------------------------------------------- keyboard and access


def test_the_keyboard_moves_n(open_explorer):  # noqa: F811
    page = open_power(open_explorer)
    rolls = page.get_by_role("slider", name="rolls N")
    rolls.focus()
    for key, expected in [("ArrowRight", 21), ("ArrowUp", 22), ("PageUp", 32), ("ArrowLeft", 31),
                          ("PageDown", 21), ("ArrowDown", 20), ("End", 400), ("Home", 5)]:
        page.keyboard.press(key)
        wait_for_rolls(page, expected)
        assert page.input_value('[data-input="rolls"]') == str(expected)
    # the menu works from the keyboard too: Tab back to it and choose with the arrows
    menu = page.get_by_role("combobox", name="true die")
    menu.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("y => document.querySelector('[data-explorer]').dataset.probabilities === y",
                           arg=",".join(str(v) for v in HIDDEN))  # the next die in the menu
    assert menu.input_value() == "the die explorer's hidden die"


def test_a_typed_n_beyond_the_slider_is_kept(open_explorer):  # noqa: F811
    page = open_power(open_explorer)
    apply(page, "rolls", "2500")
    rolls = page.get_by_role("slider", name="rolls N")
    assert rolls.input_value() == "400"
    assert "2,500 rolls" in rolls.get_attribute("aria-valuetext")
    assert "N = 2,500" in page.text_content("svg[role=img]")
    rolls.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_rolls(page, 399)


def test_the_description_follows_the_state(open_explorer):  # noqa: F811
    page = open_power(open_explorer)
    text = page.text_content("[data-description]")
    assert "N = 20 rolls" in text and "most experiments would not call it loaded" in text
    assert f"{100 * readout(page, 'power'):.1f} %" in text
    apply(page, "rolls", "300")
    text = page.text_content("[data-description]")
    assert "N = 300 rolls" in text and "the test would usually detect it" in text


def test_live_region_speaks_at_most_twice_a_second(open_explorer):  # noqa: F811
    """Drag N for 60 frames (one input event per frame): the live region changes at least ~0.5 s
    apart, and its last words describe the final state."""
    page = open_power(open_explorer)
    page.evaluate("""() => new Promise((done) => {
        const live = document.querySelector('[data-live][aria-live=polite]');
        window.__speech = [];
        new MutationObserver(() => window.__speech.push(performance.now()))
          .observe(live, { subtree: true, childList: true, characterData: true });
        const slider = document.querySelector('input[type=range]');
        let i = 0;
        const step = () => {
          slider.value = 20 + i;
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          if (++i < 60) requestAnimationFrame(step); else done();
        };
        requestAnimationFrame(step);
    })""")
    page.wait_for_function("""() => {
        const root = document.querySelector('[data-explorer]');
        const power = Number(root.querySelector('[data-readout="power"]').dataset.value);
        return root.dataset.rolls === '79'
            && root.querySelector('[data-live]').textContent.startsWith('N 79:')
            && root.querySelector('[data-live]').textContent.includes((100 * power).toFixed(1) + ' %');
    }""")
    speech = page.evaluate("window.__speech")
    bursts = [speech[0]] if speech else []
    for t in speech[1:]:
        if t - bursts[-1] > 50:
            bursts.append(t)
    assert len(bursts) >= 2
    assert np.diff(bursts).min() >= 450


def test_no_serious_accessibility_violations(open_explorer):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    page = open_power(open_explorer)
    apply(page, "rolls", "abc")  # with the message showing and a field marked invalid
    results = Axe().run(page)
    serious = [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
               for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    assert serious == []
    controls = page.locator(".ld-app input, .ld-app select, .ld-app button").all()
    assert len(controls) == 4
    for control in controls:
        control.focus()
        assert control.evaluate("e => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none'"
                                " && parseFloat(getComputedStyle(e).outlineWidth) >= 2")
        assert control.evaluate("e => e.labels?.length > 0 && e.labels[0].textContent.trim().length > 0")
    # the figure is an image with a name and a description
    figure = page.locator("svg[role=img]")
    assert figure.get_attribute("aria-label")
    assert page.locator(f"#{figure.get_attribute('aria-describedby')}").text_content().startswith("Figure:")


# --------------------------------------------------------------------------- the built chapter


def test_the_uncertainty_chapter_brings_the_power_explorer_to_life(open_chapter):  # noqa: F811
    page, root = open_chapter("book/07_uncertainty.html", "power")
    # the chapter's explorer: the article's estimate t/N and the article's 20 rolls
    assert [float(v) for v in root.get_attribute("data-probabilities").split(",")] == ARTICLE
    assert root.get_attribute("data-rolls") == str(int(lk.ARTICLE_COUNTS.sum())) == "20"
    experiments = int(root.get_attribute("data-experiments"))
    assert readout(root, "threshold") == pytest.approx(stats.chi2.isf(float(root.get_attribute("data-alpha")), 5), rel=1e-9)
    threshold = stats.chi2.isf(0.05, 5)
    for name, y in [("size", np.full(6, 1 / 6)), ("power", ARTICLE)]:
        exact, _, _ = exact_summary(y, 20, threshold)
        within(readout(root, name), exact, math.sqrt(exact * (1 - exact) / experiments), f"chapter: {name}")
    assert root.locator('[data-input="preset"]').input_value() == "the article's estimate t/N"
    # from the keyboard: the largest N of the slider, where the article's die is nearly always caught
    root.get_by_role("slider", name="rolls N").focus()
    page.keyboard.press("End")
    page.wait_for_function("r => r.dataset.rolls === '400'", arg=root.element_handle())
    reference = inf.simulated_power(ARTICLE, 400, experiments=100_000, seed=3)
    se = math.sqrt(max(reference * (1 - reference), 1 / 100_000) * (1 / experiments + 1 / 100_000))
    within(readout(root, "power"), reference, se, "chapter: power at 400 rolls")
    assert "N = 400 rolls" in root.locator("[data-description]").text_content()
    # on paper the snapshot comes back and the live explorer goes
    page.emulate_media(media="print")
    assert root.locator("img.ld-explorer-snapshot").is_visible()
    assert not root.locator(".ld-app").is_visible()
