"""Keep what a phone downloads small, without touching the chapters.

Build-side changes to every HTML page (measured with ``make audit``):

* **Icons.** The theme loads Font Awesome's ``fontawesome.js`` (every icon of the set, about
  540 KB gzipped) to draw some twenty icons, and its stylesheet can pull two icon web fonts.
  This extension removes the script from every page and writes ``_static/icons.css``: one
  CSS mask per icon the site uses (the SVG path taken from the theme's own copy of Font
  Awesome Free, CC BY 4.0), painted in the text colour.
* **Widget state.** Notebooks keep the state of their ipywidgets; myst-nb embeds it in every
  page as JSON for a widget manager the static site does not load (each explorer has a static
  image instead). It is dropped.
* **Figures.** Each ``<img>`` of the site's own figures gets its ``width`` and ``height`` (no
  layout shift when it arrives), ``decoding="async"``, and ``loading="lazy"`` after the first
  figure of the page; a PNG is served as lossless WebP when that is smaller.
* **Scripts.** Every script in ``<head>`` but ``documentation_options.js`` is deferred, so
  none blocks the first paint (deferred scripts keep their order).
* **Search.** The search tools and index load on the search page only (the theme's
  search-as-you-type, which needs them everywhere, is off).
* **Tab stops.** The theme makes every code block and output that scrolls sideways a tab stop,
  and to know which ones do it measures them all as the page loads: one long task that lays out
  the whole page, even the blocks far below the screen that the stylesheet lets the browser skip
  (``content-visibility`` in ``loaded-dice.css``). Its script is changed to make each of them a
  tab stop at once and measure it only when it comes near the screen (``lazy_tab_stops``).
* **Stylesheets.** The theme, its extensions and the book link some fifteen stylesheets in
  ``<head>``, one of which imports another: every one is a request that holds the first paint,
  and on a phone's connection each costs a round trip. Each page's stylesheets are joined, in
  their order, into one file ``_static/bundles/<hash>.css`` (pages with the same list share it;
  ``url()`` references rewritten to point at the same files, imports inlined), and the page
  links that file alone (``bundle_stylesheets``).
* **First paint after the header.** The browser may paint a page before it has parsed all of
  it. Painted in the middle of the article header, the header's row of buttons (right-aligned)
  would move left as the rest of its buttons arrive: a layout shift. A ``<link rel="expect"
  blocking="render">`` holds the first paint until the element after the header
  (``#jb-print-docs-body``) is parsed.
* **Description.** Every page gets ``<meta name="description">`` from the chapter's own
  Summary section (its first points), else from its first paragraph.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ICONS_CSS = "icons.css"
# Icons the theme's scripts add after load (not present in the HTML).
SCRIPT_ICONS = {("fas", "xmark")}
DESCRIPTION_MAX = 158


# --- meta description ------------------------------------------------------------------------

_TEX_WORDS = {
    r"\arg\max": " argmax ", r"\max": " max ",
    r"\log": " log ", r"\sum": "Σ", r"\prod": "∏", r"\lambda": "λ", r"\le": "≤", r"\ge": "≥",
    r"\leq": "≤", r"\geq": "≥", r"\dots": "…", r"\ldots": "…", r"\cdots": "…", r"\cdot": "·",
    r"\times": "×", r"\infty": "∞", r"\to": "→", r"\in": "∈", r"\ne": "≠", r"\neq": "≠",
    r"\approx": "≈", r"\theta": "θ", r"\mu": "μ", r"\sigma": "σ", r"\quad": " ", r"\,": " ",
    r"\;": " ", r"\!": "", r"\left": "", r"\right": "", r"\{": "\x00", r"\}": "\x01", r"\mid": "|",
}


def tex_to_text(tex: str) -> str:
    """A plain-text reading of simple inline TeX, good enough for a search-result snippet."""
    text = re.sub(r"\\frac\s*(\{[^{}]*\}|\w)\s*(\{[^{}]*\}|\w)", lambda m: f"{_group(m[1])}/{_group(m[2])}", tex)
    text = text.replace(r"\|", "‖").replace(r"\Vert", "‖")
    text = re.sub(r"\\hat\s*(?:\{(\w)\}|(\w))", lambda m: (m[1] or m[2]) + "\u0302", text)
    text = re.sub(r"\\(?:text|mathrm|mathbf|operatorname|textbf|textit)\{([^{}]*)\}", r"\1", text)
    for word in sorted(_TEX_WORDS, key=len, reverse=True):
        guard = r"(?![A-Za-z])" if word[-1].isalpha() else ""
        text = re.sub(re.escape(word) + guard, _TEX_WORDS[word].replace("\\", r"\\"), text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    text = re.sub(r"[{}]", "", text).replace("\x00", "{").replace("\x01", "}")
    text = re.sub(r"\s+([_^])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _group(arg: str) -> str:
    inner = arg.strip("{}")
    return inner if re.fullmatch(r"\w+", inner) else f"({inner})"


_EQ_REF = re.compile(r"^\s*\(?[\d.]+\)?\s*$")


def _plain(node: nodes.Node) -> str:
    """Text of a node with inline math read as plain text."""
    parts = []
    for child in node.findall(lambda n: isinstance(n, (nodes.Text, nodes.math))):
        if isinstance(child, nodes.math):
            parts.append(tex_to_text(child.astext()))
        elif not any(isinstance(a, nodes.math) for a in _ancestors(child)):
            if _EQ_REF.match(child.astext()) and any(isinstance(a, nodes.reference) for a in _ancestors(child)):
                continue  # "(3.4)": an equation number means nothing in a search result
            parts.append(child.astext())
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return re.sub(r"\s+([.,;:])", r"\1", text)


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


#: Japanese carries about twice the meaning per character, and search results show about half
#: as many characters of it.
DESCRIPTION_MAX_CJK = 110
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    if len(_CJK.findall(text)) > len(text) // 4:
        # Japanese has no spaces between words: end after the last sentence or clause that fits
        limit = min(limit, DESCRIPTION_MAX_CJK)
        if len(text) <= limit:
            return text
        head = text[: limit - 1]
        end = max(head.rfind("。"), head.rfind("、"))
        if end < limit // 2:
            return head + "…"
        cut = head[: end + 1]
        return cut if cut.endswith("。") else cut.rstrip("、") + "…"
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def page_description(doctree: nodes.document) -> str:
    """The first points of the page's Summary section, else its first paragraph."""
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        # the section's id stays "summary" in a translated edition, where its title does not
        if title is None or (title.astext().strip().lower() != "summary" and "summary" not in section["ids"]):
            continue
        items = [_plain(item) for item in section.findall(nodes.list_item)]
        if not items:
            items = [_plain(p) for p in section.findall(nodes.paragraph)]
        text = ""
        for item in items:
            text = f"{text} {item}".strip()
            if len(text) >= 110:
                break
        if text:
            return _shorten(text)
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section) or isinstance(paragraph.parent, nodes.document):
            text = _plain(paragraph)
            if len(text) > 40:
                return _shorten(text)
    return ""


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            js for js in scripts if (getattr(js, "attributes", None) or {}).get("type") != "application/vnd.jupyter.widget-state+json"
        ]
    if doctree is None:
        description = f"{context.get('docstitle') or app.config.project}: {context.get('title') or pagename}"
    else:
        description = page_description(doctree) or str(app.config.project)
    context["metatags"] = (
        context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(description, quote=True)}">'
    )


# --- icons ----------------------------------------------------------------------------------

_PACK_END = {"fab": 'd("fab",p)', "far": 'd("far",p)', "fas": 'd("fas",p)'}
_ICON = re.compile(r'(?:"([a-z0-9-]+)"|([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*",("[^"]*"|\[[^\]]*\])\]')
_CLASS_PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-brands": "fab", "fab": "fab", "fa-regular": "far", "far": "far"}
_NOT_ICONS = {"fa-lg", "fa-xs", "fa-sm", "fa-2x", "fa-fw", "fa-spin", "fa-solid", "fa-brands", "fa-regular"}


def fontawesome_icons(js_text: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(prefix, name) -> (width, height, SVG path) for every icon in Font Awesome's JS."""
    icons = {}
    for prefix, marker in _PACK_END.items():
        end = js_text.find(marker)
        start = js_text.rfind("var p={", 0, end)
        if end < 0 or start < 0:
            continue
        for match in _ICON.finditer(js_text, start, end):
            name = match.group(1) or match.group(2)
            path = match.group(5)
            if path.startswith("["):  # duotone-style pair: keep the primary path
                path = re.findall(r'"([^"]*)"', path)[-1]
            else:
                path = path.strip('"')
            icons[(prefix, name)] = (int(match.group(3)), int(match.group(4)), path)
    return icons


def used_icons(html_text: str) -> set[tuple[str, str]]:
    found = set()
    for classes in re.findall(r'<[a-z]+\s[^>]*class="([^"]*)"', html_text):
        names = classes.split()
        prefix = next((_CLASS_PREFIX[c] for c in names if c in _CLASS_PREFIX), None)
        if prefix is None:
            continue
        for c in names:
            if c.startswith("fa-") and c not in _NOT_ICONS:
                found.add((prefix, c[3:]))
    return found


def icons_css(wanted: set[tuple[str, str]], icons: dict) -> str:
    rules = [
        "/* Icons: Font Awesome Free 6 (https://fontawesome.com, CC BY 4.0), as CSS masks. */",
        ".fa-solid,.fas,.fa-brands,.fab,.fa-regular,.far{font-family:inherit!important;"
        "display:inline-block;width:1em;height:1em;vertical-align:-.125em;"
        "background-color:currentColor;-webkit-mask:var(--ld-icon) center/contain no-repeat;"
        "mask:var(--ld-icon) center/contain no-repeat}",
        ".fa-solid::before,.fas::before,.fa-brands::before,.fab::before,.fa-regular::before,.far::before{content:none!important}",
        # the theme's script drew "large" icons in the same box as the others
        ".fa-solid.fa-lg,.fas.fa-lg,.fa-brands.fa-lg,.fab.fa-lg{font-size:1em;line-height:inherit}",
    ]
    sel = {"fas": (".fa-solid", ".fas"), "fab": (".fa-brands", ".fab"), "far": (".fa-regular", ".far")}
    for prefix, name in sorted(wanted):
        width, height, path = icons[(prefix, name)]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        uri = "data:image/svg+xml," + quote(svg, safe=" /:=',")
        selectors = ",".join(f"{s}.fa-{name}" for s in sel[prefix])
        rules.append(f'{selectors}{{--ld-icon:url("{uri}");width:{width / height:.3f}em}}')
    return "\n".join(rules) + "\n"


_FA_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>')
# Scripts in <head> block the first paint; deferred, they run in the same order once the page
# is parsed. documentation_options.js stays synchronous: inline scripts in <head> extend it.
_HEAD_SCRIPT = re.compile(r'<script (?![^>]*\b(?:defer|async|type)\b)([^>]*\bsrc="(?![^"]*documentation_options\.js)[^"]*"[^>]*)>')


def defer_head_scripts(text: str) -> str:
    end = text.find("</head>")
    if end < 0:
        return text
    return _HEAD_SCRIPT.sub(r"<script defer \1>", text[:end]) + text[end:]


# The theme loads Sphinx's search tools and the whole search index on every page for its
# search-as-you-type box, which this book leaves off (DOCUMENTATION_OPTIONS.search_as_you_type
# is false); only search.html uses them.
_SEARCH_SCRIPTS = re.compile(r'\s*<script[^>]*src="[^"]*(?:searchtools|language_data|searchindex)\.js[^"]*"[^>]*></script>')
# Font Awesome's stylesheet rules ".fa-NAME:before{content:...}" for its ~2000 icons: the
# icons are CSS masks now (icons.css), so these only cost bytes in a render-blocking file.
_FA_GLYPH_RULES = re.compile(r'(?<=\})(?:\.fa-[a-z0-9-]+:(?:before|after)\s*,?\s*)+\{[^{}]*\}')


def strip_icon_glyph_rules(css: str) -> str:
    return _FA_GLYPH_RULES.sub("", css)


_FA_PRELOAD = re.compile(r'\s*<link[^>]*href="[^"]*scripts/fontawesome\.js[^"]*"[^>]*/?>')


# The theme's check (pydata-sphinx-theme 0.17, scripts/pydata-sphinx-theme.js, function
# ``addTabStopsToScrollableElements``): for each of the page's code blocks and outputs,
# ``tabIndex = scrolls sideways or down ? 0 : -1``, run on load, resize and every change of
# the article. Rewritten: every such element is a tab stop at once (no measuring, so a block
# that does scroll is never out of reach of the keyboard), and an IntersectionObserver measures
# it when it comes within a screen of the viewport, where the browser lays it out anyway.
THEME_TAB_STOPS = ".forEach(e=>{e.tabIndex=e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1})"
LAZY_TAB_STOPS = ".forEach(e=>ldTabStop(e))"
LAZY_TAB_STOPS_HELPER = """
/* Loaded Dice (book/_ext/fast_pages.py): measure a block for its tab stop when it comes near the screen. */
var ldTabStops=new IntersectionObserver(function(t){for(const n of t){if(!n.isIntersecting)continue;const e=n.target;ldTabStops.unobserve(e);e.tabIndex=e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1}},{rootMargin:"100% 0px"});
function ldTabStop(e){e.tabIndex=0;ldTabStops.unobserve(e);ldTabStops.observe(e)}
"""


def lazy_tab_stops(js: str) -> str | None:
    """The theme's script with its tab-stop check made lazy; None if the check is not found
    (another theme version: the build warns, and the theme's own check stays)."""
    if LAZY_TAB_STOPS in js:
        return js
    if js.count(THEME_TAB_STOPS) != 1:
        return None
    return js.replace(THEME_TAB_STOPS, LAZY_TAB_STOPS) + LAZY_TAB_STOPS_HELPER


# --- figures --------------------------------------------------------------------------------

_IMG = re.compile(r"<img\b[^>]*>")


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def webp_for(png: Path) -> Path | None:
    """A lossless WebP beside ``png`` when it is at least 10% smaller, else None."""
    from PIL import Image

    webp = png.with_suffix(".webp")
    if not webp.exists() or webp.stat().st_mtime < png.stat().st_mtime:
        with Image.open(png) as im:
            im.save(webp, "WEBP", lossless=True, method=4, quality=100)
    if webp.stat().st_size <= 0.9 * png.stat().st_size:
        return webp
    webp.unlink()
    return None


def rewrite_images(page: Path, text: str, outdir: Path) -> str:
    from PIL import Image

    eager_given = False

    def fix(match: re.Match) -> str:
        nonlocal eager_given
        tag = match.group(0)
        src = _attr(tag, "src")
        if not src or "://" in src or src.startswith("data:") or "/_images/" not in f"/{src}":
            return tag
        file = (page.parent / src).resolve()
        if not file.is_file():
            return tag
        if file.name.startswith("explorer-"):
            return tag  # an explorer's snapshot: sized and lazy already, hidden when the explorer runs
        new = tag
        if file.suffix.lower() == ".png":
            webp = webp_for(file)
            if webp is not None:
                new = new.replace(f'src="{src}"', f'src="{src[: -len(file.suffix)]}.webp"')
        if _attr(new, "width") is None and _attr(new, "height") is None and "style=" not in new:
            with Image.open(file) as im:
                width, height = im.size
            new = new.replace("<img ", f'<img width="{width}" height="{height}" ', 1)
        if "loading=" not in new:
            if eager_given:
                new = new.replace("<img ", '<img loading="lazy" ', 1)
            eager_given = True  # the page's first figure loads at once (it may be the largest paint)
        if "decoding=" not in new:
            new = new.replace("<img ", '<img decoding="async" ', 1)
        return new

    return _IMG.sub(fix, text)


# The element sphinx-book-theme puts right after the article header (a print-only block).
AFTER_HEADER = "jb-print-docs-body"
EXPECT = f'<link rel="expect" href="#{AFTER_HEADER}" blocking="render">'


def paint_after_header(text: str) -> str:
    """The page with its first paint held until the article header is parsed (see above); a page
    without the theme's article header is returned as it is."""
    end = text.find("</head>")
    if end < 0 or f'id="{AFTER_HEADER}"' not in text or EXPECT in text:
        return text
    return f"{text[:end]}{EXPECT}\n{text[end:]}"


# --- stylesheets ----------------------------------------------------------------------------

BUNDLES = "bundles"
_STYLESHEET = re.compile(r'\s*<link\b(?=[^>]*\brel="stylesheet")[^>]*>')
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"])([^'"]+)\1\s*\)?\s*;""")
_CSS_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def _local(ref: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", ref, re.I)


def css_for_bundle(css_file: Path, static: Path, seen: tuple[Path, ...] = ()) -> str:
    """The text of ``css_file`` (a file under ``static``) as it must read inside
    ``static/bundles/``: relative ``url()`` references rewritten to point at the same files,
    ``@import`` rules of local stylesheets replaced by their (rewritten) text, ``@charset`` dropped (a bundle is
    UTF-8 and may only have one, first), and source-map comments dropped (they would name the
    map from the wrong folder). ValueError for an import it cannot inline."""
    css = _SOURCE_MAP.sub("", _CSS_CHARSET.sub("", css_file.read_text(encoding="utf-8")))
    here = css_file.parent

    def inline(match: re.Match) -> str:
        ref = match.group(2).split("?")[0]
        target = (here / ref).resolve()
        if not _local(ref) or not target.is_file() or target in seen:
            raise ValueError(f"{css_file.name}: cannot inline {match.group(0)!r}")
        return css_for_bundle(target, static, seen + (css_file.resolve(),))

    css = _CSS_IMPORT.sub(inline, css)
    if "@import" in css:
        raise ValueError(f"{css_file.name}: an @import with a media query or layer")
    bundle_dir = static / BUNDLES

    def move(match: re.Match) -> str:
        quote_mark, ref = match.groups()
        if not _local(ref):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here.as_posix(), ref))
        return f"url({quote_mark}{posixpath.relpath(target, bundle_dir.as_posix())}{quote_mark})"

    return _CSS_URL.sub(move, css)


def bundle_stylesheets(page: Path, text: str, static: Path, cache: dict) -> str:
    """The page with the stylesheets its ``<head>`` links from ``static`` joined into one bundle
    (written to ``static/bundles/`` once per distinct list; ``cache`` maps lists to file names).
    A page with a ``<style>`` element in its head, or a stylesheet link with a ``media``
    attribute, keeps its links (the join could change which rule wins)."""
    end = text.find("</head>")
    if end < 0:
        return text
    static, page = static.resolve(), page.resolve()
    head = text[:end]
    links = list(_STYLESHEET.finditer(head))
    files = []
    for link in links:
        href = _attr(link.group(0), "href")
        if href is None or not _local(href) or _attr(link.group(0), "media") not in (None, "all"):
            return text
        target = (page.parent / href.split("?")[0]).resolve()
        if not target.is_file() or static not in target.parents:
            return text
        files.append(target)
    if len(files) < 2 or "<style" in head[links[0].start():links[-1].end()]:
        return text
    key = tuple(files)
    if key not in cache:
        parts = [f"/* {f.relative_to(static).as_posix()} */\n{css_for_bundle(f, static)}" for f in files]
        body = '@charset "UTF-8";\n' + "\n".join(parts)
        name = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] + ".css"
        (static / BUNDLES).mkdir(exist_ok=True)
        (static / BUNDLES / name).write_text(body, encoding="utf-8")
        cache[key] = name
    prefix = posixpath.relpath((static / BUNDLES).as_posix(), page.parent.as_posix())
    joined = f'\n<link rel="stylesheet" href="{prefix}/{cache[key]}" />'
    out = [head[: links[0].start()], joined]
    for before, after in zip(links, links[1:] + [None]):
        out.append(head[before.end(): after.start() if after else len(head)])
    return "".join(out) + text[end:]


# --- the build ------------------------------------------------------------------------------


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(ICONS_CSS)


def _write_icons(static: Path, wanted: set) -> None:
    """icons.css for the ``wanted`` icons, the theme's glyph rules and icon script gone, its
    tab-stop check made lazy."""
    source = _theme_fontawesome_js()
    if source is None:
        logger.warning("the theme's fontawesome.js was not found: no icons.css written")
        return
    icons = fontawesome_icons(source.read_text(encoding="utf-8"))
    missing = sorted(f"{p} fa-{n}" for p, n in wanted if (p, n) not in icons)
    if missing:
        logger.warning("icons not found in the theme's Font Awesome: %s", ", ".join(missing))
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if theme_css.is_file():
        theme_css.write_text(strip_icon_glyph_rules(theme_css.read_text(encoding="utf-8")), encoding="utf-8")
    theme_js = static / "scripts" / "pydata-sphinx-theme.js"
    if theme_js.is_file():
        lazy = lazy_tab_stops(theme_js.read_text(encoding="utf-8"))
        if lazy is None:
            logger.warning("the theme's tab-stop check was not found in %s: it stays as it is (one long task on load)", theme_js.name)
        else:
            theme_js.write_text(lazy, encoding="utf-8")
    css = icons_css(wanted & icons.keys(), icons) + subset_icon_fonts(static, source.parents[1])
    (static / ICONS_CSS).write_text(css, encoding="utf-8")
    for leftover in static.glob("scripts/fontawesome.js*"):
        leftover.unlink()


def _finish(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    pages = sorted(outdir.rglob("*.html"))
    wanted = set(SCRIPT_ICONS)
    texts = {}
    for page in pages:
        if page.relative_to(outdir).parts[0] == "_static":
            continue
        text = page.read_text(encoding="utf-8")
        new = _FA_SCRIPT.sub("", text)
        new = _FA_PRELOAD.sub("", new)
        new = rewrite_images(page, new, outdir)
        new = defer_head_scripts(new)
        if page.name != "search.html" and "search_as_you_type = false" in new:
            new = _SEARCH_SCRIPTS.sub("", new)
        new = paint_after_header(new)
        wanted |= used_icons(new)
        texts[page] = (text, new)
    _write_icons(static, wanted)
    # the stylesheets are final now (icons.css written, the theme's glyph rules stripped)
    bundles: dict = {}
    for page, (text, new) in texts.items():
        try:
            new = bundle_stylesheets(page, new, static, bundles)
        except ValueError as err:
            logger.warning("%s: stylesheets left unjoined: %s", page.relative_to(outdir), err)
        if new != text:
            page.write_text(new, encoding="utf-8")


# The theme's stylesheets still draw a few icons with Font Awesome's fonts (admonition titles,
# breadcrumbs, external links); each font is about 150 KB. Serve only the glyphs they use.
FA_FONTS = (("Font Awesome 6 Free", 900, "fa-solid-900"), ("Font Awesome 6 Free", 400, "fa-regular-400"),
            ("Font Awesome 6 Brands", 400, "fa-brands-400"))


def stylesheet_icon_codepoints(static: Path) -> set[int]:
    """Private-use code points in the site's CSS, outside Font Awesome's own ``.fa-*`` rules."""
    points = set()
    for css_file in static.rglob("*.css"):
        css = css_file.read_text(encoding="utf-8", errors="replace")
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if all(s.strip().startswith((".fa-", ".fa ")) for s in selector.split(",")):
                continue
            for match in re.finditer(r"\\(f[0-9a-f]{3})|([\ue000-\uf8ff])", body):
                points.add(int(match[1], 16) if match[1] else ord(match[2]))
    return points


def subset_icon_fonts(static: Path, theme_static: Path) -> str:
    """Write WOFF subsets of the theme's icon fonts; return the @font-face rules that use them
    (they come after the theme's own rules, so they win)."""
    from fontTools import subset

    points = stylesheet_icon_codepoints(static)
    rules = []
    for family, weight, name in FA_FONTS:
        source = theme_static / "vendor" / "fontawesome" / "webfonts" / f"{name}.ttf"
        if not source.is_file() or not points:
            continue
        options = subset.Options()
        options.flavor = "woff"
        options.ignore_missing_unicodes = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        out = static / "icons" / f"{name}.subset.woff"
        out.parent.mkdir(exist_ok=True)
        subset.save_font(font, str(out), options)
        rules.append(
            f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};font-display:block;'
            f'src:url(icons/{out.name}) format("woff")}}'
        )
    return "\n".join(rules) + "\n"


def _theme_fontawesome_js() -> Path | None:
    """The theme's own copy of Font Awesome (the source of the icon shapes)."""
    import pydata_sphinx_theme

    path = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
    return path if path.is_file() else None


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_css)
    app.connect("html-page-context", _page_context, priority=900)
    # after the theme (its pygments.css) and myst-nb (its stylesheet) have written their files
    app.connect("build-finished", _finish, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
