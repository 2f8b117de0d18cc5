"""Streaming imports: a file is read a chunk at a time and its documents stored as they come, in one
transaction, so a failure anywhere (the last line, a bad byte at the end) leaves the project as it was."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.importers import ImportFailure, ImportOptions, import_paths, read_text, stream
from annotator.core.importers.stream import TextLines
from annotator.core.schema import default_schema

#: The reader's chunk in these tests: files of a few dozen chunks stay small and quick.
CHUNK = 4096


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "CHUNK", CHUNK)


WORDS = "قال الوزير إن المفاوضات مستمرة في القاهرة وأكد المتحدث باسم الحكومة".split()


def snapshot(store) -> tuple:
    q = store.conn.execute
    return (
        q("SELECT id, name, text, sha256 FROM documents ORDER BY id").fetchall(),
        q('SELECT id, doc_id, start, "end", label, annotator FROM spans ORDER BY id').fetchall(),
        q("SELECT id, type, head, tail FROM relations ORDER BY id").fetchall(),
        q("SELECT doc_id, annotator, status FROM statuses ORDER BY 1, 2").fetchall(),
    )


def big_jsonl(path: Path, n: int, last: str | None = None) -> Path:
    """`n` documents, more than a few chunks of the reader; `last` is appended as the final line."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"{i} " + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(60))
            start = text.index(WORDS[1])
            rec = {
                "text": text,
                "meta": {"title": f"خبر {i}"},
                "spans": [{"start": start, "end": start + len(WORDS[1]), "label": "SPEAKER", "id": 1}],
                "status": {"ali": "done"},
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if last is not None:
            fh.write(last + "\n")
    assert n < 100 or path.stat().st_size > 20 * CHUNK
    return path


def test_jsonl_documents_are_read_as_they_are_stored(tmp_path: Path) -> None:
    """The parser hands over documents before it has read the file to its end."""
    from annotator.core.importers import jsonl

    path = big_jsonl(tmp_path / "lazy.jsonl", 300, last='{"text": "broken"')
    docs, _warnings = jsonl.parse(path, ImportOptions(schema=default_schema()))
    it = iter(docs)
    assert next(it).text.startswith("0 ")  # the first document, though the last line is bad
    with pytest.raises(ImportFailure) as info:
        for _doc in it:
            pass
    assert info.value.line == 301


def test_jsonl_failing_at_its_last_line_leaves_the_project_unchanged(store, tmp_path: Path) -> None:
    import_paths(store, [big_jsonl(tmp_path / "first.jsonl", 10)])
    before = snapshot(store)
    path = big_jsonl(
        tmp_path / "big.jsonl", 300, last='{"text": "نص", "spans": [{"start": 0, "end": 9, "label": "PERS"}]}'
    )
    report = import_paths(store, [path])
    (failure,) = report.failures
    assert (failure.file, failure.line) == (str(path), 301) and "outside the text" in failure.reason
    assert report.imported == []
    assert snapshot(store) == before


def test_jsonl_with_a_bad_byte_near_its_end_leaves_the_project_unchanged(store, tmp_path: Path) -> None:
    before = snapshot(store)
    path = big_jsonl(tmp_path / "bytes.jsonl", 300)
    with open(path, "ab") as fh:
        fh.write(b'{"text": "\xff"}\n')
    report = import_paths(store, [path])
    (failure,) = report.failures
    assert failure.line == 301 and "not valid UTF-8" in failure.reason
    assert snapshot(store) == before


def test_conll_failing_at_its_last_line_leaves_the_project_unchanged(store, tmp_path: Path) -> None:
    before = snapshot(store)
    path = tmp_path / "big.conll"
    lines = [f"{WORDS[i % len(WORDS)]} {'B-PERS' if i % 7 == 0 else 'O'}" for i in range(10_000)]
    path.write_text("\n".join(lines) + "\nآخر X-PERS\n", encoding="utf-8")
    assert path.stat().st_size > 20 * CHUNK
    report = import_paths(store, [path], sentences_per_doc=5)
    (failure,) = report.failures
    assert failure.line == 10_001 and "bad tag 'X-PERS'" in failure.reason
    assert snapshot(store) == before


def test_a_streamed_import_stores_every_document_and_names_them(store, tmp_path: Path) -> None:
    path = big_jsonl(tmp_path / "ok.jsonl", 300)
    report = import_paths(store, [path])
    assert report.ok and len(report.imported) == 300 and report.imported[0] == "ok-1"
    assert store.stats()["documents"] == 300 and store.stats()["spans"] == 300
    again = import_paths(store, [path])  # every one a duplicate now
    assert again.imported == [] and len(again.duplicates) == 300


def test_conll_layout_is_read_ahead_of_a_streamed_parse(store, tmp_path: Path) -> None:
    """Whether blank lines end sentences is decided ahead of the parse, over many chunks: one blank
    line after 11,000 token lines makes a block far longer than a sentence, so punctuation still
    ends sentences (the old rule, any blank line, made the 11,000 tokens one sentence cut at 200)."""
    body = "".join(f"{WORDS[i % len(WORDS)]} O\n" + (". O\n" if i % 10 == 9 else "") for i in range(10_000))
    path = tmp_path / "late-blank.conll"
    path.write_text(body + "\nآخر B-PERS\n", encoding="utf-8")
    assert path.stat().st_size > 20 * CHUNK
    report = import_paths(store, [path], sentences_per_doc=1)
    assert report.ok, report.failures
    # 1,000 sentences ended by "." and the one after the blank line, a document each (the sentences
    # repeat: most are duplicates of an earlier one)
    assert len(report.imported) + len(report.duplicates) == 1001
    assert not any("longer than" in w for w in report.warnings)


# ----------------------------------------------------------------------------- the line reader
texts = st.lists(
    st.text(alphabet=st.sampled_from(list("قال «» abc\t \r\n😀ةى")), max_size=30), min_size=1, max_size=20
).map("".join)


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"]), st.integers(1, 9))
def test_lines_are_those_of_the_whole_file_however_it_is_read(
    tmp_path_factory: pytest.TempPathFactory, text: str, encoding: str, chunk: int
) -> None:
    path = tmp_path_factory.mktemp("lines") / "f.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))
    if not text.strip():
        with pytest.raises(ImportFailure, match="empty file"):
            read_text(path, None)
        reader = TextLines(path, None, chunk=chunk)
        list(reader)
        assert not reader.has_text
        return
    expected = list(enumerate(read_text(path, None).split("\n"), 1))
    if expected[-1][1] == "":
        expected.pop()  # a final line break ends the last line rather than starting another
    reader = TextLines(path, None, chunk=chunk)
    assert list(reader) == expected
    assert reader.has_text
