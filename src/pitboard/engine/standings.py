"""Standings: one table per championship, with the per-round breakdown, and as they stood after
each round.

"Did not take part" and "took part, scored 0" stay different: a row has a round cell only where
one of its cars was in that round, and a cell whose every race was a DNS counts as not taking part
(unless the rule set's record shows a non-starter as 0). Points adjustments of the season
(deductions, awarded points) are added to a row's total after the drop rules and kept on the row;
tie-breaks still count race places only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pitboard.domain import FinishStatus, InputError, Problem, Season
from pitboard.domain.standings import (
    AwardWinner,
    PointsAdjustment,
    RaceCell,
    RoundCell,
    StandingRow,
    StandingTable,
    TableKind,
)
from pitboard.engine.collect import (
    RowBuilder,
    Scored,
    ScoredRace,
    driver_rows,
    make_rows,
    team_rows,
)
from pitboard.engine.points import score_in_order
from pitboard.engine.ranking import Contender, rank
from pitboard.rules import Championship, NonStarter, RuleSet


def season_championships(season: Season, rules: RuleSet) -> tuple[Championship, ...]:
    """The season's championships that have results: the rule set's own, then the default set
    for each scored class none of them scores (a preset reused for a season with other
    classes), classes in the season's order."""
    present = {ln.class_code for rnd in season.held_rounds() for race in rnd.races
               for ln in race.results}
    codes = [
        code for code in season.class_codes()
        if code in present and ((found := season.car_class(code)) is None or found.scored)
    ]
    own = tuple(c for c in rules.championships if present.intersection(c.classes))
    covered = {code for c in rules.championships for code in c.classes}
    uncovered = [code for code in codes if code not in covered]
    default = rules.model_copy(update={"championships": ()}).championships_for(uncovered)
    return own + (default if uncovered else ())


def score_championship(
    season: Season, rules: RuleSet, championship: Championship
) -> list[ScoredRace]:
    """Every race of the held rounds a championship counts, scored on its order and rules
    (`rules` being the championship's own, `RuleSet.for_championship`)."""
    return [
        ScoredRace(rnd, race, score_in_order(race, rules, championship, season, rnd))
        for rnd in season.held_rounds()
        if rnd.number is not None and championship.counts_round(rnd.number)
        for race in rnd.races
    ]


def _took_part(cell: RaceCell, rules: RuleSet) -> RaceCell:
    """A race cell marked with whether the car took part: it started or scored, or the rule
    set's record shows a non-starter as a race taken part in."""
    took_part = (cell.status.took_part or cell.points != 0
                 or rules.did_not_start is NonStarter.ZERO)
    return cell if took_part == cell.took_part else cell.model_copy(update={"took_part": took_part})


def _round_cells(builder: RowBuilder, rules: RuleSet) -> tuple[list[RoundCell], Decimal]:
    cells = []
    for number, races in sorted(builder.cells.items()):
        marked = tuple(_took_part(c, rules)
                       for c in sorted(races, key=lambda c: (c.race, c.number or "")))
        cells.append(RoundCell(
            round=number,
            points=sum((c.points for c in marked), Decimal(0)),
            races=marked,
            took_part=any(c.took_part for c in marked),
        ))
    counted = [c for c in cells if c.took_part]
    if rules.best_rounds is not None and len(counted) > rules.best_rounds:
        kept = sorted(counted, key=lambda c: (-c.points, c.round))[: rules.best_rounds]
        kept_rounds = {c.round for c in kept}
        cells = [
            c.model_copy(update={"dropped": c.took_part and c.round not in kept_rounds})
            for c in cells
        ]
    total = sum((c.points for c in cells if c.took_part and not c.dropped), Decimal(0))
    return cells, total


def _names_row(
    adjustment: PointsAdjustment,
    season: Season,
    kind: TableKind,
    name: str,
    teams: Iterable[str],
    numbers: Iterable[str | None],
) -> bool:
    """Whether an adjustment names this row: by the name its table gives it (a driver's other
    spellings too), or by a team the row scored for; and by a car it scored with."""
    if kind not in adjustment.tables:
        return False
    if adjustment.who:
        wanted = {adjustment.who.casefold()}
        if kind is TableKind.DRIVERS:
            wanted.add(season.canonical_driver(adjustment.who).casefold())
        if kind is not TableKind.MANUFACTURERS:
            wanted.add(season.canonical_team(adjustment.who).casefold())
        names = {name.casefold()} | {team.casefold() for team in teams}
        if not wanted & names:
            return False
    return adjustment.number is None or adjustment.number in set(numbers)


def _applied(
    adjustments: list[PointsAdjustment], season: Season, kind: TableKind, builder: RowBuilder
) -> tuple[PointsAdjustment, ...]:
    def numbers(adjustment: PointsAdjustment) -> list[str | None]:
        if adjustment.round is None:
            return list(builder.numbers)
        return [c.number for c in builder.cells.get(adjustment.round, [])]

    teams = builder.teams if kind is not TableKind.MANUFACTURERS else []
    return tuple(
        a for a in adjustments
        if _names_row(a, season, kind, builder.name, teams, numbers(a))
    )


def _table(
    season: Season,
    rules: RuleSet,
    championship: Championship,
    builders: Iterable[RowBuilder],
    decision_ranks: dict[str, int],
    decision_reason: str,
    up_to: int | None,
) -> StandingTable:
    kind = championship.table
    adjustments = [a for a in season.adjustments
                   if _adjusts(a, championship) and _counts_by(a, up_to)]
    contenders: list[Contender] = []
    built: dict[
        str, tuple[RowBuilder, list[RoundCell], Decimal, tuple[PointsAdjustment, ...]]
    ] = {}
    for builder in builders:
        cells, total = _round_cells(builder, rules)
        applied = _applied(adjustments, season, kind, builder)
        total += sum((a.points for a in applied), Decimal(0))
        built[builder.key] = (builder, cells, total, applied)
        contenders.append(
            Contender(
                name=builder.key,
                total=total,
                places=builder.places,
                first_best=builder.best[1:],
                decision_rank=decision_ranks.get(builder.key),
            )
        )
    rows = []
    for ranked in rank(contenders, rules, rules.tie_break.for_table(kind.value)):
        builder, cells, total, applied = built[ranked.contender.name]
        rows.append(
            StandingRow(
                position=ranked.position,
                name=builder.name,
                team=builder.team or None,
                teams=tuple(builder.teams),
                number=builder.number or None,
                numbers=tuple(builder.numbers),
                nationality=builder.nationality or None,
                rounds=tuple(cells),
                total=total,
                note=decision_reason if ranked.decided else "",
                adjustments=applied,
            )
        )
    return StandingTable(class_code=championship.class_label, kind=kind, rows=tuple(rows),
                         championship=championship.title, classes=championship.classes)


def _adjusts(adjustment: PointsAdjustment, championship: Championship) -> bool:
    """Whether an adjustment is for this championship's table: one of its tables, for a class
    it scores (a deduction from a car counts in every championship that car scores in)."""
    return championship.table in adjustment.tables and (
        adjustment.class_code in championship.classes
        or adjustment.class_code == championship.class_label
    )


def _counts_by(adjustment: PointsAdjustment, up_to: int | None) -> bool:
    """Whether an adjustment counts in the standings after round `up_to` (None: the final
    standings): one of a round counts from that round on, one of no round at the end."""
    if up_to is None:
        return True
    return adjustment.round is not None and adjustment.round <= up_to


def championship_table(
    season: Season,
    rules: RuleSet,
    championship: Championship,
    scored: list[ScoredRace] | None = None,
    up_to: int | None = None,
) -> StandingTable:
    """A championship's table, from its scored races (scored here when not given); with
    `up_to`, as it stood after that round."""
    own = rules.for_championship(championship)
    races = scored if scored is not None else score_championship(season, own, championship)
    season_lines: list[Scored] = [(sr, sl) for sr in races for sl in sr.lines]
    lines = [(sr, sl) for sr, sl in season_lines if up_to is None or sr.round_number <= up_to]
    kind = championship.table
    if kind is TableKind.DRIVERS:
        builders = driver_rows(season, lines)
    elif kind is TableKind.TEAMS:
        builders = team_rows(season, lines, season_lines, championship.team_scoring,
                             championship.best_cars, championship.pole_from)
    else:
        builders = make_rows(lines, championship.best_cars, championship.pole_from)
    decisions = [
        d for d in season.decisions
        if (d.class_code in championship.classes or d.class_code == championship.class_label)
        and kind is not TableKind.MANUFACTURERS
        and (not d.tables or kind.value in d.tables)
    ]
    order = {number: i for d in decisions for i, number in enumerate(d.order)}
    ranks: dict[str, int] = {}
    for builder in builders:
        decided = [order[n] for n in builder.numbers if n in order]
        if decided and (kind is TableKind.DRIVERS or builder.number is not None):
            ranks[builder.key] = min(decided)
    reason = " ".join(d.reason for d in decisions)
    return _table(season, own, championship, builders, ranks, reason, up_to)


def season_standings(season: Season, rules: RuleSet) -> list[StandingTable]:
    """Every championship's table, in the order the rule set (or the season's classes) gives."""
    return [championship_table(season, rules, c) for c in season_championships(season, rules)]


def standings_after_rounds(season: Season, rules: RuleSet) -> dict[int, list[StandingTable]]:
    """The tables as they stood after each held round, ranked with the final tables' rules and
    tie-breaks. An adjustment of a round counts from that round on; one of no round, from the
    last round with results (so the last standings are the final ones)."""
    numbers = sorted(r.number for r in season.held_rounds() if r.number is not None)
    scored_rounds = [
        r.number for r in season.held_rounds()
        if r.number is not None and any(race.results for race in r.races)
    ]
    last = max(scored_rounds, default=None)
    per_championship = [
        (c, score_championship(season, rules.for_championship(c), c))
        for c in season_championships(season, rules)
    ]
    after: dict[int, list[StandingTable]] = {}
    for number in numbers:
        final = last is not None and number >= last
        after[number] = [
            championship_table(season, rules, c, scored, up_to=None if final else number)
            for c, scored in per_championship
        ]
    return after


@dataclass(frozen=True, slots=True)
class AdjustmentMiss:
    """An adjustment of the season that does not name exactly the rows it should in a table."""

    index: int  # in Season.adjustments
    adjustment: PointsAdjustment
    kind: TableKind
    named: tuple[str, ...]  # the rows it names: none, or several for a bare name
    rows: tuple[str, ...]  # every row of the table, to suggest the one meant


def adjustment_misses(season: Season, tables: list[StandingTable]) -> list[AdjustmentMiss]:
    """Adjustments that name no row of a table they are for (they would change nothing without a
    word), or whose bare name fits several rows (a team's two cars would each lose the points)."""
    misses = []
    for index, adjustment in enumerate(season.adjustments):
        for kind in adjustment.tables:
            chosen = [t for t in tables if t.scores(adjustment.class_code) and t.kind is kind]
            rows = tuple(r.name for t in chosen for r in t.rows)
            named_in = [tuple(r.name for r in t.rows if adjustment in r.adjustments)
                        for t in chosen]
            named = tuple(dict.fromkeys(n for names in named_in for n in names))
            several = any(len(names) > 1 for names in named_in)
            if not named or (several and adjustment.number is None):
                misses.append(AdjustmentMiss(index, adjustment, kind, named,
                                             tuple(dict.fromkeys(rows))))
    return misses


def award_winners(rules: RuleSet, tables: list[StandingTable]) -> list[AwardWinner]:
    """Who earns each award of the rule set (e.g. Le Mans invitations), derived from the tables."""
    winners: list[AwardWinner] = []
    for award in rules.awards:
        for table in tables:
            if award.championship:
                if award.championship != table.championship:
                    continue
            elif award.table != table.kind.value or (
                award.classes and table.class_code not in award.classes
            ):
                continue
            for row in table.rows:
                if row.position is not None and row.position <= award.top:
                    winners.append(
                        AwardWinner(
                            award=award.name,
                            class_code=table.class_code,
                            kind=table.kind,
                            position=row.position,
                            name=row.name,
                            championship=table.title,
                        )
                    )
    return winners


def select_tables(
    tables: list[StandingTable],
    where: str,
    class_code: str | None = None,
    kind: TableKind | None = None,
    championship: str | None = None,
    prefix: str = "--",
) -> list[StandingTable]:
    """The tables a class, a kind and a championship's title (any case) ask for: a class names
    every table filed under it or scoring it. An unknown class or title is an InputError
    naming the known ones (`where`: the season; `prefix`: "--" for options, "" for queries)."""
    if class_code is not None:
        known = sorted({t.class_code for t in tables} | {c for t in tables for c in t.classes})
        match = [c for c in known if c.casefold() == class_code.casefold()]
        if not match:
            raise InputError([Problem(where, None, f"{prefix}class", "one of " + ", ".join(known),
                                      repr(class_code))])
        tables = [t for t in tables if t.scores(match[0])]
    if kind is not None:
        tables = [t for t in tables if t.kind is kind]
    if championship is not None:
        titles = [t.title for t in tables]
        chosen = [t for t in tables if t.title.casefold() == championship.casefold()]
        if not chosen:
            raise InputError([Problem(where, None, f"{prefix}championship",
                                      "one of " + "; ".join(titles), repr(championship))])
        tables = chosen
    return tables


def champions(tables: list[StandingTable]) -> list[tuple[StandingTable, StandingRow]]:
    """The rows in first place of every table (several where first place is shared)."""
    return [(t, row) for t in tables for row in t.rows if row.position == 1]


__all__ = [
    "AdjustmentMiss",
    "FinishStatus",
    "ScoredRace",
    "adjustment_misses",
    "award_winners",
    "champions",
    "championship_table",
    "score_championship",
    "season_championships",
    "season_standings",
    "select_tables",
    "standings_after_rounds",
]
