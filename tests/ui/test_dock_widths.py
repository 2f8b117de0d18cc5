"""The docks get their widths back when the window grows again after being made narrow, and a width
the user dragged is the one given back (also in the next session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui.dock_widths import SETTINGS_KEY, DockWidths
from annotator.ui.main_window import MainWindow
from tests.ui.readerutil import isolate_settings


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, qapp) -> None:
    isolate_settings(tmp_path, auto_suggest=False)


@pytest.fixture
def store(tmp_path: Path):
    store = Store.create(tmp_path / "d.annotator.db")
    store.add_documents([NewDocument("doc-1", "قال الوزير إن المحادثات مستمرة.", {"title": "محادثات"})])
    yield store
    store.close()


def _window(qtbot, store: Store, width: int = 1360) -> MainWindow:
    window = MainWindow(store, "mona")
    window.session._poll.stop()
    qtbot.addWidget(window)
    window.resize(width, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def _mouse(window: MainWindow, kind: QEvent.Type, x: int, y: int, button, buttons) -> None:
    """A mouse event on the main window itself, with the buttons held (QTest's moves hold none)."""
    at = QPointF(x, y)
    event = QMouseEvent(kind, at, window.mapToGlobal(at), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


def _resize(qtbot, window: MainWindow, width: int) -> None:
    window.resize(width, 860)
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.wait(50)  # the layout, then the docks given back (a zero timer after the resize)


def test_docks_get_their_widths_back_when_the_window_grows_again(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    docs, panel = window.docs_dock, window.panel_dock
    meant = docs.width(), panel.width()
    assert abs(meant[0] - 430) <= 12 and abs(meant[1] - 500) <= 12
    _resize(qtbot, window, 1000)  # narrower: the docks give way before the reader goes below its room
    qtbot.waitUntil(lambda: window.centralWidget().width() >= DockWidths.READER_ROOM - 2)
    assert docs.width() < meant[0] - 50 and panel.width() < meant[1] - 50
    _resize(qtbot, window, 900)
    qtbot.waitUntil(lambda: window.centralWidget().width() >= DockWidths.READER_ROOM - 2)
    _resize(qtbot, window, 1360)
    qtbot.waitUntil(lambda: abs(docs.width() - meant[0]) <= 2 and abs(panel.width() - meant[1]) <= 2)
    # wider still: the reader takes the extra room, the docks keep their widths
    _resize(qtbot, window, 1700)
    assert abs(docs.width() - meant[0]) <= 2 and abs(panel.width() - meant[1]) <= 2
    assert window.centralWidget().width() > 600
    window.close()


def test_a_dragged_width_is_the_one_given_back_and_kept_for_the_next_session(qtbot, store: Store) -> None:
    window = _window(qtbot, store)
    docs = window.docs_dock
    # the user drags the separator left of the document list 100 pixels to the right (narrower)
    x = docs.geometry().left() - 2
    y = docs.geometry().top() + 200
    before = docs.width()
    assert window.childAt(x, y) is None  # the separator: the main window's own
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(window, QEvent.Type.MouseButtonPress, x, y, left, left)
    for dx in (10, 50, 100):
        _mouse(window, QEvent.Type.MouseMove, x + dx, y, none, left)
        qtbot.wait(20)  # the main window moves its separator on a timer
    _mouse(window, QEvent.Type.MouseButtonRelease, x + 100, y, left, none)
    qtbot.waitUntil(lambda: docs.width() < before - 60)
    dragged = docs.width()
    qtbot.waitUntil(lambda: window.dock_widths.meant[docs] == dragged)
    _resize(qtbot, window, 900)
    _resize(qtbot, window, 1360)
    qtbot.waitUntil(lambda: abs(docs.width() - dragged) <= 2)  # not back to the default 430
    window.close()
    assert int(QSettings().value(SETTINGS_KEY)["documentsDock"]) == dragged
    reopened = Store.open(store.path)  # the window closed its project
    again = _window(qtbot, reopened)
    assert again.dock_widths.meant[again.docs_dock] == dragged
    again.close()


def test_a_remembered_width_that_is_not_one_is_ignored(qtbot, store: Store) -> None:
    QSettings().setValue(SETTINGS_KEY, {"documentsDock": "wide", "sidePanelDock": -3})
    window = _window(qtbot, store)
    assert window.dock_widths.meant[window.docs_dock] == 430
    assert window.dock_widths.meant[window.panel_dock] == 500
    window.close()
