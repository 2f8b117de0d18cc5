"""doccano: JSONL in the shape doccano exports and imports for sequence labelling with relations.

One line per document: `{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "to_id", "type"}], "Comments": [], "name", ...meta}`: doccano's
importer reads `text`, `entities` and `relations` (a relation-extraction project; a plain sequence
labelling project reads the entities too) and keeps every other key as the document's metadata,
which is how doccano itself writes metadata, so `name` and the meta keys come back on import here.

What doccano cannot hold is counted in the report: span attributes (`type`, `kind`, notes), and
annotator names (spans of several annotators are written together; identical ones, of one annotator
or several, are written once and counted; choose one layer with --annotator).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import SplitFiles, XDoc, unique_spans

__all__ = ["Writer", "record", "targets"]

_RESERVED = {"id", "text", "entities", "relations", "Comments", "name", "label", "annotations", "data"}


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def record(x: XDoc, number: int, ctx: Any) -> dict[str, Any]:
    spans, alias = unique_spans(x)
    if len(spans) < len(x.spans):
        ctx.notes.add("identical", len(x.spans) - len(spans), x.doc.name)
    ids = {sp.id: n for n, sp in enumerate(spans, 1)}
    entities = [
        {"id": ids[sp.id], "label": sp.label, "start_offset": sp.start, "end_offset": sp.end} for sp in spans
    ]
    attrs = sum(1 for sp in spans if sp.attrs)
    if attrs:
        ctx.notes.add("format_attrs", attrs, f"{x.doc.name}")
    seen: set[tuple[int, int, str]] = set()
    relations = []
    for r in x.relations:
        key = (ids[alias[r.head].id], ids[alias[r.tail].id], r.type)
        if key not in seen:
            seen.add(key)
            relations.append({"id": len(relations) + 1, "from_id": key[0], "to_id": key[1], "type": r.type})
    if ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
        ctx.notes.add("multi_annotator", 1, x.doc.name)
    rec: dict[str, Any] = {
        "id": number,
        "text": x.doc.text,
        "entities": entities,
        "relations": relations,
        "Comments": [],
        "name": x.doc.name,
    }
    for key, value in x.doc.meta.items():
        rec["meta_" + key if key in _RESERVED else key] = value
    return rec


class Writer(SplitFiles):
    def __init__(self, ctx: Any, ao: Any) -> None:
        super().__init__(ctx, ao)
        self.count = 0

    def write(self, x: XDoc) -> None:
        self.count += 1
        rec = record(x, self.count, self.ctx)
        self.files[x.split].write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.ctx.report.spans += len(rec["entities"])
        self.ctx.report.relations += len(rec["relations"])
