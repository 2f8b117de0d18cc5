"""The find bar: Arabic-folded search in the reader's document (tashkeel/tatweel ignored, alef forms,
ى/ي and ة/ه folded), matches highlighted, Enter / Shift+Enter to jump. After a jump the match stays
selected in the reader, so a label key there labels exactly the found phrase.

"Whole words" (on by default: an annotator searches a name to label it, and «مصر» inside «مصروفات»
is never an entity) keeps only matches that are whole words, after the proclitics a label key
would leave out (see `annotator.core.text.is_whole_word`); the counter says how many matches inside
words it left out.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
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

    def __init__(
        self,
        reader: ReaderView,
        session: Session,
        parent: QWidget | None = None,
        whole_words: QAction | None = None,
    ) -> None:
        """`whole_words`: the window's checkable action (its key, menu entry and remembered state);
        a bar made without one has its own, checked."""
        super().__init__(parent)
        self.reader = reader
        self.session = session
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._armed = False  # a jump selected a match: a label key labels it (see `label_match`)
        self.inside_words = 0  # matches inside words that whole words left out
        self._searched: str | None = None
        # (document id, the document text folded): made on the first search in a document, kept until another opens
        self._folded: tuple[int, textlib.FoldedText] | None = None
        if whole_words is None:
            whole_words = QAction(self)
            whole_words.setCheckable(True)
            whole_words.setChecked(True)
        self.whole_words = whole_words

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
        self.words_button = QToolButton(self)
        self.words_button.setCheckable(True)
        self.words_button.setChecked(whole_words.isChecked())
        for b in (self.words_button, self.prev_button, self.next_button, self.close_button):
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.words_button)
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
        self.words_button.toggled.connect(whole_words.setChecked)
        whole_words.toggled.connect(self._on_whole_words)
        whole_words.changed.connect(self._update_words_tip)  # its key (the window's language) changed
        session.document_opened.connect(self._on_document_opened)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Find (ignores tashkeel, alef forms, ى/ي, ة/ه)"))
        self.words_button.setText(self.tr("Whole words"))
        self._update_words_tip()
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _key(self) -> str:
        """The whole-words key as the window binds it ('' for a bar without a window)."""
        return self.whole_words.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def _update_words_tip(self) -> None:
        tip = self.tr("Whole words only: «مصر» finds «ومصر», not «مصروفات»")
        key = self._key()
        self.words_button.setToolTip(f"{tip} ({key})" if key else tip)

    # ------------------------------------------------------------------ searching
    def _on_whole_words(self, on: bool) -> None:
        self.words_button.setChecked(on)
        self.refresh()

    def refresh(self) -> None:
        """Search again with the same query (whole words or the proclitic setting changed)."""
        if self.edit.text():
            self.search()

    def _on_text_changed(self, _text: str) -> None:
        doc = self.session.doc
        if doc is not None and len(doc.text) > _DEBOUNCE_CHARS:
            self._timer.start()
        else:
            self.search()

    def _on_document_opened(self, _doc: object) -> None:
        self._searched = None
        self._folded = None
        self.matches, self.current, self.inside_words = [], -1, 0
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
        found = self._find(doc, query) if doc is not None and query.strip() else textlib.Found([])
        self.matches, self.inside_words = found.matches, found.inside_words
        self.current = -1
        self.reader.highlighter.set_find(self.matches, -1)
        self._update_count()
        return self.matches

    def _find(self, doc: Document, query: str) -> textlib.Found:
        """`annotator.core.text.find_folded` in the document, whole words or not as the toggle says,
        with the text folded once per document instead of once per keystroke."""
        if self._folded is None or self._folded[0] != doc.id:
            self._folded = (doc.id, textlib.FoldedText(doc.text))
        return self._folded[1].find(
            query,
            whole_words=self.whole_words.isChecked(),
            clitics=self.reader.strip_clitics,
            words=self.session.words,
        )

    def _update_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
            return
        if not self.matches:
            shown = self.tr("No whole words") if self.inside_words else self.tr("No matches")
        elif self.current < 0:
            shown = self.tr("{n} found").format(n=len(self.matches))
        else:
            shown = self.tr("{i} of {n}").format(i=self.current + 1, n=len(self.matches))
        if self.inside_words:
            shown = self.tr("{count} · {m} inside words").format(count=shown, m=self.inside_words)
        self.count.setText(shown)

    def jump(self, backward: bool = False) -> tuple[int, int] | None:
        """Select the next (previous) match in the reader and scroll to it."""
        if self._timer.isActive() or self._searched != self.edit.text():
            self.search()
        if not self.matches:
            self._update_count()
            if self.inside_words:
                self.reader.message.emit(
                    self.tr("No whole-word matches; {m} inside words (whole words off: {key})").format(
                        m=self.inside_words, key=self._key() or self.tr("the Whole words button")
                    )
                )
            elif self.edit.text().strip():
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
        self._armed = True
        self._update_count()
        return start, end

    def label_match(self, event: QKeyEvent) -> bool:
        """Right after a jump (Enter), a label key labels the selected match instead of typing;
        the field keeps the focus, so Enter, key, Enter, key… labels match after match. Not after
        Ctrl+F: the field's text is selected then, and a key starts a new query."""
        if (
            not self._armed
            or self.current < 0
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
        self._armed = False
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
