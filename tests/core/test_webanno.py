"""WebAnno TSV 3.3 as INCEpTION writes it (stacked and multi-token spans, relations with [id_id],
UTF-16 offsets, escapes, chains counted) and the project's own export read back with nothing lost."""

from __future__ import annotations

from pathlib import Path

from annotator.core.exporters import ExportOptions, export
from annotator.core.importers import detect_format, import_paths
from annotator.core.model import NewDocument, NewRelation, NewSpan
from annotator.core.store import Store

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
TSV = f"""#FORMAT=WebAnno TSV 3.3
#T_SP={NE}|identifier|value
#T_SP=webanno.custom.Quote|type
#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceRelation|referenceType
#T_RL=webanno.custom.Attribution|role|BT_{NE}


#Text=😀 قال محمد علي: الوضع مستقر.
1-1\t0-2\t😀\t_\t_\t_\t_\t_\t_\t_\t
1-2\t3-6\tقال\t_\tCUE\t_\t_\t_\t_\t_\t
1-3\t7-11\tمحمد\t*[1]|*\tSPEAKER[1]|PERS\t_\t*->1-1\t*\tATTRIBUTED_TO\t1-6[2_1]\t
1-4\t12-15\tعلي\t*[1]\tSPEAKER[1]\t_\t_\t_\t_\t_\t
1-5\t15-16\t:\t_\t_\t_\t_\t_\t_\t_\t
1-6\t17-22\tالوضع\t*[2]\tQUOTE[2]\tindirect[3]\t_\t_\tCUE_OF\t1-2[0_2]\t
1-7\t23-28\tمستقر\t*[2]\tQUOTE[2]\tindirect[3]\t_\t_\t_\t_\t
1-8\t28-29\t.\t_\t_\t_\t_\t_\t_\t_\t

#Text=وزار القاهرة\\_الكبرى أمس.
2-1\t30-34\tوزار\t_\t_\t_\t_\t_\t_\t_\t
2-2\t35-49\tالقاهرة_الكبرى\t_\tGPE\t_\t_\t_\t_\t_\t
2-3\t50-54\tأمس.\t_\t_\t_\t_\t_\t_\t_\t
"""


def test_inception_tsv_import(store, tmp_path: Path) -> None:
    path = tmp_path / "news.tsv"
    path.write_text(TSV.replace("وزار القاهرة\\_الكبرى", "وزار القاهرة_الكبرى"), encoding="utf-8")
    assert detect_format(path) == "webanno"
    report = import_paths(store, [path], label_map={"Quote": "QUOTE"})
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text.startswith("😀 قال محمد علي: الوضع مستقر.\n")
    spans = sorted(
        (s.label, s.surface(doc.text), tuple(sorted(s.attrs.items()))) for s in store.spans(doc_id)
    )
    assert ("SPEAKER", "محمد علي", ()) in spans and ("PERS", "محمد", ()) in spans
    assert ("QUOTE", "الوضع مستقر", (("type", "indirect"),)) in spans  # the Quote layer: label from its name
    assert ("GPE", "القاهرة_الكبرى", ()) in spans
    by = {(s.label, s.surface(doc.text)): s.id for s in store.spans(doc_id) if not s.attrs}
    rels = {(r.type, r.head, r.tail) for r in store.relations(doc_id)}
    assert rels == {
        ("ATTRIBUTED_TO", by[("QUOTE", "الوضع مستقر")], by[("SPEAKER", "محمد علي")]),
        ("CUE_OF", by[("CUE", "قال")], by[("QUOTE", "الوضع مستقر")]),
    }
    assert any("chain annotations" in w for w in report.warnings)


def test_webanno_round_trip(store, tmp_path: Path) -> None:
    text = "قال الوزير محمد: «الوضع 👍 مستقر».  وأضاف أن [NTV] نقلت الخبر.\n\nسطر آخر | فيه رموز_خاصة."

    def at(sub: str) -> tuple[int, int]:
        s = text.index(sub)
        return s, s + len(sub)

    spans = [
        NewSpan(*at("قال"), "CUE", key="c"),
        NewSpan(*at("الوزير محمد"), "SPEAKER", {"kind": "title", "note": "a|b_[c]\nd"}, key="s"),
        NewSpan(*at("محمد"), "PERS"),
        NewSpan(*at("«الوضع 👍 مستقر»"), "QUOTE", {"type": "direct"}, key="q"),
        NewSpan(at("وأضاف")[0] + 1, at("وأضاف")[1], "CUE"),  # inside a token: the token is split
        NewSpan(*at("NTV"), "ORG"),
        NewSpan(*at("رموز_خاصة"), "MISC"),
    ]
    rels = [NewRelation("ATTRIBUTED_TO", "q", "s"), NewRelation("CUE_OF", "c", "q")]
    store.add_documents([NewDocument("خبر/1", text, spans=spans, relations=rels)])
    out = tmp_path / "tsv"
    report = export(store, "webanno", out, ExportOptions(statuses=None))
    (tsv,) = sorted(out.glob("*.tsv"))  # beside the marker the export leaves
    assert tsv.suffix == ".tsv" and report.spans == 7 and report.relations == 2
    with Store.create(tmp_path / "again.db") as again:
        r = import_paths(again, [tsv], annotator="import")
        assert r.failures == [], r.failures
        (a,), (b,) = store.document_ids(), again.document_ids()
        assert again.document(b).text == text

        def key(st: Store, i: int) -> tuple[set, set]:
            sp = {s.id: (s.start, s.end, s.label, tuple(sorted(s.attrs.items()))) for s in st.spans(i)}
            return set(sp.values()), {(x.type, sp[x.head], sp[x.tail]) for x in st.relations(i)}

        assert key(again, b) == key(store, a)


def test_layers_without_features(store, tmp_path: Path) -> None:
    tsv = (
        "#FORMAT=WebAnno TSV 3.2\n"
        "#T_SP=webanno.custom.Claim|\n"
        "#T_RL=webanno.custom.Supports|BT_webanno.custom.Claim\n\n\n"
        "#Text=نعم . لا .\n"
        "1-1\t0-3\tنعم\t*\t_\t_\t\n"
        "1-2\t4-5\t.\t_\t_\t_\t\n"
        "1-3\t6-8\tلا\t*\t*\t1-1\t\n"
        "1-4\t9-10\t.\t_\t_\t_\t\n"
    )
    path = tmp_path / "claims.tsv"
    path.write_text(tsv, encoding="utf-8")
    report = import_paths(store, [path], label_map={"Claim": "QUOTE", "Supports": "CONTINUES"})
    assert report.failures == [] and report.spans == 2 and report.relations == 1
    (doc_id,) = store.document_ids()
    (rel,) = store.relations(doc_id)
    doc = store.document(doc_id)
    assert (store.span(rel.head).surface(doc.text), store.span(rel.tail).surface(doc.text)) == ("نعم", "لا")


LEMMA = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Lemma"
POS = "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS"
DEP = "de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"


def imported(store, tmp_path: Path, tsv: str, **kwargs):
    """Write `tsv` to a file and import it: the import report."""
    path = tmp_path / "inception.tsv"
    path.write_text(tsv, encoding="utf-8")
    return import_paths(store, [path], **kwargs)


def imported_spans(store, tmp_path: Path, tsv: str, **kwargs):
    """Import `tsv` as one document: the report and its spans as sorted (label, surface, attrs)."""
    report = imported(store, tmp_path, tsv, **kwargs)
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    text = store.document(doc_id).text
    spans = sorted((s.label, s.surface(text), tuple(sorted(s.attrs.items()))) for s in store.spans(doc_id))
    return report, spans


def test_webanno_dkpro_linguistic_layers_are_counted_not_imported(store, tmp_path: Path) -> None:
    # the shape INCEpTION writes for a document imported from CoNLL-U and then annotated: lemma,
    # POS and dependency layers (a root relation links a token to itself) before the real layers
    tsv = (
        "#FORMAT=WebAnno TSV 3.2\n"
        f"#T_SP={LEMMA}|value\n"
        f"#T_SP={POS}|coarseValue|PosValue\n"
        f"#T_RL={DEP}|DependencyType|flavor|BT_{POS}\n"
        f"#T_SP={NE}|value\n"
        "#T_SP=webanno.custom.Quote|\n\n\n"
        "#Text=قال محمد علي: نعم\n"
        "1-1\t0-3\tقال\tقال\tVERB\tVP\troot\t*\t1-1\t_\t_\t\n"
        "1-2\t4-8\tمحمد\tمحمد\tPROPN\tN\tnsubj\t*\t1-1\tPERS[1]\t_\t\n"
        "1-3\t9-12\tعلي\tعلي\tPROPN\tN\tflat\t*\t1-2\tPERS[1]\t_\t\n"
        "1-4\t12-13\t:\t:\tPUNCT\tG\tpunct\t*\t1-1\t_\t_\t\n"
        "1-5\t14-17\tنعم\tنعم\tINTJ\tI\tccomp\t*\t1-1\t_\t*\t\n"
    )
    report, spans = imported_spans(store, tmp_path, tsv, label_map={"Quote": "QUOTE"})
    assert spans == [("PERS", "محمد علي", ()), ("QUOTE", "نعم", ())]
    assert report.relations == 0
    assert any("5 tokens carry linguistic annotations" in w for w in report.warnings), report.warnings


def test_webanno_zero_width_annotation_is_counted(store, tmp_path: Path) -> None:
    # INCEpTION writes an annotation at a position as a sub-token of width 0 (`1-2.1 4-4`); a
    # relation may point at it
    tsv = (
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=webanno.custom.Span|label\n"
        "#T_RL=webanno.custom.Relation|label|BT_webanno.custom.Span\n\n\n"
        "#Text=قال الوزير\n"
        "1-1\t0-3\tقال\tCUE\t_\t_\t\n"
        "1-2\t4-10\tالوزير\tSPEAKER\t_\t_\t\n"
        "1-2.1\t4-4\t\tQUOTE[3]\tCUE_OF\t1-1[0_3]\t\n"
    )
    report = imported(store, tmp_path, tsv)
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    assert sorted(s.label for s in store.spans(doc_id)) == ["CUE", "SPEAKER"]
    assert any("1 zero-width annotation (a position, no text)" in w for w in report.warnings), report.warnings
    assert any("1 relation touching a zero-width annotation" in w for w in report.warnings)


def test_webanno_relation_between_tokens_is_counted(store, tmp_path: Path) -> None:
    tsv = (
        "#FORMAT=WebAnno TSV 3.3\n"
        f"#T_RL=webanno.custom.Link|value|BT_{TOKEN}\n\n\n"
        "#Text=قال الوزير\n"
        "1-1\t0-3\tقال\t_\t_\t\n"
        "1-2\t4-10\tالوزير\tagent\t1-1\t\n"
    )
    report = imported(store, tmp_path, tsv)
    assert report.failures == [] and len(store.document_ids()) == 1
    assert any("1 relation between tokens" in w for w in report.warnings), report.warnings


def test_webanno_tsv2_is_refused_with_line(store, tmp_path: Path) -> None:
    report = imported(
        store,
        tmp_path,
        " # webanno.custom.Span | label # webanno.custom.Rel | label | AttachTo=webanno.custom.Span\n"
        "#id=1\n#text=قال الوزير\n1-1\tقال\tCUE\t_\t_\t\n1-2\tالوزير\tSPEAKER\t_\t_\t\n",
        format="webanno",
    )
    (failure,) = report.failures
    assert failure.line == 1 and "WebAnno TSV 2" in failure.reason
    assert store.document_ids() == []


def test_webanno_slot_features_are_counted_not_made_attributes(store, tmp_path: Path) -> None:
    # a slot (link) feature: the ROLE_ column holds the roles, the next one the targets' tokens
    tsv = (
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=webanno.custom.Actor|\n"
        "#T_SP=webanno.custom.Event|label|ROLE_webanno.custom.Event:roles_webanno.custom.EventRole"
        "|webanno.custom.Actor\n\n\n"
        "#Text=قال الوزير للصحفيين\n"
        "1-1\t0-3\tقال\t_\tCUE\tspeaker;hearer\t1-2;1-3\t\n"
        "1-2\t4-10\tالوزير\t*\t_\t_\t_\t\n"
        "1-3\t11-19\tللصحفيين\t*\t_\t_\t_\t\n"
    )
    report, spans = imported_spans(store, tmp_path, tsv, label_map={"Actor": "SPEAKER"})
    assert spans == [("CUE", "قال", ()), ("SPEAKER", "الوزير", ()), ("SPEAKER", "للصحفيين", ())]
    assert any("2 slot (link) features" in w for w in report.warnings), report.warnings


def test_webanno_relation_features_besides_the_type_are_counted(store, tmp_path: Path) -> None:
    # two stacked relations on one token, each with a second feature (a confidence) that a relation
    # of the project cannot hold; the source is a stacked span named by its id ([3_0])
    tsv = (
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=webanno.custom.Span|label\n"
        "#T_RL=webanno.custom.Relation|label|confidence|BT_webanno.custom.Span\n\n\n"
        "#Text=قال الوزير\n"
        "1-1\t0-3\tقال\tCUE[1]|QUOTE[3]\t_\t_\t_\t\n"
        "1-2\t4-10\tالوزير\tSPEAKER\tATTRIBUTED_TO|SAME_AS\thigh|low\t1-1[3_0]|1-1[3_0]\t\n"
    )
    report, spans = imported_spans(store, tmp_path, tsv, label_map={"SAME_AS": "ATTRIBUTED_TO"})
    assert spans == [("CUE", "قال", ()), ("QUOTE", "قال", ()), ("SPEAKER", "الوزير", ())]
    assert report.relations == 1  # both types map to ATTRIBUTED_TO: one link
    assert any("2 relation feature values besides the type" in w for w in report.warnings), report.warnings
