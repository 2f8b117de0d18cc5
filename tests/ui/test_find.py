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


def make(qtbot, tmp_path: Path, text: str = TEXT):
    reader, session, store = make_reader(qtbot, tmp_path, text)
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
    qtbot.mouseClick(bar.words_button, Qt.MouseButton.LeftButton)  # inside words too
    assert not bar.whole_words.isChecked()
    found = {}
    for query in FOLD_QUERIES:
        bar.edit.setText(query)
        assert bar.matches == find_folded(FOLD_TEXT, query), query
        found[query] = [FOLD_TEXT[a:b] for a, b in bar.matches]
    qtbot.mouseClick(bar.words_button, Qt.MouseButton.LeftButton)  # whole words: the same as the core's
    for query in FOLD_QUERIES:
        bar.edit.setText(query)
        assert bar.matches == find_folded(FOLD_TEXT, query, whole_words=True, words=session.words), query
        assert len(bar.matches) + bar.inside_words == len(found[query])
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


def test_after_ctrl_f_a_key_types_a_new_query_instead_of_labelling(qtbot, tmp_path: Path) -> None:
    # Enter selects a match and a label key labels it; Ctrl+F again selects the query to replace it,
    # so the next key is typed, also the Arabic letter on a label key («م» is on L) or a Latin one
    reader, session, store, bar = make(qtbot, tmp_path)
    bar.show_and_focus()
    type_text(bar.edit, "اكد")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert reader.selection_cp() == bar.matches[0]
    bar.show_and_focus()  # what the window's Ctrl+F does
    type_text(bar.edit, "م")
    assert bar.edit.text() == "م" and store.spans(session.doc_id) == []
    bar.edit.clear()
    type_text(bar.edit, "الوزير")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    bar.show_and_focus()
    qtbot.keyClick(bar.edit, "l")
    assert bar.edit.text() == "l" and store.spans(session.doc_id) == []
    bar.edit.clear()
    type_text(bar.edit, "الوزير")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # a jump arms the label keys again
    type_text(bar.edit, "م")
    assert [(TEXT[s.start : s.end], s.label) for s in store.spans(session.doc_id)] == [("الوزير", "LOC")]


# ------------------------------------------------------------------ whole words
WORDS_TEXT = "زار الوزير مصر وتركيا، وبحث مصروفات الشركة في مصر، ثم عاد من تركيا."


def test_whole_words_skips_a_match_inside_a_word_and_says_so(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path, WORDS_TEXT)
    bar.show_and_focus()
    assert bar.words_button.isChecked()  # on unless the annotator turns it off
    type_text(bar.edit, "مصر")
    assert [WORDS_TEXT[a:b] for a, b in bar.matches] == ["مصر", "مصر"]
    assert bar.count.text() == "2 found · 1 inside words"  # the counter names what it leaves out
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, "l")  # LOC on the first مصر
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2 · 1 inside words"
    qtbot.keyClick(bar.edit, "l")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # round to the first again: مصروفات is never reached
    assert bar.count.text() == "1 of 2 · 1 inside words"
    spans = store.spans(session.doc_id)
    assert [(s.start, s.end, s.label) for s in spans] == [(*m, "LOC") for m in bar.matches]
    assert all(WORDS_TEXT[s.start : s.end] == "مصر" for s in spans)
    inside = WORDS_TEXT.index("مصروفات")
    assert format_at(reader, inside) is None  # not highlighted as a match
    # turned off (a click on the toggle): the three letters inside are found
    qtbot.mouseClick(bar.words_button, Qt.MouseButton.LeftButton)
    assert not bar.whole_words.isChecked()
    assert (inside, inside + 3) in bar.matches and bar.count.text() == "3 found"


def test_whole_words_finds_a_word_after_its_proclitic_and_labels_it_without(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path, WORDS_TEXT)
    bar.show_and_focus()
    type_text(bar.edit, "تركيا")
    assert bar.count.text() == "2 found"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, "g")  # GPE
    (span,) = store.spans(session.doc_id)
    assert WORDS_TEXT[span.start : span.end] == "تركيا" and WORDS_TEXT[span.start - 1] == "و"


def test_no_whole_word_match_counts_those_inside_words(qtbot, tmp_path: Path) -> None:
    reader, session, store, bar = make(qtbot, tmp_path, WORDS_TEXT)
    bar.show_and_focus()
    type_text(bar.edit, "مصروف")
    assert bar.matches == [] and bar.count.text() == "No whole words · 1 inside words"
    with qtbot.waitSignal(reader.message) as said:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert "1 inside words" in said.args[0]
    qtbot.keyClick(bar.edit, "l")  # nothing was jumped to: the key types into the field
    assert store.spans(session.doc_id) == [] and bar.edit.text() == "مصروفl"


def test_window_key_toggles_whole_words_remembered_and_listed(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from annotator.core.store import Store
    from annotator.ui.help_dialog import shortcut_rows
    from annotator.ui.main_window import MainWindow
    from tests.ui.readerutil import isolate_settings

    isolate_settings(tmp_path)
    QSettings().setValue("suggest/auto", False)
    path = tmp_path / "p.annotator.db"
    Store.create(path).add_documents([NewDocument("a", WORDS_TEXT)])

    def open_window() -> MainWindow:
        window = MainWindow(Store.open(path), "mona")
        window.session._poll.stop()
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    window = open_window()
    bar = window.find_bar
    assert window.act_whole_words.isChecked() and bar.words_button.isChecked()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(bar.edit, "مصر")
    assert len(bar.matches) == 2
    qtbot.keyClick(bar.edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # the window's key, in the field
    assert not window.act_whole_words.isChecked() and not bar.words_button.isChecked()
    assert len(bar.matches) == 3 and bar.count.text() == "3 found"
    assert bar.edit.text() == "مصر"  # the key typed nothing
    assert "Alt+W" in bar.words_button.toolTip()
    rows = shortcut_rows(window.shortcut_actions(), window.reader.keymap())
    assert ("Edit", "Alt+W", "Find whole words only") in rows
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.act_whole_words in edit_menu.actions()
    window.close()
    window = open_window()  # remembered
    assert not window.act_whole_words.isChecked() and not window.find_bar.words_button.isChecked()
    qtbot.keyClick(window.reader, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # from the reader too
    assert window.act_whole_words.isChecked()
    assert QSettings().value("find/wholeWords") in (True, "true")
    window.close()
