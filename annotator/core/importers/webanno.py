"""WebAnno TSV 3 (3.1 to 3.3), as INCEpTION and WebAnno export it.

```
#FORMAT=WebAnno TSV 3.3
#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value
#T_RL=webanno.custom.Relation|label|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity


#Text=قال محمد علي إن ...
1-1	0-3	قال	_	_	_	_
1-2	4-8	محمد	*	PERS[1]	_	_
1-3	9-12	علي	*	PERS[1]	ATTRIBUTED_TO	1-1[0_1]
```
- After the token id (`sentence-token`, or `1-2.1` for a piece of a token), its offsets and its text
  come one column per feature of each layer declared in the header, in header order. A cell is `_`
  (nothing), or `|`-separated values, each `VALUE[ID]` (`ID` ties the tokens of one multi-token or
  stacked annotation together), `*` for an annotation whose feature is empty; `\\` escapes.
- Span layers (`#T_SP`) give spans: the label is the feature named value, label, entity, tag, name
  or like the layer (`MedicalEntity|MedicalEntity`), through `--map`; without one, or when it is
  empty, the layer's short name (`Quote`). The other features become attributes (`type`, `infstat`).
- Relation layers (`#T_RL`) give relations: the row is the target span's, the last column (`BT_...`)
  is the source's token, with `[sourceID_targetID]` when either needs its id (0: the one-token span
  there). The type is the first feature (else the layer's short name), through `--map`; the
  values of further features are counted (a relation holds no attributes).
- Chain layers (`#T_CH`, coreference) are counted, not imported; so are DKPro's linguistic layers
  (lemma, POS, morphology, dependencies, chunks: `de.tudarmstadt.ukp.dkpro.core.api.segmentation`,
  `.lexmorph` and `.syntax`, which INCEpTION adds to every document imported from CoNLL-U),
  relations between tokens rather than annotations (`BT_...Token`), and zero-width annotations
  (`1-2.1 7-7`), and slot (link) features (`ROLE_...` with their target column): the project
  holds none of them, and none is lost silently.
- Offsets count UTF-16 units (UIMA's Java strings) in the files INCEpTION writes; files counting
  code points are recognised by their tokens. The text is rebuilt from the `#Text=` lines at their
  offsets, sentences separated by line breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed, read_text
from annotator.core.importers.building import DocBuilder, counted_warnings
from annotator.core.importers.jsonl import LineError
from annotator.core.model import NewDocument, NewSpan
from annotator.core.text import OffsetMap

__all__ = ["parse", "unescape"]

_LABEL_FEATURES = ("value", "label", "entity", "tag", "name")
#: DKPro's linguistic layers (lemma, stem, POS, morphology, dependencies, chunks, constituents):
#: preprocessing, not annotations the project holds; counted, never made spans.
_LINGUISTIC = (
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.",
    "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.",
    "de.tudarmstadt.ukp.dkpro.core.api.syntax.",
)
_TOKEN_LAYER = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
_ITEM = re.compile(r"^(?P<value>.*?)(?:\[(?P<id>\d+)\])?$", re.S)
_BT_ITEM = re.compile(r"^(?P<addr>\d+-\d+(?:\.\d+)?)(?:\[(?P<src>\d+)_(?P<tgt>\d+)\])?$")
_ESCAPES = {
    "\\\\": "\\",
    "\\[": "[",
    "\\]": "]",
    "\\|": "|",
    "\\_": "_",
    "\\->": "->",
    "\\;": ";",
    "\\t": "\t",
    "\\n": "\n",
    "\\*": "*",
}
_ESCAPE_RE = re.compile(r"\\\\|\\\[|\\\]|\\\||\\_|\\->|\\;|\\t|\\n|\\\*")


def unescape(s: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], s)


def _split_unescaped(cell: str, sep: str = "|") -> list[str]:
    out, cur, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            cur.append(cell[i : i + 2])
            i += 2
            continue
        if ch == sep:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


class _Layer:
    def __init__(self, kind: str, name: str, features: list[str]) -> None:
        self.kind, self.name = kind, name
        self.short = name.rsplit(".", 1)[-1]
        self.target = None
        if kind == "RL" and features and features[-1].startswith("BT_"):
            self.target = features[-1][3:]
            features = features[:-1]
        self.features = features
        #: the columns of slot (link) features: `ROLE_layer:feature_linktype` and the target type after it
        self.slots = {
            k
            for i, f in enumerate(features)
            if f.startswith("ROLE_")
            for k in (i, i + 1)
            if k < len(features)
        }
        self.placeholder = not features  # a layer without features still has a column (`*` or `_`)
        self.columns = max(len(features), 1) + (1 if self.target else 0)
        #: a DKPro linguistic layer, or a relation between such layers' annotations or tokens
        self.linguistic = name.startswith(_LINGUISTIC) or (
            self.target is not None and self.target.startswith(_LINGUISTIC) and self.target != _TOKEN_LAYER
        )


class _Token:
    __slots__ = ("addr", "begin", "cells", "end", "line", "text")

    def __init__(self, addr: str, begin: int, end: int, text: str, cells: list[str], line: int) -> None:
        self.addr, self.begin, self.end, self.text, self.cells, self.line = (
            addr,
            begin,
            end,
            text,
            cells,
            line,
        )


def _header(lines: list[str], file: str) -> tuple[list[_Layer], int]:
    layers: list[_Layer] = []
    i = 0
    first = lines[0].lstrip("\ufeff") if lines else ""
    if first.lstrip().startswith("# ") and ("| " in first or first.count("#") > 1):
        raise ImportFailure(
            file,
            1,
            "WebAnno TSV 2 (the format of WebAnno 2, without token offsets), not TSV 3: "
            "export the documents again as WebAnno TSV 3 from WebAnno 3+ or INCEpTION",
        )
    if not first.startswith("#FORMAT=WebAnno TSV 3"):
        raise ImportFailure(file, 1, "not WebAnno TSV 3 (the first line must be #FORMAT=WebAnno TSV 3.x)")
    i = 1
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith("#T_")):
        line = lines[i]
        if line.startswith("#T_"):
            kind, _, decl = line[3:].partition("=")
            parts = decl.split("|")
            if kind not in ("SP", "RL", "CH") or not parts[0]:
                raise ImportFailure(file, i + 1, f"unknown layer declaration {line!r}")
            layers.append(_Layer(kind, parts[0], [p for p in parts[1:] if p]))
        i += 1
    return layers, i


def _text(sentences: list[tuple[str, list[_Token]]], utf16: bool) -> str:
    """The document text: each sentence's text placed at its offset, gaps filled with line breaks."""
    out: list[str] = []
    pos = 0  # in the offset unit of the file
    for stext, toks in sentences:
        first = toks[0]
        at = stext.find(first.text)
        lead = stext[: max(at, 0)]
        begin = first.begin - (len(lead.encode("utf-16-le")) // 2 if utf16 else len(lead))
        if begin < pos:
            raise ValueError("sentences overlap")
        out.append("\n" * (begin - pos))
        out.append(stext)
        pos = begin + (len(stext.encode("utf-16-le")) // 2 if utf16 else len(stext))
    return "".join(out)


def parse(path: Path, options: ImportOptions) -> Parsed:
    content = read_text(path, options.encoding)
    lines = content.split("\n")
    file = str(path)
    layers, i = _header(lines, file)
    ncols = 3 + sum(layer.columns for layer in layers)
    first_row = next((ln for ln in lines[i:] if ln and not ln.startswith("#")), "")
    width = len(first_row.rstrip("\t").split("\t")) if first_row else ncols
    if width != ncols:  # some writers give a featureless relation layer no placeholder column
        for layer in layers:
            if layer.kind == "RL" and layer.placeholder and width < ncols:
                layer.columns -= 1
                ncols -= 1
    sentences: list[tuple[str, list[_Token]]] = []
    text_lines: list[str] = []
    toks: list[_Token] = []
    for number in range(i + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.startswith("#Text="):
            if toks:
                sentences.append(("\n".join(text_lines), toks))
                text_lines, toks = [], []
            text_lines.append(line[6:])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        while cols and cols[-1] == "" and len(cols) > ncols:
            cols = cols[:-1]  # every token line ends with a tab
        if len(cols) != ncols:
            raise ImportFailure(
                file, number, f"expected {ncols} columns for the declared layers, got {len(cols)}"
            )
        addr, offs, tok = cols[0], cols[1], cols[2]
        m = re.match(r"^(\d+)-(\d+)$", offs)
        if not re.match(r"^\d+-\d+(?:\.\d+)?$", addr) or not m:
            raise ImportFailure(file, number, f"bad token id or offsets {addr!r} {offs!r}")
        if not text_lines:
            raise ImportFailure(file, number, "a token before any #Text= line")
        toks.append(_Token(addr, int(m.group(1)), int(m.group(2)), unescape(tok), cols[3:], number))
    if toks:
        sentences.append(("\n".join(text_lines), toks))
    if not sentences:
        raise ImportFailure(path, None, "no sentences in the file")

    # the text, in UTF-16 offsets (as INCEpTION writes) or code points: the tokens decide
    raw = None
    to_cp: Any = None
    for utf16 in (True, False):
        try:
            candidate = _text(sentences, utf16)
        except ValueError:
            continue
        conv = OffsetMap(candidate).to_cp if utf16 else (lambda o: o)
        if all(
            candidate[conv(t.begin) : conv(t.end)] == t.text
            for _, ts in sentences
            for t in ts
            if "." not in t.addr
        ):
            raw, to_cp = candidate, conv
            break
    if raw is None:
        bad = next(t for _, ts in sentences for t in ts)
        raise ImportFailure(file, bad.line, "the token offsets do not match the #Text= lines")

    counts: Counter[str] = Counter()
    b = DocBuilder(raw, options)
    tokens = {t.addr: t for _, ts in sentences for t in ts}
    col = 0
    span_ids: dict[str, NewSpan] = {}
    single: dict[tuple[str, str], NewSpan] = {}  # (layer, token address) -> the one-token span there
    relation_layers: list[tuple[_Layer, int]] = []
    try:
        for layer in layers:
            if layer.kind == "CH" or layer.linguistic:
                counts["chains" if layer.kind == "CH" else "linguistic"] += sum(
                    1 for t in tokens.values() if any(c != "_" for c in t.cells[col : col + layer.columns])
                )
            elif layer.kind == "RL":
                relation_layers.append((layer, col))
            else:
                _spans(layer, col, tokens, b, options, span_ids, single, to_cp, counts)
            col += layer.columns
        for layer, start_col in relation_layers:
            if layer.target == _TOKEN_LAYER:  # between tokens, not annotations: nothing to link
                counts["token_relations"] += sum(
                    len(_split_unescaped(t.cells[start_col + layer.columns - 1]))
                    for t in tokens.values()
                    if t.cells[start_col + layer.columns - 1] != "_"
                )
                continue
            _relations(layer, start_col, tokens, b, options, span_ids, single, counts)
    except LineError as exc:
        line, _, reason = str(exc).partition(": ")
        raise ImportFailure(file, int(line) if line.isdigit() else None, reason or str(exc)) from None
    doc_tokens = [(to_cp(t.begin), to_cp(t.end)) for t in tokens.values() if "." not in t.addr]
    doc: NewDocument = b.document(path.stem, {"source_file": path.name}, str(path), tokens=doc_tokens)
    return [doc], counted_warnings(
        counts,
        {
            "chains": "{n} {n:token carries|tokens carry} chain annotations (coreference): not imported",
            "linguistic": "{n} {n:token carries|tokens carry} linguistic annotations (DKPro lemma, POS, "
            "morphology, dependency or chunk layers): not imported, the project holds no linguistic layers",
            "token_relations": "{n} {n:relation|relations} between tokens (not between annotations) not imported",
            "slots": "{n} slot (link) {n:feature|features} linking an annotation to others with a role not "
            "imported: the project's links are relations between two spans (use a relation layer)",
            "relation_features": "{n} relation feature {n:value|values} besides the type (the first feature) "
            "not imported: a relation holds no attributes",
            "zero_width": "{n} zero-width {n:annotation|annotations} (a position, no text) not imported: a "
            "span holds text",
            "unlinked": "{n} {n:relation|relations} touching a zero-width annotation not imported",
        },
    )


#: Stands for a zero-width annotation (not imported) where relations look their ends up.
_ZERO_WIDTH = NewSpan(0, 0, "")


def _label_feature(layer: _Layer) -> int | None:
    """The feature that holds the label: one named value, label, entity, tag, name or like the
    layer itself; None when there is none (the layer's name is then the label)."""
    names = (*_LABEL_FEATURES, layer.short.lower())
    for name in names:
        for i, f in enumerate(layer.features):
            if f.lower() == name and i not in layer.slots:
                return i
    return None


def _spans(
    layer: _Layer,
    col: int,
    tokens: dict[str, _Token],
    b: DocBuilder,
    options: ImportOptions,
    span_ids: dict[str, NewSpan],
    single: dict[tuple[str, str], NewSpan],
    to_cp: Any,
    counts: Counter[str],
) -> None:
    label_at = _label_feature(layer)
    groups: dict[str, dict[str, Any]] = {}  # annotation key -> first token, last token, features
    order: list[str] = []
    for t in tokens.values():
        cells = t.cells[col : col + max(len(layer.features), 1)]
        if all(c == "_" for c in cells):
            continue
        per_feature = [_split_unescaped(c) for c in cells]
        n = max(len(items) for items in per_feature)
        for k in range(n):
            values: list[str] = []
            ident = None
            for items in per_feature:
                item = items[k] if k < len(items) else "_"
                m = _ITEM.match(item)
                assert m is not None
                ident = ident or m.group("id")
                values.append(m.group("value"))
            key = f"id{ident}" if ident else f"{t.addr}#{k}"
            if key not in groups:
                groups[key] = {"first": t, "last": t, "values": values, "id": ident}
                order.append(key)
            else:
                groups[key]["last"] = t
                groups[key]["values"] = [
                    v if v not in ("_", "*") else w
                    for v, w in zip(groups[key]["values"], values, strict=False)
                ]
    for key in order:
        g = groups[key]
        values = [unescape(v) if v not in ("_", "*") else "" for v in g["values"]]
        label = values[label_at] if label_at is not None and values[label_at] else layer.short
        attrs = {
            f: v
            for i, (f, v) in enumerate(zip(layer.features, values, strict=False))
            if i != label_at and v and i not in layer.slots
        }
        counts["slots"] += sum(
            len(_split_unescaped(values[i], ";"))
            for i in layer.slots
            if layer.features[i].startswith("ROLE_") and values[i]
        )
        first, last = g["first"], g["last"]
        if to_cp(last.end) <= to_cp(first.begin):  # a zero-width annotation (`1-2.1 7-7`)
            counts["zero_width"] += 1
            if g["id"]:
                span_ids[g["id"]] = _ZERO_WIDTH
            else:
                single[(layer.name, first.addr)] = _ZERO_WIDTH
            continue
        try:
            sp = b.span(
                to_cp(first.begin), to_cp(last.end), label, what=f"{layer.short} {label}", attrs=attrs
            )
        except LineError as exc:
            raise LineError(f"{first.line}: {exc}") from None
        if g["id"]:
            span_ids[g["id"]] = sp
        else:
            single[(layer.name, first.addr)] = sp


def _relations(
    layer: _Layer,
    col: int,
    tokens: dict[str, _Token],
    b: DocBuilder,
    options: ImportOptions,
    span_ids: dict[str, NewSpan],
    single: dict[tuple[str, str], NewSpan],
    counts: Counter[str],
) -> None:
    nfeat = layer.columns - 1
    for t in tokens.values():
        cells = t.cells[col : col + layer.columns]
        bt = cells[-1] if layer.target else "_"
        if bt == "_":
            continue
        sources = _split_unescaped(bt)
        feats = [_split_unescaped(c) for c in cells[:nfeat]]
        for k, src in enumerate(sources):
            m = _BT_ITEM.match(src)
            if m is None:
                raise LineError(f"{t.line}: bad relation source {src!r} (expected 1-2 or 1-2[3_4])")

            def find(ident: str | None, addr: str, t: _Token = t) -> NewSpan:
                if ident and ident != "0":
                    if ident in span_ids:
                        return span_ids[ident]
                    raise LineError(f"{t.line}: relation names an unknown annotation [{ident}]")
                for (lname, a), sp in single.items():
                    if a == addr and (layer.target is None or lname == layer.target):
                        return sp
                raise LineError(f"{t.line}: relation names no annotation at token {addr}")

            head = find(m.group("src"), m.group("addr"))
            tail = find(m.group("tgt"), t.addr)
            if head is _ZERO_WIDTH or tail is _ZERO_WIDTH:
                counts["unlinked"] += 1
                continue
            values = [
                unescape(item)
                for items in feats
                if (item := items[k] if k < len(items) else "_") not in ("_", "*")
            ]
            rtype = values[0] if values else ""  # the first feature is the type; a relation holds no more
            counts["relation_features"] += len(values[1:])
            try:
                b.relation(rtype or layer.short, head, tail, what=f"{layer.short}")
            except LineError as exc:
                raise LineError(f"{t.line}: {exc}") from None
