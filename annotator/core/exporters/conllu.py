"""CoNLL-U with the entity tags in MISC: `NER=B-PERS`, as NER-annotated treebanks and UD tools read it.

Per document a `# newdoc id = NAME`; per sentence `# sent_id = NAME-N` and `# text = ...` (its
line breaks as spaces); per token its 10 columns: ID, FORM (the token as in the text), `_` for
the linguistic columns the project does not have (LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS),
and MISC `NER=<tag>` with `SpaceAfter=No` where no space follows, so the text comes back exactly.
Tokens, sentences and tags are those of the CoNLL export (IOB2, outermost span wins, rows never
open with I-, long sentences split); what the tags cannot hold (nested spans, attributes,
relations) is counted in the report. Tabs and line breaks inside a token are written as spaces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.exporters import conll
from annotator.core.exporters.common import XDoc
from annotator.core.exporters.conll import rows_for

__all__ = ["Writer", "doc_lines", "targets"]


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".conllu")


def _one_line(s: str) -> str:
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def doc_lines(x: XDoc, ctx: Any) -> tuple[list[str], int]:
    n_kept, tokens, rows = rows_for(x, ctx)
    text = x.doc.text
    attrs = sum(1 for sp in x.spans if sp.attrs)
    if attrs:
        ctx.notes.add("format_attrs", attrs, x.doc.name)
    if x.relations:
        ctx.notes.add("format_relations", len(x.relations), x.doc.name)
    lines = [f"# newdoc id = {_one_line(x.doc.name)}"]
    for n, (row, row_tags) in enumerate(rows, 1):
        s0, e0 = tokens[row[0]][0], tokens[row[-1]][1]
        lines += [f"# sent_id = {_one_line(x.doc.name)}-{n}", f"# text = {_one_line(text[s0:e0])}"]
        for k, (i, tag) in enumerate(zip(row, row_tags, strict=True), 1):
            s, e = tokens[i]
            misc = f"NER={tag}"
            nxt = tokens[row[k]][0] if k < len(row) else None
            if nxt is not None and nxt == e:
                misc += "|SpaceAfter=No"
            lines.append(f"{k}\t{_one_line(text[s:e])}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
        lines.append("")
    return lines, n_kept


class Writer(conll.Writer):
    suffix = ".conllu"

    def text_of(self, x: XDoc) -> tuple[str, int]:
        lines, n = doc_lines(x, self.ctx)
        return ("\n".join(lines) + "\n" if lines else ""), n
