"""An item delegate that lays each cell's text out in the text's own direction.

Qt lays an item's text out in the view's direction. In the Arabic interface a Latin document name
such as "2025-04-28-turkey-israel" is then read as right-to-left text: its date moves to the right
of its words ("tur-2025-04-28…") and the end that is cut is the wrong one; in the English interface
an Arabic title with digits or a Latin name in it is mis-ordered the same way. This delegate gives
a cell whose text mostly goes the other way that direction (the direction most of its strong
characters take: an Arabic title opening with a Latin source tag, "(CNN)-- شهد فريق …", stays right
to left, where Unicode's first-strong rule would turn it), so it reads as written and is elided at
its own end, while the cell keeps the column's place: its alignment is resolved against the view's
direction first.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.text import dominant_direction

_HORIZONTAL = Qt.AlignmentFlag.AlignHorizontal_Mask
_DIRECTION = {"L": Qt.LayoutDirection.LeftToRight, "R": Qt.LayoutDirection.RightToLeft}


class NaturalDirectionDelegate(QStyledItemDelegate):
    """`QStyledItemDelegate` with each text in its own direction (see the module docstring)."""

    def initStyleOption(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        strong = dominant_direction(option.text) if option.text else None
        if strong is None or _DIRECTION[strong] == option.direction:
            return
        align = option.displayAlignment
        place = QStyle.visualAlignment(option.direction, align) & _HORIZONTAL
        option.displayAlignment = (align & ~_HORIZONTAL) | place | Qt.AlignmentFlag.AlignAbsolute
        option.direction = _DIRECTION[strong]
