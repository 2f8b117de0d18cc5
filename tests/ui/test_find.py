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
    assert [(TEXT[s.start : s.end], s.label) for s in spans] == [("أكــد", "CUE")]
    assert format_at(reader, bar.matches[3][0]) is None  # match highlights gone with the bar


def test_exact_match_inside_a_word_is_labelled_as_found(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "أكد")
    bar.jump()
    assert TEXT[slice(*reader.selection_cp())] == "أكّد"  # inside "وأكّد": the clitic is not in the match
    qtbot.keyClick(reader, "c")
    assert [TEXT[s.start : s.end] for s in store.spans(session.doc_id)] == ["أكّد"]


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


FOLD_TEXT = (
    "قَالَ المتحدثـــة باسم الوزارة إنّ الاجتماع مستشفى الى إلى آلة، وقال المتحدثه: "
    "«أكّد الوزيرُ» CNN cnn Straße STRASSE 😀 ـ"
)
FOLD_QUERIES = [
    "قال",
    "قَال",
    "المتحدثة",
    "المتحدثه",
    "متحدثــة",
    "اكد",
    "أكد",
    "ان",
    "إن",
    "مستشفي",
    "الى",
    "الي",
    "اله",
    "آلة",
    "cnn",
    "CNN",
    "strasse",
    "ss",
    "ß",
    "الوزير",
    "ُ",
    "ـ",
    "😀",
    "ه",
    "a",
]


def test_find_bar_matches_equal_core_find_folded(qtbot, tmp_path: Path) -> None:
    from annotator.core.text import find_folded

    reader, session, _ = make_reader(qtbot, tmp_path, FOLD_TEXT)
    bar = FindBar(reader, session)
    qtbot.addWidget(bar)
    bar.show_and_focus()
    found = {}
    for query in FOLD_QUERIES:
        bar.edit.setText(query)
        assert bar.matches == find_folded(FOLD_TEXT, query), query
        found[query] = [FOLD_TEXT[a:b] for a, b in bar.matches]
    assert found["المتحدثه"] == ["المتحدثـــة", "المتحدثه"]  # tatweel, ة/ه
    assert found["قال"] == ["قَالَ", "قال"]  # the end takes the last letter's marks
    assert found["الي"] == ["الى", "إلى"] and found["strasse"] == ["Straße", "STRASSE"]
    assert found["ُ"] == [] and found["ـ"] == []  # only ignorable: nothing to look for


def test_document_is_folded_once_not_per_keystroke(qtbot, tmp_path: Path, monkeypatch) -> None:
    from annotator.core import text as textlib

    reader, session, store, bar = make(qtbot, tmp_path)
    other = store.add_documents([NewDocument("b", "أكد الوزير أن اكد")]).ids[0]
    first = session.doc_id
    texts = {TEXT, "أكد الوزير أن اكد"}
    folded: list[str] = []
    real_fold = textlib.fold

    def counting_fold(text: str):
        if text in texts:
            folded.append(text)
        return real_fold(text)

    monkeypatch.setattr(textlib, "fold", counting_fold)
    bar.show_and_focus()
    type_text(bar.edit, "اكد")
    assert len(bar.matches) == 4
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    type_text(bar.edit, "د الوزير")
    assert [TEXT[a:b] for a, b in bar.matches] == ["أكّد الوزير"]
    assert folded == [TEXT]  # three letters, a backspace and eight more keys: folded once
    session.open_document(other)  # a new document is folded (once) at its first search
    assert [(a, b) for a, b in bar.matches] == [(0, 10)]
    bar.edit.setText("اكد")
    assert len(bar.matches) == 2
    assert folded == [TEXT, "أكد الوزير أن اكد"]
    session.open_document(first)
    assert len(bar.matches) == 4
    assert folded == [TEXT, "أكد الوزير أن اكد", TEXT]


def test_jumping_to_the_next_match_leaves_the_span_labelled_before(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "اكد")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, "c")  # labels the first match: that CUE is selected
    (cue,) = store.spans(session.doc_id)
    assert reader.selected_span_id == cue.id
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # on to the second match
    assert reader.selection_cp() == bar.matches[1] and reader.selected_span_id is None
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)  # at the second match: the first CUE is not deleted
    assert store.spans(session.doc_id) == [cue]
