"""The project's own JSONL (docs/FORMATS.md): lossless, and byte-identical through a round trip.

One line per document in project order, keys sorted, UTF-8 without ASCII escapes. Span and relation
ids are numbered 1..n within the document in the written order (spans sorted by
`(start, -end, label, annotator, origin, attrs)`, relations by `(type, head, tail, annotator)`), so
that export -> import into a new project -> export gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc
from annotator.core.model import Status

__all__ = ["Writer", "dumps", "line", "record", "targets"]

SUFFIXES = (".jsonl", ".json", ".ndjson")


#: `json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`, one encoder for all.
dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def record(x: XDoc) -> dict[str, Any]:
    """The JSON object of one document (spans in `x` are already in the written order)."""
    ids: dict[int, int] = {}
    spans = []
    for n, sp in enumerate(x.spans, 1):
        ids[sp.id] = n
        spans.append(
            {
                "annotator": sp.annotator,
                "attrs": sp.attrs,
                "end": sp.end,
                "id": n,
                "label": sp.label,
                "origin": sp.origin,
                "start": sp.start,
                "text": sp.text,
            }
        )
    rels = sorted(
        ((r.type, ids[r.head], ids[r.tail], r.annotator) for r in x.relations),
    )
    relations = [
        {"annotator": a, "head": h, "id": n, "tail": t, "type": typ}
        for n, (typ, h, t, a) in enumerate(rels, 1)
    ]
    doc = x.doc
    return {
        "meta": doc.meta,
        "name": doc.name,
        "relations": relations,
        "sha256": doc.sha256,
        "source": doc.source,
        "spans": spans,
        "status": {a: s.value for a, s in sorted(x.statuses.items()) if Status(s) != Status.NEW},
        "text": doc.text,
        "tokens": doc.tokens,  # pairs: JSON writes a tuple as an array
    }


def line(x: XDoc) -> str:
    """`dumps(record(x))`; the tokens, the last key, are the stored JSON itself when it is canonical."""
    if x.tokens_json is None:
        return dumps(record(x))
    rec = record(x)
    del rec["tokens"]
    return f'{dumps(rec)[:-1]},"tokens":{x.tokens_json}}}'


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.files = {
            s: ao.file(p) for s, p in zip(ctx.splits or (None,), targets(ctx.out, ctx.splits), strict=True)
        }

    def write(self, x: XDoc) -> None:
        fh = self.files[x.split]
        fh.write(line(x))
        fh.write("\n")
        self.ctx.report.spans += len(x.spans)
        self.ctx.report.relations += len(x.relations)

    def close(self) -> None:
        pass
