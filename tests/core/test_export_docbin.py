"""The `.spacy` DocBin written without spaCy (exporters/docbin.py) is byte for byte the one spaCy
writes, for the spaCy versions it was checked against; other versions go through spaCy itself.

The golden tests (test_export_golden.py) compare the exporter's DocBins for the sample project and
ANERcorp with spaCy's own; these tests check the parts (string ids, symbols, the packing), that the
export really leaves spaCy unimported, and the fallback through spaCy.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.exporters import docbin
from annotator.core.exporters import spacy as spacy_export
from annotator.core.exporters.spacy import Parts
from annotator.core.store import Store
from tests.core.golden_exports import golden_documents, run_cases
from tests.core.test_export_golden import reference_docbin
from tests.shared_data import REPO, optional_module


@pytest.fixture(scope="module")
def verified() -> str:
    """The installed spaCy's version, when the direct writer was checked against it."""
    optional_module("spacy", "spacy")
    version = docbin.spacy_version()
    if version not in docbin.VERIFIED:
        pytest.skip(
            f"spaCy {version} is not one the direct DocBin writer was checked against: exports go "
            "through spaCy (test_an_unverified_spacy_goes_through_spacy); check it and add it to VERIFIED"
        )
    return version


@pytest.fixture
def golden_store(tmp_path: Path) -> Store:
    store = Store.create(tmp_path / "golden.annotator.db")
    store.add_documents(golden_documents())
    yield store
    store.close()


def some_strings() -> list[str]:
    """Every UTF-8 length from 0 to 40 bytes (each tail length of the 8-byte blocks), spaCy's symbols
    (a word or label that is one gets the symbol's id, not a hash), Arabic, emoji, NUL, long words."""
    rng = random.Random(7)
    alphabet = "abcXYZقالمحمدًّـ😀 \n\t\0«»"
    out = ["", "ORG", "LOC", "GPE", "PERS", "MISC", "ADJ", "IS_ALPHA", "_", "org", "قال", "😀" * 30]
    out += ["x" * n for n in range(41)]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90))) for _ in range(3000)]
    return out


def test_string_ids_are_those_of_spacys_string_store(verified: str) -> None:
    from spacy.strings import StringStore, hash_string

    strings = some_strings()
    assert docbin.string_ids(strings, verified) == [StringStore().add(s) for s in strings]
    assert [h for s, h in zip(strings, docbin.murmurhash64(strings), strict=True) if s] == [
        hash_string(s) for s in strings if s
    ]


def test_installed_versions_are_the_metadata_ones() -> None:
    """spaCy's and thinc's versions read from their about.py are those pip installed."""
    from importlib.metadata import version

    optional_module("spacy", "spacy")
    assert docbin.installed_version("spacy") == version("spacy")
    assert docbin.installed_version("thinc") == version("thinc")
    assert docbin.installed_version("click") == version("click")  # no about.py: from its metadata
    assert docbin.installed_version("no_such_package_here") is None


def test_without_spacys_hash_function_the_export_goes_through_spacy(
    verified: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert docbin.direct_ok()
    monkeypatch.setattr(docbin, "_hash64", lambda: None)
    assert not docbin.direct_ok()


def test_srsly_packs_the_same_docbin_when_msgpack_is_missing(
    verified: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    optional_module("msgpack", "spacy")
    with_msgpack = direct_bytes(verified, DOCS)
    monkeypatch.setitem(sys.modules, "msgpack", None)  # importing it raises ImportError
    assert type(docbin._packer()).__module__.startswith("srsly")
    assert direct_bytes(verified, DOCS) == with_msgpack


def test_symbol_table_and_columns_are_spacys(verified: str) -> None:
    from spacy import attrs
    from spacy.symbols import IDS

    assert docbin._symbols(verified) == IDS
    assert docbin.ATTRS == [attrs.ORTH, attrs.ENT_IOB, attrs.ENT_TYPE, attrs.ENT_KB_ID]


def make_docbin():  # noqa: ANN201 - spaCy's DocBin, an optional extra
    from spacy.tokens import DocBin

    return DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)


DOCS = [
    Parts(
        ["قال", "NTV", "اليوم", "ORG"],
        [True, True, True, False],
        [(1, 2, "ORG"), (3, 4, "LOC")],
        [(1, 2, 4, 7, "ORG"), (0, 3, 0, 13, "QUOTE"), (3, 4, 14, 17, "LOC")],
        {"name": "a", "meta": {"title": "عنوان", "n": 3}},
    ),
    Parts(
        ["محمد", "علي", "\n", "غدا"],
        [True, False, False, False],
        [(0, 2, "PERS")],
        [],
        {"name": "b", "meta": {}},
    ),
    Parts([], [], [], [], {"name": "empty", "meta": {}}),
]


def direct_bytes(version: str, docs: list[Parts]) -> bytes:
    writer = docbin.DocBinWriter(version)
    for p in docs:
        writer.add(p.words, p.spaces, p.ents, p.group, p.user_data)
    return writer.to_bytes()


def test_writer_writes_what_docbin_add_and_to_bytes_write(verified: str) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    reference = make_docbin()
    for p in DOCS:
        reference.add(spacy_export.to_doc(vocab, p))
    got = direct_bytes(verified, DOCS)
    assert got == reference.to_bytes()
    assert direct_bytes(verified, []) == make_docbin().to_bytes()  # no document at all
    only_empty = make_docbin()
    only_empty.add(spacy_export.to_doc(vocab, DOCS[2]))  # a document without a token
    assert direct_bytes(verified, DOCS[2:]) == only_empty.to_bytes()
    # and spaCy reads it back: words, spaces, entities, the span group, user data
    (a, b, empty) = DocBin().from_bytes(got).get_docs(Vocab())
    assert [t.text for t in a] == DOCS[0].words and a.text == "قال NTV اليوم ORG"
    assert [(e.start, e.end, e.label_) for e in a.ents] == [(1, 2, "ORG"), (3, 4, "LOC")]
    assert [(s.start, s.end, s.label_) for s in a.spans["sc"]] == [
        (1, 2, "ORG"),
        (0, 3, "QUOTE"),
        (3, 4, "LOC"),
    ]
    assert a.user_data == {"name": "a", "meta": {"title": "عنوان", "n": 3}}
    assert b.text == "محمد علي\nغدا" and [e.label_ for e in b.ents] == ["PERS"] and len(empty) == 0


def test_export_writes_the_docbin_without_importing_spacy(
    verified: str, golden_store: Store, tmp_path: Path
) -> None:
    """A fresh `annotator export -f spacy` (its config bundled or already in the cache) loads no spaCy, thinc or
    confection module, nor numpy, srsly or importlib.metadata (the msgpack package packs the DocBin),
    and its DocBin is the one spaCy builds from its JSON lines."""
    optional_module("msgpack", "spacy")
    script = (
        "import sys; from annotator.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
        "finally:\n"
        "    print('LOADED:' + ' '.join(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'thinc', 'confection', 'numpy', 'srsly') or m == 'importlib.metadata'))"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    project = str(golden_store.path)
    bundled = (docbin.spacy_version(), docbin.installed_version("thinc")) in spacy_export.BUNDLED_CONFIGS
    loaded: dict[str, list[str]] = {}
    for run in (
        "first",
        "second",
    ):  # the first export on a machine makes the config with spaCy, unless bundled
        out = tmp_path / run / "data.jsonl"
        out.parent.mkdir()
        cmd = [
            sys.executable,
            "-c",
            script,
            "export",
            project,
            "-f",
            "spacy",
            "-o",
            str(out),
            "--all-statuses",
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO, env=env)
        loaded[run] = [line for line in done.stdout.splitlines() if line.startswith("LOADED:")]
    assert loaded["second"] == ["LOADED:"], loaded
    assert (loaded["first"] == ["LOADED:"]) == bundled, loaded
    assert (tmp_path / "second" / "data.spacy").read_bytes() == reference_docbin(
        tmp_path / "second" / "data.jsonl"
    )
    for name in ("data.jsonl", "data.spacy", "data.config.cfg"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_an_unverified_spacy_goes_through_spacy(
    golden_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spaCy version the direct writer was not checked against: the DocBin is made by spaCy (through
    DocBinAdder), and it is the same DocBin."""
    optional_module("spacy", "spacy")
    run_cases(golden_store, tmp_path / "direct", ("spacy", "spacy-ali-map"))
    monkeypatch.setattr(docbin, "VERIFIED", {})
    through: list[object] = []
    real = spacy_export.DocBinAdder.add
    monkeypatch.setattr(spacy_export.DocBinAdder, "add", lambda self, *a: through.append(a) or real(self, *a))
    run_cases(golden_store, tmp_path / "spacy", ("spacy", "spacy-ali-map"))
    assert len(through) == 2 * len(golden_documents())
    for case in ("spacy", "spacy-ali-map"):
        path = tmp_path / "spacy" / case / "out.spacy"
        assert path.read_bytes() == reference_docbin(path.with_suffix(".jsonl"))
    before = {p.name: p.read_bytes() for p in (tmp_path / "direct").rglob("*") if p.is_file()}
    after = {p.name: p.read_bytes() for p in (tmp_path / "spacy").rglob("*") if p.is_file()}
    assert before == after


def test_config_paths_are_written_as_confection_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached config gets its train and dev paths by a line edit, as `Config.to_str` writes them
    (JSON, $ doubled, a ${variable} as it is)."""
    confection = optional_module("confection", "spacy")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = spacy_export.spacy_ner_config()
    for name in (
        "data.spacy",
        "بيانات 1.spacy",
        'a"b\\c.spacy',
        "$x.spacy",
        "${paths.x}.spacy",
        "a b\t.spacy",
    ):
        config = confection.Config().from_str(text, interpolate=False)
        config["paths"]["train"] = name
        config["paths"]["dev"] = "dev-" + name
        assert spacy_export._with_paths(text, name, "dev-" + name) == config.to_str(), name
    assert spacy_export._with_paths("[broken", "a", "b") is None
