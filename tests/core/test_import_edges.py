"""Inputs that used to hang, eat memory or slip through: FIFOs, devices, huge files, binary without
NUL bytes, one-line files whose line became a title as long as the text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.core import importers
from annotator.core.importers import MAX_FILE_BYTES, ImportFailure, import_paths, read_input
from annotator.core.model import MAX_TITLE, cap_title
from tests.cli_process import run_cli

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _cli(args: list[str], cwd: Path):
    """With 2 GB of address space: an endless read ends in MemoryError, not a machine out of memory."""
    return run_cli(args, cwd, memory=2 * 2**30)


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path) -> None:
    assert _cli(["init", "p.annotator.db"], tmp_path).returncode == 0
    os.mkfifo(tmp_path / "pipe.txt")
    result = _cli(["import", "p.annotator.db", "pipe.txt"], tmp_path)
    assert result.returncode == 1
    assert "pipe.txt: a named pipe (FIFO), not a regular file: refused" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_not_read_without_end(tmp_path: Path) -> None:
    assert _cli(["init", "p.annotator.db"], tmp_path).returncode == 0
    result = _cli(["import", "p.annotator.db", "/dev/zero", "--format", "text"], tmp_path)
    assert result.returncode == 1
    assert "/dev/zero: a device, not a regular file: refused" in result.stderr
    assert "MemoryError" not in result.stderr


@needs_fifo
def test_a_fifo_swapped_in_after_the_check_is_refused_at_open(tmp_path: Path, store) -> None:
    """The descriptor is checked, not only the name: a FIFO is opened without blocking and refused."""
    fifo = tmp_path / "late.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailure, match="named pipe"):
        read_input(fifo)
    report = import_paths(store, [fifo])
    assert [f.reason for f in report.failures] == [
        "a named pipe (FIFO), not a regular file: refused (only files and folders are imported)"
    ]


def test_files_larger_than_the_bound_are_refused_before_reading(tmp_path: Path, store, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("قال الوزير إن الأمر مهم.\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 10_000)
    report = import_paths(store, [big])
    assert len(report.failures) == 1
    assert "too large" in report.failures[0].reason and "split it" in report.failures[0].reason
    assert store.document_ids() == []
    assert MAX_FILE_BYTES >= 64 * 2**20  # real corpora (ANERcorp is 3 MB) are far below the bound


def test_streamed_formats_have_no_size_bound(tmp_path: Path, store, monkeypatch) -> None:
    """JSONL and CoNLL are read a chunk at a time, so the bound of files read whole does not apply;
    a FIFO is still refused by them."""
    import json

    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(
            json.dumps({"text": f"قال الوزير إن الأمر مهم رقم {i}."}, ensure_ascii=False) + "\n"
            for i in range(400)
        ),
        encoding="utf-8",
    )
    conll = tmp_path / "big.conll"
    conll.write_text("".join(f"كلمة{i} O\n" for i in range(2000)), encoding="utf-8")
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 10_000)
    assert big.stat().st_size > 10_000 and conll.stat().st_size > 10_000
    report = import_paths(store, [big, conll])
    assert report.failures == []
    assert len(report.imported) == 400 + 1 and len(store.document_ids()) == 401
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "late.conll"
        os.mkfifo(fifo)
        from annotator.core.importers.stream import TextLines

        with pytest.raises(ImportFailure, match="named pipe"):
            list(TextLines(fifo, None))


def test_random_seven_bit_binary_is_not_imported_as_text(tmp_path: Path, store) -> None:
    import random

    rng = random.Random(3)
    elf = tmp_path / "program.txt"
    elf.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(rng.randrange(1, 128) for _ in range(20_000)))
    report = import_paths(store, [elf])
    assert len(report.failures) == 1
    assert report.failures[0].reason.startswith("binary file")
    assert report.failures[0].line is not None
    assert store.document_ids() == []


def test_a_one_line_file_gets_a_capped_title(tmp_path: Path, store) -> None:
    line = " ".join(["كلمة"] * 100_000)  # ~500,000 characters on one line
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    report = import_paths(store, [path])
    assert report.ok, report.failures
    doc = store.document(store.document_ids()[0])
    assert doc.text == line  # the text is whole
    title = store.list_documents("")[0].title
    assert len(title) <= MAX_TITLE and title.endswith("…") and line.startswith(title[:-1])
    assert doc.meta["title"] == title
    size = store.conn.execute("SELECT length(title) + length(meta) FROM documents").fetchone()[0]
    assert size < 2 * MAX_TITLE + 200  # not the text twice more


def test_cap_title() -> None:
    assert cap_title("عنوان قصير") == "عنوان قصير"
    long = "أ" * 10 + " " + "ب" * 400
    assert cap_title(long) == "أ" * 10 + " " + "ب" * (MAX_TITLE - 12) + "…"
    words = " ".join(["كلمة"] * 100)
    capped = cap_title(words, 50)
    assert len(capped) <= 50 and capped.endswith("كلمة…")
