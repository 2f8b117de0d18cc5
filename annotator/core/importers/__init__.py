"""Importing files into a project: plain text, JSONL, CoNLL/BIO and brat standoff.

Why it is built this way:
- all-or-nothing per file: a file's documents go to ONE `store.add_documents` call (one
  transaction), so a bad file leaves the project exactly as it was and a batch reports which files
  were skipped;
- streaming: a parser may return its documents as an iterator that reads the file as it goes
  (JSONL and CoNLL do, through `stream.TextLines`); the store takes each document as it comes,
  inside that one transaction, so a 250 MB corpus never sits in memory, and an `ImportFailure`
  raised at its last line still rolls back everything before it;
- every problem is an `ImportFailure` that names the file, the line when known, and the reason,
  printed as `file:line: reason` like a compiler error, so editors and people can jump to it;
- parsers are plain functions `parse(path, options) -> (docs, warnings)` that never touch the store
  except to read its schema, which keeps them testable and the store the only writer.

A new format: write `parse(path, options)` returning `(documents, warnings)`. A format of one
document per file may build a list. A format of many documents per file should yield them from a
generator over `TextLines(path, options.encoding)` (or its own reader of a chunk at a time), raise
`ImportFailure(path, line, reason)` where a record is bad, and append to `warnings` (a list it
returned) by the time the generator ends: the caller reads the warnings only after storing.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.encoding import DecodeError, decode_bytes
from annotator.core.model import NewDocument
from annotator.core.schema import Schema
from annotator.core.text import normalize_text

__all__ = [
    "FORMATS",
    "ImportFailure",
    "ImportOptions",
    "ImportReport",
    "detect_format",
    "expand_paths",
    "import_paths",
]

FORMATS = ("text", "jsonl", "conll", "brat")

_JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson"}
_CONLL_SUFFIXES = {".conll", ".bio", ".iob", ".iob2", ".conllu", ".tsv"}
#: Files picked up when walking a folder (a file named explicitly is always imported).
_WALK_SUFFIXES = {".txt", ".ann"} | _JSONL_SUFFIXES | _CONLL_SUFFIXES
_BIO_TAG = re.compile(r"^(?:O|[BI]-\S+)$")


class ImportFailure(Exception):
    """A file that was rejected: `str()` is `file:line: reason` (or `file: reason`)."""

    def __init__(self, file: str | Path, line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    """What a batch import did. `warnings` are prefixed with their file name."""

    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        return (
            f"imported {len(self.imported)}, duplicates {len(self.duplicates)}, failed {len(self.failures)}"
        )


@dataclass(slots=True)
class ImportOptions:
    """What every parser may need; `schema` is the project's, to check labels before storing."""

    schema: Schema
    encoding: str | None = None
    annotator: str = "import"
    sentences_per_doc: int = 50
    label_map: dict[str, str] = field(default_factory=dict)

    def map_label(self, label: str) -> str:
        return self.label_map.get(label, label)


#: (documents, warnings): the documents may be a generator (read while they are stored) and the
#: warnings list is complete once it is exhausted.
Parsed = tuple[Iterable[NewDocument], list[str]]


# ---------------------------------------------------------------------------------- helpers
def read_text(path: Path, encoding: str | None, *, shown: str | None = None) -> str:
    """Read and decode a file (detected or named encoding), BOM removed and line ends normalised.

    Raises ImportFailure for unreadable, binary, undecodable, empty or whitespace-only files.
    """
    name = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(name, None, f"cannot read: {exc.strerror or exc}") from None
    text = decode_raw(data, encoding, name)
    if not text.strip():
        raise ImportFailure(name, None, "empty file")
    return normalize_text(text)


def decode_raw(data: bytes, encoding: str | None, name: str) -> str:
    """Decode without normalising (brat offsets count the original characters)."""
    try:
        text, _used = decode_bytes(data, encoding)
    except DecodeError as exc:
        raise ImportFailure(name, exc.line, str(exc)) from None
    return text


def offset_mapper(text: str) -> tuple[str, Callable[[int], int] | None]:
    """Normalise `text` and return a function mapping old offsets to new ones (None: identity).

    Offsets in JSONL and brat files count the text as written; stored text has no BOM and only
    `\\n` line ends, so offsets past a removed `\\r` or BOM move left by the number removed.
    """
    bom = text.startswith("\ufeff")
    if not bom and "\r" not in text:
        return text, None
    removed = [0] if bom else []
    removed += [m.start() for m in re.finditer("\r\n", text)]

    def mapper(offset: int) -> int:
        return offset - bisect_left(removed, offset)

    return normalize_text(text), mapper


def label_error(label: str) -> str:
    return f"unknown label {label!r} (map it with --map {label}=LABEL, or add it to the project schema)"


# ---------------------------------------------------------------------------------- detection
def _sniff(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return "text"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = head.decode("utf-16", errors="replace")
    else:
        sample = head.decode("utf-8", errors="replace")
    sample = sample.lstrip("\ufeff")
    if sample.lstrip().startswith("{"):
        return "jsonl"
    lines = [ln for ln in sample.replace("\r", "\n").split("\n")[:-1] if ln.strip()][:50]
    if lines:
        tagged = 0
        for ln in lines:
            parts = ln.split()
            if parts[0] == "-DOCSTART-" or _BIO_TAG.match(parts[-1]):
                tagged += 1
        if tagged >= 0.9 * len(lines) and any(len(ln.split()) >= 2 for ln in lines):
            return "conll"
    return "text"


def detect_format(path: str | Path) -> str:
    """'text' | 'jsonl' | 'conll' | 'brat', by extension first, then by content.

    A `.txt` with a `.ann` beside it is brat; `.jsonl`/`.json` are JSONL; `.conll`/`.bio`/`.iob`
    are CoNLL; any other file whose lines look like `token TAG` with BIO tags is CoNLL (ANERcorp
    is a `.txt`); anything else is plain text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".ann":
        return "brat"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix in _CONLL_SUFFIXES:
        return "conll"
    if path.with_suffix(".ann").is_file():
        return "brat"
    return _sniff(path)


def _expand(paths: list[Path], report: ImportReport) -> list[Path]:
    """Files to import, in order: folders walked recursively (sorted, hidden entries skipped).

    A brat pair is listed once, by its `.txt`; a lone `.ann` found in a folder is skipped.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        if p.suffix.lower() == ".ann":
            p = p.with_suffix(".txt")
        if p not in seen:
            seen.add(p)
            out.append(p)

    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = 0
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                    continue
                suffix = child.suffix.lower()
                if suffix not in _WALK_SUFFIXES:
                    continue
                if suffix == ".ann" and not child.with_suffix(".txt").is_file():
                    report.warnings.append(f"{child}: .ann file without its .txt, skipped")
                    continue
                found += 1
                add(child)
            if not found:
                report.failures.append(
                    ImportFailure(
                        path,
                        None,
                        f"no files to import in this folder (looked for {', '.join(sorted(_WALK_SUFFIXES))}; "
                        "name a file to import it whatever its extension)",
                    )
                )
        elif path.exists():
            add(path)
        else:
            report.failures.append(ImportFailure(path, None, "no such file or folder"))
    return out


def expand_paths(paths: list[Path], report: ImportReport | None = None) -> list[Path]:
    """The files an import of `paths` would read, in order (missing paths left out).

    Missing paths and folders with nothing to import are recorded in `report` when one is given:
    pass both on as `import_paths(store, files, expanded=report)` so the folders are not walked again.
    """
    return _expand([Path(p) for p in paths], report if report is not None else ImportReport())


def _parser(fmt: str) -> Callable[[Path, ImportOptions], Parsed]:
    if fmt == "text":
        from annotator.core.importers.plaintext import parse
    elif fmt == "jsonl":
        from annotator.core.importers.jsonl import parse
    elif fmt == "conll":
        from annotator.core.importers.conll import parse
    elif fmt == "brat":
        from annotator.core.importers.brat import parse
    else:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return parse


# ---------------------------------------------------------------------------------- the entry
def import_paths(
    store,  # annotator.core.store.Store (not imported: keeps this module light for the CLI)
    paths: list[Path],
    *,
    format: str | None = None,
    encoding: str | None = None,
    annotator: str = "import",
    sentences_per_doc: int = 50,
    label_map: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    expanded: ImportReport | None = None,
) -> ImportReport:
    """Import files and folders; each file is stored whole or not at all.

    `format` forces one parser for every file (else `detect_format`), `encoding` forces one codec
    (else UTF-8 ±BOM / UTF-16 BOM / Windows-1256 detection). `progress(done, total)` is called
    after each file. `expanded` is the report `expand_paths(paths, report)` filled: `paths` are
    then its files, imported as they are, and the returned report is that one, completed.
    An unexpected error while reading one file (a bug) fails that file only, never the batch.
    """
    from annotator.core.store import EditError

    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (expected one of {', '.join(FORMATS)})")
    if sentences_per_doc < 1:
        raise ValueError("sentences_per_doc must be at least 1")
    if not annotator.strip():
        raise ValueError("annotator must be a name, not blank")
    if expanded is None:
        report = ImportReport()
        files = _expand([Path(p) for p in paths], report)
    else:
        report, files = expanded, [Path(p) for p in paths]
    options = ImportOptions(
        schema=store.schema,
        encoding=encoding,
        annotator=annotator,
        sentences_per_doc=sentences_per_doc,
        label_map=dict(label_map or {}),
    )
    total = len(files)
    for done, path in enumerate(files, 1):
        try:
            fmt = format or detect_format(path)
            docs, warnings = _parser(fmt)(path, options)
            try:
                result = store.add_documents(docs)
            except EditError as exc:
                raise ImportFailure(path, None, str(exc)) from None
            except sqlite3.Error as exc:  # disk full, project locked too long: rolled back whole
                raise ImportFailure(
                    path, None, f"could not be stored ({exc}); the project is unchanged"
                ) from None
        except ImportFailure as failure:
            report.failures.append(failure)
        except Exception as exc:  # a parser's bug costs its file, not the batch (the store rolled back)
            report.failures.append(ImportFailure(path, None, f"internal error: {type(exc).__name__}: {exc}"))
        else:
            report.warnings.extend(f"{path}: {w}" for w in warnings)
            report.imported.extend(result.names)
            report.duplicates.extend(result.duplicates)
            report.spans += result.spans
            report.relations += result.relations
        if progress is not None:
            progress(done, total)
    return report
