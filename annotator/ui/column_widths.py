"""Default column widths of a table: columns that hold a few known values (statuses, counts, origins)
fit the longest of them and their header, a column of free text (a name) takes at most a share of
the view, and one column stretches over what is left, never narrower than its own share (a narrow
view scrolls sideways rather than cut a title to three letters); a column the user dragged keeps
the width the user gave it.

Qt's `ResizeToContents` asks the model for up to a thousand rows at every resize (the document list
would read pages nobody looks at) and cannot cap a column; here the values are few and known, so
they are measured with the view's font, and the widths follow the view's width as the dock or the
window is resized.

The widths the user gave are remembered (`QSettings`, under `columns/<name>`) and given back when the
table is made again, in this session or the next; double-clicking the edge of a column's header
gives that column back to the default sizing (and forgets it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

Values = Callable[[], Iterable[str]]

_SIZED = (QEvent.Type.Resize, QEvent.Type.Show)
_SLACK = 6  # pixels beyond the text and the style's margins: a fitted text never touches the next column


def visible_values(view: QTableView, column: int, at_most: int = 80) -> list[str]:
    """The texts of `column` in the rows the view shows (the first rows before it is laid out):
    what a free-text column is fitted to, without reading rows nobody looks at."""
    model = view.model()
    rows = model.rowCount()
    first = max(view.rowAt(0), 0)
    last = view.rowAt(view.viewport().height() - 1)
    if last < 0:
        last = rows - 1
    last = min(last, first + at_most - 1)
    out = []
    for row in range(first, last + 1):
        value = model.data(model.index(row, column))
        if value:
            out.append(str(value))
    return out


class ColumnWidths(QObject):
    """Sizes the columns of `view`: `fit` maps a column to the values it shows (asked again at every
    sizing: they may be translated), `share` caps a column at that fraction of the view's width
    (a column with a share and no values gets exactly its share), `stretch` takes the rest, or
    `floor` of the view's width when the rest is less (the columns with a share first give up to a
    quarter of their width to leave it that much).

    Sizing happens when the view's width changes, when the user resizes another column, and on
    `apply()` (after a language change). With a `name`, the widths the user gave are kept in the
    settings and given back (see the module docstring)."""

    def __init__(
        self,
        view: QTableView,
        *,
        stretch: int,
        fit: dict[int, Values] | None = None,
        share: dict[int, float] | None = None,
        floor: float = 0.3,
        name: str | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.floor = floor
        self.fit = dict(fit or {})
        self.share = dict(share or {})
        self.user: set[int] = set()  # columns the user resized: never sized again
        self._sizing = False
        self._width = -1
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)
        # a double-click on a column's edge gives it back to the default sizing, instead of
        # QTableView's resizeColumnToContents (which reads up to a thousand rows of the model)
        QObject.disconnect(
            header, SIGNAL("sectionHandleDoubleClicked(int)"), view, SLOT("resizeColumnToContents(int)")
        )
        header.sectionHandleDoubleClicked.connect(self.reset)
        self._key = f"columns/{name}" if name else None
        self._restore()

    def _restore(self) -> None:
        """The widths the user gave this table before, from the settings (a value that is not a
        list of "column:width" pairs of this table's columns is ignored)."""
        if self._key is None:
            return
        header = self.view.horizontalHeader()
        saved: dict[int, int] = {}
        for pair in str(QSettings().value(self._key, "") or "").split(","):
            column, _, width = pair.partition(":")
            if (
                column.isdigit()
                and width.isdigit()
                and int(column) < header.count()
                and 0 < int(width) < 10_000
            ):
                saved[int(column)] = int(width)
        self._sizing = True
        try:
            for column, width in saved.items():
                if column == self.stretch:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
                self.user.add(column)
        finally:
            self._sizing = False

    def _remember(self) -> None:
        if self._key is None:
            return
        header = self.view.horizontalHeader()
        value = ",".join(f"{c}:{header.sectionSize(c)}" for c in sorted(self.user))
        if value:
            QSettings().setValue(self._key, value)
        else:
            QSettings().remove(self._key)

    def reset(self, column: int) -> None:
        """Give `column` back to the default sizing (the user's width for it forgotten)."""
        self.user.discard(column)
        self._remember()
        self.apply()

    def managed(self) -> list[int]:
        return sorted(set(self.fit) | set(self.share))

    def text_width(self, texts: Iterable[str]) -> int:
        """The width a cell needs for the widest of `texts` (the item delegate's margins included)."""
        view = self.view
        metrics = view.fontMetrics()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        return max((metrics.horizontalAdvance(t) for t in texts), default=0) + margin + _SLACK

    def width_for(self, column: int, available: int) -> int:
        """The default width of `column` in a view `available` pixels wide."""
        header = self.view.horizontalHeader()
        head = header.sectionSizeFromContents(column).width() + _SLACK
        values = self.fit.get(column)
        share = self.share.get(column)
        if values is None:
            return max(head, int(available * share)) if share is not None else head
        width = max(head, self.text_width(values()))
        if share is not None:
            width = max(head, min(width, int(available * share)))
        return width

    def apply(self) -> None:
        """Size every column the user has not resized, for the view's width now."""
        available = self.view.viewport().width()
        self._width = available
        header = self.view.horizontalHeader()
        sized = {
            c: self.width_for(c, available)
            for c in self.managed()
            if c not in self.user and not header.isSectionHidden(c)
        }
        # a column with a share gives up to a quarter of its width (never its header) before the
        # stretching one goes below its floor; in a narrower view both keep that much and it scrolls
        taken = sum(
            sized.get(c, header.sectionSize(c))
            for c in range(header.count())
            if c != self.stretch and not header.isSectionHidden(c)
        )
        excess = taken + int(available * self.floor) - available
        for c in sorted(set(sized) & set(self.share)):
            if excess <= 0:
                break
            least = max(header.sectionSizeFromContents(c).width() + _SLACK, sized[c] * 3 // 4)
            give = min(excess, sized[c] - least)
            if give > 0:
                sized[c] -= give
                excess -= give
        self._sizing = True
        try:
            for column, width in sized.items():
                header.resizeSection(column, width)
            self._size_stretch(available)
        finally:
            self._sizing = False

    def _size_stretch(self, available: int) -> None:
        """The stretching column takes the rest of the view, or its floor when the rest is less."""
        header = self.view.horizontalHeader()
        if self.stretch in self.user:
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.stretch and not header.isSectionHidden(c)
        )
        floor = int(available * self.floor)
        if available - others >= floor:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(self.stretch, floor)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if self._sizing:
            return
        header = self.view.horizontalHeader()
        stretching = header.sectionResizeMode(self.stretch) == QHeaderView.ResizeMode.Stretch
        if column in self.managed() or (column == self.stretch and not stretching):
            self.user.add(column)  # dragged by the user
            self._remember()
        if column != self.stretch:
            self._sizing = True
            try:
                self._size_stretch(self.view.viewport().width())
            finally:
                self._sizing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # a view laid out while hidden gets its last size on Show, without a Resize event of it
        if event.type() in _SIZED and self.view.viewport().width() != self._width:
            self.apply()
        return False
