"""On Binder a chapter's launch link must open a runnable notebook, not a Markdown editor.

JupyterLab is started with the configuration binder/postBuild applies; Chromium opens the
same path the book's launch button puts in its Binder URL (lab/tree/book/<chapter>.md).
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from helpers import BUILD_HTML, notebook_docs


def _first_chapter() -> str:
    docs = notebook_docs()
    assert docs, "the table of contents lists no notebook chapter"
    return docs[0]


def test_launch_button_points_at_the_chapter_source(site_url):
    """The Binder launch link opens the chapter's .md in JupyterLab."""
    doc = _first_chapter()
    page = (BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8")
    links = [html.unescape(h) for h in re.findall(r'href="(https://mybinder\.org/[^"]+)"', page)]
    assert links, "no Binder launch button on the chapter page"
    query = parse_qs(urlparse(links[0]).query)
    assert unquote(query["urlpath"][0]) == f"lab/tree/{doc}.md"


@pytest.mark.slow
def test_chapter_opens_as_a_notebook(jupyterlab, browser):
    doc = _first_chapter()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(jupyterlab.page(f"lab/tree/{doc}.md"), wait_until="domcontentloaded")
        # JupyterLab adds the cells progressively, and may swap the panel while it settles on a
        # document factory: wait until the chapter shows either as a text editor or as one
        # visible notebook panel holding both kinds of cells, and read that state in one step.
        opened = page.wait_for_function(
            """() => {
                const shown = sel => [...document.querySelectorAll(sel)].find(e => e.getClientRects().length > 0);
                if (shown('.jp-FileEditor')) return {as: 'text editor'};
                const panel = shown('.jp-NotebookPanel');
                if (!panel) return null;
                const code = panel.querySelectorAll('.jp-CodeCell').length;
                const markdown = panel.querySelectorAll('.jp-MarkdownCell').length;
                return code > 0 && markdown > 0 ? {as: 'notebook', code, markdown} : null;
            }""",
            timeout=90_000,
        ).json_value()
        assert opened["as"] == "notebook", f"the chapter opened as a {opened['as']}"
    finally:
        context.close()
