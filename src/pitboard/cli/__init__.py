"""The `pitboard` command: each group of commands lives in its own module and registers here."""

from __future__ import annotations

from pitboard.cli import (
    season_commands,  # noqa: F401  (registers its commands)
    web_commands,  # noqa: F401  (registers its commands)
)
from pitboard.cli.app import app, main

__all__ = ["app", "main"]
