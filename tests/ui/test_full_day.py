"""Fixes from a full day of annotating (issue 7), each driven through real keys and mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import Origin
from tests.ui.readerutil import char_box, click, drag, drag_phrase, make_reader

NEWS = (
    'وذكرت قناة "NTV" التركية أن وفودًا فنية وصلت. وكان وزير الخارجية قد أشار إلى ذلك، '
    "وقال فيدان إن الحوار مستمر."
)


def texts(session, text: str) -> list[str]:
    return [text[s.start : s.end] for s in session.spans]


# ---------------------------------------------------------------- 1. proclitics on verbs
def test_drag_over_a_cue_with_its_conjunction_leaves_the_conjunction_out(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "وذكرت")
    qtbot.keyClick(reader, "c")
    drag_phrase(qtbot, reader, NEWS, "وقال")
    qtbot.keyClick(reader, "c")
    drag_phrase(qtbot, reader, NEWS, "وزير الخارجية")  # و is a root letter here
    qtbot.keyClick(reader, "s")
    assert texts(session, NEWS) == ["ذكرت", "وزير الخارجية", "قال"]


def _caret(reader, cp: int) -> None:
    c = reader.textCursor()
    c.setPosition(reader.to_u16(cp))
    reader.setTextCursor(c)


def test_a_keyboard_selection_is_never_widened_again(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    i = NEWS.index("ذكرت")  # after the و of وذكرت
    _caret(reader, i)
    for _ in range(4):  # in right-to-left text, Left moves forward in reading order
        qtbot.keyClick(reader, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selection_cp() == (i, i + 4)
    qtbot.keyClick(reader, "c")
    assert texts(session, NEWS) == ["ذكرت"]
    # a mouse selection narrowed by one character with the keyboard keeps the narrowing
    j = drag_phrase(qtbot, reader, NEWS, "وزير الخارجية")
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selection_cp() == (j, j + len("وزير الخارجية") - 1)
    qtbot.keyClick(reader, "o")
    assert NEWS[session.spans[-1].start : session.spans[-1].end] == "وزير الخارجي"


# ---------------------------------------------------------------- 3. link candidates in order
def test_cue_link_offers_the_quote_of_its_own_sentence_first(qtbot, tmp_path: Path) -> None:
    text = 'قال الوزير إن "الوضع مستقر". وأكد المتحدث أن الاتفاق قائم ولن يتغير.'
    reader, session, store = make_reader(qtbot, tmp_path, text)
    doc = session.doc_id

    def add(phrase: str, label: str) -> int:
        i = text.index(phrase)
        return store.add_span(doc, i, i + len(phrase), label, "tester").spans_added[0].id

    q1, c1 = add('"الوضع مستقر"', "QUOTE"), add("قال", "CUE")
    store.add_relation("CUE_OF", c1, q1)
    q2, c2 = add("أن الاتفاق قائم ولن يتغير", "QUOTE"), add("أكد", "CUE")
    session.open_document(doc)  # as when the document is opened again another day
    click(qtbot, reader, text.index("أكد") + 1)
    assert reader.selected_span_id == c2
    qtbot.keyClick(reader, "u")
    assert reader.highlighter.candidate == q2  # not the nearer quote of the sentence before
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.highlighter.candidate == q1  # which already has its cue: offered last
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert [(r.type, r.head, r.tail) for r in store.relations(doc)][-1] == ("CUE_OF", c2, q2)


# ---------------------------------------------------------------- 4. a drag over "NTV" edge to edge
@pytest.mark.parametrize("inset", [0, 1, 2])
def test_a_drag_over_a_quoted_latin_word_edge_to_edge_selects_it(qtbot, tmp_path: Path, inset: int) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    i = NEWS.index('"NTV"')
    left = min(char_box(reader, k)[0] for k in range(i, i + 5))  # the glyphs as drawn
    right, y = max(char_box(reader, k)[1] for k in range(i, i + 5)), char_box(reader, i)[2]
    vp = reader.viewport()
    for a, b in ((right - inset, left + inset), (left + inset, right - inset)):
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(a, y))
        qtbot.mouseMove(vp, pos=QPoint((a + b) // 2, y))
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(b, y))
        assert reader.selection_cp() == (i, i + 5), (a, b)
    qtbot.keyClick(reader, "o")
    assert texts(session, NEWS) == ['"NTV"']


def test_a_drag_into_the_latin_word_selects_the_word(qtbot, tmp_path: Path) -> None:
    """Pressing beside the opening mark and releasing inside N gave nothing ("Select some text first")."""
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    i = NEWS.index("NTV")
    right = char_box(reader, i - 1)[1] + 3  # just outside the opening mark, on the space
    left, _r, y = char_box(reader, i)
    for release in (left + 1, left + 3):
        drag_from, vp = QPoint(right, y), reader.viewport()
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=drag_from)
        qtbot.mouseMove(vp, pos=QPoint(release, y))
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(release, y))
        assert NEWS[slice(*reader.selection_cp())] in ("NTV", '"NTV"')


# ---------------------------------------------------------------- 8. fewer actions per quote
def test_speaker_right_after_a_quote_is_linked_and_the_type_is_guessed(qtbot, tmp_path: Path) -> None:
    text = "«لن نتراجع عن موقفنا»، قال المتحدث باسم الوزارة أمس."
    reader, session, store = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, "«لن نتراجع عن موقفنا»")
    with qtbot.waitSignal(reader.message) as said:
        qtbot.keyClick(reader, "q")
    quote = session.span(reader.selected_span_id)
    assert quote.attrs == {"type": "direct"} and "direct" in said.args[0]
    qtbot.keyClick(reader, "3")  # one key corrects the guess
    assert session.span(quote.id).attrs == {"type": "mixed"}
    drag_phrase(qtbot, reader, text, "قال")
    qtbot.keyClick(reader, "c")
    drag_phrase(qtbot, reader, text, "المتحدث باسم الوزارة")
    qtbot.keyClick(reader, "s")
    speaker = session.span(reader.selected_span_id)
    assert speaker.attrs == {"kind": "title"}
    cue = next(s for s in session.spans if s.label == "CUE")
    assert {(r.type, r.head, r.tail) for r in session.relations} == {
        ("ATTRIBUTED_TO", quote.id, speaker.id),
        ("CUE_OF", cue.id, quote.id),
    }
    # undo (Ctrl+Z in the window) takes the speaker and its link back in one step
    session.undo()
    assert session.span(speaker.id) is None and len(session.relations) == 1
    assert len(store.relations(session.doc_id)) == 1


def test_a_quote_labelled_later_gets_its_links_proposed_enter_makes_them(qtbot, tmp_path: Path) -> None:
    text = 'وقال فيدان لقناة "CNN Turk" إن هناك حاجة إلى آلية. وأضاف أن الفرق تتواصل.'
    reader, session, store = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, "وقال")
    qtbot.keyClick(reader, "c")
    drag_phrase(qtbot, reader, text, "فيدان")
    qtbot.keyClick(reader, "s")
    drag_phrase(qtbot, reader, text, "CNN Turk")  # other work in between
    qtbot.keyClick(reader, "o")
    drag_phrase(qtbot, reader, text, "إن هناك حاجة إلى آلية")
    qtbot.keyClick(reader, "q")
    # the speaker was labelled earlier in the run (linked at once), the cue too
    quote = reader.selected_span_id
    assert {r.type for r in session.relations} == {"ATTRIBUTED_TO", "CUE_OF"}
    session.undo()
    assert session.relations == [] and session.span(quote) is None

    # the same quote labelled on another day: its links are proposed, Esc refuses, Enter makes them
    session.open_document(session.doc_id)
    drag_phrase(qtbot, reader, text, "إن هناك حاجة إلى آلية")
    qtbot.keyClick(reader, "q")
    assert {p.rel for p in reader.proposal} == {"ATTRIBUTED_TO", "CUE_OF"} and session.relations == []
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.proposal == [] and session.relations == []
    quote = reader.selected_span_id
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    drag_phrase(qtbot, reader, text, "إن هناك حاجة إلى آلية")
    qtbot.keyClick(reader, "q")
    qtbot.keyClick(reader, "2")  # an attribute key keeps the offer open
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    quote = reader.selected_span_id
    speaker = next(s for s in session.spans if s.label == "SPEAKER")
    assert ("ATTRIBUTED_TO", quote, speaker.id) in {(r.type, r.head, r.tail) for r in session.relations}
    assert len(session.relations) == 2 and session.undo_text() == "Link ATTRIBUTED_TO"


def test_the_linked_partners_are_never_suggested_spans(qtbot, tmp_path: Path) -> None:
    text = "قال فيدان إن الحوار مستمر."
    reader, session, store = make_reader(qtbot, tmp_path, text)
    store.add_span(session.doc_id, 4, 9, "SPEAKER", "tester", origin=Origin.SUGGESTED)
    session.open_document(session.doc_id)
    drag_phrase(qtbot, reader, text, "إن الحوار مستمر")
    qtbot.keyClick(reader, "q")
    assert reader.proposal == [] and session.relations == []


def press_arabic(widget, text: str) -> None:
    """A key press as Qt reports it on X11 with the Arabic layout: the Arabic letter, no Latin key."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, ord(text[0]), Qt.KeyboardModifier.NoModifier, text))


def test_label_keys_work_on_an_arabic_keyboard_layout(qtbot, tmp_path: Path) -> None:
    """The key marked Q sends ض with the Arabic layout on; it still labels a QUOTE."""
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    drag(qtbot, reader, NEWS.index("فيدان"), NEWS.index("فيدان") + 4, whole=True)
    press_arabic(reader, "س")  # the S key
    drag_phrase(qtbot, reader, NEWS, "إن الحوار مستمر")
    press_arabic(reader, "ض")  # the Q key
    assert [(s.label, NEWS[s.start : s.end]) for s in session.spans] == [
        ("SPEAKER", "فيدان"),
        ("QUOTE", "إن الحوار مستمر"),
    ]
    press_arabic(reader, "٢")  # an Arabic-Indic digit sets the attribute
    assert session.spans[-1].attrs == {"type": "indirect"}
