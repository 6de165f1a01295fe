"""A property: a season file that names its results and penalties files, and the same files
imported one by one into the database, give the same standings, for any season and any
decisions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitboard.engine.standings import season_standings
from pitboard.ingest import load_season_file
from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store

CLASSES = ("P", "G")


@st.composite
def seasons(draw: st.DrawFn) -> dict[str, object]:
    """Rounds of one race each; per class 2-4 cars finishing in any order, some retired; and
    per round a few decisions (dsq, exclude, drop) on cars that ran."""
    rounds = draw(st.integers(1, 3))
    cars = {c: [f"{c[0]}{n}" for n in range(1, draw(st.integers(2, 4)) + 1)] for c in CLASSES}
    numbers = {car: str(10 * (i + 1) + j) for i, c in enumerate(CLASSES)
               for j, car in enumerate(cars[c])}
    results, decisions = [], {}
    for r in range(1, rounds + 1):
        for code in CLASSES:
            order = draw(st.permutations(cars[code]))
            retired = draw(st.sets(st.sampled_from(order), max_size=1))
            place = 0
            for car in order:
                if car in retired:
                    pos = "DNF"
                else:
                    place += 1
                    pos = str(place)
                pole = "yes" if car == order[0] else ""
                results.append(f"{r},{code},{pos},{numbers[car]},Team {car},Driver {car},"
                               f"{pole}")
        chosen = draw(st.lists(st.tuples(
            st.sampled_from(sorted(numbers.values())),
            st.sampled_from(["dsq", "exclude", "drop"]), st.integers(1, 3)),
            max_size=3, unique_by=lambda d: d[0]))
        if chosen:
            decisions[r] = [f"{n},{kind},{value if kind == 'drop' else ''},decided"
                            for n, kind, value in chosen]
    return {"rounds": rounds, "results": results, "decisions": decisions}


def _write(folder: Path, data: dict[str, object], *, named: bool) -> Path:
    """The season file; with `named`, it names the results and decisions files itself."""
    rounds = int(data["rounds"])  # type: ignore[call-overload]
    decisions: dict[int, list[str]] = data["decisions"]  # type: ignore[assignment]
    (folder / "results.csv").write_text(
        "round,class,pos,number,team,drivers,pole\n" + "\n".join(data["results"]) + "\n",
        encoding="utf-8")  # type: ignore[arg-type]
    calendar = []
    for r in range(1, rounds + 1):
        penalties = ""
        if r in decisions:
            (folder / f"decisions-{r}.csv").write_text(
                "number,kind,value,reason\n" + "\n".join(decisions[r]) + "\n", encoding="utf-8")
            if named:
                penalties = f", races: [{{number: 1, penalties: decisions-{r}.csv}}]"
        calendar.append(f"  - {{round: {r}, name: Round {r}{penalties}}}")
    season = folder / "season.yaml"
    season.write_text(
        "series: {id: prop, name: Property Cup}\nseason: \"1\"\n"
        "rules: {points: [10, 6, 4, 3], pole_points: 1}\n"
        "classes: [{code: P}, {code: G}]\n"
        + ("results: [results.csv]\n" if named else "")
        + "calendar:\n" + "\n".join(calendar) + "\n", encoding="utf-8")
    return season


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=seasons())
def test_the_season_file_and_the_imports_give_the_same_standings(data: dict[str, object]
                                                                  ) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "file").mkdir()
        (folder / "imports").mkdir()
        loaded = load_season_file(_write(folder / "file", data, named=True))
        expected = season_standings(loaded.season, loaded.rules)
        season = _write(folder / "imports", data, named=False)
        store = open_store(f"sqlite:///{folder / 'db.sqlite'}", load_bundled=False)
        try:
            import_paths(store, [season], Target())
            import_paths(store, [folder / "imports" / "results.csv"], Target("prop/1"))
            decisions: dict[int, list[str]] = data["decisions"]  # type: ignore[assignment]
            for r in sorted(decisions):
                import_paths(store, [folder / "imports" / f"decisions-{r}.csv"],
                             Target("prop/1", str(r)))
            view = store.view("prop/1")
            assert view is not None
            assert view.tables == expected
        finally:
            store.close()
