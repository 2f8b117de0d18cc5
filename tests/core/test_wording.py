"""Counts in the command line's English take the noun's number: "1 document", "2 documents", and
the words of a message agree with its counts: "1 span is left out", "2 spans are left out"."""

from __future__ import annotations

from annotator.core.wording import counted, inflect


def test_one_is_singular_every_other_count_plural() -> None:
    assert counted(1, "document") == "1 document"
    assert counted(0, "document") == "0 documents"
    assert counted(2, "span") == "2 spans"
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(3, "entity", "entities") == "3 entities"
    assert counted(12345, "document", thousands=True) == "12,345 documents"


def test_inflect_chooses_the_words_that_agree_with_each_count() -> None:
    template = (
        "{n} {n:span holds|spans hold} nothing and {n:is|are} left out, with {r} {r:relation|relations}"
    )
    assert inflect(template, n=1, r=2) == "1 span holds nothing and is left out, with 2 relations"
    assert inflect(template, n=2, r=1) == "2 spans hold nothing and are left out, with 1 relation"
    assert inflect(template, n=0, r=0) == "0 spans hold nothing and are left out, with 0 relations"


def test_inflect_inserts_values_as_they_are() -> None:
    # a value holding braces (a document or format name) is never read as a field
    assert inflect("{n} {n:file|files} in {fmt}", n=1, fmt="{n:x|y}") == "1 file in {n:x|y}"
