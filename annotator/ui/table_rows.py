"""Selecting a table's row from code, in either layout direction.

`QTableView.selectRow` picks the row's cell at the view's leading edge with
`logicalIndexAt(viewport().width())` when the view is right to left: one pixel past the last column,
so no column, no index, and nothing is selected (Qt 6.x). The Arabic interface lost the document
list's highlight that way. This selects the whole row through the selection model instead.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def select_row(view: QAbstractItemView, row: int) -> None:
    """Make `row` the view's only selected row and its current one (its first column)."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or not 0 <= row < model.rowCount():
        return
    first = model.index(row, 0)
    selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
    selection.select(QItemSelection(first, model.index(row, model.columnCount() - 1)), _SELECT_ROW)
