"""Numbered schema migrations, applied in order when a project is opened.

`PRAGMA user_version` holds the number of the last migration applied; `PRAGMA application_id`
marks the file as an annotator project so that a foreign SQLite file is refused, not altered.
A migration is only ever appended: never edit one that has shipped.

A migration is SQL (statements separated by `;` + newline) or, where rows must be computed in
Python, a function of the connection. Each runs inside the one transaction that also sets
`user_version`, so a migration is applied whole or not at all. (sqlite-utils' `enable_fts` and
`transform` run `executescript`, which commits whatever transaction is open: they cannot be part
of an all-or-nothing migration, so the SQL they would run is written here.)

The same migrations build a project on a PostgreSQL server: there the version lives in the
`annotator_meta` table, and `pg_sql.translate_ddl` writes each statement's column types for the
server (INTEGER -> BIGINT, TEXT sorted by code point, INTEGER PRIMARY KEY -> an identity column).
Write the portable SQL both engines share (`ON CONFLICT … DO NOTHING` rather than `INSERT OR
IGNORE`); where they cannot share a statement (a full-text index, a trigger), give both in a
`PerBackend`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from annotator.core.text import fold_key

APPLICATION_ID = 0x414E4E54  # "ANNT"


@dataclass(frozen=True)
class PerBackend:
    """A migration written once per engine: SQL or a function of the connection for each."""

    sqlite: str | Callable[[Any], None]
    postgresql: str | Callable[[Any], None]

    def for_kind(self, kind: str) -> str | Callable[[Any], None]:
        return self.sqlite if kind == "sqlite" else self.postgresql


Migration = str | Callable[[sqlite3.Connection], None] | PerBackend


def folded_label(name: str, title: str) -> str:
    """What the document-list filter searches: name and title folded as find folds (tashkeel and
    tatweel dropped, أ إ آ ٱ -> ا, ى -> ي, ة -> ه, case folded), one line each."""
    return fold_key(f"{name}\n{title}")  # fold's text without its map back (one per imported document)


def statements(sql: str) -> Iterator[str]:
    """The statements of a migration, split at `;` + newline but never inside a trigger's body."""
    buf = ""
    for piece in sql.split(";\n"):
        buf += piece + ";\n"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf
            buf = ""
    if buf.strip(" \n;"):
        yield buf


_FILTER_COLUMN = """
INSERT OR IGNORE INTO project(key, value) VALUES ('id', lower(hex(randomblob(16))));
ALTER TABLE documents ADD COLUMN folded TEXT NOT NULL DEFAULT '';
"""
_FILTER_INDEX = """
CREATE VIRTUAL TABLE documents_fts USING FTS5 (folded, tokenize='trigram', content="documents");
CREATE TRIGGER documents_ai AFTER INSERT ON documents
WHEN (SELECT 1 FROM project WHERE key = 'fts.deferred') IS NULL BEGIN
  INSERT INTO documents_fts (rowid, folded) VALUES (new.rowid, new.folded);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF folded ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded);
  INSERT INTO documents_fts (rowid, folded) VALUES (new.rowid, new.folded);
END;
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
"""


def _document_filter_index(conn: sqlite3.Connection) -> None:
    """The project's own id (export markers name it), and a full-text index for the document list
    filter: `documents.folded` holds name and title folded (`folded_label`), and an FTS5 trigram
    index over it answers substring queries of 3+ characters without a scan. The triggers are the
    ones sqlite-utils' `enable_fts(create_triggers=True)` makes, so a document inserted by any path
    (merge copies rows) is indexed; but a bulk import sets `fts.deferred` in its transaction and
    indexes its batch in one statement instead (the per-row insert made importing 100,000 small
    documents 2.6 times slower, against 1.3). Existing documents are folded before the index exists,
    then indexed by one `rebuild`."""
    for statement in statements(_FILTER_COLUMN):
        conn.execute(statement)
    _fold_documents(conn)
    for statement in statements(_FILTER_INDEX):
        conn.execute(statement)


def _fold_documents(conn: Any) -> None:
    """Fill `documents.folded` for the documents stored before the column existed."""
    rows = conn.execute("SELECT id, name, title FROM documents").fetchall()
    conn.executemany(
        "UPDATE documents SET folded = ? WHERE id = ?", [(folded_label(n, t), i) for i, n, t in rows]
    )


#: The server's index for the filter's `LIKE '%…%'` over the folded labels (PostgreSQL has no FTS5).
_SERVER_FILTER_INDEX = "CREATE INDEX documents_folded_trgm ON documents USING gin (folded gin_trgm_ops)"


def _document_filter_index_server(conn: Any) -> None:
    """Migration 5 on a server (`pg_backend.ServerConnection`): the same project id and folded
    column, filled the same way. The filter's substring match over `folded` is helped by a pg_trgm
    trigram index where the server lets the project's owner create that extension (a trusted one
    since PostgreSQL 13, shipped in Debian's postgresql package); elsewhere the filter scans the
    short folded labels, which gives the same rows. A refused extension is undone alone (a
    savepoint), never the migration."""
    from annotator.core.pg_sql import translate_ddl

    for statement in statements(_FILTER_COLUMN):
        conn.execute(translate_ddl(statement))
    _fold_documents(conn)
    pg = conn.raw
    pg.execute("SAVEPOINT trgm")
    try:
        pg.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        pg.execute(_SERVER_FILTER_INDEX)
    except conn.psycopg.Error:
        pg.execute("ROLLBACK TO SAVEPOINT trgm")
    pg.execute("RELEASE SAVEPOINT trgm")


MIGRATIONS: list[Migration] = [
    # 1: documents, spans, relations, statuses, project settings
    """
    CREATE TABLE project (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        name    TEXT NOT NULL,
        title   TEXT NOT NULL DEFAULT '',
        text    TEXT NOT NULL,
        length  INTEGER NOT NULL,
        sha256  TEXT NOT NULL UNIQUE,
        meta    TEXT NOT NULL DEFAULT '{}',
        source  TEXT NOT NULL DEFAULT '',
        tokens  TEXT,
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE TABLE spans (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start     INTEGER NOT NULL,
        "end"     INTEGER NOT NULL,
        label     TEXT NOT NULL,
        annotator TEXT NOT NULL,
        origin    TEXT NOT NULL DEFAULT 'manual',
        attrs     TEXT NOT NULL DEFAULT '{}',
        created   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK (start >= 0 AND "end" > start)
    );
    CREATE INDEX spans_doc ON spans(doc_id, annotator, start);
    CREATE INDEX spans_label ON spans(label, annotator);
    CREATE TABLE relations (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type      TEXT NOT NULL,
        head      INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
        tail      INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        UNIQUE (type, head, tail)
    );
    CREATE INDEX relations_doc ON relations(doc_id, annotator);
    CREATE INDEX relations_tail ON relations(tail);
    CREATE TABLE statuses (
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        status    TEXT NOT NULL,
        updated   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (doc_id, annotator)
    );
    CREATE INDEX statuses_status ON statuses(annotator, status);
    """,
    # 2: the undo journal, so undo and redo survive a restart
    """
    CREATE TABLE history (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        change    TEXT NOT NULL,
        undone    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX history_doc ON history(doc_id, annotator, id);
    """,
    # 3: suggestions: provenance and confidence on spans, remembered rejections, the documents
    # already pre-annotated per annotator, and the project memory (strings labelled anywhere)
    """
    ALTER TABLE spans ADD COLUMN source TEXT NOT NULL DEFAULT '';
    ALTER TABLE spans ADD COLUMN confidence REAL;
    CREATE INDEX spans_suggested ON spans(doc_id, annotator) WHERE origin = 'suggested';
    CREATE INDEX relations_head ON relations(head);
    CREATE TABLE rejections (
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        start     INTEGER NOT NULL,
        "end"     INTEGER NOT NULL,
        label     TEXT NOT NULL,
        source    TEXT NOT NULL DEFAULT '',
        surface   TEXT NOT NULL DEFAULT '',
        created   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (doc_id, annotator, start, "end", label)
    ) WITHOUT ROWID;
    CREATE TABLE suggestion_runs (
        doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        sources   TEXT NOT NULL,
        created   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (doc_id, annotator)
    ) WITHOUT ROWID;
    CREATE TABLE memory (
        label    TEXT NOT NULL,
        surface  TEXT NOT NULL,
        kept     INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (label, surface)
    ) WITHOUT ROWID;
    """,
    # 4: trained models (the entity tagger), kept inside the project so it stays one file to copy
    """
    CREATE TABLE models (
        name       TEXT PRIMARY KEY,
        trained_at TEXT NOT NULL,
        data       BLOB NOT NULL,
        memory     TEXT NOT NULL DEFAULT '[]',
        info       TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 5: the project's id and the document list filter's full-text index (see the function)
    PerBackend(sqlite=_document_filter_index, postgresql=_document_filter_index_server),
    # 6: a document's spans come out of the index in reading order (no sort when a document opens),
    # the redo branch is found without reading the whole undo history (every edit asks), and the
    # document list reads every document id without walking the texts stored beside them
    """
    CREATE INDEX spans_read ON spans(doc_id, annotator, start, "end" DESC, id);
    DROP INDEX spans_doc;
    CREATE INDEX history_undone ON history(doc_id, annotator, id) WHERE undone = 1;
    CREATE INDEX documents_ids ON documents(id);
    """,
    # 7: the real (not suggested) spans by id: the project memory counts the spans stored since its
    # watermark, and without this index it read every suggestion stored since as well (all of them
    # after a bulk `suggest`) each time a document was suggested
    """
    CREATE INDEX spans_real ON spans(id) WHERE origin != 'suggested';
    """,
    # 8: session markers: a process that writes registers itself and removes its row on a clean close,
    # so a row whose process is gone says the last session did not close cleanly (core/integrity.py)
    """
    CREATE TABLE sessions (
        id     TEXT PRIMARY KEY,
        host   TEXT NOT NULL,
        pid    INTEGER NOT NULL,
        opened TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    """,
    # 9: assignments: which annotator a lead gave which document (a team's queues; see Store.assign)
    """
    CREATE TABLE assignments (
        doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator   TEXT NOT NULL,
        assigned_by TEXT NOT NULL DEFAULT '',
        created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (doc_id, annotator)
    );
    CREATE INDEX assignments_annotator ON assignments(annotator, doc_id);
    """,
]

LATEST = len(MIGRATIONS)


def run(
    migration: Migration, conn: Any, *, kind: str = "sqlite", execute: Callable[[str], Any] | None = None
) -> None:
    """Run one migration on `conn` inside the caller's transaction: SQL (each statement through
    `execute`, the server's DDL translation there), a function of the connection, or the half of a
    `PerBackend` pair for `kind`."""
    if isinstance(migration, PerBackend):
        migration = migration.for_kind(kind)
    if callable(migration):
        migration(conn)
        return
    execute = execute or conn.execute
    for statement in statements(migration):
        execute(statement)


def apply(
    conn: Any, number: int, *, kind: str = "sqlite", execute: Callable[[str], Any] | None = None
) -> None:
    """Run migration `number` (1-based) on `conn`, inside the caller's transaction. The store migrates
    projects with it, and the integrity check replays it in memory to know the schema to expect."""
    run(MIGRATIONS[number - 1], conn, kind=kind, execute=execute)
