"""Links drawn in the reader, as brat draws them: spans outlined, joined by arcs over the lines.

A transparent widget laid over the reader's viewport (a sibling above it, so the viewport's
scrolling never moves it; it takes no mouse events) paints the relations of what the annotator is
looking at:

- the selected span and the span under the mouse: their relations, and one step further (select a
  CUE and see its QUOTE and the QUOTE's SPEAKER), each end outlined in its label's colour;
- the links proposed right after labelling, the candidate while linking, and a suggestion's links,
  dashed;
- with "Show all links" on (View menu), every relation with an end on the lines in view.

An arc never crosses words: the reader keeps a band of room above every line (line_room.py, as
high as a name's plate and a little more), and the arcs run in those bands. A link leaves the top
of one span, rises into the band above its line, runs along it and comes down, with an arrow, on
the top of the other span; when its ends are on different lines it runs along the band of the
first to the margin beside the text (the side nearer its ends; no line reaches into the margins),
along the margin to the band of the other, and on to it. Links sharing a band run at different
heights in it, and those sharing a margin at different distances from the text. The relation's
name is in a plate in a band, on the link's longest run there, where no other plate is: it covers
no word. Where RTL and LTR runs mix, a span's box on a line is taken from its first and last
character there. An end outside the view is reached through the margin at the top or bottom edge,
so a link to a speaker three paragraphs up still shows where it goes.

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

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSizeF, Qt, QTimer
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
_NEAR = 400  # px above and below the view where a span is still measured (its arc enters the view)
_MARGIN_LANES = 4  # links side by side in a margin before they share a lane
_CORNER = 5.0  # radius of a link's bends


def plate_font(font: QFont) -> QFont:
    """The font of a relation's name: Latin first (the names are), about half the text's size."""
    out = QFont(font)
    out.setFamilies(["Noto Sans", *font.families()])
    out.setPointSizeF(max(7.0, font.pointSizeF() * 0.5))
    out.setBold(False)
    return out


def _plate_height(font: QFont) -> float:
    """A plate holds capitals (the relations' names are): their height and a little room."""
    return QFontMetricsF(plate_font(font)).capHeight() + 5


def overhang(font: QFont) -> float:
    """How far above its line's box a vowelled word may reach: Qt counts a tanween or a shadda
    (ًا، لَّ) in its glyph run's box, a few pixels above the line; the links keep above that."""
    return math.ceil(QFontMetricsF(font).height() * 0.09) + 1


def line_room(font: QFont) -> float:
    """The band the reader leaves above each line of `font`: a plate, a pixel either side, and the
    room of the vowel marks above the line."""
    return float(math.ceil(_plate_height(font) + 2 + overhang(font)))


def rounded_path(points: list[QPointF], radius: float = _CORNER) -> QPainterPath:
    """A path through `points` (straight runs) with its bends rounded."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        prev, at, nxt = points[i - 1], points[i], points[i + 1]
        a = min(radius, _dist(prev, at) / 2)
        b = min(radius, _dist(at, nxt) / 2)
        path.lineTo(_toward(at, prev, a))
        path.quadTo(at, _toward(at, nxt, b))
    path.lineTo(points[-1])
    return path


def _dist(a: QPointF, b: QPointF) -> float:
    return math.hypot(b.x() - a.x(), b.y() - a.y())


def _toward(a: QPointF, b: QPointF, d: float) -> QPointF:
    """The point `d` from `a` toward `b`."""
    length = _dist(a, b)
    if length < 1e-9:
        return QPointF(a)
    return QPointF(a.x() + (b.x() - a.x()) * d / length, a.y() + (b.y() - a.y()) * d / length)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to draw: `dashed` for one proposed or being chosen (not stored yet)."""

    type: str
    head: int
    tail: int
    dashed: bool = False


class _Router:
    """Routes the links of one scene through the bands above the lines and the margins, giving
    links that share a band different heights in it and links that share a margin different lanes."""

    def __init__(self, band: float, width: float, margin: float) -> None:
        self.band, self.width, self.margin = band, width, margin
        self._bands: dict[int, int] = {}  # runs so far per band (by its line's top)
        self._lanes = {True: 0, False: 0}  # links so far per margin (True: the right one)

    def _lane(self, top: float) -> float:
        """The height of the next run in the band that ends at `top` (above a line)."""
        k = self._bands.get(round(top), 0)
        self._bands[round(top)] = k + 1
        return top - self.band / 2 + (0, -1, 1, -2, 2)[k % 5] * self.band / 6

    def route(
        self, p1: QPointF | None, p2: QPointF | None, edge1: float, edge2: float
    ) -> tuple[list[QPointF], list[tuple[float, float, float]]]:
        """The points a link from `p1` to `p2` runs through (an end that is None is out of view, at
        the height `edge` of the view's edge), and its runs along bands as (x1, x2, band's bottom)."""
        if p1 is not None and p2 is not None and abs(p1.y() - p2.y()) < 1:  # one line: its band
            y = self._lane(p1.y())
            points = [p1, QPointF(p1.x(), y), QPointF(p2.x(), y), p2]
            return points, [(p1.x(), p2.x(), p1.y())]
        xs = [p.x() for p in (p1, p2) if p is not None]
        right = sum(xs) / len(xs) > self.width / 2
        k = self._lanes[right] % _MARGIN_LANES
        self._lanes[right] += 1
        inset = 3 + k * (self.margin - 5) / max(_MARGIN_LANES - 1, 1)
        xm = self.width - inset if right else inset
        points: list[QPointF] = []
        runs: list[tuple[float, float, float]] = []
        if p1 is None:
            points.append(QPointF(xm, edge1))
        else:
            y = self._lane(p1.y())
            points += [p1, QPointF(p1.x(), y), QPointF(xm, y)]
            runs.append((p1.x(), xm, p1.y()))
        if p2 is None:
            points.append(QPointF(xm, edge2))
        else:
            y = self._lane(p2.y())
            points += [QPointF(xm, y), QPointF(p2.x(), y), p2]
            runs.append((xm, p2.x(), p2.y()))
        return points, runs


def _place_plate(
    runs: list[tuple[float, float, float]], size: QSizeF, band: float, plates: list[QRectF], width: float
) -> QRectF:
    """A link's name plate: in the band of one of its runs (the longest first), on the run or beside
    it, where no other plate is, inside the view; the first place tried when every place is taken."""
    w, h = size.width(), size.height()
    first: QRectF | None = None
    for x1, x2, top in sorted(runs, key=lambda r: -abs(r[1] - r[0])):
        centres = [x1 + (x2 - x1) * at for at in (0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95)]
        mid = (x1 + x2) / 2  # then beside the run, further and further along its band
        centres += [mid + sign * k * (w / 2 + 4) for k in range(1, 12) for sign in (-1, 1)]
        for centre in centres:
            x = min(max(centre - w / 2, 1.0), max(width - w - 1, 1.0))
            plate = QRectF(x, top - band / 2 - h / 2, w, h)
            if first is None:
                first = plate
            if not any(plate.intersects(other.adjusted(-4, 0, 4, 0)) for other in plates):  # a gap between
                plates.append(plate)
                return plate
    plate = first if first is not None else QRectF(0, -h, w, h)
    plates.append(plate)
    return plate


@dataclass(slots=True)
class _Scene:
    """Where everything drawn goes, for one set of links and one text layout (colours apart: they are
    looked up per paint). `arcs` holds (link, head end, tail end, path, plate, arrow's back)."""

    links: list[Link]
    spans: dict[int, Span]
    rects: dict[int, list[QRectF]]
    arcs: list[tuple[Link, QPointF, QPointF, QPainterPath, QRectF, QPointF]]


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
        self._overhang = 0.0
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

        def add(rel: Relation) -> None:
            proposed = suggested(rel.head) or suggested(rel.tail)  # a suggestion's link: dashed
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
                    add(rel)  # the suggestions' links too, dashed: looked over before accepting them all
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

    def _anchor(self, rects: list[QRectF], toward: QPointF | None) -> QPointF | None:
        """Where a link meets a span: the top middle of its box nearest `toward` (None when the span
        is out of view: the link reaches it through the margin, at the view's edge)."""
        if not rects:
            return None
        if toward is not None:
            box = min(rects, key=lambda r: abs(r.center().y() - toward.y()))
        else:
            box = rects[0]
        return QPointF(box.center().x(), box.top() - self._overhang)

    def _edge(self, span: Span) -> float:
        """The view's edge toward a span out of view (above or below)."""
        return 1.0 if span.end <= self._visible_range()[0] else self.height() - 1.0

    # ------------------------------------------------------------------ colours
    def _colour(self, label: str) -> QColor:
        hl = self.reader.highlighter
        return hl.accent(label)

    def _background(self) -> QColor:
        return self.reader.palette().base().color()

    # ------------------------------------------------------------------ painting
    def _plate_font(self) -> QFont:
        return plate_font(self.reader.font())

    def _scene(self) -> _Scene:
        """Where the links go, measured now (what is kept between paints is the layer it renders)."""
        self._sync_view()
        links = self.links()
        session = self.session
        spans: dict[int, Span] = {}
        for link in links:
            for sid in (link.head, link.tail):
                span = session.span(sid)
                if span is not None:
                    spans[sid] = span
        rects = {sid: self._rects_of(span) for sid, span in spans.items()}
        ends: dict[int, int] = {}  # links met so far per span: their ends fan out along its top
        fan: dict[int, int] = {}
        for link in links:
            for sid in (link.head, link.tail):
                fan[sid] = fan.get(sid, 0) + 1
        font = self.reader.font()
        self._overhang = overhang(font)
        band = self.reader.line_layout.room - self._overhang  # where the links run, over no mark
        plate_h = _plate_height(font)
        fm = QFontMetricsF(self._plate_font())
        router = _Router(band, self.width(), self.reader.document().documentMargin())
        plates: list[QRectF] = []
        arcs = []
        for link in links:
            head, tail = spans.get(link.head), spans.get(link.tail)
            if head is None or tail is None:
                continue
            hr, tr = rects[link.head], rects[link.tail]
            if not hr and not tr:
                continue
            p_tail = self._anchor(tr, None)
            p_head = self._anchor(hr, p_tail)
            p_tail = self._anchor(tr, p_head) if p_head is not None else p_tail
            for sid, point in ((link.head, p_head), (link.tail, p_tail)):
                k = ends.get(sid, 0)
                ends[sid] = k + 1
                if point is not None:
                    point.setX(point.x() + (k - (fan[sid] - 1) / 2) * 12)
            points, runs = router.route(p_head, p_tail, self._edge(head), self._edge(tail))
            size = QSizeF(fm.horizontalAdvance(link.type) + 8, plate_h)
            plate = _place_plate(runs, size, band, plates, self.width())
            arcs.append((link, points[0], points[-1], rounded_path(points), plate, points[-2]))
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
        for link, _p1, _p2, path, plate, _back in scene.arcs:
            colour = colours[scene.spans[link.tail].label]
            item = ("arc", link, _shape(path), plate.getRect(), colour)
            out[item] = path.controlPointRect().united(plate).adjusted(-12, -12, 12, 12)
        self._items_cache = (scene, key, out)
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paints += 1
        self._sync_view()
        scene, self._fresh = self._fresh or self._scene(), None
        self.drawn = scene.links
        self.outlined = [sid for sid, boxes in scene.rects.items() if boxes]
        self.arcs = [(link, p1, p2) for link, p1, p2, _path, _plate, _back in scene.arcs]
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
        """Draw the scene's outlines and links that reach `area`."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # a halo of the background around each link keeps it apart where it crosses another
        halo = QColor(self._background())
        focus = {self.reader.selected_span_id, self.reader.hovered_span_id}
        dirty = area.adjusted(-12, -12, 12, 12)  # only what the repaint reaches is drawn
        for sid, boxes in scene.rects.items():
            near = [b for b in boxes if b.intersects(dirty)]
            if near:
                self._outline(painter, near, self._colour(scene.spans[sid].label), sid in focus)
        drawn = [
            (arc, self._colour(scene.spans[arc[0].tail].label))
            for arc in scene.arcs
            if arc[3].controlPointRect().united(arc[4]).intersects(dirty)
        ]
        for (link, _p1, p2, path, _plate, back), colour in drawn:
            self._draw_arc(painter, p2, back, path, link, colour, halo)
        painter.setFont(self._plate_font())  # the plates over every link: no run crosses a name
        for (link, _p1, _p2, _path, plate, _back), colour in drawn:
            self._draw_plate(painter, plate, link, colour, halo)

    @staticmethod
    def _outline(painter: QPainter, boxes: list[QRectF], colour: QColor, focus: bool) -> None:
        pen = QPen(colour, 2.2 if focus else 1.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box in boxes:
            painter.drawRoundedRect(box.adjusted(-2, 2, 2, -1), 4, 4)

    def _draw_arc(
        self,
        painter: QPainter,
        tip: QPointF,
        back: QPointF,
        path: QPainterPath,
        link: Link,
        colour: QColor,
        halo: QColor,
    ) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(halo, 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawPath(path)
        pen = QPen(colour, 1.8, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(path)
        # the arrow at the tail, along the link's last run
        length = max(_dist(back, tip), 1e-6)
        ux, uy = (tip.x() - back.x()) / length, (tip.y() - back.y()) / length
        size = min(7.0, length)
        left = QPointF(tip.x() - size * ux + size * 0.5 * uy, tip.y() - size * uy - size * 0.5 * ux)
        right = QPointF(tip.x() - size * ux - size * 0.5 * uy, tip.y() - size * uy + size * 0.5 * ux)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _draw_plate(self, painter: QPainter, plate: QRectF, link: Link, colour: QColor, halo: QColor) -> None:
        painter.setPen(QPen(colour, 1.0, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine))
        painter.setBrush(halo)  # opaque: the plate is in a band, over no word, and hides the runs under it
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(colour.darker(130) if self.reader.dark is False else colour.lighter(130))
        fm = QFontMetricsF(painter.font())
        centre = plate.center()  # the capitals centred in the plate (its height is theirs)
        baseline = QPointF(centre.x() - fm.horizontalAdvance(link.type) / 2, centre.y() + fm.capHeight() / 2)
        painter.drawText(baseline, link.type)


def _shape(path: QPainterPath) -> tuple:
    """A path's points, to tell one drawn link from another."""
    return tuple(
        (round(e.x, 2), round(e.y, 2)) for e in (path.elementAt(i) for i in range(path.elementCount()))
    )
