"""One round as data and text: qualifying and grid, then each race's class results with points."""

from __future__ import annotations

from pitboard.domain import CarClass, Round, Season
from pitboard.engine.field import scores_car
from pitboard.engine.points import score_race
from pitboard.engine.qualifying import class_poles, grid_order
from pitboard.output.schema import SCHEMA_VERSION, number, round_out, season_out
from pitboard.rules import RuleSet


def round_document(season: Season, rules: RuleSet, rnd: Round) -> dict[str, object]:
    """A JSON-ready document of a round, in the schema of docs/json-schema.md."""
    qualifying: list[dict[str, object]] = []
    if rnd.qualifying is not None:
        poles = class_poles(rnd.qualifying)
        for grid, line in enumerate(grid_order(rnd.qualifying), start=1):
            qualifying.append(
                {
                    "grid": grid,
                    "position": line.order,
                    "class": line.class_code,
                    "number": line.number,
                    "team": line.team,
                    "drivers": list(line.drivers),
                    "time": line.time,
                    "time_seconds": line.time_seconds,
                    "disallowed": line.disallowed,
                    "class_pole": poles.get(line.class_code) == line.number
                    and not line.disallowed,
                    "note": line.note,
                }
            )
    races = []
    order = season.class_codes()
    for race in rnd.races:
        scored = score_race(race, rules, season, rnd)
        overall = race.has_overall_order()  # else `position` is null: only class places
        in_order = sorted(scored.items(), key=lambda item: order.index(item[0])
                          if item[0] in order else len(order))
        races.append(
            {
                "number": race.number,
                "name": race.name,
                "classes": [
                    {
                        "class": code,
                        "scored": (season.car_class(code) or CarClass(code=code)).scored,
                        "rows": [
                            {
                                "class_position": s.class_position,
                                "position": s.line.position
                                if s.line.position is not None
                                else (s.line.order if s.line.status.is_classified
                                      and overall else None),
                                "status": s.line.status.value,
                                "number": s.line.number,
                                "team": s.line.team,
                                "drivers": [season.canonical_driver(d) for d in s.line.drivers],
                                "chassis": s.line.chassis,
                                "engine": s.line.engine,
                                "manufacturer": s.line.manufacturer,
                                "laps": s.line.laps,
                                "time": s.line.time,
                                "pole": s.pole,
                                # null for a car that can score nothing here (a class
                                # not scored, a guest car, an excluded one): not a 0
                                "points": number(s.points)
                                if scores_car(s.line, season, rules) else None,
                                "note": s.line.note,
                            }
                            for s in lines
                        ],
                    }
                    for code, lines in in_order
                ],
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "season": season_out(season, rules).model_dump(mode="json"),
        "round": round_out(rnd).model_dump(mode="json"),
        "qualifying": qualifying,
        "races": races,
    }


def round_markdown(document: dict[str, object]) -> str:
    rnd = document["round"]
    assert isinstance(rnd, dict)
    parts = [f"# {rnd['name']}", ""]
    qualifying = document.get("qualifying")
    if isinstance(qualifying, list) and qualifying:
        parts += ["## Qualifying", "", "| Grid | Class | No | Team | Driver | Time |",
                  "|---|---|---|---|---|---|"]
        parts += [
            f"| {q['grid']} | {q['class']} | {q['number'] or ''} | {q['team']} | "
            f"{', '.join(q['drivers'])} | {q['time'] or ''} |"
            for q in qualifying
        ]
        parts.append("")
    races = document.get("races")
    assert isinstance(races, list)
    for race in races:
        for cls in race["classes"]:
            parts += [f"## {race['name']} — {cls['class']}", "",
                      "| Pos | No | Team | Drivers | Laps | Points |", "|---|---|---|---|---|---|"]
            for row in cls["rows"]:
                pos = row["class_position"] or row["status"]
                laps = "" if row["laps"] is None else row["laps"]
                parts.append(
                    f"| {pos} | {row['number'] or ''} | {row['team']} | "
                    f"{' / '.join(row['drivers'])} | {laps} | {points_text(row['points'])} |"
                )
            parts.append("")
    return "\n".join(parts)


def points_text(points: object) -> str:
    """A result line's points as the faces print them: "unscored" for a class that scores
    nothing here, never a 0 that would read as scored and empty."""
    return "unscored" if points is None else str(points)
