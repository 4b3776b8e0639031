"""The HTML form of the explorers: the root element the website's in-page explorer mounts on.

Expected values come from the explorer's own state read through its public API, or from the
library, never from the HTML builder.
"""

import base64
import re
from html.parser import HTMLParser

import numpy as np
import pytest

import loaded_dice as ld
from loaded_dice.explorers import web
from loaded_dice.explorers import CoinExplorer, DieExplorer, SimplexExplorer


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def parse(text):
    parser = _Elements()
    parser.feed(text)
    return parser.elements


def test_die_bundle_carries_the_container_with_its_state():
    die = DieExplorer(counts=[3, 0, 7, 1, 1_000_000_000_000, 2], slice_faces=(3, 5))
    die.set_probabilities([0.1, 0.0, 0.2, 0.3, 0.25, 0.15])
    bundle = die._repr_mimebundle_()
    (root, img, img_ja) = parse(bundle["text/html"])
    assert root[0] == "div" and root[1]["data-explorer"] == "die"
    probabilities = [float(v) for v in root[1]["data-probabilities"].split(",")]
    assert probabilities == die.y.tolist()  # full precision: the floats read back exactly
    assert [int(v) for v in root[1]["data-counts"].split(",")] == [3, 0, 7, 1, 1_000_000_000_000, 2]
    assert root[1]["data-slice"] == "3,5"
    assert root[1]["data-mode"] == "log"
    assert root[1]["data-seed"] == "0"
    assert [float(v) for v in root[1]["data-hidden-die"].split(",")] == list(die.hidden_die)
    # the snapshot inside is the bundle's PNG, with its size and the explorer's description
    assert img[0] == "img" and img[1]["alt"] == DieExplorer.description
    png = base64.b64decode(img[1]["src"].removeprefix("data:image/png;base64,"))
    assert png == base64.b64decode(bundle["image/png"])
    assert (int(img[1]["width"]), int(img[1]["height"])) == web.png_size(png)
    # beside it the Japanese edition's snapshot, of the same size and a different picture
    assert (img[1]["data-lang"], img_ja[1]["data-lang"]) == ("en", "ja")
    assert img_ja[1]["class"] == img[1]["class"] == "ld-explorer-snapshot"
    png_ja = base64.b64decode(img_ja[1]["src"].removeprefix("data:image/png;base64,"))
    assert png_ja != png and web.png_size(png_ja) == web.png_size(png)


def test_linear_mode_and_irrational_probabilities_round_trip():
    die = DieExplorer()
    die.mode.value = "lik"
    y = ld.random_dice(1, seed=3)[0]
    die.set_probabilities(y)
    (root, _img, _img_ja) = parse(die._repr_mimebundle_()["text/html"])
    assert root[1]["data-mode"] == "linear"
    assert np.array_equal(np.array(root[1]["data-probabilities"].split(","), dtype=float), y)


def test_every_listed_kind_has_its_page_module():
    """A root whose module is missing would make the page request a file that does not exist."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "book" / "_static" / "explorers"
    for kind, _settings in web._SETTINGS.values():
        assert (folder / f"{kind}.js").is_file(), kind


def test_coin_and_simplex_bundles_carry_their_containers():
    coin = CoinExplorer(heads=9, tails=3, p=0.25)
    (root, img, _img_ja) = parse(coin._repr_mimebundle_()["text/html"])
    assert root[1]["data-explorer"] == "coin" and img[1]["alt"] == CoinExplorer.description
    assert (int(root[1]["data-heads"]), int(root[1]["data-tails"]), float(root[1]["data-p"])) == (9, 3, coin.state.p)
    simplex = SimplexExplorer(probs=(0.6, 0.3, 0.1), labels=("cat", "dog", "fox"), true_label="dog")
    (root, _img, _img_ja) = parse(simplex._repr_mimebundle_()["text/html"])
    assert root[1]["data-explorer"] == "simplex"
    assert [float(v) for v in root[1]["data-probabilities"].split(",")] == simplex.probabilities.tolist()
    assert root[1]["data-labels"] == "cat,dog,fox" and root[1]["data-true-label"] == "dog"


def test_settings_for_the_coin_and_the_simplex():
    coin = web.coin_settings(CoinExplorer(heads=9, tails=3, p=0.25))
    assert coin == {"heads": "9", "tails": "3", "p": "0.25"}
    simplex = SimplexExplorer(probs=(0.7, 0.2, 0.1), labels=("dog", "fox", "wolf"), true_label="fox")
    settings = web.simplex_settings(simplex)
    assert [float(v) for v in settings["probabilities"].split(",")] == [0.7, 0.2, 0.1]
    assert settings["labels"] == "dog,fox,wolf" and settings["true-label"] == "fox"


def test_attributes_are_escaped():
    text = web.container_html("die", {"labels": 'a"b<c'}, DieExplorer().snapshot_png(dpi=20), 'x "y"')
    (root, img) = parse(text)
    assert root[1]["data-labels"] == 'a"b<c'
    assert img[1]["alt"] == 'x "y"'
    assert not re.search(r'<c', text.split("<img")[0].split("data-labels=")[1])


def test_without_translations_the_container_is_the_english_one_alone():
    png = DieExplorer().snapshot_png(dpi=20)
    (root, img) = parse(web.container_html("die", {}, png, "alt"))
    assert "data-lang" not in img[1]
    (root, img, img_ja) = parse(web.container_html("die", {}, png, "alt", {"en": png, "ja": png}))
    assert (img[1]["data-lang"], img_ja[1]["data-lang"]) == ("en", "ja")
    with pytest.raises(ValueError, match="language"):
        web.container_html("die", {}, png, "alt", {"j\"a": png})


def test_the_explorer_is_back_in_english_after_its_japanese_snapshot():
    coin = CoinExplorer(heads=9, tails=3, p=0.25)
    before = coin.snapshot_png(dpi=40)
    shots = coin.snapshots(dpi=40)
    assert shots["en"] == before != shots["ja"]
    assert coin.snapshot_png(dpi=40) == before
    coin.set_p(0.5)  # still live: the artists that move are the new ones
    assert coin.snapshot_png(dpi=40) != before


def test_bad_kind_and_bad_png_are_refused():
    with pytest.raises(ValueError, match="plain word"):
        web.container_html("../x", {}, DieExplorer().snapshot_png(dpi=20), "alt")
    with pytest.raises(ValueError, match="not a PNG"):
        web.png_size(b"GIF89a" + bytes(30))
