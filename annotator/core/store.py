"""The project store: one SQLite file holding the schema, the documents and every annotation.

Why it looks like this:
- every mutation is one `BEGIN IMMEDIATE` transaction, committed before the method returns, so a
  killed process loses at most the edit in flight and two windows never interleave half-edits;
- WAL, foreign keys and a busy timeout are set on every connection (sqlite-utils leaves foreign
  keys off);
- mutations return a `Change` that says exactly what happened: the window refreshes from it and
  the undo journal stores it, so undo is the inverse change, even after a restart;
- bulk imports use `executemany` in one transaction (sqlite-utils' insert_all is several times
  slower); sqlite-utils is used for introspection (`Store.db`, loaded only when used);
- the document-list filter reads an FTS5 trigram index over each document's folded name and title
  (`documents.folded`), kept by the triggers sqlite-utils' `enable_fts` would make (created by a
  migration: `enable_fts` commits whatever transaction is open, and a migration must be all or
  nothing); `add_documents` defers the insert trigger and indexes each batch in one statement;
- opening checks the header and the schema only; the full check of every page runs in the
  background or before the first write, and at open when the last session did not close cleanly
  (core/integrity.py): a damaged file is refused before anything is written into it.

The same class serves a project on a PostgreSQL server (a `postgresql://` URL): `self.conn` is then
`pg_backend.ServerConnection`, which runs this module's SQL through `pg_sql` (placeholders,
SQLite's conflict clauses, `lastrowid`, BEGIN IMMEDIATE as the project's write lock). What the two
engines do differently (version and identity, change detection, id counters, checkpoints, the
document-list filter's index) is in `SqliteBackend` below and its twin `pg_backend.ServerBackend`:
write new SQL in the portable form both read (ON CONFLICT … DO NOTHING, qualified columns in DO
UPDATE, no PRAGMA outside the backend). A file's connection is the plain sqlite3 one: the file path
pays nothing for the second backend.
"""

from __future__ import annotations

import gc
import json
import operator
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotator.core.integrity import (
    Verifier,
    header_problem,
    quick_check,
    schema_problems,
    stale_sessions,
    this_host,
)
from annotator.core.migrations import APPLICATION_ID, LATEST, apply, folded_label, run
from annotator.core.model import (
    Change,
    Deletion,
    Document,
    DocumentInfo,
    NewDocument,
    NewRelation,
    NewSpan,
    Origin,
    Relation,
    Span,
    Status,
    cap_title,
)
from annotator.core.schema import Schema, default_schema, schema_from_dict
from annotator.core.text import fold
from annotator.core.wording import counted

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000
#: Longer spans (quotes, mostly) are not remembered: project memory is for names and short phrases.
MEMORY_MAX_CHARS = 80


class ProjectError(Exception):
    """The file cannot be used as a project (missing, corrupted, foreign, too new)."""


def too_new(where: str, version: int) -> str:
    return (
        f"{where}: made by a newer version of annotator (project schema {version}, "
        f"this version knows up to {LATEST}); upgrade annotator to open it"
    )


class ProjectDamaged(ProjectError, sqlite3.DatabaseError):
    """The file failed a check: nothing may be written into it. Also an `sqlite3.DatabaseError`, so
    every caller that handles a refused write (the window's session, the importer) handles this one."""


#: When the full check of an opened project runs: in a background thread (the window: an edit made
#: before it ends waits for it), at the first write (the command line: read-only commands never pay
#: it), or at once. After an unclean shutdown it runs at once whatever the mode.
Verify = Literal["background", "on_write", "now"]


class _Marker:
    """This process's row in `sessions` (set by its first write) and the connection it lives on;
    `end` removes the row and closes the connection, on `close()` or when the store is collected."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.conn = backend.conn
        self.id: str | None = None

    def end(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if self.id is not None:
                self.conn.execute("DELETE FROM sessions WHERE id = ?", (self.id,))
        except sqlite3.Error:
            pass  # read-only or gone: the next open sees a stale marker and checks the file
        self.id = None
        self.backend.close()  # the connection (and a server's change listener)


#: Origin and Status members (and their values) -> the plain str stored.
_ORIGIN_VALUE: dict[Any, str] = {o: o.value for o in Origin}
_STATUS_VALUE: dict[Any, str] = {st: st.value for st in Status}


class _Batch:
    """Rows of a bulk add waiting for one `executemany` per table: few statements, bounded memory."""

    ROWS = 5000  # spans, relations and statuses gathered before a flush
    TEXT = 8_000_000  # characters of document text gathered before a flush

    def __init__(self, conn: sqlite3.Connection, span_id: int) -> None:
        self.conn = conn
        self.span_id = span_id  # the last span id given
        self.attrs_json: dict[tuple, str] = {}  # most spans share a few attribute sets: encoded once
        self.documents: list[tuple] = []
        self.spans: list[tuple] = []
        self.relations: list[tuple] = []
        self.statuses: list[tuple] = []
        self.shas: set[str] = set()  # of the documents not flushed yet (duplicates within the batch)
        self.size = 0

    @property
    def full(self) -> bool:
        return (
            len(self.spans) + len(self.relations) + len(self.documents) >= self.ROWS or self.size >= self.TEXT
        )

    def annotations(
        self, doc_id: int, doc: NewDocument, layers: set[str] | None, check: _NewChecks, result: AddResult
    ) -> None:
        """Queue `doc`'s spans, relations and statuses for document `doc_id` (only those of the
        annotators in `layers`, when given); relations are checked against the schema."""
        keyed: dict[str, tuple[int, NewSpan]] = {}
        n = 0
        spans: Sequence[NewSpan] = doc.spans
        if any(sp.key for sp in spans):
            # the ids the store has always given: the spans that relations name first, then the
            # others, each in document order (exports that show span ids stay the same)
            spans = [sp for sp in spans if sp.key] + [sp for sp in spans if not sp.key]
        span_id = self.span_id
        rows = self.spans
        attrs_json = self.attrs_json
        for sp in spans:
            if layers is not None and sp.annotator not in layers:
                continue
            span_id += 1
            n += 1
            attrs = "{}"
            if sp.attrs:
                key = tuple(sp.attrs.items())
                attrs = attrs_json.get(key) or _dumps(sp.attrs)
                if len(attrs_json) < 1000:
                    attrs_json[key] = attrs
            # origin as a plain str: SQLite's driver binds a str subclass (the StrEnum) through
            # its adapter lookup, a microsecond a row
            origin = _ORIGIN_VALUE.get(sp.origin, sp.origin)
            rows.append(
                (
                    span_id,
                    doc_id,
                    sp.start,
                    sp.end,
                    sp.label,
                    sp.annotator,
                    origin,
                    attrs,
                    sp.source,
                    sp.confidence,
                )
            )
            if sp.key:
                keyed[sp.key] = (span_id, sp)
        self.span_id = span_id
        result.spans += n
        for rel in doc.relations:
            if layers is not None and rel.annotator not in layers:
                continue
            if rel.head not in keyed or rel.tail not in keyed:
                raise EditError(f"{doc.name}: relation {rel.type} names an unknown span")
            rdef = check.relation_types.get(rel.type)
            if rdef is None:
                raise EditError(f"{doc.name}: unknown relation type {rel.type!r}")
            (head, head_span), (tail, tail_span) = keyed[rel.head], keyed[rel.tail]
            mismatch = rdef.mismatch(head_span.label, tail_span.label)
            if mismatch:
                raise EditError(f"{doc.name}: {mismatch}")
            self.relations.append((doc_id, rel.type, head, tail, rel.annotator))
            result.relations += 1
        for annotator, status in doc.statuses.items():
            if layers is None or annotator in layers:
                self.statuses.append((doc_id, annotator, _STATUS_VALUE.get(status) or Status(status).value))

    def flush(self) -> None:
        conn = self.conn
        if self.documents:
            conn.executemany(
                "INSERT INTO documents(id, name, title, folded, text, length, sha256, meta, source, tokens) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.documents,
            )
        if self.spans:
            conn.executemany(
                'INSERT INTO spans(id, doc_id, start, "end", label, annotator, origin, attrs, source, confidence) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.spans,
            )
        if self.relations:
            conn.executemany(
                "INSERT OR IGNORE INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?)",
                self.relations,
            )
        if self.statuses:
            conn.executemany(
                "INSERT OR IGNORE INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?)", self.statuses
            )
        for rows in (self.documents, self.spans, self.relations, self.statuses):
            rows.clear()
        self.shas.clear()
        self.size = 0


class _NewChecks:
    """The checks `add_documents` makes of each new document, with the schema's lookups made once."""

    def __init__(self, store: Store, schema: Schema) -> None:
        self.store = store
        self.declared = {lab.name: lab.attributes for lab in schema.labels}
        self.relation_types = {r.name: r for r in schema.relations}

    def __call__(self, doc: NewDocument) -> None:
        text = doc.text
        if "\x00" in text:  # SQLite's length() and every export would stop at it
            raise EditError(f"{doc.name}: the text holds a NUL character")
        _check_tokens(doc)
        length = len(text)
        for sp in doc.spans:
            if not (0 <= sp.start < sp.end <= length):
                raise EditError(
                    f"{doc.name}: span [{sp.start}, {sp.end}) is outside the text (length {length})"
                )
            declared = self.declared.get(sp.label)
            if declared is None:
                raise EditError(f"{doc.name}: unknown label {sp.label!r}")
            if sp.attrs:
                self.store._check_attrs(sp.label, sp.attrs, f"{doc.name}: ", declared)


class EditError(ValueError):
    """An edit that would break an invariant (offsets outside the text, unknown label...)."""


@dataclass(slots=True)
class AddResult:
    """What a bulk add did: new document ids, and the names of documents skipped as duplicates."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # of the documents stored, in order
    duplicates: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # duplicates whose new annotator layers were added
    spans: int = 0
    relations: int = 0


_ORIGINS = {o.value: o for o in Origin}  # a dict lookup costs a tenth of Origin(value)


def _span(row: sqlite3.Row | tuple) -> Span:
    sid, doc_id, start, end, label, annotator, origin, attrs, source, confidence = row
    return Span(
        sid,
        doc_id,
        start,
        end,
        label,
        annotator,
        _ORIGINS[origin],
        json.loads(attrs) if attrs != "{}" else {},
        source,
        confidence,
    )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Make many objects without the cyclic garbage collector: none of them forms a cycle, and the
    collections that every few hundred allocations trigger would walk the whole heap again and
    again (a third of reading 50,000 spans)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _SpanBuilder:
    """`Span`'s slots in a plain class, for `Store.spans` and its pages (`_read_spans`): an instance
    is filled by plain attribute stores, then becomes a `Span` by `__class__` assignment (allowed
    between classes of the same layout). That costs about a third of calling the frozen dataclass,
    whose __init__ goes through object.__setattr__ once per field: for the 50,000 spans of a large
    document, the difference is most of the time reading them takes. A field added to `Span` is
    set in `_read_spans` too (tests compare it with `Store.span`, which uses the dataclass)."""

    __slots__ = Span.__slots__


class _RelationBuilder:
    """`Relation`'s slots in a plain class, for `Store.relations` (see `_SpanBuilder`)."""

    __slots__ = Relation.__slots__


def _relation(row: sqlite3.Row | tuple) -> Relation:
    return Relation(*row)


#: `json.dumps(x, ensure_ascii=False)` and `json.dumps(x, separators=(",", ":"))` without building an
#: encoder per call (bulk adds call them for every document and span).
_dumps = json.JSONEncoder(ensure_ascii=False).encode
_dumps_compact = json.JSONEncoder(separators=(",", ":")).encode

_SPAN_COLS = 'id, doc_id, start, "end", label, annotator, origin, attrs, source, confidence'
_REL_COLS = "id, doc_id, type, head, tail, annotator"
# the document list's counts: this annotator's spans without suggestions (they are not work done),
# and everyone else's real spans (a layer that can be offered as suggestions)
_OWN_SPANS = (
    "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator = ? AND s.origin != 'suggested')"
)
_OTHER_SPANS = (
    "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator != ? AND s.origin != 'suggested')"
)
# a row of the document list: everything but the text, with this annotator's status and counts
_INFO_SELECT = (
    f"SELECT d.id, d.name, d.title, d.length, COALESCE(st.status, 'new'), {_OWN_SPANS}, {_OTHER_SPANS} "
)


def _info(r: tuple) -> DocumentInfo:
    return DocumentInfo(r[0], r[1], r[2], r[3], Status(r[4]), r[5], r[6])


def span_to_dict(span: Span) -> dict[str, Any]:
    return {
        "id": span.id,
        "doc_id": span.doc_id,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "annotator": span.annotator,
        "origin": span.origin.value,
        "attrs": span.attrs,
        "source": span.source,
        "confidence": span.confidence,
    }


def _change_to_json(change: Change) -> str:
    return json.dumps(
        {
            "doc_id": change.doc_id,
            "annotator": change.annotator,
            "spans_added": [span_to_dict(s) for s in change.spans_added],
            "spans_removed": [span_to_dict(s) for s in change.spans_removed],
            "spans_updated": [[span_to_dict(a), span_to_dict(b)] for a, b in change.spans_updated],
            "relations_added": [_rel_list(r) for r in change.relations_added],
            "relations_removed": [_rel_list(r) for r in change.relations_removed],
            "status": [s.value for s in change.status] if change.status else None,
        },
        ensure_ascii=False,
    )


def _rel_list(r: Relation) -> list[Any]:
    return [r.id, r.doc_id, r.type, r.head, r.tail, r.annotator]


def _span_from_dict(d: dict[str, Any]) -> Span:
    return Span(
        d["id"],
        d["doc_id"],
        d["start"],
        d["end"],
        d["label"],
        d["annotator"],
        Origin(d["origin"]),
        d["attrs"],
        d.get("source", ""),
        d.get("confidence"),
    )


def _change_from_json(raw: str) -> Change:
    d = json.loads(raw)
    return Change(
        doc_id=d["doc_id"],
        annotator=d["annotator"],
        spans_added=tuple(_span_from_dict(s) for s in d["spans_added"]),
        spans_removed=tuple(_span_from_dict(s) for s in d["spans_removed"]),
        spans_updated=tuple((_span_from_dict(a), _span_from_dict(b)) for a, b in d["spans_updated"]),
        relations_added=tuple(Relation(*r) for r in d["relations_added"]),
        relations_removed=tuple(Relation(*r) for r in d["relations_removed"]),
        status=(Status(d["status"][0]), Status(d["status"][1])) if d["status"] else None,
    )


def connect(path: str | Path, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every connection to a project needs.

    `readonly` opens with SQLite's `mode=ro` (nothing can be written, and no journal is created);
    `immutable` also tells SQLite that nobody changes the file, so it needs no shared-memory file:
    only for a project nobody can be writing (read-only folder, full disk, no -wal file).
    """
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def is_server_location(location: object) -> bool:
    """A `postgresql://` (or `postgres://`) URL names a project on a server; anything else a file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


class SqliteBackend:
    """What differs for a project file: PRAGMA-based version and identity, data_version polling,
    sqlite_sequence. Its twin for a server project is `pg_backend.ServerBackend`."""

    kind = "sqlite"
    is_server = False

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.location = str(path)
        self.name = path.name

    def data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def touched_since(self, seen: int) -> set[object] | None:
        """Which layers changed since `seen`: SQLite cannot say (None: anything may have)."""
        return None

    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def set_version(self, number: int) -> None:
        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self.conn.execute(f"PRAGMA user_version = {number}")

    def run_statement(self, statement: str) -> None:
        self.conn.execute(statement)

    def after_migration(self) -> None:
        pass

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def tables(self) -> list[str]:
        """The project's own tables (not SQLite's, not full-text indexes and their shadow tables)."""
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
        return [n for n, _ in rows if n not in virtual and not any(n.startswith(v + "_") for v in virtual)]

    def next_id(self, table: str) -> int:
        """What the next id given in `table` will be at least (AUTOINCREMENT never reuses one)."""
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        top = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        return max(row[0] if row else 0, top) + 1

    def set_next_id(self, table: str, after: int) -> None:
        """Ids given from now on in `table` are greater than `after` (rows inserted with their ids,
        or ids reserved for rows that no longer exist)."""
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if row is None:
            self.conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (table, after))
        elif row[0] < after:
            self.conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (after, table))

    def fresh_id(self, table: str) -> int:
        """An id no row of `table` has or will be given."""
        new = self.next_id(table)
        self.set_next_id(table, new)
        return new

    # the document-list filter's FTS5 index (migration 5; the server has its own, see ServerBackend)
    def defer_filter_index(self) -> None:
        """In this transaction, new documents skip the per-row index trigger: `index_documents`
        takes the batch in one statement (see migrations)."""
        self.conn.execute("INSERT INTO project(key, value) VALUES ('fts.deferred', '1')")

    def index_documents(self, first_id: int | None) -> None:
        """Index the documents from `first_id` on (ids only grow), and end the deferral."""
        if first_id is not None:
            self.conn.execute(
                "INSERT INTO documents_fts(rowid, folded) SELECT id, folded FROM documents WHERE id >= ?",
                (first_id,),
            )
        self.conn.execute("DELETE FROM project WHERE key = 'fts.deferred'")

    def text_filter(self, folded: str) -> tuple[str, str, str, str] | None:
        """How the full-text index finds documents whose folded label holds `folded`: a join to put
        before the documents, the condition, its parameter and the column to order by; None when
        the index cannot answer (under 3 characters: the caller scans the folded labels)."""
        if len(folded) < 3:
            return None
        phrase = '"' + folded.replace('"', '""') + '"'  # one phrase: a substring in trigram mode
        return (
            "documents_fts f JOIN documents d ON d.id = f.rowid",
            "documents_fts MATCH ?",
            phrase,
            "f.rowid",
        )

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file (before it is renamed or copied)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass


@contextmanager
def new_project_file(dest: Path, work: str, schema: Schema | None, appeared: Exception) -> Iterator[Store]:
    """A project built under a temporary name beside `dest` (`dest` + `work`) and renamed into place
    only when the block completes: killed or failed half-way, `dest` stays as it was and the next run
    removes what was left. `appeared` is raised when `dest` was made by someone else meanwhile."""
    tmp = dest.with_name(dest.name + work)
    leftovers = [tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")]
    for f in leftovers:
        f.unlink(missing_ok=True)
    try:
        store = Store.create(tmp, schema)
        try:
            yield store
            store.checkpoint()
        finally:
            store.close()
        if dest.exists() and dest.stat().st_size > 0:
            raise appeared
        os.replace(tmp, dest)
    except BaseException:
        for f in leftovers:
            f.unlink(missing_ok=True)
        raise
    for f in leftovers[1:]:
        f.unlink(missing_ok=True)


def run_migration(backend: Any, migration: Any) -> None:
    """Apply one migration inside the caller's transaction, as `backend` runs it (its DDL and its
    half of a `PerBackend` pair)."""
    run(migration, backend.conn, kind=backend.kind, execute=backend.run_statement)


def tokens_in_order(tokens: Sequence[Sequence[int]], length: int) -> bool:
    """Whether every token is `prev_end <= start < end <= length`, checked a list at a time (a
    loop over the 150,000 tokens of ANERcorp costs more than the rest of a CoNLL export)."""
    flat = list(chain.from_iterable(tokens))
    starts, ends = flat[0::2], flat[1::2]
    return (
        len(starts) == len(ends)
        and flat[0] >= 0
        and flat[-1] <= length
        and all(map(operator.lt, starts, ends))
        and all(map(operator.le, ends, starts[1:]))
    )


def _check_tokens(doc: NewDocument) -> None:
    """Stored token boundaries (kept from CoNLL and the own JSONL) are in text order, inside the
    text and do not overlap: every exporter walks them in order."""
    if not doc.tokens or tokens_in_order(doc.tokens, len(doc.text)):
        return
    prev = 0
    for start, end in doc.tokens:
        if not (prev <= start < end <= len(doc.text)):
            raise EditError(
                f"{doc.name}: token [{start}, {end}) is out of order, overlaps the one before, or lies "
                f"outside the text (length {len(doc.text)})"
            )
        prev = end


class HeldCommit:
    """The COMMIT of one written transaction, run on the commit thread or at once (see
    `Store.held_commit`); `wait` returns once it is done: None, or the error it failed with (the
    transaction is then rolled back: nothing of it was saved).

    While the COMMIT runs on the commit thread, the store's connection is behind `_AfterCommit`:
    a statement from any other thread (the window painting the edit reads the schema, the document
    list a page) waits for the COMMIT to end. Two threads never run statements on the one
    connection: SQLite keeps one error state per connection, and a statement run between a failed
    COMMIT and the reading of its error would hide that error."""

    _worker: ThreadPoolExecutor | None = None  # one thread for every store's commits, made once

    def __init__(self, store: Store, marker: str | None) -> None:
        self._store, self._marker = store, marker
        self._conn = store.conn  # the connection itself: the commit thread uses it, never the guard
        self._future: Future[sqlite3.Error | None] | None = None
        self._done = False
        self.error: sqlite3.Error | None = None

    @property
    def running(self) -> bool:
        """Whether the COMMIT runs on the commit thread now (started and not waited for)."""
        return self._future is not None and self._store.conn is not self._conn

    def start(self, thread: bool = True) -> None:
        if self._done or self._future is not None:
            return
        if not thread:
            self._run()
            return
        if HeldCommit._worker is None:
            HeldCommit._worker = ThreadPoolExecutor(1, thread_name_prefix="annotator-commit")
        self._store._use_connection(_AfterCommit(self._conn, self))
        try:
            self._future = HeldCommit._worker.submit(self._run)
        except BaseException:
            self._store._use_connection(self._conn)
            raise

    def _run(self) -> sqlite3.Error | None:
        self.error = self._store._commit(self._marker, self._conn)
        self._done = True
        return self.error

    def wait(self) -> sqlite3.Error | None:
        """The COMMIT's end (run here when it was not started): None when it is saved, else its error.
        One that raised something else (a bug, no memory) is rolled back and the error raised: the
        store is left usable, with no transaction open."""
        try:
            if self._future is not None:
                self._future.result()
            elif not self._done:
                self._run()
        except BaseException:
            self._done = True
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        finally:
            self._store._use_connection(self._conn)
            if self._store._held is self:
                self._store._held = None
        return self.error


class _AfterCommit:
    """A store's connection while a held COMMIT runs on the commit thread (see `HeldCommit`):
    whatever is asked of it waits for the COMMIT to end first."""

    __slots__ = ("_conn", "_held")

    def __init__(self, conn: sqlite3.Connection, held: HeldCommit) -> None:
        self._conn, self._held = conn, held

    def __getattr__(self, name: str) -> Any:
        self._held.wait()
        return getattr(self._conn, name)


class Store:
    """An open project. Create with `Store.create(path)` or open with `Store.open(path)`; a
    `postgresql://` URL instead of a path names a project on a server (`pg_backend`)."""

    def __init__(
        self, path: str | Path | None, conn: Any, backend: Any = None, *, readonly: bool = False
    ) -> None:
        self.backend = backend or SqliteBackend(Path(path), conn)  # type: ignore[arg-type]
        self.path: Path | None = self.backend.path  # None for a server project
        self.location: str = self.backend.location  # the path, or the URL without its password
        self.name: str = self.backend.name  # for window titles
        self.is_server: bool = self.backend.is_server
        self.conn = conn
        # the project's identity: the resolved file path, or the server URL without its password
        self.identity: str = str(self.path.resolve()) if self.path is not None else self.location
        self.data_version = self.backend.data_version  # bound once: the schema check calls it per edit
        self.readonly = readonly  # opened for reading only: every write raises sqlite3.OperationalError
        self._schema: Schema | None = None
        self._schema_version = -1
        self._tx_depth = 0  # transactions opened inside another join it (see `transaction`)
        self._hold = False  # inside `held_commit`: the outermost transaction ends without its COMMIT
        self._held: HeldCommit | None = None  # a transaction written and not yet committed
        # the full check passed (or the file was created by this store); a server project has no
        # file to check: the server keeps its own pages (see `annotator check`)
        self._verified = self.is_server
        self._damage: str | None = None
        self._verifier: Verifier | None = None
        self._marking = False  # session markers are written once migrations have made their table
        self._marker = _Marker(self.backend)
        self._finalizer = weakref.finalize(self, self._marker.end)

    def reader(self) -> Store:
        """Another connection to the same project, for reading only, for work on another thread
        (a connection must stay on the thread that made it); the caller closes it. It sees what
        has been committed, as any other reader does."""
        location = getattr(self.backend, "url", "") if self.is_server else self.path
        return Store.open(location, readonly=True, verify="on_write")

    def child_env(self) -> dict[str, str]:
        """What a program started on this project (`store.location`) needs in its environment: a
        password given in a server URL goes as PGPASSWORD, never on a command line."""
        url = getattr(self.backend, "url", "")
        from urllib.parse import urlsplit

        password = urlsplit(url).password if url else None
        return {"PGPASSWORD": password} if password else {}

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection (tables, columns, indexes).

        Imported on first use only: sqlite-utils imports pandas whenever it is installed, which would
        add ~0.4 s and ~100 MB to every start of the window and the command line.
        """
        if self.is_server:
            raise ProjectError(f"{self.location}: sqlite-utils works on project files only")
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: str | Path, schema: Schema | None = None) -> Store:
        """Create a new project file (or a project in an empty server database); refuses to touch an
        existing non-empty file or a database that holds anything."""
        if is_server_location(path):
            from annotator.core.pg_backend import open_server

            return open_server(cls, str(path), create=True, schema=schema or default_schema())
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path}: already exists")
        if not path.parent.exists():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        schema = schema or default_schema()  # before any file exists: a bad schema leaves none
        existed = path.exists()
        store = None
        try:
            store = cls._connect(path, creating=True)
            store.set_schema(schema)
        except BaseException as exc:
            # a full disk or an unwritable folder mid-way: leave no half-made project behind
            if store is not None:
                store.close()
            cls._remove_created(path, existed)
            if isinstance(exc, sqlite3.Error | OSError):
                raise ProjectError(f"{path}: cannot create the project: {exc}") from exc
            raise
        return store

    @staticmethod
    def _remove_created(path: Path, existed: bool) -> None:
        """Remove what a failed `create` wrote: the file (emptied again if the user had made it
        empty beforehand) and SQLite's companions."""
        for companion in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")):
            companion.unlink(missing_ok=True)
        try:
            if existed:
                os.truncate(path, 0)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, verify: Verify = "on_write") -> Store:
        """Open a project, applying pending migrations; refuses damaged, foreign or newer files.

        Reads the header and the schema only; `verify` says when the full check runs (see `Verify`).
        `readonly` opens it for reading only (list, show, stats, export): that works in a read-only
        folder and on a full disk, where a read-write open fails, and can never change the file.
        """
        if is_server_location(path):
            from annotator.core.pg_backend import open_server

            return open_server(cls, str(path), create=False, readonly=readonly)
        path = Path(path)
        if not path.exists() or path.stat().st_size == 0:
            raise ProjectError(f"{path}: no such project (create one with `annotator init {path}`)")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        if not path.is_file():
            raise ProjectError(f"{path}: not a regular file, not a project")
        problem = header_problem(path)
        if problem == "not an SQLite database":
            raise ProjectError(f"{path}: not an annotator project (not an SQLite database)")
        if problem:
            raise ProjectDamaged(f"{path}: the project file is damaged ({problem}); restore a copy")
        store = cls._open_readonly(path) if readonly else cls._connect(path, creating=False)
        try:
            store._start_verifying(verify)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def _open_readonly(cls, path: Path) -> Store:
        try:
            conn = connect(path, readonly=True)
            version = cls._check(conn, path)
        except ProjectError:
            raise
        except sqlite3.OperationalError:
            # SQLite could not make the shared-memory file a WAL project needs (read-only folder, full
            # disk). With no -wal file nobody is writing: read the file as it stands.
            wal = path.with_name(path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise ProjectError(
                    f"{path}: cannot read the project: another program is writing it and this folder "
                    "or disk takes no new files"
                ) from None
            try:
                conn = connect(path, readonly=True, immutable=True)
                version = cls._check(conn, path)
            except ProjectError:
                raise
            except sqlite3.DatabaseError as exc:
                raise ProjectError(f"{path}: cannot open project: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: cannot open project: {exc}") from exc
        if version < LATEST:  # an older project: upgrade it with a writable connection first
            conn.close()
            try:
                cls._connect(path, creating=False).close()
            except ProjectError as exc:
                raise ProjectError(
                    f"{path}: the project was made by an older version and must be upgraded, "
                    f"which needs write access: {exc}"
                ) from None
            return cls._open_readonly(path)
        return cls(path, conn, readonly=True)

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> int:
        """Refuse a foreign, newer or altered project (closing `conn`); return its schema version.
        Reads the schema only: the pages are checked by `verify`."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            conn.close()
            raise ProjectError(f"{path}: not an annotator project (a different SQLite database)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            conn.close()
            raise ProjectError(too_new(str(path), version))
        problems = schema_problems(conn, version)
        if problems:
            conn.close()
            raise ProjectDamaged(
                f"{path}: the project file is damaged or was altered ({'; '.join(problems)}); restore a copy"
            )
        return version

    @classmethod
    def _connect(cls, path: Path, *, creating: bool) -> Store:
        try:
            conn = connect(path)
            if creating:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            else:
                version = cls._check(conn, path)
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
        except ProjectError:
            raise
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: cannot open project: {exc}") from exc
        store = cls(path, conn)
        store._verified = creating
        try:
            if version < LATEST:
                store.verify()  # a migration writes: the whole file is checked first
            store._migrate(version)
        except ProjectError:
            store.close()
            raise
        except sqlite3.DatabaseError as exc:
            store.close()
            what = "create" if creating else "upgrade"
            raise ProjectError(f"{path}: cannot {what} the project: {exc}") from exc
        except BaseException:
            store.close()
            raise
        store._marking = True
        return store

    def _start_verifying(self, verify: Verify) -> None:
        stale = stale_sessions(self.conn)
        if stale or verify == "now":
            self.verify()
            if stale and not self.readonly:  # checked: forget them (read-only: checked again next time)
                try:
                    self.conn.executemany("DELETE FROM sessions WHERE id = ?", [(r[0],) for r in stale])
                except sqlite3.Error:
                    pass
        elif verify == "background":
            self._verifier = Verifier(self.path, connect)

    @property
    def checking(self) -> bool:
        """Whether the full check is still running in the background: a write now would wait for
        it (seconds on a large file read cold), so work that can wait (suggestions) waits."""
        return self._verifier is not None and not self._verifier.done

    def verify(self) -> None:
        """Run the full check of the file (or wait for the background one) unless it has passed;
        raises ProjectDamaged when it fails. Every write calls it first."""
        if self._verified:
            return
        if self._damage is None:
            problem: str | None = None
            verifier, self._verifier = self._verifier, None
            try:
                if verifier is None:
                    raise LookupError
                problem = verifier.result()
            except (LookupError, sqlite3.Error):  # none ran, or it could not decide (busy): check here
                problem = quick_check(self.conn)
            if problem is None:
                self._verified = True
                return
            self._damage = problem
        raise ProjectDamaged(f"{self.path}: the project file is damaged ({self._damage}); restore a copy")

    def _migrate(self, version: int) -> None:
        """Apply the migrations after `version`, each in its own transaction (one that another
        process applied meanwhile is skipped: the version is read again under the write lock)."""
        for number in range(version + 1, LATEST + 1):
            with self.transaction():
                if self.backend.version() >= number:
                    continue
                apply(self.conn, number, kind=self.backend.kind, execute=self.backend.run_statement)
                self.backend.set_version(number)
                self.backend.after_migration()

    @property
    def version(self) -> int:
        return self.backend.version()

    def checkpoint(self) -> None:
        """Before a project file is renamed or copied: everything in the main file (servers: nothing)."""
        self.backend.checkpoint()

    def close(self) -> None:
        """Close the project: stop a running check and remove this session's marker (a clean close)."""
        if self._held is not None:  # an edit's COMMIT still running (or held): it ends first
            self._held.wait()
        if self._verifier is not None:
            self._verifier.stop()
            self._verifier = None
        self._finalizer()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole on any error. It starts only once the file has
        passed the full check, and the first one of this store also writes its session marker (a
        file's: see integrity.py). On a server, BEGIN IMMEDIATE takes the project's write lock: one
        writer at a time, as in SQLite.

        Opened inside another one, it joins it: the edits commit (or roll back) together, so edits
        can be composed into one (`add_span_linked`)."""
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield self.conn
            finally:
                self._tx_depth -= 1
            return
        if self._held is not None:  # an edit held open before (see `held_commit`): committed first
            self._held.wait()
        if not self.readonly:
            self.verify()
        self.conn.execute("BEGIN IMMEDIATE")
        self._tx_depth = 1
        marker = os.urandom(16).hex() if self._marking and self._marker.id is None else None
        try:
            if marker is not None:
                self.conn.execute(
                    "INSERT INTO sessions(id, host, pid) VALUES (?, ?, ?)", (marker, this_host(), os.getpid())
                )
            yield self.conn
        except BaseException:
            self._tx_depth = 0
            if self.conn.in_transaction:  # SQLite has already rolled back after SQLITE_FULL and the like
                self.conn.execute("ROLLBACK")
            raise
        self._tx_depth = 0
        if self._hold:
            self._held = HeldCommit(self, marker)
            return
        error = self._commit(marker)
        if error is not None:
            raise error

    def _commit(self, marker: str | None, conn: Any = None) -> sqlite3.Error | None:
        """COMMIT the open transaction (on `conn`: the commit thread's, the store's by default);
        one that fails (disk full at the end) is rolled back, not left open, and its error returned."""
        conn = self.conn if conn is None else conn
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            return exc
        if marker is not None:
            self._marker.id = marker
        return None

    @contextmanager
    def held_commit(self) -> Iterator[None]:
        """Within it, a transaction (the outermost) is written but its COMMIT waits: the caller runs
        it (`pending_commit`), on a worker thread while it goes on (the GUI paints the edit while the
        disk syncs; sqlite3 releases the GIL for it). Every edit is still one transaction with
        synchronous=FULL, committed before the caller calls it done (`HeldCommit.wait`); a
        transaction started meanwhile commits the held one first. A server commits at once."""
        if self.is_server or self._tx_depth:
            yield
            return
        self._hold = True
        before = self._held
        try:
            yield
        except BaseException:
            # the caller failed after a transaction of it was written (held): that one is committed,
            # as without holding, rather than left open with the project's write lock
            if self._held is not None and self._held is not before:
                self._held.wait()
            raise
        finally:
            self._hold = False

    def _use_connection(self, conn: Any) -> None:
        """Make `conn` the connection every statement of this store goes through (see `HeldCommit`)."""
        if self.conn is not conn:
            self.conn = self.backend.conn = conn

    @property
    def pending_commit(self) -> HeldCommit | None:
        """The transaction `held_commit` left open, whose COMMIT has not been waited for (or None)."""
        return self._held

    def external_changes(self, seen: int) -> tuple[int, set[object] | None]:
        """(the data version now, what changed since `seen`): a set of (doc id, annotator) layers and
        table names ("documents", "project", "assignments"), or None when the backend cannot say
        (SQLite: anything may have changed)."""
        version = self.data_version()
        if version == seen:
            return version, set()
        return version, self.backend.touched_since(seen)

    # ------------------------------------------------------------------ project settings
    def _get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def schema(self) -> Schema:
        held = self._held
        if held is not None and self._schema is not None and held.running:
            # an edit of this store is being committed: it holds the write lock, so nobody can have
            # changed the schema since the edit read it (the window paints the edit meanwhile)
            return self._schema
        version = self.data_version()
        if self._schema is None or version != self._schema_version:
            raw = self._get("schema")
            self._schema = schema_from_dict(json.loads(raw), "project schema") if raw else default_schema()
            self._schema_version = version
        return self._schema

    def set_schema(self, schema: Schema) -> None:
        """Replace the project's schema; refused when spans or relations use what it leaves out, or
        attribute values it no longer allows (nothing saved may become invalid)."""
        problems = []
        for label, n in self.conn.execute("SELECT label, COUNT(*) FROM spans GROUP BY label ORDER BY label"):
            if not schema.has_label(label):
                problems.append(f"label {label} is used by {counted(n, 'span')}")
        for rtype, n in self.conn.execute("SELECT type, COUNT(*) FROM relations GROUP BY type ORDER BY type"):
            if rtype not in schema.relation_names:
                problems.append(f"relation type {rtype} is used by {counted(n, 'relation')}")
        for label, attrs in self.conn.execute("SELECT DISTINCT label, attrs FROM spans WHERE attrs != '{}'"):
            if schema.has_label(label):
                declared = schema.label(label).attributes
                for name, value in json.loads(attrs).items():
                    if name in declared and value not in declared[name]:
                        problems.append(
                            f"{label} {name}={value} is used but not among {', '.join(declared[name])}"
                        )
        if problems:
            raise EditError(
                "the new schema leaves out what the project uses: " + "; ".join(dict.fromkeys(problems))
            )
        self._set("schema", schema.to_json())
        self._schema = schema
        self._schema_version = self.data_version()

    @property
    def project_id(self) -> str:
        """This project's id (made by a migration); export markers carry it."""
        return self._get("id") or ""

    @property
    def guidelines(self) -> str:
        return self._get("guidelines") or ""

    def set_guidelines(self, text: str) -> None:
        self._set("guidelines", text)

    # ------------------------------------------------------------------ documents
    def add_documents(self, docs: Iterable[NewDocument]) -> AddResult:
        """Store new documents with their spans and relations in ONE transaction.

        Duplicates (same text SHA-256, already stored or earlier in this batch) are skipped and
        named, unless they bring annotations the project does not have: then each of their
        annotator layers that the stored document lacks is added to it (named in `merged`); a
        layer that exists with OTHER annotations is refused (EditError), never mixed or replaced.
        Every span is validated (offsets inside the text, label in the schema); any error rolls
        the whole batch back and raises EditError, leaving the project as it was.
        """
        schema = self.schema
        check = _NewChecks(self, schema)
        result = AddResult()
        with self.transaction() as conn:
            # the filter index takes the batch in one statement below, not row by row (see migrations)
            self.backend.defer_filter_index()
            # Ids are given here (the write lock is held), the same way on both backends: spans go in
            # by executemany (COPY on a server), batched across documents, and relations know their
            # spans' ids without a statement per span.
            doc_id = first_doc = self.backend.next_id("documents") - 1
            batch = _Batch(conn, self.backend.next_id("spans") - 1)
            first_span = batch.span_id
            for doc in docs:
                sha = doc.sha256
                check(doc)
                if sha in batch.shas:
                    batch.flush()  # a duplicate of a document not stored yet: store it first
                row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
                if row:
                    layers = self._new_layers(row[0], doc)
                    if not layers:
                        result.duplicates.append(doc.name)
                        continue
                    batch.annotations(row[0], doc, layers, check, result)
                    result.merged.append(doc.name)
                    continue
                doc_id += 1
                title = cap_title(str(doc.meta.get("title", "")))
                batch.shas.add(sha)
                batch.documents.append(
                    (
                        doc_id,
                        doc.name,
                        title,
                        folded_label(doc.name, title),
                        doc.text,
                        len(doc.text),
                        sha,
                        _dumps(doc.meta),
                        doc.source,
                        _dumps_compact(doc.tokens) if doc.tokens is not None else None,
                    )
                )
                batch.size += len(doc.text)
                result.ids.append(doc_id)
                result.names.append(doc.name)
                batch.annotations(doc_id, doc, None, check, result)
                if batch.full:
                    batch.flush()
            batch.flush()
            # the counters move past the ids given (SQLite's AUTOINCREMENT has done it already; a
            # server's sequence has not): last, so that bad input rolls back before a sequence moves
            if doc_id > first_doc:
                self.backend.set_next_id("documents", doc_id)
            if batch.span_id > first_span:
                self.backend.set_next_id("spans", batch.span_id)
            self.backend.index_documents(min(result.ids) if result.ids else None)
        return result

    def _new_layers(self, doc_id: int, doc: NewDocument) -> set[str]:
        """The annotators whose spans `doc` brings and the stored document `doc_id` lacks (a layer equal
        to a stored one, whoever made it, brings nothing); raises EditError when the layer exists
        there with other spans (nothing is mixed or replaced)."""
        incoming: dict[str, set[tuple]] = {}
        for sp in doc.spans:
            if sp.origin == Origin.SUGGESTED:  # suggestions are not annotations: they never decide
                continue
            incoming.setdefault(sp.annotator, set()).add(
                (sp.start, sp.end, sp.label, json.dumps(sp.attrs, ensure_ascii=False, sort_keys=True))
            )
        stored: dict[str, set[tuple]] = {}
        for annotator, start, end, label, attrs in self.conn.execute(
            "SELECT annotator, start, \"end\", label, attrs FROM spans WHERE doc_id = ? AND origin != 'suggested'",
            (doc_id,),
        ):
            stored.setdefault(annotator, set()).add(
                (start, end, label, json.dumps(json.loads(attrs), ensure_ascii=False, sort_keys=True))
            )
        new: set[str] = set()
        for annotator, spans in incoming.items():
            if any(spans == layer for layer in stored.values()):
                continue  # the same annotations (under any name): nothing new
            if annotator not in stored:
                new.add(annotator)
            else:
                name = self.conn.execute("SELECT name FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
                raise EditError(
                    f"{doc.name}: its text is already in the project (document {doc_id}, {name!r}) with "
                    f"other annotations by {annotator!r}; import with --annotator NAME to add these as "
                    "another annotator's layer"
                )
        return new

    def document(self, doc_id: int) -> Document:
        return self.document_and_tokens(doc_id)[0]

    def document_and_tokens(self, doc_id: int, *, tokens: bool = True) -> tuple[Document, str | None]:
        """The document, and its token boundaries as stored (compact JSON), which an export of the
        project's own JSONL writes out unchanged. `tokens=False` leaves `Document.tokens` None
        (formats that do not write tokens need not read 150,000 of them for ANERcorp)."""
        row = self.conn.execute(
            "SELECT id, name, text, sha256, meta, source, tokens FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        tokens = tuple(map(tuple, json.loads(row[6]))) if row[6] and tokens else None
        doc = Document(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], tokens)  # type: ignore[arg-type]
        return doc, row[6]

    def document_text(self, doc_id: int) -> str:
        """A document's text alone: `document` also parses its metadata and tokens."""
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return row[0]

    def find_document(self, ref: str) -> Document:
        """A document by id or by exact name."""
        if ref.isdigit():
            try:
                return self.document(int(ref))
            except KeyError:
                pass
        row = self.conn.execute(
            "SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 1", (ref,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document named or numbered {ref!r}")
        return self.document(row[0])

    def document_ids(
        self,
        annotator: str = "",
        *,
        status: Status | None = None,
        query: str | None = None,
        queue: bool = False,
    ) -> list[int]:
        """Ids of the documents, or of those `list_documents` would list with this filter, in list
        order (the window's document list holds them and reads rows a page at a time)."""
        if status is None and not query and not queue:
            return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        sql, params, key = self._doc_filter(annotator, status, query, queue=queue)
        return [r[0] for r in self.conn.execute("SELECT d.id " + sql + f" ORDER BY {key}", params)]

    def has_document(self, doc_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def delete_documents(self, doc_ids: Iterable[int]) -> Deletion:
        """Delete documents with everything attached to them (spans, relations, statuses, undo
        history, their filter index rows) in ONE transaction; an unknown id deletes nothing.

        Not undoable: the CLI and the window ask for confirmation first.
        """
        ids = list(dict.fromkeys(doc_ids))
        names: list[str] = []
        spans = relations = 0
        with self.transaction() as conn:
            for doc_id in ids:
                row = conn.execute("SELECT name FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is None:
                    raise KeyError(f"no document {doc_id}")
                names.append(row[0])
                spans += conn.execute("SELECT COUNT(*) FROM spans WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                relations += conn.execute(
                    "SELECT COUNT(*) FROM relations WHERE doc_id = ?", (doc_id,)
                ).fetchone()[0]
                conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))  # the rest cascades
        return Deletion(tuple(ids), tuple(names), spans, relations)

    def _doc_filter(
        self,
        annotator: str,
        status: Status | None,
        query: str | None,
        after_id: int | None = None,
        queue: bool = False,
    ) -> tuple[str, list[Any], str]:
        """FROM and WHERE of a document-list query, its parameters, and the column to order by.

        A text filter is folded as find folds (`folded_label`). In a file, from 3 characters on, the
        FTS5 trigram index drives the query: it yields matching ids in order, so a page costs the
        same whether 10 or 100,000 documents match; shorter filters scan the short folded labels
        (and so does a server, where a trigram index on `folded` serves the LIKE: see migrations).
        `queue`: only the documents assigned to this annotator.
        """
        where: list[str] = []
        params: list[Any] = [annotator]
        key = "d.id"
        if queue:  # only the documents assigned to this annotator
            where.append("d.id IN (SELECT doc_id FROM assignments WHERE annotator = ?)")
            params.append(annotator)
        source = "documents d"
        q = fold(query)[0] if query else ""
        indexed = self.backend.text_filter(q) if q else None
        if indexed:
            source, condition, param, key = indexed
            where.append(condition)
            params.append(param)
        elif q:
            where.append("d.folded LIKE ? ESCAPE '\\'")
            params.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if after_id is not None:
            where.append(f"{key} > ?")
            params.append(after_id)
        if status is not None:
            where.append("COALESCE(st.status, 'new') = ?")
            params.append(Status(status).value)
        sql = f"FROM {source} LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params, key

    def count_documents(
        self,
        annotator: str = "",
        status: Status | None = None,
        query: str | None = None,
        *,
        queue: bool = False,
    ) -> int:
        if (
            not query and not queue
        ):  # without a text filter, counts over the index instead of a join over every document
            q = self.conn.execute
            if status is None:
                return q("SELECT COUNT(*) FROM documents").fetchone()[0]
            if Status(status) != Status.NEW:
                return q(
                    "SELECT COUNT(*) FROM statuses WHERE annotator = ? AND status = ?",
                    (annotator, Status(status).value),
                ).fetchone()[0]
            return q(
                "SELECT (SELECT COUNT(*) FROM documents) - "  # one statement: one snapshot
                "(SELECT COUNT(*) FROM statuses WHERE annotator = ? AND status != ?)",
                (annotator, Status.NEW.value),
            ).fetchone()[0]
        sql, params, _key = self._doc_filter(annotator, status, query, queue=queue)
        return self.conn.execute("SELECT COUNT(*) " + sql, params).fetchone()[0]

    def list_documents(
        self,
        annotator: str = "",
        *,
        offset: int = 0,
        limit: int = -1,
        status: Status | None = None,
        query: str | None = None,
        after_id: int | None = None,
        queue: bool = False,
    ) -> list[DocumentInfo]:
        """A page of the document list, without the texts (the window loads it lazily).

        Pass `after_id` (the last id already shown) rather than a large `offset`: keyset paging costs
        the same on the last page of 100,000 documents as on the first, where OFFSET grows with depth.
        `queue`: only the documents assigned to this annotator.
        """
        sql, params, key = self._doc_filter(annotator, status, query, after_id, queue)
        rows = self.conn.execute(
            _INFO_SELECT
            + sql
            + f" ORDER BY {key}"
            + (" LIMIT ? OFFSET ?" if limit >= 0 else " LIMIT -1 OFFSET ?"),
            [annotator, annotator, *params, *([limit] if limit >= 0 else []), offset],
        ).fetchall()
        return [_info(r) for r in rows]

    def document_infos(self, ids: Sequence[int], annotator: str = "") -> list[DocumentInfo]:
        """The list rows of these documents, in the order of `ids` (ids no longer stored are left out)."""
        found: dict[int, DocumentInfo] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            sql, params, _key = self._doc_filter(annotator, None, None)
            for r in self.conn.execute(
                f"{_INFO_SELECT}{sql} WHERE d.id IN ({marks})", [annotator, annotator, *params, *chunk]
            ):
                found[r[0]] = _info(r)
        return [found[i] for i in ids if i in found]

    def document_info(self, doc_id: int, annotator: str = "") -> DocumentInfo:
        infos = self.document_infos([doc_id], annotator)
        if not infos:
            raise KeyError(f"no document {doc_id}")
        return infos[0]

    def next_unfinished(self, annotator: str, after: int | None = None) -> int | None:
        """The next document (by id, wrapping around) that this annotator has not marked done: in
        their queue (the documents assigned to them) first, then any."""
        sql = (
            "SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? "
            "WHERE COALESCE(st.status, 'new') NOT IN ('done', 'adjudicated') AND d.id {op} ? {queue}"
            "ORDER BY d.id LIMIT 1"
        )
        queued = "AND d.id IN (SELECT doc_id FROM assignments WHERE annotator = ?) "
        tries = [(queued, (annotator, after or 0, annotator)), ("", (annotator, after or 0))]
        if after is not None:
            tries.insert(1, (queued, (annotator, -1, annotator)))  # the queue wraps around first
            tries.append(("", (annotator, -1)))
        for queue, params in tries:
            if queue and not self.has_assignments(annotator):
                continue
            row = self.conn.execute(sql.format(op=">", queue=queue), params).fetchone()
            if row is not None and row[0] != after:
                return row[0]
        return None

    # ------------------------------------------------------------------ assignments
    def has_assignments(self, annotator: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM assignments WHERE annotator = ? LIMIT 1", (annotator,)
            ).fetchone()
            is not None
        )

    def assign(self, pairs: Iterable[tuple[int, str]], *, by: str = "") -> int:
        """Put documents in annotators' queues: (doc id, annotator) pairs, in one transaction; returns
        how many were new. An unknown document or a blank name is refused (EditError), nothing
        assigned."""
        pairs = list(dict.fromkeys(pairs))
        if any(not name.strip() for _, name in pairs):
            raise EditError("assign to whom? an annotator name is needed")
        with self.transaction() as conn:
            known = {r[0] for r in conn.execute("SELECT id FROM documents")} if pairs else set()
            missing = sorted({d for d, _ in pairs if d not in known})
            if missing:
                raise EditError(f"no document {', '.join(map(str, missing[:10]))}")
            before = conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
            conn.executemany(
                "INSERT INTO assignments(doc_id, annotator, assigned_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(d, name, by) for d, name in pairs],
            )
            return conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] - before

    def unassign(self, doc_ids: Iterable[int] | None, annotator: str) -> int:
        """Take documents (None: all) out of `annotator`'s queue; their work stays. Returns how many."""
        with self.transaction() as conn:
            if doc_ids is None:
                return conn.execute("DELETE FROM assignments WHERE annotator = ?", (annotator,)).rowcount
            n = 0
            for i in dict.fromkeys(doc_ids):
                n += conn.execute(
                    "DELETE FROM assignments WHERE doc_id = ? AND annotator = ?", (i, annotator)
                ).rowcount
            return n

    def assigned(self, annotator: str) -> list[int]:
        """The documents in `annotator`'s queue, by id."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT doc_id FROM assignments WHERE annotator = ? ORDER BY doc_id", (annotator,)
            )
        ]

    def assignment_counts(self) -> dict[int, int]:
        """doc id -> how many annotators it is assigned to (documents assigned to nobody left out)."""
        return dict(self.conn.execute("SELECT doc_id, COUNT(*) FROM assignments GROUP BY doc_id").fetchall())

    def queues(self) -> dict[str, dict[str, int]]:
        """Per annotator with a queue: documents assigned, and of those how many are in progress,
        done (or adjudicated): the lead's view of who has what left."""
        out: dict[str, dict[str, int]] = {}
        for annotator, status, n in self.conn.execute(
            "SELECT a.annotator, COALESCE(st.status, 'new'), COUNT(*) FROM assignments a "
            "LEFT JOIN statuses st ON st.doc_id = a.doc_id AND st.annotator = a.annotator "
            "GROUP BY a.annotator, COALESCE(st.status, 'new') ORDER BY 1"
        ):
            q = out.setdefault(annotator, {"assigned": 0, "new": 0, "in_progress": 0, "done": 0})
            q["assigned"] += n
            q["done" if status in ("done", "adjudicated") else status] += n
        return out

    # ------------------------------------------------------------------ reading annotations
    def spans(self, doc_id: int, annotator: str | None = None) -> list[Span]:
        """A document's spans (one annotator's, or everyone's), in reading order: by start, the longer
        (outer) span first, then by id (the `spans_read` index's order: no sort).

        Opening a document waits for this (a long one, for its first page: `spans_after`), so it
        reads no more than it must (not the doc_id and annotator it was given, an empty attribute
        object as NULL) and the rows become `Span`s through `_SpanBuilder` (see there), with the
        garbage collector paused (see `_no_gc`)."""
        return self._read_spans(doc_id, annotator, "", [])

    def spans_after(
        self, doc_id: int, annotator: str, after: tuple[int, int, int] | None, limit: int | None = None
    ) -> list[Span]:
        """One annotator's spans of a document that come after `after` in reading order (a span's
        (start, end, id); None: from the first), at most `limit` of them (None: all the rest).

        A window opening a long document reads it a page at a time this way (keyset paging on the
        `spans_read` index: each page starts where the last ended, without an OFFSET to skip)."""
        if after is None:
            cond, params = "", []
        else:
            start, end, sid = after
            # (start, -end, id) > (start', -end', id'), with start >= start' for the index
            cond = ' AND start >= ? AND (start > ? OR "end" < ? OR ("end" = ? AND id > ?))'
            params = [start, start, end, end, sid]
        return self._read_spans(doc_id, annotator, cond, params, limit)

    def spans_overlapping(self, doc_id: int, annotator: str, start: int, end: int) -> list[Span]:
        """One annotator's spans of a document that intersect [start, end), in reading order (the
        part of a long document a window shows before the rest is read; end > start)."""
        # the covering index answers `"end" > ?` without reading the rows it leaves out
        return self._read_spans(doc_id, annotator, ' AND start < ? AND "end" > ?', [end, start])

    def _read_spans(
        self, doc_id: int, annotator: str | None, cond: str, params: list, limit: int | None = None
    ) -> list[Span]:
        """The spans of `doc_id` (and `annotator`, when given) matching `cond`, in reading order."""
        if annotator is None:
            where, args, who = "doc_id = ?", [doc_id], "annotator"
        else:
            where, args, who = "doc_id = ? AND annotator = ?", [doc_id, annotator], "NULL"
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        rows = self.conn.execute(
            f"SELECT id, start, \"end\", label, {who}, origin, NULLIF(attrs, '{{}}'), source, confidence "
            f'FROM spans WHERE {where}{cond} ORDER BY start, "end" DESC, id{tail}',
            args + params,
        )
        out: list[Span] = []
        append, new, origins, loads = out.append, object.__new__, _ORIGINS, json.loads
        with _no_gc():
            for sid, start, end, label, name, origin, attrs, source, confidence in rows:
                s = new(_SpanBuilder)
                s.id = sid
                s.doc_id = doc_id
                s.start = start
                s.end = end
                s.label = label
                s.annotator = annotator if name is None else name
                s.origin = origins[origin]
                s.attrs = loads(attrs) if attrs else {}
                s.source = source
                s.confidence = confidence
                s.__class__ = Span
                append(s)
        return out

    def span(self, span_id: int) -> Span:
        row = self.conn.execute(f"SELECT {_SPAN_COLS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(f"no span {span_id}")
        return _span(row)

    def relations(
        self, doc_id: int, annotator: str | None = None, after: int | None = None, limit: int | None = None
    ) -> list[Relation]:
        """A document's relations (one annotator's, or everyone's) by id; with `after` and `limit`
        (one annotator's), a page of them: at most `limit` with an id above `after` (a window
        reads a long document's relations a page at a time)."""
        if annotator is None:
            where, params = "doc_id = ?", [doc_id]
        else:
            where, params = "doc_id = ? AND annotator = ?", [doc_id, annotator]
        if after is not None:
            where += " AND id > ?"
            params.append(after)
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        rows = self.conn.execute(f"SELECT {_REL_COLS} FROM relations WHERE {where} ORDER BY id{tail}", params)
        out: list[Relation] = []
        append, new = out.append, object.__new__
        with _no_gc():  # read right after a document's spans: see `_no_gc` and `_RelationBuilder`
            for rid, doc, rtype, head, tail, name in rows:
                r = new(_RelationBuilder)
                r.id = rid
                r.doc_id = doc
                r.type = rtype
                r.head = head
                r.tail = tail
                r.annotator = name
                r.__class__ = Relation
                append(r)
        return out

    def status(self, doc_id: int, annotator: str) -> Status:
        row = self.conn.execute(
            "SELECT status FROM statuses WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
        ).fetchone()
        return Status(row[0]) if row else Status.NEW

    def all_statuses(self) -> dict[int, dict[str, Status]]:
        """Every stored status: doc id -> annotator -> status (no row means new)."""
        out: dict[int, dict[str, Status]] = {}
        for doc_id, annotator, status in self.conn.execute("SELECT doc_id, annotator, status FROM statuses"):
            out.setdefault(doc_id, {})[annotator] = Status(status)
        return out

    def span_counts(self) -> dict[str, dict[str, int]]:
        """Real spans (suggestions left out) per annotator and label: work done, for charts."""
        out: dict[str, dict[str, int]] = {}
        for annotator, label, n in self.conn.execute(
            "SELECT annotator, label, COUNT(*) FROM spans WHERE origin != ? GROUP BY annotator, label",
            (Origin.SUGGESTED.value,),
        ):
            out.setdefault(annotator, {})[label] = n
        return out

    def annotators(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT annotator FROM spans UNION SELECT annotator FROM statuses ORDER BY 1"
        )
        return [r[0] for r in rows]

    def sample_texts(self, max_chars: int) -> Iterator[str]:
        """Document texts in import order until `max_chars` characters have been given (a bounded
        sample of the project's language, for word statistics)."""
        total = 0
        for (text,) in self.conn.execute("SELECT text FROM documents ORDER BY id"):
            if total >= max_chars:
                return
            total += len(text)
            yield text

    def labelled_surfaces(self, limit: int) -> list[str]:
        """The texts of the latest `limit` spans annotators made or accepted (suggestions left out)."""
        rows = self.conn.execute(
            'SELECT doc_id, start, "end" FROM spans WHERE origin != ? ORDER BY id DESC LIMIT ?',
            (Origin.SUGGESTED.value, limit),
        ).fetchall()
        # sliced here, each text read once: SQL's substr walks a text's characters from its start for
        # every span, which on a 1 MB document with 10,000 spans took seconds
        texts: dict[int, str] = {}
        for doc_id in {r[0] for r in rows}:
            texts[doc_id] = self.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()[0]
        return [texts[doc_id][start:end] for doc_id, start, end in rows]

    # ------------------------------------------------------------------ editing
    def _check_span(
        self, doc_id: int, start: int, end: int, label: str, attrs: dict[str, str] | None = None
    ) -> None:
        row = self.conn.execute("SELECT length FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(f"no document {doc_id}")
        if not (0 <= start < end <= row[0]):
            raise EditError(f"span [{start}, {end}) is outside the text (length {row[0]}) or empty")
        if not self.schema.has_label(label):
            raise EditError(f"unknown label {label!r}")
        self._check_attrs(label, attrs or {})

    def _check_attrs(
        self,
        label: str,
        attrs: dict[str, Any],
        where: str = "",
        declared: dict[str, Any] | None = None,
        schema: Schema | None = None,
    ) -> None:
        """Attribute values are strings; an attribute the schema declares for the label takes one of its
        values (others, such as brat's free attributes, are kept as they are). `declared` is the
        label's declared attributes when the caller has them at hand; pass `schema` when checking
        many spans: reading `self.schema` asks SQLite whether it changed."""
        if declared is None:
            declared = (schema or self.schema).label(label).attributes
        for name, value in attrs.items():
            if not isinstance(value, str):
                raise EditError(f"{where}{label} attribute {name!r} must be text, not {value!r}")
            if name in declared and value not in declared[name]:
                raise EditError(
                    f"{where}{label} {name} must be one of {', '.join(declared[name])}, not {value!r}"
                )

    def add_span(
        self,
        doc_id: int,
        start: int,
        end: int,
        label: str,
        annotator: str,
        *,
        attrs: dict[str, str] | None = None,
        origin: Origin = Origin.MANUAL,
        record: bool = True,
    ) -> Change:
        """Add one span; `record` puts it in the undo journal (window edits do, imports do not)."""
        self._check_span(doc_id, start, end, label, attrs)
        with self.transaction() as conn:
            cur = conn.execute(
                'INSERT INTO spans(doc_id, start, "end", label, annotator, origin, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)',
                (
                    doc_id,
                    start,
                    end,
                    label,
                    annotator,
                    Origin(origin).value,
                    json.dumps(attrs or {}, ensure_ascii=False),
                ),
            )
            span = Span(
                cur.lastrowid, doc_id, start, end, label, annotator, Origin(origin), dict(attrs or {})
            )  # type: ignore[arg-type]
            change = Change(doc_id, annotator, spans_added=(span,))
            if record:
                self._record(change)
        return change

    def add_span_linked(
        self,
        doc_id: int,
        start: int,
        end: int,
        label: str,
        annotator: str,
        *,
        attrs: dict[str, str] | None = None,
        links: Iterable[tuple[str, int, bool]] = (),
    ) -> Change:
        """Add a span and link it to existing spans, in one transaction and one undo step.

        `links` holds (relation type, other span id, whether the new span is the head). Quote
        attribution labels a quote with its speaker and cue links at once, and undo takes all back."""
        with self.transaction():
            change = self.add_span(doc_id, start, end, label, annotator, attrs=attrs, record=False)
            span = change.spans_added[0]
            rels: list[Relation] = []
            for rtype, other, is_head in links:
                head, tail = (span.id, other) if is_head else (other, span.id)
                rels += self.add_relation(rtype, head, tail, record=False).relations_added
            change = Change(doc_id, annotator, spans_added=(span,), relations_added=tuple(rels))
            self._record(change)
        return change

    def update_span(
        self,
        span_id: int,
        *,
        label: str | None = None,
        attrs: dict[str, str] | None = None,
        start: int | None = None,
        end: int | None = None,
        origin: Origin | None = None,
        record: bool = True,
    ) -> Change:
        """Change a span's label, attributes, bounds or origin (accepting a suggestion makes it manual)."""
        with self.transaction() as conn:
            before = self.span(span_id)
            after = Span(
                before.id,
                before.doc_id,
                before.start if start is None else start,
                before.end if end is None else end,
                before.label if label is None else label,
                before.annotator,
                before.origin if origin is None else Origin(origin),
                dict(before.attrs if attrs is None else attrs),
                before.source,
                before.confidence,
            )
            self._check_span(after.doc_id, after.start, after.end, after.label, after.attrs)
            conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, origin = ?, attrs = ? WHERE id = ?',
                (
                    after.start,
                    after.end,
                    after.label,
                    after.origin.value,
                    json.dumps(after.attrs, ensure_ascii=False),
                    span_id,
                ),
            )
            change = Change(before.doc_id, before.annotator, spans_updated=((before, after),))
            if record:
                self._record(change)
        return change

    def delete_span(self, span_id: int, *, record: bool = True) -> Change:
        """Delete a span and the relations that touch it (they are part of the change, for undo)."""
        with self.transaction() as conn:
            span = self.span(span_id)
            rels = [
                _relation(r)
                for r in conn.execute(
                    f"SELECT {_REL_COLS} FROM relations WHERE head = ? OR tail = ? ORDER BY id",
                    (span_id, span_id),
                )
            ]
            conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            if span.suggested:  # deleting a suggestion rejects it: not proposed again here
                self._remember_rejection(span)
            else:
                self._memory_count([span], kept=-1)
            change = Change(span.doc_id, span.annotator, spans_removed=(span,), relations_removed=tuple(rels))
            if record:
                self._record(change)
        return change

    def add_relation(self, type: str, head: int, tail: int, *, record: bool = True) -> Change:
        """Link two spans of the same document and annotator; label pairs are checked against the schema."""
        schema = self.schema
        try:
            rtype = schema.relation(type)
        except KeyError:
            raise EditError(f"unknown relation type {type!r}") from None
        with self.transaction() as conn:
            h, t = self.span(head), self.span(tail)
            if h.doc_id != t.doc_id or h.annotator != t.annotator:
                raise EditError("a relation links two spans of the same document and annotator")
            if h.id == t.id:
                raise EditError("a span cannot be linked to itself")
            mismatch = rtype.mismatch(h.label, t.label)
            if mismatch:
                raise EditError(mismatch)
            existing = conn.execute(
                f"SELECT {_REL_COLS} FROM relations WHERE type = ? AND head = ? AND tail = ?",
                (type, head, tail),
            ).fetchone()
            if existing:
                return Change(h.doc_id, h.annotator)
            cur = conn.execute(
                "INSERT INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?)",
                (h.doc_id, type, head, tail, h.annotator),
            )
            rel = Relation(cur.lastrowid, h.doc_id, type, head, tail, h.annotator)  # type: ignore[arg-type]
            change = Change(h.doc_id, h.annotator, relations_added=(rel,))
            if record:
                self._record(change)
        return change

    def add_relations(self, links: Iterable[tuple[str, int, int]], *, accept: bool = False) -> Change:
        """Add several (type, head, tail) relations in one transaction and one undo step. `accept`:
        an end that is a suggestion is accepted with it (an annotator who links a suggestion has
        decided it: left a suggestion, it and the link would stay out of every export)."""
        links = list(links)
        with self.transaction():
            rels: list[Relation] = []
            for rtype, head, tail in links:
                rels += self.add_relation(rtype, head, tail, record=False).relations_added
            ends = dict.fromkeys(end for _, head, tail in links for end in (head, tail)) if accept else {}
            accepted = self._accept(self._spans_by_id(list(ends))) if ends else []
            if not rels and not accepted:
                return Change(0, "")
            first = rels[0] if rels else accepted[0][1]
            change = Change(
                first.doc_id, first.annotator, spans_updated=tuple(accepted), relations_added=tuple(rels)
            )
            self._record(change)
        return change

    def delete_relation(self, rel_id: int, *, record: bool = True) -> Change:
        with self.transaction() as conn:
            row = conn.execute(f"SELECT {_REL_COLS} FROM relations WHERE id = ?", (rel_id,)).fetchone()
            if row is None:
                raise KeyError(f"no relation {rel_id}")
            rel = _relation(row)
            conn.execute("DELETE FROM relations WHERE id = ?", (rel_id,))
            change = Change(rel.doc_id, rel.annotator, relations_removed=(rel,))
            if record:
                self._record(change)
        return change

    def edit_layer(
        self,
        doc_id: int,
        annotator: str,
        *,
        remove: Iterable[int] = (),
        add: Iterable[NewSpan] = (),
        attrs: Iterable[tuple[int, dict[str, str]]] = (),
        relations: Iterable[tuple[str, int | str, int | str]] = (),
        unlink: Iterable[int] = (),
        status: Status | None = None,
        record: bool = True,
    ) -> Change:
        """Several edits of one annotator's layer as one transaction and ONE undo step (adjudication
        accepts a version this way). `relations` are (type, head, tail): a span id of this layer or
        the `key` of a span in `add`; one that exists already is skipped. `unlink`: relation ids."""
        with self.transaction():
            return self._edit_layer(doc_id, annotator, remove, add, attrs, relations, status, record, unlink)

    def _edit_layer(
        self,
        doc_id: int,
        annotator: str,
        remove: Iterable[int],
        add: Iterable[NewSpan],
        attrs: Iterable[tuple[int, dict[str, str]]],
        relations: Iterable[tuple[str, int | str, int | str]],
        status: Status | None,
        record: bool,
        unlink: Iterable[int] = (),
    ) -> Change:
        """`edit_layer` inside the caller's transaction."""
        conn = self.conn
        removed: list[Span] = []
        rels_removed: dict[int, Relation] = {}
        for rel_id in dict.fromkeys(unlink):
            row = conn.execute(f"SELECT {_REL_COLS} FROM relations WHERE id = ?", (rel_id,)).fetchone()
            if row is None or row[5] != annotator or row[1] != doc_id:
                raise EditError(f"relation {rel_id} is not in {annotator}'s layer of document {doc_id}")
            rels_removed[rel_id] = _relation(row)
            conn.execute("DELETE FROM relations WHERE id = ?", (rel_id,))
        for span_id in dict.fromkeys(remove):
            span = self.span(span_id)
            if span.doc_id != doc_id or span.annotator != annotator:
                raise EditError(f"span {span_id} is not in {annotator}'s layer of document {doc_id}")
            for r in conn.execute(
                f"SELECT {_REL_COLS} FROM relations WHERE head = ? OR tail = ?", (span_id, span_id)
            ):
                rels_removed[r[0]] = _relation(r)
            conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            removed.append(span)
        added: list[Span] = []
        keys: dict[str, int] = {}
        for sp in add:
            self._check_span(doc_id, sp.start, sp.end, sp.label, sp.attrs)
            origin = Origin(sp.origin)
            cur = conn.execute(
                'INSERT INTO spans(doc_id, start, "end", label, annotator, origin, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)',
                (
                    doc_id,
                    sp.start,
                    sp.end,
                    sp.label,
                    annotator,
                    origin.value,
                    json.dumps(sp.attrs, ensure_ascii=False),
                ),
            )
            span = Span(cur.lastrowid, doc_id, sp.start, sp.end, sp.label, annotator, origin, dict(sp.attrs))  # type: ignore[arg-type]
            added.append(span)
            if sp.key:
                keys[sp.key] = span.id
        updated: list[tuple[Span, Span]] = []
        for span_id, new_attrs in attrs:
            before = self.span(span_id)
            self._check_attrs(before.label, new_attrs)
            conn.execute(
                "UPDATE spans SET attrs = ? WHERE id = ?",
                (json.dumps(new_attrs, ensure_ascii=False), span_id),
            )
            after = Span(
                before.id,
                before.doc_id,
                before.start,
                before.end,
                before.label,
                before.annotator,
                before.origin,
                dict(new_attrs),
            )
            updated.append((before, after))
        rels_added: list[Relation] = []
        for rtype, head_ref, tail_ref in relations:
            head = keys[head_ref] if isinstance(head_ref, str) else head_ref
            tail = keys[tail_ref] if isinstance(tail_ref, str) else tail_ref
            h, t = self.span(head), self.span(tail)
            if {h.annotator, t.annotator} != {annotator} or h.doc_id != doc_id or t.doc_id != doc_id:
                raise EditError("a relation links two spans of the same document and annotator")
            try:
                mismatch = self.schema.relation(rtype).mismatch(h.label, t.label)
            except KeyError:
                raise EditError(f"unknown relation type {rtype!r}") from None
            if mismatch:
                raise EditError(mismatch)
            cur = conn.execute(
                "INSERT INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (doc_id, rtype, head, tail, annotator),
            )
            if cur.rowcount:
                rels_added.append(Relation(cur.lastrowid, doc_id, rtype, head, tail, annotator))  # type: ignore[arg-type]
        status_change = None
        if status is not None:
            before_status = self.status(doc_id, annotator)
            if before_status != status:
                conn.execute(
                    "INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?) "
                    "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
                    "updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                    (doc_id, annotator, Status(status).value),
                )
                status_change = (before_status, Status(status))
        change = Change(
            doc_id,
            annotator,
            spans_added=tuple(added),
            spans_removed=tuple(removed),
            spans_updated=tuple(updated),
            relations_added=tuple(rels_added),
            relations_removed=tuple(rels_removed.values()),
            status=status_change,
        )
        if record and not change.empty:
            self._record(change)
        return change

    def set_status(self, doc_id: int, annotator: str, status: Status, *, record: bool = True) -> Change:
        status = Status(status)
        with self.transaction() as conn:
            before = self.status(doc_id, annotator)
            if before == status:
                return Change(doc_id, annotator)
            conn.execute(
                "INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?) "
                "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
                "updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (doc_id, annotator, status.value),
            )
            change = Change(doc_id, annotator, status=(before, status))
            if record:
                self._record(change)
        return change

    # ------------------------------------------------------------------ undo journal
    def _record(self, change: Change) -> None:
        """Journal an edit (inside the caller's transaction); a new edit drops the redo branch."""
        self.conn.execute(
            "DELETE FROM history WHERE doc_id = ? AND annotator = ? AND undone = 1",
            (change.doc_id, change.annotator),
        )
        self.conn.execute(
            "INSERT INTO history(doc_id, annotator, change) VALUES (?, ?, ?)",
            (change.doc_id, change.annotator, _change_to_json(change)),
        )

    def _apply(self, change: Change) -> Change:
        """Apply a change as stored (used by undo/redo). Skips parts another window already made moot,
        and returns what was really applied."""
        conn = self.conn
        applied_rel_removed = []
        for rel in change.relations_removed:
            if conn.execute("DELETE FROM relations WHERE id = ?", (rel.id,)).rowcount:
                applied_rel_removed.append(rel)
        removed = []
        for span in change.spans_removed:
            if conn.execute("DELETE FROM spans WHERE id = ?", (span.id,)).rowcount:
                removed.append(span)
                if span.suggested:  # a redone rejection
                    self._remember_rejection(span)
        added = []
        for span in change.spans_added:
            cur = conn.execute(
                'INSERT INTO spans(id, doc_id, start, "end", label, annotator, origin, attrs, '
                "source, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    span.id,
                    span.doc_id,
                    span.start,
                    span.end,
                    span.label,
                    span.annotator,
                    span.origin.value,
                    json.dumps(span.attrs, ensure_ascii=False),
                    span.source,
                    span.confidence,
                ),
            )
            if cur.rowcount:
                added.append(span)
                if span.suggested:  # an undone rejection: the suggestion may be proposed again
                    self._forget_rejection(span)
        updated = []
        for before, after in change.spans_updated:
            cur = conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, origin = ?, attrs = ? WHERE id = ?',
                (
                    after.start,
                    after.end,
                    after.label,
                    after.origin.value,
                    json.dumps(after.attrs, ensure_ascii=False),
                    after.id,
                ),
            )
            if cur.rowcount:
                updated.append((before, after))
        rel_added = []
        for rel in change.relations_added:
            exists = conn.execute(
                "SELECT COUNT(*) FROM spans WHERE id IN (?, ?)", (rel.head, rel.tail)
            ).fetchone()[0]
            if exists == 2:
                cur = conn.execute(
                    "INSERT INTO relations(id, doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    _rel_list(rel),
                )
                if cur.rowcount:
                    rel_added.append(rel)
        if change.status:
            conn.execute(
                "INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?) "
                "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status",
                (change.doc_id, change.annotator, change.status[1].value),
            )
        return Change(
            change.doc_id,
            change.annotator,
            tuple(added),
            tuple(removed),
            tuple(updated),
            tuple(rel_added),
            tuple(applied_rel_removed),
            change.status,
        )

    def _history_row(self, doc_id: int, annotator: str, *, undone: bool) -> tuple[int, Change] | None:
        """The journal entry the next undo (`undone=False`: the last edit still done) or redo
        (`undone=True`: the first edit undone) would apply, with its row id."""
        # `undone = 1` written out, not bound, so SQLite can use the partial index on the redo branch
        order = "ASC" if undone else "DESC"
        row = self.conn.execute(
            f"SELECT id, change FROM history WHERE doc_id = ? AND annotator = ? AND undone = {int(undone)} "
            f"ORDER BY id {order} LIMIT 1",
            (doc_id, annotator),
        ).fetchone()
        return (row[0], _change_from_json(row[1])) if row else None

    def can_undo(self, doc_id: int, annotator: str) -> bool:
        return self._history_row(doc_id, annotator, undone=False) is not None

    def can_redo(self, doc_id: int, annotator: str) -> bool:
        return self._history_row(doc_id, annotator, undone=True) is not None

    def undo(self, doc_id: int, annotator: str) -> Change | None:
        """Undo this annotator's last edit of this document (persisted: works after a restart)."""
        with self.transaction() as conn:
            entry = self._history_row(doc_id, annotator, undone=False)
            if entry is None:
                return None
            applied = self._apply(entry[1].inverse())
            conn.execute("UPDATE history SET undone = 1 WHERE id = ?", (entry[0],))
        return applied

    def redo(self, doc_id: int, annotator: str) -> Change | None:
        with self.transaction() as conn:
            entry = self._history_row(doc_id, annotator, undone=True)
            if entry is None:
                return None
            applied = self._apply(entry[1])
            conn.execute("UPDATE history SET undone = 0 WHERE id = ?", (entry[0],))
        return applied

    def next_undo(self, doc_id: int, annotator: str, *, redo: bool = False) -> Change | None:
        """The edit the next undo would take back (or redo make again), as journalled."""
        entry = self._history_row(doc_id, annotator, undone=redo)
        return entry[1] if entry else None

    def undo_text(self, doc_id: int, annotator: str, *, redo: bool = False) -> str:
        """What the next undo (or redo) would do, for menu labels."""
        entry = self._history_row(doc_id, annotator, undone=redo)
        return entry[1].describe() if entry else ""

    # ------------------------------------------------------------------ suggestions
    def replace_suggestions(
        self,
        doc_id: int,
        annotator: str,
        spans: Sequence[NewSpan],
        relations: Sequence[NewRelation] = (),
        *,
        sources: str = "",
    ) -> Change:
        """Replace this annotator's suggestions in a document with `spans` (stored as suggested), in one
        transaction, and record that the document was pre-annotated (with `sources`).

        Left out: a span whose extent an annotator's own span already has (whatever its label: the
        annotator has decided there), one this annotator rejected here before (same extent and label),
        and repeats. A relation's `head`/`tail` is a `NewSpan.key` of this batch or the id (int) of an
        existing span of the same document and annotator; a relation whose end was left out is too.
        Not journaled for undo: suggestions are not the annotator's edits (accepting them is); nor
        waited for on disk (see `_regenerable`).
        """
        with self._regenerable(), self.transaction():
            return self._replace_suggestions(doc_id, annotator, spans, relations, sources)

    def replace_suggestions_many(
        self, batch: Iterable[tuple[int, str, Sequence[NewSpan], Sequence[NewRelation], str]]
    ) -> list[Change]:
        """`replace_suggestions` for many documents in ONE transaction (bulk suggestion: one commit,
        not one per document); items are (doc_id, annotator, spans, relations, sources)."""
        with self._regenerable(), self.transaction():
            return [self._replace_suggestions(*item) for item in batch]

    @contextmanager
    def _regenerable(self) -> Iterator[None]:
        """Commit what the program made and can make again (suggestions) without waiting for the disk:
        in WAL mode with synchronous=NORMAL the commit skips the WAL's fsync. A power cut may then
        take the last suggestions back, whole, with their `suggestion_runs` row (the document is
        suggested again when it opens); never half of them, and never anything the annotator made:
        every other write keeps synchronous=FULL, and its fsync of the WAL covers what came before.
        Inside another transaction (SQLite cannot change the setting there) or without WAL (a
        rollback journal is not crash-safe at NORMAL) nothing changes, nor on a server (PRAGMAs are
        SQLite's; the server commits as its administrator set it)."""
        conn = self.conn
        if self._tx_depth or self.is_server or conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            yield
            return
        conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            conn.execute("PRAGMA synchronous = FULL")

    def _replace_suggestions(
        self,
        doc_id: int,
        annotator: str,
        spans: Sequence[NewSpan],
        relations: Sequence[NewRelation],
        sources: str,
    ) -> Change:
        schema = self.schema
        conn = self.conn
        # inside the caller's transaction
        row = conn.execute("SELECT length FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(f"no document {doc_id}")
        length = row[0]
        existing = [
            _span(r)
            for r in conn.execute(
                f"SELECT {_SPAN_COLS} FROM spans WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
            )
        ]
        old = [s for s in existing if s.suggested]
        old_ids = {s.id for s in old}
        kept = {s.id: s for s in existing if not s.suggested}
        taken = {(s.start, s.end) for s in kept.values()}
        rejected = self.rejections(doc_id, annotator)
        removed_rels = [
            _relation(r)
            for r in conn.execute(
                f"SELECT {_REL_COLS} FROM relations WHERE doc_id = ? AND annotator = ? ORDER BY id",
                (doc_id, annotator),
            )
        ]
        removed_rels = [r for r in removed_rels if r.head in old_ids or r.tail in old_ids]
        wanted: list[NewSpan] = []
        seen: set[tuple[int, int, str]] = set()
        labels = set(schema.label_names)
        dumped: dict[
            tuple, str
        ] = {}  # (label, *attrs) checked -> attrs as JSON: a few kinds among many spans
        rows = []
        for sp in spans:
            if not (0 <= sp.start < sp.end <= length):
                raise EditError(
                    f"suggested span [{sp.start}, {sp.end}) is outside the text (length {length})"
                )
            if sp.label not in labels:
                raise EditError(f"suggested span with unknown label {sp.label!r}")
            try:
                kind = (sp.label, *sp.attrs.items())
                attrs = dumped.get(kind)
            except TypeError:  # a value that is not text (checked below)
                kind, attrs = None, None
            if attrs is None:
                self._check_attrs(sp.label, sp.attrs, schema=schema)
                attrs = json.dumps(sp.attrs, ensure_ascii=False)
                if kind is not None:
                    dumped[kind] = attrs
            ident = (sp.start, sp.end, sp.label)
            if (sp.start, sp.end) in taken or ident in rejected or ident in seen:
                continue
            seen.add(ident)
            wanted.append(sp)
            rows.append((doc_id, sp.start, sp.end, sp.label, annotator, attrs, sp.source, sp.confidence))
        if self._same_suggestions(doc_id, annotator, old, removed_rels, kept, wanted, relations, sources):
            return Change(doc_id, annotator)  # nothing would change: no write, no commit to wait for
        conn.execute(
            "DELETE FROM spans WHERE doc_id = ? AND annotator = ? AND origin = 'suggested'",
            (doc_id, annotator),
        )
        conn.executemany(
            'INSERT INTO spans(doc_id, start, "end", label, annotator, origin, attrs, source, confidence) '
            "VALUES (?, ?, ?, ?, ?, 'suggested', ?, ?, ?)",
            rows,
        )
        # the document's suggestions are now exactly these (each extent and label once): their ids
        new_id = {
            (start, end, label): span_id
            for span_id, start, end, label in conn.execute(
                'SELECT id, start, "end", label FROM spans '
                "WHERE doc_id = ? AND annotator = ? AND origin = 'suggested'",
                (doc_id, annotator),
            )
        }
        added: list[Span] = []
        by_key: dict[str | int, Span] = dict(kept)
        for sp in wanted:
            span = Span(
                new_id[sp.start, sp.end, sp.label],
                doc_id,
                sp.start,
                sp.end,
                sp.label,
                annotator,
                Origin.SUGGESTED,
                dict(sp.attrs),
                sp.source,
                sp.confidence,
            )
            added.append(span)
            if sp.key:
                by_key[sp.key] = span
        rel_rows: list[tuple[int, str, int, int, str]] = []
        allowed: dict[tuple[str, str, str], bool] = {}  # (type, head label, tail label) -> fits the schema
        for rel in relations:
            head, tail = by_key.get(rel.head), by_key.get(rel.tail)
            if head is None or tail is None or head.id == tail.id:
                continue
            shape = (rel.type, head.label, tail.label)
            ok = allowed.get(shape)
            if ok is None:
                ok = allowed[shape] = rel.type in schema.relation_names and not schema.relation(
                    rel.type
                ).mismatch(head.label, tail.label)
            if not ok:
                continue
            rel_rows.append((doc_id, rel.type, head.id, tail.id, annotator))
        rels: list[Relation] = []
        if rel_rows:
            # one statement for all of them; relation ids only grow (AUTOINCREMENT), so the rows above
            # the largest id before are exactly the ones inserted (a repeat is ignored)
            top = conn.execute("SELECT COALESCE(MAX(id), 0) FROM relations").fetchone()[0]
            conn.executemany(
                "INSERT OR IGNORE INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?)",
                rel_rows,
            )
            rels = [
                _relation(r)
                for r in conn.execute(f"SELECT {_REL_COLS} FROM relations WHERE id > ? ORDER BY id", (top,))
            ]
        conn.execute(
            "INSERT INTO suggestion_runs(doc_id, annotator, sources) VALUES (?, ?, ?) "
            "ON CONFLICT(doc_id, annotator) DO UPDATE SET sources = excluded.sources, "
            "created = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (doc_id, annotator, sources),
        )
        return Change(
            doc_id,
            annotator,
            spans_added=tuple(added),
            spans_removed=tuple(old),
            relations_added=tuple(rels),
            relations_removed=tuple(removed_rels),
        )

    def _same_suggestions(
        self,
        doc_id: int,
        annotator: str,
        old: list[Span],
        old_rels: list[Relation],
        kept: dict[int, Span],
        wanted: list[NewSpan],
        relations: Sequence[NewRelation],
        sources: str,
    ) -> bool:
        """Whether storing `wanted` would leave the suggestions (and their links) exactly as they are."""
        if len(old) != len(wanted) or self.suggestion_run(doc_id, annotator) != sources:
            return False

        def key(s: Span | NewSpan) -> tuple:
            return (s.start, s.end, s.label, json.dumps(s.attrs, sort_keys=True), s.source, s.confidence)

        if sorted(map(key, old)) != sorted(map(key, wanted)):
            return False
        ident: dict[str | int, tuple] = {i: (s.start, s.end, s.label) for i, s in kept.items()}
        ident.update({sp.key: (sp.start, sp.end, sp.label) for sp in wanted if sp.key})
        by_id = {s.id: (s.start, s.end, s.label) for s in old} | {
            i: (s.start, s.end, s.label) for i, s in kept.items()
        }
        new_rels = {
            (r.type, ident[r.head], ident[r.tail])
            for r in relations
            if r.head in ident and r.tail in ident and ident[r.head] != ident[r.tail]
        }
        return new_rels == {(r.type, by_id.get(r.head), by_id.get(r.tail)) for r in old_rels}

    def suggestion_run(self, doc_id: int, annotator: str) -> str | None:
        """The sources this document was last pre-annotated with for this annotator (None: never)."""
        row = self.conn.execute(
            "SELECT sources FROM suggestion_runs WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
        ).fetchone()
        return row[0] if row else None

    def accept_spans(self, span_ids: Iterable[int]) -> Change:
        """Accept suggestions: they become the annotator's own spans (origin manual), in one journaled
        change so that one undo takes them back. Ids that are not (or no longer) suggestions are skipped."""
        ids = list(dict.fromkeys(span_ids))
        with self.transaction():
            before = self._spans_by_id(ids)
            updated = self._accept(before)
            if not updated:
                return Change(before[0].doc_id if before else 0, before[0].annotator if before else "")
            change = Change(updated[0][0].doc_id, updated[0][0].annotator, spans_updated=tuple(updated))
            self._record(change)
        return change

    def _accept(self, spans: list[Span]) -> list[tuple[Span, Span]]:
        """Make the suggestions among `spans` the annotator's own (inside the caller's transaction),
        counted as kept in the project memory; (before, after) of each."""
        updated = []
        for span in spans:
            if span.suggested:
                self.conn.execute("UPDATE spans SET origin = 'manual' WHERE id = ?", (span.id,))
                updated.append((span, replace(span, origin=Origin.MANUAL)))
        if updated:
            self._memory_count([after for _, after in updated], kept=1)
        return updated

    def reject_spans(self, span_ids: Iterable[int]) -> Change:
        """Reject suggestions (delete them, remembered so they are not proposed again in this document),
        with the relations touching them, in one journaled change. Non-suggestions are skipped."""
        ids = list(dict.fromkeys(span_ids))
        with self.transaction() as conn:
            spans = [s for s in self._spans_by_id(ids) if s.suggested]
            if not spans:
                return Change(0, "")
            gone = {s.id for s in spans}
            rels = [
                _relation(r)
                for r in conn.execute(
                    f"SELECT {_REL_COLS} FROM relations WHERE doc_id = ? ORDER BY id", (spans[0].doc_id,)
                )
            ]
            rels = [r for r in rels if r.head in gone or r.tail in gone]
            for span in spans:
                conn.execute("DELETE FROM spans WHERE id = ?", (span.id,))
                self._remember_rejection(span)
            change = Change(
                spans[0].doc_id, spans[0].annotator, spans_removed=tuple(spans), relations_removed=tuple(rels)
            )
            self._record(change)
        return change

    def _spans_by_id(self, ids: list[int]) -> list[Span]:
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out += [
                _span(r)
                for r in self.conn.execute(f"SELECT {_SPAN_COLS} FROM spans WHERE id IN ({marks})", chunk)
            ]
        return sorted(out, key=lambda s: (s.start, -s.end, s.id))

    def rejections(self, doc_id: int, annotator: str) -> set[tuple[int, int, str]]:
        """(start, end, label) of the suggestions this annotator rejected in this document."""
        rows = self.conn.execute(
            'SELECT start, "end", label FROM rejections WHERE doc_id = ? AND annotator = ?',
            (doc_id, annotator),
        )
        return {(s, e, lab) for s, e, lab in rows}

    def _remember_rejection(self, span: Span) -> None:
        cur = self.conn.execute(
            'INSERT OR IGNORE INTO rejections(doc_id, annotator, start, "end", label, source, surface) '
            "SELECT ?, ?, ?, ?, ?, ?, substr(text, ?, ?) FROM documents WHERE id = ?",
            (
                span.doc_id,
                span.annotator,
                span.start,
                span.end,
                span.label,
                span.source,
                span.start + 1,
                span.end - span.start,
                span.doc_id,
            ),
        )
        if cur.rowcount:
            self._memory_count([span], rejected=1, any_id=True)

    def _forget_rejection(self, span: Span) -> None:
        cur = self.conn.execute(
            'DELETE FROM rejections WHERE doc_id = ? AND annotator = ? AND start = ? AND "end" = ? AND label = ?',
            (span.doc_id, span.annotator, span.start, span.end, span.label),
        )
        if cur.rowcount:
            self._memory_count([span], rejected=-1, any_id=True)

    def other_layers(self, doc_id: int, annotator: str) -> dict[str, int]:
        """Other annotators' (real) span counts in this document: layers that can be offered as suggestions."""
        rows = self.conn.execute(
            "SELECT annotator, COUNT(*) FROM spans WHERE doc_id = ? AND annotator != ? AND origin != 'suggested' "
            "GROUP BY annotator ORDER BY annotator",
            (doc_id, annotator),
        )
        return dict(rows.fetchall())

    def layers(self) -> dict[str, int]:
        """Every annotator with real spans in the project, with their span counts."""
        rows = self.conn.execute(
            "SELECT annotator, COUNT(*) FROM spans WHERE origin != 'suggested' GROUP BY annotator ORDER BY annotator"
        )
        return dict(rows.fetchall())

    # ------------------------------------------------------------------ project memory
    # `memory` counts, per label and exact surface string, how many real spans annotators made (kept)
    # and how many such suggestions they rejected. New spans are folded in lazily by id (a watermark:
    # bulk imports need no extra work), accepts, deletes and rejections at once.
    def _counter(self, key: str) -> int:
        value = self._get(key)
        return int(value) if value else 0

    def _bump_memory_version(self) -> None:
        self.conn.execute(
            "INSERT INTO project(key, value) VALUES ('memory_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(project.value AS INTEGER) + 1"
        )

    def _memory_count(
        self, spans: Iterable[Span], *, kept: int = 0, rejected: int = 0, any_id: bool = False
    ) -> None:
        """Count spans in (or out of) the memory inside the caller's transaction. Spans above the
        watermark are left to `refresh_memory` (unless `any_id`: rejections are never counted there)."""
        mark = self._counter("memory_watermark")
        changed = False
        for span in spans:
            if (not any_id and span.id > mark) or span.end - span.start > MEMORY_MAX_CHARS:
                continue
            self.conn.execute(
                "INSERT INTO memory(label, surface, kept, rejected) "
                "SELECT ?, substr(text, ?, ?), max(?, 0), max(?, 0) FROM documents WHERE id = ? "
                "ON CONFLICT(label, surface) DO UPDATE SET kept = max(kept + ?, 0), rejected = max(rejected + ?, 0)",
                (
                    span.label,
                    span.start + 1,
                    span.end - span.start,
                    kept,
                    rejected,
                    span.doc_id,
                    kept,
                    rejected,
                ),
            )
            changed = True
        if changed:
            self._bump_memory_version()

    def memory_version(self) -> int:
        """Changes whenever the memory does, so a cached lookup knows when to rebuild."""
        return self._counter("memory_version")

    def memory_backlog(self) -> tuple[int, int]:
        """(watermark, newest span id): the spans in between are not counted in the memory yet."""
        top = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM spans").fetchone()[0]
        return self._counter("memory_watermark"), top

    def real_spans_between(self, low: int, high: int) -> list[tuple[int, int, int, str]]:
        """(doc_id, start, end, label) of the real (not suggested) spans with low < id <= high, by document."""
        rows = self.conn.execute(
            'SELECT doc_id, start, "end", label FROM spans WHERE id > ? AND id <= ? '
            "AND origin != 'suggested' ORDER BY doc_id",
            (low, high),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def real_span_starts(self, doc_id: int) -> list[tuple[str, int]]:
        """(label, start) of a document's real spans, every annotator's (suggestions left out)."""
        rows = self.conn.execute(
            "SELECT label, start FROM spans WHERE doc_id = ? AND origin != 'suggested'", (doc_id,)
        )
        return rows.fetchall()

    def add_memory_counts(self, counts: dict[tuple[str, str], tuple[int, int]], watermark: int) -> int:
        """Add (kept, rejected) per (label, surface) and move the watermark, in one transaction;
        returns the memory's version."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO memory(label, surface, kept, rejected) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(label, surface) DO UPDATE SET kept = memory.kept + excluded.kept, "
                "rejected = memory.rejected + excluded.rejected",
                [(label, surface, k, r) for (label, surface), (k, r) in counts.items()],
            )
            conn.execute(
                "INSERT INTO project(key, value) VALUES ('memory_watermark', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(watermark),),
            )
            if counts:
                self._bump_memory_version()
        return self.memory_version()

    def memory_terms(self, labels: Iterable[str] | None = None) -> list[tuple[str, str, int, int]]:
        """(label, surface, kept, rejected) of every remembered string (after `refresh_memory`)."""
        sql = "SELECT label, surface, kept, rejected FROM memory WHERE kept > 0"
        params: list[str] = []
        if labels is not None:
            params = list(labels)
            sql += f" AND label IN ({','.join('?' * len(params))})"
        return [tuple(r) for r in self.conn.execute(sql, params)]  # type: ignore[misc]

    # ------------------------------------------------------------------ trained models
    def finished_layers(self, annotator: str | None = None) -> list[tuple[int, str, str]]:
        """(document id, annotator, status) of every layer a model may learn from, by document id.

        Without `annotator`: layers marked done or adjudicated. With it: that annotator's layers
        marked done or adjudicated, and those with spans and no status at all (an imported layer,
        complete as it came). Layers marked new or in progress are never taken: half-done work
        would teach the model that unlabelled names are not names.
        """
        finished = "('done', 'adjudicated')"
        if annotator is None:
            rows = self.conn.execute(
                f"SELECT doc_id, annotator, status FROM statuses WHERE status IN {finished} ORDER BY doc_id, annotator"
            )
        else:
            rows = self.conn.execute(
                f"SELECT doc_id, annotator, status FROM statuses WHERE annotator = ? AND status IN {finished} "
                "UNION SELECT DISTINCT s.doc_id, s.annotator, '' FROM spans s WHERE s.annotator = ? "
                "AND s.origin != 'suggested' AND NOT EXISTS (SELECT 1 FROM statuses st "
                "WHERE st.doc_id = s.doc_id AND st.annotator = s.annotator) ORDER BY 1, 2",
                (annotator, annotator),
            )
        return [(r[0], r[1], r[2]) for r in rows]

    def save_model(self, name: str, trained_at: str, data: bytes, memory: str, info: str) -> None:
        """Store a trained model under `name`, replacing the previous one in the same transaction."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO models(name, trained_at, data, memory, info) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET trained_at = excluded.trained_at, data = excluded.data, "
                "memory = excluded.memory, info = excluded.info",
                (name, trained_at, sqlite3.Binary(data), memory, info),
            )

    def model_record(self, name: str, *, with_data: bool = True) -> tuple[str, bytes, str, str] | None:
        """(trained_at, data, memory, info) of the stored model `name`, or None; `with_data=False`
        leaves out the model bytes and memory (b"", "") for a quick look at its info."""
        cols = "trained_at, data, memory, info" if with_data else "trained_at, x'', '', info"
        row = self.conn.execute(f"SELECT {cols} FROM models WHERE name = ?", (name,)).fetchone()
        return (row[0], bytes(row[1]), row[2], row[3]) if row else None

    def delete_model(self, name: str) -> bool:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM models WHERE name = ?", (name,)).rowcount > 0

    # ------------------------------------------------------------------ statistics
    def stats(self) -> dict[str, Any]:
        """Counts per label, per annotator and per status, for `annotator stats` and the window."""
        q = self.conn.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "characters": q("SELECT COALESCE(SUM(length), 0) FROM documents").fetchone()[0],
            # suggestions are not work done: counted apart, left out of everything else
            "spans": q("SELECT COUNT(*) FROM spans WHERE origin != 'suggested'").fetchone()[0],
            "suggestions": q("SELECT COUNT(*) FROM spans WHERE origin = 'suggested'").fetchone()[0],
            "relations": q(
                "SELECT COUNT(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM spans s "
                "WHERE s.id IN (r.head, r.tail) AND s.origin = 'suggested')"
            ).fetchone()[0],
            "labels": dict(
                q(
                    "SELECT label, COUNT(*) FROM spans WHERE origin != 'suggested' GROUP BY label ORDER BY label"
                ).fetchall()
            ),
            "relation_types": dict(
                q(
                    "SELECT type, COUNT(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM spans s "
                    "WHERE s.id IN (r.head, r.tail) AND s.origin = 'suggested') GROUP BY type ORDER BY type"
                ).fetchall()
            ),
            "annotators": {
                a: {"spans": n, "documents": d}
                for a, n, d in q(
                    "SELECT annotator, COUNT(*), COUNT(DISTINCT doc_id) FROM spans WHERE origin != 'suggested' "
                    "GROUP BY annotator ORDER BY annotator"
                )
            },
            "statuses": {
                f"{a}:{s}": n
                for a, s, n in q(
                    "SELECT annotator, status, COUNT(*) FROM statuses GROUP BY annotator, status ORDER BY 1, 2"
                )
            },
        }
