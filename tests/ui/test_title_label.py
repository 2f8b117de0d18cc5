"""The side panel's titles: painted as a plain-text QLabel paints, and a count that keeps its width
re-arranges no layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from annotator.ui.title_label import TitleLabel, right_to_left
from tests.ui.readerutil import same_pixels


class _LayoutRequests(QObject):
    """Counts the LayoutRequest events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _pair(qtbot, direction: Qt.LayoutDirection) -> tuple[QWidget, TitleLabel, QLabel]:
    """A window holding a TitleLabel over a plain-text QLabel, both bold, as the side panel has."""
    host = QWidget()
    host.setLayoutDirection(direction)
    layout = QVBoxLayout(host)
    ours, theirs = TitleLabel(), QLabel()
    theirs.setTextFormat(Qt.TextFormat.PlainText)
    for label in (ours, theirs):
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
    qtbot.addWidget(host)
    host.resize(420, 120)
    host.show()
    qtbot.waitExposed(host)
    return host, ours, theirs


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
@pytest.mark.parametrize("text", ["Spans (10,234)", "الامتدادات (١٠٢٣٤)", "<b>not bold</b> & 'quotes'", ""])
def test_it_paints_what_a_plain_text_qlabel_paints(qtbot, direction, text) -> None:
    """Latin and Arabic titles, markup shown as text, in both interface directions: the same pixels
    and the same size hint as a plain-text QLabel's."""
    _host, ours, theirs = _pair(qtbot, direction)
    ours.setText(text)
    theirs.setText(text)
    QApplication.processEvents()
    assert ours.text() == text
    assert ours.sizeHint() == theirs.sizeHint()
    assert ours.size() == theirs.size()
    assert same_pixels(ours.grab().toImage(), theirs.grab().toImage(), tolerance=0)


def test_a_count_of_the_same_width_rearranges_no_layout(qtbot) -> None:
    """A QLabel given a new count asks its window to lay out again; this label does only when its
    size hint changes (a longer text), and is repainted either way."""
    host, ours, theirs = _pair(qtbot, Qt.LayoutDirection.LeftToRight)
    ours.setText("Spans (10230)")
    theirs.setText("Spans (10230)")
    QApplication.processEvents()
    requests = _LayoutRequests(host)
    theirs.setText("Spans (10231)")
    QApplication.processEvents()
    assert requests.count == 1  # what QLabel costs
    before = ours.grab().toImage()
    ours.setText("Spans (10231)")
    QApplication.processEvents()
    assert requests.count == 1
    assert not same_pixels(before, ours.grab().toImage())  # the new count is shown
    ours.setText("Spans (10231) and many more words")
    QApplication.processEvents()
    assert requests.count == 2
    assert ours.width() >= ours.sizeHint().width()


def test_a_font_change_measures_again(qtbot) -> None:
    _host, ours, _theirs = _pair(qtbot, Qt.LayoutDirection.LeftToRight)
    ours.setText("Spans (12)")
    small = ours.sizeHint()
    font = ours.font()
    font.setPointSize(font.pointSize() * 2)
    ours.setFont(font)
    assert ours.sizeHint().height() > small.height() and ours.sizeHint().width() > small.width()


def test_the_text_direction_is_its_first_strong_characters() -> None:
    assert right_to_left("الامتدادات (3)")
    assert right_to_left("(3) الامتدادات Spans")
    assert not right_to_left("Spans (3) الامتدادات")
    assert not right_to_left("(3)")
    assert not right_to_left("")
