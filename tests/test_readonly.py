"""Projects that cannot be written: reading commands open read-only; init and import leave nothing behind.

A full disk is made with RLIMIT_FSIZE in a child process: every write past the limit fails as it
would on a disk with that much room left (SIGXFSZ ignored, so the write returns EFBIG), which needs
no root and no special file system, and works for root too (a read-only folder does not stop root).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core import store as store_module
from annotator.core.importers import import_paths
from annotator.core.model import NewDocument
from annotator.core.schema import SchemaError
from annotator.core.store import Store
from tests.cli_process import run_cli

TEXT = "قال المتحدث باسم الوزارة إن الاجتماع كان مثمرا."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        doc_id = store.add_documents([NewDocument("d1", TEXT, {"title": "عنوان"})]).ids[0]
        store.add_span(doc_id, 4, 11, "SPEAKER", "mona")
    return path


def test_init_with_an_unreadable_bundled_schema_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    def broken() -> None:
        raise SchemaError("bundled schema.toml: cannot read")

    monkeypatch.setattr(store_module, "default_schema", broken)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "x.annotator.db")])
    assert result.exit_code == 1
    assert "cannot read" in result.output
    assert list(tmp_path.iterdir()) == []


def test_init_on_a_full_disk_leaves_no_file(tmp_path: Path) -> None:
    result = run_cli(["init", "x.annotator.db"], tmp_path, room=8192)
    assert result.returncode == 1
    assert "x.annotator.db: cannot create the project" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_reading_commands_work_on_a_full_disk(project: Path) -> None:
    """list, show, stats, schema and export need no room in the project's folder."""
    before = digest(project)
    folder = project.parent
    room = 16 * 1024  # less than SQLite's 32 KB shared-memory file for WAL
    listed = run_cli(["list", project.name], folder, room=room)
    assert listed.returncode == 0, listed.stderr
    assert "d1" in listed.stdout and "عنوان" in listed.stdout
    shown = run_cli(["show", project.name, "d1", "--bidi", "off"], folder, room=room)
    assert shown.returncode == 0, shown.stderr
    assert "[SPEAKER المتحدث]" in shown.stdout
    stats = run_cli(["stats", project.name], folder, room=room)
    assert stats.returncode == 0 and "spans: 1" in stats.stdout
    schema = run_cli(["schema", project.name], folder, room=room)
    assert schema.returncode == 0 and "QUOTE" in schema.stdout
    exported = run_cli(["export", project.name, "-f", "jsonl", "-o", "out.jsonl"], folder, room=room)
    assert exported.returncode == 0, exported.stderr
    assert TEXT in (folder / "out.jsonl").read_text(encoding="utf-8")
    assert digest(project) == before


def test_readonly_store_cannot_write_and_reads_what_was_saved(project: Path) -> None:
    before = digest(project)
    with Store.open(project, readonly=True) as store:
        assert store.readonly
        doc_id = store.document_ids()[0]
        assert [s.label for s in store.spans(doc_id)] == ["SPEAKER"]
        with pytest.raises(Exception, match="readonly"):
            store.add_span(doc_id, 0, 3, "CUE", "mona")
    assert digest(project) == before


def test_import_into_a_readonly_project_blames_the_project(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن الاجتماع كان مثمرا جدا.\n", encoding="utf-8")
    with Store.open(project, readonly=True) as store:
        report = import_paths(store, [article, article])
    assert [str(f) for f in report.failures] == [
        f"{project}: the project cannot be written (read-only file, folder or disk); nothing imported"
    ]


def test_an_older_project_is_upgraded_before_a_readonly_open(tmp_path: Path) -> None:
    """A project made before the latest migrations: the read-only open upgrades it first."""
    import sqlite3

    from annotator.core.migrations import APPLICATION_ID, LATEST, MIGRATIONS

    path = tmp_path / "old.annotator.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])  # type: ignore[arg-type]
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO documents(name, title, text, length, sha256) VALUES ('old', 'مستشفى', 'نص', 2, 'x')"
    )
    conn.commit()
    conn.close()
    with Store.open(path, readonly=True) as store:
        assert store.version == LATEST and store.readonly
        assert [d.name for d in store.list_documents("", query="مستشفي")] == ["old"]
