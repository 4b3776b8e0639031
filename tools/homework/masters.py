"""Where the homework masters are and how to read them (MyST Markdown -> nbformat notebook)."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["REPO_ROOT", "HOMEWORK_DIR", "masters", "master_notebook", "assignment_config"]

REPO_ROOT = Path(__file__).resolve().parents[2]
HOMEWORK_DIR = REPO_ROOT / "homework"

_CONFIG = re.compile(r"^\s*#\s*ASSIGNMENT\s+CONFIG\b", re.I)


def masters(homework_dir: Path = HOMEWORK_DIR) -> list[Path]:
    """Return the homework masters ``homework/hw*.md``, sorted by name."""
    return sorted(Path(homework_dir).glob("hw*.md"))


def master_notebook(master: Path):
    """Read a MyST Markdown master with jupytext and return it as an nbformat notebook."""
    import jupytext  # lazy: only the build needs it

    return jupytext.read(str(master), fmt="md:myst")


def assignment_config(nb) -> dict:
    """Return the parsed ``# ASSIGNMENT CONFIG`` raw cell of a master notebook (``{}`` if it has none)."""
    import yaml  # installed with jupytext

    for cell in nb["cells"]:
        if cell["cell_type"] == "raw" and _CONFIG.match(cell["source"]):
            return yaml.safe_load(cell["source"].split("\n", 1)[1]) or {}
    return {}
