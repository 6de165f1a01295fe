"""Load benchmark of the site and API: requests per second and latency under concurrent clients.

Not a test. Starts `pitboard serve` (Granian, one worker process unless --workers says more) on
a scratch SQLite database on a free loopback port, warms it, then loads each scenario for a
bounded time and prints a table (Markdown with --markdown). Loopback only; it stops by itself.

The load comes from `wrk` (a C load generator: `apt-get install wrk`) when it is on the PATH, so
the measuring side costs little of the two cores; otherwise from concurrent async httpx clients
in this process, whose own CPU use then blurs the server's figures. The output says which one
measured, and how much CPU the server and the client each used (100 % = one core).

    .venv/bin/python benchmarks/web_load.py [--seconds 10] [--clients 50,200] [--think 0,1]
                                            [--client auto|wrk|python] [--markdown]
                                            [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

SCENARIOS = {
    "standings page (HTML, GTC teams)":
        "/seasons/asian-le-mans-series/2013/standings?class=GTC&table=teams",
    "standings API (JSON, whole season)": "/api/v1/seasons/asian-le-mans-series/2013/standings",
    "standings API (JSON, GTC teams)":
        "/api/v1/seasons/asian-le-mans-series/2013/standings?class=GTC&table=teams",
}
WRK_SCRIPT = Path(__file__).resolve().with_name("web_load.lua")


@dataclass(frozen=True)
class Measure:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failed: int
    client_cpu_s: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(folder: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = shutil.which("pitboard") or str(Path(sys.executable).parent / "pitboard")
    env = {**os.environ, "PITBOARD_HOME": str(folder)}
    env.pop("PITBOARD_DATABASE_URL", None)
    server = subprocess.Popen(
        [command, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process and its descendants (the server's workers) have used so
    far (Linux /proc)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, grew = {pid}, True
    while grew:
        before = len(tree)
        tree |= {child for child, (parent, _) in stats.items() if parent in tree}
        grew = len(tree) > before
    return sum(stats[p][1] for p in tree if p in stats) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(wrk: str, url: str, clients: int, seconds: float, think: float) -> Measure:
    """One wrk thread (one core at most), `clients` keep-alive connections, each a user who
    pauses around `think` seconds between requests (0: back to back)."""
    before = children_cpu_seconds()
    done = subprocess.run(
        [wrk, "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s",
         "-s", str(WRK_SCRIPT), url, "--", str(round(think * 1000))],
        capture_output=True, text=True, check=True,
    )
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    failed = sum(summary[k] for k in ("connect_errors", "read_errors", "write_errors",
                                      "timeouts", "bad_status"))
    return Measure(summary["requests"], summary["microseconds"] / 1e6, summary["p50_us"] / 1000,
                   summary["p99_us"] / 1000, failed, children_cpu_seconds() - before)


async def python_load(base: str, path: str, clients: int, seconds: float,
                      think: float) -> tuple[float, float, list[float], int]:
    """(seconds, CPU seconds of this process, latencies, failures) of GETs from `clients`
    concurrent users for `seconds`.

    Each user keeps one connection, opened (and warmed) before the clock starts, and waits a
    random pause around `think` seconds between requests (0: back to back).
    """
    latencies: list[float] = []
    failures = 0
    ready = 0
    go = asyncio.Event()
    pauses = random.Random(7)
    deadline = 0.0

    async def worker() -> None:
        # One client (one keep-alive connection) per user: a shared pool of hundreds of
        # connections costs the measuring side more than the server.
        nonlocal failures, ready
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            (await client.get(path)).raise_for_status()
            ready += 1
            if ready == clients:
                go.set()
            await go.wait()
            if think:
                await asyncio.sleep(pauses.uniform(0, 2 * think))  # users do not act in step
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                answer = await client.get(path)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    failures += 1
                if think:
                    await asyncio.sleep(pauses.uniform(0.5 * think, 1.5 * think))

    tasks = [asyncio.create_task(worker()) for _ in range(clients)]
    await go.wait()
    began, cpu_began = time.perf_counter(), time.process_time()
    deadline = began + seconds
    await asyncio.gather(*tasks)
    return (time.perf_counter() - began, time.process_time() - cpu_began, latencies,
            failures)


def event_loop_run(coroutine: Any) -> Any:
    """Run on uvloop where installed: the measuring side then costs less."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def run_python(base: str, path: str, clients: int, seconds: float, think: float) -> Measure:
    elapsed, cpu, latencies, failures = event_loop_run(
        python_load(base, path, clients, seconds, think))
    ordered = sorted(latencies)
    return Measure(len(ordered), elapsed, percentile(ordered, 0.5) * 1000,
                   percentile(ordered, 0.99) * 1000, failures, cpu)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def server_stack(workers: int) -> str:
    return f"granian, {workers} worker process{'es' if workers > 1 else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="duration of each line")
    parser.add_argument("--clients", default="50,200", help="concurrent clients, comma-separated")
    parser.add_argument("--think", default="0,1",
                        help="mean pause of a user between requests, seconds, comma-separated")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator (auto: wrk if on the PATH, else python)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    thinks = [float(t) for t in args.think.split(",")]
    wrk = shutil.which("wrk") if args.client != "python" else None
    if args.client == "wrk" and wrk is None:
        parser.error("wrk is not on the PATH (Debian: apt-get install wrk)")
    tool = "wrk (1 thread)" if wrk else "python httpx async clients on uvloop (1 process)"
    print(f"load generator: {tool}; server: pitboard serve ({server_stack(args.workers)}); "
          f"{os.cpu_count()} CPUs, load average before {os.getloadavg()[0]:.2f}; "
          f"{args.seconds:g} s per line, loopback", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="pitboard-bench-") as folder:
        port = free_port()
        server = start_server(Path(folder), port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            for name, path in SCENARIOS.items():
                httpx.get(base + path, timeout=30).raise_for_status()  # computes and caches
                for think, clients in itertools.product(thinks, counts):
                    server_before = cpu_seconds(server.pid)
                    if wrk:
                        measure = run_wrk(wrk, base + path, clients, args.seconds, think)
                    else:
                        measure = run_python(base, path, clients, args.seconds, think)
                    server_cpu = cpu_seconds(server.pid) - server_before
                    rows.append((name, clients, think, measure, server_cpu))
                    if not args.markdown:
                        print(line(*rows[-1]), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    if args.markdown:
        print("| scenario | clients | pause s | requests/s | p50 ms | p99 ms | server CPU "
              "| client CPU | failed |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, clients, think, m, server_cpu in rows:
            print(f"| {name} | {clients} | {think:g} | {m.requests / m.seconds:.0f} "
                  f"| {m.p50_ms:.1f} | {m.p99_ms:.1f} | {100 * server_cpu / m.seconds:.0f} % "
                  f"| {100 * m.client_cpu_s / m.seconds:.0f} % | {m.failed} |")


def line(name: str, clients: int, think: float, m: Measure, server_cpu: float) -> str:
    return (f"{name:36} {clients:4} clients  pause {think:g} s  "
            f"{m.requests / m.seconds:7.0f} req/s  p50 {m.p50_ms:6.1f} ms  "
            f"p99 {m.p99_ms:6.1f} ms  server CPU {100 * server_cpu / m.seconds:3.0f} %  "
            f"client CPU {100 * m.client_cpu_s / m.seconds:3.0f} %  failed {m.failed}")


if __name__ == "__main__":
    main()
