"""Quote attribution: one record per QUOTE span, with its speaker(s) and cue(s).

A record: `id` (a number unique in the export), `document`, `date` (the document's, or ""),
`annotator`, `start`, `end`, `quote` (its text), `type` (the quote's type attribute, or ""),
`speakers` (the SPEAKER spans the quote is ATTRIBUTED_TO: text, start, end, kind, and `refers_to`:
the spans that speaker is SAME_AS, with their offsets, so "he" can be resolved), `cues` (the CUE
spans linked CUE_OF to the quote: text, start, end), `continues` (the `id` of the quote this one
CONTINUES, or null). A piece of a quote split in several (joined by CONTINUES) that has no speaker
of its own carries the speakers of the piece it continues (`speakers_from`: that piece's id).
Relations are only followed within one annotator's layer.

Files: JSONL (`.jsonl`, or any other suffix), or CSV when the output ends in `.csv`: UTF-8 with a
BOM so that spreadsheet programs show Arabic, one row per quote, several speakers or cues joined
with ` | ` (their offsets too, `start-end`); a cell that would start with `= + - @` (a formula in a
spreadsheet) gets a leading `'`. With a split: `quotes.train.jsonl` etc.

The same data in a published quote-attribution shape is the `citron` format (citron.py).
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
    "id",
    "continues",
    "date",
    "speaker_offsets",
    "cue_offsets",
]
USES_TOKENS = False  # the export need not read the documents' stored tokens
QUOTE, SPEAKER_REL, CUE_REL, SAME_AS, CONTINUES = "QUOTE", "ATTRIBUTED_TO", "CUE_OF", "SAME_AS", "CONTINUES"


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def records(x: XDoc, first_id: int = 1) -> list[dict[str, Any]]:
    """The quote records of a document, numbered from `first_id` in text order."""
    by_id: dict[int, XSpan] = {sp.id: sp for sp in x.spans}
    out_of: dict[tuple[str, int], list[int]] = {}
    into: dict[tuple[str, int], list[int]] = {}
    for r in x.relations:
        out_of.setdefault((r.type, r.head), []).append(r.tail)
        into.setdefault((r.type, r.tail), []).append(r.head)

    def spans(ids: list[int]) -> list[XSpan]:
        return sorted((by_id[i] for i in ids if i in by_id), key=lambda s: (s.start, -s.end))

    def where(sp: XSpan) -> dict[str, Any]:
        return {"text": sp.text, "start": sp.start, "end": sp.end}

    quotes = [sp for sp in x.spans if sp.source_label == QUOTE]
    number = {sp.id: first_id + i for i, sp in enumerate(quotes)}
    date = str(x.doc.meta.get("date", ""))

    def speakers_of(sp: XSpan) -> list[dict[str, Any]]:
        return [
            {
                **where(spk),
                "kind": spk.attrs.get("kind", ""),
                "refers_to": [where(o) for o in spans(out_of.get((SAME_AS, spk.id), []))],
            }
            for spk in spans(out_of.get((SPEAKER_REL, sp.id), []))
        ]

    out = []
    for sp in quotes:
        speakers = speakers_of(sp)
        speakers_from = None
        seen = {sp.id}
        cur = sp
        while not speakers:  # a continued piece carries the speakers of the piece it continues
            prev = spans(out_of.get((CONTINUES, cur.id), []))
            if not prev or prev[0].id in seen:
                break
            cur = prev[0]
            seen.add(cur.id)
            speakers = speakers_of(cur)
            speakers_from = number.get(cur.id) if speakers else None
        cues = [where(c) for c in spans(into.get((CUE_REL, sp.id), []))]
        prev = spans(out_of.get((CONTINUES, sp.id), []))
        rec = {
            "id": number[sp.id],
            "document": x.doc.name,
            "date": date,
            "annotator": sp.annotator,
            "start": sp.start,
            "end": sp.end,
            "quote": sp.text,
            "type": sp.attrs.get("type", ""),
            "speakers": speakers,
            "cues": cues,
            "continues": number.get(prev[0].id) if prev else None,
        }
        if speakers_from is not None:
            rec["speakers_from"] = speakers_from
        out.append(rec)
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
        _cell(
            join([", ".join(r["text"] for r in s["refers_to"]) for s in rec["speakers"] if s["refers_to"]])
        ),
        _cell(join([c["text"] for c in rec["cues"]])),
        rec["id"],
        "" if rec["continues"] is None else rec["continues"],
        _cell(rec["date"]),
        join([f"{s['start']}-{s['end']}" for s in rec["speakers"]]),
        join([f"{c['start']}-{c['end']}" for c in rec["cues"]]),
    ]


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.csv = ctx.out.suffix.lower() == ".csv"
        self.files = {}
        self.writers = {}
        self.next_id = 1
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
        recs = records(x, self.next_id)
        self.next_id += len(recs)
        for rec in recs:
            if self.csv:
                self.writers[x.split].writerow(csv_row(rec))
            else:
                self.files[x.split].write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.ctx.report.spans += len(recs)
        self.ctx.report.relations += sum(len(r["speakers"]) + len(r["cues"]) for r in recs)

    def close(self) -> None:
        pass
