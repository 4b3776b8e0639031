"""Build the homework: MyST masters in ``homework/`` -> student notebooks and otter-grader autograders.

Run it in the homework environment (``make homework`` creates ``.venv-homework`` from
``requirements-homework.txt``)::

    python -m loaded_dice.homework build --out _build/homework            # every master
    python -m loaded_dice.homework build --out _build/homework hw2_likelihood
    python -m loaded_dice.homework check _build/homework                  # leak check only

For every master ``homework/<name>.md`` the build

1. converts the MyST Markdown to ``<name>.ipynb`` with jupytext, in a temporary folder, next to a
   ``requirements.txt`` for the grader (the numpy and sympy pins of the reader environment);
2. runs ``otter assign`` on it (which also runs every test against the reference solutions);
3. copies the results into ``<out>/``::

       <out>/<name>/<name>.ipynb              the student notebook: hand this out
       <out>/<name>/<name>-autograder.zip     the autograder: Gradescope, or `otter run -a`
       <out>/solutions/<name>.ipynb           reference solutions, for instructors only

4. checks the student notebook for leaked solutions (:func:`find_leaks`) and fails if any.

otter-grader is only ever run as a subprocess (``python -m otter``), and jupytext is imported
inside the functions that need it, so ``import loaded_dice`` in the reader environment never needs
otter.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "REPO_ROOT",
    "HOMEWORK_DIR",
    "GRADER_PACKAGES",
    "HomeworkBuildError",
    "BuiltHomework",
    "masters",
    "master_notebook",
    "grader_requirements",
    "build_one",
    "build_all",
    "secrets_of_master",
    "student_strings",
    "find_leaks",
    "main",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
HOMEWORK_DIR = REPO_ROOT / "homework"
#: Packages the graded notebooks import; their pins are copied from requirements.txt into the
#: autograder's requirements (Gradescope installs them; `otter run` uses the current environment).
GRADER_PACKAGES = ("numpy", "sympy")


class HomeworkBuildError(RuntimeError):
    """A master could not be turned into a student notebook and an autograder."""


@dataclass(frozen=True)
class BuiltHomework:
    name: str
    student_notebook: Path
    autograder_zip: Path
    solutions_notebook: Path
    seconds: float


# --------------------------------------------------------------------------- masters


def masters(homework_dir: Path = HOMEWORK_DIR) -> list[Path]:
    """Return the homework masters ``homework/hw*.md``, sorted by name."""
    return sorted(Path(homework_dir).glob("hw*.md"))


def master_notebook(master: Path):
    """Read a MyST Markdown master with jupytext and return it as an nbformat notebook."""
    import jupytext  # lazy: only the build needs it

    return jupytext.read(str(master), fmt="md:myst")


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


# --------------------------------------------------------------------------- leak check

#: Markers that must never reach a student: otter's solution and test syntax.
MARKERS = [
    (re.compile(r"#\s*(BEGIN|END)\s+SOLUTION", re.I), "a solution block marker"),
    (re.compile(r"#\s*SOLUTION\b", re.I), "an inline '# SOLUTION' line"),
    (re.compile(r"#\s*(BEGIN|END)\s+TESTS", re.I), "a tests block marker"),
    (re.compile(r"^\s*#\s*HIDDEN\b", re.I | re.M), "a hidden test"),
    (re.compile(r"otter_assign_solution_cell"), "a solution cell tag"),
    (re.compile(r"ANSWER KEY", re.I), "the answer key"),
]
_BLOCK = re.compile(r"^\s*#\s*(BEGIN|END)\s+(QUESTION|SOLUTION|TESTS|PROMPT)\b", re.I)
_INLINE = re.compile(r"#\s*SOLUTION(\s+NO\s+PROMPT)?\s*$")
_IN_CELL_BEGIN = re.compile(r"^\s*#\s*BEGIN\s+SOLUTION", re.I)
_IN_CELL_END = re.compile(r"^\s*#\s*END\s+SOLUTION", re.I)
_ANSWER_KEY = re.compile(r"^\s*#\s*IGNORE\b.*ANSWER KEY", re.I)
#: Lines of a solution cell that are scaffolding the student sees (and may legitimately keep).
_SCAFFOLD = re.compile(r"^\s*(def |class |@|#|\"\"\"|'''|$|\.\.\.$|pass$)|=\s*\.\.\.\s*$")
_MIN_SECRET = 6  # characters (whitespace removed): shorter lines are too generic to be secrets


def _squash(text: str) -> str:
    """Normalise spacing: drop spaces next to punctuation or operators, keep one between words.

    ``freq   =  t / N`` and ``freq=t/N`` compare equal, ``about 5.58`` keeps the space that
    separates the number from the word. Line breaks are kept, so a secret cannot span two lines.
    """
    text = re.sub(r"[^\S\n]+", " ", text)
    return re.sub(r" ?([^\w\s]) ?", r"\1", text).strip(" ")


def _lines(cell) -> list[str]:
    src = cell["source"]
    return (src if isinstance(src, str) else "".join(src)).splitlines()


def secrets_of_master(master) -> list[tuple[str, str]]:
    """Return ``(secret, where)`` pairs: text of a master that no student notebook may contain.

    ``master`` is a path to a MyST master or an nbformat notebook. The secrets are

    * every line otter is meant to strip: lines ending in ``# SOLUTION`` (anywhere in the master:
      otter leaves such a line in place when it is not inside a solution block), lines between
      ``# BEGIN SOLUTION`` and ``# END SOLUTION`` inside a cell;
    * every non-scaffolding code line of a cell inside a ``# BEGIN SOLUTION`` block (otter keeps
      unmarked lines, so a solution typed without markers would reach the student);
    * the text of Markdown solution cells (written answers);
    * the lines of hidden tests;
    * the strings listed in the master's answer-key cells (a raw cell that starts with
      ``# IGNORE`` and says ``ANSWER KEY``; otter drops it): reference values such as ``0.7``.

    Lines that also occur in the master outside any of these places (shared set-up such as
    ``import numpy as np``) are not secrets.
    """
    nb = master_notebook(Path(master)) if isinstance(master, (str, Path)) else master
    secrets: list[tuple[str, str]] = []
    public: set[str] = set()
    stack: list[str] = []
    question = "(no question)"
    for cell in nb["cells"]:
        lines = _lines(cell)
        first = lines[0] if lines else ""
        kind = cell["cell_type"]
        if kind == "raw" and _ANSWER_KEY.match(first):
            import yaml  # installed with jupytext

            for value in yaml.safe_load("\n".join(lines[1:])) or []:
                secrets.append((str(value), f"{question}: answer key"))
            continue
        if kind == "raw" and _BLOCK.match(first):
            m = _BLOCK.match(first)
            if m.group(1).upper() == "BEGIN":
                stack.append(m.group(2).upper())
                if m.group(2).upper() == "QUESTION":
                    q = re.search(r"^\s*name:\s*(\S+)", "\n".join(lines), re.M)
                    question = q.group(1) if q else "(unnamed question)"
            elif stack:
                stack.pop()
            continue
        in_solution = "SOLUTION" in stack
        in_tests = "TESTS" in stack
        if in_tests and first.lstrip().startswith("#") and re.search(r"\bhidden\b", first, re.I):
            for line in lines[1:]:
                secrets.append((line, f"{question}: hidden test"))
            continue
        if kind == "markdown" and in_solution:
            for line in lines:
                secrets.append((line, f"{question}: written solution"))
            continue
        if kind != "code":
            public.update(_squash(x) for x in lines)
            continue
        inside = False
        for line in lines:
            if _IN_CELL_BEGIN.match(line):
                inside = True
                continue
            if _IN_CELL_END.match(line):
                inside = False
                continue
            if inside or _INLINE.search(line):
                code = _INLINE.sub("", line) if not inside else line
                secrets.append((code, f"{question}: solution code"))
            elif in_solution and not in_tests and not _SCAFFOLD.search(line):
                secrets.append((line, f"{question}: unmarked line in a solution cell"))
            else:
                public.add(_squash(line))
    out, seen = [], set()
    for secret, where in secrets:
        key = _squash(secret)
        if len(key) < _MIN_SECRET and "answer key" not in where:
            continue
        if not key or key in public or key in seen:
            continue
        seen.add(key)
        out.append((secret.strip(), where))
    return out


def student_strings(notebook: Path) -> list[str]:
    """Return every string in a notebook file: cell sources, outputs and metadata (public tests)."""
    data = json.loads(Path(notebook).read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            if node and all(isinstance(x, str) for x in node):
                found.append("".join(node))  # nbformat may store a source as a list of lines
            else:
                for x in node:
                    walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                walk(x)

    walk(data)
    return found


def find_leaks(master, student_notebook: Path) -> list[str]:
    """Return a description of every solution marker or secret of ``master`` in the student notebook.

    An empty list means the student notebook is clean. Secrets come from
    :func:`secrets_of_master`; they are compared with spacing normalised (:func:`_squash`), and a secret must not be
    part of a longer number or name (``0.7`` does not match ``0.75`` or ``10.7``).
    """
    texts = student_strings(student_notebook)
    problems = []
    for pattern, what in MARKERS:
        for text in texts:
            m = pattern.search(text)
            if m:
                problems.append(f"{what}: {text[max(0, m.start() - 40): m.end() + 40]!r}")
                break
    haystack = "\n".join(_squash(t) for t in texts)
    for secret, where in secrets_of_master(master):
        needle = _squash(secret)
        if re.search(rf"(?<![\w.]){re.escape(needle)}(?![\w])", haystack):
            problems.append(f"{where}: {secret!r}")
    return problems


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Run the command line (`build` the homework); return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m loaded_dice.homework", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build student notebooks and autograders")
    b.add_argument("--out", default=str(REPO_ROOT / "_build" / "homework"), help="output folder")
    b.add_argument("--no-run-tests", action="store_true", help="skip otter's check of the reference solutions")
    b.add_argument(
        "names", nargs="*", help="masters to build (default: all): names such as hw1_probabilities, or paths to .md files"
    )
    c = sub.add_parser("check", help="check built student notebooks for leaked solutions")
    c.add_argument("out", nargs="?", default=str(REPO_ROOT / "_build" / "homework"))
    args = parser.parse_args(argv)

    if args.command == "build":
        try:
            built = build_all(Path(args.out), args.names or None, run_tests=not args.no_run_tests)
        except HomeworkBuildError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        for hw in built:
            print(f"{hw.name:<22} {hw.seconds:5.1f} s  {hw.student_notebook}  {hw.autograder_zip.name}")
        print(f"Built {len(built)} homework into {args.out}; reference solutions in {Path(args.out) / 'solutions'}")
        return 0

    bad = 0
    for master in masters():
        student = Path(args.out) / master.stem / f"{master.stem}.ipynb"
        if not student.exists():
            print(f"{master.stem}: not built ({student} is missing)")
            bad += 1
            continue
        leaks = find_leaks(master, student)
        print(f"{master.stem}: {'clean' if not leaks else 'LEAKS'}")
        for leak in leaks:
            print(f"  {leak}")
        bad += bool(leaks)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
