"""Session fixtures: the built site, a local server for it, and headless Chromium."""

from __future__ import annotations

import os

import pytest

from helpers import BUILD_HTML, CHROMIUM, CHROMIUM_ARGS, build_site, serve_directory


@pytest.fixture(scope="session")
def site_build():
    """Build the site once per session (cached notebook execution keeps reruns quick)."""
    return build_site()


@pytest.fixture(scope="session")
def site_url(site_build):
    assert site_build.returncode == 0, site_build.stdout[-5000:] + site_build.stderr[-5000:]
    with serve_directory(BUILD_HTML) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `bash .ci/system-packages.sh` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def sources_stay_untouched():
    """No test may write to the book's sources (JupyterLab, for one, saves what it opens)."""
    import hashlib

    from helpers import ROOT

    def snapshot():
        return {
            str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("book", "homework", "loaded_dice", "tools")
            for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts
        }

    before = snapshot()
    yield
    after = snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [], f"the test run modified source files: {changed}"
