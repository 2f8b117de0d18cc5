"""The docks' widths given back when the window grows again.

`QMainWindow` squeezes its docks when the window is made narrow, and when it is made wide again
gives all the new room to the central widget: after a trip through a small window the document list
and the side panel stay narrow (titles cut, columns scrolling) beside a very wide reader. This
keeps the width each dock is meant to have: the default, or the width the user last gave it by
dragging the separator (kept in the settings), and after the window is resized gives the docks back
what they lack, as far as the reader keeps `READER_ROOM` pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

SETTINGS_KEY = "window/dockWidths"


class DockWidths(QObject):
    """Keeps `window`'s docks at their meant widths (see the module docstring); `widths` gives each
    dock's default, by dock."""

    READER_ROOM = 420  # the central widget keeps at least this many pixels when docks widen

    def __init__(self, window: QMainWindow, widths: dict[QDockWidget, int]) -> None:
        super().__init__(window)
        self.window = window
        self.meant = dict(widths)
        saved = QSettings().value(SETTINGS_KEY)
        if isinstance(saved, dict):
            for dock in self.meant:
                value = saved.get(dock.objectName())
                if isinstance(value, (int, str)) and str(value).isdigit() and 0 < int(value) < 10_000:
                    self.meant[dock] = int(value)
        window.installEventFilter(self)

    def _docked(self) -> list[QDockWidget]:
        return [d for d in self.meant if d.isVisible() and not d.isFloating()]

    def take(self) -> None:
        """The docks' widths now are the ones meant (after the user dragged a separator)."""
        for dock in self._docked():
            self.meant[dock] = dock.width()
        QSettings().setValue(SETTINGS_KEY, {d.objectName(): w for d, w in self.meant.items()})

    def give_back(self) -> None:
        """Widen the docks narrower than meant, as far as the central widget keeps READER_ROOM."""
        central = self.window.centralWidget()
        spare = central.width() - self.READER_ROOM if central is not None else 0
        docks, widths = [], []
        for dock in self._docked():
            lack = self.meant[dock] - dock.width()
            if lack > 0 and spare > 0:
                give = min(lack, spare)
                spare -= give
                docks.append(dock)
                widths.append(dock.width() + give)
        if docks:
            self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.Type.Resize:
            # once the layout has placed everything at the new size
            QTimer.singleShot(0, self, self.give_back)
        elif kind == QEvent.Type.MouseButtonRelease:
            # the main window itself gets the mouse only on its separators: a drag has ended
            QTimer.singleShot(0, self, self.take)
        return False
