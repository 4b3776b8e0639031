"""The checker set-up the build writes into every homework (tools.homework.setup_cell), run without a
kernel: it finds the notebook whatever its file name, and a checker that cannot start fails loudly
while the imports and the data of the set-up cell still work. (The slow tests grade real notebooks.)"""

from __future__ import annotations

import json
import os
import sys
import types

import nbformat
import pytest

from tools.homework import master_notebook, masters
from tools.homework.setup_cell import CHECKER_SETUP, SetupError, check_student_setup, install_checker

from .conftest import REPO

NAMES = [m.stem for m in masters(REPO / "homework")]


def setup_source(name: str) -> str:
    nb = master_notebook(REPO / "homework" / f"{name}.md")
    install_checker(nb, name)
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and "otter.Notebook(" in c.source]
    return cell.source


class FakeOtter:
    """Stands in for otter-grader: records which notebook path the set-up passes."""

    def __init__(self):
        self.paths = []
        recorder = self.paths

        class Notebook:
            def __init__(self, nb_path=None):
                recorder.append(nb_path)

        self.module = types.ModuleType("otter")
        self.module.Notebook = Notebook


def run_setup(name, monkeypatch, folder, otter="fake", **names):
    monkeypatch.chdir(folder)
    fake = FakeOtter()
    monkeypatch.setitem(sys.modules, "otter", fake.module if otter == "fake" else None)
    ns = {"__name__": "__main__", **names}
    exec(compile(setup_source(name), "<set-up cell>", "exec"), ns)
    return fake.paths, ns


def notebook_of(path, assignment, mtime):
    nb = nbformat.v4.new_notebook(metadata={"otter": {"assignment_name": assignment}})
    nbformat.write(nb, str(path))
    os.utime(path, (mtime, mtime))
    return path


@pytest.mark.parametrize("name", NAMES)
def test_every_master_gets_the_set_up_after_its_imports(name):
    src = setup_source(name)
    assert src.rstrip().endswith(CHECKER_SETUP.format(assignment=name).rstrip())
    assert src.index("import ") < src.index("import otter"), "the cell's own imports come first"
    assert src.count("otter.Notebook(") == 1 and f"{name}.ipynb" not in src
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src)])
    assert check_student_setup(nb, name, f"{name}.ipynb") == []


def test_jupyter_s_name_for_the_notebook_wins(tmp_path, monkeypatch):
    notebook_of(tmp_path / "hw2_likelihood.ipynb", "hw2_likelihood", 2_000_000_000)
    mine = notebook_of(tmp_path / "hw2 (1).ipynb", "hw2_likelihood", 1_000_000_000)
    paths, _ = run_setup("hw2_likelihood", monkeypatch, tmp_path, __session__=str(mine))
    assert paths == [str(mine)]


def test_without_a_name_it_takes_the_last_saved_notebook_of_this_homework(tmp_path, monkeypatch, capsys):
    notebook_of(tmp_path / "hw2_likelihood.ipynb", "hw2_likelihood", 1_000_000_000)
    notebook_of(tmp_path / "alice_hw2.ipynb", "hw2_likelihood", 1_500_000_000)
    notebook_of(tmp_path / "hw1_probabilities.ipynb", "hw1_probabilities", 2_000_000_000)  # newer, other homework
    (tmp_path / "broken.ipynb").write_text("{ not json")
    stale = str(tmp_path / "renamed since the kernel started.ipynb")
    paths, _ = run_setup("hw2_likelihood", monkeypatch, tmp_path, __session__=stale)
    assert paths == ["alice_hw2.ipynb"]
    assert "2 copies of hw2_likelihood" in capsys.readouterr().out


def test_a_folder_without_this_homework_passes_no_path(tmp_path, monkeypatch):
    notebook_of(tmp_path / "hw1_probabilities.ipynb", "hw1_probabilities", 1_000_000_000)
    paths, _ = run_setup("hw2_likelihood", monkeypatch, tmp_path)
    assert paths == [None]  # otter then looks for the notebook itself (the only .ipynb, if there is one)


def test_a_checker_that_cannot_start_says_so_and_keeps_the_data(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError, match=r"checker \(otter-grader\) did not start: ModuleNotFoundError") as err:
        run_setup("hw2_likelihood", monkeypatch, tmp_path, otter=None)
    assert "Run the set-up cells again" in str(err.value)
    # the cell's imports and data ran first, so answers still work ...
    ns = {"__name__": "__main__"}
    monkeypatch.setitem(sys.modules, "otter", None)
    with pytest.raises(RuntimeError):
        exec(setup_source("hw2_likelihood"), ns)
    assert ns["np"].__name__ == "numpy" and list(ns["t"]) == [2, 5, 2, 4, 2, 5]
    # ... and every check says why it cannot run, instead of a NameError
    with pytest.raises(RuntimeError, match="did not start") as check:
        ns["grader"].check("q1")
    assert str(check.value) == str(err.value)


def _nb(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_the_old_set_up_order_is_rewritten_imports_first():
    nb = _nb('import otter\ngrader = otter.Notebook("hw9.ipynb")\n\nimport numpy as np\nx = np.ones(2)', "x")
    install_checker(nb, "hw9")
    src = nb.cells[0].source
    assert src.startswith("import numpy as np\nx = np.ones(2)\n\n# The checker")
    assert '"hw9.ipynb"' not in src and check_student_setup(nb, "hw9", "hw9.ipynb") == []


@pytest.mark.parametrize(
    "sources",
    [
        ("import numpy as np",),  # no checker at all
        ("import otter\ngrader = otter.Notebook()", "grader = otter.Notebook()"),  # two
        ("grader = otter.Notebook()",),  # no import otter
    ],
)
def test_masters_without_exactly_one_checker_line_are_refused(sources):
    with pytest.raises(SetupError):
        install_checker(_nb(*sources), "hw9")


def test_the_built_notebook_check_can_fail():
    nb = _nb('import otter\ngrader = otter.Notebook("hw9.ipynb")\nimport numpy as np')
    problems = check_student_setup(nb, "hw9", "hw9.ipynb")
    assert any("appears in 0 cells" in p for p in problems) and any("hw9.ipynb" in p for p in problems)
    install_checker(nb, "hw9")
    nb.cells[0].source += "\nimport sympy"
    assert any("imports and data must come first" in p for p in check_student_setup(nb, "hw9", "hw9.ipynb"))
