"""JSONL import: generic lines, doccano labels, the project's own lossless format, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.importers import import_paths
from annotator.core.model import Origin, Status

TEXT = 'قال الوزير: "الوضع مستقر".'


def snapshot(store) -> tuple:
    return store.stats(), store.document_ids()


def write_jsonl(tmp_path: Path, objs: list, name: str = "data.jsonl", encoding: str = "utf-8") -> Path:
    lines = [o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objs]
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def docs_of(store):
    return [store.document(i) for i in store.document_ids()]


def test_generic_lines(store, tmp_path: Path) -> None:
    quote = TEXT.index('"')
    path = write_jsonl(
        tmp_path,
        [
            {
                "text": TEXT,
                "meta": {"title": "خبر"},
                "spans": [
                    {"start": 4, "end": 10, "label": "SPEAKER", "attrs": {"kind": "title"}},
                    {"start": quote, "end": len(TEXT) - 1, "label": "QUOTE", "text": TEXT[quote:-1]},
                ],
            },
            {"text": "محمد في القاهرة", "label": [[0, 4, "PERS"], [8, 15, "GPE"]], "meta": {"id": "n7"}},
            "",
            {"text": "نص ثالث"},
        ],
    )
    report = import_paths(store, [path], annotator="ali")
    assert report.failures == []
    assert report.imported == ["data-1", "n7", "data-4"]
    first, second, _third = docs_of(store)
    assert first.meta == {"title": "خبر"} and first.title == "خبر"
    spans = store.spans(first.id)
    assert [(s.label, s.surface(TEXT), s.annotator, s.origin) for s in spans] == [
        ("SPEAKER", "الوزير", "ali", Origin.IMPORTED),
        ("QUOTE", '"الوضع مستقر"', "ali", Origin.IMPORTED),
    ]
    assert spans[0].attrs == {"kind": "title"}
    assert [s.label for s in store.spans(second.id)] == ["PERS", "GPE"]


def own_line(text: str = TEXT) -> dict:
    quote = text.index('"')
    return {
        "meta": {"date": "2025-04-28", "title": "خبر"},
        "name": "doc-a",
        "relations": [{"annotator": "ali", "head": 2, "id": 1, "tail": 1, "type": "ATTRIBUTED_TO"}],
        "sha256": "ignored",
        "source": "articles/a.txt",
        "spans": [
            {
                "annotator": "ali",
                "attrs": {"kind": "title"},
                "end": 10,
                "id": 1,
                "label": "SPEAKER",
                "origin": "manual",
                "start": 4,
                "text": text[4:10],
            },
            {
                "annotator": "ali",
                "attrs": {"type": "direct"},
                "end": len(text) - 1,
                "id": 2,
                "label": "QUOTE",
                "origin": "suggested",
                "start": quote,
                "text": text[quote:-1],
            },
            {
                "annotator": "sara",
                "attrs": {},
                "end": 3,
                "id": 3,
                "label": "CUE",
                "origin": "manual",
                "start": 0,
                "text": text[0:3],
            },
        ],
        "status": {"ali": "done", "sara": "in_progress"},
        "text": text,
        "tokens": [[0, 3], [4, 10]],
    }


def test_own_format_lossless(store, tmp_path: Path) -> None:
    report = import_paths(store, [write_jsonl(tmp_path, [own_line()])])
    assert report.failures == [] and report.spans == 3 and report.relations == 1
    (doc,) = docs_of(store)
    assert (doc.name, doc.source, doc.meta, doc.tokens) == (
        "doc-a",
        "articles/a.txt",
        {"date": "2025-04-28", "title": "خبر"},
        ((0, 3), (4, 10)),
    )
    spans = {s.label: s for s in store.spans(doc.id)}
    assert spans["QUOTE"].origin == Origin.SUGGESTED and spans["QUOTE"].attrs == {"type": "direct"}
    assert spans["CUE"].annotator == "sara" and spans["SPEAKER"].origin == Origin.MANUAL
    (rel,) = store.relations(doc.id)
    assert (rel.type, rel.head, rel.tail, rel.annotator) == (
        "ATTRIBUTED_TO",
        spans["QUOTE"].id,
        spans["SPEAKER"].id,
        "ali",
    )
    assert store.status(doc.id, "ali") == Status.DONE
    assert store.status(doc.id, "sara") == Status.IN_PROGRESS


def test_crlf_inside_text_remaps_offsets(store, tmp_path: Path) -> None:
    text = "سطر\r\nقال محمد"
    start = text.index("محمد")
    path = write_jsonl(
        tmp_path, [{"text": text, "spans": [{"start": start, "end": start + 4, "label": "PERS"}]}]
    )
    assert import_paths(store, [path]).failures == []
    (doc,) = docs_of(store)
    (span,) = store.spans(doc.id)
    assert doc.text == "سطر\nقال محمد" and span.surface(doc.text) == "محمد"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1256"])
def test_encodings(store, tmp_path: Path, encoding: str) -> None:
    path = write_jsonl(tmp_path, [{"text": "محمد", "label": [[0, 4, "PERS"]]}], encoding=encoding)
    assert import_paths(store, [path]).failures == []
    assert docs_of(store)[0].text == "محمد"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('{"text": "نص", ', "malformed JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"meta": {}}', 'missing "text"'),
        ('{"text": 5}', '"text" is not a string'),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 40, "label": "PERS"}]},
            "span 1: offsets [0, 40) outside the text (length 4)",
        ),
        (
            {"text": "محمد", "spans": [{"start": -1, "end": 2, "label": "PERS"}]},
            "span 1: offsets [-1, 2) outside the text",
        ),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "text": "مح!"}]},
            "span 1: text 'مح!' does not match the text at [0, 2): 'مح'",
        ),
        ({"text": "محمد", "label": [[0, 4, "PERSON"]]}, "span 1: unknown label 'PERSON'"),
        (
            {"text": "محمد", "spans": [{"start": "0", "end": 2, "label": "PERS"}]},
            "span 1 start is not an integer",
        ),
        (
            {
                "text": "محمد",
                "spans": [{"id": 1, "start": 0, "end": 2, "label": "PERS"}],
                "relations": [{"type": "ATTRIBUTED_TO", "head": 1, "tail": 9}],
            },
            "relation 1: tail names an unknown span id 9",
        ),
        (
            {
                "text": "محمد",
                "spans": [
                    {"id": 1, "start": 0, "end": 2, "label": "QUOTE"},
                    {"id": 2, "start": 2, "end": 4, "label": "SPEAKER"},
                ],
                "relations": [{"type": "QUOTED_BY", "head": 1, "tail": 2}],
            },
            "relation 1: unknown relation type 'QUOTED_BY'",
        ),
        ({"text": "محمد", "status": {"ali": "finished"}}, "unknown status 'finished'"),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "origin": "magic"}]},
            "span 1: unknown origin 'magic'",
        ),
        # each check of the per-span fast paths (type() tests, C-loop attribute checks) still refuses
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "origin": 3}]},
            "span 1: origin must be a string, got 3",
        ),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "annotator": ""}]},
            "span 1: annotator must be a non-empty string",
        ),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "QUOTE", "attrs": {"type": 1}}]},
            "span 1: attrs must be an object of strings",
        ),
        (
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "attrs": []}]},
            "span 1: attrs must be an object of strings",
        ),
        ({"text": "محمد", "status": {"ali": 1}}, "unknown status 1 for 'ali'"),
        # hostile lines that used to end in a traceback or in a project no export accepts
        pytest.param(
            '{"text": "محمد", "meta": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
            "malformed JSON: nested too deeply",
            id="deep-nesting",
        ),
        pytest.param(
            {"text": "محمد", "spans": [{"id": [1], "start": 0, "end": 2, "label": "PERS"}]},
            "span 1: id must be a string or an integer, got [1]",
            id="unhashable-span-id",
        ),
        pytest.param(
            '{"text": "abc \\ud800 def"}', "not valid Unicode: a lone surrogate", id="surrogate-text"
        ),
        pytest.param(
            '{"text": "abc", "meta": {"k": "\\udfff"}}',
            "not valid Unicode: a lone surrogate",
            id="surrogate-meta",
        ),
        pytest.param(
            {"text": "abc \u0000 def"}, '"text" holds a NUL character at offset 4', id="nul-in-text"
        ),
        pytest.param(
            '{"text": "abc", "meta": {"x": NaN}}', "malformed JSON: NaN is not valid JSON", id="nan"
        ),
        pytest.param(
            {"text": "محمد", "status": {"": "done"}},
            "status: annotator name is empty",
            id="empty-status-annotator",
        ),
        pytest.param(
            {"text": "محمد", "label": [[0, 4, 5]]},
            "span 1: label must be a string, got 5",
            id="label-not-a-string",
        ),
        pytest.param(
            {"text": "محمد", "spans": [{"start": 0, "end": 2, "label": "PERS", "origin": ["manual"]}]},
            "span 1: origin must be a string, got ['manual']",
            id="unhashable-origin",
        ),
        pytest.param(
            {
                "text": "محمد",
                "spans": [
                    {"id": 1, "start": 0, "end": 2, "label": "QUOTE"},
                    {"id": 2, "start": 2, "end": 4, "label": "SPEAKER"},
                ],
                "relations": [{"type": "ATTRIBUTED_TO", "head": [1], "tail": 2}],
            },
            "relation 1: head must be a span id (a string or an integer), got [1]",
            id="unhashable-head",
        ),
        pytest.param(
            {
                "text": "محمد",
                "spans": [
                    {"id": 1, "start": 0, "end": 2, "label": "QUOTE"},
                    {"id": 2, "start": 2, "end": 4, "label": "SPEAKER"},
                ],
                "relations": [{"type": "ATTRIBUTED_TO", "head": 1, "tail": {"id": 2}}],
            },
            "relation 1: tail must be a span id (a string or an integer), got {'id': 2}",
            id="unhashable-tail",
        ),
        pytest.param(
            {
                "text": "محمد",
                "spans": [
                    {"id": 1, "start": 0, "end": 2, "label": "PERS"},
                    {"id": 2, "start": 2, "end": 4, "label": "PERS"},
                ],
                "relations": [{"type": "ATTRIBUTED_TO", "head": 1, "tail": 2}],
            },
            "relation 1: ATTRIBUTED_TO goes from QUOTE to SPEAKER, not PERS to PERS",
            id="label-pair",
        ),
        pytest.param(
            {"text": "قال محمد علي", "tokens": [[4, 8], [0, 3]]},
            "token [0, 3) starts before the previous token ends (8): tokens must be in text order",
            id="tokens-out-of-order",
        ),
        pytest.param(
            {"text": "قال محمد علي", "tokens": [[0, 5], [4, 8]]},
            "token [4, 8) starts before the previous token ends (5)",
            id="tokens-overlapping",
        ),
    ],
)
def test_bad_line_rejects_whole_file(store, tmp_path: Path, bad, reason: str) -> None:
    import_paths(store, [write_jsonl(tmp_path, [{"text": "موجود"}], name="first.jsonl")])
    before = snapshot(store)
    path = write_jsonl(tmp_path, [{"text": "سطر أول سليم"}, bad])
    report = import_paths(store, [path])
    (failure,) = report.failures
    assert (failure.file, failure.line) == (str(path), 2)
    assert str(failure).startswith(f"{path}:2: {reason}")
    assert report.imported == []
    assert snapshot(store) == before


def test_empty_binary_and_duplicate(store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b'{"text": "a"}\n\x00\xff')
    report = import_paths(store, [empty, binary])
    assert [str(f) for f in report.failures][0] == f"{empty}: empty file"
    assert str(report.failures[1]).startswith(f"{binary}:2: binary file")
    assert store.document_ids() == []

    same = write_jsonl(tmp_path, [{"text": "نص", "name": "x"}, {"text": "نص", "name": "y"}])
    report = import_paths(store, [same])
    assert report.imported == ["x"] and report.duplicates == ["y"]
    before = snapshot(store)
    report = import_paths(store, [same])
    assert report.imported == [] and report.duplicates == ["x", "y"]
    assert snapshot(store) == before
