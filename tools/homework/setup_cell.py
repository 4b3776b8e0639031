"""The checker's set-up in every homework notebook: it works under any file name and fails loudly.

``otter assign`` (``init_cell: true``) would write ``grader = otter.Notebook("hw2_likelihood.ipynb")``.
That line reads the named file, so a notebook saved under any other name (``hw2_likelihood (1).ipynb``
after a second download, ``alice_hw2_likelihood.ipynb`` from a learning platform) raises
``FileNotFoundError``, for the student and under ``otter run`` / Gradescope alike; with the imports
after it in the same cell, every later cell then failed with ``NameError`` and graded as zero.

Every master therefore keeps ``init_cell: false`` and ends its set-up cell with the two lines ::

    import otter
    grader = otter.Notebook()

which the build (:func:`install_checker`) replaces with :data:`CHECKER_SETUP`: it runs after the
imports and the data of that cell, finds this notebook by the assignment name otter stores in its
metadata (never by its file name), and if the checker cannot start it raises one clear error and
leaves a stand-in ``grader`` whose every use repeats that message. Under grading (``otter run``,
``otter grade``, Gradescope) otter ignores the notebook path, so only the imports matter there.
"""

from __future__ import annotations

import re

__all__ = ["CHECKER_SETUP", "SetupError", "checker_setup", "install_checker", "check_student_setup"]

#: What replaces the master's ``import otter`` / ``grader = otter.Notebook(...)`` lines.
#: ``{assignment}`` is the assignment's name (``name:`` of the ``# ASSIGNMENT CONFIG`` cell).
CHECKER_SETUP = '''\
# The checker (otter-grader). It finds this notebook by its assignment name, so it works whatever
# the file is called, e.g. "{assignment} (1).ipynb".
import glob, json, os


def _this_notebook(assignment="{assignment}"):
    """Return this notebook's file: the one Jupyter names, else the last saved file of this homework here."""
    for path in (globals().get("__session__"), globals().get("__vsc_ipynb_file__")):
        if isinstance(path, str) and path.endswith(".ipynb") and os.path.isfile(path):
            return path
    ours = []
    for path in glob.glob("*.ipynb"):
        try:
            with open(path, encoding="utf-8") as f:
                if json.load(f)["metadata"]["otter"]["assignment_name"] == assignment:
                    ours.append(path)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    if len(ours) > 1:
        print(f"This folder holds {{len(ours)}} copies of {{assignment}}; the checker uses the last saved one.")
    return max(ours, key=os.path.getmtime) if ours else None


class _NoChecker:
    """Stands in for the checker when it could not start: every use says why."""

    def __init__(self, reason):
        self.reason = reason

    def __getattr__(self, name):
        raise RuntimeError(self.reason)


try:
    import otter
    grader = otter.Notebook(_this_notebook())
except Exception as error:
    grader = _NoChecker(
        f"The checker (otter-grader) did not start: {{type(error).__name__}}: {{error}}. Your answers "
        "still run, but cannot be checked. Run the set-up cells again from the top (the first one "
        "installs otter-grader); if this message stays, show it to your instructor."
    )
    raise RuntimeError(grader.reason) from None
'''

_IMPORT = re.compile(r"^\s*import\s+otter\s*(#.*)?$")
_NOTEBOOK = re.compile(r"^\s*grader\s*=\s*otter\.Notebook\(.*\)\s*(#.*)?$")
_INITIALIZE = re.compile(r"^\s*#\s*Initialize Otter\s*$", re.I)


class SetupError(ValueError):
    """A master's set-up cell does not follow the pattern the build needs."""


def checker_setup(assignment: str) -> str:
    """Return :data:`CHECKER_SETUP` for one assignment."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", assignment):
        raise SetupError(f"assignment name {assignment!r}: use letters, digits, '_', '-' or '.'")
    return CHECKER_SETUP.format(assignment=assignment)


def install_checker(nb, assignment: str) -> None:
    """Replace the master's checker lines with :func:`checker_setup`, at the end of the same cell (in place).

    The master must hold exactly one ``grader = otter.Notebook(...)`` line, in a code cell that also
    imports otter. Its other lines (imports, data) stay first, in their order, so that a checker that
    cannot start never leaves numpy or the data undefined. Raises :class:`SetupError` otherwise.
    """
    cells = [
        c for c in nb["cells"] if c["cell_type"] == "code" and any(_NOTEBOOK.match(x) for x in c["source"].splitlines())
    ]
    calls = sum("otter.Notebook(" in c["source"] for c in nb["cells"] if c["cell_type"] == "code")
    if len(cells) != 1 or calls != 1:
        raise SetupError(
            f"{assignment}: expected one set-up cell with the line 'grader = otter.Notebook()' "
            f"(found {len(cells)} such cells and {calls} otter.Notebook( calls)"
        )
    cell = cells[0]
    lines = cell["source"].splitlines()
    if not any(_IMPORT.match(x) for x in lines):
        raise SetupError(f"{assignment}: the set-up cell calls otter.Notebook() but has no 'import otter' line")
    kept = [x for x in lines if not (_IMPORT.match(x) or _NOTEBOOK.match(x) or _INITIALIZE.match(x))]
    while kept and not kept[-1].strip():
        kept.pop()
    while kept and not kept[0].strip():
        kept.pop(0)
    cell["source"] = "\n".join(kept + ["", ""] if kept else []) + checker_setup(assignment).rstrip("\n")


def check_student_setup(nb, assignment: str, file_name: str) -> list[str]:
    """Return what is wrong with a built notebook's set-up (an empty list when nothing is).

    The generated set-up must be there, exactly once, after the last import of its cell's other lines,
    and no code cell may name the notebook's own file (``file_name``).
    """
    problems = []
    code = [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]
    expected = checker_setup(assignment).rstrip("\n")
    holders = [src for src in code if expected in src]
    if len(holders) != 1:
        problems.append(f"the generated checker set-up appears in {len(holders)} cells, not 1")
    elif not holders[0].endswith(expected):
        problems.append("the set-up cell runs code after the checker set-up: imports and data must come first")
    named = [src.splitlines()[0] for src in code if file_name in src]
    if named:
        problems.append(f"code cells name the file {file_name!r} (they would fail under another name): {named}")
    return problems
