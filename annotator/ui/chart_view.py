"""A widget that draws the review charts (the same painter as `annotator stats --plot`)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from annotator.core.charts import BarChart
from annotator.ui.chart_image import PAD, chart_height, paint_chart


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts: list[BarChart] = []
        self.dark = False
        self.setMinimumWidth(640)

    def set_charts(self, charts: list[BarChart], dark: bool = False) -> None:
        self.charts = list(charts)
        self.dark = dark
        self.setMinimumHeight(int(self._height()))
        self.updateGeometry()
        self.update()

    def _height(self) -> float:
        return sum(chart_height(c) for c in self.charts) + PAD * max(0, len(self.charts) - 1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(960, int(self._height()) or 400)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        y = 0.0
        for chart in self.charts:
            h = chart_height(chart)
            paint_chart(painter, QRectF(0, y, self.width(), h), chart, self.dark)
            y += h + PAD
        painter.end()
