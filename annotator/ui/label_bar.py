"""The label bar: one button per label of the schema, with its colour, name and key.

Clicking a button labels the reader's selection, exactly as pressing the label's key in the reader
does. The buttons take no keyboard focus, so the reader keeps it (and its selection) while the
mouse is used. Label names come from the project and are shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from annotator.core.schema import Label
from annotator.ui import plain


def swatch(colour: str, size: int = 14) -> QIcon:
    """A small rounded square of the label's colour."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 3, 3)
    painter.end()
    return QIcon(pix)


def button_text(label: Label) -> str:
    # QToolButton text is plain, but '&' marks a mnemonic: double it
    name = label.name.replace("&", "&&")
    return f"{name}  {label.key}" if label.key else name


class LabelBar(QToolBar):
    """A toolbar of label buttons built from `session.schema`; clicks call `reader.label_selection`."""

    def __init__(self, session, reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelBar")
        self.session = session
        self.reader = reader
        self.setMovable(True)
        self.setIconSize(QSize(14, 14))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons: dict[str, QToolButton] = {}
        self.rebuild()
        self.retranslate()

    def rebuild(self) -> None:
        """(Re)create the buttons from the current schema."""
        self.clear()
        self.buttons = {}
        for label in self.session.schema.labels:
            button = QToolButton(self)
            button.setText(button_text(label))
            button.setIcon(swatch(label.colour))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            # the description is plain text from the schema: escaped for the tool tip, never rich text
            button.setStatusTip(label.description)
            button.setToolTip(plain.tooltip(self.tooltip_text(label)))
            button.setAccessibleName(label.name)
            button.clicked.connect(lambda _checked=False, name=label.name: self.apply(name))
            self.addWidget(button)
            self.buttons[label.name] = button

    def tooltip_text(self, label: Label) -> str:
        """What a button's tool tip says: the label, its key, what it is for."""
        head = (
            self.tr("{label}: select text, then press {key} (or click here)").format(
                label=label.name, key=label.key.upper()
            )
            if label.key
            else self.tr("{label}: select text, then click here").format(label=label.name)
        )
        return f"{head}\n{label.description}" if label.description else head

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Labels"))
        for label in self.session.schema.labels:
            button = self.buttons.get(label.name)
            if button is not None:
                button.setToolTip(plain.tooltip(self.tooltip_text(label)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def apply(self, name: str) -> None:
        self.reader.label_selection(name)
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
