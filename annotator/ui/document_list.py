"""The document list: a table model over the project's documents that loads rows where the view is,
and its widget.

The model holds the ids of every document that matches the filter (one query, in list order: a
few megabytes for 100,000 documents), so its row count is known from the start and a view can jump
anywhere, to the end with Ctrl+End or by dragging the scroll bar; a row's contents (name, title,
status, span count: never the text) are read a page of `PAGE` rows at a time when the view first
asks for one of them, and at most `CACHE_PAGES` pages are kept. Everything it shows is plain text:
names and titles come from imported files and must never be interpreted as HTML (a title
`<img src=x>` shows as those characters).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
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
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Change, DocumentInfo, Origin, Span, Status
from annotator.core.store import Store
from annotator.ui import plain
from annotator.ui.column_widths import ColumnWidths, visible_values
from annotator.ui.i18n import status_text
from annotator.ui.natural_direction_delegate import NaturalDirectionDelegate
from annotator.ui.row_pixmap_view import RowPixmapView
from annotator.ui.table_rows import select_row

PAGE = 64  # a screenful or two: a jump reads ~3 ms of rows, not ~12
CACHE_PAGES = 160

DOC_ID_ROLE = Qt.ItemDataRole.UserRole
_COUNT_SAMPLE = "0000"  # the widest count a count column is sized for (wider ones are elided)


_Index = QModelIndex | QPersistentModelIndex

# the flags of every cell of a read-only list: computed once (a view asks per cell per paint, and
# combining enum flags in Python costs microseconds each time)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentList", text)


def one_line(text: str, limit: int = 200) -> str:
    """Text for a table cell: line breaks as spaces, cut at `limit` characters."""
    flat = " ".join(text.split()) if ("\n" in text or "\r" in text or "\u2029" in text) else text
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _real_spans(spans: Iterable[Span]) -> int:
    """How many of `spans` are not suggestions (what the list's span count counts)."""
    return sum(1 for s in spans if s.origin != Origin.SUGGESTED)


class DocumentListModel(QAbstractTableModel):
    """Documents of a project with this annotator's status and span count; see the module docstring.

    The ids are a snapshot taken when the filter is set: a document that leaves the filter later
    (marked done under "New") keeps its row, showing its new status, until the filter is set again.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("DocumentList", "Name"),
        QT_TRANSLATE_NOOP("DocumentList", "Title"),
        QT_TRANSLATE_NOOP("DocumentList", "Status"),
        QT_TRANSLATE_NOOP("DocumentList", "Spans"),
        QT_TRANSLATE_NOOP("DocumentList", "Others"),
    )
    NAME, TITLE, STATUS, SPANS, OTHERS = range(5)

    def __init__(self, store: Store, annotator: str, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self._status: Status | None = None
        self._query = ""
        self._queue = False  # only the documents assigned to this annotator
        self._ids = array("q")  # document ids in list order (ascending)
        self._pages: OrderedDict[int, list[DocumentInfo | None]] = OrderedDict()  # page number -> rows
        self.pages_read = 0  # a counter for tests and benchmarks
        self._load_ids()

    # ------------------------------------------------------------------ loading
    def _load_ids(self) -> None:
        self._ids = array(
            "q",
            self.store.document_ids(
                self.annotator, status=self._status, query=self._query or None, queue=self._queue
            ),
        )
        self._pages.clear()

    def _page(self, number: int) -> list[DocumentInfo | None]:
        """The rows of page `number`, read from the store the first time (least recently used dropped)."""
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        found = {info.id: info for info in self.store.document_infos(ids, self.annotator)}
        rows = [found.get(i) for i in ids]  # None: the document was deleted since
        self.pages_read += 1
        self._pages[number] = rows
        if len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        return rows

    def info(self, row: int) -> DocumentInfo | None:
        """The list row `row` (read with its page when not loaded yet)."""
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // PAGE)[row % PAGE]

    def drop_cache(self) -> None:
        """Forget the rows read so far (they are read again when shown)."""
        self._pages.clear()

    def set_filter(self, status: Status | None, query: str = "", queue: bool = False) -> None:
        """Show only documents with this status (None: all) whose name or title contains `query`
        (and, with `queue`, that are assigned to this annotator)."""
        self.beginResetModel()
        self._queue = queue
        self._status = Status(status) if status is not None else None
        self._query = query.strip()
        self._load_ids()
        self.endResetModel()

    def reload(self) -> None:
        """Read the list again with the same filter (after an import, say)."""
        self.set_filter(self._status, self._query, self._queue)

    # ------------------------------------------------------------------ updates
    def row_of(self, doc_id: int) -> int | None:
        i = bisect_left(self._ids, doc_id)
        return i if i < len(self._ids) and self._ids[i] == doc_id else None

    def doc_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _cached(self, row: int) -> tuple[list[DocumentInfo | None], int] | None:
        rows = self._pages.get(row // PAGE)
        return (rows, row % PAGE) if rows is not None else None

    def _set_row(self, row: int, info: DocumentInfo | None) -> None:
        cached = self._cached(row)
        if cached is None or cached[0][cached[1]] == info:
            return
        cached[0][cached[1]] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def refresh_row(self, doc_id: int) -> None:
        """Re-read one document's status and span count (when its row is loaded)."""
        row = self.row_of(doc_id)
        if row is None or self._cached(row) is None:
            return
        infos = self.store.document_infos([doc_id], self.annotator)
        self._set_row(row, infos[0] if infos else None)

    def refresh_rows(self, first: int, last: int) -> None:
        """Re-read a range of loaded rows (the visible ones after another window's edits)."""
        first = max(0, first)
        last = min(last, len(self._ids) - 1)
        rows = [r for r in range(first, last + 1) if self._cached(r) is not None]
        found = {i.id: i for i in self.store.document_infos([self._ids[r] for r in rows], self.annotator)}
        for r in rows:
            self._set_row(r, found.get(self._ids[r]))

    def apply(self, change: Change) -> None:
        """Follow an edit made in this window: its span count and status, without a query."""
        row = self.row_of(change.doc_id)
        cached = self._cached(row) if row is not None and change.annotator == self.annotator else None
        info = cached[0][cached[1]] if cached is not None else None
        if info is None:
            return
        # the count leaves suggestions out: accepting one (its origin changes) counts it
        real = _real_spans
        count = (
            info.span_count
            + real(change.spans_added)
            - real(change.spans_removed)
            + real(after for _, after in change.spans_updated)
            - real(before for before, _ in change.spans_updated)
        )
        status = change.status[1] if change.status else info.status
        self._set_row(row, replace(info, status=status, span_count=count))

    # ------------------------------------------------------------------ the model interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _display(self, info: DocumentInfo, col: int) -> str | None:
        if col == self.NAME:
            return one_line(info.name)
        if col == self.TITLE:
            return one_line(info.title)
        if col == self.STATUS:
            return status_text(info.status)
        if col == self.SPANS:
            return str(info.span_count)
        if col == self.OTHERS:
            return str(info.other_spans) if info.other_spans else ""
        return None

    def row_content(self, row: int) -> tuple[str | None, ...]:
        """What each of the row's cells shows (the list's view keeps the row's and the cells'
        pixels under it, see row_pixmap_view: a count changed paints that cell anew, not the row)."""
        info = self.info(row)
        if info is None:
            return (None,) * len(self.COLUMNS)
        return tuple(self._display(info, col) for col in range(len(self.COLUMNS)))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if role == DOC_ID_ROLE:
            return self.doc_id(row)
        info = self.info(row)
        if info is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NAME:
                return plain.tooltip(info.name)
            if col == self.TITLE:
                return plain.tooltip(info.title)
            if col == self.OTHERS and info.other_spans:
                return _tr(
                    QT_TRANSLATE_NOOP(
                        "DocumentList", "{n} spans in other annotators' layers (Suggestions > Suggest from)"
                    )
                ).format(n=info.other_spans)
            if col == self.SPANS:
                return _tr(QT_TRANSLATE_NOOP("DocumentList", "Your spans (suggestions not counted)"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.SPANS, self.OTHERS):
            return int(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return _tr(self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        DOC_ID_ROLE,
    }
)


class DocumentList(QWidget):
    """Search field, status filter and the lazily loaded table. Emits `documentActivated(doc_id)`."""

    documentActivated = Signal(int)

    FILTERS = (
        (QT_TRANSLATE_NOOP("DocumentList", "All"), None),
        (QT_TRANSLATE_NOOP("DocumentList", "New"), Status.NEW),
        (QT_TRANSLATE_NOOP("DocumentList", "In progress"), Status.IN_PROGRESS),
        (QT_TRANSLATE_NOOP("DocumentList", "Done"), Status.DONE),
    )
    # the documents a lead assigned to this annotator (offered first when there are some)
    QUEUE = QT_TRANSLATE_NOOP("DocumentList", "My queue")

    def __init__(self, store: Store, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(store, annotator, self)
        self._syncing = False
        self.widths: ColumnWidths | None = None

        self.search = QLineEdit(self)
        # the store folds the filter as find does: tashkeel, tatweel, أ إ آ ا, ى ي, ة ه, case
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        for text, status in self.FILTERS:
            self.status_combo.addItem(text, status.value if status else "")
        if store.has_assignments(annotator):  # the queue comes first
            self.status_combo.insertItem(0, self.QUEUE, "queue")
            self.status_combo.setCurrentIndex(0)
            self.model.set_filter(None, "", queue=True)
        self.retranslate()

        self.view = RowPixmapView(self)  # a count changed repaints its cell, the rest are kept pixels
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setItemDelegate(NaturalDirectionDelegate(self.view))  # a Latin name in the Arabic interface
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.view.verticalHeader()
        vh.setVisible(False)
        # uniform row heights: a fixed section size means no per-row size hints are computed
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        # the title stretches; status and counts fit their values, a name takes at most a quarter
        m = DocumentListModel
        self.widths = ColumnWidths(
            self.view,
            stretch=m.TITLE,
            fit={
                m.NAME: lambda: visible_values(self.view, m.NAME),
                m.STATUS: lambda: [status_text(s) for s in Status],
                m.SPANS: lambda: [_COUNT_SAMPLE],
                m.OTHERS: lambda: [_COUNT_SAMPLE],
            },
            share={m.NAME: 0.25},
            name="documents",
        )

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        # Tab from the filter box goes to the list (type a name, Tab, Enter opens it), then the combo
        QWidget.setTabOrder(self.search, self.view)
        QWidget.setTabOrder(self.view, self.status_combo)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._filter_entered)
        self.status_combo.currentIndexChanged.connect(self.apply_filter)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self._current_doc: int | None = None
        # after a text selection in the reader, when the event loop is idle: see `label_ahead`
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.timeout.connect(self._paint_ahead)

    def retranslate(self) -> None:
        """Texts in the language in use (called again on a LanguageChange event)."""
        self.search.setPlaceholderText(
            _tr(
                QT_TRANSLATE_NOOP("DocumentList", "Filter names and titles (ignores tashkeel; أ=ا, ى=ي, ة=ه)")
            )
        )
        combo = self.status_combo
        for text, status in self.FILTERS:  # found by their data: the queue may come before them
            combo.setItemText(combo.findData(status.value if status else ""), _tr(text))
        queue = combo.findData("queue")
        if queue >= 0:
            combo.setItemText(queue, _tr(self.QUEUE))
        model = self.model
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.COLUMNS) - 1)
        if self.widths is not None:  # (the first call comes before the view is made)
            self.widths.apply()  # the headers and statuses of another language
        if model.rowCount():
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, len(model.COLUMNS) - 1)
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        data = self.status_combo.currentData() or ""
        status = Status(data) if data and data != "queue" else None
        self.model.set_filter(status, self.search.text(), queue=data == "queue")
        if self._current_doc is not None:
            self.select_document(self._current_doc)

    def _filter_entered(self) -> None:
        """Enter in the filter box: apply it now, and open the document when it is the only one left.
        That was a jump by name: the words typed are cleared afterwards (the status filter stays), so
        the list shows the documents around it again, with it selected, and Alt+Down / Ctrl+Enter go
        on from it rather than finding no other document in a list of one."""
        self.apply_filter()
        if self.model.rowCount() == 1:
            self._activated(self.model.index(0, 0))
            self.search.clear()
            self.apply_filter()

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
            select_row(self.view, row)  # (QTableView.selectRow selects nothing right to left)
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def refresh_row(self, doc_id: int) -> None:
        self.model.refresh_row(doc_id)

    def label_ahead(self, selected: bool) -> None:
        """Text was selected in the reader (`selected`; False: the selection is gone): when the
        event loop is idle, the current document's row is painted as a label key will leave it
        (one span more) and kept, so that the key draws it rather than painting its count anew."""
        if selected:
            self._ahead_timer.start()
        else:
            self._ahead_timer.stop()

    @property
    def preparing(self) -> bool:
        """Whether that painting ahead is still to come."""
        return self._ahead_timer.isActive()

    def _paint_ahead(self) -> None:
        doc_id, model, view = self._current_doc, self.model, self.view
        row = model.row_of(doc_id) if doc_id is not None else None
        info = model.info(row) if row is not None else None
        if info is None or not view.isVisible():
            return
        count = str(info.span_count + 1)
        content = list(model.row_content(row))
        content[model.SPANS] = count
        selection = view.selectionModel()
        selected = selection is not None and selection.isRowSelected(row, QModelIndex())
        view.prepare_row(row, content, {model.SPANS: view.item_painter(row, model.SPANS, count)}, selected)

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
