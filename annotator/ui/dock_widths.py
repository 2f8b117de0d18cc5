"""The docks' widths given back when the window grows again.

`QMainWindow` shares a narrower window between its docks and the reader as it likes (a 1000-pixel
window left the reader 170 pixels, three words a line, beside docks of 350 and 430), and when it is
made wide again gives all the new room to the central widget: after a trip through a small window
the document list and the side panel stay narrow (titles cut, columns scrolling) beside a very wide
reader. This keeps the width each dock is meant to have: the default, or the width the user last
gave it by dragging the separator (kept in the settings). After the window is resized, the reader
keeps `READER_ROOM` pixels first: docks give way for it (each in proportion to what it has above
its minimum); then the docks get back what they lack of their meant widths, as far as the reader
keeps that room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

SETTINGS_KEY = "window/dockWidths"


class DockWidths(QObject):
    """Keeps `window`'s docks at their meant widths (see the module docstring); `widths` gives each
    dock's default, by dock."""

    READER_ROOM = 400  # the reader keeps this many pixels (the default 1360-pixel window leaves it 418)

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
        """Narrow the docks while the central widget has less than READER_ROOM, else widen the ones
        narrower than meant, as far as it keeps READER_ROOM."""
        central = self.window.centralWidget()
        spare = central.width() - self.READER_ROOM if central is not None else 0
        if spare < 0:
            self._give_way(-spare)
            return
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

    def _give_way(self, need: int) -> None:
        """Narrow the docks by `need` pixels in all, each in proportion to its width above its minimum."""
        docks = self._docked()
        slack = {d: max(0, d.width() - d.minimumSizeHint().width()) for d in docks}
        total = sum(slack.values())
        if total <= 0:
            return
        need = min(need, total)
        widths = [d.width() - min(slack[d], -(-need * slack[d] // total)) for d in docks]
        self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
