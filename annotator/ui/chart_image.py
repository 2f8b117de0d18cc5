"""Drawing the review charts (`annotator.core.charts`) with QPainter, for the window and for PNG files.

Why Qt and not matplotlib: Qt shapes and orders Arabic itself (HarfBuzz and the Unicode bidi
algorithm), so an annotator named ليلى or a document title reads right with the real string, while
matplotlib shapes Arabic only from 3.11 on and needs arabic-reshaper + python-bidi before that (a
version-dependent double-shaping trap, see DESIGN.md). Qt is already a dependency, draws the same
pixels in the window and in the file, uses the bundled fonts (no boxes on a bare machine), and
renders offscreen (QT_QPA_PLATFORM=offscreen) for `annotator stats --plot` without a display;
matplotlib would add ~40 MB for three bar charts.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

from annotator.core.charts import BarChart

FAMILIES = ["Noto Sans", "Noto Naskh Arabic"]
WIDTH = 960
PAD = 16.0
TITLE_H = 34.0
LEGEND_H = 30.0
BAR_H = 15.0
STACK_H = 24.0
GAP = 10.0


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _palette(dark: bool) -> dict[str, QColor]:
    if dark:
        return {
            "bg": QColor("#1f2227"),
            "text": QColor("#e6e6e6"),
            "muted": QColor("#9aa1ab"),
            "grid": QColor("#3a3f47"),
        }
    return {
        "bg": QColor("#ffffff"),
        "text": QColor("#1d1f23"),
        "muted": QColor("#6b7280"),
        "grid": QColor("#e3e6ea"),
    }


def _ticks(top: float, fixed: bool) -> tuple[float, list[float]]:
    """The axis end and its ticks: quarters of a fixed maximum (agreement's 1.0), else round steps
    of 1, 2 or 5 times a power of ten (counts get whole numbers)."""
    if fixed:
        return top, [top * k / 4 for k in range(5)]
    if top <= 0:
        return 1.0, [0.0, 1.0]
    rough = top / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    step = max(step, 1.0)
    end = step * math.ceil(top / step)
    return end, [step * k for k in range(int(round(end / step)) + 1)]


def chart_height(chart: BarChart) -> float:
    rows = max(1, len(chart.categories))
    row = STACK_H if chart.stacked else BAR_H * len(chart.series) + 4
    return TITLE_H + rows * (row + GAP) + 22 + LEGEND_H + PAD


def _format(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def paint_chart(
    painter: QPainter, rect: QRectF, chart: BarChart, dark: bool = False, rtl: bool = False
) -> None:
    """Draw `chart` into `rect` (text is given to Qt as it is: Qt shapes and orders it). `rtl`
    mirrors the chart for a right-to-left interface: titles and names on the right, bars growing
    to the left."""
    colours = _palette(dark)
    left_edge, right_edge = rect.left(), rect.right()

    def box(x: float, y: float, w: float, h: float) -> QRectF:
        """A rectangle laid out left to right, mirrored in `rect` when right to left."""
        return QRectF(left_edge + right_edge - x - w if rtl else x, y, w, h)

    def at(x: float) -> float:
        return left_edge + right_edge - x if rtl else x

    start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    end = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
    middle = Qt.AlignmentFlag.AlignVCenter
    painter.save()
    if rtl:
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, colours["bg"])
    painter.setPen(colours["text"])
    painter.setFont(_font(12, bold=True))
    title = box(rect.left() + PAD, rect.top() + 6, rect.width() - 2 * PAD, TITLE_H - 8)
    painter.drawText(title, start | middle | Qt.AlignmentFlag.AlignAbsolute, chart.title)
    body_top = rect.top() + TITLE_H
    if chart.empty:
        painter.setPen(colours["muted"])
        painter.setFont(_font(10))
        painter.drawText(
            QRectF(rect.left(), body_top, rect.width(), rect.bottom() - body_top),
            Qt.AlignmentFlag.AlignCenter,
            chart.empty_text,
        )
        painter.restore()
        return
    label_font = _font(10)
    small = _font(8.5)
    fm = QFontMetricsF(label_font)
    label_w = min(rect.width() * 0.3, max(fm.horizontalAdvance(c) for c in chart.categories) + 14)
    na = QCoreApplication.translate("Charts", "n/a")
    value_w = QFontMetricsF(small).horizontalAdvance(f"0.000 {na}") + 8
    left = rect.left() + PAD + label_w
    right = rect.right() - PAD - value_w
    width = max(10.0, right - left)
    if chart.stacked:
        largest = max(sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.categories)))
    else:
        largest = max((v or 0) for s in chart.series for v in s.values)
    fixed = chart.maximum is not None and chart.maximum >= largest
    top_value, ticks = _ticks(chart.maximum if fixed else largest, fixed)
    row_h = STACK_H if chart.stacked else BAR_H * len(chart.series) + 4
    rows_bottom = body_top + len(chart.categories) * (row_h + GAP)
    absolute = Qt.AlignmentFlag.AlignAbsolute
    # grid and axis
    painter.setFont(small)
    for tick in ticks:
        x = left + width * tick / top_value
        painter.setPen(QPen(colours["grid"], 1))
        painter.drawLine(QPointF(at(x), body_top), QPointF(at(x), rows_bottom))
        painter.setPen(colours["muted"])
        text = _format(tick, 2 if fixed and top_value <= 1 else 0)
        painter.drawText(box(x - 30, rows_bottom + 2, 60, 16), Qt.AlignmentFlag.AlignHCenter, text)
    y = body_top
    for i, category in enumerate(chart.categories):
        painter.setFont(label_font)
        painter.setPen(colours["text"])
        painter.drawText(box(rect.left() + PAD, y, label_w - 10, row_h), end | middle | absolute, category)
        painter.setFont(small)
        if chart.stacked:
            x = left
            for s in chart.series:
                value = s.values[i] or 0
                w = width * value / top_value if top_value else 0
                if w > 0:
                    painter.fillRect(box(x, y + 2, w, row_h - 4), QColor(s.colour))
                    text = _format(value, chart.decimals)
                    if QFontMetricsF(small).horizontalAdvance(text) + 4 < w:
                        painter.setPen(
                            QColor("#ffffff") if QColor(s.colour).lightness() < 150 else QColor("#1d1f23")
                        )
                        painter.drawText(box(x, y, w, row_h), Qt.AlignmentFlag.AlignCenter, text)
                x += w
            painter.setPen(colours["muted"])
            painter.drawText(
                box(x + 4, y, value_w, row_h),
                start | middle | absolute,
                _format(sum(s.values[i] or 0 for s in chart.series), chart.decimals),
            )
        else:
            for k, s in enumerate(chart.series):
                by = y + 2 + k * BAR_H
                value = s.values[i]
                w = width * max(0.0, value) / top_value if value is not None and top_value else 0
                if w > 0:
                    painter.fillRect(box(left, by, w, BAR_H - 3), QColor(s.colour))
                painter.setPen(colours["muted"])
                painter.drawText(
                    box(left + w + 4, by - 1, value_w, BAR_H),
                    start | middle | absolute,
                    na if value is None else _format(value, chart.decimals),
                )
        y += row_h + GAP
    # legend
    x = left
    ly = rows_bottom + 22
    painter.setFont(small)
    for s in chart.series:
        painter.fillRect(box(x, ly + 7, 12, 12), QColor(s.colour))
        painter.setPen(colours["text"])
        text_w = QFontMetricsF(small).horizontalAdvance(s.name)
        painter.drawText(box(x + 16, ly, text_w + 4, 26), start | middle | absolute, s.name)
        x += 16 + text_w + 18
    painter.restore()


def render(
    charts: list[BarChart], width: int = WIDTH, dark: bool = False, scale: float = 2.0, rtl: bool = False
) -> QImage:
    """The charts one under another, as an image `width` logical pixels wide (times `scale`)."""
    heights = [chart_height(c) for c in charts]
    total = sum(heights) + PAD * max(0, len(charts) - 1)
    image = QImage(int(width * scale), int(math.ceil(total * scale)), QImage.Format.Format_ARGB32)
    image.fill(_palette(dark)["bg"])
    painter = QPainter(image)
    painter.scale(scale, scale)
    y = 0.0
    for chart, h in zip(charts, heights, strict=True):
        paint_chart(painter, QRectF(0, y, width, h), chart, dark, rtl)
        y += h + PAD
    painter.end()
    return image


def ensure_gui() -> QGuiApplication:
    """A GUI application object for fonts and painting; offscreen when there is no display."""
    app = QGuiApplication.instance()
    if app is None:
        if (
            not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")
            and sys.platform.startswith("linux")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    from annotator.ui.app import load_fonts

    load_fonts()
    return app  # type: ignore[return-value]


def save_png(
    charts: list[BarChart], path: str | Path, width: int = WIDTH, dark: bool = False, rtl: bool = False
) -> Path:
    """Write the charts as a PNG, atomically (a temporary file renamed into place)."""
    ensure_gui()
    path = Path(path)
    image = render(charts, width, dark, rtl=rtl)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".png", dir=path.parent or ".")
    os.close(fd)
    try:
        if not image.save(tmp, "PNG"):
            raise OSError(f"cannot write {path}")
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 whatever the umask
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
