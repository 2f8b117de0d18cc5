"""Baselines for the I/O benchmark: the least code that reads or writes the same data as annotator.

Each is what an engineer would write as a one-off script, with raw `sqlite3`, `json`, `csv` and the
same libraries (spaCy for `.spacy` and its training config, pyarrow for Parquet): no validation, no
filters, no atomic files, no progress, no warnings, and none of annotator's code for a project that
stores its tokens (ANERcorp; for a project without them the tokens come from annotator's tokenizer,
the one part a script would reuse). Every export format has one, and each writes the same bytes
as `annotator export --all-statuses` (io_bench checks it on every run), so a ratio to them is the
exporter's own overhead, tokens and span texts included. They follow the exporters' rules as far as
the benchmark's projects need: documents in id order, spans sorted as exported, suggestions left
out, the flat rule for BIO tags; not the rare cases (rows over 200 tokens, file names that need
cleaning, spans whose edges fall in whitespace).

    python benchmarks/io_baselines.py export FORMAT PROJECT OUT
    python benchmarks/io_baselines.py import-jsonl FILE PROJECT     # into a new project
    python benchmarks/io_baselines.py import-conll FILE PROJECT

Run as fresh processes by io_bench, so that each figure includes its interpreter and library imports.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
PLAIN = json.JSONEncoder(ensure_ascii=False).encode
SENTENCE_END = {".", "!", "?", "؟"}
#: Whitespace inside a token would break CoNLL's lines: written as _ (as annotator does).
SPACE = re.compile(r"\s")
#: Tabs and line breaks inside a token (the Hugging Face export writes them as _).
NO_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\x0b\x0c\x85\u2028\u2029", "_"))


# ----------------------------------------------------------------------------- reading a project
def documents(project: Path):
    """(doc row, spans, relations, statuses) per document, in id order, with spans in export order."""
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    statuses: dict[int, dict[str, str]] = {}
    for doc_id, who, status in conn.execute("SELECT doc_id, annotator, status FROM statuses"):
        statuses.setdefault(doc_id, {})[who] = status
    spans = conn.execute(
        'SELECT doc_id, id, start, "end", label, annotator, origin, attrs FROM spans '
        "WHERE origin != 'suggested' ORDER BY doc_id"
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


def _rows(project: Path):
    """Per document: name, text, tokens, words, and the rows (sentence ranges with their tags; a
    row never opens with I-) that CoNLL and CoNLL-U write."""
    for (_id, name, text, _sha, _meta, _source, stored), spans, _rels, _st in documents(project):
        tokens = tokens_of(text, stored)
        tags = bio(tokens, flat(spans))
        words = [text[s:e] for s, e in tokens]
        rows = []
        for r in sentences_of(text, tokens, bool(stored)):
            row = tags[r.start : r.stop]
            if row[0].startswith("I-"):
                row[0] = "B-" + row[0][2:]
            rows.append((r, row))
        yield name, text, tokens, words, rows


def export_conll(project: Path, out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for _name, _text, _tokens, words, rows in _rows(project):
            words = [SPACE.sub("_", w) for w in words]
            for r, row in rows:
                fh.write(
                    "".join(f"{w} {t}\n" for w, t in zip(words[r.start : r.stop], row, strict=True)) + "\n"
                )


def export_conllu(project: Path, out: Path) -> None:
    def one(v: str) -> str:
        return v.replace("\t", " ").replace("\r", " ").replace("\n", " ")

    with open(out, "w", encoding="utf-8") as fh:
        for name, text, tokens, words, rows in _rows(project):
            lines = [f"# newdoc id = {one(name)}"]
            for n, (r, row) in enumerate(rows, 1):
                lines.append(f"# sent_id = {one(name)}-{n}")
                lines.append(f"# text = {one(text[tokens[r.start][0] : tokens[r.stop - 1][1]])}")
                for k, i in enumerate(r):
                    glued = i + 1 < r.stop and tokens[i + 1][0] == tokens[i][1]
                    misc = f"NER={row[k]}" + ("|SpaceAfter=No" if glued else "")
                    lines.append(f"{k + 1}\t{one(words[i])}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
                lines.append("")
            fh.write("\n".join(lines) + "\n")


def export_hf(project: Path, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.json as pa_json
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
    parse = pa_json.ParseOptions(explicit_schema=schema)

    def row_group(lines: list[str]) -> None:
        # pyarrow's JSON reader, not Table.from_pylist: arrays made from Python lists import pandas
        data = "".join(lines).encode("utf-8")
        read = pa_json.ReadOptions(use_threads=False, block_size=len(data))
        writer.write_table(pa_json.read_json(pa.BufferReader(data), read_options=read, parse_options=parse))

    rows: list[str] = []
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
                line = PLAIN(row) + "\n"
                fh.write(line)
                rows.append(line)
                if len(rows) == 2000:
                    row_group(rows)
                    rows = []
    if rows:
        row_group(rows)
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
        for (_id, name, text, sha, meta, source, stored), spans, _rels, _st in documents(project):
            meta = json.loads(meta)
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
                "meta": {"name": name, "sha256": sha, "source": source, "split": None, "document": meta},
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
            doc.user_data["meta"] = meta
            docbin.add(doc)
    docbin.to_disk(out.with_suffix(".spacy"))
    from spacy.cli.init_config import init_config

    config = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False, silent=True)
    config["paths"]["train"] = config["paths"]["dev"] = out.with_suffix(".spacy").name
    for corpus in ("train", "dev"):
        config["corpora"][corpus]["gold_preproc"] = True
    cfg = out.with_suffix(".config.cfg")
    cfg.write_text(
        "# made by annotator: spaCy's NER config for Arabic, with gold_preproc = true so that spaCy\n"
        "# trains on the exported tokens instead of retokenising (which loses entities that leave a\n"
        f"# proclitic out). Run from this folder: python -m spacy train {cfg.name}\n" + config.to_str(),
        encoding="utf-8",
    )


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
    _marker(project, out, "brat")


def _marker(project: Path, out: Path, fmt: str) -> None:
    """The folder export's marker: the project's id and the files written."""
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    row = conn.execute("SELECT value FROM project WHERE key = 'id'").fetchone()
    conn.close()
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    with open(out / ".annotator-export.json", "w", encoding="utf-8") as fh:
        json.dump({"project": row[0] if row else "", "format": fmt, "files": files}, fh, indent=1)
        fh.write("\n")


def _quotes(name: str, text: str, meta: dict, spans: list, rels: list, first: int) -> list[dict]:
    """The quote records of a document (relations followed within the spans given)."""
    by_id = {sp[7]: sp for sp in spans}
    out_of: dict[tuple, list] = {}
    into: dict[tuple, list] = {}
    for typ, h, t, _a in rels:
        out_of.setdefault((typ, h), []).append(t)
        into.setdefault((typ, t), []).append(h)

    def linked(ids: list) -> list:
        return sorted((by_id[i] for i in ids if i in by_id), key=lambda x: (x[0], -x[1]))

    def where(sp: tuple) -> dict:
        return {"text": text[sp[0] : sp[1]], "start": sp[0], "end": sp[1]}

    def speakers_of(sp: tuple) -> list[dict]:
        return [
            {
                **where(k),
                "kind": k[5].get("kind", ""),
                "refers_to": [where(o) for o in linked(out_of.get(("SAME_AS", k[7]), []))],
            }
            for k in linked(out_of.get(("ATTRIBUTED_TO", sp[7]), []))
        ]

    quotes = [sp for sp in spans if sp[2] == "QUOTE"]
    number = {sp[7]: first + i for i, sp in enumerate(quotes)}
    recs = []
    for sp in quotes:
        speakers, source, seen, cur = speakers_of(sp), None, {sp[7]}, sp
        while not speakers:  # a continued piece takes the speakers of the piece it continues
            prev = linked(out_of.get(("CONTINUES", cur[7]), []))
            if not prev or prev[0][7] in seen:
                break
            cur = prev[0]
            seen.add(cur[7])
            speakers = speakers_of(cur)
            source = number.get(cur[7]) if speakers else None
        prev = linked(out_of.get(("CONTINUES", sp[7]), []))
        rec = {
            "id": number[sp[7]], "document": name, "date": str(meta.get("date", "")), "annotator": sp[3],
            "start": sp[0], "end": sp[1], "quote": text[sp[0] : sp[1]], "type": sp[5].get("type", ""),
            "speakers": speakers, "cues": [where(c) for c in linked(into.get(("CUE_OF", sp[7]), []))],
            "continues": number.get(prev[0][7]) if prev else None,
        }  # fmt: skip
        if source is not None:
            rec["speakers_from"] = source
        recs.append(rec)
    return recs


def export_quotes(project: Path, out: Path) -> None:
    columns = ["document", "annotator", "start", "end", "type", "quote", "speaker", "speaker_kind"]
    columns += ["speaker_refers_to", "cue", "id", "continues", "date", "speaker_offsets", "cue_offsets"]

    def cell(v: str) -> str:
        return "'" + v if v and v[0] in "=+-@\t\r" else v

    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(columns)
        n = 1
        for (_id, name, text, _sha, meta, *_rest), spans, rels, _st in documents(project):
            recs = _quotes(name, text, json.loads(meta), spans, rels, n)
            n += len(recs)
            for r in recs:
                spk = r["speakers"]
                refers = [", ".join(o["text"] for o in k["refers_to"]) for k in spk if k["refers_to"]]
                w.writerow(
                    [
                        cell(name), cell(r["annotator"]), r["start"], r["end"], cell(r["type"]), cell(r["quote"]),
                        cell(" | ".join(k["text"] for k in spk)), cell(" | ".join(k["kind"] for k in spk)),
                        cell(" | ".join(refers)), cell(" | ".join(c["text"] for c in r["cues"])), r["id"],
                        "" if r["continues"] is None else r["continues"], cell(r["date"]),
                        " | ".join(f"{k['start']}-{k['end']}" for k in spk),
                        " | ".join(f"{c['start']}-{c['end']}" for c in r["cues"]),
                    ]
                )  # fmt: skip


def _layers(spans: list, rels: list, statuses: dict) -> list[tuple]:
    """(annotator, spans, relations) per annotator in name order."""
    names = sorted({sp[3] for sp in spans} | set(statuses))
    return [(a, [sp for sp in spans if sp[3] == a], [r for r in rels if r[3] == a]) for a in names]


def export_citron(project: Path, out: Path) -> None:
    def piece(d: dict) -> dict:
        return {"start": d["start"], "end": d["end"], "text": d["text"]}

    with open(out, "w", encoding="utf-8") as fh:
        for (_id, name, text, _sha, meta, *_rest), spans, rels, statuses in documents(project):
            meta = json.loads(meta)
            for annotator, mine, links in _layers(spans, rels, statuses) or [(None, [], [])]:
                recs = _quotes(name, text, meta, mine, links, 1)
                ids = {r["id"] for r in recs}
                quotes = []
                for r in recs:
                    if r["continues"] is not None and r["continues"] in ids:
                        continue
                    pieces = [r]
                    while nxt := next(
                        (q for q in recs if q["continues"] == pieces[-1]["id"] and q not in pieces), None
                    ):
                        pieces.append(nxt)
                    sources, corefs, cues = [], [], []
                    for q in pieces:
                        for k in q["speakers"]:
                            if piece(k) not in sources:
                                sources.append(piece(k))
                            corefs += [piece(o) for o in k["refers_to"] if piece(o) not in corefs]
                        cues += [piece(c) for c in q["cues"] if piece(c) not in cues]
                    contents = [{"start": q["start"], "end": q["end"], "text": q["quote"]} for q in pieces]
                    quotes.append({"id": r["id"], "cue": cues[0] if cues else None, "sources": sources,
                                   "contents": contents, "coreferences": corefs})  # fmt: skip
                rec = {"text": text, "quotes": quotes, "name": name, "date": str(meta.get("date", "")),
                       "annotator": annotator}  # fmt: skip
                fh.write(PLAIN(rec) + "\n")


def export_doccano(project: Path, out: Path) -> None:
    reserved = {"id", "text", "entities", "relations", "Comments", "name", "label", "annotations", "data"}
    with open(out, "w", encoding="utf-8") as fh:
        for n, ((_id, name, text, _sha, meta, *_rest), spans, rels, _st) in enumerate(documents(project), 1):
            first: dict = {}
            alias = {}
            for sp in spans:  # identical spans (two annotators) count once
                alias[sp[7]] = first.setdefault((sp[0], sp[1], sp[2], sp[6]), sp)
            kept = list(first.values())
            ids = {sp[7]: i for i, sp in enumerate(kept, 1)}
            links: dict = {}
            for typ, h, t, _a in rels:
                links.setdefault((ids[alias[h][7]], ids[alias[t][7]], typ), None)
            rec = {
                "id": n,
                "text": text,
                "entities": [{"id": ids[sp[7]], "label": sp[2], "start_offset": sp[0], "end_offset": sp[1]} for sp in kept],
                "relations": [{"id": i, "from_id": a, "to_id": b, "type": t} for i, (a, b, t) in enumerate(links, 1)],
                "Comments": [],
                "name": name,
            }  # fmt: skip
            for key, value in json.loads(meta).items():
                rec["meta_" + key if key in reserved else key] = value
            fh.write(PLAIN(rec) + "\n")


def export_labelstudio(project: Path, out: Path) -> None:
    schema = schema_of(project)
    declared: dict[str, list[str]] = {}
    for lab in schema["labels"]:
        for key, values in lab.get("attributes", {}).items():
            declared.setdefault(key, [])
            declared[key] += [v for v in values if v not in declared[key]]
    used: set[str] = set()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("[")
        for n, ((_id, name, text, _sha, meta, *_rest), spans, rels, statuses) in enumerate(
            documents(project), 1
        ):
            annotations = []
            for k, (annotator, mine, links) in enumerate(_layers(spans, rels, statuses), 1):
                result: list[dict] = []
                for sp in mine:
                    where = {"start": sp[0], "end": sp[1], "text": text[sp[0] : sp[1]]}
                    result.append({"value": {**where, "labels": [sp[2]]}, "id": f"s{sp[7]}", "from_name": "label",
                                   "to_name": "text", "type": "labels", "origin": "manual"})  # fmt: skip
                    for key, value in sorted(sp[5].items()):
                        used.add(key)
                        choice = key in declared
                        result.append({"value": {**where, ("choices" if choice else "text"): [value] if choice else value.split("\n")},
                                       "id": f"s{sp[7]}", "from_name": key, "to_name": "text", "type": "choices" if choice else "textarea",
                                       "origin": "manual"})  # fmt: skip
                result += [{"from_id": f"s{h}", "to_id": f"s{t}", "type": "relation", "direction": "right", "labels": [typ]}
                           for typ, h, t, _a in links]  # fmt: skip
                annotations.append({"id": k, "result": result, "created_username": annotator,
                                    "annotator_status": statuses.get(annotator, "new"), "was_cancelled": False,
                                    "ground_truth": False})  # fmt: skip
            data = {"text": text, "name": name}
            for key, value in json.loads(meta).items():
                data.setdefault(key if key not in data else f"meta_{key}", value)
            fh.write(
                ("\n" if n == 1 else ",\n")
                + PLAIN({"id": n, "data": data, "annotations": annotations, "predictions": []})
            )
        fh.write("\n]\n")
    lines = [
        "<View>",
        "  <Relations>",
        *(f"    <Relation value={quoteattr(r['name'])}/>" for r in schema["relations"]),
    ]
    lines += ["  </Relations>", '  <Labels name="label" toName="text">']
    lines += [
        f"    <Label value={quoteattr(lab['name'])} background={quoteattr(lab['colour'])}/>"
        for lab in schema["labels"]
    ]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>']
    for key, values in sorted(declared.items()):
        lines.append(f'  <Choices name={quoteattr(key)} toName="text" perRegion="true" choice="single">')
        lines += [f"    <Choice value={quoteattr(v)}/>" for v in values] + ["  </Choices>"]
    lines += [
        f'  <TextArea name={quoteattr(key)} toName="text" perRegion="true"/>'
        for key in sorted(used - set(declared))
    ]
    out.with_name(out.stem + ".labelconfig.xml").write_text(
        "\n".join([*lines, "</View>"]) + "\n", encoding="utf-8"
    )


def export_prodigy(project: Path, out: Path) -> None:
    def phash(*parts: str) -> int:
        return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:4], "big", signed=True)

    with open(out, "w", encoding="utf-8") as fh:
        for (_id, name, text, _sha, meta, _source, stored), spans, rels, statuses in documents(project):
            meta = json.loads(meta)
            toks = _spacy_layout(text, tokens_of(text, stored), spans)
            nexts = [s for s, _ in toks[1:]] + [len(text)]
            tokens = [
                {"text": text[s:e], "start": s, "end": e, "id": i, "ws": nxt > e and text[e] == " "}
                for i, ((s, e), nxt) in enumerate(zip(toks, nexts, strict=True))
            ]
            first = {s: i for i, (s, _) in enumerate(toks)}
            last = {e: i for i, (_, e) in enumerate(toks)}
            for annotator, mine, links in _layers(spans, rels, statuses) or [(None, [], [])]:
                items = {}
                for sp in mine:
                    item = {"start": sp[0], "end": sp[1], "text": text[sp[0] : sp[1]], "label": sp[2]}
                    if sp[0] in first and sp[1] in last:
                        item["token_start"], item["token_end"] = first[sp[0]], last[sp[1]]
                    if sp[5]:
                        item["attrs"] = sp[5]
                    items[sp[7]] = item
                relations = [
                    {"head": items[h].get("token_end", 0), "child": items[t].get("token_end", 0),
                     "head_span": {k: v for k, v in items[h].items() if k != "attrs"},
                     "child_span": {k: v for k, v in items[t].items() if k != "attrs"}, "label": typ}
                    for typ, h, t, _a in links
                ]  # fmt: skip
                listed = list(items.values())
                rec = {
                    "text": text, "meta": {"name": name, **{k: v for k, v in meta.items() if k != "name"}},
                    "tokens": tokens, "spans": listed, "relations": relations, "_input_hash": phash(text),
                    "_task_hash": phash(text, annotator or "", json.dumps(listed, sort_keys=True)),
                    "_view_id": "relations" if relations else "ner_manual", "answer": "accept",
                }  # fmt: skip
                if annotator is not None:
                    rec["_annotator_id"] = rec["_session_id"] = annotator
                if annotator in statuses:
                    rec["_annotator_status"] = statuses[annotator]
                fh.write(PLAIN(rec) + "\n")


def export_webanno(project: Path, out: Path) -> None:
    special = re.compile(r"(\\|\[|\]|\||_|->|;|\*)")

    def esc(v: str) -> str:
        return special.sub(lambda m: "\\" + m.group(), v).replace("\t", "\\t").replace("\n", "\\n")

    out.mkdir()
    layer = "webanno.custom.Span"
    for (_id, name, text, _sha, _meta, _source, stored), spans, rels, _st in documents(project):
        cuts = sorted({sp[0] for sp in spans} | {sp[1] for sp in spans})
        words = []
        for s, e in tokens_of(text, stored):  # split a token where a span edge falls inside it
            for c in cuts[bisect_right(cuts, s) : bisect_left(cuts, e)]:
                words.append((s, c))
                s = c
            words.append((s, e))
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

        def u16(i: int, astral: list = astral) -> int:
            return i + bisect_left(astral, i)

        keys = sorted({k for sp in spans for k in sp[5]})
        starts = [s for s, _ in words]
        ends = [e for _, e in words]
        cover, on = {}, {}
        for sp in spans:
            a, z = bisect_right(ends, sp[0]), bisect_left(starts, sp[1])
            if a < z:
                cover[sp[7]] = (a, z)
                for k in range(a, z):
                    on.setdefault(k, []).append(sp)
        ids = {}
        for sp in spans:
            if sp[7] in cover:
                a, z = cover[sp[7]]
                if z - a > 1 or any(len(on[k]) > 1 for k in range(a, z)):
                    ids[sp[7]] = len(ids) + 1
        sentences = sentences_of(text, words, bool(stored))
        addr = {k: f"{n}-{m}" for n, r in enumerate(sentences, 1) for m, k in enumerate(r, 1)}
        rels_on: dict = {}
        for typ, h, t, _a in rels:
            if h in cover and t in cover:
                rels_on.setdefault(cover[t][0], []).append((typ, h, t))

        def tag(sp: tuple, v: str, ids: dict = ids) -> str:
            return f"{v}[{ids[sp[7]]}]" if sp[7] in ids else v

        lines = ["#FORMAT=WebAnno TSV 3.3", f"#T_SP={layer}|{'|'.join(['label', *keys])}",
                 f"#T_RL=webanno.custom.Relation|label|BT_{layer}", "", ""]  # fmt: skip
        for n, r in enumerate(sentences):
            s0 = 0 if n == 0 else words[r.start][0]
            e0 = words[sentences[n + 1].start][0] if n + 1 < len(sentences) else len(text)
            lines += [f"#Text={line}" for line in text[s0:e0].split("\n")]
            for k in r:
                s, e = words[k]
                here = on.get(k, [])
                cols = [addr[k], f"{u16(s)}-{u16(e)}", text[s:e].replace("\t", " ").replace("\n", " ")]
                cols.append("|".join(tag(sp, esc(sp[2])) for sp in here) or "_")
                for key in keys:
                    cols.append(
                        "|".join(tag(sp, esc(sp[5][key]) if key in sp[5] else "*") for sp in here) or "_"
                    )
                mine = rels_on.get(k, [])
                cols.append("|".join(esc(typ) for typ, _h, _t in mine) or "_")
                srcs = []
                for _typ, h, t in mine:
                    src = addr[cover[h][0]]
                    if h in ids or t in ids:
                        src += f"[{ids.get(h, 0)}_{ids.get(t, 0)}]"
                    srcs.append(src)
                cols.append("|".join(srcs) or "_")
                lines.append("\t".join(cols) + "\t")
            lines.append("")
        with open(out / f"{name}.tsv", "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")
    _marker(project, out, "webanno")


EXPORTS = {
    "jsonl": export_jsonl,
    "spacy": export_spacy,
    "hf": export_hf,
    "conll": export_conll,
    "brat": export_brat,
    "quotes": export_quotes,
    "conllu": export_conllu,
    "doccano": export_doccano,
    "labelstudio": export_labelstudio,
    "citron": export_citron,
    "prodigy": export_prodigy,
    "webanno": export_webanno,
}


# ----------------------------------------------------------------------------- imports
def _new_project(project: Path) -> sqlite3.Connection:
    from annotator.core.store import Store

    Store.create(project).close()  # the same schema and indexes as a real project
    conn = sqlite3.connect(project, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    # the schema's REFERENCES checked on every row, as every connection of the store checks them
    # (a span's document, a relation's document and spans): without it the baseline skipped a
    # lookup per span and three per relation that the real import makes
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN IMMEDIATE")
    # the document list's full-text index takes the import in one statement at the end (_finish),
    # as the store's bulk add does, instead of its trigger indexing row by row
    conn.execute("INSERT INTO project(key, value) VALUES ('fts.deferred', '1')")
    return conn


def _finish(conn: sqlite3.Connection) -> None:
    """Index the folded names and titles for the document filter, as the store does; commit."""
    conn.execute("INSERT INTO documents_fts(rowid, folded) SELECT id, folded FROM documents")
    conn.execute("DELETE FROM project WHERE key = 'fts.deferred'")
    conn.execute("COMMIT")
    conn.close()


def _insert(conn: sqlite3.Connection, docs: list, spans: list, rels: list, statuses: list) -> None:
    from annotator.core.migrations import folded_label  # the row's folded name and title, as stored

    conn.executemany(
        "INSERT INTO documents(id, name, title, folded, text, length, sha256, meta, source, tokens) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(d[0], d[1], d[2], folded_label(d[1], d[2]), *d[3:]) for d in docs],
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
    _finish(conn)


def _pieces(sentence: list[tuple[str, str]], limit: int = 200) -> list[list[tuple[str, str]]]:
    """A sentence over `limit` tokens cut as the importer cuts it: after a comma or semicolon in the
    last quarter of the window outside an entity, else before a token that continues none, else at
    the limit (each piece counts as a sentence of the document)."""
    out = []
    while len(sentence) > limit:
        window = range(limit, limit * 3 // 4 - 1, -1)
        free = [k for k in window if sentence[k][1][:2] not in ("I-", "E-", "L-")]
        cut = next((k for k in free if sentence[k - 1][0] in ",،;؛:"), free[0] if free else limit)
        out.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*out, sentence]


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
                sentences.extend(_pieces(current))
                current = []
                if len(sentences) >= per_doc:
                    flush_doc()
    if current:
        sentences.extend(_pieces(current))
    flush_doc()
    _insert(conn, docs, [tuple(s) for s in spans], [], [])
    _finish(conn)


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
