"""CoNLL / BIO token-per-line files, ANERcorp first among them.

A line is `token TAG` (space or tab separated; with more columns the first is the token and the
last the tag). Blank lines end sentences, `-DOCSTART-` lines end documents. ANERcorp has neither
blank lines nor document boundaries, so there a `.` `!` `?` `؟` token ends a sentence and every
`sentences_per_doc` sentences make a document. IOB1 and IOB2 are both read: an `I-` tag that does
not continue an entity of its type starts one (counted as a warning, since it may also be an error).
BIOES and BILOU are read too: `S-`/`U-` is a one-token entity, `E-`/`L-` ends one.

A sentence longer than `MAX_SENTENCE_TOKENS` (a file with no blank lines and no sentence-final
punctuation would otherwise be one sentence of tens of thousands of tokens, which every transformer
truncates) is split, preferably after a comma or semicolon and never inside an entity when that can
be avoided; the splits are counted in a warning.

The text is the tokens joined by single spaces, sentences joined by `\\n`; token boundaries are
kept on the document so an export gives back exactly the same tokens. Each entity span's text is
its tokens joined by spaces by construction (a span never crosses a sentence).

This is the hot path of a 150k-line import: the loop is kept free of per-token objects.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotator.core.importers import ImportFailure, ImportOptions, Parsed, label_error, read_text
from annotator.core.model import NewDocument, NewSpan, Origin

__all__ = ["parse", "parse_lines"]

_SENTENCE_END = frozenset({".", "!", "?", "؟"})
#: Longer sentences are split (see the module docstring).
MAX_SENTENCE_TOKENS = 200
_WEAK_BREAK = frozenset({",", "،", ";", "؛", ":"})
#: Tag prefixes: those that open an entity, those that continue one, those that close it.
_OPENS, _CONTINUES, _CLOSES = frozenset("BSU"), frozenset("IEL"), frozenset("ESLU")
_DOCSTART = "-DOCSTART-"

Sentence = tuple[list[str], list[tuple[str, str] | None]]  # tokens, (prefix, label) or None for O


def _multi_column(lines: list[str]) -> bool:
    """Whether space-separated lines have 3+ columns (CoNLL-2003) rather than `token TAG`.

    With two columns the tag is split off at the LAST whitespace, so a token holding a space
    (ANERcorp has one) stays whole; with more, the first column is the token.
    """
    counts: Counter[int] = Counter()
    for line in lines:
        if line and not line.isspace() and "\t" not in line and not line.startswith(_DOCSTART):
            counts[len(line.split())] += 1
            if counts.total() >= 200:
                break
    if not counts:
        return False
    common, n = counts.most_common(1)[0]
    return common > 2 and n >= 0.9 * counts.total()


def parse_lines(
    lines: list[str], file: str, options: ImportOptions
) -> tuple[list[list[Sentence]], Counter[str]]:
    """Group lines into documents of sentences, validating every tag; raises ImportFailure."""
    multi = _multi_column(lines)
    has_blank = any(not line or line.isspace() for line in lines)
    per_doc = options.sentences_per_doc
    schema = options.schema
    tag_info: dict[str, tuple[str, str] | None] = {"O": None}
    stats: Counter[str] = Counter()

    docs: list[list[Sentence]] = []
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

    def end_doc() -> None:
        nonlocal sentences
        end_sentence()
        if sentences:
            docs.append(sentences)
            sentences = []

    for number, line in enumerate(lines, 1):
        if not line or line.isspace():
            end_sentence()
            if not explicit_docs and len(sentences) >= per_doc:
                end_doc()
            continue
        if line.startswith(_DOCSTART):
            explicit_docs = True
            end_doc()
            continue
        if "\t" in line:
            cols = line.split("\t")
            token, tag = cols[0].strip(), cols[-1].strip()
            if len(cols) < 2 or not tag:
                raise ImportFailure(file, number, "no tag (expected 'token TAG')")
        elif multi:
            cols = line.split()
            if len(cols) < 2:
                raise ImportFailure(file, number, "no tag (expected 'token ... TAG')")
            token, tag = cols[0], cols[-1]
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
            if not explicit_docs and len(sentences) >= per_doc:
                end_doc()
    end_doc()
    return docs, stats


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
    text = read_text(path, options.encoding)
    lines = text.split("\n")
    while lines and (not lines[-1] or lines[-1].isspace()):
        lines.pop()  # trailing blank lines are not sentence breaks (ANERcorp has none inside)
    docs, stats = parse_lines(lines, str(path), options)
    if not docs:
        raise ImportFailure(path, None, "no tokens in the file")
    out: list[NewDocument] = []
    for n, sentences in enumerate(docs, 1):
        doc_text, bounds, spans = _build(sentences, options.annotator, stats)
        out.append(
            NewDocument(
                name=f"{path.stem}-{n:04d}",
                text=doc_text,
                meta={"source_file": path.name, "part": n},
                source=str(path),
                tokens=bounds,
                spans=spans,
            )
        )
    warnings = []
    if stats["empty"]:
        warnings.append(f"{stats['empty']} empty tokens skipped")
    if stats["iob1"]:
        warnings.append(f"{stats['iob1']} I- tags started an entity (IOB1)")
    if stats["long"]:
        warnings.append(
            f"{stats['long']} splits of sentences longer than {MAX_SENTENCE_TOKENS} tokens (no blank line "
            "or sentence-final punctuation ended them)"
        )
    return out, warnings
