"""The figures' languages: the Japanese texts, the vendored font that draws them, glue_figure."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from matplotlib.text import Text

from loaded_dice import i18n
from loaded_dice.i18n import JAPANESE, glue_figure, language, tr

KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _rendered_png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    return buf.getvalue()


# --------------------------------------------------------------------------- the font


@pytest.mark.parametrize("path", i18n.FONT_PATHS, ids=lambda p: p.name)
def test_the_vendored_font_holds_every_character_of_every_japanese_text(path):
    cmap = TTFont(str(path))["cmap"].getBestCmap()
    missing = {
        english: "".join(sorted({c for c in japanese if not c.isspace() and ord(c) not in cmap}))
        for english, japanese in JAPANESE.items()
    }
    missing = {k: v for k, v in missing.items() if v}
    assert missing == {}, "run scripts/subset_font.py"
    assert not {c for c in i18n.EXTRA_CHARACTERS if ord(c) not in cmap}


def test_the_coverage_check_can_fail():
    cmap = TTFont(str(i18n.FONT_PATH))["cmap"].getBestCmap()
    assert ord("確") in cmap
    assert ord("鬱") not in cmap  # a subset: a kanji no figure uses is not in it


def test_the_font_is_a_small_renamed_subset_with_its_licence():
    for path in i18n.FONT_PATHS:
        font = TTFont(str(path))
        assert font["name"].getDebugName(1) == i18n.FONT_FAMILY != "Noto Sans CJK JP"
        assert path.stat().st_size < 150_000
    licence = (i18n.FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_importing_and_drawing_in_english_does_not_load_the_font():
    from matplotlib import font_manager

    with language("en"):
        fig = _draw_bars()
        _rendered_png(fig)
    # the font manager never saw the vendored font in this process unless Japanese was drawn
    if not any(e.fname == str(i18n.FONT_PATH) for e in font_manager.fontManager.ttflist):
        assert i18n.current_language() == "en"


# --------------------------------------------------------------------------- tr and language


def test_tr_answers_in_the_current_language_and_formats_templates():
    assert tr("fair die") == "fair die"
    assert tr("peak at {x:.2f}", x=0.7) == "peak at 0.70"
    with language("ja"):
        assert i18n.current_language() == "ja"
        assert tr("fair die") == "公正なサイコロ"
        assert tr("peak at {x:.2f}", x=0.7) == "山頂 0.70"
        assert tr("$x$") == "$x$"
    assert i18n.current_language() == "en"


def test_unknown_words_in_japanese_are_remembered_but_numbers_and_math_are_not():
    i18n.untranslated(clear=True)
    with language("ja"):
        tr("a sentence nobody translated")
        tr(r"$\log L$ = 3.2")
    assert i18n.untranslated(clear=True) == {"a sentence nobody translated"}


def test_an_unknown_language_is_a_value_error():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        with language("fr"):
            pass


def test_every_template_formats_the_same_fields_in_both_languages():
    field = re.compile(r"(?<!\{)\{([a-z_]+)[^{}]*\}(?!\})")
    for english, japanese in JAPANESE.items():
        assert sorted(field.findall(english)) == sorted(field.findall(japanese)), english
        assert english.count("$") == japanese.count("$"), english


# --------------------------------------------------------------------------- figures


def _draw_bars():
    from loaded_dice.plots import dice as plots

    return plots.compare_bars([np.full(6, 1 / 6), np.array([0.1, 0.2, 0.1, 0.2, 0.1, 0.3])],
                              names=["fair die", "loaded die (even faces heavier)"], ylabel="probability $y_k$")


def test_a_japanese_figure_has_japanese_text_and_the_english_one_has_none():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning: fail on it
        en = i18n.draw_in("en", _draw_bars)
        with language("ja"):
            ja = i18n.draw_in("ja", _draw_bars)
            _rendered_png(ja)
    assert not any(KANA_KANJI.search(t) for t in _texts(en))
    assert "fair die" in _texts(en)
    japanese = [t for t in _texts(ja) if KANA_KANJI.search(t)]
    assert {"公正なサイコロ", "出目", "確率 $y_k$"} <= set(japanese)
    assert not any(re.search(r"[A-Za-z]{2,}", re.sub(r"\$[^$]*\$", "", t)) for t in _texts(ja))


def test_draw_in_japanese_refuses_words_without_a_translation():
    from loaded_dice.plots import new_figure

    def draw():
        fig = new_figure()
        fig.subplots().set_xlabel(tr("a label nobody translated"))
        return fig

    with pytest.raises(ValueError, match="a label nobody translated"):
        i18n.draw_in("ja", draw)
    assert i18n.draw_in("en", draw) is not None


def test_glue_figure_glues_both_languages_under_their_keys():
    glued = {}

    def fake_glue(name, fig, display=True):
        assert display is False
        glued[name] = (i18n.current_language(), _texts(fig), _rendered_png(fig))

    figures = glue_figure("demo-fig", _draw_bars, glue=fake_glue)
    assert sorted(glued) == sorted(figures) == ["demo-fig", "demo-fig-ja"]
    assert glued["demo-fig"][0] == "en" and glued["demo-fig-ja"][0] == "ja"
    assert "fair die" in glued["demo-fig"][1] and "公正なサイコロ" in glued["demo-fig-ja"][1]
    assert glued["demo-fig"][2] != glued["demo-fig-ja"][2]


def test_relabelled_shows_japanese_while_inside_and_english_after():
    fig = _draw_bars()
    with language("en"):
        before = _rendered_png(fig)
    with i18n.relabelled(fig, "ja"):
        assert "公正なサイコロ" in _texts(fig)
        during = _rendered_png(fig)
    assert "公正なサイコロ" not in _texts(fig) and "fair die" in _texts(fig)
    assert _rendered_png(fig) == before != during


def test_japanese_text_around_mathtext_has_every_glyph(caplog):
    """Text outside $...$ in a mathtext label is set in one font (the first family): a glyph it
    lacks is logged by matplotlib's mathtext, not warned, so the log is checked."""
    from loaded_dice.plots import likelihood as lplots

    with language("ja"), caplog.at_level("WARNING"):
        fig = i18n.draw_in("ja", lambda: lplots.underflow([20, 200, 2000], [1e-15, 1e-150, 0.0], [-34.5, -345.0, -3450.0]))
        _rendered_png(fig)
    assert [r.getMessage() for r in caplog.records] == []
    assert any("アンダーフロー" in t for t in _texts(fig))


def test_the_glyph_check_can_fail(caplog):
    from loaded_dice.plots import new_figure

    with language("ja"), caplog.at_level("WARNING"):
        fig = new_figure()
        fig.subplots().set_xlabel("鬱 $x$")  # a kanji not in the subset, beside mathtext
        _rendered_png(fig)
    assert any("does not have a glyph" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("name", ["DieExplorer", "CoinExplorer", "SimplexExplorer", "PowerExplorer"])
def test_every_explorer_has_a_japanese_snapshot_with_every_word_translated(name, caplog):
    import loaded_dice.explorers as explorers

    explorer = getattr(explorers, name)()
    english = sorted(_texts(explorer.figure))
    i18n.untranslated(clear=True)
    with warnings.catch_warnings(), caplog.at_level("WARNING"):
        warnings.simplefilter("error")
        shots = explorer.snapshots(dpi=40)
    assert i18n.untranslated(clear=True) == set()
    assert [r.getMessage() for r in caplog.records] == []
    assert shots["en"] != shots["ja"]
    assert sorted(_texts(explorer.figure)) == english  # back in English


# --------------------------------------------------------------------------- explorers in Japanese


def _widget_texts(widget) -> list[str]:
    texts = []
    for attr in ("description", "tooltip", "placeholder"):
        value = getattr(widget, attr, None)
        if isinstance(value, str) and value:
            texts.append(value)
    if type(widget).__name__ == "HTML":
        texts.append(widget.value)
    texts.extend(str(label) for label in getattr(widget, "_options_labels", ()))
    for child in getattr(widget, "children", ()):
        texts.extend(_widget_texts(child))
    return texts


@pytest.mark.parametrize("name", ["DieExplorer", "CoinExplorer", "SimplexExplorer", "PowerExplorer"])
def test_an_explorer_speaks_japanese_when_asked_and_english_by_default(name):
    import loaded_dice.explorers as explorers

    cls = getattr(explorers, name)
    en, ja = cls(), cls(language="ja")
    assert en.language == "en" and ja.language == "ja"
    assert not any(KANA_KANJI.search(t) for t in _widget_texts(en.widget))
    assert not any(KANA_KANJI.search(t) for t in _texts(en.figure))
    assert KANA_KANJI.search(ja.readout.value) and KANA_KANJI.search(ja.caption.value)
    assert any(KANA_KANJI.search(t) for t in _texts(ja.figure))
    # every control a reader reads has a Japanese label (numbers and symbols aside)
    untranslated = [t for t in _widget_texts(ja.widget)
                    if re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>|log|\$[^$]*\$", "", t)) and not KANA_KANJI.search(t)]
    assert untranslated == []
    # both speak the same numbers: the state is the same
    assert _rendered_png(en.figure) != _rendered_png(ja.figure)


def test_a_japanese_explorer_answers_bad_input_in_japanese_and_keeps_its_state():
    from loaded_dice.explorers import DieExplorer

    die = DieExplorer(language="ja")
    before = die.counts.copy()
    die.counts_text.value = "1, 2, x"
    assert "最後の有効な度数" in die.message.value and 'role="alert"' in die.message.value
    assert np.array_equal(die.counts, before)
    die.counts_text.value = "1, 2, 3, 4, 5, 6"
    assert die.message.value == "" and "対数尤度の最大値" in die.readout.value


def test_a_japanese_explorer_still_gives_the_english_page_its_english_snapshot():
    import base64

    from loaded_dice.explorers import CoinExplorer

    en, ja = CoinExplorer(heads=9, tails=3, p=0.25), CoinExplorer(heads=9, tails=3, p=0.25, language="ja")
    en_bundle, ja_bundle = en._repr_mimebundle_(), ja._repr_mimebundle_()
    assert base64.b64decode(ja_bundle["image/png"]) == ja.snapshots()["ja"] != en.snapshot_png()
    srcs = re.findall(r'data-lang="(\w+)" src="data:image/png;base64,([^"]+)"', ja_bundle["text/html"])
    assert dict(srcs) == dict(re.findall(r'data-lang="(\w+)" src="data:image/png;base64,([^"]+)"',
                                         en_bundle["text/html"]))
    assert KANA_KANJI.search(ja_bundle["text/plain"]) and not KANA_KANJI.search(en_bundle["text/plain"])
