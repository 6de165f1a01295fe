"""`pitboard serve` announces its address, and says plainly when that address is taken."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from pitboard.cli import app


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
