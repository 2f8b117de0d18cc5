"""The project store: one SQLite file holding the schema, the documents and every annotation.

Why it looks like this:
- every mutation is one `BEGIN IMMEDIATE` transaction, committed before the method returns, so a
  killed process loses at most the edit in flight and two windows never interleave half-edits;
- WAL, foreign keys and a busy timeout are set on every connection (sqlite-utils leaves foreign
  keys off);
- mutations return a `Change` that says exactly what happened: the window refreshes from it and
  the undo journal stores it, so undo is the inverse change, even after a restart;
- bulk imports use `executemany` in one transaction (sqlite-utils' insert_all is several times
  slower); sqlite-utils is used for introspection and convenience;
- opening checks the header and the schema only; the full check of every page runs in the
  background or before the first write, and at open when the last session did not close cleanly
  (core/integrity.py): a damaged file is refused before anything is written into it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotator.core.integrity import (
    Verifier,
    header_problem,
    migration_statements,
    quick_check,
    schema_problems,
    stale_sessions,
    this_host,
)
from annotator.core.migrations import APPLICATION_ID, LATEST
from annotator.core.model import (
    Change,
    Document,
    DocumentInfo,
    NewDocument,
    NewSpan,
    Origin,
    Relation,
    Span,
    Status,
)
from annotator.core.schema import Schema, default_schema, schema_from_dict

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000


class ProjectError(Exception):
    """The file cannot be used as a project (missing, corrupted, foreign, too new)."""


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

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
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
        try:
            self.conn.close()
        except sqlite3.Error:
            pass


class _Batch:
    """Rows of a bulk add waiting for one `executemany` per table: few statements, bounded memory."""

    ROWS = 5000  # spans, relations and statuses gathered before a flush
    TEXT = 8_000_000  # characters of document text gathered before a flush

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
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

    def flush(self) -> None:
        conn = self.conn
        if self.documents:
            conn.executemany(
                "INSERT INTO documents(id, name, title, text, length, sha256, meta, source, tokens) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.documents,
            )
        if self.spans:
            conn.executemany(
                'INSERT INTO spans(id, doc_id, start, "end", label, annotator, origin, attrs) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                self.spans,
            )
        if self.relations:
            conn.executemany(
                "INSERT OR IGNORE INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?)",
                self.relations,
            )
        if self.statuses:
            conn.executemany(
                "INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?)", self.statuses
            )
        for rows in (self.documents, self.spans, self.relations, self.statuses):
            rows.clear()
        self.shas.clear()
        self.size = 0


class EditError(ValueError):
    """An edit that would break an invariant (offsets outside the text, unknown label...)."""


@dataclass(slots=True)
class AddResult:
    """What a bulk add did: new document ids and names, and the names of documents skipped as duplicates."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0


def _span(row: sqlite3.Row | tuple) -> Span:
    sid, doc_id, start, end, label, annotator, origin, attrs = row
    return Span(sid, doc_id, start, end, label, annotator, Origin(origin), json.loads(attrs))


def _relation(row: sqlite3.Row | tuple) -> Relation:
    return Relation(*row)


#: `json.dumps(x, ensure_ascii=False)` and `json.dumps(x, separators=(",", ":"))` without building an
#: encoder per call (bulk adds call them for every document and span).
_dumps = json.JSONEncoder(ensure_ascii=False).encode
_dumps_compact = json.JSONEncoder(separators=(",", ":")).encode

_SPAN_COLS = 'id, doc_id, start, "end", label, annotator, origin, attrs'
_REL_COLS = "id, doc_id, type, head, tail, annotator"


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


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection with the pragmas every connection to a project needs."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Store:
    """An open project. Create with `Store.create(path)` or open with `Store.open(path)`."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection) -> None:
        self.path = Path(path)
        self.conn = conn
        self._schema: Schema | None = None
        self._schema_version = -1
        self._verified = False  # the full check passed (or the file was created by this store)
        self._damage: str | None = None
        self._verifier: Verifier | None = None
        self._marking = False  # session markers are written once migrations have made their table
        self._marker = _Marker(conn)
        self._finalizer = weakref.finalize(self, self._marker.end)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection (tables, columns, indexes).

        Imported on first use only: sqlite-utils imports pandas whenever it is installed, which would
        add ~0.4 s and ~100 MB to every start of the window and the command line.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: str | Path, schema: Schema | None = None) -> Store:
        """Create a new project file; refuses to touch an existing non-empty file."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path}: already exists")
        if not path.parent.exists():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        store = cls._connect(path, creating=True)
        store.set_schema(schema or default_schema())
        return store

    @classmethod
    def open(cls, path: str | Path, *, verify: Verify = "on_write") -> Store:
        """Open a project, applying pending migrations; refuses damaged, foreign or newer files.

        Reads the header and the schema only; `verify` says when the full check runs (see `Verify`).
        """
        path = Path(path)
        if not path.exists() or path.stat().st_size == 0:
            raise ProjectError(f"{path}: no such project (create one with `annotator init {path}`)")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        problem = header_problem(path)
        if problem == "not an SQLite database":
            raise ProjectError(f"{path}: not an annotator project (not an SQLite database)")
        if problem:
            raise ProjectDamaged(f"{path}: the project file is damaged ({problem}); restore a copy")
        store = cls._connect(path, creating=False)
        try:
            store._start_verifying(verify)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def _connect(cls, path: Path, *, creating: bool) -> Store:
        try:
            conn = connect(path)
            if not creating:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                if app_id != APPLICATION_ID:
                    conn.close()
                    raise ProjectError(f"{path}: not an annotator project (a different SQLite database)")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > LATEST:
                conn.close()
                raise ProjectError(
                    f"{path}: made by a newer version of annotator (project schema {version}, "
                    f"this version knows up to {LATEST}); upgrade annotator to open it"
                )
            if not creating:
                problems = schema_problems(conn, version)
                if problems:
                    conn.close()
                    raise ProjectDamaged(
                        f"{path}: the project file is damaged or was altered ({'; '.join(problems)}); "
                        "restore a copy"
                    )
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
        except BaseException:
            store.close()
            raise
        store._marking = True
        return store

    def _start_verifying(self, verify: Verify) -> None:
        stale = stale_sessions(self.conn)
        if stale or verify == "now":
            self.verify()
            if stale:  # checked: forget them (a read-only file keeps them, and is checked again)
                try:
                    self.conn.executemany("DELETE FROM sessions WHERE id = ?", [(r[0],) for r in stale])
                except sqlite3.Error:
                    pass
        elif verify == "background":
            self._verifier = Verifier(self.path, connect)

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
        for number in range(version + 1, LATEST + 1):
            with self.transaction():
                for statement in migration_statements(number):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute(f"PRAGMA user_version = {number}")

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close the project: stop a running check and remove this session's marker (a clean close)."""
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
        passed the full check, and the first one of this store also writes its session marker."""
        self.verify()
        self.conn.execute("BEGIN IMMEDIATE")
        marker = os.urandom(16).hex() if self._marking and self._marker.id is None else None
        try:
            if marker is not None:
                self.conn.execute(
                    "INSERT INTO sessions(id, host, pid) VALUES (?, ?, ?)", (marker, this_host(), os.getpid())
                )
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite has already rolled back after SQLITE_FULL and the like
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error:  # a COMMIT that fails (disk full at the end) must not leave it open
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if marker is not None:
            self._marker.id = marker

    def data_version(self) -> int:
        """Changes when another connection commits: a window polls it to reload."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

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
                problems.append(f"label {label} is used by {n} spans")
        for rtype, n in self.conn.execute("SELECT type, COUNT(*) FROM relations GROUP BY type ORDER BY type"):
            if rtype not in schema.relation_names:
                problems.append(f"relation type {rtype} is used by {n} relations")
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
    def guidelines(self) -> str:
        return self._get("guidelines") or ""

    def set_guidelines(self, text: str) -> None:
        self._set("guidelines", text)

    # ------------------------------------------------------------------ documents
    def add_documents(self, docs: Iterable[NewDocument]) -> AddResult:
        """Store new documents with their spans and relations in ONE transaction.

        Duplicates (same text SHA-256, already stored or earlier in this batch) are skipped and
        named. Every span is validated (offsets inside the text, label in the schema); any error
        rolls the whole batch back and raises EditError, leaving the project as it was. `docs` may
        be a generator that reads a file as it goes: each document is stored as it comes, and an
        exception the generator raises rolls the batch back the same way.
        """
        schema = self.schema
        declared = {lab.name: lab.attributes for lab in schema.labels}
        labels = declared.keys()
        relation_types = {r.name: r for r in schema.relations}
        attrs_json: dict[tuple, str] = {}  # most spans share a few attribute sets: encode each once
        result = AddResult()
        with self.transaction() as conn:
            # Ids are given here (the write lock is held): spans go in by executemany, batched across
            # documents, and relations know their spans' ids without a statement per span.
            doc_id = self._last_id("documents")
            span_id = self._last_id("spans")
            batch = _Batch(conn)
            for doc in docs:
                sha = doc.sha256
                if (
                    sha in batch.shas
                    or conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone()
                ):
                    result.duplicates.append(doc.name)
                    continue
                text = doc.text
                if "\x00" in text:  # SQLite's length() and every export would stop at it
                    raise EditError(f"{doc.name}: the text holds a NUL character")
                length = len(text)
                for sp in doc.spans:
                    if not (0 <= sp.start < sp.end <= length):
                        raise EditError(
                            f"{doc.name}: span [{sp.start}, {sp.end}) is outside the text (length {length})"
                        )
                    if sp.label not in labels:
                        raise EditError(f"{doc.name}: unknown label {sp.label!r}")
                    if sp.attrs:
                        self._check_attrs(sp.label, sp.attrs, f"{doc.name}: ", declared[sp.label])
                doc_id += 1
                batch.shas.add(sha)
                batch.documents.append(
                    (
                        doc_id,
                        doc.name,
                        str(doc.meta.get("title", "")),
                        text,
                        length,
                        sha,
                        _dumps(doc.meta),
                        doc.source,
                        _dumps_compact(doc.tokens) if doc.tokens is not None else None,
                    )
                )
                batch.size += length
                result.ids.append(doc_id)
                result.names.append(doc.name)
                keyed: dict[str, tuple[int, NewSpan]] = {}
                for sp in doc.spans:
                    span_id += 1
                    attrs = "{}"
                    if sp.attrs:
                        key = tuple(sp.attrs.items())
                        attrs = attrs_json.get(key) or _dumps(sp.attrs)
                        if len(attrs_json) < 1000:
                            attrs_json[key] = attrs
                    batch.spans.append(
                        (
                            span_id,
                            doc_id,
                            sp.start,
                            sp.end,
                            sp.label,
                            sp.annotator,
                            sp.origin,  # a StrEnum: stored as its value
                            attrs,
                        )
                    )
                    if sp.key:
                        keyed[sp.key] = (span_id, sp)
                result.spans += len(doc.spans)
                for rel in doc.relations:
                    if rel.head not in keyed or rel.tail not in keyed:
                        raise EditError(f"{doc.name}: relation {rel.type} names an unknown span")
                    if rel.type not in relation_types:
                        raise EditError(f"{doc.name}: unknown relation type {rel.type!r}")
                    (head, head_span), (tail, tail_span) = keyed[rel.head], keyed[rel.tail]
                    mismatch = relation_types[rel.type].mismatch(head_span.label, tail_span.label)
                    if mismatch:
                        raise EditError(f"{doc.name}: {mismatch}")
                    batch.relations.append((doc_id, rel.type, head, tail, rel.annotator))
                    result.relations += 1
                for annotator, status in doc.statuses.items():
                    batch.statuses.append((doc_id, annotator, Status(status).value))
                if batch.full:
                    batch.flush()
            batch.flush()
        return result

    def _last_id(self, table: str) -> int:
        """The largest id `table` has ever used (AUTOINCREMENT's rule): new rows take the ones after
        it. Only inside a write transaction, where no other connection can insert."""
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        top = self.conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0]
        return max(row[0] if row else 0, top or 0)

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

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def _doc_filter(
        self, annotator: str, status: Status | None, query: str | None, after_id: int | None = None
    ) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = [annotator]
        if after_id is not None:
            where.append("d.id > ?")
            params.append(after_id)
        if status is not None:
            where.append("COALESCE(st.status, 'new') = ?")
            params.append(Status(status).value)
        if query:
            where.append("(d.name LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\')")
            like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like, like]
        sql = "FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def count_documents(
        self, annotator: str = "", status: Status | None = None, query: str | None = None
    ) -> int:
        if not query:  # without a text filter, counts over the index instead of a join over every document
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
        sql, params = self._doc_filter(annotator, status, query)
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
    ) -> list[DocumentInfo]:
        """A page of the document list, without the texts (the window loads it lazily).

        Pass `after_id` (the last id already shown) rather than a large `offset`: keyset paging costs
        the same on the last page of 100,000 documents as on the first, where OFFSET grows with depth.
        """
        sql, params = self._doc_filter(annotator, status, query, after_id)
        rows = self.conn.execute(
            "SELECT d.id, d.name, d.title, d.length, COALESCE(st.status, 'new'), "
            "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator = ?) "
            + sql
            + " ORDER BY d.id LIMIT ? OFFSET ?",
            [annotator, *params, limit, offset],
        ).fetchall()
        return [DocumentInfo(r[0], r[1], r[2], r[3], Status(r[4]), r[5]) for r in rows]

    def document_info(self, doc_id: int, annotator: str = "") -> DocumentInfo:
        row = self.conn.execute(
            "SELECT d.id, d.name, d.title, d.length, COALESCE(st.status, 'new'), "
            "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator = ?) "
            "FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? WHERE d.id = ?",
            (annotator, annotator, doc_id),
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return DocumentInfo(row[0], row[1], row[2], row[3], Status(row[4]), row[5])

    def next_unfinished(self, annotator: str, after: int | None = None) -> int | None:
        """The next document (by id, wrapping around) that this annotator has not marked done."""
        sql = (
            "SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? "
            "WHERE COALESCE(st.status, 'new') NOT IN ('done', 'adjudicated') AND d.id {op} ? ORDER BY d.id LIMIT 1"
        )
        row = self.conn.execute(sql.format(op=">"), (annotator, after or 0)).fetchone()
        if row is None and after is not None:
            row = self.conn.execute(sql.format(op="<"), (annotator, after)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ reading annotations
    def spans(self, doc_id: int, annotator: str | None = None) -> list[Span]:
        if annotator is None:
            rows = self.conn.execute(
                f'SELECT {_SPAN_COLS} FROM spans WHERE doc_id = ? ORDER BY start, "end" DESC, id', (doc_id,)
            )
        else:
            rows = self.conn.execute(
                f"SELECT {_SPAN_COLS} FROM spans WHERE doc_id = ? AND annotator = ? "
                'ORDER BY start, "end" DESC, id',
                (doc_id, annotator),
            )
        return [_span(r) for r in rows]

    def span(self, span_id: int) -> Span:
        row = self.conn.execute(f"SELECT {_SPAN_COLS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(f"no span {span_id}")
        return _span(row)

    def relations(self, doc_id: int, annotator: str | None = None) -> list[Relation]:
        if annotator is None:
            rows = self.conn.execute(
                f"SELECT {_REL_COLS} FROM relations WHERE doc_id = ? ORDER BY id", (doc_id,)
            )
        else:
            rows = self.conn.execute(
                f"SELECT {_REL_COLS} FROM relations WHERE doc_id = ? AND annotator = ? ORDER BY id",
                (doc_id, annotator),
            )
        return [_relation(r) for r in rows]

    def status(self, doc_id: int, annotator: str) -> Status:
        row = self.conn.execute(
            "SELECT status FROM statuses WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
        ).fetchone()
        return Status(row[0]) if row else Status.NEW

    def annotators(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT annotator FROM spans UNION SELECT annotator FROM statuses ORDER BY 1"
        )
        return [r[0] for r in rows]

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
        self, label: str, attrs: dict[str, Any], where: str = "", declared: dict[str, Any] | None = None
    ) -> None:
        """Attribute values are strings; an attribute the schema declares for the label takes one of its
        values (others, such as brat's free attributes, are kept as they are). `declared` is the
        label's declared attributes when the caller has them at hand."""
        if declared is None:
            declared = self.schema.label(label).attributes
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
        added = []
        for span in change.spans_added:
            cur = conn.execute(
                'INSERT OR IGNORE INTO spans(id, doc_id, start, "end", label, annotator, origin, attrs) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    span.id,
                    span.doc_id,
                    span.start,
                    span.end,
                    span.label,
                    span.annotator,
                    span.origin.value,
                    json.dumps(span.attrs, ensure_ascii=False),
                ),
            )
            if cur.rowcount:
                added.append(span)
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
                    "INSERT OR IGNORE INTO relations(id, doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?, ?)",
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
        order = "ASC" if undone else "DESC"
        row = self.conn.execute(
            f"SELECT id, change FROM history WHERE doc_id = ? AND annotator = ? AND undone = ? ORDER BY id {order} LIMIT 1",
            (doc_id, annotator, int(undone)),
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

    def undo_text(self, doc_id: int, annotator: str, *, redo: bool = False) -> str:
        """What the next undo (or redo) would do, for menu labels."""
        entry = self._history_row(doc_id, annotator, undone=redo)
        return entry[1].describe() if entry else ""

    # ------------------------------------------------------------------ statistics
    def stats(self) -> dict[str, Any]:
        """Counts per label, per annotator and per status, for `annotator stats` and the window."""
        q = self.conn.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "characters": q("SELECT COALESCE(SUM(length), 0) FROM documents").fetchone()[0],
            "spans": q("SELECT COUNT(*) FROM spans").fetchone()[0],
            "relations": q("SELECT COUNT(*) FROM relations").fetchone()[0],
            "labels": dict(q("SELECT label, COUNT(*) FROM spans GROUP BY label ORDER BY label").fetchall()),
            "relation_types": dict(
                q("SELECT type, COUNT(*) FROM relations GROUP BY type ORDER BY type").fetchall()
            ),
            "annotators": {
                a: {"spans": n, "documents": d}
                for a, n, d in q(
                    "SELECT annotator, COUNT(*), COUNT(DISTINCT doc_id) FROM spans GROUP BY annotator ORDER BY annotator"
                )
            },
            "statuses": {
                f"{a}:{s}": n
                for a, s, n in q(
                    "SELECT annotator, status, COUNT(*) FROM statuses GROUP BY annotator, status ORDER BY 1, 2"
                )
            },
        }
