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
    every, first, expect = (int(a) for a in sys.argv[3:6]) if len(sys.argv) > 3 else (1, 0, 0)
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
        word_no = text.count(" ", 0, start)
        if word_no % every != first:  # a colleague labels the other words
            continue
        reader.select_text(start, end)
        QTest.keyClick(reader, "p" if n % 2 else "g")
        hits = [s for s in session.spans if (s.start, s.end) == (start, end)]
        if hits:
            n += 1
            print("LABELLED", hits[0].id, start, end, hits[0].label, flush=True)
    print("FINISHED", flush=True)
    deadline = time.monotonic() + 30
    while expect and len(session.spans) < expect and time.monotonic() < deadline:
        session.check_external()  # what the window's poll timer does
        time.sleep(0.05)
    print("SEEN", len(session.spans), flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_after_labelling_keeps_every_committed_span(new_location) -> None:
    path = new_location("kill")
    with Store.create(path) as store:
        doc_id = store.add_documents([NewDocument("article", TEXT)]).ids[0]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, path, str(doc_id)],
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
        if not store.is_server:
            assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        stored = {s.id: (s.start, s.end, s.label) for s in store.spans(doc_id, "mona")}
        for sid, start, end, label in printed:
            assert stored.get(sid) == (start, end, label), json.dumps([sid, start, end, label])
            assert TEXT[start:end] in WORDS
        # at most the edit in flight is beyond what was printed
        assert len(stored) - len(printed) <= 1


def test_two_programs_label_one_document_at_once_and_see_each_other(new_location) -> None:
    """Two real programs (as on two machines) label alternate words of one document in one layer
    at the same time: every span either announced is stored, and each program's session ends up
    showing the other's spans too (heard through its poll: data_version, or a server's notices)."""
    path = new_location("two")
    with Store.create(path) as store:
        doc_id = store.add_documents([NewDocument("article", TEXT)]).ids[0]
    words = len(TEXT.split(" ")) - 1  # the last word ends the text: the loop stops before it
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, path, str(doc_id), "2", str(k), str(words)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        for k in (0, 1)
    ]
    outputs = []
    try:
        for proc in procs:
            assert proc.stdout is not None
            lines = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line)
                if line.startswith("SEEN"):
                    break
            outputs.append(lines)
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    printed = [tuple(line.split()[1:]) for lines in outputs for line in lines if line.startswith("LABELLED")]
    assert len(printed) == words, [lines[-3:] for lines in outputs]
    with Store.open(path) as store:
        stored = {s.id: (s.start, s.end, s.label) for s in store.spans(doc_id, "mona")}
    assert len(stored) == words
    for sid, start, end, label in printed:
        assert stored[int(sid)] == (int(start), int(end), label)
    for lines in outputs:  # each program saw all of it, the other's spans included
        assert lines[-1].split() == ["SEEN", str(words)]
