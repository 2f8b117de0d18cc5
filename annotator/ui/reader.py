"""The right-to-left reader: shows the current document, and turns selections and keys into edits.

Qt gets the real stored text (never reshaped) and shapes and orders it itself. Positions from Qt are
UTF-16 code units; they are converted to code points here, at the widget edge, with `OffsetMap`, and
everything passed to the session is in code points. Every edit goes through the session.

Keys (with the reader focused): a label's key labels the selection (or relabels the selected span);
Tab / Shift+Tab go to the next / previous suggestion while the document has any, else span
(Ctrl+Tab always cycles every span); Delete deletes the selected span; 1..9 set its first attribute
(0 clears); Enter accepts the suggestion selected or under the caret with its links (Shift+Enter
alone) and X rejects it, both moving on to the next; a relation's key starts linking (Tab cycles
the candidates, Enter or a click links, Escape cancels); Escape clears the selection. `keymap()`
lists them all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.attribution import LinkPlan, rank_candidates
from annotator.core.model import Change, Document, Origin, Span
from annotator.core.schema import RelationType
from annotator.core.text import OffsetMap, snap_to_words
from annotator.ui import plain as plain_text
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.keys import key_char
from annotator.ui.line_room import RoomyLayout
from annotator.ui.link_overlay import LinkOverlay, line_room
from annotator.ui.session import Session

DEFAULT_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]
_TIP_TEXT_MAX = 80
_CLICK_SLOP = 4
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Meta,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)  # pixels the mouse may move and still count as a click


def _short(text: str, limit: int = _TIP_TEXT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def glyph_boxes(block: QTextBlock, line: QTextLine) -> dict[int, tuple[float, float]]:
    """Block position of every character on `line` -> the x range its glyph takes (layout coordinates).

    Taken from the glyphs Qt drew, not from `QTextLine.xToCursor`: where a right-to-left and a
    left-to-right run meet (a quotation mark around "NTV"), Qt's hit test reports the neighbour of
    the character under the mouse, and a drag or click there landed on the wrong side. Characters
    shaped into one glyph (لا) share its range; a character with no glyph of its own has none."""
    out: dict[int, tuple[float, float]] = {}
    layout, text = block.layout(), block.text()  # text in code points, positions in UTF-16 units
    i, end = line.textStart(), line.textStart() + line.textLength()
    cp = OffsetMap(text).to_cp(i) if i else 0  # the code point at UTF-16 position i, kept in step
    while i < end and cp < len(text):
        width = 2 if ord(text[cp]) > 0xFFFF else 1  # a character outside the BMP is two units
        rects = [run.boundingRect() for run in layout.glyphRuns(i, width)]
        if rects:
            out[i] = (min(r.left() for r in rects), max(r.right() for r in rects))
        i += width
        cp += 1
    return out


class ReaderView(QPlainTextEdit):
    """The reader widget; see the module docstring. All offsets in its API are code points."""

    spanSelected = Signal(object)  # noqa: N815 (Qt naming) span id or None
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._doc: Document | None = None
        self._omap = OffsetMap("")
        self._snap = True
        self._strip_clitics = True
        self._dark = False
        self._selected: int | None = None
        self._exact_sel: tuple[int, int] | None = None  # a UTF-16 selection already snapped / found
        self._extent_memo: tuple[tuple, tuple[int, int]] | None = None  # see label_extent
        self._press_pos: QPoint | None = None
        self._last_click: tuple[int, tuple[int, ...]] | None = None
        self._link: tuple[RelationType, int, list[int], int] | None = None  # type, head, candidates, index
        self._proposal: tuple[int, list[LinkPlan]] | None = None  # links offered for a span just labelled
        self._batch = 0
        self._dirty: list[tuple[int, int]] = []

        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        doc = QTextDocument(self)
        self.line_layout = RoomyLayout(doc)  # room between the lines for the links (line_room.py)
        doc.setDocumentLayout(self.line_layout)
        self.setDocument(doc)
        doc.setUndoRedoEnabled(False)
        option = doc.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        # Qt's default AlignLeft lays RTL lines against the LEFT edge in a QPlainTextEdit, and a bare
        # AlignRight means the trailing edge (left again): only an absolute right edge is right.
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # QPlainTextEdit's layout ignores block line heights and margins; Noto Naskh Arabic's own line
        # spacing is ~1.7x its size, and RoomyLayout adds the band the links are drawn in (its height
        # follows the font: see set_font); around the text the room comes from the document margin.
        doc.setDocumentMargin(16)
        self.setCenterOnScroll(False)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)  # the span under the mouse has its links drawn
        self.set_font(DEFAULT_FAMILIES[0], 16)

        self.highlighter = SpanHighlighter(doc, session, self)
        self.highlighter.visible_blocks = self._visible_blocks
        self.highlighter.in_view = self._in_view
        self._hovered: int | None = None
        self.links = LinkOverlay(self)  # relations drawn over the text
        self.updateRequest.connect(self._on_update_request)
        session.document_opened.connect(self._on_document_opened)
        session.changed.connect(self._on_changed)
        session.external_annotations_changed.connect(self._on_external_change)
        session.relations_loaded.connect(self._on_relations_loaded)
        if session.doc is not None:
            self._on_document_opened(session.doc)

    # ------------------------------------------------------------------ settings
    def set_font(self, family: str, size: int | float) -> None:
        font = QFont(self.font())
        families = (
            [family] + [f for f in DEFAULT_FAMILIES if f != family] if family else list(DEFAULT_FAMILIES)
        )
        font.setFamilies(families)
        font.setPointSizeF(float(size))
        self.line_layout.set_room(line_room(font))  # before Qt lays every line out again
        self.setFont(font)

    def set_theme(self, dark: bool) -> None:
        self._dark = dark
        self.highlighter.set_dark(dark)

    def set_snap(self, on: bool) -> None:
        self._snap = bool(on)

    def set_strip_clitics(self, on: bool) -> None:
        self._strip_clitics = bool(on)

    @property
    def snap(self) -> bool:
        return self._snap

    @property
    def strip_clitics(self) -> bool:
        return self._strip_clitics

    @property
    def dark(self) -> bool:
        return self._dark

    @property
    def selected_span_id(self) -> int | None:
        return self._selected

    @property
    def offset_map(self) -> OffsetMap:
        return self._omap

    @property
    def linking(self) -> bool:
        return self._link is not None

    # ------------------------------------------------------------------ offsets
    def to_u16(self, cp: int) -> int:
        return self._omap.to_utf16(min(max(cp, 0), self._text_len()))

    def to_cp(self, u16: int) -> int:
        return self._omap.to_cp(min(max(u16, 0), self._omap.utf16_length))

    def _text_len(self) -> int:
        return len(self._doc.text) if self._doc else 0

    def selection_cp(self) -> tuple[int, int] | None:
        """The current text selection as code points [start, end), or None."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.to_cp(c.selectionStart()), self.to_cp(c.selectionEnd())

    def select_text(self, start: int, end: int, *, exact: bool = True, scroll: bool = True) -> None:
        """Select code points [start, end) in the reader; `exact` keeps it unsnapped when labelled."""
        a, b = self.to_u16(start), self.to_u16(end)
        c = QTextCursor(self.document())
        c.setPosition(a)
        c.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        self._exact_sel = (a, b) if exact else None
        if scroll:
            self.centerCursor()

    # ------------------------------------------------------------------ session signals
    def _on_document_opened(self, doc: Document | None) -> None:
        self._cancel_link(quiet=True)
        self._proposal = None
        had = self._selected
        self._selected = None
        self._exact_sel = None
        self._last_click = None
        self._doc = doc
        text = doc.text if doc is not None else ""
        hl = self.highlighter
        hl.selected, hl.linked, hl.candidate = None, frozenset(), None
        hl.set_text(text)
        self._omap = hl.offset_map
        hl._matches, hl._match_starts, hl._current_match = [], [], -1
        # large: the blocks in view now (their spans read first when the session has not read them
        # yet: see the highlighter), the rest in idle time
        lazy = len(text) > hl.LAZY_CHARS
        if lazy:
            hl.begin_lazy_load()
        else:
            hl.load_eagerly()
        self.setPlainText(text)  # eagerly: highlights every block as it goes in
        # setPlainText scrolls the caret (at 0) into view. At start-up the reader is not shown yet and
        # its viewport is a few pixels tall, lower than the first line (and its link band): Qt then
        # puts the first line's bottom at the viewport's bottom, i.e. scrolls down by a line, and
        # nothing scrolls back once the window is shown. A document always opens at its top.
        self.verticalScrollBar().setValue(0)
        if lazy:
            hl.finish_lazy_load(self._visible_blocks())
        if had is not None:
            self.spanSelected.emit(None)

    # an edit (or another window's change) touching more spans than this recolours every block
    # instead of block by block (for a large document: the blocks in view now, the rest in idle time)
    RECOLOUR_ALL = 500

    def _on_changed(self, change: Change) -> None:
        """Re-colour exactly the blocks the change touched (the session's index is already updated)."""
        if self._doc is None or change.doc_id != self._doc.id:
            return
        touched = list(change.spans_added) + list(change.spans_removed)
        for before, after in change.spans_updated:
            touched += [before, after]
        rel_spans = [
            sid for r in change.relations_added + change.relations_removed for sid in (r.head, r.tail)
        ]
        if not touched and not rel_spans:
            return
        ranges = [(s.start, s.end) for s in touched]
        removed = {s.id for s in change.spans_removed}
        if self._link is not None and (self._link[1] in removed or set(self._link[2]) & removed):
            self._cancel_link(quiet=True)
        if self._proposal is not None and (
            self._proposal[0] in removed or {p.other for p in self._proposal[1]} & removed
        ):
            self._dismiss_proposal()
        if self._selected is not None and self._selected in removed:
            ranges += self._set_selected(None)
        elif self._selected is not None:
            ranges += self._set_selected(self._selected, force=True)  # links may have changed
        if len(ranges) > self.RECOLOUR_ALL:
            self._dirty = []
            self.highlighter.recolour_all()
        else:
            self._refresh(ranges)

    def _on_relations_loaded(self, _rels) -> None:
        """A long document's relations, read after it opened: the selected span's links show."""
        if self._selected is not None:
            self._refresh(self._set_selected(self._selected, force=True))

    def _on_external_change(self, change: Change) -> None:
        """Another connection changed this document's spans or relations: redraw what it touched."""
        self._cancel_link(quiet=True)
        self._on_changed(change)

    def _visible_blocks(self) -> list:
        """The blocks in (or just below) the viewport."""
        out = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height() * 1.5
        while block.isValid():
            out.append(block)
            if self.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            block = block.next()
        return out

    def _in_view(self, block) -> bool:
        """Whether a laid-out block is in the viewport or within half a screen of it.

        A block far from the first one in view, counted in blocks, is answered without its geometry
        (which Qt measures by walking every block in between): each block is at least a line of the
        document's font tall."""
        height = self.viewport().height()
        apart = block.blockNumber() - self.firstVisibleBlock().blockNumber()
        if apart:
            lines = (abs(apart) - 1) * QFontMetricsF(self.document().defaultFont()).lineSpacing()
            if lines > (1.5 if apart > 0 else 0.5) * height:
                return False
        rect = self.blockBoundingGeometry(block).translated(self.contentOffset())
        return rect.bottom() >= -0.5 * height and rect.top() <= 1.5 * height

    def _on_update_request(self, _rect, _dy: int) -> None:
        """A scroll (or a jump) is about to be painted: colour the blocks coming into view first."""
        self._colour_visible()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._colour_visible()  # a taller view shows blocks that may still wait

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # Any other path to a paint (a first show, a font change): the blocks in view are coloured
        # before they are drawn, never in a later frame.
        self._colour_visible()
        super().paintEvent(event)

    def _colour_visible(self) -> None:
        """Colour the blocks in view that still wait (large documents, before idle time reached them).

        Asked on every update request and paint, so it first checks, without laying anything out,
        whether any block within a screenful and a half of the first visible one waits at all."""
        hl = self.highlighter
        if not hl.pending:
            return
        first = self.firstVisibleBlock().blockNumber()
        lines = int(self.viewport().height() * 1.5 / max(1, self.fontMetrics().lineSpacing())) + 2
        if hl.waiting_between(first, first + lines):
            hl.highlight_blocks(self._visible_blocks())

    def _refresh(self, ranges: list[tuple[int, int]]) -> None:
        if self._batch:
            self._dirty.extend(ranges)
        elif ranges:
            self.highlighter.refresh_ranges(ranges)

    # ------------------------------------------------------------------ selecting spans
    def _linked_ids(self, span_id: int | None) -> frozenset[int]:
        if span_id is None:
            return frozenset()
        return frozenset(r.tail if r.head == span_id else r.head for r in self.session.relations_of(span_id))

    def _set_selected(self, span_id: int | None, *, force: bool = False) -> list[tuple[int, int]]:
        """Change the selected span; returns the ranges whose drawing changed (not yet refreshed)."""
        hl = self.highlighter
        old, old_linked = self._selected, hl.linked
        if span_id is not None and self.session.span(span_id) is None:
            span_id = None
        linked = self._linked_ids(span_id)
        if span_id == old and linked == old_linked and not force:
            return []
        self._selected = span_id
        hl.selected, hl.linked = span_id, linked
        ranges = []
        for sid in {old, span_id} | old_linked | linked:
            s = self.session.span(sid) if sid is not None else None
            if s is not None:
                ranges.append((s.start, s.end))
        if span_id != old:
            self.spanSelected.emit(span_id)
        self.links.refresh()
        return ranges

    def select_span(self, span_id: int | None, scroll: bool = True) -> None:
        """Select a span (None clears) and, by default, scroll it to the middle of the view."""
        span = self.session.span(span_id) if span_id is not None else None
        if span is not None and scroll:
            self.scroll_to(span.start, span.end)
        self._refresh(self._set_selected(span.id if span else None))

    def clear_selection(self) -> None:
        c = self.textCursor()
        if c.hasSelection():
            c.clearSelection()
            self.setTextCursor(c)
        self._exact_sel = None
        self.select_span(None, scroll=False)

    def scroll_to(self, start: int, end: int) -> None:
        """Put the caret at `start` and centre that line (the text selection is cleared)."""
        c = QTextCursor(self.document())
        c.setPosition(self.to_u16(start))
        self.setTextCursor(c)
        self.centerCursor()

    def show_change(self, change: Change) -> None:
        """Bring an undone or redone edit into view when none of it is shown, so the annotator sees
        what Ctrl+Z did; a view that shows it stays where it is."""
        spans = [*change.spans_added, *change.spans_removed, *(after for _b, after in change.spans_updated)]
        spans += [
            s
            for r in (*change.relations_added, *change.relations_removed)
            for s in (self.session.span(r.head), self.session.span(r.tail))
            if s is not None
        ]
        if not spans:
            return
        view = self.viewport().rect()
        c = QTextCursor(self.document())
        for span in spans:
            c.setPosition(self.to_u16(span.start))
            if view.intersects(self.cursorRect(c)):
                return
        first = min(spans, key=lambda s: s.start)
        self.scroll_to(first.start, first.end)

    def cycle_span(self, forward: bool = True, suggestions: bool = False) -> int | None:
        """Select the next (previous) span after the selected one or the caret; `suggestions`: only
        among the suggestions."""
        spans = self.session.suggestions() if suggestions else self.session.spans
        if not spans:
            self.message.emit(
                self.tr("No suggestions in this document")
                if suggestions
                else self.tr("No spans in this document")
            )
            return None
        ids = [s.id for s in spans]
        if self._selected in ids:
            i = ids.index(self._selected) + (1 if forward else -1)
        else:
            current = self.session.span(self._selected) if self._selected is not None else None
            caret = current.start if current is not None else self.to_cp(self.textCursor().position())
            starts = [s.start for s in spans]
            from bisect import bisect_left

            i = bisect_left(starts, caret) if forward else bisect_left(starts, caret) - 1
        span = spans[i % len(spans)]
        self.select_span(span.id)
        return span.id

    # ------------------------------------------------------------------ labelling
    def _label_keys(self) -> dict[str, str]:
        return {lab.key.lower(): lab.name for lab in self.session.schema.labels if lab.key}

    def label_for_key(self, event: QKeyEvent) -> str | None:
        """The label a plain key press stands for (its schema key), or None."""
        ch = self._key_char(event)
        return self._label_keys().get(ch) if ch else None

    def _relation_keys(self) -> dict[str, RelationType]:
        return {rel.key.lower(): rel for rel in self.session.schema.relations if rel.key}

    def label_extent(self) -> tuple[int, int] | None:
        """The span (code points) a label key would make of the text selection (None: no selection;
        start >= end: it holds no word)."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        a, b = c.selectionStart(), c.selectionEnd()
        start, end = self.to_cp(a), self.to_cp(b)
        if self._exact_sel != (a, b) and self._doc is not None:
            # made or narrowed by keyboard: trimmed, proclitics left out, never widened again (the
            # answer is kept for the label key that usually follows: the window asked on selecting)
            words = self.session.words
            key = (
                self._doc.id,
                self._doc.text,
                start,
                end,
                self._snap,
                self._strip_clitics,
                words,
                words.version,
            )
            if self._extent_memo is not None and self._extent_memo[0] == key:
                return self._extent_memo[1]
            start, end = snap_to_words(
                self._doc.text,
                start,
                end,
                snap=self._snap,
                strip_clitics=self._strip_clitics,
                widen=False,
                words=words,
            )
            self._extent_memo = (key, (start, end))
        return start, end

    def label_selection(self, label: str) -> Span | None:
        """Label the text selection (snapped) with `label`, or relabel the selected span.

        A new span gets its guessed attributes and the links to what was labelled just before in its
        sentence in the same edit; links to other spans of the sentence are proposed (Enter).
        The edit is painted while its COMMIT runs, and saved when this returns (see
        `Session.overlapping_commit`)."""
        with self.session.overlapping_commit():
            return self._label_selection(label)

    def _label_selection(self, label: str) -> Span | None:
        self._dismiss_proposal()
        c = self.textCursor()
        extent = self.label_extent()
        if extent is not None:
            start, end = extent
            if start >= end:
                self.message.emit(self.tr("Nothing to label: the selection holds no word"))
                return None
            held = self.session.labelled_already(start, end, label)
            if held is not None:  # labelled so already: select it, add nothing (see Session.label)
                self._refresh(self._caret_after(c, held))
                return self._already(held)
            self._batch += 1
            try:
                span, proposals = self.session.label(start, end, label)
                if span is not None:
                    self._dirty += self._caret_after(c, span)
                    if proposals:
                        self._proposal = (span.id, proposals)
                        self._dirty += self._show_proposal()
                        self.links.refresh()
            finally:
                self._batch -= 1
                dirty, self._dirty = self._dirty, []
                self._refresh(dirty)
            if span is not None:
                self.message.emit(self.labelled_message(span, self._proposal[1] if self._proposal else []))
            return span
        if self._selected is not None:
            span = self.session.span(self._selected)
            if span is not None and span.label != label:
                held = self.session.labelled_already(span.start, span.end, label)
                if held is not None:  # relabelled, it would be the twin of a span already there
                    self.select_span(held.id, scroll=False)
                    return self._already(held)
                self.session.set_label(span.id, label)
            return self.session.span(self._selected)
        self.message.emit(
            self.tr("Select some text first, then press a key to label it {label}").format(label=label)
        )
        return None

    def _already(self, held: Span) -> Span:
        """Say that `held`'s words already carry its label (a label key that added or changed nothing)."""
        self.message.emit(
            self.tr("«{words}» is already {label}").format(words=self._surface(held), label=held.label)
        )
        return held

    def _caret_after(self, c: QTextCursor, span: Span) -> list[tuple[int, int]]:
        """The text selection gone, the caret after `span` and the span selected (what a label key
        leaves); returns what `_set_selected` must repaint."""
        c.clearSelection()
        c.setPosition(self.to_u16(span.end))
        self.setTextCursor(c)
        self._exact_sel = None
        return self._set_selected(span.id)

    # ------------------------------------------------------------------ quote attribution
    def _surface(self, span: Span | None, limit: int = 30) -> str:
        if span is None or self._doc is None:
            return ""
        return _short(self._doc.text[span.start : span.end], limit)

    def labelled_message(self, span: Span, proposals: list[LinkPlan]) -> str:
        """What labelling did, for the status bar: the label and the words it took (the selection
        snapped: the annotator sees where it ended), the guessed attribute (and its keys), the links
        made and the links proposed."""
        parts = [f"{span.label} «{self._surface(span)}»"]
        try:
            attributes = self.session.schema.label(span.label).attributes
        except KeyError:
            attributes = {}
        if attributes:
            name, values = next(iter(attributes.items()))
            if span.attrs.get(name):
                parts.append(
                    self.tr("{name} {value} (guessed; {keys} to change)").format(
                        name=name, value=span.attrs[name], keys=f"1–{min(len(values), 9)}"
                    )
                )
        for r in self.session.relations_of(span.id):
            other = self.session.span(r.tail if r.head == span.id else r.head)
            if other is not None:
                parts.append(
                    self.tr("linked to {label} «{text}»").format(label=other.label, text=self._surface(other))
                )
        if proposals:
            offered = ", ".join(
                f"{o.label} «{self._surface(o)}»"
                for o in (self.session.span(p.other) for p in proposals)
                if o is not None
            )
            parts.append(self.tr("Enter links {spans}, Esc does not").format(spans=offered))
        return " · ".join(parts)

    def _show_proposal(self) -> list[tuple[int, int]]:
        """Mark the proposed partner (the link candidate's look); returns the ranges to redraw."""
        if self._proposal is None:
            return []
        hl = self.highlighter
        old = self.session.span(hl.candidate) if hl.candidate is not None else None
        first = self.session.span(self._proposal[1][0].other)
        hl.candidate = first.id if first else None
        return [(s.start, s.end) for s in (old, first) if s is not None]

    def _dismiss_proposal(self) -> None:
        if self._proposal is None:
            return
        self._proposal = None
        self.links.refresh()
        if self._link is None:
            hl = self.highlighter
            old = self.session.span(hl.candidate) if hl.candidate is not None else None
            hl.candidate = None
            if old is not None:
                self._refresh([(old.start, old.end)])

    def offered_links(self) -> list[tuple[str, int, int]]:
        """(type, head, tail) of links not made yet: proposed after labelling, or the one being chosen."""
        out = [(p.rel, *p.ends(self._proposal[0])) for p in self._proposal[1]] if self._proposal else []
        if self._link is not None:
            rel, head, cands, i = self._link
            out.append((rel.name, head, cands[i]))
        return out

    @property
    def hovered_span_id(self) -> int | None:
        """The innermost span under the mouse (its links are drawn)."""
        return self._hovered

    def set_show_all_links(self, on: bool) -> None:
        """Draw every link of the lines in view, not only those of the selected or hovered span."""
        self.links.set_show_all(on)

    @property
    def proposal(self) -> list[LinkPlan]:
        """The links proposed for the span just labelled (Enter makes them)."""
        return list(self._proposal[1]) if self._proposal else []

    def accept_proposal(self) -> bool:
        """Make the proposed links (one edit)."""
        if self._proposal is None:
            return False
        span_id, plans = self._proposal
        self._dismiss_proposal()
        made = self.session.add_relations([(p.rel, *p.ends(span_id)) for p in plans])
        if made is not None and made.relations_added:
            span = self.session.span(span_id)
            if span is not None:
                self.message.emit(self.labelled_message(span, []))
            return True
        return False

    def delete_selected(self) -> None:
        if self._selected is None:
            return
        span = self.session.span(self._selected)
        self.session.delete_span(self._selected)
        if span is not None and self.session.span(span.id) is None:
            self.message.emit(
                self.tr("Deleted {label} «{text}»").format(label=span.label, text=self._surface(span))
            )

    def set_attribute_index(self, n: int) -> None:
        """Set the selected span's first attribute to its n-th value (1-based); 0 clears it."""
        span = self.session.span(self._selected) if self._selected is not None else None
        if span is None:
            return
        try:
            lab = self.session.schema.label(span.label)
        except KeyError:
            lab = None
        if lab is None or not lab.attributes:
            self.message.emit(self.tr("{label} has no attributes").format(label=span.label))
            return
        name, values = next(iter(lab.attributes.items()))
        attrs = dict(span.attrs)
        if n == 0:
            attrs.pop(name, None)
            said = self.tr("{label} · {name} cleared").format(label=span.label, name=name)
        elif n <= len(values):
            attrs[name] = values[n - 1]
            said = f"{span.label} · {name} {values[n - 1]}"
        else:
            choices = ", ".join(f"{i} {v}" for i, v in enumerate(values, 1))
            self.message.emit(f"{span.label} {name}: {choices}")
            return
        # the same value again changes nothing: no empty step in the undo history (a suggestion is
        # still accepted by it)
        if attrs != span.attrs or span.suggested:
            self.session.set_attrs(span.id, attrs)
        self.message.emit(said)  # replaces the label's "(guessed; 1–3 to change)", now stale

    # ------------------------------------------------------------------ suggestions
    REJECT_KEY = "x"

    def suggestion_here(self) -> Span | None:
        """The suggestion to act on: the selected span when it is one, else the innermost under the caret."""
        span = self.session.span(self._selected) if self._selected is not None else None
        if span is not None:
            return span if span.suggested else None
        c = self.textCursor()
        pos = self.to_cp(c.selectionStart() if c.hasSelection() else c.position())
        return next((s for s in self.session.spans_at(pos) if s.suggested), None)

    def accept_here(self, with_links: bool = True) -> bool:
        span = self.suggestion_here()
        if span is None:
            return False
        if self.session.accept(span.id, with_links) is not None:
            self.message.emit(
                (
                    self.tr("Accepted {label} with its links") if with_links else self.tr("Accepted {label}")
                ).format(label=span.label)
            )
            self._next_suggestion_after(span)
        return True

    def reject_here(self) -> bool:
        span = self.suggestion_here()
        if span is None:
            self.message.emit(self.tr("No suggestion here to reject"))
            return False
        if self.session.reject(span.id) is not None:
            self.message.emit(self.tr("Rejected {label}").format(label=span.label))
            self._next_suggestion_after(span)
        return True

    def _next_suggestion_after(self, span: Span) -> None:
        """Select the first suggestion after `span` (the review goes on), or nothing when none is left."""
        rest = self.session.suggestions()
        nxt = next(
            (s for s in rest if (s.start, -s.end) > (span.start, -span.end)), rest[0] if rest else None
        )
        if nxt is None:
            kept = self.session.span(span.id)  # accepted: stays selected; rejected: gone
            self.select_span(kept.id if kept is not None else None, scroll=False)
            self.message.emit(self.tr("No suggestions left in this document"))
            return
        self.select_span(nxt.id)

    # ------------------------------------------------------------------ linking
    def start_link(self, rel: RelationType) -> bool:
        span = self.session.span(self._selected) if self._selected is not None else None
        if span is None:
            self.message.emit(
                self.tr("Select a {heads} first to link it ({relation})").format(
                    heads="/".join(rel.heads), relation=rel.name
                )
            )
            return False
        if span.label not in rel.heads:
            self.message.emit(
                self.tr("{relation} links {heads} to {tails}, not {label}").format(
                    relation=rel.name, heads="/".join(rel.heads), tails="/".join(rel.tails), label=span.label
                )
            )
            return False
        existing = {r.tail for r in self.session.relations if r.type == rel.name and r.head == span.id}
        # a tail that takes one link of this type and has it goes last (reachable, never first)
        taken = {r.tail for r in self.session.relations if r.type == rel.name} if rel.one_per_tail else set()
        cands = rank_candidates(
            self._doc.text if self._doc else "",
            span,
            (
                s
                for s in self.session.spans
                if s.label in rel.tails and s.id != span.id and s.id not in existing
            ),
            taken,
        )
        if not cands:
            what = "/".join(rel.tails)
            self.message.emit(
                (
                    self.tr("No other {what} to link to") if existing else self.tr("No {what} to link to")
                ).format(what=what)
            )
            return False
        self._link = (rel, span.id, [s.id for s in cands], 0)
        self._show_candidate()
        return True

    def _show_candidate(self) -> None:
        assert self._link is not None
        self.links.refresh()
        rel, head, cands, i = self._link
        hl = self.highlighter
        old = hl.candidate
        hl.candidate = cands[i]
        span = self.session.span(cands[i])
        ranges = [(s.start, s.end) for s in (self.session.span(old) if old else None, span) if s]
        if span is not None:
            self._scroll_keep_selection(span.start)
            text = self._doc.text[span.start : span.end] if self._doc else ""
            self.message.emit(
                self.tr(
                    "{relation}: {label} {i} of {n} «{text}» — Tab next, Enter to link, Esc to cancel"
                ).format(relation=rel.name, label=span.label, i=i + 1, n=len(cands), text=_short(text, 40))
            )
        self._refresh(ranges)

    def _scroll_keep_selection(self, cp: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(self.to_u16(cp))
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def cycle_candidate(self, forward: bool = True) -> None:
        if self._link is None:
            return
        rel, head, cands, i = self._link
        self._link = (rel, head, cands, (i + (1 if forward else -1)) % len(cands))
        self._show_candidate()

    def confirm_link(self, tail: int | None = None) -> None:
        if self._link is None:
            return
        rel, head, cands, i = self._link
        tail = cands[i] if tail is None else tail
        self._cancel_link(quiet=True)
        made = self.session.add_relation(rel.name, head, tail)
        if made is not None:
            span = self.session.span(tail)
            text = self._doc.text[span.start : span.end] if self._doc and span else ""
            self.message.emit(
                self.tr("Linked {relation} → «{text}»").format(relation=rel.name, text=_short(text, 40))
            )

    def _cancel_link(self, quiet: bool = False) -> None:
        if self._link is None:
            return
        self._link = None
        self.links.refresh()
        hl = self.highlighter
        old = self.session.span(hl.candidate) if hl.candidate is not None else None
        hl.candidate = None
        if old is not None and self._doc is not None:
            self._refresh([(old.start, old.end)])
        if not quiet:
            self.message.emit(self.tr("Linking cancelled"))

    # ------------------------------------------------------------------ keys
    @staticmethod
    def _key_char(event: QKeyEvent) -> str:
        """The Latin letter or digit of the key pressed (any keyboard layout), '' with Ctrl/Alt/Meta."""
        return key_char(event)

    def _handles(self, event: QKeyEvent) -> bool:
        """Whether a key press means something to the reader now (so window shortcuts do not take it)."""
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return not (event.modifiers() & Qt.KeyboardModifier.AltModifier)  # Ctrl+Tab: every span
        ch = self._key_char(event)
        if ch and (ch in self._label_keys() or ch in self._relation_keys()):
            return True
        if ch == self.REJECT_KEY and self.suggestion_here() is not None:
            return True
        busy = self._selected is not None or self._link is not None or self._proposal is not None
        if ch.isdigit() and self._selected is not None:
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected is not None:
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not busy and self.suggestion_here() is not None:
            return not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and busy:
            # plain Enter accepts or links; Ctrl+Enter (done and next) stays the window's
            mods = event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            return self._link is not None or not mods
        return key == Qt.Key.Key_Escape and (busy or self.textCursor().hasSelection())

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._handles(event)
        ):
            event.accept()
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and self._handles(event)
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt names)
        return False  # Tab cycles spans inside the reader

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key in _MODIFIER_KEYS:
            super().keyPressEvent(event)
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        plain = not (
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if self._proposal is not None:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.accept_proposal()
                return
            if key == Qt.Key.Key_Escape:
                self._dismiss_proposal()
                self.message.emit(self.tr("Not linked"))
                return
            if not self._key_char(event).isdigit():  # an attribute key keeps the offer open
                self._dismiss_proposal()
        if self._link is not None:
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.cycle_candidate(forward=key == Qt.Key.Key_Tab and not shift)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.confirm_link()
                return
            if key == Qt.Key.Key_Escape:
                self._cancel_link()
                return
            self._cancel_link()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and (plain or ctrl):
            forward = key == Qt.Key.Key_Tab and not shift
            self.cycle_span(forward, suggestions=not ctrl and bool(self.session.suggestions()))
            return
        if key == Qt.Key.Key_Escape:
            if self.textCursor().hasSelection() or self._selected is not None:
                self.clear_selection()
                return
            event.ignore()
            return
        ch = self._key_char(event)
        if ch:
            labels = self._label_keys()
            if ch in labels:
                self.label_selection(labels[ch])
                return
            rels = self._relation_keys()
            if ch in rels:
                self.start_link(rels[ch])
                return
            if ch.isdigit() and self._selected is not None:
                self.set_attribute_index(int(ch))
                return
            if ch == self.REJECT_KEY and self.reject_here():
                return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.accept_here(with_links=not shift):
                self.message.emit(self.tr("No suggestion here to accept"))  # not a silent key
            return
        if self._selected is not None and plain:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_selected()
                return
        selected = self.session.span(self._selected) if self._selected is not None else None
        caret = self.textCursor().position()
        super().keyPressEvent(event)
        if self.textCursor().position() != caret:
            self._deselect_if_left(selected)

    def _deselect_if_left(self, span: Span | None) -> None:
        """The caret was moved off the selected span (arrows, Home, PgDown): it is no longer selected,
        as after a click elsewhere, so a label key or Del never acts on a span the annotator left."""
        c = self.textCursor()
        if span is None or c.hasSelection() or self._selected != span.id:
            return
        if not span.start <= self.to_cp(c.position()) <= span.end:
            self.select_span(None, scroll=False)

    # ------------------------------------------------------------------ mouse
    def _line_at(self, pos: QPoint) -> tuple | None:
        """(block, line, x in the line's layout) of the text line under viewport position `pos`."""
        block = self.cursorForPosition(pos).block()
        if not block.isValid():
            return None
        layout = block.layout()
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        local = QPointF(pos) - geo.topLeft() - layout.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= local.y() < line.y() + line.height():
                return block, line, local.x()
        return None

    def char_at(self, pos: QPoint) -> int | None:
        """Code point of the character drawn under viewport position `pos`, or None (margin, blank)."""
        if self._doc is None:
            return None
        hit = self._line_at(pos)
        if hit is None:
            return None
        block, line, x = hit
        idx = next((i for i, (lo, hi) in glyph_boxes(block, line).items() if lo <= x < hi), None)
        if idx is None or idx >= block.length() - 1:
            return None
        return self.to_cp(block.position() + idx)

    def _glyph_centres(self, block, line: QTextLine) -> dict[int, float]:
        return {i: (lo + hi) / 2 for i, (lo, hi) in glyph_boxes(block, line).items()}

    def dragged_range(self, press: QPoint, release: QPoint) -> tuple[int, int] | None:
        """The characters a drag from `press` to `release` passed over, as code points [start, end).

        On one line: every character whose glyph's middle lies between the two points. Over several
        lines: from the first line's characters after the press point (leftwards, in this
        right-to-left reader) to the last line's characters before the release point. None when the
        drag passed over no glyph's middle (Qt's own selection then stands)."""
        if self._doc is None:
            return None
        one, two = self._line_at(press), self._line_at(release)
        if one is None or two is None:
            return None
        order = lambda hit: (hit[0].blockNumber(), hit[1].lineNumber())  # noqa: E731
        if order(two) < order(one):
            one, two = two, one
        (b1, l1, x1), (b2, l2, x2) = one, two
        if order(one) == order(two):
            lo, hi = sorted((x1, x2))
            picked = [i for i, c in self._glyph_centres(b1, l1).items() if lo <= c <= hi]
            if not picked:
                return None
            first, last = (b1, min(picked)), (b1, max(picked))
        else:
            firsts = [i for i, c in self._glyph_centres(b1, l1).items() if c <= x1]
            lasts = [i for i, c in self._glyph_centres(b2, l2).items() if c >= x2]
            if not firsts or not lasts:
                return None
            first, last = (b1, min(firsts)), (b2, max(lasts))
        start = self.to_cp(first[0].position() + first[1])
        end = self.to_cp(last[0].position() + last[1]) + 1
        return start, min(end, self._text_len())

    def _off_band(self, event: QMouseEvent) -> QMouseEvent:
        """The event moved down onto the line below when it falls in the band of room kept above
        that line (line_room.py): Qt's hit test puts a point above a line's text at the line's start,
        so a click or a drag begun a little above a word would take the whole line's beginning."""
        room = self.line_layout.room
        pos = event.position()
        if not room:
            return event
        block = self.cursorForPosition(pos.toPoint()).block()
        if not block.isValid():
            return event
        layout = block.layout()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top() + layout.position().y()
        local = pos.y() - top
        for i in range(layout.lineCount()):
            line_top = layout.lineAt(i).y()
            if line_top - room <= local < line_top:
                moved = QPointF(pos.x(), top + line_top + 1)
                return QMouseEvent(
                    event.type(),
                    moved,
                    event.globalPosition() + (moved - pos),
                    event.button(),
                    event.buttons(),
                    event.modifiers(),
                )
        return event

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        event = self._off_band(event)
        pos = event.position().toPoint()
        self._dismiss_proposal()
        if self._link is not None and event.button() == Qt.MouseButton.LeftButton:
            cp = self.char_at(pos)
            cands = set(self._link[2])
            hits = [s.id for s in self.session.spans_at(cp)] if cp is not None else []
            chosen = next((sid for sid in hits if sid in cands), None)
            if chosen is not None:
                self.confirm_link(chosen)
                self._press_pos = None
                return
            self._cancel_link()
        self._press_pos = pos if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        event = self._off_band(event)
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        c = self.textCursor()
        moved = (pos - press).manhattanLength() > _CLICK_SLOP
        if moved and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            covered = self.dragged_range(press, pos)
            if covered is not None:
                self._snap_mouse_selection(c, covered)
                return
        if c.hasSelection() and (moved or self._exact_sel != (c.selectionStart(), c.selectionEnd())):
            self._snap_mouse_selection(c)
            return
        if not moved:
            self._click_select(pos)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        event = self._off_band(event)
        super().mouseDoubleClickEvent(event)
        self._press_pos = event.position().toPoint()

    def _snap_mouse_selection(self, c: QTextCursor, covered: tuple[int, int] | None = None) -> None:
        """Select what the mouse went over (`covered`, else Qt's selection), snapped to words."""
        if self._doc is None:
            return
        anchor, position = c.anchor(), c.position()
        a, b = covered if covered is not None else sorted((self.to_cp(anchor), self.to_cp(position)))
        start, end = snap_to_words(
            self._doc.text,
            a,
            b,
            snap=self._snap,
            strip_clitics=self._strip_clitics,
            words=self.session.words,
        )
        if start >= end:
            c.clearSelection()
            self.setTextCursor(c)
            self._exact_sel = None
            return
        s16, e16 = self.to_u16(start), self.to_u16(end)
        n = QTextCursor(self.document())
        if position < anchor:
            n.setPosition(e16)
            n.setPosition(s16, QTextCursor.MoveMode.KeepAnchor)
        else:
            n.setPosition(s16)
            n.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(n)
        self._exact_sel = (s16, e16)
        if self._selected is not None:
            self.select_span(None, scroll=False)

    def _click_select(self, pos: QPoint) -> None:
        cp = self.char_at(pos)
        hits = self.session.spans_at(cp) if cp is not None else []
        if not hits:
            self._last_click = None
            self.select_span(None, scroll=False)
            return
        ids = tuple(s.id for s in hits)
        if self._last_click is not None and self._last_click[1] == ids and self._selected in ids:
            chosen = ids[(ids.index(self._selected) + 1) % len(ids)]
        else:
            chosen = ids[0]
        self._last_click = (cp, ids)
        self.select_span(chosen, scroll=False)

    # ------------------------------------------------------------------ tool tips
    def tooltip_text(self, cp: int) -> str:
        """Plain-text description of the spans at code point `cp` ("QUOTE · type=direct · → text")."""
        if self._doc is None:
            return ""
        text = self._doc.text
        lines = []
        for span in self.session.spans_at(cp):
            parts = [span.label] + [f"{k}={v}" for k, v in span.attrs.items()]
            if span.origin == Origin.SUGGESTED:
                parts.append(self.tr("suggested"))
            for r in self.session.relations_of(span.id):
                if r.head == span.id:
                    other = self.session.span(r.tail)
                    if other is not None:
                        arrow = "→" if r.type == "ATTRIBUTED_TO" else f"{r.type} →"
                        parts.append(f"{arrow} {_short(text[other.start : other.end], 40)}")
            lines.append(" · ".join(parts))
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.buttons() != Qt.MouseButton.NoButton:
            event = self._off_band(event)  # a drag: its end as its start (hovering needs no move)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            self._set_hovered(self._span_under(event.position().toPoint()))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().leaveEvent(event)
        self._set_hovered(None)

    def _span_under(self, pos: QPoint) -> int | None:
        """The innermost span under `pos` (Qt's hit test: fine for hovering, cheap on every move)."""
        if self._doc is None or not self.session.index:  # none read: the layer has none
            return None
        c = self.cursorForPosition(pos)
        if not c.block().isValid():
            return None
        line = c.block().layout().lineForTextPosition(c.positionInBlock())
        geo = self.blockBoundingGeometry(c.block()).translated(self.contentOffset())
        x = pos.x() - geo.left() - c.block().layout().position().x()
        if not line.isValid() or not (line.naturalTextRect().left() <= x <= line.naturalTextRect().right()):
            return None
        hits = self.session.spans_at(self.to_cp(c.position()))
        return hits[0].id if hits else None

    def _set_hovered(self, span_id: int | None) -> None:
        if span_id != self._hovered:
            self._hovered = span_id
            self.links.refresh()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.ToolTip:
            cp = self.char_at(event.pos())
            plain = self.tooltip_text(cp) if cp is not None else ""
            if plain:
                QToolTip.showText(event.globalPos(), plain_text.tooltip(plain), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # ------------------------------------------------------------------ help
    def keymap(self) -> list[tuple[str, str]]:
        """Every binding the reader handles, as (key, description), from the schema and the fixed keys."""
        schema = self.session.schema

        def seq(k: QKeySequence.StandardKey | int | str) -> str:
            return QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)

        out: list[tuple[str, str]] = [
            (self.tr("Drag"), self.tr("Select text (snapped to whole words when snapping is on)")),
            (seq("Shift+Left") + " / " + seq("Shift+Right"), self.tr("Extend the selection by a character")),
            (
                seq("Ctrl+Shift+Left") + " / " + seq("Ctrl+Shift+Right"),
                self.tr("Extend the selection by a word"),
            ),
        ]
        for lab in schema.labels:
            if lab.key:
                out.append(
                    (
                        lab.key.upper(),
                        self.tr("Label the selection {label} (or relabel the selected span)").format(
                            label=lab.name
                        ),
                    )
                )
        out += [
            (
                self.tr("Click"),
                self.tr("Select the span under the mouse (click again to reach the spans nested there)"),
            ),
            (
                seq("Tab") + " / " + seq("Shift+Tab"),
                self.tr(
                    "Select the next / previous suggestion (the next / previous span when there are none)"
                ),
            ),
            (
                seq("Ctrl+Tab") + " / " + seq("Ctrl+Shift+Tab"),
                self.tr("Select the next / previous span of any kind"),
            ),
            (seq("Esc"), self.tr("Clear the selection (or cancel linking)")),
            (
                seq("Del") + " / " + seq("Backspace"),
                self.tr("Delete the selected span (a suggestion: reject it)"),
            ),
            (
                seq("Return"),
                self.tr(
                    "Accept the suggestion selected or under the caret, with its linked suggestions; go to the next"
                ),
            ),
            (seq("Shift+Return"), self.tr("Accept only that suggestion, without its links")),
            (
                self.REJECT_KEY.upper(),
                self.tr("Reject the suggestion selected or under the caret; go to the next"),
            ),
            (
                seq("Return") + " / " + seq("Esc"),
                self.tr(
                    "Right after labelling: make / refuse the links proposed to the sentence's speaker and cue"
                ),
            ),
        ]
        for lab in schema.labels:
            if lab.attributes:
                name, values = next(iter(lab.attributes.items()))
                choices = ", ".join(f"{i} {v}" for i, v in enumerate(values, 1))
                keys = "1" if len(values) == 1 else f"1–{min(len(values), 9)}"
                out.append((keys, f"{lab.name} {name}: {choices}"))
        if any(lab.attributes for lab in schema.labels):
            out.append(("0", self.tr("Clear the selected span's attribute")))
        for rel in schema.relations:
            if rel.key:
                out.append(
                    (
                        rel.key.upper(),
                        self.tr("Link the selected {heads} to a {tails}: {relation}").format(
                            heads="/".join(rel.heads), tails="/".join(rel.tails), relation=rel.name
                        ),
                    )
                )
        if schema.relations:
            out.append(
                (
                    seq("Tab") + " / " + seq("Return"),
                    self.tr("While linking: next candidate / link it (or click it)"),
                )
            )
        return out
