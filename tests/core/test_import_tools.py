"""Importing other annotation tools' exports: doccano (every shape), Prodigy (answers, tokens,
relations) and Label Studio (JSON and JSON-MIN), written here in the shape those tools write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.importers import detect_format, import_paths

TEXT = "قال الوزير محمد علي إن الوضع مستقر 👍 في القاهرة."


def at(sub: str, text: str = TEXT) -> tuple[int, int]:
    s = text.index(sub)
    return s, s + len(sub)


def write(path: Path, lines: list[dict] | str, *, crlf: bool = False, bom: bool = False) -> Path:
    body = (
        lines if isinstance(lines, str) else "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)
    )
    if crlf:
        body = body.replace("\n", "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return path


def spans_of(store, doc_id: int) -> set[tuple]:
    return {(s.start, s.end, s.label, s.annotator) for s in store.spans(doc_id)}


# ------------------------------------------------------------------------------------ doccano
def doccano_entities() -> dict:
    c, p, q = at("قال"), at("الوزير محمد علي"), at("الوضع مستقر")
    return {
        "id": 12,
        "text": TEXT,
        "entities": [
            {"id": 101, "label": "CUE", "start_offset": c[0], "end_offset": c[1]},
            {"id": 102, "label": "SPK", "start_offset": p[0], "end_offset": p[1]},
            {"id": "103", "label": "QUOTE", "start_offset": q[0], "end_offset": q[1]},
        ],
        "relations": [
            {"id": 7, "from_id": 103, "to_id": 102, "type": "said_by"},
            {"id": 8, "from_id": "101", "to_id": 103, "type": "CUE_OF"},
        ],
        "Comments": [],
        "source": "wire",
    }


def test_doccano_entities_and_relations_with_mapped_types(store, tmp_path: Path) -> None:
    path = write(tmp_path / "admin.jsonl", [doccano_entities()], crlf=True, bom=True)
    assert detect_format(path) == "doccano"
    report = import_paths(store, [path], label_map={"SPK": "SPEAKER", "said_by": "ATTRIBUTED_TO"})
    assert report.failures == [] and report.spans == 3 and report.relations == 2
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.name == "12" and doc.meta == {"source": "wire"}
    spans = {s.label: s for s in store.spans(doc_id)}
    assert spans["SPEAKER"].surface(doc.text) == "الوزير محمد علي"
    assert {(r.type, r.head, r.tail) for r in store.relations(doc_id)} == {
        ("ATTRIBUTED_TO", spans["QUOTE"].id, spans["SPEAKER"].id),
        ("CUE_OF", spans["CUE"].id, spans["QUOTE"].id),
    }


def test_doccano_unmapped_relation_type_names_line_and_hint(store, tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", [{"text": "x", "label": []}, doccano_entities()])
    report = import_paths(store, [path], format="doccano", label_map={"SPK": "SPEAKER"})
    assert [str(f) for f in report.failures] == [
        f"{path}:2: relation 7: unknown relation type 'said_by' (map it with --map said_by=TYPE, "
        "or add it to the project schema)"
    ]
    assert store.document_ids() == []


def test_doccano_old_label_and_annotations_shapes(store, tmp_path: Path) -> None:
    p = at("محمد علي")
    lines = [
        {
            "id": 1,
            "data": TEXT,
            "label": [[p[0], p[1], "PERS"]],
            "meta": {"url": "u"},
            "annotation_approver": None,
        },
        {
            "text": TEXT + " 2",
            "annotations": [
                {"label": 4, "start_offset": p[0], "end_offset": p[1], "user": 1},
                {"label": "GPE", "start_offset": at("القاهرة")[0], "end_offset": at("القاهرة")[1], "user": 2},
            ],
        },
        {"text": "نص للتصنيف", "label": ["positive"]},
    ]
    path = write(tmp_path / "old.jsonl", lines)
    report = import_paths(store, [path], label_map={"4": "PERS"}, annotator="layla")
    assert report.failures == [] and report.spans == 3
    first, second, third = store.document_ids()
    assert spans_of(store, first) == {(p[0], p[1], "PERS", "layla")}
    assert store.document(first).meta == {"url": "u", "annotation_approver": None}
    assert {s[3] for s in spans_of(store, second)} == {"layla-user1", "layla-user2"}
    assert store.document(third).meta["categories"] == ["positive"]
    assert any("text categories" in w for w in report.warnings)


def test_doccano_numeric_label_needs_a_map(store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.jsonl",
        [{"text": TEXT, "annotations": [{"label": 3, "start_offset": 0, "end_offset": 3}]}],
    )
    report = import_paths(store, [path])
    assert "label 3 is a number" in str(report.failures[0]) and "--map 3=LABEL" in str(report.failures[0])


# ------------------------------------------------------------------------------------ Prodigy
def prodigy_tokens(text: str) -> list[dict]:
    out, pos = [], 0
    for i, word in enumerate(text.split(" ")):
        out.append({"text": word, "start": pos, "end": pos + len(word), "id": i, "ws": True})
        pos += len(word) + 1
    out[-1]["ws"] = False
    return out


def prodigy_lines() -> list[dict]:
    toks = prodigy_tokens(TEXT)
    spk = {
        "start": at("محمد علي")[0],
        "end": at("محمد علي")[1],
        "token_start": 2,
        "token_end": 3,
        "label": "PERSON",
    }
    quote = {"token_start": 5, "token_end": 6, "label": "QUOTE"}  # token fields only
    base = {
        "text": TEXT,
        "tokens": toks,
        "_input_hash": -12345,
        "meta": {"source": "wire"},
        "_view_id": "ner_manual",
    }
    return [
        {
            **base,
            "_task_hash": 1,
            "spans": [spk, quote],
            "relations": [
                {
                    "head": 6,
                    "child": 3,
                    "head_span": {
                        "start": at("الوضع مستقر")[0],
                        "end": at("الوضع مستقر")[1],
                        "token_start": 5,
                        "token_end": 6,
                        "label": "QUOTE",
                    },
                    "child_span": spk,
                    "label": "SAID_BY",
                }
            ],
            "answer": "accept",
            "_annotator_id": "news-layla",
            "_timestamp": 1700000000,
        },
        {
            **base,
            "_task_hash": 2,
            "spans": [{**spk, "label": "ORG"}],
            "answer": "reject",
            "_annotator_id": "news-omar",
        },
        {**base, "_task_hash": 3, "spans": [{**spk, "label": "GPE"}], "answer": "ignore"},
        {"text": "نص رفضه الجميع.", "spans": [{"start": 0, "end": 2, "label": "PERSON"}], "answer": "reject"},
    ]


def test_prodigy_answers_tokens_and_relations(store, tmp_path: Path) -> None:
    path = write(tmp_path / "db-out.jsonl", prodigy_lines())
    assert detect_format(path) == "prodigy"
    report = import_paths(store, [path], label_map={"PERSON": "SPEAKER", "SAID_BY": "ATTRIBUTED_TO"})
    assert report.failures == [] and report.imported == ["db-out-1"]
    (doc_id,) = store.document_ids()
    assert spans_of(store, doc_id) == {
        (*at("محمد علي"), "SPEAKER", "news-layla"),
        (*at("الوضع مستقر"), "QUOTE", "news-layla"),
    }
    (rel,) = store.relations(doc_id)
    assert rel.type == "ATTRIBUTED_TO" and store.span(rel.head).label == "QUOTE"
    doc = store.document(doc_id)
    assert doc.tokens is not None and len(doc.tokens) == len(TEXT.split(" "))
    assert store.status(doc_id, "news-layla").value == "done"
    text = "\n".join(report.warnings)
    assert "2 examples answered reject" in text and "1 example answered ignore" in text
    assert "1 text has no accepted example and is left out" in text


def test_prodigy_teach_examples_of_one_text_merge(store, tmp_path: Path) -> None:
    p, c = at("محمد علي"), at("القاهرة")
    lines = [
        {
            "text": TEXT,
            "_input_hash": 5,
            "spans": [{"start": p[0], "end": p[1], "label": "PERS"}],
            "answer": "accept",
        },
        {
            "text": TEXT,
            "_input_hash": 5,
            "spans": [{"start": c[0], "end": c[1], "label": "GPE"}],
            "answer": "accept",
        },
        {
            "text": TEXT,
            "_input_hash": 5,
            "spans": [{"start": c[0], "end": c[1], "label": "ORG"}],
            "answer": "reject",
        },
    ]
    report = import_paths(store, [write(tmp_path / "teach.jsonl", lines)], annotator="omar")
    assert report.failures == [] and len(report.imported) == 1
    (doc_id,) = store.document_ids()
    assert spans_of(store, doc_id) == {(*p, "PERS", "omar"), (*c, "GPE", "omar")}


def test_prodigy_bad_answer_is_refused_with_line(store, tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", [{"text": "a b", "answer": "maybe"}])
    report = import_paths(store, [path])
    assert str(report.failures[0]) == f"{path}:1: unknown answer 'maybe' (expected accept, reject or ignore)"


# ------------------------------------------------------------------------------------ Label Studio
def ls_export() -> str:
    q, s, c = at("الوضع مستقر"), at("الوزير محمد علي"), at("القاهرة")
    emoji_shift = 1  # an old Label Studio counted UTF-16 units: after 👍 one more than code points
    tasks = [
        {
            "id": 41,
            "data": {"text": TEXT, "title": "تصريح"},
            "annotations": [
                {
                    "id": 9,
                    "completed_by": {"id": 1, "email": "layla@example.org"},
                    "result": [
                        {
                            "value": {"start": q[0], "end": q[1], "text": "الوضع مستقر", "labels": ["QUOTE"]},
                            "id": "q1",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "origin": "manual",
                        },
                        {
                            "value": {
                                "start": q[0],
                                "end": q[1],
                                "text": "الوضع مستقر",
                                "choices": ["indirect"],
                            },
                            "id": "q1",
                            "from_name": "type",
                            "to_name": "text",
                            "type": "choices",
                        },
                        {
                            "value": {
                                "start": s[0],
                                "end": s[1],
                                "text": "الوزير محمد علي",
                                "labels": ["SPEAKER"],
                            },
                            "id": "s1",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                        },
                        {
                            "value": {"start": s[0], "end": s[1], "text": ["يحتاج مراجعة"]},
                            "id": "s1",
                            "from_name": "note",
                            "to_name": "text",
                            "type": "textarea",
                        },
                        {
                            "value": {
                                "start": c[0] + emoji_shift,
                                "end": c[1] + emoji_shift,
                                "text": "القاهرة",
                                "labels": ["GPE"],
                            },
                            "id": "g1",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                        },
                        {
                            "from_id": "s1",
                            "to_id": "q1",
                            "type": "relation",
                            "direction": "left",
                            "labels": ["ATTRIBUTED_TO"],
                        },
                    ],
                    "was_cancelled": False,
                    "ground_truth": False,
                    "created_at": "2024-05-01T10:00:00.000000Z",
                    "lead_time": 31.2,
                },
                {"id": 10, "completed_by": 2, "result": [], "was_cancelled": True},
            ],
            "predictions": [{"result": [], "score": 0.5}],
            "drafts": [{"id": 3, "user": "omar@example.org", "result": [], "lead_time": 4.0}],
            "meta": {},
            "inner_id": 1,
        }
    ]
    return json.dumps(tasks, ensure_ascii=False, indent=2)


def test_label_studio_tasks(store, tmp_path: Path) -> None:
    path = write(tmp_path / "project-1-at-2024.json", ls_export(), crlf=True)
    assert detect_format(path) == "labelstudio"
    report = import_paths(store, [path])
    assert report.failures == [] and report.spans == 3 and report.relations == 1
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.name == "task-41" and doc.meta["title"] == "تصريح"
    spans = {s.label: s for s in store.spans(doc_id)}
    assert spans["QUOTE"].attrs == {"type": "indirect"} and spans["SPEAKER"].attrs == {"note": "يحتاج مراجعة"}
    assert spans["GPE"].surface(doc.text) == "القاهرة"  # UTF-16 offsets recognised
    assert {s.annotator for s in spans.values()} == {"layla@example.org"}
    (rel,) = store.relations(doc_id)
    assert (rel.head, rel.tail) == (spans["QUOTE"].id, spans["SPEAKER"].id)  # direction "left" reversed
    warnings = "\n".join(report.warnings)
    assert "1 prediction (model output) not imported" in warnings
    assert "1 cancelled (skipped) annotation not imported" in warnings
    assert "1 draft (annotations saved but never submitted) not imported" in warnings


def test_label_studio_mismatched_region_text_names_the_line(store, tmp_path: Path) -> None:
    bad = ls_export().replace('"text": "القاهرة"', '"text": "دمشق"')
    path = write(tmp_path / "bad.json", bad)
    report = import_paths(store, [path])
    (failure,) = report.failures
    assert failure.line == 2 and "does not match" in failure.reason and store.document_ids() == []


def test_label_studio_json_min(store, tmp_path: Path) -> None:
    p = at("محمد علي")
    rows = [
        {
            "id": 3,
            "text": TEXT,
            "label": [{"start": p[0], "end": p[1], "text": "محمد علي", "labels": ["PERS"]}],
            "annotator": 1,
            "annotation_id": 5,
            "created_at": "x",
            "updated_at": "y",
            "lead_time": 2.0,
            "lang": "ar",
        }
    ]
    path = write(tmp_path / "min.json", json.dumps(rows, ensure_ascii=False))
    report = import_paths(store, [path])
    assert report.failures == [] and report.spans == 1
    (doc_id,) = store.document_ids()
    assert store.document(doc_id).meta == {"lang": "ar"}


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "labelstudio"])
def test_empty_records_file_is_refused(store, tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path / "e.json", "[]")
    report = import_paths(store, [path], format=fmt)
    assert report.failures and store.document_ids() == []


def test_generic_jsonl_keeps_other_keys_and_says_so(store, tmp_path: Path) -> None:
    path = write(tmp_path / "other.jsonl", [{"text": TEXT, "url": "https://x", "ner": [[4, 10, "PERS"]]}])
    report = import_paths(store, [path])
    assert report.failures == []
    (doc_id,) = store.document_ids()
    assert store.document(doc_id).meta == {"url": "https://x", "ner": [[4, 10, "PERS"]]}
    assert any("kept in each document's meta: ner" in w for w in report.warnings)


def test_label_studio_image_task_is_refused_not_imported_as_text(store, tmp_path: Path) -> None:
    # an export of an image project: the task's only value is the upload's path, the regions shapes
    task = {
        "id": 87,
        "annotations": [
            {
                "id": 22,
                "completed_by": 1,
                "result": [
                    {
                        "id": "qd1",
                        "type": "polygonlabels",
                        "value": {"points": [[44.4, 48.2], [42.5, 60.3]], "polygonlabels": ["مبنى"]},
                        "to_name": "image",
                        "from_name": "label",
                    }
                ],
                "was_cancelled": False,
            }
        ],
        "data": {"image": "/data/upload/29/صورة.png"},
        "meta": {},
    }
    path = write(tmp_path / "project-29.json", json.dumps([task], ensure_ascii=False, indent=1))
    report = import_paths(store, [path])
    (failure,) = report.failures
    assert failure.line == 2 and "data.image is a file reference" in failure.reason
    assert store.document_ids() == []


def test_label_studio_text_loaded_by_url_is_refused(store, tmp_path: Path) -> None:
    task = {"id": 1, "data": {"text": "https://example.org/news/1.txt"}, "annotations": []}
    report = import_paths(store, [write(tmp_path / "url.json", json.dumps([task]))])
    (failure,) = report.failures
    assert "file reference" in failure.reason and store.document_ids() == []


def test_doccano_label_name_and_user_name_are_used(store, tmp_path: Path) -> None:
    # doccano 1.0's download: `label` is the label's id, `label_name` its name, `user_name` who
    p, g = at("محمد علي"), at("القاهرة")
    line = {
        "id": 1,
        "text": TEXT,
        "annotations": [
            {
                "id": 1,
                "label": 2,
                "label_name": "PERS",
                "start_offset": p[0],
                "end_offset": p[1],
                "user": 1,
                "user_name": "layla",
            },
            {
                "id": 2,
                "label": 5,
                "label_name": "GPE",
                "start_offset": g[0],
                "end_offset": g[1],
                "user": 2,
                "user_name": "omar",
            },
        ],
        "meta": {},
        "annotation_approver": "supervisor",
    }
    report = import_paths(store, [write(tmp_path / "download.jsonl", [line])])
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    assert spans_of(store, doc_id) == {(p[0], p[1], "PERS", "layla"), (g[0], g[1], "GPE", "omar")}


def test_doccano_users_are_named_alike_in_every_record(store, tmp_path: Path) -> None:
    # doccano 0.x: user 2 annotated both texts, user 1 only the first; a text with one user still
    # names its layer after that user when the file holds several
    p = at("محمد علي")
    lines = [
        {
            "id": 1,
            "text": TEXT,
            "annotations": [
                {"label": "PERS", "start_offset": p[0], "end_offset": p[1], "user": 1},
                {"label": "PERS", "start_offset": p[0], "end_offset": p[1], "user": 2},
            ],
        },
        {
            "id": 2,
            "text": TEXT + " ثانيا",
            "annotations": [
                {"label": "PERS", "start_offset": p[0], "end_offset": p[1], "user": 2},
            ],
        },
    ]
    report = import_paths(store, [write(tmp_path / "users.jsonl", lines)], annotator="team")
    assert report.failures == [], report.failures
    first, second = store.document_ids()
    assert {s[3] for s in spans_of(store, first)} == {"team-user1", "team-user2"}
    assert {s[3] for s in spans_of(store, second)} == {"team-user2"}


def ls_result(rid: str, kind: str, value: dict, **extra) -> dict:
    """One item of a Label Studio annotation's `result`, as its export writes it."""
    return {"id": rid, "type": kind, "from_name": "label", "to_name": "text", "value": value, **extra}


def test_label_studio_region_meta_text_is_the_span_note(store, tmp_path: Path) -> None:
    # Label Studio keeps what an annotator types in a region's info panel as the result's
    # `"meta": {"text": [...]}`, repeated on each result of the region (its labels and its choices)
    p, q = at("محمد علي"), at("الوضع مستقر")
    region = {"start": p[0], "end": p[1], "text": "محمد علي"}
    note = {"meta": {"text": ["يحتاج مراجعة"]}}
    kind = ls_result("r1", "choices", {**region, "choices": ["named"]}, **note)
    kind["from_name"] = "kind"
    task = {
        "id": 7,
        "data": {"text": TEXT},
        "annotations": [
            {
                "id": 1,
                "completed_by": {"id": 3, "email": "layla@example.org"},
                "was_cancelled": False,
                "result": [
                    ls_result("r1", "labels", {**region, "labels": ["SPEAKER"]}, **note),
                    kind,
                    ls_result("r2", "labels", {"start": q[0], "end": q[1], "labels": ["QUOTE"]}),
                    {
                        "type": "relation",
                        "from_id": "r2",
                        "to_id": "r1",
                        "direction": "right",
                        "labels": ["ATTRIBUTED_TO"],
                        "meta": {"text": ["مؤكد"]},
                    },
                ],
            }
        ],
    }
    report = import_paths(store, [write(tmp_path / "meta.json", json.dumps([task], ensure_ascii=False))])
    assert report.failures == [] and report.spans == 2 and report.relations == 1
    (doc_id,) = store.document_ids()
    spans = {s.label: s for s in store.spans(doc_id)}
    assert spans["SPEAKER"].attrs == {"kind": "named", "note": "يحتاج مراجعة"}
    assert any("1 region note (meta) on relations" in w for w in report.warnings), report.warnings


def test_label_studio_json_min_controls_by_name_and_annotators(store, tmp_path: Path) -> None:
    # JSON-MIN as Label Studio writes it: the task's data keys (the text under the project's own
    # key), each control's output under its name, one record per annotation of a task
    p, q = at("محمد علي"), at("القاهرة")
    speaker = {"start": p[0], "end": p[1], "text": "محمد علي"}
    place = {"start": q[0], "end": q[1], "text": "القاهرة"}

    def record(annotator: str, annotation_id: int, ner: list) -> dict:
        return {
            "article": TEXT,
            "source": "وكالة",
            "id": 9,
            "ner": ner,
            "kind": [{**speaker, "choices": ["named"]}],
            "sentiment": "neutral",
            "annotator": annotator,
            "annotation_id": annotation_id,
            "created_at": "2024-05-15T12:09:16Z",
            "updated_at": "2024-05-15T12:09:16Z",
            "lead_time": 12.5,
        }

    rows = [
        record("layla@example.org", 1, [{**speaker, "labels": ["SPEAKER"]}, {**place, "labels": ["GPE"]}]),
        record("omar@example.org", 2, [{**speaker, "labels": ["SPEAKER"]}]),
    ]
    path = write(tmp_path / "project-9-min.json", json.dumps(rows, ensure_ascii=False, indent=2))
    assert detect_format(path) == "labelstudio"
    report = import_paths(store, [path])
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    assert doc.text == TEXT and doc.meta == {"source": "وكالة", "sentiment": "neutral"}
    got = {(s.label, s.surface(doc.text), s.annotator, tuple(s.attrs.items())) for s in store.spans(doc_id)}
    assert got == {
        ("SPEAKER", "محمد علي", "layla@example.org", (("kind", "named"),)),
        ("GPE", "القاهرة", "layla@example.org", ()),
        ("SPEAKER", "محمد علي", "omar@example.org", (("kind", "named"),)),
    }


def test_prodigy_named_sessions_are_annotators_and_time_stamps_are_not(store, tmp_path: Path) -> None:
    # Prodigy before `_annotator_id`: `?session=layla` gives `_session_id` "news_ner-layla"; a
    # default session is the server's start time and names nobody
    p, q = at("محمد علي"), at("القاهرة")

    def example(session: str, start: int, end: int, label: str) -> dict:
        return {
            "text": TEXT,
            "_input_hash": 11,
            "_task_hash": start,
            "_session_id": session,
            "_view_id": "ner_manual",
            "spans": [{"start": start, "end": end, "label": label}],
            "answer": "accept",
        }

    lines = [
        example("news_ner-layla", *p, "PERS"),
        example("news_ner-omar", *q, "GPE"),
        example("news_ner-2019-03-11_15-15-44", *q, "LOC"),
    ]
    report = import_paths(store, [write(tmp_path / "news_ner.jsonl", lines)], annotator="team")
    assert report.failures == [], report.failures
    (doc_id,) = store.document_ids()
    assert spans_of(store, doc_id) == {
        (p[0], p[1], "PERS", "news_ner-layla"),
        (q[0], q[1], "GPE", "news_ner-omar"),
        (q[0], q[1], "LOC", "team"),
    }


@pytest.mark.parametrize("global_offsets", [True, False])
def test_label_studio_hypertext_region_is_refused_not_misplaced(
    store, tmp_path: Path, global_offsets
) -> None:
    # a HyperText task: the region's start and end are XPaths into the page, its globalOffsets
    # count the page's visible text ("قال محمد"), not the HTML string the task holds
    value = {
        "start": "/p[1]/b[1]/text()[1]",
        "end": "/p[1]/b[1]/text()[1]",
        "startOffset": 0,
        "endOffset": 4,
        "text": "محمد",
        "hypertextlabels": ["PERS"],
    }
    if global_offsets:
        value["globalOffsets"] = {"start": 4, "end": 8}
    result = [{"id": "h1", "type": "hypertextlabels", "from_name": "ner", "to_name": "page", "value": value}]
    task = {"id": 1, "data": {"html": "<p>قال <b>محمد</b></p>"}, "annotations": [{"id": 1, "result": result}]}
    report = import_paths(store, [write(tmp_path / "html.json", json.dumps([task], ensure_ascii=False))])
    (failure,) = report.failures
    assert "HyperText region" in failure.reason and store.document_ids() == []
