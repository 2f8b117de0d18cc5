"""Fixes from a full day in the window (issue 7, items 5 and 7), driven through its keys and mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui.context_delegate import CONTEXT_ROLE, fit_context
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.help_dialog import ShortcutsDialog
from annotator.ui.main_window import MainWindow
from tests.ui.readerutil import drag_phrase, isolate_settings

TEXTS = [
    'وقال وزير الخارجية التركي هاكان فيدان لقناة "CNN Turk" إن المحادثات مستمرة.',
    "أكدت مصادر في وزارة الدفاع أن الاجتماع عقد في باكو يوم 28 أبريل.",
]


@pytest.fixture
def project(tmp_path: Path, qapp) -> Path:
    isolate_settings(tmp_path)
    path = tmp_path / "news.annotator.db"
    store = Store.create(path)
    store.add_documents(NewDocument(f"news-{i}", t, {"title": f"خبر {i}"}) for i, t in enumerate(TEXTS))
    store.set_guidelines("اقتبس الكلام مع علامات التنصيص.")
    store.close()
    return path


def open_window(qtbot, path: Path) -> MainWindow:
    window = MainWindow(Store.open(path), "mona")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def ctrl(qtbot, window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier
    if shift:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or window, key, mods)


# ---------------------------------------------------------------- 5. File > New keeps the layout
def test_new_project_keeps_the_side_panels_and_the_guidelines(
    qtbot, project: Path, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(qtbot, project)
    assert window.guide_dock.isVisible()
    widths = (window.docs_dock.width(), window.panel_dock.width())
    fresh = tmp_path / "fresh.annotator.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    ctrl(qtbot, window, Qt.Key.Key_N)
    assert window.store.path == fresh
    assert abs(window.docs_dock.width() - widths[0]) <= 4 and abs(window.panel_dock.width() - widths[1]) <= 4
    assert not window.guide_dock.isVisible()  # the new project has no guidelines
    window.open_project(project)
    assert window.guide_dock.isVisible()  # ... this one has: shown again
    window.close()
    again = open_window(qtbot, project)  # and after a restart
    assert again.guide_dock.isVisible()
    assert abs(again.docs_dock.width() - widths[0]) <= 4 and abs(again.panel_dock.width() - widths[1]) <= 4


def test_closing_the_guidelines_is_remembered(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    window.act_guidelines.trigger()  # View > Guidelines: the annotator closes them
    assert not window.guide_dock.isVisible()
    window.close()
    again = open_window(qtbot, project)
    assert not again.guide_dock.isVisible()


# ---------------------------------------------------------------- 7. small things
def test_export_error_names_the_replace_box_not_a_command_line_flag(
    qtbot, project: Path, tmp_path: Path
) -> None:
    store = Store.open(project)
    dialog = ExportDialog(None, store, "mona")
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "all.jsonl"
    out.write_text("mine\n", encoding="utf-8")
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    shown = dialog.report_view.toPlainText()
    assert "--force" not in shown and "Replace an existing output" in shown and str(out) in shown
    assert out.read_text(encoding="utf-8") == "mine\n"
    store.close()


def test_ctrl_l_focuses_the_filter_box(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    window.reader.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_L)
    assert QApplication.focusWidget() is window.doc_list.search
    qtbot.keyClicks(window.doc_list.search, "news-1")
    qtbot.keyClick(window.doc_list.search, Qt.Key.Key_Return)  # the only match: opened, the words cleared
    assert window.session.doc.name == "news-1"
    assert window.doc_list.search.text() == "" and window.doc_list.model.rowCount() > 1


def test_the_shortcuts_sheet_shows_every_description_whole(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible()
    )
    table = dialog.table
    rows = sum(table.rowHeight(r) for r in range(table.rowCount())) + table.horizontalHeader().height()
    room = dialog.screen().availableGeometry().height()
    assert dialog.height() >= min(rows, 0.85 * room)  # as many rows as the screen allows, not a few
    fm = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)  # as a cell draws
    for row in range(table.rowCount()):
        for col in range(3):
            text = table.item(row, col).text()
            room = QRect(0, 0, table.columnWidth(col) - margin, 10_000)
            need = fm.boundingRect(room, Qt.TextFlag.TextWordWrap, text)
            assert need.height() <= table.rowHeight(row) and need.width() <= table.columnWidth(col), text


def test_undo_and_the_snapping_toggle_say_what_they_did(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    text = window.session.doc.text
    drag_phrase(qtbot, window.reader, text, "هاكان فيدان")
    qtbot.keyClick(window.reader, "p")
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert window.statusBar().currentMessage() == "Undone: Add PERS"
    ctrl(qtbot, window, Qt.Key.Key_Y)
    assert window.statusBar().currentMessage() == "Redone: Add PERS"
    ctrl(qtbot, window, Qt.Key.Key_W, shift=True)
    assert window.reader.snap is False and "snapping off" in window.statusBar().currentMessage()
    ctrl(qtbot, window, Qt.Key.Key_K, shift=True)
    assert "kept" in window.statusBar().currentMessage()


def test_label_bar_buttons_have_tooltips_with_their_key(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    tip = window.label_bar.buttons["QUOTE"].toolTip()
    assert "Q" in tip and "quotation marks" in tip
    assert "<script>" not in window.label_bar.tooltip_text(window.session.schema.label("CUE"))


# ---------------------------------------------------------------- 2. the attribute list hands keys back
def test_keys_reach_the_reader_after_an_attribute_is_chosen(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    text = window.session.doc.text
    drag_phrase(qtbot, window.reader, text, "إن المحادثات مستمرة")
    qtbot.keyClick(window.reader, "q")
    quote = window.session.span(window.reader.selected_span_id)
    assert quote is not None and quote.label == "QUOTE"
    panel = window.side_panel
    combo = panel.attr_combos["type"]
    qtbot.waitUntil(combo.isVisible)
    # the list is opened with the mouse; while it is open the arrow keys move in it
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    view = combo.view()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # the list ignores a release this soon after opening
    row = combo.findData("direct")
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert window.store.span(quote.id).attrs == {"type": "direct"}
    # the keys typed next are the reader's: m labels the selection MISC, it does not pick "mixed"
    assert QApplication.focusWidget() is window.reader
    window.reader.select_text(text.index("CNN Turk"), text.index("CNN Turk") + len("CNN Turk"))
    qtbot.keyClick(QApplication.focusWidget(), "m")
    assert window.store.span(quote.id).attrs == {"type": "direct"}
    assert ("MISC", "CNN Turk") in [(s.label, text[s.start : s.end]) for s in window.session.spans]
    # and chosen by keys alone (Tab into the list, arrows, Enter): the next key is the reader's too
    window.reader.select_span(quote.id)
    combo = panel.attr_combos["type"]
    qtbot.waitUntil(combo.isVisible)
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(combo, Qt.Key.Key_Space)  # opens the list
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert window.store.span(quote.id).attrs == {"type": "indirect"}
    assert QApplication.focusWidget() is window.reader
    window.reader.select_text(text.index("هاكان فيدان"), text.index("هاكان فيدان") + len("هاكان فيدان"))
    qtbot.keyClick(QApplication.focusWidget(), "p")
    assert window.store.span(quote.id).attrs == {"type": "indirect"}
    assert ("PERS", "هاكان فيدان") in [(s.label, text[s.start : s.end]) for s in window.session.spans]


# ---------------------------------------------------------------- 7. the side panel gives each span its context
def test_side_panel_rows_tell_the_same_words_apart(qtbot, tmp_path: Path, qapp) -> None:
    isolate_settings(tmp_path)
    QSettings().setValue("suggest/auto", False)
    text = (
        "وأكدت المصادر أن الجهود مستمرة.\n"
        "وأشارت المصادر إلى أن تركيا تدعم الحكومة.\n"
        "وقالت المصادر إن الاجتماع عقد في باكو."
    )
    path = tmp_path / "same.annotator.db"
    store = Store.create(path)
    store.add_documents([NewDocument("same", text)])
    store.close()
    window = open_window(qtbot, path)
    start = 0
    for _ in range(3):
        start = drag_phrase(qtbot, window.reader, text, "المصادر", start) + 1
        qtbot.keyClick(window.reader, "s")
    panel = window.side_panel
    model, view = panel.spans_model, panel.spans_view
    assert model.rowCount() == 3
    contexts = [model.data(model.index(r, 0), CONTEXT_ROLE) for r in range(3)]
    assert [c[1] for c in contexts] == ["المصادر"] * 3
    # the words before tell them apart (with the space that stands between them and the span)
    assert [c[0] for c in contexts] == ["وأكدت ", "وأشارت ", "وقالت "]
    assert contexts[1][2] == " إلى أن تركيا تدعم الحكومة."
    # the tool tip is the sentence, the span in bold, shown literally
    tip = model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole)
    assert "وقالت <b>المصادر</b> إن الاجتماع عقد في باكو." in tip
    # the words are as large as in the reader, and the column has room for them
    text_font = model.data(model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert text_font.pointSize() == window.reader.font().pointSize()
    assert model.data(model.index(0, 1), Qt.ItemDataRole.FontRole) is None  # label names keep the table's
    assert view.columnWidth(0) >= 180
    fm = QFontMetrics(text_font)
    assert view.rowHeight(0) >= fm.height()
    # what a narrow column keeps: the words nearest the span, whole or elided at their far ends
    before, after = fit_context(fm, "وأشارت", "إلى أن تركيا تدعم الحكومة.", 3 * fm.horizontalAdvance("تركيا"))
    marks = "….\u200d"  # Qt's ellipsis (in some fonts three dots joined to the letter)
    assert "وأشارت".endswith(before.lstrip(marks))  # the end nearest the span is what stays
    assert after.startswith("إلى") and after.rstrip(marks) != after
    # the reader's text size follows into the panel
    size = window.reader.font().pointSize()
    window.change_font_size(+2)
    assert window.reader.font().pointSize() == size + 2
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).pointSize() == size + 2


def test_the_shortcuts_sheet_names_undo_and_redo_not_the_last_edit(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    window.reader.setFocus()
    drag_phrase(qtbot, window.reader, TEXTS[0], "هاكان فيدان")
    qtbot.keyClick(window.reader, "p")
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    ctrl(qtbot, window, Qt.Key.Key_Z)  # Undo and Redo now name edits in the Edit menu
    assert window.act_undo.text() != window.tr("&Undo") and window.act_redo.text() != window.tr("&Redo")
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible()
    )
    table = dialog.table
    does = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert does["Ctrl+Z"] == "Undo"  # what the key does, always; not "Undo Add PERS"
    assert does["Ctrl+Shift+Z, Ctrl+Y"] == "Redo"


def test_undo_and_redo_bring_the_edit_into_view(qtbot, tmp_path: Path) -> None:
    isolate_settings(tmp_path)
    text = "\n".join(f"{TEXTS[i % 2]} ({i})" for i in range(80))  # many screens long
    path = tmp_path / "long.annotator.db"
    store = Store.create(path)
    store.add_documents([NewDocument("long", text)])
    store.close()
    window = open_window(qtbot, path)
    reader = window.reader
    reader.setFocus()
    drag_phrase(qtbot, reader, text, "هاكان فيدان")
    qtbot.keyClick(reader, "p")
    (span,) = mine = [s for s in window.session.spans if not s.suggested]
    ctrl(qtbot, window, Qt.Key.Key_End)  # read on to the end: the span is far above

    def on_screen(cp: int) -> bool:
        c = reader.textCursor()
        c.setPosition(reader.to_u16(cp))
        return reader.viewport().rect().intersects(reader.cursorRect(c))

    assert not on_screen(span.start)
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert window.session.span(span.id) is None and on_screen(span.start)  # the annotator sees what went
    ctrl(qtbot, window, Qt.Key.Key_End)
    ctrl(qtbot, window, Qt.Key.Key_Z, shift=True)
    assert window.session.span(span.id) == mine[0] and on_screen(span.start)
    bar = reader.verticalScrollBar().value()
    ctrl(qtbot, window, Qt.Key.Key_Z)  # in view already: the view stays where it is
    assert reader.verticalScrollBar().value() == bar


def test_tab_from_the_filter_box_reaches_the_document_list(qtbot, project: Path) -> None:
    window = open_window(qtbot, project)
    window.reader.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_L)
    qtbot.keyClicks(window.doc_list.search, "news")  # several match (one would open at Enter)
    qtbot.keyClick(window.doc_list.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.doc_list.search, Qt.Key.Key_Tab)
    view = window.doc_list.view
    assert QApplication.focusWidget() is view  # the list, not the status filter beside the box
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.session.doc.name == "news-1" and QApplication.focusWidget() is window.reader
