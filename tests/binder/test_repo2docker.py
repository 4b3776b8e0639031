"""What Binder would build: repo2docker's generated Dockerfile (no Docker needed).

Checks the traps: the root requirements.txt must be installed (repo2docker ignores the
root once binder/ exists), the Python version must be the pinned one, and postBuild must
run (it makes JupyterLab open the MyST chapters as notebooks).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

R2D = ROOT / ".venv-repo2docker" / "bin" / "jupyter-repo2docker"


@pytest.fixture(scope="module")
def dockerfile() -> str:
    if not R2D.exists():
        pytest.fail(f"{R2D} is missing: `make test` creates it from requirements-repo2docker.txt")
    result = subprocess.run([str(R2D), "--no-build", "--debug", str(ROOT)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_python_version_is_pinned(dockerfile):
    pinned = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert pinned.startswith("python-3.11")
    assert "Building conda environment for python=3.11" in dockerfile


def test_reader_requirements_are_installed(dockerfile):
    assert re.search(r'pip install --no-cache-dir -r "binder/requirements\.txt"', dockerfile)
    binder_reqs = (ROOT / "binder" / "requirements.txt").read_text().split()
    assert "../requirements.txt" in binder_reqs, "binder/requirements.txt must pull in the root requirements"
    # repo2docker must copy the whole repository before installing, or ../requirements.txt
    # and the package itself (-e .) would not be there yet
    copy_all = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert copy_all < install


def test_post_build_applies_the_notebook_viewer(dockerfile):
    assert "RUN ./binder/postBuild" in dockerfile
    script = (ROOT / "binder" / "postBuild").read_text()
    assert "jupytext-config set-default-viewer" in script


def test_requirements_are_pinned():
    for name in ["requirements.txt", "requirements-book.txt", "requirements-test.txt", "requirements-lab.txt", "requirements-repo2docker.txt", "requirements-homework.txt"]:
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-r") or line == "-e .":
                continue
            assert "==" in line, f"{name}: '{line}' is not pinned with =="


def test_reader_environment_is_lean():
    names = {
        re.split(r"[=<>\[ ]", line.strip())[0].lower()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    }
    assert names == {"numpy", "matplotlib", "ipywidgets", "sympy", "jupytext", "ipykernel"}
