"""WebAnno TSV 3.3 for INCEpTION and WebAnno: a folder with one `<name>.tsv` per document.

Spans are on the layer `webanno.custom.Span` with the feature `label` and one feature per
attribute in use (`kind`, `type`, `note` ...); relations on `webanno.custom.Relation` (feature
`label`) between Span annotations. In INCEpTION, create these two layers (Project settings >
Layers: a span layer "Span" with string features `label` and the attribute names, a relation
layer "Relation" attached to it with a string feature `label`), then import the files as
"WebAnno TSV3". Offsets count UTF-16 units, as INCEpTION does.

Tokens are the document's words (the CoNLL import's, else the Arabic-aware tokenizer's), split
where a span edge falls inside one, so every span covers whole tokens; a span whose edge falls in
whitespace widens to the tokens it touches (counted). Sentences are the CoNLL export's.
Feature values escape `\\ [ ] | _ -> ; * tab newline` with a backslash, as the format requires.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import SplitFolders, XDoc, check_folder, sentences_for, tokens_for
from annotator.core.exporters.safety import safe_child, safe_filename
from annotator.core.exporters.spacy import split_at
from annotator.core.text import OffsetMap

__all__ = ["SPAN_LAYER", "WRITES_FOLDER", "Writer", "document_tsv", "targets"]

WRITES_FOLDER = True
SPAN_LAYER = "webanno.custom.Span"
RELATION_LAYER = "webanno.custom.Relation"
_SPECIAL = re.compile(r"(\\|\[|\]|\||_|->|;|\*)")


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    return [out]


def check(out: Path, *, project_id: str = "") -> None:
    """`--force` replaces only a folder this project's own WebAnno export wrote (see `check_folder`)."""
    check_folder(out, project_id, "WebAnno")


def escape(value: str) -> str:
    value = _SPECIAL.sub(lambda m: "\\" + m.group(), value)
    return value.replace("\t", "\\t").replace("\n", "\\n")


def document_tsv(x: XDoc, ctx: Any) -> str:
    doc = x.doc
    text = doc.text
    omap = OffsetMap(text)
    u16 = omap.to_utf16
    cuts = sorted({sp.start for sp in x.spans} | {sp.end for sp in x.spans})
    words, _ = split_at(tokens_for(doc), cuts)
    attr_keys = sorted({k for sp in x.spans for k in sp.attrs})
    # which tokens each span covers
    starts = [s for s, _ in words]
    ends = [e for _, e in words]  # made once: per span it cost O(tokens), most of the export
    cover: dict[int, tuple[int, int]] = {}
    for sp in x.spans:
        first = bisect_right(ends, sp.start)
        last = bisect_left(starts, sp.end)
        if first >= last:
            ctx.notes.add("no_token", 1, f"{doc.name} [{sp.start},{sp.end}) {sp.label}")
            continue
        if words[first][0] != sp.start or words[last - 1][1] != sp.end:
            ctx.notes.add("misaligned", 1, f"{doc.name} [{sp.start},{sp.end}) {sp.label}")
        cover[sp.id] = (first, last)
    on_token: dict[int, list[Any]] = {}
    for sp in x.spans:
        if sp.id in cover:
            a, z = cover[sp.id]
            for k in range(a, z):
                on_token.setdefault(k, []).append(sp)
    # an id for every span that spans tokens or shares one (WebAnno's rule); others go without
    ids: dict[int, int] = {}
    for sp in x.spans:
        if sp.id not in cover:
            continue
        a, z = cover[sp.id]
        if z - a > 1 or any(len(on_token[k]) > 1 for k in range(a, z)):
            ids[sp.id] = len(ids) + 1
    sentences = sentences_for(doc, words)
    sentence_starts = [sent.start for sent in sentences]

    def addr(k: int) -> str:
        """A token's address, `sentence-token` counted from 1 (tokens in no sentence: never asked)."""
        n = bisect_right(sentence_starts, k)
        return f"{n}-{k - sentence_starts[n - 1] + 1}"

    rels_on: dict[int, list[Any]] = {}
    for r in x.relations:
        if r.head in cover and r.tail in cover:
            rels_on.setdefault(cover[r.tail][0], []).append(r)
        else:
            ctx.notes.add("relations_filtered", 1, doc.name)
    by_id = {sp.id: sp for sp in x.spans}
    out = [
        "#FORMAT=WebAnno TSV 3.3",
        f"#T_SP={SPAN_LAYER}|{'|'.join(['label', *attr_keys])}",
        f"#T_RL={RELATION_LAYER}|label|BT_{SPAN_LAYER}",
        "",
        "",
    ]

    def tagged(sp: Any, value: str) -> str:
        return f"{value}[{ids[sp.id]}]" if sp.id in ids else value

    # a token with no span and no relation (most of them) has "_" in every annotation column
    empty = "\t".join(["_"] * (len(attr_keys) + 3)) + "\t"
    flat = text.replace("\t", " ").replace("\n", " ")  # a token's surface with tabs and line breaks as spaces
    identity = omap.identity
    for n, sent in enumerate(sentences):
        # a sentence's text runs to the next sentence (the first from the start, the last to the
        # end), so the whitespace between sentences comes back exactly
        s0 = 0 if n == 0 else words[sent[0]][0]
        e0 = words[sentences[n + 1][0]][0] if n + 1 < len(sentences) else len(text)
        out += [f"#Text={line}" for line in text[s0:e0].split("\n")]
        for m, k in enumerate(sent, 1):
            s, e = words[k]
            here = on_token.get(k)
            rels = rels_on.get(k)
            where = f"{s}-{e}" if identity else f"{u16(s)}-{u16(e)}"
            if here is None and rels is None:
                out.append(f"{n + 1}-{m}\t{where}\t{flat[s:e]}\t{empty}")
                continue
            here = here or []
            rels = rels or []
            cols = [f"{n + 1}-{m}", where, flat[s:e]]
            cols.append("|".join(tagged(sp, escape(sp.label)) for sp in here) or "_")
            for key in attr_keys:
                vals = [tagged(sp, escape(sp.attrs[key]) if key in sp.attrs else "*") for sp in here]
                cols.append("|".join(vals) if here else "_")
            cols.append("|".join(escape(r.type) for r in rels) or "_")
            sources = []
            for r in rels:
                h, t = by_id[r.head], by_id[r.tail]
                src = addr(cover[h.id][0])
                if h.id in ids or t.id in ids:
                    src += f"[{ids.get(h.id, 0)}_{ids.get(t.id, 0)}]"
                sources.append(src)
            cols.append("|".join(sources) or "_")
            out.append("\t".join(cols) + "\t")
        out.append("")
    return "\n".join(out) + "\n"


class Writer(SplitFolders):
    def write(self, x: XDoc) -> None:
        name = safe_filename(x.doc.name, self.taken[x.split])
        self.note_merged(x)
        with open(
            safe_child(self.folders[x.split], name + ".tsv"), "w", encoding="utf-8", newline="\n"
        ) as fh:
            fh.write(document_tsv(x, self.ctx))
        self.ctx.report.spans += len(x.spans)
        self.ctx.report.relations += len(x.relations)

    def close(self) -> None:
        self.write_marker("webanno")  # nothing else beside the documents: INCEpTION's layers are set up there
