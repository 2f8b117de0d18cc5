"""ANERcorp in a server project exports byte for byte what the same project in a file exports, in
every format (and with a team's edits on top: a second layer, links, attributes, statuses, undo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.copy import copy_project, project_id
from annotator.core.exporters import FORMATS, ExportOptions, export
from annotator.core.exporters.common import FOLDER_MARKER
from annotator.core.importers import import_paths
from annotator.core.model import Status
from annotator.core.store import Store


def _annotate(store: Store) -> None:
    """The same team edits on either project: a second layer with quotes, speakers and links."""
    ids = store.document_ids()
    for n, doc_id in enumerate(ids[:12]):
        text = store.document(doc_id).text
        words = [i for i, ch in enumerate(text) if ch == " "][:40]
        if len(words) < 12:
            continue
        q = store.add_span(doc_id, words[2] + 1, words[8], "QUOTE", "layla", attrs={"type": "indirect"})
        s = store.add_span(doc_id, words[0] + 1, words[1], "SPEAKER", "layla", attrs={"kind": "named"})
        store.add_span(doc_id, words[1] + 1, words[2], "CUE", "layla")
        store.add_relation("ATTRIBUTED_TO", q.spans_added[0].id, s.spans_added[0].id)
        store.set_status(doc_id, "layla", Status.DONE if n % 3 else Status.IN_PROGRESS)
        store.set_status(doc_id, "aner", Status.DONE)
    store.undo(ids[0], "layla")  # the journal's effect is the same on both


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _export_all(store: Store, out: Path) -> dict[str, bytes]:
    for sub in ("split", "layla"):
        (out / sub).mkdir(parents=True)
    for fmt in FORMATS:
        target = out / (f"{fmt}-brat" if fmt == "brat" else f"{fmt}.jsonl")
        export(store, fmt, target, ExportOptions(statuses=None))
        export(store, fmt, out / "split" / f"{fmt}.out", ExportOptions(split=(0.8, 0.1, 0.1), seed=7))
        export(store, fmt, out / "layla" / f"{fmt}.out", ExportOptions(annotator="layla", statuses=None))
    return _files(out)


def test_anercorp_on_a_server_exports_byte_identical_files(
    tmp_path: Path, pg_server, anercorp_path: Path
) -> None:
    file_project = tmp_path / "aner.annotator.db"
    url = pg_server.url(pg_server.new_database("aner"))
    exported = []
    for location in (str(file_project), url):
        with Store.create(location) as store:
            report = import_paths(store, [anercorp_path], annotator="aner", sentences_per_doc=50)
            assert not report.failures
            _annotate(store)
            files = _export_all(store, tmp_path / ("server" if store.is_server else "file"))
            # a folder export's marker names the project it came from: two projects, two ids
            own_id = project_id(store)
            assert own_id and own_id.encode() in files[f"brat-brat/{FOLDER_MARKER}"]
            exported.append({n: d.replace(own_id.encode(), b"<project id>") for n, d in files.items()})
    on_file, on_server = exported
    assert len(on_file) >= 3 * len(FORMATS)
    assert sorted(on_server) == sorted(on_file)
    for name, data in on_file.items():
        assert on_server[name] == data, f"{name} differs"
    # and a server project copied from the file exports the same again
    copied = pg_server.url(pg_server.new_database("aner_copy"))
    copy_project(file_project, copied)
    with Store.open(copied) as store:
        export(store, "jsonl", tmp_path / "copied.jsonl", ExportOptions(statuses=None))
    assert (tmp_path / "copied.jsonl").read_bytes() == on_file["jsonl.jsonl"]


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_an_export_from_a_server_is_reimported_into_a_file_unchanged(
    tmp_path: Path, pg_server, fmt: str
) -> None:
    from annotator.core.model import NewDocument

    url = pg_server.url(pg_server.new_database("rt"))
    with Store.create(url) as store:
        store.add_documents([NewDocument("a", "قال الرئيس «سنفعل» 😀 ثم مضى.", meta={"title": "ع", "n": 3})])
        store.add_span(1, 10, 17, "QUOTE", "layla", attrs={"type": "direct"})
        export(store, fmt, tmp_path / "a.jsonl", ExportOptions(statuses=None))
    with Store.create(tmp_path / "b.annotator.db") as store:
        import_paths(store, [tmp_path / "a.jsonl"])
        export(store, fmt, tmp_path / "b.jsonl", ExportOptions(statuses=None))
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
