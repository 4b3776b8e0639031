"""A real JupyterLab on 127.0.0.1, set up the way Binder sets it up.

The server runs from the test environment (which holds requirements.txt plus JupyterLab,
as Binder's image does) with a scratch HOME on which binder/postBuild has been run, so
it sees exactly the notebook-opening configuration that Binder applies.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, free_port


@dataclass
class Lab:
    url: str  # base URL, e.g. http://127.0.0.1:8888
    token: str
    root: Path  # the folder JupyterLab serves: a scratch copy of book/
    home: Path

    def page(self, path: str) -> str:
        """Full URL of a JupyterLab path such as 'lab/tree/book/x.md', with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.url}/{path}{sep}token={self.token}"


def _answers(status_url: str) -> bool:
    """True once the server answers its status URL; False while the port is still closed."""
    try:
        with urllib.request.urlopen(status_url, timeout=30) as response:
            return response.status == 200
    except ConnectionRefusedError:
        return False
    except urllib.error.URLError as err:
        if isinstance(err.reason, ConnectionRefusedError):
            return False
        raise


def _wait_until_serving(proc, log_path: Path, url: str, deadline_s: float) -> bool:
    """Copy the server's output to ``log_path`` and return True once it says it serves ``url``.

    Waits on the server's own announcement (a line naming its URL), read as it is written; a
    thread keeps copying the output afterwards. False if the server exits first or stays silent
    for ``deadline_s`` seconds.
    """
    settled = threading.Event()  # the server announced its URL, or its output ended
    announced = []
    log = open(log_path, "w")

    def copy():
        with log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if not announced and url in line:
                    announced.append(line)
                    settled.set()
        settled.set()

    threading.Thread(target=copy, daemon=True).start()
    settled.wait(deadline_s)
    return bool(announced)


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab-home")
    bindir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1")
    # The same script Binder runs after installing the environment.
    post = subprocess.run(["bash", str(ROOT / "binder" / "postBuild")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert post.returncode == 0, post.stderr
    # JupyterLab saves what it opens (kernel metadata, autosave): serve a copy of the book,
    # at the same paths as on Binder (lab/tree/book/<chapter>.md), never the sources.
    lab_root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "book", lab_root / "book", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    port, token = free_port(), secrets.token_hex(16)
    proc = subprocess.Popen(
        [str(bindir / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={lab_root}",
         "--LabApp.news_url=None", "--allow-root", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=lab_root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    log_path = home / "jupyterlab.log"
    ready = _wait_until_serving(proc, log_path, url, deadline_s=120)
    if not ready:
        proc.kill()
        proc.wait()
        pytest.fail("JupyterLab did not start:\n" + log_path.read_text()[-4000:])
    # The server announces its URL just before its event loop opens the port (one loop turn
    # later): until it answers, a connection is refused at once, and is tried again.
    deadline = time.monotonic() + 60
    while not _answers(f"{url}/api/status?token={token}"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"JupyterLab announced {url} but does not answer there:\n"
                        + log_path.read_text()[-4000:])
    try:
        yield Lab(url=url, token=token, root=lab_root, home=home)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(home / ".local" / "share" / "jupyter" / "runtime", ignore_errors=True)
