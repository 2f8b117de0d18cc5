"""Exports: every format on the sample article and on ANERcorp, round trips, filters and splits.

Safety (atomic writes, cancel, validation, file names) is in test_export_safety.py.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator.core.exporters import ExportError, ExportOptions, export
from annotator.core.exporters.common import XSpan, bio_tags, flat_spans
from annotator.core.exporters.splits import parse_ratios, split_of
from annotator.core.importers import import_paths
from annotator.core.model import NewDocument, NewRelation, NewSpan, Status
from annotator.core.store import Store
from tests.core.export_fixtures import SECOND_TEXT, make_anercorp_project, make_sample_project
from tests.shared_data import ANERCORP, optional_module, require

ALL = ExportOptions(statuses=None)


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    store = make_sample_project(tmp_path / "sample.annotator.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def anercorp(tmp_path_factory: pytest.TempPathFactory) -> Store:
    require(ANERCORP)
    store = make_anercorp_project(tmp_path_factory.mktemp("aner") / "aner.annotator.db")
    yield store
    store.close()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def conll_pairs(path: Path) -> list[tuple[str, str]]:
    """(token, tag) pairs of a CoNLL file, blank lines (sentence breaks) left out."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        tok, tag = line.rsplit(None, 1) if len(line.split()) > 1 else ("", line.strip())
        out.append((tok, tag))
    return out


# ----------------------------------------------------------------------------- own JSONL
def test_jsonl_follows_the_format(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = export(sample, "jsonl", out, ALL)
    assert report.files == [out]
    raw = out.read_bytes().decode("utf-8")
    lines = raw.split("\n")
    assert lines[-1] == "" and len(lines) == 4
    for line in lines[:-1]:
        obj = json.loads(line)
        assert line == json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    first, second, third = (json.loads(x) for x in lines[:-1])
    assert first["name"] == "2025-04-28-turkey-israel-azerbaijan"
    assert first["status"] == {"ali": "done", "bea": "in_progress"}
    assert first["tokens"] is None and first["meta"]["date"] == "2025-04-28"
    spans = first["spans"]
    assert [s["id"] for s in spans] == list(range(1, len(spans) + 1))
    assert all(first["text"][s["start"] : s["end"]] == s["text"] for s in spans)
    keys = [(s["start"], -s["end"], s["label"], s["annotator"], s["origin"]) for s in spans]
    assert keys == sorted(keys)
    by_id = {s["id"]: s for s in spans}
    rels = first["relations"]
    assert [r["id"] for r in rels] == list(range(1, len(rels) + 1))
    assert {(r["type"], by_id[r["head"]]["label"], by_id[r["tail"]]["label"]) for r in rels} == {
        ("ATTRIBUTED_TO", "QUOTE", "SPEAKER"),
        ("CUE_OF", "CUE", "QUOTE"),
        ("SAME_AS", "SPEAKER", "ORG"),
    }
    quote = next(s for s in spans if s["label"] == "QUOTE" and s["attrs"]["type"] == "direct")
    assert quote["text"].startswith('"') and quote["origin"] == "manual"
    assert not any(s["origin"] == "suggested" for s in spans)  # not accepted yet: left out, and said so
    assert any("1 suggestion not yet accepted is left out" in w for w in report.warnings)
    assert second["text"] == SECOND_TEXT and third["status"] == {"ali": "in_progress"}
    assert report.documents == 3 and report.spans == 20 and report.relations == 7


def _round_trip(store: Store, tmp_path: Path) -> tuple[bytes, bytes]:
    first = tmp_path / "first.jsonl"
    export(store, "jsonl", first, ALL)
    copy = Store.create(tmp_path / "copy.annotator.db")
    report = import_paths(copy, [first], format="jsonl")
    assert report.ok, report.failures
    second = tmp_path / "second.jsonl"
    export(copy, "jsonl", second, ALL)
    copy.close()
    return first.read_bytes(), second.read_bytes()


def test_jsonl_round_trip_is_byte_identical_on_the_sample(sample: Store, tmp_path: Path) -> None:
    a, b = _round_trip(sample, tmp_path)
    assert a == b


def test_jsonl_round_trip_is_byte_identical_on_anercorp(anercorp: Store, tmp_path: Path) -> None:
    a, b = _round_trip(anercorp, tmp_path)
    assert a == b
    first = json.loads(a.split(b"\n", 1)[0])
    assert first["tokens"] and all(isinstance(t, list) and len(t) == 2 for t in first["tokens"])


# ----------------------------------------------------------------------------- CoNLL
def test_conll_anercorp_gives_back_its_tokens_and_tags(anercorp: Store, tmp_path: Path) -> None:
    """Identical tokens (the 2 that hold a space written with `_`, so that readers keep one token);
    identical tags once IOB1 is read as IOB2 (57 entity-opening I- tags come back as B-); the 191
    empty-token lines are skipped at import; blank lines are added."""
    out = tmp_path / "aner.conll"
    report = export(anercorp, "conll", out, ALL)
    assert report.documents == 105
    assert len(report.warnings) == 1 and report.warnings[0].startswith(
        "2 tokens contain whitespace and were written with it replaced by _"
    )
    original = conll_pairs(ANERCORP)
    empty = [p for p in original if not p[0].strip()]
    assert len(empty) == 191
    original = [("_".join(t.split()), tag) for t, tag in original if t.strip()]
    assert sum(1 for t, _ in original if "_" in t) == 2
    exported = conll_pairs(out)
    assert [t for t, _ in exported] == [t for t, _ in original]
    iob2 = []
    prev = "O"
    for tok, tag in original:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        iob2.append((tok, tag))
        prev = tag
    assert exported == iob2
    differ = [(a, b) for a, b in zip(original, exported, strict=True) if a != b]
    assert len(differ) == 57 and all(a[1][2:] == b[1][2:] and b[1].startswith("B-") for a, b in differ)
    # a second trip through the exported file changes nothing at all
    again = Store.create(tmp_path / "again.annotator.db")
    assert import_paths(again, [out], format="conll").ok
    out2 = tmp_path / "again.conll"
    export(again, "conll", out2, ALL)
    again.close()
    assert out2.read_bytes() == out.read_bytes()


def test_conll_sample_tags_and_nested_warning(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "s.conll"
    report = export(sample, "conll", out, ExportOptions(annotator="ali"))
    assert report.documents == 2  # the unfinished document is left out by default
    pairs = conll_pairs(out)
    assert ("كشفت", "B-CUE") in pairs and ("وأكدت", "B-CUE") in pairs  # the proclitic و stays on the token
    assert ("التركية", "I-SPEAKER") in pairs
    assert not any(tag.endswith("ORG") and tok == "وزارة" for tok, tag in pairs[:60])  # nested ORG lost...
    assert any("outermost span wins" in w and w.startswith("3 ") for w in report.warnings)  # ...and counted
    assert any("do not align" in w for w in report.warnings)
    text = out.read_text(encoding="utf-8")
    assert "\n\n" in text and not text.startswith("\n") and "-DOCSTART-" not in text
    # a label family alone keeps the nested entities
    ents = tmp_path / "ents.conll"
    report = export(
        sample, "conll", ents, ExportOptions(annotator="ali", include_labels=("ORG", "GPE", "PERS"))
    )
    assert not any("outermost" in w for w in report.warnings)
    assert ("وزارة", "B-ORG") in conll_pairs(ents)


# ----------------------------------------------------------------------------- HF
def test_hf_jsonl_and_label_list(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "ner.jsonl"
    report = export(
        sample,
        "hf",
        out,
        ExportOptions(include_labels=("PERS", "ORG", "GPE", "LOC", "MISC"), label_map={"GPE": "LOC"}),
    )
    labels = json.loads((tmp_path / "ner.labels.json").read_text(encoding="utf-8"))
    assert labels["names"] == [
        "O",
        "B-PERS",
        "I-PERS",
        "B-ORG",
        "I-ORG",
        "B-LOC",
        "I-LOC",
        "B-MISC",
        "I-MISC",
    ]
    assert labels["label2id"]["B-LOC"] == 5 and labels["id2label"]["5"] == "B-LOC"
    rows = read_jsonl(out)
    assert all(len(r["tokens"]) == len(r["ner_tags"]) > 0 for r in rows)
    names = labels["names"]
    tagged = {(tok, names[t]) for r in rows for tok, t in zip(r["tokens"], r["ner_tags"], strict=True)}
    assert ("أذربيجان،", "B-LOC") in tagged or ("أذربيجان", "B-LOC") in tagged
    assert ("محمد", "B-PERS") in tagged and ("علي", "I-PERS") in tagged
    assert {r["document"] for r in rows} == {"2025-04-28-turkey-israel-azerbaijan", "تصريح الوزير"}
    assert out in report.files and tmp_path / "ner.labels.json" in report.files


def test_hf_loads_with_datasets(anercorp: Store, tmp_path: Path) -> None:
    datasets = optional_module("datasets", "datasets")
    out = tmp_path / "aner.jsonl"
    export(anercorp, "hf", out, ALL)
    ds = datasets.load_dataset("json", data_files=str(out), split="train")
    assert ds.num_rows > 4000 and ds.column_names[:2] == ["id", "document"]
    names = json.loads((tmp_path / "aner.labels.json").read_text(encoding="utf-8"))["names"]
    row = ds[0]
    assert row["tokens"][0] == "فرانكفورت" and names[row["ner_tags"][0]] == "B-LOC"
    if (tmp_path / "aner.parquet").exists():
        pq = datasets.load_dataset("parquet", data_files=str(tmp_path / "aner.parquet"), split="train")
        assert pq.num_rows == ds.num_rows and pq[0]["tokens"] == row["tokens"]


def test_hf_parquet(sample: Store, tmp_path: Path) -> None:
    pq = optional_module("pyarrow.parquet", "parquet")
    out = tmp_path / "ner.parquet"
    export(sample, "hf", out, ExportOptions(statuses=None))
    table = pq.read_table(tmp_path / "ner.parquet")
    rows = read_jsonl(tmp_path / "ner.jsonl")
    assert table.to_pylist() == rows


def test_hf_without_pyarrow(sample: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.core.exporters import hf

    monkeypatch.setattr(hf, "have_pyarrow", lambda: False)
    report = export(sample, "hf", tmp_path / "ner.jsonl", ALL)
    assert sorted(p.name for p in report.files) == ["ner.jsonl", "ner.labels.json"]
    with pytest.raises(ExportError, match="pyarrow"):
        export(sample, "hf", tmp_path / "x.parquet", ALL)
    assert not (tmp_path / "x.parquet").exists()


# ----------------------------------------------------------------------------- spaCy
def test_spacy_jsonl_without_spacy(sample: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.core.exporters import spacy as sp

    monkeypatch.setattr(sp, "have_spacy", lambda: False)
    report = export(sample, "spacy", tmp_path / "sp.jsonl", ExportOptions(annotator="ali"))
    assert [p.name for p in report.files] == ["sp.jsonl"]
    docs = read_jsonl(tmp_path / "sp.jsonl")
    assert len(docs) == 2
    for d in docs:
        text = d["text"]
        toks = d["tokens"]
        assert toks[0]["start"] == 0 or text[: toks[0]["start"]].isspace()
        for a, b in zip(toks, toks[1:], strict=False):  # contiguous but for single spaces
            assert b["start"] - a["end"] in (0, 1) and (b["start"] == a["end"] or text[a["end"]] == " ")
        starts = {t["start"] for t in toks}
        ends = {t["end"] for t in toks}
        assert all(e["start"] in starts and e["end"] in ends for e in d["ents"] + d["spans"]["sc"])
        assert d["unaligned"] == []
    first = docs[0]
    # 2 nested ORGs are not ents; the suggested GPE is not exported at all
    assert len(first["spans"]["sc"]) == 12 and len(first["ents"]) == 10
    assert any("tokens split" in w for w in report.warnings)
    with pytest.raises(ExportError, match="spaCy"):
        export(sample, "spacy", tmp_path / "x.spacy", ALL)


def test_spacy_docs_load(sample: Store, anercorp: Store, tmp_path: Path) -> None:
    optional_module("spacy", "spacy")
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    report = export(sample, "spacy", tmp_path / "sp.spacy", ExportOptions(annotator="ali"))
    assert sorted(p.name for p in report.files) == ["sp.config.cfg", "sp.jsonl", "sp.spacy"]
    vocab = Vocab()
    docs = list(DocBin().from_disk(tmp_path / "sp.spacy").get_docs(vocab))
    lines = read_jsonl(tmp_path / "sp.jsonl")
    assert [d.text for d in docs] == [x["text"] for x in lines]
    for d, line in zip(docs, lines, strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in d.ents] == [
            (e["start"], e["end"], e["label"]) for e in line["ents"]
        ]
        assert len(d.spans["sc"]) == len(line["spans"]["sc"])
        again = Doc(vocab).from_json(line, validate=True)
        assert again.text == line["text"]
    cue = next(s for s in docs[0].spans["sc"] if s.text == "أكدت")
    assert cue.label_ == "CUE"
    export(anercorp, "spacy", tmp_path / "aner.jsonl", ALL)
    aner = list(DocBin().from_disk(tmp_path / "aner.spacy").get_docs(vocab))
    assert len(aner) == 105 and sum(len(d.ents) for d in aner) == 11233


# ----------------------------------------------------------------------------- brat
def _span_set(store: Store) -> set[tuple]:
    out = set()
    for doc_id in store.document_ids():
        doc = store.document(doc_id)
        spans = {s.id: s for s in store.spans(doc_id) if not s.suggested}  # suggestions are never exported
        for s in spans.values():
            out.add((doc.sha256, s.start, s.end, s.label, tuple(sorted(s.attrs.items()))))
        for r in store.relations(doc_id):
            if r.head not in spans or r.tail not in spans:
                continue
            h, t = spans[r.head], spans[r.tail]
            out.add((doc.sha256, r.type, h.start, h.end, h.label, t.start, t.end, t.label))
    return out


def test_brat_files_and_conf(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    report = export(sample, "brat", out, ExportOptions(annotator="ali"))
    assert report.files == [out]
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        ".annotator-export.json",  # the marker: project id and the files written (for --force)
        "2025-04-28-turkey-israel-azerbaijan.ann",
        "2025-04-28-turkey-israel-azerbaijan.txt",
        "annotation.conf",
        "unfinished.ann",
        "unfinished.txt",
        "تصريح الوزير.ann",
        "تصريح الوزير.txt",
    ]
    ann = (out / "تصريح الوزير.ann").read_text(encoding="utf-8").splitlines()
    assert "T4\tQUOTE 21 35\t«سنواصل العمل»" in ann
    assert "R1\tATTRIBUTED_TO Arg1:T4 Arg2:T2" in ann and "A2\ttype T4 direct" in ann
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert (
        "ATTRIBUTED_TO\tArg1:QUOTE, Arg2:SPEAKER" in conf
        and "type\tArg:QUOTE, Value:direct|indirect|mixed" in conf
    )
    assert (out / "تصريح الوزير.txt").read_text(encoding="utf-8") == SECOND_TEXT


@pytest.mark.parametrize("which", ["sample", "anercorp"])
def test_brat_round_trip_gives_the_same_spans(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = request.getfixturevalue(which)
    options = ExportOptions(statuses=None, annotator="ali" if which == "sample" else None)
    out = tmp_path / "brat"
    export(store, "brat", out, options)
    copy = Store.create(tmp_path / "copy.annotator.db")
    report = import_paths(copy, [out], format="brat")
    assert report.ok, report.failures
    expected = (
        _span_set(store)
        if which == "anercorp"
        else {x for x in _span_set(store) if x[3:4] != ("GPE",) or x[1:3] != _bea_span(store)}
    )
    assert _span_set(copy) == expected
    copy.close()


BROKEN_TEXT = "قال محمد\nإن الوضع مستقر\n \nانتهى"


def _brat_of(store: Store, tmp_path: Path, spans: list[NewSpan], relations: list[NewRelation]):
    store.add_documents([NewDocument("doc", BROKEN_TEXT, spans=spans, relations=relations)])
    out = tmp_path / "brat"
    report = export(store, "brat", out, ALL)
    return report, (out / "doc.ann").read_text(encoding="utf-8").split("\n")


def test_brat_span_touching_a_line_break_is_written_without_it_and_counted(
    store: Store, tmp_path: Path
) -> None:
    report, ann = _brat_of(
        store,
        tmp_path,
        [
            NewSpan(0, 3, "CUE"),
            NewSpan(4, 9, "PERS"),  # "محمد\n": ends on the break
            NewSpan(4, 11, "QUOTE"),  # "محمد\nإن": split at the break, as brat does, not a loss
            NewSpan(9, 31, "QUOTE"),  # across "\n \n": the blank piece is left out too
        ],
        [],
    )
    assert ann == [
        "T1\tCUE 0 3\tقال",
        "T2\tQUOTE 4 8;9 11\tمحمد إن",
        "T3\tPERS 4 8\tمحمد",
        "T4\tQUOTE 9 23;26 31\tإن الوضع مستقر انتهى",
        "",
    ]
    (warning,) = report.warnings
    assert warning.startswith("2 spans touch a line break and were written without it")
    assert "doc [4, 9)" in warning and "doc [9, 31)" in warning and "[4, 11)" not in warning
    assert report.spans == 4


def test_brat_span_of_only_line_breaks_is_left_out_and_counted(store: Store, tmp_path: Path) -> None:
    report, ann = _brat_of(
        store,
        tmp_path,
        [
            NewSpan(9, 23, "QUOTE", key="q"),
            NewSpan(8, 9, "SPEAKER", key="nl"),  # "\n": used to write a raw line break into the .ann
            NewSpan(23, 26, "SPEAKER"),  # "\n \n"
            NewSpan(0, 3, "CUE", key="c"),
        ],
        [NewRelation("ATTRIBUTED_TO", "q", "nl"), NewRelation("CUE_OF", "c", "q")],
    )
    assert ann == ["T1\tCUE 0 3\tقال", "T2\tQUOTE 9 23\tإن الوضع مستقر", "R1\tCUE_OF Arg1:T1 Arg2:T2", ""]
    (warning,) = report.warnings
    assert warning.startswith(
        "2 spans hold nothing but whitespace and line breaks and are left out, with 1 relation linking them"
    )
    assert (report.spans, report.relations) == (2, 1)
    copy = Store.create(tmp_path / "copy.annotator.db")
    assert import_paths(copy, [tmp_path / "brat"], format="brat").ok
    copy.close()


def _bea_span(store: Store) -> tuple[int, int]:
    doc_id = store.document_ids()[0]
    (span,) = [s for s in store.spans(doc_id) if s.annotator == "bea"]
    return span.start, span.end


# ----------------------------------------------------------------------------- quotes
def test_quotes_jsonl_and_csv(sample: Store, tmp_path: Path) -> None:
    report = export(sample, "quotes", tmp_path / "q.jsonl")
    recs = read_jsonl(tmp_path / "q.jsonl")
    assert report.spans == 3 == len(recs)
    direct = next(r for r in recs if r["document"] == "تصريح الوزير")
    assert direct["quote"] == "«سنواصل العمل»" and direct["type"] == "direct"
    assert [s["text"] for s in direct["speakers"]] == ["الوزير محمد علي"] and direct["speakers"][0][
        "kind"
    ] == "named"
    assert [c["text"] for c in direct["cues"]] == ["قال"]
    indirect = next(r for r in recs if r["type"] == "indirect")
    assert indirect["speakers"][0]["text"] == "المصادر" and indirect["cues"][0]["text"] == "أكدت"
    export(sample, "quotes", tmp_path / "q.csv")
    raw = (tmp_path / "q.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 3 and rows[0]["speaker"] == "المصادر" and rows[0]["cue"] == "أكدت"
    assert rows[1]["quote"].startswith('"القوات')


def test_quotes_formula_cells_are_neutralised(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.db")
    text = "=HYPERLINK(1) قال"
    store.add_documents([NewDocument("=cmd", text, spans=[NewSpan(0, 13, "QUOTE", {}, "a")])])
    export(store, "quotes", tmp_path / "q.csv")
    rows = list(csv.reader((tmp_path / "q.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][0] == "'=cmd" and rows[1][5] == "'=HYPERLINK(1)"
    store.close()


# ----------------------------------------------------------------------------- filters
def test_status_and_annotator_filters(sample: Store, tmp_path: Path) -> None:
    def names(options: ExportOptions, fmt: str = "jsonl") -> list[str]:
        out = tmp_path / f"f{names.n}.jsonl"
        names.n += 1
        export(sample, fmt, out, options)
        if fmt == "jsonl":
            return [d["name"] for d in read_jsonl(out)]
        return sorted({d["document"] for d in read_jsonl(out)})

    names.n = 0  # type: ignore[attr-defined]
    everything = ["2025-04-28-turkey-israel-azerbaijan", "تصريح الوزير", "unfinished"]
    assert names(ExportOptions()) == everything  # jsonl: every status by default
    assert names(ExportOptions(), "hf") == sorted(everything[:2])  # training: done only
    assert names(ExportOptions(statuses=(Status.IN_PROGRESS,))) == [everything[0], everything[2]]
    assert names(ExportOptions(statuses=(Status.IN_PROGRESS,), annotator="ali")) == ["unfinished"]
    assert names(ExportOptions(statuses=(Status.NEW,), annotator="bea")) == everything[1:]
    out = tmp_path / "bea.jsonl"
    export(sample, "jsonl", out, ExportOptions(statuses=(Status.IN_PROGRESS,)))
    first = read_jsonl(out)[0]  # ali is done there, so only bea's layer qualifies
    assert {s["annotator"] for s in first["spans"]} == {"bea"} and first["status"] == {"bea": "in_progress"}
    assert first["relations"] == []


def test_label_filters_and_map(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "l.jsonl"
    report = export(
        sample, "jsonl", out, ExportOptions(exclude_labels=("SPEAKER",), label_map={"GPE": "LOC"})
    )
    docs = read_jsonl(out)
    labels = {s["label"] for d in docs for s in d["spans"]}
    assert "SPEAKER" not in labels and "GPE" not in labels and "LOC" in labels
    assert all(r["type"] != "ATTRIBUTED_TO" for d in docs for r in d["relations"])
    assert any("relations left out" in w for w in report.warnings)
    with pytest.raises(ExportError, match="unknown label 'PERSON'"):
        export(sample, "jsonl", tmp_path / "x.jsonl", ExportOptions(include_labels=("PERSON",)))
    with pytest.raises(ExportError, match="unknown label"):
        export(sample, "jsonl", tmp_path / "x.jsonl", ExportOptions(label_map={"GEO": "LOC"}))
    with pytest.raises(ExportError, match="not a usable label"):
        export(sample, "conll", tmp_path / "x.conll", ExportOptions(label_map={"GPE": "bad label"}))
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "x.conll").exists()


def test_no_matching_document_is_a_warning(sample: Store, tmp_path: Path) -> None:
    report = export(sample, "conll", tmp_path / "x.conll", ExportOptions(annotator="nobody"))
    assert report.documents == 0 and any("no document matched" in w for w in report.warnings)


def test_empty_project_warning_does_not_blame_the_status_filter(tmp_path: Path) -> None:
    with Store.create(tmp_path / "empty.annotator.db") as empty:
        report = export(empty, "jsonl", tmp_path / "e.jsonl", ALL)
    assert report.documents == 0
    assert report.warnings == ["the project has no documents"]


def test_unknown_annotator_is_a_warning_naming_the_known_ones(sample: Store, tmp_path: Path) -> None:
    """A mistyped --annotator with --all-statuses used to export every document with no span at all."""
    report = export(sample, "conll", tmp_path / "x.conll", ExportOptions(statuses=None, annotator="aly"))
    known = ", ".join(sample.annotators())
    assert (
        f"annotator 'aly' has no spans and no statuses in this project (its annotators: {known})"
        in report.warnings
    )


# ----------------------------------------------------------------------------- splits
def test_split_files_and_sizes(anercorp: Store, tmp_path: Path) -> None:
    out = tmp_path / "aner.conll"
    report = export(anercorp, "conll", out, ExportOptions(statuses=None, split=(0.8, 0.1, 0.1), seed=7))
    assert [p.name for p in report.files] == ["aner.train.conll", "aner.dev.conll", "aner.test.conll"]
    assert sum(report.splits.values()) == 105 and report.splits["train"] > report.splits["test"] > 0
    brat = tmp_path / "brat"
    report = export(anercorp, "brat", brat, ExportOptions(statuses=None, split=(0.8, 0.1, 0.1), seed=7))
    for name, n in report.splits.items():
        assert len(list((brat / name).glob("*.ann"))) == n and (brat / name / "annotation.conf").exists()


def test_split_is_stable_when_documents_are_added(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.db")
    store.add_documents([NewDocument(f"d{i}", f"نص رقم {i}") for i in range(60)])

    def assignment() -> dict[str, str]:
        out = tmp_path / "s.jsonl"
        export(store, "jsonl", out, ExportOptions(split=(0.6, 0.2, 0.2), seed=3, force=True))
        return {
            d["name"]: split
            for split in ("train", "dev", "test")
            for d in read_jsonl(tmp_path / f"s.{split}.jsonl")
        }

    before = assignment()
    store.add_documents([NewDocument(f"n{i}", f"نص جديد {i}") for i in range(200)])
    after = assignment()
    assert len(after) == 260 and {k: after[k] for k in before} == before
    assert set(before.values()) == {"train", "dev", "test"}
    store.close()


def test_split_ratios() -> None:
    assert parse_ratios("0.8,0.1,0.1") == pytest.approx((0.8, 0.1, 0.1))
    assert parse_ratios("8,1,1") == pytest.approx((0.8, 0.1, 0.1))
    for bad in ("0.8,0.2", "a,b,c", "-1,1,1", "0,0,0", "nan,1,1"):
        with pytest.raises(ValueError):
            parse_ratios(bad)
    counts = {"train": 0, "dev": 0, "test": 0}
    for i in range(3000):
        counts[split_of(f"{i:064x}", 0, (0.8, 0.1, 0.1))] += 1
    assert 2250 < counts["train"] < 2550 and 200 < counts["dev"] < 400
    assert split_of("ab" * 32, 1, (1, 0, 0)) == "train" and split_of("ab" * 32, 1, (0, 0, 1)) == "test"


# ----------------------------------------------------------------------------- the flat rule
def _x(start: int, end: int, label: str = "X") -> XSpan:
    return XSpan(0, start, end, label, label, "a", "manual", {}, "")


def test_flat_rule_outermost_wins() -> None:
    kept, dropped = flat_spans(
        [
            _x(0, 10, "Q"),
            _x(2, 4, "P"),
            _x(8, 12, "G"),
            _x(20, 22),
            _x(20, 22),
            _x(30, 33, "A"),
            _x(31, 34, "B"),
        ]
    )
    assert [(s.start, s.end, s.label) for s in kept] == [(0, 10, "Q"), (20, 22, "X"), (30, 33, "A")]
    assert dropped == 3  # P inside Q, G crossing Q, B crossing A (same length: the earlier wins)


def test_bio_tags_by_overlap() -> None:
    tokens = [(0, 5), (6, 10), (11, 15)]
    assert bio_tags(tokens, [_x(0, 10, "P")]) == ["B-P", "I-P", "O"]
    assert bio_tags(tokens, [_x(7, 15, "L")]) == ["O", "B-L", "I-L"]  # starts inside a token
    assert bio_tags(tokens, [_x(5, 6, "L")]) == ["O", "O", "O"]  # covers only whitespace
