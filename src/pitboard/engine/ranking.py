"""Ordering a standings table: totals, then the rule set's tie-break, then organisers' decisions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pitboard.rules import PlaceNumbering, RuleSet, TieBreak


@dataclass
class Contender:
    """A row being ranked: its total, the class places it took, and any decision rank."""

    name: str
    total: Decimal
    places: Counter[int] = field(default_factory=Counter)
    first_best: tuple[int, int] = (1_000_000, 0)  # (round, race) where its best place came first
    decision_rank: int | None = None  # index in an organisers' decision, if one names it


def countback(places: Counter[int], depth: int) -> tuple[int, ...]:
    """Most wins, then most seconds, ... down to `depth` places (negated, to sort ascending)."""
    return tuple(-places.get(place, 0) for place in range(1, depth + 1))


def sort_key(c: Contender, tie_break: TieBreak, depth: int) -> tuple[object, ...]:
    """One key for the whole tie-break order.

    1. higher total;
    2. with `countback`: more wins, then more seconds, and so on; with
       `countback_then_earliest`, then the row that reached its best place first;
    3. an organisers' decision recorded in the season (cars it names first, in its order).
    Rows still level share the place.
    """
    decided = c.decision_rank if c.decision_rank is not None else 1_000_000
    if tie_break is TieBreak.COUNTBACK:
        return (-c.total, countback(c.places, depth), (), decided)
    if tie_break is TieBreak.COUNTBACK_THEN_EARLIEST:
        return (-c.total, countback(c.places, depth), c.first_best, decided)
    return (-c.total, (), (), decided)


@dataclass(frozen=True)
class Ranked:
    contender: Contender
    position: int | None
    decided: bool  # a decision, not the rules, separated it from a row with the same key


def rank(contenders: Sequence[Contender], rules: RuleSet, tie_break: TieBreak) -> list[Ranked]:
    """Rank rows; level rows share a place, numbered densely or in the standard way."""
    depth = max((max(c.places, default=0) for c in contenders), default=0)
    ordered = sorted(
        contenders, key=lambda c: (sort_key(c, tie_break, depth), c.name.casefold())
    )
    keys = [sort_key(c, tie_break, depth) for c in ordered]
    split_by_decision = {
        partial for partial in {k[:-1] for k in keys}
        if len({k for k in keys if k[:-1] == partial}) > 1
    }
    ranked: list[Ranked] = []
    previous_key: tuple[object, ...] | None = None
    position = 0
    for index, (contender, key) in enumerate(zip(ordered, keys, strict=True), start=1):
        if not rules.rank_zero_totals and contender.total <= 0:  # below 0: a deduction
            ranked.append(Ranked(contender, None, decided=False))
            continue
        if key != previous_key:
            position = position + 1 if rules.place_numbering is PlaceNumbering.DENSE else index
        decided = key[:-1] in split_by_decision
        ranked.append(Ranked(contender, position, decided))
        previous_key = key
    return ranked
