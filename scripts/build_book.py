"""Build the static site into _build/html with Jupyter Book 1: the English edition at the root,
the Japanese edition in _build/html/ja.

Usage: python scripts/build_book.py [--hub URL] [--only en|ja] [-- extra jupyter-book flags]

Both editions read the same sources and share one execution cache: the chapters execute once
(the English build runs them; the Japanese build reads the cache), and the Japanese edition's
prose comes from the catalogs in locales/ja/LC_MESSAGES (see book/_ext/translations.py).

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
#: Where Jupyter Book builds an edition other than English (its html is then copied into
#: _build/html/<language>), and where the catalog templates are extracted.
EDITION_BUILDS = ROOT / "_build" / "editions"
HTML = ROOT / "_build" / "html"
#: The editions published inside the English site's folder (_build/html/<language>).
EDITIONS_PUBLISHED = {"ja"}
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
        stale = [path for path in (CACHE, DOCTREES, EDITION_BUILDS) if path.exists()]
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
    for path in [DOCTREES, *EDITION_BUILDS.glob("*/_build/.doctrees")]:
        if path.exists():
            shutil.rmtree(path)


#: What the Japanese edition changes in _config.yml (its prose comes from the catalogs).
JAPANESE = {
    "sphinx": {
        "config": {
            "language": "ja",
            "html_theme_options": {"search_bar_text": "本書を検索..."},
        }
    },
    "html": {
        "extra_footer": "Loaded Dice の著者たちが執筆し、テストしています。"
        "このページの数値はすべて、それを生み出したコードが計算したものです。",
    },
}


def merge(base: dict, change: dict) -> dict:
    out = dict(base)
    for key, value in change.items():
        out[key] = merge(out.get(key) or {}, value) if isinstance(value, dict) else value
    return out


def edition_config(language: str, hub: str = "") -> Path | None:
    """The configuration file for one edition, written under _build/ (None: _config.yml as it is)."""
    if language == "en" and not hub:
        return None
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    if hub:
        config["launch_buttons"]["jupyterhub_url"] = hub
    if language == "ja":
        config = merge(config, JAPANESE)
    # Jupyter Book resolves local extensions against the configuration file's folder (_build/)
    extensions = config["sphinx"].get("local_extensions") or {}
    config["sphinx"]["local_extensions"] = {name: str(ROOT / path) for name, path in extensions.items()}
    # the execution cache is shared: an absolute path, whatever --path-output says
    config["execute"]["cache"] = str(CACHE)
    path = ROOT / "_build" / f"_config.{language}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def jupyter_book(language: str, hub: str, extra: list[str], builder: str = "html") -> int:
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT)]
    config = edition_config(language, hub)
    if config is not None:
        cmd += ["--config", str(config)]
    if language != "en" or builder != "html":
        cmd += ["--path-output", str(EDITION_BUILDS / (language if builder == "html" else builder))]
    if builder != "html":
        cmd += ["--builder", "custom", "--custom-builder", builder]
    cmd += extra
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT)


def publish_edition(language: str) -> None:
    """Copy an edition's html into the site, at _build/html/<language>/."""
    built = EDITION_BUILDS / language / "_build" / "html"
    target = HTML / language
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(built, target, ignore=shutil.ignore_patterns(".buildinfo", "_sources"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", default="", help="JupyterHub URL for the launch button")
    parser.add_argument("--only", choices=["en", "ja"], help="build one edition only")
    parser.add_argument(
        "--gettext", action="store_true", help="extract the message catalogs (.pot) instead of html"
    )
    parser.add_argument("jb_args", nargs="*", help="extra flags for jupyter-book build")
    args = parser.parse_args(argv)

    drop_stale_outputs()
    if args.gettext:
        status = jupyter_book("en", "", args.jb_args, builder="gettext")
        if status != 0:
            forget_failed_pages()
        return status
    for language in [args.only] if args.only else ["en", "ja"]:
        # Sphinx copies static files (CSS, the explorers' scripts) only when it writes a page:
        # after a change to those alone it would leave the old copies. Writing every page again
        # is quick (the doctrees and the execution cache stay).
        html = HTML if language == "en" else EDITION_BUILDS / language / "_build" / "html"
        if language == "en" and html.exists():
            for child in html.iterdir():
                if child.name not in EDITIONS_PUBLISHED:
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
        elif html.exists():
            shutil.rmtree(html)
        status = jupyter_book(language, args.hub, args.jb_args)
        if status != 0:
            forget_failed_pages()
            return status
        if language != "en":
            publish_edition(language)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
