"""Commands for projects that move between a file and a PostgreSQL server: `copy`, `assign`,
`team`. Thin over annotator.core.copy and annotator.core.team."""

from __future__ import annotations

import click

from annotator.cli import main
from annotator.cli.project import open_project, printable
from annotator.core.store import ProjectError


@main.command("copy")
@click.argument("source")
@click.argument("dest")
def copy_command(source: str, dest: str) -> None:
    """Copy the project SOURCE to DEST, a new file or an empty server database (postgresql://…).

    Everything is copied, ids included: spans, links, statuses, undo history, suggestions and
    settings. SOURCE is only read (colleagues can keep working on it); DEST is written whole or
    not at all. A copy of a server project taken to a laptop can be merged back later with
    `annotator merge SERVER COPY`: what changed only in the copy is taken, what changed on both
    sides is refused (--update takes the copy's).
    """
    from annotator.core.copy import CopyError, copy_project

    try:
        report = copy_project(source, dest, progress=lambda t: click.echo(f"copying {t}…", err=True))
    except (CopyError, ProjectError) as exc:
        raise click.ClickException(printable(str(exc))) from None
    click.echo(printable(report.summary()))


__all__ = ["copy_command", "open_project"]
