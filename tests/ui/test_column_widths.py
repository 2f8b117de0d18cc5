"""Default column widths of the document list and the side panel's span table, in the real widgets
and the real window: the title / text column stretches, status, counts, label and origin show
their whole values, a narrow view scrolls sideways rather than cut the title, and a column the
user resized keeps its width."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView

from annotator.core.model import NewDocument, Origin, Status
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.document_list import DocumentList, DocumentListModel
from annotator.ui.main_window import MainWindow
from annotator.ui.session import Session
from annotator.ui.side_panel import SidePanel, SpanTableModel
from tests.ui.readerutil import isolate_settings

TEXT = "قال وزير الخارجية التركي هاكان فيدان إن المحادثات مع الجانب الإسرائيلي مستمرة في باكو."
L = DocumentListModel


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, qapp) -> None:
    isolate_settings(tmp_path, auto_suggest=False)


@pytest.fixture
def store(tmp_path: Path):
    store = Store.create(tmp_path / "c.annotator.db")
    ids = store.add_documents(
        NewDocument(f"ANERCorp-{i:04d}", f"{TEXT} {i}", {"title": f"مساعٍ لتهدئة التوتر في سوريا {i}"})
        for i in range(40)
    ).ids
    store.set_status(ids[0], "mona", Status.IN_PROGRESS)
    for start, end, label, origin in ((0, 3, "CUE", Origin.MANUAL), (4, 8, "SPEAKER", Origin.SUGGESTED)):
        store.add_span(ids[0], start, end, label, "mona", origin=origin)
    store.add_span(ids[0], 9, 17, "ORG", "mona", origin=Origin.IMPORTED, attrs={})
    for start in (0, 4, 9):
        store.add_span(ids[1], start, start + 3, "CUE", "omar")  # another annotator: the Others column counts
    yield store
    store.close()


def widths(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def shows_whole(view: QTableView, column: int) -> bool:
    """Whether the column is as wide as Qt's own measure of its cells and of its header."""
    header = view.horizontalHeader()
    need = max(view.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
    return header.sectionSize(column) >= need


def doc_list(qtbot, store: Store, width: int) -> DocumentList:
    widget = DocumentList(store, "mona")
    qtbot.addWidget(widget)
    widget.resize(width, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_document_list_title_stretches_and_the_counts_show_whole(qtbot, store: Store) -> None:
    widget = doc_list(qtbot, store, 420)
    view = widget.view
    viewport = view.viewport().width()
    for column in (L.STATUS, L.SPANS, L.OTHERS):
        assert shows_whole(view, column), column
    w = widths(view)
    assert sum(w) == viewport  # no sideways scrolling: the title takes the rest
    assert w[L.TITLE] >= int(0.3 * viewport) and w[L.TITLE] > w[L.NAME]
    assert w[L.NAME] <= 0.25 * viewport + 1  # a long name gives way to the title
    assert view.horizontalScrollBar().maximum() == 0
    # wider: the title takes the extra room, the fitted columns stay as they are
    widget.resize(700, 500)
    qtbot.waitUntil(lambda: view.viewport().width() > viewport)
    wider = widths(view)
    assert sum(wider) == view.viewport().width()
    assert [wider[c] for c in (L.STATUS, L.SPANS, L.OTHERS)] == [w[c] for c in (L.STATUS, L.SPANS, L.OTHERS)]
    assert wider[L.NAME] > w[L.NAME] and shows_whole(view, L.NAME)  # room enough for whole names now
    assert wider[L.TITLE] > w[L.TITLE]


def test_a_narrow_document_list_scrolls_rather_than_cut_the_title(qtbot, store: Store) -> None:
    widget = doc_list(qtbot, store, 240)
    view = widget.view
    viewport = view.viewport().width()
    w = widths(view)
    assert w[L.TITLE] == int(0.3 * viewport)  # its floor
    assert sum(w) > viewport and view.horizontalScrollBar().maximum() > 0
    for column in (L.STATUS, L.SPANS, L.OTHERS):
        assert shows_whole(view, column), column
    widget.resize(600, 500)  # room again: the title stretches over the rest
    qtbot.waitUntil(lambda: sum(widths(view)) == view.viewport().width())
    assert widths(view)[L.TITLE] > int(0.3 * view.viewport().width())


def test_a_column_the_user_resized_keeps_its_width(qtbot, store: Store) -> None:
    widget = doc_list(qtbot, store, 420)
    view = widget.view
    header = view.horizontalHeader()
    # the user drags the right edge of the Name column 20 pixels narrower (left-to-right layout)
    edge = header.sectionViewportPosition(L.NAME) + header.sectionSize(L.NAME) - 1
    before, title = header.sectionSize(L.NAME), header.sectionSize(L.TITLE)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    qtbot.mouseMove(header.viewport(), QPoint(edge - 10, 5))
    qtbot.mouseMove(header.viewport(), QPoint(edge - 20, 5))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge - 20, 5))
    dragged = header.sectionSize(L.NAME)
    assert dragged == before - 20
    assert header.sectionSize(L.TITLE) == title + 20  # the title took the room
    assert sum(widths(view)) == view.viewport().width()
    widget.resize(650, 500)
    qtbot.waitUntil(lambda: sum(widths(view)) == view.viewport().width())
    widget.retranslate()
    widget.model.set_filter(None, "ANERCorp-000")  # a new filter resets the model
    assert header.sectionSize(L.NAME) == dragged  # kept through resizes, a language change, a filter
    assert shows_whole(view, L.STATUS)


def _drag_name_edge(qtbot, view: QTableView, by: int) -> None:
    """The user drags the right edge of the Name column `by` pixels (left-to-right layout)."""
    header = view.horizontalHeader()
    edge = header.sectionViewportPosition(L.NAME) + header.sectionSize(L.NAME) - 1
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by // 2, 5))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by, 5))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + by, 5))


def test_a_width_the_user_gave_is_given_back_next_time_and_a_double_click_forgets_it(
    qtbot, store: Store
) -> None:
    default = widths(doc_list(qtbot, store, 420).view)
    first = doc_list(qtbot, store, 420)
    _drag_name_edge(qtbot, first.view, -24)
    dragged = first.view.horizontalHeader().sectionSize(L.NAME)
    assert dragged == default[L.NAME] - 24
    first.close()
    again = doc_list(qtbot, store, 420)  # the list made again (the next start of the program)
    header = again.view.horizontalHeader()
    assert header.sectionSize(L.NAME) == dragged
    assert sum(widths(again.view)) == again.view.viewport().width()  # the title took the rest
    # a double-click on the column's edge: back to the default width, and forgotten
    edge = header.sectionViewportPosition(L.NAME) + header.sectionSize(L.NAME) - 1
    qtbot.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    assert widths(again.view) == default
    assert widths(doc_list(qtbot, store, 420).view) == default


def test_a_remembered_width_that_is_not_one_is_ignored(qtbot, store: Store) -> None:
    default = widths(doc_list(qtbot, store, 420).view)
    for junk in ("1:abc", "99:120", "0:-5", "0:999999", "garbage", "0:"):
        QSettings().setValue("columns/documents", junk)
        assert widths(doc_list(qtbot, store, 420).view) == default, junk


def test_side_panel_label_and_origin_show_whole_in_english_and_arabic(qtbot, store: Store) -> None:
    session = Session(store, "mona")
    session.open_document(store.list_documents("mona", limit=1)[0].id)
    panel = SidePanel(session)
    qtbot.addWidget(panel)
    panel.resize(490, 600)  # about the window's dock
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.spans_view
    assert panel.spans_model.rowCount() == 3  # manual, suggested, imported
    m = SpanTableModel
    origins = {panel.spans_model.data(panel.spans_model.index(r, m.ORIGIN)) for r in range(3)}
    assert origins == {"manual", "suggested", "imported"}
    for column in (m.LABEL, m.ORIGIN):
        assert shows_whole(view, column), column
    w = widths(view)
    assert sum(w) == view.viewport().width() and w[m.TEXT] >= int(0.38 * view.viewport().width())
    assert w[m.TEXT] == max(w)  # the document's words get the most room
    try:
        i18n.apply_language("ar")  # the panel follows on its LanguageChange event
        QApplication.processEvents()
        assert panel.spans_model.headerData(m.ORIGIN, Qt.Orientation.Horizontal) == "المصدر"
        for column in (m.LABEL, m.ORIGIN):
            assert shows_whole(view, column), column
    finally:
        i18n.apply_language("en")
    session.close()


@pytest.mark.parametrize("size", [None, (1000, 640)], ids=["default size", "small"])
def test_window_columns_at_default_and_small_size(qtbot, store: Store, size) -> None:
    window = MainWindow(store, "mona")
    window.session._poll.stop()
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert size is not None or (window.width(), window.height()) == (1360, 860)
    docs, spans = window.doc_list.view, window.side_panel.spans_view
    for view, columns, stretch, floor in (
        (docs, (L.STATUS, L.SPANS, L.OTHERS), L.TITLE, 0.3),
        (spans, (SpanTableModel.LABEL, SpanTableModel.ORIGIN), SpanTableModel.TEXT, 0.38),
    ):
        viewport = view.viewport().width()
        for column in columns:
            assert shows_whole(view, column), column
        assert widths(view)[stretch] >= int(floor * viewport)
        if size is None:  # at the default size everything fits: nothing scrolls sideways
            assert sum(widths(view)) == viewport
    if size is None:
        assert widths(docs)[L.TITLE] >= 100  # a few words of an Arabic title, not three letters
        assert widths(spans)[SpanTableModel.TEXT] >= 180  # the span amid the words around it
    window.close()
