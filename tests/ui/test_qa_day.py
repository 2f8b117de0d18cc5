"""Bugs found by using the window for a day (QA pass): each test drives the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.readerutil import drag, drag_phrase, make_reader

QUOTED = 'وذكرت قناة "NTV" التركية أن وفودًا فنية من تركيا وصلت، وقال «لن نتراجع» أمس، وأضاف “سنرد” اليوم.'


@pytest.mark.parametrize("phrase", ['"NTV"', "«لن نتراجع»", "“سنرد”"])
def test_drag_over_quoted_phrase_keeps_both_quotation_marks(qtbot, tmp_path: Path, phrase: str) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, QUOTED)
    start = drag_phrase(qtbot, reader, QUOTED, phrase)
    qtbot.keyClick(reader, "q")
    assert [QUOTED[s.start : s.end] for s in session.spans] == [phrase]
    assert session.spans[0].start == start


@pytest.mark.parametrize(("first", "last"), [(1, 0), (0, 2), (2, 0), (1, 2)])
def test_drag_inside_latin_word_between_quotes_gives_the_word(
    qtbot, tmp_path: Path, first: int, last: int
) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, QUOTED)
    i = QUOTED.index("NTV")
    drag(qtbot, reader, i + first, i + last, whole=True)
    qtbot.keyClick(reader, "o")
    assert [QUOTED[s.start : s.end] for s in session.spans] == ["NTV"]


@pytest.mark.parametrize("gap", [1, 3, 5])
def test_drag_to_just_past_latin_word_in_quotes_gives_no_lone_quote(qtbot, tmp_path: Path, gap: int) -> None:
    """Releasing in the few pixels between the closing quotation mark and the word (a bidi run edge)
    must not leave one quotation mark in the span."""
    from PySide6.QtCore import QPoint, Qt

    from tests.ui.readerutil import char_box, char_point

    reader, session, _ = make_reader(qtbot, tmp_path, QUOTED)
    i = QUOTED.index("NTV")
    p1 = char_point(reader, i + 1)
    left, _right, y = char_box(reader, i)
    p2 = QPoint(left - gap, y)
    vp = reader.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(vp, pos=QPoint((p1.x() + p2.x()) // 2, y))
    qtbot.mouseMove(vp, pos=p2)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p2)
    qtbot.keyClick(reader, "o")
    texts = [QUOTED[s.start : s.end] for s in session.spans]
    assert texts in (["NTV"], ['"NTV"']), texts


def test_first_piece_of_a_split_quote_keeps_its_opening_mark(qtbot, tmp_path: Path) -> None:
    text = "وقال «نحن مستعدون، قال الوزير، للتفاوض» أمس"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, "«نحن مستعدون")
    qtbot.keyClick(reader, "q")
    assert [text[s.start : s.end] for s in session.spans] == ["«نحن مستعدون"]


@pytest.mark.parametrize("marks", ['""', "«»", "« »"])
def test_a_drag_over_quotation_marks_only_labels_nothing(qtbot, tmp_path: Path, marks: str) -> None:
    text = f"وقال الوزير {marks} ثم سكت طويلا"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, marks)
    qtbot.keyClick(reader, "q")
    assert session.spans == []


# ---------------------------------------------------------------- the window: focus after clicks
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import NewDocument  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

TEXTS = [
    'وقال وزير الخارجية التركي هاكان فيدان لقناة "CNN Turk" إن المحادثات مستمرة.',
    "أكدت مصادر في وزارة الدفاع أن الاجتماع عقد في باكو يوم 28 أبريل.",
    "وأشار المتحدث إلى أن «الهدف هو خفض التصعيد» في سوريا.",
]


@pytest.fixture
def window(qtbot, tmp_path: Path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    QSettings().setValue(
        "suggest/auto", False
    )  # these tests start from empty layers (suggestions: test_suggest_window.py)
    path = tmp_path / "news.annotator.db"
    store = Store.create(path)
    store.add_documents(NewDocument(f"news-{i}", t, {"title": f"خبر {i}"}) for i, t in enumerate(TEXTS))
    store.close()
    w = MainWindow(Store.open(path), "qa")
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def _label(qtbot, w: MainWindow, phrase: str, key: str):
    text = w.session.doc.text
    start = text.index(phrase)
    w.reader.select_text(start, start + len(phrase))
    qtbot.keyClick(w.reader, key)


def _click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_keys_reach_the_reader_after_clicking_a_span_row(qtbot, window: MainWindow) -> None:
    _label(qtbot, window, "هاكان فيدان", "s")
    _label(qtbot, window, "المحادثات مستمرة", "q")
    quote = next(s for s in window.session.spans if s.label == "QUOTE")
    row = window.side_panel.spans_model.row_of(quote.id)
    _click_row(qtbot, window.side_panel.spans_view, row)
    assert window.reader.selected_span_id == quote.id
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, "2")  # the key goes wherever the focus is, as on a real keyboard
    assert window.session.span(quote.id).attrs == {"type": "indirect"}
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert window.session.span(quote.id) is None


def test_keys_reach_the_reader_after_clicking_a_document(qtbot, window: MainWindow) -> None:
    _label(qtbot, window, "هاكان فيدان", "s")
    view = window.doc_list.view
    _click_row(qtbot, view, 1)
    assert window.session.doc.name == "news-1"
    _click_row(qtbot, view, 0)
    assert window.session.doc.name == "news-0"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Tab selects the first span
    assert window.reader.selected_span_id == window.session.spans[0].id
    qtbot.keyClick(QApplication.focusWidget(), "p")  # and a label key relabels it
    assert window.session.spans[0].label == "PERS"


# ---------------------------------------------------------------- status follows every kind of edit
@pytest.mark.parametrize("edit", ["relabel", "attrs", "delete", "accept", "link"])
def test_any_edit_of_a_new_document_marks_it_in_progress(qtbot, tmp_path: Path, edit: str) -> None:
    """Pre-annotated documents are worked on by relabelling, deleting, accepting and linking."""
    from annotator.core.model import NewSpan, Origin, Status
    from annotator.ui.session import Session

    text = "قال المتحدث إن «الوضع مستقر» أمس"
    store = Store.create(tmp_path / "p.annotator.db")
    q0, q1 = text.index("«"), text.index("»") + 1
    doc_id = store.add_documents(
        [
            NewDocument(
                "d",
                text,
                spans=[
                    NewSpan(4, 11, "SPEAKER", annotator="qa", origin=Origin.SUGGESTED),
                    NewSpan(q0, q1, "QUOTE", annotator="qa", origin=Origin.SUGGESTED),
                ],
            )
        ]
    ).ids[0]
    session = Session(store, "qa")
    session.open_document(doc_id)
    assert session.status() == Status.NEW
    speaker, quote = session.spans
    if edit == "relabel":
        session.set_label(speaker.id, "PERS")
    elif edit == "attrs":
        session.set_attrs(quote.id, {"type": "direct"})
    elif edit == "delete":
        session.delete_span(speaker.id)
    elif edit == "accept":
        session.accept(quote.id)
    else:
        session.add_relation("ATTRIBUTED_TO", quote.id, speaker.id)
    assert session.status() == Status.IN_PROGRESS
    store.close()


# ---------------------------------------------------------------- find, then a label key
def test_label_key_right_after_enter_in_find_labels_the_match(qtbot, tmp_path: Path) -> None:
    from annotator.ui.find_bar import FindBar
    from tests.ui.test_find import type_text

    text = "أكدت مصادر في وزارة الدفاع أن الاجتماع عقد، وقالت وزارة الخارجية إن وزاره الدفاع ستعلن."
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    bar = FindBar(reader, session)
    qtbot.addWidget(bar)
    bar.show_and_focus()
    type_text(bar.edit, "وزاره الدفاع")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, "o")  # the field still has the focus, as after a real Enter
    assert bar.edit.text() == "وزاره الدفاع"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # next match, labelled the same way
    qtbot.keyClick(bar.edit, "o")
    assert [(text[s.start : s.end], s.label) for s in session.spans] == [
        ("وزارة الدفاع", "ORG"),
        ("وزاره الدفاع", "ORG"),
    ]
    bar.edit.setText("NTV")  # before a jump, letters are still typed into the query
    qtbot.keyClick(bar.edit, "o")
    assert bar.edit.text() == "NTVo"
