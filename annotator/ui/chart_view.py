"""A widget that draws the review charts (the same painter as `annotator stats --plot`).

The core builds the charts with English texts (the command line's); `translated` shows them in the
interface's language: the titles, series, "all labels" and the empty-chart texts are a fixed set.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from annotator.core.adjudication import ADJUDICATED
from annotator.core.charts import BarChart
from annotator.ui.chart_image import PAD, chart_height, paint_chart

#: Every fixed text of `annotator.core.charts`, for the translators (tests check the list is whole).
CHART_TEXTS = (
    QT_TRANSLATE_NOOP("Charts", "Progress: documents per status ({total} documents)"),
    QT_TRANSLATE_NOOP("Charts", "Spans per annotator and label"),
    QT_TRANSLATE_NOOP("Charts", "Agreement per label ({annotators} annotators, {documents} documents)"),
    QT_TRANSLATE_NOOP("Charts", "new"),
    QT_TRANSLATE_NOOP("Charts", "in progress"),
    QT_TRANSLATE_NOOP("Charts", "done"),
    QT_TRANSLATE_NOOP("Charts", "adjudicated"),
    QT_TRANSLATE_NOOP("Charts", "span F1, overlap"),
    QT_TRANSLATE_NOOP("Charts", "span F1, exact"),
    QT_TRANSLATE_NOOP("Charts", "Krippendorff's alpha, tokens"),
    QT_TRANSLATE_NOOP("Charts", "all labels"),
    QT_TRANSLATE_NOOP("Charts", "nothing to show yet"),
    QT_TRANSLATE_NOOP("Charts", "no annotator has started yet"),
    QT_TRANSLATE_NOOP("Charts", "no spans yet"),
    QT_TRANSLATE_NOOP("Charts", "no document has two annotators yet"),
)


def _tr(text: str) -> str:
    """`text` translated when it is one of the charts' fixed texts, else as it is (data: names)."""
    return QCoreApplication.translate("Charts", text) if text in CHART_TEXTS else text


def translated(chart: BarChart) -> BarChart:
    """`chart` with its fixed texts in the interface's language (names of people and labels kept,
    but for the adjudicated layer's, which is the program's)."""
    title = chart.title
    if chart.title_template in CHART_TEXTS:
        title = _tr(chart.title_template).format(**dict(chart.title_values))
    elif chart.title in CHART_TEXTS:
        title = _tr(chart.title)
    return replace(
        chart,
        title=title,
        categories=tuple(_tr(c) if c in ("all labels", ADJUDICATED) else c for c in chart.categories),
        series=tuple(replace(s, name=_tr(s.name)) for s in chart.series),
        empty_text=_tr(chart.empty_text),
    )


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts: list[BarChart] = []
        self.dark = False
        self.setMinimumWidth(640)

    def set_charts(self, charts: list[BarChart], dark: bool = False) -> None:
        """Show `charts`, their fixed texts in the interface's language."""
        self.charts = [translated(c) for c in charts]
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
            rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            paint_chart(painter, QRectF(0, y, self.width(), h), chart, self.dark, rtl=rtl)
            y += h + PAD
        painter.end()
