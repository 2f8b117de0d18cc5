"""brat as teams use it: AnnotatorNotes, attributes on relations and events, a trailing tab, binary
attributes, mapped relation types, `_gt_N` names, discontinuous spans; and the round trip through
the project's own brat export with nothing lost."""

from __future__ import annotations

from pathlib import Path

from annotator.core.exporters import ExportOptions, export
from annotator.core.importers import import_paths
from annotator.core.schema import default_schema, schema_from_dict
from annotator.core.store import Store

TEXT = 'قال الوزير إن "الوضع\nمستقر" ثم أضاف "نحن نعمل" وغادر.\nوأكد محمد ذلك في القاهرة.'


def off(sub: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(sub, pos + 1)
    return pos, pos + len(sub)


def pair(folder: Path, ann: str, name: str = "doc") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{name}.ann").write_bytes(ann.replace("\n", "\r\n").encode("utf-8"))
    return folder / f"{name}.txt"


def brat_file() -> str:
    q1, q2 = off('"الوضع\nمستقر"'), off('"نحن نعمل"')
    s, c, p, g = off("الوزير"), off("قال"), off("محمد"), off("القاهرة")
    # a quote in two pieces (a discontinuous span) and one crossing a line break (fragments at the break)
    return (
        f"T1\tSPEAKER {s[0]} {s[1]}\tالوزير\t\n"  # trailing tab: brat's reader accepts it
        f'T2\tQUOTE {q1[0]} {q1[0] + 6};{q1[0] + 7} {q1[1]};{q2[0]} {q2[1]}\t"الوضع مستقر" "نحن نعمل"\n'
        f"T3\tCUE {c[0]} {c[1]}\tقال\n"
        f"T4\tPERS {p[0]} {p[1]}\tمحمد\n"
        f"T5\tGPE {g[0]} {g[1]}\tالقاهرة\n"
        "R1\tSaid Arg1:T2 Arg2:T1\n"
        "R2\tCUE_OF Arg1:T3 Arg2:T2\n"
        "A1\tkind T1 title\n"
        "A2\tNegated T4\n"
        "A3\tConfidence R1 High\n"
        "E1\tVisit:T5 Agent:T4\n"
        "#1\tAnnotatorNotes T4\tمن هو محمد؟\n"
        "#2\tAnnotatorNotes R1\tcheck\n"
    )


def layer(store: Store) -> tuple[set, set]:
    (doc_id,) = store.document_ids()
    spans = {s.id: s for s in store.spans(doc_id)}
    key = {i: (s.start, s.end, s.label, tuple(sorted(s.attrs.items()))) for i, s in spans.items()}
    rels = {(r.type, key[r.head], key[r.tail]) for r in store.relations(doc_id)}
    return set(key.values()), rels


def test_brat_features_import(store, tmp_path: Path) -> None:
    txt = pair(tmp_path / "in", brat_file())
    report = import_paths(store, [txt], label_map={"Said": "ATTRIBUTED_TO"})
    assert report.failures == []
    spans, rels = layer(store)
    q1, q2 = off('"الوضع\nمستقر"'), off('"نحن نعمل"')
    assert (*q1, "QUOTE", ()) in spans and (*q2, "QUOTE", ()) in spans  # the break-split piece is whole again
    assert (*off("محمد"), "PERS", (("Negated", "true"), ("note", "من هو محمد؟"))) in spans
    s1 = (*off("الوزير"), "SPEAKER", (("kind", "title"),))
    assert ("CONTINUES", (*q2, "QUOTE", ()), (*q1, "QUOTE", ())) in rels
    assert ("ATTRIBUTED_TO", (*q1, "QUOTE", ()), s1) in rels  # relations on the first piece
    assert ("CUE_OF", (*off("قال"), "CUE", ()), (*q1, "QUOTE", ())) in rels
    warnings = "\n".join(report.warnings)
    for counted in (
        "1 discontinuous span imported as pieces joined by CONTINUES",
        "1 AnnotatorNote on relations, events or attributes not imported",
        "1 attribute on relations or events not imported",
        "1 event line (E) not imported",
    ):
        assert counted in warnings


def test_brat_round_trip_is_lossless(store, tmp_path: Path) -> None:
    txt = pair(tmp_path / "in", brat_file())
    assert import_paths(store, [txt], label_map={"Said": "ATTRIBUTED_TO"}).ok
    export(store, "brat", tmp_path / "out1")
    ann1 = (tmp_path / "out1" / "doc.ann").read_text(encoding="utf-8")
    assert "\tQUOTE " in ann1 and ";" in ann1.split("\tQUOTE ")[1].split("\t")[0]  # one discontinuous T
    assert "CONTINUES" not in ann1
    assert "\tNegated T" in ann1 and "Negated T4 true" not in ann1  # binary stays binary
    assert "\tAnnotatorNotes T" in ann1
    conf = (tmp_path / "out1" / "annotation.conf").read_text(encoding="utf-8")
    assert "Negated\tArg:PERS\n" in conf
    with Store.create(tmp_path / "again.db") as again:
        report = import_paths(again, [tmp_path / "out1" / "doc.txt"])
        assert report.failures == []
        assert layer(again) == layer(store)
        export(again, "brat", tmp_path / "out2")
    assert (tmp_path / "out2" / "doc.ann").read_text(encoding="utf-8") == ann1


def test_own_export_of_a_quote_over_a_paragraph_round_trips(store, tmp_path: Path) -> None:
    from annotator.core.model import NewDocument, NewRelation, NewSpan

    q, s = off('"الوضع\nمستقر"'), off("الوزير")
    store.add_documents(
        [
            NewDocument(
                "doc",
                TEXT,
                spans=[NewSpan(*q, "QUOTE", key="q"), NewSpan(*s, "SPEAKER", key="s")],
                relations=[NewRelation("ATTRIBUTED_TO", "q", "s")],
            )
        ]
    )
    export(store, "brat", tmp_path / "out", ExportOptions())
    with Store.create(tmp_path / "b.db") as again:
        assert import_paths(again, [tmp_path / "out" / "doc.txt"], annotator="import").ok
        assert layer(again) == layer(store)


def test_relation_type_map_and_gt_names(tmp_path: Path) -> None:
    data = default_schema().to_dict()
    data["labels"].append({"name": "_gt_0", "colour": "#aaaaaa"})
    data["relations"].append({"name": "_gt_rel", "from": ["_gt_0"], "to": ["PERS"]})
    schema = schema_from_dict(data)
    with Store.create(tmp_path / "p.db", schema) as store:
        p, g = off("محمد"), off("القاهرة")
        ann = f"T1\t_gt_0 {g[0]} {g[1]}\tالقاهرة\nT2\tPERS {p[0]} {p[1]}\tمحمد\nR1\tlink Arg1:T1 Arg2:T2\n"
        report = import_paths(store, [pair(tmp_path / "gt", ann)], label_map={"link": "_gt_rel"})
        assert report.failures == [] and report.relations == 1
        (rel,) = store.relations(store.document_ids()[0])
        assert rel.type == "_gt_rel"


def test_relation_arguments_in_any_order(store, tmp_path: Path) -> None:
    q, s = off('"نحن نعمل"'), off("الوزير")
    ann = f'T1\tQUOTE {q[0]} {q[1]}\t"نحن نعمل"\nT2\tSPEAKER {s[0]} {s[1]}\tالوزير\nR1\tATTRIBUTED_TO Arg2:T2 Arg1:T1\n'
    assert import_paths(store, [pair(tmp_path / "rev", ann)]).ok
    (rel,) = store.relations(store.document_ids()[0])
    assert store.span(rel.head).label == "QUOTE" and store.span(rel.tail).label == "SPEAKER"
