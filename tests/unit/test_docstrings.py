"""Every public function and class of the library says in its first docstring line what it is
or returns (the book's readers call these from the chapters)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import loaded_dice

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(loaded_dice.__path__, prefix="loaded_dice.")
)


def _public_members(module):
    for name, obj in vars(module).items():
        if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue  # imported from elsewhere
        yield name, obj


@pytest.mark.parametrize("module_name", MODULES)
def test_public_api_has_one_line_summaries(module_name):
    module = importlib.import_module(module_name)
    assert (module.__doc__ or "").strip(), f"{module_name} has no module docstring"
    missing = [
        name for name, obj in _public_members(module)
        if not (inspect.getdoc(obj) or "").strip().splitlines()
    ]
    assert missing == [], f"{module_name}: public names without a docstring"


def test_the_check_can_fail():
    """A function without a docstring is reported by the same logic."""
    import types

    module = types.ModuleType("loaded_dice._probe", "probe module")

    def undocumented():
        return 1

    undocumented.__module__ = module.__name__
    module.undocumented = undocumented
    assert [name for name, obj in _public_members(module) if not inspect.getdoc(obj)] == ["undocumented"]
