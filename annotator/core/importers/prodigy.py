"""Prodigy's JSONL (`prodigy db-out`): examples with an `answer`, `tokens`, `spans` and `relations`.

- `answer` is honoured: only `accept` examples give spans (an example without `answer` is raw input
  and counts as accepted); `reject` and `ignore` examples, and spans marked `reject` inside an
  accepted one, are counted in a warning, never imported as positive spans. A text that has no
  accepted example at all is left out (and counted).
- Several examples of one text (`ner.teach` asks about one span at a time; several annotators
  answer the same example) make one document: they are grouped by `_input_hash` (else the text),
  each annotator's accepted spans form a layer, duplicates counted once.
- `tokens` (`{"text", "start", "end", "id", "ws"}`) become the document's tokens, so CoNLL and
  spaCy exports give the same words back; a span may give `token_start`/`token_end` (inclusive,
  as Prodigy counts) instead of character offsets.
- `relations` (`{"head", "child", "head_span", "child_span", "label"}`) link the spans they name
  (head -> child); a relation between tokens that are no labelled span cannot be held (counted).
- The annotator is `_annotator_id` when the example has one (the export writes each layer's name
  there), else a named session's `_session_id` (`news_ner-layla`, from `?session=layla` in
  Prodigy versions before `_annotator_id`; a default session is a time stamp and names nobody),
  else `--annotator`. Text classification fields (`accept` choices, a top-level `label`)
  are kept in `meta`, not as spans. Other keys (`_view_id`, `_timestamp`, hashes) are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, as_int, counted_warnings
from annotator.core.importers.jsonl import LineError, records
from annotator.core.model import NewDocument, NewSpan, Status

__all__ = ["parse"]

_ANSWERS = ("accept", "reject", "ignore")
#: A default Prodigy session id: the time the server started (`2019-03-11_15-15-44`), no annotator.
_TIMESTAMP_SESSION = re.compile(r"(?:^|-)\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$")


def _annotator_of(obj: dict[str, Any]) -> Any:
    """Who answered an example: `_annotator_id`, else a named (not time-stamped) `_session_id`."""
    if "_annotator_id" in obj:
        return obj["_annotator_id"]
    session = obj.get("_session_id")
    if isinstance(session, str) and session.strip() and not _TIMESTAMP_SESSION.search(session.strip()):
        return session.strip()
    return None


def _tokens(obj: dict[str, Any], raw: str) -> list[tuple[int, int]] | None:
    tokens = obj.get("tokens")
    if tokens is None:
        return None
    if not isinstance(tokens, list):
        raise LineError('"tokens" must be a list of {"text", "start", "end"}')
    out: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if not isinstance(tok, dict):
            raise LineError(f"token {i} is not an object")
        s, e = as_int(tok.get("start"), f"token {i} start"), as_int(tok.get("end"), f"token {i} end")
        if not 0 <= s <= e <= len(raw):
            raise LineError(f"token {i}: offsets [{s}, {e}) outside the text (length {len(raw)})")
        if "text" in tok and tok["text"] != raw[s:e]:
            raise LineError(f"token {i}: text {tok['text']!r} does not match the text at [{s}, {e})")
        out.append((s, e))
    return out


def _span_offsets(sp: dict[str, Any], toks: list[tuple[int, int]] | None, what: str) -> tuple[int, int]:
    if "start" in sp and "end" in sp:
        return as_int(sp["start"], f"{what} start"), as_int(sp["end"], f"{what} end")
    if "token_start" in sp and "token_end" in sp and toks is not None:
        a, z = as_int(sp["token_start"], f"{what} token_start"), as_int(sp["token_end"], f"{what} token_end")
        if not 0 <= a <= z < len(toks):
            raise LineError(f"{what}: tokens {a}..{z} outside the {len(toks)} tokens")
        return toks[a][0], toks[z][1]
    raise LineError(f"{what}: needs start and end (or token_start and token_end with tokens)")


class _Group:
    """The examples of one text."""

    def __init__(self, line: int, obj: dict[str, Any]) -> None:
        self.line = line
        self.first = obj
        self.accepted: list[tuple[int, dict[str, Any]]] = []


def _build(group: _Group, options: ImportOptions, source: str, counts: Counter[str]) -> NewDocument:
    first = group.first
    raw = first.get("text")
    b = DocBuilder(raw, options)
    toks = _tokens(first, b.raw)
    meta = dict(first.get("meta") or {}) if isinstance(first.get("meta"), dict) else {}
    seen: dict[tuple[int, int, str, str], NewSpan] = {}
    statuses: dict[str, Status] = {}
    for line, obj in group.accepted:
        try:
            named = _annotator_of(obj)
            who = named or options.annotator
            if not isinstance(who, str) or not who.strip():
                raise LineError(f"_annotator_id must be a name, got {who!r}")
            # an accepted answer of a named annotator is finished work, unless the export said otherwise
            if named is not None or "_annotator_id" in obj:
                status = obj.get("_annotator_status", Status.DONE.value)
                status = Status(status) if status in {s.value for s in Status} else Status.DONE
                if status != Status.NEW:
                    statuses[who] = status
            line_toks = _tokens(obj, b.raw) if obj is not first and "tokens" in obj else toks
            by_offsets: dict[tuple[int, int, str], NewSpan] = {}
            spans = obj.get("spans") or []
            if not isinstance(spans, list):
                raise LineError('"spans" must be a list')
            for i, sp in enumerate(spans):
                what = f"span {i}"
                if not isinstance(sp, dict):
                    raise LineError(f"{what} is not an object")
                if sp.get("answer") in ("reject", "ignore"):
                    counts["span_" + sp["answer"]] += 1
                    continue
                start, end = _span_offsets(sp, line_toks, what)
                attrs = sp.get("attrs") if isinstance(sp.get("attrs"), dict) else {}
                label = sp.get("label")
                key = (start, end, options.map_label(str(label)), who)
                if key in seen:
                    counts["repeated"] += 1
                    span = seen[key]
                else:
                    span = seen[key] = b.span(
                        start, end, label, what=what, surface=sp.get("text"), annotator=who, attrs=attrs
                    )
                by_offsets[(start, end, str(label))] = span
            for j, rel in enumerate(obj.get("relations") or []):
                what = f"relation {j}"
                if not isinstance(rel, dict):
                    raise LineError(f"{what} is not an object")
                ends = []
                for role in ("head_span", "child_span"):
                    ref = rel.get(role)
                    found = None
                    if isinstance(ref, dict):
                        s, e = _span_offsets(ref, line_toks, f"{what} {role}")
                        found = by_offsets.get((s, e, str(ref.get("label"))))
                        if found is None:
                            found = next(
                                (v for (s2, e2, _l), v in by_offsets.items() if (s2, e2) == (s, e)), None
                            )
                    ends.append(found)
                if None in ends:
                    counts["token_relations"] += 1
                    continue
                b.relation(rel.get("label"), ends[0], ends[1], what)  # type: ignore[arg-type]
            if "accept" in obj:  # choice answers (textcat.manual)
                meta.setdefault("categories", obj["accept"])
            if isinstance(obj.get("label"), str):  # a binary text classification question
                meta.setdefault("label", obj["label"])
        except LineError as exc:
            raise ImportFailure(source, line, str(exc)) from None
    name = meta.pop("name", None) or meta.get("id") or first.get("id") or f"{Path(source).stem}-{group.line}"
    return b.document(name, meta, source, tokens=_word_tokens(toks, b.raw), statuses=statuses)


def _word_tokens(toks: list[tuple[int, int]] | None, raw: str) -> list[tuple[int, int]] | None:
    """Prodigy's tokens without the whitespace tokens spaCy makes for runs of spaces."""
    if toks is None:
        return None
    return [(s, e) for s, e in toks if e > s and raw[s:e].strip()]


def parse(path: Path, options: ImportOptions) -> Parsed:
    groups: dict[Any, _Group] = {}
    counts: Counter[str] = Counter()
    for number, obj in records(path, options):
        if not isinstance(obj, dict):
            raise ImportFailure(path, number, f"expected a JSON object, got {type(obj).__name__}")
        text = obj.get("text")
        if not isinstance(text, str):
            raise ImportFailure(path, number, 'missing "text"' if text is None else '"text" is not a string')
        answer = obj.get("answer", "accept")
        if answer not in _ANSWERS:
            raise ImportFailure(
                path, number, f"unknown answer {answer!r} (expected accept, reject or ignore)"
            )
        key = obj.get("_input_hash", text)
        if isinstance(key, (dict, list)):
            key = text
        group = groups.setdefault(key, _Group(number, obj))
        if answer == "accept":
            group.accepted.append((number, obj))
        else:
            counts[answer] += 1
            counts[answer + "_spans"] += len(obj.get("spans") or [])
    if not groups:
        raise ImportFailure(path, None, "empty file")
    docs: list[NewDocument] = []
    for group in groups.values():
        if not group.accepted:
            counts["no_accept"] += 1
            continue
        try:
            docs.append(_build(group, options, str(path), counts))
        except LineError as exc:
            raise ImportFailure(path, group.line, str(exc)) from None
    if not docs:
        raise ImportFailure(path, None, "no accepted example (every answer is reject or ignore)")
    return docs, counted_warnings(
        counts,
        {
            "reject": "{n} {n:example|examples} answered reject: {n:its|their} spans are not imported",
            "reject_spans": "{n} {n:span|spans} of rejected examples not imported",
            "ignore": "{n} {n:example|examples} answered ignore: skipped",
            "span_reject": "{n} {n:span|spans} marked reject inside accepted examples not imported",
            "span_ignore": "{n} {n:span|spans} marked ignore inside accepted examples not imported",
            "no_accept": "{n} {n:text has|texts have} no accepted example and {n:is|are} left out",
            "repeated": "{n} {n:span|spans} accepted more than once by the same annotator counted once",
            "token_relations": "{n} {n:relation links|relations link} tokens that are not labelled spans: cannot be held, left out",
        },
    )
