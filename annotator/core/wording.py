"""Counts in the command line's and the reports' English: "1 document", "2 documents"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None, *, thousands: bool = False) -> str:
    """`n` and `noun` in the number `n` asks for ("1 document", "0 documents", "3 entities" with
    `plural` for a noun that does not take an s); `thousands`: "12,345"."""
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun if n == 1 else plural or noun + 's'}"
