"""The in-page coin and simplex explorers (book/_static/explorers/coin.js, simplex.js).

They run in headless Chromium on a small test page that builds one explorer root from its query
string (``?kind=coin&heads=14&tails=6&p=0.5``), the way the site's pages carry them, and mounts
it with the site's boot.js. Every number the page shows is checked against loaded_dice or a closed form computed
here in Python. Every test fails on a console error, a page error or a request leaving localhost.
"""

from __future__ import annotations

import math
import shutil
from urllib.parse import urlencode

import numpy as np
import pytest

from helpers import ROOT, is_local, serve_directory
from loaded_dice import core as lk
from loaded_dice.explorers.state import CoinState, SimplexState
from loaded_dice.surface import renormalise

pytestmark = pytest.mark.slow

EXPLORERS = ROOT / "book" / "_static" / "explorers"
# A page that builds the root from its query string, as the book's HTML carries it (the snapshot
# image inside), and loads the site's boot.js and explorers.css, as the chapter pages do.
FIXTURE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Explorer test page</title><link rel="stylesheet" href="explorers/explorers.css"></head>
<body><main><h1>Explorer test page</h1><div id="holder"></div></main>
<script type="module">
const q = new URLSearchParams(location.search);
const root = document.createElement("div");
root.className = "ld-explorer";
root.dataset.explorer = q.get("kind");
for (const [k, v] of q) if (k !== "kind") root.setAttribute(`data-${k}`, v);
const img = document.createElement("img");
img.className = "ld-explorer-snapshot";
img.alt = "Snapshot of the explorer";
img.width = 40; img.height = 20;
img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
root.appendChild(img);
document.getElementById("holder").appendChild(root);
await import("./explorers/boot.js");
</script></body></html>
"""


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("explorer-page")
    shutil.copytree(EXPLORERS, folder / "explorers")
    (folder / "page.html").write_text(FIXTURE, encoding="utf-8")
    with serve_directory(folder) as url:
        yield url


@pytest.fixture
def open_explorer(browser, fixture_url):
    """Open the test page for one explorer; fail on console errors or requests off localhost."""
    context = browser.new_context()
    problems = []

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            problems.append(f"request left localhost: {route.request.url}")
            route.abort()

    context.route("**/*", route)

    def opener(**params):
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(f"{fixture_url}/page.html?{urlencode(params)}")
        page.wait_for_function("(r => r && (r.dataset.mounted === 'true' || r.dataset.explorerError))"
                               "(document.querySelector('[data-explorer]'))")
        return page

    yield opener
    context.close()
    assert problems == []


def _root(where):
    """The explorer's root: `where` is that root (a Locator) or a page with a single explorer."""
    return where.locator("[data-explorer]") if hasattr(where, "goto") else where


def readout(where, key: str) -> float:
    value = _root(where).locator(f'[data-readout="{key}"]').get_attribute("data-value")
    return float(value.replace("Infinity", "inf"))


def message(where) -> str:
    return _root(where).locator("[data-message]").text_content()


def wait_for_state(where, attribute: str, value):
    """Wait until the root's data attribute holds `value` (numbers compared as numbers)."""
    root = _root(where)
    root.page.wait_for_function(
        "([r, a, v]) => r.getAttribute(a) !== null && (Array.isArray(v)"
        " ? r.getAttribute(a).split(',').every((x, i) => Number(x) === v[i]) : Number(r.getAttribute(a)) === v)",
        arg=[root.element_handle(), attribute, value],
    )


# --------------------------------------------------------------------------- the coin

HEADS, TAILS = 14, 6


def set_p(where, p: float):
    field = _root(where).locator('[data-input="p"]')
    field.fill(repr(p))
    field.press("Enter")
    wait_for_state(where, "data-p", p)


def coin_values(h, t, p):
    """log L, d log L/dp and d² log L/dp² at p, from the library's coin explorer state."""
    state = CoinState(h, t, p)
    return state.log_likelihood, state.slope, state.second_derivative


def random_ps(h, t, seed):
    """p near 0 and 1, at p̂, and 50 more at random (five of them close to p̂)."""
    rng = np.random.default_rng(seed)
    p_hat = h / (h + t)
    ps = [1e-9, 1e-6, 0.001, 0.01, 0.5, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9, p_hat]
    return ps + rng.uniform(0, 1, 45).tolist() + rng.uniform(p_hat - 0.01, p_hat + 0.01, 5).tolist()


def check_coin_numbers(page, h, t, ps):
    for p in ps:
        set_p(page, p)
        log_l, slope, d2 = coin_values(h, t, p)
        scale = h / p + t / (1 - p)  # the size of the two terms the slope subtracts
        assert readout(page, "log-likelihood") == pytest.approx(log_l, rel=1e-12), p
        assert readout(page, "likelihood") == pytest.approx(CoinState(h, t, p).likelihood, rel=1e-9, abs=1e-300), p
        assert readout(page, "slope") == pytest.approx(slope, rel=1e-9, abs=1e-12 * scale), p
        assert readout(page, "second-derivative") == pytest.approx(d2, rel=1e-12), p
        if h + t <= 10**6:  # the library's die (p, 1 − p) rounds 1 − p; fine for moderate counts
            assert readout(page, "log-likelihood") == pytest.approx(lk.log_likelihood([p, 1 - p], [h, t]), rel=1e-9)


def test_coin_readouts_equal_the_formulas_for_many_p(open_explorer):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p=0.5)
    check_coin_numbers(page, HEADS, TAILS, random_ps(HEADS, TAILS, 20261129))
    page = open_explorer(kind="coin", heads=1, tails=999_999_999_999, p=0.5)  # N near 10^12
    check_coin_numbers(page, 1, 999_999_999_999, random_ps(1, 999_999_999_999, 5)[::5])


def test_coin_jump_to_mle_gives_a_flat_tangent(open_explorer):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p=0.2)
    p_hat = HEADS / (HEADS + TAILS)
    page.click('[data-action="mle"]')
    wait_for_state(page, "data-p", p_hat)
    assert abs(readout(page, "slope")) <= 1e-12 * (HEADS / p_hat + TAILS / (1 - p_hat))
    assert readout(page, "log-likelihood") == pytest.approx(coin_values(HEADS, TAILS, p_hat)[0], rel=1e-12)
    # the second derivative at p̂ is −N / (p̂ (1 − p̂)), the closed form of −h/p̂² − t/(1−p̂)²
    n = HEADS + TAILS
    assert readout(page, "second-derivative-at-mle") == pytest.approx(-n / (p_hat * (1 - p_hat)), rel=1e-12)
    page.wait_for_function("document.querySelector('[data-readout=\"slope\"]').parentNode.textContent.includes('zero: the tangent is flat')")


def test_coin_keyboard_moves_p_and_the_readouts(open_explorer):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p=0.5)
    slider = page.get_by_role("slider", name="p (heads)")
    assert float(slider.input_value()) == 0.5
    before = readout(page, "log-likelihood")
    slider.focus()
    for key, expected in [("ArrowRight", 0.51), ("ArrowUp", 0.52), ("PageUp", 0.62), ("ArrowLeft", 0.61),
                          ("PageDown", 0.51), ("ArrowDown", 0.5), ("End", 1.0), ("Home", 0.0)]:
        page.keyboard.press(key)
        wait_for_state(page, "data-p", expected)
        assert readout(page, "log-likelihood") == pytest.approx(coin_values(HEADS, TAILS, expected)[0] if 0 < expected < 1
                                                                else -math.inf, rel=1e-12)
    assert readout(page, "log-likelihood") != before
    # p = 0 rules out the heads that were seen: a message, log L = −∞, no tangent, no error
    assert "could not have shown the heads" in page.text_content("[data-message]")
    page.keyboard.press("ArrowRight")
    wait_for_state(page, "data-p", 0.01)
    assert page.text_content("[data-message]") == ""


def test_coin_curvature_box_shows_the_second_derivative(open_explorer):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p=0.5)
    row = page.locator('[data-readout="second-derivative"]').locator("xpath=..")
    assert not row.is_visible()
    page.get_by_label("Show the second derivative (curvature) at p").check()
    row.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-readout=\"second-derivative\"]').textContent.includes('−80.0000')")


@pytest.mark.parametrize("typed", ["abc", "1.5", "-0.2", "", "0.3.1", "NaN"])
def test_coin_bad_p_gives_a_message_and_keeps_the_state(open_explorer, typed):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p=0.25)
    page.fill('[data-input="p"]', typed)
    page.press('[data-input="p"]', "Enter")
    page.wait_for_function("document.querySelector('[data-message]').textContent.includes('p must be a number from 0 to 1')")
    assert float(page.get_attribute("[data-explorer]", "data-p")) == 0.25
    assert readout(page, "log-likelihood") == pytest.approx(coin_values(HEADS, TAILS, 0.25)[0], rel=1e-12)
    set_p(page, 0.4)  # recovery
    assert page.text_content("[data-message]") == ""


@pytest.mark.parametrize(
    "attrs, expected",
    [
        ({"heads": "x", "tails": "6"}, "heads must be a whole number"),
        ({"heads": "3", "tails": "-1"}, "tails must be a whole number"),
        ({"heads": "0", "tails": "0"}, "at least 1"),
        ({"heads": "2.5", "tails": "1"}, "heads must be a whole number"),
    ],
)
def test_coin_bad_counts_keep_the_snapshot(open_explorer, attrs, expected):
    page = open_explorer(kind="coin", p=0.5, **attrs)
    assert expected in page.text_content("[data-message]")
    assert page.locator("[data-explorer] img").is_visible()
    assert page.locator("input[type=range]").count() == 0


def test_coin_bad_start_p_gives_a_message_and_a_valid_state(open_explorer):
    page = open_explorer(kind="coin", heads=HEADS, tails=TAILS, p="2")
    assert "p must be a number from 0 to 1" in page.text_content("[data-message]")
    assert float(page.get_attribute("[data-explorer]", "data-p")) == 0.5
    assert not page.locator("[data-explorer] img").is_visible()


# --------------------------------------------------------------------------- the simplex


def set_probabilities(where, p):
    field = _root(where).locator('[data-input="probabilities"]')
    field.fill(", ".join(repr(float(v)) for v in p))
    field.press("Enter")
    wait_for_state(where, "data-probabilities", [float(v) for v in p])


def random_simplex_states(seed):
    rng = np.random.default_rng(seed)
    states = [rng.dirichlet([1, 1, 1]) for _ in range(50)]
    states += [np.array([1.0, 0.0, 0.0]), np.array([0.0, 0.5, 0.5]), np.array([1e-300, 0.5, 0.5 - 1e-300])]
    for p in states:
        p[2] = 1 - p[0] - p[1]  # three floats that sum to 1 within the tolerance
    return states


def check_simplex_losses(page, labels, states):
    root = _root(page)
    for k, p in enumerate(states):
        true = labels[k % 3]
        root.locator('[data-input="true-label"]').select_option(label=true)
        root.page.wait_for_function("([r, t]) => r.dataset.trueLabel === t", arg=[root.element_handle(), true])
        set_probabilities(page, p)
        q = float(p[labels.index(true)])
        expected = -math.log(q) if q > 0 else math.inf
        assert readout(page, "loss") == pytest.approx(expected, rel=1e-12), (p, true)
        assert readout(page, "log-likelihood") == pytest.approx(-expected, rel=1e-12)
        # the library agrees: log p(true) is the log-likelihood of one roll of the "class die"
        counts = [int(name == true) for name in labels]
        assert readout(page, "log-likelihood") == pytest.approx(lk.log_likelihood(p, counts), rel=1e-12)
        state = SimplexState(p, tuple(labels), true)
        assert _root(page).locator('[data-readout="prediction"]').get_attribute("data-value") == state.prediction
        if q == 0:
            assert "rules out what happened" in message(page)
        else:
            assert message(page) == ""


def test_simplex_loss_is_minus_log_p_true_for_random_states(open_explorer):
    page = open_explorer(kind="simplex", probabilities="0.8,0.1,0.1", labels="dog,fox,wolf")
    check_simplex_losses(page, ["dog", "fox", "wolf"], random_simplex_states(7))


def test_simplex_sliders_are_linked_like_the_library(open_explorer):
    page = open_explorer(kind="simplex", probabilities="0.8,0.1,0.1", labels="dog,fox,wolf", **{"true-label": "fox"})
    fox = page.get_by_role("slider", name="p(fox)")
    fox.focus()
    state = np.array([0.8, 0.1, 0.1])
    for key, value in [("PageUp", 0.2), ("ArrowRight", 0.21), ("End", 1.0), ("Home", 0.0), ("ArrowUp", 0.01)]:
        page.keyboard.press(key)
        state = renormalise(state, 1, value)
        page.wait_for_function("v => Number(document.querySelector('[data-explorer]').dataset.probabilities.split(',')[1]) === v",
                               arg=value)
        shown = [float(v) for v in page.get_attribute("[data-explorer]", "data-probabilities").split(",")]
        assert shown == pytest.approx(state.tolist(), abs=1e-15)
        assert math.fsum(shown) == pytest.approx(1.0, abs=1e-15)
        assert readout(page, "loss") == pytest.approx(-math.log(state[1]) if state[1] > 0 else math.inf, rel=1e-12)
    assert float(fox.input_value()) == pytest.approx(0.01)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("0.5, 0.6", "three probabilities separated by commas"),
        ("a, b, c", "must be numbers"),
        ("0.5, 0.6, 0.1", "must add up to 1"),
        ("-0.1, 0.6, 0.5", "between 0 and 1"),
        ("", "three probabilities"),
    ],
)
def test_simplex_bad_input_gives_a_message_and_keeps_the_state(open_explorer, typed, expected):
    page = open_explorer(kind="simplex", probabilities="0.6,0.3,0.1", labels="dog,fox,wolf")
    page.fill('[data-input="probabilities"]', typed)
    page.press('[data-input="probabilities"]', "Enter")
    page.wait_for_function("s => document.querySelector('[data-message]').textContent.includes(s)", arg=expected)
    assert page.get_attribute("[data-explorer]", "data-probabilities") == "0.6,0.3,0.1"
    assert readout(page, "loss") == pytest.approx(-math.log(0.6), rel=1e-12)
    set_probabilities(page, [0.2, 0.3, 0.5])  # recovery
    assert page.text_content("[data-message]") == ""
    assert readout(page, "loss") == pytest.approx(-math.log(0.2), rel=1e-12)


@pytest.mark.parametrize(
    "attrs, expected",
    [
        ({"probabilities": "0.9,0.9,0.1"}, "must add up to 1"),
        ({"probabilities": "0.8,0.2"}, "three probabilities"),
        ({"probabilities": "0.8,0.1,0.1", "true-label": "cat"}, "must be one of dog, fox, wolf"),
    ],
)
def test_simplex_bad_start_state_gives_a_message(open_explorer, attrs, expected):
    page = open_explorer(kind="simplex", labels="dog,fox,wolf", **attrs)
    assert expected in page.text_content("[data-message]")
    assert page.locator("input[type=range]").count() == 3


def test_simplex_bad_labels_keep_the_snapshot(open_explorer):
    page = open_explorer(kind="simplex", probabilities="0.8,0.1,0.1", labels="dog,dog,wolf")
    assert "three different class names" in page.text_content("[data-message]")
    assert page.locator("[data-explorer] img").is_visible()


def test_simplex_drag_on_the_triangle_moves_the_point(open_explorer):
    page = open_explorer(kind="simplex", probabilities="0.8,0.1,0.1", labels="dog,fox,wolf")
    box = page.locator("svg[role=img]").first.bounding_box()
    # near the top corner of the triangle (wolf, at 220, 72 of 440 × 330): just below the corner
    page.mouse.move(box["x"] + box["width"] * 220 / 440, box["y"] + box["height"] * 90 / 330)
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function("document.querySelector('[data-readout=\"prediction\"]').dataset.value === 'wolf'")
    shown = [float(v) for v in page.get_attribute("[data-explorer]", "data-probabilities").split(",")]
    assert math.fsum(shown) == pytest.approx(1.0, abs=1e-12) and min(shown) >= 0


# --------------------------------------------------------------------------- both


@pytest.mark.parametrize("params, spoken", [
    ({"kind": "coin", "heads": HEADS, "tails": TAILS, "p": 0.5}, "log-likelihood"),
    ({"kind": "simplex", "probabilities": "0.8,0.1,0.1", "labels": "dog,fox,wolf"}, "loss"),
])
def test_live_region_speaks_at_most_twice_a_second(open_explorer, params, spoken):
    """Drag for 60 frames (one input event per frame): the live region changes at least ~0.5 s
    apart, and its last words describe the final state."""
    page = open_explorer(**params)
    page.evaluate("""() => new Promise((done) => {
        const live = document.querySelector('[data-live][aria-live=polite]');
        window.__speech = [];
        new MutationObserver(() => window.__speech.push(performance.now()))
          .observe(live, { subtree: true, childList: true, characterData: true });
        const slider = document.querySelector('input[type=range]');
        let i = 0;
        const step = () => {
          slider.value = 0.2 + 0.005 * i;
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          if (++i < 60) requestAnimationFrame(step); else done();
        };
        requestAnimationFrame(step);
    })""")
    # the last update has been spoken: the summary holds the final value of the readout
    final = 0.2 + 0.005 * 59
    page.wait_for_function("""([v, key]) => {
        const root = document.querySelector('[data-explorer]');
        const value = Number(root.querySelector(`[data-readout="${key}"]`).dataset.value);
        return Number(root.dataset.probabilities.split(',')[0]) === v
            && root.querySelector('[data-live]').textContent.includes(value.toFixed(2).replace('-', '\u2212'));
    }""", arg=[final, spoken])
    speech = page.evaluate("window.__speech")
    bursts = [speech[0]] if speech else []
    for t in speech[1:]:
        if t - bursts[-1] > 50:  # the mutations of one update arrive together
            bursts.append(t)
    assert len(bursts) >= 2
    gaps = np.diff(bursts)
    assert gaps.min() >= 450, gaps


@pytest.mark.parametrize("params", [
    {"kind": "coin", "heads": HEADS, "tails": TAILS, "p": 0.5},
    {"kind": "simplex", "probabilities": "0.8,0.1,0.1", "labels": "dog,fox,wolf"},
])
def test_no_serious_accessibility_violations(open_explorer, params):
    from axe_playwright_python.sync_playwright import Axe

    page = open_explorer(**params)
    results = Axe().run(page)
    serious = [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
               for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    assert serious == []
    # keyboard focus is visible on every control: an outline of at least 2 px
    for control in page.locator(".ld-app input, .ld-app select, .ld-app button").all():
        control.focus()
        assert control.evaluate("e => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none'"
                                " && parseFloat(getComputedStyle(e).outlineWidth) >= 2")
    # every control has an accessible name
    for control in page.locator(".ld-ui input, .ld-ui select, .ld-ui button").all():
        assert control.evaluate("e => e.labels?.length > 0 || e.textContent.trim().length > 0 || !!e.getAttribute('aria-label')")


# --------------------------------------------------------------------------- the built chapters


@pytest.fixture
def open_chapter(browser, site_url):
    """Open a built chapter page; fail on console errors or requests off localhost."""
    context = browser.new_context()
    problems = []

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            problems.append(f"request left localhost: {route.request.url}")
            route.abort()

    context.route("**/*", route)

    def opener(path, kind):
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        page.goto(f"{site_url}/{path}")
        root = page.locator(f'[data-explorer="{kind}"]')
        assert root.count() == 1
        root.scroll_into_view_if_needed()  # an explorer starts when it comes near the screen
        page.wait_for_function("k => document.querySelector(`[data-explorer=\"${k}\"]`).dataset.mounted === 'true'", arg=kind)
        assert root.locator(".ld-app").is_visible()
        assert not root.locator("img.ld-explorer-snapshot").is_visible()
        assert root.locator("img.ld-explorer-snapshot").get_attribute("alt").strip()
        return page, root

    yield opener
    context.close()
    assert problems == []


def test_the_mle_chapter_brings_the_coin_to_life(open_chapter):
    page, root = open_chapter("book/05_mle.html", "coin")
    # the chapter's coin: the article's even rolls are heads, its odd rolls tails
    h, t = int(lk.ARTICLE_COUNTS[1::2].sum()), int(lk.ARTICLE_COUNTS[0::2].sum())
    assert (int(root.get_attribute("data-heads")), int(root.get_attribute("data-tails"))) == (h, t)
    check_coin_numbers(root, h, t, random_ps(h, t, 11))
    slider = root.get_by_role("slider", name="p (heads)")
    slider.focus()
    before = readout(root, "log-likelihood")
    page.keyboard.press("Home")
    page.keyboard.press("PageUp")
    wait_for_state(root, "data-p", 0.1)
    assert readout(root, "log-likelihood") == pytest.approx(coin_values(h, t, 0.1)[0], rel=1e-12)
    assert readout(root, "log-likelihood") != before
    root.locator('[data-action="mle"]').click()
    wait_for_state(root, "data-p", h / (h + t))
    # on paper the snapshot comes back and the live explorer goes
    page.emulate_media(media="print")
    assert root.locator("img.ld-explorer-snapshot").is_visible()
    assert not root.locator(".ld-app").is_visible()


def test_the_classification_chapter_brings_the_simplex_to_life(open_chapter):
    page, root = open_chapter("book/01_classification.html", "simplex")
    labels = root.get_attribute("data-labels").split(",")
    assert labels == ["dog", "fox", "wolf"]
    check_simplex_losses(root, labels, random_simplex_states(3)[:20])
    root.get_by_role("slider", name="p(wolf)").focus()
    page.keyboard.press("End")
    page.wait_for_function("r => r.querySelector('[data-readout=\"prediction\"]').dataset.value === 'wolf'",
                           arg=root.element_handle())
