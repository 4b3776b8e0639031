"""The die explorer in the web page: driven in headless Chromium on the built site, offline.

Every number the page shows is checked against loaded_dice (the reference), on states set
through the page's own controls (sliders and the counts field), read back from the root's
``data-probabilities`` / ``data-counts``. Each test waits on the explorer's render counter
(``data-renders``), or for the text of the live region and the heat map's description (written at
most twice a second), never on time, and ends with no console error, no page error and no request
that left localhost.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from playwright.sync_api import expect

import loaded_dice as ld
from loaded_dice.surface import off_slice_constant, slice_maximum, slice_shape, slice_weights

pytestmark = pytest.mark.slow

PAGE = "book/04_likelihood.html"  # DieExplorer(): the article's counts, the fair die, faces 1 and 2
ROOT = '[data-explorer="die"]'
ARTICLE = [2, 5, 2, 4, 2, 5]


# ------------------------------------------------------------------------------- helpers


def open_die(page, site_url, path=PAGE):
    page.goto(f"{site_url}/{path}", wait_until="load")
    root = page.locator(ROOT).first
    root.scroll_into_view_if_needed()  # an explorer starts when it comes near the screen
    page.wait_for_function(f"Number(document.querySelector('{ROOT}')?.dataset.renders) >= 1")
    return root


def renders(root) -> int:
    return int(root.get_attribute("data-renders"))


def act(page, root, *actions):
    """Do the actions, then wait until the explorer has drawn a frame after the last one."""
    for action in actions[:-1]:
        action()
    before = renders(root)
    actions[-1]()
    page.wait_for_function("([el, n]) => Number(el.dataset.renders) > n", arg=[root.element_handle(), before])


def state(root):
    y = np.array([float(v) for v in root.get_attribute("data-probabilities").split(",")])
    t = np.array([int(v) for v in root.get_attribute("data-counts").split(",")], dtype=np.int64)
    return y, t


def readout(root, name) -> float:
    return float(root.locator(f'[data-readout="{name}"]').get_attribute("data-value"))


def readout_text(root, name) -> str:
    return root.locator(f'[data-readout="{name}"]').inner_text()


def slider(root, face):
    return root.get_by_role("slider", name=f"face {face})")


def slider_values(root) -> np.ndarray:
    return np.array([float(slider(root, k).input_value()) for k in range(1, 7)])


DRAG_FACE_2 = """async ([root, values]) => {
    const slider = root.querySelector('input[type=range][data-face="2"]');
    const start = performance.now();
    for (const value of values) {             // one input event per frame, like a drag
        await new Promise(requestAnimationFrame);
        slider.value = String(value);
        slider.dispatchEvent(new Event('input', {bubbles: true}));
    }
    await new Promise(requestAnimationFrame);
    return performance.now() - start;
}"""


def drag_face_2(page, root, values) -> float:
    """Move the face-2 slider through `values`, one input event per frame as a drag does; returns
    how long that took (ms)."""
    return page.evaluate(DRAG_FACE_2, [root.element_handle(), list(values)])


def set_counts(page, root, text):
    field = root.locator('[data-input="counts"]')
    act(page, root, lambda: field.fill(text), lambda: field.press("Enter"))


def close(a: float, b: float) -> bool:
    if math.isinf(b) or math.isinf(a):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def slice_best(y, t, i, j) -> float:
    """The largest log L on the slice through faces i and j (0-based), from loaded_dice.surface."""
    a, b = slice_maximum(t, i, j)
    return float(slice_shape(t, i, j, a, b)) + off_slice_constant(t, slice_weights(y, i, j), i, j)


def check_numbers(root):
    """Every readout of the current state against the library; returns (y, t)."""
    y, t = state(root)
    log_l = ld.log_likelihood(y, t)
    assert close(readout(root, "log-likelihood"), log_l), (y.tolist(), t.tolist())
    best = ld.log_likelihood(ld.mle(t), t)
    assert close(readout(root, "best-log-likelihood"), best)
    gap = readout(root, "log-likelihood-gap")
    if log_l == -math.inf:
        assert gap == -math.inf
    else:
        assert abs(gap - (log_l - best)) <= 1e-9 * max(1.0, abs(best))
    i, j = (int(f) - 1 for f in root.get_attribute("data-slice").split(","))
    assert close(readout(root, "slice-best-log-likelihood"), slice_best(y, t, i, j))
    lik = ld.likelihood(y, t)
    page_lik = readout(root, "likelihood")
    if lik >= 1e-290:
        assert math.isclose(page_lik, lik, rel_tol=1e-9)
    elif lik == 0.0:
        assert page_lik == 0.0
        text = readout_text(root, "likelihood")
        if log_l == -math.inf:
            assert "impossible" in text
        else:
            assert "too small for a float64" in text and "see log L" in text
            assert root.locator('[data-readout="likelihood"]').get_attribute("data-underflow") == "true"
    else:  # a subnormal float64: both sides keep a (rough) non-zero number
        assert page_lik > 0
    np.testing.assert_allclose(slider_values(root), y, atol=0.0005 + 1e-12)
    return y, t


# ------------------------------------------------------------------------------- tests


def test_explorer_replaces_the_snapshot_and_starts_at_the_chapter_state(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    snapshot = root.locator("img.ld-explorer-snapshot")
    assert snapshot.count() == 1 and not snapshot.is_visible()
    assert root.locator(".ld-app").is_visible()
    y, t = check_numbers(root)
    assert t.tolist() == ARTICLE
    np.testing.assert_array_equal(y, np.full(6, 1 / 6))
    assert root.get_attribute("data-slice") == "1,2" and root.get_attribute("data-mode") == "log"
    assert root.locator('[data-input="counts"]').input_value() == "2, 5, 2, 4, 2, 5"
    record.assert_clean()


def test_fifty_random_states_match_the_library(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    rng = np.random.default_rng(20261129)
    seen = {"minus_inf": 0, "zero_count_zero_prob": 0, "huge": 0, "underflow": 0}
    for n in range(60):
        kind = n % 4
        if kind == 0:
            t = rng.integers(0, 30, 6)
        elif kind == 1:
            t = rng.integers(0, 400, 6)
            t[rng.integers(6)] = 0
        elif kind == 2:
            t = rng.integers(0, 10**12 // 6, 6)
        else:
            t = rng.multinomial(10**12, rng.dirichlet(np.ones(6)))  # exactly 10^12 rolls
        if t.sum() == 0:
            t[0] = 1
        set_counts(page, root, ", ".join(str(int(v)) for v in t))
        faces = rng.choice(6, size=rng.integers(1, 4), replace=False)
        for face in faces:
            value = 0.0 if rng.random() < 0.3 else int(rng.integers(0, 1001)) / 1000
            s = slider(root, int(face) + 1)
            act(page, root, lambda: s.fill(f"{value:g}"))
        if n % 5 == 0:  # a face that never came up gets probability 0
            zero = int(np.flatnonzero(t == 0)[0]) if (t == 0).any() else None
            if zero is not None:
                s = slider(root, zero + 1)
                act(page, root, lambda: s.fill("0"))
        y, t_page = check_numbers(root)
        assert t_page.tolist() == t.tolist()
        log_l = ld.log_likelihood(y, t_page)
        seen["minus_inf"] += log_l == -math.inf
        seen["zero_count_zero_prob"] += bool(np.any((y == 0) & (t_page == 0)))
        seen["huge"] += int(t_page.sum()) >= 10**11
        seen["underflow"] += ld.likelihood(y, t_page) == 0.0 and log_l > -math.inf
    assert all(v > 0 for v in seen.values()), seen  # the random states covered every case
    record.assert_clean()


def test_jump_to_the_mle(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    counts = [7, 0, 3, 12, 5, 1]
    set_counts(page, root, ", ".join(map(str, counts)))
    assert readout(root, "log-likelihood-gap") < 0
    act(page, root, lambda: root.locator('[data-action="mle"]').click())
    y, t = check_numbers(root)
    expected = np.array(counts) / sum(counts)
    np.testing.assert_array_equal(y, expected)
    np.testing.assert_allclose(slider_values(root), expected, atol=0.0005 + 1e-12)
    assert readout(root, "log-likelihood-gap") == 0.0
    assert readout_text(root, "log-likelihood-gap") == "0.0000"
    # the dot sits on the star (faces 1 and 2 vary; face 2 never came up)
    expect(root.locator('[data-description="surface"]')).to_contain_text("sits on the star")
    record.assert_clean()


def test_the_likelihood_readout_never_shows_a_silent_zero(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    # the article's 20 rolls: L is an ordinary float
    assert math.isclose(readout(root, "likelihood"), ld.likelihood(ld.FAIR_DIE, ARTICLE), rel_tol=1e-9)
    assert "10⁻¹⁶" in readout_text(root, "likelihood")
    # a hundred times the data: L underflows to 0.0 in float64, as in the library
    set_counts(page, root, ", ".join(str(100 * v) for v in ARTICLE))
    y, t = check_numbers(root)
    assert ld.likelihood(y, t) == 0.0
    text = readout_text(root, "likelihood")
    assert "too small for a float64" in text and "see log L" in text
    expected_exponent = ld.log_likelihood(y, t) / math.log(10)
    assert f"10^{expected_exponent:.1f}".replace("-", "−") in text
    # a face that came up gets probability 0: L = 0 exactly, log L = -inf, said in words
    act(page, root, lambda: slider(root, 1).fill("0"))
    assert root.locator('[data-readout="log-likelihood"]').get_attribute("data-value") == "-Infinity"
    assert "impossible: face 1 came up 200 times" in readout_text(root, "likelihood")
    check_numbers(root)
    record.assert_clean()


BAD_COUNTS = [
    ("2, 5, x, 4, 2, 5", "whole numbers"),
    ("2, 5, -2, 4, 2, 5", "negative"),
    ("2, 5, 2.5, 4, 2, 5", "fractional"),
    ("2, 5, 2, 4, 2", "6 whole numbers"),
    ("2, 5, 2, 4, 2, 5, 1", "6 whole numbers"),
    ("0, 0, 0, 0, 0, 0", "at least one roll"),
    ("999999999999, 2, 0, 0, 0, 0", "10^12"),
    ("", "6 whole numbers"),
]


def test_bad_counts_keep_the_last_valid_state_and_recover(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    message = root.locator("[data-message]")
    field = root.locator('[data-input="counts"]')
    assert not message.is_visible()
    before = readout(root, "log-likelihood")
    for text, words in BAD_COUNTS:
        set_counts(page, root, text)
        assert message.is_visible()
        assert words in message.inner_text(), (text, message.inner_text())
        assert "Still using the last valid counts: 2, 5, 2, 4, 2, 5" in message.inner_text()
        assert root.get_attribute("data-counts") == "2,5,2,4,2,5"
        assert readout(root, "log-likelihood") == before
        assert field.get_attribute("aria-invalid") == "true"
    set_counts(page, root, "1, 2, 3, 4, 5, 6")
    assert not message.is_visible() and message.inner_text() == ""
    assert field.get_attribute("aria-invalid") == "false"
    assert state(root)[1].tolist() == [1, 2, 3, 4, 5, 6]
    check_numbers(root)
    record.assert_clean()


def test_bad_roll_sizes_are_refused_and_rolls_are_reproducible(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    message = root.locator("[data-message]")
    roll_n = root.locator('[data-input="roll-n"]')
    roll = root.locator('[data-action="roll"]')
    for text in ["0", "2.5", "", "-3", "1000001"]:
        act(page, root, lambda: roll_n.fill(text), lambda: roll.click())
        assert "N must be a whole number from 1 to 1,000,000" in message.inner_text(), text
        assert root.get_attribute("data-counts") == "2,5,2,4,2,5"
    act(page, root, lambda: roll_n.fill("500"), lambda: roll.click())
    assert message.inner_text() == ""
    first = state(root)[1]
    assert first.sum() == 520 and np.all(first >= ARTICLE)
    check_numbers(root)
    act(page, root, lambda: root.locator('[data-action="reset"]').click())
    assert state(root)[1].tolist() == ARTICLE
    act(page, root, lambda: roll.click())
    assert state(root)[1].tolist() == first.tolist()  # the hidden die's generator restarted
    # rolls that would pass 10^12
    set_counts(page, root, "999999999990, 0, 0, 0, 0, 0")
    act(page, root, lambda: roll_n.fill("20"), lambda: roll.click())
    assert "10^12" in message.inner_text()
    assert root.get_attribute("data-counts") == "999999999990,0,0,0,0,0"
    record.assert_clean()


def test_keyboard_drives_every_control(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    y1 = slider(root, 1)
    y1.focus()
    act(page, root, lambda: page.keyboard.press("ArrowRight"))
    assert state(root)[0][0] == float(y1.input_value()) == 0.168
    act(page, root, lambda: page.keyboard.press("PageUp"))
    after_page_up = state(root)[0][0]
    assert after_page_up >= 0.2
    act(page, root, lambda: page.keyboard.press("End"))
    y, _ = state(root)
    assert y.tolist() == [1.0, 0, 0, 0, 0, 0]
    act(page, root, lambda: page.keyboard.press("Home"))
    y, _ = state(root)
    np.testing.assert_allclose(y, [0, 0.2, 0.2, 0.2, 0.2, 0.2], atol=1e-15)
    # visible focus on the slider
    outline = y1.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("none", "")
    # Tab from the last slider reaches the MLE button; Enter presses it
    slider(root, 6).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "mle"
    act(page, root, lambda: page.keyboard.press("Enter"))
    np.testing.assert_array_equal(state(root)[0], np.array(ARTICLE) / 20)
    # counts typed and applied with Enter; Tab to N, to the roll button, Space rolls
    root.locator('[data-input="counts"]').focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("1, 1, 1, 1, 1, 1")
    act(page, root, lambda: page.keyboard.press("Enter"))
    assert state(root)[1].tolist() == [1] * 6
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.input") == "roll-n"
    page.keyboard.press("Tab")
    act(page, root, lambda: page.keyboard.press("Space"))
    assert state(root)[1].sum() == 26
    # the slice and the mode
    root.locator('[data-input="slice-i"]').focus()
    act(page, root, lambda: page.keyboard.press("ArrowDown"))  # face 2 is taken by the other: they swap
    assert root.get_attribute("data-slice") == "2,1"
    root.locator('[data-input="mode"][value="log"]').focus()
    act(page, root, lambda: page.keyboard.press("ArrowRight"))
    assert root.get_attribute("data-mode") == "linear"
    expect(root.locator('[data-description="surface"]')).to_contain_text("colours L over")
    record.assert_clean()


def test_slice_readout_and_description_follow_the_state(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    # the description may lag a quick run of changes by up to half a second: each check waits for it
    description = root.locator('[data-description="surface"]')
    expect(description).to_contain_text("(star) has y₁ = 0.100 and y₂ = 0.250")
    expect(description).to_contain_text("the star is above and to the left of it")
    select = root.locator('[data-input="slice-j"]')
    # y2 = 0.5 leaves y1 = 0.5 / 5 = 0.1 = t1/N: the star is straight below the dot
    act(page, root, lambda: slider(root, 2).fill("0.5"))
    expect(description).to_contain_text("the star is below it.")
    # from the MLE, y2 = 0.4 scales y1 by 0.6 / 0.75 to 0.08: the star is below and to the right
    act(page, root, lambda: root.locator('[data-action="mle"]').click())
    expect(description).to_contain_text("it sits on the star.")
    act(page, root, lambda: slider(root, 2).fill("0.4"))
    expect(description).to_contain_text("the star is below and to the right of it.")
    act(page, root, lambda: select.select_option("3"))  # face 4
    assert root.get_attribute("data-slice") == "1,4"
    y, t = state(root)
    assert close(readout(root, "slice-best-log-likelihood"), slice_best(y, t, 0, 3))
    expect(description).to_contain_text("(star) has y₁ = 0.100 and y₄ = 0.200")
    # a face off the slice that came up gets probability 0: the whole slice is impossible
    act(page, root, lambda: slider(root, 6).fill("0"))
    assert readout(root, "slice-best-log-likelihood") == -math.inf
    expect(description).to_contain_text("Every die on this slice is impossible")
    record.assert_clean()


def test_live_region_and_description_change_at_most_twice_a_second_while_dragging(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    page.evaluate(
        """(root) => {
            const changes = window.__changes = {spoken: 0, shown: 0, rewritten: 0};
            const count = (selector, key) => new MutationObserver(() => changes[key]++)
                .observe(root.querySelector(selector), {childList: true, characterData: true, subtree: true});
            count('[data-live]', 'spoken');
            count('[data-readout="log-likelihood"]', 'shown');
            count('[data-description="surface"]', 'rewritten');
        }""",
        root.element_handle(),
    )
    elapsed = drag_face_2(page, root, [0.1 + k * 0.005 for k in range(90)])
    result = {**page.evaluate("window.__changes"), "elapsed": elapsed}
    assert result["shown"] >= 60  # the visible readout follows every frame
    for changes in (result["spoken"], result["rewritten"]):
        assert 1 <= changes <= result["elapsed"] / 500 + 2, result
    # once the drag stops, both land on its last state: y2 = 0.1 + 89 * 0.005
    y, t = state(root)
    assert y[1] == pytest.approx(0.545)
    expect(root.locator('[data-description="surface"]')).to_contain_text(f"y₁ = {y[0]:.3f} and y₂ = 0.545")
    expect(root.locator("[data-live]")).to_have_text(re.compile(rf"{ld.log_likelihood(y, t):.2f}".replace("-", "[-−]")))
    record.assert_clean()


def test_heat_map_is_drawn_and_redraws_on_a_drag(offline_page, site_url):
    page, record = offline_page
    root = open_die(page, site_url)
    canvas = root.locator('canvas[data-figure="surface"]')
    colours = """c => { const ctx = c.getContext('2d'); const d = ctx.getImageData(0, 0, c.width, c.height).data;
                        const s = new Set(); for (let p = 0; p < d.length; p += 4) s.add((d[p] << 16) | (d[p+1] << 8) | d[p+2]);
                        return s.size; }"""
    assert canvas.evaluate(colours) >= 150  # a graded map, not a flat fill
    before = canvas.evaluate("c => c.toDataURL()")
    act(page, root, lambda: slider(root, 2).fill("0.5"))
    assert canvas.evaluate("c => c.toDataURL()") != before  # the dot moved
    record.assert_clean()


def test_a_drag_leaves_no_trace_on_the_heat_map(offline_page, site_url):
    """A drag redraws only the spot under the dot; after 40 moves the canvas is exactly what a
    fresh drawing of the same state gives, pixel for pixel."""
    page, record = offline_page
    root = open_die(page, site_url)
    canvas = root.locator('canvas[data-figure="surface"]')
    start = canvas.evaluate("c => c.toDataURL()")
    before = renders(root)
    drag_face_2(page, root, [0.05 + k * 0.015 for k in range(40)])
    page.wait_for_function("([el, n]) => Number(el.dataset.renders) >= n + 40", arg=[root.element_handle(), before])
    dragged = canvas.evaluate("c => c.toDataURL()")
    assert dragged != start  # the dot moved
    # log L, then L, then log L again: the surface is built anew and drawn whole
    for mode in ("linear", "log"):
        act(page, root, lambda: root.locator(f'[data-input="mode"][value="{mode}"]').check())
    assert root.get_attribute("data-mode") == "log"
    assert canvas.evaluate("c => c.toDataURL()") == dragged
    record.assert_clean()


def test_no_serious_accessibility_violation_in_the_live_explorer(offline_page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page, _record = offline_page
    open_die(page, site_url)
    results = Axe().run(page, context=ROOT)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert serious == []


def test_print_and_no_javascript_show_the_snapshot(browser, site_url, offline_page):
    page, record = offline_page
    root = open_die(page, site_url)
    page.emulate_media(media="print")
    assert root.locator("img.ld-explorer-snapshot").is_visible()
    assert not root.locator(".ld-app").is_visible()
    record.assert_clean()
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(f"{site_url}/{PAGE}", wait_until="load")
        img = static.locator(f"{ROOT} img")
        img.scroll_into_view_if_needed()
        assert img.is_visible()
        assert img.get_attribute("alt").startswith("Snapshot of the die explorer")
        static.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    finally:
        context.close()


@pytest.mark.parametrize("path", ["book/05_mle.html", "book/06_log_likelihood.html"])
def test_other_chapters_start_from_their_own_state(offline_page, site_url, path):
    page, record = offline_page
    root = open_die(page, site_url, path)
    y, t = check_numbers(root)
    if path.startswith("book/05"):
        assert root.get_attribute("data-slice") == "2,4"
        assert readout(root, "log-likelihood-gap") == 0.0  # the chapter starts at the MLE
    else:
        assert t.tolist() == [100 * v for v in ARTICLE]
    record.assert_clean()
