"""Every command takes a server URL where it takes a project file, and says the same things."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from tests.shared_data import SAMPLE


def _out(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def test_the_commands_on_a_server_say_what_they_say_on_a_file(tmp_path: Path, pg_server) -> None:
    file = str(tmp_path / "news.annotator.db")
    url = pg_server.url(pg_server.new_database("cli"))
    said: dict[str, list[str]] = {}
    for project in (file, url):
        out = str(tmp_path / f"{len(said)}.jsonl")
        runs = [
            ["init", project],
            ["import", project, str(SAMPLE.parent)],
            ["guidelines", project, "--set", str(SAMPLE)],
            ["suggest", project, "--annotator", "layla"],
            ["suggest", project, "--annotator", "omar"],
            ["list", project],
            ["show", project, "1", "--annotator", "layla"],
            ["stats", project],
            ["stats", project, "--json"],
            ["schema", project],
            ["agree", project],
            ["adjudicate", project],
            ["assign", project, "layla", "1"],
            ["export", project, "-f", "jsonl", "-o", out],
            ["list", project, "--status", "new"],
            ["delete", project, "1", "--yes"],
            ["list", project],
        ]
        outputs = []
        for args in runs:
            text = re.sub(
                r"in \d+\.\d+ s\b", "in N s", _out(args).replace(project, "PROJECT").replace(out, "OUT")
            )
            outputs.append(text)
        said[project] = outputs
    assert said[url] == said[file]
    assert (tmp_path / "0.jsonl").read_bytes() == (tmp_path / "1.jsonl").read_bytes()


def test_a_command_on_a_server_that_is_down_is_a_message_not_a_traceback() -> None:
    result = CliRunner().invoke(main, ["stats", "postgresql://nobody@/db?host=/nonexistent-dir"])
    assert result.exit_code == 1
    assert "cannot reach the server" in result.output and "Traceback" not in result.output


def test_check_on_a_server_checks_what_is_annotator_s_and_says_what_it_leaves_to_the_server(
    tmp_path: Path, pg_server
) -> None:
    """`annotator check URL`: the tables and every text against its SHA-256 (the pages, indexes and
    foreign keys are the server's: a note says so); a text altered behind annotator's back is found."""
    file = str(tmp_path / "news.annotator.db")
    db = pg_server.new_database("check")
    url = pg_server.url(db)
    said = {}
    for project in (file, url):
        _out(["init", project])
        _out(["import", project, str(SAMPLE.parent)])
        said[project] = CliRunner().invoke(main, ["check", project])
        assert said[project].exit_code == 0, said[project].output
    assert "SQLite's integrity_check" in said[url].output and "server's to keep" in said[url].output
    counts = [re.search(r"ok \((\d+) documents?", said[p].output) for p in (file, url)]
    assert counts[0] and counts[1] and counts[0].group(1) == counts[1].group(1)
    pg_server.sql("UPDATE documents SET text = text || 'x' WHERE id = 1", db)
    damaged = CliRunner().invoke(main, ["check", url])
    assert damaged.exit_code == 1
    assert "document 1" in damaged.output and "SHA-256" in damaged.output
    assert "restore the database from a backup" in damaged.output
