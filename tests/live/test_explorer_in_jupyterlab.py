"""The die explorer works in a real JupyterLab: a keyboard slider move updates readout and plot.

JupyterLab comes from the shared `jupyterlab` fixture (tests/live/conftest.py, configured the
way Binder is, serving a scratch copy of book/); headless Debian Chromium opens the likelihood
chapter book/04_likelihood.md as a notebook, runs all cells from the Run menu, moves the die
explorer's first probability slider with the arrow keys, and checks that both the log L readout
and the rendered plot image change. Every step waits on a condition in the page (a timeout is
only the deadline for that condition), and every text is read from the DOM (`text_content`),
never from the rendered layout, which JupyterLab's windowed notebook may not have produced yet.
"""

from __future__ import annotations

import pytest

CHAPTER = "book/04_likelihood.md"


@pytest.fixture
def explorer_notebook(jupyterlab):
    """The likelihood chapter's path in the lab (the lab serves a scratch copy of book/)."""
    source = jupyterlab.root / CHAPTER
    assert "DieExplorer()" in source.read_text(encoding="utf-8"), "the chapter no longer shows the die explorer"
    return CHAPTER


@pytest.mark.slow
def test_keyboard_slider_move_updates_readout_and_plot(jupyterlab, browser, explorer_notebook, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(jupyterlab.page(f"lab/tree/{explorer_notebook}"), wait_until="domcontentloaded")
        notebook = page.locator(".jp-NotebookPanel:visible").first
        notebook.locator(".jp-CodeCell").first.wait_for(timeout=90_000)
        # wait for the kernel, then Run > Run All Cells
        def run_all_cells():
            page.get_by_text("Python 3 (ipykernel) | Idle").first.wait_for(timeout=90_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

        run_all_cells()
        handle = notebook.locator(".widget-slider .noUi-handle").first
        # a slow kernel start can make JupyterLab ask which kernel to use: keep the notebook's.
        # Wait for whichever comes first, the question or the explorer's slider.
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        dialog.or_(handle).first.wait_for(timeout=120_000)
        if dialog.count():
            dialog.first.click()
            # the question can swallow the Run All that raised it (no cell runs): once the
            # kernel is chosen and idle, run the cells again
            dialog.first.wait_for(state="detached", timeout=30_000)
            if not handle.count():
                run_all_cells()
        handle.wait_for(state="attached", timeout=120_000)
        readout = notebook.locator(".ld-logL").first
        image = notebook.locator(".jupyter-widgets img").first
        # JupyterLab renders only the cells near the viewport: bring the explorer into view
        handle.scroll_into_view_if_needed()
        readout.wait_for(state="attached", timeout=30_000)
        image.wait_for(state="attached", timeout=30_000)
        # Read the DOM text (text_content), not the rendered text (inner_text): JupyterLab's
        # windowed notebook may not have laid the cell out yet, and then rendered text is empty.
        page.wait_for_function(
            "() => { const el = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .ld-logL');"
            " return el && el.textContent.trim() !== ''; }",
            timeout=30_000,
        )
        before_text = readout.text_content()
        before_src = image.get_attribute("src")
        assert before_src, "the plot image has no source"
        assert float(before_text) == pytest.approx(-35.8352, abs=1e-3)  # a fair die, the article's counts

        handle.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([before]) => { const el = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .ld-logL');"
            " return el && el.textContent !== before; }",
            arg=[before_text],
            timeout=30_000,
        )
        page.wait_for_function(
            "([before]) => { const img = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets img');"
            " return img && img.getAttribute('src') !== before; }",
            arg=[before_src],
            timeout=30_000,
        )
        after_text = readout.text_content()
        assert after_text != before_text
        assert image.get_attribute("src") != before_src
        # the slider moved up by five steps of 0.001 and the readout shows the new log L
        slider_value = float(notebook.locator(".widget-slider .widget-readout").first.text_content())
        assert slider_value == pytest.approx(0.172, abs=0.0015)
        assert float(after_text) < float(before_text)  # away from the fair die: article counts favour it less
        assert errors == []
        page.screenshot(path=str(tmp_path / "explorer.png"))  # for a reader of the test log; not a check
    except Exception:
        shot = tmp_path / "jupyterlab.png"
        page.screenshot(path=str(shot))
        for error in page.get_by_text("Click to show javascript error.").all():
            error.click()
        outputs = page.locator(".jp-OutputArea").all_inner_texts()
        print(f"screenshot: {shot}\noutputs: {outputs}\npage errors: {errors}")
        raise
    finally:
        context.close()
