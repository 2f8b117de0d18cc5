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

Only what is drawn is computed: the spans of the few relations in view, never the document's
10,000 spans, and little of it again on a label. The boxes of the drawn spans and the lines in
view are kept until the view scrolls or resizes, or the document layout says a block was laid out
again (a label makes its word bold: only that block's spans are measured again) or more than a block
changed (font, width, a block's height: everything is); the arcs are rendered once into a transparent layer
that later paints copy, until what is drawn changes (a label repaints the lines under the overlay,
and an antialiased arc costs about a millisecond to stroke); the refreshes an edit asks for are
done once, after it, and repaint only the region of the arcs and outlines that changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from annotator.core.model import Change, Origin, Relation, Span

_MAX_FOCUS_LINKS = 40  # one and two steps from the focus: enough for any attribution
_HALO_ALPHA = 100  # the arc's halo: enough to see it over text, not to hide the words under it
_PLATE_ALPHA = 120  # a name's plate: its name readable, the word under it still seen
_NEAR = 400  # px above and below the view where a span is still measured (its arc enters the view)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to draw: `dashed` for one proposed or being chosen (not stored yet)."""

    type: str
    head: int
    tail: int
    dashed: bool = False


@dataclass(slots=True)
class _Scene:
    """Where everything drawn goes, for one set of links and one text layout (colours apart: they are
    looked up per paint). `arcs` holds (link, head end, tail end, path, plate, level)."""

    links: list[Link]
    spans: dict[int, Span]
    rects: dict[int, list[QRectF]]
    arcs: list[tuple[Link, QPointF, QPointF, QPainterPath, QRectF, int]]


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
        # caches (see the module docstring)
        self._view: tuple = ()
        self._range: tuple[int, int] | None = None  # code points of the blocks in view
        self._rects: dict[int, tuple[int, int, list[QRectF]]] = {}  # span id -> (start, end, boxes)
        self._spans_gen = 0  # bumped when spans change (the spans in view, a suggestion's origin)
        self._visible: tuple[tuple, list[Span]] | None = None
        self._scene_cache: _Scene | None = None  # the last scene measured
        self._fresh: _Scene | None = None  # measured by a refresh, for the paint it asks for
        self._items_cache: tuple[_Scene, tuple, dict[tuple, QRectF]] | None = None
        self._painted: dict[tuple, QRectF] = {}  # what the screen shows: item -> its bounds
        self._layer: QPixmap | None = None
        self._layer_key: tuple | None = None
        self._layer_valid = QRegion()
        self._pending = QTimer(self)  # the refresh asked for, done once the event that asked is over
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._repaint_changed)
        layout = reader.document().documentLayout()
        layout.updateBlock.connect(self._block_relaid)
        layout.update.connect(self._all_relaid)
        layout.documentSizeChanged.connect(self._all_relaid)
        reader.viewport().installEventFilter(self)
        self.setGeometry(reader.viewport().geometry())
        self.session.document_opened.connect(self._reindex)
        self.session.external_annotations_changed.connect(self._reindex)
        self.session.changed.connect(self._on_changed)
        self.session.relations_loaded.connect(self._on_relations_loaded)
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
        """Repaint what changed, once the event that changed it is done (an edit asks several times).

        A repaint of this widget repaints the text under it, so only the region of the arcs and
        outlines that differ from those on screen is repainted (nothing for an edit that changes no
        link)."""
        if force:
            self._painted = {}
            self.update()
        else:
            self._fresh = None
            self._pending.start()

    def settle(self) -> None:
        """Do a refresh asked for now rather than when the event loop comes back (benchmarks time
        it with the label that asked)."""
        if self._pending.isActive():
            self._pending.stop()
            self._repaint_changed()

    def invalidate(self) -> None:
        """Forget the lines in view and the rendered arcs: the next paint measures and draws anew."""
        self._forget()
        self._scene_cache = self._items_cache = None
        self._layer = self._layer_key = None
        self.refresh(force=True)

    def _repaint_changed(self) -> None:
        scene = self._scene() if self.isVisible() else None
        items = self._items(scene) if scene is not None else {}
        self._fresh = scene  # the paint this asks for follows at once: it draws what was measured
        changed = QRegion()
        for item, bounds in self._painted.items():
            if item not in items:
                changed += bounds.toAlignedRect()
        for item, bounds in items.items():
            if item not in self._painted:
                changed += bounds.toAlignedRect()
        if changed.isEmpty():
            self._fresh = None  # no paint follows now: a later one measures again
        else:
            self.update(changed)

    # ------------------------------------------------------------------ caches
    def _sync_view(self) -> None:
        """Forget the lines in view when the view scrolled, resized or moved to another first block."""
        reader = self.reader
        offset = reader.contentOffset()
        view = (reader.firstVisibleBlock().blockNumber(), offset.x(), offset.y(), self.width(), self.height())
        if view != self._view:
            self._view = view
            self._forget()

    def _forget(self) -> None:
        self._range = None
        self._rects = {}
        self._fresh = None

    def _all_relaid(self, *_args) -> None:
        """The layout changed beyond one block (a height, the font, the width): every box moves."""
        self._forget()
        if self._painted:
            self._pending.start()

    def _block_relaid(self, block) -> None:
        """One block was laid out again (a label's bold, an undo): its spans' boxes are measured again;
        a drawn one may have moved, and its arcs reach beyond the lines the reader repaints: redraw
        them where they changed."""
        self._fresh = None  # a drawn span may have moved: the next paint measures again
        reader = self.reader
        lo, hi = reader.to_cp(block.position()), reader.to_cp(block.position() + block.length())
        for sid in [k for k, (a, b, _r) in self._rects.items() if a < hi and b > lo]:
            del self._rects[sid]
        scene = self._scene_cache
        if scene is None or not scene.spans:
            return
        if any(s.start < hi and s.end > lo for s in scene.spans.values()):
            self._pending.start()

    def _rects_of(self, span: Span) -> list[QRectF]:
        hit = self._rects.get(span.id)
        if hit is not None and hit[0] == span.start and hit[1] == span.end:
            return hit[2]
        rects = self.span_rects(span)
        self._rects[span.id] = (span.start, span.end, rects)
        return rects

    def _reindex(self, *_args) -> None:
        by_span: dict[int, list[Relation]] = {}
        for rel in self.session.relations_read:  # a long document's are read after it opens
            by_span.setdefault(rel.head, []).append(rel)
            by_span.setdefault(rel.tail, []).append(rel)
        self._by_span = by_span
        self._spans_gen += 1
        self._forget()
        self.refresh(force=True)

    def _on_relations_loaded(self, rels: list[Relation]) -> None:
        """A long document's relations, read a page at a time after it opened."""
        for rel in rels:
            self._by_span.setdefault(rel.head, []).append(rel)
            self._by_span.setdefault(rel.tail, []).append(rel)
        if rels:
            self.refresh()

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
        if change.spans_added or change.spans_removed or change.spans_updated:
            self._spans_gen += 1
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
        """Code points [start, end) of the blocks in view (two hit tests, whatever the document's size;
        kept while the view and the layout stay)."""
        self._sync_view()
        if self._range is None:
            self._range = self._measure_range()
        return self._range

    def _measure_range(self) -> tuple[int, int]:
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
        key = (start, end, self._spans_gen)
        if self._visible is None or self._visible[0] != key:
            # a long quote that began above the view still has its arcs in it
            spans = [s for s in self.session.spans_starting_in(max(0, start - 2000), end) if s.end > start]
            self._visible = (key, spans)
        return self._visible[1]

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
    def _plate_font(self) -> QFont:
        font = QFont(self.reader.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.55))
        return font

    def _scene(self) -> _Scene:
        """Where the links go, measured now (what is kept between paints is the layer it renders)."""
        self._sync_view()
        links = self.links()
        reader = self.reader
        session = self.session
        spans: dict[int, Span] = {}
        for link in links:
            for sid in (link.head, link.tail):
                span = session.span(sid)
                if span is not None:
                    spans[sid] = span
        rects = {sid: self._rects_of(span) for sid, span in spans.items()}
        ends: dict[int, int] = {}  # arcs met so far per span: their ends fan out along its top
        fan: dict[int, int] = {}
        for link in links:
            for sid in (link.head, link.tail):
                fan[sid] = fan.get(sid, 0) + 1
        plates: list[QRectF] = []
        fm = QFontMetricsF(self._plate_font())
        line = QFontMetricsF(reader.font()).height()
        arcs = []
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
            path, plate = self._place_arc(p_head, p_tail, link, level, plates, fm, line)
            arcs.append((link, p_head, p_tail, path, plate, level))
        self._scene_cache = _Scene(links, spans, rects, arcs)
        return self._scene_cache

    def _items(self, scene: _Scene) -> dict[tuple, QRectF]:
        """What the scene draws, each item (with its colour) and the region it covers: the items
        that differ from those on screen are what a refresh repaints."""
        focus = (self.reader.selected_span_id, self.reader.hovered_span_id)
        colours = {label: self._colour(label).rgba() for label in {s.label for s in scene.spans.values()}}
        key = (focus, tuple(colours.items()))
        cached = self._items_cache
        if cached is not None and cached[0] is scene and cached[1] == key:
            return cached[2]
        out: dict[tuple, QRectF] = {}
        for sid, boxes in scene.rects.items():
            if boxes:
                bounds = QRectF(boxes[0])
                for box in boxes[1:]:
                    bounds = bounds.united(box)
                colour = colours[scene.spans[sid].label]
                item = ("outline", sid, tuple(b.getRect() for b in boxes), colour, sid in focus)
                out[item] = bounds.adjusted(-5, -2, 5, 2)
        for link, p1, p2, path, plate, level in scene.arcs:
            colour = colours[scene.spans[link.tail].label]
            item = ("arc", link, p1.x(), p1.y(), p2.x(), p2.y(), level, plate.getRect(), colour)
            out[item] = path.controlPointRect().united(plate).adjusted(-12, -12, 12, 12)
        self._items_cache = (scene, key, out)
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paints += 1
        self._sync_view()
        scene, self._fresh = self._fresh or self._scene(), None
        self.drawn = scene.links
        self.outlined = [sid for sid, boxes in scene.rects.items() if boxes]
        self.arcs = [(link, p1, p2) for link, p1, p2, _path, _plate, _level in scene.arcs]
        self._painted = self._items(scene)
        if not scene.links:
            return
        # the arcs are rendered into a layer once per scene (and theme), each part when first asked
        ratio = self.devicePixelRatioF()
        key = (
            tuple(self._painted),
            self._background().rgba(),
            self.reader.dark,
            ratio,
            self.width(),
            self.height(),
        )
        if key != self._layer_key or self._layer is None:
            self._layer = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            self._layer.setDevicePixelRatio(ratio)
            self._layer.fill(Qt.GlobalColor.transparent)
            self._layer_key, self._layer_valid = key, QRegion()
        need = QRegion(event.rect()) - self._layer_valid
        if not need.isEmpty():
            layer = QPainter(self._layer)
            layer.setClipRegion(need)
            self._render(layer, scene, QRectF(need.boundingRect()))
            layer.end()
            self._layer_valid += need
        painter = QPainter(self)  # clipped to the region asked for: the rest of the copy is cut
        rect = event.rect()
        painter.drawPixmap(QRectF(rect), self._layer, self._source(rect, ratio))
        painter.end()

    @staticmethod
    def _source(rect: QRect, ratio: float) -> QRectF:
        return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio)

    def _render(self, painter: QPainter, scene: _Scene, area: QRectF) -> None:
        """Draw the scene's outlines and arcs that reach `area`."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # the arcs cross the lines above their ends: a light halo keeps them visible over the text,
        # and the words under an arc or a name's plate stay readable through it
        halo = QColor(self._background())
        halo.setAlpha(_HALO_ALPHA)
        focus = {self.reader.selected_span_id, self.reader.hovered_span_id}
        dirty = area.adjusted(-12, -12, 12, 12)  # only what the repaint reaches is drawn
        for sid, boxes in scene.rects.items():
            near = [b for b in boxes if b.intersects(dirty)]
            if near:
                self._outline(painter, near, self._colour(scene.spans[sid].label), sid in focus)
        painter.setFont(self._plate_font())
        for link, _p1, p2, path, plate, _level in scene.arcs:
            if path.controlPointRect().united(plate).intersects(dirty):
                self._draw_arc(
                    painter, p2, path, plate, link, self._colour(scene.spans[link.tail].label), halo
                )

    @staticmethod
    def _outline(painter: QPainter, boxes: list[QRectF], colour: QColor, focus: bool) -> None:
        pen = QPen(colour, 2.2 if focus else 1.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box in boxes:
            painter.drawRoundedRect(box.adjusted(-2, 2, 2, -1), 4, 4)

    @staticmethod
    def _place_arc(
        p1: QPointF,
        p2: QPointF,
        link: Link,
        level: int,
        plates: list[QRectF],
        fm: QFontMetricsF,
        line: float,
    ) -> tuple[QPainterPath, QRectF]:
        """The arc's curve, and its name's plate along it, where no other plate is."""
        dx = abs(p2.x() - p1.x())
        rise = min(12.0 + 0.08 * dx + 4.0 * (level % 3), 0.9 * line)
        c1 = QPointF(p1.x(), min(p1.y(), p2.y()) - rise)
        c2 = QPointF(p2.x(), min(p1.y(), p2.y()) - rise)
        path = QPainterPath(p1)
        path.cubicTo(c1, c2, p2)
        w, h = fm.horizontalAdvance(link.type) + 8, fm.height() + 2
        for at in (0.5, 0.35, 0.65, 0.22, 0.78):
            top = path.pointAtPercent(at)
            plate = QRectF(top.x() - w / 2, top.y() - h / 2, w, h)
            if not any(plate.intersects(other) for other in plates):
                break
        plates.append(plate)
        return path, plate

    def _draw_arc(
        self,
        painter: QPainter,
        tip: QPointF,
        path: QPainterPath,
        plate: QRectF,
        link: Link,
        colour: QColor,
        halo: QColor,
    ) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(halo, 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        pen = QPen(colour, 1.8, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(path)
        # the arrow at the tail, along the curve's last stretch
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
        fill = QColor(halo)
        fill.setAlpha(_PLATE_ALPHA)
        painter.setBrush(fill)
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(colour.darker(130) if self.reader.dark is False else colour.lighter(130))
        painter.drawText(plate, int(Qt.AlignmentFlag.AlignCenter), link.type)
