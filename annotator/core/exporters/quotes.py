"""Quote attribution: one record per QUOTE span, with its speaker(s) and cue(s).

A record: `document`, `annotator`, `start`, `end`, `quote` (its text), `type` (the quote's type
attribute, or ""), `speakers` (the SPEAKER spans the quote is ATTRIBUTED_TO: text, start, end,
kind, and `refers_to`: the texts of the spans that speaker is SAME_AS, so "he" can be resolved),
`cues` (the CUE spans linked CUE_OF to the quote: text, start, end), `continues` (the start of the
quote this one CONTINUES, or null). Relations are only followed within one annotator's layer.

Files: JSONL (`.jsonl`, or any other suffix), or CSV when the output ends in `.csv`: UTF-8 with a
BOM so that spreadsheet programs show Arabic, one row per quote, several speakers or cues joined
with ` | `; a cell that would start with `= + - @` (a formula in a spreadsheet) gets a leading `'`.
With a split: `quotes.train.jsonl` etc.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc, XSpan

__all__ = ["CSV_COLUMNS", "Writer", "records", "targets"]

CSV_COLUMNS = [
    "document",
    "annotator",
    "start",
    "end",
    "type",
    "quote",
    "speaker",
    "speaker_kind",
    "speaker_refers_to",
    "cue",
]
USES_TOKENS = False  # the export need not read the documents' stored tokens
QUOTE, SPEAKER_REL, CUE_REL, SAME_AS, CONTINUES = "QUOTE", "ATTRIBUTED_TO", "CUE_OF", "SAME_AS", "CONTINUES"


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def records(x: XDoc) -> list[dict[str, Any]]:
    by_id: dict[int, XSpan] = {sp.id: sp for sp in x.spans}
    out_of: dict[tuple[str, int], list[int]] = {}
    into: dict[tuple[str, int], list[int]] = {}
    for r in x.relations:
        out_of.setdefault((r.type, r.head), []).append(r.tail)
        into.setdefault((r.type, r.tail), []).append(r.head)

    def spans(ids: list[int]) -> list[XSpan]:
        return sorted((by_id[i] for i in ids if i in by_id), key=lambda s: (s.start, -s.end))

    out = []
    for sp in x.spans:
        if sp.source_label != QUOTE:
            continue
        speakers = []
        for spk in spans(out_of.get((SPEAKER_REL, sp.id), [])):
            refers = [o.text for o in spans(out_of.get((SAME_AS, spk.id), []))]
            speakers.append(
                {
                    "text": spk.text,
                    "start": spk.start,
                    "end": spk.end,
                    "kind": spk.attrs.get("kind", ""),
                    "refers_to": refers,
                }
            )
        cues = [
            {"text": c.text, "start": c.start, "end": c.end} for c in spans(into.get((CUE_REL, sp.id), []))
        ]
        prev = spans(out_of.get((CONTINUES, sp.id), []))
        out.append(
            {
                "document": x.doc.name,
                "annotator": sp.annotator,
                "start": sp.start,
                "end": sp.end,
                "quote": sp.text,
                "type": sp.attrs.get("type", ""),
                "speakers": speakers,
                "cues": cues,
                "continues": prev[0].start if prev else None,
            }
        )
    return out


def _cell(value: str) -> str:
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def csv_row(rec: dict[str, Any]) -> list[Any]:
    def join(items: list[str]) -> str:
        return " | ".join(items)

    return [
        _cell(rec["document"]),
        _cell(rec["annotator"]),
        rec["start"],
        rec["end"],
        _cell(rec["type"]),
        _cell(rec["quote"]),
        _cell(join([s["text"] for s in rec["speakers"]])),
        _cell(join([s["kind"] for s in rec["speakers"]])),
        _cell(join([", ".join(s["refers_to"]) for s in rec["speakers"] if s["refers_to"]])),
        _cell(join([c["text"] for c in rec["cues"]])),
    ]


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.csv = ctx.out.suffix.lower() == ".csv"
        self.files = {}
        self.writers = {}
        for s, p in zip(ctx.splits or (None,), targets(ctx.out, ctx.splits), strict=True):
            if self.csv:
                fh = ao.file(p, encoding="utf-8-sig", newline="")
                w = csv.writer(fh, lineterminator="\r\n")
                w.writerow(CSV_COLUMNS)
                self.writers[s] = w
            else:
                fh = ao.file(p)
            self.files[s] = fh

    def write(self, x: XDoc) -> None:
        recs = records(x)
        for rec in recs:
            if self.csv:
                self.writers[x.split].writerow(csv_row(rec))
            else:
                self.files[x.split].write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.ctx.report.spans += len(recs)
        self.ctx.report.relations += sum(len(r["speakers"]) + len(r["cues"]) for r in recs)

    def close(self) -> None:
        pass
