"""The reader's package holds only what a chapter imports: the homework build and grading tools live
in tools/ beside it, are not installed with it, and nothing in it imports them."""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]
BUILD_TOOLS = ("tools", "otter")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_package_has_no_homework_module():
    assert not (ROOT / "loaded_dice" / "homework.py").exists()
    assert importlib.util.find_spec("loaded_dice.homework") is None
    assert (ROOT / "tools" / "homework" / "build.py").is_file(), "the homework build tool moved to tools/homework"


def test_no_module_of_the_package_imports_the_build_tools():
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.split(".")[0] in BUILD_TOOLS)
        for path in sorted((ROOT / "loaded_dice").rglob("*.py"))
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_the_import_scan_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom tools.homework import build\nimport otter.check\n")
    assert {n for n in _imports(probe) if n.split(".")[0] in BUILD_TOOLS} == {"tools.homework", "otter.check"}


def test_the_distribution_ships_only_the_reader_library():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    packages = find_packages(str(ROOT), include=config.get("include", ["*"]), exclude=config.get("exclude", ()))
    assert "loaded_dice" in packages
    assert [p for p in packages if not p.startswith("loaded_dice")] == []
    # the same discovery without the include list would pick the tools up: the setting matters
    assert "tools.homework" in find_packages(str(ROOT), include=["*"])
