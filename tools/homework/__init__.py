"""Homework tooling: build student notebooks and autograders from ``homework/*.md``, grade submissions.

A build tool, not part of the reader library: it lives beside ``loaded_dice`` and is never installed
with it. Run it from the repository root in ``.venv-homework``: ``python -m tools.homework --help``.

- :mod:`~tools.homework.masters`: where the masters are, reading them;
- :mod:`~tools.homework.setup_cell`: the checker set-up that works under any file name;
- :mod:`~tools.homework.build`: masters -> student notebook, autograder zip, reference solutions;
- :mod:`~tools.homework.leaks`: the check that no solution reaches a student;
- :mod:`~tools.homework.grade`: grade a folder of submissions into one CSV (``make grade``).
"""

from .build import GRADER_PACKAGES, BuiltHomework, HomeworkBuildError, build_all, build_one, grader_requirements
from .leaks import find_leaks, secrets_of_master, student_strings
from .masters import HOMEWORK_DIR, REPO_ROOT, assignment_config, master_notebook, masters

__all__ = [
    "REPO_ROOT",
    "HOMEWORK_DIR",
    "GRADER_PACKAGES",
    "HomeworkBuildError",
    "BuiltHomework",
    "masters",
    "master_notebook",
    "assignment_config",
    "grader_requirements",
    "build_one",
    "build_all",
    "secrets_of_master",
    "student_strings",
    "find_leaks",
]
