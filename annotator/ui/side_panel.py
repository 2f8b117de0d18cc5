"""The side panel: the current document's spans and relations, and an attribute editor.

Both tables are item models (no per-row widgets) that follow the session change by change: an edit
inserts, removes or updates the rows it touched (`apply`), so labelling in a document with 50,000
spans costs what one row costs; only opening a document resets them. Clicking a span row emits
`spanActivated(span_id)`; the window forwards it to the reader, which scrolls to and selects it.
Span texts and label names are shown as plain text only.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Hashable
from functools import lru_cache

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Change, Relation, Span
from annotator.core.span_index import reading_order
from annotator.core.text import sentence_around
from annotator.ui import plain
from annotator.ui.column_widths import ColumnWidths
from annotator.ui.context_delegate import CONTEXT_ROLE, ContextDelegate
from annotator.ui.document_list import ROW_FLAGS, one_line
from annotator.ui.natural_direction_delegate import NaturalDirectionDelegate
from annotator.ui.reader import DEFAULT_FAMILIES
from annotator.ui.row_pixmap_view import RowPixmapView
from annotator.ui.table_rows import select_row
from annotator.ui.title_label import TitleLabel

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
ARABIC_FACE = DEFAULT_FAMILIES[0]  # the bundled Arabic face the reader shows the text in
_ROLES = frozenset({_DISPLAY, _TOOLTIP, ID_ROLE, CONTEXT_ROLE, _FONT})
UNSET = "—"
CONTEXT_CHARS = 80  # at most this much of the sentence on either side of a span in its row


@lru_cache(maxsize=1024)  # the rows in view are painted again and again (a document's text hashes once)
def context_of(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(the sentence before the span, its surface, the sentence after it), each on one line, the
    sides cut to `limit` characters at a word boundary. What stands between a side and the surface is
    kept as the text has it, one space for any run of white space: «و» glued to «قال», a comma glued
    to the word before it, stay glued."""
    a, b = sentence_around(text, start, end)
    a, b = min(a, start), max(b, end)
    before = text[max(a, start - limit) : start]
    after = text[end : min(b, end + limit)]
    if start - a > limit and " " in before:
        before = before[before.index(" ") + 1 :]
    if b - end > limit and " " in after:
        after = after[: after.rindex(" ")]
    before, after = one_line(before, 10_000).lstrip(), one_line(after, 10_000).rstrip()
    if before[-1:].isspace():
        before = before.rstrip() + " "
    if after[:1].isspace():
        after = " " + after.lstrip()
    return before, one_line(text[start:end], 10_000), after


#: How the panel names a span's origin (translated in the "Origin" context).
ORIGIN_NAMES = {
    "manual": QT_TRANSLATE_NOOP("Origin", "manual"),
    "suggested": QT_TRANSLATE_NOOP("Origin", "suggested"),
    "imported": QT_TRANSLATE_NOOP("Origin", "imported"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SidePanel", text)


def attrs_text(attrs: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(attrs.items()))


class _Table(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()
    # a change touching more rows than this resets the table (cheaper than that many row signals)
    RESET_ABOVE = 200

    TEXT_COLUMNS: frozenset[int] = frozenset()  # the columns that show the document's words

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self._text_font: QFont | None = None
        self._text_font_key = ""

    @property
    def text_font(self) -> QFont | None:
        """The reader's font, for the document's words (None: the view's)."""
        return self._text_font

    @text_font.setter
    def text_font(self, font: QFont | None) -> None:
        self._text_font = font
        self._text_font_key = font.key() if font is not None else ""

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def reload(self) -> None:
        """Re-read everything from the session (a document was opened)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        pass

    def _row_changed(self, row: int | None, first: int = 0, last: int | None = None) -> None:
        if row is not None:
            last = len(self.COLUMNS) - 1 if last is None else last
            self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def surface(self, span: Span | None, limit: int = 120) -> str:
        doc = self.session.doc
        if span is None or doc is None:
            return ""
        return one_line(doc.text[span.start : span.end], limit)


def _touched(change: Change) -> int:
    return (
        len(change.spans_added)
        + len(change.spans_removed)
        + len(change.spans_updated)
        + len(change.relations_added)
        + len(change.relations_removed)
    )


def _link_speaker(speakers: dict[int, list[int]], heads: dict[int, set[int]], rel: Relation) -> None:
    """Note a quote's speaker (both ways); plain functions, since a model's methods cost more to call."""
    if rel.type == "ATTRIBUTED_TO":
        speakers.setdefault(rel.head, []).append(rel.tail)
        heads.setdefault(rel.tail, set()).add(rel.head)


def _unlink_speaker(speakers: dict[int, list[int]], heads: dict[int, set[int]], rel: Relation) -> None:
    if rel.type == "ATTRIBUTED_TO":
        tails = speakers.get(rel.head, [])
        if rel.tail in tails:
            tails.remove(rel.tail)
        heads.get(rel.tail, set()).discard(rel.head)


class SpanTableModel(_Table):
    """The session's spans in reading order: text, label, attributes, speaker, origin.

    It keeps its own list of the spans it shows (in reading order, as the session's index) and
    changes it only inside begin/end row signals, so views always see a consistent model. A long
    document's spans arrive a page at a time after it opens (`add_loaded`): the table shows the
    spans the session has read so far.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("SidePanel", "Text"),
        QT_TRANSLATE_NOOP("SidePanel", "Label"),
        QT_TRANSLATE_NOOP("SidePanel", "Attributes"),
        QT_TRANSLATE_NOOP("SidePanel", "Speaker"),
        QT_TRANSLATE_NOOP("SidePanel", "Origin"),
    )
    TEXT, LABEL, ATTRS, SPEAKER, ORIGIN = range(5)
    TEXT_COLUMNS = frozenset({TEXT, SPEAKER})

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self._spans: list[Span] = []
        self._speakers: dict[int, list[int]] = {}  # quote id -> its speakers' span ids
        self._heads: dict[int, set[int]] = {}  # speaker id -> the quotes that name it
        self._load()

    def _load(self) -> None:
        self._spans = list(self.session.index.spans)  # read so far (a long document: the first page)
        self._speakers, self._heads = {}, {}
        self._link_speakers(self.session.relations_read)

    def _link_speakers(self, rels: list[Relation]) -> set[int]:
        """Note the speakers these relations name; returns the quotes they name them for."""
        speakers, heads = self._speakers, self._heads
        for rel in rels:
            _link_speaker(speakers, heads, rel)
        return {rel.head for rel in rels if rel.type == "ATTRIBUTED_TO"}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int) -> int | None:
        span = self.session.span(span_id)
        return self._find(span) if span is not None else None

    def row_for(self, start: int) -> int:
        """The row a new span starting at `start` would take (before the spans starting there)."""
        return bisect_left(self._spans, start, key=lambda s: s.start)

    def _find(self, span: Span) -> int | None:
        """The row showing the span with `span`'s id and bounds (found by its place in reading order)."""
        i = bisect_left(self._spans, reading_order(span), key=reading_order)
        return i if i < len(self._spans) and self._spans[i].id == span.id else None

    # ------------------------------------------------------------------ following the session
    def apply(self, change: Change) -> None:
        """Insert, remove and update the rows the change touched (the session already holds it)."""
        if _touched(change) > self.RESET_ABOVE:
            self.reload()
            return
        for span in change.spans_removed:
            self._remove(span)
        for before, after in change.spans_updated:
            row = self._find(before)
            if row is not None and (before.start, before.end) == (after.start, after.end):
                self._spans[row] = after
                self._row_changed(row)
            else:
                self._remove(before)
                self._insert(after)
        for span in change.spans_added:
            self._insert(span)
        quotes = set()
        for rel in change.relations_removed:
            _unlink_speaker(self._speakers, self._heads, rel)
            quotes.add(rel.head)
        for rel in change.relations_added:
            _link_speaker(self._speakers, self._heads, rel)
            quotes.add(rel.head)
        for _, after in change.spans_updated:  # a speaker's new bounds show in its quotes' rows
            quotes |= self._heads.get(after.id, set())
        for quote in quotes:
            self._row_changed(self.row_of(quote), self.SPEAKER, self.SPEAKER)
        if len(self._spans) != len(self.session.index):  # out of step (should not happen): start over
            self.reload()

    def add_loaded(self, spans: list[Span]) -> None:
        """Insert rows for spans the session has just read (in reading order, none shown yet): one
        row signal per run of rows that lands together, then the speaker cells that name them."""
        rows = self._spans
        k = 0
        while k < len(spans):
            i = bisect_left(rows, reading_order(spans[k]), key=reading_order)
            stop = len(spans)
            if i < len(rows):  # the run that fits before row i
                stop = bisect_left(spans, reading_order(rows[i]), k, key=reading_order)
            self.beginInsertRows(QModelIndex(), i, i + stop - k - 1)
            rows[i:i] = spans[k:stop]
            self.endInsertRows()
            k = stop
        if self._heads:  # none while a long document's spans arrive: its relations come after them
            self.speakers_changed({q for span in spans for q in self._heads.get(span.id, ())})

    def add_loaded_relations(self, rels: list[Relation]) -> None:
        """Relations the session has just read: the speaker cells of the quotes they name."""
        self.speakers_changed(self._link_speakers(rels))

    def speakers_changed(self, quotes: set[int]) -> None:
        """The speaker cells of these quotes changed (many: the whole column, in one signal)."""
        if len(quotes) > self.RESET_ABOVE:
            if self._spans:
                self.dataChanged.emit(
                    self.index(0, self.SPEAKER), self.index(len(self._spans) - 1, self.SPEAKER)
                )
            return
        for quote in quotes:
            self._row_changed(self.row_of(quote), self.SPEAKER, self.SPEAKER)

    def _remove(self, span: Span) -> None:
        row = self._find(span)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[row]
        self.endRemoveRows()

    def _insert(self, span: Span) -> None:
        if self._find(span) is not None:
            return
        row = bisect_left(self._spans, reading_order(span), key=reading_order)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self.endInsertRows()

    # ------------------------------------------------------------------ data
    def speaker_text(self, span: Span) -> str:
        names = []
        for sid in self._speakers.get(span.id, ()):
            sp = self.session.span(sid)
            if sp is not None:
                names.append(self.surface(sp, 60))
        return "; ".join(names)

    def _display(self, span: Span, col: int) -> str | None:
        if col == 0:  # TEXT
            return self.surface(span)
        if col == 1:  # LABEL
            return span.label
        if col == 2:  # ATTRS
            return attrs_text(span.attrs) if span.attrs else ""
        if col == 3:  # SPEAKER
            return self.speaker_text(span) if span.id in self._speakers else ""
        if col == 4:  # ORIGIN
            name = ORIGIN_NAMES.get(span.origin.value)
            return QCoreApplication.translate("Origin", name) if name else span.origin.value
        return None

    def _context(self, span: Span) -> tuple[str, str, str] | None:
        doc = self.session.doc
        return context_of(doc.text, span.start, span.end) if doc is not None else None

    def row_content(self, row: int) -> tuple[Hashable, ...]:
        """Everything each of the row's cells is painted from (texts, fonts): the side panel's view
        keeps the row's and the cells' pixels under it (see row_pixmap_view)."""
        span = self._spans[row]
        return (
            self.text_content(span.start, span.end),
            span.label,
            self._display(span, self.ATTRS),
            (self._display(span, self.SPEAKER), self._text_font_key),
            self._display(span, self.ORIGIN),
        )

    def text_content(self, start: int, end: int) -> Hashable:
        """What the text cell of a span over [start, end) is painted from (`row_content`'s first)."""
        doc = self.session.doc
        if doc is None:
            return None, "", self._text_font_key
        return context_of(doc.text, start, end), one_line(doc.text[start:end], 120), self._text_font_key

    def data(self, index: _Index, role: int = _DISPLAY):
        if role not in _ROLES:  # a view asks for ~7 roles per cell per paint: answer the rest at once
            return None
        row = index.row()
        spans = self._spans
        if not 0 <= row < len(spans):
            return None
        span = spans[row]
        col = index.column()
        if role == _DISPLAY:
            return self._display(span, col)
        if role == _FONT:
            return self.text_font if col in self.TEXT_COLUMNS else None
        if role == CONTEXT_ROLE and col == 0:
            return self._context(span)
        if role == _TOOLTIP and col == 0:
            doc = self.session.doc
            if doc is None:
                return None
            a, b = sentence_around(doc.text, span.start, span.end)
            a, b = min(a, span.start), max(b, span.end)
            return plain.marked_tooltip(
                doc.text[a : span.start], doc.text[span.start : span.end], doc.text[span.end : b]
            )
        if role == _TOOLTIP and col == 2 and span.attrs:  # ATTRS
            # each attribute whole on its own line: a brat note or a Label Studio comment is long
            return plain.tooltip("\n".join(f"{k}: {v}" for k, v in sorted(span.attrs.items())))
        if role == ID_ROLE:
            return span.id
        return None


class RelationTableModel(_Table):
    """The session's relations, in the session's order: type, from (head) and to (tail)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("SidePanel", "Relation"),
        QT_TRANSLATE_NOOP("SidePanel", "From"),
        QT_TRANSLATE_NOOP("SidePanel", "To"),
    )
    TEXT_COLUMNS = frozenset({1, 2})

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self._relations: list[Relation] = []
        self._load()

    def _load(self) -> None:
        self._relations = list(self.session.relations_read)  # a long document's follow

    def add_loaded(self, rels: list[Relation]) -> None:
        """Rows for relations the session has just read (by id, after those shown)."""
        if rels:
            n = len(self._relations)
            self.beginInsertRows(QModelIndex(), n, n + len(rels) - 1)
            self._relations += rels
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._relations)

    def relation_at(self, row: int) -> Relation | None:
        return self._relations[row] if 0 <= row < len(self._relations) else None

    def apply(self, change: Change) -> None:
        """Remove and insert the rows of the relations the change touched, and update the rows that
        name a span it relabelled or resized (a change without relations reads no row)."""
        if _touched(change) > self.RESET_ABOVE:
            self.reload()
            return
        if change.relations_removed or change.relations_added:
            self._apply_relations(change)
        changed = {after.id for _, after in change.spans_updated}
        if changed:
            for row, rel in enumerate(self._relations):
                if rel.head in changed or rel.tail in changed:
                    self._row_changed(row)

    def _apply_relations(self, change: Change) -> None:
        gone = {r.id for r in change.relations_removed}
        for row in reversed([i for i, r in enumerate(self._relations) if r.id in gone]):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._relations[row]
            self.endRemoveRows()
        target = self.session.relations_read
        where = {r.id: i for i, r in enumerate(target)}
        for rel in sorted(change.relations_added, key=lambda r: where.get(r.id, len(target))):
            row = min(where.get(rel.id, len(self._relations)), len(self._relations))
            self.beginInsertRows(QModelIndex(), row, row)
            self._relations.insert(row, rel)
            self.endInsertRows()
        if [r.id for r in self._relations] != [r.id for r in target]:  # another window's order: start over
            self.reload()

    def spans_loaded(self) -> None:
        """Spans were read: rows naming one of them show its text now (rather than its id)."""
        if self._relations:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._relations) - 1, 2))

    def end_text(self, span_id: int) -> str:
        span = self.session.span(span_id)
        if span is None:
            return f"#{span_id}"
        return f"{span.label}: {self.surface(span, 60)}"

    def data(self, index: _Index, role: int = _DISPLAY):
        if role not in _ROLES:
            return None
        rel = self.relation_at(index.row()) if index.isValid() else None
        if rel is None:
            return None
        if role == _DISPLAY:
            return (rel.type, self.end_text(rel.head), self.end_text(rel.tail))[index.column()]
        if role == _FONT:
            return self.text_font if index.column() in self.TEXT_COLUMNS else None
        if role == ID_ROLE:
            return rel.id
        return None


def _table(model: QAbstractTableModel, parent: QWidget, kind: type[QTableView] = QTableView) -> QTableView:
    view = kind(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setItemDelegate(NaturalDirectionDelegate(view))  # Latin values in the Arabic interface, and back
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    # the header highlights no section (rows are selected whole): with a selection of its own it
    # is not repainted each time the table's selection moves
    view.horizontalHeader().setSelectionModel(QItemSelectionModel(model, view.horizontalHeader()))
    return view


class SidePanel(QWidget):
    """Spans and relations of the current document; emits `spanActivated(span_id)` on a click.

    `attributeChosen` follows a value picked in the attribute editor, so that the window can hand the
    keys back to the reader: a list left with the focus would take the next label key as a search
    (`m` picks "mixed")."""

    spanActivated = Signal(int)
    attributeChosen = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._selected: int | None = None
        self._syncing = False
        self._attr_key: tuple[int, str] | None = None

        self.spans_model = SpanTableModel(session, self)
        self.relations_model = RelationTableModel(session, self)
        self.spans_view = _table(self.spans_model, self, RowPixmapView)  # a row inserted moves the rows
        self.relations_view = _table(self.relations_model, self)
        self._relations_font()
        # the text column: the span in bold amid the words around it (its tool tip: the sentence)
        self.context_delegate = ContextDelegate(self.spans_view)
        self.spans_view.setItemDelegateForColumn(SpanTableModel.TEXT, self.context_delegate)
        self._prepare_at: tuple[int, int] | None = None  # a label key's span (see text_selected)
        self._prepare_todo: list[int | None] | None = None  # what is left to paint ahead for it
        self._prepare_timer = QTimer(self)  # interval 0: when the event loop has nothing else to do
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.timeout.connect(self._prepare_rows)
        # the text stretches (never below 38% of the view: the words around the span tell rows
        # apart); label and origin fit every value they can show, attributes the longest
        # name=value of the schema (at most a fifth of the view), the speaker a fifth
        m = SpanTableModel
        self.widths = ColumnWidths(
            self.spans_view,
            stretch=m.TEXT,
            fit={
                m.LABEL: lambda: [lab.name for lab in session.schema.labels],
                m.ATTRS: self._attribute_texts,
                m.ORIGIN: lambda: [QCoreApplication.translate("Origin", n) for n in ORIGIN_NAMES.values()],
            },
            share={m.ATTRS: 0.2, m.SPEAKER: 0.2},
            floor=0.38,
            name="spans",
        )
        rh = self.relations_view.horizontalHeader()
        rh.resizeSection(0, 105)
        rh.resizeSection(1, 170)

        self.spans_title = self._title("")
        self.relations_title = self._title("")

        # attribute editor for the selected span
        self.attr_box = QWidget(self)
        self.attr_form = QFormLayout(self.attr_box)
        self.attr_form.setContentsMargins(0, 0, 0, 0)
        self.attr_title = self._title("")
        self.attr_combos: dict[str, QComboBox] = {}

        self.delete_relation_button = QPushButton(self)
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
        # the panel paints its own (window-coloured) background: a title or the attribute editor
        # changed by an edit then repaints only itself, not the dock and the main window under it
        self.setAutoFillBackground(True)

        self.spans_view.selectionModel().currentRowChanged.connect(self._span_row_changed)
        self.spans_view.clicked.connect(self._span_clicked)
        self.relations_view.selectionModel().selectionChanged.connect(self._relation_row_changed)
        self.relations_view.clicked.connect(self._relation_clicked)
        session.changed.connect(self.apply)
        session.document_opened.connect(self._document_opened)
        session.external_annotations_changed.connect(self.apply)
        self._arrived: list[list[Span]] = []  # read by the session (each in reading order), no rows yet
        self._arrived_relations: list[Relation] = []
        self._arrival = QTimer(self)
        self._arrival.setSingleShot(True)
        self._arrival.setInterval(self.LOADED_ROWS_MS)
        self._arrival.timeout.connect(self._add_arrived)
        session.spans_loaded.connect(self._spans_loaded)
        session.relations_loaded.connect(self._relations_loaded)
        self.reload()
        self.retranslate()

    def _relations_font(self) -> None:
        """The relations table reads like the window's other tables: the interface's size (a row per
        line of the interface's font, so it shows as many relations as the document list shows
        documents), its words in the bundled Arabic face (clearer than the interface font's own
        Arabic letters, if it has any), which takes no more room than the interface font does."""
        view = self.relations_view
        font = QFont(view.font())
        font.setFamilies([ARABIC_FACE, *[f for f in font.families() if f != ARABIC_FACE]])
        # Naskh's letters are small for their size: a fifth larger, they match the interface's Latin
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.relations_model.text_font = font
        # Naskh's line leaves room for marks above and below that a row needs only part of
        height = max(QFontMetrics(view.font()).height(), QFontMetrics(font).ascent())
        view.verticalHeader().setDefaultSectionSize(round(height) + 8)

    def set_text_font(self, family: str, size: int) -> None:
        """Show the document's words in the span list in the reader's font and size (each span amid
        its words: Arabic at a table's default size is too small to tell them apart), rows as tall as
        the font needs. The relations table keeps the interface's size (see _relations_font)."""
        font = QFont(self.spans_view.font())
        font.setFamilies([family, *font.families()])
        font.setPointSize(size)
        view, model = self.spans_view, self.spans_model
        model.text_font = font
        view.verticalHeader().setDefaultSectionSize(QFontMetrics(font).height() + 8)
        if model.rowCount():
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
            )

    @staticmethod
    def _title(text: str) -> TitleLabel:
        # a count that changes re-arranges nothing (see title_label); laid out as the panel is
        label = TitleLabel(text, follow_interface=True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # ------------------------------------------------------------------ refresh
    def _document_opened(self, _doc=None) -> None:
        self._selected = None
        self._arrived, self._arrived_relations = [], []  # the document before's, if it was loading
        self._arrival.stop()
        self.reload()

    def reload(self) -> None:
        """Re-read spans and relations from the session (a document was opened)."""
        self._follow(lambda: (self.spans_model.reload(), self.relations_model.reload()))

    def apply(self, change: Change) -> None:
        """Update the rows an edit, undo or another window's change touched."""
        if self.session.doc is None or change.doc_id != self.session.doc.id:
            return
        self._add_arrived()  # rows follow the session's index before the change applies to them
        self._follow(lambda: (self.spans_model.apply(change), self.relations_model.apply(change)))

    # spans read while a long document loads wait up to this long for their rows (or until the
    # reading ends, usually sooner): inserting rows lays out and repaints the table, so the pages
    # that arrive every few milliseconds go in together
    LOADED_ROWS_MS = 1000

    def _spans_loaded(self, spans: list[Span]) -> None:
        """A long document's spans read after it opened: their rows go in together, a few times a
        second while it loads and at once when it is read to the end."""
        self._arrived.append(spans)
        self._arriving()

    def _relations_loaded(self, rels: list[Relation]) -> None:
        self._arrived_relations += rels
        self._arriving()

    def _arriving(self) -> None:
        if not self.session.loading:
            self._add_arrived()
        elif not self._arrival.isActive():
            self._arrival.start()

    def _add_arrived(self) -> None:
        """Insert the rows of the spans and relations read since the last time (the selection,
        held by the view's selection model, moves with its row)."""
        self._arrival.stop()
        runs, self._arrived = self._arrived, []
        rels, self._arrived_relations = self._arrived_relations, []
        for spans in runs:  # a page, or a range read out of turn: each lands in one or two places
            self.spans_model.add_loaded(spans)
        if rels:
            self.relations_model.add_loaded(rels)
            self.spans_model.add_loaded_relations(rels)
        if runs:
            self.relations_model.spans_loaded()
        self._set_titles()

    def _follow(self, update) -> None:
        self._syncing = True
        try:
            update()
            self._set_titles()
            if self._selected is not None and self.session.span(self._selected) is None:
                self._selected = None
            self._select_row(self._selected)
        finally:
            self._syncing = False
        self._relation_row_changed()
        self._rebuild_attr_editor()

    def _set_titles(self) -> None:
        more = "…" if self.session.loading else ""  # a long document is still being read
        self.spans_title.setText(
            _tr(QT_TRANSLATE_NOOP("SidePanel", "Spans ({n})")).format(
                n=f"{self.spans_model.rowCount()}{more}"
            )
        )
        self.relations_title.setText(
            _tr(QT_TRANSLATE_NOOP("SidePanel", "Relations ({n})")).format(
                n=f"{self.relations_model.rowCount()}{more}"
            )
        )

    def retranslate(self) -> None:
        """Texts in the language in use (called again on a LanguageChange event)."""
        self._set_titles()
        self.delete_relation_button.setText(_tr(QT_TRANSLATE_NOOP("SidePanel", "Delete relation")))
        for model in (self.spans_model, self.relations_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.COLUMNS) - 1)
            if model.rowCount():
                model.dataChanged.emit(
                    model.index(0, 0), model.index(model.rowCount() - 1, len(model.COLUMNS) - 1)
                )
        self._attr_key = None  # the editor's title says the label in the new language
        self._rebuild_attr_editor()
        self.widths.apply()  # the headers and origins of another language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        if span_id is not None and (self._arrived or self._arrived_relations):
            self._add_arrived()  # the span may be one read since the last rows went in
        row = self.spans_model.row_of(span_id) if span_id is not None else None
        if row is None:
            self.spans_view.clearSelection()
            return
        view = self.spans_view
        if not (view.selectionModel().isRowSelected(row, QModelIndex()) and view.currentIndex().row() == row):
            select_row(view, row)
        view.scrollTo(self.spans_model.index(row, 0))

    @property
    def selected_span_id(self) -> int | None:
        return self._selected

    def text_selected(self, extent: tuple[int, int] | None) -> None:
        """Text was selected in the reader; `extent`: the span a label key would make of it (None: no
        selection). When the event loop is idle, the new row's text cell is painted and kept, then
        the rows around where that span would be inserted, nearest first, so that the label key
        that may follow draws the rows it moves from kept pixels and paints only the new row's
        other cells anew."""
        self._prepare_at, self._prepare_todo = extent, None
        if extent is not None:
            self._prepare_timer.start()

    # one idle-time slice of that painting: a key pressed meanwhile waits at most about this long
    PREPARE_SLICE_S = 0.004

    @property
    def preparing(self) -> bool:
        """Whether painting ahead for the text selection is still under way (in idle-time slices)."""
        return self._prepare_timer.isActive()

    def _prepare_rows(self) -> None:
        extent, view, model = self._prepare_at, self.spans_view, self.spans_model
        doc = self.session.doc
        if extent is None or doc is None or not view.isVisible():
            return
        todo = self._prepare_todo
        if todo is None:  # the new row's text cell (None), then the rows nearest its place
            row = model.row_for(extent[0])
            screen = view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize()) + 1
            rows = range(max(0, row - screen), min(model.rowCount(), row + screen))
            todo = self._prepare_todo = [None, *sorted(rows, key=lambda r: (abs(r - row + 0.5), r))]
        deadline = time.perf_counter() + self.PREPARE_SLICE_S
        while todo:
            item = todo.pop(0)
            if item is None:
                self._prepare_text_cell(extent)
            else:
                view.prepare_rows((item,))
            if time.perf_counter() >= deadline:
                break
        if todo:
            self._prepare_timer.start()  # the next slice, after what the event loop has waiting

    def _prepare_text_cell(self, extent: tuple[int, int]) -> None:
        view, model, doc = self.spans_view, self.spans_model, self.session.doc
        pieces, font = context_of(doc.text, *extent), model.text_font

        def paint(painter: QPainter, opt: QStyleOptionViewItem) -> None:
            if font is not None:
                opt.font = font
            self.context_delegate.paint_pieces(painter, opt, pieces)

        view.prepare_cell(SpanTableModel.TEXT, model.text_content(*extent), paint)

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
    def _attribute_texts(self) -> list[str]:
        """Every name=value the schema allows, as the Attributes column writes one."""
        return [
            attrs_text({name: value})
            for lab in self.session.schema.labels
            for name, values in lab.attributes.items()
            for value in values
        ]

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
            self.attr_title.setText(_tr(QT_TRANSLATE_NOOP("SidePanel", "No span selected")))
        elif not attributes:
            self.attr_title.setText(
                _tr(QT_TRANSLATE_NOOP("SidePanel", "{label}: no attributes")).format(label=span.label)
            )
        else:
            self.attr_title.setText(
                _tr(QT_TRANSLATE_NOOP("SidePanel", "{label} attributes")).format(label=span.label)
            )
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
            combo.activated.connect(self.attributeChosen)  # a choice by mouse, Enter or arrow
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
