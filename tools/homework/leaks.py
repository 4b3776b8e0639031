"""The leak check: no student notebook may contain a master's solutions, hidden tests or answer key.

:func:`secrets_of_master` lists what a master must keep to itself; :func:`find_leaks` looks for
those secrets (and for otter's solution markers) in a built student notebook. The build runs it on
every student notebook and refuses to finish if anything leaked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .masters import master_notebook

__all__ = ["MARKERS", "secrets_of_master", "student_strings", "find_leaks"]


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


