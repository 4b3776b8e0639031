"""The site builds with -W -n --keep-going: any warning fails the build."""

import re
from pathlib import Path

from helpers import BUILD_HTML, ROOT, page_css, page_stylesheets, toc_files


def test_site_builds_without_warnings(site_build):
    log = site_build.stdout + site_build.stderr
    warnings = [line for line in log.splitlines() if re.search(r"WARNING:|ERROR:|CRITICAL:", line)]
    assert site_build.returncode == 0, "\n".join(warnings) or log[-5000:]
    assert warnings == []


def test_every_toc_page_is_built(site_build):
    missing = [doc for doc in toc_files() if not (BUILD_HTML / f"{doc}.html").exists()]
    assert missing == []


def test_no_page_links_to_a_cdn(site_build):
    """Scripts, styles and fonts are all served from the build."""
    offenders = {}
    pattern = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)=["'](https?://[^"']+)""")
    for page in BUILD_HTML.rglob("*.html"):
        found = pattern.findall(page.read_text(encoding="utf-8"))
        # the repository link in the header is an <a>, not a resource, so it is not matched
        if found:
            offenders[str(page.relative_to(BUILD_HTML))] = found
    assert offenders == {}


def chapter_pages() -> list[Path]:
    return [BUILD_HTML / f"{doc}.html" for doc in toc_files() if Path(doc).name[:2].isdigit()]


def test_math_is_typeset_when_the_site_is_built(site_build):
    """KaTeX runs in the build: chapter pages carry KaTeX markup and load no math script;
    the stylesheet and every font it names are served from the build."""
    static = BUILD_HTML / "_static"
    for page in chapter_pages():
        text = page.read_text(encoding="utf-8")
        assert 'class="katex"' in text, page
        assert not re.search(r"<script[^>]+(mathjax|katex)", text, re.I), page
        assert "font-family:KaTeX_Main" in page_css(page) and ".katex{" in page_css(page), page
    css = (static / "katex" / "katex.min.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\((fonts/[^)]+)\)", css)
    assert fonts and all((static / "katex" / f).is_file() for f in fonts)
    assert not list(BUILD_HTML.rglob("katex*.js")), "the KaTeX engine is for the build only"
    assert not (static / "mathjax").exists()


def test_no_icon_font_script(site_build):
    """The theme's icons are CSS masks: no page loads fontawesome.js, and every icon a page
    uses has its mask in icons.css."""
    css = (BUILD_HTML / "_static" / "icons.css").read_text(encoding="utf-8")
    japanese_css = (BUILD_HTML / "ja" / "_static" / "icons.css").read_text(encoding="utf-8")
    for page in BUILD_HTML.rglob("*.html"):
        parts = page.relative_to(BUILD_HTML).parts
        if "_static" in parts[:2]:
            continue  # the theme's template macros, not pages (in either edition)
        text = page.read_text(encoding="utf-8")
        edition_css = japanese_css if parts[0] == "ja" else css
        assert "fontawesome.js" not in text, page
        for classes in re.findall(r'<[a-z]+\s[^>]*class="([^"]*)"', text):
            names = classes.split()
            if not {"fa-solid", "fas", "fa-brands", "fab"} & set(names):
                continue
            icons = [c for c in names if c.startswith("fa-") and c not in {"fa-lg", "fa-solid", "fa-brands"}]
            for icon in icons:
                assert f".{icon}{{--ld-icon:" in edition_css, (page, icon)
    assert not (BUILD_HTML / "_static" / "scripts" / "fontawesome.js").exists()
    # the glyphs the theme's stylesheets still draw come from small subsets of its icon fonts
    faces = re.findall(r'@font-face\{font-family:"Font Awesome 6 Free";[^}]*font-weight:900;[^}]*url\(([^)]+)\)', css)
    assert faces, "no subset of the solid icon font"
    subset = BUILD_HTML / "_static" / faces[0]
    assert 0 < subset.stat().st_size < 20_000


def test_figures_have_their_size_and_load_lazily(site_build):
    """Every figure of a chapter states its width and height (no layout shift), and only the
    first figure of a page loads eagerly (explorer snapshots are always lazy: see
    test_explorer_pages)."""
    checked = 0
    for page in chapter_pages():
        imgs = [
            t
            for t in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8"))
            if "_images/" in t and "_images/explorer-" not in t
        ]
        if not imgs:
            continue
        checked += 1
        for tag in imgs:
            assert re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag), tag
        assert all('loading="lazy"' in tag for tag in imgs[1:]), page
        assert 'loading="lazy"' not in imgs[0], page
    assert checked >= 3, "the chapters show figures: the pattern above no longer finds them"


def test_every_page_has_its_own_description(site_build):
    descriptions = {}
    for page in chapter_pages():
        match = re.search(r'<meta name="description" content="([^"]+)"', page.read_text(encoding="utf-8"))
        assert match, page
        text = match.group(1)
        assert 50 <= len(text) <= 160 and "\\" not in text and "$" not in text, (page, text)
        descriptions[page] = text
    assert len(set(descriptions.values())) == len(descriptions)


def test_favicon_is_linked(site_build):
    intro = (BUILD_HTML / "book" / "intro.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="icon" href="([^"]+)"', intro)
    assert match and (BUILD_HTML / "book" / match.group(1)).resolve().is_file()


def test_figures_render_as_images_not_text(site_build):
    """A Figure glued without an image formatter shows up as '<Figure size ...>' text."""
    offenders = [
        str(page.relative_to(BUILD_HTML))
        for page in BUILD_HTML.rglob("*.html")
        if "&lt;Figure size" in page.read_text(encoding="utf-8")
        or "<Figure size" in page.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_thebe_leftovers(site_build):
    """The book does not use Thebe: no THEBE_JS_URL script (it throws a page error when
    declared twice) and no Thebe configuration pointing at an unrelated repository."""
    for page in BUILD_HTML.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "THEBE_JS_URL" not in text, page
        assert "x-thebe-config" not in text, page


def html_pages() -> list[Path]:
    return [p for p in BUILD_HTML.rglob("*.html") if "_static" not in p.relative_to(BUILD_HTML).parts[:2]]


def test_each_page_links_one_stylesheet(site_build):
    """A page's stylesheets are joined into one file (one request before the first paint, not
    fifteen): the theme's rules first, the book's own last so that they win, nothing imported."""
    static = BUILD_HTML / "_static"
    theme = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    # a joined file has one @charset (first), and no source-map comment (it names its map from styles/)
    theme = re.sub(r'^@charset "UTF-8";|/\*# sourceMappingURL=[^*]*\*/', "", theme).strip()
    book = (ROOT / "book" / "_static" / "loaded-dice.css").read_text(encoding="utf-8")
    per_edition = {}
    for page in html_pages():
        sheets = page_stylesheets(page)
        if not sheets and 'http-equiv="Refresh"' in page.read_text(encoding="utf-8"):
            continue  # the site's front door only redirects to the introduction
        assert len(sheets) == 1 and sheets[0].is_file(), (page, sheets)
        edition = page.relative_to(BUILD_HTML).parts[0] == "ja"
        per_edition.setdefault(edition, set()).add(sheets[0].resolve())
    # every page of an edition links the same file: a reader downloads it once
    assert sorted(len(files) for files in per_edition.values()) == [1, 1], per_edition
    for (css_file,) in per_edition.values():
        css = css_file.read_text(encoding="utf-8")
        assert "@import" not in css and css.startswith('@charset "UTF-8";') and css.count("@charset") == 1, css_file
        assert theme in css and book in css and css.index(theme) < css.index(book), css_file


def test_every_url_in_the_stylesheets_resolves(site_build):
    """Joining moved the rules into another folder: each url() (fonts, icon fonts) still names a
    file of the build."""
    urls = 0
    for sheet in {sheet.resolve() for page in html_pages() for sheet in page_stylesheets(page)}:
        for ref in re.findall(r"""url\(\s*['"]?([^'")]+)""", sheet.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#")):
                continue
            urls += 1
            assert (sheet.parent / ref.split("?")[0].split("#")[0]).resolve().is_file(), (sheet, ref)
    assert urls > 0
