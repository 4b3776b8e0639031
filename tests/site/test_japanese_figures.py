"""The Japanese edition shows its own figures: every figure a chapter glues is drawn again with
Japanese words (``key-ja``, ``loaded_dice.i18n.glue_figure``), and an explorer's snapshot on a
Japanese page is the Japanese one."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request

import pytest

from helpers import toc_files

FIGURE = re.compile(r'<figure\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</figure>', re.S)
IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')
ROOT = re.compile(r'<div class="ld-explorer" data-explorer="([a-z]+)"([^>]*)>(.*?)</div>', re.S)
SNAPSHOT = re.compile(r'<img class="ld-explorer-snapshot"[^>]*>')


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:  # the local server of the built site
        return response.read()


def _page(site_url: str, path: str) -> tuple[str, str]:
    url = f"{site_url}/{path}"
    return url, _get(url).decode("utf-8")


def _glued_figures(url: str, text: str) -> dict[str, bytes]:
    """Figure id -> bytes of its image, for the figures drawn by code (raster images in _images/)."""
    out = {}
    for name, inner in FIGURE.findall(text):
        src = IMG_SRC.search(inner)
        if src and src.group(1).endswith((".png", ".webp")) and "/_images/" in src.group(1):
            out[name] = _get(urllib.parse.urljoin(url, src.group(1)))
    return out


def _chapters_with_figures() -> list[str]:
    return [doc for doc in toc_files() if re.match(r"book/0\d_", doc)]


@pytest.mark.parametrize("doc", _chapters_with_figures())
def test_every_glued_figure_has_its_own_japanese_image(site_url, doc):
    en_url, en = _page(site_url, f"{doc}.html")
    ja_url, ja = _page(site_url, f"ja/{doc}.html")
    assert '<html lang="ja"' in ja
    en_figs, ja_figs = _glued_figures(en_url, en), _glued_figures(ja_url, ja)
    assert en_figs, f"{doc}: no figure drawn by code on the English page"
    assert sorted(ja_figs) == sorted(en_figs)
    same = [name for name in en_figs if en_figs[name] == ja_figs[name]]
    assert same == [], f"{doc}: the Japanese page shows the English image of {same}"


def test_the_explorer_snapshot_on_a_japanese_page_is_the_japanese_one(site_url):
    from loaded_dice.explorers import CoinExplorer

    pages = {}
    for lang, path in (("en", "book/05_mle.html"), ("ja", "ja/book/05_mle.html")):
        url, text = _page(site_url, path)
        (kind, attrs, inner), *_ = [r for r in ROOT.findall(text) if r[0] == "coin"]
        snapshots = SNAPSHOT.findall(inner)
        assert len(snapshots) == 1 and "data-lang" not in snapshots[0], (lang, snapshots)
        settings = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', attrs))
        pages[lang] = (settings, _get(urllib.parse.urljoin(url, IMG_SRC.search(snapshots[0]).group(1))))
    assert pages["en"][0] == pages["ja"][0]  # the same explorer, in the same state
    settings = pages["en"][0]
    # the library draws the same explorer again, in both languages: each page has its own
    expected = CoinExplorer(heads=int(settings["heads"]), tails=int(settings["tails"]),
                            p=float(settings["p"])).snapshots()
    assert expected["en"] != expected["ja"]
    assert pages["en"][1] == expected["en"]
    assert pages["ja"][1] == expected["ja"]
