"""What every exporter shares: the selected document as plain data, the flat-span rule, tokens,
sentences and BIO tags.

The flat rule (BIO, CoNLL, Hugging Face, spaCy `doc.ents`): among overlapping spans the
**outermost wins**: spans are taken longest first, then earliest, then by label name, and a span
that overlaps one already taken is dropped. Spans identical in offsets and label (the same entity
marked by two annotators) count once and are not a loss; every other dropped span is counted and
reported in a warning, never lost silently.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from annotator.core.model import Document, Status
from annotator.core.text import sentence_spans, tokenize

__all__ = [
    "Notes",
    "XDoc",
    "XRelation",
    "XSpan",
    "bio_tags",
    "flat_spans",
    "label_list",
    "sentences_for",
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


def label_list(labels: Sequence[str]) -> list[str]:
    """The BIO tag list for these labels: O, then B-/I- for each, in the given order."""
    out = ["O"]
    for lab in labels:
        out += [f"B-{lab}", f"I-{lab}"]
    return out
