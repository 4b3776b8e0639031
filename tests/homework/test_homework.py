"""Guard rails for the homework (homework/*.md -> otter-grader student notebooks and autograders).

The build runs as ``.venv-homework/bin/python -m tools.homework``, grading as
``.venv-homework/bin/otter run`` (fixtures in conftest.py). Every master is built once per session;
every grading run is one ``otter run`` of a notebook saved under another file name than the one the
homework hands out, as students' files so often are.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest

from tools.homework import find_leaks, masters, secrets_of_master

from .conftest import HW_PYTHON, REPO, autograded_points, files, otter_run, require_homework_venv, run

MASTERS = masters(REPO / "homework")
NAMES = [m.stem for m in MASTERS]

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- build and leaks


def test_there_is_a_master_per_chapter_group():
    assert NAMES == [
        "hw1_probabilities",
        "hw2_likelihood",
        "hw3_mle",
        "hw4_log_likelihood",
        "hw5_cross_entropy",
        "hw6_uncertainty",
    ]


def test_importing_the_package_does_not_import_otter():
    """Even where otter-grader is installed, importing the package (and the build tool) leaves it alone."""
    require_homework_venv()
    code = "import sys, loaded_dice, tools.homework; assert 'otter' not in sys.modules; print('ok')"
    proc = run([HW_PYTHON, "-c", code])
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr


@pytest.mark.parametrize("name", NAMES)
def test_build_produces_student_notebook_and_autograder(built, name):
    student, autograder, solutions = files(built, name)
    for path in (student, autograder, solutions):
        assert path.is_file(), f"{path} was not built"
    nb = nbformat.read(student, as_version=4)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) >= 3, f"{name}: expected a grader.check cell per autograded question"
    assert any("written answer, graded by hand" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_holds_no_solution(built, name):
    student, _, _ = files(built, name)
    assert find_leaks(REPO / "homework" / f"{name}.md", student) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_master_declares_reference_values(name):
    """The leak check compares reference *values* too, not only code: each master lists some."""
    secrets = secrets_of_master(REPO / "homework" / f"{name}.md")
    kinds = {where.split(": ", 1)[1] for _, where in secrets}
    assert {"solution code", "hidden test", "written solution"} <= kinds, kinds
    assert "answer key" in kinds, f"{name} has no answer-key cell"


def test_leak_checker_flags_injected_solution_and_values(built):
    """The checker itself: a student notebook with a solution line and a reference value fails."""
    name = "hw2_likelihood"
    student, _, _ = files(built, name)
    nb = nbformat.read(student, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("L_freq   =  likelihood(y_freq, t)\n"))
    nb.cells.append(nbformat.v4.new_markdown_cell("Hint: the ratio is about 5.58."))
    leaky = built / "leaky-injected.ipynb"
    nbformat.write(nb, leaky)
    leaks = find_leaks(REPO / "homework" / f"{name}.md", leaky)
    assert any("L_freq = likelihood(y_freq, t)" in x for x in leaks), leaks
    assert any("'5.58'" in x for x in leaks), leaks
    # but a longer number that merely contains the value is not a leak
    nb.cells[-1] = nbformat.v4.new_markdown_cell("Unrelated: 15.581 and 5.589.")
    nb.cells.pop(-2)
    nbformat.write(nb, leaky)
    assert find_leaks(REPO / "homework" / f"{name}.md", leaky) == []


LEAKY_MASTER = textwrap.dedent(
    '''\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
    kernelspec:
      name: python3
      display_name: Python 3
      language: python
    ---

    ```{raw-cell}
    # ASSIGNMENT CONFIG
    name: leaky
    init_cell: false
    export_cell: false
    generate: true
    ```

    ```{code-cell} ipython3
    import otter
    grader = otter.Notebook()
    ```

    ```{raw-cell}
    # BEGIN QUESTION
    name: q1
    ```

    Compute the number of rolls.

    ```{code-cell} ipython3
    n_rolls = 2 + 5 + 2 + 4 + 2 + 5  # SOLUTION
    ```

    ```{raw-cell}
    # BEGIN SOLUTION
    ```

    ```{code-cell} ipython3
    mean_face = (1*2 + 2*5 + 3*2 + 4*4 + 5*2 + 6*5) / n_rolls
    ```

    ```{raw-cell}
    # END SOLUTION
    ```

    ```{raw-cell}
    # BEGIN TESTS
    ```

    ```{code-cell} ipython3
    # HIDDEN
    assert n_rolls == 20 and abs(mean_face - 3.7) < 1e-12
    ```

    ```{raw-cell}
    # END TESTS
    ```

    ```{raw-cell}
    # END QUESTION
    ```
    '''
)


def test_build_refuses_a_master_that_otter_leaks_silently(tmp_path):
    """otter assign strips '# SOLUTION' lines only inside a solution block, and keeps unmarked lines
    of a solution cell: both reach the student without a warning. The build must refuse."""
    require_homework_venv()
    master = tmp_path / "leaky.md"
    master.write_text(LEAKY_MASTER)
    out = tmp_path / "out"
    proc = run([HW_PYTHON, "-m", "tools.homework", "build", "--no-run-tests", "--out", out, master])
    assert proc.returncode != 0, f"the build accepted a leaky master:\n{proc.stdout}\n{proc.stderr}"
    assert "leaks the solution" in proc.stderr
    # otter really did leave both lines in the student notebook (the checker is not imagining it) ...
    student = out / "leaky" / "leaky.ipynb"
    text = "\n".join(c.source for c in nbformat.read(student, as_version=4).cells)
    assert "n_rolls = 2 + 5 + 2 + 4 + 2 + 5" in text and "mean_face = (1*2" in text
    # ... and the checker names both
    leaks = find_leaks(master, student)
    assert any("inline '# SOLUTION' line" in x for x in leaks), leaks
    assert any("unmarked line in a solution cell" in x and "mean_face" in x for x in leaks), leaks


# --------------------------------------------------------------------------- grading


@pytest.mark.parametrize("name", NAMES)
def test_reference_solutions_under_another_file_name_score_full_marks(renamed_reference_runs, name):
    """The reference solutions saved as 'Jane Doe - <name> (1).ipynb' earn every point the master lists."""
    scores, _ = renamed_reference_runs(name)
    expected = autograded_points(name)
    assert expected, f"{name} has no autograded question"
    assert {q: mx for q, (_, mx) in scores.items()} == expected, "the autograder's questions or points"
    assert {q: s for q, (s, _) in scores.items()} == expected, f"{name}: the reference solutions lose points"


@pytest.mark.parametrize("name", NAMES)
def test_untouched_student_notebook_under_another_file_name_scores_zero(built, name, tmp_path):
    student, autograder, _ = files(built, name)
    renamed = tmp_path / f"{name}_alice.ipynb"
    renamed.write_bytes(student.read_bytes())
    scores, _ = otter_run(autograder, renamed, tmp_path / "graded")
    assert {q: mx for q, (_, mx) in scores.items()} == autograded_points(name)
    earned = {q: s for q, (s, _) in scores.items() if s != 0}
    assert not earned, f"{name}: a blank notebook earns points: {earned}"


@pytest.mark.parametrize("name", NAMES)
def test_no_built_notebook_names_its_own_file(built, name):
    """No code cell of the student or reference notebook depends on the file's name."""
    for notebook in files(built, name)[::2]:
        nb = nbformat.read(notebook, as_version=4)
        named = [c.source for c in nb.cells if c.cell_type == "code" and f"{name}.ipynb" in c.source]
        assert named == [], f"{notebook} names its own file in code"
        assert sum("otter.Notebook(" in c.source for c in nb.cells if c.cell_type == "code") == 1
