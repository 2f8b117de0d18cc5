"""BBC Citron's quote-attribution JSON: `{"text", "quotes": [{"cue", "sources", "contents",
"coreferences"}]}` per document (one file per document, or one per line as the `citron` export
writes them).

Each quote's contents become QUOTE spans (several pieces joined by CONTINUES, each continuing the
one before), its sources SPEAKER spans that the first piece is ATTRIBUTED_TO, its cue a CUE span
linked CUE_OF to the first piece, and its coreferences SPEAKER spans each source is SAME_AS (who
"he" is). A span shared by several quotes is one span. The labels and relation types go through
`--map` (a project that names them otherwise maps `QUOTE=...`). `confidence` (of predicted quotes)
and `coreference_groups` are counted, not imported; `name`, `date` and `annotator` (which the
export adds) name the document, date it and name the layer.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, parse_records
from annotator.core.importers.jsonl import LineError
from annotator.core.model import NewDocument, NewSpan

__all__ = ["parse", "to_document"]

_MESSAGES = {
    "confidence": "{n} {n:quote carries|quotes carry} a confidence (predicted quotes): imported as {n:an annotation|annotations}, the score left out",
    "groups": "{n} {n:document carries|documents carry} coreference_groups: not imported",
}


def to_document(
    obj: Any, default_name: str, options: ImportOptions, source: str, counts: Counter[str]
) -> NewDocument:
    if not isinstance(obj, dict):
        raise LineError(f"expected a Citron document object, got {type(obj).__name__}")
    who = obj.get("annotator") if isinstance(obj.get("annotator"), str) and obj["annotator"].strip() else None
    b = DocBuilder(obj.get("text"), options, who)
    made: dict[tuple[int, int, str], NewSpan] = {}

    def span(item: Any, label: str, what: str) -> NewSpan:
        if not isinstance(item, dict):
            raise LineError(f"{what} is not a span object")
        key = (item.get("start"), item.get("end"), label)
        if key not in made:
            made[key] = b.span(item.get("start"), item.get("end"), label, what=what, surface=item.get("text"))
        return made[key]

    quotes = obj.get("quotes") or []
    if not isinstance(quotes, list):
        raise LineError('"quotes" must be a list')
    for i, q in enumerate(quotes, 1):
        if not isinstance(q, dict):
            raise LineError(f"quote {i} is not an object")
        contents = q.get("contents") or []
        if not isinstance(contents, list) or not contents:
            raise LineError(f"quote {i} has no contents")
        pieces = [span(c, "QUOTE", f"quote {i} content {k}") for k, c in enumerate(contents, 1)]
        for k in range(1, len(pieces)):
            b.relation("CONTINUES", pieces[k], pieces[k - 1], f"quote {i}")
        speakers = [
            span(s, "SPEAKER", f"quote {i} source {k}") for k, s in enumerate(q.get("sources") or [], 1)
        ]
        for spk in speakers:
            b.relation("ATTRIBUTED_TO", pieces[0], spk, f"quote {i}")
        if q.get("cue"):
            b.relation("CUE_OF", span(q["cue"], "CUE", f"quote {i} cue"), pieces[0], f"quote {i}")
        for k, c in enumerate(q.get("coreferences") or [], 1):
            ref = span(c, "SPEAKER", f"quote {i} coreference {k}")
            for spk in speakers:
                if spk is not ref:
                    b.relation("SAME_AS", spk, ref, f"quote {i}")
        counts["confidence"] += "confidence" in q
    counts["groups"] += bool(obj.get("coreference_groups"))
    meta = {"date": obj["date"]} if obj.get("date") else {}
    return b.document(obj.get("name") or default_name, meta, source)


def parse(path: Path, options: ImportOptions) -> Parsed:
    return parse_records(path, options, to_document, _MESSAGES)
