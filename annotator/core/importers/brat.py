"""brat standoff: a `.txt` and its `.ann` (T text-bound, R relation, A attribute lines).

brat offsets count code points of the `.txt` as written, so they are checked against the raw text
(each T line's text field must equal its slice) and then moved onto the stored, normalised text.
A discontinuous span (`start end;start end`) becomes one span per fragment, with a warning: the
data model has no discontinuous spans. Errors name the `.ann` file and its line.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.importers import (
    ImportFailure,
    ImportOptions,
    Parsed,
    decode_raw,
    label_error,
    offset_mapper,
    read_input,
)
from annotator.core.importers.plaintext import parse_text
from annotator.core.model import NewDocument, NewRelation, NewSpan

__all__ = ["parse"]


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

    spans: dict[str, list[NewSpan]] = {}  # T id -> fragments
    later: list[tuple[int, str, str]] = []  # R and A lines, resolved once every T is known
    warnings: list[str] = []
    ignored = 0
    for number, line in enumerate(ann.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind = line[0]
        fields = line.split("\t")
        if kind in "RA":
            later.append((number, kind, line))
            continue
        if kind != "T":
            ignored += 1  # E events, N normalisations, * equivalences: not in the data model
            continue
        if len(fields) < 3:
            raise ImportFailure(where, number, "T line needs 'T1<TAB>LABEL start end<TAB>text'")
        tid, middle, surface = fields[0], fields[1], "\t".join(fields[2:])
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
        if surface != expected:
            raise ImportFailure(
                where, number, f"{tid}: text {surface!r} does not match the .txt at {ranges}: {expected!r}"
            )
        if len(frags) > 1:
            warnings.append(f"{ann_path.name}:{number}: discontinuous {tid} imported as {len(frags)} spans")
        spans[tid] = [NewSpan(fix(s), fix(e), label, annotator=who) for s, e in frags]

    relations: list[NewRelation] = []
    for number, kind, line in later:
        fields = line.split("\t")
        parts = fields[1].split() if len(fields) > 1 else []
        if kind == "R":
            if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
                raise ImportFailure(where, number, "R line needs 'R1<TAB>TYPE Arg1:T1 Arg2:T2'")
            rtype, head, tail = parts[0], parts[1][5:], parts[2][5:]
            try:
                rdef = schema.relation(rtype)
            except KeyError:
                raise ImportFailure(where, number, f"unknown relation type {rtype!r}") from None
            for arg in (head, tail):
                if arg not in spans:
                    raise ImportFailure(where, number, f"{fields[0]} names an unknown span {arg}")
            h, t = spans[head][0], spans[tail][0]
            mismatch = rdef.mismatch(h.label, t.label)
            if mismatch:
                raise ImportFailure(where, number, mismatch)
            h.key, t.key = head, tail
            relations.append(NewRelation(rtype, head, tail, annotator=who))
        else:
            if len(parts) not in (2, 3):
                raise ImportFailure(where, number, "A line needs 'A1<TAB>Attribute T1 [Value]'")
            name, target = parts[0], parts[1]
            if target not in spans:
                raise ImportFailure(where, number, f"{fields[0]} names an unknown span {target}")
            value = parts[2] if len(parts) == 3 else "true"
            label = spans[target][0].label
            declared = schema.label(label).attributes.get(name)
            if declared is not None and value not in declared:  # said here, with the .ann line
                raise ImportFailure(
                    where,
                    number,
                    f"{fields[0]}: {label} {name} must be one of {', '.join(declared)}, not {value!r}",
                )
            for frag in spans[target]:
                frag.attrs[name] = value
    if ignored:
        warnings.append(f"{ignored} lines of unsupported kinds (E, N, *, ...) ignored")
    doc = NewDocument(
        name=txt_path.stem,
        text=text,
        meta=parse_text(text, txt_path.stem, txt_path.name, "").meta,  # date and title, as for text
        source=str(txt_path),
        spans=[frag for frags in spans.values() for frag in frags],
        relations=relations,
    )
    return [doc], warnings
