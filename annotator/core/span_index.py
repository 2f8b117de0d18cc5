"""The spans of one document in reading order, indexed for the lookups a reader makes, and kept up to
date edit by edit.

A window needs three lookups on every key press and every painted paragraph: a span by id, the
spans covering a position (a click), and the spans intersecting a range (a paragraph to colour).
Rebuilding an index for each edit made an edit cost what the document holds; here an edit is a
bisection plus one list insert or delete (a memmove), so it costs what it changes.

Layout: `spans` sorted by `reading_order`; `starts[i]` is `spans[i].start`; `reach[i]` is the
largest end among `spans[:i + 1]` (non-decreasing), so the first span that can reach past a
position is found by bisection even when a long span starts far before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from operator import attrgetter
from typing import overload

from annotator.core.model import Change, Relation, Span

_START, _END, _ID = attrgetter("start"), attrgetter("end"), attrgetter("id")


def reading_order(span: Span) -> tuple[int, int, int]:
    """Sort key: by start, the longer (outer) span first, then the older one."""
    return (span.start, -span.end, span.id)


class SpanIndex(Sequence[Span]):
    """Spans in reading order with lookups by id, position and range; see the module docstring.

    The index owns its list: read it (`index.spans`, `index[i]`, iteration), change it only through
    `add`, `remove` and `replace`.
    """

    __slots__ = ("_by_id", "_reach", "_spans", "_starts")

    def __init__(self, spans: Iterable[Span] = (), *, ordered: bool = False) -> None:
        """`ordered=True` promises `spans` are already in reading order (as `Store.spans` returns them)."""
        self._spans: list[Span] = list(spans) if ordered else sorted(spans, key=reading_order)
        self._starts: list[int] = list(map(_START, self._spans))
        self._reach: list[int] = list(accumulate(map(_END, self._spans), max))
        self._by_id: dict[int, Span] = dict(zip(map(_ID, self._spans), self._spans, strict=True))

    # ------------------------------------------------------------------ reading
    @property
    def spans(self) -> list[Span]:
        """The spans in reading order (the index's own list: do not modify it)."""
        return self._spans

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, i: int) -> Span: ...
    @overload
    def __getitem__(self, i: slice) -> list[Span]: ...
    def __getitem__(self, i):
        return self._spans[i]

    def __iter__(self) -> Iterator[Span]:
        return iter(self._spans)

    def __contains__(self, span: object) -> bool:
        return isinstance(span, Span) and self._by_id.get(span.id) == span

    def get(self, span_id: int) -> Span | None:
        return self._by_id.get(span_id)

    def row(self, span_id: int) -> int | None:
        """Position of the span in reading order (None when it is not in the index)."""
        span = self._by_id.get(span_id)
        return None if span is None else self._row(span)

    def _row(self, span: Span) -> int:
        return bisect_left(self._spans, reading_order(span), key=reading_order)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans intersecting [start, end) (for an empty range: covering `start`), in reading order."""
        lo = bisect_right(self._reach, start)
        hi = bisect_left(self._starts, end if end > start else start + 1)
        return [s for s in self._spans[lo:hi] if s.end > start]

    def starting_in(self, start: int, end: int) -> list[Span]:
        """Spans whose start lies in [start, end), in reading order."""
        return self._spans[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def covering(self, pos: int) -> list[Span]:
        """Spans covering code point `pos`, innermost (shortest) first."""
        return sorted(self.overlapping(pos, pos), key=lambda s: (s.end - s.start, s.start))

    # ------------------------------------------------------------------ editing
    def add(self, span: Span) -> int:
        """Insert a span (its id must be new); returns its row."""
        if span.id in self._by_id:
            raise ValueError(f"span {span.id} is already in the index")
        i = self._row(span)
        self._spans.insert(i, span)
        self._starts.insert(i, span.start)
        reach = self._reach
        reach.insert(i, max(reach[i - 1], span.end) if i else span.end)
        # Later running maxima grow to this end until one already reaches it.
        j = i + 1
        while j < len(reach) and reach[j] < span.end:
            reach[j] = span.end
            j += 1
        self._by_id[span.id] = span
        return i

    def add_many(self, spans: Iterable[Span]) -> list[Span]:
        """Insert spans given in reading order, leaving out those whose id the index holds already;
        returns the ones inserted (in reading order).

        A long document is read a page at a time: a page lands in one or two gaps between the rows
        held (before and after a part read out of turn), so it goes in as a few slices, one bisection
        each, rather than span by span."""
        by_id = self._by_id
        new = [s for s in spans if s.id not in by_id]
        keys = [reading_order(s) for s in new]
        rows = self._spans
        k = 0
        while k < len(new):
            i = bisect_left(rows, keys[k], key=reading_order)
            # the run that fits before the row at i (all of the rest when i is the end)
            stop = len(new) if i == len(rows) else bisect_left(keys, reading_order(rows[i]), k)
            self._splice(i, new[k:stop])
            k = stop
        by_id.update(zip(map(_ID, new), new, strict=True))
        return new

    def _splice(self, i: int, run: list[Span]) -> None:
        """Put `run` (in reading order, all sorting between rows i-1 and i) in at row i."""
        self._spans[i:i] = run
        self._starts[i:i] = map(_START, run)
        reach = self._reach
        first = reach[i - 1] if i else -1
        reach[i:i] = accumulate(map(_END, run), max, initial=first)
        del reach[i]  # the seed (row i-1's reach, or -1) is not a row of the run
        self._fix_reach(i + len(run))

    def remove(self, span_id: int) -> int | None:
        """Remove a span by id; returns the row it had (None when it was not there)."""
        span = self._by_id.pop(span_id, None)
        if span is None:
            return None
        i = self._row(span)
        del self._spans[i], self._starts[i], self._reach[i]
        self._fix_reach(i)
        return i

    def replace(self, span: Span) -> tuple[int, int]:
        """Put `span` in place of the span with its id (bounds, label or attributes changed);
        returns (old row, new row)."""
        old = self._by_id.get(span.id)
        if old is None:
            raise KeyError(f"no span {span.id} in the index")
        if (old.start, old.end) == (span.start, span.end):  # same place in reading order
            i = self._row(old)
            self._spans[i] = span
            self._by_id[span.id] = span
            return i, i
        i = self.remove(span.id)
        assert i is not None
        return i, self.add(span)

    def _fix_reach(self, i: int) -> None:
        """Recompute running maxima from row `i` after a removal or an insertion before it, until they
        agree with the old ones."""
        spans, reach = self._spans, self._reach
        prev = reach[i - 1] if i else -1
        for j in range(i, len(spans)):
            value = max(prev, spans[j].end)
            if reach[j] == value:
                return
            reach[j] = value
            prev = value


def annotation_diff(
    doc_id: int,
    annotator: str,
    spans_before: Iterable[Span],
    spans_after: Iterable[Span],
    relations_before: Iterable[Relation],
    relations_after: Iterable[Relation],
) -> Change:
    """The change that turns one state of a document's annotations into another (what another
    window did, found by comparing what was held with what is stored now)."""
    before = {s.id: s for s in spans_before}
    after = {s.id: s for s in spans_after}
    rel_before = {r.id: r for r in relations_before}
    rel_after = {r.id: r for r in relations_after}
    return Change(
        doc_id,
        annotator,
        spans_added=tuple(s for i, s in after.items() if i not in before),
        spans_removed=tuple(s for i, s in before.items() if i not in after),
        spans_updated=tuple((before[i], s) for i, s in after.items() if i in before and before[i] != s),
        relations_added=tuple(r for i, r in rel_after.items() if rel_before.get(i) != r),
        relations_removed=tuple(r for i, r in rel_before.items() if rel_after.get(i) != r),
    )
