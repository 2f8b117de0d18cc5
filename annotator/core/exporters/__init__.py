"""Exporting a project as training data: validated, filtered, split, and written atomically.

`export(store, fmt, out, options, progress=...)` is the one entry point (the CLI and the window call
it). It works in four steps, so that a failure at any point leaves no file behind:

1. **Check the request**: the format, the labels named in filters and the label map, the output
   folder, and that no output exists already (unless `force`).
2. **Select** the documents and spans (status, annotator and label filters; see `ExportOptions`).
3. **Validate before writing**: in SQL over the selection, every span must lie inside its
   document's text and carry a label of the schema, every relation a type of the schema, every
   text its recorded length. Then, document by document as it is serialised, the text is
   re-checked against its recorded SHA-256, its stored tokens for order, and every span's
   `text[start:end]` is re-read from it. A document that fails is left out and reported
   (`report.skipped`, and a warning): one bad document never blocks the export of the others.
4. **Write** to temporary files (or a temporary folder for brat) next to the output and rename them
   into place only once everything is written. A cancel (`progress` returning False), an error
   or an exception removes the temporaries.

Filter rules:
- `statuses`: documents whose status is one of these. With `annotator` set, that annotator's status
  (no status row = new) counts and only their spans are exported. Without it, every annotator
  whose status qualifies counts: a document is exported when at least one does, with the spans
  and relations of the annotators that qualify. Default: done and adjudicated for the training
  formats (spacy, hf, conll, conllu); everything for the others.
- `annotator=None` takes the spans of all (qualifying) annotators. The flat formats then merge them:
  identical spans count once and overlaps fall under the flat rule below; pass an annotator (or
  the adjudicated layer's name) to export one layer.
- `include_labels` / `exclude_labels` name the project's labels as stored; `label_map` (GPE->LOC)
  renames afterwards. A relation whose head or tail is filtered out is left out (and counted).
- Flat formats (BIO tags in conll and hf, `doc.ents` in spacy): among overlapping spans the
  outermost wins (longest, then earliest); the others are dropped and counted in a warning.
- Suggestions (spans with origin `suggested`) are not annotations until an annotator accepts them:
  every format leaves them out, with the relations that touch them, and the report counts them.

A format is a module (see `_module`) with `targets(out, splits)` (every path it will write, for the
existence and project checks), optionally `check(out)` (refuse an output it cannot write),
`WRITES_FOLDER` (brat) and `USES_TOKENS = False` (a format that writes no tokens spares reading them),
and `Writer(ctx, ao)` with `write(x)` and `close()`. Exports stream: `write` gets one `XDoc` at a time
in project order and should write that document's output at once (build it as one string, then one
`write`), keeping across documents only what the format must write at the end (brat's attribute
values for annotation.conf): memory then stays flat however large the project. Per-token work is
what makes an exporter slow: do it on lists (slices, `str.join`, `map`), not in a Python loop per
token where a list operation does, and reuse one `json.JSONEncoder` rather than `json.dumps(...,
option=...)` per record (which builds an encoder each call).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from annotator.core.exporters.common import Notes, XDoc, XRelation, XSpan
from annotator.core.exporters.safety import AtomicOutput, UnsafePath, recover
from annotator.core.exporters.splits import SPLIT_NAMES, parse_ratios, split_of
from annotator.core.model import Status
from annotator.core.schema import valid_name
from annotator.core.store import Store, tokens_in_order
from annotator.core.wording import counted, inflect

__all__ = [
    "FORMATS",
    "TRAINING_FORMATS",
    "Cancelled",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "BadDocument",
    "OutputExists",
    "export",
]

#: Format name -> its module under annotator.core.exporters (`targets`, `Writer`, optional `check`).
MODULES = {
    "jsonl": "jsonl",
    "spacy": "spacy",
    "hf": "hf",
    "conll": "conll",
    "brat": "brat",
    "quotes": "quotes",
    "doccano": "doccano",
    "prodigy": "prodigy",
    "labelstudio": "labelstudio",
    "conllu": "conllu",
    "webanno": "webanno",
    "citron": "citron",
}
FORMATS = tuple(MODULES)
TRAINING_FORMATS = ("spacy", "hf", "conll", "conllu")
TRAINING_STATUSES = (Status.DONE, Status.ADJUDICATED)

FORMAT_HELP = {
    "jsonl": "the project's own JSONL (lossless; imports back unchanged)",
    "spacy": "spaCy: Doc JSON lines, plus a .spacy DocBin when spaCy is installed",
    "hf": "Hugging Face token classification: tokens + BIO ner_tags (JSONL, Parquet with pyarrow)",
    "conll": "CoNLL BIO: one token and tag per line, a blank line between sentences",
    "brat": "brat standoff: a folder of .txt + .ann files and annotation.conf",
    "quotes": "quote attribution: one record per QUOTE (JSONL, or CSV when the output ends in .csv)",
    "doccano": "doccano JSONL: text, entities and relations, as doccano exports and imports it",
    "prodigy": "Prodigy JSONL: tokens, spans and relations per annotator, for prodigy db-in",
    "labelstudio": "Label Studio JSON tasks with annotations, plus the matching labeling config",
    "conllu": "CoNLL-U: tokens in 10 columns with the entity tags in MISC (NER=B-PERS)",
    "webanno": "WebAnno TSV 3.3 for INCEpTION/WebAnno: one .tsv per document in a folder",
    "citron": "quote attribution in BBC Citron's JSON: one object per document (cue, sources, contents)",
}


class ExportError(Exception):
    """The export cannot be done or was stopped; nothing was written."""


class Cancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""


class OutputExists(ExportError):
    """The output is there already and `force` was not given (the command line names --force, the
    window its "replace" box)."""

    def __init__(self, message: str, path: Path | str) -> None:
        super().__init__(message)
        self.path = Path(path)


class BadDocument(Exception):
    """A document that cannot be exported as stored (text, tokens or spans fail their checks): it
    is skipped and reported, and the rest of the project is exported."""


@dataclass(slots=True)
class ExportOptions:
    """What to export. `statuses="default"` means done+adjudicated for training formats, all else."""

    statuses: tuple[Status, ...] | None | Literal["default"] = "default"
    annotator: str | None = None
    include_labels: tuple[str, ...] | None = None
    exclude_labels: tuple[str, ...] = ()
    label_map: dict[str, str] = field(default_factory=dict)
    split: tuple[float, float, float] | None = None
    seed: int = 0
    force: bool = False

    def resolved_statuses(self, fmt: str) -> tuple[Status, ...] | None:
        if self.statuses == "default":
            return TRAINING_STATUSES if fmt in TRAINING_FORMATS else None
        if self.statuses is None:
            return None
        return tuple(Status(s) for s in self.statuses)  # type: ignore[union-attr]


@dataclass(slots=True)
class ExportReport:
    format: str = ""
    files: list[Path] = field(default_factory=list)
    documents: int = 0
    spans: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    splits: dict[str, int] | None = None  # split name -> documents
    skipped: list[str] = field(default_factory=list)  # why each bad document was left out

    def summary(self, *, warnings: bool = True) -> str:
        """What was exported and written, then the warnings (left out with `warnings=False`)."""
        lines = [
            f"exported {counted(self.documents, 'document')}, {counted(self.spans, 'span')}, "
            f"{counted(self.relations, 'relation')} "
            f"as {self.format}"
        ]
        if self.splits is not None:
            lines.append("split: " + ", ".join(f"{k} {v}" for k, v in self.splits.items()))
        lines += [f"wrote {p}" for p in self.files]
        if warnings:
            lines += [f"warning: {w}" for w in self.warnings]
            lines += [f"skipped: {w}" for w in self.skipped]
        return "\n".join(lines)


@dataclass(slots=True)
class Context:
    """What a format writer needs to know about this export."""

    fmt: str
    out: Path
    options: ExportOptions
    labels: list[str]  # output label names (after map and filters), schema order, no duplicates
    schema: Any
    splits: tuple[str, ...] | None
    notes: Notes
    report: ExportReport
    project_id: str = ""  # written into export markers (brat) so --force knows what it may replace


ProgressFn = Callable[[int, int], "bool | None"]


def _module(fmt: str) -> Any:
    if fmt not in MODULES:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"annotator.core.exporters.{MODULES[fmt]}")


def variant(path: Path, split: str | None) -> Path:
    """`out.jsonl` -> `out.train.jsonl` for a split; the path itself without one."""
    if split is None:
        return path
    return path.with_name(f"{path.stem}.{split}{path.suffix}")


def split_targets(out: Path, splits: tuple[str, ...] | None, default_suffix: str) -> list[Path]:
    """The files of a one-file-per-split format: `out` (given `default_suffix` when it has none) or its variants."""
    if not out.suffix:
        out = out.with_suffix(default_suffix)
    return [variant(out, s) for s in splits] if splits else [out]


def sibling(out: Path, known: tuple[str, ...], suffix: str, split: str | None = None) -> Path:
    """A file beside `out` sharing its stem (`x.jsonl` -> `x.spacy`, `x.labels.json`), per split."""
    base = base_path(out, known)
    return variant(base.with_name(base.name + suffix), split)


def base_path(out: Path, known: tuple[str, ...]) -> Path:
    """`out` without a suffix this format knows (`x.jsonl` -> `x`), so siblings share a stem."""
    if out.suffix.lower() in known:
        return out.with_suffix("")
    return out


# ----------------------------------------------------------------------------- checks
def _check_labels(schema: Any, options: ExportOptions) -> None:
    known = set(schema.label_names)
    problems = []
    for what, names in (
        ("--label", options.include_labels or ()),
        ("--exclude-label", options.exclude_labels),
        ("--map", tuple(options.label_map)),
    ):
        for name in names:
            if name not in known:
                problems.append(
                    f"unknown label {name!r} in {what} (the project's labels: {', '.join(sorted(known))})"
                )
    for src, dst in options.label_map.items():
        if not valid_name(str(dst)):
            problems.append(
                f"--map {src}={dst}: {dst!r} is not a usable label name "
                "(letters, digits, _ - and ., not starting with a digit)"
            )
    if problems:
        raise ExportError("\n".join(problems))


def _refuse_project_targets(store: Store, targets: list[Path]) -> None:
    """No output may be the project file, one of SQLite's files beside it, or (brat writes a folder
    and `force` replaces it whole) a folder holding the project: `force` must never destroy it.
    (A server project has no file here to guard.)"""
    if store.path is None:
        return
    project = store.path.resolve()
    guarded = [project] + [project.with_name(project.name + s) for s in ("-wal", "-shm", "-journal")]
    for target in targets:
        resolved = target.resolve()
        if (
            resolved in guarded
            or project.is_relative_to(resolved)
            or (target.exists() and any(g.exists() and os.path.samefile(target, g) for g in guarded))
        ):
            raise ExportError(f"{target} is the project {store.path} or holds it; choose another output")


def _refuse_special(path: Path) -> None:
    """An output that exists must be a file or a folder: never a FIFO or a device, where a temporary
    cannot be renamed (and `/dev/null` must not become `/dev/null.jsonl`); links are followed."""
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise ExportError(
            f"{path} is not a regular file (a device, FIFO or socket); "
            "exports are written to files: give a file name"
        )


def _output_labels(schema: Any, options: ExportOptions) -> list[str]:
    out: list[str] = []
    for name in schema.label_names:
        if options.include_labels is not None and name not in options.include_labels:
            continue
        if name in options.exclude_labels:
            continue
        mapped = options.label_map.get(name, name)
        if mapped not in out:
            out.append(mapped)
    return out


@contextmanager
def _snapshot(store: Store) -> Iterator[None]:
    """One read transaction, so validation and writing see the same data."""
    conn = store.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


@dataclass(slots=True)
class _Selection:
    doc_ids: list[int]
    annotators: dict[int, set[str] | None]  # doc id -> annotators whose spans go out (None = all)
    statuses: dict[int, dict[str, Status]]  # doc id -> every stored status


def _select(store: Store, options: ExportOptions, statuses: tuple[Status, ...] | None) -> _Selection:
    conn = store.conn
    stored: dict[int, dict[str, Status]] = {}
    for doc_id, annotator, status in conn.execute("SELECT doc_id, annotator, status FROM statuses"):
        stored.setdefault(doc_id, {})[annotator] = Status(status)
    doc_ids = store.document_ids()
    chosen: list[int] = []
    annos: dict[int, set[str] | None] = {}
    wanted = set(statuses) if statuses is not None else None
    with_spans: dict[int, set[str]] = {}
    if wanted is not None and options.annotator is None:
        for doc_id, annotator in conn.execute(
            "SELECT DISTINCT doc_id, annotator FROM spans WHERE origin != 'suggested'"
        ):
            with_spans.setdefault(doc_id, set()).add(annotator)
    for doc_id in doc_ids:
        st = stored.get(doc_id, {})
        if options.annotator is not None:
            if wanted is None or st.get(options.annotator, Status.NEW) in wanted:
                chosen.append(doc_id)
                annos[doc_id] = {options.annotator}
            continue
        if wanted is None:
            chosen.append(doc_id)
            annos[doc_id] = None
            continue
        everyone = set(st) | with_spans.get(doc_id, set())
        qualifying = {a for a in everyone if st.get(a, Status.NEW) in wanted}
        if qualifying or (not everyone and Status.NEW in wanted):
            chosen.append(doc_id)
            annos[doc_id] = qualifying
    return _Selection(chosen, annos, stored)


def _label_passes(label: str, options: ExportOptions) -> bool:
    if options.include_labels is not None and label not in options.include_labels:
        return False
    return label not in options.exclude_labels


def _validate(store: Store, sel: _Selection, options: ExportOptions, schema: Any) -> dict[int, list[str]]:
    """Every problem in the selection, found in SQL before anything is written, by document id:
    those documents are skipped (and reported), the others exported."""
    conn = store.conn
    chosen = set(sel.doc_ids)

    def selected(doc_id: int, annotator: str) -> bool:
        if doc_id not in chosen:
            return False
        annos = sel.annotators.get(doc_id)
        return annos is None or annotator in annos

    problems: dict[int, list[str]] = {}
    for doc_id, name in conn.execute("SELECT id, name FROM documents WHERE length != length(text)"):
        if doc_id in chosen:
            problems.setdefault(doc_id, []).append(
                f"document {name!r} (id {doc_id}): its text does not have its recorded length; "
                "span offsets cannot be trusted (span text mismatch)"
            )
    rows = conn.execute(
        'SELECT s.doc_id, d.name, s.id, s.start, s."end", s.label, s.annotator, d.length '
        "FROM spans s JOIN documents d ON d.id = s.doc_id "
        'WHERE s.origin != \'suggested\' AND (s.start < 0 OR s."end" <= s.start OR s."end" > d.length) '
        "ORDER BY s.doc_id, s.start"
    )
    for doc_id, name, sid, start, end, label, annotator, length in rows:
        if selected(doc_id, annotator) and _label_passes(label, options):
            problems.setdefault(doc_id, []).append(
                f"document {name!r}: span {sid} {label} [{start}, {end}) by {annotator} lies outside "
                f"the text (length {length}): span text mismatch"
            )
    known = list(schema.label_names)
    marks = ",".join("?" * len(known))
    rows = conn.execute(
        f"SELECT s.doc_id, d.name, s.label, s.annotator, COUNT(*) FROM spans s JOIN documents d ON d.id = s.doc_id "
        f"WHERE s.label NOT IN ({marks}) AND s.origin != 'suggested' "
        "GROUP BY s.doc_id, d.name, s.label, s.annotator ORDER BY s.doc_id",
        known,
    )
    for doc_id, name, label, annotator, n in rows:
        if selected(doc_id, annotator) and _label_passes(label, options):
            problems.setdefault(doc_id, []).append(
                f"document {name!r}: unknown label {label!r} on {counted(n, 'span')} by {annotator} "
                "(not in the project's schema)"
            )
    rtypes = list(schema.relation_names) or [""]
    marks = ",".join("?" * len(rtypes))
    rows = conn.execute(
        f"SELECT r.doc_id, d.name, r.type, r.annotator, COUNT(*) FROM relations r JOIN documents d ON d.id = r.doc_id "
        f"WHERE r.type NOT IN ({marks}) GROUP BY r.doc_id, d.name, r.type, r.annotator ORDER BY r.doc_id",
        rtypes,
    )
    for doc_id, name, rtype, annotator, n in rows:
        if selected(doc_id, annotator):
            problems.setdefault(doc_id, []).append(
                f"document {name!r}: unknown relation type {rtype!r} on {counted(n, 'relation')} by {annotator}"
            )
    return problems


def _attrs_key(attrs: dict[str, str]) -> str:
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: What compact JSON of integer pairs is made of: a stored token list holding only these (and read
#: back as pairs of integers) is written out as it is, not encoded again.
_TOKEN_JSON_CHARS = str.maketrans("", "", "[],0123456789")


def _load(
    store: Store, doc_id: int, sel: _Selection, options: ExportOptions, notes: Notes, *, tokens: bool = True
) -> XDoc:
    doc, stored = store.document_and_tokens(doc_id, tokens=tokens)
    tokens_json = stored
    if tokens_json is not None and (doc.tokens is None or tokens_json.translate(_TOKEN_JSON_CHARS)):
        tokens_json = None
    text = doc.text
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.sha256:
        raise BadDocument(
            f"document {doc.name!r} (id {doc_id}): its text does not match its recorded SHA-256; "
            "span offsets cannot be trusted (span text mismatch)"
        )
    # A format that writes no tokens still leaves out a document whose stored tokens are broken, as
    # every format does; their JSON is checked as lists, without making the token tuples.
    checked = doc.tokens if tokens else (json.loads(stored) if stored else None)
    if checked and not tokens_in_order(checked, len(text)):
        prev = 0
        for s, e in checked:
            if not (prev <= s < e <= len(text)):
                raise BadDocument(
                    f"document {doc.name!r} (id {doc_id}): stored token [{s}, {e}) is out of order or "
                    f"outside the text (length {len(text)})"
                )
            prev = e
    annos = sel.annotators.get(doc_id)
    one = options.annotator
    spans: list[XSpan] = []
    kept_ids: set[int] = set()
    # read directly (not through Store.spans) to skip decoding the many empty attribute objects;
    # suggestions are left out (counted), and below the relations that touch them
    sql = 'SELECT id, start, "end", label, annotator, origin, attrs FROM spans WHERE doc_id = ?'
    params: tuple[Any, ...] = (doc_id,)
    if one is not None:
        sql += " AND annotator = ?"
        params = (doc_id, one)
    suggested = {
        sid
        for sid, annotator in store.conn.execute(
            "SELECT id, annotator FROM spans WHERE doc_id = ? AND origin = 'suggested'", (doc_id,)
        )
        if (one is None or annotator == one) and (annos is None or annotator in annos)
    }
    notes.add("suggested", len(suggested), doc.name)
    sql += " AND origin != 'suggested'"
    label_map = options.label_map
    n = len(text)
    for sid, start, end, label, annotator, origin, attrs in store.conn.execute(sql, params):
        if annos is not None and annotator not in annos:
            continue
        if not _label_passes(label, options):
            continue
        if not (0 <= start < end <= n):  # changed since validation: skip the document
            raise BadDocument(
                f"document {doc.name!r} (id {doc_id}): span {sid} {label} [{start}, {end}) lies outside "
                f"the text (length {n}): span text mismatch"
            )
        spans.append(
            XSpan(
                sid,
                start,
                end,
                label_map.get(label, label),
                label,
                annotator,
                origin,
                {} if attrs == "{}" else json.loads(attrs),
                text[start:end],
            )
        )
        kept_ids.add(sid)
    spans.sort(
        key=lambda s: (
            s.start,
            -s.end,
            s.label,
            s.annotator,
            s.origin,
            _attrs_key(s.attrs) if s.attrs else "{}",
        )
    )
    relations: list[XRelation] = []
    left_out = 0
    for rel in store.relations(doc_id, one):
        if annos is not None and rel.annotator not in annos:
            continue
        if rel.head in suggested or rel.tail in suggested:
            notes.add("suggested_relations")
            continue
        if rel.head not in kept_ids or rel.tail not in kept_ids:
            left_out += 1
            continue
        relations.append(XRelation(rel.id, rel.type, rel.head, rel.tail, rel.annotator))
    notes.add("relations_filtered", left_out, doc.name)
    stored = sel.statuses.get(doc_id, {})
    if annos is None:
        statuses = dict(stored)
    else:
        statuses = {a: s for a, s in stored.items() if a in annos}
    return XDoc(doc, spans, relations, statuses, tokens_json=tokens_json)


# each count's warning (see `wording.inflect`: {n} is the count, {n:one|many} the words agreeing with
# it, {fmt} the format, {r} a second count where the message has one), in the order they are given
_WARNINGS = {
    "nested": "{n} overlapping or nested {n:span|spans} dropped in the flat {fmt} output (rule: the "
    "outermost span wins, longest then earliest; export one label family with --label to keep them)",
    "misaligned": "{n} {n:span does|spans do} not align to token boundaries (tagged on the tokens "
    "{n:it overlaps|they overlap})",
    "no_token": "{n} {n:span covers|spans cover} no token and {n:is|are} left out of the tags",
    "spacy_unaligned": "{n} {n:span does|spans do} not align to token boundaries even after splitting "
    'tokens and {n:is|are} left out of the spaCy docs (listed under "unaligned" in the JSONL)',
    "spacy_split": "{n} {n:token|tokens} split where a span edge falls inside {n:it|them} (a proclitic "
    "left out of a span, for example) so that every span is a whole number of spaCy tokens",
    "format_attrs": "{n} {n:span carries|spans carry} attributes (quote type, speaker kind, notes) that "
    "the {fmt} format cannot hold: left out",
    "format_relations": "{n} {n:relation|relations} cannot be held by the {fmt} format: left out",
    "citron_no_cue": "{n} {n:quote has|quotes have} no cue (written with cue null)",
    "citron_cues": "{n} extra {n:cue|cues} left out (a Citron quote has one cue)",
    "relations_filtered": "{n} {n:relation|relations} left out because a span {n:it links|they link} "
    "was filtered out",
    "suggested": "{n} {n:suggestion|suggestions} not yet accepted {n:is|are} left out",
    "identical": "{n} {n:span|spans} identical to another of the same document (offsets and label) "
    "written once in the {fmt} output",
    "multi_annotator": "{n} {n:document has|documents have} spans of several annotators merged in one "
    "{fmt} output (choose one with --annotator)",
    "brat_trimmed": "{n} {n:span touches|spans touch} a line break and {n:was|were} written without it "
    "and without {n:its|their} blank pieces (brat fragments cannot hold a line break)",
    "brat_dropped": "{n} {n:span holds|spans hold} nothing but whitespace and line breaks and {n:is|are} "
    "left out",
    "bio_split": "{n} {n:entity crosses|entities cross} a sentence or row boundary: each row's piece "
    "starts with B- (strict readers drop rows that open with I-)",
    "long_split": "{n} {n:split|splits} of sentences longer than 200 tokens into several rows",
    "newline_tokens": "{n} {n:token contains|tokens contain} whitespace and {n:was|were} written with it "
    "replaced by _",
}
# a second count said after the first's message (before the examples)
_ALSO = {
    "suggested": ("suggested_relations", ", with {r} {r:relation|relations} touching {n:it|them}"),
    "brat_dropped": ("brat_dropped_relations", ", with {r} {r:relation|relations} linking {n:it|them}"),
}
_HINTS = {"suggested": " (accept {n:it|them} in the window first)"}
_NO_EXAMPLES = {"spacy_split"}


def _warnings(fmt: str, notes: Notes) -> list[str]:
    out: list[str] = []
    c = notes.counts
    for key, template in _WARNINGS.items():
        if not c[key]:
            continue
        text = inflect(template, n=c[key], fmt=fmt)
        also = _ALSO.get(key)
        if also is not None and c[also[0]]:
            text += inflect(also[1], n=c[key], r=c[also[0]])
        text += inflect(_HINTS.get(key, ""), n=c[key])
        examples = [] if key in _NO_EXAMPLES else notes.examples.get(key) or []
        if examples:
            text += ": e.g. " + "; ".join(examples)
        out.append(text)
    out += notes.extra
    return out


# ----------------------------------------------------------------------------- entry point
def export(
    store: Store,
    fmt: str,
    out: Path | str,
    options: ExportOptions | None = None,
    *,
    progress: ProgressFn | None = None,
) -> ExportReport:
    """Export the project to `out` in format `fmt`; see the module docstring for every rule.

    `progress(done, total)` is called after each document (and once with 0 before the first);
    returning False cancels: `Cancelled` is raised and nothing is left behind.
    """
    options = options or ExportOptions()
    mod = _module(fmt)
    out = Path(out)
    report = ExportReport(format=fmt)
    ratios = None
    if options.split is not None:
        try:
            ratios = parse_ratios(options.split)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    splits = SPLIT_NAMES if ratios else None
    schema = store.schema
    _check_labels(schema, options)
    if options.annotator is not None and not options.annotator.strip():
        raise ExportError("--annotator needs a name")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{out}: folder {parent} does not exist")
    _refuse_special(out)
    targets = list(mod.targets(out, splits))
    _refuse_project_targets(store, targets)
    for target in targets:
        _refuse_special(target)
    if hasattr(mod, "check"):
        mod.check(out, project_id=store.project_id)
    existing = [p for p in targets if p.exists() or p.is_symlink()]
    if existing and not options.force:
        raise OutputExists(f"{existing[0]} exists, use --force to replace it", existing[0])
    for p in existing:
        if p.is_dir() and not getattr(mod, "WRITES_FOLDER", False):
            raise ExportError(f"{p} is a folder; give a file name")
        if not p.is_dir() and getattr(mod, "WRITES_FOLDER", False):
            raise ExportError(f"{p} exists and is not a folder; brat writes a folder")

    notes = Notes()
    ctx = Context(
        fmt, out, options, _output_labels(schema, options), schema, splits, notes, report, store.project_id
    )
    notes.extra += recover(parent)  # what killed exports left here: finished or removed first
    if splits:
        report.splits = dict.fromkeys(splits, 0)
    statuses = options.resolved_statuses(fmt)
    try:
        with _snapshot(store):
            sel = _select(store, options, statuses)
            bad = _validate(store, sel, options, schema)
            total = len(sel.doc_ids)
            if progress is not None and progress(0, total) is False:
                raise Cancelled("export cancelled, nothing written")
            uses_tokens = getattr(mod, "USES_TOKENS", True)  # brat and quotes write no tokens
            with AtomicOutput(force=options.force) as ao:
                writer = mod.Writer(ctx, ao)
                for i, doc_id in enumerate(sel.doc_ids, 1):
                    try:
                        if doc_id in bad:
                            raise BadDocument("; ".join(bad[doc_id]))
                        x = _load(store, doc_id, sel, options, notes, tokens=uses_tokens)
                    except BadDocument as exc:  # left out and reported; the others go out
                        report.skipped.append(str(exc))
                        if progress is not None and progress(i, total) is False:
                            raise Cancelled("export cancelled, nothing written") from None
                        continue
                    if ratios is not None:
                        x.split = split_of(x.doc.sha256, options.seed, ratios)
                        report.splits[x.split] += 1  # type: ignore[index]
                    writer.write(x)
                    report.documents += 1
                    if progress is not None and progress(i, total) is False:
                        raise Cancelled("export cancelled, nothing written")
                writer.close()
                report.files = ao.commit()
    except (ExportError, KeyboardInterrupt):
        raise
    except UnsafePath as exc:
        raise ExportError(str(exc)) from exc
    except FileExistsError as exc:
        raise OutputExists(f"{exc}, use --force to replace it", exc.filename or out) from exc
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    if options.annotator is not None and options.annotator not in (known := store.annotators()):
        notes.extra.append(
            f"annotator {options.annotator!r} has no spans and no statuses in this project "
            f"(its annotators: {', '.join(known) or 'none yet'})"
        )
    if not sel.doc_ids and not store.document_ids():
        notes.extra.append("the project has no documents")
    elif not sel.doc_ids:
        which = ", ".join(s.value for s in statuses) if statuses else "any"
        notes.extra.append(
            f"no document matched the filters (status: {which}"
            + (f", annotator: {options.annotator}" if options.annotator else "")
            + ")"
            + ("; use --all-statuses to export unfinished documents" if statuses else "")
        )
    report.warnings = _warnings(fmt, notes)
    if report.skipped:
        report.warnings.insert(
            0,
            inflect(
                "{n} {n:document|documents} left out because {n:it fails its|they fail their} checks "
                "(the rest was exported): ",
                n=len(report.skipped),
            )
            + "; ".join(report.skipped[:5])
            + ("; ..." if len(report.skipped) > 5 else ""),
        )
    return report
