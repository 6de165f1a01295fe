"""The distance rule: a car covering less than a share of the winner's distance is NC."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pitboard.domain import FinishStatus, Race, ResultLine
from pitboard.rules import RuleSet


def minimum_laps(winner_laps: int, rules: RuleSet) -> int:
    """The fewest whole laps that reach the rule's share of the winner's distance."""
    return math.ceil(winner_laps * rules.min_distance_share)


def apply_distance_rule(race: Race, rules: RuleSet) -> Race:
    """The race with `judged_lines` applied to its results."""
    return race.model_copy(update={"results": judged_lines(race.results, rules)})


def judged_lines(lines: Sequence[ResultLine], rules: RuleSet) -> tuple[ResultLine, ...]:
    """Mark NC every car the source lists as classified but whose laps fall short of the share.

    The reference is the overall winner's laps, or the class winner's, as the rule set says.
    Retirements, DNS and DSQ keep their status; lines without laps are left as they are.
    """
    classified = [ln for ln in lines if ln.status.is_classified and ln.laps is not None]
    if not classified:
        return tuple(lines)
    overall = max(ln.laps or 0 for ln in classified)
    by_class: dict[str, int] = {}
    for ln in classified:
        by_class[ln.class_code] = max(by_class.get(ln.class_code, 0), ln.laps or 0)

    def judged(line: ResultLine) -> ResultLine:
        if not line.status.is_classified or line.laps is None:
            return line
        reference = overall if rules.distance_reference == "overall" else by_class[line.class_code]
        needed = minimum_laps(reference, rules)
        if line.laps >= needed:
            return line
        share = f"{rules.min_distance_share:%}"
        note = f"{line.laps} laps, below {share} of the winner's {reference} ({needed} needed)"
        return line.model_copy(update={"status": FinishStatus.NC, "note": note})

    return tuple(judged(ln) for ln in lines)
