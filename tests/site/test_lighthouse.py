"""Lighthouse budgets on the heaviest chapter page and the lightest one.

This test asserts the budgets that do not depend on how busy the machine is: bytes transferred,
layout shift, and Lighthouse's accessibility, best-practice and SEO audits. The timing scores
(performance, total blocking time) are measured and printed by ``make audit`` (a benchmark, run
on a quiet machine), not asserted here: on a shared 2-core machine they swing by 30 points
between runs of the same build.

The site is served gzipped with a one-hour cache header (as a static host serves it) and
audited with the Lighthouse pinned in tools/audit (``make test`` installs it via
``make audit-env``), mobile and desktop, on Debian's Chromium. ``make audit`` prints the same
numbers for every chapter.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys

import pytest

from helpers import BUILD_HTML, ROOT, toc_files

MAX_BYTES = 800_000
MAX_CLS = 0.05


def _audit_module():
    """scripts/audit.py, the code behind `make audit` (loaded once)."""
    if "loaded_dice_audit" not in sys.modules:
        spec = importlib.util.spec_from_file_location("loaded_dice_audit", ROOT / "scripts" / "audit.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["loaded_dice_audit"]


def page_weight(doc: str) -> int:
    """Gzipped HTML plus the figures a chapter page shows: what makes one page heavier."""
    page = BUILD_HTML / f"{doc}.html"
    text = page.read_text(encoding="utf-8")
    images = {(page.parent / src).resolve() for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)}
    return len(gzip.compress(text.encode())) + sum(p.stat().st_size for p in images if p.is_file())


def heaviest_and_lightest() -> list[str]:
    chapters = [doc for doc in toc_files() if doc.split("/")[-1][:2].isdigit()]
    ranked = sorted(chapters, key=page_weight)
    return [ranked[-1], ranked[0]]


@pytest.fixture(scope="module")
def audits(site_build):
    assert site_build.returncode == 0, site_build.stdout[-3000:] + site_build.stderr[-3000:]
    audit = _audit_module()
    if not audit.LIGHTHOUSE.exists():
        pytest.fail(f"{audit.LIGHTHOUSE} is missing: run `make audit-env`")
    with audit.serve_gzipped(BUILD_HTML) as base:
        yield {doc: audit.audit_page(base, doc) for doc in heaviest_and_lightest()}


@pytest.mark.slow
def test_chapter_pages_meet_the_lighthouse_budget(audits):
    audit = _audit_module()
    print("\n" + audit.table(list(audits.values())))
    for doc, r in audits.items():
        assert r.accessibility == 100 and r.best_practices == 100, (doc, r.failed_audits)
        assert r.seo >= 95, (doc, r.failed_audits)
        assert r.transferred <= MAX_BYTES, (doc, r.transferred)
        assert r.cls <= MAX_CLS, (doc, r.cls)


def test_the_server_gzips_and_caches(site_build):
    """The audit measures what a static host sends: gzip for text, an hour of caching."""
    import urllib.request

    audit = _audit_module()
    with audit.serve_gzipped(BUILD_HTML) as base:
        req = urllib.request.Request(f"{base}/book/intro.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as resp:
            body = resp.read()
            assert resp.headers["Content-Encoding"] == "gzip"
            assert resp.headers["Cache-Control"] == "public, max-age=3600"
            assert gzip.decompress(body) == (BUILD_HTML / "book" / "intro.html").read_bytes()
