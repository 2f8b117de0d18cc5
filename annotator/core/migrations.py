"""Numbered schema migrations, applied in order when a project is opened.

`PRAGMA user_version` holds the number of the last migration applied; `PRAGMA application_id`
marks the file as an annotator project so that a foreign SQLite file is refused, not altered.
A migration is only ever appended: never edit one that has shipped.
"""

from __future__ import annotations

APPLICATION_ID = 0x414E4E54  # "ANNT"

MIGRATIONS: list[str] = [
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
    # 3: session markers: a process that writes registers itself and removes its row on a clean close,
    # so a row whose process is gone says the last session did not close cleanly (core/integrity.py)
    """
    CREATE TABLE sessions (
        id     TEXT PRIMARY KEY,
        host   TEXT NOT NULL,
        pid    INTEGER NOT NULL,
        opened TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    """,
]

LATEST = len(MIGRATIONS)
