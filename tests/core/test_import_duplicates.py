"""Documents already in the project: skipped and named when they bring nothing new; their
annotations added as the importing annotator's layer when they differ; never mixed into a layer."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.importers import import_paths

TEXT = "قال الوزير محمد علي إن الوضع مستقر في القاهرة."


def line(name: str, *subs: tuple[str, str]) -> str:
    spans = []
    for label, sub in subs:
        s = TEXT.index(sub)
        spans.append({"start": s, "end": s + len(sub), "label": label})
    return json.dumps({"name": name, "text": TEXT, "spans": spans}, ensure_ascii=False) + "\n"


def layers(store) -> dict[str, set]:
    (doc_id,) = store.document_ids()
    out: dict[str, set] = {}
    for s in store.spans(doc_id):
        out.setdefault(s.annotator, set()).add((s.start, s.end, s.label))
    return out


def test_duplicates_are_named_and_new_annotations_become_a_layer(store, tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(line("one", ("PERS", "محمد علي")), encoding="utf-8")
    assert import_paths(store, [first], annotator="ali").imported == ["one"]

    same = import_paths(store, [first])  # the same spans under another name: nothing new
    assert same.duplicates == ["one"] and same.merged == []
    assert (
        f"{first}: 1 document already in the project with the same annotations, skipped: one" in same.warnings
    )

    other = tmp_path / "b.jsonl"
    other.write_text(line("one-again", ("PERS", "محمد علي"), ("GPE", "القاهرة")), encoding="utf-8")
    report = import_paths(store, [other], annotator="omar")
    assert report.ok and report.merged == ["one-again"] and report.imported == [] and report.spans == 2
    assert any("added as another annotator's layer: one-again" in w for w in report.warnings)
    assert "annotations added to 1 already there" in report.summary()
    assert set(layers(store)) == {"ali", "omar"} and len(layers(store)["omar"]) == 2

    before = layers(store)
    third = tmp_path / "c.jsonl"
    third.write_text(line("one-more", ("ORG", "الوزير")), encoding="utf-8")
    refused = import_paths(store, [third], annotator="omar")  # omar's layer differs: never mixed
    (failure,) = refused.failures
    assert "already in the project (document 1, 'one') with other annotations by 'omar'" in failure.reason
    assert "--annotator NAME" in failure.reason
    assert layers(store) == before
