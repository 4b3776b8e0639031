"""The book's two editions, English (the site's root) and Japanese (``ja/`` beside it).

``scripts/build_book.py`` builds the English edition into ``_build/html`` and the Japanese one,
from the same sources and the same execution cache, with ``language: ja`` into
``_build/html/ja``. For every page of either edition this extension

* fills ``edition_switch`` for the template ``book/_templates/language-switch.html`` (in the
  article header, on every page and at every width): a link to the same page in the other
  edition, named in that edition's language;
* adds ``<link rel="alternate" hreflang=…>`` for both editions, so that search engines pair them,
  once the site's address is known (``html_baseurl``: they must be absolute URLs);
* gives the Japanese edition's search a query splitter: Sphinx indexes Japanese text with its
  Python port of TinySegmenter, but the browser side would only split a query at spaces and
  punctuation, so a phrase typed as one writes Japanese (「偶数の出目」) would find nothing.
  The vendored TinySegmenter (``vendor/tiny-segmenter``) splits the query the way the index was
  split.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search.ja import SearchJapanese

#: Each edition: its language code, where it lives below the site's root, and the name of the
#: language written in that language (the switch names the edition it leads to).
EDITIONS = {
    "en": {"prefix": "", "name": "English", "title": "Read this page in English"},
    "ja": {"prefix": "ja/", "name": "日本語", "title": "このページを日本語で読む"},
}

VENDOR = Path(__file__).resolve().parent / "vendor" / "tiny-segmenter" / "tiny-segmenter.js"


def edition_of(app: Sphinx) -> str:
    language = (app.config.language or "en").split("_")[0]
    return language if language in EDITIONS else "en"


def page_url(language: str, pagename: str, from_language: str) -> str:
    """The relative URL, seen from ``pagename`` in edition ``from_language``, of the same page in
    edition ``language``."""
    up = "../" * pagename.count("/") + "../" * EDITIONS[from_language]["prefix"].count("/")
    return f"{up}{EDITIONS[language]['prefix']}{pagename}.html"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    here = edition_of(app)
    other = next(code for code in EDITIONS if code != here)
    context["edition_switch"] = {
        "href": page_url(other, pagename, here),
        "lang": other,
        "label": EDITIONS[other]["name"],
        "title": EDITIONS[other]["title"],
    }
    # search engines pair the editions by absolute URLs only (a relative hreflang link is an
    # error to them): with html_baseurl set (the published site's address), add them
    base = (app.config.html_baseurl or "").rstrip("/")
    if base:
        links = "".join(
            f'\n<link rel="alternate" hreflang="{code}" href="{base}/{EDITIONS[code]["prefix"]}{pagename}.html">'
            for code in EDITIONS
        )
        context["metatags"] = context.get("metatags", "") + links


class JapaneseSearch(SearchJapanese):
    """Sphinx's Japanese search, with TinySegmenter splitting queries in the browser too."""

    js_splitter_code = (
        # the npm package ends with a CommonJS export, which a browser script must not run
        VENDOR.read_text(encoding="utf-8").replace("module.exports = TinySegmenter;", "")
        + """
var __ldSegmenter = new TinySegmenter();
var splitQuery = (query) => query
  .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
  .flatMap((part) => (/[\\u3040-\\u30ff\\u3400-\\u9fff]/.test(part) ? __ldSegmenter.segment(part) : [part]))
  .map((term) => term.trim())
  .filter((term) => term.length > 1 || /[A-Za-z0-9]/.test(term));
"""
    )


def setup(app: Sphinx) -> dict:
    app.add_search_language(JapaneseSearch)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
