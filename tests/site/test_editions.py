"""The English and Japanese editions: built together, linked page to page, same numbers, same math.

The Japanese edition (``_build/html/ja``) is the English sources read through the catalogs in
``locales/ja``: these tests check what that promises a reader.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from helpers import BUILD_HTML, ROOT, toc_files

JA = BUILD_HTML / "ja"
PAGES = [f"{doc}.html" for doc in toc_files()] + ["genindex.html", "search.html"]
CHAPTERS = [f"{doc}.html" for doc in toc_files()]

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import catalogs  # noqa: E402
from translations import TEX_WORDS, localise_tex  # noqa: E402

PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.S)
TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
EQNO = re.compile(r'<span class="eqno">([^<]*)<a class="headerlink" href="#([^"]+)"')
SWITCH = re.compile(r'<a class="btn btn-sm ld-language-switch" href="([^"]+)" hreflang="([a-z]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">')
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """The article's text as a reader sees it (no scripts, no math markup, no code)."""
    main = html.split('<article class="bd-article">', 1)[-1].split("</article>", 1)[0]
    main = re.sub(r"<(script|style|pre|code|annotation)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<span class="katex-html".*?</span></span></span>', " ", main, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.fixture(scope="module")
def both(site_build):
    assert site_build.returncode == 0, site_build.stdout[-3000:] + site_build.stderr[-3000:]
    return BUILD_HTML, JA


@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_both_editions_with_its_language(both, page):
    english, japanese = read(BUILD_HTML / page), read(JA / page)
    assert re.search(r'<html lang="en"', english)
    assert re.search(r'<html lang="ja"', japanese)


@pytest.mark.parametrize("page", PAGES)
def test_switch_links_lead_to_the_same_page(both, page):
    for edition, other in ((BUILD_HTML, "ja"), (JA, "en")):
        path = edition / page
        html = read(path)
        switch = SWITCH.search(html)
        assert switch, f"{path}: no language switch"
        href, lang = switch.groups()
        assert lang == other
        target = (path.parent / href).resolve()
        expected = (BUILD_HTML / page if other == "en" else JA / page).resolve()
        assert target == expected, (path, href)
        # hreflang alternates need absolute URLs: none until html_baseurl is set
        assert ALTERNATE.findall(html) == []


@pytest.mark.parametrize("page", CHAPTERS)
def test_glued_numbers_are_the_same_in_both_editions(both, page):
    """Every value the code glued into the prose appears on the Japanese page as often as on the
    English one (translated sentences may reorder them, never change or drop them); a glued
    word (a class name) appears as the library's Japanese for it, which the chapter glues under
    ``key-ja``: a word glued only in English fails here."""
    from loaded_dice.i18n import JAPANESE

    english = Counter(JAPANESE.get(unescape(v), unescape(v)) for v in PASTED.findall(read(BUILD_HTML / page)))
    japanese = Counter(unescape(v) for v in PASTED.findall(read(JA / page)))
    assert japanese == english


@pytest.mark.parametrize("page", CHAPTERS)
def test_math_and_equation_numbers_are_unchanged(both, page):
    """Every formula of the English page is on the Japanese page, unchanged but for the words
    TEX_WORDS puts in Japanese, and the equations carry the same numbers and anchors."""
    english, japanese = read(BUILD_HTML / page), read(JA / page)
    def formulas(html, language):
        # a line break inside a formula is a space to TeX
        return Counter(" ".join(localise_tex(unescape(tex), language).split()) for tex in TEX.findall(html))

    assert formulas(japanese, "en") == formulas(english, "ja")
    assert EQNO.findall(japanese) == EQNO.findall(english)


def test_formula_words_are_localised_where_the_book_uses_them(both):
    """Each entry of TEX_WORDS still matches a formula of the book (a stale entry would hide
    nothing, but it would also translate nothing)."""
    sources = "\n".join(read(path) for path in (ROOT / "book").glob("*.md"))
    unused = [english for english, _ in TEX_WORDS["ja"] if english not in sources]
    assert unused == []


@pytest.mark.parametrize("page", CHAPTERS)
def test_japanese_pages_are_in_japanese(both, page):
    """Not the English text under a Japanese label: most of the article's words are Japanese."""
    text = visible_text(read(JA / page))
    japanese = len(JAPANESE.findall(text))
    latin_words = len(re.findall(r"\b[A-Za-z]{4,}\b", visible_text(read(JA / page))))
    assert japanese > 5 * latin_words, (page, japanese, latin_words)
    # the English page (whose glossary shows Japanese terms) has far fewer Japanese characters
    assert len(JAPANESE.findall(visible_text(read(BUILD_HTML / page)))) < japanese / 4


@pytest.mark.parametrize("page", CHAPTERS)
def test_japanese_pages_have_their_own_japanese_description(both, page):
    """Search engines show the description: Japanese, from the page's own summary, short."""
    html = read(JA / page)
    match = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert match, page
    text = unescape(match.group(1))
    assert 30 <= len(text) <= 110 and JAPANESE.search(text), (page, text)
    english = re.search(r'<meta name="description" content="([^"]+)"', read(BUILD_HTML / page)).group(1)
    assert unescape(english) != text


def test_the_language_check_fails_on_an_english_page(both):
    """The check above can fail: an English page passed off as Japanese does not pass it."""
    text = visible_text(read(BUILD_HTML / "book/04_likelihood.html"))
    assert len(JAPANESE.findall(text)) < 5 * len(re.findall(r"\b[A-Za-z]{4,}\b", text))


def test_every_message_is_translated_and_keeps_its_markup(site_build):
    """Extract the English messages afresh (Sphinx's gettext builder over the current sources)
    and hold the catalogs to them: a sentence changed in English is no longer in its catalog,
    or only as fuzzy, and fails here until it is translated again."""
    result = subprocess.run(
        catalogs.EXTRACT,
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    found = catalogs.compare_with_templates()
    assert found == [], "\n".join(found[:40])


def test_the_catalog_check_finds_an_untranslated_or_changed_message(tmp_path):
    """The checks themselves: an empty, a fuzzy and a mistranslated entry are reported."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="ja")
    catalog.add("There were $a =$ {glue:text}`lik-a` even rolls.", "偶数の目は $a =$ {glue:text}`lik-a` 回でした。")
    assert catalogs.problems(catalog, "page") == []
    catalog.add("An empty one.", "")
    catalog.add("A changed one.", "変わった文。", flags=["fuzzy"])
    catalog.add("See {numref}`fig-x` and $y_k$.", "{numref}`fig-y` と $y_j$ を見てください。")
    catalog.add("The {term}`likelihood`.", "{term}`尤度 <likelihood>`。")
    found = catalogs.problems(catalog, "page")
    assert len(found) == 3, found
    assert any("not translated" in f for f in found)
    assert any("fuzzy" in f for f in found)
    assert any("markup differs" in f and "fig-x" in f for f in found)


#: Counts the page's fetches in flight: Sphinx's search fetches every result page for its
#: snippet after listing it, so "finished" means the list is complete and no fetch is pending
#: (leaving the page earlier would abort them).
COUNT_FETCHES = """
window.__ldPendingFetches = 0;
const __ldFetch = window.fetch;
window.fetch = (...args) => {
  window.__ldPendingFetches += 1;
  return __ldFetch(...args).finally(() => { window.__ldPendingFetches -= 1; });
};
"""
SEARCH_FINISHED = (
    # Search is a top-level const of searchtools.js: a global binding, not a property of window
    "typeof Search !== \"undefined\" && Search.dots && !Search.dots.isConnected"
    " && window.__ldPendingFetches === 0"
)


def _search(page, site_url, query):
    from urllib.parse import quote

    page.add_init_script(COUNT_FETCHES)
    page.goto(f"{site_url}/ja/search.html?q={quote(query)}", wait_until="load")
    # the search is over when its title no longer carries the progress dots (Sphinx replaces
    # the title's text when it finishes) and every snippet has arrived
    page.wait_for_function(SEARCH_FINISHED)
    return page.evaluate(
        "Array.from(document.querySelectorAll('#search-results ul.search li a')).map(a => a.getAttribute('href'))"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "query, first",
    [
        ("尤度関数", "book/04_likelihood.html"),   # the chapters' Japanese titles
        ("最尤推定", "book/05_mle.html"),
        ("対数尤度", "book/06_log_likelihood.html"),
        ("交差エントロピー", "book/08_cross_entropy.html"),
    ],
)
def test_japanese_search_finds_the_chapter(browser, site_url, query, first):
    from helpers import open_offline

    with open_offline(browser) as (page, record):
        results = _search(page, site_url, query)
        assert results and results[0].split("#")[0] == first, results[:5]
        record.assert_clean()


@pytest.mark.slow
def test_japanese_search_splits_a_phrase_typed_without_spaces(browser, site_url):
    """Japanese is written without spaces: 「偶数の出目」 ("the even faces") must be split into
    words the way the index was, or it matches nothing. The English search keeps its own
    splitter, which leaves the phrase whole."""
    from helpers import open_offline

    with open_offline(browser) as (page, record):
        results = _search(page, site_url, "偶数の出目")
        terms = page.evaluate("splitQuery('偶数の出目')")
        assert len(terms) >= 2, terms
        assert "book/03_counts.html" in [r.split("#")[0] for r in results], results
        page.goto(f"{site_url}/search.html", wait_until="load")
        assert page.evaluate("splitQuery('偶数の出目')") == ["偶数の出目"]
        record.assert_clean()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 400])
def test_the_switch_is_one_click_away_at_any_width(browser, site_url, width):
    """On a wide screen and on a phone the switch is visible in the article header, and a click
    leads to the same chapter in the other edition, and back."""
    from helpers import open_offline

    with open_offline(browser, viewport={"width": width, "height": 800}) as (page, record):
        page.goto(f"{site_url}/book/05_mle.html", wait_until="load")
        switch = page.locator(".ld-language-switch")
        assert switch.count() == 1 and switch.is_visible()
        assert switch.inner_text().strip() == "日本語"
        switch.click()
        page.wait_for_url(f"{site_url}/ja/book/05_mle.html", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "ja"
        back = page.locator(".ld-language-switch")
        assert back.is_visible() and back.inner_text().strip() == "English"
        back.click()
        page.wait_for_url(f"{site_url}/book/05_mle.html", wait_until="load")
        record.assert_clean()
