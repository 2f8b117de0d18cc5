"""`annotator export` on the command line: files written, warnings, refusals and exit codes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from tests.core.export_fixtures import make_sample_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "sample.annotator.db"
    make_sample_project(path).close()
    return path


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


def test_export_writes_and_reports(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "ner.conll"
    result = run(
        str(project),
        "--format",
        "conll",
        "-o",
        str(out),
        "--annotator",
        "ali",
        "--label",
        "GPE",
        "--label",
        "ORG",
        "--label",
        "PERS",
        "--map",
        "GPE=LOC",
    )
    assert result.exit_code == 0, result.output
    assert "exported 2 documents" in result.output and f"wrote {out}" in result.output
    assert "B-LOC" in out.read_text(encoding="utf-8")
    assert "not align" in result.output  # warnings are printed (on stderr)


def test_export_pauses_the_cyclic_collector_and_restores_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is off while the export runs and on again after it, when it fails too."""
    from annotator.cli import export as export_cli

    seen: list[bool] = []
    real = export_cli.export

    def watched(*args, **kwargs):  # noqa: ANN202 - the exporter's own signature
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_cli, "export", watched)
    assert gc.isenabled()
    out = tmp_path / "all.jsonl"
    assert run(str(project), "-f", "jsonl", "-o", str(out)).exit_code == 0
    assert out.stat().st_size > 0 and gc.isenabled()
    failed = run(str(project), "-f", "jsonl", "-o", str(out))  # exists: refused inside the export
    assert failed.exit_code == 1 and "exists" in failed.output
    assert seen == [False, False] and gc.isenabled()


def test_a_paused_export_still_collects_the_young_objects(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cycles made while the collector is paused (spaCy's Docs) are collected every COLLECT_EVERY
    documents, so memory does not grow with the project."""
    from annotator.cli import export as export_cli

    monkeypatch.setattr(export_cli, "COLLECT_EVERY", 1)
    calls: list[int] = []
    real = gc.collect
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(generation) or real(generation))
    result = run(str(project), "-f", "jsonl", "-o", str(tmp_path / "all.jsonl"))
    assert result.exit_code == 0, result.output
    documents = int(result.output.split("exported ")[1].split()[0])
    assert documents >= 2 and calls == [1] * documents


def test_export_refuses_to_overwrite_and_split(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert run(str(project), "-f", "jsonl", "-o", str(out)).exit_code == 0
    result = run(str(project), "-f", "jsonl", "-o", str(out))
    assert result.exit_code == 1 and "exists, use --force" in result.output
    result = run(
        str(project), "-f", "jsonl", "-o", str(out), "--force", "--split", "0.5,0.25,0.25", "--seed", "4"
    )
    assert result.exit_code == 0 and "split: train" in result.output
    assert (tmp_path / "all.train.jsonl").exists() and (tmp_path / "all.test.jsonl").exists()


def test_export_usage_errors(project: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x.jsonl")
    assert run(str(project), "-f", "jsonl", "-o", out, "--split", "0.8,0.2").exit_code == 2
    assert run(str(project), "-f", "jsonl", "-o", out, "--map", "GPE").exit_code == 2
    assert run(str(project), "-f", "jsonl", "-o", out, "--status", "done", "--all-statuses").exit_code == 2
    result = run(str(project), "-f", "jsonl", "-o", out, "--label", "NOPE")
    assert result.exit_code == 1 and "unknown label 'NOPE'" in result.output
    result = run(str(tmp_path / "missing.db"), "-f", "jsonl", "-o", out)
    assert result.exit_code == 1 and "no such project" in result.output
    assert not Path(out).exists()


def test_export_statuses(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    result = run(str(project), "-f", "quotes", "-o", str(out), "--status", "done", "--annotator", "ali")
    assert result.exit_code == 0 and "exported 2 documents, 3 spans" in result.output
    result = run(str(project), "-f", "hf", "-o", str(tmp_path / "h.jsonl"), "--all-statuses")
    assert result.exit_code == 0 and "exported 3 documents" in result.output


def test_export_prints_the_report_summary_and_warnings_on_stderr(project: Path, tmp_path: Path) -> None:
    from annotator.core.exporters import ExportOptions, export
    from annotator.core.store import Store

    out = tmp_path / "ner.conll"
    result = run(str(project), "-f", "conll", "-o", str(out), "--annotator", "ali")
    assert result.exit_code == 0, result.output
    with Store.open(project) as store:
        report = export(store, "conll", tmp_path / "again.conll", ExportOptions(annotator="ali"))
    assert report.warnings
    expected = report.summary(warnings=False).replace(str(tmp_path / "again.conll"), str(out))
    assert result.stdout == expected + "\n" and "warning:" not in result.stdout
    assert result.stderr == "".join(f"warning: {w}\n" for w in report.warnings)
    assert report.summary() == report.summary(warnings=False) + "".join(
        f"\nwarning: {w}" for w in report.warnings
    )
