"""The shared-data guard: a missing data file skips a test on a developer's machine, fails it in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import shared_data


def test_missing_data_fails_in_ci_and_skips_elsewhere(tmp_path: Path, monkeypatch) -> None:
    absent = tmp_path / "ANERCorp.txt"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run with the shared test data"):
        shared_data.require(absent)
    monkeypatch.setattr(shared_data, "ARTICLES", tmp_path)  # an empty folder: no articles
    with pytest.raises(pytest.fail.Exception):
        shared_data.article_paths()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        shared_data.require(absent)
    absent.write_text("x", encoding="utf-8")
    assert shared_data.require(absent) == absent


def test_one_definition_of_the_data_path() -> None:
    """No test or benchmark spells the shared data folder itself (absolute or relative)."""
    repo = shared_data.REPO
    offenders = [
        str(path.relative_to(repo))
        for folder in ("tests", "benchmarks", "docs")
        for path in (repo / folder).rglob("*.py")
        if path.name not in ("shared_data.py", "test_shared_data.py")
        and ('"shared"' in (text := path.read_text(encoding="utf-8")) or "/shared/data" in text)
    ]
    assert offenders == []


def test_a_missing_optional_module_fails_in_ci(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no_such_module_xyz \(pip install '.\[extra\]'\)"):
        shared_data.optional_module("no_such_module_xyz", "extra")
    assert shared_data.optional_module("json", "none").dumps([]) == "[]"


def test_a_missing_extra_fails_in_ci_naming_the_extra(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"pip install '\.\[nope\]'.*every optional extra"):
        shared_data.optional_module("annotator_no_such_module", "nope")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        shared_data.optional_module("annotator_no_such_module", "nope")
