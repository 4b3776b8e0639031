"""Build the homework: MyST masters in ``homework/`` -> student notebooks and otter-grader autograders.

Run it from the repository root in the homework environment (``make homework`` creates
``.venv-homework`` from ``requirements-homework.txt``)::

    python -m tools.homework build --out _build/homework            # every master
    python -m tools.homework build --out _build/homework hw2_likelihood
    python -m tools.homework check _build/homework                  # leak check only

For every master ``homework/<name>.md`` the build

1. converts the MyST Markdown to ``<name>.ipynb`` with jupytext, in a temporary folder, next to a
   ``requirements.txt`` for the grader (the numpy and sympy pins of the reader environment), and
   puts the checker set-up that works under any file name into the set-up cell
   (:mod:`tools.homework.setup_cell`);
2. runs ``otter assign`` on it (which also runs every test against the reference solutions);
3. copies the results into ``<out>/``::

       <out>/<name>/<name>.ipynb              the student notebook: hand this out
       <out>/<name>/<name>-autograder.zip     the autograder: Gradescope, `otter run -a`, `make grade`
       <out>/solutions/<name>.ipynb           reference solutions, for instructors only

4. checks the student notebook for leaked solutions (:func:`~tools.homework.leaks.find_leaks`) and
   both notebooks for the checker set-up, and fails if anything is wrong.

otter-grader is only ever run as a subprocess (``python -m otter``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .leaks import find_leaks
from .masters import HOMEWORK_DIR, REPO_ROOT, assignment_config, master_notebook, masters
from .setup_cell import SetupError, check_student_setup, install_checker

__all__ = [
    "GRADER_PACKAGES",
    "HomeworkBuildError",
    "BuiltHomework",
    "grader_requirements",
    "build_one",
    "build_all",
]

#: Packages the graded notebooks import; their pins are copied from requirements.txt into the
#: autograder's requirements (Gradescope installs them; `otter run` uses the current environment).
GRADER_PACKAGES = ("numpy", "sympy")


class HomeworkBuildError(RuntimeError):
    """A master could not be turned into a student notebook and an autograder."""


@dataclass(frozen=True)
class BuiltHomework:
    """Where one built homework's files went, and how long the build took."""

    name: str
    student_notebook: Path
    autograder_zip: Path
    solutions_notebook: Path
    seconds: float


def grader_requirements(requirements: Path = REPO_ROOT / "requirements.txt") -> str:
    """Return the ``requirements.txt`` for the autograder: the reader pins of :data:`GRADER_PACKAGES`."""
    lines = []
    for line in Path(requirements).read_text().splitlines():
        name = re.split(r"[=<>!~\[ ;]", line.strip(), maxsplit=1)[0].lower()
        if name in GRADER_PACKAGES:
            lines.append(line.strip())
    missing = set(GRADER_PACKAGES) - {re.split(r"[=<>!~]", x)[0].lower() for x in lines}
    if missing:
        raise HomeworkBuildError(f"{requirements} pins none of {sorted(missing)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- build


def _otter(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the otter CLI of this interpreter's environment (``python -m otter``)."""
    return subprocess.run(
        [sys.executable, "-m", "otter", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def build_one(master: Path, out: Path, *, run_tests: bool = True, check: bool = True) -> BuiltHomework:
    """Build one master into ``out`` (see the module docstring); return where the files went.

    ``run_tests=False`` skips otter's check of the tests against the reference solutions (faster,
    for experiments only). ``check=False`` skips the leak check (for the tests of the checker).
    """
    import nbformat  # installed with jupytext

    master = Path(master)
    name = master.stem
    out = Path(out)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as tmp:
        tmp = Path(tmp)
        nb = master_notebook(master)
        config = assignment_config(nb)
        if config.get("init_cell", True) is not False or config.get("runs_on", "default") != "default":
            raise HomeworkBuildError(
                f"{master}: set 'init_cell: false' (and no 'runs_on') in the ASSIGNMENT CONFIG cell; "
                "the build writes the checker set-up itself, one that works under any file name"
            )
        try:
            install_checker(nb, str(config.get("name", name)))
        except SetupError as err:
            raise HomeworkBuildError(f"{master}: {err}") from None
        nbformat.write(nb, str(tmp / f"{name}.ipynb"))
        (tmp / "requirements.txt").write_text(grader_requirements())
        args = ["assign", "--no-pdfs", f"{name}.ipynb", "dist"]
        if not run_tests:
            args.insert(1, "--no-run-tests")
        proc = _otter(*args, cwd=tmp)
        if proc.returncode != 0:
            raise HomeworkBuildError(
                f"otter assign failed for {master} (exit {proc.returncode}):\n"
                f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
            )
        dist = tmp / "dist"
        student_src = dist / "student" / f"{name}.ipynb"
        solution_src = dist / "autograder" / f"{name}.ipynb"
        zips = sorted((dist / "autograder").glob(f"{name}-autograder_*.zip"))
        if not student_src.exists() or not solution_src.exists() or len(zips) != 1:
            raise HomeworkBuildError(
                f"otter assign did not produce the expected files for {master}: "
                f"{sorted(str(p.relative_to(dist)) for p in dist.rglob('*'))}"
            )
        target = out / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        (out / "solutions").mkdir(parents=True, exist_ok=True)
        student = shutil.copy2(student_src, target / f"{name}.ipynb")
        autograder = shutil.copy2(zips[0], target / f"{name}-autograder.zip")
        solutions = shutil.copy2(solution_src, out / "solutions" / f"{name}.ipynb")
    built = BuiltHomework(
        name, Path(student), Path(autograder), Path(solutions), time.perf_counter() - start
    )
    for notebook in (built.student_notebook, built.solutions_notebook):
        problems = check_student_setup(
            nbformat.read(str(notebook), as_version=4), str(config.get("name", name)), f"{name}.ipynb"
        )
        if problems:
            raise HomeworkBuildError(f"{notebook}: " + "; ".join(problems))
    if check:
        leaks = find_leaks(master, built.student_notebook)
        if leaks:
            raise HomeworkBuildError(
                f"the student notebook {built.student_notebook} leaks the solution:\n  "
                + "\n  ".join(leaks)
            )
    return built


def build_all(out: Path, names: list[str] | None = None, **kwargs) -> list[BuiltHomework]:
    """Build every master (or only those named) into ``out``; return what was built."""
    found = masters()
    if names:
        by_name = {m.stem: m for m in found}
        by_name.update({n: Path(n) for n in names if n.endswith(".md") and Path(n).is_file()})
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise HomeworkBuildError(f"no master homework/<name>.md for {unknown}; have {sorted(by_name)}")
        found = [by_name[n] for n in names]
    if not found:
        raise HomeworkBuildError(f"no homework masters (hw*.md) in {HOMEWORK_DIR}")
    return [build_one(m, out, **kwargs) for m in found]


