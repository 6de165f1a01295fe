"""`pitboard serve` announces its address, and says plainly when that address is taken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.store.store import REVISION_CHECK_SECONDS
from tests.web.conftest import free_port, row


def test_serve_on_a_taken_port_is_a_problem_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    output = " ".join(result.output.split())
    assert result.exit_code == 2
    assert f"found 127.0.0.1:{port} (Address already in use)" in output
    assert "serving" not in output


def _wait_for(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            if server.poll() is not None:
                raise AssertionError(f"pitboard serve stopped: {server.stdout.read()}") from None
            time.sleep(0.2)
    raise AssertionError("pitboard serve did not answer within 60 s")


def test_serve_runs_workers_that_share_one_database_and_take_uploads(tmp_path: Path) -> None:
    """The command itself: two Granian workers on a fresh home, the bundled record loaded once,
    uploads refused without the token and taken with it, and every worker seeing the change."""
    port = free_port()
    token = "serve-test-token"
    env = {**os.environ, "PITBOARD_HOME": str(tmp_path)}
    env.pop("PITBOARD_DATABASE_URL", None)
    env.pop("PITBOARD_TOKEN", None)
    command = [sys.executable, "-m", "pitboard", "serve", "--port", str(port),
               "--workers", "2", "--token", token]
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/api/v1/seasons/asian-le-mans-series/2013/standings?class=GTC&table=teams"
    csv = b"round,class,pos,number,team,drivers\n1,GTC,1,007,Craft Racing,Frank Yu\n"
    upload = f"{base}/api/v1/seasons/asian-le-mans-series/2013/rounds/1/results?replace=true"
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as server:
        try:
            _wait_for(f"{base}/api/v1/seasons", server)
            seasons = httpx.get(f"{base}/api/v1/seasons").json()
            assert {item["id"] for item in seasons["items"]} >= {
                "asian-le-mans-series/2009", "asian-le-mans-series/2013"}
            before = _total(httpx.get(url).json(), "AF Corse")
            refused = httpx.post(upload, files={"file": ("inje.csv", csv)})
            assert refused.status_code == 401
            taken = httpx.post(upload, files={"file": ("inje.csv", csv)},
                               headers={"Authorization": f"Bearer {token}"})
            assert taken.status_code == 200, taken.text
            time.sleep(REVISION_CHECK_SECONDS + 0.2)  # the other worker checks the database
            # New connections, so that both workers answer some of them.
            totals = {_total(httpx.get(url).json(), "AF Corse") for _ in range(20)}
            assert totals == {before - 25}
        finally:
            server.send_signal(signal.SIGINT)
            output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert output.strip() == f"pitboard: serving http://127.0.0.1:{port}"


def _total(document: dict[str, Any], team: str) -> int:
    return int(row(document, "GTC", "teams", team)["total"])
