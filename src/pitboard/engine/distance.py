"""The distance rule: a car covering less than a share of the winner's distance is NC."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pitboard.domain import FinishStatus, ResultLine
from pitboard.rules import RuleSet


def minimum_laps(winner_laps: int, rules: RuleSet) -> int:
    """The fewest whole laps that reach the rule's share of the winner's distance."""
    return math.ceil(winner_laps * rules.min_distance_share)


@dataclass(frozen=True)
class WinnersDistance:
    """The laps a car is measured against: the overall winner's, or its class winner's, as the
    rule set says. Built from the cars that can win (classified, flag taken where required)."""

    rules: RuleSet
    overall: int
    by_class: dict[str, int]

    @classmethod
    def of(cls, finishers: Iterable[tuple[str, int]], rules: RuleSet) -> WinnersDistance:
        """From (class, laps) of each car that counts as a finisher."""
        overall = 0
        by_class: dict[str, int] = {}
        for class_code, laps in finishers:
            overall = max(overall, laps)
            by_class[class_code] = max(by_class.get(class_code, 0), laps)
        return cls(rules, overall, by_class)

    def reference(self, class_code: str) -> int:
        if self.rules.distance_reference == "overall":
            return self.overall
        return self.by_class.get(class_code, 0)

    def needed(self, class_code: str) -> int:
        return minimum_laps(self.reference(class_code), self.rules)


def judged_lines(lines: Sequence[ResultLine], rules: RuleSet) -> tuple[ResultLine, ...]:
    """Mark NC every car the source lists as classified but whose laps fall short of the share.

    Retirements, DNS and DSQ keep their status; lines without laps are left as they are.
    """
    winners = WinnersDistance.of(
        ((ln.class_code, ln.laps) for ln in lines
         if ln.status.is_classified and ln.laps is not None), rules)

    def judged(line: ResultLine) -> ResultLine:
        if not line.status.is_classified or line.laps is None:
            return line
        needed = winners.needed(line.class_code)
        if line.laps >= needed:
            return line
        share = f"{rules.min_distance_share:%}"
        reference = winners.reference(line.class_code)
        note = f"{line.laps} laps, below {share} of the winner's {reference} ({needed} needed)"
        return line.model_copy(update={"status": FinishStatus.NC, "note": note})

    return tuple(judged(ln) for ln in lines)
