"""CoNLL / BIO token-per-line files, ANERcorp first among them.

A line is `token TAG` (space or tab separated; with more columns the first is the token and the
last the tag, and the columns between, CoNLL-2003's POS and chunk tags, are counted, not kept). Blank lines end sentences, `-DOCSTART-` lines end documents. ANERcorp has neither
blank lines nor document boundaries, so there a `.` `!` `?` `؟` token ends a sentence and every
`sentences_per_doc` sentences make a document; so does a file whose blank lines are too rare to
be sentence ends (see `_layout`). IOB1 and IOB2 are both read: an `I-` tag that does
not continue an entity of its type starts one (counted as a warning, since it may also be an error).
BIOES and BILOU are read too: `S-`/`U-` is a one-token entity, `E-`/`L-` ends one.

A sentence longer than `MAX_SENTENCE_TOKENS` (a file with no blank lines and no sentence-final
punctuation would otherwise be one sentence of tens of thousands of tokens, which every transformer
truncates) is split, preferably after a comma or semicolon and never inside an entity when that can
be avoided; the splits are counted in a warning.

The text is the tokens joined by single spaces, sentences joined by `\\n`; token boundaries are
kept on the document so an export gives back exactly the same tokens. Each entity span's text is
its tokens joined by spaces by construction (a span never crosses a sentence).

This is the hot path of a 150k-line import: the loop is kept free of per-token objects. The file is
read twice, a chunk at a time: once ahead to learn its layout (`_layout`), once to parse it; each
document is handed to the store as soon as it is complete, so memory does not grow with the file.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from annotator.core.importers import ImportFailure, ImportOptions, Parsed, label_error
from annotator.core.importers.stream import TextLines
from annotator.core.model import NewDocument, NewSpan, Origin
from annotator.core.wording import inflect

__all__ = ["parse", "parse_lines"]

_SENTENCE_END = frozenset({".", "!", "?", "؟"})
#: Longer sentences are split (see the module docstring).
MAX_SENTENCE_TOKENS = 200
_WEAK_BREAK = frozenset({",", "،", ";", "؛", ":"})
#: Tag prefixes: those that open an entity, those that continue one, those that close it.
_OPENS, _CONTINUES, _CLOSES = frozenset("BSU"), frozenset("IEL"), frozenset("ESLU")
_DOCSTART = "-DOCSTART-"
#: A middle column that holds nothing (CoNLL-2003 writers that keep only the tags fill them so).
_NO_VALUE = frozenset({"", "_", "-X-"})
#: Lines sampled to tell `token TAG` from multi-column files.
_SAMPLE = 200
#: Blank-line blocks, and token lines at most, read ahead to tell whether blank lines end sentences.
_BLOCKS, _LOOKAHEAD = 20, 10_000

Sentence = tuple[list[str], list[tuple[str, str] | None]]  # tokens, (prefix, label) or None for O


def _multi_column(lines: Iterable[str]) -> bool:
    """Whether space-separated lines have 3+ columns (CoNLL-2003) rather than `token TAG`.

    With two columns the tag is split off at the LAST whitespace, so a token holding a space
    (ANERcorp has one) stays whole; with more, the first column is the token.
    """
    counts: Counter[int] = Counter()
    for line in lines:
        if line and not line.isspace() and "\t" not in line and not line.startswith(_DOCSTART):
            counts[len(line.split())] += 1
            if counts.total() >= _SAMPLE:
                break
    if not counts:
        return False
    common, n = counts.most_common(1)[0]
    return common > 2 and n >= 0.9 * counts.total()


def _layout(path: Path, options: ImportOptions) -> tuple[bool, bool]:
    """(multi-column, blank lines end sentences), read ahead of the parse: the columns from the first
    lines, and whether the blocks between blank lines are sentences. They are when the first
    `_BLOCKS` blocks that a blank line closes (and a token line follows) hold at most
    MAX_SENTENCE_TOKENS tokens at the median; otherwise `. ! ? ؟` tokens end sentences and a blank
    line ends one too. A file with no blank line in its first `_LOOKAHEAD` token lines is of the
    second kind (ANERcorp, or ANERcorp files joined with a blank line between them): the read ahead
    stops there instead of reading the whole file."""
    reader = TextLines(path, options.encoding)
    sample: list[str] = []
    blocks: list[int] = []  # token lines of each block closed by a blank line
    block = seen = 0
    blank = False
    with closing(iter(reader)) as lines:
        for _number, line in lines:
            if not line or line.isspace():
                blank = True
                continue
            if blank:
                blank = False
                if block:
                    blocks.append(block)
                block = 0
            block += 1
            seen += 1
            if len(sample) < _SAMPLE and "\t" not in line and not line.startswith(_DOCSTART):
                sample.append(line)
            if len(sample) >= _SAMPLE and (len(blocks) >= _BLOCKS or seen >= _LOOKAHEAD):
                break
    if not reader.has_text:
        raise ImportFailure(path, None, "empty file")
    sentences = bool(blocks) and statistics.median(blocks) <= MAX_SENTENCE_TOKENS
    return _multi_column(sample), sentences


def parse_lines(
    lines: Iterable[tuple[int, str]],
    file: str,
    options: ImportOptions,
    stats: Counter[str],
    *,
    multi: bool,
    has_blank: bool,
) -> Iterator[list[Sentence]]:
    """Group numbered lines into documents of sentences, yielding each document once complete and
    validating every tag; raises ImportFailure. Empty tokens and IOB1 starts are counted in `stats`."""
    per_doc = options.sentences_per_doc
    schema = options.schema
    tag_info: dict[str, tuple[str, str] | None] = {"O": None}

    sentences: list[Sentence] = []
    tokens: list[str] = []
    infos: list[tuple[str, str] | None] = []
    explicit_docs = False

    def end_sentence() -> None:
        nonlocal tokens, infos
        if tokens:
            for piece in _split_long(tokens, infos, stats):
                sentences.append(piece)
            tokens, infos = [], []

    def end_doc() -> list[Sentence] | None:
        nonlocal sentences
        end_sentence()
        if not sentences:
            return None
        done, sentences = sentences, []
        return done

    for number, line in lines:
        if not line or line.isspace():
            end_sentence()
            if not explicit_docs and len(sentences) >= per_doc and (doc := end_doc()):
                yield doc
            continue
        if line.startswith(_DOCSTART):
            explicit_docs = True
            if doc := end_doc():
                yield doc
            continue
        if "\t" in line:
            cols = line.split("\t")
            token, tag = cols[0].strip(), cols[-1].strip()
            if len(cols) < 2 or not tag:
                raise ImportFailure(file, number, "no tag (expected 'token TAG')")
            if len(cols) > 2 and any(c.strip() not in _NO_VALUE for c in cols[1:-1]):
                stats["columns"] += 1
        elif multi:
            cols = line.split()
            if len(cols) < 2:
                raise ImportFailure(file, number, "no tag (expected 'token ... TAG')")
            token, tag = cols[0], cols[-1]
            if len(cols) > 2 and any(c not in _NO_VALUE for c in cols[1:-1]):
                stats["columns"] += 1
        else:
            token, sep, tag = line.rstrip().rpartition(" ")
            if not sep:
                raise ImportFailure(file, number, f"no tag (expected 'token TAG', got {line.strip()!r})")
            token = token.strip()
        try:
            info = tag_info[tag]
        except KeyError:
            if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BIESLU":
                raise ImportFailure(
                    file,
                    number,
                    f"bad tag {tag!r} (expected O, B-LABEL or I-LABEL; S- E- and U- L- for BIOES, BILOU)",
                ) from None
            label = options.map_label(tag[2:])
            if not schema.has_label(label):
                raise ImportFailure(file, number, label_error(label)) from None
            info = tag_info[tag] = (tag[0], label)
        if not token:
            stats["empty"] += 1
            continue
        tokens.append(token)
        infos.append(info)
        if not has_blank and token in _SENTENCE_END:
            end_sentence()
            if not explicit_docs and len(sentences) >= per_doc and (doc := end_doc()):
                yield doc
    if doc := end_doc():
        yield doc


def _split_long(tokens: list[str], infos: list, stats: Counter[str]) -> list[Sentence]:
    """`tokens` as sentences of at most MAX_SENTENCE_TOKENS: cut after a comma or semicolon in the
    last quarter of the window if there is one outside an entity, else before any token that starts
    no entity continuation, else hard at the limit."""
    n = len(tokens)
    limit = MAX_SENTENCE_TOKENS
    if n <= limit:
        return [(tokens, infos)]
    out: list[Sentence] = []
    i = 0
    while n - i > limit:
        window = range(i + limit, i + limit * 3 // 4 - 1, -1)  # cut before index k

        def free(k: int) -> bool:  # token k does not continue an entity
            return infos[k] is None or infos[k][0] not in _CONTINUES

        cut = next((k for k in window if tokens[k - 1] in _WEAK_BREAK and free(k)), None)
        if cut is None:
            cut = next((k for k in window if free(k)), i + limit)
        out.append((tokens[i:cut], infos[i:cut]))
        stats["long"] += 1
        i = cut
    out.append((tokens[i:], infos[i:]))
    return out


def _build(sentences: list[Sentence], annotator: str, stats: Counter[str]) -> tuple[str, list, list[NewSpan]]:
    """Text, token boundaries and entity spans of one document."""
    bounds: list[tuple[int, int]] = []
    spans: list[NewSpan] = []
    pieces: list[str] = []
    pos = -1  # the separator before the first token is not there
    imported = Origin.IMPORTED
    iob1 = 0
    for toks, infos in sentences:
        label: str | None = None
        ent_start = ent_end = 0
        for tok, info in zip(toks, infos, strict=True):
            start = pos + 1
            pos = start + len(tok)
            bounds.append((start, pos))
            if info is None:
                if label is not None:
                    spans.append(NewSpan(ent_start, ent_end, label, annotator=annotator, origin=imported))
                    label = None
                continue
            prefix, lab = info
            if prefix in _CONTINUES and lab == label:
                ent_end = pos
            else:
                if label is not None:
                    spans.append(NewSpan(ent_start, ent_end, label, annotator=annotator, origin=imported))
                if prefix in _CONTINUES:
                    iob1 += 1
                label, ent_start, ent_end = lab, start, pos
            if prefix in _CLOSES:
                spans.append(NewSpan(ent_start, ent_end, label, annotator=annotator, origin=imported))
                label = None
        if label is not None:
            spans.append(NewSpan(ent_start, ent_end, label, annotator=annotator, origin=imported))
        pieces.append(" ".join(toks))
    stats["iob1"] += iob1
    return "\n".join(pieces), bounds, spans


def parse(path: Path, options: ImportOptions) -> Parsed:
    """Documents as they are read (the store takes them in one transaction); the warnings list is
    filled once they have all been read."""
    warnings: list[str] = []
    return _documents(path, options, warnings), warnings


def _documents(path: Path, options: ImportOptions, warnings: list[str]) -> Iterator[NewDocument]:
    multi, has_blank = _layout(path, options)
    stats: Counter[str] = Counter()
    lines = TextLines(path, options.encoding)
    n = 0
    for sentences in parse_lines(lines, str(path), options, stats, multi=multi, has_blank=has_blank):
        n += 1
        doc_text, bounds, spans = _build(sentences, options.annotator, stats)
        yield NewDocument(
            name=f"{path.stem}-{n:04d}",
            text=doc_text,
            meta={"source_file": path.name, "part": n},
            source=str(path),
            tokens=bounds,
            spans=spans,
        )
    if not n:
        raise ImportFailure(path, None, "no tokens in the file")
    if stats["empty"]:
        warnings.append(inflect("{n} empty {n:token|tokens} skipped", n=stats["empty"]))
    if stats["iob1"]:
        warnings.append(inflect("{n} I- {n:tag|tags} started an entity (IOB1)", n=stats["iob1"]))
    if stats["columns"]:
        warnings.append(
            inflect(
                "{n} {n:token carries|tokens carry} other columns between the token and its tag (POS, "
                "chunk tags): not imported, only the token and the last column's entity tag are",
                n=stats["columns"],
            )
        )
    if stats["long"]:
        warnings.append(
            inflect(
                "{n} {n:split|splits} of sentences longer than {max} tokens (no blank line or "
                "sentence-final punctuation ended {n:it|them})",
                n=stats["long"],
                max=MAX_SENTENCE_TOKENS,
            )
        )
