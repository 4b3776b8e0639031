"""The power explorer's HTML form: the root the website's in-page power explorer mounts on.

Expected values come from the explorer's public state and the library's presets, never from the
HTML builder.
"""

import json
from html.parser import HTMLParser

import numpy as np

import loaded_dice as ld
from loaded_dice.explorers import PowerExplorer, web
from loaded_dice.explorers.power import PRESET_DICE


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def root_of(explorer):
    parser = _Elements()
    parser.feed(explorer._repr_mimebundle_()["text/html"])
    (root, img, img_ja) = parser.elements  # the snapshot, and the Japanese edition's
    assert root[0] == "div" and img[0] == img_ja[0] == "img"
    assert (img[1]["data-lang"], img_ja[1]["data-lang"]) == ("en", "ja")
    return root[1], img[1]


def test_power_bundle_carries_the_state():
    y = ld.random_dice(1, seed=5)[0]
    explorer = PowerExplorer(die=y, rolls=37, experiments=500, alpha=0.01, seed=11)
    attrs, img = root_of(explorer)
    assert attrs["data-explorer"] == "power"
    assert np.array(attrs["data-probabilities"].split(","), dtype=float).tolist() == explorer.die.tolist()
    assert int(attrs["data-rolls"]) == explorer.rolls == 37
    assert int(attrs["data-experiments"]) == 500
    assert float(attrs["data-alpha"]) == 0.01
    assert attrs["data-seed"] == "11"
    assert img["alt"] == PowerExplorer.description


def test_the_state_follows_the_controls_and_the_menu_is_carried_in_order():
    explorer = PowerExplorer()
    explorer.set_rolls(150)
    explorer.set_die(PRESET_DICE["a fair die"])
    attrs, _ = root_of(explorer)
    assert int(attrs["data-rolls"]) == 150
    assert [float(v) for v in attrs["data-probabilities"].split(",")] == explorer.die.tolist()
    presets = json.loads(attrs["data-presets"])
    assert list(presets) == list(PRESET_DICE)
    for name, y in PRESET_DICE.items():
        assert presets[name] == list(y)


def test_a_seed_that_is_not_a_whole_number_is_written_as_zero():
    attrs, _ = root_of(PowerExplorer(seed=None, experiments=200))
    assert attrs["data-seed"] == "0"
