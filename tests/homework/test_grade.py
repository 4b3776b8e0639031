"""`make grade`: a folder of submissions -> one CSV row each, without Docker (tools.homework.grade).

One folder of homework 2 holds what a teacher really gets: the reference solutions under a student's
file name, an untouched notebook, a wrong answer, a cell that raises, an endless loop, the zip file
the last cell writes (made by running a renamed notebook in a fresh kernel, as a student would, in
a folder that holds a second copy of the homework), and another homework's notebook handed in by
mistake. The expected scores come from the master's own point values.
"""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import nbformat
import pytest

from .conftest import HW_PYTHON, autograded_points, files, master_questions, require_homework_venv, run

pytestmark = pytest.mark.slow

NAME = "hw2_likelihood"
#: a wrong answer (q3 asks which p makes the tosses more probable) and the cell that will raise (q4)
WRONG = ("more_likely = 0.7 if L_seven > L_half else 0.5", "more_likely = 0.5")
CRASH = "L_candidates = np.array("

STUDENT_RUN = r"""
import os, sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
os.environ.pop("JPY_SESSION_NAME", None)  # as in a kernel that cannot tell its notebook's name
NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
               resources={"metadata": {"path": os.path.dirname(path)}}).execute()
nbformat.write(nb, sys.argv[2])
"""


def _edit(solutions: Path, target: Path, old: str, new: str) -> None:
    nb = nbformat.read(solutions, as_version=4)
    hits = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
    assert len(hits) == 1, f"the reference solution of {NAME} changed ({old!r}); update this test"
    hits[0].source = hits[0].source.replace(old, new)
    nbformat.write(nb, target)


@pytest.fixture(scope="session")
def student_zip(built, tmp_path_factory) -> tuple[Path, Path]:
    """Run the reference answers, saved as 'my hw2.ipynb', in a fresh kernel, last cell included, in a
    folder that also holds the untouched 'hw2_likelihood.ipynb': the zip the student hands in."""
    require_homework_venv()
    student, _, solutions = files(built, NAME)
    folder = tmp_path_factory.mktemp("student")
    (folder / f"{NAME}.ipynb").write_bytes(student.read_bytes())
    os.utime(folder / f"{NAME}.ipynb", (1_600_000_000, 1_600_000_000))  # downloaded first, never saved
    mine = folder / "my hw2.ipynb"
    mine.write_bytes(solutions.read_bytes())
    executed = folder.parent / f"{folder.name}-executed.ipynb"
    proc = run([HW_PYTHON, "-c", STUDENT_RUN, mine, executed], timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    zips = sorted(folder.glob("my hw2_*.zip"))
    assert len(zips) == 1, f"the last cell wrote no zip file (or several): {sorted(p.name for p in folder.iterdir())}"
    return zips[0], executed


def test_a_renamed_notebook_checks_and_exports_itself(student_zip):
    zip_path, executed = student_zip
    nb = nbformat.read(executed, as_version=4)
    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == [], "the reference answers raised in the student's kernel"
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert checks, "no check cells"
    for c in checks:
        text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in c.outputs)
        assert "passed" in text, f"{c.source}: {text[:300]}"
    with zipfile.ZipFile(zip_path) as zf:
        assert "my hw2.ipynb" in zf.namelist(), "the zip must hold the notebook the student worked in"


@pytest.fixture(scope="session")
def graded_folder(built, renamed_reference_runs, student_zip, tmp_path_factory):
    """Run `make grade` once over the folder of submissions; return the CSV rows, stdout, time limit."""
    require_homework_venv()
    student, autograder, solutions = files(built, NAME)
    folder = tmp_path_factory.mktemp("submissions")
    (folder / f"Jane Doe - {NAME} (1).ipynb").write_bytes(solutions.read_bytes())
    (folder / "blank.ipynb").write_bytes(student.read_bytes())
    _edit(solutions, folder / "wrong-answer.ipynb", *WRONG)
    _edit(solutions, folder / "crashing-cell.ipynb", CRASH, 'raise RuntimeError("a bug")\n' + CRASH)
    nb = nbformat.read(solutions, as_version=4)
    setup = next(i for i, c in enumerate(nb.cells) if "otter.Notebook(" in c.source)
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(nb, folder / "endless-loop.ipynb")
    (folder / "zips").mkdir()
    (folder / "zips" / student_zip[0].name).write_bytes(student_zip[0].read_bytes())
    (folder / "hw1 by mistake.ipynb").write_bytes(files(built, "hw1_probabilities")[0].read_bytes())
    # the time limit: three times what a full submission took here, so a busy machine does not time it out
    _, seconds = renamed_reference_runs(NAME)
    limit = max(30, round(3 * seconds))
    out = tmp_path_factory.mktemp("grades")
    proc = run(
        ["make", "-s", "grade", f"HW={NAME}", f"SUBMISSIONS={folder}", f"GRADES={out}",
         f"AUTOGRADER={autograder}", f"TIME_LIMIT={limit}"],
        timeout=600,
    )
    assert proc.returncode == 0, f"make grade failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    with open(out / "grades.csv", newline="") as f:
        rows = {row["submission"]: row for row in csv.DictReader(f)}
    return rows, proc.stdout, limit, out


def _scores(row, questions):
    return {q: float(row[q]) for q in questions}


def test_the_csv_has_one_row_per_submission_and_a_column_per_question(graded_folder):
    rows, stdout, _, _ = graded_folder
    points = autograded_points(NAME)
    names = sorted(rows)
    assert names == sorted([
        f"Jane Doe - {NAME} (1).ipynb", "blank.ipynb", "wrong-answer.ipynb", "crashing-cell.ipynb",
        "endless-loop.ipynb", "hw1 by mistake.ipynb", next(n for n in names if n.startswith("zips/my hw2_")),
    ])
    assert list(next(iter(rows.values()))) == ["submission", *points, "total", "status"]
    progress = [line for line in stdout.splitlines() if line.startswith("[")]
    assert len(progress) == len(rows) and all(f"/{len(rows)}] " in line for line in progress), stdout


def test_full_marks_for_the_renamed_reference_and_the_exported_zip(graded_folder):
    rows, _, _, _ = graded_folder
    points = autograded_points(NAME)
    for name, row in rows.items():
        if name.startswith("Jane Doe") or name.startswith("zips/"):
            assert row["status"] == "graded" and _scores(row, points) == points, row
            assert float(row["total"]) == sum(points.values())


def test_zero_for_the_blank_notebook(graded_folder):
    row = graded_folder[0]["blank.ipynb"]
    points = autograded_points(NAME)
    assert row["status"] == "graded" and _scores(row, points) == dict.fromkeys(points, 0.0) and float(row["total"]) == 0


def test_a_wrong_answer_loses_the_points_of_the_tests_that_check_it(graded_folder):
    row = graded_folder[0]["wrong-answer.ipynb"]
    points = autograded_points(NAME)
    q3 = master_questions(NAME)["q3"]
    variable = WRONG[1].split(" = ")[0]
    kept = sum(p for p, test in zip(q3["points"], q3["tests"]) if variable not in test)
    assert 0 < kept < points["q3"], "the wrong answer must cost some of q3's points, not all"
    expected = {**points, "q3": kept}
    assert row["status"] == "graded" and _scores(row, points) == expected, row
    assert float(row["total"]) == sum(expected.values())


def test_a_cell_that_raises_costs_its_question_and_the_rest_is_graded(graded_folder):
    row = graded_folder[0]["crashing-cell.ipynb"]
    points = autograded_points(NAME)
    q4 = master_questions(NAME)["q4"]
    assert all("L_candidates" in t or "best" in t for t in q4["tests"]), "every q4 test needs the crashed cell"
    expected = {**points, "q4": 0.0}
    assert row["status"] == "graded" and _scores(row, points) == expected, row
    assert float(row["total"]) == sum(expected.values())


def test_an_endless_loop_is_stopped_at_the_time_limit(graded_folder):
    rows, stdout, limit, out = graded_folder
    row = rows["endless-loop.ipynb"]
    assert row["status"] == f"timed out after {limit:g} s"
    assert all(row[q] == "" for q in autograded_points(NAME)) and row["total"] == ""
    assert f"endless-loop.ipynb: not graded, timed out after {limit:g} s" in stdout
    # the looping kernel was stopped too: no process is left working in the grading folder
    import psutil

    left = [p.info for p in psutil.process_iter(["pid", "cmdline", "cwd"]) if str(out) in (p.info["cwd"] or "")]
    assert left == [], left


def test_a_notebook_of_another_homework_gets_its_row_and_the_reason(graded_folder):
    row = graded_folder[0]["hw1 by mistake.ipynb"]
    assert row["status"].startswith("otter could not grade it: ") and "hw1_probabilities" in row["status"], row
    assert row["total"] == ""
