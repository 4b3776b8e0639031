"""A change to loaded_dice reaches the pages: `make book` executes the chapters again.

jupyter-cache keys a chapter on its own code and Sphinx re-reads a page only when its source
changed, so without scripts/build_book.py's care a broken library would leave every page with
its old outputs and the build would pass. This test builds a one-page book in a scratch copy of
the repository (the real configuration and build script, a small chapter that asserts a
derivation of the library), breaks the library the way a careless edit would, and checks that
the next build fails; repairing it makes the build pass again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from helpers import ROOT

PROBE = textwrap.dedent('''\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---

    # Probe

    ```{code-cell} ipython3
    import loaded_dice.symbolic as S

    assert S.coin_mle().holds, "the coin's maximum likelihood derivation no longer holds"
    ```
    ''')
# the second derivative of log L at p-hat, as the library states it
RIGHT = "expected_second = -((a + b) ** 3) / (a * b)"
WRONG = "expected_second = -((a + b) ** 2) / (a * b)"


def _build(root):
    env = {**os.environ, "PYTHONPATH": str(root)}  # the kernel imports the copy's loaded_dice
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "build_book.py"), "--only", "en", "--", "-W", "-n", "--keep-going"],
        cwd=root, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.mark.slow
def test_a_broken_library_fails_the_next_build(tmp_path):
    root = tmp_path / "book-copy"
    for folder in ("loaded_dice", "scripts", "book/_ext", "book/_static", "book/_templates"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("_config.yml", "requirements.txt"):
        shutil.copy(ROOT / name, root / name)
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/probe\n", encoding="utf-8")
    (root / "book" / "probe.md").write_text(PROBE, encoding="utf-8")
    symbolic = root / "loaded_dice" / "symbolic.py"
    assert symbolic.read_text(encoding="utf-8").count(RIGHT) == 1, "the derivation to break has moved"

    first = _build(root)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]

    symbolic.write_text(symbolic.read_text(encoding="utf-8").replace(RIGHT, WRONG), encoding="utf-8")
    broken = _build(root)
    log = broken.stdout + broken.stderr
    assert broken.returncode != 0, "the build passed with a broken library:\n" + log[-3000:]
    assert "no longer holds" in log

    symbolic.write_text(symbolic.read_text(encoding="utf-8").replace(WRONG, RIGHT), encoding="utf-8")
    repaired = _build(root)
    assert repaired.returncode == 0, repaired.stdout[-3000:] + repaired.stderr[-3000:]
