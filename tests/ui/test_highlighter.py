"""The span highlighter: exact UTF-16 ranges, combined formats for overlaps, minimal re-highlighting."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from annotator.core import colours
from tests.ui.readerutil import block_formats, format_at, make_reader


def test_ranges_are_utf16_around_emoji(qtbot, tmp_path: Path) -> None:
    text = "😀😀 قال الوزير 👍🏽 أمس"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    i = text.index("الوزير")
    session.add_span(i, i + 6, "SPEAKER")
    ranges = [(a, n) for a, n, _ in block_formats(reader, i)]
    assert ranges == [(i + 2, 6)]  # two emoji before: two extra UTF-16 units
    j = text.index("أمس")
    session.add_span(j, j + 3, "MISC")
    assert (j + 4, 3) in [(a, n) for a, n, _ in block_formats(reader, j)]


def test_span_across_paragraphs_is_drawn_in_each(qtbot, tmp_path: Path) -> None:
    text = "السطر الأول هنا\nالسطر الثاني هنا\nالسطر الثالث"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    start, end = text.index("الأول"), text.index("الثالث")
    session.add_span(start, end, "QUOTE")
    colour = reader.highlighter.background("QUOTE")
    for cp in (start, text.index("الثاني"), end - 1):
        assert format_at(reader, cp).background().color() == colour
    assert format_at(reader, 0) is None and format_at(reader, end) is None


def test_a_single_edit_rehighlights_only_its_blocks(qtbot, tmp_path: Path) -> None:
    text = "\n".join(f"هذه الفقرة رقم {i} من المقال" for i in range(200))
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    hl = reader.highlighter
    i = text.index("رقم 120 ")
    before = hl.blocks_highlighted
    span = session.add_span(i, i + 3, "MISC")
    assert hl.blocks_highlighted - before <= 2
    before = hl.blocks_highlighted
    reader.select_span(span.id, scroll=False)
    session.set_label(span.id, "ORG")
    session.delete_span(span.id)
    assert hl.blocks_highlighted - before <= 6
    assert format_at(reader, i) is None


def test_nested_spans_keep_both_colours_and_selection_is_bold(qtbot, tmp_path: Path) -> None:
    text = 'قال "إن فيدان سيزور أنقرة" أمس'
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    hl = reader.highlighter
    q = session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE")
    p = session.add_span(text.index("فيدان"), text.index("فيدان") + 5, "PERS")
    formats = [f for _, _, f in block_formats(reader, 0)]
    backgrounds = {f.background().color().name() for f in formats}
    underlines = {
        f.underlineColor().name()
        for f in formats
        if f.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
    }
    assert hl.background("QUOTE").name() in backgrounds
    assert hl.accent("PERS").name() in underlines
    assert len(formats) == 3  # quote | quote+pers | quote: elementary segments
    reader.select_span(p.id, scroll=False)
    assert format_at(reader, text.index("فيدان")).fontWeight() == QFont.Weight.Bold
    assert format_at(reader, text.index("سيزور")).fontWeight() != QFont.Weight.Bold
    reader.select_span(q.id, scroll=False)
    assert format_at(reader, text.index("سيزور")).fontWeight() == QFont.Weight.Bold
    reader.select_span(None)
    assert all(f.fontWeight() != QFont.Weight.Bold for _, _, f in block_formats(reader, 0))


def test_dark_theme_darkens_backgrounds(qtbot, tmp_path: Path) -> None:
    text = "قال الوزير أمس"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    session.add_span(4, 10, "SPEAKER")
    light = format_at(reader, 5).background().color()
    assert light == QColor(session.schema.label("SPEAKER").colour)
    reader.set_theme(True)
    dark = format_at(reader, 5).background().color()
    assert dark.lightness() < light.lightness() - 60
    assert dark.hue() == light.hue() or abs(dark.hue() - light.hue()) < 20
    reader.set_theme(False)
    assert format_at(reader, 5).background().color() == light


def test_nested_spans_drawn_as_the_palette_is_judged(qtbot, tmp_path: Path) -> None:
    """The colours on screen are the ones `core.colours` judges: a GPE inside a QUOTE (two oranges
    once) differs from the quote around it in both themes, for every colour vision."""
    text = 'قال "إن تركيا تدعم الحل" أمس'
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    session.add_span(text.index('"'), text.rindex('"') + 1, "QUOTE")
    session.add_span(text.index("تركيا"), text.index("تركيا") + 5, "GPE")
    quote_colour = session.schema.label("QUOTE").colour
    gpe_colour = session.schema.label("GPE").colour
    for dark in (False, True):
        reader.set_theme(dark)
        outer = format_at(reader, text.index("تدعم")).background().color().name()
        inner = format_at(reader, text.index("تركيا")).background().color().name()
        assert outer == colours.on_theme(quote_colour, dark)
        assert inner == colours.nested(outer, colours.on_theme(gpe_colour, dark))
        for vision in colours.VISIONS:
            seen = colours.delta_e(colours.simulate(outer, vision), colours.simulate(inner, vision))
            assert seen >= colours.MIN_NESTED_DELTA, (dark, vision, seen)


def test_find_matches_drawn_where_no_span(qtbot, tmp_path: Path) -> None:
    text = "قال الوزير إن الوزير سيزور"
    reader, session, _ = make_reader(qtbot, tmp_path, text)
    session.add_span(4, 10, "SPEAKER")
    hl = reader.highlighter
    j = text.index("الوزير", 5)
    hl.set_find([(4, 10), (j, j + 6)], 1)
    # inside the span the match has its own colours, and the span's colour underlines it
    inside = format_at(reader, 4)
    assert inside.background().color() == QColor(colours.FIND_MATCH[0])
    assert inside.foreground().color() == QColor(colours.text_on(colours.FIND_MATCH[0]))
    assert inside.underlineColor() == hl.label_colour("SPEAKER")
    assert (
        format_at(reader, 11) is None
        or format_at(reader, 11).background().color() != inside.background().color()
    )
    current = format_at(reader, j).background().color()
    assert current == QColor(colours.FIND_CURRENT[0])
    hl.set_current_match(-1)
    other = format_at(reader, j).background().color()
    assert other == QColor(colours.FIND_MATCH[0])
    reader.set_theme(True)
    assert format_at(reader, 4).background().color() == QColor(colours.FIND_MATCH[1])
    reader.set_theme(False)
    hl.set_find([], -1)
    assert format_at(reader, j) is None


def test_spans_in_finds_long_spans_that_start_far_before(qtbot, tmp_path: Path) -> None:
    text = "كلمة " * 400
    reader, session, store = make_reader(qtbot, tmp_path, text)
    rng = random.Random(7)
    for _ in range(150):
        a = rng.randrange(0, len(text) - 1)
        b = min(len(text), a + rng.choice([1, 3, 10, 50, 900]))
        session.add_span(a, b, "MISC")
    hl = reader.highlighter
    for _ in range(200):
        s = rng.randrange(0, len(text))
        e = s + rng.randrange(0, 40)
        got = {x.id for x in hl.spans_in(s, e)}
        want = {x.id for x in session.spans if x.start < max(e, s + 1) and x.end > s}
        assert got == want


def test_large_document_highlights_what_is_in_view_then_on_scroll(qtbot, tmp_path: Path) -> None:
    text = "\n".join(f"هذه الفقرة رقم {i} من مقال طويل جدا عن الاجتماع في أذربيجان 😀" for i in range(3000))
    assert len(text) > 100_000
    reader, session, store = make_reader(qtbot, tmp_path, text, height=300)
    first = text.index("الفقرة")
    last = text.rindex("الفقرة")
    session.add_span(first, first + 6, "MISC")
    session.add_span(last, last + 6, "MISC")
    session.open_document(session.doc_id)  # reload: large, so lazy
    hl = reader.highlighter
    assert hl.pending
    assert format_at(reader, first) is not None  # in view: drawn before the first paint
    assert format_at(reader, last) is None  # far below: not formatted yet
    reader.select_span(session.spans[-1].id)  # scrolls there
    qtbot.waitUntil(lambda: format_at(reader, last) is not None)
    hl.finish_now()
    assert hl.all_done and not hl.pending
