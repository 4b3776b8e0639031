"""Command line: ``python -m tools.homework build | check | grade`` (run it from the repository root)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import HomeworkBuildError, build_all
from .grade import grade_folder
from .leaks import find_leaks
from .masters import HOMEWORK_DIR, REPO_ROOT, masters

DEFAULT_OUT = REPO_ROOT / "_build" / "homework"


def _autograder_for(name: str, out: Path) -> Path:
    """The built autograder of homework ``name``; build it first when missing or older than its sources."""
    zip_path = out / name / f"{name}-autograder.zip"
    master = HOMEWORK_DIR / f"{name}.md"
    here = Path(__file__).parent
    sources = [master, REPO_ROOT / "requirements.txt", *(here / f for f in ("build.py", "masters.py", "setup_cell.py"))]
    if not zip_path.exists() or any(s.exists() and s.stat().st_mtime > zip_path.stat().st_mtime for s in sources):
        print(f"Building {name} first (its autograder is missing or older than the master) ...", flush=True)
        build_all(out, [name])
    return zip_path


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m tools.homework", description="Build and grade the homework.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build student notebooks and autograders")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output folder")
    b.add_argument("--no-run-tests", action="store_true", help="skip otter's check of the reference solutions")
    b.add_argument(
        "names", nargs="*", help="masters to build (default: all): names such as hw1_probabilities, or paths to .md files"
    )
    c = sub.add_parser("check", help="check built student notebooks for leaked solutions")
    c.add_argument("out", nargs="?", default=str(DEFAULT_OUT))
    g = sub.add_parser("grade", help="grade a folder of submissions into one CSV (no Docker)")
    g.add_argument("name", help="the homework, e.g. hw2_likelihood")
    g.add_argument("submissions", help="folder of submitted notebooks or zip files (subfolders included)")
    g.add_argument("--autograder", help="autograder zip (default: the built one, built first if missing or stale)")
    g.add_argument("--out", help="where grades.csv and the logs go (default: _build/grades/<name>)")
    g.add_argument("--time-limit", type=float, default=120, help="seconds per submission (default: 120)")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            built = build_all(Path(args.out), args.names or None, run_tests=not args.no_run_tests)
            for hw in built:
                print(f"{hw.name:<22} {hw.seconds:5.1f} s  {hw.student_notebook}  {hw.autograder_zip.name}")
            print(f"Built {len(built)} homework into {args.out}; reference solutions in {Path(args.out) / 'solutions'}")
            return 0
        if args.command == "grade":
            if args.time_limit <= 0:
                raise ValueError(f"--time-limit must be positive, not {args.time_limit:g}")
            autograder = Path(args.autograder) if args.autograder else _autograder_for(args.name, DEFAULT_OUT)
            if not autograder.is_file():
                raise ValueError(f"no autograder at {autograder}")
            out = Path(args.out) if args.out else REPO_ROOT / "_build" / "grades" / args.name
            grade_folder(Path(args.submissions), autograder, out, time_limit=args.time_limit)
            return 0
    except (HomeworkBuildError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1

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
