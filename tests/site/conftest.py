"""Fixtures for driving the in-page explorers on the built site."""

from __future__ import annotations

import pytest

from helpers import is_local


class Record(dict):
    """What went wrong while a page was open."""

    def assert_clean(self):
        assert self["external"] == [], "requests left localhost"
        assert self["pageerror"] == []
        assert self["console"] == []
        assert self["failed"] == []


@pytest.fixture
def offline_page(browser, site_url):
    """A fresh page whose every request leaving localhost fails; records what went wrong.

    Yields ``(page, record)``; ``record`` holds console errors, page errors, refused external
    requests and failed requests; ``record.assert_clean()`` checks that there were none.
    """
    context = browser.new_context(viewport={"width": 1100, "height": 900})
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
    yield page, record
    context.close()
