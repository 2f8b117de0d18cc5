"""What the window shows about where the annotator is: the open document highlighted in the list
however it was opened, what the status bar says when the document changes or a view toggle is
pressed, the suggestions a document marked done leaves pending, and mixed Latin and Arabic laid out
in the interface's direction. Driven by real keys, in English and in Arabic (right to left)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.bidi import LRI, PDI, RLM, directed, isolated_keys, unmarked
from annotator.ui.main_window import MainWindow
from annotator.ui.title_label import TitleLabel

TEXTS = [
    'وقال وزير الخارجية التركي هاكان فيدان لقناة "CNN Turk" إن المحادثات مستمرة.',
    "أكدت مصادر في وزارة الدفاع أن الاجتماع عقد في باكو يوم 28 أبريل.",
    "وأشار المتحدث إلى أن «الهدف هو خفض التصعيد» في سوريا.",
    "نشرة الطقس: سماء صافية على معظم المناطق.",
]
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    QSettings().setValue("suggest/auto", False)
    yield
    i18n.apply_language("en")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "news.annotator.db"
    store = Store.create(path)
    store.add_documents(
        NewDocument(name, t, {"title": f"خبر {i}"})
        for i, (name, t) in enumerate(zip(["news-0", "news-1", "news-2", "weather"], TEXTS, strict=True))
    )
    store.close()
    return path


def make_window(qtbot, path: Path, language: str = "en") -> MainWindow:
    window = MainWindow(Store.open(path), "mona")
    window.session._poll.stop()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.set_language(language)
    window.reader.setFocus()
    return window


def highlighted(window: MainWindow) -> list[str]:
    """The names of the document list's selected rows, each checked to be on screen."""
    view, model = window.doc_list.view, window.doc_list.model
    names = []
    for index in view.selectionModel().selectedRows():
        assert view.viewport().rect().intersects(view.visualRect(index))
        names.append(model.info(index.row()).name)
    return names


def message(window: MainWindow) -> str:
    return unmarked(window.statusBar().currentMessage())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_open_document_stays_highlighted_however_it_was_opened(qtbot, project_path, language) -> None:
    window = make_window(qtbot, project_path, language)
    reader = window.reader
    assert highlighted(window) == ["news-0"]
    qtbot.keyClick(reader, Qt.Key.Key_Return, CTRL)  # done and next
    assert window.session.doc.name == "news-1" and highlighted(window) == ["news-1"]
    qtbot.keyClick(reader, Qt.Key.Key_Down, ALT)  # next document
    assert window.session.doc.name == "news-2" and highlighted(window) == ["news-2"]
    qtbot.keyClick(reader, Qt.Key.Key_Up, ALT)
    assert window.session.doc.name == "news-1" and highlighted(window) == ["news-1"]
    # from the filter box: several match, Tab to the list, Down, Enter
    qtbot.keyClick(reader, Qt.Key.Key_L, CTRL)
    search = window.doc_list.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "news")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.doc_list.model.rowCount() == 3
    assert highlighted(window) == ["news-1"]  # the filter changed, the open document's row is kept
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    view = window.doc_list.view
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.session.doc.name == "news-2" and highlighted(window) == ["news-2"]
    assert reader.hasFocus()
    # a filter that leaves the open document out selects nothing; the row comes back with it
    qtbot.keyClick(reader, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(search, "weath")
    window.doc_list.apply_filter()
    assert highlighted(window) == []
    search.clear()
    window.doc_list.apply_filter()
    assert highlighted(window) == ["news-2"]


def test_enter_in_the_filter_box_opens_the_only_match(qtbot, project_path) -> None:
    window = make_window(qtbot, project_path)
    search = window.doc_list.search
    qtbot.keyClick(window.reader, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(search, "news")
    qtbot.keyClick(search, Qt.Key.Key_Return)  # three match: the list is filtered, nothing opened
    assert window.doc_list.model.rowCount() == 3
    assert window.session.doc.name == "news-0" and search.hasFocus()
    search.selectAll()
    qtbot.keyClicks(search, "weath")
    qtbot.keyClick(search, Qt.Key.Key_Return)  # one matches: it opens, ready to annotate
    assert window.session.doc.name == "weather"
    assert window.reader.hasFocus() and highlighted(window) == ["weather"]
    # a jump by name: the words typed are cleared, the list shows every document again, and the next
    # and previous documents are those around it
    assert search.text() == "" and window.doc_list.model.rowCount() == 4
    qtbot.keyClick(window.reader, Qt.Key.Key_Up, ALT)
    assert window.session.doc.name == "news-2" and highlighted(window) == ["news-2"]


def test_a_message_about_the_document_before_goes_when_another_opens(qtbot, project_path) -> None:
    window = make_window(qtbot, project_path)
    text = window.session.doc.text
    start = text.index("فيدان")
    window.reader.select_text(start, start + len("فيدان"))
    qtbot.keyClick(window.reader, "p")
    assert message(window).startswith("PERS")
    qtbot.keyClick(window.reader, Qt.Key.Key_Down, ALT)
    assert window.session.doc.name == "news-1"
    assert message(window) == ""
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, CTRL)  # says what it did instead
    assert message(window) == "Marked news-1 done · opened news-2"
    model = window.doc_list.model
    for row in (0, 2):  # every other document done
        window.store.set_status(model.doc_id(row), "mona", Status.DONE)
    window.open_document(model.doc_id(3))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, CTRL)  # nothing left to open
    assert message(window) == "Marked weather done · All documents are done."


def test_done_with_pending_suggestions_says_how_many_are_left_out(qtbot, project_path) -> None:
    QSettings().setValue("suggest/auto", True)
    window = make_window(qtbot, project_path)
    pending = len(window.session.suggestions())
    assert pending > 1
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, CTRL)
    said = message(window)
    assert said.startswith(f"Marked news-0 done · {pending} suggestions still pending, not exported")
    assert "opened news-1" in said
    assert window.store.status(window.doc_list.model.doc_id(0), "mona") == Status.DONE  # not refused
    # Ctrl+D says it too; one pending is said in the singular
    while len(window.session.suggestions()) > 1:
        qtbot.keyClick(window.reader, Qt.Key.Key_X)  # rejects the suggestion and moves to the next
    assert len(window.session.suggestions()) == 1
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    assert message(window) == "Marked news-1 done · 1 suggestion still pending, not exported"
    qtbot.keyClick(window.reader, Qt.Key.Key_X)
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    assert message(window) == "Marked news-1 done"


@pytest.mark.parametrize(
    ("language", "dark", "light"),
    [("en", "Dark theme", "Light theme"), ("ar", "المظهر الداكن", "المظهر الفاتح")],
)
def test_the_dark_theme_toggle_says_so(qtbot, project_path, language, dark, light) -> None:
    window = make_window(qtbot, project_path, language)
    start = window.dark
    qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL | SHIFT)
    assert window.dark is not start and message(window) == (dark if window.dark else light)
    qtbot.keyClick(window.reader, Qt.Key.Key_L, CTRL | SHIFT)  # show all links says so as well
    assert message(window) == (
        "Every link of the lines in view is drawn" if language == "en" else "تُرسم كل روابط الأسطر الظاهرة"
    )
    qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL | SHIFT)
    assert window.dark is start and message(window) == (dark if window.dark else light)


def test_messages_take_the_interface_direction_with_latin_pieces_isolated() -> None:
    said = "PERS «فيدان» · type indirect (1–3 to change) · Ctrl++"
    rtl = directed(said, rtl=True)
    assert rtl.startswith(RLM + LRI + "PERS" + PDI)
    assert f"{LRI}type indirect{PDI}" in rtl and f"{LRI}Ctrl++{PDI}" in rtl
    assert unmarked(rtl) == said  # only marks are added
    # a bracket pair stays whole inside a piece or outside it; a reason quoted in English is one piece
    assert (
        directed("«x» (type indirect) y", rtl=True)
        == f"{RLM}«{LRI}x{PDI}» ({LRI}type indirect{PDI}) {LRI}y{PDI}"
    )
    reason = "مرفوض: span [5, 3) is outside the text (length 31) or empty"
    assert directed(reason, rtl=True) == f"مرفوض: {LRI}{reason[7:]}{PDI}"
    assert directed("Marked news-0 done", rtl=False) == "Marked news-0 done"
    assert directed("«فيدان» linked", rtl=False) == "\u200e«فيدان» linked"
    assert isolated_keys("Ctrl+=, Ctrl++") == f"{LRI}Ctrl+={PDI}, {LRI}Ctrl++{PDI}"
    assert isolated_keys("سحب") == "سحب"


def test_status_bar_and_shortcuts_sheet_in_arabic(qtbot, project_path) -> None:
    window = make_window(qtbot, project_path, "ar")
    text = window.session.doc.text
    start = text.index("فيدان")
    window.reader.select_text(start, start + len("فيدان"))
    qtbot.keyClick(window.reader, "p")
    said = window.statusBar().currentMessage()
    assert said.startswith(RLM + LRI + "PERS" + PDI)  # laid out right to left, the label name isolated
    sheet = window.shortcuts_dialog()
    qtbot.addWidget(sheet)
    table = sheet.table
    keys = {table.item(r, 2).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    bigger = next(k for d, k in keys.items() if "Ctrl++" in k)
    assert bigger == f"{LRI}Ctrl+={PDI}, {LRI}Ctrl++{PDI}"
    assert any(k == f"{LRI}Ctrl+-{PDI}" for k in keys.values())


def ink_columns(image: QImage, background: QColor) -> tuple[int, int]:
    """The first and last pixel columns that differ from the background."""
    xs = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    assert xs
    return xs[0], xs[-1]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_side_panel_detail_line_starts_at_the_interface_leading_edge(
    qtbot, project_path, language
) -> None:
    window = make_window(qtbot, project_path, language)
    text = window.session.doc.text
    start = text.index("وقال") + 1
    window.reader.select_text(start, start + len("قال"))
    qtbot.keyClick(window.reader, "c")
    title: TitleLabel = window.side_panel.attr_title
    assert title.text().startswith("CUE")
    QApplication.processEvents()
    image = title.grab().toImage()
    first, last = ink_columns(image, title.palette().color(title.backgroundRole()))
    if language == "ar":  # "CUE: بلا سمات" from the right, as the panel around it
        assert image.width() - last < 12 and first > image.width() // 3
    else:
        assert first < 12 and last < image.width() * 2 // 3


def test_the_list_selection_after_a_row_is_clicked_and_nothing_else_selected(qtbot, project_path) -> None:
    """A click opens the row's document and leaves that one row selected (right to left too)."""
    window = make_window(qtbot, project_path, "ar")
    view, model = window.doc_list.view, window.doc_list.model
    rect = view.visualRect(model.index(2, model.TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.doc.name == "news-2" and highlighted(window) == ["news-2"]
    assert view.selectionModel().isRowSelected(2, QModelIndex())


def test_marking_a_document_in_progress_and_deleting_a_span_say_so_and_undo_selects_it_again(
    qtbot, project_path
) -> None:
    window = make_window(qtbot, project_path)
    reader, session = window.reader, window.session
    qtbot.keyClick(reader, Qt.Key.Key_D, CTRL)
    assert message(window) == "Marked news-0 done"
    qtbot.keyClick(reader, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert message(window) == "Marked news-0 in progress"  # was left saying "done"
    assert window.store.status(session.doc_id, "mona") == Status.IN_PROGRESS
    text = session.doc.text
    word = next(w for w in text.split() if len(w) > 3)
    i = text.index(word)
    reader.select_text(i, i + len(word))
    qtbot.keyClick(reader, Qt.Key.Key_O)
    span = next(s for s in session.spans if s.label == "ORG")
    reader.select_span(span.id)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert session.span(span.id) is None
    assert message(window) == f"Deleted ORG «{text[span.start : span.end]}»"
    qtbot.keyClick(reader, Qt.Key.Key_Z, CTRL)
    assert reader.selected_span_id == span.id  # the span back, and selected: the next key acts on it
    qtbot.keyClick(reader, Qt.Key.Key_P)  # relabel it
    assert session.span(span.id).label == "PERS"
