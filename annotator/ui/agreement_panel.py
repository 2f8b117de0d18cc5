"""The agreement panel: the figures of `annotator agree`, with filters, in the window.

It measures with the core (`annotator.core.agreement.measure`) when shown and on Refresh, and shows
four tables: spans and token kappa per label and pair, alpha per label, links, attributes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from annotator.ui.table_model import RowsModel

STATUS_CHOICES = [
    ("Every document worked on", None),
    ("Done", (Status.DONE,)),
    ("Done or adjudicated", (Status.DONE, Status.ADJUDICATED)),
]


class AgreementPanel(QWidget):
    """Filters on top, the tables below; `report` is the last measurement."""

    measured = Signal(object)  # AgreementReport

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: AgreementReport | None = None
        self.status = QComboBox(self)
        for text, _value in STATUS_CHOICES:
            self.status.addItem(text)
        self.label = QComboBox(self)
        self.refresh_button = QPushButton("&Refresh", self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(self.summary.textFormat().PlainText)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        for key, title, header in (
            ("spans", "Spans and kappa", list(SPAN_COLUMNS)),
            ("alpha", "Alpha", ["label", "alpha"]),
            ("links", "Links", list(RELATION_COLUMNS)),
            ("attributes", "Attributes", list(ATTRIBUTE_COLUMNS)),
        ):
            view = QTableView(self.tabs)
            model = RowsModel(header, view)
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.verticalHeader().hide()
            self.tabs.addTab(view, title)
            self.models[key] = model
        top = QHBoxLayout()
        top.addWidget(QLabel("Status:", self))
        top.addWidget(self.status, 1)
        top.addWidget(QLabel("Label:", self))
        top.addWidget(self.label, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._fill_labels()
        self.refresh_button.clicked.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.label.currentIndexChanged.connect(self.refresh)

    def _fill_labels(self) -> None:
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem("All labels", None)
        for name in self.store.schema.label_names:
            self.label.addItem(name, name)
        self.label.blockSignals(False)

    def options(self) -> AgreementOptions:
        statuses = STATUS_CHOICES[self.status.currentIndex()][1]
        label = self.label.currentData()
        return AgreementOptions(statuses=statuses, include_labels=(label,) if label else None)

    def refresh(self) -> AgreementReport:
        report = measure(self.store, self.options())
        self.report = report
        self.summary.setText(
            f"{len(report.annotators)} annotators ({', '.join(report.annotators) or 'none'}); "
            f"{report.documents} documents with two or more; {report.tokens} tokens. "
            "P and R: the second annotator against the first."
        )
        self.models["spans"].set_rows(span_rows(report))
        self.models["alpha"].set_rows([[k, report.alpha.get(k)] for k in [*report.labels, ALL]])
        self.models["links"].set_rows(relation_rows(report))
        self.models["attributes"].set_rows(attribute_rows(report))
        self.measured.emit(report)
        return report
