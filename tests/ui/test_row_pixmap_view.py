"""The side panel's table keeps the pixels of its rows: a repaint draws kept rows, what it shows is
what Qt's own paint of the table shows, and whatever changes a row's look paints it anew."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument, NewSpan
from annotator.core.store import Store
from annotator.ui.row_pixmap_view import RowPixmapView
from tests.ui.readerutil import isolate_settings, painted_as_qt_paints, same_pixels
from tests.ui.test_main_window import make_window

SENTENCE = "قال وزير الخارجية هاكان فيدان إن المحادثات مع الجانب الآخر مستمرة"
WORD = "الخارجية"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    isolate_settings(tmp_path)
    QSettings().setValue("suggest/auto", False)


REPO = Path(__file__).resolve().parents[2]


def rows_project(folder: Path) -> tuple[Path, list[int]]:
    """A project of 80 sentences, an ORG span on the word of every other one (40 rows, more than
    the table shows); returns its path and where the word of each sentence starts."""
    text = "\n".join(f"{SENTENCE} [{i}]" for i in range(80))
    words = [text.index(WORD, text.index(f"[{i}]") - len(SENTENCE)) for i in range(80)]
    path = folder / "rows.annotator.db"
    with Store.create(path) as store:
        spans = [NewSpan(w, w + len(WORD), "ORG", {}, "mona") for w in words[::2]]
        store.add_documents([NewDocument("rows", text, spans=spans)])
    return path, words


@pytest.fixture
def window(qtbot, tmp_path: Path):
    """A window on `rows_project`."""
    path, words = rows_project(tmp_path)
    window = make_window(qtbot, path)
    window.resize(1200, 800)
    QApplication.processEvents()
    window.words = words
    return window


def cells_painted(view: RowPixmapView) -> list[tuple[int, object]]:
    """(column, content) of every cell the view paints anew from now on (by its delegates; the
    other cells are drawn from kept pixmaps)."""
    painted: list[tuple[int, object]] = []
    keep = view._cells.keep

    def noted(key, pixmap):
        painted.append((key[0], key[1]))
        return keep(key, pixmap)

    view._cells.keep = noted
    return painted


@pytest.mark.parametrize("dark", [False, True])
def test_the_table_shows_what_qt_paints_selected_focused_and_alternate_rows(window, qtbot, dark) -> None:
    """Alternate rows, the selected row and the current cell with the focus (in either theme) look
    as QTableView paints them."""
    view = window.side_panel.spans_view
    assert isinstance(view, RowPixmapView) and view.alternatingRowColors()
    window.set_dark(dark)
    try:
        view.selectRow(3)
        assert painted_as_qt_paints(view)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        view.setCurrentIndex(view.model().index(4, 1))
        assert painted_as_qt_paints(view)
    finally:
        window.set_dark(False)


def test_a_row_inserted_draws_the_rows_it_moves_from_kept_pixels(window, qtbot) -> None:
    """A label key inserts a row above the rows in view: the delegates paint the new row's cells (at
    most; its text was painted in idle time after the selection) and nothing of the rows moved
    under it, and the table shows what Qt paints."""
    reader, view = window.reader, window.side_panel.spans_view
    view.viewport().repaint()
    area, model = view.viewport().rect(), view.model()
    shown = [r for r in range(model.rowCount()) if area.intersects(view.visualRect(model.index(r, 0)))]
    assert len(shown) > 6
    reader.select_text(window.words[1], window.words[1] + len(WORD))  # between the first two rows
    qtbot.waitUntil(lambda: not window.side_panel.preparing)  # idle time after the selection
    painted = cells_painted(view)
    qtbot.keyClick(reader, "o")
    view.viewport().repaint()
    new_row = model.row_of(reader.selected_span_id)
    assert new_row == 1
    new = model.row_content(new_row)
    assert painted and all(content == new[column] for column, content in painted)  # the new row's only
    assert model.TEXT not in {column for column, _ in painted}  # its text was painted in idle time
    assert painted_as_qt_paints(view)


def test_what_changes_a_row_paints_it_anew(window, qtbot) -> None:
    """A new label, a new font, a narrower column: the rows show it, as Qt paints them."""
    panel = window.side_panel
    view, model = panel.spans_view, panel.spans_model
    view.viewport().repaint()
    span_id = model.span_at(0).id
    window.session.set_label(span_id, "PERS")
    QApplication.processEvents()
    assert model.data(model.index(0, 1)) == "PERS"
    assert painted_as_qt_paints(view)
    font, before = model.text_font, model.row_content(0)
    family = next(f for f in ("Noto Sans", "Noto Naskh Arabic") if f != font.family())
    panel.set_text_font(family, font.pointSize())  # another face: the row's key says so
    assert model.row_content(0)[0] != before[0] and model.row_content(0)[3] != before[3]
    panel.set_text_font(family, 20)
    QApplication.processEvents()
    assert painted_as_qt_paints(view)
    view.horizontalHeader().resizeSection(1, 30)
    QApplication.processEvents()
    assert painted_as_qt_paints(view)


def test_kept_pixels_stay_within_their_bound(window, qtbot) -> None:
    """Scrolling through every row keeps no more pixels than the view's bound."""
    view = window.side_panel.spans_view
    view._rows.limit = view._cells.limit = 200_000  # a few rows' worth
    for row in range(view.model().rowCount()):
        view.scrollTo(view.model().index(row, 0))
        view.viewport().repaint()
    assert 0 < view._rows._bytes <= 200_000 and 0 < view._cells._bytes <= 200_000
    assert painted_as_qt_paints(view)


def test_pixels_follow_the_theme(window, qtbot) -> None:
    """Switching the theme changes the palette: rows kept in the old colours are not drawn again."""
    view = window.side_panel.spans_view
    view.viewport().repaint()
    light = view.viewport().grab().toImage()
    window.set_dark(True)
    try:
        QApplication.processEvents()
        dark = view.viewport().grab().toImage()
        assert not same_pixels(light, dark)
        assert painted_as_qt_paints(view)
    finally:
        window.set_dark(False)
    QApplication.processEvents()
    assert painted_as_qt_paints(view)


def test_right_to_left_columns_paint_as_qt_paints(window, qtbot) -> None:
    """The table laid out right to left (an Arabic interface) places every cell as Qt does."""
    view = window.side_panel.spans_view
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QApplication.processEvents()
    assert painted_as_qt_paints(view)


def test_the_document_list_repaints_only_the_count_a_label_changes(window, qtbot) -> None:
    """The document list keeps its rows' and cells' pixels too: a label key changes the document's
    span count (the first one its status too), and only that cell is painted anew; the list shows
    what Qt paints."""
    view, reader = window.doc_list.view, window.reader
    assert isinstance(view, RowPixmapView)
    view.viewport().repaint()
    assert painted_as_qt_paints(view)
    reader.select_text(window.words[1], window.words[1] + len(WORD))
    qtbot.keyClick(reader, "o")  # the first label: the status too ("In progress")
    view.viewport().repaint()
    painted = cells_painted(view)
    reader.select_text(window.words[3], window.words[3] + len(WORD))
    qtbot.keyClick(reader, "o")
    view.viewport().repaint()
    model = view.model()
    count = model.row_content(model.row_of(window.session.doc_id))[model.SPANS]
    assert painted == [(model.SPANS, count)] and count == "42"
    assert painted_as_qt_paints(view)


def test_the_document_lists_row_is_painted_ahead_of_a_label_key(window, qtbot) -> None:
    """After a text selection, idle time paints the document's row as the label key will leave it
    (one span more): the key draws it from kept pixels, and the list shows what Qt paints. A
    selection that goes away before idle time paints nothing ahead."""
    docs, reader = window.doc_list, window.reader
    view, model = docs.view, docs.model
    reader.select_text(window.words[1], window.words[1] + len(WORD))
    qtbot.keyClick(reader, "o")  # the first label (its status changes too)
    qtbot.waitUntil(lambda: not docs.preparing)
    view.viewport().repaint()
    row = model.row_of(window.session.doc_id)
    reader.select_text(window.words[3], window.words[3] + len(WORD))
    assert docs.preparing
    qtbot.waitUntil(lambda: not docs.preparing)  # idle time after the selection
    painted = cells_painted(view)
    qtbot.keyClick(reader, "o")
    view.viewport().repaint()
    assert model.row_content(row)[model.SPANS] == "42"
    assert painted == []  # the row with "42" was painted in idle time
    assert painted_as_qt_paints(view)
    reader.select_text(window.words[5], window.words[5] + len(WORD))
    assert docs.preparing
    reader.clear_selection()
    assert not docs.preparing  # nothing to paint ahead for


def test_rows_of_other_heights_are_placed_as_qt_places_them(window, qtbot) -> None:
    """The tables in use have rows of one height; a view with a taller row shows what Qt paints,
    and a selection narrower than a row selects no row, as `isRowSelected` says."""
    view = window.side_panel.spans_view
    view.viewport().repaint()
    view.setRowHeight(2, view.rowHeight(2) * 2)
    view.selectRow(3)
    QApplication.processEvents()
    assert painted_as_qt_paints(view)
    model, selection = view.model(), view.selectionModel()
    selection.select(model.index(5, 1), selection.SelectionFlag.ClearAndSelect)  # one cell of row 5
    QApplication.processEvents()
    assert not selection.isRowSelected(5, view.rootIndex())
    assert view._selected_rows(0, 10) == set()  # as isRowSelected says (rows are painted whole)
    view.selectRow(6)
    assert view._selected_rows(0, 10) == {6}


# a window dragged from a screen at 1x to one at 2x (a laptop's own screen and a sharper one); the
# offscreen platform takes the screens from a file, so the window runs in a process of its own
SCREENS = {
    "screens": [
        {
            "name": "plain",
            "x": 0,
            "y": 0,
            "width": 1600,
            "height": 1000,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
        },
        {
            "name": "sharp",
            "x": 1600,
            "y": 0,
            "width": 1600,
            "height": 1000,
            "logicalDpi": 192,
            "logicalBaseDpi": 96,
        },
    ]
}
MOVED_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from annotator.core.store import Store
    from annotator.ui.main_window import MainWindow
    from tests.ui.readerutil import isolate_settings, painted_as_qt_paints
    from tests.ui.test_row_pixmap_view import rows_project

    app = QApplication([])
    folder = Path(sys.argv[1])
    isolate_settings(folder)
    QSettings().setValue("suggest/auto", False)
    window = MainWindow(Store.open(rows_project(folder)[0]), "mona")
    window.resize(1200, 800)
    window.show()

    def spin(until):
        deadline = time.monotonic() + 10
        while not until() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    spin(window.windowHandle().isExposed)
    views = [window.side_panel.spans_view, window.doc_list.view]
    for view in views:
        view.viewport().repaint()  # rows and cells kept at 1x
    before = [painted_as_qt_paints(view) for view in views]
    plain, sharp = app.screens()
    window.windowHandle().setScreen(sharp)  # the window manager moves it across
    window.move(sharp.geometry().topLeft())
    spin(lambda: window.devicePixelRatioF() == 2)
    app.processEvents()
    ratio = window.devicePixelRatioF()
    after = [painted_as_qt_paints(view) for view in views]
    print(json.dumps({"before": before, "ratio": ratio, "after": after}))
    """
)


def test_a_window_moved_to_a_sharper_screen_paints_its_rows_at_its_pixel_ratio(tmp_path: Path) -> None:
    """Rows kept at 1x are not drawn (scaled up, blurred) on a 2x screen: both tables show what
    Qt paints there."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(REPO))
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run(
        [sys.executable, "-c", MOVED_CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == [True, True] and seen["ratio"] == 2
    assert seen["after"] == [True, True]


def shown_as_qt_paints(view: RowPixmapView) -> bool:
    """Whether what the window shows of the view (its pixels on the screen, as the paints since the
    last action left them) and what the view's grab shows are both what Qt's own paint shows."""
    QApplication.processEvents()
    viewport, top = view.viewport(), view.window()
    at = viewport.mapTo(top, viewport.rect().topLeft())
    screen = top.windowHandle().screen()
    shown = screen.grabWindow(top.winId(), at.x(), at.y(), viewport.width(), viewport.height()).toImage()
    view.keep_pixels = False
    try:
        theirs = viewport.grab().toImage()
    finally:
        view.keep_pixels = True
    return same_pixels(shown, theirs) and painted_as_qt_paints(view)


def test_an_annotators_session_shows_what_qt_paints_after_every_action(window, qtbot) -> None:
    """Label, relabel, an attribute, a link made and deleted, suggestions accepted and rejected,
    undo and redo, keys and clicks in the table, the document marked done, another document
    opened and back, the list filtered and scrolled, a wider column, the theme and an Arabic
    (right-to-left) interface: after each, both tables show what Qt paints, on the screen too."""
    reader, panel, docs = window.reader, window.side_panel, window.doc_list
    view, model, session = panel.spans_view, panel.spans_model, window.session
    seen: list[str] = []

    def step(what: str) -> None:
        qtbot.wait(20)  # the row signals and repaints an action leaves queued
        for name, table in (("spans", view), ("documents", docs.view)):
            if not shown_as_qt_paints(table):
                seen.append(f"{name} after {what}")

    def key(widget, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(widget, k, modifier)

    with Store.open(window.store.path) as store:  # a second document to go to and back from
        store.add_documents([NewDocument("other", SENTENCE)])
    docs.model.reload()
    words, ctrl = window.words, Qt.KeyboardModifier.ControlModifier
    reader.select_text(words[1], words[1] + len(WORD))
    step("a selection")
    key(reader, "s")
    speaker = reader.selected_span_id
    step("a label key")
    start = window.session.doc.text.index("المحادثات", words[1])
    reader.select_text(start, start + len("المحادثات مع الجانب الآخر مستمرة"))
    key(reader, "q")
    quote = reader.selected_span_id
    step("a quote")
    if reader.proposal:
        key(reader, Qt.Key.Key_Escape)
    key(reader, "a")  # link it to a speaker: the speaker column of its row
    key(reader, Qt.Key.Key_Return)
    assert any(r.head == quote and r.tail == speaker for r in session.relations)
    step("a link")
    key(reader, "1")
    step("an attribute")
    panel.spanActivated.emit(speaker)
    key(reader, "p")  # the speaker relabelled
    step("a relabel")
    key(window, "z", ctrl)
    key(window, "z", ctrl)
    step("undo")
    key(window, "y", ctrl)
    step("redo")
    rel = next(r for r in session.relations if r.head == quote)
    session.delete_relation(rel.id)
    assert model.data(model.index(model.row_of(quote), model.SPEAKER)) == ""
    step("an unlink")
    window.suggest_now()
    assert session.suggestions()  # the project's memory: its other ORG words
    reader.setFocus()
    key(reader, Qt.Key.Key_Tab)
    key(reader, Qt.Key.Key_Return)  # accepted: its origin column
    step("a suggestion accepted")
    key(reader, "x")
    step("a suggestion rejected")
    view.setFocus()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(2, 1)).center()
    )
    for k in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_End):
        key(view, k)
        step(f"key {k.name} in the table")
    key(window, "d", ctrl)  # done: the status column of the list
    step("done")
    window.step_document(1)
    step("another document")
    window.step_document(-1)
    step("back")
    docs.search.setText("rows")
    docs.apply_filter()
    step("a filter")
    docs.search.setText("")
    docs.apply_filter()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    step("a scroll")
    view.horizontalHeader().resizeSection(model.ATTRS, 150)
    step("a wider column")
    key(window, "=", ctrl)
    step("a larger font")
    window.set_dark(True)
    window.set_language("ar")
    try:
        step("dark and Arabic")
        view.setFocus()
        key(view, Qt.Key.Key_Down)
        step("a key in Arabic")
    finally:
        window.set_language("en")
        window.set_dark(False)
    step("light and English")
    assert not seen


def test_rows_are_painted_ahead_in_short_slices_the_new_text_cell_first(window, qtbot, monkeypatch) -> None:
    """What idle time paints after a text selection is cut into slices (the event loop runs between
    them, a key is not kept waiting): the new row's text cell first, then the rows nearest where the
    span would go, until every row around it is kept."""
    panel, reader = window.side_panel, window.reader
    view, model = panel.spans_view, panel.spans_model
    monkeypatch.setattr(panel, "PREPARE_SLICE_S", 0.0)  # one piece a slice
    start = window.words[61]
    reader.select_text(start, start + len(WORD))  # far below the rows in view
    panel._prepare_timer.stop()
    extent = reader.label_extent()
    text_key = model.text_content(*extent)

    def kept_text() -> bool:
        return any(k[0] == model.TEXT and k[1] == text_key for k in view._cells._items)

    assert not kept_text()
    panel._prepare_rows()  # the first slice
    assert kept_text() and panel.preparing
    left = len(panel._prepare_todo)
    row = model.row_for(extent[0])
    assert left > 10 and panel._prepare_todo[:2] == [row - 1, row]  # the nearest rows next
    qtbot.waitUntil(lambda: not panel.preparing)
    assert panel._prepare_todo == []
