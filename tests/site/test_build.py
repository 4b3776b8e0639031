"""The site builds with -W -n --keep-going: any warning fails the build."""

import re

from helpers import BUILD_HTML, toc_files


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


def test_mathjax_is_vendored(site_build):
    intro = (BUILD_HTML / "book" / "intro.html").read_text(encoding="utf-8")
    assert "_static/mathjax/tex-chtml-full.js" in intro
    assert (BUILD_HTML / "_static" / "mathjax" / "tex-chtml-full.js").stat().st_size > 500_000
    assert any((BUILD_HTML / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))


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
