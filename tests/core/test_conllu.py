"""CoNLL-U with entities in MISC: read (multiword tokens, SpaceAfter, # text, # newdoc, BIOES) and
written, and a round trip that gives the text, tokens and entities back."""

from __future__ import annotations

from pathlib import Path

from annotator.core.exporters import ExportOptions, export
from annotator.core.importers import detect_format, import_paths
from annotator.core.store import Store

ROWS = [
    "# newdoc id = akhbar-1",
    "# sent_id = akhbar-1-1",
    "# text = وأكد محمد علي أن الوضع مستقر في القاهرة.",
    "1-2\tوأكد\t_\t_\t_\t_\t_\t_\t_\t_",
    "1\tو\tوَ\tCCONJ\tC---------\t_\t0\troot\t0:root\tVform=وَ|NER=O",
    "2\tأكد\tأَكَّد\tVERB\tVP-A-3MS--\tAspect=Perf\t1\tconj\t1:conj\tNER=O",
    "3\tمحمد\tمُحَمَّد\tX\tU---------\t_\t2\tnsubj\t2:nsubj\tNER=B-PER",
    "4\tعلي\tعَلِيّ\tX\tU---------\t_\t3\tflat\t3:flat\tNER=E-PER",
    "5\tأن\tأَنَّ\tSCONJ\tC---------\t_\t6\tmark\t6:mark\tNER=O",
    "6\tالوضع\tوَضع\tNOUN\tN------S1D\t_\t2\tccomp\t2:ccomp\tNER=O",
    "7\tمستقر\tمُستَقِرّ\tADJ\tA-----MS1I\t_\t6\tamod\t6:amod\tNER=O",
    "8\tفي\tفِي\tADP\tP---------\t_\t9\tcase\t9:case\tNER=O",
    "9\tالقاهرة\tقَاهِرَة\tX\tU---------\t_\t7\tobl\t7:obl\tNER=S-LOC|SpaceAfter=No",
    "10\t.\t.\tPUNCT\tG---------\t_\t2\tpunct\t2:punct\tNER=O",
    "",
    "# sent_id = akhbar-1-2",
    "1\tقالت\t_\t_\t_\t_\t0\troot\t_\tNER=O",
    "2\tوزارة\t_\t_\t_\t_\t1\tnsubj\t_\tNER=B-ORG",
    "3\tالصحة\t_\t_\t_\t_\t2\tnmod\t_\tNER=I-ORG|SpaceAfter=No",
    "4\t.\t_\t_\t_\t_\t1\tpunct\t_\tNER=O",
    "",
]


def test_conllu_import(store, tmp_path: Path) -> None:
    path = tmp_path / "ar_padt-ner.conllu"
    path.write_bytes(("\ufeff" + "\r\n".join(ROWS)).encode("utf-8"))
    assert detect_format(path) == "conllu"
    report = import_paths(store, [path], label_map={"PER": "PERS"})
    assert report.failures == [] and report.imported == ["akhbar-1"]
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text == "وأكد محمد علي أن الوضع مستقر في القاهرة.\nقالت وزارة الصحة."
    got = sorted((s.label, s.surface(doc.text)) for s in store.spans(doc_id))
    assert got == [("LOC", "القاهرة"), ("ORG", "وزارة الصحة"), ("PERS", "محمد علي")]
    assert doc.text[slice(*doc.tokens[0])] == "وأكد"  # the surface token, not its words


def test_conllu_round_trip(store, tmp_path: Path) -> None:
    path = tmp_path / "in.conllu"
    path.write_text("\n".join(ROWS), encoding="utf-8")
    assert import_paths(store, [path], label_map={"PER": "PERS"}).ok
    out = tmp_path / "out.conllu"
    report = export(store, "conllu", out, ExportOptions(statuses=None))
    written = out.read_text(encoding="utf-8")
    assert "# newdoc id = akhbar-1" in written and "NER=B-PERS" in written
    assert "\tالقاهرة\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC|SpaceAfter=No" in written
    assert all(
        len(line.split("\t")) == 10 for line in written.splitlines() if line and not line.startswith("#")
    )
    assert report.spans == 3
    with Store.create(tmp_path / "again.db") as again:
        assert import_paths(again, [out]).ok
        (a,), (b,) = store.document_ids(), again.document_ids()
        da, db = store.document(a), again.document(b)
        assert (da.text, da.tokens) == (db.text, db.tokens)
        key = lambda st, i: sorted((s.start, s.end, s.label) for s in st.spans(i))  # noqa: E731
        assert key(store, a) == key(again, b)


def test_conllu_bad_line_is_named(store, tmp_path: Path) -> None:
    path = tmp_path / "bad.conllu"
    path.write_text("1\tقال\t_\t_\t_\t_\t0\troot\t_\tNER=X-PER\n", encoding="utf-8")
    (failure,) = import_paths(store, [path]).failures
    assert (failure.line, failure.reason) == (
        1,
        "bad entity tag 'X-PER' in MISC (expected O, B-LABEL, I-LABEL ...)",
    )


def test_conllu_linguistic_columns_empty_nodes_and_mwt_tags_are_counted(store, tmp_path: Path) -> None:
    # a treebank's sentence (PADT-like): lemma, tags, heads and enhanced dependencies on every word,
    # an empty node, and an entity tag written on the multiword token's line instead of its words
    rows = [
        "# sent_id = padt-1",
        "# text = وللحكومة رأي",
        "1-2\tوللحكومة\t_\t_\t_\t_\t_\t_\t_\tNER=B-ORG",
        "1\tو\tوَ\tCCONJ\tC---------\t_\t0\troot\t0:root\t_",
        "2\tللحكومة\tحُكُومَة\tNOUN\tN------S2D\tCase=Gen\t1\tconj\t1:conj\t_",
        "2.1\tكان\tكَان\tVERB\t_\t_\t_\t_\t1:orphan\t_",
        "3\tرأي\tرَأي\tNOUN\tN------S1I\tCase=Nom\t1\tnsubj\t1:nsubj\tNER=O",
        "",
    ]
    path = tmp_path / "padt.conllu"
    path.write_text("\n".join(rows), encoding="utf-8")
    report = import_paths(store, [path])
    assert report.failures == [] and report.spans == 0
    (doc_id,) = store.document_ids()
    assert store.document(doc_id).text == "وللحكومة رأي"
    warnings = "\n".join(report.warnings)
    assert "3 words carry lemma, tags, features or dependencies" in warnings
    assert "1 empty node (8.1) not imported: it has no text" in warnings
    assert "1 entity tag on multiword token lines" in warnings
