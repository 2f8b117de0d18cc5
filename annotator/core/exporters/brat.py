"""brat standoff: a folder with `<name>.txt` + `<name>.ann` per document and `annotation.conf`.

- `.txt` is the document's text exactly (UTF-8, `\\n` line ends); brat offsets are code points,
  as ours are, so they are written unchanged.
- `.ann`: `T<n>\\tLABEL start end\\tsurface` per span (a span that crosses a line break is written
  as fragments `start end;start end` split at the breaks, brat's way for discontinuous text, with
  the breaks shown as spaces in the surface; a break or blank piece at its edge, or a blank piece
  between breaks, is left out and counted in a warning, and a span of nothing but whitespace is left
  out, with its relations, and counted), `R<n>\\tTYPE Arg1:T<h> Arg2:T<t>` per relation and
  `A<n>\\tkey T<n> value` per attribute. Spans keep the order of the own JSONL.
- `annotation.conf` declares the labels, the relation types (with `<OVERLAP>` allowing any
  overlap, since spans may nest and overlap), and the attributes with their values, from the
  project's schema after --map and the label filters (plus any attribute value in use that the
  schema does not list).
- File names come from document names through `safe_filename`: nothing can leave the folder,
  Arabic stays readable, collisions get `-2`, `-3`.
- brat has no annotator field: with several annotators the spans are written together (a warning
  says so); choose one with --annotator.
With a split there is a sub-folder per split (`train/`, `dev/`, `test/`), each with its own conf.
The whole folder is built under a temporary name and renamed into place at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.exporters.common import FOLDER_MARKER, Notes, SplitFolders, XDoc, check_folder
from annotator.core.exporters.safety import safe_child, safe_filename
from annotator.core.importers.brat import BINARY, NOTE_ATTR

CONTINUES = "CONTINUES"

__all__ = ["MARKER", "WRITES_FOLDER", "Writer", "annotation_conf", "ann_lines", "check", "targets"]

WRITES_FOLDER = True
USES_TOKENS = False  # the export need not read the documents' stored tokens
RESERVED_NAMES = {"annotation", "visual", "tools", "kb_shortcuts"}  # brat's own .conf stems


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    return [out]


MARKER = FOLDER_MARKER


def check(out: Path, *, project_id: str = "") -> None:
    """`--force` replaces only a brat folder this project's own export wrote (see `check_folder`)."""
    check_folder(out, project_id, "brat")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`[start, end)` split at its line breaks, leaving out empty and whitespace-only pieces
    (a line break in a .ann surface would break the file). Empty when nothing is left."""
    frags = []
    s = start
    while s < end:
        nl = text.find("\n", s, end)
        e = end if nl == -1 else nl
        if text[s:e].strip():
            frags.append((s, e))
        s = e + 1
    return frags


def _exact(text: str, start: int, end: int, frags: list[tuple[int, int]]) -> bool:
    """Whether `frags` cover `[start, end)` exactly, but for the line breaks between them."""
    if not frags or frags[0][0] != start or frags[-1][1] != end:
        return False
    return all(not text[e:s].strip("\n") for (_, e), (s, _) in zip(frags, frags[1:], strict=False))


def chains(x: XDoc) -> dict[int, list[Any]]:
    """Quotes split in pieces that brat writes as ONE discontinuous span: span id of the first piece
    -> the pieces in order. A chain is the spans linked by CONTINUES (the later piece continues the
    earlier), all of one label, annotator and attributes, in text order without overlap, whose
    later pieces take part in no other relation; any other CONTINUES stays an R line."""
    by_id = {sp.id: sp for sp in x.spans}
    prev: dict[int, int] = {}
    nxt: dict[int, int] = {}
    forked: set[int] = set()
    for r in x.relations:
        if r.type != CONTINUES or r.head not in by_id or r.tail not in by_id:
            continue
        if r.head in prev or r.tail in nxt:
            forked.update((r.head, r.tail))
        prev[r.head], nxt[r.tail] = r.tail, r.head
    touched: dict[int, int] = {}
    for r in x.relations:
        if r.type != CONTINUES:
            touched[r.head] = touched.get(r.head, 0) + 1
            touched[r.tail] = touched.get(r.tail, 0) + 1
    out: dict[int, list[Any]] = {}
    for first in nxt:
        if first in prev:
            continue
        pieces = [by_id[first]]
        seen = {first}
        cur = first
        while cur in nxt and nxt[cur] not in seen:
            cur = nxt[cur]
            seen.add(cur)
            pieces.append(by_id[cur])
        head = pieces[0]
        if (
            seen & forked
            or cur in nxt
            or any(
                p.label != head.label or p.annotator != head.annotator or p.attrs != head.attrs
                for p in pieces
            )
            or any(b.start < a.end for a, b in zip(pieces, pieces[1:], strict=False))
            or any(touched.get(p.id) for p in pieces[1:])
        ):
            continue
        out[first] = pieces
    return out


def ann_lines(x: XDoc, notes: Notes | None = None, binary: set[str] | None = None) -> list[str]:
    """The .ann lines of a document. A span touching a line break loses the break and any blank
    piece it holds; each span so changed is counted in `notes` (`brat_trimmed`), and one with
    nothing but whitespace is left out (`brat_dropped`), with the relations that link it. A quote
    in pieces joined by CONTINUES (see `chains`) is one discontinuous T line; a `note` attribute is
    an AnnotatorNotes line; attributes named in `binary` are written without a value."""
    text = x.doc.text
    lines: list[str] = []
    tid: dict[int, str] = {}
    a = 0
    n = 0
    attr_lines: list[str] = []
    note_lines: list[str] = []
    joined = chains(x)
    later_pieces = {p.id: first for first, pieces in joined.items() for p in pieces[1:]}
    for sp in x.spans:
        if sp.id in later_pieces:
            continue
        pieces = joined.get(sp.id)
        if (
            pieces is None
            and text.find("\n", sp.start, sp.end) == -1
            and not text[sp.start : sp.end].isspace()
        ):
            n += 1  # one piece within one line and not blank: one fragment, the span itself (most spans)
            t = f"T{n}"
            tid[sp.id] = t
            lines.append(f"{t}\t{sp.label} {sp.start} {sp.end}\t{sp.text}")
        else:
            pieces = pieces or [sp]
            frags = [f for p in pieces for f in _fragments(text, p.start, p.end)]
            if not frags:
                if notes is not None:
                    notes.add("brat_dropped", 1, f"{x.doc.name} [{sp.start}, {sp.end})")
                continue
            if notes is not None and not all(
                _exact(text, p.start, p.end, _fragments(text, p.start, p.end)) for p in pieces
            ):
                notes.add("brat_trimmed", 1, f"{x.doc.name} [{sp.start}, {sp.end})")
            n += 1
            t = f"T{n}"
            for p in pieces:
                tid[p.id] = t
            where = ";".join(f"{s} {e}" for s, e in frags)
            surface = " ".join(text[s:e] for s, e in frags)
            lines.append(f"{t}\t{sp.label} {where}\t{surface}")
        for key, value in sorted(sp.attrs.items()):
            if key == NOTE_ATTR:
                for note in value.split("\n"):
                    note_lines.append(f"\tAnnotatorNotes {t}\t{note}")
                continue
            a += 1
            if binary is not None and key in binary and value == BINARY:
                attr_lines.append(f"A{a}\t{key} {t}")
            else:
                attr_lines.append(f"A{a}\t{key} {t} {value}")
    in_chain = {
        (CONTINUES, b.id, c.id)
        for pieces in joined.values()
        for c, b in zip(pieces, pieces[1:], strict=False)
    }
    linked = [
        r for r in x.relations if r.head in tid and r.tail in tid and (r.type, r.head, r.tail) not in in_chain
    ]
    if notes is not None:
        notes.add(
            "brat_dropped_relations",
            sum(1 for r in x.relations if r.head not in tid or r.tail not in tid),
        )
    rels = sorted(
        ((r.type, tid[r.head], tid[r.tail], r.annotator) for r in linked),
        key=lambda r: (r[0], int(r[1][1:]), int(r[2][1:]), r[3]),
    )
    seen = set()
    r = 0
    for rtype, h, t, _ann in rels:
        if (rtype, h, t) in seen:
            continue
        seen.add((rtype, h, t))
        r += 1
        lines.append(f"R{r}\t{rtype} Arg1:{h} Arg2:{t}")
    return lines + attr_lines + [f"#{i}{line}" for i, line in enumerate(note_lines, 1)]


def binary_attributes(schema: Any, used: dict[tuple[str, str], set[str]]) -> set[str]:
    """Attributes the schema does not declare whose only value in use is `true`: brat's binary ones."""
    declared = {key for lab in schema.labels for key in lab.attributes}
    values: dict[str, set[str]] = {}
    for (_label, key), vals in used.items():
        values.setdefault(key, set()).update(vals)
    return {key for key, vals in values.items() if key not in declared and vals == {BINARY}}


def annotation_conf(ctx: Any, used_attrs: dict[tuple[str, str], set[str]]) -> str:
    """brat's annotation.conf for the exported labels, relations and attributes."""
    schema = ctx.schema
    options = ctx.options
    mapped = {name: options.label_map.get(name, name) for name in schema.label_names}
    out_labels = ctx.labels
    lines = ["# made by annotator from the project's schema", "[entities]", *out_labels, "", "[relations]"]
    for rel in schema.relations:
        heads = sorted({mapped[h] for h in rel.heads if mapped.get(h) in out_labels}, key=out_labels.index)
        tails = sorted({mapped[t] for t in rel.tails if mapped.get(t) in out_labels}, key=out_labels.index)
        if heads and tails:
            lines.append(f"{rel.name}\tArg1:{'|'.join(heads)}, Arg2:{'|'.join(tails)}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["", "[events]", "", "[attributes]"]
    attrs: dict[str, dict[str, list[str]]] = {}  # attr -> label -> values
    for lab in schema.labels:
        name = mapped[lab.name]
        if name not in out_labels:
            continue
        for key, values in lab.attributes.items():
            vals = attrs.setdefault(key, {}).setdefault(name, [])
            vals += [v for v in values if v not in vals]
    for (label, key), values in sorted(used_attrs.items()):
        if key == NOTE_ATTR:
            continue
        vals = attrs.setdefault(key, {}).setdefault(label, [])
        vals += sorted(v for v in values if v not in vals)
    binary = binary_attributes(schema, used_attrs)
    for key in sorted(attrs):
        labels = [lab for lab in out_labels if lab in attrs[key]]
        values: list[str] = []
        for lab in labels:
            values += [v for v in attrs[key][lab] if v not in values]
        if key in binary:
            lines.append(f"{key}\tArg:{'|'.join(labels)}")
        else:
            lines.append(f"{key}\tArg:{'|'.join(labels)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


class Writer(SplitFolders):
    def __init__(self, ctx: Any, ao: Any) -> None:
        super().__init__(ctx, ao, frozenset(RESERVED_NAMES))
        self.used_attrs: dict[tuple[str, str], set[str]] = {}
        self.declared = {key for lab in ctx.schema.labels for key in lab.attributes}
        self.written_binary: dict[str, list[Path]] = {}  # attribute -> .ann files with it binary

    def write(self, x: XDoc) -> None:
        folder = self.folders[x.split]
        name = safe_filename(x.doc.name, self.taken[x.split])
        self.note_merged(x)
        with open(safe_child(folder, name + ".txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(x.doc.text)
        for sp in x.spans:
            for key, value in sp.attrs.items():
                self.used_attrs.setdefault((sp.label, key), set()).add(value)
        binary = {
            key for sp in x.spans for key, v in sp.attrs.items() if v == BINARY and key not in self.declared
        }
        lines = ann_lines(x, self.ctx.notes, binary)
        ann = safe_child(folder, name + ".ann")
        with open(ann, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(line + "\n" for line in lines))
        for key in binary:
            self.written_binary.setdefault(key, []).append(ann)
        self.ctx.report.spans += sum(1 for ln in lines if ln.startswith("T"))
        self.ctx.report.relations += sum(1 for ln in lines if ln.startswith("R"))

    def close(self) -> None:
        binary = binary_attributes(self.ctx.schema, self.used_attrs)
        for key, files in self.written_binary.items():
            if key not in binary:  # other documents give it other values: write `true` after all
                for ann in files:
                    lines = ann.read_text(encoding="utf-8").split("\n")
                    fixed = [
                        ln + f" {BINARY}"
                        if ln.startswith("A")
                        and len(parts := ln.split("\t")[1].split()) == 2
                        and parts[0] == key
                        else ln
                        for ln in lines
                    ]
                    ann.write_text("\n".join(fixed), encoding="utf-8", newline="\n")
        conf = annotation_conf(self.ctx, self.used_attrs)
        for folder in self.folders.values():
            with open(folder / "annotation.conf", "w", encoding="utf-8", newline="\n") as fh:
                fh.write(conf)
        self.write_marker("brat")
