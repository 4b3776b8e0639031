"""The test web server's error reporting (tests/helpers.py)."""

from __future__ import annotations

import functools

from helpers import QuietHandler, QuietServer


def _report(server, error):
    try:
        raise error
    except type(error):
        server.handle_error(None, ("127.0.0.1", 1))


def test_a_client_that_went_away_is_not_reported_but_other_errors_are(capfd, tmp_path):
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
            _report(server, gone)
            assert capfd.readouterr().err == ""
        _report(server, ValueError("a fault of the server"))
        assert "ValueError: a fault of the server" in capfd.readouterr().err
    finally:
        server.server_close()
