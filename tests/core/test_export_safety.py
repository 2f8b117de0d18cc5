"""Export safety: validation before writing, atomic output, cancel and errors leaving nothing behind,
no overwrite without force, and file names that cannot leave the export folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.exporters import FORMATS, Cancelled, ExportError, ExportOptions, export
from annotator.core.exporters.brat import MARKER
from annotator.core.exporters.safety import AtomicOutput, UnsafePath, safe_child, safe_filename
from annotator.core.model import NewDocument, NewSpan
from annotator.core.store import Store
from tests.core.export_fixtures import listing, make_sample_project

ALL = ExportOptions(statuses=None)
FORCE = ExportOptions(statuses=None, force=True)
OUT_NAME = {
    "jsonl": "o.jsonl",
    "spacy": "o.jsonl",
    "hf": "o.jsonl",
    "conll": "o.conll",
    "brat": "o",
    "quotes": "o.csv",
    "doccano": "o.jsonl",
    "prodigy": "o.jsonl",
    "labelstudio": "o.json",
    "conllu": "o.conllu",
    "webanno": "o",
    "citron": "o.jsonl",
}


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    (tmp_path / "db").mkdir()
    (tmp_path / "out").mkdir()
    store = make_sample_project(tmp_path / "db" / "sample.annotator.db")
    yield store
    store.close()


# ----------------------------------------------------------------------------- file names
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("/abs/x", "abs_x"),
        ("..", "document"),
        (".", "document"),
        ("", "document"),
        (".hidden", "hidden"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("LPT9.tar.gz", "_LPT9.tar.gz"),
        ("console", "console"),
        ("a\\b:c*d?e", "a_b_c_d_e"),
        ("trailing. . ", "trailing"),
        ("tab\there\nnew", "tab here new"),
        ("\u202eexe.txt", "exe.txt"),
        ("مساعٍ لتهدئة التوتر في سوريا", "مساعٍ لتهدئة التوتر في سوريا"),
        ("تقرير: الشرق/الغرب", "تقرير_ الشرق_الغرب"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_limits_length_and_dedups() -> None:
    long = "سوريا" * 100
    short = safe_filename(long)
    assert len(short.encode("utf-8")) <= 150 and long.startswith(short)
    taken: set[str] = set()
    assert [safe_filename(n, taken) for n in ("a/b", "a_b", "A_B", "a:b")] == [
        "a_b",
        "a_b-2",
        "A_B-3",
        "a_b-4",
    ]
    many = {safe_filename(long, taken) for _ in range(12)}
    assert len(many) == 12 and all(len(n.encode()) <= 150 for n in many)


@given(st.text(min_size=0, max_size=200))
def test_safe_filename_never_escapes(name: str) -> None:
    result = safe_filename(name)
    assert result and "/" not in result and "\\" not in result and "\x00" not in result
    assert result not in (".", "..") and not result.startswith(".") and not result.endswith((".", " "))
    assert len(result.encode("utf-8")) <= 150


def test_safe_child_refuses_escapes(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "inside" / "link").symlink_to(tmp_path)
    for bad in ("..", "../x", "/etc/passwd", "", "a/b"):
        with pytest.raises(UnsafePath):
            safe_child(tmp_path / "inside", bad)
    with pytest.raises(UnsafePath):
        safe_child(tmp_path / "inside", "link")
    assert safe_child(tmp_path / "inside", "ok.txt") == tmp_path / "inside" / "ok.txt"


def test_brat_names_from_hostile_documents_stay_inside(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.db")
    names = [
        "../../etc/passwd",
        "/abs/x",
        "CON",
        "..",
        ".",
        "nul",
        "x/y",
        "x_y",
        "\u202egnp.exe",
        "تقرير: الشرق/الغرب",
        "ملف" * 80,
        ".bashrc",
        "annotation",
    ]
    store.add_documents(
        [
            NewDocument(
                n,
                f"نص {i} عن مصر.",
                spans=[NewSpan(len(f"نص {i} عن "), len(f"نص {i} عن مصر"), "GPE", {}, "a")],
            )
            for i, n in enumerate(names)
        ]
    )
    out = tmp_path / "exports" / "brat"
    out.parent.mkdir()
    report = export(store, "brat", out, ALL)
    assert report.documents == len(names)
    files = listing(tmp_path / "exports")
    assert all(f.startswith("brat") for f in files)
    txts = sorted(p.name for p in out.glob("*.txt"))
    assert len(txts) == len(names)
    for p in out.iterdir():
        if p.name == MARKER:  # the export's own marker
            continue
        assert p.resolve().is_relative_to(out.resolve()) and not p.name.startswith(".")
        assert p.stem.split(".")[0].upper() not in ("CON", "NUL")
    assert "تقرير_ الشرق_الغرب.txt" in txts and "etc_passwd.txt" in txts and "_CON.txt" in txts
    assert not (tmp_path / "etc").exists() and not Path("/abs/x.txt").exists()
    store.close()


# ----------------------------------------------------------------------------- overwrite
@pytest.mark.parametrize("fmt", FORMATS)
def test_existing_output_needs_force(fmt: str, sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "out" / OUT_NAME[fmt]
    export(sample, fmt, out, ALL)
    before = listing(tmp_path / "out")
    stamp = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    with pytest.raises(ExportError, match="exists, use --force"):
        export(sample, fmt, out, ALL)
    assert listing(tmp_path / "out") == before
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == stamp
    report = export(sample, fmt, out, ExportOptions(statuses=None, force=True))
    assert listing(tmp_path / "out") == before and report.documents == 3


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "quotes", "brat"])
def test_output_never_replaces_the_project(fmt: str, sample: Store, tmp_path: Path) -> None:
    """`-o` naming the project file (or, for brat, the folder that holds it) with --force used to
    replace the project by the export: every annotation lost."""
    db = tmp_path / "db"
    before = listing(db)
    stats = sample.stats()
    outs = [sample.path, db / (sample.path.name + "-wal")]
    if fmt == "brat":
        outs += [db, tmp_path]
    for out in outs:
        with pytest.raises(ExportError, match="the project"):
            export(sample, fmt, out, ExportOptions(statuses=None, force=True))
    with pytest.raises(ExportError, match="the project"):  # a relative path to it too
        cwd = os.getcwd()
        os.chdir(db)
        try:
            export(sample, fmt, Path(sample.path.name), ExportOptions(statuses=None, force=True))
        finally:
            os.chdir(cwd)
    assert listing(db) == before
    with Store.open(sample.path) as again:
        assert again.stats() == stats


def test_no_file_of_a_multi_file_output_replaces_the_project(tmp_path: Path) -> None:
    project = tmp_path / "o.labels.json"  # what `-f hf -o o.jsonl` writes beside its JSONL
    store = make_sample_project(project)
    before = listing(tmp_path)
    try:
        with pytest.raises(ExportError, match="the project"):
            export(store, "hf", tmp_path / "o.jsonl", ExportOptions(statuses=None, force=True))
        assert listing(tmp_path) == before
        assert store.stats()["documents"] == 3
    finally:
        store.close()


def test_output_folder_must_exist(sample: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(sample, "jsonl", tmp_path / "nowhere" / "o.jsonl", ALL)
    (tmp_path / "out" / "adir.jsonl").mkdir()
    with pytest.raises(ExportError, match="folder"):
        export(sample, "jsonl", tmp_path / "out" / "adir.jsonl", ExportOptions(statuses=None, force=True))


# ----------------------------------------------------------------------------- cancel and errors
@pytest.mark.parametrize("fmt", FORMATS)
def test_cancel_midway_leaves_nothing(fmt: str, sample: Store, tmp_path: Path) -> None:
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 2

    with pytest.raises(Cancelled):
        export(sample, fmt, tmp_path / "out" / OUT_NAME[fmt], ALL, progress=progress)
    assert calls == [(0, 3), (1, 3), (2, 3)]
    assert listing(tmp_path / "out") == []


@pytest.mark.parametrize("fmt", ["jsonl", "hf", "brat", "spacy"])
def test_exception_midway_leaves_nothing(fmt: str, sample: Store, tmp_path: Path) -> None:
    def progress(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        export(sample, fmt, tmp_path / "out" / OUT_NAME[fmt], ALL, progress=progress)
    assert listing(tmp_path / "out") == []


def test_writer_failure_keeps_the_old_output(
    sample: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.exporters import conll

    out = tmp_path / "out" / "o.conll"
    export(sample, "conll", out, ALL)
    old = out.read_bytes()
    real = conll.doc_text
    seen = []

    def failing(x, ctx):
        seen.append(x)
        if len(seen) == 2:
            raise OSError(28, "No space left on device")
        return real(x, ctx)

    monkeypatch.setattr(conll, "doc_text", failing)
    with pytest.raises(ExportError, match="No space left"):
        export(sample, "conll", out, ExportOptions(statuses=None, force=True))
    assert out.read_bytes() == old and listing(tmp_path / "out") == ["o.conll"]


def test_atomic_output_abort_and_commit(tmp_path: Path) -> None:
    with pytest.raises(ValueError), AtomicOutput() as ao:
        ao.file(tmp_path / "a.txt").write("x")
        ao.folder(tmp_path / "d")
        raise ValueError
    assert list(tmp_path.iterdir()) == []
    ao = AtomicOutput()
    ao.file(tmp_path / "a.txt").write("سلام\n")
    assert not (tmp_path / "a.txt").exists()
    assert ao.commit() == [tmp_path / "a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == "سلام\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# ----------------------------------------------------------------------------- validation
def _tamper(store: Store, sql: str, *args: object) -> None:
    store.conn.execute(sql, args)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE spans SET \"end\" = 99999 WHERE label = 'QUOTE'", "outside the text"),
        ("UPDATE spans SET label = 'PERSON' WHERE label = 'PERS'", "unknown label 'PERSON'"),
        ("UPDATE relations SET type = 'SAID' WHERE type = 'CUE_OF'", "unknown relation type"),
        ("UPDATE documents SET text = text || ' ' WHERE name = 'unfinished'", "recorded length"),
        ("UPDATE documents SET text = replace(text, 'لبنان', 'سوريا') WHERE name = 'unfinished'", "SHA-256"),
    ],
)
@pytest.mark.parametrize("fmt", ["jsonl", "conll", "brat"])
def test_a_document_failing_validation_is_skipped_and_reported(
    fmt: str, sql: str, message: str, sample: Store, tmp_path: Path
) -> None:
    """One bad document never blocks the export of the others: it is left out and named."""
    out = tmp_path / "out" / OUT_NAME[fmt]
    names = {sample.document(i).name for i in sample.document_ids()}
    _tamper(sample, sql)
    report = export(sample, fmt, out, ALL)
    assert report.skipped and all(message in reason for reason in report.skipped)
    assert report.documents == len(names) - len(report.skipped)
    one = len(report.skipped) == 1
    assert report.warnings[0].startswith(
        f"{len(report.skipped)} {'document' if one else 'documents'} left out because "
        f"{'it fails its' if one else 'they fail their'} checks"
    )
    skipped = {n for n in names if any(repr(n) in reason for reason in report.skipped)}
    assert len(skipped) == len(report.skipped)
    if fmt == "jsonl":
        written = {json.loads(line)["name"] for line in out.read_text(encoding="utf-8").splitlines()}
        assert written == names - skipped


def test_bad_tokens_skip_only_their_document(sample: Store, tmp_path: Path) -> None:
    """The issue's case: tokens out of order made every format refuse the whole project."""
    sample.conn.execute("UPDATE documents SET tokens = '[[4,9],[0,2]]' WHERE name = 'unfinished'")
    for fmt in FORMATS:
        out = tmp_path / fmt / OUT_NAME[fmt]
        out.parent.mkdir()
        report = export(sample, fmt, out, ALL)
        assert report.documents == 2, fmt
        assert [r.split(":")[0] for r in report.skipped] == ["document 'unfinished' (id 3)"], fmt
        assert "out of order" in report.skipped[0]


def test_a_bad_span_outside_the_selection_does_not_block(sample: Store, tmp_path: Path) -> None:
    _tamper(sample, "UPDATE spans SET label = 'PERSON' WHERE annotator = 'bea'")
    report = export(sample, "jsonl", tmp_path / "out" / "ali.jsonl", ExportOptions(annotator="ali"))
    assert report.documents == 3 and not report.skipped
    report = export(sample, "jsonl", tmp_path / "out" / "all.jsonl", ALL)
    assert report.skipped and report.documents == 3 - len(report.skipped)
    report = export(
        sample, "jsonl", tmp_path / "out" / "x.jsonl", ExportOptions(include_labels=("GPE", "QUOTE"))
    )
    assert report.documents == 3 and not report.skipped
    assert sorted(os.listdir(tmp_path / "out")) == ["ali.jsonl", "all.jsonl", "x.jsonl"]


def test_brat_force_never_replaces_a_folder_holding_other_files(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"months of work")
    with pytest.raises(ExportError, match="was not written by an annotator brat export"):
        export(sample, "brat", out, ExportOptions(statuses=None, force=True))
    assert (out / "chapter1.docx").read_bytes() == b"months of work"
    # a folder holding only an earlier brat export of this project is replaced as before
    export(sample, "brat", tmp_path / "again", ALL)
    assert export(sample, "brat", tmp_path / "again", ExportOptions(statuses=None, force=True)).documents == 3


def test_brat_force_keeps_the_users_own_txt_and_ann_files(sample: Store, tmp_path: Path) -> None:
    """The folder of the issue: only .txt/.ann/.conf files, subfolders included, none of them ours."""
    arts = tmp_path / "arts"
    (arts / "2024").mkdir(parents=True)
    (arts / "a.txt").write_text("x\n", encoding="utf-8")
    (arts / "2024" / "old.txt").write_text("y\n", encoding="utf-8")
    (arts / "notes.ann").write_text("T1\tPERS 0 1\tx\n", encoding="utf-8")
    before = listing(arts)
    with pytest.raises(ExportError, match="not written by an annotator brat export"):
        export(sample, "brat", arts, ExportOptions(statuses=None, force=True))
    assert listing(arts) == before and (arts / "2024" / "old.txt").read_text(encoding="utf-8") == "y\n"


def test_brat_force_refuses_another_projects_export_and_added_files(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    export(sample, "brat", out, ALL)
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["project"] == sample.project_id and "annotation.conf" in marker["files"]
    (out / "my-notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError, match="holds my-notes.txt, which is not part of the brat export"):
        export(sample, "brat", out, ExportOptions(statuses=None, force=True))
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine\n"
    (out / "my-notes.txt").unlink()
    other = make_sample_project(tmp_path / "other.annotator.db")
    with pytest.raises(ExportError, match="another project"):
        export(other, "brat", out, ExportOptions(statuses=None, force=True))
    other.close()
    assert export(sample, "brat", out, ExportOptions(statuses=None, force=True)).documents == 3


def test_webanno_force_keeps_a_folder_of_the_users_own_tsv_files(sample: Store, tmp_path: Path) -> None:
    """The same rule for every folder format: only this project's own export is replaced."""
    mine = tmp_path / "inception"
    mine.mkdir()
    (mine / "interview.tsv").write_text("#FORMAT=WebAnno TSV 3.3\n", encoding="utf-8")
    with pytest.raises(ExportError, match="not written by an annotator WebAnno export"):
        export(sample, "webanno", mine, FORCE)
    assert (mine / "interview.tsv").read_text(encoding="utf-8") == "#FORMAT=WebAnno TSV 3.3\n"
    out = tmp_path / "webanno"
    export(sample, "webanno", out, ALL)
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["format"] == "webanno"
    assert export(sample, "webanno", out, FORCE).documents == 3
