"""Edits cost what they change: after every kind of edit the window holds exactly what a full rebuild
would give (highlight formats of every block, side panel rows), without having rebuilt anything; a
large document is coloured in idle time, and a jump shows coloured text in its first frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument, NewRelation, NewSpan
from annotator.core.store import Store
from annotator.ui.app import load_fonts
from annotator.ui.main_window import MainWindow
from annotator.ui.side_panel import RelationTableModel, SpanTableModel
from tests.ui.readerutil import format_at, make_reader, painted_as_qt_paints
from tests.ui.test_main_window import make_window

PARAGRAPH = 'قال وزير الخارجية هاكان فيدان لقناة "CNN Turk" إن المحادثات مع الجانب الآخر مستمرة 😀'


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()


def formats(reader) -> list[tuple]:
    """Every block's highlight ranges, as comparable tuples (UTF-16 start, length, look)."""
    out = []
    block = reader.document().firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            f = r.format
            out.append(
                (
                    block.blockNumber(),
                    r.start,
                    r.length,
                    f.background().color().name(),
                    int(f.underlineStyle().value),
                    f.underlineColor().name(),
                    f.fontWeight(),
                    f.fontOverline(),
                )
            )
        block = block.next()
    return out


def rows(model) -> list[tuple]:
    return [
        tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def assert_as_rebuilt(window: MainWindow) -> None:
    """The window after incremental updates equals the window rebuilt from the store."""
    session, reader, panel = window.session, window.reader, window.side_panel
    assert session.spans == window.store.spans(session.doc_id, session.annotator)
    assert sorted(session.relations, key=lambda r: r.id) == window.store.relations(session.doc_id, "mona")
    assert rows(panel.spans_model) == rows(SpanTableModel(session))
    assert rows(panel.relations_model) == rows(RelationTableModel(session))
    assert panel.spans_title.text() == f"Spans ({len(session.spans)})"
    reader.highlighter.finish_now()
    incremental = formats(reader)
    reader.highlighter.rehighlight()  # every block from scratch
    assert incremental == formats(reader)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    text = "\n".join(f"{PARAGRAPH} [{i}]" for i in range(40))
    quote_at = text.index('"CNN Turk"')
    speaker_at = text.index("هاكان فيدان")
    spans = [
        NewSpan(quote_at, quote_at + 10, "QUOTE", {"type": "direct"}, "mona", key="q"),
        NewSpan(quote_at + 1, quote_at + 4, "ORG", {}, "mona"),  # nested in the quote
        NewSpan(speaker_at, speaker_at + 11, "SPEAKER", {}, "mona", key="s"),
    ]
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        store.add_documents(
            [
                NewDocument(
                    "news",
                    text,
                    spans=spans,
                    relations=[NewRelation("ATTRIBUTED_TO", "q", "s", "mona")],
                )
            ]
        )
    return path


def test_every_kind_of_edit_leaves_the_window_as_a_rebuild_would(qtbot, project_path: Path) -> None:
    QSettings().setValue("suggest/auto", False)  # suggestions come later, on demand
    window = make_window(qtbot, project_path)
    reader, session, panel = window.reader, window.session, window.side_panel
    text = session.doc.text
    resets: list[str] = []
    panel.spans_model.modelReset.connect(lambda: resets.append("spans"))
    panel.relations_model.modelReset.connect(lambda: resets.append("relations"))
    inserted: list[int] = []
    panel.spans_model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    assert_as_rebuilt(window)

    # label a word (key), relabel it (key), give a quote its type (digit), link it (a, Enter)
    far = text.index("المحادثات", len(text) // 2)
    reader.select_text(far, far + len("المحادثات"))
    before = reader.highlighter.blocks_highlighted
    qtbot.keyClick(reader, "p")
    assert reader.highlighter.blocks_highlighted - before <= 2  # the block it is in
    assert inserted == [1]
    added = reader.selected_span_id
    assert_as_rebuilt(window)
    qtbot.keyClick(reader, "o")
    assert session.span(added).label == "ORG"
    assert_as_rebuilt(window)
    quote = next(s for s in session.spans if s.label == "QUOTE")
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "2")
    assert session.span(quote.id).attrs == {"type": "indirect"}
    assert_as_rebuilt(window)
    second_speaker = text.index("هاكان فيدان", far)
    reader.select_text(second_speaker, second_speaker + 11)
    qtbot.keyClick(reader, "s")
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "a")
    qtbot.keyClick(reader, Qt.Key.Key_Tab)  # the other speaker
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert len(session.relations) == 2
    assert_as_rebuilt(window)

    # delete a speaker (its relation goes with it), undo, redo
    speaker = next(s for s in session.spans if s.label == "SPEAKER" and s.start < far)
    reader.select_span(speaker.id)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert session.span(speaker.id) is None and len(session.relations) == 1
    assert_as_rebuilt(window)
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.span(speaker.id) is not None and len(session.relations) == 2
    assert_as_rebuilt(window)
    qtbot.keyClick(
        reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert session.span(speaker.id) is None
    assert_as_rebuilt(window)

    # another window adds, relabels, moves and deletes, and links
    other = Store.open(project_path)
    doc_id = session.doc_id
    word = text.index("الجانب")
    new = other.add_span(doc_id, word, word + 6, "GPE", "mona").spans_added[0]
    early = text.index("الخارجية")  # relabelled and moved to another paragraph
    other.update_span(added, label="GPE", start=early, end=early + len("الخارجية"))
    nested = next(s for s in session.spans if s.label == "ORG" and s.start > quote.start)
    other.update_span(nested.id, start=nested.start + 1)
    other.delete_span(quote.id)
    second = next(s for s in session.spans if s.label == "SPEAKER")
    other.add_relation("SAME_AS", second.id, new.id)
    assert session.check_external()
    assert session.span(new.id) is not None and session.span(quote.id) is None
    assert session.span(added).label == "GPE" and [r.type for r in session.relations] == ["SAME_AS"]
    assert_as_rebuilt(window)
    other.close()
    assert resets == []  # nothing was reset: rows inserted, removed and updated

    # suggestions: made on demand, one accepted (Enter), one rejected (X), the rest accepted at once
    window.act_suggest.trigger()
    suggested = session.suggestions()
    assert len(suggested) >= 2
    assert_as_rebuilt(window)
    reader.select_span(suggested[0].id)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert session.span(suggested[0].id).origin.value == "manual"
    assert_as_rebuilt(window)
    target = session.suggestions()[0]
    reader.select_span(target.id)
    qtbot.keyClick(reader, "x")
    assert session.span(target.id) is None
    assert_as_rebuilt(window)
    window.act_accept_all.trigger()
    assert session.suggestions() == []
    assert_as_rebuilt(window)


def _large_reader(qtbot, tmp_path: Path):
    text = "\n".join(f"هذه الفقرة رقم {i} من مقال طويل جدا عن الاجتماع في أذربيجان 😀" for i in range(3000))
    assert len(text) > 100_000  # the reader colours it lazily
    reader, session, store = make_reader(qtbot, tmp_path, text, height=300)
    marks = [text.index(f"رقم {i} ") for i in range(0, 3000, 97)] + [text.rindex("الفقرة")]
    for i in marks:
        session.add_span(i, i + 3, "MISC")
    session.open_document(session.doc_id)  # opened again: large, so lazy
    return reader, session, text, marks


def test_large_document_is_coloured_in_idle_time_without_scrolling(qtbot, tmp_path: Path) -> None:
    reader, session, text, marks = _large_reader(qtbot, tmp_path)
    hl = reader.highlighter
    assert hl.pending and format_at(reader, marks[-1]) is None  # far below: not yet
    hl.IDLE_SLICE_S = 0.0  # one run of blocks per slice: colouring is spread over many event-loop turns
    waiting = hl._waiting
    QApplication.processEvents()
    assert hl.pending and 0 < waiting - hl._waiting <= 2 * hl.IDLE_RUN
    del hl.IDLE_SLICE_S  # back to the class's slice
    top = reader.verticalScrollBar().value()
    qtbot.waitUntil(lambda: not hl.pending, timeout=60_000)  # the event loop alone, nobody scrolls
    assert reader.verticalScrollBar().value() == top
    assert all(format_at(reader, i) is not None for i in marks)
    coloured = formats(reader)
    hl.rehighlight()
    assert coloured == formats(reader)


class FirstFrame(QObject):
    """Notes, at the first paint of the reader's viewport, whether every block in view was coloured."""

    def __init__(self, reader) -> None:
        super().__init__()
        self.reader = reader
        self.coloured: bool | None = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and self.coloured is None:
            hl = self.reader.highlighter
            self.coloured = not any(hl.waiting(b) for b in self.reader._visible_blocks())
        return False


def test_a_jump_to_the_end_shows_coloured_text_in_its_first_frame(qtbot, tmp_path: Path) -> None:
    reader, session, text, marks = _large_reader(qtbot, tmp_path)
    hl = reader.highlighter
    assert hl.waiting(reader.document().lastBlock())
    spy = FirstFrame(reader)
    reader.viewport().installEventFilter(spy)
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: spy.coloured is not None)
    assert spy.coloured is True
    assert format_at(reader, marks[-1]) is not None

    # the scroll bar dragged to the end, then to the middle
    for where in (1.0, 0.5):
        session.open_document(session.doc_id)
        spy = FirstFrame(reader)
        reader.viewport().installEventFilter(spy)
        bar = reader.verticalScrollBar()
        bar.setValue(int(bar.maximum() * where))
        qtbot.waitUntil(lambda spy=spy: spy.coloured is not None)
        assert spy.coloured is True

    # a taller window shows more blocks: they are coloured before that frame too
    session.open_document(session.doc_id)
    spy = FirstFrame(reader)
    reader.viewport().installEventFilter(spy)
    reader.resize(reader.width(), 900)
    qtbot.waitUntil(lambda: spy.coloured is not None)
    assert spy.coloured is True


def test_a_selection_that_rewraps_its_paragraph_keeps_the_layout_consistent(qtbot, tmp_path: Path) -> None:
    """A selected span is bold; bold glyphs are wider, so its paragraph may need another line: the
    view's line count then follows, as after a layout from scratch."""
    load_fonts()
    text = "\n".join(["قال المتحدث باسم الوزارة إن الاجتماع كان مثمرا وبناء " * 12] * 30)
    reader, session, _ = make_reader(qtbot, tmp_path, text, width=320, height=300)
    doc = reader.document()
    spans = [session.add_span(k * 640, k * 640 + 500, "QUOTE") for k in range(12)]
    rewrapped = 0
    for width in range(300, 420, 9):  # some width makes some paragraph need one more line in bold
        reader.resize(width, 300)
        for span in spans:
            block = doc.findBlock(reader.to_u16(span.start))
            reader.blockBoundingGeometry(block)
            lines = block.lineCount()
            reader.select_span(span.id, scroll=False)  # bold
            reader.blockBoundingGeometry(block)  # laid out again if it had to be (as a paint would)
            rewrapped += block.lineCount() != lines
            assert block.lineCount() == block.layout().lineCount()
            assert doc.lineCount() == sum(b.lineCount() for b in _blocks(doc))
            reader.select_span(None, scroll=False)
            reader.blockBoundingGeometry(block)
            assert block.lineCount() == block.layout().lineCount() == lines
        if rewrapped:
            break
    assert rewrapped, "no selection re-wrapped its paragraph: the test needs other words"
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)


def _blocks(doc):
    block = doc.firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def test_a_label_key_far_from_the_selected_span_updates_what_the_user_sees(qtbot, tmp_path: Path) -> None:
    """The new span's row is selected and scrolled to in the side panel, the document list counts
    it, and the paragraph of the span selected before (now out of view) loses its selected look
    without being laid out again until it is shown."""
    QSettings().setValue("suggest/auto", False)
    text = "\n".join(f"{PARAGRAPH} [{i}]" for i in range(200))
    first = text.index("هاكان فيدان")
    path = tmp_path / "far.annotator.db"
    with Store.create(path) as store:
        store.add_documents(
            [NewDocument("far", text, spans=[NewSpan(first, first + 11, "SPEAKER", {}, "mona")])]
        )
    window = make_window(qtbot, path)
    window.resize(1000, 600)
    reader, session, panel, docs = window.reader, window.session, window.side_panel, window.doc_list.model
    speaker = session.spans[0]
    reader.select_span(speaker.id)  # selected (bold) in the first paragraph, shown
    old_block = reader.document().findBlock(reader.to_u16(speaker.start))
    QApplication.processEvents()
    assert old_block.layout().lineCount() > 0 and format_at(reader, speaker.start).fontWeight() > 400
    count = docs.data(docs.index(docs.row_of(session.doc_id), 3))

    far = text.index("المحادثات", len(text) - 200)
    reader.select_text(far, far + len("المحادثات"))  # the view goes to the end
    QApplication.processEvents()
    assert not reader._in_view(old_block)
    qtbot.keyClick(reader, "p")
    new = session.span(reader.selected_span_id)
    assert new is not None and new.start == far and new.label == "PERS"

    # the side panel: the new row selected and in view
    rows = panel.spans_view.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [panel.spans_model.row_of(new.id)]
    cell = panel.spans_view.visualRect(rows[0])
    assert panel.spans_view.viewport().rect().contains(cell.center())
    # the document list: one more span
    assert docs.data(docs.index(docs.row_of(session.doc_id), 3)) == str(int(count) + 1)
    # the old paragraph: its formats say "not selected", its layout waits until it is shown
    assert format_at(reader, speaker.start).fontWeight() <= 400
    assert old_block.layout().lineCount() == 0
    reader.scroll_to(speaker.start, speaker.end)
    QApplication.processEvents()
    assert old_block.layout().lineCount() == old_block.lineCount() > 0
    assert_as_rebuilt_formats(reader)


def assert_as_rebuilt_formats(reader) -> None:
    reader.highlighter.finish_now()
    incremental = formats(reader)
    reader.highlighter.rehighlight()
    assert incremental == formats(reader)


def _rows_window(qtbot, tmp_path: Path, paragraphs: int) -> tuple[MainWindow, list[int], list[tuple]]:
    """A window on `paragraphs` paragraphs, an ORG span in every other one; the word of each
    paragraph; and the list the side panel's delegate notes each context line it lays out in."""
    QSettings().setValue("suggest/auto", False)
    text = "\n".join(f"{PARAGRAPH} [{i}]" for i in range(paragraphs))
    words = [text.index("الخارجية", text.index(f"[{i}]") - len(PARAGRAPH)) for i in range(paragraphs)]
    path = tmp_path / "rows.annotator.db"
    with Store.create(path) as store:
        spans = [NewSpan(w, w + len("الخارجية"), "ORG", {}, "mona") for w in words[::2]]
        store.add_documents([NewDocument("rows", text, spans=spans)])
    window = make_window(qtbot, path)
    window.resize(1200, 800)
    QApplication.processEvents()
    QApplication.processEvents()  # the docks' widths fitted to the new size (a zero timer after it)
    laid_out: list[tuple] = []
    delegate = window.side_panel.context_delegate
    lay_out = delegate._lay_out
    delegate._lay_out = lambda pieces, *args: laid_out.append(pieces) or lay_out(pieces, *args)
    return window, words, laid_out


def test_side_panel_repaints_rows_an_edit_did_not_change_from_their_laid_out_lines(
    qtbot, tmp_path: Path
) -> None:
    """A row inserted moves the rows under it: they are drawn again from what was painted before
    (only the new row and the rows whose selection changed are fitted and shaped anew), and the
    table shows what Qt's own paint of it shows."""
    window, words, laid_out = _rows_window(qtbot, tmp_path, 60)
    reader, panel = window.reader, window.side_panel
    view = panel.spans_view
    reader.select_text(words[1], words[1] + len("الخارجية"))  # between the first two rows
    qtbot.keyClick(reader, "o")
    view.viewport().repaint()
    area = view.viewport().rect()
    model = panel.spans_model
    shown = sum(area.intersects(view.visualRect(model.index(r, 0))) for r in range(model.rowCount()))
    assert shown > 6 and 1 <= len(laid_out) <= 2, (shown, laid_out)  # the new row, and the row selected
    assert painted_as_qt_paints(view)


class Paints(QObject):
    """Notes the regions painted in the widgets it watches, in the coordinates of `window`."""

    def __init__(self, window, *widgets) -> None:
        super().__init__()
        self.window = window
        self.rects: list[QRect] = []
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            for r in event.region():
                self.rects.append(r.translated(obj.mapTo(self.window, QPoint(0, 0))))
        return False


@pytest.mark.parametrize("dark", [False, True])
def test_a_label_key_repaints_the_side_panel_not_the_dock_and_window_under_it(
    qtbot, project_path: Path, dark: bool
) -> None:
    """The panel's titles and attribute editor change with every label; the panel fills its own
    background, so the dock and the main window are not repainted under them, and the window
    looks as it would if they were."""
    QSettings().setValue("suggest/auto", False)
    window = make_window(qtbot, project_path)
    window.set_dark(dark)
    try:
        _label_and_compare(qtbot, window)
    finally:
        window.set_dark(False)  # the theme is the application's: back to light for the other tests


def _label_and_compare(qtbot, window) -> None:
    reader, text = window.reader, window.session.doc.text
    QApplication.processEvents()
    under = Paints(window, window.panel_dock, window)
    panel = Paints(window, window.side_panel)
    far = text.index("المحادثات", len(text) // 2)
    reader.select_text(far, far + len("المحادثات"))
    qtbot.keyClick(reader, "p")
    QApplication.processEvents()
    area = QRect(window.side_panel.mapTo(window, QPoint(0, 0)), window.side_panel.size())
    assert panel.rects and not [r for r in under.rects if r.intersects(area)]
    filled = window.grab().toImage()
    window.side_panel.setAutoFillBackground(False)
    window.repaint()
    assert window.grab().toImage() == filled


def test_rows_around_a_text_selection_are_laid_out_before_the_label_key(qtbot, tmp_path: Path) -> None:
    """Selecting text far from the side panel's rows in view paints, in idle time, the rows around
    where its span would go and lays out the new row's text: the key then lays out nothing, though
    the panel scrolls there, and the table shows what Qt's own paint of it shows."""
    window, words, laid_out = _rows_window(qtbot, tmp_path, 300)
    reader, panel = window.reader, window.side_panel
    view, model = panel.spans_view, panel.spans_model
    far = words[251]  # between two rows far below the rows in view
    reader.select_text(far, far + len("الخارجية"))
    qtbot.waitUntil(lambda: len(laid_out) > 10)  # idle time: the rows around row 126
    qtbot.waitUntil(lambda: not panel.preparing)  # in slices, until all are painted
    ahead = len(laid_out)
    qtbot.keyClick(reader, "o")
    view.viewport().repaint()
    area = view.viewport().rect()
    new_row = model.row_of(reader.selected_span_id)
    assert area.intersects(view.visualRect(model.index(new_row, 0)))
    assert len(laid_out) == ahead  # the new row's line too was laid out after the selection
    assert painted_as_qt_paints(view)
