"""CoNLL as other tools write and read it: BIOES/BILOU tags, format sniffing that refuses tagged or
markup files named as plain text, long sentences split, tokens with spaces, rows never opening I-."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.exporters import ExportOptions, export
from annotator.core.importers import detect_format, import_paths
from annotator.core.model import NewDocument, NewSpan

BILOU = "محمد B-PERS\nعلي L-PERS\nزار O\nالقاهرة U-GPE\nو O\nمنظمة B-ORG\nالصحة I-ORG\nالعالمية L-ORG\n. O\n"
BIOES = BILOU.replace("L-", "E-").replace("U-", "S-")


def spans(store) -> list[tuple[str, str]]:
    out = []
    for doc_id in store.document_ids():
        doc = store.document(doc_id)
        out += [(s.label, s.surface(doc.text)) for s in store.spans(doc_id)]
    return sorted(out)


@pytest.mark.parametrize("body", [BILOU, BIOES], ids=["bilou", "bioes"])
def test_bilou_and_bioes_in_a_txt_are_detected_and_read(store, tmp_path: Path, body: str) -> None:
    path = tmp_path / "tagged.txt"
    path.write_text(body, encoding="utf-8")
    assert detect_format(path) == "conll"
    report = import_paths(store, [path])
    assert report.failures == [] and report.warnings == []
    assert spans(store) == [("GPE", "القاهرة"), ("ORG", "منظمة الصحة العالمية"), ("PERS", "محمد علي")]


def test_markup_and_half_tagged_files_are_refused_unless_named(store, tmp_path: Path) -> None:
    xmi = tmp_path / "doc.txt"
    xmi.write_text('<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI"/>')
    named_xmi = tmp_path / "doc2.xmi"
    named_xmi.write_text("<xmi:XMI/>")
    half = tmp_path / "half.txt"
    half.write_text("محمد B-PERS\nعلي I-PERS\nهذا سطر عادي من النص\nزار O\nوسطر آخر هنا\nهنا O\n")
    slash = tmp_path / "pos.txt"
    slash.write_text(" ".join(["كتب/VBD الولد/NN"] * 12))
    report = import_paths(store, [xmi, named_xmi, half, slash])
    assert [f.file for f in report.failures] == [str(p) for p in (xmi, named_xmi, half, slash)]
    assert all("--format" in f.reason for f in report.failures)
    assert "XML" in report.failures[0].reason and "tagged token-per-line" in report.failures[2].reason
    assert detect_format(xmi) == "unknown" and store.document_ids() == []
    assert import_paths(store, [xmi, half], format="text").ok  # named: imported as it is


def test_long_sentence_without_breaks_is_split_and_counted(store, tmp_path: Path) -> None:
    words = [f"كلمة{i} {'B-PERS' if i % 97 == 0 else 'O'}" for i in range(450)]
    words[149] = "، O"  # a comma near the end of the first window: the preferred cut
    path = tmp_path / "long.conll"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    report = import_paths(store, [path])
    assert report.failures == []
    assert any(
        w.endswith(
            "2 splits of sentences longer than 200 tokens (no blank line or sentence-final punctuation ended them)"
        )
        for w in report.warnings
    )
    (doc_id,) = store.document_ids()
    lines = store.document(doc_id).text.split("\n")
    assert [len(line.split(" ")) for line in lines] == [150, 200, 100]


def _doc(store, text: str, spans: list[tuple[str, str]]) -> None:
    made = []
    for label, sub in spans:
        s = text.index(sub)
        made.append(NewSpan(s, s + len(sub), label, annotator="ali"))
    store.add_documents([NewDocument("d", text, spans=made)])


def test_bio_rows_never_open_with_i(store, tmp_path: Path) -> None:
    text = "قال الوزير: «الوضع مستقر. ونحن نعمل» ثم غادر."
    _doc(store, text, [("QUOTE", "«الوضع مستقر. ونحن نعمل»")])
    out = tmp_path / "q.conll"
    report = export(store, "conll", out, ExportOptions(statuses=None))
    rows = out.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(rows) >= 2
    assert all(not row.split("\n")[0].split()[-1].startswith("I-") for row in rows)
    tags = [line.split()[-1] for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert tags.count("B-QUOTE") == 2
    assert any(w.startswith("1 entity crosses a sentence or row boundary") for w in report.warnings)
    hf = tmp_path / "q.jsonl"
    export(store, "hf", hf, ExportOptions(statuses=None))
    import json

    names = json.loads((tmp_path / "q.labels.json").read_text())["names"]
    for line in hf.read_text().splitlines():
        first = json.loads(line)["ner_tags"][0]
        assert not names[first].startswith("I-")


def test_token_with_a_space_stays_one_token(store, tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    src.write_text("قال O\nعبد الله B-PERS\nإن O\n. O\n", encoding="utf-8")
    assert import_paths(store, [src]).ok
    out = tmp_path / "out.conll"
    report = export(store, "conll", out, ExportOptions(statuses=None))
    lines = [line for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert "عبد_الله B-PERS" in lines and all(len(line.split()) == 2 for line in lines)
    assert any("1 token contains whitespace and was written" in w for w in report.warnings)
