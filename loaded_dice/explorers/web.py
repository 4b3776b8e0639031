"""The HTML form of an explorer: the container the book's website brings to life in the page.

An explorer's display (``_repr_mimebundle_``) carries, besides the live widget and a PNG, a
``text/html`` representation::

    <div class="ld-explorer" data-explorer="die" data-probabilities="…" data-counts="…" …>
      <img src="data:image/png;base64,…" alt="…" width="…" height="…">
    </div>

JupyterLab shows the widget; the static site renders this HTML, and the page script
``book/_static/explorers/boot.js`` finds every ``[data-explorer]`` root and mounts the in-page
explorer of that kind, which reads its settings from the data attributes. The snapshot inside
is what a reader sees without JavaScript and on paper. The book's Sphinx extension
(``book/_ext/explorer_pages.py``) writes the snapshot out as an image file so the page does not
carry it inline. The attribute names are a contract shared with the JavaScript modules and the
browser tests; ``book/_static/explorers/README.md`` documents it.

Numbers are written at full precision (``repr`` of a float is the shortest text that reads back
as the same float, which is also what JavaScript's ``String(x)`` writes).
"""

from __future__ import annotations

import base64
import html
import json
import struct

__all__ = [
    "container_html",
    "die_settings",
    "coin_settings",
    "simplex_settings",
    "power_settings",
    "html_bundle",
    "has_page_version",
    "png_size",
]


def _numbers(values) -> str:
    """Comma-separated numbers at full precision: ints as ints, floats by ``repr``."""
    out = []
    for v in values:
        if isinstance(v, int) or (hasattr(v, "dtype") and v.dtype.kind in "iu"):
            out.append(str(int(v)))
        else:
            out.append(repr(float(v)))
    return ",".join(out)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _snapshot_img(png: bytes, alt: str, lang: str | None) -> str:
    width, height = png_size(png)
    data = base64.b64encode(png).decode("ascii")
    tag = f' data-lang="{lang}"' if lang else ""
    return (
        f'<img class="ld-explorer-snapshot"{tag} src="data:image/png;base64,{data}" '
        f'alt="{html.escape(alt, quote=True)}" width="{width}" height="{height}">'
    )


def container_html(kind: str, settings: dict[str, str], png: bytes, alt: str,
                   translations: dict[str, bytes] | None = None) -> str:
    """The explorer's root element: its settings as ``data-*`` attributes, the snapshot inside.

    ``settings`` maps attribute names without the ``data-`` prefix to their (string) values.
    ``translations`` (language -> PNG, e.g. ``{"ja": …}``) adds a snapshot per other language:
    then every snapshot carries ``data-lang`` (the English one ``"en"``), and the site build keeps
    only the one of its edition (``book/_ext/explorer_pages.py``), without the attribute.
    """
    if not kind.isalpha():
        raise ValueError(f"an explorer kind is a plain word such as 'die'; got {kind!r}")
    attrs = "".join(f' data-{name}="{html.escape(str(value), quote=True)}"' for name, value in settings.items())
    others = {lang: shot for lang, shot in (translations or {}).items() if lang != "en"}
    for lang in others:
        if not lang.isalpha():
            raise ValueError(f"a snapshot's language is a code such as 'ja'; got {lang!r}")
    images = _snapshot_img(png, alt, "en" if others else None) + "".join(
        _snapshot_img(shot, alt, lang) for lang, shot in others.items()
    )
    return f'<div class="ld-explorer" data-explorer="{kind}"{attrs}>{images}</div>'


def die_settings(explorer) -> dict[str, str]:
    """The die explorer's state as data attributes (slice faces 1-based, like the constructor)."""
    i, j = explorer.slice_faces
    return {
        "probabilities": _numbers(explorer.y.tolist()),
        "counts": _numbers(explorer.counts.tolist()),
        "slice": f"{i + 1},{j + 1}",
        "mode": "linear" if explorer.mode.value == "lik" else "log",
        "seed": str(int(explorer.seed)) if isinstance(explorer.seed, int) else "0",
        "hidden-die": _numbers(explorer.hidden_die.tolist()),
        "roll-n": str(int(explorer.roll_n.value)),
    }


def coin_settings(explorer) -> dict[str, str]:
    """The coin explorer's state as data attributes."""
    return {"heads": str(explorer.heads), "tails": str(explorer.tails), "p": repr(float(explorer.state.p))}


def simplex_settings(explorer) -> dict[str, str]:
    """The simplex explorer's state as data attributes."""
    return {
        "probabilities": _numbers(explorer.probabilities.tolist()),
        "labels": ",".join(explorer.labels),
        "true-label": str(explorer.true_label.value),
    }


def power_settings(explorer) -> dict[str, str]:
    """The power explorer's state as data attributes: the chosen die, N, how many experiments
    are simulated for each die, the level of the test, the seed, and the dice of its menu (JSON,
    label -> six probabilities, in the menu's order)."""
    from .power import PRESET_DICE

    return {
        "probabilities": _numbers(explorer.die.tolist()),
        "rolls": str(int(explorer.rolls)),
        "experiments": str(int(explorer.experiments)),
        "alpha": repr(float(explorer.alpha)),
        "seed": str(int(explorer.seed)) if isinstance(explorer.seed, int) and not isinstance(explorer.seed, bool) else "0",
        "presets": json.dumps({name: [float(v) for v in y] for name, y in PRESET_DICE.items()}, ensure_ascii=False),
    }


_SETTINGS = {
    "DieExplorer": ("die", die_settings),
    "CoinExplorer": ("coin", coin_settings),
    "SimplexExplorer": ("simplex", simplex_settings),
    "PowerExplorer": ("power", power_settings),
}


def has_page_version(explorer) -> bool:
    """Whether the website has an in-page version of this explorer."""
    return type(explorer).__name__ in _SETTINGS


def html_bundle(explorer, png: bytes, translations: dict[str, bytes] | None = None) -> dict[str, str]:
    """``{"text/html": …}`` for an explorer that has an in-page version, else ``{}``.

    Only explorers whose page module exists in ``book/_static/explorers/`` are listed in
    ``_SETTINGS`` (a container without its module would make the page ask for a missing file).
    """
    entry = _SETTINGS.get(type(explorer).__name__)
    if entry is None:
        return {}
    kind, settings = entry
    return {"text/html": container_html(kind, settings(explorer), png, explorer.description, translations)}

