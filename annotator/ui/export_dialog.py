"""File > Export…: choose a format, an output, filters and a split, then export with a progress
dialog whose Cancel stops the export and leaves no file behind.

The export runs in the GUI thread (it is fast: ANERcorp takes about a second) and keeps the
window responsive by processing events in its progress callback; Cancel makes that callback
return False, which makes `export` remove its temporaries and raise `Cancelled`. The report (files,
counts, warnings) is shown as plain text: document and label names never go through an HTML
interpreter.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.exporters import (
    FORMAT_HELP,
    FORMATS,
    TRAINING_FORMATS,
    TRAINING_STATUSES,
    Cancelled,
    ExportError,
    ExportOptions,
    ExportReport,
    OutputExists,
    export,
)
from annotator.core.model import Status
from annotator.core.store import Store
from annotator.ui.i18n import status_text

ALL_ANNOTATORS = QT_TRANSLATE_NOOP("ExportDialog", "(every annotator)")
#: FORMAT_HELP of the core, for the translators (the English text is the key; a test checks it is whole).
FORMAT_HELP_TEXTS = (
    QT_TRANSLATE_NOOP("ExportDialog", "the project's own JSONL (lossless; imports back unchanged)"),
    QT_TRANSLATE_NOOP("ExportDialog", "spaCy: Doc JSON lines, plus a .spacy DocBin when spaCy is installed"),
    QT_TRANSLATE_NOOP(
        "ExportDialog",
        "Hugging Face token classification: tokens + BIO ner_tags (JSONL, Parquet with pyarrow)",
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "CoNLL BIO: one token and tag per line, a blank line between sentences"
    ),
    QT_TRANSLATE_NOOP("ExportDialog", "brat standoff: a folder of .txt + .ann files and annotation.conf"),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "quote attribution: one record per QUOTE (JSONL, or CSV when the output ends in .csv)"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "doccano JSONL: text, entities and relations, as doccano exports and imports it"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "Prodigy JSONL: tokens, spans and relations per annotator, for prodigy db-in"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "Label Studio JSON tasks with annotations, plus the matching labeling config"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "CoNLL-U: tokens in 10 columns with the entity tags in MISC (NER=B-PERS)"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog", "WebAnno TSV 3.3 for INCEpTION/WebAnno: one .tsv per document in a folder"
    ),
    QT_TRANSLATE_NOOP(
        "ExportDialog",
        "quote attribution in BBC Citron's JSON: one object per document (cue, sources, contents)",
    ),
)
_SUFFIX = {
    "jsonl": ".jsonl",
    "spacy": ".jsonl",
    "hf": ".jsonl",
    "conll": ".conll",
    "brat": "",
    "quotes": ".csv",
    "doccano": ".jsonl",
    "prodigy": ".jsonl",
    "labelstudio": ".json",
    "conllu": ".conllu",
    "webanno": "",
    "citron": ".jsonl",
}
_FOLDER_FORMATS = ("brat", "webanno")


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ExportDialog(QDialog):
    """Export the project; see the module docstring. `report` holds the last successful report."""

    def __init__(self, parent: QWidget | None, store: Store, annotator: str) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.report: ExportReport | None = None
        self.error: str | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)

        form = QFormLayout()
        self.format_combo = QComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(fmt, fmt)
        self.format_help = _plain_label()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow("", self.format_help)

        path_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("output file (a folder for brat and webanno)"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self.tr("Output:"), path_row)
        self.force_check = QCheckBox(self.tr("Replace an existing output"))
        form.addRow("", self.force_check)

        status_row = QHBoxLayout()
        self.status_checks: dict[Status, QCheckBox] = {}
        for st in Status:
            box = QCheckBox(status_text(st))
            self.status_checks[st] = box
            status_row.addWidget(box)
        status_row.addStretch(1)
        form.addRow(self.tr("Status:"), status_row)

        self.annotator_combo = QComboBox()
        self.annotator_combo.addItem(self.tr(ALL_ANNOTATORS), None)
        for name in store.annotators():
            self.annotator_combo.addItem(name, name)
        form.addRow(self.tr("Annotator:"), self.annotator_combo)

        self.label_list = QListWidget()
        self.label_list.setMaximumHeight(140)
        for name in store.schema.label_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.label_list.addItem(item)
        form.addRow(self.tr("Labels:"), self.label_list)
        self.map_edit = QLineEdit()
        self.map_edit.setPlaceholderText(self.tr("e.g. GPE=LOC, MISC=O-MISC"))
        form.addRow(self.tr("Rename:"), self.map_edit)

        split_row = QHBoxLayout()
        self.split_check = QCheckBox(self.tr("Split"))
        self.split_spins = []
        for value in (0.8, 0.1, 0.1):
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 1.0)
            spin.setSingleStep(0.05)
            spin.setDecimals(2)
            spin.setValue(value)
            spin.setEnabled(False)
            self.split_spins.append(spin)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2_000_000_000)
        self.seed_spin.setEnabled(False)
        split_row.addWidget(self.split_check)
        for name, spin in zip(
            (self.tr("train"), self.tr("dev"), self.tr("test")), self.split_spins, strict=True
        ):
            split_row.addWidget(QLabel(name))
            split_row.addWidget(spin)
        split_row.addWidget(QLabel(self.tr("seed")))
        split_row.addWidget(self.seed_spin)
        form.addRow(self.tr("Split:"), split_row)

        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(self.tr("The report of the export appears here."))
        self.report_view.setMinimumHeight(120)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.browse_button.clicked.connect(self._browse)
        self.split_check.toggled.connect(self._split_toggled)
        self.export_button.clicked.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)
        self._format_changed()

    # ------------------------------------------------------------------ form
    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(FORMATS.index(fmt))

    def _format_changed(self) -> None:
        fmt = self.fmt
        self.format_help.setText(self.tr(FORMAT_HELP[fmt]))
        defaults = set(TRAINING_STATUSES) if fmt in TRAINING_FORMATS else set(Status)
        for st, box in self.status_checks.items():
            box.setChecked(st in defaults)
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            suffix = _SUFFIX[fmt]
            if fmt == "quotes" and path.suffix.lower() in (".csv", ".jsonl"):
                return
            base = path.with_suffix("") if path.suffix else path
            self.path_edit.setText(str(base) + suffix)

    def _split_toggled(self, on: bool) -> None:
        for spin in self.split_spins:
            spin.setEnabled(on)
        self.seed_spin.setEnabled(on)

    def _default_stem(self) -> Path:
        """Where exports go by default: beside the project file, named after it (a server project:
        the home folder, named after the database)."""
        if self.store.path is not None:
            return Path(self.store.path).with_suffix("")
        return Path.home() / self.store.name.split(" ")[0]

    def _browse(self) -> None:  # pragma: no cover - a native dialog, not driven by the tests
        start = self.path_edit.text() or str(self._default_stem())
        if self.fmt in _FOLDER_FORMATS:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Export into a new folder: choose its parent"), start
            )
            if path:
                self.path_edit.setText(str(Path(path) / (self._default_stem().name + "-" + self.fmt)))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), start)
        if path:
            self.path_edit.setText(path)

    def options(self) -> ExportOptions:
        """The options the form describes; ValueError with a message when it is not usable."""
        statuses = tuple(st for st, box in self.status_checks.items() if box.isChecked())
        if not statuses:
            raise ValueError(self.tr("choose at least one status"))
        labels = [self.label_list.item(i) for i in range(self.label_list.count())]
        include = tuple(it.text() for it in labels if it.checkState() == Qt.CheckState.Checked)
        if not include:
            raise ValueError(self.tr("choose at least one label"))
        mapping: dict[str, str] = {}
        for part in self.map_edit.text().replace(";", ",").split(","):
            if not part.strip():
                continue
            src, sep, dst = part.partition("=")
            if not sep or not src.strip() or not dst.strip():
                raise ValueError(
                    self.tr("rename {part}: expected FROM=TO, e.g. GPE=LOC").format(part=repr(part.strip()))
                )
            mapping[src.strip()] = dst.strip()
        split = None
        if self.split_check.isChecked():
            split = tuple(spin.value() for spin in self.split_spins)
            if sum(split) <= 0:
                raise ValueError(self.tr("the split ratios sum to zero"))
        return ExportOptions(
            statuses=None if set(statuses) == set(Status) else statuses,
            annotator=self.annotator_combo.currentData(),
            include_labels=None if len(include) == len(labels) else include,
            label_map=mapping,
            split=split,  # type: ignore[arg-type]
            seed=self.seed_spin.value(),
            force=self.force_check.isChecked(),
        )

    # ------------------------------------------------------------------ running
    def _show(self, text: str) -> None:
        self.report_view.setPlainText(text)

    def run_export(self) -> ExportReport | None:
        """Export with a cancellable progress dialog; the outcome is shown in the report area."""
        self.report = None
        self.error = None
        text = self.path_edit.text().strip()
        if not text:
            self.error = self.tr("choose an output file")
            self._show(self.error)
            return None
        try:
            options = self.options()
        except ValueError as exc:
            self.error = str(exc)
            self._show(self.error)
            return None
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress_dialog = progress

        def on_progress(done: int, total: int) -> bool:
            if progress.maximum() != total:
                progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        self.buttons.setEnabled(False)  # no second export, no closing, while this one runs
        try:
            report = export(self.store, self.fmt, Path(text), options, progress=on_progress)
        except Cancelled:
            self.error = self.tr("Export cancelled: nothing was written.")
            self._show(self.error)
            return None
        except OutputExists as exc:  # the core's message names the command line's --force
            self.error = self.tr(
                "{path} exists already. Tick “Replace an existing output” to replace it."
            ).format(path=exc.path)
            self._show(self.tr("Export failed, nothing was written:") + "\n" + self.error)
            return None
        except ExportError as exc:
            self.error = str(exc)
            self._show(self.tr("Export failed, nothing was written:") + "\n" + self.error)
            return None
        finally:
            progress.close()
            progress.deleteLater()
            self.progress_dialog = None
            self.buttons.setEnabled(True)
        self.report = report
        self._show(report.summary())
        return report
