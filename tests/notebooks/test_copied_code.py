"""The code a reader sees on a page runs when copied.

For every notebook chapter in _toc.yml, take the code cells a reader can see on the website, in
order, put them into a new notebook and run it in a fresh kernel, in an empty scratch folder (as a
reader's own notebook would be). Nothing hidden from the reader may be needed.

Which cells a reader can see:
- tagged ``remove-cell`` or ``remove-input``: the code is not on the page -> left out;
- tagged ``hide-input`` / ``hide-cell`` / ``hide-output``: the page shows a "click to show" toggle,
  so the reader can see and copy the code -> included;
- cells inside exercise solutions (dropdowns) -> included, for the same reason;
- every other code cell -> included.
"""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from helpers import notebook_docs, source_path, toc_files

HIDDEN_FROM_READER = {"remove-cell", "remove-input"}
TIME_LIMIT_S = 90


def visible_code(doc: str) -> list[str]:
    notebook = jupytext.read(source_path(doc))
    return [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and not HIDDEN_FROM_READER & set(cell.metadata.get("tags", []))
    ]


def test_every_chapter_in_the_toc_is_covered():
    chapters = [doc for doc in toc_files() if re.match(r"book/\d\d_", doc)]
    assert chapters, "no chapter in _toc.yml"
    assert set(chapters) <= set(notebook_docs()), "a chapter is not a notebook, so it is not run"


def test_hidden_cells_are_recognised():
    """The selection really drops hidden set-up: some chapter hides a glue cell from the reader."""
    hidden = []
    for doc in notebook_docs():
        notebook = jupytext.read(source_path(doc))
        hidden += [cell.source for cell in notebook.cells if cell.cell_type == "code"
                   and HIDDEN_FROM_READER & set(cell.metadata.get("tags", []))]
    assert any("glue(" in source for source in hidden)
    assert not any("glue(" in source for doc in notebook_docs() for source in visible_code(doc))


@pytest.mark.slow
@pytest.mark.parametrize("doc", notebook_docs())
def test_visible_code_runs_in_a_fresh_kernel(doc, tmp_path):
    cells = visible_code(doc)
    assert cells, f"{doc} shows no code"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in cells])
    client = NotebookClient(notebook, timeout=TIME_LIMIT_S, kernel_name="python3",
                            allow_errors=True, resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [
        (i, out.get("ename"), out.get("evalue"), cells[i][:200])
        for i, cell in enumerate(notebook.cells)
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert errors == [], f"{doc}: copied code fails (cell index among visible cells, error, code)"
