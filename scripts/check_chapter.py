"""Build one or more chapters alone, with the book's configuration, warnings as errors.

Usage: python scripts/check_chapter.py book/04_likelihood.md [more.md ...]

Writes a throw-away book into a temporary folder (the book's _config.yml, static files,
extension, glossary and the chapters given) and runs `jupyter-book build -W -n --keep-going`
there, so several chapters can be checked at once without touching _build/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main(chapters: list[str]) -> int:
    if not chapters:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="chapter-check-") as tmp:
        tmp = Path(tmp)
        shutil.copy(ROOT / "_config.yml", tmp / "_config.yml")
        shutil.copytree(ROOT / "book", tmp / "book", ignore=shutil.ignore_patterns("*.md", "*.ipynb"))
        for name in ["intro.md", "glossary.md", "references.md"]:
            shutil.copy(ROOT / "book" / name, tmp / "book" / name)
        # The instructors' page links every chapter; chapters link to it. Checked alone, a
        # chapter gets a one-line stand-in with the same label so its links resolve.
        (tmp / "book" / "instructors.md").write_text(
            "(instructors)=\n# Using this book in a course\n\nStand-in for a single-chapter check.\n",
            encoding="utf-8")
        entries = []
        for chapter in chapters:
            src = (ROOT / chapter).resolve()
            shutil.copy(src, tmp / "book" / src.name)
            entries.append({"file": f"book/{src.stem}"})
        # other pages the chapters may link to with {doc}: include them when present
        toc = {
            "format": "jb-book",
            "root": "book/intro",
            "parts": [
                {"caption": "Chapters", "chapters": entries},
                {"caption": "Appendices", "chapters": [{"file": "book/instructors"}, {"file": "book/glossary"},
                                                       {"file": "book/references"}]},
            ],
        }
        (tmp / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
        cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(tmp), "-W", "-n", "--keep-going"]
        result = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
        log = result.stdout + result.stderr
        problems = [line for line in log.splitlines() if "WARNING:" in line or "ERROR:" in line or "Error" in line]
        print("\n".join(problems) if problems else "no warnings")
        if result.returncode:
            print(log[-6000:])
            reports = list((tmp / "_build" / "html" / "reports").rglob("*.log"))
            for report in reports:
                print(f"--- {report.name}\n{report.read_text()[-4000:]}")
        out = ROOT / "_build" / "chapter-check" / "_".join(Path(c).stem for c in chapters)
        shutil.rmtree(out, ignore_errors=True)
        if (tmp / "_build" / "html").exists():
            shutil.copytree(tmp / "_build" / "html", out)
            print(f"HTML copied to {out}")
        print("build", "FAILED" if result.returncode else "passed")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
