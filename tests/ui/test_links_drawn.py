"""Links drawn in the reader (issue 7, item 9): arcs between linked spans, readable in RTL text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.ui.readerutil import char_point, click, drag_phrase, make_reader

TEXT = (
    'وقال فيدان لقناة "CNN Turk" إن هناك حاجة إلى آلية لتجنب الصدام.\n\n'
    "وأكدت المصادر أن الجهود مستمرة لإنشاء آلية لفض النزاعات.\n\n"
    "وأضاف أن الفرق الفنية تتواصل."
)


def attribute(qtbot, reader, cue: str, speaker: str, quote: str, after: int = 0) -> None:
    """Label a complete attribution by hand (cue, speaker, quote: the links are made by labelling)."""
    text = reader.session.doc.text
    for phrase, key in ((cue, "c"), (speaker, "s"), (quote, "q")):
        i = text.index(phrase, after)
        reader.select_text(i, i + len(phrase), exact=False)  # as a keyboard selection: proclitics go
        qtbot.keyClick(reader, key)


def drawn(reader) -> set[tuple[str, str, str]]:
    text = reader.session.doc.text
    out = set()
    for link in reader.links.drawn:
        head, tail = reader.session.span(link.head), reader.session.span(link.tail)
        out.add((link.type, text[head.start : head.end], text[tail.start : tail.end]))
    return out


def paint(qtbot, reader):
    """The reader as the screen shows it (the overlay painted over the text)."""
    reader.links.update()
    qtbot.wait(10)
    return reader.grab().toImage()


def test_selecting_a_quote_draws_its_speaker_and_cue(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, TEXT, width=900, height=500)
    attribute(qtbot, reader, "وقال", "فيدان", "إن هناك حاجة إلى آلية لتجنب الصدام")
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    image = paint(qtbot, reader)
    assert reader.links.drawn == []  # nothing selected, nothing under the mouse: no arcs
    quote_at = TEXT.index("حاجة")
    click(qtbot, reader, quote_at)
    image = paint(qtbot, reader)
    assert drawn(reader) == {
        ("ATTRIBUTED_TO", "إن هناك حاجة إلى آلية لتجنب الصدام", "فيدان"),
        ("CUE_OF", "قال", "إن هناك حاجة إلى آلية لتجنب الصدام"),
    }
    # the arrows land on their spans as drawn in right-to-left text: on top of «فيدان», not mirrored
    arcs = {link.type: (head, tail) for link, head, tail in reader.links.arcs}
    speaker = session.span(next(s.id for s in session.spans if s.label == "SPEAKER"))
    (box,) = reader.links.span_rects(speaker)
    tip = arcs["ATTRIBUTED_TO"][1]
    assert box.left() - 12 <= tip.x() <= box.right() + 12 and abs(tip.y() - box.top()) < box.height() / 2
    # and the arrow is there in the pixels, in the speaker's colour
    colour = reader.highlighter.accent("SPEAKER")
    near = [
        QColor(image.pixel(round(tip.x()) + dx, round(tip.y()) - dy))
        for dx in range(-3, 4)
        for dy in range(1, 5)
    ]
    assert any(
        abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 60
        for c in near
    )


def hover(reader, pos: QPoint) -> None:
    """A mouse move with no button held, delivered to the reader's viewport."""
    global_pos = QPointF(reader.viewport().mapToGlobal(pos))
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        global_pos,
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(reader.viewport(), event)


def test_hovering_a_speaker_draws_its_links(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, TEXT, width=900, height=500)
    attribute(qtbot, reader, "وقال", "فيدان", "إن هناك حاجة إلى آلية لتجنب الصدام")
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    over = char_point(reader, TEXT.index("فيدان") + 2)
    # the moves are sent to the viewport itself: QTest routes its moves through the window system,
    # where a window another test left behind can take them when the whole suite runs
    hover(reader, over + QPoint(1, 0))  # the mouse enters the text, then rests
    hover(reader, over)
    assert reader.hovered_span_id == next(s.id for s in session.spans if s.label == "SPEAKER")
    paint(qtbot, reader)
    assert ("ATTRIBUTED_TO", "إن هناك حاجة إلى آلية لتجنب الصدام", "فيدان") in drawn(reader)
    hover(reader, QPoint(5, reader.viewport().height() - 5))  # off the text
    paint(qtbot, reader)
    assert reader.hovered_span_id is None and reader.links.drawn == []


def test_show_all_links_draws_every_link_in_view(qtbot, tmp_path: Path) -> None:
    reader, session, _ = make_reader(qtbot, tmp_path, TEXT, width=900, height=500)
    attribute(qtbot, reader, "وقال", "فيدان", "إن هناك حاجة إلى آلية لتجنب الصدام")
    attribute(qtbot, reader, "وأكدت", "المصادر", "أن الجهود مستمرة لإنشاء آلية لفض النزاعات")
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    reader.set_show_all_links(True)
    paint(qtbot, reader)
    assert len(reader.links.drawn) == 4 and {a for _t, a, _b in drawn(reader)} >= {"قال", "أكدت"}
    reader.set_show_all_links(False)
    paint(qtbot, reader)
    assert reader.links.drawn == []


def test_show_all_links_draws_the_suggestions_links_dashed(qtbot, tmp_path: Path) -> None:
    # a document just suggested: every link is a suggestion's; "all links" shows them (dashed), so
    # they can be looked over before Accept all
    reader, session, _ = make_reader(qtbot, tmp_path, TEXT, width=900, height=500)
    session.suggest()
    assert session.suggestions() and session.relations_read
    reader.set_show_all_links(True)
    paint(qtbot, reader)
    assert reader.links.drawn and all(link.dashed for link in reader.links.drawn)
    assert ("ATTRIBUTED_TO", "إن هناك حاجة إلى آلية لتجنب الصدام", "فيدان") in drawn(reader)


def test_proposed_links_and_the_link_being_chosen_are_drawn_dashed(qtbot, tmp_path: Path) -> None:
    reader, session, store = make_reader(qtbot, tmp_path, TEXT, width=900, height=500)
    doc = session.doc_id
    for phrase, label in (("قال", "CUE"), ("فيدان", "SPEAKER")):
        i = TEXT.index(phrase)
        store.add_span(doc, i, i + len(phrase), label, "tester")
    session.open_document(doc)  # labelled another day: the quote's links are proposed, not made
    drag_phrase(qtbot, reader, TEXT, "إن هناك حاجة إلى آلية لتجنب الصدام")
    qtbot.keyClick(reader, "q")
    paint(qtbot, reader)
    assert {(link.type, link.dashed) for link in reader.links.drawn} == {
        ("ATTRIBUTED_TO", True),
        ("CUE_OF", True),
    }
    qtbot.keyClick(reader, Qt.Key.Key_Return)  # made: drawn solid
    paint(qtbot, reader)
    assert {(link.type, link.dashed) for link in reader.links.drawn} == {
        ("ATTRIBUTED_TO", False),
        ("CUE_OF", False),
    }
    # linking by key: the candidate's link is dashed until Enter
    quote = reader.selected_span_id
    second = TEXT.index("المصادر")
    store.add_span(doc, second, second + len("المصادر"), "SPEAKER", "tester")
    session.open_document(doc)
    reader.select_span(quote)
    qtbot.keyClick(reader, "a")
    paint(qtbot, reader)
    assert any(link.dashed and link.type == "ATTRIBUTED_TO" for link in reader.links.drawn)
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    paint(qtbot, reader)
    assert not any(link.dashed for link in reader.links.drawn)


def arc_ends(reader) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
    return [(link.type, head.toTuple(), tail.toTuple()) for link, head, tail in reader.links.arcs]


def measured_again(qtbot, reader):
    """The arcs as a paint places and draws them with nothing kept from earlier paints."""
    reader.links.invalidate()
    image = paint(qtbot, reader)
    return arc_ends(reader), image


def test_arcs_follow_the_text_when_it_moves(qtbot, tmp_path: Path) -> None:
    """The overlay keeps the arcs it rendered (and the lines in view) between paints: every edit that
    moves the text (a label makes its word bold, an undo, a larger font, a narrower window, a scroll)
    must move the arcs with it, exactly where and as a paint that kept nothing draws them."""
    # a long paragraph after the attribution: its wrapped lines are the widest, so a label changes
    # only its own block's layout (not the document's width, which would re-measure everything)
    text = TEXT + "\n\n" + " ".join(["وأضاف أن الفرق الفنية تتواصل مع الجانب الآخر."] * 40)
    reader, session, _ = make_reader(qtbot, tmp_path, text, width=900, height=500)
    attribute(qtbot, reader, "وقال", "فيدان", "إن هناك حاجة إلى آلية لتجنب الصدام")
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    reader.set_show_all_links(True)
    paint(qtbot, reader)
    first = arc_ends(reader)
    assert len(first) == 2

    def moved(before):
        now, shown = arc_ends(reader), paint(qtbot, reader)
        assert (now, shown) == measured_again(qtbot, reader)  # nothing stale was drawn
        assert now != before  # and the edit did move them (the test sees what it means to)
        return now

    # labelling «لقناة» between the speaker and the quote makes it bold: the quote moves on its line
    i = text.index("لقناة")
    reader.select_text(i, i + len("لقناة"), exact=True, scroll=False)
    qtbot.keyClick(reader, "m")
    paint(qtbot, reader)
    after_label = moved(first)
    session.undo()  # the word is plain again: the arcs go back
    paint(qtbot, reader)
    assert moved(after_label) == first
    font = reader.font()
    reader.set_font(font.family(), font.pointSizeF() + 6)  # every line re-wraps
    paint(qtbot, reader)
    bigger = moved(first)
    reader.resize(600, 500)  # re-wrapped to a narrower view
    paint(qtbot, reader)
    narrow = moved(bigger)
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().value() + 1)  # one line down
    paint(qtbot, reader)
    moved(narrow)


# a long article: attributions on neighbouring lines, quotes over several lines, a speaker named a
# paragraph before the quote attributed to it
ARTICLE = "\n\n".join(
    [
        'وقال وزير الخارجية التركي هاكان فيدان لقناة "CNN Turk" إن هناك حاجة إلى آلية لتجنب الصدام '
        "مع إسرائيل في سوريا، وأكدت المصادر أن الجهود مستمرة لإنشاء آلية لفض النزاعات في المنطقة.",
        'وذكرت قناة "NTV" التركية أن وفودًا فنية من تركيا وإسرائيل عقدت اجتماعًا حاسمًا في أذربيجان، '
        "وأشارت صحيفة حرييت إلى أن الاجتماع الفني الأول عقد بين الجانبين بهدف منع الحوادث.",
        "وأضاف أن الفرق الفنية تتواصل مع الجانب الآخر لتحديد آلية واضحة لمنع أي احتكاك في الأجواء السورية.",
    ]
)


def glyph_rects(reader) -> list[QRectF]:
    """The bounding rectangles of the glyph runs of every line in view (viewport coordinates)."""
    out = []
    block = reader.firstVisibleBlock()
    height = reader.viewport().height()
    while block.isValid():
        geo = reader.blockBoundingGeometry(block).translated(reader.contentOffset())
        if geo.top() > height:
            break
        layout = block.layout()
        origin = geo.topLeft() + layout.position()
        for i in range(layout.lineCount()):
            for run in layout.lineAt(i).glyphRuns():
                out.append(run.boundingRect().translated(origin))
        block = block.next()
    return [r for r in out if r.width() > 0]


def inside(point: QPointF, rect: QRectF) -> bool:
    return rect.left() < point.x() < rect.right() and rect.top() + 0.5 < point.y() < rect.bottom() - 0.5


def label_article(qtbot, reader) -> None:
    """Three attributions by keys (two on neighbouring lines), and a quote linked by hand to the
    speaker of the paragraph before (a, Tab to him, Enter)."""
    attribute(qtbot, reader, "وقال", "هاكان فيدان", "إن هناك حاجة إلى آلية لتجنب الصدام مع إسرائيل في سوريا")
    attribute(qtbot, reader, "وأكدت", "المصادر", "أن الجهود مستمرة لإنشاء آلية لفض النزاعات في المنطقة")
    attribute(qtbot, reader, "وذكرت", 'قناة "NTV" التركية', "أن وفودًا فنية من تركيا وإسرائيل عقدت اجتماعًا")
    text = reader.session.doc.text
    i = text.index("أن الفرق")
    reader.select_text(i, len(text) - 1, exact=True)
    qtbot.keyClick(reader, "q")  # no link made: the speaker is in another paragraph
    click(qtbot, reader, text.index("الفنية"))
    qtbot.keyClick(reader, "a")
    speaker = next(s for s in reader.session.spans if text[s.start : s.end] == 'قناة "NTV" التركية')
    for _ in range(6):
        if reader.highlighter.candidate == speaker.id:
            break
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
    qtbot.keyClick(reader, Qt.Key.Key_Return)


def test_links_and_their_names_cover_no_words(qtbot, tmp_path: Path) -> None:
    """The arcs run in the room between lines (and in the margins), the names' plates sit there too:
    no arc, arrow or plate is drawn over a word, in the geometry and in the pixels; at a larger text
    size too (the room grows with it)."""
    reader, session, _ = make_reader(qtbot, tmp_path, ARTICLE, width=640, height=900)
    label_article(qtbot, reader)
    assert len(session.relations_read) == 7
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    reader.set_show_all_links(True)
    paint(qtbot, reader)
    assert len(reader.links.drawn) == 7
    room = reader.line_layout.room
    assert_nothing_over_words(reader)
    font = reader.font()
    reader.set_font(font.family(), font.pointSizeF() + 6)
    paint(qtbot, reader)
    assert reader.line_layout.room > room
    assert len(reader.links.drawn) == 7
    assert_nothing_over_words(reader)


def assert_nothing_over_words(reader) -> None:
    overlay, session = reader.links, reader.session
    words = glyph_rects(reader)
    assert len(words) > 8  # the lines in view, several per paragraph
    scene = overlay._scene_cache
    assert len(scene.arcs) == 7
    plates = [plate for *_rest, plate, _back in scene.arcs]
    for plate in plates:
        assert not any(plate.intersects(w) for w in words), plate
    for a, b in [(a, b) for i, a in enumerate(plates) for b in plates[i + 1 :]]:
        assert not a.intersects(b)  # every name readable
    for _link, _p1, _p2, path, _plate, _back in scene.arcs:
        points = [path.pointAtPercent(k / 200) for k in range(201)]
        assert not any(inside(p, w) for p in points for w in words)
    # the link across paragraphs runs down a margin (none of the lines reaches into it)
    margin = reader.document().documentMargin()
    speaker = next(s.id for s in session.spans if ARTICLE[s.start : s.end] == 'قناة "NTV" التركية')
    (across,) = [
        arc
        for arc in scene.arcs
        if arc[0].tail == speaker and ARTICLE[session.span(arc[0].head).start :].startswith("أن الفرق")
    ]
    xs = [across[3].pointAtPercent(k / 100).x() for k in range(101)]
    assert any(x < margin or x > overlay.width() - margin for x in xs)
    # in the pixels: what the overlay draws over a line's words is only the spans' outlines
    layer = overlay.grab().toImage()
    outlines = [box.adjusted(-2, 2, 2, -1) for boxes in scene.rects.values() for box in boxes]

    def on_outline(x: int, y: int) -> bool:
        point = QPointF(x, y)
        return any(
            o.adjusted(-3, -3, 3, 3).contains(point) and not o.adjusted(3, 3, -3, -3).contains(point)
            for o in outlines
        )

    drawn_over = 0
    for w in words:
        for y in range(round(w.top()), round(w.bottom()), 2):
            for x in range(round(w.left()), round(w.right()), 2):
                if QColor.fromRgba(layer.pixel(x, y)).alpha() == 0:
                    continue
                drawn_over += 1
                assert on_outline(x, y), (x, y)
    assert drawn_over  # the outlines are there (the check looked at what the overlay drew)
