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


def _wait_until_serving(proc, log_path: Path, url: str, deadline_s: float) -> bool:
    """Copy the server's output to ``log_path`` and return True once it says it serves ``url``.

    Waits on the server's own announcement (a line naming its URL), read as it is written; a
    thread keeps copying the output afterwards. False if the server exits first or stays silent
    for ``deadline_s`` seconds.
    """
    announced = threading.Event()
    log = open(log_path, "w")

    def copy():
        with log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if url in line:
                    announced.set()
        announced.set()  # the server exited: stop waiting (poll() tells which)

    threading.Thread(target=copy, daemon=True).start()
    return announced.wait(deadline_s) and proc.poll() is None


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
    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=30) as response:
        assert response.status == 200
    try:
        yield Lab(url=url, token=token, root=lab_root, home=home)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(home / ".local" / "share" / "jupyter" / "runtime", ignore_errors=True)
