"""Quote attribution in BBC Citron's annotation format: one JSON object per document, one per line.

Citron (BBC R&D's quote extraction and attribution system) trains and evaluates on documents
`{"text", "quotes": [{"cue", "sources", "contents", "coreferences", "id"}]}` whose spans are
`{"start", "end", "text"}` in characters; its data comes from the PARC-style attribution scheme
(source, cue, content), the same roles as SPEAKER, CUE and QUOTE here. So:
- a quote in pieces (QUOTEs joined by CONTINUES) is ONE Citron quote whose `contents` are the pieces
  in order; a lone QUOTE is a quote with one content span;
- `sources` are the speakers the pieces are ATTRIBUTED_TO, `coreferences` the spans those speakers
  are SAME_AS (who "he" is), `cue` the CUE linked CUE_OF to a piece (Citron has one cue per quote:
  further cues, and quotes without a cue (`cue: null`), are counted in a warning);
- each line also carries `name`, `date` and `annotator` (Citron ignores keys it does not know; one
  line per document and annotator layer). Split one line per file for Citron's own tools.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import SplitFiles, XDoc, layers
from annotator.core.exporters.quotes import records

__all__ = ["Writer", "documents", "targets"]


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def _span(s: dict[str, Any]) -> dict[str, Any]:
    return {"start": s["start"], "end": s["end"], "text": s["text"]}


def documents(x: XDoc, ctx: Any) -> list[dict[str, Any]]:
    out = []
    # a document nobody annotated still goes out, with no quotes (Citron trains on those too)
    for annotator, spans, relations in layers(x) or [(None, [], [])]:
        layer = XDoc(x.doc, spans, relations, x.statuses, x.split)
        recs = records(layer)
        by_id = {r["id"]: r for r in recs}
        quotes = []
        for rec in recs:
            if rec["continues"] is not None and rec["continues"] in by_id:
                continue  # a later piece: part of the quote its first piece starts
            pieces = [rec]
            while True:
                nxt = next((r for r in recs if r["continues"] == pieces[-1]["id"] and r not in pieces), None)
                if nxt is None:
                    break
                pieces.append(nxt)
            sources, corefs, cues = [], [], []
            for p in pieces:
                for spk in p["speakers"]:
                    if _span(spk) not in sources:
                        sources.append(_span(spk))
                    corefs += [_span(o) for o in spk["refers_to"] if _span(o) not in corefs]
                cues += [_span(c) for c in p["cues"] if _span(c) not in cues]
            if not cues:
                ctx.notes.add("citron_no_cue", 1, f"{x.doc.name} [{rec['start']},{rec['end']})")
            elif len(cues) > 1:
                ctx.notes.add("citron_cues", len(cues) - 1, f"{x.doc.name} [{rec['start']},{rec['end']})")
            quotes.append(
                {
                    "id": rec["id"],
                    "cue": cues[0] if cues else None,
                    "sources": sources,
                    "contents": [{"start": p["start"], "end": p["end"], "text": p["quote"]} for p in pieces],
                    "coreferences": corefs,
                }
            )
        out.append(
            {
                "text": x.doc.text,
                "quotes": quotes,
                "name": x.doc.name,
                "date": str(x.doc.meta.get("date", "")),
                "annotator": annotator,
            }
        )
    return out


class Writer(SplitFiles):
    def write(self, x: XDoc) -> None:
        for doc in documents(x, self.ctx):
            self.files[x.split].write(json.dumps(doc, ensure_ascii=False) + "\n")
            self.ctx.report.spans += sum(len(q["contents"]) for q in doc["quotes"])
