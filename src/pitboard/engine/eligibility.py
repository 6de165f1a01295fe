"""Whether entries and race line-ups meet the rule set's line-up and entry rules.

Every race's actual line-up (its result lines) is checked, and the entry list for the rounds where
an entered car has no result line. A rule that depends on a fact the record lacks (a driver's
rating or nationality, a car's category) is not a breach: it is reported as a check that could
not be made, with the missing fact named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pitboard.domain import (
    DriverRating,
    Entry,
    Race,
    ResultLine,
    Round,
    Season,
    SourceRef,
    region_of,
)
from pitboard.rules import ClassLineup, DrivingTime, RatingCount, RuleSet
from pitboard.rules.lineup import CarEligibility, NationalityQuota, hours


class CheckStatus(StrEnum):
    BREACH = "breach"
    UNCHECKED = "unchecked"  # a fact the check needs is not in the record


@dataclass(frozen=True, slots=True)
class DriverFacts:
    """What the checks need to know about one driver of a line-up."""

    name: str
    nationality: str | None
    rating: DriverRating | None

    def label(self) -> str:
        facts = [self.nationality or "nationality unknown"]
        facts.append(self.rating.value if self.rating else "rating unknown")
        return f"{self.name} ({', '.join(facts)})"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One rule's outcome for one line-up, when it is not a plain pass."""

    status: CheckStatus
    rule: str  # "which rule: what it requires", e.g. "nationality: at least 1 driver ..."
    why: str

    @property
    def rule_name(self) -> str:
        return self.rule.split(": ", 1)[0]

    @property
    def requirement(self) -> str:
        return self.rule.split(": ", 1)[1] if ": " in self.rule else ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A breach, or a check that could not be made, for one car in one race or round."""

    status: CheckStatus
    class_code: str
    car: str  # "#77 AF Corse"
    number: str | None
    team: str
    round: int | None
    race: int | None  # None: found on the entry list
    rule: str  # drivers | ratings | nationality | eligible cars | driving time
    requirement: str  # what the rule asks, e.g. "at least 1 driver(s) of Asian nationality"
    why: str
    source: SourceRef | None = None

    @property
    def where(self) -> str:
        return "entry list" if self.race is None else "race"

    def as_row(self) -> dict[str, str | int | None]:
        """The JSON-ready row the CLI, the site and the API all show."""
        return {
            "status": self.status.value,
            "class": self.class_code,
            "car": self.car,
            "number": self.number,
            "team": self.team,
            "round": self.round,
            "race": self.race,
            "where": self.where,
            "rule": self.rule,
            "requirement": self.requirement,
            "why": self.why,
            "source": str(self.source) if self.source else None,
        }


# --- one line-up -----------------------------------------------------------------------------


def _names(drivers: Sequence[DriverFacts]) -> str:
    return ", ".join(d.label() for d in drivers) or "none"


def _count_verdicts(block: ClassLineup, drivers: Sequence[DriverFacts]) -> list[Verdict]:
    found = len(drivers)
    out = []
    if block.min_drivers is not None and found < block.min_drivers:
        out.append(Verdict(CheckStatus.BREACH, f"drivers: at least {block.min_drivers}",
                           f"needs at least {block.min_drivers} drivers, has {found}: "
                           f"{_names(drivers)}"))
    if block.max_drivers is not None and found > block.max_drivers:
        out.append(Verdict(CheckStatus.BREACH, f"drivers: at most {block.max_drivers}",
                           f"may have at most {block.max_drivers} drivers, has {found}: "
                           f"{_names(drivers)}"))
    return out


def _rating_verdict(count: RatingCount, drivers: Sequence[DriverFacts]) -> Verdict | None:
    known = [d for d in drivers if d.rating is not None and d.rating in count.ratings]
    unknown = [d for d in drivers if d.rating is None]
    rule = f"ratings: {count.describe()}"
    missing = f"rating unknown for {', '.join(d.name for d in unknown)}"
    if count.min is not None and len(known) < count.min:
        if len(known) + len(unknown) >= count.min:
            return Verdict(CheckStatus.UNCHECKED, rule,
                           f"{len(known)} of {count.min} {count.name} driver(s) known; {missing}")
        return Verdict(CheckStatus.BREACH, rule,
                       f"needs at least {count.min} {count.name} driver(s), has {len(known)}: "
                       f"{_names(drivers)}")
    if count.max is not None:
        if len(known) > count.max:
            return Verdict(CheckStatus.BREACH, rule,
                           f"may have at most {count.max} {count.name} driver(s), has "
                           f"{len(known)}: {_names(known)}")
        if len(known) + len(unknown) > count.max:
            return Verdict(CheckStatus.UNCHECKED, rule,
                           f"{len(known)} {count.name} driver(s) known, at most {count.max} "
                           f"allowed; {missing}")
    return None


def _nationality_verdict(quota: NationalityQuota, drivers: Sequence[DriverFacts]) -> Verdict | None:
    countries = {c.upper() for c in quota.countries}

    def qualifies(code: str) -> bool:
        return code in countries or region_of(code) in quota.regions

    known = [d for d in drivers if d.nationality and qualifies(d.nationality)]
    unknown = [d for d in drivers if not d.nationality]
    if len(known) >= quota.min:
        return None
    rule = f"nationality: {quota.describe()}"
    if len(known) + len(unknown) >= quota.min:
        return Verdict(CheckStatus.UNCHECKED, rule,
                       "nationality unknown for " + ", ".join(d.name for d in unknown))

    def where(d: DriverFacts) -> str:
        region = region_of(d.nationality or "")
        return f"{d.name} ({d.nationality}, {region.value if region else 'region unknown'})"

    return Verdict(CheckStatus.BREACH, rule,
                   f"needs {quota.min} driver(s) of {quota.places()} nationality, has "
                   f"{len(known)}: "
                   + ", ".join(where(d) for d in drivers))


def _car_verdict(eligible: CarEligibility, class_code: str, chassis: str, category: str
                 ) -> Verdict | None:
    rule = f"eligible cars: {eligible.describe()}"
    if category:
        if eligible.admits_category(category) or eligible.admits_chassis(chassis):
            return None
        return Verdict(CheckStatus.BREACH, rule,
                       f"{chassis or 'the car'} is a {category} car, not eligible for {class_code}")
    if eligible.admits_chassis(chassis):
        return None
    if not chassis:
        return Verdict(CheckStatus.UNCHECKED, rule, "the car's chassis is not in the record")
    if eligible.categories:
        return Verdict(CheckStatus.UNCHECKED, rule,
                       f"{chassis} is not on {class_code}'s chassis list and its category "
                       "is not in the record")
    return Verdict(CheckStatus.BREACH, rule, f"{chassis} is not eligible for {class_code}")


def lineup_verdicts(
    class_code: str,
    drivers: Sequence[DriverFacts],
    rules: RuleSet,
    chassis: str = "",
    category: str = "",
) -> list[Verdict]:
    """Every breach or unmade check of one car's line-up and chassis under the rule set."""
    out: list[Verdict] = []
    for block in rules.lineup.for_class(class_code):
        out.extend(_count_verdicts(block, drivers))
        out.extend(v for count in block.ratings if (v := _rating_verdict(count, drivers)))
        if block.nationality is not None:
            verdict = _nationality_verdict(block.nationality, drivers)
            out.extend([verdict] if verdict else [])
        if block.eligible_cars is not None:
            verdict = _car_verdict(block.eligible_cars, class_code, chassis, category)
            out.extend([verdict] if verdict else [])
    return out


def _driving_verdict(rule: DrivingTime, driver: DriverFacts, seconds: float) -> Verdict | None:
    binds = rule.applies_to(driver.rating)
    who = "/".join(r.value for r in rule.ratings) if rule.ratings else "every"
    limits = []
    if rule.min_seconds is not None:
        limits.append(f"min {hours(rule.min_seconds)}")
    if rule.max_seconds is not None:
        limits.append(f"max {hours(rule.max_seconds)}")
    name = f"driving time: {who} driver {', '.join(limits)}"
    if binds is None:
        return Verdict(CheckStatus.UNCHECKED, name, f"rating unknown for {driver.name}")
    if not binds:
        return None
    if rule.min_seconds is not None and seconds < rule.min_seconds:
        return Verdict(CheckStatus.BREACH, name,
                       f"{driver.label()} drove {hours(seconds)}, less than the minimum "
                       f"{hours(rule.min_seconds)}")
    if rule.max_seconds is not None and seconds > rule.max_seconds:
        return Verdict(CheckStatus.BREACH, name,
                       f"{driver.label()} drove {hours(seconds)}, more than the maximum "
                       f"{hours(rule.max_seconds)}")
    return None


def driving_time_verdicts(
    class_code: str,
    drivers: Sequence[DriverFacts],
    driving_seconds: Mapping[str, float],
    rules: RuleSet,
    scheduled_seconds: float | None = None,
) -> list[Verdict]:
    """Check each driver's time at the wheel (from lap data) against the minimum and maximum.

    A driver of the line-up missing from `driving_seconds` drove for 0 seconds.
    """
    out: list[Verdict] = []
    for block in rules.lineup.for_class(class_code):
        for rule in block.driving_time:
            fits = rule.fits_race(scheduled_seconds)
            if fits is None:
                out.append(Verdict(CheckStatus.UNCHECKED, "driving time",
                                   "the race's scheduled length is not in the record"))
                continue
            if not fits:
                continue
            for driver in drivers:
                verdict = _driving_verdict(rule, driver, driving_seconds.get(driver.name, 0.0))
                out.extend([verdict] if verdict else [])
    return out


# --- a season --------------------------------------------------------------------------------


def entry_for(season: Season, class_code: str, number: str | None, team: str) -> Entry | None:
    """The season's entry of a car: by class and number, or by team for a car without one."""
    canonical = season.canonical_team(team)
    for entry in season.entries:
        if entry.class_code != class_code:
            continue
        if number is not None and entry.number == number:
            return entry
        same_team = season.canonical_team(entry.team) == canonical
        if number is None and entry.number is None and same_team:
            return entry
    return None


def driver_facts(season: Season, name: str, entry: Entry | None = None) -> DriverFacts:
    """A driver's nationality and rating for the season; an entry's own rating comes first."""
    found = season.driver(name)
    canonical = found.name if found else name
    rating = found.rating if found else None
    if entry is not None:
        for entry_driver in entry.drivers:
            if season.canonical_driver(entry_driver.name) == canonical and entry_driver.rating:
                rating = entry_driver.rating
    return DriverFacts(canonical, found.nationality if found else None, rating)


def _line_findings(
    season: Season, rules: RuleSet, rnd: Round, race: Race, line: ResultLine
) -> list[Finding]:
    entry = entry_for(season, line.class_code, line.number, line.team)
    names = [d.name for d in line.driving] or list(line.drivers)
    drivers = [driver_facts(season, name, entry) for name in names]
    verdicts = lineup_verdicts(
        line.class_code, drivers, rules, line.chassis, entry.category if entry else ""
    )
    if line.driving and not line.status.is_classified:
        # Lap data names only the drivers who drove: a car stopped early says nothing of its
        # entered line-up, so its driver count is left to the entry list.
        verdicts = [
            Verdict(CheckStatus.UNCHECKED, v.rule,
                    f"only {len(drivers)} driver(s) drove before the car stopped "
                    f"({line.status.value}); the entered line-up is not in the timing data")
            if v.rule_name == "drivers" and v.status is CheckStatus.BREACH else v
            for v in verdicts
        ]
    if line.driving:  # lap data: each driver's time at the wheel is known
        seconds = {season.canonical_driver(d.name): d.seconds for d in line.driving}
        verdicts += driving_time_verdicts(
            line.class_code, drivers, seconds, rules, race.scheduled_seconds
        )
    return [
        Finding(v.status, line.class_code, line.car_label, line.number,
                season.canonical_team(line.team), rnd.number, race.number, v.rule_name,
                v.requirement, v.why, line.source)
        for v in verdicts
    ]


def _has_result(rnd: Round, season: Season, entry: Entry) -> bool:
    return any(
        entry_for(season, line.class_code, line.number, line.team) == entry
        for race in rnd.races
        for line in race.results
    )


def _entry_findings(season: Season, rules: RuleSet, rnd: Round, entry: Entry) -> list[Finding]:
    assert rnd.number is not None  # only held, numbered rounds are checked
    names = [d.name for d in entry.drivers if d.rounds is None or rnd.number in d.rounds]
    drivers = [driver_facts(season, name, entry) for name in names]
    verdicts = lineup_verdicts(entry.class_code, drivers, rules, entry.chassis, entry.category)
    label = f"#{entry.number} {entry.team}" if entry.number else entry.team
    return [
        Finding(v.status, entry.class_code, label, entry.number,
                season.canonical_team(entry.team), rnd.number, None, v.rule_name, v.requirement,
                v.why)
        for v in verdicts
    ]


def check_season(season: Season, rules: RuleSet) -> list[Finding]:
    """Every breach and every check that could not be made, round by round.

    Race line-ups are checked as they ran; an entered car without a result line in a round is
    checked as the entry list names it for that round.
    """
    findings: list[Finding] = []
    if rules.lineup.is_empty:
        return findings
    for rnd in season.held_rounds():
        if rnd.number is None:
            continue
        for race in rnd.races:
            for line in race.results:
                if not line.unnamed:
                    findings.extend(_line_findings(season, rules, rnd, race, line))
        for entry in season.entries:
            entered = entry.rounds is None or rnd.number in entry.rounds
            if entered and not _has_result(rnd, season, entry):
                findings.extend(_entry_findings(season, rules, rnd, entry))
    return findings


def withheld_cars(
    race: Race, season: Season | None, rules: RuleSet, round_: Round | None = None
) -> dict[int, str]:
    """Result lines (by id) whose line-up breaks a rule, with the reason: their points are
    withheld when the rule set says so. Unmade checks withhold nothing."""
    if season is None:
        return {}
    out: dict[int, str] = {}
    rnd = round_ or Round(number=None, name=race.name)
    for line in race.results:
        if line.unnamed:
            continue
        breaches = [
            f for f in _line_findings(season, rules, rnd, race, line)
            if f.status is CheckStatus.BREACH
        ]
        if breaches:
            out[id(line)] = "; ".join(f"{f.rule}: {f.why}" for f in breaches)
    return out


def eligibility_report(season: Season, rules: RuleSet) -> dict[str, object]:
    """The season's check as one JSON-ready document, shared by the CLI, the site and the API."""
    findings = check_season(season, rules)
    return {
        "season": season.id,
        "rules": rules.name,
        "has_lineup_rules": not rules.lineup.is_empty,
        "breaches": [f.as_row() for f in findings if f.status is CheckStatus.BREACH],
        "unchecked": [f.as_row() for f in findings if f.status is CheckStatus.UNCHECKED],
    }
