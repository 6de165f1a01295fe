"""The `pitboard` command: each group of commands lives in its own module and registers here."""

from __future__ import annotations

from pitboard.cli.app import app, main
from pitboard.cli import season_commands  # noqa: F401  (registers its commands)

__all__ = ["app", "main"]
