"""Draws a span's row text as its surface in bold between the words around it, right to left.

«المصادر» five times in a list cannot be told apart; with the words on either side («وأكدت المصادر
أن الجهود») each row says which one it is. The model gives (before, surface, after) under
`CONTEXT_ROLE`; the context is dimmed and shortened from its far ends so the surface stays whole
and in the middle of what fits. The text is laid out as plain text with formats over its ranges,
never as markup.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 1
_PAD = 4


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit_context(fm: QFontMetrics, before: str, after: str, width: int) -> tuple[str, str]:
    """The words before and after shortened from their far ends to share `width` pixels (what one
    side does not need goes to the other)."""
    left, right = Qt.TextElideMode.ElideLeft, Qt.TextElideMode.ElideRight
    half = max(0, width // 2)
    before_fit = fm.elidedText(before, left, half)
    after_fit = fm.elidedText(after, right, max(0, width - fm.horizontalAdvance(before_fit)))
    before_fit = fm.elidedText(before, left, max(0, width - fm.horizontalAdvance(after_fit)))
    return before_fit, after_fit


class _Fonts:
    """A cell font, its bold form and the metrics of both (made once per font, not per cell)."""

    def __init__(self, font: QFont) -> None:
        self.plain = QFontMetrics(font)
        self.bold_font = QFont(font)
        self.bold_font.setBold(True)
        self.bold = QFontMetrics(self.bold_font)


class ContextDelegate(QStyledItemDelegate):
    """Paints the `CONTEXT_ROLE` of a cell: context dimmed, surface bold, right to left.

    A laid-out line is kept for the cells painted lately (keyed by everything it is made of), so
    repainting rows that did not change (a row inserted above them, the selection moved, a scroll
    by a few rows) draws them again without fitting and shaping their words anew."""

    CACHED_LINES = 256

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, _Fonts] = {}
        self._lines: OrderedDict[tuple, tuple[QTextLayout, float, QColor]] = OrderedDict()
        self._option = QTextOption(Qt.AlignmentFlag.AlignRight)
        self._option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        self._option.setWrapMode(QTextOption.WrapMode.NoWrap)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        pieces = index.data(CONTEXT_ROLE)
        if not pieces:
            super().paint(painter, option, index)
            return
        self.paint_pieces(painter, self._cell_option(option, index), pieces)

    def paint_pieces(
        self, painter: QPainter, opt: QStyleOptionViewItem, pieces: tuple[str, str, str]
    ) -> None:
        """Paint a cell showing `pieces` (before, surface, after) in `opt`'s rectangle and font."""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, focus
        rect = opt.rect.adjusted(_PAD, 0, -_PAD, 0)
        layout, height, text = self._line(opt, pieces, rect.width())
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(text)
        layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - height) / 2))
        painter.restore()

    @staticmethod
    def _cell_option(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        """The view's option (state, palette, rect, alternate row) with the cell's font: the rest of
        what `initStyleOption` reads (a call into the model per role) draws nothing here."""
        opt = QStyleOptionViewItem(option)
        font = index.data(Qt.ItemDataRole.FontRole)
        if font is not None:
            opt.font = font
        return opt

    def _line(self, opt: QStyleOptionViewItem, pieces: tuple[str, str, str], width: int):
        """The cell's laid-out line (kept, or laid out now), its height and its text colour."""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        font = opt.font
        # the palette's cache key stands for its colours (read only when a line is laid out)
        key = (pieces, width, font.key(), selected, opt.palette.cacheKey())
        line = self._lines.get(key)
        if line is None:
            group = QPalette.ColorGroup.Active
            text = opt.palette.color(
                group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
            dim = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            line = (*self._lay_out(pieces, width, font, text, opt.palette.color(group, dim)), text)
            self._lines[key] = line
            if len(self._lines) > self.CACHED_LINES:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(key)
        return line

    def _lay_out(
        self, pieces: tuple[str, str, str], width: int, font: QFont, text: QColor, dim_colour: QColor
    ) -> tuple[QTextLayout, float]:
        """The cell's one line: the surface in bold, whole and in the middle of what fits of the
        context (its far ends cut), laid out as plain text with formats over its pieces."""
        fonts = self._fonts.get(font.key())
        if fonts is None:
            fonts = self._fonts[font.key()] = _Fonts(font)
        bold = fonts.bold
        before, surface, after = pieces
        surface_w = bold.horizontalAdvance(surface)  # the surface in bold, the context in the plain font
        if surface_w >= width:
            before, after = "", ""
            surface = bold.elidedText(surface, Qt.TextElideMode.ElideRight, width)
        else:
            room = width - surface_w - 3 * _PAD  # the two spaces, and a little slack
            before, after = fit_context(fonts.plain, before, after, room)
        # one plain-text line with formats over its pieces (ranges in Qt's UTF-16 units)
        line_text, formats = "", []
        for piece, colour, is_bold in (
            (before, dim_colour, False),
            (surface, text, True),
            (after, dim_colour, False),
        ):
            if not piece:
                continue  # the pieces carry the text's own spacing between them (side_panel.context_of)
            fmt = QTextCharFormat()
            fmt.setForeground(colour)
            if is_bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = _utf16(line_text), _utf16(piece), fmt
            formats.append(span)
            line_text += piece
        layout = QTextLayout(line_text, font)
        layout.setCacheEnabled(True)  # keep the shaped glyphs: each later paint only draws them
        layout.setTextOption(self._option)
        layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        layout.endLayout()
        return layout, line.height()
