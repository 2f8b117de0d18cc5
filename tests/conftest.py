"""Shared fixtures. Qt runs offscreen so the GUI tests need no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.shared_data import ANERCORP, SAMPLE, article_paths, in_ci, require


@pytest.fixture
def sample_text() -> str:
    """The bundled sample article, as stored (BOM removed, line endings normalised)."""
    return SAMPLE.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


BACKENDS = ["sqlite", "server"]


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server for the whole run (tests/pg_server.py). Skipped where no
    server can be started, except in CI (CI=true), where that fails: server projects must be tested."""
    from tests.pg_server import ServerUnavailable, TempServer

    try:
        import psycopg  # noqa: F401

        server = TempServer().start()
    except (ServerUnavailable, ImportError, OSError) as exc:
        if in_ci():
            pytest.fail(f"CI must test server projects, but no PostgreSQL server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_location(request, tmp_path: Path, backend: str):
    """Where a new project goes: a file path, or a server URL (a new empty database each call)."""

    def make(name: str = "test") -> str:
        if backend == "sqlite":
            return str(tmp_path / f"{name}.annotator.db")
        server = request.getfixturevalue("pg_server")
        return server.url(server.new_database(name.replace("-", "_")[:20]))

    return make


@pytest.fixture
def store(new_location):
    """A new, empty project, as a file and on a server."""
    from annotator.core.store import Store

    s = Store.create(new_location())
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
