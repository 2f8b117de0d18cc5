"""Where the test data lives (tests and benchmarks): the one definition of the shared data path and of the bundled sample.

Tests that need `../shared/data` take it through `require`/`article_paths` (or the conftest fixtures
built on them): on a developer's machine a missing file skips the test, but in CI (`CI` set, as
`.ci/run` runs) it fails, so a CI run without the data cannot pass while testing nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.resources import resource_files

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ANERCORP = SHARED_DATA / "anercorp" / "ANERCorp.txt"
ARTICLES = SHARED_DATA / "articles"
SAMPLE = Path(str(resource_files("sample", ".txt")[0]))  # the bundled sample article (on disk)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str, needs: str = "the shared test data") -> None:
    """Skip (on a developer's machine) or fail (in CI) a test whose shared data (or optional extra)
    is not there."""
    import pytest  # here, not at the top: the benchmarks import this module without pytest

    if in_ci():
        pytest.fail(f"{what} is missing: CI must run with {needs}", pytrace=False)
    pytest.skip(f"{what} is missing")


def optional_module(name: str, extra: str):
    """Import an optional extra's module for a test: skipped on a developer's machine without it,
    failed in CI, which installs every extra so that these tests run."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"{name} (pip install '.[{extra}]')", "every optional extra installed")


def require(path: Path) -> Path:
    if not path.exists():
        missing(str(path))
    return path


def article_paths() -> list[Path]:
    """The shared scraped articles (never an empty list: that would let a loop test nothing)."""
    paths = sorted(ARTICLES.glob("*.txt"))
    if not paths:
        missing(f"articles in {ARTICLES}")
    return paths
