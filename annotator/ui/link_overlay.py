"""Links drawn in the reader, as brat draws them: spans outlined, joined by arcs over the lines.

A transparent widget laid over the reader's viewport (a sibling above it, so the viewport's
scrolling never moves it; it takes no mouse events) paints the relations of what the annotator is
looking at:

- the selected span and the span under the mouse: their relations, and one step further (select a
  CUE and see its QUOTE and the QUOTE's SPEAKER), each end outlined in its label's colour;
- the links proposed right after labelling, the candidate while linking, and a suggestion's links,
  dashed;
- with "Show all links" on (View menu), every relation with an end on the lines in view.

An arc leaves the top of one span and lands, with an arrow, on the top of the other; it rises in
the room Noto Naskh Arabic leaves between lines, higher the farther its ends are apart, and carries
the relation's name in a small plate at its top. Where RTL and LTR runs mix, a span's box on a line
is taken from its first and last character there. An end outside the view is drawn at the top or
bottom edge, so a link to a speaker three paragraphs up still shows where it goes.

Only what is drawn is computed, per paint: the spans of the few relations in view, never the
document's 10,000 spans, so labelling stays as fast with links shown as without.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from annotator.core.model import Change, Origin, Relation, Span

_MAX_FOCUS_LINKS = 40  # one and two steps from the focus: enough for any attribution
_NEAR = 400  # px above and below the view where a span is still measured (its arc enters the view)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to draw: `dashed` for one proposed or being chosen (not stored yet)."""

    type: str
    head: int
    tail: int
    dashed: bool = False


class LinkOverlay(QWidget):
    """See the module docstring. `reader` is the ReaderView it draws over."""

    def __init__(self, reader) -> None:
        super().__init__(reader)
        self.reader = reader
        self.session = reader.session
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._show_all = False
        self._by_span: dict[int, list[Relation]] = {}
        self.paints = 0  # a counter for tests and benchmarks
        self.drawn: list[Link] = []  # what the last paint drew (tests look at it)
        self.outlined: list[int] = []
        self.arcs: list[tuple[Link, QPointF, QPointF]] = []  # (link, head end, tail end) last painted
        reader.viewport().installEventFilter(self)
        self.setGeometry(reader.viewport().geometry())
        self.session.document_opened.connect(self._reindex)
        self.session.external_annotations_changed.connect(self._reindex)
        self.session.changed.connect(self._on_changed)
        self._reindex()
        self.show()
        self.raise_()

    # ------------------------------------------------------------------ state
    @property
    def show_all(self) -> bool:
        return self._show_all

    def set_show_all(self, on: bool) -> None:
        """Draw every link of the lines in view (True), or only those of the focus (False)."""
        self._show_all = bool(on)
        self.refresh(force=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self.reader.viewport().geometry())
        return False

    def refresh(self, force: bool = False) -> None:
        """Repaint when what is drawn changes: a repaint of this widget repaints the text under it,
        which an edit that changes no link must not pay for (the lines an edit redraws repaint
        their part of the arcs anyway)."""
        if force or self.links() != self.drawn:
            self.update()

    def _reindex(self, *_args) -> None:
        by_span: dict[int, list[Relation]] = {}
        for rel in self.session.relations:
            by_span.setdefault(rel.head, []).append(rel)
            by_span.setdefault(rel.tail, []).append(rel)
        self._by_span = by_span
        self.refresh(force=True)

    def _on_changed(self, change: Change) -> None:
        """Follow an edit in O(what it changed)."""
        for rel in change.relations_removed:
            for sid in (rel.head, rel.tail):
                rels = self._by_span.get(sid)
                if rels is not None:
                    self._by_span[sid] = [r for r in rels if r.id != rel.id]
        for rel in change.relations_added:
            for sid in (rel.head, rel.tail):
                self._by_span.setdefault(sid, []).append(rel)
        for span in change.spans_removed:
            self._by_span.pop(span.id, None)
        self.refresh()

    def relations_of(self, span_id: int) -> list[Relation]:
        return self._by_span.get(span_id, [])

    # ------------------------------------------------------------------ what to draw
    def links(self) -> list[Link]:
        """The links the next paint draws (see the module docstring)."""
        out: dict[tuple[str, int, int], Link] = {}
        session = self.session

        def suggested(sid: int) -> bool:
            span = session.span(sid)
            return span is not None and span.origin == Origin.SUGGESTED

        def add(rel: Relation, every: bool = False) -> None:
            proposed = suggested(rel.head) or suggested(rel.tail)  # a suggestion's link: dashed
            if proposed and every:
                return  # "all links" are the annotator's own; a suggestion shows its links when looked at
            out.setdefault(
                (rel.type, rel.head, rel.tail), Link(rel.type, rel.head, rel.tail, dashed=proposed)
            )

        reader = self.reader
        focus = [sid for sid in (reader.selected_span_id, reader.hovered_span_id) if sid is not None]
        for sid in focus:
            first = self.relations_of(sid)
            for rel in first:
                add(rel)
                other = rel.tail if rel.head == sid else rel.head
                for rel2 in self.relations_of(other)[:_MAX_FOCUS_LINKS]:
                    add(rel2)
        if self._show_all:
            for span in self._visible_spans():
                for rel in self.relations_of(span.id):
                    add(rel, every=True)
        for rtype, head, tail in reader.offered_links():
            out.setdefault((rtype, head, tail), Link(rtype, head, tail, dashed=True))
        return list(out.values())

    def _visible_range(self) -> tuple[int, int]:
        """Code points [start, end) of the blocks in view (two hit tests, whatever the document's size)."""
        reader = self.reader
        view = reader.viewport().rect()
        top = reader.cursorForPosition(view.topLeft()).block()
        bottom = reader.cursorForPosition(view.bottomRight()).block()
        if not top.isValid() or not bottom.isValid():
            return 0, 0
        end = bottom.position() + max(bottom.length() - 1, 0)
        return reader.to_cp(top.position()), reader.to_cp(end)

    def _visible_spans(self) -> list[Span]:
        start, end = self._visible_range()
        # a long quote that began above the view still has its arcs in it
        return [s for s in self.session.spans_starting_in(max(0, start - 2000), end) if s.end > start]

    # ------------------------------------------------------------------ geometry
    def span_rects(self, span: Span) -> list[QRectF]:
        """The boxes of `span` on each of its lines in (or near) view, in viewport coordinates."""
        reader = self.reader
        a16, b16 = reader.to_u16(span.start), reader.to_u16(span.end)
        doc = reader.document()
        block = doc.findBlock(a16)
        offset = reader.contentOffset()
        height = reader.viewport().height()
        out: list[QRectF] = []
        while block.isValid() and block.position() < b16:
            geo = reader.blockBoundingGeometry(block).translated(offset)
            if geo.top() > height + _NEAR:
                break
            layout = block.layout()
            if geo.bottom() >= -_NEAR and layout is not None and layout.lineCount():
                pos = block.position()
                lo, hi = max(a16 - pos, 0), min(b16 - pos, block.length() - 1)
                origin = geo.topLeft() + layout.position()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    ls, le = line.textStart(), line.textStart() + line.textLength()
                    if le <= lo or ls >= hi:
                        continue
                    x1 = line.cursorToX(max(lo, ls))[0]
                    x2 = line.cursorToX(min(hi, le))[0]
                    left, right = sorted((x1, x2))
                    if right - left < 2:  # a bidi run edge: take the whole line's text
                        rect = line.naturalTextRect()
                        left, right = rect.left(), rect.right()
                    out.append(QRectF(origin.x() + left, origin.y() + line.y(), right - left, line.height()))
            block = block.next()
        return out

    def _anchor(self, rects: list[QRectF], toward: QPointF | None, span: Span) -> QPointF:
        """Where an arc meets a span: the top middle of its box nearest `toward` (a view edge when
        the span is out of view)."""
        if not rects:
            above = span.end <= self._visible_range()[0]
            return QPointF(self.width() - 40.0, -8.0 if above else self.height() + 8.0)
        if toward is not None:
            box = min(rects, key=lambda r: abs(r.center().y() - toward.y()))
        else:
            box = rects[0]
        return QPointF(box.center().x(), box.top() + self._text_top(box))

    def _text_top(self, box: QRectF) -> float:
        """How far below a line's top its letters begin (the room arcs rise in)."""
        fm = QFontMetricsF(self.reader.font())
        return max(0.0, box.height() - fm.ascent() - fm.descent()) * 0.6

    # ------------------------------------------------------------------ colours
    def _colour(self, label: str) -> QColor:
        hl = self.reader.highlighter
        return hl.accent(label)

    def _background(self) -> QColor:
        return self.reader.palette().base().color()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paints += 1
        links = self.links()
        self.drawn, self.outlined, self.arcs = links, [], []
        if not links:
            return
        session = self.session
        spans: dict[int, Span] = {}
        for link in links:
            for sid in (link.head, link.tail):
                span = session.span(sid)
                if span is not None:
                    spans[sid] = span
        rects = {sid: self.span_rects(span) for sid, span in spans.items()}
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = QColor(self._background())
        halo.setAlpha(200)
        focus = {self.reader.selected_span_id, self.reader.hovered_span_id}
        dirty = QRectF(event.rect()).adjusted(-12, -12, 12, 12)  # only what the repaint reaches is drawn
        for sid, boxes in rects.items():
            if boxes:
                self.outlined.append(sid)
                near = [b for b in boxes if b.intersects(dirty)]
                if near:
                    self._outline(painter, near, self._colour(spans[sid].label), sid in focus)
        font = QFont(self.reader.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.55))
        painter.setFont(font)
        ends: dict[int, int] = {}  # arcs met so far per span: their ends fan out along its top
        fan: dict[int, int] = {}
        for link in links:
            for sid in (link.head, link.tail):
                fan[sid] = fan.get(sid, 0) + 1
        plates: list[QRectF] = []
        for level, link in enumerate(links):
            head, tail = spans.get(link.head), spans.get(link.tail)
            if head is None or tail is None:
                continue
            hr, tr = rects[link.head], rects[link.tail]
            if not hr and not tr:
                continue
            p_tail = self._anchor(tr, None, tail)
            p_head = self._anchor(hr, p_tail, head)
            p_tail = self._anchor(tr, p_head, tail)
            for sid, point in ((link.head, p_head), (link.tail, p_tail)):
                k = ends.get(sid, 0)
                ends[sid] = k + 1
                point.setX(point.x() + (k - (fan[sid] - 1) / 2) * 12)
            self.arcs.append((link, p_head, p_tail))
            self._arc(painter, p_head, p_tail, link, self._colour(tail.label), halo, level, plates, dirty)
        painter.end()

    @staticmethod
    def _outline(painter: QPainter, boxes: list[QRectF], colour: QColor, focus: bool) -> None:
        pen = QPen(colour, 2.2 if focus else 1.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box in boxes:
            painter.drawRoundedRect(box.adjusted(-2, 2, 2, -1), 4, 4)

    def _arc(
        self,
        painter: QPainter,
        p1: QPointF,
        p2: QPointF,
        link: Link,
        colour: QColor,
        halo: QColor,
        level: int,
        plates: list[QRectF],
        dirty: QRectF,
    ) -> None:
        dx = abs(p2.x() - p1.x())
        line = QFontMetricsF(self.reader.font()).height()
        rise = min(12.0 + 0.08 * dx + 4.0 * (level % 3), 0.9 * line)
        c1 = QPointF(p1.x(), min(p1.y(), p2.y()) - rise)
        c2 = QPointF(p2.x(), min(p1.y(), p2.y()) - rise)
        path = QPainterPath(p1)
        path.cubicTo(c1, c2, p2)
        # the relation's name on a plate along the arc, where no other plate is
        fm = QFontMetricsF(painter.font())
        text = link.type
        w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
        for at in (0.5, 0.35, 0.65, 0.22, 0.78):
            top = path.pointAtPercent(at)
            plate = QRectF(top.x() - w / 2, top.y() - h / 2, w, h)
            if not any(plate.intersects(other) for other in plates):
                break
        plates.append(plate)
        if not path.controlPointRect().united(plate).intersects(dirty):
            return  # placed (the plates after it stay where they are), nothing to draw here
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(halo, 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        pen = QPen(colour, 1.8, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(path)
        # the arrow at the tail, along the curve's last stretch
        tip = p2
        back = path.pointAtPercent(0.93)
        direction = QPointF(tip.x() - back.x(), tip.y() - back.y())
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
        ux, uy = direction.x() / length, direction.y() / length
        size = 7.0
        left = QPointF(tip.x() - size * ux + size * 0.5 * uy, tip.y() - size * uy - size * 0.5 * ux)
        right = QPointF(tip.x() - size * ux - size * 0.5 * uy, tip.y() - size * uy + size * 0.5 * ux)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, left, right]))
        painter.setPen(QPen(colour, 1.0, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine))
        painter.setBrush(halo)
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(colour.darker(130) if self.reader.dark is False else colour.lighter(130))
        painter.drawText(plate, int(Qt.AlignmentFlag.AlignCenter), text)
