"""A read-only table model over rows of plain values, for the review tables (agreement, units).

Values are shown as plain text (item views never interpret it as HTML); floats with three decimals
and None as "n/a" (translated), as on the command line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.agreement import figure

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows of values under a header; `set_rows` replaces them all."""

    def __init__(self, header: list[str], parent=None) -> None:
        super().__init__(parent)
        self.header = list(header)
        self.rows: list[list[Any]] = []

    def set_rows(self, rows: list[list[Any]], header: list[str] | None = None) -> None:
        self.beginResetModel()
        if header is not None:
            self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RowsModel", "n/a") if value is None else figure(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and (value is None or isinstance(value, (int, float))):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.header):
            return self.header[section]
        return section + 1
