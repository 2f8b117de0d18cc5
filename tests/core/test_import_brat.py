"""brat standoff import: T, R, A lines, discontinuous spans, CRLF offsets, errors naming the .ann line."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.importers import import_paths

TEXT = 'قال الوزير: "الوضع مستقر".\nوأكد محمد ذلك في القاهرة.'


def snapshot(store) -> tuple:
    return store.stats(), store.document_ids()


def offsets(sub: str, text: str = TEXT) -> str:
    start = text.index(sub)
    return f"{start} {start + len(sub)}"


def pair(tmp_path: Path, ann: str, text: str = TEXT, name: str = "doc", encoding: str = "utf-8") -> Path:
    txt = tmp_path / f"{name}.txt"
    txt.write_bytes(text.encode(encoding))
    (tmp_path / f"{name}.ann").write_bytes(ann.encode(encoding))
    return txt


GOOD_ANN = (
    f"T1\tSPEAKER {offsets('الوزير')}\tالوزير\n"
    f'T2\tQUOTE {offsets(chr(34) + "الوضع مستقر" + chr(34))}\t"الوضع مستقر"\n'
    f"T3\tCUE {offsets('قال')}\tقال\n"
    f"T4\tPERS {offsets('محمد')}\tمحمد\n"
    "# a note\n"
    "R1\tATTRIBUTED_TO Arg1:T2 Arg2:T1\n"
    "R2\tCUE_OF Arg1:T3 Arg2:T2\n"
    "A1\tkind T1 title\n"
    "A2\tNegated T4\n"
    "N1\tReference T4 Wikipedia:123\tمحمد\n"
)


def test_good_pair(store, tmp_path: Path) -> None:
    txt = pair(tmp_path, GOOD_ANN)
    report = import_paths(store, [tmp_path], annotator="ali")
    assert report.failures == [] and report.imported == ["doc"]
    assert report.spans == 4 and report.relations == 2
    assert f"{txt}: 1 normalization line (N) not imported" in report.warnings
    assert f"{txt}: 1 comment line that is not AnnotatorNotes ignored" in report.warnings
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text == TEXT and doc.meta["source_file"] == txt.name
    spans = {s.label: s for s in store.spans(doc_id)}
    assert spans["SPEAKER"].surface(TEXT) == "الوزير" and spans["SPEAKER"].attrs == {"kind": "title"}
    assert spans["PERS"].attrs == {"Negated": "true"}
    assert {s.annotator for s in spans.values()} == {"ali"}
    rels = {(r.type, r.head, r.tail) for r in store.relations(doc_id)}
    assert rels == {
        ("ATTRIBUTED_TO", spans["QUOTE"].id, spans["SPEAKER"].id),
        ("CUE_OF", spans["CUE"].id, spans["QUOTE"].id),
    }


def test_ann_path_and_txt_path_both_work(store, tmp_path: Path) -> None:
    pair(tmp_path, GOOD_ANN)
    assert import_paths(store, [tmp_path / "doc.ann"]).imported == ["doc"]
    assert import_paths(store, [tmp_path / "doc.txt"]).duplicates == ["doc"]


def test_discontinuous_span(store, tmp_path: Path) -> None:
    a, b = offsets("قال"), offsets("الوزير")
    pair(tmp_path, f"T1\tCUE {a};{b}\tقال الوزير\n")
    report = import_paths(store, [tmp_path / "doc.txt"])
    assert report.failures == [] and report.spans == 2
    assert any(
        "1 discontinuous span imported as unlinked pieces: the schema's CONTINUES cannot link its label" in w
        for w in report.warnings
    )


def test_crlf_text_offsets_are_remapped(store, tmp_path: Path) -> None:
    raw = TEXT.replace("\n", "\r\n")
    ann = f"T1\tPERS {offsets('محمد', raw)}\tمحمد\n"
    pair(tmp_path, ann, text=raw, encoding="utf-16")
    report = import_paths(store, [tmp_path / "doc.txt"])
    assert report.failures == []
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text == TEXT
    assert store.spans(doc_id)[0].surface(doc.text) == "محمد"


@pytest.mark.parametrize(
    ("ann", "line", "reason"),
    [
        (f"T1\tPERS {offsets('محمد')}\tمحمد\nT2\tPERS 5 999\tx\n", 2, "offsets [5, 999) outside the text"),
        (f"T1\tPERS {offsets('محمد')}\tأحمد\n", 1, "T1: text 'أحمد' does not match the .txt"),
        (f"T1\tPERSON {offsets('محمد')}\tمحمد\n", 1, "unknown label 'PERSON'"),
        ("T1\tPERS x y\tمحمد\n", 1, "bad offsets 'x y'"),
        ("T1 PERS 0 3\n", 1, "T line needs"),
        (
            f"T1\tPERS {offsets('محمد')}\tمحمد\n\nR1\tATTRIBUTED_TO Arg1:T1 Arg2:T7\n",
            3,
            "R1 names an unknown span T7",
        ),
        (
            f"T1\tPERS {offsets('محمد')}\tمحمد\nR1\tLIKES Arg1:T1 Arg2:T1\n",
            2,
            "unknown relation type 'LIKES'",
        ),
        (
            f"T1\tPERS {offsets('محمد')}\tمحمد\nR1\tATTRIBUTED_TO Arg1:T1 Arg2:T1\n",
            2,
            "ATTRIBUTED_TO goes from QUOTE to SPEAKER, not PERS to PERS",
        ),
        (f"T1\tPERS {offsets('محمد')}\tمحمد\nA1\tkind T9 x\n", 2, "A1 names an unknown span T9"),
        (
            f"T1\tSPEAKER {offsets('الوزير')}\tالوزير\n\nA1\tkind T1 minister\n",
            3,
            "A1: SPEAKER kind must be one of named, title, anonymous, pronoun, media, not 'minister'",
        ),
    ],
)
def test_bad_ann_lines(store, tmp_path: Path, ann: str, line: int, reason: str) -> None:
    pair(tmp_path, GOOD_ANN, name="first")
    import_paths(store, [tmp_path / "first.txt"])
    before = snapshot(store)
    pair(tmp_path, ann, text=TEXT + " ", name="bad")
    report = import_paths(store, [tmp_path / "bad.txt"])
    (failure,) = report.failures
    ann_path = tmp_path / "bad.ann"
    assert (failure.file, failure.line) == (str(ann_path), line)
    assert str(failure).startswith(f"{ann_path}:{line}: {reason}")
    assert snapshot(store) == before


def test_bad_files(store, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "e.ann").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes("نص".encode())
    (tmp_path / "b.ann").write_bytes(b"T1\x00\x00")
    (tmp_path / "lone.txt").write_text("نص", encoding="utf-8")
    report = import_paths(
        store, [tmp_path / "e.txt", tmp_path / "b.txt", tmp_path / "lone.txt"], format="brat"
    )
    msgs = [str(f) for f in report.failures]
    assert msgs[0] == f"{tmp_path / 'e.txt'}: empty file"
    assert msgs[1].startswith(f"{tmp_path / 'b.ann'}:1: binary file")
    assert msgs[2].startswith(f"{tmp_path / 'lone.txt'}: no lone.ann beside it")
    assert store.document_ids() == []


@pytest.mark.parametrize("counted", [True, False], ids=["brat-counts-bom", "bom-not-counted"])
def test_utf8_bom_txt_either_counting(store, tmp_path: Path, counted: bool) -> None:
    """brat reads .txt as plain UTF-8, so its offsets count a BOM; other tools' do not. Both import."""
    shift = 1 if counted else 0
    start = TEXT.index("محمد") + shift
    ann = (
        f"T1\tPERS {start} {start + 4}\tمحمد\nT2\tGPE {TEXT.index('القاهرة') + shift} "
        f"{TEXT.index('القاهرة') + shift + 7}\tالقاهرة\n"
    )
    pair(tmp_path, ann, text="\ufeff" + TEXT, encoding="utf-8")
    report = import_paths(store, [tmp_path / "doc.txt"])
    assert report.failures == []
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text == TEXT  # stored without the BOM
    assert [s.surface(doc.text) for s in store.spans(doc_id)] == ["محمد", "القاهرة"]


def test_import_notes_agree_with_their_counts(store, tmp_path: Path) -> None:
    """A note for one line reads in the singular, for several in the plural (never "1 lines … are")."""
    one = tmp_path / "one"
    one.mkdir()
    pair(one, GOOD_ANN + "E1\tCUE:T1\n", name="a")
    two = tmp_path / "two"
    two.mkdir()
    pair(two, GOOD_ANN + "E1\tCUE:T1\nE2\tCUE:T1\nN2\tReference T4 Wikipedia:9\tمحمد\n", name="b")
    notes = [w.split(": ", 1)[1] for w in import_paths(store, [one, two], annotator="ali").warnings]
    assert "1 event line (E) not imported: the project has no events (their trigger spans are)" in notes
    assert "2 event lines (E) not imported: the project has no events (their trigger spans are)" in notes
    assert (
        "1 normalization line (N) not imported" in notes and "2 normalization lines (N) not imported" in notes
    )
    assert "1 comment line that is not AnnotatorNotes ignored" in notes
    assert not any(n.startswith("1 ") and (" lines " in n or " are " in n) for n in notes)


def test_brat_text_over_two_lines_is_read_whole(store, tmp_path: Path) -> None:
    # n2c2 2018's .ann files write a span that crosses a line break of the .txt with the line break
    # in its text, so the text goes on over the next line of the .ann; an event keeps its trailing
    # space, an equivalence groups two spans
    quote = 'الوضع مستقر".\nوأكد محمد'
    ann = (
        f'T1\tQUOTE {offsets(quote)}\tالوضع مستقر".\n'
        "وأكد محمد\n"
        f"T2\tPERS {offsets('محمد')}\tمحمد\n"
        f"T3\tGPE {offsets('القاهرة')}\tالقاهرة\n"
        "E1\tCUE:T2 \n"
        "*\tEquiv T2 T3\n"
        "#1\tAnnotatorNotes T1\tيمتد على سطرين\n"
    )
    report = import_paths(store, [pair(tmp_path, ann)])
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    spans = {s.label: s for s in store.spans(doc_id)}
    assert spans["QUOTE"].surface(doc.text) == quote and spans["QUOTE"].attrs == {"note": "يمتد على سطرين"}
    warnings = "\n".join(report.warnings)
    assert "1 event line (E)" in warnings and "1 equivalence line (*)" in warnings
    assert "unsupported kinds" not in warnings  # the text's second line is no line of its own


def test_brat_stray_line_after_a_span_is_still_counted(store, tmp_path: Path) -> None:
    ann = f"T1\tPERS {offsets('محمد')}\tمحمد\nسطر لا معنى له\n"
    report = import_paths(store, [pair(tmp_path, ann)])
    assert report.failures == [] and report.spans == 1
    assert any("1 line of unsupported kinds" in w for w in report.warnings), report.warnings
