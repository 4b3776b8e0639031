"""The browser skips work far below the screen, and nothing a reader can see or reach changes.

A chapter page holds some 10,000 elements, most of them typeset math and highlighted code.
``loaded-dice.css`` lets the browser skip the style and layout of each block of the article
(paragraph, display, list, code cell) while it is far from the screen (``content-visibility:
auto``); the theme's tab-stop check measures a block only when it comes near the screen
(``fast_pages.lazy_tab_stops``); an explorer starts when it comes near the screen
(``_static/explorers/boot.js``). These tests check that the skipping happens, and that links to
headings, equations, figures and exercises land exactly where they land without it, on a phone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import BUILD_HTML, ROOT, open_offline

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import fast_pages  # noqa: E402

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1}
PAGES = ["book/04_likelihood.html", "book/06_log_likelihood.html"]
BLOCKS = ".bd-article section > :is(p, ul, ol, dl, div.math, div.cell, figure, blockquote)"
# always laid out: the chapter's opening and the start of its first section (the first screen),
# and the exercises
ALWAYS = (".bd-article > section > :not(section), .bd-article > section > section:first-of-type > :nth-child(-n+6), "
          ".bd-article > section > section:last-of-type")
# Every block laid out, as if the stylesheet had no content-visibility: the reference.
NO_SKIPPING = "*, *::before, *::after { content-visibility: visible !important; }"
ADD_STYLE = """css => {
  const add = () => { const s = document.createElement('style'); s.textContent = css;
                      document.documentElement.appendChild(s); };
  if (document.documentElement) add(); else document.addEventListener('readystatechange', add, {once: true});
}"""
# Resolves once the target has kept the same place on screen for 10 animation frames in a row
# (fonts loaded, the page fully loaded): where the link landed.
SETTLED = """async id => {
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r, {once: true}));
  await document.fonts.ready;
  const el = document.getElementById(id);
  return await new Promise(resolve => {
    let last = null, same = 0;
    const tick = () => {
      const top = el.getBoundingClientRect().top;
      same = last !== null && Math.abs(top - last) < 0.5 ? same + 1 : 0;
      last = top;
      if (same >= 10) resolve({top, scrollY}); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}"""


def targets(page: str) -> list[str]:
    """Every id in the page's article a link can point at (sections, equations, figures,
    exercises and their solutions, labelled paragraphs), not those inside typeset math, nor an id
    the page repeats (sphinx-exercise's ``solution-content``: no link can count on it)."""
    text = (BUILD_HTML / page).read_text(encoding="utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    article = re.sub(r'<span class="katex">.*?</math></span>', "", article, flags=re.S)
    ids = re.findall(r'<[a-z0-9]+\b[^>]*\sid="([^"]+)"', article)
    return [i for i in ids if ids.count(i) == 1]


def landings(browser, url: str, ids: list[str], css: str | None, screen: dict = PHONE) -> dict[str, dict]:
    """Open ``url#id`` afresh for each id (on a phone); where each target ends up on screen."""
    out = {}
    with open_offline(browser, **screen) as (page, record):
        if css:
            page.add_init_script(f"({ADD_STYLE})({css!r})")
        for anchor in ids:
            page.goto("about:blank")
            page.goto(f"{url}#{anchor}")
            out[anchor] = page.evaluate(SETTLED, anchor)
        # (leaving a page for the next link may cut off a request still under way: not a failure)
        assert record["pageerror"] == [] and record["external"] == [] and record["console"] == []
    return out


DESKTOP = {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1}


@pytest.mark.parametrize(("path", "screen"), [(PAGES[0], PHONE), (PAGES[1], PHONE), (PAGES[1], DESKTOP)], ids=["04-phone", "06-phone", "06-desktop"])
def test_links_land_where_they_land_without_skipping(browser, site_url, path, screen):
    ids = targets(path)
    assert len(ids) >= 20 and any(i.startswith("equation-") for i in ids), ids  # a real list
    url = f"{site_url}/{path}"
    skipping = landings(browser, url, ids, None, screen)
    reference = landings(browser, url, ids, NO_SKIPPING, screen)
    moved = {
        anchor: (round(skipping[anchor]["top"]), round(reference[anchor]["top"]))
        for anchor in ids
        if abs(skipping[anchor]["top"] - reference[anchor]["top"]) > 2
    }
    assert moved == {}, f"(top with skipping, top without) in CSS px: {moved}"
    deep = [a for a in ids if reference[a]["scrollY"] > 2000]
    assert deep, "no link target far down the page: the check above proves little"


def test_the_check_can_fail(browser, site_url):
    """Skipping the blocks of the last section too (estimated heights below a link near the end
    of the page) stops such links short: the comparison sees it."""
    path = PAGES[-1]
    ids = [i for i in targets(path) if i.startswith("ex-") or "solution" in i]
    everywhere = (".bd-article section > :is(p, ul, ol, dl, div.math, div.cell, figure, blockquote), "
                  ".bd-article section > div.admonition > * "
                  "{ content-visibility: auto !important; contain-intrinsic-size: auto none auto 1em !important; }")
    url = f"{site_url}/{path}"
    skipping = landings(browser, url, ids, everywhere)
    reference = landings(browser, url, ids, NO_SKIPPING)
    assert any(abs(skipping[a]["top"] - reference[a]["top"]) > 2 for a in ids)


def test_blocks_far_below_the_screen_are_skipped_and_all_print(browser, site_url):
    with open_offline(browser, **PHONE) as (page, record):
        page.goto(f"{site_url}/{PAGES[-1]}", wait_until="load")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        counts = page.evaluate(
            """([sel, last]) => { const blocks = [...document.querySelectorAll(sel)].filter(b => !b.closest(last));
                 // a block that skips its contents still counts as visible itself: ask its first child
                 const skipping = b => b.firstElementChild && !b.firstElementChild.checkVisibility({contentVisibilityAuto: true});
                 return {all: blocks.length,
                         auto: blocks.filter(b => getComputedStyle(b).contentVisibility === 'auto').length,
                         skipped: blocks.filter(skipping).length,
                         withChildren: blocks.filter(b => b.firstElementChild).length}; }""",
            [BLOCKS, ALWAYS],
        )
        assert counts["all"] > 40, counts
        assert counts["auto"] >= 0.9 * counts["all"], counts  # only explorer cells are left out
        assert counts["skipped"] >= 0.8 * counts["withChildren"], counts  # far below a phone's screen
        page.emulate_media(media="print")
        printed = page.evaluate(
            "sel => [...document.querySelectorAll(sel)].filter(b => getComputedStyle(b).contentVisibility !== 'visible').length",
            BLOCKS,
        )
        assert printed == 0
        record.assert_clean()


LOADS = 12
NOISE = 0.001  # layout shift per load below which a move is sub-pixel (Lighthouse shows 0.000)
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(
  [e.value, e.sources.map(s => s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 80) : '')]); })
  .observe({type: 'layout-shift', buffered: true});"""
SHIFTS_AFTER_LOAD = """async () => {
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r, {once: true}));
  await document.fonts.ready;
  await new Promise(r => { let n = 0; const f = () => (++n > 30 ? r() : requestAnimationFrame(f)); f(); });
  return window.__shifts;
}"""


@pytest.mark.parametrize("path", ["book/02_events.html", PAGES[-1]])
@pytest.mark.parametrize("screen", [PHONE, {"viewport": {"width": 1350, "height": 940}}], ids=["phone", "desktop"])
def test_nothing_shifts_while_the_page_loads(browser, site_url, path, screen):
    """The first screen is laid out for real in the first frame: a block that started skipped
    there would grow a frame later and push the text down (Lighthouse counts it as CLS). And the
    first paint waits for the whole article header: painted while its row of buttons was half
    parsed, the row moved left as the rest arrived (seen in about one load in twelve on a phone,
    so the page is loaded several times). Shifts that add up to less than NOISE are sub-pixel
    moves (one of 7.6e-06 was seen, an equation number) and pass; the header's was 0.004-0.011."""
    for attempt in range(LOADS):
        with open_offline(browser, **screen) as (page, record):
            page.add_init_script(RECORD_SHIFTS)
            page.goto(f"{site_url}/{path}")
            shifts = page.evaluate(SHIFTS_AFTER_LOAD)
            assert sum(value for value, _ in shifts) < NOISE, f"load {attempt + 1}: {shifts}"
            record.assert_clean()


def test_the_shift_check_can_fail(browser, site_url):
    """Skipping the blocks of the first screen too: the check sees them grow."""
    everywhere = (".bd-article section > :is(p, ul, ol, dl, div.math, div.cell, figure, blockquote) "
                  "{ content-visibility: auto !important; contain-intrinsic-size: auto none auto 1em !important; }")
    with open_offline(browser, **PHONE) as (page, record):
        page.add_init_script(RECORD_SHIFTS)
        page.add_init_script(f"({ADD_STYLE})({everywhere!r})")
        page.goto(f"{site_url}/book/02_events.html")
        assert sum(value for value, _ in page.evaluate(SHIFTS_AFTER_LOAD)) >= NOISE


def test_a_closed_solution_is_skipped_and_opens_as_before(browser, site_url):
    with open_offline(browser, **PHONE) as (page, record):
        page.goto(f"{site_url}/{PAGES[-1]}", wait_until="load")
        solution = page.locator("div.solution.dropdown").last
        page.wait_for_function("s => s.classList.contains('toggle-hidden')", arg=solution.element_handle())
        body = solution.locator(".katex").first  # a formula inside the solution
        assert body.count() == 1
        assert not body.evaluate("e => e.checkVisibility({contentVisibilityAuto: true})")  # skipped while closed
        solution.locator(".admonition-title").click()
        page.wait_for_function("s => !s.classList.contains('toggle-hidden')", arg=solution.element_handle())
        assert body.evaluate("e => e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})")
        page.wait_for_function("e => e.getBoundingClientRect().height > 10", arg=body.element_handle())
        record.assert_clean()


SCROLLABLE = ["pre", ".nboutput > .output_area", ".cell_output > .output", ".jp-RenderedHTMLCommon", ".pst-scrollable-table-container"]


def test_every_block_that_scrolls_sideways_is_a_tab_stop(browser, site_url):
    """The theme's rule (a block that scrolls is reachable by keyboard; one that does not is not a
    tab stop) still holds, though blocks are measured only near the screen."""
    check = """sel => [...document.querySelectorAll(sel)].map(e => ({
        scrolls: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight, tab: e.tabIndex}))"""
    with open_offline(browser, **PHONE) as (page, record):
        page.goto(f"{site_url}/{PAGES[-1]}", wait_until="load")
        page.wait_for_function(f"sel => [...document.querySelectorAll(sel)].every(e => e.tabIndex === 0 || "
                               "!(e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight))", arg=", ".join(SCROLLABLE))
        blocks = page.evaluate(check, ", ".join(SCROLLABLE))
        assert any(b["scrolls"] for b in blocks), "no block scrolls on a phone: the check proves little"
        assert all(b["tab"] == 0 for b in blocks if b["scrolls"])
        # near the screen, a block that does not scroll is measured and stops being a tab stop
        quiet = page.evaluate_handle(
            "sel => [...document.querySelectorAll(sel)].find(e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)",
            ", ".join(SCROLLABLE),
        )
        quiet.as_element().scroll_into_view_if_needed()
        page.wait_for_function("e => e.tabIndex === -1", arg=quiet)
        record.assert_clean()


def test_lazy_tab_stops_rewrites_the_theme_check_once():
    theme = "function I(){const e=()=>{x" + fast_pages.THEME_TAB_STOPS + "};e()}"
    lazy = fast_pages.lazy_tab_stops(theme)
    assert fast_pages.THEME_TAB_STOPS not in lazy and fast_pages.LAZY_TAB_STOPS in lazy
    assert "IntersectionObserver" in lazy
    assert fast_pages.lazy_tab_stops(lazy) == lazy  # a rebuild leaves it as it is
    assert fast_pages.lazy_tab_stops("function I(){}") is None  # another theme: the build warns
    built = (BUILD_HTML / "_static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert fast_pages.THEME_TAB_STOPS not in built and "ldTabStops" in built


def test_an_explorer_starts_only_near_the_screen(browser, site_url):
    with open_offline(browser, **PHONE) as (page, record):
        page.goto(f"{site_url}/{PAGES[-1]}", wait_until="load")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        root = page.locator('[data-explorer="die"]')
        assert root.get_attribute("data-mounted") == "waiting"
        assert root.locator(".ld-app").count() == 0
        root.scroll_into_view_if_needed()
        page.wait_for_function("r => r.dataset.mounted === 'true'", arg=root.element_handle())
        assert root.locator(".ld-app").is_visible()
        record.assert_clean()
