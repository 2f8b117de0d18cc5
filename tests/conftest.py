"""Shared fixtures. Qt runs offscreen so the GUI tests need no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.shared_data import ANERCORP, SAMPLE, article_paths, require


@pytest.fixture
def sample_text() -> str:
    """The bundled sample article, as stored (BOM removed, line endings normalised)."""
    return SAMPLE.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def store(tmp_path: Path):
    """A new, empty project."""
    from annotator.core.store import Store

    s = Store.create(tmp_path / "test.annotator.db")
    yield s
    s.close()


@pytest.fixture
def anercorp_path() -> Path:
    """ANERcorp from the shared data (fails in CI when missing, skips elsewhere)."""
    return require(ANERCORP)


@pytest.fixture
def articles() -> list[Path]:
    """The shared scraped articles; never empty."""
    return article_paths()
