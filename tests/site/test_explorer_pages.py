"""The built pages that carry an in-page explorer: scripts only where needed, snapshots as files,
and at most 40 KB of gzipped explorer JavaScript on a page."""

from __future__ import annotations

import gzip
import re

from helpers import BUILD_HTML, toc_files
from loaded_dice.explorers.web import png_size

BUDGET = 40 * 1024
ROOT_TAG = re.compile(r'<div class="ld-explorer" data-explorer="([a-z-]+)"[^>]*>(.*?)</div>', re.S)


def pages():
    return {doc: (BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8") for doc in toc_files()}


def explorer_js(text: str) -> list[str]:
    """The explorer modules a page loads: boot.js, and what boot.js imports (modulepreload hints)."""
    boot = re.findall(r'<script[^>]+type="module"[^>]+src="[./]*_static/explorers/([a-z-]+\.js)', text)
    preloaded = re.findall(r'<link rel="modulepreload" href="[./]*_static/explorers/([a-z-]+\.js)"', text)
    return boot + preloaded


def test_the_die_chapters_have_explorers(site_build):
    with_explorer = {doc for doc, text in pages().items() if "data-explorer=" in text}
    assert {"book/04_likelihood", "book/05_mle", "book/06_log_likelihood"} <= with_explorer


def test_scripts_only_on_pages_with_an_explorer(site_build):
    for doc, text in pages().items():
        kinds = {kind for kind, _ in ROOT_TAG.findall(text)}
        modules = explorer_js(text)
        if kinds:
            assert "boot.js" in modules, doc
            assert {f"{k}.js" for k in kinds} <= set(modules), doc
            assert "_static/explorers/explorers.css" in text, doc
        else:
            assert modules == [] and "explorers.css" not in text, doc


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


def test_explorer_javascript_fits_the_budget(site_build):
    for doc, text in pages().items():
        modules = sorted(set(explorer_js(text)))
        total = sum(
            len(gzip.compress((BUILD_HTML / "_static" / "explorers" / m).read_bytes(), 9)) for m in modules
        )
        assert total <= BUDGET, f"{doc}: {total} gzipped bytes of explorer JavaScript ({modules})"
