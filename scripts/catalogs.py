"""The Japanese edition's message catalogs: locales/ja/LC_MESSAGES/book/<page>.po.

    python scripts/catalogs.py update            extract the English messages (Sphinx's gettext
                                                 builder, cached execution) and merge them into
                                                 the catalogs: new sentences come in empty,
                                                 changed ones are marked fuzzy
    python scripts/catalogs.py check [PAGE…]     every message translated, none fuzzy, and each
                                                 translation keeps its message's markup (math,
                                                 glued numbers, cross-references, code, links)
    python scripts/catalogs.py status            the same against freshly extracted English
                                                 (what tests/site/test_editions.py asserts)
    python scripts/catalogs.py export PAGE FILE  a page's messages as plain text, for translating
    python scripts/catalogs.py import PAGE FILE  read the translations back (then checks the page)

PAGE is a page's name as in _toc.yml without "book/" (e.g. 04_likelihood). The export format is
one block per message; nothing in it is escaped:

    #### 12 ####
    The English message, as it is (it may span lines).
    ==== ja ====
    その翻訳（空なら未翻訳）。
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from babel.messages import pofile
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales" / "ja" / "LC_MESSAGES" / "book"
TEMPLATES = ROOT / "_build" / "editions" / "gettext" / "_build" / "gettext" / "book"

#: Roles whose target must survive translation (their shown text may change).
ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]*)`")
MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<![\\$])\$[^$]+?(?<!\\)\$", re.S)
CODE = re.compile(r"(?<![}`])`([^`]+)`(?!`)")
LINK = re.compile(r"\]\(([^)\s]+)\)")
EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>\s*$", re.S)


def markup(text: str) -> Counter:
    """The parts of a message a translation must keep: math, glued values and cross-references
    (by target), inline code and link targets."""
    tokens: Counter = Counter()
    rest = text
    for match in ROLE.finditer(text):
        role, content = match.groups()
        explicit = EXPLICIT_TARGET.match(content)
        target = explicit.group(2) if explicit and not role.startswith("glue") else content
        tokens[f"{{{role}}}{target}"] += 1
    rest = ROLE.sub(" ", rest)
    for match in MATH.finditer(rest):
        tokens[match.group(0)] += 1
    rest = MATH.sub(" ", rest)
    for match in CODE.finditer(rest):
        tokens[f"`{match.group(1)}`"] += 1
    for match in LINK.finditer(rest):
        tokens[f"({match.group(1)})"] += 1
    return tokens


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return pofile.read_po(handle)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pofile.write_po(handle, catalog, width=0, omit_header=False, sort_output=False)


def pages() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.po"))


def problems(catalog: Catalog, page: str) -> list[str]:
    """What keeps a catalog from being complete and faithful."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{page}: {str(message.id)[:70]!r}"
        if not message.string:
            out.append(f"{where}: not translated")
            continue
        if message.fuzzy:
            out.append(f"{where}: fuzzy (the English changed; check the translation, then drop the flag)")
        lost = markup(message.id) - markup(message.string)
        added = markup(message.string) - markup(message.id)
        if lost or added:
            out.append(f"{where}: markup differs: missing {sorted(lost)}, extra {sorted(added)}")
    return out


#: Extracts the English messages into TEMPLATES (Sphinx's gettext builder, cached execution).
EXTRACT = [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--gettext", "--", "-W", "-n", "--keep-going"]


def compare_with_templates() -> list[str]:
    """Hold the catalogs to freshly extracted templates (``build_book.py --gettext``): every
    English message of every page must have a translation that is not fuzzy and keeps the
    message's markup."""
    found = []
    templates = sorted(TEMPLATES.glob("*.pot"))
    if not templates:
        return [f"no templates in {TEMPLATES}: run scripts/build_book.py --gettext first"]
    for template_path in templates:
        page = template_path.stem
        target = LOCALES / f"{page}.po"
        if not target.exists():
            found.append(f"{page}: no catalog ({target.relative_to(ROOT)})")
            continue
        catalog = read(target)
        for message in read(template_path):
            if not message.id:
                continue
            translated = catalog.get(message.id)
            if translated is None:
                found.append(f"{page}: {str(message.id)[:70]!r}: not in the catalog (new or changed English)")
            else:
                single = Catalog(locale="ja")
                single.add(translated.id, translated.string, flags=translated.flags)
                found += problems(single, page)
    return found


def update() -> int:
    status = subprocess.call(EXTRACT, cwd=ROOT)
    if status != 0:
        return status
    for template_path in sorted(TEMPLATES.glob("*.pot")):
        template = read(template_path)
        for message in template:
            # locations relative to the repository (book/04_likelihood.md:12), not to _build
            message.locations = [
                ((TEMPLATES.parent / name).resolve().relative_to(ROOT).as_posix(), line)
                for name, line in message.locations
            ]
            message.flags.difference_update({"python-format", "python-brace-format"})
        target = LOCALES / f"{template_path.stem}.po"
        if target.exists():
            catalog = read(target)
            catalog.update(template, update_header_comment=False)
            catalog.obsolete.clear()
            for message in catalog:
                message.flags.difference_update({"python-format", "python-brace-format"})
        else:
            catalog = Catalog(
                locale="ja",
                project="Loaded Dice",
                copyright_holder="the Loaded Dice authors",
                header_comment="# The Japanese edition of Loaded Dice: one catalog per page.\n"
                "# Kept up to date with `python scripts/catalogs.py update`.",
                fuzzy=False,
            )
            for message in template:
                if message.id:
                    catalog.add(message.id, "", locations=message.locations)
        write(catalog, target)
        print(f"{target.relative_to(ROOT)}: {sum(1 for m in catalog if m.id)} messages")
    return 0


def check(names: list[str]) -> int:
    found = []
    for page in names or pages():
        found += problems(read(LOCALES / f"{page}.po"), page)
    print("\n".join(found) if found else "every message is translated and keeps its markup")
    return 1 if found else 0


def export(page: str, out: Path) -> int:
    catalog = read(LOCALES / f"{page}.po")
    blocks = []
    for index, message in enumerate(m for m in catalog if m.id):
        blocks.append(f"#### {index} ####\n{message.id}\n==== ja ====\n{message.string or ''}\n")
    out.write_text("\n".join(blocks), encoding="utf-8")
    print(f"{out}: {len(blocks)} messages")
    return 0


BLOCK = re.compile(r"^#### (\d+) ####\n(.*?)\n==== ja ====\n(.*?)(?=\n#### \d+ ####\n|\Z)", re.S | re.M)


def import_(page: str, source: Path) -> int:
    path = LOCALES / f"{page}.po"
    catalog = read(path)
    messages = [m for m in catalog if m.id]
    for match in BLOCK.finditer(source.read_text(encoding="utf-8")):
        index, english, japanese = int(match.group(1)), match.group(2), match.group(3).strip("\n")
        message = messages[index]
        if message.id != english:
            print(f"block {index}: the English text differs from the catalog's message", file=sys.stderr)
            return 2
        message.string = japanese.strip()
        if message.string:
            message.flags.discard("fuzzy")
    write(catalog, path)
    return check([page])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update")
    sub.add_parser("status")
    p_check = sub.add_parser("check")
    p_check.add_argument("pages", nargs="*")
    for name in ("export", "import"):
        p = sub.add_parser(name)
        p.add_argument("page")
        p.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    if args.command == "status":
        status = subprocess.call(EXTRACT, cwd=ROOT, stdout=subprocess.DEVNULL)
        found = compare_with_templates() if status == 0 else ["the English messages could not be extracted"]
        print("\n".join(found) if found else "every English message has a current translation")
        return 1 if found else 0
    if args.command == "check":
        return check(args.pages)
    if args.command == "export":
        return export(args.page, args.file)
    return import_(args.page, args.file)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
