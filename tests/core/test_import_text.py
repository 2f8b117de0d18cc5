"""Plain-text import: scraped articles, date and title detection, encodings, folders, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import importers
from annotator.core.importers import ImportFailure, ImportReport, detect_format, expand_paths, import_paths
from annotator.core.importers.plaintext import detect_date
from tests.shared_data import SAMPLE

ARTICLE = "الإثنين, 28 أبريل 2025 09:59 PM\n\nعنوان المقال\n\nعنوان المقال\n\nقال الوزير إن الأمر مهم.\n\nمشاركة المقال:"


def snapshot(store) -> tuple:
    return store.stats(), store.document_ids()


def only_doc(store):
    (doc_id,) = store.document_ids()
    return store.document(doc_id)


def test_sample_article(store, sample_text: str) -> None:
    report = import_paths(store, [SAMPLE])
    assert report.failures == [] and report.imported == [SAMPLE.stem]
    doc = only_doc(store)
    assert doc.text == sample_text  # kept whole, furniture included
    assert doc.text.rstrip().endswith("مشاركة المقال:")
    assert doc.meta["date"] == "2025-04-28T21:59"
    assert doc.meta["title"].startswith("مساعٍ لتهدئة التوتر في سوريا")
    assert doc.meta["source_file"] == SAMPLE.name
    assert doc.title == doc.meta["title"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("الإثنين, 28 أبريل 2025 09:59 PM", "2025-04-28T21:59"),
        ("الأحد 3 كانون الثاني 2024", "2024-01-03"),
        ("الخميس ١٢ تشرين الأول ٢٠٢٣ - ١٠:٠٥ ص", "2023-10-12T10:05"),
        ("12 أيار 2022 12:30 AM", "2022-05-12T00:30"),
        ("5 آب 2021", "2021-08-05"),
        ("1 جوان 2020 14:00", "2020-06-01T14:00"),
        ("15 مايو/أيار 2019", "2019-05-15"),
        ("28/04/2025", "2025-04-28"),
        ("2025-04-28 08:00", "2025-04-28T08:00"),
        ("28 Apr 2025", "2025-04-28"),
        # tashkeel and tatweel are ignored, as in search
        ("3 يَنَايِر 2024", "2024-01-03"),
        ("الخميس ١٢ تِشْرِين الأوَّل ٢٠٢٣ - ١٠:٠٥ صَباحاً", "2023-10-12T10:05"),
        ("5 أغـسـطـس 2021", "2021-08-05"),
    ],
)
def test_detect_date(line: str, iso: str) -> None:
    assert detect_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "عنوان المقال",
        "قال الوزير في 28 أبريل 2025 إن الأمر مهم جدا وإن الحكومة ستعمل على ذلك في الأشهر القادمة",
        "32 أبريل 2025",
        "",
    ],
)
def test_not_a_date(line: str) -> None:
    assert detect_date(line) is None


def test_title_without_date(store, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n  عنوان فقط  \n\nنص.\n", encoding="utf-8")
    import_paths(store, [path])
    doc = only_doc(store)
    assert doc.meta == {"title": "عنوان فقط", "source_file": "a.txt"}
    assert doc.text == "\n  عنوان فقط  \n\nنص.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1256", b"")],
)
def test_encodings_and_line_endings(store, tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(prefix + ARTICLE.replace("\n", "\r\n").encode(encoding))
    report = import_paths(store, [path])
    assert report.failures == []
    doc = only_doc(store)
    assert doc.text == ARTICLE
    assert doc.meta["title"] == "عنوان المقال" and doc.meta["date"] == "2025-04-28T21:59"


def test_named_encoding(store, tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    report = import_paths(store, [path], encoding="utf-8")
    assert len(report.failures) == 1 and "not valid utf-8" in report.failures[0].reason
    assert store.document_ids() == []
    report = import_paths(store, [path], encoding="cp1256")
    assert report.failures == [] and only_doc(store).text == ARTICLE


def test_folder_walk_sorted_and_recursive(store, tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "z.txt").write_text("نص ثالث", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "b" / "m.txt").write_text("نص ثان", encoding="utf-8")
    (tmp_path / "b" / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF")
    report = import_paths(store, [tmp_path / "b"])
    assert report.imported == ["a", "z", "m"]  # sorted by path: b/a.txt, b/c/z.txt, b/m.txt
    progress: list[tuple[int, int]] = []
    report = import_paths(store, [tmp_path / "b"], progress=lambda d, t: progress.append((d, t)))
    assert report.duplicates == ["a", "z", "m"] and progress == [(1, 3), (2, 3), (3, 3)]


def test_folder_without_importable_files_is_reported(store, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "office").mkdir()
    (tmp_path / "office" / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "office" / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    report = import_paths(store, [tmp_path / "empty", tmp_path / "office"])
    assert [str(f) for f in report.failures] == [
        f"{tmp_path / 'empty'}: no files to import in this folder (looked for .ann, .bilou, .bio, .bioes, .conll, .conllu, "
        ".iob, .iob2, .json, .json1, .jsonl, .ndjson, .spacy, .tsv, .txt; name a file to import it whatever its extension)",
        f"{tmp_path / 'office'}: no files to import in this folder (looked for .ann, .bilou, .bio, .bioes, .conll, .conllu, "
        ".iob, .iob2, .json, .json1, .jsonl, .ndjson, .spacy, .tsv, .txt; name a file to import it whatever its extension)",
    ]
    assert not report.ok and store.document_ids() == []


def test_bad_files_reported_and_project_unchanged(store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("نص سليم", encoding="utf-8")
    import_paths(store, [good])
    before = snapshot(store)
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\t\n", encoding="utf-8")
    zero = tmp_path / "zero.txt"
    zero.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    wrong = tmp_path / "latin.txt"
    wrong.write_bytes("première ligne\nça va\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    report = import_paths(store, [empty, zero, binary, wrong, missing, good])
    msgs = [str(f) for f in report.failures]
    assert msgs[0] == f"{missing}: no such file or folder"
    assert msgs[1] == f"{empty}: empty file"
    assert msgs[2] == f"{zero}: empty file"
    assert msgs[3].startswith(f"{binary}:3: binary file")
    assert msgs[4].startswith(f"{wrong}:1: not valid UTF-8, UTF-16 or Windows-1256")
    assert report.duplicates == ["good"] and report.imported == []
    assert snapshot(store) == before
    assert all(isinstance(f, ImportFailure) for f in report.failures)


def test_detect_format(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text("نص", encoding="utf-8")
    assert detect_format(txt) == "text"
    (tmp_path / "a.ann").write_text("", encoding="utf-8")
    assert detect_format(txt) == "brat"
    j = tmp_path / "x.data"
    j.write_text('{"text": "a"}\n', encoding="utf-8")
    assert detect_format(j) == "jsonl"
    assert detect_format(tmp_path / "y.jsonl") == "jsonl"
    assert detect_format(tmp_path / "y.bio") == "conll"


def test_blank_annotator_is_refused(store, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("نص", encoding="utf-8")
    with pytest.raises(ValueError, match="annotator"):
        import_paths(store, [path], annotator=" ")
    assert store.document_ids() == []


def test_a_parser_bug_fails_its_file_only(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.core.importers import plaintext

    real = plaintext.parse

    def parse(path: Path, options):
        if path.name == "bad.txt":
            raise RuntimeError("boom")
        return real(path, options)

    monkeypatch.setattr(plaintext, "parse", parse)
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text("نص أول", encoding="utf-8")
    good.write_text("نص ثان", encoding="utf-8")
    report = import_paths(store, [bad, good])
    assert [str(f) for f in report.failures] == [f"{bad}: internal error: RuntimeError: boom"]
    assert report.imported == ["good"]


def test_expanded_paths_are_not_walked_again(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "b" / "m.txt").write_text("نص ثان", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    expanded = ImportReport()
    files = expand_paths([tmp_path / "b", missing], expanded)
    assert files == [tmp_path / "b" / "a.txt", tmp_path / "b" / "m.txt"]

    def walk(*args):
        raise AssertionError("walked again")

    monkeypatch.setattr(importers, "_expand", walk)
    report = import_paths(store, files, expanded=expanded)
    assert report is expanded and report.imported == ["a", "m"]
    assert [str(f) for f in report.failures] == [f"{missing}: no such file or folder"]
