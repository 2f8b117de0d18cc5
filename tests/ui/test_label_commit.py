"""A label key paints its edit while the edit's COMMIT runs on a worker thread, and returns only once
the edit is saved; an edit the project could not commit is taken back in the window, with the
message (see `Session.overlapping_commit`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QMessageBox

from annotator.core.store import Store
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
