"""The `annotator` command: thin over annotator.core. With no arguments it opens the window.

Each group of commands lives in its own module and registers itself on `main` below. A module is
imported when one of its commands is run (or help lists them all), so that a command does not pay
for the libraries of the others (`annotator export` does not load the importers' or the learning
code): `COMMANDS` names each command's module.
Exit codes: 0 ok, 1 partial failure (some input rejected), 2 usage error.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from annotator import __version__

#: Command name -> the module under annotator.cli that defines it (imported on first use).
COMMANDS = {
    "check": "check",
    "delete": "documents",
    "export": "export",
    "train": "learning",
    "model": "learning",
    "init": "project",
    "import": "importing",
    "list": "project",
    "show": "project",
    "stats": "project",
    "merge": "review",
    "agree": "review",
    "adjudicate": "review",
    "schema": "settings",
    "guidelines": "settings",
    "suggest": "suggest",
    "copy": "server",
    "assign": "server",
    "team": "server",
}


class DefaultToWindow(click.Group):
    """A group that opens the window when called without a command (or with a project path).

    Every error click prints (refusals, bad arguments) quotes file names, paths and values the user
    or a file supplied: their messages are made printable here, the one place they all pass.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"annotator.cli.{COMMANDS[cmd_name]}")  # registers it on main
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = args and (args[0] in self.commands or args[0] in COMMANDS)
        if not args or (not known and args[0] not in ("-h", "--help", "--version")):
            args = ["gui", *args]
        with _printable_errors():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """A project that fails under a command (locked too long, a full disk) gets a message and
        exit 1, not a traceback; each edit was one transaction, so what was not committed was not
        written."""
        import sqlite3

        with _printable_errors():
            try:
                return super().invoke(ctx)
            except sqlite3.Error as exc:
                raise click.ClickException(f"the project could not be read or written: {exc}") from None


@contextmanager
def _printable_errors() -> Iterator[None]:
    from annotator.cli.terminal import printable

    try:
        yield
    except click.ClickException as exc:
        exc.message = printable(exc.message)
        raise


@click.group(cls=DefaultToWindow, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def main() -> None:
    """Annotate quotes, speakers, speech cues and named entities in Arabic news.

    Run `annotator` alone to open the window on the bundled sample project, or
    `annotator PROJECT` to open a project. Every other command works on a project file.
    """


@main.command("gui")
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--annotator", "annotator_name", help="Record edits under this name (default: the name in settings)."
)
@click.option(
    "--check-start",
    is_flag=True,
    hidden=True,
    help="Start the window, print what it shows and quit (CI's check of an installed or built program).",
)
def gui_command(project: str | None, annotator_name: str | None, check_start: bool) -> None:
    """Open the annotation window (on the sample project when no PROJECT is given)."""
    from annotator.ui.app import check_start as check
    from annotator.ui.app import run

    sys.exit(check(project, annotator_name) if check_start else run(project, annotator_name))
