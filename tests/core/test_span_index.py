"""The span index: kept up to date edit by edit, it answers exactly as one rebuilt from scratch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Origin, Relation, Span
from annotator.core.span_index import SpanIndex, annotation_diff, reading_order

LENGTH = 200


def span(sid: int, start: int, end: int, label: str = "PERS") -> Span:
    return Span(sid, 1, start, end, label, "mona", Origin.MANUAL, {})


def brute_overlapping(spans: list[Span], start: int, end: int) -> list[Span]:
    hi = end if end > start else start + 1
    return sorted((s for s in spans if s.start < hi and s.end > start), key=reading_order)


def assert_like_rebuilt(index: SpanIndex, spans: dict[int, Span]) -> None:
    rebuilt = SpanIndex(spans.values())
    assert index.spans == rebuilt.spans == sorted(spans.values(), key=reading_order)
    assert index._starts == rebuilt._starts and index._reach == rebuilt._reach
    for sid, s in spans.items():
        assert index.get(sid) == s
        assert index.spans[index.row(sid)] == s


# an edit: ("add", start, length, label) | ("remove", k) | ("move", k, start, length) | ("relabel", k)
edits = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, LENGTH - 1), st.sampled_from([1, 2, 5, 30, 150])),
        st.tuples(st.just("remove"), st.integers(0, 10_000)),
        st.tuples(st.just("move"), st.integers(0, 10_000), st.integers(0, LENGTH - 1), st.integers(1, 60)),
        st.tuples(st.just("relabel"), st.integers(0, 10_000)),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(edits, st.lists(st.tuples(st.integers(0, LENGTH), st.integers(0, 40)), min_size=1, max_size=20))
def test_edits_leave_the_index_as_a_rebuilt_one(script, queries) -> None:
    index = SpanIndex()
    spans: dict[int, Span] = {}
    next_id = 1
    for edit in script:
        if edit[0] == "add":
            s = span(next_id, edit[1], min(LENGTH, edit[1] + edit[2]))
            next_id += 1
            assert index.spans[index.add(s)] == s
            spans[s.id] = s
        elif spans and edit[0] == "remove":
            sid = sorted(spans)[edit[1] % len(spans)]
            row = index.row(sid)
            assert index.remove(sid) == row
            del spans[sid]
        elif spans and edit[0] == "move":
            sid = sorted(spans)[edit[1] % len(spans)]
            s = span(sid, edit[2], min(LENGTH, edit[2] + edit[3]))
            index.replace(s)
            spans[sid] = s
        elif spans and edit[0] == "relabel":
            sid = sorted(spans)[edit[1] % len(spans)]
            old = spans[sid]
            s = span(sid, old.start, old.end, "ORG" if old.label == "PERS" else "PERS")
            assert index.replace(s) == (index.row(sid), index.row(sid))
            spans[sid] = s
        assert_like_rebuilt(index, spans)
    for start, width in queries:
        assert index.overlapping(start, start + width) == brute_overlapping(
            list(spans.values()), start, start + width
        )
        covering = [s for s in spans.values() if s.start <= start < s.end]
        assert index.covering(start) == sorted(covering, key=lambda s: (s.end - s.start, s.start))


def test_a_long_span_starting_far_before_is_found_and_forgotten() -> None:
    index = SpanIndex([span(1, 0, 1000), *(span(i, i * 10, i * 10 + 3) for i in range(2, 90))])
    assert index.overlapping(505, 506) == [span(1, 0, 1000)]
    index.remove(1)
    assert index.overlapping(505, 506) == []
    assert index._reach == SpanIndex(index.spans)._reach


def test_refuses_what_would_corrupt_it() -> None:
    index = SpanIndex([span(1, 0, 5)])
    with pytest.raises(ValueError):
        index.add(span(1, 3, 8))
    with pytest.raises(KeyError):
        index.replace(span(2, 0, 5))
    assert index.remove(2) is None and len(index) == 1


def test_ordered_input_is_taken_as_it_is() -> None:
    spans = [span(3, 0, 10), span(1, 0, 4), span(2, 2, 3)]  # reading order: outer first
    assert SpanIndex(spans, ordered=True).spans == SpanIndex(reversed(spans)).spans == spans


def test_diff_says_what_another_window_did() -> None:
    a, b, c = span(1, 0, 4), span(2, 5, 9), span(3, 10, 12)
    moved = span(2, 5, 11, "ORG")
    r1, r2 = Relation(1, 1, "SAME_AS", 1, 2, "mona"), Relation(2, 1, "SAME_AS", 2, 3, "mona")
    change = annotation_diff(1, "mona", [a, b], [moved, c], [r1], [r2])
    assert change.spans_added == (c,) and change.spans_removed == (a,)
    assert change.spans_updated == ((b, moved),)
    assert change.relations_added == (r2,) and change.relations_removed == (r1,)
    assert annotation_diff(1, "mona", [a, b], [b, a], [r1], [r1]).empty


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, LENGTH - 1), st.sampled_from([1, 2, 5, 30, 150])), max_size=60),
    st.integers(1, 12),
    st.lists(st.tuples(st.integers(0, LENGTH), st.integers(0, 40)), max_size=3),
)
def test_pages_and_ranges_read_out_of_turn_add_up_to_a_rebuilt_index(bounds, page, ranges) -> None:
    """A long document is read as a window reads it: ranges out of turn (a jump), then pages in
    reading order that repeat some of their spans; the index ends as one built from all of them."""
    spans = sorted((span(i + 1, a, min(a + n, LENGTH)) for i, (a, n) in enumerate(bounds)), key=reading_order)
    index = SpanIndex()
    for a, n in ranges:
        added = index.add_many(brute_overlapping(spans, a, a + n))
        assert all(index.get(s.id) == s for s in added)
    for k in range(0, len(spans), page):
        before = len(index)
        added = index.add_many(spans[k : k + page])
        assert len(index) == before + len(added)
        assert added == [s for s in spans[k : k + page] if s in added]  # in reading order, each once
    assert_like_rebuilt(index, {s.id: s for s in spans})
    for a, n in ranges:
        assert index.overlapping(a, a + n) == brute_overlapping(spans, a, a + n)
