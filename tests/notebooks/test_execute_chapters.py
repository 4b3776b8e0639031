"""Every notebook page in _toc.yml executes from a fresh kernel, without error output,
in under 60 seconds (MyST source -> jupytext -> nbclient)."""

from __future__ import annotations

import time

import jupytext
import pytest
from nbclient import NotebookClient

from helpers import ROOT, notebook_docs, source_path

TIME_LIMIT_S = 60


@pytest.mark.slow
@pytest.mark.parametrize("doc", notebook_docs())
def test_chapter_executes_cleanly(doc):
    path = source_path(doc)
    notebook = jupytext.read(path)
    client = NotebookClient(notebook, timeout=TIME_LIMIT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    errors = [
        (i, out.get("ename"), out.get("evalue"))
        for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    stderr = [
        (i, out.get("text", "")[:300])
        for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ]
    assert errors == []
    assert stderr == [], "a chapter printed to stderr (warnings belong nowhere in the book)"
    assert elapsed < TIME_LIMIT_S, f"{doc} took {elapsed:.1f} s"


def test_toc_lists_notebook_chapters():
    assert notebook_docs(), "no executable chapter in the table of contents"
    for doc in notebook_docs():
        assert source_path(doc).is_relative_to(ROOT / "book")
