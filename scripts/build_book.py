"""Build the static site into _build/html with Jupyter Book 1.

Usage: python scripts/build_book.py [--hub URL] [-- extra jupyter-book flags]

Every chapter executes again when the library (loaded_dice) or the reader pins changed since the
last build (see :func:`drop_stale_outputs`); otherwise only chapters whose code changed do.

``--hub`` adds a JupyterHub launch button pointing at URL (the book's _config.yml
leaves it empty); the override is written to a copy of the configuration under
_build/, so the committed _config.yml never changes.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
#: Sphinx's record of what it has read: with it, an unchanged chapter counts as up to date.
DOCTREES = ROOT / "_build" / ".doctrees"
STAMP = ROOT / "_build" / ".library-hash"


def library_hash() -> str:
    """A hash of the library the chapters import (and of the reader pins)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "loaded_dice").rglob("*.py")) + [ROOT / "requirements.txt"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def drop_stale_outputs() -> None:
    """When loaded_dice changed since the last build, make every chapter execute and render again.

    jupyter-cache keys a notebook on its own code only, and Sphinx re-reads a page only when
    its source changed: after a library change both would keep the old outputs (numbers,
    figures, derivations), and a break in the library would go unnoticed. So the execution
    cache and Sphinx's environment are both dropped; the next build reads and executes every
    chapter with the library as it is now.
    """
    current = library_hash()
    if not STAMP.exists() or STAMP.read_text() != current:
        stale = [path for path in (CACHE, DOCTREES) if path.exists()]
        if stale:
            print("loaded_dice changed since the last build: every chapter executes again", flush=True)
        for path in stale:
            shutil.rmtree(path)
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(current)


def forget_failed_pages() -> None:
    """After a failed build, drop Sphinx's environment so that the next build reads every page
    again: a chapter that failed is executed again (jupyter-cache keeps only successful runs, so
    the others come from the cache quickly) instead of being taken as up to date."""
    if DOCTREES.exists():
        shutil.rmtree(DOCTREES)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", default="", help="JupyterHub URL for the launch button")
    parser.add_argument("jb_args", nargs="*", help="extra flags for jupyter-book build")
    args = parser.parse_args(argv)

    drop_stale_outputs()
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT)]
    if args.hub:
        config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
        config["launch_buttons"]["jupyterhub_url"] = args.hub
        override = ROOT / "_build" / "_config.hub.yml"
        override.parent.mkdir(parents=True, exist_ok=True)
        override.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        cmd += ["--config", str(override)]
    cmd += args.jb_args
    print("+", " ".join(cmd), flush=True)
    status = subprocess.call(cmd, cwd=ROOT)
    if status != 0:
        forget_failed_pages()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
