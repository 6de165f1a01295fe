"""The `pitboard` command: each group of commands lives in its own module and registers here."""

from __future__ import annotations

from pitboard.cli import rules_commands, season_commands  # noqa: F401  (registers commands)
from pitboard.cli.app import app, main

__all__ = ["app", "main"]
