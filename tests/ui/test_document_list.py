"""The document list model: Qt's model tester, rows read a page at a time where the view is, jumps to
the end, filters, plain-text display."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSlider,
    QStyleOptionViewItem,
)

from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui import document_list
from annotator.ui.document_list import DOC_ID_ROLE, PAGE, DocumentList, DocumentListModel

PAGES = -(-1000 // PAGE)  # pages of the 1,000-document project
HOSTILE = "<img src=x onerror=alert(1)> <b>bold</b> &amp;"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def make_project(path: Path, n: int, hostile_at: int | None = None) -> Store:
    store = Store.create(path)
    store.add_documents(
        NewDocument(
            f"doc-{i:05d}",
            f"هذا نص الخبر رقم {i}.",
            {"title": HOSTILE if i == hostile_at else f"عنوان الخبر {i}"},
        )
        for i in range(n)
    )
    return store


@pytest.fixture
def project(tmp_path: Path):
    store = make_project(tmp_path / "list.annotator.db", 1000, hostile_at=3)
    yield store
    store.close()


class CountingStore:
    """Wraps a store and records every batch of list rows the model reads."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.calls: list[list[int]] = []

    def document_infos(self, ids, annotator=""):
        self.calls.append(list(ids))
        return self._store.document_infos(ids, annotator)

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_model_tester(qtmodeltester, project: Store) -> None:
    model = DocumentListModel(project, "mona")
    qtmodeltester.check(model)
    assert model.rowCount() == 1000
    model.set_filter(Status.NEW, "doc-004")
    qtmodeltester.check(model)


def test_reads_rows_a_page_at_a_time_where_asked(project: Store) -> None:
    counting = CountingStore(project)
    model = DocumentListModel(counting, "mona")  # type: ignore[arg-type]
    assert model.rowCount() == 1000 and counting.calls == []  # every row counted, none read yet
    assert model.data(model.index(999, 0)) == "doc-00999"  # the last row: one page read
    assert model.data(model.index(998, 1)) == "عنوان الخبر 998"
    assert len(counting.calls) == 1 and len(counting.calls[0]) == (1000 % PAGE or PAGE)
    assert model.data(model.index(0, 0)) == "doc-00000"
    assert len(counting.calls) == 2 and all(len(c) <= PAGE for c in counting.calls)  # never everything
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == [f"doc-{i:05d}" for i in range(1000)]
    assert len(counting.calls) == PAGES  # each page read once
    ids = [model.data(model.index(r, 0), DOC_ID_ROLE) for r in range(model.rowCount())]
    assert ids == sorted(ids) and len(set(ids)) == 1000


def test_only_some_pages_are_kept(project: Store, monkeypatch) -> None:
    monkeypatch.setattr(document_list, "CACHE_PAGES", 4)
    counting = CountingStore(project)
    model = DocumentListModel(counting, "mona")  # type: ignore[arg-type]
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    assert len(counting.calls) == PAGES and len(model._pages) == 4  # the last four pages are kept
    model.data(model.index(999, 0))  # kept: not read again
    assert len(counting.calls) == PAGES
    assert model.data(model.index(0, 0)) == "doc-00000"  # dropped: read again
    assert len(counting.calls) == PAGES + 1 and counting.calls[-1][0] == model.doc_id(0)
    model.drop_cache()
    model.data(model.index(999, 0))
    assert len(counting.calls) == PAGES + 2


def test_columns_show_name_title_status_spans(project: Store) -> None:
    doc_id = project.list_documents("mona", limit=1)[0].id
    project.add_span(doc_id, 0, 3, "PERS", "mona")
    project.set_status(doc_id, "mona", Status.IN_PROGRESS)
    model = DocumentListModel(project, "mona")
    row = [model.data(model.index(0, c)) for c in range(4)]
    assert row == ["doc-00000", "عنوان الخبر 0", "In progress", "1"]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Title",
        "Status",
        "Spans",
    ]
    # other annotators' work is not counted
    assert DocumentListModel(project, "sami").data(model.index(0, 3)) == "0"


def test_filters(project: Store) -> None:
    ids = [d.id for d in project.list_documents("mona")]
    for doc_id in ids[:250]:
        project.set_status(doc_id, "mona", Status.DONE)
    project.set_status(ids[300], "mona", Status.IN_PROGRESS)
    model = DocumentListModel(project, "mona")

    def all_rows() -> list[int]:
        return [model.doc_id(r) for r in range(model.rowCount())]

    model.set_filter(Status.DONE, "")
    assert all_rows() == ids[:250]
    model.set_filter(Status.IN_PROGRESS, "")
    assert all_rows() == [ids[300]]
    model.set_filter(Status.NEW, "")
    assert len(all_rows()) == 749
    model.set_filter(None, "doc-0099")
    assert all_rows() == ids[990:1000]
    model.set_filter(None, "الخبر 12")  # titles are searched too
    assert set(all_rows()) == {ids[12]} | set(ids[120:130])
    model.set_filter(Status.DONE, "الخبر 12")
    assert set(all_rows()) == {ids[12]} | set(ids[120:130])
    model.set_filter(None, "%")  # LIKE wildcards are literal
    assert all_rows() == []


def test_refresh_row_and_no_document_skipped_when_rows_leave_the_filter(project: Store) -> None:
    model = DocumentListModel(project, "mona")
    model.set_filter(Status.NEW, "")
    assert model.rowCount() == 1000
    first = model.doc_id(0)
    for row in range(5):
        doc_id = model.doc_id(row)
        model.data(model.index(row, 0))  # shown, so loaded
        project.set_status(doc_id, "mona", Status.DONE)
        model.refresh_row(doc_id)
    assert model.data(model.index(0, 2)) == "Done"  # the row stays, with its new status
    shown = {model.doc_id(r) for r in range(model.rowCount())}
    still_new = {d.id for d in project.list_documents("mona", status=Status.NEW)}
    assert still_new <= shown  # nothing skipped although the filtered set shrank
    assert first in shown and model.rowCount() == 1000
    model.reload()
    assert model.rowCount() == 995


def test_an_edit_updates_the_span_count_without_a_query(project: Store) -> None:
    counting = CountingStore(project)
    model = DocumentListModel(counting, "mona")  # type: ignore[arg-type]
    doc_id = model.doc_id(3)
    assert model.data(model.index(3, 3)) == "0"
    reads = len(counting.calls)
    change = project.add_span(doc_id, 0, 3, "PERS", "mona")
    model.apply(change)
    assert model.data(model.index(3, 3)) == "1" and len(counting.calls) == reads
    model.apply(project.set_status(doc_id, "mona", Status.DONE))
    assert model.data(model.index(3, 2)) == "Done"
    model.apply(project.add_span(doc_id, 0, 3, "PERS", "sami"))  # another annotator's: not counted
    model.drop_cache()
    assert model.data(model.index(3, 3)) == "1" and model.data(model.index(3, 2)) == "Done"


def test_hostile_title_is_plain_text(qtbot, project: Store) -> None:
    widget = DocumentList(project, "mona")
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    model = widget.model
    index = model.index(3, 1)
    assert model.data(index) == HOSTILE  # the display string is the literal title
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    rendered = QTextDocument()
    rendered.setHtml(tip)  # what QToolTip would do with a string it takes for rich text
    assert rendered.toPlainText() == HOSTILE
    assert "<img" not in tip
    # the view draws DisplayRole strings with the plain item delegate's paint (no rich-text delegate),
    # which lays the literal string out (only its direction is chosen: NaturalDirectionDelegate)
    delegate = widget.view.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate) and type(delegate).paint is QStyledItemDelegate.paint
    opt = QStyleOptionViewItem()
    delegate.initStyleOption(opt, index)
    assert opt.text == HOSTILE
    assert widget.view.indexWidget(index) is None


def test_widget_filter_controls_and_activation(qtbot, project: Store) -> None:
    ids = [d.id for d in project.list_documents("mona", limit=3)]
    project.set_status(ids[1], "mona", Status.DONE)
    widget = DocumentList(project, "mona")
    qtbot.addWidget(widget)
    widget.show()
    widget.status_combo.setCurrentIndex(3)  # Done
    assert widget.model.rowCount() == 1
    widget.status_combo.setCurrentIndex(0)
    qtbot.keyClicks(widget.search, "doc-0000")
    widget.apply_filter()
    assert widget.model.rowCount() == 10
    with qtbot.waitSignal(widget.documentActivated) as blocker:
        rect = widget.view.visualRect(widget.model.index(2, 0))
        qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids[2]]
    # selecting programmatically (following the reader) does not re-open the document
    with qtbot.assertNotEmitted(widget.documentActivated):
        widget.select_document(ids[0])
    assert widget.view.selectionModel().selectedRows()[0].row() == 0


def _last_row_shown(view) -> int:
    return view.rowAt(view.viewport().height() - 2)


def test_jumping_to_the_end_of_many_documents_reads_only_the_rows_shown(qtbot, tmp_path: Path) -> None:
    store = make_project(tmp_path / "big.annotator.db", 20_000)
    try:
        counting = CountingStore(store)
        widget = DocumentList(counting, "mona")  # type: ignore[arg-type]
        qtbot.addWidget(widget)
        widget.resize(600, 400)
        widget.show()
        qtbot.waitExposed(widget)
        view, model = widget.view, widget.model
        assert model.rowCount() == 20_000
        widget.select_document(model.doc_id(2))  # the current document, as in the window
        qtbot.wait(10)
        reads = len(counting.calls)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(10)  # the paint
        assert _last_row_shown(view) == 19_999
        assert model.data(model.index(19_999, 0)) == "doc-19999"
        assert len(counting.calls) - reads <= 2  # the page(s) on screen, not the 100 pages above

        qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        model.drop_cache()
        reads = len(counting.calls)
        bar = view.verticalScrollBar()
        opt = QStyleOptionSlider()
        bar.initStyleOption(opt)
        handle = bar.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, opt, QStyle.SubControl.SC_ScrollBarSlider, bar
        )
        below = QPoint(handle.center().x(), bar.height() + 40)
        qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=handle.center())
        qtbot.mouseMove(bar, below)
        qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=below)
        qtbot.wait(10)
        assert bar.value() == bar.maximum() and _last_row_shown(view) == 19_999
        assert len(counting.calls) - reads <= 2

        model.set_filter(None, "doc-1999")  # a search over every name and title, matches at the end
        assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
            f"doc-{i}" for i in range(19990, 20000)
        ]
    finally:
        store.close()


def test_filter_box_folds_arabic_spelling(qtbot, tmp_path: Path) -> None:
    """Typing a title with other hamza, alef maqsura and ta marbuta forms finds it."""
    store = Store.create(tmp_path / "folded.annotator.db")
    store.add_documents(
        [
            NewDocument("a", "نص أول.", {"title": "إعلانُ مستشفى المدينة"}),
            NewDocument("b", "نص ثان.", {"title": "خبر آخر"}),
        ]
    )
    widget = DocumentList(store, "mona")
    qtbot.addWidget(widget)
    widget.show()
    for ch in "اعلان مستشفي المدينه":  # typed key by key (QTest.keyClicks only knows ASCII)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert widget.search.text() == "اعلان مستشفي المدينه"
    widget.apply_filter()  # what typing does after a pause (Enter on the only match would open it)
    assert [widget.model.data(widget.model.index(r, 0)) for r in range(widget.model.rowCount())] == ["a"]
    widget.search.clear()
    widget.apply_filter()
    assert widget.model.rowCount() == 2
    widget.close()  # as the window does: the list goes before its project closes (a repaint reads rows)
    store.close()
