"""The document list: a lazily loaded table model over the project's documents, and its widget.

The model never loads texts and never loads the whole list: it asks the store for pages of
`PAGE` rows as the view scrolls (`canFetchMore`/`fetchMore`), so a 100,000-document project opens
and scrolls at once. Everything it shows is plain text: names and titles come from imported files
and must never be interpreted as HTML (a title `<img src=x>` shows as those characters).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DocumentInfo, Status
from annotator.core.store import Store
from annotator.ui import plain

PAGE = 200

DOC_ID_ROLE = Qt.ItemDataRole.UserRole

STATUS_TEXT = {
    Status.NEW: "New",
    Status.IN_PROGRESS: "In progress",
    Status.DONE: "Done",
    Status.ADJUDICATED: "Adjudicated",
}

_Index = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int = 200) -> str:
    """Text for a table cell: line breaks as spaces, cut at `limit` characters."""
    flat = " ".join(text.split()) if ("\n" in text or "\r" in text or "\u2029" in text) else text
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class DocumentListModel(QAbstractTableModel):
    """Documents of a project with this annotator's status and span count, loaded page by page."""

    COLUMNS = ("Name", "Title", "Status", "Spans", "Others")
    NAME, TITLE, STATUS, SPANS, OTHERS = range(5)

    def __init__(self, store: Store, annotator: str, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self._status: Status | None = None
        self._query = ""
        self._rows: list[DocumentInfo] = []
        self._row_of: dict[int, int] = {}
        self._exhausted = False
        self._fetching = False
        self._fill_first_page()

    # ------------------------------------------------------------------ loading
    def _fetch(self) -> list[DocumentInfo]:
        """The next page after the last loaded row, by id (keyset paging: as fast deep down as on top,
        and unaffected by rows that left the filter since they were loaded)."""
        last_id = self._rows[-1].id if self._rows else None
        page = self.store.list_documents(
            self.annotator, limit=PAGE, status=self._status, query=self._query or None, after_id=last_id
        )
        if len(page) < PAGE:
            self._exhausted = True
        return page

    def _load_page(self) -> None:
        if self._fetching:  # a view or tester asking again from inside a rowsInserted handler
            return
        self._fetching = True
        try:
            rows = self._fetch()
            if rows:
                self._append(rows)
        finally:
            self._fetching = False

    def _fill_first_page(self) -> None:
        """Load the first page without row signals (inside a reset, or before any view exists)."""
        rows = self._fetch()
        self._row_of = {info.id: i for i, info in enumerate(rows)}
        self._rows = rows

    def _append(self, rows: list[DocumentInfo]) -> None:
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        for i, info in enumerate(rows, first):
            self._row_of[info.id] = i
        self._rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        self._load_page()

    def set_filter(self, status: Status | None, query: str = "") -> None:
        """Show only documents with this status (None: all) whose name or title contains `query`."""
        self.beginResetModel()
        self._status = Status(status) if status is not None else None
        self._query = query.strip()
        self._rows = []
        self._row_of = {}
        self._exhausted = False
        self._fill_first_page()
        self.endResetModel()

    def reload(self) -> None:
        """Reload from the first page with the same filter (after an import, say)."""
        self.set_filter(self._status, self._query)

    # ------------------------------------------------------------------ updates
    def row_of(self, doc_id: int) -> int | None:
        return self._row_of.get(doc_id)

    def doc_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def refresh_row(self, doc_id: int) -> None:
        """Re-read one document's status and span count (after an edit or a status change)."""
        row = self._row_of.get(doc_id)
        if row is None:
            return
        try:
            info = self.store.document_info(doc_id, self.annotator)
        except KeyError:
            return
        old = self._rows[row]
        if info == old:
            return
        self._rows[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def refresh_rows(self, first: int, last: int) -> None:
        """Re-read a range of loaded rows (the visible ones after another window's edits)."""
        first = max(0, first)
        last = min(last, len(self._rows) - 1)
        for row in range(first, last + 1):
            self.refresh_row(self._rows[row].id)

    # ------------------------------------------------------------------ the model interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        info = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return one_line(info.name)
            if col == self.TITLE:
                return one_line(info.title)
            if col == self.STATUS:
                return STATUS_TEXT.get(info.status, str(info.status))
            if col == self.SPANS:
                return str(info.span_count)
            if col == self.OTHERS:
                return str(info.other_spans) if info.other_spans else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NAME:
                return plain.tooltip(info.name)
            if col == self.TITLE:
                return plain.tooltip(info.title)
            if col == self.OTHERS and info.other_spans:
                return f"{info.other_spans} spans in other annotators' layers (Suggestions > Suggest from)"
            if col == self.SPANS:
                return "Your spans (suggestions not counted)"
            return None
        if role == DOC_ID_ROLE:
            return info.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.SPANS, self.OTHERS):
            return int(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class DocumentList(QWidget):
    """Search field, status filter and the lazily loaded table. Emits `documentActivated(doc_id)`."""

    documentActivated = Signal(int)

    FILTERS = (("All", None), ("New", Status.NEW), ("In progress", Status.IN_PROGRESS), ("Done", Status.DONE))

    def __init__(self, store: Store, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(store, annotator, self)
        self._syncing = False

        self.search = QLineEdit(self)
        # the store folds the filter as find does: tashkeel, tatweel, أ إ آ ا, ى ي, ة ه, case
        self.search.setPlaceholderText("Filter names and titles (ignores tashkeel; أ=ا, ى=ي, ة=ه)")
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        for text, status in self.FILTERS:
            self.status_combo.addItem(text, status.value if status else "")

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.view.verticalHeader()
        vh.setVisible(False)
        # uniform row heights: a fixed section size means no per-row size hints are computed
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        hh.resizeSection(DocumentListModel.NAME, 130)
        hh.resizeSection(DocumentListModel.STATUS, 85)
        hh.resizeSection(DocumentListModel.SPANS, 48)
        hh.resizeSection(DocumentListModel.OTHERS, 52)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(self.apply_filter)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self._current_doc: int | None = None

    def apply_filter(self) -> None:
        self._search_timer.stop()
        status = self.FILTERS[max(0, self.status_combo.currentIndex())][1]
        self.model.set_filter(status, self.search.text())
        if self._current_doc is not None:
            self.select_document(self._current_doc)

    def _activated(self, index: QModelIndex) -> None:
        if self._syncing or not index.isValid():
            return
        doc_id = self.model.doc_id(index.row())
        if doc_id is not None:
            self.documentActivated.emit(doc_id)

    def select_document(self, doc_id: int | None) -> None:
        """Show `doc_id` as the current row (when loaded) without emitting documentActivated."""
        self._current_doc = doc_id
        row = self.model.row_of(doc_id) if doc_id is not None else None
        self._syncing = True
        try:
            if row is None:
                self.view.clearSelection()
                return
            index = self.model.index(row, 0)
            self.view.selectRow(row)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def refresh_row(self, doc_id: int) -> None:
        self.model.refresh_row(doc_id)

    def refresh_visible(self) -> None:
        """Re-read the rows on screen (after another window changed the project)."""
        if self.model.rowCount() == 0:
            self.model.reload()
            return
        top = self.view.rowAt(0)
        bottom = self.view.rowAt(max(0, self.view.viewport().height() - 1))
        if top < 0:
            top = 0
        if bottom < 0:
            bottom = min(self.model.rowCount() - 1, top + 100)
        self.model.refresh_rows(top, bottom)
