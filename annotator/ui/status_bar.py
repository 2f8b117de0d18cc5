"""The windows' status bar: its messages laid out in the interface's direction, and the message of
the user's own action kept up until it has been read.

QStatusBar draws a message in the direction of its first strong character, so in the Arabic
interface "CUE «اتهمه» linked …" read left to right and its words out of order. Every message shown
here gets the interface's direction with its Latin pieces isolated (`bidi.directed`).

A message from work done in the background (a long document's suggestions arriving, a model trained,
the server back) replaced whatever the user had just been told ("Marked … done") the moment it came:
`show_background` waits until the user's message has been up for `HOLD_MS`, then shows it (a later
background message replaces one still waiting; `drop_background` forgets it, when the document it
speaks of is closed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QStatusBar, QWidget

from annotator.ui.bidi import directed


class StatusBar(QStatusBar):
    """A QStatusBar whose messages read in the interface's direction, and whose background messages
    wait for the user's own to be read."""

    HOLD_MS = 4000  # how long the message of the user's action stays before a background one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._said = ""  # the message of the user's last action, as shown
        self._said_at = QElapsedTimer()
        self._waiting: tuple[str, int, Callable[[], None] | None] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._show_waiting)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt name)
        """The message of something the user did: shown at once."""
        self._said = directed(text, self.isRightToLeft())
        self._said_at.start()
        super().showMessage(self._said, timeout)
        if self._waiting is not None:
            self._later.start(self.HOLD_MS)

    def clearMessage(self) -> None:  # noqa: N802 (Qt name)
        """No message: a background message waiting is shown now (there is nothing left to read)."""
        super().clearMessage()
        self._said = ""
        self._show_waiting()

    def show_background(self, text: str, timeout: int = 0, shown: Callable[[], None] | None = None) -> None:
        """A message of work done in the background: shown now, or once the user's message has been up
        for `HOLD_MS` when it is still up; `shown` is called when it is shown."""
        self._waiting = (text, timeout, shown)
        self._show_waiting()

    def drop_background(self) -> None:
        """Forget the background message still waiting (it spoke of what is no longer shown)."""
        self._waiting = None
        self._later.stop()

    @property
    def waiting(self) -> str | None:
        """The background message waiting to be shown, if any."""
        return self._waiting[0] if self._waiting is not None else None

    def _hold_left(self) -> int:
        """Milliseconds the user's message is still kept up (0 when it is gone or has been read)."""
        if not self._said or self.currentMessage() != self._said or not self._said_at.isValid():
            return 0
        return max(0, self.HOLD_MS - self._said_at.elapsed())

    def _show_waiting(self) -> None:
        if self._waiting is None:
            return
        left = self._hold_left()
        if left > 0:
            self._later.start(left)
            return
        text, timeout, shown = self._waiting
        self._waiting = None
        super().showMessage(directed(text, self.isRightToLeft()), timeout)
        if shown is not None:
            shown()
