"""`annotator check`: the thorough check of a project file, on demand and without writing to it.

Opening a project only reads its header and schema (the full check runs in the background or before
the first write); this command runs everything: SQLite's integrity_check, foreign keys, and every
document text against its recorded SHA-256 and length. Exit codes: 0 sound, 1 damaged or unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.project import printable
from annotator.core.integrity import full_report


@main.command("check")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
def check_command(project: Path) -> None:
    """Check PROJECT thoroughly (every page, index and document text); writes nothing.

    Prints `ok` and exits 0 when the file is sound; lists each problem and exits 1 when it is damaged.
    """
    if not project.is_file() or project.stat().st_size == 0:
        raise click.ClickException(f"{project}: no such project")
    report = full_report(project)
    name = printable(str(project))
    for note in report.notes:
        click.echo(f"note: {printable(note)}", err=True)
    if report.ok:
        click.echo(
            f"{name}: ok ({report.documents:,} documents; pages, indexes, foreign keys and every "
            "document text checked)"
        )
        return
    click.echo(f"{name}: damaged", err=True)
    for problem in report.problems:
        click.echo(f"  {printable(problem)}", err=True)
    click.echo(
        "restore a copy of the project (what still reads can be exported with `annotator export`)", err=True
    )
    sys.exit(1)
