"""A one-line plain-text label that asks its layout to re-arrange the window only when its size hint
changes.

The side panel's titles ("Spans (10,234)") change with every label key. `QLabel.setText` tells the
layouts above it that its geometry may have changed, whatever the text: the side panel, its dock and
the main window are laid out again and their backgrounds repainted, a good part of a label key.
A count that gains one keeps its width (digits are as wide as one another in the fonts a desktop
uses), so this label repaints itself and re-arranges nothing unless its size hint really changed.
It measures and paints as a `QLabel` showing plain text does (the style's item text, aligned to the
leading edge of the text's own direction, that of its first strong character, and centred
vertically), and never reads its text as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QWidget

from annotator.core.text import first_strong

_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ROOM = QRect(0, 0, 2000, 2000)  # what QLabel measures a plain text in


def right_to_left(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (`first_strong`)."""
    return first_strong(text) == "R"


class TitleLabel(QWidget):
    """A plain-text label without layout churn; see the module docstring."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._hint: QSize | None = None

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        if text == self._text:
            return
        before = self.sizeHint()
        self._text = text
        self._hint = None
        if self.sizeHint() != before:
            self.updateGeometry()
        self.update()

    def _flags(self) -> int:
        """QLabel's flags for a plain text: aligned to the leading edge of the TEXT's direction,
        centred vertically, tabs expanded, the text's direction forced."""
        rtl = right_to_left(self._text)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        force = Qt.TextFlag.TextForceRightToLeft if rtl else Qt.TextFlag.TextForceLeftToRight
        align = QStyle.visualAlignment(direction, _ALIGN)
        return int(align.value) | int(Qt.TextFlag.TextExpandTabs.value) | int(force.value)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        if self._hint is None:
            fm = self.fontMetrics()
            if self._text:  # measured as QLabel measures it: without the vertical centring
                flags = self._flags() & ~int(Qt.AlignmentFlag.AlignVCenter.value)
                size = fm.boundingRect(_ROOM, flags, self._text).size()
            else:  # QLabel's size for no text
                size = QSize(fm.averageCharWidth(), fm.lineSpacing())
            margins = self.contentsMargins()
            self._hint = size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        return QSize(self._hint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LayoutDirectionChange,
        ):
            self._hint = None
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            self._flags(),
            self.palette(),
            self.isEnabled(),
            self._text,
            QPalette.ColorRole.WindowText,
        )
        painter.end()
