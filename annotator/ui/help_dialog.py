"""Help: the shortcuts sheet (generated from the real bindings) and the guidelines panel.

The sheet lists every QAction of the window that has a shortcut, with the key sequences Qt will
actually match, followed by the reader's own keys (`reader.keymap()`), so it can never drift from
what the keys do. Everything is plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.bidi import isolated_keys

#: The sections of the sheet (an action's "helpSection" property), for the translators.
SECTIONS = (
    QT_TRANSLATE_NOOP("Shortcuts", "File"),
    QT_TRANSLATE_NOOP("Shortcuts", "Edit"),
    QT_TRANSLATE_NOOP("Shortcuts", "Document"),
    QT_TRANSLATE_NOOP("Shortcuts", "View"),
    QT_TRANSLATE_NOOP("Shortcuts", "Review"),
    QT_TRANSLATE_NOOP("Shortcuts", "Adjudication"),
    QT_TRANSLATE_NOOP("Shortcuts", "Suggestions"),
    QT_TRANSLATE_NOOP("Shortcuts", "Help"),
    QT_TRANSLATE_NOOP("Shortcuts", "Window"),
    QT_TRANSLATE_NOOP("Shortcuts", "Reader"),
)


def action_text(action: QAction) -> str:
    """The action's text without mnemonics and trailing dots ("&Open…" -> "Open"); its `helpText`
    when it has one (Undo's text names the last edit, the sheet says what the key always does)."""
    text = (
        str(action.property("helpText") or action.text())
        .replace("&&", "\0")
        .replace("&", "")
        .replace("\0", "&")
    )
    return text.rstrip(".…").strip()


def shortcut_rows(
    actions: Iterable[QAction], keymap: Iterable[tuple[str, str]] = ()
) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every action with a shortcut, then the reader's keys."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for action in actions:
        if id(action) in seen or action.isSeparator():
            continue
        seen.add(id(action))
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()
        ]
        if not keys:
            continue
        section = str(action.property("helpSection") or "Window")
        rows.append((QCoreApplication.translate("Shortcuts", section), ", ".join(keys), action_text(action)))
    reader = QCoreApplication.translate("Shortcuts", "Reader")
    for keys, description in keymap:
        rows.append((reader, str(keys), str(description)))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every key binding: window actions first, then the reader's keys."""

    def __init__(
        self,
        actions: Iterable[QAction],
        keymap: Iterable[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows = shortcut_rows(actions, keymap)
        self.table = QTableWidget(len(self.rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("Does")])
        for r, (section, keys, text) in enumerate(self.rows):
            # each key sequence reads left to right in the Arabic interface too ("Ctrl++", not "++Ctrl")
            shown = isolated_keys(keys) if self.isRightToLeft() else keys
            for c, value in enumerate((section, shown, text)):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)  # a long description wraps in its row, never cut off
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(self.fitting_size())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.table.resizeRowsToContents()  # descriptions wrap to the new width

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def fitting_size(self) -> QSize:
        """Big enough for every row and the longest description, within 90% of the screen."""
        table = self.table
        columns = range(table.columnCount())
        width = sum(
            max(table.sizeHintForColumn(c), table.horizontalHeader().sectionSizeHint(c)) for c in columns
        )
        width += 2 * table.frameWidth() + 24  # cell margins
        width += table.verticalScrollBar().sizeHint().width() + 40
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount())) + 80  # the Close button
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() * 0.9 if screen is not None else QSize(1600, 1000)
        return QSize(min(max(width, 620), room.width()), min(max(height, 400), room.height()))

    def text(self) -> str:
        """The sheet as plain text (one binding per line)."""
        return "\n".join(f"{s}\t{k}\t{t}" for s, k, t in self.rows)


class GuidelinesPanel(QWidget):
    """The project's annotation guidelines, read-only plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Guidelines"), self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.editor)
        self.title.hide()

    def set_text(self, text: str) -> None:
        """Show `text`; the same text again keeps the reader's scroll position (no reload)."""
        if text != self.editor.toPlainText():
            self.editor.setPlainText(text)

    def text(self) -> str:
        return self.editor.toPlainText()

    @property
    def empty(self) -> bool:
        return not self.editor.toPlainText().strip()
