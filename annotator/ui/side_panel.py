"""The side panel: the current document's spans and relations, and an attribute editor.

Both tables are item models over the session's in-memory lists (no copy, no per-row widgets), so a
document with 10,000 spans refreshes in a moment after each edit. Clicking a span row emits
`spanActivated(span_id)`; the window forwards it to the reader, which scrolls to and selects it.
Span texts and label names are shown as plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Relation, Span
from annotator.ui import plain
from annotator.ui.document_list import one_line

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
UNSET = "—"


def attrs_text(attrs: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(attrs.items()))


class _Table(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def reload(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        pass

    def surface(self, span: Span | None, limit: int = 120) -> str:
        doc = self.session.doc
        if span is None or doc is None:
            return ""
        return one_line(doc.text[span.start : span.end], limit)


class SpanTableModel(_Table):
    """The session's spans in reading order: text, label, attributes, speaker, origin."""

    COLUMNS = ("Text", "Label", "Attributes", "Speaker", "Origin")
    TEXT, LABEL, ATTRS, SPEAKER, ORIGIN = range(5)

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self._spans: list[Span] = []
        self._rows: dict[int, int] = {}
        self._speakers: dict[int, list[int]] = {}
        self._load()

    def _load(self) -> None:
        self._spans = list(self.session.spans)
        self._rows = {s.id: i for i, s in enumerate(self._spans)}
        speakers: dict[int, list[int]] = {}
        for rel in self.session.relations:
            if rel.type == "ATTRIBUTED_TO":
                speakers.setdefault(rel.head, []).append(rel.tail)
        self._speakers = speakers

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int) -> int | None:
        return self._rows.get(span_id)

    def speaker_text(self, span: Span) -> str:
        names = []
        for sid in self._speakers.get(span.id, ()):
            sp = self.session.span(sid)
            if sp is not None:
                names.append(self.surface(sp, 60))
        return "; ".join(names)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        span = self.span_at(index.row()) if index.isValid() else None
        if span is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TEXT:
                return self.surface(span)
            if col == self.LABEL:
                return span.label
            if col == self.ATTRS:
                return attrs_text(span.attrs)
            if col == self.SPEAKER:
                return self.speaker_text(span)
            if col == self.ORIGIN:
                return span.origin.value
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TEXT:
            return plain.tooltip(self.surface(span, 1000))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.ATTRS and span.attrs:
            # each attribute whole on its own line: a brat note or a Label Studio comment is long
            return plain.tooltip("\n".join(f"{k}: {v}" for k, v in sorted(span.attrs.items())))
        if role == ID_ROLE:
            return span.id
        return None


class RelationTableModel(_Table):
    """The session's relations: type, from (head) and to (tail)."""

    COLUMNS = ("Relation", "From", "To")

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self._relations: list[Relation] = []
        self._load()

    def _load(self) -> None:
        self._relations = list(self.session.relations)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._relations)

    def relation_at(self, row: int) -> Relation | None:
        return self._relations[row] if 0 <= row < len(self._relations) else None

    def end_text(self, span_id: int) -> str:
        span = self.session.span(span_id)
        if span is None:
            return f"#{span_id}"
        return f"{span.label}: {self.surface(span, 60)}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        rel = self.relation_at(index.row()) if index.isValid() else None
        if rel is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (rel.type, self.end_text(rel.head), self.end_text(rel.tail))[index.column()]
        if role == ID_ROLE:
            return rel.id
        return None


def _table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class SidePanel(QWidget):
    """Spans and relations of the current document; emits `spanActivated(span_id)` on a click."""

    spanActivated = Signal(int)

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._selected: int | None = None
        self._syncing = False
        self._attr_key: tuple[int, str] | None = None

        self.spans_model = SpanTableModel(session, self)
        self.relations_model = RelationTableModel(session, self)
        self.spans_view = _table(self.spans_model, self)
        self.relations_view = _table(self.relations_model, self)
        hh = self.spans_view.horizontalHeader()
        hh.setSectionResizeMode(SpanTableModel.TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setStretchLastSection(False)
        for col, width in (
            (SpanTableModel.LABEL, 70),
            (SpanTableModel.ATTRS, 95),
            (SpanTableModel.SPEAKER, 110),
            (SpanTableModel.ORIGIN, 60),
        ):
            hh.resizeSection(col, width)
        rh = self.relations_view.horizontalHeader()
        rh.resizeSection(0, 105)
        rh.resizeSection(1, 170)

        self.spans_title = self._title("Spans")
        self.relations_title = self._title("Relations")

        # attribute editor for the selected span
        self.attr_box = QWidget(self)
        self.attr_form = QFormLayout(self.attr_box)
        self.attr_form.setContentsMargins(0, 0, 0, 0)
        self.attr_title = self._title("")
        self.attr_combos: dict[str, QComboBox] = {}

        self.delete_relation_button = QPushButton("Delete relation", self)
        self.delete_relation_button.setEnabled(False)
        self.delete_relation_button.clicked.connect(self.delete_selected_relation)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.spans_title)
        top_layout.addWidget(self.spans_view, 1)
        top_layout.addWidget(self.attr_title)
        top_layout.addWidget(self.attr_box)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.relations_title)
        bottom_layout.addWidget(self.relations_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_relation_button)
        bottom_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.spans_view.selectionModel().currentRowChanged.connect(self._span_row_changed)
        self.spans_view.clicked.connect(self._span_clicked)
        self.relations_view.selectionModel().selectionChanged.connect(self._relation_row_changed)
        self.relations_view.clicked.connect(self._relation_clicked)
        session.changed.connect(self.reload)
        session.document_opened.connect(self._document_opened)
        session.external_annotations_changed.connect(self.reload)
        self.reload()

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # ------------------------------------------------------------------ refresh
    def _document_opened(self, _doc=None) -> None:
        self._selected = None
        self.reload()

    def reload(self, _change=None) -> None:
        """Re-read spans and relations from the session (after an edit, undo or another window)."""
        self._syncing = True
        try:
            self.spans_model.reload()
            self.relations_model.reload()
            self.spans_title.setText(f"Spans ({self.spans_model.rowCount()})")
            self.relations_title.setText(f"Relations ({self.relations_model.rowCount()})")
            if self._selected is not None and self.session.span(self._selected) is None:
                self._selected = None
            self._select_row(self._selected)
        finally:
            self._syncing = False
        self._relation_row_changed()
        self._rebuild_attr_editor()

    def show_span(self, span_id: int | None) -> None:
        """Follow the reader's selection (does not emit spanActivated)."""
        self._selected = span_id
        self._syncing = True
        try:
            self._select_row(span_id)
        finally:
            self._syncing = False
        self._rebuild_attr_editor()

    def _select_row(self, span_id: int | None) -> None:
        row = self.spans_model.row_of(span_id) if span_id is not None else None
        if row is None:
            self.spans_view.clearSelection()
            return
        self.spans_view.selectRow(row)
        self.spans_view.scrollTo(self.spans_model.index(row, 0))

    @property
    def selected_span_id(self) -> int | None:
        return self._selected

    # ------------------------------------------------------------------ user actions
    def _span_row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self._syncing or not current.isValid():
            return
        span = self.spans_model.span_at(current.row())
        if span is not None:
            self._selected = span.id
            self._rebuild_attr_editor()
            self.spanActivated.emit(span.id)

    def _span_clicked(self, index: QModelIndex) -> None:
        span = self.spans_model.span_at(index.row()) if index.isValid() else None
        if span is not None:
            self._selected = span.id
            self.spanActivated.emit(span.id)

    def _relation_clicked(self, index: QModelIndex) -> None:
        self._relation_row_changed()

    def _relation_row_changed(self, *_args) -> None:
        self.delete_relation_button.setEnabled(self.selected_relation_id() is not None)

    def selected_relation_id(self) -> int | None:
        rows = self.relations_view.selectionModel().selectedRows()
        if not rows:
            return None
        rel = self.relations_model.relation_at(rows[0].row())
        return rel.id if rel else None

    def delete_selected_relation(self) -> None:
        rel_id = self.selected_relation_id()
        if rel_id is not None:
            self.session.delete_relation(rel_id)

    # ------------------------------------------------------------------ attributes
    def _rebuild_attr_editor(self) -> None:
        span = self.session.span(self._selected) if self._selected is not None else None
        attributes: dict[str, tuple[str, ...]] = {}
        if span is not None:
            try:
                attributes = self.session.schema.label(span.label).attributes
            except KeyError:
                attributes = {}
        key = (span.id, span.label) if span is not None else None
        if key is not None and key == self._attr_key:
            # same span and label: only show the current values (no widget is replaced while
            # one of its own signals may still be running)
            for name, combo in self.attr_combos.items():
                combo.blockSignals(True)
                self._set_combo(combo, span.attrs.get(name, ""))
                combo.blockSignals(False)
            return
        self._attr_key = key
        while self.attr_form.rowCount():
            row = self.attr_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self.attr_combos = {}
        if span is None:
            self.attr_title.setText("No span selected")
        elif not attributes:
            self.attr_title.setText(f"{span.label}: no attributes")
        else:
            self.attr_title.setText(f"{span.label} attributes")
        if span is None:
            return
        for name, values in attributes.items():
            combo = QComboBox(self.attr_box)
            combo.addItem(UNSET, "")
            for value in values:
                combo.addItem(value, value)
            self._set_combo(combo, span.attrs.get(name, ""))
            combo.currentIndexChanged.connect(
                lambda _i, n=name, c=combo, sid=span.id: self._attr_changed(sid, n, c.currentData())
            )
            label = QLabel(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.attr_form.addRow(label, combo)
            self.attr_combos[name] = combo

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        i = combo.findData(value)
        if i < 0 and value:  # a value outside the schema (imported): keep it visible
            combo.addItem(value, value)
            i = combo.count() - 1
        combo.setCurrentIndex(max(0, i))

    def _attr_changed(self, span_id: int, name: str, value: str) -> None:
        span = self.session.span(span_id)
        if span is None:
            return
        attrs = dict(span.attrs)
        if value:
            attrs[name] = value
        else:
            attrs.pop(name, None)
        if attrs != span.attrs:
            self.session.set_attrs(span_id, attrs)
