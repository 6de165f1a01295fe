"""Load benchmark of the site and API: requests per second and latency under concurrent clients.

Not a test. Starts `pitboard serve` on a scratch SQLite database on a free loopback port, warms
it, then sends a bounded number of requests from N concurrent async clients (httpx) per
scenario, and prints a table (Markdown with --markdown). Loopback only; it stops by itself.

    .venv/bin/python benchmarks/web_load.py [--requests 4000] [--clients 50,200] [--markdown]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

SCENARIOS = {
    "standings page (HTML)": "/seasons/asian-le-mans-series/2013/standings?class=GTC&table=teams",
    "standings API (JSON)": "/api/v1/seasons/asian-le-mans-series/2013/standings",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(folder: Path, port: int) -> subprocess.Popen[bytes]:
    command = shutil.which("pitboard") or str(Path(sys.executable).parent / "pitboard")
    env = {**os.environ, "PITBOARD_HOME": str(folder)}
    env.pop("PITBOARD_DATABASE_URL", None)
    server = subprocess.Popen(
        [command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/seasons", timeout=2)
            return server
        except httpx.TransportError:
            if server.poll() is not None:
                raise RuntimeError("the server stopped: " + server.stdout.read().decode()
                                   if server.stdout else "") from None
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not answer within 60 s")


async def run(base: str, path: str, clients: int, total: int,
              think: float) -> tuple[float, list[float], int]:
    """(seconds, latencies, failures) of `total` GETs from `clients` concurrent users.

    Each user keeps one connection, opened (and warmed) before the clock starts, and waits a
    random pause around `think` seconds between requests (0: back to back, which measures
    saturation: then latency is simply clients / throughput).
    """
    latencies: list[float] = []
    failures = 0
    remaining = total
    ready = 0
    go = asyncio.Event()
    pauses = random.Random(7)

    async def worker() -> None:
        # One client (one keep-alive connection) per user: a shared pool of hundreds of
        # connections costs the measuring side more than the server.
        nonlocal remaining, failures, ready
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            (await client.get(path)).raise_for_status()
            ready += 1
            if ready == clients:
                go.set()
            await go.wait()
            if think:
                await asyncio.sleep(pauses.uniform(0, 2 * think))  # users do not act in step
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                answer = await client.get(path)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    failures += 1
                if think:
                    await asyncio.sleep(pauses.uniform(0.5 * think, 1.5 * think))

    tasks = [asyncio.create_task(worker()) for _ in range(clients)]
    await go.wait()
    began = time.perf_counter()
    await asyncio.gather(*tasks)
    return time.perf_counter() - began, latencies, failures


def event_loop_run(coroutine: Any) -> Any:
    """Run on uvloop where installed (it comes with pitboard's server): the measuring side
    then costs less and blurs the server's figures less."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="requests per scenario")
    parser.add_argument("--clients", default="50,200", help="concurrent clients, comma-separated")
    parser.add_argument("--think", default="0,1",
                        help="mean pause of a user between requests, seconds, comma-separated")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    thinks = [float(t) for t in args.think.split(",")]
    with tempfile.TemporaryDirectory(prefix="pitboard-bench-") as folder:
        port = free_port()
        server = start_server(Path(folder), port)
        base = f"http://127.0.0.1:{port}"
        try:
            rows = []
            for name, path in SCENARIOS.items():
                httpx.get(base + path, timeout=30).raise_for_status()  # computes and caches
                for think, clients in itertools.product(thinks, counts):
                    seconds, latencies, failures = event_loop_run(
                        run(base, path, clients, args.requests, think)
                    )
                    rows.append((name, clients, think, len(latencies) / seconds,
                                 statistics.median(latencies) * 1000,
                                 percentile(latencies, 0.99) * 1000, failures))
        finally:
            server.terminate()
            server.wait(timeout=10)
    if args.markdown:
        print("| scenario | clients | pause s | requests/s | p50 ms | p99 ms | failed |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, clients, think, rate, p50, p99, failed in rows:
            print(f"| {name} | {clients} | {think:g} | {rate:.0f} | {p50:.1f} | {p99:.1f} "
                  f"| {failed} |")
    else:
        for name, clients, think, rate, p50, p99, failed in rows:
            print(f"{name:24} {clients:4} clients  pause {think:g} s  {rate:7.0f} req/s  "
                  f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  failed {failed}")


if __name__ == "__main__":
    main()
