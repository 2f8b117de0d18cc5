"""The charts dialog (Review > Charts): progress, spans per label, agreement per label.

The figures are read on a worker thread (`BackgroundReader`); `drawn` says when they are shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.charts import dashboard
from annotator.core.store import Store
from annotator.ui.background import BackgroundReader
from annotator.ui.chart_image import save_png
from annotator.ui.chart_view import ChartView


class ChartsDialog(QDialog):
    drawn = Signal()

    def __init__(self, store: Store, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Charts"))
        self.store = store
        self.dark = dark
        self.reader = BackgroundReader(store, self)
        self.reader.done.connect(self._draw)
        self.reader.failed.connect(self._failed)
        self.view = ChartView(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.save_button = QPushButton(self.tr("&Save as PNG…"), self)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save_dialog)
        self.save_button.setEnabled(False)  # until the first charts are drawn
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(1000, 760)
        # live: other windows' commits redraw the charts, at most every LIVE_MS (a lead watching a
        # team on a server sees the progress as it is made)
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(self.LIVE_MS)
        self._live.timeout.connect(self.refresh)
        self.refresh()

    LIVE_MS = 2000

    def follow(self, signal) -> None:
        """Redraw (a little later, once for a burst) whenever `signal` says the project changed."""
        signal.connect(self._soon)

    def _soon(self, *_args) -> None:
        if not self._live.isActive():
            self._live.start()

    def refresh(self) -> None:
        self.reader.run(dashboard)

    def _draw(self, charts) -> None:
        self.view.set_charts(charts, self.dark)
        self.save_button.setEnabled(True)
        self.drawn.emit()

    def _failed(self, reason: str) -> None:
        self._warn(self.tr("Charts"), self.tr("Could not read the figures: {reason}").format(reason=reason))

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # paths and server messages are not HTML
        box.open()

    def save(self, path: str | Path) -> Path:
        return save_png(self.view.charts, path, dark=self.dark, rtl=self.isRightToLeft())

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save charts"), str(Path.home() / "charts.png"), self.tr("PNG images (*.png)")
        )
        if not path:
            return
        try:
            self.save(path)
        except OSError as exc:  # a folder not writable, a full disk: said, nothing half-written
            self._warn(
                self.tr("Charts not saved"), self.tr("Could not save the charts: {error}").format(error=exc)
            )
