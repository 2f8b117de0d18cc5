"""The quotes export (ids, continued quotes, speakers carried by later pieces, offsets everywhere,
the date) and the same data in BBC Citron's quote-attribution shape."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from annotator.core.exporters import export
from annotator.core.model import NewDocument, NewRelation, NewSpan

TEXT = "قال الوزير: «الوضع مستقر»، وأضاف «ونحن نعمل». وأكد أنه سيزور القاهرة."


def at(sub: str) -> tuple[int, int]:
    s = TEXT.index(sub)
    return s, s + len(sub)


def project(store) -> None:
    spans = [
        NewSpan(*at("قال"), "CUE", key="c"),
        NewSpan(*at("الوزير"), "SPEAKER", {"kind": "title"}, key="s"),
        NewSpan(*at("«الوضع مستقر»"), "QUOTE", {"type": "direct"}, key="q1"),
        NewSpan(*at("«ونحن نعمل»"), "QUOTE", {"type": "direct"}, key="q2"),
        NewSpan(*at("أنه سيزور القاهرة"), "QUOTE", {"type": "indirect"}, key="q3"),
        NewSpan(*at("أنه"), "SPEAKER", {"kind": "pronoun"}, key="he"),
        NewSpan(at("وأكد")[0] + 1, at("وأكد")[1], "CUE", key="c3"),
    ]
    rels = [
        NewRelation("CUE_OF", "c", "q1"),
        NewRelation("ATTRIBUTED_TO", "q1", "s"),
        NewRelation("CONTINUES", "q2", "q1"),
        NewRelation("ATTRIBUTED_TO", "q3", "he"),
        NewRelation("SAME_AS", "he", "s"),
        NewRelation("CUE_OF", "c3", "q3"),
    ]
    store.add_documents([NewDocument("خبر", TEXT, meta={"date": "2025-04-28"}, spans=spans, relations=rels)])


def test_quote_records(store, tmp_path: Path) -> None:
    project(store)
    export(store, "quotes", tmp_path / "q.jsonl")
    recs = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    q1, q2, q3 = recs
    assert [r["id"] for r in recs] == [1, 2, 3] and all(r["date"] == "2025-04-28" for r in recs)
    assert q2["continues"] == 1 and q1["continues"] is None
    assert q2["speakers"] == q1["speakers"] and q2["speakers_from"] == 1  # the piece carries its speaker
    assert q2["cues"] == []
    (he,) = q3["speakers"]
    assert he["refers_to"] == [{"text": "الوزير", "start": at("الوزير")[0], "end": at("الوزير")[1]}]
    export(store, "quotes", tmp_path / "q.csv")
    rows = list(csv.DictReader((tmp_path / "q.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == ["1", "2", "3"] and rows[1]["continues"] == "1"
    assert rows[0]["speaker_offsets"] == f"{at('الوزير')[0]}-{at('الوزير')[1]}"
    assert rows[0]["cue_offsets"] == f"{at('قال')[0]}-{at('قال')[1]}" and rows[2]["date"] == "2025-04-28"


def test_citron_shape(store, tmp_path: Path) -> None:
    project(store)
    report = export(store, "citron", tmp_path / "citron.jsonl")
    (doc,) = [json.loads(x) for x in (tmp_path / "citron.jsonl").read_text(encoding="utf-8").splitlines()]
    assert doc["text"] == TEXT and doc["name"] == "خبر" and doc["date"] == "2025-04-28"
    first, second = doc["quotes"]
    assert [c["text"] for c in first["contents"]] == ["«الوضع مستقر»", "«ونحن نعمل»"]
    assert first["cue"]["text"] == "قال" and [s["text"] for s in first["sources"]] == ["الوزير"]
    assert [s["text"] for s in second["sources"]] == ["أنه"] and [
        c["text"] for c in second["coreferences"]
    ] == ["الوزير"]
    for q in doc["quotes"]:
        for span in [q["cue"], *q["sources"], *q["contents"], *q["coreferences"]]:
            assert TEXT[span["start"] : span["end"]] == span["text"]
    assert report.spans == 3 and not report.warnings


def test_citron_round_trip(store, tmp_path: Path) -> None:
    from annotator.core.importers import detect_format, import_paths
    from annotator.core.store import Store

    project(store)
    out = tmp_path / "citron.jsonl"
    export(store, "citron", out)
    assert detect_format(out) == "citron"

    def layer(st: Store) -> tuple[set, set]:
        (doc_id,) = st.document_ids()
        spans = {s.id: (s.start, s.end, s.label) for s in st.spans(doc_id)}
        return set(spans.values()), {(r.type, spans[r.head], spans[r.tail]) for r in st.relations(doc_id)}

    with Store.create(tmp_path / "again.db") as again:
        report = import_paths(again, [out])
        assert report.failures == []
        assert layer(again) == layer(store)
        (doc_id,) = again.document_ids()
        assert again.document(doc_id).meta == {"date": "2025-04-28"}
