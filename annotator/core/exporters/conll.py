"""CoNLL BIO: one `token TAG` per line (one space between), a blank line after each sentence.

Tokens are the ones kept from a CoNLL import (`Document.tokens`) when present, so an imported
corpus goes back out with exactly its own tokens; otherwise the Arabic-aware tokenizer's. Sentences
are the lines of an imported CoNLL text, otherwise `sentence_spans`. Tags are IOB2 (`B-` opens
every entity) from the flat rule: among overlapping spans the outermost wins, the rest are counted
in a warning; a row never opens with `I-` (an entity crossing a sentence starts each piece with `B-`,
counted), rows longer than 200 tokens are split (counted), and whitespace inside a token is written
`_` (counted) so readers keep one token. There is no `-DOCSTART-` line: documents follow one another like sentences, as in
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import (
    SplitFiles,
    XDoc,
    bio_tags,
    flat_spans,
    note_twins,
    tagged_rows,
    tokens_for,
)

__all__ = ["Writer", "doc_text", "targets"]

#: Whitespace inside a token (`عبد الله`): written as `_`, so that readers splitting a line at
#: whitespace (CoNLL-2003 scripts, Hugging Face, flair) keep one token and its tag.
_BAD_WS = re.compile(r"\s")


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    from annotator.core.exporters import split_targets

    return split_targets(out, splits, ".conll")


def flat_for(x: XDoc, ctx: Any) -> list[Any]:
    """The document's flat spans, with drops and annotator merges noted for the report."""
    kept, dropped = flat_spans(x.spans)
    note_twins(x.spans, ctx, x.doc.name)
    if dropped:
        ctx.notes.add("nested", dropped, f"{x.doc.name} ({dropped})")
    if ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
        ctx.notes.add("multi_annotator", 1, x.doc.name)
    return kept


def rows_for(x: XDoc, ctx: Any) -> tuple[int, Sequence[tuple[int, int]], list[tuple[range, list[str]]]]:
    """How many spans the tags hold, the tokens, and the tagged rows of a document (CoNLL, CoNLL-U)."""
    kept = flat_for(x, ctx)
    tokens = tokens_for(x.doc)
    tags = bio_tags(tokens, kept, ctx.notes, x.doc.name)
    return len(kept), tokens, tagged_rows(x.doc, tokens, tags, ctx.notes)


def doc_text(x: XDoc, ctx: Any) -> tuple[str, int]:
    """The CoNLL text of one document: `token TAG` lines, each sentence followed by an empty line;
    and how many spans were tagged."""
    n_kept, tokens, rows = rows_for(x, ctx)
    text = x.doc.text
    words = [text[s:e] for s, e in tokens]
    for i in _tokens_with_bad_whitespace(text, tokens, words):
        s, e = tokens[i]
        ctx.notes.add("newline_tokens", 1, f"{x.doc.name} [{s},{e}) {words[i]!r}")
        words[i] = _BAD_WS.sub("_", words[i])
    blocks = [
        "\n".join(map(" ".join, zip(words[r.start : r.stop], row_tags, strict=True))) for r, row_tags in rows
    ]
    return "".join(block + "\n\n" for block in blocks), n_kept


def _tokens_with_bad_whitespace(
    text: str, tokens: Sequence[tuple[int, int]], words: list[str] | None = None
) -> list[int]:
    """Indices of the tokens holding whitespace, in order: one search of all the tokens' text at
    once, and a look at each token only when it finds some (tokens rarely hold any)."""
    if words is None:
        words = [text[s:e] for s, e in tokens]
    if not _BAD_WS.search("".join(words)):
        return []
    return [i for i, w in enumerate(words) if _BAD_WS.search(w)]


class Writer(SplitFiles):
    suffix = ".conll"

    def text_of(self, x: XDoc) -> tuple[str, int]:
        """A document's text and how many spans it tags (CoNLL-U's writer gives its own)."""
        return doc_text(x, self.ctx)

    def write(self, x: XDoc) -> None:
        text, n = self.text_of(x)
        if text:
            self.files[x.split].write(text)
        self.ctx.report.spans += n
