"""brat standoff: a `.txt` and its `.ann` (T text-bound, R relation, A/M attribute, # note lines).

brat offsets count code points of the `.txt` as written, so they are checked against the raw text
(each T line's text field must equal its slice; a trailing tab after it, as brat's own reader
allows, is fine) and then moved onto the stored, normalised text. Errors name the `.ann` and line.

- A discontinuous span (`T1 QUOTE 0 5;8 12`): fragments separated only by a line break are one span
  (brat cannot write a break inside a fragment; the project's own export splits there); the other
  pieces become spans joined by CONTINUES (each piece continues the one before it), with the span's
  attributes and notes on every piece and its relations on the first, so the project's own brat
  export, which writes such a chain back as one discontinuous span, round-trips.
- `#1<TAB>AnnotatorNotes T1<TAB>text` becomes the span's `note` attribute (shown in the window's side
  panel); notes on relations or events are counted, not imported.
- A binary attribute (`A1<TAB>Negated T1`) takes the value `true` and is written back binary; an
  attribute of a relation or an event is counted, not imported (spans only hold attributes).
- Relation types go through `--map` like labels (`--map Said=ATTRIBUTED_TO`).
- E, N and * lines are counted in a warning, by kind.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from annotator.core.importers import (
    ImportFailure,
    ImportOptions,
    Parsed,
    decode_raw,
    label_error,
    offset_mapper,
    read_input,
    relation_error,
)
from annotator.core.importers.building import NOTE_ATTR, add_note, counted_warnings
from annotator.core.importers.plaintext import parse_text
from annotator.core.model import NewDocument, NewRelation, NewSpan

__all__ = ["BINARY", "NOTE_ATTR", "parse"]

#: The value a binary brat attribute (`A1<TAB>Negated T1`) takes; the export writes it back binary.
BINARY = "true"


def _read(path: Path, encoding: str | None) -> str:
    return decode_raw(read_input(path), encoding, str(path))


def _bom_counted(txt_path: Path, raw: str, ann: str) -> bool:
    """Whether the .ann counts the .txt's UTF-8 BOM as character 0.

    brat reads its .txt files as plain UTF-8, so there a BOM is a character and every offset counts
    it; tools that strip it do not. Each T line carries its text, so the first one tells which.
    """
    try:
        with open(txt_path, "rb") as fh:
            if fh.read(3) != b"\xef\xbb\xbf":
                return False
    except OSError:
        return False
    with_bom = "\ufeff" + raw
    for line in ann.split("\n"):
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 3:
            continue
        try:
            start, end = (int(x) for x in fields[1].split(" ", 1)[1].split(";")[0].split())
        except ValueError:
            return False
        piece = fields[2][: end - start]  # a discontinuous span's text starts with its first fragment
        return with_bom[start:end] == piece and raw[start:end] != piece
    return False


def _merge_line_breaks(raw: str, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragments whose gap holds nothing but whitespace with a line break are one span: brat cannot
    write a line break inside a fragment, so a span crossing one (the project's own export of a
    quote over two paragraphs) is written as fragments split there."""
    out = [frags[0]]
    for s, e in frags[1:]:
        ps, pe = out[-1]
        gap = raw[pe:s]
        if pe <= s and not gap.strip() and ("\n" in gap or "\r" in gap):
            out[-1] = (ps, e)
        else:
            out.append((s, e))
    return out


#: The start of an annotation line: an id (T1, R1, A1, M1, E1, N1, #1) or `*`, then a tab.
_ANNOTATION_LINE = re.compile(r"^(?:[TRAMEN#]\w*|\*)\t")


def _text_over_lines(surface: str, expected: str, lines: list[str], number: int) -> tuple[str, int]:
    """A T line's text with the lines that carry the rest of it, and how many those are.

    A span that crosses a line break of the .txt has its text written with that line break in some
    corpora (n2c2 2018's brat files), so the text goes on over the next lines of the .ann, which are
    no annotation lines. Taken only when the text so joined matches the span's slice."""
    same = " ".join(expected.split())
    parts = [surface]
    for k in range(number, len(lines)):  # `number` is 1-based: lines[number] is the next line
        if _ANNOTATION_LINE.match(lines[k]):
            break
        parts.append(lines[k])
        joined = "\n".join(parts)
        if joined.rstrip("\t") == expected or " ".join(joined.split()) == same:
            return joined, k - number + 1
    return surface, 0


_WARNINGS = {
    "discontinuous": "{n} discontinuous {n:span|spans} imported as pieces joined by CONTINUES (the later piece continues the earlier)",
    "unlinked": "{n} discontinuous {n:span|spans} imported as unlinked pieces: the schema's CONTINUES cannot link {n:its|their} label (add it to CONTINUES' from/to)",
    "notes_other": "{n} {n:AnnotatorNote|AnnotatorNotes} on relations, events or attributes not imported (only span notes can be held)",
    "comments": "{n} comment {n:line that is|lines that are} not AnnotatorNotes ignored",
    "attr_other": "{n} {n:attribute|attributes} on relations or events not imported (spans only hold attributes)",
    "events": "{n} event {n:line|lines} (E) not imported: the project has no events (their trigger spans are)",
    "normalizations": "{n} normalization {n:line|lines} (N) not imported",
    "equivalences": "{n} equivalence {n:line|lines} (*) not imported",
    "other": "{n} {n:line|lines} of unsupported kinds ignored",
}


def parse(path: Path, options: ImportOptions) -> Parsed:
    txt_path = path.with_suffix(".txt") if path.suffix.lower() == ".ann" else path
    ann_path = txt_path.with_suffix(".ann")
    raw = _read(txt_path, options.encoding)
    if not raw.strip():
        raise ImportFailure(txt_path, None, "empty file")
    if not ann_path.is_file():
        raise ImportFailure(
            txt_path, None, f"no {ann_path.name} beside it (brat needs the .txt and the .ann)"
        )
    ann = _read(ann_path, options.encoding).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _bom_counted(txt_path, raw, ann):
        raw = "\ufeff" + raw  # so the offset mapper shifts every offset past it
    text, remap = offset_mapper(raw)
    fix = remap or (lambda o: o)
    schema = options.schema
    who = options.annotator
    where = str(ann_path)

    spans: dict[str, list[NewSpan]] = {}  # T id -> pieces
    later: list[tuple[int, str, str]] = []  # R, A/M and # lines, resolved once every T is known
    counts: Counter[str] = Counter()
    ann_lines = ann.split("\n")
    continued: set[int] = set()  # indexes of lines that carry the text of the T line before them
    for number, line in enumerate(ann_lines, 1):
        if number - 1 in continued or not line.strip():
            continue
        kind = line[0]
        fields = line.split("\t")
        if kind in "RAM#":
            later.append((number, kind, line))
            continue
        if kind != "T":
            counts[{"E": "events", "N": "normalizations", "*": "equivalences"}.get(kind, "other")] += 1
            continue
        if len(fields) < 2:
            raise ImportFailure(where, number, "T line needs 'T1<TAB>LABEL start end<TAB>text'")
        tid, middle = fields[0], fields[1]
        surface = "\t".join(fields[2:]) if len(fields) > 2 else None
        if tid in spans:
            raise ImportFailure(where, number, f"duplicate id {tid}")
        label, _, ranges = middle.partition(" ")
        label = options.map_label(label)
        if not schema.has_label(label):
            raise ImportFailure(where, number, label_error(label))
        frags: list[tuple[int, int]] = []
        for piece in ranges.split(";"):
            try:
                start_s, end_s = piece.split()
                start, end = int(start_s), int(end_s)
            except ValueError:
                raise ImportFailure(where, number, f"bad offsets {piece!r} (expected 'start end')") from None
            if not 0 <= start < end <= len(raw):
                raise ImportFailure(
                    where, number, f"offsets [{start}, {end}) outside the text (length {len(raw)}) or empty"
                )
            frags.append((start, end))
        expected = " ".join(raw[s:e] for s, e in frags)
        if surface is not None and surface != expected:
            surface, more = _text_over_lines(surface, expected, ann_lines, number)
            continued.update(range(number, number + more))
        # brat's own reader accepts a trailing tab after the text, and some tools write no text at all
        if surface is not None and surface != expected and surface.rstrip("\t") != expected:
            if " ".join(surface.split()) != " ".join(expected.split()):
                raise ImportFailure(
                    where,
                    number,
                    f"{tid}: text {surface!r} does not match the .txt at {ranges}: {expected!r}",
                )
        frags = _merge_line_breaks(raw, frags)
        spans[tid] = [NewSpan(fix(s), fix(e), label, annotator=who) for s, e in frags]

    relations: list[NewRelation] = []
    linked: set[tuple[str, str, str]] = set()

    def link(rtype: str, head: NewSpan, tail: NewSpan, hkey: str, tkey: str) -> None:
        head.key, tail.key = head.key or hkey, tail.key or tkey
        if (rtype, head.key, tail.key) not in linked:
            linked.add((rtype, head.key, tail.key))
            relations.append(NewRelation(rtype, head.key, tail.key, annotator=who))

    try:
        continues = schema.relation("CONTINUES")
    except KeyError:
        continues = None
    for tid, pieces in spans.items():
        if len(pieces) < 2:
            continue
        if continues is None or continues.mismatch(pieces[0].label, pieces[0].label):
            counts["unlinked"] += 1
            continue
        counts["discontinuous"] += 1
        for k in range(1, len(pieces)):
            link("CONTINUES", pieces[k], pieces[k - 1], f"{tid}.{k}", tid if k == 1 else f"{tid}.{k - 1}")
    for number, kind, line in later:
        fields = line.split("\t")
        parts = fields[1].split() if len(fields) > 1 else []
        if kind == "#":
            if len(parts) != 2 or parts[0] != "AnnotatorNotes" or len(fields) < 3:
                counts["comments"] += 1
                continue
            target, note = parts[1], "\t".join(fields[2:]).rstrip("\t")
            if target[:1] != "T":
                counts["notes_other"] += 1
                continue
            if target not in spans:
                raise ImportFailure(where, number, f"{fields[0]} names an unknown span {target}")
            for piece in spans[target]:
                add_note(piece, note)
        elif kind == "R":
            roles = dict(p.partition(":")[::2] for p in parts[1:] if ":" in p)
            if len(parts) != 3 or len(roles) != 2:
                raise ImportFailure(where, number, "R line needs 'R1<TAB>TYPE Arg1:T1 Arg2:T2'")
            # Arg1 is the head whatever the order; other role names count in the order written
            args = [roles["Arg1"], roles["Arg2"]] if {"Arg1", "Arg2"} == set(roles) else list(roles.values())
            rtype, (head, tail) = options.map_relation(parts[0]), args
            try:
                rdef = schema.relation(rtype)
            except KeyError:
                raise ImportFailure(where, number, relation_error(rtype)) from None
            for arg in (head, tail):
                if arg not in spans:
                    raise ImportFailure(where, number, f"{fields[0]} names an unknown span {arg}")
            h, t = spans[head][0], spans[tail][0]
            mismatch = rdef.mismatch(h.label, t.label)
            if mismatch:
                raise ImportFailure(where, number, mismatch)
            link(rtype, h, t, head, tail)
        else:
            if len(parts) not in (2, 3):
                raise ImportFailure(where, number, f"{kind} line needs '{kind}1<TAB>Attribute T1 [Value]'")
            name, target = parts[0], parts[1]
            if target[:1] in ("R", "E"):
                counts["attr_other"] += 1
                continue
            if target not in spans:
                raise ImportFailure(where, number, f"{fields[0]} names an unknown span {target}")
            value = parts[2] if len(parts) == 3 else BINARY
            label = spans[target][0].label
            declared = schema.label(label).attributes.get(name)
            if declared is not None and value not in declared:  # said here, with the .ann line
                raise ImportFailure(
                    where,
                    number,
                    f"{fields[0]}: {label} {name} must be one of {', '.join(declared)}, not {value!r}",
                )
            for piece in spans[target]:
                piece.attrs[name] = value
    doc = NewDocument(
        name=txt_path.stem,
        text=text,
        meta=parse_text(text, txt_path.stem, txt_path.name, "").meta,  # date and title, as for text
        source=str(txt_path),
        spans=[piece for pieces in spans.values() for piece in pieces],
        relations=relations,
    )
    return [doc], counted_warnings(counts, _WARNINGS)
