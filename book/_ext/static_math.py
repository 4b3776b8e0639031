"""Typeset the book's mathematics while the site is built, so pages carry no math JavaScript.

Every ``math`` and ``math_block`` node (dollar math, amsmath environments, ``{math}``
directives and the ``text/latex`` outputs of code cells, i.e. the sympy derivations) is
rendered by KaTeX into HTML + MathML. KaTeX (``_ext/katex/katex.min.js``, vendored) runs in
V8 embedded in Python by the ``mini-racer`` wheel, so the build needs no Node.js. The reader
downloads one small stylesheet and only the KaTeX fonts a page uses (``_static/katex/``);
the space of every equation is known at first paint, so nothing shifts when fonts arrive.

A TeX error is reported as a Sphinx warning at the equation (``-W`` turns it into a failed
build); the page then shows the source in a ``katex-error`` span.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
KATEX_JS = HERE / "katex" / "katex.min.js"  # used by the build only, never shipped
STATIC = HERE / "katex_static"  # becomes _static/katex/: the stylesheet, woff2 fonts, licence
RENDERER = "katex_static"
# What the pages had with MathJax (a macro used in a chapter goes here, not in the chapter).
MACROS: dict[str, str] = {}


class KatexError(ValueError):
    """KaTeX could not parse a formula; the message is KaTeX's own (position included)."""


@functools.lru_cache(maxsize=1)
def _engine():
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
    ctx.eval(
        """
        function renderTeX(tex, display, macros) {
          try {
            return {html: katex.renderToString(tex, {
              displayMode: display, throwOnError: true, output: "htmlAndMathml",
              macros: macros, strict: "ignore", trust: false})};
          } catch (e) { return {error: String(e.message || e)}; }
        }
        """
    )
    return ctx


@functools.lru_cache(maxsize=None)
def render(tex: str, display: bool) -> str:
    """KaTeX's HTML for ``tex``; raises ``KatexError`` naming the problem."""
    out = _engine().call("renderTeX", tex, display, dict(MACROS))
    if "error" in out:
        raise KatexError(out["error"])
    return out["html"]


_DELIMITERS = [("$$", "$$"), (r"\[", r"\]"), ("$", "$"), (r"\(", r"\)")]


def strip_delimiters(tex: str) -> str:
    """``$$x$$``, ``\\[x\\]``, ``$x$`` and ``\\(x\\)`` -> ``x`` (raw outputs may keep them)."""
    text = tex.strip()
    for left, right in _DELIMITERS:
        if text.startswith(left) and text.endswith(right) and len(text) > len(left) + len(right):
            return text[len(left) : -len(right)].strip()
    return text


def _render_or_warn(self, node, tex: str, display: bool) -> str:
    try:
        return render(tex, display)
    except KatexError as exc:
        logger.warning("math could not be typeset: %s", exc, location=node, type="math", subtype="katex")
        return f'<span class="katex-error">{html.escape(tex)}</span>'


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_render_or_warn(self, node, strip_delimiters(node.astext()), display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def display_tex(node: nodes.math_block) -> str:
    """The TeX of a display, wrapped exactly as Sphinx wraps it for MathJax."""
    if node.get("nowrap"):
        return strip_delimiters(node.astext())
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    body = []
    for part in parts:
        body.append(r"\begin{split}" + part + r"\end{split}" if r"\\" in part else part)
    if len(parts) > 1:
        return r"\begin{align}\begin{aligned}" + r"\\".join(body) + r"\end{aligned}\end{align}"
    return body[0] if body else ""


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number") and not node.get("nowrap"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    # A wide display scrolls sideways on a narrow screen: keyboard users must be able to reach
    # it (MathJax made every display a tab stop too).
    rendered = _render_or_warn(self, node, display_tex(node), display=True)
    self.body.append(rendered.replace('<span class="katex-display">', '<span class="katex-display" tabindex="0">', 1))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _add_static(app: Sphinx) -> None:
    if app.builder.format == "html" and app.builder.math_renderer_name == RENDERER:
        app.config.html_static_path.append(str(STATIC.resolve()))
        app.add_css_file("katex/katex.min.css")


# KaTeX's font for each class it writes (from katex.min.css). A font that arrives after the
# first paint re-flows the text set in it, so every font a page uses is preloaded.
_FONT_OF_CLASS = {
    "mathnormal": "Math-Italic", "mathit": "Main-Italic", "textit": "Main-Italic",
    "mathbf": "Main-Bold", "textbf": "Main-Bold", "boldsymbol": "Math-BoldItalic",
    "amsrm": "AMS-Regular", "mathbb": "AMS-Regular", "textbb": "AMS-Regular",
    "mathcal": "Caligraphic-Regular", "mathfrak": "Fraktur-Regular", "textfrak": "Fraktur-Regular",
    "mathtt": "Typewriter-Regular", "texttt": "Typewriter-Regular", "mathscr": "Script-Regular",
    "textscr": "Script-Regular", "mathsf": "SansSerif-Regular", "textsf": "SansSerif-Regular",
    "small-op": "Size1-Regular", "large-op": "Size2-Regular",
    "delim-size1": "Size1-Regular", "delim-size4": "Size4-Regular",
}


def fonts_used(body: str) -> list[str]:
    """The KaTeX fonts (file names) that the KaTeX markup in ``body`` needs."""
    fonts = set()
    for classes in re.findall(r'<span class="([^"]*)"', body):
        names = classes.split()
        if "katex" in names:
            fonts.add("Main-Regular")
        for name in names:
            if name in _FONT_OF_CLASS:
                fonts.add(_FONT_OF_CLASS[name])
        if "delimsizing" in names:
            fonts.update(f"Size{n[4:]}-Regular" for n in names if n in {"size1", "size2", "size3", "size4"})
    return sorted(f"KaTeX_{font}.woff2" for font in fonts)


def _preload_fonts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Ask early for every KaTeX font the page uses (no re-flow when they arrive)."""
    if app.builder.math_renderer_name != RENDERER:
        return
    links = "".join(
        f'\n<link rel="preload" href="{context["pathto"]("_static/katex/fonts/" + font, 1)}" '
        'as="font" type="font/woff2" crossorigin>'
        for font in fonts_used(context.get("body", ""))
        if (STATIC / "katex" / "fonts" / font).is_file()
    )
    context["metatags"] = context.get("metatags", "") + links


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _preload_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
