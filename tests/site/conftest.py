"""Fixtures for driving the in-page explorers on the built site."""

from __future__ import annotations

import pytest

from helpers import open_offline


@pytest.fixture
def offline_page(browser, site_url):
    """A fresh page whose every request leaving localhost fails; records what went wrong.

    Yields ``(page, record)``; ``record`` holds console errors, page errors, refused external
    requests and failed requests; ``record.assert_clean()`` checks that there were none.
    """
    with open_offline(browser, viewport={"width": 1100, "height": 900}) as probe:
        yield probe
