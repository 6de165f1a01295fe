"""Write a made-up 24-hour race of 62 cars as an Al Kamel Analysis CSV (2024+ layout).

Lap and sector times, driver changes, pit stops and the finish are generated from a seeded
random source, so the same file comes out every time: `python benchmarks/generate_race.py OUT`.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pitboard.formats.text import format_duration

HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; "
    "S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; KPH; ELAPSED; HOUR;S1_LARGE;"
    "S2_LARGE;S3_LARGE;TOP_SPEED;DRIVER_NAME;PIT_TIME;CLASS;GROUP;TEAM;MANUFACTURER;FLAG_AT_FL;"
    "S1_SECONDS;S2_SECONDS;S3_SECONDS;"
)
CLASSES = (("HYPERCAR", 21, 208.0), ("LMP2", 17, 218.0), ("LMGT3", 24, 238.0))
DURATION = 24 * 3600.0


def generate(
    target: Path,
    seed: int = 24,
    duration: float = DURATION,
    classes: tuple[tuple[str, int, float], ...] = CLASSES,
) -> int:
    """Write the file; returns the number of lap rows."""
    rng = random.Random(seed)
    rows = [HEADER]
    cars = []
    number = 1
    for class_code, count, base in classes:
        for _ in range(count):
            cars.append((str(number), class_code, base + rng.uniform(0, 6)))
            number += 1
    # Run every car to the leader's finish: the first crossing after the scheduled time.
    runs = []
    for car_number, class_code, pace in cars:
        retires = rng.random() < 0.25
        retire_at = rng.uniform(min(3600, duration / 6), duration * 3) if retires else None
        elapsed, lap, laps = 0.0, 0, []
        pit_next = False
        while True:
            lap += 1
            time = pace * rng.uniform(0.99, 1.04)
            pit_time = rng.uniform(60, 90) if pit_next else None
            if pit_time:
                time += pit_time
            elapsed += time
            pit_in = lap % 13 == 0
            laps.append((lap, time, elapsed, pit_in, pit_time))
            pit_next = pit_in
            if retire_at is not None and elapsed > retire_at:
                break
            if elapsed > duration + 600:
                break
        runs.append((car_number, class_code, laps))
    finish = min(next(e for (_, _, e, _, _) in laps if e >= duration) for _, _, laps in runs
                 if laps[-1][2] >= duration)
    for car_number, class_code, laps in runs:
        for lap, time, elapsed, pit_in, pit_time in laps:
            driver = (lap // 39) % 3 + 1
            s1, s2 = time * 0.2, time * 0.38
            s3 = time - s1 - s2
            flag = "FF" if elapsed >= finish else "GF"
            rows.append(
                f"{car_number};{driver};{lap};{format_duration(time)};0;{'B' if pit_in else ''};"
                f"{format_duration(s1)};0;{format_duration(s2)};0;{format_duration(s3)};0;220.1;{format_duration(elapsed)};"
                f"16:00:00.000;{format_duration(s1)};{format_duration(s2)};{format_duration(s3)};320.5;"
                f"Driver {car_number}-{driver};{format_duration(pit_time) if pit_time else ''};"
                f"{class_code};;Team {car_number};Make;{flag};{s1:.3f};{s2:.3f};{s3:.3f};"
            )
            if elapsed >= finish:
                break
    target.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return len(rows) - 1


# The bundled demo race (src/pitboard/data/pitboard-demo/): one hour, 14 cars in two classes.
DEMO = {"seed": 2026, "duration": 3600.0, "classes": (("LMP2", 6, 98.0), ("GT3", 8, 108.0))}


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--demo":
        out = Path(sys.argv[2])
        print(f"{generate(out, **DEMO)} laps written to {out}")  # type: ignore[arg-type]
    else:
        out = Path(sys.argv[1] if len(sys.argv) > 1 else "generated_24h_race.csv")
        print(f"{generate(out)} laps written to {out}")
