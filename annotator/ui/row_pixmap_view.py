"""A table view that keeps the pixels of the rows it painted and draws them again unchanged.

A label key inserts a row into the side panel, which moves every row under it: Qt repaints the
whole visible page, cell by cell, and drawing a cell's text (fitting, eliding and shaping Arabic,
for every cell of every paint) is most of what a label key costs. The rows under the new one show
what they showed a moment before, so each row's pixels are kept, keyed by everything that makes
them: what the model says the row's cells show (`row_content(row)`, one item per column), the
columns' places and widths, the row's height, whether it is selected, which of its cells has the
focus, and the view's state, palette and device pixel ratio. A repaint draws one kept pixmap per row. A row whose
content or state changed is made anew from its cells' pixmaps, also kept (a new row's label,
origin and empty cells look like other rows'); a cell seen for the first time is painted by the
view's delegate for it, as `QTableView` paints it.

The background of alternate rows is not kept in the pixmaps (it is drawn under them), so a row
that moves from an even to an odd place keeps its pixmap. What `QTableView.paintEvent` draws
besides cells is not needed by the tables that use this view (no grid, no spans, no editors, no
drop indicator, no hidden rows, which would shift Qt's alternate colours); hover is not shown (the
Fusion style draws nothing for it in item views), and rows are selected whole (`SelectRows`).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView, QWidget

_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus
_ENABLED = QStyle.StateFlag.State_Enabled
_ROW = QStyle.PrimitiveElement.PE_PanelItemViewRow
# what changes how rows look without changing their keys: the font, style, palette and direction
# they are painted with come from the view, and a language change re-translates what they show
_LOOK_CHANGES = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.LanguageChange,
    }
)


class _Pixmaps:
    """Pixmaps by key, the least recently drawn dropped beyond `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, QPixmap] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable) -> QPixmap | None:
        pixmap = self._items.get(key)
        if pixmap is not None:
            self._items.move_to_end(key)
        return pixmap

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def keep(self, key: Hashable, pixmap: QPixmap) -> QPixmap:
        self._items[key] = pixmap
        self._bytes += pixmap.width() * pixmap.height() * 4
        while self._bytes > self.limit and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self._bytes -= old.width() * old.height() * 4
        return pixmap

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0


@dataclass(frozen=True)
class _Look:
    """What every row of one paint shares: the columns (logical column, x from the row's left,
    width), the row's left and width, the view's option, the key part they make (with the device
    pixel ratio the pixmaps are made at) and that ratio."""

    placed: tuple[tuple[int, int, int], ...]
    left: int
    width: int
    base: QStyleOptionViewItem
    key: tuple
    ratio: float


def _pixmap(width: int, height: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(QSize(math.ceil(width * ratio), math.ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


class RowPixmapView(QTableView):
    """A `QTableView` painted from kept row pixmaps (see the module docstring).

    Its model must offer `row_content(row) -> Sequence[Hashable]`: for each column, everything its
    `data` gives the cell for painting (texts, fonts), so that equal contents paint equal pixels."""

    CACHED_BYTES = 12 << 20  # rows: about 140 of the side panel's (a dozen pages); cells: as much again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = _Pixmaps(self.CACHED_BYTES)
        self._cells = _Pixmaps(self.CACHED_BYTES)
        self.keep_pixels = True  # False: painted by QTableView itself, every cell anew (for comparison)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        model = self.model()
        look = self._look() if self.keep_pixels else None
        if model is None or look is None or not model.rowCount(self.rootIndex()):
            super().paintEvent(event)
            return
        area = event.rect()
        first = self.rowAt(area.top())
        if first < 0:
            return  # below the last row: the viewport's background is all there is
        last = self.rowAt(area.bottom())
        last = model.rowCount(self.rootIndex()) - 1 if last < 0 else last
        alternate = self.alternatingRowColors()
        focus = self.currentIndex() if self.hasFocus() or self.viewport().hasFocus() else QModelIndex()
        focus_row = focus.row() if focus.isValid() else -1
        selected_rows = self._selected_rows(first, last)
        rows = self._placed_rows(first, last)
        style = self.style()
        painter = QPainter(self.viewport())
        for row, y, height in rows:
            if alternate and row & 1:  # the alternate background, under the row's pixels
                opt = QStyleOptionViewItem(look.base)
                opt.rect = QRect(look.left, y, look.width, height)
                opt.features |= _ALTERNATE
                style.drawPrimitive(_ROW, opt, painter, self)
            focus_column = focus.column() if row == focus_row else -1
            pixmap = self._row(row, height, row in selected_rows, focus_column, look)
            painter.drawPixmap(QPoint(look.left, y), pixmap)
        painter.end()

    def _placed_rows(self, first: int, last: int) -> list[tuple[int, int, int]]:
        """(row, y in the viewport, height) of the rows first..last that are shown: one query for
        the first row when every row has the same height and none is hidden (as in the tables that
        use this view), else a query per row."""
        header = self.verticalHeader()
        size = header.defaultSectionSize()
        if not header.hiddenSectionCount() and header.length() == header.count() * size:
            top = self.rowViewportPosition(first)
            return [(row, top + (row - first) * size, size) for row in range(first, last + 1)]
        return [
            (row, self.rowViewportPosition(row), self.rowHeight(row))
            for row in range(first, last + 1)
            if not self.isRowHidden(row)
        ]

    def _selected_rows(self, first: int, last: int) -> set[int]:
        """The rows among first..last that `QItemSelectionModel.isRowSelected` calls selected, read
        from the selection's ranges at once: a range over every column selects its rows; a row a
        narrower range touches is asked about alone."""
        selection, root = self.selectionModel(), self.rootIndex()
        if selection is None or not selection.hasSelection():
            return set()
        columns = self.model().columnCount(root)
        rows: set[int] = set()
        for rng in selection.selection():
            if rng.parent() != root:
                continue
            span = range(max(rng.top(), first), min(rng.bottom(), last) + 1)
            if rng.left() == 0 and rng.right() >= columns - 1:
                rows.update(span)
            else:
                rows.update(row for row in span if selection.isRowSelected(row, root))
        return rows

    def prepare_rows(self, rows: Iterable[int]) -> None:
        """Paint and keep these rows as the view shows them unselected (idle time: the rows an edit
        is about to bring into view then only draw their pixmaps)."""
        model, look = self.model(), self._look()
        if model is None or look is None:
            return
        for row in rows:
            if 0 <= row < model.rowCount(self.rootIndex()) and not self.isRowHidden(row):
                self._row(row, self.rowHeight(row), False, -1, look)

    def forget(self) -> None:
        """Drop every kept row and cell (the next paint draws each anew)."""
        self._rows.clear()
        self._cells.clear()

    def event(self, event: QEvent) -> bool:
        if event.type() in _LOOK_CHANGES:
            self.forget()
        return super().event(event)

    # ------------------------------------------------------------------ rows and cells
    def _look(self) -> _Look | None:
        model = self.model()
        if model is None:
            return None
        root = self.rootIndex()
        columns = [
            (c, self.columnViewportPosition(c), self.columnWidth(c))
            for c in range(model.columnCount(root))
            if not self.isColumnHidden(c) and self.columnWidth(c) > 0
        ]
        if not columns:
            return None
        left = min(x for _, x, _ in columns)
        width = max(x + w for _, x, w in columns) - left
        placed = tuple((c, x - left, w) for c, x, w in columns)
        base = QStyleOptionViewItem()
        self.initViewItemOption(base)
        ratio = self.viewport().devicePixelRatioF()  # a window moved to another screen may change it
        key = (placed, base.state.value, base.palette.cacheKey(), ratio)
        return _Look(placed, left, width, base, key, ratio)

    def _row(
        self,
        row: int,
        height: int,
        selected: bool,
        focus_column: int,
        look: _Look,
        content: Sequence[Hashable] | None = None,
        painters: dict[int, Callable[[QPainter, QStyleOptionViewItem], None]] | None = None,
    ) -> QPixmap:
        """The row's pixmap: kept, or made of its cells' pixmaps. `content` and `painters`: the row
        as it will be (see `prepare_row`)."""
        if content is None:
            content = self.model().row_content(row)
        key = (content, height, selected, focus_column, look.key)
        pixmap = self._rows.get(key)
        if pixmap is not None:
            return pixmap
        pixmap = _pixmap(look.width, height, look.ratio)
        painter = QPainter(pixmap)
        try:
            for column, x, w in look.placed:
                paint = painters.get(column) if painters else None
                cell = self._cell(
                    row, column, content, (w, height), selected, focus_column == column, look, paint
                )
                painter.drawPixmap(QPoint(x, 0), cell)
        finally:
            painter.end()
        return self._rows.keep(key, pixmap)

    def _cell(
        self,
        row: int,
        column: int,
        content: Sequence[Hashable],
        size: tuple[int, int],
        selected: bool,
        focus: bool,
        look: _Look,
        paint: Callable[[QPainter, QStyleOptionViewItem], None] | None = None,
    ) -> QPixmap:
        """A cell's pixmap: kept, or painted as `QTableView` paints it (by its delegate, or by
        `paint` for a cell whose content the model does not hold yet)."""
        width, height = size
        key = (column, content[column], width, height, selected, focus, look.key[1:])
        pixmap = self._cells.get(key)
        if pixmap is not None:
            return pixmap
        model = self.model()
        index = model.index(row, column, self.rootIndex())
        enabled = bool(model.flags(index) & Qt.ItemFlag.ItemIsEnabled)
        if paint is None:
            delegate = self.itemDelegateForIndex(index)

            def paint(painter: QPainter, opt: QStyleOptionViewItem) -> None:
                delegate.paint(painter, opt, index)

        pixmap = self._paint_cell(size, selected, focus, enabled, look, paint)
        return self._cells.keep(key, pixmap)

    def prepare_row(
        self,
        row: int,
        content: Sequence[Hashable],
        painters: dict[int, Callable[[QPainter, QStyleOptionViewItem], None]],
        selected: bool,
    ) -> None:
        """Paint and keep `row` as it will look once the model gives `content` for it (idle time
        before an edit that is likely: the edit's paint then only draws it). `painters`: for each
        column whose content differs from what the model gives now, how to paint it (as its
        delegate would); the other cells are painted from the model."""
        model, look = self.model(), self._look()
        if model is None or look is None or not 0 <= row < model.rowCount(self.rootIndex()):
            return
        if not self.isRowHidden(row):
            self._row(row, self.rowHeight(row), selected, -1, look, tuple(content), painters)

    def item_painter(
        self, row: int, column: int, text: str
    ) -> Callable[[QPainter, QStyleOptionViewItem], None]:
        """How the cell at (row, column) would be painted by a `QStyledItemDelegate` if its model
        gave `text` for it, everything else (alignment, font, colours) as the model gives now."""
        index = self.model().index(row, column, self.rootIndex())
        delegate = self.itemDelegateForIndex(index)

        def paint(painter: QPainter, opt: QStyleOptionViewItem) -> None:
            item = QStyleOptionViewItem(opt)
            delegate.initStyleOption(item, index)
            item.text = text
            widget = item.widget
            style = widget.style() if widget is not None else self.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)

        return paint

    def prepare_cell(
        self, column: int, content: Hashable, paint: Callable[[QPainter, QStyleOptionViewItem], None]
    ) -> None:
        """Paint and keep, selected, the cell that a row about to be inserted (a label key's) will
        show in `column`, unless kept already: `content` is what the model's `row_content` will give
        for it, `paint` paints it as the column's delegate does. Idle time after a text selection:
        the key then only draws it."""
        look = self._look()
        width = next((w for c, _, w in look.placed if c == column), 0) if look is not None else 0
        if not width:
            return
        size = (width, self.verticalHeader().defaultSectionSize())
        key = (column, content, *size, True, False, look.key[1:])
        if key not in self._cells:
            self._cells.keep(key, self._paint_cell(size, True, False, True, look, paint))

    def _paint_cell(
        self,
        size: tuple[int, int],
        selected: bool,
        focus: bool,
        enabled: bool,
        look: _Look,
        paint: Callable[[QPainter, QStyleOptionViewItem], None],
    ) -> QPixmap:
        """A cell painted as `QTableView` paints it: its row panel (the selection's background), then
        `paint` (its delegate), with the state `QTableView` gives it."""
        width, height = size
        pixmap = _pixmap(width, height, look.ratio)
        opt = QStyleOptionViewItem(look.base)
        opt.rect = QRect(0, 0, width, height)
        if selected:
            opt.state |= _SELECTED
        if opt.state & _ENABLED:
            palette = opt.palette
            if enabled:
                palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
            else:
                opt.state &= ~_ENABLED
                palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
            opt.palette = palette
        if focus:
            opt.state |= _FOCUS
        painter = QPainter(pixmap)
        try:
            self.style().drawPrimitive(_ROW, opt, painter, self)
            paint(painter, opt)
        finally:
            painter.end()
        return pixmap
