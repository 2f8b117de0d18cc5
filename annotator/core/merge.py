"""Merging projects made on different machines into one team project.

`merge(target, inputs, options)` reads every input read-only and writes the target in ONE
transaction (a new target is built under a temporary name and renamed into place), so a merge that
is killed or runs out of disk leaves the target exactly as it was. The rules:

- Documents are matched by their text's SHA-256; a document the target lacks is added with its
  name, metadata and tokens. The target keeps its own copy of a document it already has.
- The unit of merging is a **layer**: one annotator's spans, relations, status and undo history on
  one document. A layer the target lacks is copied with everything it holds (suggested spans too);
  a layer identical in its real annotations is left alone, except that a status further along
  (new < in progress < done < adjudicated) is taken; so merging the same file twice changes nothing.
- **Same name, different people.** An annotator name is one person only if their work agrees where
  it meets. The merge is refused, naming annotator, document and files, when the same name
  annotated a document differently in two inputs, or in an input and the target; or worked on
  disjoint documents in two places (nothing shows it is the same person). `rename` gives one input's
  annotator another name; `update` lets an input's layers replace the target's (a newer copy of the
  same person's file: never between two inputs of one merge).
- **Schemas.** Labels, attribute values and relation types an input declares and the target lacks
  are refused, all of them named, unless `schema_union` adds them to the target's schema.
- Conflict checks compare real annotations only: suggested spans (and relations touching them) do
  not make two layers differ.
- Undo history comes along with the ids it names remapped to the target's (spans that no longer
  exist get fresh ids no other span will take), so undo in the team project undoes the right edit.
- An input that is missing, not a project, damaged or from a newer version is refused by name
  before anything is written. Inputs are opened read-only (SQLite `mode=ro`): never modified.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.migrations import APPLICATION_ID, LATEST
from annotator.core.model import Origin, Status
from annotator.core.schema import Label, RelationType, Schema, schema_from_dict
from annotator.core.store import BUSY_TIMEOUT_MS, ProjectError, Store, is_server_location, new_project_file
from annotator.core.wording import counted

__all__ = ["MergeConflict", "MergeError", "MergeOptions", "MergeReport", "merge", "open_input"]

_STATUS_ORDER = {Status.NEW: 0, Status.IN_PROGRESS: 1, Status.DONE: 2, Status.ADJUDICATED: 3}


class MergeError(Exception):
    """An input or the target cannot be used; nothing was written."""


class MergeConflict(MergeError):
    """The inputs disagree in a way a flag must settle; `problems` lists each, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(slots=True)
class MergeOptions:
    schema_union: bool = False
    update: bool = False
    rename: dict[str, dict[str, str]] = field(default_factory=dict)  # input path -> old -> new name


@dataclass(slots=True)
class MergeReport:
    target: str = ""
    created: bool = False
    documents_added: int = 0
    documents_matched: int = 0
    layers_added: int = 0
    layers_replaced: int = 0
    layers_unchanged: int = 0
    statuses_advanced: int = 0
    spans: int = 0
    relations: int = 0
    history: int = 0
    schema_added: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.documents_added
            or self.layers_added
            or self.layers_replaced
            or self.statuses_advanced
            or self.schema_added
        )

    def summary(self) -> str:
        lines = [
            f"{'created' if self.created else 'merged into'} {self.target}: "
            f"{counted(self.documents_added, 'document')} added, {self.documents_matched} already there; "
            f"layers (annotator x document): {self.layers_added} added, {self.layers_replaced} replaced, "
            f"{self.layers_unchanged} unchanged; {counted(self.spans, 'span')}, {counted(self.relations, 'relation')}, "
            f"{self.history} history entries copied"
        ]
        if self.statuses_advanced:
            lines.append(f"{self.statuses_advanced} statuses moved further along")
        if self.schema_added:
            lines.append("added to the schema: " + ", ".join(self.schema_added))
        if not self.changed:
            lines.append("nothing to change: the target already holds every input")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


# ----------------------------------------------------------------------------- opening inputs
def location(path: str | Path) -> Path | str:
    """A project's location as merge compares them: a Path for a file, the URL for a server."""
    return path if is_server_location(path) else Path(path)


def open_input(path: str | Path) -> Store:
    """Open a project for reading only (SQLite `mode=ro`: the file cannot be written), checked like
    `Store.open`: a missing, foreign, damaged or newer file raises
    ProjectError naming it. An older project is copied into memory and migrated there. A server
    project is read in read-only transactions (the server refuses any write on that connection)."""
    if is_server_location(path):
        store = Store.open(str(path))
        store.conn.raw.execute("SET default_transaction_read_only = on")
        return store
    path = Path(path)
    if not path.exists():
        raise ProjectError(f"{path}: no such file")
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise ProjectError(f"{path}: not an annotator project (not an SQLite database)")
    # With no -wal or -journal beside it the file holds every committed change, and `immutable`
    # reads it without creating the -shm and -wal files a `mode=ro` connection leaves behind.
    quiet = not any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    try:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if quiet else ""),
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise ProjectError(f"{path}: the project file is damaged ({result})")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise ProjectError(f"{path}: not an annotator project (a different SQLite database)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: cannot read the project: {exc}") from exc
    if version > LATEST:
        conn.close()
        raise ProjectError(
            f"{path}: made by a newer version of annotator (project schema {version}, this version "
            f"knows up to {LATEST}); upgrade annotator to merge it"
        )
    if version < LATEST:  # migrate a copy, never the file
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.backup(memory)
        conn.close()
        store = Store(path, memory)
        store._migrate(version)
        return store
    return Store(path, conn)


# ----------------------------------------------------------------------------- reading a project
@dataclass(slots=True)
class _Layer:
    """One annotator's part of one document, as rows of the source (ids are the source's)."""

    spans: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    status: dict[str, Any] | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    def real_spans(self) -> list[dict[str, Any]]:
        return [s for s in self.spans if s["origin"] != Origin.SUGGESTED.value]

    @property
    def worked(self) -> bool:
        status = self.status["status"] if self.status else Status.NEW.value
        return bool(self.real_spans()) or status != Status.NEW.value

    def content(self) -> tuple[Any, ...]:
        """What two copies of a layer must share to be the same work: real spans (offsets, label,
        attributes) and the relations between them."""
        real = {
            s["id"]: (s["start"], s["end"], s["label"], _attrs_key(s["attrs"])) for s in self.real_spans()
        }
        rels = sorted(
            (r["type"], real[r["head"]], real[r["tail"]])
            for r in self.relations
            if r["head"] in real and r["tail"] in real
        )
        return (tuple(sorted(real.values())), tuple(rels))

    def status_value(self) -> Status:
        return Status(self.status["status"]) if self.status else Status.NEW


def _attrs_key(raw: str) -> str:
    return json.dumps(json.loads(raw or "{}"), sort_keys=True, ensure_ascii=False)


@dataclass(slots=True)
class _Project:
    path: Path | str
    schema: Schema
    documents: dict[str, dict[str, Any]]  # sha256 -> document row
    layers: dict[tuple[str, str], _Layer]  # (sha256, annotator) -> layer
    origin: dict[str, Any] | None = None  # what `annotator copy` recorded, when this is a copy


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def _read(store: Store, rename: dict[str, str] | None = None) -> _Project:
    """Everything of a project a merge needs, keyed by text SHA-256 and annotator."""
    conn = store.conn
    rename = rename or {}
    docs = _rows(conn, "SELECT * FROM documents")
    sha_of = {d["id"]: d["sha256"] for d in docs}
    layers: dict[tuple[str, str], _Layer] = {}

    def layer(doc_id: int, annotator: str) -> _Layer:
        return layers.setdefault((sha_of[doc_id], rename.get(annotator, annotator)), _Layer())

    for row in _rows(conn, "SELECT * FROM spans ORDER BY id"):
        layer(row["doc_id"], row["annotator"]).spans.append(row)
    for row in _rows(conn, "SELECT * FROM relations ORDER BY id"):
        layer(row["doc_id"], row["annotator"]).relations.append(row)
    for row in _rows(conn, "SELECT * FROM statuses"):
        layer(row["doc_id"], row["annotator"]).status = row
    for row in _rows(conn, "SELECT * FROM history ORDER BY id"):
        layer(row["doc_id"], row["annotator"]).history.append(row)
    if rename:
        for lay in layers.values():
            for rows in (lay.spans, lay.relations, lay.history, [lay.status] if lay.status else []):
                for row in rows:
                    row["annotator"] = rename.get(row["annotator"], row["annotator"])
    from annotator.core.copy import copied_from

    return _Project(
        store.path or store.location, store.schema, {d["sha256"]: d for d in docs}, layers, copied_from(store)
    )


def fingerprint(layer: _Layer) -> str:
    """What a layer holds (real spans, their relations, the status) as a short hash: a copy keeps
    one per layer, so that merging it back can tell which side changed a layer since."""
    raw = json.dumps([layer.content(), layer.status_value().value], ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def layer_fingerprints(store: Store) -> dict[str, str]:
    """`sha256:annotator` -> fingerprint, for every layer of the project."""
    return {
        f"{sha}:{annotator}": fingerprint(layer) for (sha, annotator), layer in _read(store).layers.items()
    }


# ----------------------------------------------------------------------------- schemas
def _schema_gaps(target: Schema, source: Schema) -> list[tuple[str, Any]]:
    """What `source` declares that `target` lacks, as (description, what to add)."""
    gaps: list[tuple[str, Any]] = []
    for lab in source.labels:
        if not target.has_label(lab.name):
            gaps.append((f"label {lab.name}", ("label", lab)))
            continue
        have = target.label(lab.name).attributes
        for attr, values in lab.attributes.items():
            missing = [v for v in values if v not in have.get(attr, ())]
            if missing and attr not in have:
                gaps.append(
                    (f"{lab.name} attribute {attr} ({', '.join(values)})", ("attr", lab.name, attr, values))
                )
            elif missing:
                gaps.append(
                    (
                        f"{lab.name} {attr} value {', '.join(missing)}",
                        ("attr", lab.name, attr, tuple(missing)),
                    )
                )
    for rel in source.relations:
        if rel.name not in target.relation_names:
            gaps.append((f"relation type {rel.name}", ("relation", rel)))
            continue
        mine = target.relation(rel.name)
        heads = [h for h in rel.heads if h not in mine.heads]
        tails = [t for t in rel.tails if t not in mine.tails]
        if heads or tails:
            gaps.append(
                (
                    f"relation {rel.name} from {'/'.join(rel.heads)} to {'/'.join(rel.tails)}",
                    ("ends", rel.name, tuple(heads), tuple(tails)),
                )
            )
    return gaps


def _extend(schema: Schema, gap: Any) -> Schema:
    """`schema` with one gap filled (a label keeps its key only when no other label has it)."""
    labels, relations = list(schema.labels), list(schema.relations)
    kind = gap[0]
    if kind == "label":
        lab: Label = gap[1]
        used = {x.key.lower() for x in labels if x.key} | {r.key.lower() for r in relations if r.key}
        key = lab.key if lab.key and lab.key.lower() not in used else ""
        labels.append(Label(lab.name, lab.colour, key, lab.description, dict(lab.attributes)))
    elif kind == "attr":
        _, name, attr, values = gap
        i = next(k for k, x in enumerate(labels) if x.name == name)
        attrs = dict(labels[i].attributes)
        attrs[attr] = tuple(dict.fromkeys([*attrs.get(attr, ()), *values]))
        old = labels[i]
        labels[i] = Label(old.name, old.colour, old.key, old.description, attrs)
    elif kind == "relation":
        rel: RelationType = gap[1]
        used = {x.key.lower() for x in labels if x.key} | {r.key.lower() for r in relations if r.key}
        key = rel.key if rel.key and rel.key.lower() not in used else ""
        relations.append(RelationType(rel.name, rel.heads, rel.tails, key, rel.description))
    else:
        _, name, heads, tails = gap
        i = next(k for k, r in enumerate(relations) if r.name == name)
        old = relations[i]
        relations[i] = RelationType(
            old.name, old.heads + tuple(heads), old.tails + tuple(tails), old.key, old.description
        )
    merged = Schema(tuple(labels), tuple(relations))
    return schema_from_dict(merged.to_dict(), "merged schema")  # validated as a whole


# ----------------------------------------------------------------------------- writing
class _Writer:
    """Inserts rows into the target inside the caller's transaction, remapping ids."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn
        self.backend = store.backend
        self.cols = {
            t: store.backend.columns(t) for t in ("documents", "spans", "relations", "statuses", "history")
        }

    def insert(self, table: str, row: dict[str, Any], **override: Any) -> int:
        cols = [c for c in self.cols[table] if c != "id" and (c in row or c in override)]
        values = [override.get(c, row.get(c)) for c in cols]
        quoted = ", ".join(f'"{c}"' for c in cols)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))})", values
        )
        return cur.lastrowid  # type: ignore[return-value]

    def fresh_id(self, table: str) -> int:
        """An id no row of `table` has or will be given (AUTOINCREMENT continues after it)."""
        return self.backend.fresh_id(table)

    def clear_layer(self, doc_id: int, annotator: str) -> None:
        for table in ("spans", "statuses", "history"):  # relations go with their spans
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ? AND annotator = ?", (doc_id, annotator))
        self.conn.execute("DELETE FROM relations WHERE doc_id = ? AND annotator = ?", (doc_id, annotator))

    def copy_layer(self, doc_id: int, layer: _Layer, report: MergeReport) -> None:
        span_ids: dict[int, int] = {}
        for s in layer.spans:
            span_ids[s["id"]] = self.insert("spans", s, doc_id=doc_id)
        rel_ids: dict[int, int] = {}
        for r in layer.relations:
            rel_ids[r["id"]] = self.insert(
                "relations", r, doc_id=doc_id, head=span_ids[r["head"]], tail=span_ids[r["tail"]]
            )
        if layer.status is not None:
            self.insert("statuses", layer.status, doc_id=doc_id)
        for h in layer.history:
            change = _remap_change(h["change"], doc_id, h["annotator"], span_ids, rel_ids, self.fresh_id)
            self.insert("history", h, doc_id=doc_id, change=change)
        report.spans += len(layer.spans)
        report.relations += len(layer.relations)
        report.history += len(layer.history)


def _remap_change(
    raw: str,
    doc_id: int,
    annotator: str,
    span_ids: dict[int, int],
    rel_ids: dict[int, int],
    fresh: Callable[[str], int],
) -> str:
    """A journal entry with the ids it names turned into the target's."""
    d = json.loads(raw)

    def sid(old: int) -> int:
        if old not in span_ids:
            span_ids[old] = fresh("spans")
        return span_ids[old]

    def rid(old: int) -> int:
        if old not in rel_ids:
            rel_ids[old] = fresh("relations")
        return rel_ids[old]

    def span(s: dict[str, Any]) -> dict[str, Any]:
        return {**s, "id": sid(s["id"]), "doc_id": doc_id, "annotator": annotator}

    def rel(r: list[Any]) -> list[Any]:
        return [rid(r[0]), doc_id, r[2], sid(r[3]), sid(r[4]), annotator]

    d["doc_id"], d["annotator"] = doc_id, annotator
    d["spans_added"] = [span(s) for s in d.get("spans_added", [])]
    d["spans_removed"] = [span(s) for s in d.get("spans_removed", [])]
    d["spans_updated"] = [[span(a), span(b)] for a, b in d.get("spans_updated", [])]
    d["relations_added"] = [rel(r) for r in d.get("relations_added", [])]
    d["relations_removed"] = [rel(r) for r in d.get("relations_removed", [])]
    return json.dumps(d, ensure_ascii=False)


# ----------------------------------------------------------------------------- the merge
def _same_file(a: Path | str, b: Path | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def merge(
    target: str | Path,
    inputs: Sequence[str | Path],
    options: MergeOptions | None = None,
    *,
    hook: Callable[[str, sqlite3.Connection], None] | None = None,
) -> MergeReport:
    """Merge `inputs` into `target` (created when missing); see the module docstring.

    Raises MergeError (an unusable input or target: named) or MergeConflict (every conflict found);
    in both cases nothing was written. `hook(stage, connection)` is called between steps inside the
    transaction (tests interrupt there).
    """
    options = options or MergeOptions()
    target = location(target)
    paths = [location(p) for p in inputs]
    if not paths:
        raise MergeError("no input projects to merge")
    problems: list[str] = []
    for p in paths:
        if _same_file(p, target):
            problems.append(f"{p}: is the target project itself")
    unknown = [
        k for k in options.rename if not any(_same_file(location(k), p) or location(k) == p for p in paths)
    ]
    problems += [f"--rename names {k}, which is not one of the inputs" for k in unknown]
    stores: list[Store] = []
    try:
        for p in paths:
            try:
                stores.append(open_input(p))
            except ProjectError as exc:
                problems.append(str(exc))
        if problems:
            raise MergeError("\n".join(problems))
        sources = [_read(s, _renames_for(options, s.path or s.location)) for s in stores]
    finally:
        for s in stores:
            s.close()
    report = MergeReport(target=str(target))
    if isinstance(target, str):
        try:
            store = Store.open(target)
        except ProjectError as exc:
            raise MergeError(
                f"{exc} (a server target must be a project: `annotator init` it, or `annotator copy` a file there)"
            ) from None
        try:
            _merge_into(store, sources, options, report, hook)
        finally:
            store.close()
        return report
    if target.exists() and target.stat().st_size > 0:
        try:
            store = Store.open(target)
        except ProjectError as exc:
            raise MergeError(str(exc)) from None
        try:
            _merge_into(store, sources, options, report, hook)
        finally:
            store.close()
        return report
    return _merge_new(target, sources, options, report, hook)


def _renames_for(options: MergeOptions, path: Path | str) -> dict[str, str]:
    for key, mapping in options.rename.items():
        if location(key) == path or _same_file(location(key), path):
            return mapping
    return {}


def _merge_new(
    target: Path,
    sources: list[_Project],
    options: MergeOptions,
    report: MergeReport,
    hook: Callable[[str, sqlite3.Connection], None] | None,
) -> MergeReport:
    """A new target: built under a temporary name beside it, renamed into place when complete."""
    if not target.parent.exists():
        raise MergeError(f"{target}: folder {target.parent} does not exist")
    report.created = True
    appeared = MergeError(f"{target}: appeared while merging; merge again into it")
    with new_project_file(target, ".merging", sources[0].schema, appeared) as store:
        _merge_into(store, sources, options, report, hook)
    return report


def _merge_into(
    store: Store,
    sources: list[_Project],
    options: MergeOptions,
    report: MergeReport,
    hook: Callable[[str, sqlite3.Connection], None] | None,
) -> None:
    hook = hook or (lambda _stage, _conn: None)
    schema = store.schema
    problems: list[str] = []
    for src in sources:
        for text, gap in _schema_gaps(schema, src.schema):
            if options.schema_union:
                schema = _extend(schema, gap)
                report.schema_added.append(text)
            else:
                problems.append(f"{src.path}: declares {text}, which {store.location} lacks")
    if problems:
        raise MergeConflict(
            problems
            + ["merge refused: add the missing labels and values with --schema-union, or align the schemas"]
        )
    try:
        with store.transaction() as conn:
            if report.schema_added:
                conn.execute(
                    "INSERT INTO project(key, value) VALUES ('schema', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (schema.to_json(),),
                )
            _merge_layers(store, conn, sources, options, report, hook)
            hook("before-commit", conn)
    except sqlite3.OperationalError as exc:
        raise MergeError(
            f"{store.location}: could not write the merge ({exc}); the project is unchanged"
        ) from exc
    store._schema = None  # re-read on next use


def _merge_layers(
    store: Store,
    conn: sqlite3.Connection,
    sources: list[_Project],
    options: MergeOptions,
    report: MergeReport,
    hook: Callable[[str, sqlite3.Connection], None],
) -> None:
    writer = _Writer(store)
    existing = _read(store)
    doc_ids = {d["sha256"]: d["id"] for d in existing.documents.values()}
    target_layers = existing.layers  # (sha, annotator) -> layer as it stands before this merge
    from_run: dict[tuple[str, str], tuple[Path | str, _Layer]] = {}  # layers this merge wrote, and whence
    problems: list[str] = []
    from annotator.core.copy import project_id

    target_id = project_id(store)
    for src in sources:
        hook(f"input:{src.path}", conn)
        if target_id and src.origin and src.origin.get("project") == target_id:
            problems += _merge_copy(store, src, writer, doc_ids, target_layers, from_run, options, report)
            continue
        problems += _same_name_problems(src, target_layers, from_run, options, store.path or store.location)
        if problems:
            continue
        for sha, doc in src.documents.items():
            if sha in doc_ids:
                report.documents_matched += 1
                continue
            doc_ids[sha] = writer.insert("documents", doc)
            report.documents_added += 1
        for (sha, annotator), layer in sorted(src.layers.items()):
            doc_id = doc_ids[sha]
            mine = (
                from_run[(sha, annotator)][1]
                if (sha, annotator) in from_run
                else target_layers.get((sha, annotator))
            )
            if mine is None:
                writer.copy_layer(doc_id, layer, report)
                report.layers_added += 1
            elif not layer.worked:
                continue  # nothing but suggestions or a blank status: the target's stays
            elif not mine.worked or mine.content() != layer.content():
                # no work there yet, or (--update, checked above) a newer copy of the same person's
                writer.clear_layer(doc_id, annotator)
                writer.copy_layer(doc_id, layer, report)
                report.layers_replaced += 1
            else:
                report.layers_unchanged += 1
                if _STATUS_ORDER[layer.status_value()] > _STATUS_ORDER[mine.status_value()]:
                    conn.execute(
                        "INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?) "
                        "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
                        "updated = excluded.updated",
                        (doc_id, annotator, layer.status_value().value),
                    )
                    report.statuses_advanced += 1
                continue
            from_run[(sha, annotator)] = (src.path, layer)
    if problems:
        raise MergeConflict(
            problems
            + [
                "merge refused: give one input's annotator another name with --rename FILE:NAME=NEW, "
                "or, when an input is a newer copy of the same person's file, --update"
            ]
        )


def _merge_copy(
    store: Store,
    src: _Project,
    writer: _Writer,
    doc_ids: dict[str, int],
    target_layers: dict[tuple[str, str], _Layer],
    from_run: dict[tuple[str, str], tuple[Path | str, _Layer]],
    options: MergeOptions,
    report: MergeReport,
) -> list[str]:
    """Take back a copy of this very project (`annotator copy`, then work offline): by the layer
    fingerprints the copy kept, a layer changed only in the copy replaces the project's, one
    changed only in the project stays, and one changed on both sides is a conflict (--update: the
    copy's wins). Names need no checking: the copy's annotators are this project's."""
    base: dict[str, str] = src.origin.get("layers", {}) if src.origin else {}
    at = src.origin.get("at", "?") if src.origin else "?"
    problems: list[str] = []
    todo: list[tuple[str, str, _Layer, _Layer | None]] = []
    for (sha, annotator), layer in sorted(src.layers.items()):
        was = base.get(f"{sha}:{annotator}")
        now = fingerprint(layer)
        mine = (
            from_run[(sha, annotator)][1]
            if (sha, annotator) in from_run
            else target_layers.get((sha, annotator))
        )
        if now == was or (mine is not None and fingerprint(mine) == now):
            report.layers_unchanged += 1  # not changed in the copy, or the same on both sides
            continue
        if mine is not None and was is not None and fingerprint(mine) != was and not options.update:
            problems.append(
                f"{src.path}: annotator {annotator!r}'s layer of document {src.documents[sha]['name']!r} "
                f"changed both in the copy and in {store.location} since the copy was made ({at})"
            )
            continue
        if mine is not None and was is None and mine.worked and not options.update:
            problems.append(
                f"{src.path}: annotator {annotator!r}'s layer of document {src.documents[sha]['name']!r} "
                f"was begun both in the copy and in {store.location} after the copy was made ({at})"
            )
            continue
        todo.append((sha, annotator, layer, mine))
    if problems:
        return problems + ["merge refused: --update takes the copy's version of these layers"]
    for sha, doc in src.documents.items():
        if sha in doc_ids:
            report.documents_matched += 1
        else:
            doc_ids[sha] = writer.insert("documents", doc)
            report.documents_added += 1
    for sha, annotator, layer, mine in todo:
        doc_id = doc_ids[sha]
        if mine is not None:
            writer.clear_layer(doc_id, annotator)
            report.layers_replaced += 1
        else:
            report.layers_added += 1
        writer.copy_layer(doc_id, layer, report)
        from_run[(sha, annotator)] = (src.path, layer)
    return []


def _same_name_problems(
    src: _Project,
    target_layers: dict[tuple[str, str], _Layer],
    from_run: dict[tuple[str, str], tuple[Path | str, _Layer]],
    options: MergeOptions,
    target_path: Path | str,
) -> list[str]:
    """Where `src` uses an annotator name for work that is not the same person's (see the rules)."""
    problems: list[str] = []
    names = sorted({a for (_sha, a), lay in src.layers.items() if lay.worked})
    for name in names:
        mine = {sha: lay for (sha, a), lay in src.layers.items() if a == name and lay.worked}
        # against earlier inputs of this merge: only --rename settles it
        earlier: dict[Path | str, dict[str, _Layer]] = {}
        for (sha, a), (path, lay) in from_run.items():
            if a == name and lay.worked:
                earlier.setdefault(path, {})[sha] = lay
        for path, theirs in earlier.items():
            problems += _compare(name, mine, theirs, src, str(path))
        # against what the target held before: --update settles it
        before = {
            sha: lay
            for (sha, a), lay in target_layers.items()
            if a == name and lay.worked and (sha, a) not in from_run
        }
        if before and not options.update:
            problems += _compare(name, mine, before, src, str(target_path))
    return problems


def _compare(
    name: str, mine: dict[str, _Layer], theirs: dict[str, _Layer], src: _Project, where: str
) -> list[str]:
    common = set(mine) & set(theirs)
    differ = sorted(sha for sha in common if mine[sha].content() != theirs[sha].content())
    out = []
    for sha in differ:
        doc = src.documents[sha]
        out.append(
            f"{src.path}: annotator {name!r} annotated document {doc['name']!r} differently in {where}: "
            "two people with one name, or two versions of one person's work"
        )
    if not common:
        out.append(
            f"{src.path}: annotator {name!r} also has work in {where}, on other documents "
            f"({len(mine)} here, {len(theirs)} there): two people with one name?"
        )
    return out
