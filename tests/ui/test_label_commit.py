"""A label key paints its edit while the edit's COMMIT runs on a worker thread, and returns only once
the edit is saved; an edit the project could not commit is taken back in the window, with the
message (see `Session.overlapping_commit`)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QMessageBox

from annotator.core.store import HeldCommit, Store
from tests.ui.test_incremental import _isolated_settings, formats, rows  # noqa: F401 (a fixture)
from tests.ui.test_main_window import make_window, project_path  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def _no_suggestions(_isolated_settings) -> None:  # noqa: F811 (the fixture, asked for first)
    QSettings().setValue("suggest/auto", False)


class Painted(QObject):
    """Notes every widget sent a paint event."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.seen: set[int] = set()
        self.widgets = widgets
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.seen.add(id(obj))
        return False

    def all(self) -> bool:
        return all(id(w) in self.seen for w in self.widgets)


def _select_word(window, word: str) -> tuple[int, int]:
    text = window.session.doc.text
    start = text.index(word)
    window.reader.select_text(start, start + len(word))
    return start, start + len(word)


def test_a_label_key_is_saved_and_painted_when_it_returns(qtbot, project_path: Path) -> None:  # noqa: F811
    window = make_window(qtbot, project_path)
    reader, panel = window.reader, window.side_panel
    start, end = _select_word(window, "فيدان")
    qtbot.wait(10)  # the selection painted; the rows around it laid out in idle time
    painted = Painted(reader.viewport(), panel.spans_view.viewport())
    qtbot.keyClick(reader, "p")
    # no event loop has run since the key: the edit is committed (another connection reads it) ...
    with Store.open(project_path) as other:
        saved = [(s.start, s.end, s.label) for s in other.spans(window.session.doc_id, "mona")]
    assert (start, end, "PERS") in saved
    # ... and the reader and the side panel were painted with it during the key
    assert painted.all()
    new = reader.selected_span_id
    row = panel.spans_model.row_of(new)
    assert row is not None and panel.spans_view.selectionModel().isRowSelected(row)
    assert window.store.pending_commit is None


def test_a_label_the_project_cannot_commit_is_taken_back_in_the_window(
    qtbot,
    project_path: Path,  # noqa: F811
    monkeypatch,
) -> None:
    """The COMMIT itself fails (a deferred constraint, checked only there, as a disk full at the
    fsync would): the row, the highlight and the span go again, the message says so, the project
    holds what it held, and the next label is saved as usual."""
    opened: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: opened.append(box))
    window = make_window(qtbot, project_path)
    reader, panel, session, store = window.reader, window.side_panel, window.session, window.store
    before_rows, before_formats = rows(panel.spans_model), formats(reader)
    before_saved = store.spans(session.doc_id, "mona")
    label = store.add_span_linked

    def breaks_at_commit(*args, **kwargs):
        with store.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT, which then fails
            change = label(*args, **kwargs)
            conn.execute("UPDATE spans SET doc_id = -1 WHERE id = ?", (change.spans_added[0].id,))
        return change

    monkeypatch.setattr(store, "add_span_linked", breaks_at_commit)
    _select_word(window, "فيدان")
    qtbot.keyClick(reader, "p")
    assert "FOREIGN KEY constraint failed" in window.error_label.text()
    assert [box.windowTitle() for box in opened] == ["The edit was not saved"]
    assert rows(panel.spans_model) == before_rows and formats(reader) == before_formats
    assert session.spans == before_saved and reader.selected_span_id is None
    assert store.spans(session.doc_id, "mona") == before_saved
    assert not store.conn.in_transaction and store.pending_commit is None

    monkeypatch.undo()
    start, end = _select_word(window, "هاكان")
    qtbot.keyClick(reader, "p")
    with Store.open(project_path) as other:
        assert (start, end, "PERS") in [
            (s.start, s.end, s.label) for s in other.spans(session.doc_id, "mona")
        ]
    assert panel.spans_model.row_of(reader.selected_span_id) is not None


class _Recorder:
    """Stands for the store's connection: notes every statement the GUI thread sends while the
    label's COMMIT runs on the commit thread."""

    def __init__(self, conn, committing: threading.Event) -> None:
        self._conn, self._committing = conn, committing
        self.during_commit: list[str] = []

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if threading.current_thread() is threading.main_thread() and self._committing.is_set():
            self.during_commit.append(sql)
        return self._conn.execute(sql, *args)


def test_the_window_sends_no_statement_to_the_connection_while_the_commit_thread_commits(
    qtbot,
    project_path: Path,  # noqa: F811
    monkeypatch,
) -> None:
    """One connection, two threads: a statement the GUI thread runs while the COMMIT runs (the
    paint reads the schema) would overwrite SQLite's error state of a COMMIT that failed. The
    COMMIT here waits until the reader was painted with the edit: the paint (a link drawn in its
    label's colour) needs no statement, and the edit is still painted before it is saved."""
    window = make_window(qtbot, project_path)
    store, reader = window.store, window.reader
    _select_word(window, "إن المحادثات مستمرة")
    qtbot.keyClick(reader, "q")
    committing, painted = threading.Event(), threading.Event()
    recorder = _Recorder(store.conn, committing)
    store.conn = store.backend.conn = recorder
    commit, start_commit = Store._commit, HeldCommit.start

    def handed_over(self, *args, **kwargs) -> None:
        committing.set()  # from here until the COMMIT has ended
        start_commit(self, *args, **kwargs)

    def slow_commit(self, *args):
        if threading.current_thread() is threading.main_thread():
            committing.clear()
            return commit(self, *args)
        painted.wait(5)  # a slow disk: the window paints meanwhile
        try:
            return commit(self, *args)
        finally:
            painted.was_set_before_commit = painted.is_set()  # type: ignore[attr-defined]
            committing.clear()

    class PaintSeen(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and committing.is_set():
                painted.set()
            return False

    seen = PaintSeen()
    reader.viewport().installEventFilter(seen)
    monkeypatch.setattr(Store, "_commit", slow_commit)
    monkeypatch.setattr(HeldCommit, "start", handed_over)
    start, end = _select_word(window, "هاكان فيدان")
    qtbot.wait(10)
    qtbot.keyClick(reader, "s")  # the speaker of the quote just labelled: linked to it, an arc drawn
    assert window.reader.links.drawn  # (the arc's colour is the label's, from the schema)
    assert recorder.during_commit == []
    assert painted.was_set_before_commit  # type: ignore[attr-defined]
    with Store.open(project_path) as other:
        assert (start, end, "SPEAKER") in [
            (s.start, s.end, s.label) for s in other.spans(window.session.doc_id, "mona")
        ]
    assert store.pending_commit is None and not store.conn.in_transaction


def test_an_edit_that_fails_after_writing_its_transaction_leaves_no_transaction_open(
    qtbot,
    project_path: Path,  # noqa: F811
    monkeypatch,
) -> None:
    """A label whose store call raises after its transaction was written: as before the COMMIT was
    held, that transaction is committed, not left open holding the project's write lock."""
    window = make_window(qtbot, project_path)
    store, reader = window.store, window.reader
    label = store.add_span_linked

    def fails_after_writing(*args, **kwargs):
        label(*args, **kwargs)
        raise KeyError("something after the write")

    monkeypatch.setattr(store, "add_span_linked", fails_after_writing)
    start, end = _select_word(window, "فيدان")
    qtbot.keyClick(reader, "p")
    assert "something after the write" in window.error_label.text()
    assert store.pending_commit is None and not store.conn.in_transaction
    with Store.open(project_path) as other:  # another window writes at once: no lock is held
        other.conn.execute("PRAGMA busy_timeout = 0")
        other.set_guidelines("written by another window")
        assert (start, end, "PERS") in [
            (s.start, s.end, s.label) for s in other.spans(window.session.doc_id, "mona")
        ]


def test_a_commit_that_raises_something_unexpected_leaves_the_project_usable(
    qtbot,
    project_path: Path,  # noqa: F811
    monkeypatch,
) -> None:
    """Not an SQLite error (a bug, no memory): the key fails, and the store is not left with its
    transaction open, its connection behind the commit's guard, or the held commit raising again
    at every later edit."""
    window = make_window(qtbot, project_path)
    store, reader = window.store, window.reader
    commit = Store._commit

    def broken(self, *args):
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("broken commit")
        return commit(self, *args)

    monkeypatch.setattr(Store, "_commit", broken)
    _select_word(window, "فيدان")
    with qtbot.captureExceptions() as raised:
        try:
            qtbot.keyClick(reader, "p")
        except RuntimeError as exc:  # PySide hands it back through the key's call
            raised.append((RuntimeError, exc, None))
    assert any("broken commit" in str(exc) for _, exc, _ in raised)
    assert store.pending_commit is None and not store.conn.in_transaction
    assert store.spans(window.session.doc_id, "mona") == window.session.spans  # what is shown is saved

    monkeypatch.undo()
    start, end = _select_word(window, "هاكان")
    qtbot.keyClick(reader, "p")
    with Store.open(project_path) as other:
        assert (start, end, "PERS") in [
            (s.start, s.end, s.label) for s in other.spans(window.session.doc_id, "mona")
        ]
