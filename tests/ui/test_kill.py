"""Killing the program right after labelling loses nothing that was committed.

A real program (a subprocess with the real Store, Session and ReaderView, offscreen) labels spans
through the widgets (select the words, press the label key) and prints each committed span. It
keeps labelling as fast as it can; the test SIGKILLs it in the middle of that, reopens the project
and finds every span the program announced, in a file that passes SQLite's integrity check.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotator.core.model import NewDocument
from annotator.core.store import Store

REPO = Path(__file__).resolve().parents[2]
WORDS = [
    "كشفت",
    "مصادر",
    "في",
    "وزارة",
    "الدفاع",
    "التركية",
    "عن",
    "اجتماع",
    "جمع",
    "مسؤولين",
    "أتراك",
    "وإسرائيليين",
    "في",
    "أذربيجان",
    "بهدف",
    "وضع",
    "آلية",
    "لخفض",
    "التصعيد",
]
TEXT = " ".join(WORDS * 40) + "."

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from annotator.core.store import Store
    from annotator.ui.session import Session
    from annotator.ui.reader import ReaderView

    app = QApplication([])
    path, doc_id = sys.argv[1], int(sys.argv[2])
    store = Store.open(path)
    session = Session(store, "mona")
    reader = ReaderView(session)
    reader.resize(900, 700)
    reader.show()
    session.open_document(doc_id)
    text = session.doc.text
    pos = 0
    n = 0
    while True:
        start = text.index(" ", pos) + 1 if pos else 0
        end = text.find(" ", start)
        if end < 0:
            break
        pos = end
        reader.select_text(start, end)
        QTest.keyClick(reader, "p" if n % 2 else "g")
        hits = [s for s in session.spans if (s.start, s.end) == (start, end)]
        if hits:
            n += 1
            print("LABELLED", hits[0].id, start, end, hits[0].label, flush=True)
    print("FINISHED", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_after_labelling_keeps_every_committed_span(tmp_path: Path) -> None:
    path = tmp_path / "kill.annotator.db"
    with Store.create(path) as store:
        doc_id = store.add_documents([NewDocument("article", TEXT)]).ids[0]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(doc_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    printed: list[tuple[int, int, int, str]] = []
    deadline = time.monotonic() + 60
    try:
        assert proc.stdout is not None
        while len(printed) < 25 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("LABELLED"):
                _, sid, start, end, label = line.split()
                printed.append((int(sid), int(start), int(end), label))
        os.kill(proc.pid, signal.SIGKILL)  # in the middle of the next edits
        rest, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for line in rest.splitlines():  # lines printed after the 25th but before the kill
        if line.startswith("LABELLED"):
            _, sid, start, end, label = line.split()
            printed.append((int(sid), int(start), int(end), label))
    assert len(printed) >= 25, f"the program did not label as expected: {err[-2000:]}"
    assert proc.returncode == -signal.SIGKILL
    assert "FINISHED" not in rest  # it was killed while still labelling

    with Store.open(path) as store:  # refuses a damaged file; quick_check below to be explicit
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        stored = {s.id: (s.start, s.end, s.label) for s in store.spans(doc_id, "mona")}
        for sid, start, end, label in printed:
            assert stored.get(sid) == (start, end, label), json.dumps([sid, start, end, label])
            assert TEXT[start:end] in WORDS
        # at most the edit in flight is beyond what was printed
        assert len(stored) - len(printed) <= 1
