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
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROUNDS = 15


def _best(func: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def measure(path: Path) -> dict[str, float]:
    """Run in a fresh process: parse time, classify time, and peak memory of one classify.

    `classify` is what `pitboard classify FILE` does for an Analysis race: the checked read into
    lap columns and the columnar classification. Memory is the growth of the peak resident size
    over one read + classify, after the libraries are loaded and warmed on a short file.
    """
    import pyarrow.csv as pa_csv

    from pitboard.engine.lap_columns import classify_lap_columns
    from pitboard.formats.alkamel.analysis import read_analysis_columns
    from pitboard.rules import RuleSet

    rules = RuleSet()

    def run(target: Path) -> None:
        columns = read_analysis_columns(target)
        classify_lap_columns(columns.session, columns.laps, rules)

    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.csv"
        short.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:300]))
        run(short)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    run(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    parse = _best(lambda: pa_csv.read_csv(path, parse_options=pa_csv.ParseOptions(delimiter=";")))
    full = _best(lambda: run(path))
    return {"parse": parse, "classify": full, "memory": peak - before,
            "size": path.stat().st_size}


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
