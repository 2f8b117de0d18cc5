"""CoNLL-U (Universal Dependencies) with named entities in the MISC column.

Ten tab-separated columns per word (`ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`); the
entity tag is MISC's `NER=B-PERS` (also read: `Entity=`, `NE=`, any case), BIO, IOB1, BIOES or
BILOU. `# newdoc` starts a document (`# newdoc id = X` names it), otherwise `--sentences-per-doc`
sentences make one; `# text = ...` gives the sentence's text, else the forms are joined with a
space unless `SpaceAfter=No`. Sentences are joined with `\\n`.

Multiword tokens (`4-5 وأكدت` over the words `و` and `أكدت`, common in Arabic treebanks) keep their
surface form in the text: the words get offsets inside it when their forms spell it, otherwise they
share the whole token, and an entity edge inside such a token widens to the token (counted).
Empty nodes (`8.1`) are skipped. The document's tokens are the surface tokens, so a CoNLL export
gives them back. What the project does not hold is counted in the warnings: the linguistic columns
(lemma, tags, features, heads, relations), empty nodes, and entity tags written on a multiword
token's own line rather than on its words.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from annotator.core.importers import ImportFailure, ImportOptions, Parsed, label_error, read_text
from annotator.core.importers.building import counted_warnings
from annotator.core.model import NewDocument, NewSpan, Origin

__all__ = ["parse"]

_NER_KEYS = ("ner", "entity", "ne")
_TAG = re.compile(r"^(?:O|[BIESLU]-.+)$")


class _Word:
    __slots__ = ("form", "line", "space_after", "surface", "tag")

    def __init__(self, form: str, line: int, tag: str | None, space_after: bool, surface: int) -> None:
        self.form, self.line, self.tag, self.space_after, self.surface = form, line, tag, space_after, surface


def _misc(misc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if misc in ("", "_"):
        return out
    for item in misc.split("|"):
        key, sep, value = item.partition("=")
        if sep:
            out[key.lower()] = value
    return out


class _Sentence:
    def __init__(self) -> None:
        self.text: str | None = None
        self.surfaces: list[tuple[str, bool]] = []  # surface tokens: form, space after
        self.words: list[_Word] = []


def _read(lines: list[str], file: str, counts: Counter[str]) -> list[tuple[str | None, list[_Sentence]]]:
    """Documents (name, sentences) of a CoNLL-U file; raises ImportFailure for a malformed line.
    What is read but not kept is counted in `counts`."""
    docs: list[tuple[str | None, list[_Sentence]]] = [(None, [])]
    sent = _Sentence()
    mwt_end = 0

    def close() -> None:
        nonlocal sent, mwt_end
        if sent.words:
            docs[-1][1].append(sent)
        sent, mwt_end = _Sentence(), 0

    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            close()
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key = key.strip().lower()
            if key.startswith("newdoc"):
                close()
                docs.append((value.strip() or None, []))
            elif key == "text":
                sent.text = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            cols = line.split()
            if len(cols) != 10:
                raise ImportFailure(
                    file, number, f"expected 10 tab-separated columns, got {len(line.split(chr(9)))}"
                )
        wid, form, misc = cols[0], cols[1], _misc(cols[9])
        space = misc.get("spaceafter") != "No"
        if "." in wid:
            counts["empty_nodes"] += 1
            continue  # an empty node: no surface, no text
        if "-" in wid:
            a, _, b = wid.partition("-")
            if not (a.isdigit() and b.isdigit()):
                raise ImportFailure(file, number, f"bad ID {wid!r}")
            if any(misc.get(k) not in (None, "", "_", "O") for k in _NER_KEYS):
                counts["mwt_tags"] += 1
            sent.surfaces.append((form, space))
            mwt_end = int(b)
            continue
        if not wid.isdigit():
            raise ImportFailure(file, number, f"bad ID {wid!r} (expected 1, 2-3 or 4.1)")
        if any(c not in ("_", "") for c in cols[2:9]):
            counts["linguistic"] += 1
        tag = next((misc[k] for k in _NER_KEYS if k in misc), None)
        if tag in ("_", ""):
            tag = None
        if tag is not None and not _TAG.match(tag):
            raise ImportFailure(
                file, number, f"bad entity tag {tag!r} in MISC (expected O, B-LABEL, I-LABEL ...)"
            )
        if int(wid) <= mwt_end:
            sent.words.append(_Word(form, number, tag, space, len(sent.surfaces) - 1))
        else:
            sent.surfaces.append((form, space))
            sent.words.append(_Word(form, number, tag, space, len(sent.surfaces) - 1))
    close()
    return [d for d in docs if d[1]]


def _layout(sent: _Sentence) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and its surface tokens' offsets: from `# text` when the forms are found in
    it in order, else the forms joined by SpaceAfter."""
    if sent.text:
        pos, offs = 0, []
        for form, _ in sent.surfaces:
            at = sent.text.find(form, pos)
            if at < 0 or sent.text[pos:at].strip():
                break
            offs.append((at, at + len(form)))
            pos = at + len(form)
        else:
            return sent.text, offs
    parts, offs, pos = [], [], 0
    for i, (form, space) in enumerate(sent.surfaces):
        offs.append((pos, pos + len(form)))
        parts.append(form)
        pos += len(form)
        if space and i + 1 < len(sent.surfaces):
            parts.append(" ")
            pos += 1
    return "".join(parts), offs


def parse(path: Path, options: ImportOptions) -> Parsed:
    text = read_text(path, options.encoding)
    counts: Counter[str] = Counter()
    docs = _read(text.split("\n"), str(path), counts)
    if not docs:
        raise ImportFailure(path, None, "no words in the file")
    # without # newdoc, sentences_per_doc sentences make a document
    grouped: list[tuple[str | None, list[_Sentence]]] = []
    for name, sents in docs:
        if name is None and len(docs) == 1:
            per = options.sentences_per_doc
            grouped += [(None, sents[i : i + per]) for i in range(0, len(sents), per)]
        else:
            grouped.append((name, sents))
    out: list[NewDocument] = []
    for n, (name, sents) in enumerate(grouped, 1):
        pieces: list[str] = []
        tokens: list[tuple[int, int]] = []
        spans: list[NewSpan] = []
        base = 0
        for sent in sents:
            stext, offs = _layout(sent)
            tokens += [(base + s, base + e) for s, e in offs]
            # word offsets: inside a multiword token when the word forms spell it
            word_offs: list[tuple[int, int]] = []
            by_surface: dict[int, list[_Word]] = {}
            for w in sent.words:
                by_surface.setdefault(w.surface, []).append(w)
            for k, words in by_surface.items():
                s, e = offs[k]
                if len(words) > 1 and "".join(w.form for w in words) == stext[s:e]:
                    pos = s
                    for w in words:
                        word_offs.append((base + pos, base + pos + len(w.form)))
                        pos += len(w.form)
                else:
                    word_offs += [(base + s, base + e)] * len(words)
            label = None
            start = end = 0
            for w, (ws, we) in zip(sent.words, word_offs, strict=True):
                tag = w.tag or "O"
                prefix, lab = tag[0], tag[2:]
                if lab:
                    mapped = options.map_label(lab)
                    if not options.schema.has_label(mapped):
                        raise ImportFailure(path, w.line, label_error(mapped))
                    lab = mapped
                if tag == "O" or prefix in "BSU" or lab != label:
                    if label is not None:
                        spans.append(
                            NewSpan(start, end, label, annotator=options.annotator, origin=Origin.IMPORTED)
                        )
                        label = None
                    if tag != "O":
                        if prefix in "IEL":
                            counts["iob1"] += 1
                        label, start, end = lab, ws, we
                else:
                    end = max(end, we)
                if label is not None and prefix in "ESLU":
                    spans.append(
                        NewSpan(start, end, label, annotator=options.annotator, origin=Origin.IMPORTED)
                    )
                    label = None
            if label is not None:
                spans.append(NewSpan(start, end, label, annotator=options.annotator, origin=Origin.IMPORTED))
            pieces.append(stext)
            base += len(stext) + 1
        unique = {(s.start, s.end, s.label): s for s in spans}
        counts["widened"] += len(spans) - len(unique)
        out.append(
            NewDocument(
                name=name or f"{path.stem}-{n:04d}",
                text="\n".join(pieces),
                meta={"source_file": path.name, "part": n},
                source=str(path),
                tokens=tokens,
                spans=list(unique.values()),
            )
        )
    return out, counted_warnings(
        counts,
        {
            "iob1": "{n} I- {n:tag|tags} started an entity (IOB1)",
            "widened": "{n} {n:entity|entities} inside one multiword token merged (they share the token's surface)",
            "linguistic": "{n} {n:word carries|words carry} lemma, tags, features or dependencies (columns "
            "3-9): not imported, the project holds no linguistic layers (the text and tokens are)",
            "empty_nodes": "{n} empty {n:node|nodes} (8.1) not imported: {n:it has|they have} no text",
            "mwt_tags": "{n} entity {n:tag|tags} on multiword token lines (1-2) not imported: tags are "
            "read from the words",
        },
    )
