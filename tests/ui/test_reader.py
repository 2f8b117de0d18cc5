"""The reader, driven with real mouse and key events: labelling, editing, linking, plain-text tips."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QToolTip

from annotator.core.model import Origin
from annotator.ui import plain as plain_text
from tests.ui.readerutil import char_point, click, drag, drag_phrase, format_at, make_reader

NEWS = "كشفت مصادر في وزارة الدفاع التركية عن اجتماع جمع مسؤولين أتراك وإسرائيليين في أذربيجان."


def only_span(session):
    assert len(session.spans) == 1, session.spans
    return session.spans[0]


def test_drag_over_arabic_words_then_label_key(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    start = drag_phrase(qtbot, reader, NEWS, "وزارة الدفاع التركية")
    assert reader.selection_cp() == (start, start + len("وزارة الدفاع التركية"))  # snapped on release
    with qtbot.waitSignal(reader.spanSelected):
        qtbot.keyClick(reader, "o")
    span = only_span(session)
    assert NEWS[span.start : span.end] == "وزارة الدفاع التركية" and span.label == "ORG"
    assert [(s.start, s.end, s.label) for s in store.spans(session.doc_id)] == [(span.start, span.end, "ORG")]
    assert reader.selected_span_id == span.id and not reader.textCursor().hasSelection()


CASES = [
    ("قال 😀 الرئيس 😀 إن الوضع صعب", "الرئيس"),
    ("😀😀 بثت قناة NTV التركية 😀 الخبر", "NTV التركية"),
    ("وقد أَكَّدَ الوزيرُ أنَّ الاجتماعَ مهمٌ", "أَكَّدَ الوزيرُ"),
    ("قال المتحـــدث باسم الوزارة إن", "المتحـــدث باسم"),
    ("ذكرت قناة CNN Turk التركية أمس", "CNN Turk"),
    ("قتل 34 شخصا في عام 2025 حسب المصادر", "34 شخصا"),
    ("قال 👍🏽 المتحدث: «لن نتراجع» 😀 أمس", "«لن نتراجع»"),
    ("بلغ العدد 13,000 😀 نازح في 2024", "13,000"),
]


@pytest.mark.parametrize(("text", "phrase"), CASES)
def test_exact_offsets_with_emoji_tashkeel_tatweel_latin_digits(
    qtbot, tmp_path: Path, text: str, phrase: str
) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    start = drag_phrase(qtbot, reader, text, phrase)
    qtbot.keyClick(reader, "q")
    span = only_span(session)
    assert (span.start, span.end) == (start, start + len(phrase))
    assert text[span.start : span.end] == phrase


def test_sloppy_drag_inside_words_snaps_to_whole_words(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    i = NEWS.index("وزارة الدفاع")
    drag(qtbot, reader, i + 2, i + len("وزارة الدفاع") - 3)  # from inside the first word to inside the second
    qtbot.keyClick(reader, "o")
    span = only_span(session)
    assert NEWS[span.start : span.end] == "وزارة الدفاع"


def test_snap_off_keeps_the_raw_drag(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    reader.set_snap(False)
    assert reader.snap is False
    i = NEWS.index("وزارة")
    drag(qtbot, reader, i + 1, i + 3)
    qtbot.keyClick(reader, "o")
    span = only_span(session)
    assert i < span.start or span.end < i + len("وزارة")  # a part of the word, as dragged


@pytest.mark.parametrize(("strip", "expected"), [(True, "الحكومة"), (False, "والحكومة")])
def test_clitic_rule(qtbot, tmp_path: Path, strip: bool, expected: str) -> None:
    text = "انتقد الوزير والحكومة السورية أمس"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    reader.set_strip_clitics(strip)
    assert reader.strip_clitics is strip
    drag_phrase(qtbot, reader, text, "والحكومة")
    qtbot.keyClick(reader, "o")
    span = only_span(session)
    assert text[span.start : span.end] == expected


def test_keyboard_selection_shift_arrows_then_label(qtbot, tmp_path: Path) -> None:
    text = "قال 😀 فيدان إن الوضع صعب"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    i = text.index("فيدان")
    c = reader.textCursor()
    c.setPosition(reader.to_u16(i))
    reader.setTextCursor(c)
    for _ in range(len("فيدان")):  # in right-to-left text, Left moves forward in reading order
        qtbot.keyClick(reader, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selection_cp() == (i, i + len("فيدان"))
    qtbot.keyClick(reader, "p")
    span = only_span(session)
    assert text[span.start : span.end] == "فيدان" and span.label == "PERS"


def test_keyboard_word_selection_is_visual_and_snapped(qtbot, tmp_path: Path) -> None:
    text = "قال وزير الخارجية التركي إن"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    i = text.index("وزير")
    c = reader.textCursor()
    c.setPosition(reader.to_u16(i))
    reader.setTextCursor(c)
    qtbot.keyClick(
        reader, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(
        reader, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    )
    start, end = reader.selection_cp()
    assert start == i and text[start:end].strip() == "وزير الخارجية"  # leftwards = onwards in Arabic
    qtbot.keyClick(reader, "s")
    span = only_span(session)
    assert text[span.start : span.end] == "وزير الخارجية"  # trailing space snapped off


def test_label_selection_method_and_uppercase_key(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "أذربيجان")
    span = reader.label_selection("GPE")
    assert span is not None and NEWS[span.start : span.end] == "أذربيجان"
    drag_phrase(qtbot, reader, NEWS, "أتراك")
    qtbot.keyClick(reader, "M", Qt.KeyboardModifier.ShiftModifier)
    assert [s.label for s in session.spans] == ["MISC", "GPE"]


def test_label_key_without_selection_says_what_to_do(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "q")
    assert "Select" in msg.args[0] and session.spans == []


def test_overlapping_and_stacked_spans_are_stored_and_drawn(qtbot, tmp_path: Path) -> None:
    text = 'وقال "إن فيدان سيزور أنقرة قريبا" أمس'
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, '"إن فيدان سيزور أنقرة قريبا"')
    qtbot.keyClick(reader, "q")
    drag_phrase(qtbot, reader, text, "فيدان")
    qtbot.keyClick(reader, "p")
    drag_phrase(qtbot, reader, text, "أنقرة")
    qtbot.keyClick(reader, "g")
    drag_phrase(qtbot, reader, text, "أنقرة")
    qtbot.keyClick(reader, "l")  # a second label on the same words
    assert sorted((text[s.start : s.end], s.label) for s in session.spans) == sorted(
        [
            ('"إن فيدان سيزور أنقرة قريبا"', "QUOTE"),
            ("فيدان", "PERS"),
            ("أنقرة", "GPE"),
            ("أنقرة", "LOC"),
        ]
    )
    reader.select_span(None)
    hl = reader.highlighter
    quote_only = format_at(reader, text.index("سيزور"))
    assert quote_only.background().color() == hl.background("QUOTE")
    assert (
        text[text.index('"')] == '"' and format_at(reader, text.index('"')) is not None
    )  # the mark is inside
    pers = format_at(reader, text.index("فيدان"))
    assert pers.underlineColor() == hl.accent("PERS")  # the inner span shows in its own colour
    assert pers.background().color() != hl.background("QUOTE")
    stacked = format_at(reader, text.index("أنقرة"))
    assert stacked.underlineColor() in (hl.accent("GPE"), hl.accent("LOC"))
    assert stacked.background().color() not in (
        hl.background("QUOTE"),
        hl.background("GPE"),
        hl.background("LOC"),
    )


def test_click_selects_innermost_then_cycles(qtbot, tmp_path: Path) -> None:
    text = 'وقال "إن فيدان سيزور أنقرة" أمس'
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    q = session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE")
    p = session.add_span(text.index("فيدان"), text.index("فيدان") + 5, "PERS")
    seen = []
    reader.spanSelected.connect(seen.append)
    click(qtbot, reader, text.index("فيدان") + 2)
    assert reader.selected_span_id == p.id
    click(qtbot, reader, text.index("فيدان") + 2)  # again on the same spot: the enclosing quote
    assert reader.selected_span_id == q.id
    click(qtbot, reader, text.index("فيدان") + 2)  # and round again
    assert reader.selected_span_id == p.id
    click(qtbot, reader, text.index("سيزور"))
    assert reader.selected_span_id == q.id
    click(qtbot, reader, text.index("أمس"))
    assert reader.selected_span_id is None
    assert seen[0] == p.id and seen[-1] is None


def test_edit_selected_span_with_keys(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "مصادر")
    qtbot.keyClick(reader, "s")
    span = only_span(session)
    qtbot.keyClick(reader, "3")
    assert store.span(span.id).attrs == {"kind": "anonymous"}
    qtbot.keyClick(reader, "p")  # relabel
    assert store.span(span.id).label == "PERS"
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "1")
    assert "no attributes" in msg.args[0]
    qtbot.keyClick(reader, "q")
    qtbot.keyClick(reader, "2")
    assert store.span(span.id).attrs == {"kind": "anonymous", "type": "indirect"}
    qtbot.keyClick(reader, "0")
    assert store.span(span.id).attrs == {"kind": "anonymous"}
    with qtbot.waitSignal(reader.spanSelected) as sig:
        qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert sig.args == [None] and session.spans == [] and store.spans(session.doc_id) == []
    session.undo()
    reader.select_span(span.id)
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    assert session.spans == []


def test_tab_cycles_spans_in_reading_order_and_escape_clears(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    ids = [
        session.add_span(NEWS.index(w), NEWS.index(w) + len(w), "MISC").id
        for w in ("أتراك", "مصادر", "أذربيجان")
    ]
    c = reader.textCursor()
    c.setPosition(0)
    reader.setTextCursor(c)
    order = []
    for _ in range(4):
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
        order.append(reader.selected_span_id)
    assert order == [ids[1], ids[0], ids[2], ids[1]]  # reading order, wrapping
    qtbot.keyClick(reader, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selected_span_id == ids[2]
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.selected_span_id is None


def test_select_span_scrolls_to_it(qtbot, tmp_path: Path) -> None:
    text = "\n".join(f"الفقرة رقم {i} من النص." for i in range(300))
    reader, session, _ = make_reader(qtbot, tmp_path, text, height=200)
    i = text.index("الفقرة رقم 250 ")
    span = session.add_span(i, i + 6, "MISC")
    reader.select_span(span.id)
    assert reader.selected_span_id == span.id
    assert reader.verticalScrollBar().value() > 0
    rect = reader.cursorRect(reader.textCursor())
    assert reader.viewport().rect().contains(rect.center())


def test_link_quote_to_speaker_with_keys_only(qtbot, tmp_path: Path) -> None:
    text = 'وقال الوزير "سنواصل العمل" بينما قال السفير "لا تعليق" وأضاف المتحدث كلاما'
    reader, session, store = make_reader(qtbot, tmp_path, text)
    spk = {
        w: session.add_span(text.index(w), text.index(w) + len(w), "SPEAKER").id
        for w in ("الوزير", "السفير", "المتحدث")
    }
    quote = session.add_span(text.index('"لا'), text.index('تعليق"') + 6, "QUOTE")
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "a")
    assert reader.linking and reader.highlighter.candidate == spk["السفير"]  # nearest first
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.highlighter.candidate == spk["المتحدث"]
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    qtbot.keyClick(reader, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert reader.highlighter.candidate == spk["المتحدث"]
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert not reader.linking
    rels = store.relations(session.doc_id)
    assert [(r.type, r.head, r.tail) for r in rels] == [("ATTRIBUTED_TO", quote.id, spk["المتحدث"])]
    # relations are visible: the linked speaker gets a wave underline while the quote is selected
    fmt = format_at(reader, text.index("المتحدث"))
    assert fmt.underlineStyle() == fmt.UnderlineStyle.WaveUnderline
    assert format_at(reader, text.index("السفير")).underlineStyle() != fmt.UnderlineStyle.WaveUnderline
    reader.select_span(spk["المتحدث"])  # and the reverse
    assert reader.highlighter.linked == {quote.id}
    # Escape cancels
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "a")
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert not reader.linking and len(store.relations(session.doc_id)) == 1


def test_link_by_clicking_a_candidate(qtbot, tmp_path: Path) -> None:
    text = 'قال الوزير "سنواصل العمل" وأضاف السفير'
    reader, session, store = make_reader(qtbot, tmp_path, text)
    a = session.add_span(text.index("الوزير"), text.index("الوزير") + 6, "SPEAKER")
    b = session.add_span(text.index("السفير"), text.index("السفير") + 6, "SPEAKER")
    q = session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE")
    reader.select_span(q.id)
    qtbot.keyClick(reader, "a")
    assert reader.highlighter.candidate in (a.id, b.id)
    click(qtbot, reader, text.index("السفير") + 2)
    assert [(r.head, r.tail) for r in store.relations(session.doc_id)] == [(q.id, b.id)]
    assert not reader.linking


def test_link_errors_are_messages(qtbot, tmp_path: Path) -> None:
    text = 'قال "سنواصل العمل" أمس'
    reader, session, store = make_reader(qtbot, tmp_path, text)
    q = session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE")
    reader.select_span(q.id)
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "a")
    assert msg.args[0] == "No SPEAKER to link to" and not reader.linking
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "r")  # SAME_AS goes from a SPEAKER
    assert "SAME_AS" in msg.args[0] and store.relations(session.doc_id) == []


def test_enter_accepts_a_suggestion(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    i = NEWS.index("أذربيجان")
    store.add_span(session.doc_id, i, i + 8, "GPE", "tester", origin=Origin.SUGGESTED)
    session.open_document(session.doc_id)
    sid = session.spans[0].id
    reader.select_span(sid)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert store.span(sid).origin == Origin.MANUAL


def test_undo_and_external_change_refresh(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "أذربيجان")
    qtbot.keyClick(reader, "g")
    i = NEWS.index("أذربيجان")
    assert format_at(reader, i) is not None
    with qtbot.waitSignal(reader.spanSelected):
        session.undo()
    assert format_at(reader, i) is None and reader.selected_span_id is None
    session.redo()
    assert format_at(reader, i) is not None
    from annotator.core.store import Store

    other = Store.open(store.path)  # another window adds a span
    j = NEWS.index("مصادر")
    other.add_span(session.doc_id, j, j + 5, "SPEAKER", "tester")
    assert session.check_external()
    assert format_at(reader, j) is not None
    other.close()


def test_keymap_lists_every_binding_from_the_schema(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, NEWS)
    keys = dict(reader.keymap())
    for lab in session.schema.labels:
        assert lab.key.upper() in keys and lab.name in keys[lab.key.upper()]
    for rel in session.schema.relations:
        assert rel.name in keys[rel.key.upper()]
    assert "QUOTE type: 1 direct, 2 indirect, 3 mixed" in keys.values()
    assert any("Tab" in k for k in keys) and any("Del" in k for k in keys)


def test_tooltips_are_plain_text_even_for_hostile_text(qtbot, tmp_path: Path) -> None:
    text = 'قال <b>x</b> ثم "<img src=x onerror=alert(1)>" أمس'
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    q = session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE", {"type": "direct"})
    s = session.add_span(text.index("<b>"), text.index("</b>") + 4, "SPEAKER")
    session.add_relation("ATTRIBUTED_TO", q.id, s.id)
    plain = reader.tooltip_text(text.index("img"))
    assert plain == "QUOTE · type=direct · → <b>x</b>"
    shown = plain_text.tooltip(plain)
    doc = QTextDocument()
    doc.setHtml(shown)
    assert doc.toPlainText() == plain  # shown literally, nothing interpreted
    pos = char_point(reader, text.index("img"))
    event = QHelpEvent(QEvent.Type.ToolTip, pos, reader.viewport().mapToGlobal(pos))
    reader.viewportEvent(event)
    if QToolTip.isVisible():
        doc.setHtml(QToolTip.text())
        assert doc.toPlainText() == plain


def test_document_text_is_plain(qtbot, tmp_path: Path) -> None:
    text = "<b>x</b> &amp; <img src=x> نص"
    reader, _, _ = make_reader(qtbot, tmp_path, text)
    assert reader.toPlainText() == text


def test_rtl_setup(qtbot, tmp_path: Path) -> None:
    reader, _, _ = make_reader(qtbot, tmp_path, NEWS)
    opt = reader.document().defaultTextOption()
    assert opt.textDirection() == Qt.LayoutDirection.RightToLeft
    assert reader.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert (
        not (opt.alignment() & Qt.AlignmentFlag.AlignRight)
        or opt.alignment() & Qt.AlignmentFlag.AlignAbsolute
    )
    assert reader.isReadOnly()
    flags = reader.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    # the first word of an Arabic line is drawn at the right
    c = QTextCursor(reader.document())
    c.setPosition(0)
    assert reader.cursorRect(c).x() > reader.viewport().width() / 2
    reader.set_font("Noto Naskh Arabic", 20)
    assert reader.font().families()[:2] == ["Noto Naskh Arabic", "Noto Sans"]
    reader.set_theme(True)
    assert reader.dark and reader.highlighter.dark


def test_lines_are_flush_right_and_ragged_left(qtbot, tmp_path: Path) -> None:
    """Arabic paragraphs start at the right edge (DESIGN pitfall: Qt's default puts them on the left)."""
    text = " ".join([NEWS] * 4)
    reader, _session, _store = make_reader(qtbot, tmp_path, text, width=420)
    layout = reader.document().firstBlock().layout()
    assert layout.lineCount() >= 3, "the paragraph must wrap for this test to mean anything"
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    natural_rights = [line.naturalTextRect().right() for line in lines]
    natural_lefts = [line.naturalTextRect().left() for line in lines]
    assert max(natural_rights) - min(natural_rights) < 2, natural_rights  # one right edge
    assert natural_lefts[-1] > min(natural_lefts[:-1]) + 20, natural_lefts  # the short last line ends early


def test_attribute_key_says_what_it_set_and_records_no_empty_edit(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "مصادر")
    qtbot.keyClick(reader, "s")  # the status bar shows the guessed kind
    span = only_span(session)
    assert store.span(span.id).attrs == {"kind": "anonymous"}
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "1")
    assert store.span(span.id).attrs == {"kind": "named"}
    assert "named" in msg.args[0] and "guessed" not in msg.args[0]  # not the stale guess
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "1")  # the same value again: said, but no edit to undo
    assert "named" in msg.args[0]
    session.undo()  # takes back the 1 pressed first, not an empty "Resize SPEAKER"
    assert store.span(span.id).attrs == {"kind": "anonymous"}
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "0")
    assert store.span(span.id).attrs == {} and "kind" in msg.args[0]


def test_moving_the_caret_off_the_selected_span_deselects_it(qtbot, tmp_path: Path) -> None:
    text = "قال الوزير إن المحادثات مستمرة.\nوأكدت المصادر أن الاجتماع عقد في باكو."
    reader, session, store = make_reader(qtbot, tmp_path, text)
    drag_phrase(qtbot, reader, text, "الوزير")
    qtbot.keyClick(reader, "s")
    speaker = only_span(session)
    assert reader.selected_span_id == speaker.id
    qtbot.keyClick(reader, Qt.Key.Key_Right)  # one character back (right to left): still on the span
    assert reader.selected_span_id == speaker.id
    qtbot.keyClick(reader, Qt.Key.Key_Down)  # the next line: far from the span, as a click there would
    assert reader.selected_span_id is None
    with qtbot.waitSignal(reader.message):
        qtbot.keyClick(reader, "p")  # nothing selected here: the speaker is not relabelled behind the view
    assert store.span(speaker.id).label == "SPEAKER"
    # linking puts the caret on the speaker chosen: the quote stays selected until the caret is moved
    quote = session.add_span(text.index("المحادثات"), text.index("مستمرة") + len("مستمرة"), "QUOTE")
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "a")
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert [r.tail for r in session.relations_of(quote.id)] == [speaker.id]
    qtbot.keyClick(reader, "x")  # no suggestion to reject: says so, selects nothing else
    assert reader.selected_span_id == quote.id


def test_enter_with_no_suggestion_to_accept_says_so(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, NEWS)
    drag_phrase(qtbot, reader, NEWS, "مصادر")
    qtbot.keyClick(reader, "s")  # the annotator's own span, selected
    assert reader.selected_span_id is not None
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert msg.args == [reader.tr("No suggestion here to accept")]
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.selected_span_id is None
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert msg.args == [reader.tr("No suggestion here to accept")]
    assert [s.origin for s in session.spans] == [Origin.MANUAL]


@pytest.mark.parametrize("top_block", [0, 40, 118])
def test_whether_a_block_is_near_the_view_is_answered_as_its_geometry_says(
    qtbot, tmp_path, top_block
) -> None:
    """Which blocks count as in (or within half a screen of) the view decides which formats are
    redrawn at once: blocks far away by number are answered without measuring them, and every
    answer is what the blocks' geometry says, with long wrapped paragraphs, empty lines and a larger
    font about."""
    sentence = "قال المتحدث باسم الوزارة إن المحادثات مستمرة "
    paragraphs = [sentence * (1 + (i * 7) % 11) if i % 5 else "" for i in range(120)]
    reader, _session, _store = make_reader(qtbot, tmp_path, "\n".join(paragraphs), height=300)
    font = reader.document().defaultFont()
    font.setPointSize(font.pointSize() + 6)
    reader.document().setDefaultFont(font)
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum() * top_block // 120)
    qtbot.wait(10)
    height, offset = reader.viewport().height(), reader.contentOffset()
    answers, near = [], 0
    block = reader.document().firstBlock()
    while block.isValid():
        rect = reader.blockBoundingGeometry(block).translated(offset)
        geometric = rect.bottom() >= -0.5 * height and rect.top() <= 1.5 * height
        near += geometric
        answers.append(reader._in_view(block) == geometric)
        block = block.next()
    assert all(answers) and 0 < near < len(answers)


def test_the_extent_of_a_selection_is_snapped_once_until_the_word_counts_change(
    qtbot, tmp_path, monkeypatch
) -> None:
    """The window asks what a label key would make of a selection as it is made, and the key asks
    again: the same selection is snapped once, and again once what the project says about words
    has changed (a span labelled) or the selection has."""
    import annotator.ui.reader as reader_module

    text = "وقال وزير الخارجية التركي إن المحادثات مستمرة"
    reader, session, _store = make_reader(qtbot, tmp_path, text)
    calls = []
    snap = reader_module.snap_to_words
    monkeypatch.setattr(reader_module, "snap_to_words", lambda *a, **k: calls.append(a[1:3]) or snap(*a, **k))
    a = text.index("الخارجية")
    reader.select_text(a - 1, a + len("الخارجية") + 1, exact=False, scroll=False)  # spaces trimmed
    first = reader.label_extent()
    assert first == (a, a + len("الخارجية")) and reader.label_extent() == first
    assert len(calls) == 1
    session.words.add_labelled("التركي")
    assert reader.label_extent() == first and len(calls) == 2
    b = text.index("المحادثات")
    reader.select_text(b - 1, b + len("المحادثات"), exact=False, scroll=False)
    assert reader.label_extent() == (b, b + len("المحادثات")) and len(calls) == 3


def test_the_status_bar_says_what_a_label_key_took(qtbot, tmp_path: Path) -> None:
    """A label key says which words it labelled, as snapped (a selection with the spaces around a
    word labels the word; one that starts inside a word labels from there), not only the label;
    long spans are shortened."""
    text = "وقال الرئيس التركي إن المحادثات مع الجانب الآخر مستمرة منذ أسابيع طويلة وصعبة"
    reader, session, _store = make_reader(qtbot, tmp_path, text)
    start = text.index("الرئيس")
    reader.select_text(start - 1, start + len("الرئيس") + 1)  # the spaces around the word
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "p")
    assert msg.args[0].startswith("PERS «الرئيس»")
    other = text.index("الجانب")
    reader.select_text(other + 2, other + len("الجانب"))  # from inside the word: not widened
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "o")
    assert msg.args[0].startswith("ORG «جانب»")
    quote = text.index("إن")
    reader.select_text(quote, len(text))
    with qtbot.waitSignal(reader.message) as msg:
        qtbot.keyClick(reader, "q")
    said = msg.args[0].split(" · ")[0]
    assert said.startswith("QUOTE «إن المحادثات") and said.endswith("…»") and len(said) < 45
