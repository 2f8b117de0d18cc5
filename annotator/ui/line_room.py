"""Room between the reader's lines, where the links are drawn (see link_overlay.py).

QPlainTextEdit lays each line right under the one before (its layout ignores a block's line height),
so the arcs that link spans, and their names' plates, had nowhere to go but over the words of the
line above. `RoomyLayout` moves every line of a block down by `room` once Qt has laid the block out,
leaving a band of `room` pixels above each line that no glyph reaches. Qt's plain-text layout reads
the lines' positions back for everything else (a block's height is its last line's bottom; the hit
test, the caret and the scrolling go by the lines' rectangles), so the band holds everywhere. Only
blocks Qt lays out (those shown) are moved, once per layout: a few lines per paint.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class RoomyLayout(QPlainTextDocumentLayout):
    """A plain-text layout with `room` pixels above every line."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._room = 0.0

    @property
    def room(self) -> float:
        return self._room

    def set_room(self, room: float) -> None:
        """Room above each line from now on (blocks already laid out move when next measured)."""
        if room != self._room:
            self._room = float(room)
            self.requestUpdate()

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt name)
        rect = super().blockBoundingRect(block)  # lays the block out when it is not
        room = self._room
        layout = block.layout()
        n = layout.lineCount() if layout is not None else 0
        if not n or layout.lineAt(0).y() == room:
            return rect  # laid out and moved already (Qt puts a fresh first line at 0)
        y = room
        for i in range(n):
            line = layout.lineAt(i)
            line.setPosition(QPointF(line.x(), y))
            y += line.height() + room
        return super().blockBoundingRect(block)
