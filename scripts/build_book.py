"""Build the static site into _build/html with Jupyter Book 1.

Usage: python scripts/build_book.py [--hub URL] [-- extra jupyter-book flags]

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
STAMP = ROOT / "_build" / ".library-hash"


def library_hash() -> str:
    """A hash of the library the chapters import (and of the reader pins)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "loaded_dice").rglob("*.py")) + [ROOT / "requirements.txt"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def drop_stale_cache() -> None:
    """jupyter-cache keys a notebook on its own code only: when loaded_dice changes, the
    cached outputs (numbers, figures, derivations) may be stale, so execute afresh."""
    current = library_hash()
    if CACHE.exists() and (not STAMP.exists() or STAMP.read_text() != current):
        print("loaded_dice changed since the last build: clearing the execution cache", flush=True)
        shutil.rmtree(CACHE)
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(current)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", default="", help="JupyterHub URL for the launch button")
    parser.add_argument("jb_args", nargs="*", help="extra flags for jupyter-book build")
    args = parser.parse_args(argv)

    drop_stale_cache()
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
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
