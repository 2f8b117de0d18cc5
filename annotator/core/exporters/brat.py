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

from annotator.core.exporters.common import Notes, XDoc
from annotator.core.exporters.safety import safe_child, safe_filename

__all__ = ["WRITES_FOLDER", "Writer", "annotation_conf", "ann_lines", "targets"]

WRITES_FOLDER = True
USES_TOKENS = False  # the export need not read the documents' stored tokens
RESERVED_NAMES = {"annotation", "visual", "tools", "kb_shortcuts"}  # brat's own .conf stems


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    return [out]


def check(out: Path) -> None:
    """`--force` replaces an existing output folder whole: only allowed when it holds nothing but a
    brat export (.txt, .ann, .conf, split subfolders), so a mistyped folder never loses other files."""
    if not out.is_dir():
        return
    for path in out.rglob("*"):
        if path.is_symlink() or (path.is_file() and path.suffix.lower() not in (".txt", ".ann", ".conf")):
            from annotator.core.exporters import ExportError

            raise ExportError(
                f"{out} holds {path.relative_to(out)}, which is not part of a brat export; "
                "choose a new or empty folder"
            )


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


def ann_lines(x: XDoc, notes: Notes | None = None) -> list[str]:
    """The .ann lines of a document. A span touching a line break loses the break and any blank
    piece it holds; each span so changed is counted in `notes` (`brat_trimmed`), and one with
    nothing but whitespace is left out (`brat_dropped`), with the relations that link it."""
    text = x.doc.text
    lines: list[str] = []
    tid: dict[int, str] = {}
    a = 0
    n = 0
    attr_lines: list[str] = []
    for sp in x.spans:
        if text.find("\n", sp.start, sp.end) == -1 and not text[sp.start : sp.end].isspace():
            n += 1  # within one line and not blank: one fragment, the span itself (most spans)
            t = f"T{n}"
            tid[sp.id] = t
            lines.append(f"{t}\t{sp.label} {sp.start} {sp.end}\t{sp.text}")
        else:
            frags = _fragments(text, sp.start, sp.end)
            if not frags:
                if notes is not None:
                    notes.add("brat_dropped", 1, f"{x.doc.name} [{sp.start}, {sp.end})")
                continue
            if notes is not None and not _exact(text, sp.start, sp.end, frags):
                notes.add("brat_trimmed", 1, f"{x.doc.name} [{sp.start}, {sp.end})")
            n += 1
            t = f"T{n}"
            tid[sp.id] = t
            where = ";".join(f"{s} {e}" for s, e in frags)
            surface = " ".join(text[s:e] for s, e in frags)
            lines.append(f"{t}\t{sp.label} {where}\t{surface}")
        for key, value in sorted(sp.attrs.items()):
            a += 1
            attr_lines.append(f"A{a}\t{key} {t} {value}")
    linked = [r for r in x.relations if r.head in tid and r.tail in tid]
    if notes is not None:
        notes.add("brat_dropped_relations", len(x.relations) - len(linked))
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
    return lines + attr_lines


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
        vals = attrs.setdefault(key, {}).setdefault(label, [])
        vals += sorted(v for v in values if v not in vals)
    for key in sorted(attrs):
        labels = [lab for lab in out_labels if lab in attrs[key]]
        values: list[str] = []
        for lab in labels:
            values += [v for v in attrs[key][lab] if v not in values]
        lines.append(f"{key}\tArg:{'|'.join(labels)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.root = ao.folder(ctx.out)
        self.folders: dict[str | None, Path] = {}
        self.taken: dict[str | None, set[str]] = {}
        for s in ctx.splits or (None,):
            folder = self.root / s if s else self.root
            folder.mkdir(exist_ok=True)
            self.folders[s] = folder
            self.taken[s] = set(RESERVED_NAMES)
        self.used_attrs: dict[tuple[str, str], set[str]] = {}

    def write(self, x: XDoc) -> None:
        folder = self.folders[x.split]
        name = safe_filename(x.doc.name, self.taken[x.split])
        if self.ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
            self.ctx.notes.add("multi_annotator", 1, x.doc.name)
        with open(safe_child(folder, name + ".txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(x.doc.text)
        lines = ann_lines(x, self.ctx.notes)
        with open(safe_child(folder, name + ".ann"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(line + "\n" for line in lines))
        for sp in x.spans:
            for key, value in sp.attrs.items():
                self.used_attrs.setdefault((sp.label, key), set()).add(value)
        self.ctx.report.spans += sum(1 for ln in lines if ln.startswith("T"))
        self.ctx.report.relations += sum(1 for ln in lines if ln.startswith("R"))

    def close(self) -> None:
        conf = annotation_conf(self.ctx, self.used_attrs)
        for folder in self.folders.values():
            with open(folder / "annotation.conf", "w", encoding="utf-8", newline="\n") as fh:
                fh.write(conf)
