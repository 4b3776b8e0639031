"""Every check in the text can fail.

A chapter's asserting cells confirm what the prose claims (an identity, a derivative, a
number). Each such cell carries cell metadata ``mutations``: a list of ``[old, new]`` text
replacements that turn the claim into a wrong one (a flipped sign, another exponent). This
test runs each chapter in one kernel, cell by cell; after every asserting cell it runs each
mutated version of that cell and requires an ``AssertionError``, then runs the original again
so the chapter goes on from the true state. A check that still passes when its claim is wrong
checks nothing, and this test says which one.
"""

from __future__ import annotations

import ast
import copy
import re

import jupytext
import pytest
from nbclient import NotebookClient

from helpers import notebook_docs, source_path

CHAPTERS = [doc for doc in notebook_docs() if re.match(r"book/\d\d_", doc)]
TIME_LIMIT_S = 120


def asserts_something(source: str) -> bool:
    """True when the cell's code holds an ``assert`` statement (comments and strings don't count)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: fall back to the text, line by line
        return any(line.lstrip().startswith("assert ") for line in source.splitlines())
    return any(isinstance(node, ast.Assert) for node in ast.walk(tree))


def code_cells(doc):
    notebook = jupytext.read(source_path(doc))
    return notebook, [(i, cell) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]


@pytest.mark.parametrize("doc", CHAPTERS)
def test_every_asserting_cell_names_its_mutations(doc):
    _, cells = code_cells(doc)
    asserting = [(i, cell) for i, cell in cells if asserts_something(cell.source)]
    assert asserting, f"{doc} asserts nothing"
    for i, cell in asserting:
        mutations = cell.metadata.get("mutations")
        assert mutations, f"{doc}, cell {i} asserts but names no mutations:\n{cell.source[:300]}"
        for pair in mutations:
            assert isinstance(pair, list) and len(pair) == 2, f"{doc}, cell {i}: {pair!r} is not [old, new]"
            old, new = pair
            assert old != new, f"{doc}, cell {i}: mutation {pair!r} changes nothing"
            count = cell.source.count(old)
            assert count == 1, f"{doc}, cell {i}: {old!r} occurs {count} times (must be once)"


def error_of(cell) -> tuple[str, str] | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return out.get("ename", ""), out.get("evalue", "")
    return None


@pytest.mark.slow
@pytest.mark.parametrize("doc", CHAPTERS)
def test_mutated_claims_fail(doc):
    notebook, cells = code_cells(doc)
    path = source_path(doc)
    client = NotebookClient(notebook, timeout=TIME_LIMIT_S, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    survivors, broken, tried = [], [], 0
    with client.setup_kernel():
        for i, cell in cells:
            client.execute_cell(cell, i)
            assert error_of(cell) is None, f"{doc}, cell {i} fails unmutated: {error_of(cell)}"
            for old, new in cell.metadata.get("mutations", []):
                mutant = copy.deepcopy(cell)
                mutant.source = cell.source.replace(old, new, 1)
                mutant.outputs = []
                client.execute_cell(mutant, i)
                tried += 1
                err = error_of(mutant)
                if err is None:
                    survivors.append((i, old, new))
                elif err[0] != "AssertionError":
                    broken.append((i, old, new, err))
                restore = copy.deepcopy(cell)
                restore.outputs = []
                client.execute_cell(restore, i)
                assert error_of(restore) is None, f"{doc}, cell {i} fails when run again: {error_of(restore)}"
    assert tried, f"{doc}: no mutation was tried"
    assert survivors == [], f"{doc}: these wrong claims still pass their check: {survivors}"
    assert broken == [], f"{doc}: these mutations crash instead of failing an assert: {broken}"
