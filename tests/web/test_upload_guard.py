"""An upload is checked before its body is read: the token first (401, or 403 where uploads are
off), then its size while it streams in (413), and an address that keeps sending wrong tokens is
answered 429 for a while. The import itself runs off the request loop: pages and API answers go
on while it works.

Requests are written by hand on a socket where it matters what the server answers before the
client has sent the whole body.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from pitboard.office import open_store
from pitboard.store.scratch import scratch_sqlite
from pitboard.store.store import Store
from pitboard.web.guard import WRONG_TOKENS_ALLOWED, WrongTokens
from pitboard.web.server import max_upload_bytes
from pitboard.web.uploads import upload_name
from tests.conftest import REPO, real_file

from .conftest import LE_MANS_ROUND, SEASON_2013, TOKEN, serve, wec_season

AUTH = {"Authorization": f"Bearer {TOKEN}"}
RESULTS = f"/api/v1/seasons/{SEASON_2013}/rounds/1/results"
LIMIT = 1024 * 1024  # the test servers' upload limit: 1 MB
GIGABYTE = 1024**3


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with scratch_sqlite(tmp_path_factory.mktemp("guard")) as url:
        opened = open_store(url)
        yield opened
        opened.close()


@pytest.fixture
def base(store: Store) -> Iterator[str]:
    """A server of its own per test (so the wrong-token count starts at nothing)."""
    with serve(store, max_upload_bytes=LIMIT) as url:
        yield url


def answer_before_body(base: str, path: str, headers: dict[str, str], first: bytes,
                       rest: Iterator[bytes] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send the request line, `headers` and the first bytes of a body, then the `rest` chunk
    by chunk while the server has not answered; return its answer, which must come before
    the body is complete (the request never says it is)."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        sock.sendall(head.encode("latin-1") + first)
        sock.settimeout(0.05)
        received = b""
        for chunk in rest or ():
            try:
                received += sock.recv(65536)
                break  # the server answered
            except TimeoutError:
                pass
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        sock.settimeout(10)
        while b"\r\n\r\n" not in received:
            more = sock.recv(65536)
            assert more, "the server closed without answering"
            received += more
        head_bytes, _, body = received.partition(b"\r\n\r\n")
        status_line, *lines = head_bytes.decode("latin-1").split("\r\n")
        found = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines)}
        while len(body) < int(found.get("content-length", 0)):
            more = sock.recv(65536)
            assert more, "the server closed in the middle of its answer"
            body += more
        return int(status_line.split()[1]), found, body


def test_an_upload_without_the_token_is_refused_before_its_body_is_read(base: str) -> None:
    status, headers, body = answer_before_body(
        base, RESULTS, {"Content-Type": "multipart/form-data; boundary=x",
                        "Content-Length": str(GIGABYTE)}, b"--x\r\n")
    assert status == 401
    assert headers["www-authenticate"] == "Bearer"
    assert b"Authorization: Bearer" in body


def test_a_wrong_token_is_refused_before_the_body_too(base: str) -> None:
    status, _, _ = answer_before_body(
        base, RESULTS, {"Authorization": "Bearer not-it", "Content-Length": str(GIGABYTE)},
        b"--x\r\n")
    assert status == 401


def test_uploads_are_off_without_a_server_token(store: Store) -> None:
    with serve(store, token=None) as url:
        status, _, body = answer_before_body(url, RESULTS, {"Content-Length": str(GIGABYTE)},
                                             b"x")
    assert status == 403
    assert b"uploads are off" in body


def test_a_declared_length_past_the_limit_is_refused_at_once(base: str) -> None:
    status, headers, body = answer_before_body(
        base, RESULTS, {**AUTH, "Content-Type": "multipart/form-data; boundary=x",
                        "Content-Length": str(LIMIT + 1)}, b"--x\r\n")
    assert status == 413
    assert f"{LIMIT:,} bytes".encode() in body
    assert headers["x-frame-options"] == "DENY"  # the guard's answers carry the headers too


def test_a_streamed_body_is_refused_as_it_passes_the_limit(base: str) -> None:
    """Chunked, so no length is declared: the server counts as it reads, and answers 413
    once past the limit, while the client still has more than twice the limit to send."""
    chunk = 64 * 1024
    piece = f"{chunk:x}\r\n".encode() + b"a" * chunk + b"\r\n"
    form_start = (b"--x\r\nContent-Disposition: form-data; name=\"file\"; "
                  b"filename=\"big.csv\"\r\n\r\n")
    first = f"{len(form_start):x}\r\n".encode() + form_start + b"\r\n"
    pieces = iter([piece] * (3 * LIMIT // chunk))
    status, _, _ = answer_before_body(
        base, RESULTS, {**AUTH, "Content-Type": "multipart/form-data; boundary=x",
                        "Transfer-Encoding": "chunked"}, first, pieces)
    assert status == 413
    assert len(list(pieces)) > LIMIT // chunk  # answered with most of the body still unsent


def _admin_form_start(token: str) -> bytes:
    return (b"--x\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token.encode()
            + b"\r\n--x\r\nContent-Disposition: form-data; name=\"file\"; "
            b"filename=\"results.csv\"\r\nContent-Type: text/csv\r\n\r\nround,class\r\n")


def test_the_admin_form_with_a_wrong_token_is_answered_before_the_file_is_read(
    base: str,
) -> None:
    status, headers, body = answer_before_body(
        base, "/admin", {"Content-Type": "multipart/form-data; boundary=x",
                         "Content-Length": str(LIMIT - 1)}, _admin_form_start("not-it"))
    assert status == 401
    assert headers["content-type"].startswith("text/html")
    assert b"The token is not the one the server was started with." in body


def test_the_admin_form_with_the_token_is_read_and_imported(base: str) -> None:
    csv = (REPO / "src/pitboard/data" / SEASON_2013 / "results.csv").read_text("utf-8")
    inje = "\n".join(ln for ln in csv.splitlines() if ln.startswith(("round,", "1,"))) + "\n"
    answer = httpx.post(f"{base}/admin", data={
        "token": TOKEN, "season": SEASON_2013, "round": "1", "race": "1", "kind": "results"},
        files={"file": ("inje.csv", inje.encode())}, timeout=30)
    assert answer.status_code == 200, answer.text
    assert "inje.csv: imported" in answer.text


def test_the_admin_form_without_a_file_asks_for_one(base: str) -> None:
    answer = httpx.post(f"{base}/admin", data={
        "token": TOKEN, "season": SEASON_2013, "round": "1", "race": "1", "kind": "results"},
        files={"file": ("", b"")}, timeout=30)
    assert answer.status_code == 422
    assert "Choose a file to upload." in answer.text


def test_an_address_sending_wrong_tokens_waits(base: str) -> None:
    with httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(WRONG_TOKENS_ALLOWED):
            wrong = client.post(RESULTS, headers={"Authorization": "Bearer guess"},
                                files={"file": ("a.csv", b"x")})
            assert wrong.status_code == 401
        blocked = client.post(RESULTS, headers=AUTH, files={"file": ("a.csv", b"x")})
        assert blocked.status_code == 429
        assert 1 <= int(blocked.headers["retry-after"]) <= 60
        form = client.post("/admin", data={"token": TOKEN}, files={"file": ("a.csv", b"x")})
        assert form.status_code == 429
        assert client.get("/api/v1/seasons").status_code == 200  # reads go on


def test_wrong_tokens_are_forgotten_after_the_window() -> None:
    count = WrongTokens(allowed=3, window=60.0)
    for second in (0.0, 1.0, 2.0):
        assert count.wait_seconds("10.0.0.1", now=second) == 0
        count.note("10.0.0.1", now=second)
    assert count.wait_seconds("10.0.0.1", now=3.0) == 57
    assert count.wait_seconds("10.0.0.2", now=3.0) == 0  # per address
    assert count.wait_seconds("10.0.0.1", now=60.5) == 0  # the first has left the window


@pytest.mark.parametrize(("sent", "known_as"), [
    ("..", "upload"), (".", "upload"), ("../../etc/passwd", "passwd"),
    ("C:\\results\\inje.csv", "inje.csv"),
])
def test_an_upload_s_file_name_is_its_last_part_made_safe(
    base: str, sent: str, known_as: str
) -> None:
    answer = httpx.post(f"{base}{RESULTS}", headers=AUTH, timeout=30,
                        files={"file": (sent, b"round,class\n1,GTX\n")})
    assert answer.status_code == 422
    assert {p["file"] for p in answer.json()["problems"]} == {known_as}


def test_control_characters_and_lone_surrogates_leave_an_upload_s_name() -> None:
    """(An HTTP client percent-encodes them in a form; a hand-written request need not.)"""
    assert upload_name("in\x00je\x1b.csv") == "in_je_.csv"
    assert upload_name("inje\ud800.csv") == "inje_.csv"
    assert upload_name(None) == "upload"


def test_a_long_file_name_is_shortened_keeping_its_suffix(base: str) -> None:
    answer = httpx.post(f"{base}{RESULTS}", headers=AUTH, timeout=30,
                        files={"file": ("r" * 300 + ".csv", b"round,class\n1,GTX\n")})
    assert answer.status_code == 422
    (name,) = {p["file"] for p in answer.json()["problems"]}
    assert len(name) <= 200
    assert name.startswith("rrrr") and name.endswith("….csv")


@pytest.mark.real_data
def test_readers_go_on_while_an_upload_imports(tmp_path: Path) -> None:
    """A 24-hour race's lap-by-lap file takes a while to check and store; answers to readers
    sent meanwhile come back in a fraction of that time."""
    season_file = wec_season(tmp_path / "wec", dt.date(2026, 1, 1))
    text = season_file.read_text(encoding="utf-8")
    le_mans_races = next(ln for ln in text.splitlines() if "le_mans_24h" in ln)
    season_file.write_text(text.replace(le_mans_races + "\n", ""), encoding="utf-8")
    race = real_file("alkamel", "wec_2025_le_mans_24h_race_analysis.csv").read_bytes()
    with scratch_sqlite(tmp_path) as url:
        store = open_store(url, load_bundled=False)
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        subprocess.run([sys.executable, "-m", "pitboard", "import", str(season_file),
                        "--database", url], env=env, check=True, capture_output=True)
        try:
            with serve(store) as base, httpx.Client(base_url=base, timeout=60) as client:
                done: dict[str, float] = {}

                def upload() -> None:
                    done["start"] = time.monotonic()
                    answer = client.post(
                        f"/api/v1/seasons/fia-wec/2025/rounds/{LE_MANS_ROUND}/races/1/timing",
                        headers=AUTH, files={"file": ("le_mans.csv", race)})
                    done["end"] = time.monotonic()
                    done["status"] = answer.status_code

                uploading = threading.Thread(target=upload)
                uploading.start()
                waits: list[float] = []
                while uploading.is_alive():
                    sent = time.monotonic()
                    assert client.get(f"/api/v1/seasons?offset={len(waits) % 5}"
                                      ).status_code == 200
                    if uploading.is_alive():
                        waits.append(time.monotonic() - sent)
                uploading.join()
        finally:
            store.close()
    assert done["status"] == 200
    took = done["end"] - done["start"]
    # Were the import run on the request loop, no answer would come until it ended.
    assert len(waits) >= 3, f"only {len(waits)} reads answered during a {took:.2f} s import"
    assert statistics.median(waits) < took / 4


def test_the_upload_limit_is_set_in_megabytes() -> None:
    assert max_upload_bytes(None) == 64 * 1024 * 1024
    assert max_upload_bytes("0.5") == 512 * 1024


@pytest.mark.parametrize("value", ["abc", "0", "-3", "100000", "nan"])
def test_a_wrong_upload_limit_is_refused_by_serve(value: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PITBOARD_MAX_UPLOAD_MB": value,
           "PITBOARD_HOME": "/nonexistent-not-needed"}
    run = subprocess.run([sys.executable, "-m", "pitboard", "serve", "--port", "1"],
                         env=env, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert "PITBOARD_MAX_UPLOAD_MB" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
