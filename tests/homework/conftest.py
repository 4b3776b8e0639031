"""Shared fixtures of the homework tests: the homework environment, one build per session, grading.

Every otter command runs with the homework environment, .venv-homework (``make test`` creates it from
requirements-homework.txt). Every master is built once per session, and the built autograders are
reused by every grading test.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HW_VENV = REPO / ".venv-homework"
HW_PYTHON = HW_VENV / "bin" / "python"
OTTER = HW_VENV / "bin" / "otter"


def require_homework_venv() -> None:
    if not OTTER.exists() or not HW_PYTHON.exists():
        pytest.fail(
            f"{OTTER} is missing: the homework tests need the homework environment. Create it with "
            "`make test-env` (or: python3 -m venv .venv-homework && "
            ".venv-homework/bin/pip install -r requirements-homework.txt)"
        )


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("cwd", REPO)
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)


def files(built: Path, name: str) -> tuple[Path, Path, Path]:
    """The student notebook, the autograder zip and the reference solutions of one built homework."""
    return (
        built / name / f"{name}.ipynb",
        built / name / f"{name}-autograder.zip",
        built / "solutions" / f"{name}.ipynb",
    )


_CELL = re.compile(r"^```\{(raw-cell|code-cell)\}[^\n]*\n(.*?)^```$", re.M | re.S)


def master_questions(name: str) -> dict[str, dict]:
    """Read a master's questions straight from its MyST source (independently of the build tool).

    Returns ``{question: {"points": [one value per test], "manual": bool, "tests": [test sources]}}``;
    a question's points are listed in the order of its tests (public first, then hidden).
    """
    text = (REPO / "homework" / f"{name}.md").read_text()
    cells = [(m.group(1), m.group(2)) for m in _CELL.finditer(text)]
    questions: dict[str, dict] = {}
    current, in_tests = None, False
    for kind, body in cells:
        first = body.lstrip().splitlines()[0] if body.strip() else ""
        if kind == "raw-cell" and first.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(body.split("\n", 1)[1])
            points = config.get("points", [])
            current = config["name"]
            questions[current] = {
                "points": [float(p) for p in points] if isinstance(points, list) else [float(points)],
                "manual": bool(config.get("manual", False)),
                "tests": [],
            }
        elif kind == "raw-cell" and first.startswith("# BEGIN TESTS"):
            in_tests = True
        elif kind == "raw-cell" and first.startswith("# END TESTS"):
            in_tests = False
        elif kind == "code-cell" and in_tests and current:
            questions[current]["tests"].append(body)
    return questions


def autograded_points(name: str) -> dict[str, float]:
    """``{question: points}`` of a master's autograded questions, from its own point values."""
    out = {}
    for q, info in master_questions(name).items():
        if info["manual"]:
            continue
        assert len(info["points"]) == len(info["tests"]), f"{name} {q}: one point value per test"
        out[q] = sum(info["points"])
    return out


def otter_run(autograder: Path, notebook: Path, out: Path) -> tuple[dict[str, tuple[float, float]], float]:
    """Grade one notebook with `otter run`; return ``{question: (score, max_score)}`` and the seconds it took."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    proc = run([OTTER, "run", "--no-logo", "-a", autograder, "-o", out, notebook], timeout=600)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, f"otter run crashed on {notebook.name}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    results = json.loads((out / "results.json").read_text())
    scores = {
        t["name"]: (float(t["score"]), float(t["max_score"]))
        for t in results["tests"]
        if t.get("max_score") is not None
    }
    return scores, seconds


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build every master once, with the homework environment's interpreter."""
    require_homework_venv()
    out = tmp_path_factory.mktemp("homework")
    proc = run([HW_PYTHON, "-m", "tools.homework", "build", "--out", out], timeout=900)
    assert proc.returncode == 0, f"the homework build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.fixture(scope="session")
def renamed_reference_runs(built, tmp_path_factory):
    """Grade each homework's reference solutions saved under another file name (once per session, on demand)."""
    cache: dict[str, tuple[dict, float]] = {}

    def grade(name: str):
        if name not in cache:
            _, autograder, solutions = files(built, name)
            folder = tmp_path_factory.mktemp(f"{name}-renamed")
            renamed = folder / f"Jane Doe - {name} (1).ipynb"
            renamed.write_bytes(solutions.read_bytes())
            cache[name] = otter_run(autograder, renamed, folder / "graded")
        return cache[name]

    return grade
