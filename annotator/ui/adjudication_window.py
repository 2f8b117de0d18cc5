"""The adjudication window (Review > Adjudicate): the annotators' versions of a document side by side,
the disagreements marked, and the `adjudicated` layer built by keyboard.

Layout: the document's disagreements in a table (one row per unit: what each annotator has there,
and what the adjudicated layer has, ✓ when it reads as one of them), under a reader on the
adjudicated layer. The reader is the ordinary `ReaderView` on a `Session` for the annotator
`adjudicated`, so every reader key edits that layer (select text and press a label key, Tab, Del,
attribute digits, links), and only that layer: the annotators' layers are shown in the table and
no action here writes to them.

Keys (actions of this window, listed in its shortcuts sheet with the reader's keys):
F8 / Shift+F8 next / previous disagreement (its text is selected in the reader, so a label key
labels it as it stands); Alt+1..Alt+9 take that annotator's version; Alt+0 none of them; Ctrl+Shift+A
copy what everyone agrees on; Ctrl+D mark adjudicated; Ctrl+Enter mark adjudicated and go to the
next document with something to settle; Alt+Down / Alt+Up next / previous document; Ctrl+Z undo.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import ADJUDICATED, Unit, Version, disagreements, document_annotators
from annotator.core.model import Change, Origin, Span, Status
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.help_dialog import ShortcutsDialog
from annotator.ui.natural_direction_delegate import NaturalDirectionDelegate
from annotator.ui.reader import ReaderView
from annotator.ui.session import Session
from annotator.ui.status_bar import StatusBar
from annotator.ui.table_model import RowsModel
from annotator.ui.table_rows import select_row

MAX_VERSIONS = 9
_CLIP = 50
#: What a disagreement is about (Unit.kind), as the table names it.
KIND_NAMES = {
    "span": QT_TRANSLATE_NOOP("AdjudicationWindow", "span"),
    "attributes": QT_TRANSLATE_NOOP("AdjudicationWindow", "attributes"),
    "link": QT_TRANSLATE_NOOP("AdjudicationWindow", "link"),
}


def _clip(text: str, n: int = _CLIP) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def describe(text: str, unit: Unit, version: Version) -> str:
    """One annotator's version as a cell: "PERS «محمد علي»", "type=direct", "→ «المتحدث»" or "—"."""
    if unit.kind == "link":
        parts = [f"{r.type} → «{_clip(text[t.start : t.end], 30)}»" for r, _h, t in version.relations]
    elif unit.kind == "attributes":
        parts = [
            " ".join(f"{k}={v}" for k, v in sorted(s.attrs.items()))
            or i18n.translate("AdjudicationWindow", "(no attributes)")
            for s in version.spans
        ]
    else:
        parts = [f"{s.label} «{_clip(text[s.start : s.end], 30)}»" for s in version.spans]
    return "; ".join(parts) or "—"


class AdjudicationWindow(QMainWindow):
    """See the module docstring. Shares the main window's store; edits only the adjudicated layer."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session = Session(store, ADJUDICATED, self)
        self.units: list[Unit] = []
        self.annotators: list[str] = []
        self.current = -1
        self.doc_ids: list[int] = []

        self.documents = QComboBox(self)
        self.position = QLabel(self)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.reader = ReaderView(self.session, self)
        self.table = QTableView(self)
        self.model = RowsModel(self._header(), self.table)
        self.table.setModel(self.model)
        self.table.setItemDelegate(NaturalDirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(lambda index: self.go_to(index.row()))

        top = QHBoxLayout()
        self.document_label = QLabel(self)
        top.addWidget(self.document_label)
        top.addWidget(self.documents, 1)
        top.addWidget(self.position)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.reader)
        splitter.addWidget(self.table)
        splitter.setSizes([520, 300])
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(page)
        self.setStatusBar(StatusBar(self))  # messages in the interface's direction
        self._create_actions()

        self.session.changed.connect(self._on_changed)
        self.session.external_change.connect(self._on_external)
        self.session.error.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.reader.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.documents.currentIndexChanged.connect(self._on_document_chosen)
        self.retranslate()
        self.reload_documents()
        self.resize(1200, 860)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh_units()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Show the window's own texts in the language now installed (see `annotator.ui.i18n`)."""
        self.setWindowTitle(self.tr("Adjudicate — {name}").format(name=self.store.name))
        self.document_label.setText(self.tr("Document:"))
        self.menu.setTitle(self.tr(self.menu.property("sourceText")))
        for action in self.actions():
            source = action.property("sourceText")
            if source:
                number = action.property("annotatorNumber")
                text = self.tr(source)
                action.setText(text.format(k=number) if number else text)

    def _header(self) -> list[str]:
        return [
            "#",
            self.tr("kind"),
            self.tr("text"),
            *[f"Alt+{k} {a}" for k, a in enumerate(self.annotators, 1)],
            *([self.tr("adjudicated")] if self.annotators else []),
        ]

    # ------------------------------------------------------------------ actions
    def _action(self, text: str, slot, keys: list[str], section: str = "Adjudication") -> QAction:
        """An action of this window; `text` is a source string, translated in `retranslate`."""
        action = QAction(self)
        action.setProperty("sourceText", text)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty("helpSection", section)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.act_next = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Next disagreement"), lambda: self.step(1), ["F8"]
        )
        self.act_prev = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Previous disagreement"),
            lambda: self.step(-1),
            ["Shift+F8"],
        )
        self.act_take = []
        for k in range(1, MAX_VERSIONS + 1):
            take = self._action(
                QT_TRANSLATE_NOOP("AdjudicationWindow", "Take annotator {k}'s version"),
                lambda k=k: self.take(k - 1),
                [f"Alt+{k}"],
            )
            take.setProperty("annotatorNumber", k)
            self.act_take.append(take)
        self.act_none = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "None of them (nothing there)"),
            lambda: self.take(None),
            ["Alt+0"],
        )
        self.act_agreed = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Copy what everyone agrees on"),
            self.copy_agreed,
            ["Ctrl+Shift+A"],
        )
        self.act_done = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Mark adjudicated"), self.mark_adjudicated, ["Ctrl+D"]
        )
        self.act_done_next = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Mark adjudicated and next"),
            self.done_and_next,
            ["Ctrl+Return", "Ctrl+Enter"],
        )
        self.act_next_doc = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Next document"),
            lambda: self.step_document(1),
            ["Alt+Down"],
        )
        self.act_prev_doc = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Previous document"),
            lambda: self.step_document(-1),
            ["Alt+Up"],
        )
        self.act_undo = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Undo"), self.session.undo, ["Ctrl+Z"], "Edit"
        )
        self.act_redo = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Redo"),
            self.session.redo,
            ["Ctrl+Shift+Z", "Ctrl+Y"],
            "Edit",
        )
        self.act_help = self._action(
            QT_TRANSLATE_NOOP("AdjudicationWindow", "Keyboard shortcuts"), self.show_shortcuts, ["F1"], "Help"
        )
        self.menu = menu = self.menuBar().addMenu("")
        menu.setProperty("sourceText", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Adjudicate"))
        menu.addActions([self.act_next, self.act_prev, *self.act_take[:3], self.act_none, self.act_agreed])
        menu.addSeparator()
        menu.addActions([self.act_done, self.act_done_next, self.act_next_doc, self.act_prev_doc])
        menu.addSeparator()
        menu.addActions([self.act_undo, self.act_redo, self.act_help])

    def shortcuts_dialog(self) -> ShortcutsDialog:
        return ShortcutsDialog(self.actions(), self.reader.keymap(), self)

    def show_shortcuts(self) -> None:
        dialog = self.shortcuts_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # ------------------------------------------------------------------ documents
    def reload_documents(self) -> None:
        """The documents two or more annotators worked on, with how much is left in each."""
        keep = self.session.doc_id
        self.doc_ids = [d for d in self.store.document_ids() if len(document_annotators(self.store, d)) >= 2]
        self.documents.blockSignals(True)
        self.documents.clear()
        for doc_id in self.doc_ids:
            info = self.store.document_info(doc_id, ADJUDICATED)
            mark = " ✓" if info.status == Status.ADJUDICATED else ""
            self.documents.addItem(f"{info.name}{mark}", doc_id)
        self.documents.blockSignals(False)
        if not self.doc_ids:
            self.position.setText(self.tr("No document has two or more annotators yet."))
            self.open_document(None)
            return
        target = keep if keep in self.doc_ids else self.doc_ids[0]
        self.documents.setCurrentIndex(self.doc_ids.index(target))
        if target != self.session.doc_id:
            self.open_document(target)

    def _on_document_chosen(self, row: int) -> None:
        if 0 <= row < len(self.doc_ids):
            self.open_document(self.doc_ids[row])

    def open_document(self, doc_id: int | None) -> None:
        self.session.open_document(doc_id)
        self.current = -1
        self.refresh_units()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_document(self, step: int) -> None:
        row = self.documents.currentIndex() + step
        if 0 <= row < len(self.doc_ids):
            self.documents.setCurrentIndex(row)
        else:
            text = self.tr("No next document") if step > 0 else self.tr("No previous document")
            self.statusBar().showMessage(text, 5000)

    # ------------------------------------------------------------------ disagreements
    def refresh_units(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.units, self.annotators = [], []
            self.model.set_rows([], self._header())
            return
        self.annotators = document_annotators(self.store, doc.id)
        self.units = disagreements(self.store, doc.id, self.annotators)
        header = self._header()
        mine = [s for s in self.session.spans if s.origin != Origin.SUGGESTED]
        rows = []
        for i, unit in enumerate(self.units, 1):
            versions = [describe(doc.text, unit, v) for v in unit.versions]
            current = describe(doc.text, unit, self._adjudicated_version(unit, mine))
            settled = "✓ " if current != "—" and current in versions else ""
            kind = self.tr(KIND_NAMES.get(unit.kind, unit.kind))
            rows.append([i, kind, _clip(doc.text[unit.start : unit.end]), *versions, settled + current])
        self.model.set_rows(rows, header)
        if self.current >= len(self.units):
            self.current = len(self.units) - 1
        if self.current >= 0:
            select_row(self.table, self.current)
        self._update_position()

    def _adjudicated_version(self, unit: Unit, mine: list[Span]) -> Version:
        """What the adjudicated layer has at a unit, as a version (to compare with the others)."""
        labels = unit.labels
        keys = {(s.start, s.end, s.label) for v in unit.versions for s in v.spans}
        if unit.kind == "link":
            by_id = {s.id: s for s in mine}
            rels = tuple(
                (r, by_id[r.head], by_id[r.tail])
                for r in self.session.relations
                if r.head in by_id
                and r.tail in by_id
                and by_id[r.head].start < unit.end
                and unit.start < by_id[r.head].end
            )
            return Version(ADJUDICATED, (), rels)
        spans = tuple(
            s
            for s in mine
            if (s.start, s.end, s.label) in keys
            or (unit.start <= s.start and s.end <= unit.end and s.label in labels)
        )
        return Version(ADJUDICATED, spans)

    def _update_position(self) -> None:
        n = len(self.units)
        status = self.session.status()
        if not n:
            text = self.tr("Nothing to settle: everyone agrees.")
        elif self.current < 0:
            text = self.tr("{disagreements}: F8 goes to the first").format(
                disagreements=i18n.counted_text(n, "disagreement")
            )
        else:
            text = self.tr("Disagreement {i} of {n}").format(i=self.current + 1, n=n)
        self.position.setText(f"{text} · {i18n.status_text(status)}")

    def go_to(self, index: int) -> None:
        if not self.units:
            return
        self.current = index % len(self.units)
        unit = self.units[self.current]
        select_row(self.table, self.current)
        self.reader.select_text(unit.start, unit.end, exact=True)
        self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._update_position()

    def step(self, step: int) -> None:
        if not self.units:
            self.statusBar().showMessage(self.tr("Nothing to settle in this document"), 5000)
            return
        start = self.current if self.current >= 0 else (-1 if step > 0 else 0)
        self.go_to(start + step)

    @property
    def unit(self) -> Unit | None:
        return self.units[self.current] if 0 <= self.current < len(self.units) else None

    def take(self, index: int | None) -> Change | None:
        """Make the adjudicated layer read annotator `index`'s version at the current unit."""
        unit = self.unit
        if unit is None:
            self.statusBar().showMessage(self.tr("Go to a disagreement first (F8)"), 5000)
            return None
        if index is not None and index >= len(unit.versions):
            self.statusBar().showMessage(self.tr("There is no annotator {k} here").format(k=index + 1), 5000)
            return None
        version = unit.versions[index] if index is not None else None
        change = self.session.accept_version(unit, version)
        if change is not None:
            if version is not None:
                text = self.tr("Took {name}'s version for disagreement {i}")
            else:
                text = self.tr("Took none of them for disagreement {i}")
            name = version.annotator if version is not None else ""
            self.statusBar().showMessage(text.format(name=name, i=self.current + 1), 5000)
        return change

    def copy_agreed(self) -> None:
        doc = self.session.doc
        if doc is None:
            return
        from annotator.core.adjudication import adjudicate_agreed

        try:
            report = adjudicate_agreed(self.store, documents=[doc.id])
        except sqlite3.Error as exc:  # a locked or full disk: shown, nothing changed
            self.statusBar().showMessage(
                self.tr("Could not copy the agreed spans: {error}").format(error=exc), 8000
            )
            return
        self.session.open_document(doc.id)  # a batch edit: reload the layer
        self.refresh_units()
        self.statusBar().showMessage(
            self.tr("Copied {spans} agreed spans and {links} links").format(
                spans=report.spans, links=report.relations
            ),
            5000,
        )

    def mark_adjudicated(self) -> None:
        self.session.set_status(Status.ADJUDICATED)
        self._update_position()
        row = self.documents.currentIndex()
        if row >= 0:
            self.documents.setItemText(row, self.documents.itemText(row).removesuffix(" ✓") + " ✓")

    def done_and_next(self) -> None:
        self.mark_adjudicated()
        for doc_id in self.doc_ids[self.documents.currentIndex() + 1 :] + self.doc_ids:
            if self.store.status(doc_id, ADJUDICATED) != Status.ADJUDICATED:
                self.documents.setCurrentIndex(self.doc_ids.index(doc_id))
                return
        self.statusBar().showMessage(self.tr("Every document is adjudicated"), 5000)

    # ------------------------------------------------------------------ session signals
    def _on_changed(self, change: Change) -> None:
        self.refresh_units()

    def _on_external(self) -> None:
        self.refresh_units()
