"""The agreement panel: the figures of `annotator agree`, with filters, in the window.

It measures with the core (`annotator.core.agreement.measure`) when shown, on Refresh and when a
filter changes, on a worker thread (`BackgroundReader`: a second or more on a corpus the size of
ANERcorp, during which the window keeps working), and shows four tables: spans and token kappa per
label and pair, alpha per label, links, attributes.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import (
    ALL,
    ATTRIBUTE_COLUMNS,
    RELATION_COLUMNS,
    SPAN_COLUMNS,
    AgreementOptions,
    AgreementReport,
    attribute_rows,
    measure,
    relation_rows,
    span_rows,
)
from annotator.core.model import Status
from annotator.core.store import Store
from annotator.ui.background import BackgroundReader
from annotator.ui.natural_direction_delegate import NaturalDirectionDelegate
from annotator.ui.table_model import RowsModel

STATUS_CHOICES = [
    (QT_TRANSLATE_NOOP("AgreementPanel", "Every document worked on"), None),
    (QT_TRANSLATE_NOOP("AgreementPanel", "Done"), (Status.DONE,)),
    (QT_TRANSLATE_NOOP("AgreementPanel", "Done or adjudicated"), (Status.DONE, Status.ADJUDICATED)),
]
#: The tables' column names (the core's, as `annotator agree` prints them), for the translators.
COLUMN_NAMES = {
    "label": QT_TRANSLATE_NOOP("AgreementPanel", "label"),
    "pair": QT_TRANSLATE_NOOP("AgreementPanel", "pair"),
    "docs": QT_TRANSLATE_NOOP("AgreementPanel", "docs"),
    "exact P": QT_TRANSLATE_NOOP("AgreementPanel", "exact P"),
    "exact R": QT_TRANSLATE_NOOP("AgreementPanel", "exact R"),
    "exact F1": QT_TRANSLATE_NOOP("AgreementPanel", "exact F1"),
    "overlap P": QT_TRANSLATE_NOOP("AgreementPanel", "overlap P"),
    "overlap R": QT_TRANSLATE_NOOP("AgreementPanel", "overlap R"),
    "overlap F1": QT_TRANSLATE_NOOP("AgreementPanel", "overlap F1"),
    "kappa": QT_TRANSLATE_NOOP("AgreementPanel", "kappa"),
    "alpha": QT_TRANSLATE_NOOP("AgreementPanel", "alpha"),
    "type": QT_TRANSLATE_NOOP("AgreementPanel", "type"),
    "links 1": QT_TRANSLATE_NOOP("AgreementPanel", "links 1"),
    "links 2": QT_TRANSLATE_NOOP("AgreementPanel", "links 2"),
    "attribute": QT_TRANSLATE_NOOP("AgreementPanel", "attribute"),
    "matched": QT_TRANSLATE_NOOP("AgreementPanel", "matched"),
    "agreement": QT_TRANSLATE_NOOP("AgreementPanel", "agreement"),
}
TABS = (
    ("spans", QT_TRANSLATE_NOOP("AgreementPanel", "Spans and kappa"), SPAN_COLUMNS),
    ("alpha", QT_TRANSLATE_NOOP("AgreementPanel", "Alpha"), ("label", "alpha")),
    ("links", QT_TRANSLATE_NOOP("AgreementPanel", "Links"), RELATION_COLUMNS),
    ("attributes", QT_TRANSLATE_NOOP("AgreementPanel", "Attributes"), ATTRIBUTE_COLUMNS),
)


class AgreementPanel(QWidget):
    """Filters on top, the tables below; `report` is the last measurement."""

    measured = Signal(object)  # AgreementReport

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: AgreementReport | None = None
        self.reader = BackgroundReader(store, self)
        self.reader.done.connect(self._measured)
        self.reader.failed.connect(self._failed)
        self.status = QComboBox(self)
        for _text, _value in STATUS_CHOICES:
            self.status.addItem("")
        self.label = QComboBox(self)
        self.refresh_button = QPushButton(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(self.summary.textFormat().PlainText)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        for key, _title, _columns in TABS:
            view = QTableView(self.tabs)
            model = RowsModel([], view)
            view.setModel(model)
            view.setItemDelegate(NaturalDirectionDelegate(view))
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.verticalHeader().hide()
            self.tabs.addTab(view, "")
            self.models[key] = model
        top = QHBoxLayout()
        self.status_label = QLabel(self)
        self.label_label = QLabel(self)
        top.addWidget(self.status_label)
        top.addWidget(self.status, 1)
        top.addWidget(self.label_label)
        top.addWidget(self.label, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.refresh_button.clicked.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.label.currentIndexChanged.connect(self.refresh)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.report is not None:
                self._show(self.report)
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Show the panel's own texts in the language now installed (see `annotator.ui.i18n`)."""
        for i, (text, _value) in enumerate(STATUS_CHOICES):
            self.status.setItemText(i, self.tr(text))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.status_label.setText(self.tr("Status:"))
        self.label_label.setText(self.tr("Label:"))
        for i, (key, title, columns) in enumerate(TABS):
            self.tabs.setTabText(i, self.tr(title))
            model = self.models[key]
            model.set_rows(model.rows, [self.tr(COLUMN_NAMES.get(c, c)) for c in columns])
        self._fill_labels()

    def _fill_labels(self) -> None:
        keep = self.label.currentIndex()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem(self.tr("All labels"), None)
        for name in self.store.schema.label_names:
            self.label.addItem(name, name)
        self.label.setCurrentIndex(max(keep, 0))
        self.label.blockSignals(False)

    def options(self) -> AgreementOptions:
        statuses = STATUS_CHOICES[self.status.currentIndex()][1]
        label = self.label.currentData()
        return AgreementOptions(statuses=statuses, include_labels=(label,) if label else None)

    def refresh(self) -> None:
        """Measure again with the filters as they are now; `measured` says when it is shown."""
        options = self.options()
        self.summary.setText(self.tr("Measuring…"))
        self.reader.run(lambda store: measure(store, options))

    def _measured(self, report: AgreementReport) -> None:
        self.report = report
        self._show(report)
        self.measured.emit(report)

    def _failed(self, reason: str) -> None:
        self.summary.setText(self.tr("Could not measure: {reason}").format(reason=reason))

    def _show(self, report: AgreementReport) -> None:
        names = self.tr(", ").join(report.annotators) or self.tr("none")
        self.summary.setText(
            self.tr(
                "{n} annotators ({names}); {documents} documents with two or more; {tokens} tokens. "
                "P and R: the second annotator against the first."
            ).format(n=len(report.annotators), names=names, documents=report.documents, tokens=report.tokens)
        )
        every = self.tr("all labels")
        spans = [[every if r[0] == ALL else r[0], *r[1:]] for r in span_rows(report)]
        self.models["spans"].set_rows(spans)
        alpha = [[every if k == ALL else k, report.alpha.get(k)] for k in [*report.labels, ALL]]
        self.models["alpha"].set_rows(alpha)
        self.models["links"].set_rows(relation_rows(report))
        self.models["attributes"].set_rows(attribute_rows(report))
