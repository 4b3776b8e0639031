"""Shared helpers for the book's tests: paths, the table of contents, a local web
server and headless Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD_HTML = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def toc_files() -> list[str]:
    """Every document in _toc.yml (root first), as paths without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def source_path(doc: str) -> Path:
    """The source file (.md or .ipynb) of a toc entry."""
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{doc}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(doc)


@functools.lru_cache(maxsize=None)
def is_notebook(doc: str) -> bool:
    """True when a toc entry is a notebook (an .ipynb, or MyST with a kernelspec)."""
    path = source_path(doc)
    if path.suffix == ".ipynb":
        return True
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    front = yaml.safe_load(text.split("---", 2)[1]) or {}
    return "kernelspec" in front


def notebook_docs() -> list[str]:
    return [doc for doc in toc_files() if is_notebook(doc)]


def is_local(url: str) -> bool:
    """True for data:/blob:/about: URLs and http(s) URLs on this machine."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return parsed.hostname in LOCAL_HOSTS


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that drops a connection mid-answer (a page or context closed while it loaded) is
    no error of the server: it is not reported. Any other error is, as usual, on stderr."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset, aborted
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 (a random free port) for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_site() -> subprocess.CompletedProcess:
    """Build the book exactly as `make book` does (fresh HTML, cached execution)."""
    import shutil

    shutil.rmtree(BUILD_HTML, ignore_errors=True)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--", "-W", "-n", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )


class Record(dict):
    """What went wrong while a page was open."""

    def assert_clean(self):
        assert self["external"] == [], "requests left localhost"
        assert self["pageerror"] == []
        assert self["console"] == []
        assert self["failed"] == []


@contextlib.contextmanager
def open_offline(browser, **context_options):
    """Open a page in a fresh browser context where every request leaving localhost is refused
    and recorded; yields ``(page, record)`` and closes the context afterwards."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    record = Record(console=[], pageerror=[], external=[], failed=[])

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            record["external"].append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: record["console"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: record["pageerror"].append(str(exc)))
    page.on("requestfailed", lambda req: record["failed"].append(req.url))
    try:
        yield page, record
    finally:
        context.close()


STYLESHEET_LINK = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="([^"]+)"')


def page_stylesheets(page: Path) -> list[Path]:
    """The local stylesheet files a built page links in its <head>, in order."""
    text = page.read_text(encoding="utf-8")
    head = text[: text.find("</head>")]
    return [(page.parent / href.split("?")[0]).resolve() for href in STYLESHEET_LINK.findall(head) if "://" not in href]


def page_css(page: Path) -> str:
    """Everything the page's linked stylesheets say, joined."""
    return "\n".join(css.read_text(encoding="utf-8") for css in page_stylesheets(page))
