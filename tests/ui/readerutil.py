"""Helpers for the reader tests: a project with one document, a shown reader, real mouse drags."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui.reader import ReaderView, glyph_boxes
from annotator.ui.session import Session


def make_reader(qtbot, tmp_path: Path, text: str, *, width: int = 700, height: int = 400):
    from annotator.ui.app import load_fonts

    load_fonts()  # the bundled fonts, as the program has them (not whatever the machine has)
    store = Store.create(tmp_path / "r.annotator.db")
    doc_id = store.add_documents([NewDocument("doc", text)]).ids[0]
    session = Session(store, "tester")
    session.open_document(doc_id)
    reader = ReaderView(session)
    qtbot.addWidget(reader)
    reader.resize(width, height)
    reader.show()
    qtbot.waitExposed(reader)
    reader.setFocus()
    return reader, session, store


def caret_rect(reader: ReaderView, cp: int):
    c = QTextCursor(reader.document())
    c.setPosition(reader.to_u16(cp))
    return reader.cursorRect(c)


def char_point(reader: ReaderView, cp: int) -> QPoint:
    """Viewport position of the middle of the glyph of the character at code point `cp`."""
    left, right, y = char_box(reader, cp)
    return QPoint(round((left + right) / 2), y)


def char_box(reader: ReaderView, cp: int) -> tuple[int, int, int]:
    """(left x, right x, middle y) in viewport coordinates of the glyph of the character at `cp`.

    Taken from the glyphs Qt drew (`reader.glyph_boxes`), as a user sees them: a caret position, and
    Qt's own hit test, are ambiguous where right-to-left and left-to-right runs meet. A combining
    mark has no glyph of its own: its base letter is taken.
    """
    while True:
        u = reader.to_u16(cp)
        block = reader.document().findBlock(u)
        geometry = reader.blockBoundingGeometry(block)  # lays the block out if an edit invalidated it
        layout = block.layout()
        rel = u - block.position()
        line = layout.lineForTextPosition(rel)
        assert line.isValid()
        origin = geometry.translated(reader.contentOffset()).topLeft() + layout.position()
        box = glyph_boxes(block, line).get(rel)
        if box is not None and box[1] - box[0] >= 1:
            return (
                round(origin.x() + box[0]) + 1,
                round(origin.x() + box[1]) - 1,
                round(origin.y() + line.y() + line.height() / 2),
            )
        assert cp > 0, "no glyph found"
        cp -= 1


def drag(qtbot, reader: ReaderView, first_cp: int, last_cp: int, *, whole: bool = False) -> None:
    """Press on character `first_cp`, move, release on `last_cp` (in their middles; with `whole`, on
    their outer edges, as a user does who drags across the whole phrase)."""
    vp = reader.viewport()
    p1, p2 = char_point(reader, first_cp), char_point(reader, last_cp)
    if whole:
        l1, r1, _ = char_box(reader, first_cp)
        l2, r2, _ = char_box(reader, last_cp)
        # leftwards in right-to-left text, and over several lines (which run right to left here)
        if p1.y() != p2.y() or p1.x() >= p2.x():
            p1, p2 = QPoint(r1, p1.y()), QPoint(l2, p2.y())
        else:
            p1, p2 = QPoint(l1, p1.y()), QPoint(r2, p2.y())
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(vp, pos=QPoint((p1.x() + p2.x()) // 2, p1.y()))
    qtbot.mouseMove(vp, pos=p2)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p2)


def drag_phrase(qtbot, reader: ReaderView, text: str, phrase: str, after: int = 0) -> int:
    """Drag over `phrase` (its first to its last character); returns its code-point start."""
    i = text.index(phrase, after)
    drag(qtbot, reader, i, i + len(phrase) - 1, whole=True)
    return i


def click(qtbot, reader: ReaderView, cp: int) -> None:
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=char_point(reader, cp))


def block_formats(reader: ReaderView, cp: int):
    """The (start, length, format) ranges the highlighter applied to the block holding `cp` (UTF-16)."""
    block = reader.document().findBlock(reader.to_u16(cp))
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def format_at(reader: ReaderView, cp: int):
    """The highlight format over code point `cp` (None when nothing is drawn there)."""
    block = reader.document().findBlock(reader.to_u16(cp))
    rel = reader.to_u16(cp) - block.position()
    for r in block.layout().formats():
        if r.start <= rel < r.start + r.length:
            return QTextCharFormat(r.format)
    return None


def isolate_settings(tmp_path: Path, *, auto_suggest: bool | None = None) -> None:
    """QSettings in a fresh INI file under `tmp_path` (the user's own settings are never touched);
    `auto_suggest` False: documents open without suggestions (a window test that counts spans)."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    if auto_suggest is not None:
        QSettings().setValue("suggest/auto", auto_suggest)


def same_pixels(a: QImage, b: QImage, tolerance: int = 2) -> bool:
    """Whether two images show the same thing: the same size, every channel of every pixel within
    `tolerance` (antialiased text drawn on a transparent pixmap and then onto the background rounds
    differently from text drawn onto the background: by 1 or 2 of 255 at its edges)."""
    if a.size() != b.size():
        return False
    x = a.convertToFormat(QImage.Format.Format_ARGB32)
    y = b.convertToFormat(QImage.Format.Format_ARGB32)
    return all(
        abs(p - q) <= tolerance for p, q in zip(bytes(x.constBits()), bytes(y.constBits()), strict=True)
    )


def painted_as_qt_paints(view) -> bool:
    """Whether a `RowPixmapView` shows what QTableView's own paint of it shows (every cell painted
    anew by the delegates, none from kept pixmaps or lines)."""
    ours = view.viewport().grab().toImage()
    view.keep_pixels = False
    try:
        theirs = view.viewport().grab().toImage()
    finally:
        view.keep_pixels = True
    return same_pixels(ours, theirs)
