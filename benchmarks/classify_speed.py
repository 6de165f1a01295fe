"""How long `classify` takes on a 24-hour race, next to pyarrow merely parsing the same file.

Run: `.venv/bin/python benchmarks/classify_speed.py [ANALYSIS.csv ...]`. Without arguments it
uses the 2025 Le Mans Analysis file (../shared/data/real) and a generated 62-car 24-hour race.
Each file is measured in a fresh process so the memory figure is that file's alone.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROUNDS = 60


def _timed(func: Callable[[], None]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def measure(path: Path) -> dict[str, float]:
    """Run in a fresh process: parse time, classify time, and peak memory of one classify.

    `classify` is what `pitboard classify FILE` does for an Analysis race before printing:
    `race_columns` (the format sniffed from the file's first 4 KiB, then the checked read into
    lap columns) and the columnar classification. Imports are done and the libraries warmed on
    a short file first, so neither time nor memory counts them. Memory is the growth of the peak
    resident size over one read + classify. The two timings alternate, best of ROUNDS each, so
    load from other processes weighs on both alike.
    """
    import pyarrow.csv as pa_csv

    from pitboard.cli.timing_commands import race_columns
    from pitboard.engine.lap_columns import classify_lap_columns
    from pitboard.rules import RuleSet

    rules = RuleSet()

    def run(target: Path) -> None:
        columns = race_columns(target)
        assert columns is not None, f"{target} is not an Al Kamel Analysis race file"
        classify_lap_columns(columns, rules)

    def parse() -> None:
        pa_csv.read_csv(path, parse_options=pa_csv.ParseOptions(delimiter=";"))

    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short_race.csv"
        short.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:300]))
        run(short)
        parse()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    run(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    parse_times, classify_times = [], []
    for _ in range(ROUNDS):
        parse_times.append(_timed(parse))
        classify_times.append(_timed(lambda: run(path)))
    return {"parse": min(parse_times), "classify": min(classify_times),
            "memory": peak - before, "size": path.stat().st_size}


def main(paths: list[Path]) -> None:
    print(f"{'file':44} {'size':>8} {'pyarrow parse':>14} {'classify':>10} {'ratio':>6} "
          f"{'memory':>9} {'x size':>7}")
    for path in paths:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(path)],
            check=True, capture_output=True, text=True, env={**os.environ},
        ).stdout
        m = json.loads(out)
        print(f"{path.name[:44]:44} {m['size'] / 1e6:7.1f}M {m['parse'] * 1000:12.0f}ms "
              f"{m['classify'] * 1000:8.0f}ms {m['classify'] / m['parse']:6.1f} "
              f"{m['memory'] / 1e6:8.0f}M {m['memory'] / m['size']:7.1f}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(Path(sys.argv[2]))))
        sys.exit(0)
    if len(sys.argv) > 1:
        main([Path(p) for p in sys.argv[1:]])
        sys.exit(0)
    sys.path.insert(0, str(HERE))
    from generate_race import generate

    shared = Path(os.environ.get("PITBOARD_SHARED", REPO.parent / "shared"))
    real = shared / "data" / "real" / "alkamel" / "wec_2025_le_mans_24h_race_analysis.csv"
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated_24h_62_cars.csv"
        generate(generated)
        main([p for p in (real, generated) if p.exists()])
