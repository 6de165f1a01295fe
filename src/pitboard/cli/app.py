"""The Typer application and the one place input errors become a report and exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from typer._click import Context, HelpFormatter  # the Click that Typer's commands use
from typer.core import TyperGroup

from pitboard.domain import InputError, Problem


class _Commands(TyperGroup):
    """Help in Click's plain layout: option names whole, text wrapped to the terminal, no type
    tags on flags; each command listed with the first sentence of its help, never cut short."""

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _first_sentence(command.help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _first_sentence(text: str) -> str:
    """The help's first paragraph up to its first full stop, on one line."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    head, dot, _ = paragraph.partition(". ")
    return head + "." if dot else paragraph


app = typer.Typer(
    name="pitboard",
    help="Championship engine for multi-class endurance racing.",
    cls=_Commands,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

EXIT_BAD_INPUT = 2


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn an InputError into the list of problems on stderr and exit status 2, no traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as err:
            for problem in err.problems:
                err_console.print(str(problem), markup=False, highlight=False, soft_wrap=True)
            count = len(err.problems)
            err_console.print(f"{count} problem{'s' if count != 1 else ''}; nothing was written.")
            raise typer.Exit(EXIT_BAD_INPUT) from None

    return wrapper


@contextmanager
def writing_to(output: Path) -> Iterator[None]:
    """An --output that cannot be written (no such folder, no permission, a folder, a full disk)
    is a problem of the command line, not a traceback."""
    try:
        yield
    except OSError as err:
        raise InputError([Problem(str(output), None, "--output", "a file that can be written",
                                  err.strerror or str(err))]) from None


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
