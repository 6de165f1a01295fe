"""Bundled rule sets, one YAML file per series and season, loadable by name (`aslms-2013`).

A preset file holds what the rule set is (`series`, `season`, `about`, `sources`, `unverified`)
and the rule set itself under `rules`. Documented in docs/rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pitboard.rules.model import RuleSet

PRESET_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Preset:
    """A bundled rule set and what it is for."""

    name: str
    series: str
    season: str
    about: str
    sources: tuple[str, ...]
    unverified: tuple[str, ...]  # figures the sources did not settle, said plainly
    data: dict[str, Any]  # the rule set as written, so a season file can lay overrides over it

    @property
    def rules(self) -> RuleSet:
        return RuleSet.model_validate(self.data)


class UnknownPresetError(KeyError):
    """A rule-set name that is not bundled."""


def preset_names() -> list[str]:
    return sorted(path.stem for path in PRESET_DIR.glob("*.yaml"))


@lru_cache(maxsize=64)
def load_preset(name: str) -> Preset:
    """A bundled rule set by name; UnknownPresetError if none, ValueError if it is broken."""
    path = PRESET_DIR / f"{name}.yaml"
    if name not in preset_names():
        raise UnknownPresetError(name)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    preset = Preset(
        name=name,
        series=str(document["series"]),
        season=str(document["season"]),
        about=str(document.get("about", "")).strip(),
        sources=tuple(document.get("sources", ())),
        unverified=tuple(document.get("unverified", ())),
        data=dict(document["rules"]),
    )
    try:
        preset.rules  # noqa: B018  (validate once, loudly, at load)
    except ValidationError as err:
        raise ValueError(f"bundled rule set {name} is invalid: {err}") from None
    return preset


def rules_with_overrides(name: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """A preset's rule set as data with a season file's keys laid over it.

    Nested settings merge key by key (`lineup: {withhold_points: true}` keeps the preset's
    line-up rules); a list or a plain value replaces the preset's.
    """
    return _merged(dict(load_preset(name).data), overrides)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def rules_data(data: dict[str, Any]) -> dict[str, Any]:
    """A rule set written as data, with its `preset:` (if any) resolved; ValueError if unknown."""
    if "preset" not in data:
        return data
    overrides = {k: v for k, v in data.items() if k != "preset"}
    name = str(data["preset"])
    if name not in preset_names():
        raise ValueError(f"no bundled rule set {name!r} (known: {', '.join(preset_names())})")
    return rules_with_overrides(name, overrides)
