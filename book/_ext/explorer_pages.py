"""In-page explorers: load their scripts on the pages that have one, and keep snapshots out of the HTML.

An explorer's HTML output (see ``loaded_dice/explorers/web.py``) is a ``<div data-explorer="…">``
root with the explorer's settings as data attributes and a PNG snapshot inside, as a data URI.
For every page of the HTML build this extension

* keeps the snapshot of the build's language (``language`` in the configuration, English when
  unset) when the container carries one per language (``<img … data-lang="ja">``, see
  ``container_html``), and drops the others, so each edition downloads only its own picture
  (falling back to the English snapshot for a language that has none);
* writes each snapshot out as an image file in ``_images/`` (named by its content hash) and
  points the ``<img>`` at it, lazily loaded: the page stays small, and a reader whose browser runs
  the live explorer (which hides the snapshot on screen) never downloads it;
* gives the snapshot the alt text of its notebook cell (``mystnb: image: alt:``), the same place
  the chapters give alt text to every other figure;
* adds ``_static/explorers/boot.js`` (``type="module"``), only on pages that have an explorer.
  boot.js imports an explorer's module (and the module what it needs) when the explorer comes
  within a screen of view; there are no ``modulepreload`` hints, which would fetch those modules
  at high priority beside the stylesheets and fonts of the first paint;
* adds ``explorers.css`` to every page: it is small (about 1.6 KB gzipped), and with it every page
  of an edition links the same joined stylesheet (``fast_pages.bundle_stylesheets``), which a
  reader downloads once, instead of a second one of about 78 KB gzipped on the first page of the
  other kind.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

DATA_URI = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
KIND = re.compile(r'data-explorer="([a-z][a-z0-9-]*)"')
SNAPSHOT = re.compile(r'<img\b[^>]*\bclass="ld-explorer-snapshot"[^>]*>')
LANG = re.compile(r'\sdata-lang="([A-Za-z-]+)"')


def keep_language(text: str, language: str) -> str:
    """The container ``text`` with only the snapshot for ``language`` (without its ``data-lang``).

    A container with untagged snapshots (one language only) is returned as it is.
    """
    tagged = [(m, LANG.search(m.group(0))) for m in SNAPSHOT.finditer(text)]
    langs = [lang.group(1) for _m, lang in tagged if lang]
    if not langs:
        return text
    keep = language if language in langs else "en"
    out, last = [], 0
    for m, lang in tagged:
        out.append(text[last:m.start()])
        if lang is None or lang.group(1) == keep:
            out.append(LANG.sub("", m.group(0), count=1))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def cell_image_alt(cell: nodes.Element) -> str | None:
    """The alt text a notebook cell (myst-nb's ``cell_code`` container) gives its image output,
    if any (``mystnb: image: alt:`` in the cell's metadata). translations.py reads it too."""
    meta = cell.get("cell_metadata") or {}
    alt = ((meta.get("mystnb") or {}).get("image") or {}).get("alt")
    return str(alt) if alt else None


def _cell_alt(node: nodes.Node) -> str | None:
    """The alt text of the notebook cell that holds ``node``, if any."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("nb_element") == "cell_code":
            return cell_image_alt(parent)
        parent = parent.parent
    return None


def _write_snapshots(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "html" not in node.get("format", "").split() or "data-explorer=" not in text:
            continue
        images = Path(app.builder.outdir) / app.builder.imagedir
        page = app.builder.get_target_uri(docname)

        def to_file(match: re.Match) -> str:
            png = base64.b64decode(match.group(1))
            name = f"explorer-{hashlib.sha256(png).hexdigest()[:16]}.png"
            images.mkdir(parents=True, exist_ok=True)
            if not (images / name).exists():
                (images / name).write_bytes(png)
            uri = relative_uri(page, f"{app.builder.imagedir}/{name}")
            return f'src="{uri}" loading="lazy" decoding="async"'

        text = keep_language(text, app.config.language or "en")
        text = DATA_URI.sub(to_file, text)
        alt = _cell_alt(node)
        if alt:
            text = re.sub(r'alt="[^"]*"', lambda _: f'alt="{html.escape(alt, quote=True)}"', text, count=1)
        node.children = [nodes.Text(text)]


def _add_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body") or ""
    if not KIND.search(body):
        return
    app.add_js_file("explorers/boot.js", type="module")


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _write_snapshots)
    app.connect("html-page-context", _add_scripts)
    app.add_css_file("explorers/explorers.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
