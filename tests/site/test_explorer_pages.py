"""The built pages that carry an in-page explorer: scripts only where needed, snapshots as files,
and at most 40 KB of gzipped explorer JavaScript on a page (counted in the browser: every module
the page fetched once all its explorers have started, in both editions)."""

from __future__ import annotations

import gzip
import re

import pytest

from helpers import BUILD_HTML, ROOT, open_offline, page_css, toc_files
from loaded_dice.explorers.web import png_size

BUDGET = 40 * 1024
ROOT_TAG = re.compile(r'<div class="ld-explorer" data-explorer="([a-z-]+)"[^>]*>(.*?)</div>', re.S)


def pages():
    return {doc: (BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8") for doc in toc_files()}


def boot_script(text: str) -> list[str]:
    """The explorer scripts a page's HTML loads: boot.js, which imports the rest when needed."""
    return re.findall(r'<script[^>]+type="module"[^>]+src="[./]*_static/explorers/([a-z-]+\.js)', text)


def test_the_die_chapters_have_explorers(site_build):
    with_explorer = {doc for doc, text in pages().items() if "data-explorer=" in text}
    assert {"book/04_likelihood", "book/05_mle", "book/06_log_likelihood"} <= with_explorer


def test_scripts_only_on_pages_with_an_explorer(site_build):
    """boot.js only where an explorer is; the explorers' rules on every page, in the one joined
    stylesheet that all pages share (test_build.py)."""
    explorer_css = (ROOT / "book" / "_static" / "explorers" / "explorers.css").read_text(encoding="utf-8")
    for doc, text in pages().items():
        kinds = {kind for kind, _ in ROOT_TAG.findall(text)}
        assert boot_script(text) == (["boot.js"] if kinds else []), doc
        assert explorer_css in page_css(BUILD_HTML / f"{doc}.html"), doc
        assert "modulepreload" not in text, doc  # modules load when an explorer comes near


def test_snapshots_are_image_files_with_size_and_cell_alt_text(site_build):
    for doc, text in pages().items():
        for kind, inner in ROOT_TAG.findall(text):
            assert "data:image" not in inner, f"{doc}: the snapshot is inlined into the HTML"
            src = re.search(r'src="([^"]+)"', inner).group(1)
            image = (BUILD_HTML / doc).parent / src
            assert image.is_file(), (doc, src)
            width, height = png_size(image.read_bytes())
            assert f'width="{width}"' in inner and f'height="{height}"' in inner
            assert 'loading="lazy"' in inner
            alt = re.search(r'alt="([^"]+)"', inner).group(1)
            assert alt.startswith(f"Snapshot of the {kind} explorer"), (doc, alt)  # the cell's alt text


MODULES_FETCHED = """() => [...new Set(performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\\/_static\\/explorers\\/[a-z0-9-]+\\.js$/.test(path))
    .map((path) => path.split('/').pop()))].sort()"""


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["", "ja/"])
def test_explorer_javascript_fits_the_budget(browser, site_url, edition):
    """Open each page with explorers, bring every explorer into view and let it start; the
    explorer modules the page fetched (boot.js and what it imported) weigh at most 40 KB gzipped."""
    for doc, text in pages().items():
        kinds = sorted({kind for kind, _ in ROOT_TAG.findall(text)})
        if not kinds:
            continue
        with open_offline(browser, viewport={"width": 1100, "height": 900}) as (page, record):
            page.goto(f"{site_url}/{edition}{doc}.html", wait_until="load")
            roots = page.locator("[data-explorer]")
            for i in range(roots.count()):
                roots.nth(i).scroll_into_view_if_needed()
                page.wait_for_function("r => r.dataset.mounted === 'true'", arg=roots.nth(i).element_handle())
            modules = page.evaluate(MODULES_FETCHED)
            record.assert_clean()
        assert {"boot.js", *(f"{k}.js" for k in kinds)} <= set(modules), (doc, modules)
        if edition:
            assert "i18n.js" in modules, doc  # the strings of the page's language
        static = BUILD_HTML / edition / "_static" / "explorers"
        total = sum(len(gzip.compress((static / m).read_bytes(), 9)) for m in modules)
        assert total <= BUDGET, f"{edition}{doc}: {total} gzipped bytes of explorer JavaScript ({modules})"
