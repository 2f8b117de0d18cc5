"""Export files as the user's system expects them: modes from the umask, multi-file outputs that
appear as a set, no temporaries left behind by killed exports, no writing into devices."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.exporters import ExportError, ExportOptions, export, safety
from annotator.core.exporters.safety import recover
from annotator.core.store import Store
from tests.core.export_fixtures import listing, make_sample_project

ALL = ExportOptions(statuses=None)
FORCE = ExportOptions(statuses=None, force=True)


@pytest.fixture
def sample(tmp_path: Path):
    store = make_sample_project(tmp_path / "sample.annotator.db")
    yield store
    store.close()


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_follow_the_umask(sample: Store, tmp_path: Path, umask_002) -> None:
    export(sample, "hf", tmp_path / "train.jsonl", ALL)
    assert mode(tmp_path / "train.jsonl") == 0o664 and mode(tmp_path / "train.labels.json") == 0o664
    export(sample, "brat", tmp_path / "brat", ExportOptions(statuses=None, split=(0.5, 0.25, 0.25)))
    assert mode(tmp_path / "brat") == 0o775 and mode(tmp_path / "brat" / "train") == 0o775
    assert {mode(p) for p in (tmp_path / "brat").rglob("*") if p.is_file()} == {0o664}
    os.umask(0o077)
    export(sample, "jsonl", tmp_path / "private.jsonl", ALL)
    assert mode(tmp_path / "private.jsonl") == 0o600


def test_force_keeps_the_mode_of_the_file_it_replaces(sample: Store, tmp_path: Path, umask_002) -> None:
    out = tmp_path / "all.jsonl"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o644)
    export(sample, "jsonl", out, FORCE)
    assert mode(out) == 0o644 and out.read_text(encoding="utf-8") != "old\n"


def _labels_and_data(tmp_path: Path) -> tuple[list[str], int]:
    names = json.loads((tmp_path / "train.labels.json").read_text(encoding="utf-8"))["names"]
    rows = [json.loads(line) for line in (tmp_path / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    return names, max(max(r["ner_tags"], default=0) for r in rows)


def test_a_set_interrupted_between_renames_is_completed_by_the_next_export(
    sample: Store, tmp_path: Path, monkeypatch
) -> None:
    """hf writes data + labels: a failure after the first rename leaves the journal, and the next
    export to the folder finishes the set before it writes, so tag ids never mean other labels."""
    export(sample, "hf", tmp_path / "train.jsonl", ALL)
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(safety.os, "replace", failing)
    with pytest.raises(ExportError, match="Input/output error"):
        export(
            sample,
            "hf",
            tmp_path / "train.jsonl",
            ExportOptions(statuses=None, force=True, label_map={"GPE": "LOC"}),
        )
    monkeypatch.setattr(safety.os, "replace", real)
    journals = [p for p in tmp_path.iterdir() if p.name.endswith(".commit")]
    assert len(journals) == 1  # the set is not finished yet, and says so
    done = recover(tmp_path)
    assert done and not [p for p in tmp_path.iterdir() if p.name.endswith((".commit", ".tmp"))]
    names, top = _labels_and_data(tmp_path)
    assert "B-GPE" not in names and top < len(names)  # data and labels of the same (second) export


def test_a_killed_export_is_completed_or_cleaned_by_the_next_one(sample: Store, tmp_path: Path) -> None:
    """A real kill: a child process dies (os._exit) right after the first of its renames."""
    project = sample.path
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from annotator.core.exporters import ExportOptions, export, safety
from annotator.core.store import Store
real = os.replace
count = []
def dying(src, dst):
    real(src, dst)
    count.append(dst)
    if len(count) == 1:
        os._exit(9)
safety.os.replace = dying
with Store.open({str(project)!r}) as store:
    export(store, "hf", {str(tmp_path / "out" / "train.jsonl")!r}, ExportOptions(statuses=None, split=(0.8, 0.1, 0.1)))
"""
    (tmp_path / "out").mkdir()
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    left = [p for p in listing(tmp_path / "out") if p.startswith(".")]
    assert any(p.endswith(".commit") for p in left) and any(p.endswith(".tmp") for p in left)
    # a crashed export that never reached its renames: only temporaries
    stray = tmp_path / "out" / f".x.jsonl.{_dead_pid()}-abc123.tmp"
    stray.write_text("half\n", encoding="utf-8")
    report = export(sample, "jsonl", tmp_path / "out" / "other.jsonl", ALL)
    assert not [p for p in listing(tmp_path / "out") if p.startswith(".")]  # nothing hidden is left
    assert any("stopped midway" in w for w in report.warnings)
    from annotator.core.exporters import hf

    whole_set = [p.name for p in hf.targets(tmp_path / "out" / "train.jsonl", ("train", "dev", "test"))]
    assert sorted(listing(tmp_path / "out")) == sorted(["other.jsonl", *whole_set])


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


def test_a_live_exports_temporaries_are_never_touched(tmp_path: Path) -> None:
    ao = safety.AtomicOutput()
    fh = ao.file(tmp_path / "a.jsonl")
    fh.write("in progress\n")
    recover(tmp_path)  # another export starting in the same folder meanwhile
    assert ao.commit() == [tmp_path / "a.jsonl"]
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == "in progress\n"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_as_output_is_refused_not_suffixed(sample: Store, tmp_path: Path) -> None:
    for fmt in ("jsonl", "hf", "conll"):
        with pytest.raises(ExportError, match="/dev/null is not a regular file"):
            export(sample, fmt, Path("/dev/null"), FORCE)
    assert not Path("/dev/null.jsonl").exists() and not Path("/dev/null.labels.json").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_output_is_refused(sample: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        export(sample, "jsonl", fifo, FORCE)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
