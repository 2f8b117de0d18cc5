"""Exports are byte for byte what they were before the exporters were made faster.

The text outputs of every format (and of splits, filters and a label map) are compared with files
the earlier exporters wrote (tests/core/golden/, see golden_exports.py); the binary ones are compared
with what the earlier code path builds from those very outputs: a spaCy DocBin of `Doc.from_json`
documents, a Parquet file of `Table.from_pylist` batches of 2,000 rows.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

from annotator.core.store import Store
from tests.core.export_fixtures import ANERCORP, make_anercorp_project
from tests.core.golden_exports import ANERCORP_CASES, GOLDEN, digests, golden_documents, run_cases, text_files


@pytest.fixture(scope="module")
def golden_project(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.create(tmp_path_factory.mktemp("golden") / "golden.annotator.db")
    store.add_documents(golden_documents())
    yield store
    store.close()


def without_spacy_only(want: dict) -> dict:
    """The recorded outputs less the spaCy config files when spaCy (an optional extra, installed in
    CI) is missing here: the exporter writes them only with spaCy's help."""
    if importlib.util.find_spec("spacy") is not None:
        return want
    return {name: data for name, data in want.items() if not name.endswith(".config.cfg")}


def same_bytes(got: dict[str, bytes], want: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(want)
    for name, data in want.items():
        if got[name] != data:
            diff = difflib.unified_diff(
                data.decode("utf-8", "replace").splitlines(),
                got[name].decode("utf-8", "replace").splitlines(),
                "recorded",
                "now",
                lineterm="",
                n=1,
            )
            pytest.fail(f"{name} differs from the recorded output:\n" + "\n".join(list(diff)[:40]))


def reference_docbin(jsonl: Path) -> bytes:
    """The DocBin the spaCy exporter built before: `Doc.from_json` of each line, its name and the
    document's metadata in user_data."""
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        doc = Doc(vocab).from_json(data)
        doc.user_data["name"] = data["meta"]["name"]
        doc.user_data["meta"] = data["meta"]["document"]
        docbin.add(doc)
    return docbin.to_bytes()


def reference_parquet(jsonl: Path, out: Path) -> bytes:
    """The Parquet file the hf exporter wrote before: `Table.from_pylist` per 2,000 rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()),
            ("document", pa.string()),
            ("sentence", pa.int32()),
            ("tokens", pa.list_(pa.string())),
            ("ner_tags", pa.list_(pa.int32())),
        ]
    )
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    writer = pq.ParquetWriter(str(out), schema)
    for i in range(0, len(rows), 2000):
        writer.write_table(pa.Table.from_pylist(rows[i : i + 2000], schema=schema))
    writer.close()
    return out.read_bytes()


def check_binaries(folder: Path, tmp_path: Path) -> int:
    """Compare every .spacy and .parquet under `folder` with its reference; how many were compared."""
    n = 0
    for path in sorted(folder.rglob("*.spacy")):
        pytest.importorskip("spacy", reason="spaCy is an optional extra (not installed)")
        assert path.read_bytes() == reference_docbin(path.with_suffix(".jsonl")), path
        n += 1
    for path in sorted(folder.rglob("*.parquet")):
        assert path.read_bytes() == reference_parquet(path.with_suffix(".jsonl"), tmp_path / "ref.parquet"), (
            path
        )
        n += 1
    return n


def test_every_format_writes_the_recorded_bytes(golden_project: Store, tmp_path: Path) -> None:
    run_cases(golden_project, tmp_path / "now")
    same_bytes(text_files(tmp_path / "now"), without_spacy_only(text_files(GOLDEN / "sample")))
    check_binaries(tmp_path / "now", tmp_path)


def test_binary_outputs_are_those_of_the_earlier_code(golden_project: Store, tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spaCy is an optional extra (not installed)")
    pytest.importorskip("pyarrow.parquet", reason="pyarrow is an optional extra (not installed)")
    run_cases(golden_project, tmp_path / "now", ("spacy", "spacy-ali-map", "hf", "hf-split"))
    assert check_binaries(tmp_path / "now", tmp_path) == 6  # two .spacy, four .parquet (one per split)


def test_anercorp_exports_are_the_recorded_bytes(tmp_path: Path) -> None:
    if not ANERCORP.exists():
        pytest.fail(f"ANERcorp not found at {ANERCORP}")
    with make_anercorp_project(tmp_path / "aner.annotator.db") as store:
        run_cases(store, tmp_path / "now", ANERCORP_CASES)
    want = without_spacy_only(json.loads((GOLDEN / "anercorp.json").read_text(encoding="utf-8")))
    got = digests(tmp_path / "now")
    assert sorted(got) == sorted(want)
    assert [k for k in want if got[k] != want[k]] == []
    check_binaries(tmp_path / "now", tmp_path)
