"""The in-page explorers on the Japanese edition (``_build/html/ja/…``, ``<html lang="ja">``).

Driven offline in Debian's Chromium on every Japanese page that carries an explorer:

* **Everything the explorer says is Japanese.** Four sources are read: the text inside the
  explorer (labels, buttons, readout labels, messages, SVG figure text, the heat map's description,
  the live summary, hidden rows included), the accessible names and values Chromium computes
  (``aria_snapshot`` of the explorer), its ``aria-label`` / ``aria-valuetext`` / ``placeholder`` /
  ``title`` attributes, and every string drawn on its canvases (``fillText`` is wrapped before the
  page's scripts run). The rule: the explorer's text contains Japanese (kana or kanji), and every
  run of Latin letters anywhere in it is one of ``ALLOWED`` — the letters of the book's
  mathematics (L, log, N, p, q, y, t, k, G, d and dL/dp's dL, dp) and the key name Enter. A
  leftover English word ("face", "Reset", "rolls", "heads", "loaded", "dog") fails. Numbers and
  math signs (−, ×, 10⁻¹⁶, Σ, ∞, %, p̂) are not letters and pass. States that bring out the rarer
  texts (underflow, an impossible die, an empty slice, a tie, a typed N past the slider) are
  checked as well as the starting state.
* **Bad input** gives a readable Japanese message (the reader's own input, quoted in 「」, may
  hold anything) and keeps the last valid state.
* **Same numbers**: for the same state, set through the same controls, every readout's
  ``data-value`` and the root's state attributes equal the English page's, and a readout that is a
  plain number reads the same text in both editions (the number formatting does not change).
* No request leaves localhost, no console or page error; axe-core finds no serious or critical
  violation inside any explorer.
"""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest

from helpers import BUILD_HTML, open_offline

pytestmark = pytest.mark.slow

#: Chapter pages with an explorer, and the kinds on each (the same in both editions).
PAGES = {
    "book/01_classification.html": ["simplex"],
    "book/04_likelihood.html": ["die"],
    "book/05_mle.html": ["coin", "die"],
    "book/06_log_likelihood.html": ["die"],
    "book/07_uncertainty.html": ["power"],
}
JA = "ja/"

#: The only runs of Latin letters a Japanese explorer may show: the mathematics' letters and a key.
ALLOWED = {"L", "log", "N", "p", "q", "y", "t", "k", "G", "d", "dL", "dp", "Enter"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]+")
QUOTED = re.compile(r"「[^」]*」")  # the reader's own input, echoed in a message

#: Wraps fillText before any page script runs: every string drawn on a canvas is recorded.
RECORD_CANVAS = """
window.__canvasText = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
  window.__canvasText.push(String(text));
  return fillText.call(this, text, ...rest);
};
"""

#: Everything an explorer's UI holds as text: text nodes (hidden ones too) and spoken attributes.
COLLECT = """app => {
  const texts = [];
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    if (text) texts.push(text);
  }
  for (const el of app.querySelectorAll('*')) {
    for (const a of ['aria-label', 'aria-valuetext', 'placeholder', 'title', 'alt']) {
      if (el.hasAttribute(a)) texts.push(el.getAttribute(a));
    }
  }
  return texts;
}"""


def foreign_words(text: str) -> set[str]:
    """Runs of Latin letters in `text` that are not in ALLOWED."""
    return set(LATIN.findall(text)) - ALLOWED


def accessible_texts(snapshot: str) -> list[str]:
    """The names and values in an ARIA snapshot, without its role names and [states]."""
    out = []
    for line in snapshot.splitlines():
        line = re.sub(r"^\s*- /?[\w-]+", "", line)  # "- slider", "- text", "- /placeholder"
        line = re.sub(r"\[[\w=-]+\]", "", line)  # [checked], [selected], [level=2]
        if line.strip(" :"):
            out.append(line)
    return out


# ------------------------------------------------------------------------------- helpers


def open_page(page, site_url, path):
    """Open a page with its explorers drawn; on a Japanese page, what the canvases drew first
    (the die's bars and heat map, with their labels) is checked here."""
    page.add_init_script(RECORD_CANVAS)
    page.goto(f"{site_url}/{path}", wait_until="load")
    roots = page.locator("[data-explorer]")
    for i in range(roots.count()):  # an explorer starts when it comes near the screen
        roots.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("r => Number(r.dataset.renders) >= 1", arg=roots.nth(i).element_handle())
    page.wait_for_function(
        "[...document.querySelectorAll('[data-explorer]')].every(r => Number(r.dataset.renders) >= 1)"
    )
    kinds = PAGES[path.removeprefix(JA)]
    drawn = page.evaluate("() => window.__canvasText.splice(0)")
    if path.startswith(JA):
        assert [text for text in drawn if foreign_words(text)] == [], path
        if "die" in kinds:
            assert len([text for text in drawn if JAPANESE.search(text)]) >= 8, drawn
    return {kind: page.locator(f'[data-explorer="{kind}"]') for kind in kinds}


def act(root, action):
    """Do the action, then wait until the explorer has drawn a frame after it."""
    before = int(root.get_attribute("data-renders"))
    action()
    root.page.wait_for_function("([el, n]) => Number(el.dataset.renders) > n", arg=[root.element_handle(), before])


def apply(root, field, text):
    locator = root.locator(f'[data-input="{field}"]')
    act(root, lambda: (locator.fill(text), locator.press("Enter")))


def check_japanese(root, where: str):
    """The explorer's text, accessible names, attributes and canvas text: Japanese only."""
    app = root.locator(".ld-app").first
    texts = app.evaluate(COLLECT)
    spoken = accessible_texts(app.aria_snapshot())
    drawn = root.page.evaluate("() => window.__canvasText.splice(0)")
    assert JAPANESE.search(" ".join(texts)), where
    assert len(JAPANESE.findall(" ".join(spoken))) >= 20, (where, spoken)
    bad = {text: foreign_words(text) for text in texts + spoken + drawn if foreign_words(text)}
    assert bad == {}, where


def readouts(root) -> dict[str, str]:
    """The root's state attributes and every readout's data-value (and data-underflow)."""
    values = root.evaluate(
        """r => {
            const out = {};
            for (const a of ['probabilities', 'counts', 'slice', 'mode', 'p', 'trueLabel', 'rolls']) {
                if (r.dataset[a] !== undefined) out[a] = r.dataset[a];
            }
            for (const el of r.querySelectorAll('[data-readout]')) {
                out[el.dataset.readout] = el.dataset.value;
                if (el.dataset.underflow !== undefined) out[el.dataset.readout + ':underflow'] = el.dataset.underflow;
            }
            return out;
        }"""
    )
    assert len(values) >= 5
    return values


NUMBER_TEXT = re.compile(r"^[0-9.,\s−×⁰¹²³⁴⁵⁶⁷⁸⁹⁻∞%]+$")


def number_texts(root) -> dict[str, str]:
    """The readouts whose visible text is only a number (−35.8352, 2.7351 × 10⁻¹⁶, 9.2 %)."""
    texts = root.evaluate(
        "r => Object.fromEntries([...r.querySelectorAll('[data-readout]')].map(e => [e.dataset.readout, e.textContent]))"
    )
    return {k: v for k, v in texts.items() if NUMBER_TEXT.match(v)}


# What each kind of explorer is put through: (name, action(root)). Each reaches states whose
# texts the starting state does not show.
SCENARIOS = {
    "die": [
        ("a hundred times the data: L underflows", lambda r: apply(r, "counts", "200, 500, 200, 400, 200, 500")),
        ("the surface in L", lambda r: act(r, lambda: r.locator('[data-input="mode"][value="linear"]').check())),
        ("a face that came up gets 0", lambda r: act(r, lambda: r.locator('input[type=range][data-face="1"]').fill("0"))),
        ("a face off the slice gets 0", lambda r: act(r, lambda: r.locator('input[type=range][data-face="6"]').fill("0"))),
        ("the MLE", lambda r: act(r, lambda: r.locator('[data-action="mle"]').click())),
        ("another slice", lambda r: act(r, lambda: r.locator('[data-input="slice-j"]').select_option("3"))),
        ("a roll", lambda r: act(r, lambda: r.locator('[data-action="roll"]').click())),
    ],
    "coin": [
        ("the curvature", lambda r: act(r, lambda: r.locator('[data-input="curvature"]').check())),
        ("p = 0.3", lambda r: apply(r, "p", "0.3")),
        ("p = 0: heads were seen", lambda r: apply(r, "p", "0")),
        ("the MLE", lambda r: act(r, lambda: r.locator('[data-action="mle"]').click())),
    ],
    "simplex": [
        ("a tie", lambda r: apply(r, "probabilities", "0.5, 0.5, 0")),
        ("the true label gets 0", lambda r: act(r, lambda: r.locator('[data-input="true-label"]').select_option("2"))),
        ("another point", lambda r: apply(r, "probabilities", "0.2, 0.3, 0.5")),
    ],
    "power": [
        ("N past the slider", lambda r: apply(r, "rolls", "1000")),
        ("a die from the menu", lambda r: act(r, lambda: r.locator('[data-input="preset"]').select_option(index=3))),
        ("a typed die", lambda r: apply(r, "die", "0.3, 0.1, 0.1, 0.1, 0.1, 0.3")),
    ],
}


# ------------------------------------------------------------------------------- tests


def test_both_editions_carry_the_same_explorers(site_build):
    """The pages listed here are those with explorers, in both editions, and the Japanese pages
    are lang="ja" (tests/site/test_explorer_pages.py counts the JavaScript each page fetches)."""
    for prefix in ("", JA):
        found = {}
        for page in sorted((BUILD_HTML / prefix / "book").glob("*.html")):
            kinds = re.findall(r'data-explorer="([a-z-]+)"', page.read_text(encoding="utf-8"))
            if kinds:
                found[f"book/{page.name}"] = sorted(kinds)
        assert found == {path: sorted(kinds) for path, kinds in PAGES.items()}, prefix
    for path in PAGES:
        text = (BUILD_HTML / JA / path).read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*\blang="ja"', text), path


@pytest.mark.parametrize("path", list(PAGES))
def test_everything_the_explorer_says_is_japanese(offline_page, site_url, path):
    page, record = offline_page
    roots = open_page(page, site_url, JA + path)
    for kind, root in roots.items():
        root.scroll_into_view_if_needed()
        check_japanese(root, f"{path} {kind}: start")
        for name, action in SCENARIOS[kind]:
            action(root)
            check_japanese(root, f"{path} {kind}: {name}")
    record.assert_clean()


def test_sliders_and_buttons_are_named_in_japanese(offline_page, site_url):
    page, record = offline_page
    names = {}
    for path in ("book/01_classification.html", "book/05_mle.html", "book/07_uncertainty.html"):
        for kind, root in open_page(page, site_url, JA + path).items():
            names[kind] = root.evaluate(
                "r => [...r.querySelectorAll('input[type=range], button')].map(e => (e.labels?.[0] ?? e).textContent.trim())"
            )
            for button in root.get_by_role("button").all():
                assert JAPANESE.search(button.inner_text()), (kind, button.inner_text())
    die, coin, simplex, power = (names[k] for k in ("die", "coin", "simplex", "power"))
    for face in range(1, 7):  # each face's slider names its face
        assert sum(f"出目 {face} の確率" in name for name in die) == 1, die
    assert [n for n in simplex if n.startswith("p(")] == ["p(イヌ)", "p(キツネ)", "p(オオカミ)"]
    assert any("表" in n for n in coin) and any("回数" in n for n in power), (coin, power)
    record.assert_clean()


#: Bad counts, and what the Japanese message must name (as the English test's BAD_COUNTS).
BAD_COUNTS = [
    ("2, 5, x, 4, 2, 5", "数字 0〜9"),
    ("2, 5, -2, 4, 2, 5", "負"),
    ("2, 5, 2.5, 4, 2, 5", "小数"),
    ("2, 5, 2, 4, 2", "6 個の整数"),
    ("2, 5, 2, 4, 2, 5, 1", "6 個の整数"),
    ("0, 0, 0, 0, 0, 0", "少なくとも 1 回"),
    ("999999999999, 2, 0, 0, 0, 0", "10^12"),
    ("", "6 個の整数"),
]


def check_message(root, wanted: str):
    message = root.locator("[data-message]")
    assert message.is_visible()
    text = message.inner_text()
    assert wanted in text, (wanted, text)
    assert JAPANESE.search(QUOTED.sub("", text)), text
    assert foreign_words(QUOTED.sub("", text)) == set(), text
    return text


def test_bad_counts_give_a_japanese_message_and_keep_the_state(offline_page, site_url):
    page, record = offline_page
    root = open_page(page, site_url, JA + "book/04_likelihood.html")["die"]
    root.scroll_into_view_if_needed()
    field = root.locator('[data-input="counts"]')
    before = readouts(root)
    seen = set()
    for text, wanted in BAD_COUNTS:
        apply(root, "counts", text)
        said = check_message(root, wanted)
        assert "2, 5, 2, 4, 2, 5" in QUOTED.sub("", said)  # the counts still in use
        assert readouts(root) == before
        assert field.get_attribute("aria-invalid") == "true"
        seen.add(said)
    assert len(seen) == len(BAD_COUNTS)  # each problem has its own message
    roll_n = root.locator('[data-input="roll-n"]')
    act(root, lambda: (roll_n.fill("2.5"), root.locator('[data-action="roll"]').click()))
    check_message(root, "1,000,000")
    assert readouts(root) == before
    apply(root, "counts", "1, 2, 3, 4, 5, 6")
    assert root.locator("[data-message]").inner_text() == ""
    assert root.get_attribute("data-counts") == "1,2,3,4,5,6"
    record.assert_clean()


@pytest.mark.parametrize(
    "path, kind, field, text, wanted",
    [
        ("book/05_mle.html", "coin", "p", "abc", "0 から 1"),
        ("book/01_classification.html", "simplex", "probabilities", "0.5, 0.6, 0", "合計"),
        ("book/07_uncertainty.html", "power", "die", "0.1, 0.2", "6 つの確率"),
        ("book/07_uncertainty.html", "power", "rolls", "3", "5 回以上"),
    ],
)
def test_bad_input_in_the_other_explorers_gives_a_japanese_message(offline_page, site_url, path, kind, field, text, wanted):
    page, record = offline_page
    root = open_page(page, site_url, JA + path)[kind]
    root.scroll_into_view_if_needed()
    before = readouts(root)
    apply(root, field, text)
    check_message(root, wanted)
    assert readouts(root) == before
    assert root.locator(f'[data-input="{field}"]').get_attribute("aria-invalid") == "true"
    record.assert_clean()


@pytest.mark.parametrize("path", list(PAGES))
def test_readout_values_equal_the_english_page(browser, site_url, path):
    with ExitStack() as stack:
        editions = [stack.enter_context(open_offline(browser, viewport={"width": 1100, "height": 900})) for _ in range(2)]
        roots = [open_page(page, site_url, prefix + path) for (page, _), prefix in zip(editions, ("", JA))]
        compared = 0
        for kind in PAGES[path]:
            en, ja = roots[0][kind], roots[1][kind]
            states = [("start", None), *SCENARIOS[kind]]
            for name, action in states:
                if action:
                    action(en)
                    action(ja)
                assert readouts(ja) == readouts(en), (kind, name)
                numbers = number_texts(en)
                assert number_texts(ja) == numbers, (kind, name)
                compared += len(numbers)
        assert compared >= 2 * len(PAGES[path])
        for _, record in editions:
            record.assert_clean()


@pytest.mark.parametrize("path", list(PAGES))
def test_no_serious_accessibility_violation_in_the_japanese_explorers(offline_page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page, record = offline_page
    kinds = open_page(page, site_url, JA + path)
    record.assert_clean()  # before axe: its scan of the stylesheets asks for a basic.css the site does not have
    for kind in kinds:
        results = Axe().run(page, context=f'[data-explorer="{kind}"]')
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        assert serious == [], (path, kind)
