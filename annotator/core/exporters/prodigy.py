"""Prodigy: JSONL in the shape `prodigy db-out` writes, ready for `prodigy db-in` and for training.

One line per document and annotator layer: `{"text", "meta": {"name", ...}, "tokens": [{"text",
"start", "end", "id", "ws"}], "spans": [{"start", "end", "token_start", "token_end", "label",
"text"}], "relations": [{"head", "child", "head_span", "child_span", "label"}], "answer": "accept",
"_input_hash", "_task_hash", "_view_id", "_annotator_id", "_session_id"}`.

- Tokens are the document's words (the CoNLL import's or the Arabic-aware tokenizer's), split where
  a span edge falls inside one, as the spaCy export does; runs of whitespace other than one space are
  tokens of their own, as spaCy's tokenizer makes them. `token_end` is inclusive, as Prodigy counts.
- `_annotator_id` (and `_session_id`) is the layer's annotator name; the import reads it back. A
  span's attributes ride along in `attrs` and a layer's status in `_annotator_status` (Prodigy keeps
  keys it does not know), so Prodigy -> annotator -> Prodigy loses nothing.
- The hashes are stable: `_input_hash` from the text, `_task_hash` from the text and the layer.
- Relations: `head` and `child` are the token index of each span's last token.
"""

from __future__ import annotations

import hashlib
import json
from itertools import starmap
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import SplitFiles, XDoc, layers, tokens_for
from annotator.core.exporters.spacy import spacy_tokens, split_at

__all__ = ["Writer", "lines", "records", "targets"]


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".jsonl")


def _hash(*parts: str) -> int:
    """A signed 32-bit integer, as Prodigy's hashes are."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


#: json.dumps(x, ensure_ascii=False) without building an encoder per call; and the string encoder
#: it uses, for the token list written directly.
_dumps = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring


_TOKEN = '{{"text": {}, "start": {}, "end": {}, "id": {}, "ws": {}}}'.format


def _tokens_json(text: str, toks: list[tuple[int, int]]) -> str:
    """The `tokens` list as `json.dumps` writes it (default separators), built once per document
    with C-level loops (map, starmap): encoding 150,000 token dicts with the JSON encoder was most
    of the ANERcorp export."""
    starts = [s for s, _e in toks]
    ends = [e for _s, e in toks]
    nexts = starts[1:] + [len(text)]
    ws = ["true" if nxt > e and text[e] == " " else "false" for e, nxt in zip(ends, nexts, strict=True)]
    surfaces = map(_string, map(text.__getitem__, starmap(slice, toks)))
    return (
        "[" + ", ".join(starmap(_TOKEN, zip(surfaces, starts, ends, range(len(toks)), ws, strict=True))) + "]"
    )


def lines(x: XDoc, ctx: Any) -> list[tuple[str, int, int]]:
    """The JSON lines of a document (one per annotator layer) with their span and relation counts:
    what `json.dumps(record, ensure_ascii=False)` writes for each of `records(x, ctx)`, the token
    list encoded once for every layer."""
    out = []
    tokens_json: str | None = None
    for rec in records(x, ctx, tokens=None):
        if tokens_json is None:
            tokens_json = _tokens_json(x.doc.text, rec.pop("tokens"))
        else:
            rec.pop("tokens")
        head = _dumps({"text": rec.pop("text"), "meta": rec.pop("meta")})
        line = f'{head[:-1]}, "tokens": {tokens_json}, {_dumps(rec)[1:]}'
        out.append((line, len(rec["spans"]), len(rec["relations"])))
    return out


def records(x: XDoc, ctx: Any, tokens: Any = True) -> list[dict[str, Any]]:
    """The Prodigy records of a document, one per annotator layer. With `tokens=None` each record's
    `tokens` holds the (start, end) pairs instead of the token dicts (for `lines`)."""
    doc = x.doc
    text = doc.text
    cuts = sorted({sp.start for sp in x.spans} | {sp.end for sp in x.spans})
    words, _splits = split_at(tokens_for(doc), cuts)
    toks = spacy_tokens(text, words)
    if tokens is None:
        token_list: Any = toks
    else:
        token_list = json.loads(_tokens_json(text, toks))
    first_tok = {s: i for i, (s, _e) in enumerate(toks)}
    last_tok = {e: i for i, (_s, e) in enumerate(toks)}
    input_hash = _hash(text)
    out = []
    # a document nobody has annotated still goes out (as raw input, without an annotator)
    for annotator, spans, relations in layers(x) or [(None, [], [])]:
        pspans: dict[int, dict[str, Any]] = {}
        for sp in spans:
            item: dict[str, Any] = {"start": sp.start, "end": sp.end, "text": sp.text, "label": sp.label}
            if sp.start in first_tok and sp.end in last_tok:
                item["token_start"], item["token_end"] = first_tok[sp.start], last_tok[sp.end]
            else:
                ctx.notes.add("spacy_unaligned", 1, f"{doc.name} [{sp.start},{sp.end}) {sp.label}")
            if sp.attrs:
                item["attrs"] = dict(sp.attrs)
            pspans[sp.id] = item
        rels = []
        for r in relations:
            h, c = pspans[r.head], pspans[r.tail]
            rels.append(
                {
                    "head": h.get("token_end", 0),
                    "child": c.get("token_end", 0),
                    "head_span": {k: v for k, v in h.items() if k != "attrs"},
                    "child_span": {k: v for k, v in c.items() if k != "attrs"},
                    "label": r.type,
                }
            )
        status = x.statuses.get(annotator)
        rec: dict[str, Any] = {
            "text": text,
            "meta": {"name": doc.name, **{k: v for k, v in doc.meta.items() if k != "name"}},
            "tokens": token_list,
            "spans": list(pspans.values()),
            "relations": rels,
            "_input_hash": input_hash,
            "_task_hash": _hash(text, annotator or "", json.dumps(list(pspans.values()), sort_keys=True)),
            "_view_id": "relations" if rels else "ner_manual",
            "answer": "accept",
        }
        if annotator is not None:
            rec["_annotator_id"] = rec["_session_id"] = annotator
        if status is not None:
            rec["_annotator_status"] = str(status.value if hasattr(status, "value") else status)
        out.append(rec)
    return out


class Writer(SplitFiles):
    def write(self, x: XDoc) -> None:
        fh = self.files[x.split]
        for text, spans, relations in lines(x, self.ctx):
            fh.write(text)
            fh.write("\n")
            self.ctx.report.spans += spans
            self.ctx.report.relations += relations
