"""What every exporter shares: the selected document as plain data, the flat-span rule, tokens,
sentences and BIO tags.

The flat rule (BIO, CoNLL, Hugging Face, spaCy `doc.ents`): among overlapping spans the
**outermost wins**: spans are taken longest first, then earliest, then by label name, and a span
that overlaps one already taken is dropped. Spans identical in offsets and label (the same entity
marked by two annotators) count once and are not a loss; every other dropped span is counted and
reported in a warning, never lost silently.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.model import Document, Status
from annotator.core.text import sentence_spans, tokenize

__all__ = [
    "Notes",
    "SplitFiles",
    "SplitFolders",
    "XDoc",
    "XRelation",
    "XSpan",
    "bio_tags",
    "flat_spans",
    "note_twins",
    "label_list",
    "layers",
    "unique_spans",
    "sentences_for",
    "tagged_rows",
    "tokens_for",
]


@dataclass(slots=True)
class XSpan:
    """A span as exported: `label` is after --map, `source_label` as stored."""

    id: int  # database id (relations refer to it)
    start: int
    end: int
    label: str
    source_label: str
    annotator: str
    origin: str
    attrs: dict[str, str]
    text: str


@dataclass(slots=True)
class XRelation:
    id: int
    type: str
    head: int  # XSpan.id
    tail: int
    annotator: str


@dataclass(slots=True)
class XDoc:
    doc: Document
    spans: list[XSpan]  # sorted by (start, -end, label, annotator, origin, attrs)
    relations: list[XRelation]
    statuses: dict[str, Status]  # annotator -> status, the selected annotators' only
    split: str | None = None
    tokens_json: str | None = None  # doc.tokens as stored: compact JSON, checked to be only that


@dataclass(slots=True)
class Notes:
    """Counters and examples that become the report's warnings."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1, example: str | None = None) -> None:
        if n <= 0:
            return
        self.counts[key] += n
        if example is not None:
            ex = self.examples.setdefault(key, [])
            if len(ex) < 5:
                ex.append(example)


# ----------------------------------------------------------------------------- flat spans
def note_twins(spans: Sequence[XSpan], ctx: Any, name: str) -> None:
    """Count, for the report, spans that repeat another of the same annotator (offsets and label):
    formats that hold a span once write such a twin once, and say so (twins of two annotators are
    reported as a merge of annotators)."""
    twins = len(spans) - len({(sp.start, sp.end, sp.label, sp.annotator) for sp in spans})
    if twins:
        ctx.notes.add("identical", twins, name)


def flat_spans(spans: Sequence[XSpan]) -> tuple[list[XSpan], int]:
    """The non-overlapping subset (outermost wins) sorted by start, and how many were dropped."""
    seen: set[tuple[int, int, str]] = set()
    unique: list[XSpan] = []
    for sp in spans:
        key = (sp.start, sp.end, sp.label)
        if key not in seen:
            seen.add(key)
            unique.append(sp)
    if len(unique) <= 1:
        return unique, 0
    order = sorted(unique, key=lambda s: (s.start - s.end, s.start, s.label))
    starts: list[int] = []  # accepted spans, sorted by start; they never overlap each other
    ends: list[int] = []
    kept: list[XSpan] = []
    dropped = 0
    for sp in order:
        i = bisect_right(starts, sp.start)
        # the accepted span starting at or before sp.start, and the one after it
        if i > 0 and ends[i - 1] > sp.start:
            dropped += 1
            continue
        if i < len(starts) and starts[i] < sp.end:
            dropped += 1
            continue
        starts.insert(i, sp.start)
        ends.insert(i, sp.end)
        kept.insert(i, sp)
    return kept, dropped


# ----------------------------------------------------------------------------- tokens
def tokens_for(doc: Document) -> Sequence[tuple[int, int]]:
    """Token boundaries: the ones kept from a CoNLL import, else the Arabic-aware tokenizer's."""
    if doc.tokens is not None:
        return doc.tokens
    return [(t.start, t.end) for t in tokenize(doc.text)]


def sentences_for(doc: Document, tokens: Sequence[tuple[int, int]]) -> list[range]:
    """Token indices grouped by sentence. With CoNLL tokens a sentence is a line of the text (that
    is how the CoNLL importer lays sentences out); otherwise `sentence_spans` decides. Sentences
    without tokens are left out.

    A token belongs to the last sentence starting at or before it (a token in the whitespace after
    a sentence, which only foreign tokens can be, stays with the sentence before it); tokens before
    the first sentence make a group of their own. Tokens are in order, so each group is a range.
    """
    text = doc.text
    if doc.tokens is not None:
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
    else:
        starts = [b[0] for b in sentence_spans(text)]
    token_starts = [s for s, _ in tokens]
    firsts = [bisect_left(token_starts, s) for s in starts]  # first token of each sentence
    bounds = [0, *firsts, len(tokens)] if firsts else [0, len(tokens)]
    return [range(a, b) for a, b in pairwise(bounds) if a < b]


def bio_tags(
    tokens: Sequence[tuple[int, int]], spans: Sequence[XSpan], notes: Notes | None = None, doc_name: str = ""
) -> list[str]:
    """BIO tags for `tokens` from flat (non-overlapping) `spans`.

    A token belongs to a span when they overlap; the first such token gets `B-`. A span whose
    edges fall inside a token (or that covers no token) is counted in `notes` under "misaligned"
    (still tagged by overlap) or "no_token" (left out), with the document and offsets as example.
    """
    tags = ["O"] * len(tokens)
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    for sp in spans:
        first = bisect_right(ends, sp.start)  # first token ending after the span starts
        last = bisect_left(starts, sp.end)  # tokens before this one start before the span ends
        if first >= last:
            if notes is not None:
                notes.add("no_token", 1, f"{doc_name} [{sp.start},{sp.end}) {sp.label}")
            continue
        if notes is not None and (starts[first] != sp.start or ends[last - 1] != sp.end):
            notes.add("misaligned", 1, f"{doc_name} [{sp.start},{sp.end}) {sp.label}")
        tags[first] = "B-" + sp.label
        for k in range(first + 1, last):
            tags[k] = "I-" + sp.label
    return tags


#: Rows longer than this many tokens are split (transformers truncate long rows); the CoNLL importer
#: splits long sentences at the same length.
MAX_ROW_TOKENS = 200
_WEAK_BREAK = frozenset({",", "،", ";", "؛", ":"})


def _cap(sent: range, tags: Sequence[str], words: list[str]) -> list[range]:
    """`sent` in rows of at most MAX_ROW_TOKENS: cut after a comma or semicolon in the last quarter
    of the window when one does not split an entity, else where no entity is split, else hard."""
    limit = MAX_ROW_TOKENS
    out: list[range] = []
    i = 0
    n = len(sent)
    while n - i > limit:
        window = range(i + limit, i + limit * 3 // 4 - 1, -1)

        def free(k: int) -> bool:
            return not tags[sent[k]].startswith("I-")

        cut = next((k for k in window if words[k - 1] in _WEAK_BREAK and free(k)), None)
        if cut is None:
            cut = next((k for k in window if free(k)), i + limit)
        out.append(sent[i:cut])
        i = cut
    out.append(sent[i:])
    return out


def tagged_rows(
    doc: Document, tokens: Sequence[tuple[int, int]], tags: Sequence[str], notes: Notes
) -> list[tuple[range, list[str]]]:
    """The rows of a token-per-row export (CoNLL, Hugging Face) with their tags: one per sentence,
    long sentences split (counted as `long_split`), and no row opening with `I-`: an entity that
    crosses a sentence or row boundary (a quote over two sentences) starts each row's piece with
    `B-`, counted as `bio_split`, so strict readers keep it."""
    text = doc.text
    rows: list[tuple[range, list[str]]] = []
    for sent in sentences_for(doc, tokens):
        pieces = [sent]
        if len(sent) > MAX_ROW_TOKENS:
            pieces = _cap(sent, tags, [text[tokens[i][0] : tokens[i][1]] for i in sent])
            notes.add("long_split", len(pieces) - 1, f"{doc.name} ({len(sent)} tokens)")
        for piece in pieces:
            row = [tags[i] for i in piece]
            if row and row[0].startswith("I-"):
                row[0] = "B-" + row[0][2:]
                notes.add("bio_split", 1, f"{doc.name} [{tokens[piece[0]][0]}, ...) {row[0][2:]}")
            rows.append((piece, row))
    return rows


def unique_spans(x: XDoc) -> tuple[list[XSpan], dict[int, XSpan]]:
    """The document's spans with identical ones (offsets, label, attributes: the same entity marked
    by two annotators in a merged export) counted once, and every span id -> the span kept for it,
    so relations of a dropped twin land on the kept one."""
    kept: list[XSpan] = []
    first: dict[tuple, XSpan] = {}
    alias: dict[int, XSpan] = {}
    for sp in x.spans:
        key = (sp.start, sp.end, sp.label, tuple(sorted(sp.attrs.items())))
        if key not in first:
            first[key] = sp
            kept.append(sp)
        alias[sp.id] = first[key]
    return kept, alias


def layers(x: XDoc) -> list[tuple[str, list[XSpan], list[XRelation]]]:
    """The document's annotator layers `(annotator, spans, relations)` in name order (a document
    nobody annotated yet gives no layer)."""
    names = sorted({sp.annotator for sp in x.spans} | set(x.statuses))
    return [
        (a, [sp for sp in x.spans if sp.annotator == a], [r for r in x.relations if r.annotator == a])
        for a in names
    ]


class SplitFiles:
    """A writer's base: one text file per split (`out`, or `out.train.jsonl` ...), opened atomically."""

    suffix = ".jsonl"

    def __init__(self, ctx: Any, ao: Any) -> None:
        from annotator.core.exporters import split_targets

        self.ctx = ctx
        paths = split_targets(ctx.out, ctx.splits, self.suffix)
        self.files = {s: ao.file(p) for s, p in zip(ctx.splits or (None,), paths, strict=True)}

    def close(self) -> None:
        pass


#: Written last into every folder an export makes (brat, WebAnno): the project's id and every file
#: the export wrote, so that `--force` replaces such a folder only when it holds nothing else.
FOLDER_MARKER = ".annotator-export.json"


def check_folder(out: Path, project_id: str, what: str) -> None:
    """Refuse to let `--force` replace folder `out` unless this project's own export wrote it: its
    marker names the project and every file in the folder must be one the marker lists. A folder of
    the user's own files (.txt and .ann, .tsv included), another project's export, or an export
    someone added files to is refused, and nothing in it is touched. An empty folder is fine."""
    from annotator.core.exporters import ExportError

    if not out.is_dir():
        return
    entries = sorted(out.rglob("*"))
    if not entries:
        return
    try:
        recorded = json.loads((out / FOLDER_MARKER).read_text(encoding="utf-8"))
        files = set(recorded["files"])
        owner = recorded["project"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ExportError(
            f"{out} was not written by an annotator {what} export (it has no {FOLDER_MARKER}); "
            "choose a new or empty folder"
        ) from None
    if owner != project_id:
        raise ExportError(
            f"{out} holds an export of another project; choose a new or empty folder "
            "(or delete that export yourself)"
        )
    for path in entries:
        rel = path.relative_to(out).as_posix()
        if path.is_symlink() or (not path.is_dir() and rel not in files and rel != FOLDER_MARKER):
            raise ExportError(
                f"{out} holds {rel}, which is not part of the {what} export written there; "
                "choose a new or empty folder"
            )


class SplitFolders:
    """A writer's base for folder formats (brat, WebAnno): the output folder, built under a temporary
    name, with a sub-folder per split, and the file names already given in each; `write_marker`
    last (see FOLDER_MARKER)."""

    def __init__(self, ctx: Any, ao: Any, reserved: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.root = ao.folder(ctx.out)
        self.folders: dict[str | None, Path] = {}
        self.taken: dict[str | None, set[str]] = {}
        for s in ctx.splits or (None,):
            folder = self.root / s if s else self.root
            folder.mkdir(exist_ok=True)
            self.folders[s] = folder
            self.taken[s] = set(reserved)

    def write_marker(self, fmt: str) -> None:
        """The folder's marker: this project's id and every file written (call it last)."""
        written = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        with open(self.root / FOLDER_MARKER, "w", encoding="utf-8", newline="\n") as fh:
            json.dump({"project": self.ctx.project_id, "format": fmt, "files": written}, fh, indent=1)
            fh.write("\n")

    def note_merged(self, x: XDoc) -> None:
        """Count a document whose spans of several annotators go out together (these formats have
        no annotator field)."""
        if self.ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
            self.ctx.notes.add("multi_annotator", 1, x.doc.name)


def label_list(labels: Sequence[str]) -> list[str]:
    """The BIO tag list for these labels: O, then B-/I- for each, in the given order."""
    out = ["O"]
    for lab in labels:
        out += [f"B-{lab}", f"I-{lab}"]
    return out
