"""The find bar: Arabic-folded search in the reader's document (tashkeel/tatweel ignored, alef forms,
ى/ي and ة/ه folded), matches highlighted, Enter / Shift+Enter to jump. After a jump the match stays
selected in the reader, so a label key there labels exactly the found phrase.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.core import text as textlib
from annotator.core.model import Document
from annotator.ui.reader import ReaderView
from annotator.ui.session import Session

_DEBOUNCE_CHARS = 200_000  # above this document length, searching waits for a pause in typing
_DEBOUNCE_MS = 150


class _FindEdit(QLineEdit):
    """The query field: Enter / Shift+Enter jump, Escape closes (handled by the bar)."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._bar.jump(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if key == Qt.Key.Key_Escape:
            self._bar.close_bar()
            return
        if self._bar.label_match(event):
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """A search field over the reader; `show_and_focus()` opens it (the window binds Ctrl+F)."""

    closed = Signal()

    def __init__(self, reader: ReaderView, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.session = session
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._searched: str | None = None
        # (document id, fold(document text)): made on the first search in a document, kept until another opens
        self._folded: tuple[int, str, list[int]] | None = None

        self.edit = _FindEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(70)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("▲")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        for b in (self.prev_button, self.next_button, self.close_button):
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(self._on_text_changed)
        self.prev_button.clicked.connect(lambda: self.jump(backward=True))
        self.next_button.clicked.connect(lambda: self.jump())
        self.close_button.clicked.connect(self.close_bar)
        session.document_opened.connect(self._on_document_opened)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Find (ignores tashkeel, alef forms, ى/ي, ة/ه)"))
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ searching
    def _on_text_changed(self, _text: str) -> None:
        doc = self.session.doc
        if doc is not None and len(doc.text) > _DEBOUNCE_CHARS:
            self._timer.start()
        else:
            self.search()

    def _on_document_opened(self, _doc: object) -> None:
        self._searched = None
        self._folded = None
        self.matches, self.current = [], -1
        if self.isVisible() and self.edit.text():
            self.search()
        else:
            self._update_count()

    def search(self) -> list[tuple[int, int]]:
        """Run the query now; matches are highlighted and counted (none jumped to yet)."""
        self._timer.stop()
        query = self.edit.text()
        doc = self.session.doc
        self._searched = query
        self.matches = self._find(doc, query) if doc is not None and query.strip() else []
        self.current = -1
        self.reader.highlighter.set_find(self.matches, -1)
        self._update_count()
        return self.matches

    def _find(self, doc: Document, query: str) -> list[tuple[int, int]]:
        """`annotator.core.text.find_folded(doc.text, query)`, with the text folded once per document
        instead of once per keystroke."""
        q, _ = textlib.fold(query)
        if not q:
            return []
        if self._folded is None or self._folded[0] != doc.id:
            self._folded = (doc.id, *textlib.fold(doc.text))
        _, folded, index = self._folded
        n = len(folded)
        out: list[tuple[int, int]] = []
        pos = folded.find(q)
        while pos != -1:
            end = pos + len(q)
            # a match must not start or end inside a character that folds to several ('ß' -> 'ss')
            if (pos == 0 or index[pos - 1] != index[pos]) and (end == n or index[end - 1] != index[end]):
                out.append((index[pos], index[end]))
                pos = folded.find(q, end)
            else:
                pos = folded.find(q, pos + 1)
        return out

    def _update_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("No matches"))
        elif self.current < 0:
            self.count.setText(self.tr("{n} found").format(n=len(self.matches)))
        else:
            self.count.setText(self.tr("{i} of {n}").format(i=self.current + 1, n=len(self.matches)))

    def jump(self, backward: bool = False) -> tuple[int, int] | None:
        """Select the next (previous) match in the reader and scroll to it."""
        if self._timer.isActive() or self._searched != self.edit.text():
            self.search()
        if not self.matches:
            self._update_count()
            if self.edit.text().strip():
                self.reader.message.emit(self.tr("No matches"))
            return None
        n = len(self.matches)
        if self.current < 0:  # first jump: the match at or after the caret (before it, backwards)
            caret = self.reader.to_cp(self.reader.textCursor().selectionStart())
            i = bisect_left(self.matches, (caret, -1))
            self.current = (i - 1) % n if backward else i % n
        else:
            self.current = (self.current + (-1 if backward else 1)) % n
        start, end = self.matches[self.current]
        self.reader.highlighter.set_current_match(self.current)
        self.reader.clear_selection()  # the span labelled at the last match: Del must not take it
        self.reader.select_text(start, end, exact=True, scroll=True)
        self._update_count()
        return start, end

    def label_match(self, event: QKeyEvent) -> bool:
        """Right after a jump (Enter), a label key labels the selected match instead of typing;
        the field keeps the focus, so Enter, key, Enter, key… labels match after match."""
        if (
            self.current < 0
            or self._searched != self.edit.text()
            or not (0 <= self.current < len(self.matches))
        ):
            return False
        label = self.reader.label_for_key(event)
        if label is None or self.reader.selection_cp() != self.matches[self.current]:
            return False
        self.reader.label_selection(label)
        return True

    # ------------------------------------------------------------------ showing
    def show_and_focus(self) -> None:
        """Show the bar, focus the field with its text selected (a new query replaces the old)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text() and self._searched != self.edit.text():
            self.search()
        elif self.matches:
            self.reader.highlighter.set_find(self.matches, self.current)

    def close_bar(self) -> None:
        """Hide the bar, drop the match highlights (the reader keeps its selection) and focus the reader."""
        self._timer.stop()
        self.reader.highlighter.set_find([], -1)
        self.hide()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()
