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
from itertools import repeat
from pathlib import Path
from typing import Any

from annotator.core.importers import (
    ImportFailure,
    ImportOptions,
    Parsed,
    _parser,
    label_error,
    offset_mapper,
    read_text,
)
from annotator.core.importers.stream import TextLines
from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status

__all__ = ["LineError", "classify", "parse", "parse_object", "records", "sniff_json"]

_ORIGINS = {o.value for o in Origin}
_ORIGIN_OF: dict[Any, Origin] = {o.value: o for o in Origin}
#: The keys a generic or own JSONL line is read from; any other key is kept in the document's meta.
_KNOWN_KEYS = frozenset(
    {
        "text",
        "meta",
        "spans",
        "label",
        "labels",
        "relations",
        "status",
        "tokens",
        "name",
        "id",
        "source",
        "sha256",
    }
)
_STATUSES = {s.value for s in Status}
_STATUS_OF: dict[Any, Status] = {s.value: s for s in Status}
#: `str` as many times as asked: `all(map(isinstance, items, _STR))` checks a dict's keys or values
#: in one C loop (a generator expression per span was a tenth of the parsing).
_STR = repeat(str)
#: A `\\uD800`-`\\uDFFF` escape, the only way a decoded file yields a surrogate: then the line is checked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _LineError(Exception):
    """A problem with one line; turned into an ImportFailure naming the file and line."""


LineError = _LineError


def _no_constant(name: str) -> Any:
    raise _LineError(f"malformed JSON: {name} is not valid JSON")


#: One decoder for every line (`json.loads` with an option builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _check_surrogates(obj: Any) -> None:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _LineError(
            f"not valid Unicode: a lone surrogate (U+{ord(exc.object[exc.start]):04X}) in a string"
        ) from None


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
        _check_surrogates(obj)
    return obj


# ---------------------------------------------------------------------------------- records
def _array_items(content: str, start: int) -> Iterator[tuple[int, Any]]:
    """The items of the JSON array opening at `content[start]`, each with the line it starts on
    (Label Studio writes one pretty-printed array: errors still name a line)."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    pos = start + 1
    n = len(content)
    line = content.count("\n", 0, pos) + 1
    counted = pos

    def skip(p: int) -> int:
        while p < n and content[p] in " \t\n\r":
            p += 1
        return p

    pos = skip(pos)
    if pos < n and content[pos] == "]":
        return
    while True:
        pos = skip(pos)
        line += content.count("\n", counted, pos)
        counted = pos
        try:
            obj, end = decoder.raw_decode(content, pos)
        except json.JSONDecodeError as exc:
            raise ImportFailure("", exc.lineno, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            raise ImportFailure("", line, "malformed JSON: nested too deeply") from None
        yield line, obj
        pos = skip(end)
        if pos < n and content[pos] == ",":
            pos += 1
            continue
        if pos < n and content[pos] == "]":
            if content[pos + 1 :].strip():
                raise ImportFailure("", content.count("\n", 0, pos) + 1, "text after the JSON array")
            return
        raise ImportFailure(
            "", content.count("\n", 0, pos) + 1, "malformed JSON: expected , or ] in the array"
        )


def records(path: Path, options: ImportOptions) -> Iterator[tuple[int, Any]]:
    """The JSON records of a file with the line each starts on: JSON lines, one JSON array of
    records (Label Studio, JSON-MIN), or one (pretty-printed) JSON object. BOM and CRLF are fine.
    A malformed record raises ImportFailure naming the file and line."""
    content = read_text(path, options.encoding)
    first = len(content) - len(content.lstrip())
    try:
        if content[first] == "[":
            for line, obj in _array_items(content, first):
                if _SURROGATE_ESCAPE.search(content):
                    try:
                        _check_surrogates(obj)
                    except _LineError as exc:
                        raise ImportFailure(path, line, str(exc)) from None
                yield line, obj
            return
    except ImportFailure as exc:
        raise ImportFailure(path, exc.line, exc.reason) from None
    lines = content.split("\n")
    first_line = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    try:
        _loads(lines[first_line])
    except _LineError:
        try:
            whole = _loads(content)  # one pretty-printed object
        except _LineError:
            pass
        else:
            yield first_line + 1, whole
            return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = _loads(line)
        except _LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
        yield number, obj


def classify(obj: Any) -> str:
    """Which tool wrote this JSON record: the import format whose parser reads it."""
    if not isinstance(obj, dict):
        return "jsonl"
    data = obj.get("data")
    if isinstance(data, dict) and (
        "annotations" in obj or "predictions" in obj or "completions" in obj or "text" in data
    ):
        return "labelstudio"
    if any(k in obj for k in ("answer", "_input_hash", "_task_hash", "_view_id")):
        return "prodigy"
    spans = obj.get("spans")
    if isinstance(spans, list) and any(
        isinstance(sp, dict) and ("token_start" in sp or "token_end" in sp) for sp in spans
    ):
        return "prodigy"
    tokens = obj.get("tokens")
    if isinstance(tokens, list) and tokens and isinstance(tokens[0], dict):
        return "prodigy" if "text" in tokens[0] or "ws" in tokens[0] else "spacy"
    if isinstance(obj.get("quotes"), list) and "spans" not in obj:
        return "citron"
    if "entities" in obj or isinstance(obj.get("annotations"), list) or isinstance(obj.get("data"), str):
        return "doccano"
    if any(
        isinstance(v, list) and v and isinstance(v[0], dict) and "labels" in v[0] and "start" in v[0]
        for v in obj.values()
    ):
        return "labelstudio"  # Label Studio's JSON-MIN export: regions under the control's name
    label = obj.get("label")
    if isinstance(label, list) and "spans" not in obj:
        return "doccano"
    return "jsonl"


def sniff_json(sample: str) -> str:
    """The format of a JSON file from its first bytes (`sample`): the first record decides."""
    sample = sample.lstrip("\ufeff").lstrip()
    decoder = json.JSONDecoder()
    if sample.startswith("["):
        rest = sample[1:].lstrip()
        try:
            obj, _ = decoder.raw_decode(rest)
        except (json.JSONDecodeError, RecursionError):
            return "labelstudio"  # a first task longer than the sample: Label Studio writes arrays
        return classify(obj) if classify(obj) != "jsonl" else "jsonl"
    first = sample.split("\n", 1)[0]
    try:
        obj = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        try:
            obj, _ = decoder.raw_decode(sample)
        except (json.JSONDecodeError, RecursionError):
            return "jsonl"
    return classify(obj)


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


#: The last schema's label names and relation types, by identity: a streamed import asks for them
#: once per line, and building them each time was a tenth of the parsing.
_LAST_LOOKUPS: tuple[Any, frozenset[str], dict[str, Any]] | None = None


def _lookups(schema: Any) -> tuple[frozenset[str], dict[str, Any]]:
    global _LAST_LOOKUPS
    if _LAST_LOOKUPS is None or _LAST_LOOKUPS[0] is not schema:
        _LAST_LOOKUPS = (schema, frozenset(schema.label_names), {r.name: r for r in schema.relations})
    return _LAST_LOOKUPS[1], _LAST_LOOKUPS[2]


def parse_object(obj: Any, default_name: str, options: ImportOptions, source: str) -> NewDocument:
    """Validate one decoded line into a NewDocument; raises _LineError with the reason."""
    if not isinstance(obj, dict):
        raise _LineError(f"expected a JSON object, got {type(obj).__name__}")
    from annotator.core.importers.building import check_text

    raw_text = check_text(obj.get("text"))
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _LineError('"meta" must be an object')
    text, remap = offset_mapper(raw_text)
    labels, relation_types = _lookups(options.schema)
    label_map = options.label_map
    length = len(raw_text)

    # The loop runs for every span of a corpus: checks are inline and messages built only on failure.
    spans: list[NewSpan] = []
    by_id: dict[Any, NewSpan] = {}
    default_annotator = options.annotator
    origin_of = _ORIGIN_OF
    for i, raw in enumerate(_raw_spans(obj), 1):
        sid = raw.get("id", i)
        if type(sid) is not int and not isinstance(sid, (str, int)):
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
        annotator = raw.get("annotator", default_annotator)
        if type(annotator) is not str or not annotator:
            if not isinstance(annotator, str) or not annotator:
                raise _LineError(f"span {sid}: annotator must be a non-empty string")
        value = raw.get("origin", "imported")
        origin = origin_of.get(value) if type(value) is str else None
        if origin is None:
            origin = _ORIGIN_OF.get(value) if isinstance(value, str) else None
            if origin is None:
                if not isinstance(value, str):
                    raise _LineError(f"span {sid}: origin must be a string, got {value!r}")
                raise _LineError(
                    f"span {sid}: unknown origin {value!r} (expected {', '.join(sorted(_ORIGINS))})"
                )
        attrs = raw.get("attrs")
        if attrs is None or (type(attrs) is dict and not attrs):
            attrs = {}
        elif (
            isinstance(attrs, dict)
            and all(map(isinstance, attrs, _STR))
            and all(map(isinstance, attrs.values(), _STR))
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
        status = _STATUS_OF.get(value) if isinstance(value, str) else None
        if status is None:
            raise _LineError(
                f"unknown status {value!r} for {who!r} (expected {', '.join(sorted(_STATUSES))})"
            )
        statuses[who] = status

    tokens = obj.get("tokens")
    if tokens is not None:
        if not isinstance(tokens, list):
            raise _LineError('"tokens" must be null or a list of [start, end]')
        checked = []
        prev = 0
        for tok in tokens:
            if type(tok) is not list or len(tok) != 2:
                raise _LineError(f"token {tok!r} is not [start, end]")
            s, e = tok
            if type(s) is not int or type(e) is not int:
                s, e = _int(s, "token start"), _int(e, "token end")
            if not 0 <= s < e <= length:
                raise _LineError(f"token [{s}, {e}) outside the text (length {length}) or empty")
            if s < prev:  # every export walks tokens in order: overlaps would corrupt BIO tags
                raise _LineError(
                    f"token [{s}, {e}) starts before the previous token ends ({prev}): "
                    "tokens must be in text order and must not overlap"
                )
            prev = e
            checked.append((remap(s), remap(e)) if remap else (s, e))
        tokens = checked

    name = obj.get("name") or meta.get("name") or meta.get("id") or obj.get("id") or default_name
    doc_source = obj.get("source")
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_KEYS and k not in meta}
    if extra:  # other keys are the document's too: kept in meta rather than dropped
        meta = {**meta, **extra}
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
    """The documents of a JSONL file. JSON lines are read one line at a time and the documents
    returned as they are read (the store takes them in one transaction), unless the first record
    is another tool's (its parser reads the file). A JSON array or one pretty-printed object is
    read whole (`records`)."""
    lines = iter(TextLines(path, options.encoding))
    first: tuple[int, Any] | None = None
    for number, line in lines:
        if not line or line.isspace():
            continue
        if not line.lstrip().startswith("["):
            try:
                first = (number, _loads(line))
            except _LineError:
                pass  # one pretty-printed object, or a malformed line: `records` tells which
        break
    else:
        raise ImportFailure(path, None, "empty file")
    if first is None:
        lines.close()  # type: ignore[attr-defined]
        return _parse_whole(path, options)
    shape = classify(first[1])
    if shape != "jsonl":  # another tool's records: its parser reads the file
        lines.close()  # type: ignore[attr-defined]
        return _parser(shape)(path, options)
    warnings: list[str] = []
    return _documents(path, options, first, lines, warnings), warnings


def _documents(
    path: Path,
    options: ImportOptions,
    first: tuple[int, Any],
    lines: Iterator[tuple[int, str]],
    warnings: list[str],
) -> Iterator[NewDocument]:
    """The documents of JSON lines as they are read, from the first record on; the warnings are
    added at the end."""
    # Line ends are normalised between records only: a "\r" inside a JSON string is escaped, so
    # offsets are remapped per document instead (offset_mapper).
    source, stem = str(path), path.stem
    kept: set[str] = set()
    number, obj = first
    while True:
        try:
            yield parse_object(obj, f"{stem}-{number}", options, source)
        except _LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
        if not _KNOWN_KEYS.issuperset(obj):
            kept.update(_unread_keys(obj))
        following = next(((n, ln) for n, ln in lines if ln and not ln.isspace()), None)
        if following is None:
            break
        number, line = following
        try:
            obj = _loads(line)
        except _LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
    warnings.extend(_kept_warning(kept))


def _unread_keys(obj: dict[str, Any]) -> Iterator[str]:
    """Keys of a record that hold annotations-like values (lists, objects) and are not read."""
    return (k for k, v in obj.items() if k not in _KNOWN_KEYS and isinstance(v, (list, dict)) and v)


def _kept_warning(kept: set[str]) -> list[str]:
    if kept - {"meta"}:
        return [
            f"keys not read as annotations kept in each document's meta: {', '.join(sorted(kept))} "
            "(name the tool with --format if they are its annotations)"
        ]
    return []


def _parse_whole(path: Path, options: ImportOptions) -> Parsed:
    """A JSON array of records or one pretty-printed object, read whole."""
    # Not read_text's normalisation: a "\r" inside a JSON string is escaped, so normalising the
    # file only touches line ends between records; offsets are remapped per document instead.
    docs: list[NewDocument] = []
    kept: set[str] = set()
    for number, obj in records(path, options):
        shape = classify(obj)
        if shape != "jsonl" and not docs:  # another tool's records: its parser reads the file
            return _parser(shape)(path, options)
        try:
            docs.append(parse_object(obj, f"{path.stem}-{number}", options, str(path)))
        except _LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
        if isinstance(obj, dict):
            kept.update(_unread_keys(obj))
    if not docs:
        raise ImportFailure(path, None, "empty file")
    return docs, _kept_warning(kept)
