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
        page.wait_for_selector(".jp-NotebookPanel", timeout=60000)
        notebook = page.locator(".jp-NotebookPanel:visible").first
        # JupyterLab adds the cells progressively: wait for both kinds before counting
        notebook.locator(".jp-CodeCell").first.wait_for(timeout=30000)
        notebook.locator(".jp-MarkdownCell").first.wait_for(timeout=30000)
        assert notebook.locator(".jp-CodeCell").count() > 0
        assert notebook.locator(".jp-MarkdownCell").count() > 0
        # and not the plain text editor
        assert page.locator(".jp-FileEditor:visible").count() == 0
    finally:
        context.close()
