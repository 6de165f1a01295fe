"""The `pitboard` command: each group of commands lives in its own module and registers here."""

from __future__ import annotations

from pitboard.cli import (  # each import registers that module's commands
    champions_commands,  # noqa: F401
    export_commands,  # noqa: F401
    recordbook_commands,  # noqa: F401
    rules_commands,  # noqa: F401
    season_commands,  # noqa: F401
    timing_commands,  # noqa: F401
    watch_commands,  # noqa: F401
    web_commands,  # noqa: F401
)
from pitboard.cli.app import app, main

__all__ = ["app", "main"]
