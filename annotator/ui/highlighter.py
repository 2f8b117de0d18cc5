"""Span highlighting for the reader: a QSyntaxHighlighter over the session's span index.

Per block, the spans that intersect it come from the session's `SpanIndex` (bisection on the starts
and on a running maximum of the ends, so long spans starting far before the block are found too;
the session updates that index in place on every edit, so nothing is rebuilt here), cut into
elementary segments between all span boundaries, and each segment gets ONE combined format (a later
`setFormat` would replace an earlier one): the outermost span's colour as background; nested spans
blend their colour into it and add an underline in their own colour; the selected span is bold with
a strong underline; spans linked to it get a wave underline; a link candidate is bold with a red
underline; find matches get their own background and text colours (`core.colours`: the text's
lightness inverted), inside spans too, underlined there in the span's colour.

Offsets: spans are code points; Qt formats are UTF-16 positions relative to the block, converted
with :class:`OffsetMap` (identity for text without characters above U+FFFF).

Large documents (over `LAZY_CHARS`) are coloured lazily: `setPlainText` formats nothing, the blocks
in view are coloured before the first paint (the reader asks, from its update requests and its
paint handler), and every other block in idle-time slices of at most `IDLE_SLICE_S`, so a block
scrolled into view later is usually done already and a key press waits at most one slice.

The session reads a long document's spans a page at a time after it opens (see `Session`): a block
is coloured only once the session holds every span meeting it. The blocks about to be shown have
their range read at once (`Session.load_range`), and so have the ranges an edit or a find asks to
refresh; an idle slice that reaches a block the pages have not covered yet leaves it for a later
slice; any other block Qt formats has its own range read first.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, SIGNAL, SLOT, QMetaObject, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from annotator.core import colours
from annotator.core.model import Origin, Span
from annotator.core.text import OffsetMap

if TYPE_CHECKING:
    from annotator.ui.session import Session

_UL = QTextCharFormat.UnderlineStyle
_SUGGESTED = Origin.SUGGESTED
_FALLBACK_COLOUR = "#cccccc"
_DARK_BASE = QColor(colours.DARK_BASE)
_CANDIDATE_LIGHT, _CANDIDATE_DARK = QColor("#d32f2f"), QColor("#ff6e6e")


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` mixed with `b`: t=0 gives a, t=1 gives b."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class _Match:
    """A find match inside a block being highlighted (`current`: the one jumped to)."""

    __slots__ = ("current",)

    def __init__(self, current: bool) -> None:
        self.current = current


def _size_key(span: Span) -> tuple[int, int, int]:
    """Sort key: outermost (longest, then earliest, then oldest) first."""
    return (span.start - span.end, span.start, span.id)


class _PlainFormats(dict):
    """label -> format of a lone span with nothing special about it, built on first use."""

    def __init__(self, hl: SpanHighlighter) -> None:
        super().__init__()
        self._hl = hl

    def __missing__(self, label: str) -> QTextCharFormat:
        fmt = self._hl._build_format((label,), 1, False, False, None, False, False, False)
        self[label] = fmt
        return fmt


class SpanHighlighter(QSyntaxHighlighter):
    """Draws the session's spans (and find matches) into `document`; see the module docstring."""

    def __init__(self, document: QTextDocument, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else document)
        self.session = session
        self._dark = False
        self._omap = OffsetMap("")
        self._len = 0
        self._selected: int | None = None
        self._linked: frozenset[int] = frozenset()
        self._candidate: int | None = None
        self._matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._current_match = -1
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._plain_formats: _PlainFormats = _PlainFormats(self)
        self._special: frozenset[int] = frozenset()  # selected, linked and candidate span ids
        self._colours: dict[str, QColor] = {}
        self.blocks_highlighted = 0  # a counter for tests and benchmarks
        # Lazy mode (large documents), see the module docstring: `_done[n]` says whether block n is
        # coloured for the current spans and theme, `_waiting` counts the blocks that are not.
        self._skip = False
        self._detached = False
        self._done = bytearray()
        self._waiting = 0
        self._next = 0  # where the next idle slice starts looking for a waiting block
        self._idle = QTimer(self)  # interval 0: fires whenever the event loop has nothing else to do
        self._idle.timeout.connect(self._idle_slice)
        # the blocks on screen (set by the reader): coloured at once when everything is recoloured
        self.visible_blocks: Callable[[], list[QTextBlock]] | None = None
        # whether a block is in (or near) the view (set by the reader): see `_colour`
        self.in_view: Callable[[QTextBlock], bool] | None = None
        self.setDocument(document)

    # ------------------------------------------------------------------ state
    # The selected span, the spans linked to it and the link candidate are drawn apart; setting them
    # does not redraw (the reader refreshes exactly the ranges that changed).
    @property
    def selected(self) -> int | None:
        return self._selected

    @selected.setter
    def selected(self, span_id: int | None) -> None:
        self._selected = span_id
        self._update_special()

    @property
    def linked(self) -> frozenset[int]:
        return self._linked

    @linked.setter
    def linked(self, ids: frozenset[int]) -> None:
        self._linked = frozenset(ids)
        self._update_special()

    @property
    def candidate(self) -> int | None:
        return self._candidate

    @candidate.setter
    def candidate(self, span_id: int | None) -> None:
        self._candidate = span_id
        self._update_special()

    def _update_special(self) -> None:
        self._special = self._linked | {i for i in (self._selected, self._candidate) if i is not None}

    @property
    def dark(self) -> bool:
        return self._dark

    def set_text(self, text: str) -> None:
        """The text about to be shown (call before `setPlainText`), for offset mapping."""
        self._omap = OffsetMap(text)
        self._len = len(text)

    @property
    def offset_map(self) -> OffsetMap:
        return self._omap

    def set_dark(self, dark: bool) -> None:
        """Switch theme and recolour (a large document: the blocks in view now, the rest in idle time)."""
        if dark != self._dark:
            self._dark = dark
            self._formats.clear()
            self._plain_formats.clear()
            self._colours.clear()
            self.recolour_all()

    def set_find(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        """Show find matches ([start, end) code points, sorted); `current` is the index of the jumped-to one."""
        old = self._matches
        old_cur = self._match_range(self._current_match)
        self._matches = list(matches)
        self._match_starts = [m[0] for m in self._matches]
        self._current_match = current
        if not old and not self._matches:
            return
        if old == self._matches:
            self.refresh_ranges([r for r in (old_cur, self._match_range(current)) if r])
            return
        touched = old + self._matches
        if len(touched) > 400:
            self.recolour_all()
        else:
            self.refresh_ranges(touched)

    def set_current_match(self, current: int) -> None:
        old = self._match_range(self._current_match)
        self._current_match = current
        self.refresh_ranges([r for r in (old, self._match_range(current)) if r])

    def _match_range(self, i: int) -> tuple[int, int] | None:
        return self._matches[i] if 0 <= i < len(self._matches) else None

    # ------------------------------------------------------------------ colours
    def label_colour(self, label: str) -> QColor:
        """The schema colour of `label` (light grey for a label the schema lacks)."""
        try:
            return QColor(self.session.schema.label(label).colour)
        except KeyError:
            return QColor(_FALLBACK_COLOUR)

    def background(self, label: str) -> QColor:
        """Background of a span with this label in the current theme (darkened in the dark theme)."""
        c = self._colours.get(label)
        if c is None:
            c = QColor(colours.on_theme(self.label_colour(label).name(), self._dark))
            self._colours[label] = c
        return c

    def accent(self, label: str) -> QColor:
        """Underline colour of a span with this label: its colour, deepened so it shows on its background."""
        base = self.label_colour(label)
        return base.lighter(115) if self._dark else base.darker(150)

    def text_colour(self) -> QColor:
        return QColor("#f0f0f0") if self._dark else QColor("#1a1a1a")

    # ------------------------------------------------------------------ queries
    def spans_in(self, start: int, end: int) -> list[Span]:
        """Spans intersecting [start, end) (for an empty range: covering `start`), in reading order."""
        return self.session.overlapping(start, end)

    # ------------------------------------------------------------------ refreshing
    def refresh_ranges(self, ranges: list[tuple[int, int]]) -> None:
        """Re-colour only the blocks that the code-point ranges touch."""
        doc = self.document()
        if doc is None:
            return
        n = self._omap.utf16_length
        if ranges and self.session.loading:  # one read for all of them, not one per block
            self.session.load_range(min(a for a, _ in ranges), max(b for _, b in ranges))
        seen: set[int] = set()
        for start, end in ranges:
            a = self._omap.to_utf16(min(max(start, 0), self._len))
            b = self._omap.to_utf16(min(max(end, start, 0), self._len))
            block = doc.findBlock(min(a, max(n - 1, 0)))
            while block.isValid() and block.position() <= b:
                num = block.blockNumber()
                if num not in seen:
                    seen.add(num)
                    self._colour(block)
                if block.position() + block.length() > b:
                    break
                block = block.next()

    def recolour_all(self) -> None:
        """Colour every block again (a theme, many find matches, a large change from elsewhere):
        at once for a small document; for a large one the blocks in view now, the rest in idle time."""
        if self._len > self.LAZY_CHARS:
            self.finish_lazy_load(self.visible_blocks() if self.visible_blocks else [])
        else:
            self.rehighlight()

    def _colour(self, block: QTextBlock) -> None:
        """`rehighlightBlock`, repainting no more than that block.

        Qt's plain-text layout answers any format change with a repaint of the whole view, so its
        signals are held while the block is re-coloured. A block without a layout is off screen (Qt
        lays out what it shows): nothing to repaint, its formats are used when it is laid out. A
        block on screen that kept its height and lines gets `updateBlock` (its own rectangle); one
        that re-wrapped (a bold span) is put back as it was and the change replayed through Qt's own
        path, which repaints the view and updates the document size. A block laid out once but
        out of view now (the span selected before, far away) has its layout dropped first: Qt would
        otherwise shape the whole paragraph again at once, for nothing; it is laid out again, with
        its new formats, when it is next shown, as a block never shown is."""
        layout = self.document().documentLayout()
        shown = layout is not None and block.layout().lineCount() > 0
        if shown and self.in_view is not None and not self.in_view(block):
            block.layout().clearLayout()
            shown = False
        height = layout.blockBoundingRect(block).height() if shown else 0.0
        lines = block.lineCount()
        if layout is not None:
            layout.blockSignals(True)
        try:
            self.rehighlightBlock(block)
        finally:
            if layout is not None:
                layout.blockSignals(False)
        if not shown:
            return
        if block.lineCount() == lines and layout.blockBoundingRect(block).height() == height:
            layout.updateBlock.emit(block)
        else:
            block.setLineCount(lines)
            block.layout().clearLayout()
            self.document().markContentsDirty(block.position(), block.length())

    # ------------------------------------------------------------------ colouring large documents
    LAZY_CHARS = 100_000
    IDLE_SLICE_S = 0.008

    def begin_lazy_load(self) -> None:
        """Call before `setPlainText` of a large text: Qt is kept from formatting every block."""
        doc = self.document()
        self._skip = True
        if doc is not None and not self._detached:
            self._detached = QObject.disconnect(
                doc, SIGNAL("contentsChange(int,int,int)"), self, SLOT("_q_reformatBlocks(int,int,int)")
            )

    def finish_lazy_load(self, visible: list[QTextBlock]) -> None:
        """After `setPlainText` of a large text (or to recolour everything): every block waits; the
        `visible` ones are coloured now, the others in idle-time slices."""
        doc = self.document()
        if doc is not None and self._detached:
            QObject.connect(
                doc, SIGNAL("contentsChange(int,int,int)"), self, SLOT("_q_reformatBlocks(int,int,int)")
            )
            self._detached = False
        self._skip = False
        self._done = bytearray(doc.blockCount() if doc is not None else 0)
        self._waiting = len(self._done)
        self.highlight_blocks(visible)
        self._next = visible[-1].blockNumber() + 1 if visible else 0  # carry on from the view downwards
        if self._waiting:
            self._idle.start()

    def load_eagerly(self) -> None:
        """Back to normal: `setPlainText` formats every block (small documents)."""
        self._idle.stop()
        self._done = bytearray()
        self._waiting = 0

    @property
    def pending(self) -> bool:
        """True while some blocks have not been coloured yet (lazy mode)."""
        return self._waiting > 0

    @property
    def all_done(self) -> bool:
        return self._waiting == 0

    def waiting_between(self, first: int, end: int) -> bool:
        """Whether any of the blocks numbered first..end-1 still waits to be coloured."""
        return self._waiting > 0 and self._done.find(0, max(first, 0), max(end, 0)) >= 0

    def waiting(self, block: QTextBlock) -> bool:
        """Whether `block` still waits to be coloured."""
        n = block.blockNumber()
        return 0 <= n < len(self._done) and not self._done[n]

    def highlight_blocks(self, blocks: list[QTextBlock]) -> None:
        """Colour those of `blocks` that still wait (lazy mode), their spans read first when the
        session has not read them yet (one range for all of them)."""
        if not self._waiting or not blocks:
            return
        done = self._done
        if self.session.loading:
            omap, last = self._omap, blocks[-1]
            self.session.load_range(
                omap.to_cp(blocks[0].position()),
                omap.to_cp(min(last.position() + last.length() - 1, omap.utf16_length)),
            )
        for block in blocks:
            n = block.blockNumber()
            if n < len(done) and not done[n]:
                self._colour(block)

    IDLE_RUN = 16  # blocks coloured in one pass of Qt's highlighter

    def _idle_slice(self) -> None:
        """Colour waiting blocks for at most IDLE_SLICE_S (the timer calls it whenever Qt is idle)."""
        doc = self.document()
        if doc is None or not self._waiting or self._skip:
            self._idle.stop()
            return
        deadline = time.perf_counter() + self.IDLE_SLICE_S
        n = self._next
        while self._waiting:
            n = self._done.find(0, n)
            if n < 0:
                n = self._done.find(0)  # wrap around to the blocks above the view
                if n < 0:
                    break
            after = self._colour_run(doc, n)
            if after == n:  # its spans are not read yet: the session's pages come first
                break
            n = after
            if time.perf_counter() >= deadline:
                break
        self._next = n
        if not self._waiting:
            self._idle.stop()

    def _known(self, block: QTextBlock) -> bool:
        """Whether the session holds every span meeting `block` (a long document is read in pages)."""
        omap = self._omap
        pos = block.position()
        return self.session.known(omap.to_cp(pos), omap.to_cp(min(pos + block.length(), omap.utf16_length)))

    def _colour_run(self, doc: QTextDocument, n: int) -> int:
        """Colour waiting block `n` and the waiting blocks right after it, up to IDLE_RUN of them, in
        one pass of Qt's highlighter (~6x cheaper than block by block; the run stops at a block on
        screen, which `_colour` repaints, and before a block whose spans the session has not read
        yet); returns the number of the block after the run, or `n` itself when block `n`'s spans
        are not read yet (a later slice comes back to it)."""
        done = self._done
        first = last = doc.findBlockByNumber(n)
        loading = self.session.loading
        if loading and not self._known(first):
            return n
        if first.layout().lineCount():
            self._colour(first)
        else:
            while last.blockNumber() - n + 1 < self.IDLE_RUN:
                following = last.next()
                if not following.isValid() or done[following.blockNumber()]:
                    break
                if following.layout().lineCount() or (loading and not self._known(following)):
                    break
                last = following
            layout = doc.documentLayout()
            layout.blockSignals(True)  # off screen: nothing to repaint (see `_colour`)
            try:
                # the slot Qt's own contentsChange connection calls (see begin_lazy_load): it
                # highlights every block from the first position through the last
                QMetaObject.invokeMethod(
                    self,
                    "_q_reformatBlocks",
                    Qt.ConnectionType.DirectConnection,
                    Q_ARG(int, first.position()),
                    Q_ARG(int, 0),
                    Q_ARG(int, last.position() - first.position()),
                )
            finally:
                layout.blockSignals(False)
        end = last.blockNumber() + 1
        for k in range(n, end):  # a block Qt did not hand over still counts: never loop on one
            if not done[k]:
                done[k] = 1
                self._waiting -= 1
        return end

    def finish_now(self) -> None:
        """Colour every waiting block at once (tests, screenshots); slow for a large document."""
        doc = self.document()
        if doc is None:
            return
        done = self._done
        n = done.find(0)
        while self._waiting and n >= 0:
            self._colour(doc.findBlockByNumber(n))
            if not done[n]:
                done[n] = 1
                self._waiting -= 1
            n = done.find(0, n + 1)
        self._idle.stop()

    # ------------------------------------------------------------------ drawing
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        # Called for every block Qt (re)formats: kept to local variables and plain fields, since
        # attributes and properties of a QObject cost about a microsecond each to reach.
        if self._skip:
            return
        block = self.currentBlock()
        n = block.blockNumber()
        done = self._done
        if n < len(done) and not done[n]:
            done[n] = 1
            self._waiting -= 1
        self.blocks_highlighted += 1
        if not text:
            return
        pos16 = block.position()
        omap = self._omap
        bs = pos16 if omap.identity else omap.to_cp(pos16)
        be = bs + len(text)
        session = self.session
        if not session.known(bs, be):  # a block whose spans no one has read: read them now
            session.load_range(bs, be)
        # code point -> UTF-16 position in the block: a plain difference unless the block itself
        # holds characters above U+FFFF
        plain16 = omap.identity or omap.same_units(bs, be)
        spans = session.index.overlapping(bs, be)
        matches: list[tuple[int, int]] = []
        if self._matches:
            i = bisect_right(self._match_starts, bs)
            if i:
                i -= 1
            j = bisect_left(self._match_starts, be)
            matches = [m for m in self._matches[i:j] if m[1] > bs]
        if not spans and not matches:
            return
        set_format = self.setFormat
        if not matches:  # the common case: spans side by side, one format each, no segments needed
            prev_end = -1
            for sp in spans:
                if sp.start < prev_end:
                    break
                prev_end = sp.end
            else:
                plain = self._plain_formats
                special = self._special
                for sp in spans:
                    a, b = max(sp.start, bs), min(sp.end, be)
                    fmt = plain[sp.label] if sp.id not in special and sp.origin != _SUGGESTED else None
                    if fmt is None:
                        fmt = self._segment_format([sp], [])
                    if plain16:
                        set_format(a - bs, b - a, fmt)
                    else:
                        a16 = omap.to_utf16(a) - pos16
                        set_format(a16, omap.to_utf16(b) - pos16 - a16, fmt)
                return
        # Boundaries of every span/match clipped to the block, and what starts/ends at each.
        opens: dict[int, list] = {}
        closes: dict[int, list] = {}
        for sp in spans:
            a, b = max(sp.start, bs), min(sp.end, be)
            if a < b:
                opens.setdefault(a, []).append(sp)
                closes.setdefault(b, []).append(sp)
        current = self._match_range(self._current_match)
        for m in matches:
            a, b = max(m[0], bs), min(m[1], be)
            if a < b:
                item = _Match(m == current)
                opens.setdefault(a, []).append(item)
                closes.setdefault(b, []).append(item)
        points = sorted(opens.keys() | closes.keys())
        active_spans: list[Span] = []
        active_found: list[_Match] = []
        for k in range(len(points) - 1):
            p, q = points[k], points[k + 1]
            for item in closes.get(p, ()):
                (active_found if type(item) is _Match else active_spans).remove(item)
            for item in opens.get(p, ()):
                (active_found if type(item) is _Match else active_spans).append(item)
            if not active_spans and not active_found:
                continue
            fmt = self._segment_format(active_spans, active_found)
            if plain16:
                set_format(p - bs, q - p, fmt)
            else:
                a16 = omap.to_utf16(p) - pos16
                set_format(a16, omap.to_utf16(q) - pos16 - a16, fmt)

    def _segment_format(self, spans: list[Span], found: list[_Match]) -> QTextCharFormat:
        """The one format of a segment covered by `spans` (in any order) and find matches `found`."""
        in_match = bool(found)
        current_match = any(m.current for m in found)
        labels: tuple[str, ...] = ()
        selected = candidate = suggested = False
        linked_label: str | None = None
        depth = len(spans)
        if spans:
            ordered = sorted(spans, key=_size_key) if depth > 1 else spans
            labels = (ordered[0].label, ordered[-1].label) if depth > 1 else (ordered[0].label,)
            selected_id, candidate_id, linked = self._selected, self._candidate, self._linked
            suggested = True
            for sp in ordered:
                sid = sp.id
                if sid == selected_id:
                    selected = True
                if sid == candidate_id:
                    candidate = True
                if linked_label is None and sid in linked:
                    linked_label = sp.label
                if sp.origin != _SUGGESTED:
                    suggested = False
        key = (labels, min(depth, 4), selected, candidate, linked_label, suggested, in_match, current_match)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._build_format(*key)
        return fmt

    def _build_format(
        self,
        labels: tuple[str, ...],
        depth: int,
        selected: bool,
        candidate: bool,
        linked_label: str | None,
        suggested: bool,
        in_match: bool,
        current_match: bool,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        dark = self._dark
        if labels:
            bg = self.background(labels[0])
            if len(labels) > 1:  # nested or stacked: mostly the innermost's colour, deeper is darker
                bg = blend(bg, self.background(labels[1]), colours.NESTED_MIX)
                if depth > 2:
                    bg = bg.lighter(100 + 10 * (depth - 2)) if dark else bg.darker(100 + 8 * (depth - 2))
                fmt.setUnderlineStyle(_UL.SingleUnderline)
                fmt.setUnderlineColor(self.accent(labels[1]))
            if suggested:  # a suggestion: paler, dashed
                bg = blend(bg, _DARK_BASE if dark else QColor("#ffffff"), 0.5)
                fmt.setUnderlineStyle(_UL.DashUnderline)
                fmt.setUnderlineColor(self.accent(labels[-1]))
            if candidate:
                bg = bg.lighter(130) if dark else bg.darker(125)
            fmt.setBackground(bg)
            if in_match:  # the match's own colours, underlined in the span's colour (the span shows)
                fmt.setUnderlineStyle(_UL.SingleUnderline)
                fmt.setUnderlineColor(self.label_colour(labels[-1]))
        if in_match:
            light, dark_bg = colours.FIND_CURRENT if current_match else colours.FIND_MATCH
            match_bg = dark_bg if dark else light
            fmt.setBackground(QColor(match_bg))
            fmt.setForeground(QColor(colours.text_on(match_bg)))
            if current_match:
                fmt.setFontWeight(QFont.Weight.Bold)
        if linked_label is not None:
            fmt.setUnderlineStyle(_UL.WaveUnderline)
            fmt.setUnderlineColor(self.accent(linked_label))
        if candidate:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setUnderlineStyle(_UL.SingleUnderline)
            fmt.setUnderlineColor(_CANDIDATE_DARK if dark else _CANDIDATE_LIGHT)
        if selected:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setUnderlineStyle(_UL.SingleUnderline)
            fmt.setUnderlineColor(self.text_colour())
        return fmt
