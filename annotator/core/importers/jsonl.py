"""JSONL: generic `{"text", "meta", "spans"|"label"}` lines and the project's own lossless export.

One line is one document. The project's own format (docs/FORMATS.md) carries annotators, origins,
attributes, per-document span ids for relations, statuses and tokens; importing it keeps all of
them, so export -> import -> export is a round trip. Every check names the line: a corpus with one
bad line is rejected whole rather than imported with a silent hole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.importers import (
    ImportFailure,
    ImportOptions,
    Parsed,
    label_error,
    offset_mapper,
)
from annotator.core.importers.stream import TextLines
from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status

__all__ = ["parse", "parse_object"]

_ORIGINS = {o.value for o in Origin}
_ORIGIN_OF: dict[Any, Origin] = {o.value: o for o in Origin}
_STATUSES = {s.value for s in Status}
#: A `\\uD800`-`\\uDFFF` escape, the only way a decoded file yields a surrogate: then the line is checked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _LineError(Exception):
    """A problem with one line; turned into an ImportFailure naming the file and line."""


def _no_constant(name: str) -> Any:
    raise _LineError(f"malformed JSON: {name} is not valid JSON")


#: One decoder for every line (`json.loads` with an option builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _loads(line: str) -> Any:
    """Strict JSON: NaN and Infinity (which no exporter could write back as JSON) are refused,
    nesting too deep for the parser and lone surrogates (which SQLite cannot store) are messages."""
    try:
        obj = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        raise _LineError(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise _LineError("malformed JSON: nested too deeply") from None
    if _SURROGATE_ESCAPE.search(line):
        try:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _LineError(
                f"not valid Unicode: a lone surrogate (U+{ord(exc.object[exc.start]):04X}) in a string"
            ) from None
    return obj


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _LineError(f"{what} is not an integer: {value!r}")
    return value


def _raw_spans(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spans = obj.get("spans")
    doccano = obj.get("label", obj.get("labels"))
    out: list[dict[str, Any]] = []
    if spans is not None:
        if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
            raise _LineError('"spans" must be a list of objects')
        out += spans
    if doccano is not None and not isinstance(doccano, str):
        if not isinstance(doccano, list):
            raise _LineError('"label" must be a list of [start, end, label]')
        for item in doccano:
            if not isinstance(item, list) or len(item) != 3:
                raise _LineError(f'"label" entry {item!r} is not [start, end, label]')
            out.append({"start": item[0], "end": item[1], "label": item[2]})
    return out


def parse_object(obj: Any, default_name: str, options: ImportOptions, source: str) -> NewDocument:
    """Validate one decoded line into a NewDocument; raises _LineError with the reason."""
    if not isinstance(obj, dict):
        raise _LineError(f"expected a JSON object, got {type(obj).__name__}")
    raw_text = obj.get("text")
    if not isinstance(raw_text, str):
        raise _LineError('missing "text"' if raw_text is None else '"text" is not a string')
    if not raw_text.strip():
        raise _LineError('"text" is empty')
    nul = raw_text.find("\x00")
    if nul != -1:
        raise _LineError(f'"text" holds a NUL character at offset {nul} (binary data, not text)')
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _LineError('"meta" must be an object')
    text, remap = offset_mapper(raw_text)
    schema = options.schema
    labels = set(schema.label_names)
    label_map = options.label_map
    length = len(raw_text)

    # The loop runs for every span of a corpus: checks are inline and messages built only on failure.
    spans: list[NewSpan] = []
    by_id: dict[Any, NewSpan] = {}
    for i, raw in enumerate(_raw_spans(obj), 1):
        sid = raw.get("id", i)
        if not isinstance(sid, (str, int)):
            raise _LineError(f"span {i}: id must be a string or an integer, got {sid!r}")
        start, end = raw.get("start"), raw.get("end")
        if type(start) is not int or type(end) is not int:  # bool is not int here, as _int says
            start, end = _int(start, f"span {sid} start"), _int(end, f"span {sid} end")
        if not 0 <= start < end <= length:
            raise _LineError(
                f"span {sid}: offsets [{start}, {end}) outside the text (length {length}) or empty"
            )
        label = raw.get("label")
        if type(label) is not str:
            if label is None:
                raise _LineError(f"span {sid}: missing label")
            if not isinstance(label, str):
                raise _LineError(f"span {sid}: label must be a string, got {label!r}")
        if label_map:
            label = label_map.get(label, label)
        if label not in labels:
            raise _LineError(f"span {sid}: {label_error(label)}")
        surface = raw.get("text")
        if surface is not None and surface != raw_text[start:end]:
            raise _LineError(
                f"span {sid}: text {surface!r} does not match the text at [{start}, {end}): {raw_text[start:end]!r}"
            )
        annotator = raw.get("annotator", options.annotator)
        if not isinstance(annotator, str) or not annotator:
            raise _LineError(f"span {sid}: annotator must be a non-empty string")
        value = raw.get("origin", "imported")
        origin = _ORIGIN_OF.get(value) if isinstance(value, str) else None
        if origin is None:
            if not isinstance(value, str):
                raise _LineError(f"span {sid}: origin must be a string, got {value!r}")
            raise _LineError(f"span {sid}: unknown origin {value!r} (expected {', '.join(sorted(_ORIGINS))})")
        attrs = raw.get("attrs")
        if attrs is None or attrs == {}:
            attrs = {}
        elif isinstance(attrs, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in attrs.items()
        ):
            attrs = dict(attrs)
        else:
            raise _LineError(f"span {sid}: attrs must be an object of strings")
        if remap:
            start, end = remap(start), remap(end)
        span = NewSpan(start, end, label, attrs, annotator, origin)  # positional: a third cheaper
        if "id" in raw:
            if raw["id"] in by_id:
                raise _LineError(f"span {sid}: duplicate span id")
            by_id[raw["id"]] = span
        spans.append(span)

    relations: list[NewRelation] = []
    relation_types = {r.name: r for r in schema.relations}
    keyed: list[NewSpan] = []  # spans that relations refer to get a key (others insert in bulk)
    raw_rels = obj.get("relations") or []
    if not isinstance(raw_rels, list):
        raise _LineError('"relations" must be a list')
    for j, rel in enumerate(raw_rels, 1):
        if not isinstance(rel, dict):
            raise _LineError(f"relation {j} is not an object")
        rtype = rel.get("type")
        rdef = relation_types.get(rtype) if isinstance(rtype, str) else None
        if rdef is None:
            raise _LineError(f"relation {j}: unknown relation type {rtype!r}")
        ends = []
        for role in ("head", "tail"):
            ref = rel.get(role)
            if not isinstance(ref, (str, int)):
                raise _LineError(
                    f"relation {j}: {role} must be a span id (a string or an integer), got {ref!r}"
                )
            if ref not in by_id:
                raise _LineError(f"relation {j}: {role} names an unknown span id {ref!r}")
            ends.append(by_id[ref])
        head, tail = ends
        mismatch = rdef.mismatch(head.label, tail.label)
        if mismatch:
            raise _LineError(f"relation {j}: {mismatch}")
        if head.annotator != tail.annotator:
            raise _LineError(f"relation {j}: links spans of two annotators")
        for span in ends:
            if not span.key:
                span.key = f"k{len(keyed)}"
                keyed.append(span)
        relations.append(NewRelation(rtype, head.key, tail.key, annotator=head.annotator))  # type: ignore[arg-type]

    statuses: dict[str, Status] = {}
    raw_status = obj.get("status") or {}
    if not isinstance(raw_status, dict):
        raise _LineError('"status" must be an object {annotator: status}')
    for who, value in raw_status.items():
        if not who.strip():
            raise _LineError("status: annotator name is empty")
        if not isinstance(value, str) or value not in _STATUSES:
            raise _LineError(
                f"unknown status {value!r} for {who!r} (expected {', '.join(sorted(_STATUSES))})"
            )
        statuses[who] = Status(value)

    tokens = obj.get("tokens")
    if tokens is not None:
        if not isinstance(tokens, list):
            raise _LineError('"tokens" must be null or a list of [start, end]')
        checked = []
        for tok in tokens:
            if type(tok) is not list or len(tok) != 2:
                raise _LineError(f"token {tok!r} is not [start, end]")
            s, e = tok
            if type(s) is not int or type(e) is not int:
                s, e = _int(s, "token start"), _int(e, "token end")
            if not 0 <= s < e <= length:
                raise _LineError(f"token [{s}, {e}) outside the text (length {length})")
            checked.append((remap(s), remap(e)) if remap else (s, e))
        tokens = checked

    name = obj.get("name") or meta.get("name") or meta.get("id") or obj.get("id") or default_name
    doc_source = obj.get("source")
    return NewDocument(
        name=str(name),
        text=text,
        meta=meta,
        source=doc_source if isinstance(doc_source, str) else source,
        tokens=tokens,
        spans=spans,
        relations=relations,
        statuses=statuses,
    )


def parse(path: Path, options: ImportOptions) -> Parsed:
    """Documents as they are read, one line at a time (the store takes them in one transaction)."""
    return _documents(path, options), []


def _documents(path: Path, options: ImportOptions) -> Iterator[NewDocument]:
    # Line ends are normalised between records only: a "\r" inside a JSON string is escaped, so
    # offsets are remapped per document instead (offset_mapper).
    lines = TextLines(path, options.encoding)
    source, stem = str(path), path.stem
    found = False
    for number, line in lines:
        if not line or line.isspace():
            continue
        try:
            obj = _loads(line)
            doc = parse_object(obj, f"{stem}-{number}", options, source)
        except _LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
        found = True
        yield doc
    if not found:
        raise ImportFailure(path, None, "empty file")
