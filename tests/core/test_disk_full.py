"""A full disk refuses the write in flight and keeps everything saved before it.

SQLite reports a full disk as SQLITE_FULL; `PRAGMA max_page_count` makes the same error happen at
a chosen size, so the test needs no real full file system.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.importers import import_paths
from annotator.core.model import NewDocument
from annotator.core.store import Store

TEXT = "قال المتحدث باسم الوزارة إن الاجتماع كان مثمرا."


def _fill_up(store: Store) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_edit_on_a_full_disk_is_refused_and_nothing_saved_is_lost(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "full.annotator.db")
    doc_id = store.add_documents([NewDocument("d", TEXT)]).ids[0]
    kept = store.add_span(doc_id, 4, 10, "SPEAKER", "mona").spans_added[0]
    _fill_up(store)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        store.add_span(doc_id, 0, 3, "CUE", "mona", attrs={"note": "x" * 200_000})
    assert [s.id for s in store.spans(doc_id)] == [kept.id]
    assert not store.conn.in_transaction
    assert store.undo_text(doc_id, "mona") == "Add SPEAKER"  # the journal did not record the failed edit
    other = Store.open(store.path)  # a fresh connection sees a sound project with the saved span
    assert other.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert [s.id for s in other.spans(doc_id)] == [kept.id]
    other.close()
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # room again: editing goes on
    assert store.add_span(doc_id, 0, 3, "CUE", "mona").spans_added


def test_import_on_a_full_disk_reports_the_file_and_changes_nothing(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "full.annotator.db")
    store.add_documents([NewDocument("d", TEXT)])
    before = store.stats()
    big = tmp_path / "big.txt"
    big.write_text("الإثنين, 28 أبريل 2025 09:59 PM\n\nعنوان\n\n" + TEXT * 20_000, encoding="utf-8")
    _fill_up(store)
    report = import_paths(store, [big])
    assert [str(f) for f in report.failures] == [
        f"{big}: could not be stored (database or disk is full); the project is unchanged"
    ]
    assert report.imported == [] and store.stats() == before
