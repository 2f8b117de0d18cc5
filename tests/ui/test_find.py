"""The find bar: Arabic-folded search, highlighted matches, Enter to jump, label the found phrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument
from annotator.ui.find_bar import FindBar
from tests.ui.readerutil import format_at, make_reader

TEXT = "وأكّد الوزير أن الاجتماع مهم، ثم أكــد السفير ذلك، وقال المتحدث: اكد الجميع 😀 أَكَّدَ."


def type_text(widget, text: str) -> None:
    """Type non-Latin text key by key (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def make(qtbot, tmp_path: Path):
    reader, session, store = make_reader(qtbot, tmp_path, TEXT)
    bar = FindBar(reader, session)
    qtbot.addWidget(bar)
    bar.show()
    return reader, session, store, bar


def test_folded_search_counts_and_highlights(qtbot, tmp_path: Path) -> None:
    reader, session, _, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "اكد")
    found = [TEXT[a:b] for a, b in bar.matches]
    assert found == ["أكّد", "أكــد", "اكد", "أَكَّدَ"]  # shadda, tatweel, alef forms, full tashkeel
    assert bar.count.text() == "4 found"
    a, _ = bar.matches[1]
    assert format_at(reader, a) is not None  # drawn by the highlighter


def test_enter_jumps_and_a_label_key_labels_the_found_phrase(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "اكد")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 4"
    assert reader.selection_cp() == bar.matches[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 4" and reader.selection_cp() == bar.matches[0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert reader.selection_cp() == bar.matches[1]  # the match stays selected in the reader
    qtbot.keyClick(reader, "c")
    spans = store.spans(session.doc_id)
    assert [(TEXT[s.start:s.end], s.label) for s in spans] == [("أكــد", "CUE")]
    assert format_at(reader, bar.matches[3][0]) is None  # match highlights gone with the bar


def test_exact_match_inside_a_word_is_labelled_as_found(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "أكد")
    bar.jump()
    assert TEXT[slice(*reader.selection_cp())] == "أكّد"  # inside "وأكّد": the clitic is not in the match
    qtbot.keyClick(reader, "c")
    assert [TEXT[s.start:s.end] for s in store.spans(session.doc_id)] == ["أكّد"]


def test_no_match_and_new_document(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "غير موجود")
    assert bar.matches == [] and bar.count.text() == "No matches"
    with qtbot.waitSignal(reader.message):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    bar.edit.setText("الوزير")
    assert len(bar.matches) == 1
    other = store.add_documents([NewDocument("b", "الوزير والوزير")]).ids[0]
    session.open_document(other)
    assert [(a, b) for a, b in bar.matches] == [(0, 6), (8, 14)]
