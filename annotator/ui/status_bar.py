"""The windows' status bar: its messages laid out in the interface's direction.

QStatusBar draws a message in the direction of its first strong character, so in the Arabic
interface "CUE «اتهمه» linked …" read left to right and its words out of order. Every message shown
here gets the interface's direction with its Latin pieces isolated (`bidi.directed`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from annotator.ui.bidi import directed


class StatusBar(QStatusBar):
    """A QStatusBar whose messages read in the interface's direction."""

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt name)
        super().showMessage(directed(text, self.isRightToLeft()), timeout)
