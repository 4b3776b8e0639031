"""The languages the book's figures are drawn in, and the words on them.

The English and the Japanese edition of the book run the same code cells once, so a figure
cannot be drawn "in Japanese" by a setting of the build. Instead a hidden figure cell draws the
figure twice, once in each language, and glues both (:func:`glue_figure`): ``key`` for the
English edition and ``key-ja`` for the Japanese one, which a Japanese build reads in place of
``key`` (``book/_ext/translations.py``).

Plotting code passes every word it puts on a figure through :func:`tr`::

    ax.set_xlabel(tr("number of rolls $N$"))
    ax.axvline(x, label=tr("peak at {x:.2f}", x=peak))

In English (the default) ``tr`` returns the text as it is; inside ``with language("ja"):`` it
returns the Japanese text of :data:`JAPANESE` (the English text is the key, as in gettext), and
the figure's Japanese text is set in a subset of Noto Sans CJK JP that ships with the package
(``loaded_dice/fonts``; SIL Open Font License). Matplotlib mathtext (``$...$``) stays as it is.
A text with words that has no Japanese entry is remembered (:func:`untranslated`), and
:func:`glue_figure` refuses to glue a Japanese figure that has any.

Nothing here is needed to draw in English: importing the package does not touch the font.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "JAPANESE",
    "JAPANESE_WIDGETS",
    "FONT_PATH",
    "FONT_PATHS",
    "FONT_FAMILY",
    "language",
    "current_language",
    "tr",
    "untranslated",
    "glue_figure",
    "draw_in",
    "relabelled",
]

#: The languages a figure can be drawn in (ISO 639-1), English first.
LANGUAGES = ("en", "ja")
#: The subset of Noto Sans CJK JP that holds every character of :data:`JAPANESE`, and its bold
#: weight (a few figure labels are bold).
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "LoadedDiceSansJP-Regular.otf"
FONT_PATHS = (FONT_PATH, FONT_PATH.with_name("LoadedDiceSansJP-Bold.otf"))
#: Its family name (renamed from Noto Sans CJK JP: it is a modified version, a subset).
FONT_FAMILY = "Loaded Dice Sans JP"
#: What the vendored font lacks falls back, glyph by glyph, to matplotlib's own font. (The
#: Japanese font comes first: the text around mathtext, ``"確率 $y_k$"``, is set in one font, the
#: first of the family list; the mathematics itself keeps matplotlib's mathtext fonts.)
LATIN_FAMILY = "DejaVu Sans"
#: Characters beyond the Japanese texts and printable ASCII that the font must hold, because
#: matplotlib writes them into text set in it: the minus sign of tick labels, a times sign, …
EXTRA_CHARACTERS = "\u2212\u00d7\u00b1\u00b7\u2013\u2014\u2026\u00b0\u2264\u2265\u2248"

#: English text -> Japanese text of every word the book's figures carry. Entries with
#: ``{fields}`` are templates (``str.format``); literal braces in mathtext are doubled there.
JAPANESE: dict[str, str] = {
    # --- dice, classes and the triangle (plots/dice.py and the Part I chapters)
    "face": "出目",
    "probability": "確率",
    "series {i}": "系列 {i}",
    "class": "クラス",
    "class 1": "クラス 1",
    "class 2": "クラス 2",
    "class 3": "クラス 3",
    "dog": "イヌ",
    "fox": "キツネ",
    "wolf": "オオカミ",
    "sharp dog photo (0.8, 0.1, 0.1)": "くっきりしたイヌの写真 (0.8, 0.1, 0.1)",
    "blurry photo (0.40, 0.35, 0.25)": "ぼやけた写真 (0.40, 0.35, 0.25)",
    "uniform: no idea": "一様：まったく分からない",
    "confident and wrong (a dog called fox)": "自信満々で誤り（イヌをキツネと判定）",
    "fair die": "公正なサイコロ",
    "loaded die (even faces heavier)": "イカサマサイコロ（偶数の目が出やすい）",
    "probability $y_k$": "確率 $y_k$",
    "relative frequency $t_k/N$ (article)": "相対度数 $t_k/N$（記事）",
    "fair die, $1/6$": "公正なサイコロ、$1/6$",
    "fraction of rolls": "その目が出た割合",
    "face {label}": "出目 {label}",
    "number of rolls $N$ (log scale)": "振った回数 $N$（対数目盛）",
    "relative frequency $t_k / N$": "相対度数 $t_k / N$",
    "true $y_k$": "真の $y_k$",
    # --- likelihood (plots/likelihood.py, chapters 4-6)
    "area under the curve": "曲線の下の面積",
    "peak at $p = {p:.2f}$": "山頂 $p = {p:.2f}$",
    "$p$ = probability of an even face": "$p$ = 偶数の目が出る確率",
    "likelihood $L(p)$": "尤度 $L(p)$",
    "Coin warm-up: {a:g} even, {b:g} odd": "コインで準備運動：偶数 {a:g} 回、奇数 {b:g} 回",
    r"slope ${m}\times10^{{{e}}}$": r"傾き ${m}\times10^{{{e}}}$",
    "slope 0": "傾き 0",
    "slope 0 (flat)": "傾き 0（水平）",
    "Tangent lines: the slope is zero at the peak": "接線：山頂では傾きが 0",
    "$f''(0) = 2 > 0$: minimum": "$f''(0) = 2 > 0$：最小",
    "$g''(0) = -2 < 0$: maximum": "$g''(0) = -2 < 0$：最大",
    "tangent at 0 (slope 0)": "0 での接線（傾き 0）",
    "value": "値",
    r"log-likelihood $\log L(y)$": r"対数尤度 $\log L(y)$",
    "{n:,} random dice": "ランダムなサイコロ {n:,} 個",
    "maximum likelihood die $t/N$": "最尤推定のサイコロ $t/N$",
    "number of dice": "サイコロの数",
    r"likelihood relative to the maximum, $L(y) / L(t/N)$": r"最大値に対する尤度の比 $L(y) / L(t/N)$",
    "float64 value of $L$": "$L$ の float64 での値",
    "stored as exactly 0.0": "ちょうど 0.0 として記録",
    "number of rolls $N$": "振った回数 $N$",
    "likelihood $L$ (log scale)": "尤度 $L$（対数目盛）",
    "$L$ underflows": "$L$ はアンダーフローする",
    r"log-likelihood $\log L$": r"対数尤度 $\log L$",
    r"$\log L$ stays finite": r"$\log L$ は有限のまま",
    "likelihood $L$": "尤度 $L$",
    "peak at {x:.2f}": "山頂 {x:.2f}",
    r"$s$ along the path fair $\to\ \hat y$": r"公正なサイコロから $\hat y$ への経路上の位置 $s$",
    r"$\log L$ grows in size with $N$": r"$\log L$ の大きさは $N$ とともに増える",
    "settles near {x:.3f}": "{x:.3f} 付近に落ち着く",
    r"$\log L \,/\, N$  (per roll)": r"$\log L \,/\, N$（1 回あたり）",
    "the average settles": "平均は落ち着く",
    # --- uncertainty (plots/inference.py, chapter 7)
    r"parabola $-(p - \hat p)^2 / (2\,\mathrm{SE}^2)$": r"放物線 $-(p - \hat p)^2 / (2\,\mathrm{SE}^2)$",
    "cut-off $-{c:.2f}$": "カットオフ値 $-{c:.2f}$",
    "likelihood-ratio interval": "尤度比区間",
    "Wald interval": "ワルド区間",
    "p, the probability of an even face": "p：偶数の目が出る確率",
    "log-likelihood relative to its peak": "山頂を基準にした対数尤度",
    "Wald": "ワルド",
    "likelihood ratio": "尤度比",
    "{method}, N = {n}": "{method}、N = {n}",
    "promised {level:.0%}": "約束された {level:.0%}",
    "true probability p of an even face": "偶数の目が出る真の確率 p",
    "share of intervals that contain p": "p を含む区間の割合",
    r"estimate $\hat y_k = t_k / N$": r"推定値 $\hat y_k = t_k / N$",
    "fair die, 1/6": "公正なサイコロ、1/6",
    "face k": "出目 k",
    "exact distribution of G, fair die": "G の厳密な分布（公正なサイコロ）",
    "chi-square, 5 degrees of freedom": "カイ二乗分布（自由度 5）",
    "p-value: area beyond the observed G": "p 値：観測された G より右の面積",
    "observed G = {g:.2f}": "観測された G = {g:.2f}",
    "5 % threshold {t:.2f}": "5 % の閾値 {t:.2f}",
    "probability density": "確率密度",
    "simulated power": "シミュレーションによる検出力",
    "{target:.0%} power": "検出力 {target:.0%}",
    "{alpha:.0%}: a fair die is called loaded": "{alpha:.0%}：公正なサイコロをイカサマと判定",
    "{n} rolls": "{n} 回",
    "number of rolls N": "振った回数 N",
    "share of experiments that call the die loaded": "イカサマと判定した実験の割合",
    # --- cross-entropy and training (chapter 8, plots/classifier.py)
    "random dice": "ランダムなサイコロ",
    r"floor $H(\hat p)$: the die $y = \hat p$": r"下限 $H(\hat p)$：サイコロ $y = \hat p$",
    r"fair die: $\log 6$": r"公正なサイコロ：$\log 6$",
    r"cross-entropy $H(\hat p, y)$ against the article's frequencies (nats)":
        r"記事の相対度数に対する交差エントロピー $H(\hat p, y)$（ナット）",
    "number of random dice": "ランダムなサイコロの数",
    "training loss": "学習中の損失",
    "uniform guess, log 3 = {r:.3f}": "一様な推測、log 3 = {r:.3f}",
    "reference = {r:.3f}": "基準値 = {r:.3f}",
    "gradient step": "勾配降下のステップ",
    "cross-entropy loss (nats)": "交差エントロピー誤差（ナット）",
    "feature $x_1$": "特徴量 $x_1$",
    "feature $x_2$": "特徴量 $x_2$",
    "decision boundary": "決定境界",
    "true class": "正解のクラス",
    "{name}\n(certain)": "{name}\n（確実）",
    "{name} (certain)": "{name}（確実）",
    "uniform guess (1/3 each)": "一様な推測（各 1/3）",
    # --- the explorers' figures (loaded_dice/explorers)
    "your die y": "あなたのサイコロ y",
    "frequency t/N": "相対度数 t/N",
    "face k   (data: N = {n:,} rolls)": "出目 k（データ：N = {n:,} 回）",
    "y{sub} (face {k})": "y{sub}（出目 {k}）",
    "best on this slice": "この断面で最良",
    "your die": "あなたのサイコロ",
    "log L": "log L",
    "log L − (best log L on the slice)": "log L −（断面上の log L の最大値）",
    "L ÷ (best L on the slice)": "L ÷（断面上の L の最大値）",
    "contour lines: log L is 0.5, 2, 5, 10 and 20 below the slice's best":
        "等高線：log L が断面上の最大より 0.5, 2, 5, 10, 20 だけ低いところ",
    "contour lines: L is 10 %, 50 % and 90 % of the slice's best":
        "等高線：L が断面上の最大の 10 %, 50 %, 90 % になるところ",
    "{title} on a slice: faces {i} and {j} vary,\nthe other faces keep their proportions":
        "断面上の {title}：出目 {i} と {j} を動かし、\nほかの出目は比率を保ちます",
    "log L = -inf on this whole slice:\nface {k} came up {n} times\nbut y{sub} = 0 here":
        "この断面全体で log L = -inf：\n出目 {k} が {n} 回出ているのに\nここでは y{sub} = 0 です",
    "L itself underflows to 0.0\non this whole slice (largest\nlog L here is {top:.1f});\ncolours show L relative to it":
        "この断面全体で L そのものは\n0.0 にアンダーフローします\n（ここでの log L の最大値は {top:.1f}）。\n色はその最大値に対する L の比",
    "log L(p)": "log L(p)",
    "p (probability of heads)": "p（表の確率）",
    "tangent at p": "p での接線",
    "curvature: 2nd-order fit at p": "曲率：p での 2 次近似",
    "likelihood, {h} heads and {t} tails": "尤度（表 {h} 回、裏 {t} 回）",
    "log-likelihood": "対数尤度",
    "slope dL/dp = {x:.3e}": "傾き dL/dp = {x:.3e}",
    "slope d log L/dp = {x:.3f}": "傾き d log L/dp = {x:.3f}",
    "shaded: the class with the largest probability": "色の領域：確率が最大になるクラス",
    "predicted probability": "予測確率",
    "{p:.3f}  (true)": "{p:.3f}（正解）",
    "prediction: {label}": "予測：{label}",
    "G, fair die": "G（公正なサイコロ）",
    "G, chosen die": "G（選んだサイコロ）",
    "chi-square, 5 df": "カイ二乗分布（自由度 5）",
    "5 % threshold": "5 % の閾値",
    "G = 2 Σ t_k log(t_k / (N/6))": "G = 2 Σ t_k log(t_k / (N/6))",
    "share of experiments (density)": "実験の割合（密度）",
    "{n:,} simulated experiments for each die": "サイコロごとに {n:,} 回の実験をシミュレーション",
    "N = {n} rolls\ncalled loaded:\nfair die {size:.1%}\nchosen die {power:.1%}":
        "N = {n} 回\nイカサマと判定：\n公正なサイコロ {size:.1%}\n選んだサイコロ {power:.1%}",
}

#: English text -> Japanese text of the explorers' widgets: labels, buttons, readouts, messages.
#: The browser (or JupyterLab) sets these in the reader's own fonts, so the vendored font does not
#: need their characters. Readouts are HTML templates.
JAPANESE_WIDGETS: dict[str, str] = {
    # shared
    "Figure: {text}": "図：{text}",
    "Something went wrong: {err}": "問題が起きました：{err}",
    "Interactive explorer: run this chapter live (Binder or Jupyter) to move the sliders.":
        "対話型のエクスプローラ：この章をライブで実行すると（Binder または Jupyter）スライダーを動かせます。",
    # the die explorer
    "Left: bars of the die's probabilities y beside the observed frequencies t/N for faces 1 to 6. "
    "Right: the likelihood surface on a slice where two faces vary, with the current die and "
    "the best die on the slice marked.":
        "左は出目 1〜6 について、サイコロの確率 y と観測された相対度数 t/N を並べた棒グラフです。"
        "右は 2 つの出目を動かす断面上の尤度の曲面で、いまのサイコロと断面上で最良のサイコロの位置を示します。",
    "Jump to the MLE": "最尤推定値へ移動",
    "Set y to the observed frequencies t/N, the maximum likelihood estimate":
        "y を観測された相対度数 t/N（最尤推定値）にする",
    "Counts t": "度数 t",
    "How often faces 1 to 6 came up, separated by commas; press Enter to apply":
        "出目 1〜6 が出た回数をカンマで区切って入力し、Enter で反映",
    "Rolls to add N": "追加で振る回数 N",
    "Roll N more": "さらに N 回振る",
    "Roll the hidden loaded die N more times and add the counts":
        "隠されたイカサマサイコロをさらに N 回振って度数に加える",
    "Reset": "最初に戻す",
    "Back to the starting counts, die and random seed": "最初の度数・サイコロ・乱数の種に戻す",
    "Slice: vary": "断面で動かす出目：",
    "and": "と",
    "Surface": "曲面",
    "Colour the slice by the log-likelihood": "断面を対数尤度で色分けする",
    "Colour the slice by the likelihood": "断面を尤度で色分けする",
    "<b>Your die y</b> (move one; the others rescale)": "<b>あなたのサイコロ y</b>（1 つ動かすと、ほかは比率を保って調整されます）",
    "<b>The data t</b>": "<b>データ t</b>",
    "<b>The likelihood surface</b>": "<b>尤度の曲面</b>",
    "{err}. Still using the last valid counts: {counts}.": "{err}。最後の有効な度数 {counts} をそのまま使います。",
    "0 (impossible: face {k} came up {n} times, but y{sub} = 0)":
        "0（ありえません：出目 {k} が {n} 回出ているのに y{sub} = 0）",
    "0.0 (underflow: below the smallest float64; the true value is about 10^{e:.1f})":
        "0.0（アンダーフロー：float64 の最小値より小さい。真の値はおよそ 10^{e:.1f}）",
    "<b>largest log L</b> (at y = t/N) = {best:.4f}; ": "<b>対数尤度の最大値</b>（y = t/N のとき）= {best:.4f}；",
    "<b>gap</b> log L(t/N) − log L(y) = ": "<b>差</b> log L(t/N) − log L(y) = ",
    "best die on the slice (faces {i} and {j} vary): ": "断面上で最良のサイコロ（出目 {i} と {j} を動かす）：",
    # the coin explorer
    "Left: the likelihood L(p) of the coin; right: the log-likelihood log L(p). Each curve "
    "has its tangent at the current p; both peak at the maximum likelihood estimate p-hat.":
        "左はコインの尤度 L(p)、右は対数尤度 log L(p) です。どちらの曲線にもいまの p での接線が引かれ、"
        "どちらも最尤推定値 p̂ で最大になります。",
    "p (heads)": "p（表の確率）",
    "Show the second derivative (curvature) at p": "p での 2階微分（曲率）を表示",
    "Jump to p̂": "p̂ へ移動",
    "Set p to heads / N": "p を 表の回数 / N にする",
    "zero: the tangent is flat, p is at the peak p̂": "0：接線は水平で、p は頂上の p̂ にあります",
    "positive: log L rises to the right, so p̂ is larger than p": "正：log L は右へ上がるので、p̂ は p より大きい",
    "negative: log L falls to the right, so p̂ is smaller than p": "負：log L は右へ下がるので、p̂ は p より小さい",
    "<b>p</b> = {p:.2f}; <b>p̂</b> = heads / N = {p_hat:.4f}": "<b>p</b> = {p:.2f}；<b>p̂</b> = 表の回数 / N = {p_hat:.4f}",
    "slope dL/dp": "傾き dL/dp",
    "slope d log L/dp": "傾き d log L/dp",
    "<b>second derivative</b>": "<b>2階微分</b>",
    "(negative: the curve bends down, so the flat point is a maximum)": "（負：曲線は下に曲がるので、傾きが 0 の点は最大です）",
    # the simplex explorer
    "Left: a triangle whose corners are the three classes; the point is the classifier's "
    "prediction and the shaded regions show which class it would predict. Right: the three "
    "probabilities as bars.":
        "左は 3 つのクラスを頂点とする三角形です。点は分類器の予測で、色の領域はどのクラスを予測するかを示します。"
        "右は 3 つの確率の棒グラフです。",
    "True label": "正解ラベル",
    "<b>The classifier's prediction</b> (move one; the others rescale)":
        "<b>分類器の予測</b>（1 つ動かすと、ほかは比率を保って調整されます）",
    "-inf (the classifier rules the true class out)": "-inf（分類器は正解のクラスをありえないとしている）",
    "<b>predicted class</b> (largest probability): ": "<b>予測クラス</b>（確率が最大）：",
    "<b>log p(true label = {label})</b> = ": "<b>log p(正解ラベル = {label})</b> = ",
    "loss −log p = {loss}": "交差エントロピー誤差 −log p = {loss}",
    # the power explorer
    "Histograms of the likelihood-ratio statistic G in many simulated experiments: grey for a "
    "fair die, blue for the chosen die, with the chi-square density for a fair die and a dashed "
    "line at the 5 % threshold; experiments right of the line call the die loaded.":
        "多数のシミュレーション実験での尤度比統計量 G のヒストグラムです。灰色は公正なサイコロ、青は選んだサイコロで、"
        "公正なサイコロに対するカイ二乗分布の密度と 5 % の閾値の破線を重ねています。線より右の実験はサイコロをイカサマと判定します。",
    "rolls N": "振る回数 N",
    "true die": "真のサイコロ",
    "the article's estimate t/N": "記事の推定値 t/N",
    "the die explorer's hidden die": "サイコロのエクスプローラに隠されたサイコロ",
    "a fair die": "公正なサイコロ",
    "face 6 twice as likely as each other face": "出目 6 がほかの出目の 2 倍出やすいサイコロ",
    "my own die (type it below)": "自分で決めたサイコロ（下に入力）",
    "{err}. Still using the last valid die: {die}.": "{err}。最後の有効なサイコロ {die} をそのまま使います。",
    "<b>threshold</b> (a chi-square with 5 degrees of freedom exceeds it 5 % of the time): ":
        "<b>閾値</b>（自由度 5 のカイ二乗分布がこれを超える確率は 5 %）：",
    "<b>fair die</b> called loaded in {size} of {n:,} experiments "
    "(the threshold promises {alpha:.0%}; with few rolls the promise is only approximate)<br>":
        "<b>公正なサイコロ</b>がイカサマと判定された割合：{n:,} 回の実験のうち {size}"
        "（閾値が約束するのは {alpha:.0%}。振る回数が少ないと、この約束は近似にすぎません）<br>",
    "<b>chosen die</b> ({die}) called loaded in {power} of experiments: the power of {n} rolls":
        "<b>選んだサイコロ</b>（{die}）がイカサマと判定された割合：{power}。これが {n} 回振ったときの検出力です",
}

_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("loaded_dice_language", default="en")
_MISSING: set[str] = set()
_MATH = re.compile(r"\$[^$]*\$")
_WORD = re.compile(r"[A-Za-z]{2,}")
_JAPANESE_SCRIPT = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def current_language() -> str:
    """The language figures are drawn in now: ``"en"`` unless inside :func:`language`."""
    return _LANGUAGE.get()


def check_language(lang: str) -> str:
    """``lang`` if the book speaks it, else ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the book's figures speak {', '.join(LANGUAGES)}")
    return lang


def _needs_translation(text: str) -> bool:
    """True when ``text`` has a word (two or more Latin letters) outside mathtext."""
    return bool(_WORD.search(_MATH.sub("", text)))


def tr(text: str, /, **fields) -> str:
    """``text`` in the current language, formatted with ``fields`` (``str.format``) if any.

    Unknown text is returned as it is (numbers, symbols, mathtext need no translation); in
    Japanese a text with words that has no entry is remembered in :func:`untranslated`.
    """
    text = str(text)
    template = text
    if current_language() == "ja":
        template = JAPANESE.get(text, JAPANESE_WIDGETS.get(text))
        if template is None:
            if _needs_translation(text) and not _JAPANESE_SCRIPT.search(text):  # not already Japanese
                _MISSING.add(text)
            template = text
    return template.format(**fields) if fields else template


def font_characters() -> set[str]:
    """Every character the vendored font must hold (``scripts/subset_font.py`` cuts it to these):
    those of the Japanese texts, printable ASCII and :data:`EXTRA_CHARACTERS`."""
    import string

    chars = {c for c in string.printable if not c.isspace()} | {" "} | set(EXTRA_CHARACTERS)
    for text in JAPANESE.values():
        chars.update(c for c in text if not c.isspace() or c == " ")
    return chars


def untranslated(clear: bool = False) -> set[str]:
    """The texts with words that were drawn in Japanese without a Japanese entry."""
    missing = set(_MISSING)
    if clear:
        _MISSING.clear()
    return missing


def register_font() -> str:
    """Add the vendored Japanese font to matplotlib's font manager (once); return its family."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in FONT_PATHS:
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Draw in ``lang`` inside the block: :func:`tr` answers in it, and for Japanese the text of
    new figures is set in the vendored Japanese font, falling back glyph by glyph to
    matplotlib's DejaVu Sans. Render (save, display, glue) the figure inside the block as well."""
    lang = check_language(lang)
    token = _LANGUAGE.set(lang)
    try:
        if lang == "en":
            yield lang
            return
        import matplotlib

        with matplotlib.rc_context({"font.family": [register_font(), LATIN_FAMILY]}):
            yield lang
    finally:
        _LANGUAGE.reset(token)


def draw_in(lang: str, draw: Callable[[], object]):
    """Call ``draw()`` (which returns a figure) in ``lang``; in Japanese, raise ``ValueError``
    naming any words it drew without a Japanese entry in :data:`JAPANESE`."""
    with language(lang):
        untranslated(clear=True)
        fig = draw()
        missing = untranslated(clear=True)
    if missing and lang != "en":
        raise ValueError(f"no {lang} text for {sorted(missing)!r}: add it to loaded_dice.i18n.JAPANESE")
    return fig


def glue_figure(key: str, draw: Callable[[], object], *, glue=None) -> dict[str, object]:
    """Draw a figure in every language and glue it: ``key`` (English) and ``key-<lang>``.

    ``draw`` takes no argument and returns a new figure; it is called once per language inside
    :func:`language`, so its words go through :func:`tr`. ``glue`` defaults to
    ``myst_nb.glue`` (imported only here: the reader's package does not need myst-nb). Returns
    the glued figures by key.
    """
    if glue is None:
        from myst_nb import glue
    glued = {}
    for lang in LANGUAGES:
        name = key if lang == "en" else f"{key}-{lang}"
        with language(lang):
            fig = draw_in(lang, draw)
            glue(name, fig, display=False)  # the image is rendered here, with the language's font
        glued[name] = fig
    return glued


@contextlib.contextmanager
def relabelled(figure, lang: str) -> Iterator[object]:
    """Inside the block, every text artist of ``figure`` whose text has an entry in ``lang``
    shows it (and the font is the language's); afterwards the English texts are back.

    For figures built once and kept (the explorers), to save a snapshot in another language."""
    from matplotlib.text import Text

    with language(lang):
        texts = [t for t in figure.findobj(Text) if t.get_text()]
        saved = [(t, t.get_text(), t.get_fontproperties()) for t in texts]
        family = None if lang == "en" else [register_font(), LATIN_FAMILY]
        try:
            for t, text, props in saved:
                t.set_text(tr(text))
                if family is not None:
                    new = props.copy()
                    new.set_family(family)
                    t.set_fontproperties(new)
            yield figure
        finally:
            for t, text, props in saved:
                t.set_text(text)
                t.set_fontproperties(props)
