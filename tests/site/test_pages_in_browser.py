"""Every built page, opened in headless Chromium with the network cut off.

For each page: HTTP 200, no console error, no page error, no request to any host but
localhost, every formula typeset (no raw TeX, no error node), alt text on every image, and no
serious or critical axe-core violation.
"""

from __future__ import annotations

import re

import pytest

from helpers import BUILD_HTML, open_offline, toc_files

# Every page a reader can reach: the chapters in the toc plus the pages Sphinx adds, in the
# English edition (the site's root) and the Japanese one (ja/).
ENGLISH = [f"{doc}.html" for doc in toc_files()] + ["genindex.html", "search.html", "index.html"]
PAGES = ENGLISH + [f"ja/{page}" for page in ENGLISH]


# Text a reader would see as raw TeX if a formula were left untypeset.
RAW_TEX_JS = r"""() => {
  const pattern = /\\(frac|begin|end|sum|prod|hat|log|left|right|mathrm|text|arg|lambda|tag|quad)(?![A-Za-z])|\\[\[\(]|\$\$/;
  const skip = "annotation, script, style, pre, code, textarea, .katex-mathml";
  const found = [];
  if (!document.body) return found;  // index.html is only a redirect
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skip)) continue;
    if (pattern.test(node.textContent)) found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""


def _math_problems(page) -> list[str]:
    """Math is typeset when the site is built (KaTeX): every formula must arrive as KaTeX
    markup, with no error node and no raw TeX left in the visible text."""
    problems = []
    untypeset = page.locator(".math:not(:has(.katex))").count()
    if untypeset:
        problems.append(f"{untypeset} formulas without KaTeX markup")
    errors = page.locator(".katex-error").count()
    if errors:
        problems.append(f"{errors} KaTeX errors")
    problems += [f"raw TeX: {text}" for text in page.evaluate(RAW_TEX_JS)]
    return problems


def _follow_refresh(page, url: str, html: str) -> None:
    """A page that forwards with a meta refresh (index.html): wait until the target has loaded,
    so that what follows is checked on the page the reader ends up on."""
    match = re.search(r'http-equiv="Refresh"\s+content="0;\s*url=([^"]+)"', html, re.IGNORECASE)
    if match:
        from urllib.parse import urljoin

        page.wait_for_url(urljoin(url, match.group(1)), wait_until="load")


@pytest.fixture
def page_probe(browser, site_url):
    """Open a page and record everything that went wrong while it loaded."""
    with open_offline(browser) as probe:
        yield probe


@pytest.mark.slow
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_and_cleanly(page_probe, site_url, path):
    page, record = page_probe
    response = page.goto(f"{site_url}/{path}", wait_until="load")
    assert response is not None and response.status == 200
    _follow_refresh(page, f"{site_url}/{path}", (BUILD_HTML / path).read_text(encoding="utf-8"))
    assert _math_problems(page) == []
    # fonts are requested as the page is laid out: wait until they have settled (loaded or
    # failed), then every request the page makes on its own has been routed
    page.evaluate("document.fonts.ready.then(() => true)")
    assert record["external"] == [], "requests left localhost"
    assert record["pageerror"] == []
    assert record["console"] == []
    assert record["failed"] == []
    missing_alt = page.evaluate(
        "Array.from(document.querySelectorAll('img')).filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src)"
    )
    assert missing_alt == [], "images without alt text"


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith(("book/", "ja/book/"))])
def test_no_serious_accessibility_violations(page_probe, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = page_probe
    page.goto(f"{site_url}/{path}", wait_until="load")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert serious == []


def test_external_requests_are_caught(page_probe, site_url):
    """The probe itself works: a page that asks another host is recorded, not loaded."""
    page, record = page_probe
    page.goto(f"{site_url}/book/intro.html", wait_until="load")
    # evaluate awaits the fetch: it settles only once the probe has recorded and aborted it
    page.evaluate("fetch('https://cdn.example.org/x.js').catch(() => null)")
    assert any("cdn.example.org" in url for url in record["external"])


def test_no_stray_pages(site_url):
    """Nothing outside the toc ends up on the site (caches, READMEs, test files)."""
    built = sorted(
        str(p.relative_to(BUILD_HTML))
        for p in BUILD_HTML.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(BUILD_HTML).parts[:2])
    )
    assert built == sorted(PAGES)


@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 400])
def test_one_search_box_at_any_width(browser, site_url, width):
    """The theme offers search in the header bar, the sidebar and the article header: a reader
    sees exactly one of them, on a wide screen and on a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/book/intro.html", wait_until="load")
        controls = page.locator(".search-button__button")
        assert controls.count() >= 2  # the theme renders several: the check below can fail
        visible = [c for c in controls.all() if c.is_visible()]
        assert len(visible) == 1, [c.get_attribute("class") for c in visible]
    finally:
        context.close()


def test_math_check_catches_untypeset_tex(browser):
    """The math check itself works: a formula left as TeX is reported twice (no KaTeX markup,
    raw TeX in the text), and KaTeX's own error node is reported."""
    page = browser.new_page()
    try:
        page.set_content('<p><span class="math">\\(\\frac{a}{b}\\)</span></p>')
        problems = _math_problems(page)
        assert any("without KaTeX" in p for p in problems)
        assert any("raw TeX" in p for p in problems)
        page.set_content('<p><span class="math"><span class="katex-error">x^</span></span></p>')
        assert any("KaTeX errors" in p for p in _math_problems(page))
    finally:
        page.close()
