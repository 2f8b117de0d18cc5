"""Suggestions > Entity model…: the project's model (when trained, on what, its quality per label),
training it again in the background, and retraining it automatically every N documents marked done.

The training itself belongs to the main window's `ModelTrainer` (a separate process), so closing
this dialog does not stop it. Label names and figures go into plain table items, never HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.learning.metrics import OVERALL
from annotator.core.learning.model import model_info
from annotator.core.store import Store
from annotator.ui.model_trainer import ModelTrainer

_STAGES = {
    "features": QT_TRANSLATE_NOOP("ModelDialog", "Reading the annotations"),
    "training": QT_TRANSLATE_NOOP("ModelDialog", "Training"),
    "measuring": QT_TRANSLATE_NOOP("ModelDialog", "Measuring on held-out documents"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("ModelDialog", "label"),
    QT_TRANSLATE_NOOP("ModelDialog", "precision"),
    QT_TRANSLATE_NOOP("ModelDialog", "recall"),
    QT_TRANSLATE_NOOP("ModelDialog", "F1"),
    QT_TRANSLATE_NOOP("ModelDialog", "support"),
)


def retrain_every_key(store: Store) -> str:
    """The QSettings key of this project's "retrain after N documents done" setting."""
    return f"model/retrainEvery/{store.identity}"


class ModelDialog(QDialog):
    def __init__(self, store: Store, trainer: ModelTrainer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.trainer = trainer
        self.setWindowTitle(self.tr("Entity model"))
        self.info = QLabel(self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stage = QLabel(self)
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.train_button = QPushButton(self.tr("&Train now"), self)
        self.train_button.clicked.connect(self.train_or_cancel)
        self.every = QSpinBox(self)
        self.every.setRange(0, 1000)
        self.every.setSpecialValueText(self.tr("never"))
        self.every.setValue(int(QSettings().value(retrain_every_key(store), 0) or 0))
        self.every.valueChanged.connect(lambda n: QSettings().setValue(retrain_every_key(store), n))
        auto = QHBoxLayout()
        auto.addWidget(QLabel(self.tr("Retrain after every"), self))
        auto.addWidget(self.every)
        auto.addWidget(QLabel(self.tr("documents marked done"), self))
        auto.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.train_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addLayout(auto)
        layout.addWidget(buttons)
        trainer.progress.connect(self._on_progress)
        trainer.finished.connect(self._on_finished)
        self.resize(560, 420)
        self.refresh()

    def refresh(self, message: str = "") -> None:
        """Show the stored model's info and quality, and whether a training is running."""
        found = model_info(self.store)
        if found is None:
            text = self.tr(
                "This project has no entity model yet. Train one from the done and adjudicated documents."
            )
            quality: dict = {}
        else:
            trained_at, info = found
            entities = self.tr(", ").join(f"{lab} {n}" for lab, n in info.get("entities", {}).items())
            held = len(info.get("heldout_documents", []))
            trained = self.tr("Trained {when} on {n} documents ({source}).").format(
                when=trained_at[:19].replace("T", " "),
                n=info.get("documents", 0),
                source=self._source_text(str(info.get("source", ""))),
            )
            # the entities on a line of their own: label names and counts read in order in either direction
            trained += "\n" + self.tr("Entities: {entities}").format(entities=entities or self.tr("none"))
            if info.get("quality"):
                measured = self.tr("Quality on {n} held-out documents (exact spans):").format(n=held)
            else:
                measured = self.tr("Quality not measured.")
            text = f"{trained}\n{measured}"
            quality = info.get("quality") or {}
        self.info.setText(text + (f"\n{message}" if message else ""))
        labels = [*sorted(k for k in quality if k != OVERALL), *([OVERALL] if OVERALL in quality else [])]
        self.table.setRowCount(len(labels))
        for row, label in enumerate(labels):
            q = quality[label]
            cells = [
                self.tr("overall") if label == OVERALL else label,
                f"{q['precision']:.3f}",
                f"{q['recall']:.3f}",
                f"{q['f1']:.3f}",
                str(q["support"]),
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self._show_running(self.trainer.running)

    def _source_text(self, source: str) -> str:
        """What the model was trained on, as `annotator train` records it, in the interface's language."""
        if source == "done and adjudicated layers":
            return self.tr("done and adjudicated layers")
        if source.startswith("annotator "):
            return self.tr("annotator {name}").format(name=source.removeprefix("annotator "))
        return source

    def _show_running(self, running: bool) -> None:
        self.train_button.setText(self.tr("&Cancel training") if running else self.tr("&Train now"))
        self.bar.setVisible(running)
        if not running:
            self.stage.setText("")

    def train_or_cancel(self) -> None:
        if self.trainer.running:
            self.trainer.cancel()
            return
        self.trainer.start(self.store.location, env=self.store.child_env())
        self.stage.setText(self.tr("Starting…"))
        self.bar.setRange(0, 0)
        self._show_running(True)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self._show_running(True)
        self.stage.setText(self.tr(_STAGES[stage]) if stage in _STAGES else stage)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _on_finished(self, ok: bool, message: str, _result: object) -> None:
        self.refresh("" if ok else message)
