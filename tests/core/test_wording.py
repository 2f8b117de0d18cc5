"""Counts in the command line's English take the noun's number: "1 document", "2 documents"."""

from __future__ import annotations

from annotator.core.wording import counted


def test_one_is_singular_every_other_count_plural() -> None:
    assert counted(1, "document") == "1 document"
    assert counted(0, "document") == "0 documents"
    assert counted(2, "span") == "2 spans"
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(3, "entity", "entities") == "3 entities"
    assert counted(12345, "document", thousands=True) == "12,345 documents"
