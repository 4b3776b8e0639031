"""Lighthouse over every chapter page of the built site, served as a static host serves it.

Usage: python scripts/audit.py [--pages book/05_mle ...] [--json OUT]

The site in _build/html is served on 127.0.0.1 with gzip (for text types) and a one-hour
``Cache-Control`` header. Lighthouse (pinned in tools/audit/package.json, installed there by
``make audit``) runs against Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default;
it never downloads a browser), once with the mobile defaults and once with the desktop
preset, and the script prints one Markdown table:

    page | desktop perf | mobile perf | transferred | mobile LCP | mobile TBT | CLS | a11y | best pr. | SEO

``transferred`` is Lighthouse's total byte weight on mobile (bytes over the wire, gzipped);
``CLS`` is the larger of the mobile and desktop layout shifts; the last three columns are the
lowest category score of the two runs.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD_HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text when the client accepts it, cached for an hour."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".woff2": "font/woff2",
        ".woff": "font/woff",
    }

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and ctype.startswith(GZIP_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_gzipped(directory: Path = BUILD_HTML):
    """Serve ``directory`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chapter_pages() -> list[str]:
    """Every chapter in _toc.yml (documents named book/NN_*), in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [f for f in files if Path(f).name[:2].isdigit()]


def run_lighthouse(url: str, form_factor: str) -> dict:
    """One Lighthouse run (``mobile`` or ``desktop``); returns the parsed JSON report."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make audit-env` (npm ci in tools/audit)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        if form_factor == "desktop":
            cmd.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROME_PATH}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url} ({form_factor}):\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


@dataclass
class PageAudit:
    page: str
    desktop_perf: int
    mobile_perf: int
    transferred: int  # bytes, mobile run
    mobile_lcp: float  # ms
    mobile_tbt: float  # ms
    cls: float  # max of mobile and desktop
    accessibility: int  # min of the two runs
    best_practices: int
    seo: int
    failed_audits: dict  # category -> ids of audits scoring below 1 (non-performance)


def _score(report: dict, category: str) -> int:
    return round(100 * (report["categories"][category]["score"] or 0))


def _failed(report: dict) -> dict:
    out = {}
    for cat in CATEGORIES[1:]:
        ids = [
            ref["id"]
            for ref in report["categories"][cat]["auditRefs"]
            if ref.get("weight", 0) > 0 and (report["audits"][ref["id"]].get("score") not in (None, 1))
        ]
        if ids:
            out[cat] = ids
    return out


def audit_page(base_url: str, page: str) -> PageAudit:
    url = f"{base_url}/{page}.html"
    mobile = run_lighthouse(url, "mobile")
    desktop = run_lighthouse(url, "desktop")
    m = mobile["audits"]
    failed = _failed(mobile)
    for cat, ids in _failed(desktop).items():
        failed[cat] = sorted(set(failed.get(cat, [])) | set(ids))
    return PageAudit(
        page=page,
        desktop_perf=_score(desktop, "performance"),
        mobile_perf=_score(mobile, "performance"),
        transferred=int(m["total-byte-weight"]["numericValue"]),
        mobile_lcp=float(m["largest-contentful-paint"]["numericValue"]),
        mobile_tbt=float(m["total-blocking-time"]["numericValue"]),
        cls=max(
            float(m["cumulative-layout-shift"]["numericValue"]),
            float(desktop["audits"]["cumulative-layout-shift"]["numericValue"]),
        ),
        accessibility=min(_score(mobile, "accessibility"), _score(desktop, "accessibility")),
        best_practices=min(_score(mobile, "best-practices"), _score(desktop, "best-practices")),
        seo=min(_score(mobile, "seo"), _score(desktop, "seo")),
        failed_audits=failed,
    )


def table(rows: list[PageAudit]) -> str:
    lines = [
        "| page | desktop perf | mobile perf | transferred | mobile LCP | mobile TBT | CLS | a11y | best pr. | SEO |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {Path(r.page).name} | {r.desktop_perf} | {r.mobile_perf} | {r.transferred / 1000:.0f} KB "
            f"| {r.mobile_lcp / 1000:.1f} s | {r.mobile_tbt:.0f} ms | {r.cls:.3f} "
            f"| {r.accessibility} | {r.best_practices} | {r.seo} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="documents to audit (default: every chapter)")
    parser.add_argument("--json", type=Path, default=ROOT / "_build" / "audit.json")
    parser.add_argument("--site", type=Path, default=BUILD_HTML, help="the built site (default _build/html)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print("No built site in _build/html: run `make book` first.", file=sys.stderr)
        return 2
    pages = args.pages or chapter_pages()
    rows = []
    with serve_gzipped(args.site) as base:
        for page in pages:
            print(f"auditing {page} ...", file=sys.stderr, flush=True)
            rows.append(audit_page(base, page))
    print(table(rows))
    for r in rows:
        if r.failed_audits:
            print(f"{Path(r.page).name}: audits below full marks: {r.failed_audits}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
