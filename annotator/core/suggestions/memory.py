"""Project memory: a string labelled as an entity or a speaker anywhere in the project is proposed
wherever it recurs, also behind a proclitic ("وتركيا"، "لتركيا" -> "تركيا"; "بالقاهرة" -> "القاهرة";
"للقاهرة" stays whole, as the reader's own snapping keeps it).

The store keeps the counts (how often annotators kept each string with each label, and how often
they rejected it as a suggestion); this module turns them into one Aho-Corasick automaton
(pyahocorasick) over the folded strings, so a document is matched in one pass over its text
whatever the size of the project: 100,000 documents cost the same per document as ten.
A string is proposed with the label annotators kept most, ranked by (kept + 1) / (kept + rejected + 2),
and only while that is at least one half. Rejected counts both the suggestions annotators rejected
and, in the documents where they labelled a string, the other places it stands unlabelled: a word
labelled once among thirty plain uses ("على" as a name, "لا") is not proposed.

The counts grow incrementally (`refresh`): spans stored since the last refresh are folded in, one
pass over each of their documents, so a bulk import costs one pass and a new span almost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

import ahocorasick

from annotator.core.model import Document
from annotator.core.suggestions.proposals import Context, Proposal
from annotator.core.suggestions.units import fold_document
from annotator.core.text import fold, fold_key

if TYPE_CHECKING:
    from annotator.core.store import Store

#: proclitic letters that may stand before a remembered word (و ف: and; ب ل ك: in, for, like)
CLITIC_PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_LAM_PREFIXES = frozenset({"ل", "ول", "فل"})  # before "لل…" = ل + الـ without its alef
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 3


def refresh(store: Store, max_chars: int = 80) -> int:
    """Count the real spans stored since the last refresh into the store's memory; returns its version."""
    low, high = store.memory_backlog()
    if high <= low:
        return store.memory_version()
    counts: dict[tuple[str, str], list[int]] = {}
    rows = store.real_spans_between(low, high)
    if not rows:
        return store.memory_version()  # only suggestions since: nothing to count, nothing to write
    keys: dict[str, str] = {}  # surface -> folded (names recur across documents)
    for doc_id, doc_rows in groupby(rows, key=itemgetter(0)):
        text = store.document_text(doc_id)
        labelled: dict[tuple[str, str], set[int]] = {}
        for _, start, end, label in doc_rows:
            if end - start <= max_chars:
                labelled.setdefault((label, text[start:end]), set()).add(start)
        if labelled:
            starts_of: dict[str, set[int]] = {}
            for label, start in store.real_span_starts(doc_id):
                starts_of.setdefault(label, set()).add(start)
            for surface in {surface for _, surface in labelled}:
                if surface not in keys:
                    keys[surface] = fold_key(surface)
            found = occurrences(*fold(text), {keys[surface] for _, surface in labelled})
            for (label, surface), starts in labelled.items():
                c = counts.setdefault((label, surface), [0, 0])
                c[0] += len(starts)
                plain = [p for p in found[keys[surface]] if p not in starts_of.get(label, ())]
                c[1] += len(plain)
    return store.add_memory_counts({k: (v[0], v[1]) for k, v in counts.items()}, high)


def occurrences(folded: str, index: list[int], keys: Iterable[str]) -> dict[str, list[int]]:
    """Starts (in the original text) of each key in `folded` as a whole word or behind proclitics,
    in order; one Aho-Corasick pass over the text for all the keys."""
    out: dict[str, list[int]] = {key: [] for key in keys}
    automaton = ahocorasick.Automaton()
    for key in out:
        if key:
            automaton.add_word(key, key)
    if not len(automaton):
        return out
    automaton.make_automaton()
    n = len(folded)
    for last, key in automaton.iter(folded):
        end = last + 1
        if end < n and (folded[end].isalnum() or folded[end] == "_"):
            continue  # inside a longer word
        start = end - len(key)
        if (
            start
            and (folded[start - 1].isalnum() or folded[start - 1] == "_")
            and not _word_start_ok(folded, start)
        ):
            continue
        out[key].append(index[start])
    return out


def _word_start_ok(folded: str, start: int) -> bool:
    if start == 0 or not _wordish(folded[start - 1]):
        return True
    ws = start - 1
    while ws > 0 and _wordish(folded[ws - 1]):
        ws -= 1
    return folded[ws:start] in CLITIC_PREFIXES


def confidence(kept: int, rejected: int) -> float:
    return (kept + 1) / (kept + rejected + 2)


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class MemorySource:
    """Proposes remembered strings (see the module docstring). Build it with the store's counts."""

    name = "memory"

    def __init__(self, terms: Iterable[tuple[str, str, int, int]]) -> None:
        counts: dict[str, dict[str, list[int]]] = {}
        for label, surface, kept, rejected in terms:
            key = fold_key(surface.strip())
            if sum(ch.isalpha() for ch in key) < MIN_LETTERS:
                continue  # two letters are too often a particle or a piece of a word (لا، دي)
            c = counts.setdefault(key, {}).setdefault(label, [0, 0])
            c[0] += kept
            c[1] += rejected
        self.size = 0
        self._auto = ahocorasick.Automaton()
        for key, labels in counts.items():
            label, (kept, rejected) = max(
                labels.items(), key=lambda kv: (kv[1][0] - kv[1][1], kv[1][0], kv[0])
            )
            conf = confidence(kept, rejected)
            if kept <= 0 or conf < MIN_CONFIDENCE:
                continue
            conf = round(conf, 3)  # as proposed
            self._auto.add_word(key, (len(key), label, conf, False))
            self.size += 1
            if key.startswith("ال") and len(key) > 4:
                lam = "ل" + key[2:]
                if lam not in counts:
                    self._auto.add_word(lam, (len(lam), label, conf, True))
        if self.size:
            self._auto.make_automaton()
        self.names = frozenset(counts)

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        if not self.size:
            return []
        text = doc.text
        folded, index = fold_document(text)
        n = len(folded)
        found: list[tuple[int, int, str, float]] = []  # folded start, end, label, confidence
        for last, (length, label, conf, lam) in self._auto.iter(folded):
            start, end = last - length + 1, last + 1
            if end < n and (folded[end].isalnum() or folded[end] == "_"):
                continue  # inside a longer word
            if lam:
                ws = start - 1
                while ws > 0 and _wordish(folded[ws - 1]):
                    ws -= 1
                if start == 0 or folded[ws:start] not in _LAM_PREFIXES:
                    continue
                start -= 1  # "للقاهرة": the word keeps its first ل
            elif start and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
                if not _word_start_ok(folded, start):
                    continue  # inside a longer word, not behind a proclitic
            found.append((start, end, label, conf))
        found.sort(key=lambda x: (x[0], x[0] - x[1]))
        own = [(s.start, s.end, s.label) for s in context.spans]
        out: list[Proposal] = []
        last_end = -1
        name = self.name
        for start, end, label, conf in found:
            if start < last_end:
                continue  # leftmost-longest: no overlapping memory proposals
            a, b = index[start], index[end]
            while b > a and text[b - 1].isspace():
                b -= 1
            if own and any(s < b and a < e and lab == label for s, e, lab in own):
                continue  # the annotator already has this label here
            last_end = end
            out.append(Proposal(a, b, label, {}, conf, name))
        return out
