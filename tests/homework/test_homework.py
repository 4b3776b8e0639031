"""Guard rails for the homework (homework/*.md -> otter-grader student notebooks and autograders).

The otter commands run with the homework environment, .venv-homework (``make test`` creates it from
requirements-homework.txt): the build as ``.venv-homework/bin/python -m loaded_dice.homework``,
grading as ``.venv-homework/bin/otter run``. Everything is built once per session; every grading
run is one ``otter run`` (about 6 s), and the wrong-answer and crashing-code cases share one
submission, so the module stays around two minutes on two cores.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import nbformat
import pytest

from loaded_dice.homework import find_leaks, masters, secrets_of_master

REPO = Path(__file__).resolve().parents[2]
HW_VENV = REPO / ".venv-homework"
HW_PYTHON = HW_VENV / "bin" / "python"
OTTER = HW_VENV / "bin" / "otter"
MASTERS = masters(REPO / "homework")
NAMES = [m.stem for m in MASTERS]

pytestmark = pytest.mark.slow


def _require_homework_venv() -> None:
    if not OTTER.exists() or not HW_PYTHON.exists():
        pytest.fail(
            f"{OTTER} is missing: the homework tests need the homework environment. Create it with "
            "`make test-env` (or: python3 -m venv .venv-homework && "
            ".venv-homework/bin/pip install -r requirements-homework.txt)"
        )


def _run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=REPO, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build every master once, with the homework environment's interpreter."""
    _require_homework_venv()
    out = tmp_path_factory.mktemp("homework")
    proc = _run([HW_PYTHON, "-m", "loaded_dice.homework", "build", "--out", out], timeout=600)
    assert proc.returncode == 0, f"the homework build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


def grade(autograder: Path, notebook: Path, out: Path) -> dict[str, tuple[float, float]]:
    """Grade one notebook with `otter run`; return ``{question: (score, max_score)}``."""
    out.mkdir(parents=True, exist_ok=True)
    proc = _run([OTTER, "run", "--no-logo", "-a", autograder, "-o", out, notebook], timeout=300)
    assert proc.returncode == 0, f"otter run crashed on {notebook.name}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    results = json.loads((out / "results.json").read_text())
    return {
        t["name"]: (float(t["score"]), float(t["max_score"]))
        for t in results["tests"]
        if t.get("max_score") is not None
    }


def _files(built: Path, name: str) -> tuple[Path, Path, Path]:
    return (
        built / name / f"{name}.ipynb",
        built / name / f"{name}-autograder.zip",
        built / "solutions" / f"{name}.ipynb",
    )


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
    """Even where otter-grader is installed, importing the package (and the build module) leaves it alone."""
    _require_homework_venv()
    code = "import sys, loaded_dice, loaded_dice.homework; assert 'otter' not in sys.modules; print('ok')"
    proc = _run([HW_PYTHON, "-c", code])
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr


@pytest.mark.parametrize("name", NAMES)
def test_build_produces_student_notebook_and_autograder(built, name):
    student, autograder, solutions = _files(built, name)
    for path in (student, autograder, solutions):
        assert path.is_file(), f"{path} was not built"
    nb = nbformat.read(student, as_version=4)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) >= 3, f"{name}: expected a grader.check cell per autograded question"
    assert any("written answer, graded by hand" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_holds_no_solution(built, name):
    student, _, _ = _files(built, name)
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
    student, _, _ = _files(built, name)
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
    grader = otter.Notebook("leaky.ipynb")
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
    _require_homework_venv()
    master = tmp_path / "leaky.md"
    master.write_text(LEAKY_MASTER)
    out = tmp_path / "out"
    proc = _run([HW_PYTHON, "-m", "loaded_dice.homework", "build", "--no-run-tests", "--out", out, master])
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
def test_reference_solutions_score_full_marks(built, name, tmp_path):
    _, autograder, solutions = _files(built, name)
    scores = grade(autograder, solutions, tmp_path / "graded")
    assert scores, "no autograded questions in the results"
    short = {q: s for q, s in scores.items() if s[0] != s[1]}
    assert not short, f"{name}: the reference solutions lose points: {short}"


@pytest.mark.parametrize("name", NAMES)
def test_untouched_student_notebook_scores_zero(built, name, tmp_path):
    student, autograder, _ = _files(built, name)
    scores = grade(autograder, student, tmp_path / "graded")
    assert scores and all(mx > 0 for _, mx in scores.values())
    earned = {q: s for q, s in scores.items() if s[0] != 0}
    assert not earned, f"{name}: a blank notebook earns points: {earned}"


@pytest.fixture(scope="session")
def flawed_submission_scores(built, tmp_path_factory) -> dict[str, tuple[float, float]]:
    """Homework 4's reference solutions with one wrong answer (q4) and one crashing cell (q3)."""
    _require_homework_venv()
    name = "hw4_log_likelihood"
    _, autograder, solutions = _files(built, name)
    nb = nbformat.read(solutions, as_version=4)
    wrong = "avg_freq_10x = log_likelihood(t / t.sum(), 10 * t) / (10 * t.sum())"
    crash = "log_L_expanded = sp.expand_log("
    hits = {wrong: 0, crash: 0}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if wrong in cell.source:  # forgot that there are ten times as many rolls
            cell.source = cell.source.replace(wrong, "avg_freq_10x = log_likelihood(t / t.sum(), 10 * t) / t.sum()")
            hits[wrong] += 1
        if crash in cell.source:
            cell.source = 'raise RuntimeError("a bug in the student\'s code")\n' + cell.source
            hits[crash] += 1
    assert hits == {wrong: 1, crash: 1}, f"the reference solution changed; update this test: {hits}"
    tmp = tmp_path_factory.mktemp("flawed")
    submission = tmp / f"{name}.ipynb"
    nbformat.write(nb, submission)
    return grade(autograder, submission, tmp / "graded")


def test_wrong_answer_gets_the_expected_partial_score(flawed_submission_scores):
    scores = flawed_submission_scores
    # q4: the public test and the first hidden test pass (0.5 + 1), the scale test fails (1)
    assert scores["q4"] == (1.5, 2.5), scores
    assert scores["q1"] == (2.5, 2.5) and scores["q2"] == (3.0, 3.0), scores


def test_code_that_raises_is_still_graded(flawed_submission_scores):
    scores = flawed_submission_scores
    assert scores["q3"] == (0.0, 2.0), scores  # the crashing cell defines nothing: its tests fail
    total = sum(s for s, _ in scores.values())
    assert total == 7.0, scores  # and every other question after it is still scored
