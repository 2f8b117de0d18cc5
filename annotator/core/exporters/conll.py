"""CoNLL BIO: one `token TAG` per line (one space between), a blank line after each sentence.

Tokens are the ones kept from a CoNLL import (`Document.tokens`) when present, so an imported
corpus goes back out with exactly its own tokens; otherwise the Arabic-aware tokenizer's. Sentences
are the lines of an imported CoNLL text, otherwise `sentence_spans`. Tags are IOB2 (`B-` opens
every entity) from the flat rule: among overlapping spans the outermost wins, the rest are counted
in a warning. There is no `-DOCSTART-` line: documents follow one another like sentences, as in
ANERcorp, which has neither document markers nor blank lines.

ANERcorp round trip (import -> export), measured by tests/core/test_export.py: the 150,122
tokens come back identical and in order. What differs, and why:
- the 191 lines of the original whose token is empty (a lone ` O`) are not there: no text holds
  an empty token, so the importer skips them (and says so);
- 57 tags differ, all the same way: ANERcorp mixes IOB1 into IOB2, and an `I-X` that opens an
  entity (after `O` or another type) is read as the start of that entity and written back `B-X`
  (this export is IOB2 throughout); no token changes type;
- blank lines are added between sentences (ANERcorp has none; the importer ends a sentence at
  `. ! ? ؟` tokens).
Exporting the exported file again (import -> export) gives it back unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc, bio_tags, flat_spans, sentences_for, tokens_for

__all__ = ["Writer", "doc_text", "targets"]

_BAD_WS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".conll")


def flat_for(x: XDoc, ctx: Any) -> list[Any]:
    """The document's flat spans, with drops and annotator merges noted for the report."""
    kept, dropped = flat_spans(x.spans)
    if dropped:
        ctx.notes.add("nested", dropped, f"{x.doc.name} ({dropped})")
    if ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
        ctx.notes.add("multi_annotator", 1, x.doc.name)
    return kept


def doc_text(x: XDoc, ctx: Any) -> tuple[str, int]:
    """The CoNLL text of one document: `token TAG` lines, each sentence followed by an empty line;
    and how many spans were tagged."""
    kept = flat_for(x, ctx)
    tokens = tokens_for(x.doc)
    tags = bio_tags(tokens, kept, ctx.notes, x.doc.name)
    text = x.doc.text
    words = [text[s:e] for s, e in tokens]
    for i in _tokens_with_bad_whitespace(text, tokens):
        s, e = tokens[i]
        ctx.notes.add("newline_tokens", 1, f"{x.doc.name} [{s},{e})")
        words[i] = _BAD_WS.sub("_", words[i])
    pairs = list(map(" ".join, zip(words, tags, strict=True)))
    blocks = ["\n".join(pairs[r.start : r.stop]) for r in sentences_for(x.doc, tokens)]
    return "".join(block + "\n\n" for block in blocks), len(kept)


def _tokens_with_bad_whitespace(text: str, tokens: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the tokens holding a tab or a line break (which would break the format), in order:
    found from the few such characters in the text rather than by searching every token."""
    found: list[int] = []
    starts = None
    for m in _BAD_WS.finditer(text):
        if starts is None:
            starts = [s for s, _ in tokens]
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < tokens[k][1] and (not found or found[-1] != k):
            found.append(k)
    return found


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.files = {
            s: ao.file(p) for s, p in zip(ctx.splits or (None,), targets(ctx.out, ctx.splits), strict=True)
        }

    def write(self, x: XDoc) -> None:
        text, n = doc_text(x, self.ctx)
        if text:
            self.files[x.split].write(text)
        self.ctx.report.spans += n

    def close(self) -> None:
        pass
