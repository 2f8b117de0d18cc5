"""A long document opens with the spans its first view needs; the rest is read in idle time.

Driven through the real window (offscreen): keys pressed right after opening, a document switched
away from while it loads, a jump to the end before the pages reach it. The page sizes are made
small so that a document of a few thousand spans takes many pages.
"""

from __future__ import annotations

import gc
import re
import sqlite3
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.session import Session
from tests.ui.readerutil import format_at

WHO = "mona"
_WORD = re.compile(r"\w+")
LABELS = ["PERS", "ORG", "GPE", "LOC", "MISC", "SPEAKER"]


def long_text(tag: str) -> str:
    """About 150,000 characters of paragraphs (over `Session.LAZY_CHARS`), a few with emoji."""
    lines = [
        f"قال المتحدث {tag}{i} إن الاجتماع في باكو كان مثمرا وأكد الوزير أن المحادثات مستمرة"
        + (" 😀" if i % 7 == 0 else "")
        for i in range(1800)
    ]
    text = "\n".join(lines)
    assert len(text) > Session.LAZY_CHARS
    return text


def spans_of(text: str, every: int = 5) -> tuple[list[NewSpan], list[NewRelation]]:
    """A span on every `every`-th word; every tenth of those a QUOTE over the next words (spans nest
    in it), linked to the next SPEAKER."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: list[NewSpan] = []
    rels: list[NewRelation] = []
    quote = ""
    for n, k in enumerate(range(0, len(words) - 6, every)):
        a, b = words[k]
        key = f"s{k}"
        if n % 10 == 0:
            spans.append(NewSpan(a, words[k + 4][1], "QUOTE", {}, WHO, Origin.MANUAL, key=key))
            quote = key
            continue
        label = LABELS[n % len(LABELS)]
        spans.append(NewSpan(a, b, label, {}, WHO, Origin.MANUAL, key=key))
        if label == "SPEAKER" and quote:
            rels.append(NewRelation("ATTRIBUTED_TO", quote, key, WHO))
            quote = ""
    return spans, rels


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    QSettings().setValue("suggest/auto", False)


@pytest.fixture
def small_pages(monkeypatch) -> None:
    """Pages of 60 spans, one per idle-time slice: a few thousand spans take dozens of slices."""
    monkeypatch.setattr(Session, "FIRST_PAGE", 60)
    monkeypatch.setattr(Session, "PAGE", 60)
    monkeypatch.setattr(Session, "LOAD_SLICE_S", 0.0)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Two long documents with thousands of spans and hundreds of relations, and a short one."""
    path = tmp_path / "long.annotator.db"
    docs = []
    for name in ("a", "b"):
        text = long_text(name)
        spans, rels = spans_of(text)
        docs.append(NewDocument(name, text, spans=spans, relations=rels))
    docs.append(NewDocument("short", "خبر قصير عن الاجتماع في باكو"))
    with Store.create(path) as store:
        ids = store.add_documents(docs).ids
    return path, dict(zip(["a", "b", "short"], ids, strict=True))


def make_window(qtbot, path: Path) -> MainWindow:
    """The window, showing the short document (it opens the first one, long, by itself)."""
    window = MainWindow(Store.open(path), WHO)
    window.session._poll.stop()  # other connections' commits are checked by the tests themselves
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with Store.open(path) as store:
        short = store.find_document("short").id
    window.open_document(short)
    return window


def loaded(window: MainWindow) -> bool:
    return not window.session.loading


def assert_holds_what_is_stored(window: MainWindow, doc_id: int) -> None:
    """The session, the side panel and the document list agree with the store: every span and
    relation of the document once, none of another document."""
    session, store, panel = window.session, window.store, window.side_panel
    stored = store.spans(doc_id, WHO)
    assert session.doc_id == doc_id
    assert session.index.spans == stored
    assert session.relations_read == store.relations(doc_id, WHO)
    rows = [panel.spans_model.span_at(r) for r in range(panel.spans_model.rowCount())]
    assert rows == stored
    relation_rows = [panel.relations_model.relation_at(r) for r in range(panel.relations_model.rowCount())]
    assert relation_rows == store.relations(doc_id, WHO)
    assert f"({len(stored)})" in panel.spans_title.text()


def coloured_as_from_scratch(window: MainWindow) -> None:
    """Every block, coloured as it was in idle time and on the way, has the formats a full
    recolouring with every span read gives it (no block was coloured before its spans were read)."""
    reader = window.reader
    hl = reader.highlighter
    hl.finish_now()

    def formats() -> list[list[tuple[int, int, str]]]:
        out = []
        block = reader.document().firstBlock()
        while block.isValid():
            out.append(
                [(r.start, r.length, r.format.background().color().name()) for r in block.layout().formats()]
            )
            block = block.next()
        return out

    before = formats()
    hl.rehighlight()
    assert formats() == before


def test_a_long_document_opens_with_a_page_and_reads_the_rest_in_idle_time(
    qtbot, project, small_pages
) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    session, panel = window.session, window.side_panel
    assert session.loading
    assert len(session.index) == Session.FIRST_PAGE
    assert session.relations_read == []
    assert panel.spans_model.rowCount() == Session.FIRST_PAGE
    assert "…" in panel.spans_title.text()
    first = session.index.spans[0]
    assert format_at(window.reader, first.start) is not None  # the first view is coloured
    qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    assert_holds_what_is_stored(window, ids["a"])
    assert "…" not in panel.spans_title.text()
    # the speaker column names the speakers, read after the quotes' rows went in
    quote = next(r for r in window.store.relations(ids["a"], WHO))
    row = panel.spans_model.row_of(quote.head)
    speaker = window.store.span(quote.tail)
    cell = panel.spans_model.data(panel.spans_model.index(row, panel.spans_model.SPEAKER))
    assert cell == session.doc.text[speaker.start : speaker.end]
    coloured_as_from_scratch(window)


def test_a_label_key_right_after_opening_sees_every_span(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    session, reader, store = window.session, window.reader, window.store
    text = session.doc.text
    taken = {(s.start, s.end) for s in store.spans(ids["a"], WHO)}
    # a free word near the end, far past the first page
    a, b = next(
        (m.start(), m.end())
        for m in reversed(list(_WORD.finditer(text)))
        if (m.start(), m.end()) not in taken and m.start() > len(text) - 2000
    )
    assert session.loading
    reader.select_text(a, b)
    qtbot.keyClick(reader, "m")
    span = store.span(reader.selected_span_id)
    assert (span.start, span.end, span.label) == (a, b, "MISC")
    assert not session.loading  # the edit read the rest first
    assert_holds_what_is_stored(window, ids["a"])
    assert sum(1 for s in session.index if (s.start, s.end) == (a, b)) == 1
    assert format_at(reader, a) is not None
    # the document list counts what the store holds
    model = window.doc_list.model
    assert model.info(model.row_of(ids["a"])).span_count == len(store.spans(ids["a"], WHO))
    # undo right after opening again: the span goes, everything else stays
    window.open_document(ids["b"])
    window.open_document(ids["a"])
    assert session.loading
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.index.get(span.id) is None
    assert_holds_what_is_stored(window, ids["a"])
    coloured_as_from_scratch(window)


def test_switching_documents_mid_load_leaks_nothing(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    for _ in range(3):  # a few pages of a read
        QApplication.processEvents()
    assert window.session.loading
    window.open_document(ids["b"])
    for _ in range(3):
        QApplication.processEvents()
    window.open_document(ids["short"])  # a short document: read whole
    assert not window.session.loading
    assert_holds_what_is_stored(window, ids["short"])
    window.open_document(ids["a"])
    window.open_document(ids["b"])
    qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    QApplication.processEvents()
    assert_holds_what_is_stored(window, ids["b"])
    assert all(s.doc_id == ids["b"] for s in window.session.index)
    coloured_as_from_scratch(window)


def test_a_jump_to_the_end_right_after_opening_is_coloured(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    reader, session = window.reader, window.session
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert session.loading  # the pages have not reached the end: its range was read out of turn
    last = window.store.spans(ids["a"], WHO)[-1]
    assert session.span(last.id) == last
    assert format_at(reader, last.start) is not None
    assert all(not reader.highlighter.waiting(b) for b in reader._visible_blocks())
    # a click there finds the span without waiting for the pages
    assert last.id in {s.id for s in session.spans_at(last.start)}
    qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    QApplication.processEvents()
    assert_holds_what_is_stored(window, ids["a"])
    coloured_as_from_scratch(window)


def test_another_windows_commit_mid_load_is_taken_in_whole(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    assert window.session.loading
    text = window.session.doc.text
    start = text.rindex("الاجتماع")
    with Store.open(path) as other:
        other.add_span(ids["a"], start, start + len("الاجتماع"), "MISC", WHO)
    assert window.session.check_external()
    assert not window.session.loading
    assert_holds_what_is_stored(window, ids["a"])


def test_link_candidates_right_after_opening_come_from_every_span(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    session, reader = window.session, window.reader
    quote = session.index.spans[0]
    reader.select_span(quote.id)
    assert session.loading
    assert reader.start_link(session.schema.relation("ATTRIBUTED_TO"))
    speakers = {s.id for s in window.store.spans(ids["a"], WHO) if s.label == "SPEAKER"}
    assert set(reader._link[2]) <= speakers and len(reader._link[2]) > 1
    assert not session.loading
    assert_holds_what_is_stored(window, ids["a"])


def test_find_right_after_opening_draws_matches_on_the_spans_there(qtbot, project, small_pages) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    session, reader, bar = window.session, window.reader, window.find_bar
    window.show_find()
    bar.edit.setText("a1799")  # the last paragraph's tag, far past the pages read
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # jumps there
    ((a, b),) = bar.matches
    assert session.loading
    assert format_at(reader, a) is not None
    # the spans of the last paragraph are drawn around the match, as a full recolouring draws them
    last = window.store.spans(ids["a"], WHO)[-1]
    assert format_at(reader, last.start) is not None
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    QApplication.processEvents()
    assert_holds_what_is_stored(window, ids["a"])
    coloured_as_from_scratch(window)


# ----------------------------------------------------------------------------- the garbage collector
@pytest.fixture
def collector_restored():
    """Whatever a test leaves, the collector is on and nothing frozen afterwards."""
    yield
    gc.enable()
    gc.unfreeze()


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_the_collector_is_off_while_a_long_document_loads_and_sees_only_new_objects_after(
    qtbot, project, small_pages, collector_restored
) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # a short document: nothing held
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    del cycle  # garbage now, but only a collection frees it
    window.open_document(ids["a"])
    assert window.session.loading and not gc.isenabled()
    assert gone() is not None
    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)  # the first idle slice collected it
    assert window.session.loading and not gc.isenabled()  # the pages go on without the collector
    qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > len(window.session.index)  # the spans read are out of the collector's sight
    assert_holds_what_is_stored(window, ids["a"])
    # the next document unfreezes them: the old spans are freed by reference counting
    with Store.open(path) as store:
        short = store.find_document("short").id
    window.open_document(short)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_key_during_the_load_and_closing_the_window_give_the_collector_back(
    qtbot, project, small_pages, collector_restored
) -> None:
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    assert not gc.isenabled()
    text, taken = window.session.doc.text, {(s.start, s.end) for s in window.store.spans(ids["a"], WHO)}
    a, b = next((m.start(), m.end()) for m in _WORD.finditer(text) if (m.start(), m.end()) not in taken)
    window.reader.select_text(a, b)
    qtbot.keyClick(window.reader, "m")  # a label reads every page first
    assert window.store.span(window.reader.selected_span_id).label == "MISC"
    assert not window.session.loading and gc.isenabled()
    window.open_document(ids["b"])  # another long one, closed while it loads
    assert window.session.loading and not gc.isenabled()
    window.close()
    assert gc.isenabled()


def test_a_page_that_cannot_be_read_gives_the_collector_back(
    qtbot, project, small_pages, collector_restored, monkeypatch
) -> None:
    """A slice whose read fails (a server connection lost, a locked file) must not leave Python's
    collector off for the rest of the program."""
    path, ids = project
    window = make_window(qtbot, path)
    window.open_document(ids["a"])
    assert window.session.loading and not gc.isenabled()
    store = window.store

    def lost(*args, **kwargs):
        raise sqlite3.OperationalError("the connection was lost")

    # the retry comes POLL_MS after the failure: long enough that the checks below run before it even
    # on a loaded machine (at 50 ms a slow turn let it fail a second time inside the check)
    monkeypatch.setattr(Session, "POLL_MS", 2000)
    with qtbot.captureExceptions() as raised:
        with pytest.MonkeyPatch.context() as gone:
            gone.setattr(store, "spans_after", lost)
            qtbot.waitUntil(lambda: len(raised) >= 1, timeout=10_000)
            assert [str(exc) for _, exc, _ in raised] == ["the connection was lost"]
            assert gc.isenabled() and window.session.loading
            QApplication.processEvents()  # idle turns: the failed read is not tried at each of them
            assert len(raised) == 1
        # the connection is back: the reading goes on a while later
        qtbot.waitUntil(lambda: loaded(window), timeout=20_000)
    assert len(raised) == 1 and gc.isenabled()
    assert_holds_what_is_stored(window, ids["a"])
