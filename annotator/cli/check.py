"""`annotator check`: the thorough check of a project file, on demand and without writing to it.

Opening a project only reads its header and schema (the full check runs in the background or before
the first write); this command runs everything: SQLite's integrity_check, foreign keys, and every
document text against its recorded SHA-256 and length. On a server project (a `postgresql://` URL)
the pages, indexes and foreign keys are the server's to keep: there it checks the tables, the texts,
spans and relations, and says what it left to the server. Exit codes: 0 sound, 1 damaged or unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.project import open_project, printable
from annotator.core.integrity import CheckReport, full_report, server_report
from annotator.core.store import is_server_location
from annotator.core.wording import counted


@main.command("check")
@click.argument("project", type=click.Path(dir_okay=False))
def check_command(project: str) -> None:
    """Check PROJECT thoroughly (every page, index and document text); writes nothing.

    Prints `ok` and exits 0 when the file is sound; lists each problem and exits 1 when it is damaged.
    """
    report: CheckReport
    if is_server_location(project):
        with open_project(project, readonly=True) as store:
            report = server_report(store)
            name = printable(store.location)
        checked = "tables and every document text checked"
    else:
        path = Path(project)
        if not path.is_file() or path.stat().st_size == 0:
            raise click.ClickException(f"{project}: no such project")
        report = full_report(path)
        name = printable(project)
        checked = "pages, indexes, foreign keys and every document text checked"
    for note in report.notes:
        click.echo(f"note: {printable(note)}", err=True)
    if report.ok:
        click.echo(f"{name}: ok ({counted(report.documents, 'document', thousands=True)}; {checked})")
        return
    click.echo(f"{name}: damaged", err=True)
    for problem in report.problems:
        click.echo(f"  {printable(problem)}", err=True)
    restore = "the database from a backup" if is_server_location(project) else "a copy of the project"
    click.echo(f"restore {restore} (what still reads can be exported with `annotator export`)", err=True)
    sys.exit(1)
