"""Building one document from another tool's record: checked spans, mapped labels and relation types.

The JSON formats (doccano, Prodigy, Label Studio, spaCy) all come down to "text, spans with offsets
and labels, relations between them". `DocBuilder` holds the checks they share, so that each tool's
module only says where its fields are: offsets inside the text (counted on the text as written, then
moved onto the stored text without BOM and `\\r`), labels and relation types through `--map` and
the project schema, a span's text against its slice, and relation label pairs. Every problem raises
`LineError` with the reason; the caller adds the file and line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.core.importers import (
    ImportFailure,
    ImportOptions,
    Parsed,
    label_error,
    offset_mapper,
    relation_error,
)
from annotator.core.importers.jsonl import LineError, records
from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status
from annotator.core.wording import inflect

__all__ = ["NOTE_ATTR", "DocBuilder", "add_note", "as_int", "check_text", "counted_warnings", "parse_records"]

#: The attribute that holds an annotator's free-text note on a span (a brat AnnotatorNotes line, a
#: Label Studio region's meta text), shown in the window's side panel.
NOTE_ATTR = "note"


def add_note(span: NewSpan, note: str) -> None:
    """Add `note` to the span's note (a second note goes on a line of its own)."""
    old = span.attrs.get(NOTE_ATTR)
    span.attrs[NOTE_ATTR] = f"{old}\n{note}" if old else note


def as_int(value: Any, what: str) -> int:
    """An offset or index: an integer, or a string of digits (some exports write ids and offsets as
    strings); anything else is an error naming `what`."""
    if isinstance(value, bool):
        raise LineError(f"{what} is not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise LineError(f"{what} is not an integer: {value!r}")


def counted_warnings(counts: Counter[str], messages: dict[str, str]) -> list[str]:
    """One warning per non-zero count, `messages[key]` filled in with its count `n` (see
    `wording.inflect`: "{n} {n:span is|spans are}"), in `messages` order."""
    return [inflect(messages[key], n=counts[key]) for key in messages if counts[key]]


def check_text(raw_text: Any) -> str:
    """A record's text: a string that is not blank and holds no NUL; else LineError with the reason."""
    if not isinstance(raw_text, str):
        raise LineError('missing "text"' if raw_text is None else '"text" is not a string')
    if not raw_text.strip():
        raise LineError('"text" is empty')
    nul = raw_text.find("\x00")
    if nul != -1:
        raise LineError(f'"text" holds a NUL character at offset {nul} (binary data, not text)')
    return raw_text


def parse_records(
    path: Path,
    options: ImportOptions,
    convert: Callable[[Any, str, ImportOptions, str, Counter[str]], NewDocument],
    messages: dict[str, str],
) -> Parsed:
    """A file of JSON records, each made a document by `convert(record, default name, options,
    source, counts)`; a LineError names the record's line. `messages` word the counted warnings."""
    docs: list[NewDocument] = []
    counts: Counter[str] = Counter()
    for number, obj in records(path, options):
        try:
            docs.append(convert(obj, f"{path.stem}-{number}", options, str(path), counts))
        except LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
    if not docs:
        raise ImportFailure(path, None, "empty file")
    return docs, counted_warnings(counts, messages)


class DocBuilder:
    """Spans and relations of one document read from a foreign record, checked as they are added."""

    def __init__(self, raw_text: Any, options: ImportOptions, annotator: str | None = None) -> None:
        self.raw = check_text(raw_text)
        self.text, remap = offset_mapper(raw_text)
        self.fix: Callable[[int], int] = remap or (lambda o: o)
        self.options = options
        self.annotator = annotator or options.annotator
        self.spans: list[NewSpan] = []
        self.relations: list[NewRelation] = []
        self.keys: dict[Any, NewSpan] = {}
        self._seen_rel: set[tuple[str, str, str]] = set()

    def span(
        self,
        start: Any,
        end: Any,
        label: Any,
        *,
        key: Any = None,
        what: str = "span",
        surface: Any = None,
        attrs: dict[str, str] | None = None,
        annotator: str | None = None,
        origin: Origin = Origin.IMPORTED,
    ) -> NewSpan:
        """Add a span `[start, end)` of the text as written; `key` lets relations name it."""
        start, end = as_int(start, f"{what} start"), as_int(end, f"{what} end")
        n = len(self.raw)
        if not 0 <= start < end <= n:
            raise LineError(f"{what}: offsets [{start}, {end}) outside the text (length {n}) or empty")
        if isinstance(label, (int, float)) and not isinstance(label, bool):
            label = str(label)
            if label not in self.options.label_map:
                raise LineError(
                    f"{what}: label {label} is a number (a label id of the tool that wrote the file); "
                    f"name it with --map {label}=LABEL"
                )
        if not isinstance(label, str) or not label:
            raise LineError(f"{what}: label must be a name, got {label!r}")
        mapped = self.options.map_label(label)
        if not self.options.schema.has_label(mapped):
            raise LineError(f"{what}: {label_error(mapped)}")
        if surface is not None and surface != self.raw[start:end]:
            raise LineError(
                f"{what}: text {surface!r} does not match the text at [{start}, {end}): {self.raw[start:end]!r}"
            )
        sp = NewSpan(
            self.fix(start),
            self.fix(end),
            mapped,
            dict(attrs or {}),
            annotator or self.annotator,
            origin,
        )
        self.spans.append(sp)
        if key is not None:
            if key in self.keys:
                raise LineError(f"{what}: duplicate id {key!r}")
            self.keys[key] = sp
        return sp

    def keyed(self, key: Any, what: str) -> NewSpan:
        """The span added with `key`; ids written as strings or integers name the same span."""
        for k in (key, str(key)) + ((int(key),) if isinstance(key, str) and key.isdigit() else ()):
            if k in self.keys:
                return self.keys[k]
        raise LineError(f"{what} names an unknown span id {key!r}")

    def relation(self, rtype: Any, head: NewSpan, tail: NewSpan, what: str = "relation") -> bool:
        """Link two spans; the type goes through --map and the schema. False when already linked."""
        if not isinstance(rtype, str) or not rtype:
            raise LineError(f"{what}: relation type must be a name, got {rtype!r}")
        mapped = self.options.map_relation(rtype)
        try:
            rdef = self.options.schema.relation(mapped)
        except KeyError:
            raise LineError(f"{what}: {relation_error(mapped)}") from None
        if head is tail:
            raise LineError(f"{what}: links a span to itself")
        mismatch = rdef.mismatch(head.label, tail.label)
        if mismatch:
            raise LineError(f"{what}: {mismatch}")
        if head.annotator != tail.annotator:
            raise LineError(f"{what}: links spans of two annotators")
        for sp in (head, tail):
            if not sp.key:
                sp.key = f"k{id(sp)}"
        triple = (mapped, head.key, tail.key)
        if triple in self._seen_rel:
            return False
        self._seen_rel.add(triple)
        self.relations.append(NewRelation(mapped, head.key, tail.key, annotator=head.annotator))
        return True

    def document(
        self,
        name: Any,
        meta: dict[str, Any],
        source: str,
        *,
        tokens: list[tuple[int, int]] | None = None,
        statuses: dict[str, Status] | None = None,
    ) -> NewDocument:
        if tokens is not None:
            tokens = [(self.fix(s), self.fix(e)) for s, e in tokens]
        return NewDocument(
            name=str(name),
            text=self.text,
            meta=meta,
            source=source,
            tokens=tokens,
            spans=self.spans,
            relations=self.relations,
            statuses=dict(statuses or {}),
        )
