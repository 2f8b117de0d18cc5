"""Baselines for the I/O benchmark: the least code that reads or writes the same data as annotator.

Each is what an engineer would write as a one-off script, with raw `sqlite3` and the same libraries
(spaCy for `.spacy`, pyarrow for Parquet, annotator's tokenizer where the project stores no tokens):
no validation, no filters, no atomic files, no progress, no warnings. The export baselines write the
same bytes as `annotator export --all-statuses` (io_bench checks it on every run), so a ratio to them
is the exporter's own overhead, tokens and span texts included.

    python benchmarks/io_baselines.py export FORMAT PROJECT OUT
    python benchmarks/io_baselines.py import-jsonl FILE PROJECT     # into a new project
    python benchmarks/io_baselines.py import-conll FILE PROJECT

Run as fresh processes by io_bench, so that each figure includes its interpreter and library imports.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
PLAIN = json.JSONEncoder(ensure_ascii=False).encode
SENTENCE_END = {".", "!", "?", "؟"}
#: Tabs and line breaks inside a token would break CoNLL's lines: written as _ (as annotator does).
NO_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\x0b\x0c\x85\u2028\u2029", "_"))


# ----------------------------------------------------------------------------- reading a project
def documents(project: Path):
    """(doc row, spans, relations, statuses) per document, in id order, with spans in export order."""
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    statuses: dict[int, dict[str, str]] = {}
    for doc_id, who, status in conn.execute("SELECT doc_id, annotator, status FROM statuses"):
        statuses.setdefault(doc_id, {})[who] = status
    spans = conn.execute(
        'SELECT doc_id, id, start, "end", label, annotator, origin, attrs FROM spans ORDER BY doc_id'
    )
    rels = conn.execute("SELECT doc_id, type, head, tail, annotator FROM relations ORDER BY doc_id, id")
    span = next(spans, None)
    rel = next(rels, None)
    for row in conn.execute("SELECT id, name, text, sha256, meta, source, tokens FROM documents ORDER BY id"):
        mine = []
        while span is not None and span[0] == row[0]:
            attrs = json.loads(span[7])
            key = json.dumps(attrs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            mine.append((span[2], span[3], span[4], span[5], span[6], attrs, key, span[1]))
            span = next(spans, None)
        mine.sort(key=lambda s: (s[0], -s[1], s[2], s[3], s[4], s[6]))
        links = []
        while rel is not None and rel[0] == row[0]:
            links.append(rel[1:])
            rel = next(rels, None)
        yield row, mine, links, statuses.get(row[0], {})
    conn.close()


def tokens_of(text: str, stored: str | None) -> list[tuple[int, int]]:
    if stored:
        return [tuple(t) for t in json.loads(stored)]
    from annotator.core.text import tokenize

    return [(t.start, t.end) for t in tokenize(text)]


def sentences_of(text: str, tokens: list[tuple[int, int]], stored: bool) -> list[range]:
    from annotator.core.text import sentence_spans

    if stored:
        starts, pos = [], 0
        for line in text.split("\n"):
            starts.append(pos)
            pos += len(line) + 1
    else:
        starts = [s for s, _ in sentence_spans(text)]
    firsts = [0] + [bisect_left([s for s, _ in tokens], s) for s in starts] + [len(tokens)]
    return [range(a, b) for a, b in zip(firsts, firsts[1:], strict=False) if a < b]


def flat(spans: list[tuple]) -> list[tuple[int, int, str]]:
    """Outermost wins: longest first, then earliest, then by label; identical spans count once."""
    kept: list[tuple[int, int, str]] = []
    for s, e, label in sorted(
        {(sp[0], sp[1], sp[2]) for sp in spans}, key=lambda t: (t[0] - t[1], t[0], t[2])
    ):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, label))
    return sorted(kept)


def bio(tokens: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    for s, e, label in spans:
        first, last = bisect_right(ends, s), bisect_left(starts, e)
        if first < last:
            tags[first] = "B-" + label
            for k in range(first + 1, last):
                tags[k] = "I-" + label
    return tags


def schema_of(project: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    raw = conn.execute("SELECT value FROM project WHERE key = 'schema'").fetchone()[0]
    conn.close()
    return json.loads(raw)


# ----------------------------------------------------------------------------- exports
def export_jsonl(project: Path, out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for (_id, name, text, sha, meta, source, tokens), spans, rels, statuses in documents(project):
            number = {sp[7]: n for n, sp in enumerate(spans, 1)}
            links = sorted((t, number[h], number[tl], a) for t, h, tl, a in rels)
            rec = {
                "meta": json.loads(meta),
                "name": name,
                "relations": [
                    {"annotator": a, "head": h, "id": n, "tail": t, "type": typ}
                    for n, (typ, h, t, a) in enumerate(links, 1)
                ],
                "sha256": sha,
                "source": source,
                "spans": [
                    {
                        "annotator": sp[3],
                        "attrs": sp[5],
                        "end": sp[1],
                        "id": n,
                        "label": sp[2],
                        "origin": sp[4],
                        "start": sp[0],
                        "text": text[sp[0] : sp[1]],
                    }
                    for n, sp in enumerate(spans, 1)
                ],
                "status": {a: s for a, s in sorted(statuses.items()) if s != "new"},
                "text": text,
                "tokens": json.loads(tokens) if tokens else None,
            }
            fh.write(COMPACT(rec) + "\n")


def _token_lines(project: Path):
    """Per document: name, words, tags and sentence ranges (what conll and hf write)."""
    for (_id, name, text, _sha, _meta, _source, stored), spans, _rels, _st in documents(project):
        tokens = tokens_of(text, stored)
        tags = bio(tokens, flat(spans))
        words = [text[s:e].translate(NO_BREAKS) for s, e in tokens]
        yield name, words, tags, sentences_of(text, tokens, bool(stored))


def export_conll(project: Path, out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for _name, words, tags, sentences in _token_lines(project):
            for r in sentences:
                fh.write("".join(f"{words[i]} {tags[i]}\n" for i in r) + "\n")


def export_hf(project: Path, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    labels = [lab["name"] for lab in schema_of(project)["labels"]]
    names = ["O"] + [f"{p}-{lab}" for lab in labels for p in ("B", "I")]
    ids = {n: i for i, n in enumerate(names)}
    base = out.with_suffix("")
    with open(base.with_name(base.name + ".labels.json"), "w", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {"names": names, "id2label": {str(i): n for i, n in enumerate(names)}, "label2id": ids},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("document", pa.string()),
            ("sentence", pa.int32()),
            ("tokens", pa.list_(pa.string())),
            ("ner_tags", pa.list_(pa.int32())),
        ]
    )
    writer = pq.ParquetWriter(str(base.with_name(base.name + ".parquet")), schema)
    rows: list[dict] = []
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for name, words, tags, sentences in _token_lines(project):
            for k, r in enumerate(sentences):
                row = {
                    "id": str(n),
                    "document": name,
                    "sentence": k,
                    "tokens": words[r.start : r.stop],
                    "ner_tags": [ids[t] for t in tags[r.start : r.stop]],
                }
                n += 1
                fh.write(PLAIN(row) + "\n")
                rows.append(row)
                if len(rows) == 2000:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    rows = []
    if rows:
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    writer.close()


def _spacy_layout(text: str, tokens: list[tuple[int, int]], spans: list[tuple]):
    cuts = sorted({sp[0] for sp in spans} | {sp[1] for sp in spans})
    words = []
    for s, e in tokens:  # split a token where a span edge falls inside it
        for c in cuts[bisect_right(cuts, s) : bisect_left(cuts, e)]:
            words.append((s, c))
            s = c
        words.append((s, e))
    toks: list[tuple[int, int]] = []
    pos = 0
    for s, e in words:  # whitespace other than one space after a word is a token of its own
        gap = pos + 1 if toks and pos < s and text[pos] == " " else pos
        if gap < s:
            toks.append((gap, s))
        toks.append((s, e))
        pos = e
    gap = pos + 1 if toks and pos < len(text) and text[pos] == " " else pos
    if gap < len(text):
        toks.append((gap, len(text)))
    return toks


def export_spacy(project: Path, out: Path) -> None:
    from spacy.tokens import Doc, DocBin, Span
    from spacy.vocab import Vocab

    vocab = Vocab()
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)
    with open(out, "w", encoding="utf-8") as fh:
        for (_id, name, text, sha, _meta, source, stored), spans, _rels, _st in documents(project):
            toks = _spacy_layout(text, tokens_of(text, stored), spans)
            first = {s: i for i, (s, _) in enumerate(toks)}
            after = {e: i + 1 for i, (_, e) in enumerate(toks)}
            aligned = [sp for sp in spans if sp[0] in first and sp[1] in after]
            group = list(dict.fromkeys((sp[0], sp[1], sp[2]) for sp in aligned))
            ents = flat(aligned)
            data = {
                "text": text,
                "tokens": [{"id": i, "start": s, "end": e} for i, (s, e) in enumerate(toks)],
                "ents": [{"start": s, "end": e, "label": lab} for s, e, lab in ents],
                "spans": {"sc": [{"start": s, "end": e, "label": lab, "kb_id": ""} for s, e, lab in group]},
                "meta": {"name": name, "sha256": sha, "source": source, "split": None},
                "unaligned": [
                    {"start": sp[0], "end": sp[1], "label": sp[2], "text": text[sp[0] : sp[1]]}
                    for sp in spans
                    if not (sp[0] in first and sp[1] in after)
                ],
            }
            fh.write(PLAIN(data) + "\n")
            iob = ["O"] * len(toks)
            for s, e, lab in ents:
                iob[first[s] : after[e]] = ["B-" + lab] + ["I-" + lab] * (after[e] - first[s] - 1)
            spaces = [e < len(text) and text[e] == " " for _, e in toks]
            doc = Doc(vocab, words=[text[s:e] for s, e in toks], spaces=spaces, ents=iob)
            doc.spans["sc"] = [Span(doc, first[s], after[e], label=lab, kb_id="") for s, e, lab in group]
            doc.user_data["name"] = name
            docbin.add(doc)
    docbin.to_disk(out.with_suffix(".spacy"))


def _brat_conf(project: Path, used: dict[tuple[str, str], set[str]]) -> str:
    schema = schema_of(project)
    labels = [lab["name"] for lab in schema["labels"]]
    lines = ["# made by annotator from the project's schema", "[entities]", *labels, "", "[relations]"]
    for rel in schema["relations"]:
        heads = sorted({h for h in rel["from"] if h in labels}, key=labels.index)
        tails = sorted({t for t in rel["to"] if t in labels}, key=labels.index)
        if heads and tails:
            lines.append(f"{rel['name']}\tArg1:{'|'.join(heads)}, Arg2:{'|'.join(tails)}")
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    attrs: dict[str, dict[str, list[str]]] = {}
    for lab in schema["labels"]:
        for key, values in lab.get("attributes", {}).items():
            attrs.setdefault(key, {})[lab["name"]] = list(values)
    for (label, key), values in sorted(used.items()):
        have = attrs.setdefault(key, {}).setdefault(label, [])
        have += sorted(v for v in values if v not in have)
    for key in sorted(attrs):
        on = [lab for lab in labels if lab in attrs[key]]
        values: list[str] = []
        for lab in on:
            values += [v for v in attrs[key][lab] if v not in values]
        lines.append(f"{key}\tArg:{'|'.join(on)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


def export_brat(project: Path, out: Path) -> None:
    out.mkdir()
    used: dict[tuple[str, str], set[str]] = {}
    for (_id, name, text, _sha, _meta, _source, _tok), spans, rels, _st in documents(project):
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        lines, attr_lines, tid = [], [], {}
        for sp in spans:
            for key, value in sp[5].items():
                used.setdefault((sp[2], key), set()).add(value)
            frags, s = [], sp[0]
            while s < sp[1]:  # a span is written in pieces between its line breaks
                nl = text.find("\n", s, sp[1])
                e = sp[1] if nl == -1 else nl
                if text[s:e].strip():
                    frags.append((s, e))
                s = e + 1
            if not frags:
                continue
            tid[sp[7]] = t = f"T{len(tid) + 1}"
            where = ";".join(f"{a} {b}" for a, b in frags)
            lines.append(f"{t}\t{sp[2]} {where}\t{' '.join(text[a:b] for a, b in frags)}")
            for key, value in sorted(sp[5].items()):
                attr_lines.append(f"A{len(attr_lines) + 1}\t{key} {t} {value}")
        links = sorted(
            {(typ, tid[h], tid[t]) for typ, h, t, _a in rels if h in tid and t in tid},
            key=lambda r: (r[0], int(r[1][1:]), int(r[2][1:])),
        )
        lines += [f"R{n}\t{typ} Arg1:{h} Arg2:{t}" for n, (typ, h, t) in enumerate(links, 1)]
        (out / f"{name}.ann").write_text(
            "".join(line + "\n" for line in lines + attr_lines), encoding="utf-8"
        )
    (out / "annotation.conf").write_text(_brat_conf(project, used), encoding="utf-8")


def export_quotes(project: Path, out: Path) -> None:
    columns = ["document", "annotator", "start", "end", "type", "quote", "speaker", "speaker_kind"]
    columns += ["speaker_refers_to", "cue"]

    def cell(v: str) -> str:
        return "'" + v if v and v[0] in "=+-@\t\r" else v

    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(columns)
        for (_id, name, text, *_rest), spans, rels, _st in documents(project):
            by_id = {sp[7]: sp for sp in spans}

            def linked(
                kind: str, of: int, forward: bool = True, rels: Any = rels, by_id: Any = by_id
            ) -> list:
                ids = [
                    (t if forward else h)
                    for typ, h, t, _a in rels
                    if typ == kind and (h if forward else t) == of
                ]
                return sorted((by_id[i] for i in ids if i in by_id), key=lambda x: (x[0], -x[1]))

            for sp in spans:
                if sp[2] != "QUOTE":
                    continue
                speakers = linked("ATTRIBUTED_TO", sp[7])
                refers = [", ".join(text[o[0] : o[1]] for o in linked("SAME_AS", s[7])) for s in speakers]
                cues = linked("CUE_OF", sp[7], forward=False)
                w.writerow(
                    [
                        cell(name),
                        cell(sp[3]),
                        sp[0],
                        sp[1],
                        cell(sp[5].get("type", "")),
                        cell(text[sp[0] : sp[1]]),
                        cell(" | ".join(text[s[0] : s[1]] for s in speakers)),
                        cell(" | ".join(s[5].get("kind", "") for s in speakers)),
                        cell(" | ".join(r for r in refers if r)),
                        cell(" | ".join(text[c[0] : c[1]] for c in cues)),
                    ]
                )


EXPORTS = {
    "jsonl": export_jsonl,
    "spacy": export_spacy,
    "hf": export_hf,
    "conll": export_conll,
    "brat": export_brat,
    "quotes": export_quotes,
}


# ----------------------------------------------------------------------------- imports
def _new_project(project: Path) -> sqlite3.Connection:
    from annotator.core.store import Store

    Store.create(project).close()  # the same schema and indexes as a real project
    conn = sqlite3.connect(project, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _insert(conn: sqlite3.Connection, docs: list, spans: list, rels: list, statuses: list) -> None:
    conn.executemany(
        "INSERT INTO documents(id, name, title, text, length, sha256, meta, source, tokens) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        docs,
    )
    conn.executemany(
        'INSERT INTO spans(id, doc_id, start, "end", label, annotator, origin, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        spans,
    )
    conn.executemany(
        "INSERT INTO relations(doc_id, type, head, tail, annotator) VALUES (?, ?, ?, ?, ?)", rels
    )
    conn.executemany("INSERT INTO statuses(doc_id, annotator, status) VALUES (?, ?, ?)", statuses)
    for rows in (docs, spans, rels, statuses):
        rows.clear()


def import_jsonl(source: Path, project: Path) -> None:
    """Line by line: json.loads, then the same rows the store writes, executemany per 5,000 spans."""
    conn = _new_project(project)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    docs: list = []
    spans: list = []
    rels: list = []
    statuses: list = []
    doc_id = span_id = 0
    with open(source, "rb") as fh:
        for line in fh:
            obj = json.loads(line)
            doc_id += 1
            text, meta = obj["text"], obj.get("meta") or {}
            sha = hashlib.sha256(text.encode()).hexdigest()
            name = obj.get("name", str(doc_id))
            docs.append(
                (doc_id, name, meta.get("title", ""), text, len(text), sha, dumps(meta), str(source), None)
            )
            ids = {}
            for sp in obj.get("spans", ()):
                span_id += 1
                ids[sp["id"]] = span_id
                attrs = sp.get("attrs")
                spans.append(
                    (
                        span_id,
                        doc_id,
                        sp["start"],
                        sp["end"],
                        sp["label"],
                        sp.get("annotator", "import"),
                        sp.get("origin", "imported"),
                        dumps(attrs) if attrs else "{}",
                    )  # fmt: skip
                )
            rels += [
                (doc_id, r["type"], ids[r["head"]], ids[r["tail"]], "ali") for r in obj.get("relations", ())
            ]
            statuses += [(doc_id, a, s) for a, s in (obj.get("status") or {}).items()]
            if len(spans) >= 5000:
                _insert(conn, docs, spans, rels, statuses)
    _insert(conn, docs, spans, rels, statuses)
    conn.execute("COMMIT")
    conn.close()


def import_conll(source: Path, project: Path, per_doc: int = 50) -> None:
    """Line by line: `token TAG`, sentences ending at . ! ? ؟ (ANERcorp has no blank lines), 50 a document."""
    conn = _new_project(project)
    docs: list = []
    spans: list = []
    doc_id = span_id = 0
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> None:
        nonlocal doc_id, span_id, sentences
        if not sentences:
            return
        doc_id += 1
        pieces, bounds, pos = [], [], -1
        for sentence in sentences:
            label = None
            for tok, tag in sentence:
                start = pos + 1
                pos = start + len(tok)
                bounds.append((start, pos))
                if tag == "O" or (tag[0] == "B") or tag[2:] != label:
                    label = None if tag == "O" else tag[2:]
                    if label:
                        span_id += 1
                        spans.append([span_id, doc_id, start, pos, label, "import", "imported", "{}"])
                else:
                    spans[-1][3] = pos
            pieces.append(" ".join(t for t, _ in sentence))
        text = "\n".join(pieces)
        meta = json.dumps({"source_file": source.name, "part": doc_id}, ensure_ascii=False)
        tokens = json.dumps(bounds, separators=(",", ":"))
        docs.append((doc_id, f"{source.stem}-{doc_id:04d}", "", text, len(text),
                     hashlib.sha256(text.encode()).hexdigest(), meta, str(source), tokens))  # fmt: skip
        sentences = []
        if len(spans) >= 5000:
            _insert(conn, docs, [tuple(s) for s in spans], [], [])
            spans.clear()

    with open(source, encoding="utf-8") as fh:
        for line in fh:
            token, _, tag = line.rstrip().rpartition(" ")
            token = token.strip()
            if not token:
                continue
            current.append((token, tag.strip()))
            if token in SENTENCE_END:
                sentences.append(current)
                current = []
                if len(sentences) == per_doc:
                    flush_doc()
    if current:
        sentences.append(current)
    flush_doc()
    _insert(conn, docs, [tuple(s) for s in spans], [], [])
    conn.execute("COMMIT")
    conn.close()


def main(argv: list[str]) -> None:
    what = argv[0]
    if what == "export":
        EXPORTS[argv[1]](Path(argv[2]), Path(argv[3]))
    elif what == "import-jsonl":
        import_jsonl(Path(argv[1]), Path(argv[2]))
    elif what == "import-conll":
        import_conll(Path(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
