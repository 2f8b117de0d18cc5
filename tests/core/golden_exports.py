"""Export cases whose outputs were recorded before the exporters were made faster (tests/core/golden/):
the formats main had then, and the ones it added since, recorded from main's exporters.

`run_cases(store, folder)` writes every case into `folder/<case>/`; the golden test compares the text
files byte for byte with the recorded ones, and rebuilds the binary ones (.spacy, .parquet) the way
the exporters built them before (spaCy's `Doc.from_json`, pyarrow's `Table.from_pylist` per 2,000
rows) to compare those byte for byte too. The project is the sample's documents without suggested
spans (a later filter leaves those out of every export) and, for the digests, ANERcorp.

Regenerating the recorded files (`python tests/core/golden_exports.py`) is for an output that is
meant to change, never to make a test pass.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from tests.shared_data import ANERCORP

GOLDEN = Path(__file__).resolve().parent / "golden"

#: case -> (format, output name, ExportOptions fields)
CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "jsonl": ("jsonl", "out.jsonl", {}),
    "jsonl-split": ("jsonl", "out.jsonl", {"split": (0.5, 0.25, 0.25), "seed": 3}),
    "spacy": ("spacy", "out.jsonl", {"statuses": None}),
    "spacy-ali-map": (
        "spacy",
        "out.jsonl",
        {"statuses": None, "annotator": "ali", "label_map": {"GPE": "LOC"}},
    ),
    "hf": ("hf", "out.jsonl", {"statuses": None}),
    "hf-split": ("hf", "out.jsonl", {"statuses": None, "split": (0.5, 0.25, 0.25), "seed": 1}),
    "conll": ("conll", "out.conll", {}),
    "conll-all": ("conll", "out.conll", {"statuses": None, "exclude_labels": ("MISC",)}),
    "brat": ("brat", "out", {"statuses": None}),
    "brat-split": ("brat", "out", {"statuses": None, "split": (0.5, 0.25, 0.25), "seed": 2}),
    "quotes": ("quotes", "out.jsonl", {"statuses": None}),
    "quotes-csv": ("quotes", "out.csv", {"statuses": None, "annotator": "ali"}),
    "conllu": ("conllu", "out.conllu", {"statuses": None}),
    "doccano": ("doccano", "out.jsonl", {"statuses": None}),
    "prodigy": ("prodigy", "out.jsonl", {"statuses": None}),
    "labelstudio": ("labelstudio", "out.json", {"statuses": None}),
    "labelstudio-map": ("labelstudio", "out.json", {"statuses": None, "label_map": {"GPE": "LOC"}}),
    "webanno": ("webanno", "out", {"statuses": None}),
    "citron": ("citron", "out.json", {"statuses": None}),
}
#: The cases whose outputs are recorded as digests for ANERcorp (its files are megabytes).
ANERCORP_CASES = ("jsonl", "spacy", "hf", "conll-all", "brat", "quotes", "conllu")
BINARY = (".spacy", ".parquet")


def golden_documents() -> list:
    """The sample project's documents without suggested spans (and relations touching them)."""
    from annotator.core.model import Origin
    from tests.core.export_fixtures import sample_documents

    docs = []
    for doc in sample_documents():
        kept = [s for s in doc.spans if s.origin != Origin.SUGGESTED]
        keys = {s.key for s in kept if s.key}
        rels = [r for r in doc.relations if r.head in keys and r.tail in keys]
        docs.append(dataclasses.replace(doc, spans=kept, relations=rels))
    return docs


def run_cases(store: Any, folder: Path, cases: tuple[str, ...] | None = None) -> None:
    from annotator.core.exporters import ExportOptions, export

    for case in cases or tuple(CASES):
        fmt, name, fields = CASES[case]
        (folder / case).mkdir(parents=True)
        export(store, fmt, folder / case / name, ExportOptions(**fields))


#: The marker a folder export leaves (brat, WebAnno): it names the project by its random id.
MARKER = ".annotator-export.json"


def _comparable(path: Path) -> bytes:
    """A file's bytes, with the path ANERcorp was imported from (the own JSONL keeps each document's
    source) written as <ANERCORP>, wherever the checkout is; the export marker without the project's
    id (each project has its own)."""
    data = path.read_bytes()
    for form in {str(ANERCORP), str(ANERCORP.resolve())}:
        data = data.replace(json.dumps(form)[1:-1].encode("utf-8"), b"<ANERCORP>")
    if path.name != MARKER:
        return data
    marker = json.loads(data)
    assert isinstance(marker.pop("project"), str)
    return json.dumps(marker, indent=1, sort_keys=True).encode("utf-8")


def text_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the binary ones, by relative path."""
    return {
        str(p.relative_to(folder)): _comparable(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in BINARY
    }


def digests(folder: Path) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in text_files(folder).items()}


def record() -> None:
    """Write the recorded outputs with the exporters as they are now (see the module docstring)."""
    import shutil
    import tempfile

    from annotator.core.store import Store
    from tests.core.export_fixtures import make_anercorp_project

    work = Path(tempfile.mkdtemp())
    shutil.rmtree(GOLDEN, ignore_errors=True)
    with Store.create(work / "golden.annotator.db") as store:
        store.add_documents(golden_documents())
        run_cases(store, GOLDEN / "sample")
    for p in GOLDEN.rglob("*"):
        if p.suffix in BINARY:
            p.unlink()
    with make_anercorp_project(work / "anercorp.annotator.db") as store:
        run_cases(store, work / "anercorp", ANERCORP_CASES)
    (GOLDEN / "anercorp.json").write_text(
        json.dumps(digests(work / "anercorp"), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parents[2]))  # after PYTHONPATH: the annotator it names
    record()
