"""Round trips through other tools' formats: export the sample project, import the file into a new
project, and nothing the format holds is lost (what it cannot hold is counted in the report)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.exporters import ExportOptions, export
from annotator.core.importers import detect_format, import_paths
from annotator.core.store import Store
from tests.core.export_fixtures import make_sample_project

ALL = ExportOptions(statuses=None)


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    store = make_sample_project(tmp_path / "sample.annotator.db")
    yield store
    store.close()


def content(store: Store, *, annotators: bool = True, attrs: bool = True) -> dict[str, tuple]:
    """Per document text: its meta, spans, relations and statuses, without database ids or origins."""
    out = {}
    for doc_id in store.document_ids():
        doc = store.document(doc_id)
        spans = {s.id: s for s in store.spans(doc_id) if s.origin.value != "suggested"}  # never exported

        def key(s, spans=spans):
            return (
                s.start,
                s.end,
                s.label,
                s.annotator if annotators else "",
                tuple(sorted(s.attrs.items())) if attrs else (),
            )

        rels = {
            (r.type, key(spans[r.head]), key(spans[r.tail]))
            for r in store.relations(doc_id)
            if r.head in spans and r.tail in spans
        }
        statuses = {a: store.status(doc_id, a).value for a in store.annotators()} if annotators else {}
        statuses = {a: v for a, v in statuses.items() if v != "new"}
        out[doc.text] = (doc.name, doc.meta, {key(s) for s in spans.values()}, rels, statuses)
    return out


def again(tmp_path: Path, out: Path, fmt: str, **kw) -> Store:
    store = Store.create(tmp_path / f"again-{fmt}.db")
    assert detect_format(out) == fmt
    report = import_paths(store, [out], **kw)
    assert report.failures == [], report.failures
    return store


def test_label_studio_round_trip_loses_nothing(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    report = export(sample, "labelstudio", out, ALL)
    assert report.files == [out, tmp_path / "tasks.labelconfig.xml"]
    assert [w for w in report.warnings if " not yet accepted " not in w] == []
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len(tasks) == 3 and tasks[0]["annotations"][0]["result"][0]["type"] == "labels"
    config = (tmp_path / "tasks.labelconfig.xml").read_text(encoding="utf-8")
    assert (
        '<Label value="QUOTE"' in config
        and '<Choices name="kind"' in config
        and '<Relation value="CUE_OF"/>' in config
    )
    with again(tmp_path, out, "labelstudio") as copy:
        assert content(copy) == content(sample)


def test_prodigy_round_trip_loses_nothing(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "prodigy.jsonl"
    export(sample, "prodigy", out, ALL)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {x["_annotator_id"] for x in lines} == {"ali", "bea"} and all(
        x["answer"] == "accept" for x in lines
    )
    span = lines[0]["spans"][0]
    toks = lines[0]["tokens"]
    assert (
        toks[span["token_start"]]["start"] == span["start"] and toks[span["token_end"]]["end"] == span["end"]
    )
    with again(tmp_path, out, "prodigy") as copy:
        assert content(copy) == content(sample)


def test_doccano_round_trip_keeps_what_doccano_holds(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "doccano.jsonl"
    report = export(sample, "doccano", out, ALL)
    assert any("attributes" in w and "cannot hold" in w for w in report.warnings)
    assert any("several annotators merged" in w for w in report.warnings)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "text", "entities", "relations"} and first["date"] == "2025-04-28"
    with again(tmp_path, out, "doccano") as copy:
        got = content(copy, annotators=False, attrs=False)
        want = content(sample, annotators=False, attrs=False)
        assert got == want


def test_doccano_identical_spans_are_counted_when_written_once(store, tmp_path: Path) -> None:
    # doccano's own test data marks one entity twice (`[[0, 1, "LOC"], [0, 1, "LOC"]]`): both are
    # kept on import, and the export, which writes them once, says so
    path = tmp_path / "twice.jsonl"
    path.write_text('{"text": "القاهرة مدينة", "label": [[0, 7, "GPE"], [0, 7, "GPE"]]}\n', encoding="utf-8")
    assert import_paths(store, [path], format="doccano").spans == 2
    out = tmp_path / "out.jsonl"
    report = export(store, "doccano", out, ALL)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert len(json.loads(line)["entities"]) == 1 and report.spans == 1
    assert any("1 span identical to another" in w for w in report.warnings), report.warnings
    flat = export(store, "conll", tmp_path / "out.conll", ALL)  # one tag per token: written once too
    assert flat.spans == 1 and any("1 span identical to another" in w for w in flat.warnings)
