"""Importing files into a project: plain text, JSONL, CoNLL/BIO, brat standoff, and the files of the
tools teams come from (doccano, Prodigy, Label Studio, spaCy, CoNLL-U, WebAnno TSV).

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

import importlib
import os
import re
import sqlite3
import stat
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from annotator.core.encoding import DecodeError, decode_bytes
from annotator.core.model import NewDocument
from annotator.core.schema import Schema
from annotator.core.text import normalize_text
from annotator.core.wording import counted

__all__ = [
    "FORMATS",
    "ImportFailure",
    "ImportOptions",
    "ImportReport",
    "detect_format",
    "expand_paths",
    "import_paths",
]

#: Format name -> the module under annotator.core.importers whose `parse(path, options)` reads it.
PARSERS = {
    "text": "plaintext",
    "jsonl": "jsonl",
    "conll": "conll",
    "brat": "brat",
    "doccano": "doccano",
    "prodigy": "prodigy",
    "labelstudio": "labelstudio",
    "spacy": "spacy",
    "conllu": "conllu",
    "webanno": "webanno",
    "citron": "citron",
}
FORMATS = tuple(PARSERS)

_JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson", ".json1"}
_CONLL_SUFFIXES = {".conll", ".bio", ".iob", ".iob2", ".bioes", ".bilou", ".tsv"}
_OTHER_SUFFIXES = {".conllu": "conllu", ".spacy": "spacy"}
#: Files picked up when walking a folder (a file named explicitly is always imported).
_WALK_SUFFIXES = {".txt", ".ann"} | _JSONL_SUFFIXES | _CONLL_SUFFIXES | set(_OTHER_SUFFIXES)
#: A tag of the BIO family: IOB1/IOB2 (B- I-), BIOES (S- E-) and BILOU (U- L-), `O` outside.
_BIO_TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
#: The most one file read whole may hold. Such files are decoded, normalised and parsed in memory
#: (several times their size), so a bigger one is refused before it is read, not read until memory
#: runs out: split such a corpus into several files. JSONL and CoNLL are read a chunk at a time
#: (`stream.TextLines`) and have no such bound.
MAX_FILE_BYTES = 256 * 1024 * 1024


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
    #: documents already in the project whose annotations were new: added as another layer
    merged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        merged = f", annotations added to {len(self.merged)} already there" if self.merged else ""
        return (
            f"imported {len(self.imported)}, duplicates {len(self.duplicates)}{merged}, "
            f"failed {len(self.failures)}"
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

    def map_relation(self, rtype: str) -> str:
        """`--map` renames relation types too (a file's `works_for` to the project's `SAME_AS`)."""
        return self.label_map.get(rtype, rtype)


#: (documents, warnings): the documents may be a generator (read while they are stored) and the
#: warnings list is complete once it is exhausted.
Parsed = tuple[Iterable[NewDocument], list[str]]


# ---------------------------------------------------------------------------------- the file edge
def not_regular(path: Path) -> str | None:
    """Why `path` is not a file to import (a FIFO, device or socket would block or never end), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it will say what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a regular file: refused (only files and folders are imported)"


@contextmanager
def open_regular(path: Path, name: str) -> Iterator[BinaryIO]:
    """Open a regular file for reading, or raise ImportFailure.

    Opened without blocking and checked on the open descriptor, so a FIFO or a device (or one
    swapped in after `not_regular` looked) is refused, never waited on or read without end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ImportFailure(name, None, f"cannot read: {exc.strerror or exc}") from None
    with open(fd, "rb", closefd=True) as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ImportFailure(name, None, not_regular(path) or "not a regular file: refused")
        yield fh


def read_input(path: Path, *, limit: int | None = None, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` (default MAX_FILE_BYTES) bytes, never reading
    more than `limit + 1`; anything else is an ImportFailure naming the file."""
    name = shown or str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    with open_regular(path, name) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise ImportFailure(name, None, _too_big(size, limit))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise ImportFailure(name, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while being read
        raise ImportFailure(name, None, _too_big(len(data), limit))
    return data


def read_head(path: Path, size: int = 8192) -> bytes:
    """The first `size` bytes of a regular file (to detect its format); ImportFailure otherwise."""
    with open_regular(path, str(path)) as fh:
        try:
            return fh.read(size)
        except OSError as exc:
            raise ImportFailure(path, None, f"cannot read: {exc.strerror or exc}") from None


def _too_big(size: int, limit: int) -> str:
    return (
        f"too large ({size / 2**20:.0f} MB; one file may hold at most {limit / 2**20:.0f} MB): "
        "split it into several files"
    )


# ---------------------------------------------------------------------------------- helpers
def read_text(path: Path, encoding: str | None, *, shown: str | None = None) -> str:
    """Read and decode a file (detected or named encoding), BOM removed and line ends normalised.

    Raises ImportFailure for unreadable, non-regular, too large, binary, undecodable, empty or
    whitespace-only files.
    """
    name = shown or str(path)
    data = read_input(path, shown=name)
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


def _project_is_readonly(exc: sqlite3.Error) -> bool:
    """SQLite's SQLITE_READONLY family ("attempt to write a readonly database")."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == 8) or "readonly" in str(exc)


def label_error(label: str) -> str:
    return f"unknown label {label!r} (map it with --map {label}=LABEL, or add it to the project schema)"


def relation_error(rtype: str) -> str:
    return (
        f"unknown relation type {rtype!r} (map it with --map {rtype}=TYPE, or add it to the project schema)"
    )


# ---------------------------------------------------------------------------------- detection
class Refused(Exception):
    """A file whose content looks like a format that must be named with --format (see `sniff`)."""


_MARKUP = re.compile(r"^\s*<(?:\?xml|!DOCTYPE|html|xmi:XMI|[A-Za-z][\w.-]*:[\w.-]+[\s>])", re.IGNORECASE)
_SLASH_TAGGED = re.compile(r"^\S+/[A-Z][A-Z0-9$_-]*$")
_CONLLU_ID = re.compile(r"^\d+(?:[-.]\d+)?$")


def _head(path: Path, size: int = 65536) -> str:
    try:
        head = read_head(path, size)  # a FIFO or device is never opened for a blocking read
    except ImportFailure:
        return ""  # reading it for real says why
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _sniff(path: Path) -> str:
    """The format a file's content looks like; raises `Refused` for tagged or markup files that
    would otherwise be imported as plain text with their tags in it."""
    sample = _head(path)
    stripped = sample.lstrip()
    if stripped.startswith(("{", "[")):
        from annotator.core.importers.jsonl import sniff_json

        return sniff_json(sample)
    if stripped.startswith("#FORMAT=WebAnno"):
        return "webanno"
    if _MARKUP.match(sample):
        raise Refused(
            "looks like XML or HTML markup (UIMA XMI, TEI, a web page), not plain text; "
            "name the format to import it anyway: --format text"
        )
    cut = sample.replace("\r", "\n").split("\n")
    if len(sample) == 65536:
        cut = cut[:-1]  # the last line may be cut short
    lines = [ln for ln in cut if ln.strip()][:50]
    rows = [ln for ln in lines if not ln.startswith("#")]
    if rows and sum(
        1 for ln in rows if len(c := ln.split("\t")) == 10 and _CONLLU_ID.match(c[0])
    ) >= 0.9 * len(rows):
        return "conllu"
    tagged = 0
    for ln in lines:
        parts = ln.split()
        if parts[0] == "-DOCSTART-" or (len(parts) >= 2 and _BIO_TAG.match(parts[-1])):
            tagged += 1
    if lines and tagged >= 0.9 * len(lines) and any(len(ln.split()) >= 2 for ln in lines):
        return "conll"
    if lines and tagged >= 0.5 * len(lines) and len(lines) >= 4:
        raise Refused(
            f"looks like a tagged token-per-line file ({tagged} of the first {len(lines)} lines end "
            "with a tag) but not enough to be sure; name the format: --format conll (or --format text "
            "to import the lines as they are)"
        )
    words = sample.split()
    if len(words) >= 20 and sum(1 for w in words if _SLASH_TAGGED.match(w)) >= 0.6 * len(words):
        raise Refused(
            "looks like word/TAG tagged text, not plain text; convert it to token-per-line CoNLL, "
            "or import it as it is with --format text"
        )
    return "text"


def sniff(path: str | Path) -> str:
    """The format of `path` (as `detect_format`), raising `Refused` with a hint for a file that looks
    tagged or marked up: imported as plain text it would bury its annotations in the text."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".ann":
        return "brat"
    if suffix in _OTHER_SUFFIXES:
        return _OTHER_SUFFIXES[suffix]
    if suffix in _JSONL_SUFFIXES:
        from annotator.core.importers.jsonl import sniff_json

        return sniff_json(_head(path, 1 << 20))
    if suffix == ".tsv" and _head(path, 64).startswith("#FORMAT=WebAnno"):
        return "webanno"
    if suffix in _CONLL_SUFFIXES:
        return "conll"
    if suffix in (".xmi", ".xml", ".html", ".htm"):
        raise Refused(
            f"{suffix} files are markup, not plain text (UIMA XMI: export WebAnno TSV 3 from INCEpTION); "
            "to import the file as it is, name the format: --format text"
        )
    if path.with_suffix(".ann").is_file():
        return "brat"
    return _sniff(path)


def detect_format(path: str | Path) -> str:
    """'text' | 'jsonl' | 'conll' | 'brat' | ... (see FORMATS), by extension first, then by content;
    'unknown' for a file that looks tagged or marked up (importing it needs --format).

    A `.txt` with a `.ann` beside it is brat; `.jsonl`/`.json` are JSON records whose first record
    tells the tool (doccano, Prodigy, Label Studio, spaCy, or the generic/own JSONL); `.conll`/`.bio`
    are CoNLL; any other file whose lines look like `token TAG` with BIO/BIOES/BILOU tags is CoNLL
    (ANERcorp is a `.txt`); anything else is plain text.
    """
    try:
        return sniff(path)
    except Refused:
        return "unknown"


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
            refusal = not_regular(path)
            if refusal:
                report.failures.append(ImportFailure(path, None, refusal))
            else:
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
    if fmt not in PARSERS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return importlib.import_module(f"annotator.core.importers.{PARSERS[fmt]}").parse


def _names(names: list[str], shown: int = 10) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


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
            try:
                fmt = format or sniff(path)
            except Refused as exc:
                raise ImportFailure(path, None, str(exc)) from None
            docs, warnings = _parser(fmt)(path, options)
            try:
                result = store.add_documents(docs)
            except EditError as exc:
                raise ImportFailure(path, None, str(exc)) from None
            except sqlite3.Error as exc:  # disk full, project locked too long: rolled back whole
                if _project_is_readonly(exc):  # the project's fault, not the file's: stop here
                    report.failures.append(
                        ImportFailure(
                            store.path,
                            None,
                            "the project cannot be written (read-only file, folder or disk); nothing imported",
                        )
                    )
                    return report
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
            report.merged.extend(result.merged)
            if result.duplicates:
                report.warnings.append(
                    f"{path}: {counted(len(result.duplicates), 'document')} already in the project with the same "
                    f"annotations, skipped: {_names(result.duplicates)}"
                )
            if result.merged:
                report.warnings.append(
                    f"{path}: {counted(len(result.merged), 'document')} already in the project brought new "
                    f"annotations, added as another annotator's layer: {_names(result.merged)}"
                )
            report.spans += result.spans
            report.relations += result.relations
        if progress is not None:
            progress(done, total)
    return report
