"""Shared fixtures. Qt runs offscreen so the GUI tests need no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLE_DIR = REPO / "resources" / "sample"
ANERCORP = SHARED_DATA / "anercorp" / "ANERCorp.txt"


@pytest.fixture
def sample_text() -> str:
    """The bundled sample article, as stored (BOM removed, line endings normalised)."""
    path = sorted(SAMPLE_DIR.glob("*.txt"))[0]
    return path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def store(tmp_path: Path):
    """A new, empty project."""
    from annotator.core.store import Store

    s = Store.create(tmp_path / "test.annotator.db")
    yield s
    s.close()


@pytest.fixture
def anercorp_path() -> Path:
    if not ANERCORP.exists():
        pytest.skip(f"ANERcorp not found at {ANERCORP}")
    return ANERCORP
