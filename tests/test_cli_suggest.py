"""`annotator suggest`: bulk suggestions from the rules and memory, or from another layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store
from tests.shared_data import SAMPLE


@pytest.fixture
def project(tmp_path: Path) -> str:
    path = str(tmp_path / "p.annotator.db")
    runner = CliRunner()
    assert runner.invoke(main, ["init", path]).exit_code == 0
    assert runner.invoke(main, ["import", path, str(SAMPLE)]).exit_code == 0
    return path


def test_suggest_fills_the_annotators_layer(project: str) -> None:
    result = CliRunner().invoke(main, ["suggest", project, "--annotator", "layla"])
    assert result.exit_code == 0, result.output
    assert "in 1 document" in result.output and "QUOTE" in result.output
    with Store.open(project) as store:
        spans = store.spans(1, "layla")
        assert len([s for s in spans if s.label == "QUOTE"]) >= 14 and all(s.suggested for s in spans)
        assert store.stats()["spans"] == 0  # suggestions are not work done
    again = CliRunner().invoke(main, ["suggest", project, "1", "--annotator", "layla"])
    assert again.exit_code == 0
    with Store.open(project) as store:
        assert len(store.spans(1, "layla")) == len(spans)  # replaced, not doubled


def test_suggest_from_another_layer(project: str, anercorp_path: Path, tmp_path: Path) -> None:
    path = str(tmp_path / "aner.annotator.db")
    runner = CliRunner()
    runner.invoke(main, ["init", path])
    assert runner.invoke(main, ["import", path, str(anercorp_path)]).exit_code == 0
    result = runner.invoke(main, ["suggest", path, "--annotator", "layla", "--from", "import"])
    assert result.exit_code == 0, result.output
    assert "suggested 11233 spans" in result.output and "in 105 documents" in result.output
    with Store.open(path) as store:
        assert store.list_documents("layla")[0].span_count == 0
        assert store.list_documents("layla")[0].other_spans > 0


def test_suggest_errors(project: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["suggest", project, "--annotator", "layla", "--from", "nobody"])
    assert result.exit_code == 1 and "no spans by 'nobody'" in result.output
    result = runner.invoke(main, ["suggest", project, "99", "--annotator", "layla"])
    assert result.exit_code == 1 and "no document named or numbered '99'" in result.output
    result = runner.invoke(main, ["suggest", project])
    assert result.exit_code == 2 and "--annotator" in result.output
    result = runner.invoke(main, ["suggest", project, "--annotator", "x", "--from", "x"])
    assert result.exit_code == 2
