"""Clicks and drags that begin in the band of room kept above each line (line_room.py) land on the
word under them, as they do on the word itself: Qt's own hit test puts such a point at the line's start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from tests.ui.readerutil import char_box, char_point, make_reader

TEXT = (
    "وقال المتحدث باسم الحكومة إن الحوثيين أطلقوا صاروخا من شمالي اليمن باتجاه المملكة، "
    "وأضاف أن الدفاعات الجوية اعترضته فوق مدينة جازان الحدودية قبل أن يصل إلى هدفه، "
    "مشيرا إلى أن التحقيق في الحادث ما زال جاريا حتى الآن."
)


def band_point(reader, cp: int) -> QPoint:
    """A point above the glyph at `cp`, in the band between its line and the line before."""
    left, right, middle = char_box(reader, cp)
    c = reader.textCursor()
    c.setPosition(reader.to_u16(cp))
    block = c.block()
    line = block.layout().lineForTextPosition(c.positionInBlock())
    top = round(middle - line.height() / 2)  # the line's top: the glyph's middle less half the line
    room = reader.line_layout.room
    assert room >= 8
    return QPoint((left + right) // 2, top - round(room / 2))


def mid_line_word(reader, word: str) -> int:
    """The start of `word`, checked to sit inside a line that is not its paragraph's first (neither
    at the line's start nor on the first line: Qt's hit test takes the line's start)."""
    i = TEXT.index(word)
    c = reader.textCursor()
    c.setPosition(reader.to_u16(i + 1))
    line = c.block().layout().lineForTextPosition(c.positionInBlock())
    assert line.lineNumber() > 0 and line.textStart() < reader.to_u16(i) - 5
    return i


def test_a_click_in_the_band_above_a_word_puts_the_caret_in_it(qtbot, tmp_path: Path) -> None:
    reader, _session, _store = make_reader(qtbot, tmp_path, TEXT, width=420, height=500)
    i = mid_line_word(reader, "مدينة")
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=band_point(reader, i + 2))
    caret = reader.to_cp(reader.textCursor().position())
    assert i <= caret <= i + len("مدينة"), (caret, TEXT[caret - 5 : caret + 5])


def test_a_drag_begun_in_the_band_selects_from_the_word_under_it(qtbot, tmp_path: Path) -> None:
    reader, _session, _store = make_reader(qtbot, tmp_path, TEXT, width=420, height=500)
    i = mid_line_word(reader, "اعترضته")
    j = TEXT.index("مدينة")
    start, end = band_point(reader, i + 1), char_point(reader, j + 3)
    assert start.y() < end.y() - 5  # begun above the line, ended on it
    vp = reader.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, pos=QPoint((start.x() + end.x()) // 2, end.y()))
    qtbot.mouseMove(vp, pos=end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    c = reader.textCursor()
    a, b = reader.to_cp(c.selectionStart()), reader.to_cp(c.selectionEnd())
    assert TEXT[a:b] == "اعترضته فوق مدينة"
