"""Season commands: seasons, results, standings."""

from __future__ import annotations
