"""Counts in the command line's and the reports' English: "1 document", "2 documents", "1 span is
left out", "3 spans are left out"."""

from __future__ import annotations

import re

# {name} -> the value; {name:one|many} -> "one" when the count `name` is 1, else "many"
_FIELD = re.compile(r"\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}")


def counted(n: int, noun: str, plural: str | None = None, *, thousands: bool = False) -> str:
    """`n` and `noun` in the number `n` asks for ("1 document", "0 documents", "3 entities" with
    `plural` for a noun that does not take an s); `thousands`: "12,345"."""
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun if n == 1 else plural or noun + 's'}"


def inflect(template: str, **values: object) -> str:
    """`template` with its fields filled in one pass: `{n}` is the value of `n`, `{n:span is|spans
    are}` the words that agree with the count `n` (the first for 1, the second for any other number).
    A message then reads right for 1 and for many: "{n} {n:span|spans} {n:is|are} left out". Values
    are inserted as they are (a brace in a document name is never read as a field)."""

    def field(match: re.Match) -> str:
        name, one, many = match.groups()
        value = values[name]
        if one is None:
            return str(value)
        return one if value == 1 else many

    return _FIELD.sub(field, template)
