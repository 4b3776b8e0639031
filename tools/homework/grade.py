"""Grade a folder of submissions with a homework's autograder, without Docker (``make grade``).

Every notebook (``*.ipynb``) and every zip file (the one the notebook's last cell writes) found in
the folder, its subfolders included, is graded by its own ``otter run`` process, which executes the
submission in a fresh kernel and runs the public and hidden tests. A submission gets a time limit;
when it runs over, its process and kernel are stopped. The result is one CSV::

    submission,q1,q2,q3,q4,total,status
    alice.ipynb,3.0,3.0,3.0,3.0,12.0,graded
    bob.ipynb,,,,,,timed out after 120 s

A submission that times out or that otter cannot grade gets its row with the reason in ``status``
(and empty scores), and the run goes on. otter's log and ``results.json`` of every submission are
kept next to the CSV. Student code runs in this environment, with your permissions: only grade
submissions you trust.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Result", "autograder_points", "find_submissions", "grade_one", "grade_folder", "write_csv"]

SUBMISSION_SUFFIXES = (".ipynb", ".zip")


@dataclass
class Result:
    """The grade of one submission: points per question, or why there are none."""

    submission: str
    scores: dict[str, float] = field(default_factory=dict)
    status: str = "graded"
    seconds: float = 0.0

    @property
    def total(self) -> float | None:
        return sum(self.scores.values()) if self.status == "graded" else None


def _question_key(name: str):
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name)]


def autograder_points(autograder: Path) -> dict[str, float | None]:
    """Return ``{question: points}`` from the test files in an autograder zip, in question order.

    The points are ``None`` where a test file gives none (otter then decides per test).
    """
    points: dict[str, float | None] = {}
    with zipfile.ZipFile(autograder) as zf:
        for info in zf.infolist():
            if not re.fullmatch(r"tests/[^/]+\.py", info.filename):
                continue
            tree = ast.parse(zf.read(info).decode("utf-8"))
            for node in tree.body:
                if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "test" for t in node.targets):
                    test = ast.literal_eval(node.value)
                    value = test.get("points")
                    total = sum(value) if isinstance(value, list) else value
                    points[str(test["name"])] = None if total is None else float(total)
    if not points:
        raise ValueError(f"{autograder} holds no tests/*.py: is it an otter autograder zip?")
    return dict(sorted(points.items(), key=lambda kv: _question_key(kv[0])))


def find_submissions(folder: Path) -> list[Path]:
    """Return the notebooks and zip files in ``folder`` and its subfolders (not hidden ones), sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUBMISSION_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process and everything it started (the kernel runs in a session of its own)."""
    try:
        import psutil  # installed with ipykernel

        family = psutil.Process(proc.pid).children(recursive=True)
    except Exception:
        family = []
    for p in family:
        try:
            p.kill()
        except Exception:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _failure_reason(work: Path, log: str) -> str:
    """The clearest reason otter gave for not grading a submission."""
    results = work / "results.json"
    if results.exists():
        try:
            for test in json.loads(results.read_text()).get("tests", []):
                if test.get("name") == "Autograder Error":
                    lines = [x for x in test.get("output", "").splitlines() if x.strip()]
                    return "otter could not grade it: " + (lines[-1] if lines else "unknown error")
        except ValueError:
            pass
    lines = [x.strip() for x in log.splitlines() if x.strip()]
    errors = [x for x in lines if re.match(r"^[\w.]*(Error|Exception|Exit)\b", x)]
    return "otter could not grade it: " + (errors[-1] if errors else lines[-1] if lines else "no output")


def grade_one(submission: Path, autograder: Path, work: Path, *, time_limit: float, label: str | None = None) -> Result:
    """Grade one submission with ``otter run`` in a process of its own; never raise for a bad submission.

    ``work`` receives otter's log (``otter.log``) and ``results.json``.
    """
    label = label or Path(submission).name
    if work.exists():
        shutil.rmtree(work)
    scratch = work / "tmp"  # otter's temporary copy of the autograder: removed even after a timeout
    scratch.mkdir(parents=True)
    cmd = [sys.executable, "-m", "otter", "run", "--no-logo", "-a", str(autograder), "-o", str(work), str(submission)]
    env = {**os.environ, "TMPDIR": str(scratch), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    start = time.perf_counter()
    with open(work / "otter.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        try:
            proc.wait(timeout=time_limit)
        except subprocess.TimeoutExpired:
            _stop(proc)
            shutil.rmtree(scratch, ignore_errors=True)
            return Result(label, status=f"timed out after {time_limit:g} s", seconds=time.perf_counter() - start)
        except BaseException:  # Ctrl-C: the grader runs in a session of its own, so stop it here
            _stop(proc)
            raise
    seconds = time.perf_counter() - start
    shutil.rmtree(scratch, ignore_errors=True)
    text = (work / "otter.log").read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0 or not (work / "results.json").exists():
        return Result(label, status=_failure_reason(work, text), seconds=seconds)
    tests = json.loads((work / "results.json").read_text()).get("tests", [])
    scores = {str(t["name"]): float(t["score"]) for t in tests if t.get("max_score") is not None}
    return Result(label, scores=scores, seconds=seconds)


def write_csv(results: list[Result], questions: list[str], path: Path) -> None:
    """Write one row per submission: its name, the points of every question, the total and the status."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", *questions, "total", "status"])
        for r in results:
            graded = r.status == "graded"
            cells = [(f"{r.scores[q]:g}" if q in r.scores else ("0" if graded else "")) for q in questions]
            writer.writerow([r.submission, *cells, f"{r.total:g}" if graded else "", r.status])


def grade_folder(
    folder: Path, autograder: Path, out: Path, *, time_limit: float = 120, echo=print
) -> tuple[list[Result], Path]:
    """Grade every submission in ``folder``; write ``out/grades.csv``; return the results and its path."""
    folder, autograder, out = Path(folder), Path(autograder).resolve(), Path(out)
    points = autograder_points(autograder)
    questions = list(points)
    submissions = find_submissions(folder)
    if not submissions:
        raise ValueError(f"no notebooks (.ipynb) or zip files in {folder}")
    possible = sum(p for p in points.values() if p is not None)
    echo(
        f"Grading {len(submissions)} submissions in {folder} with {autograder.name} "
        f"({', '.join(questions)}; {possible:g} points), at most {time_limit:g} s each"
    )
    results = []
    width = len(str(len(submissions)))
    for i, submission in enumerate(submissions, 1):
        label = submission.relative_to(folder).as_posix()
        work = out / "submissions" / f"{i:0{width}d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', submission.stem)}"
        r = grade_one(submission.resolve(), autograder, work, time_limit=time_limit, label=label)
        results.append(r)
        outcome = f"{r.total:g} / {possible:g}" if r.status == "graded" else f"not graded, {r.status}"
        echo(f"[{i:>{width}}/{len(submissions)}] {label}: {outcome} ({r.seconds:.1f} s)")
    csv_path = out / "grades.csv"
    write_csv(results, questions, csv_path)
    bad = sum(r.status != "graded" for r in results)
    echo(f"Wrote {csv_path}: {len(results) - bad} graded, {bad} not graded (see the status column)")
    return results, csv_path
