"""The session: the only path from widgets to the store.

It holds the open project, the annotator's name and the current document with its spans (a
`SpanIndex`, updated in place by each edit), applies every edit to the store at once (one
transaction each), and announces what changed with signals carrying a `Change`, so widgets update
only what it touched: an edit costs what it changes, not what the document holds. Errors from the
store (a bad edit, a locked or full disk) are turned into an `error` signal with a readable
message; the store's transaction has already been rolled back, so what was saved stays as it was.

A long document (over `LAZY_CHARS`) opens with its first page of spans only; the other spans,
then its relations, are read a page at a time in idle-time slices of at most `LOAD_SLICE_S`,
announced with `spans_loaded` and `relations_loaded`, so opening costs what the first view
shows. Until then `index` holds part of the spans and `relations_read` part of the relations:
`known(start, end)` says whether the index holds every span meeting a range, `load_range` reads a
range out of turn (the reader asks for the blocks it is about to show), and `ensure_loaded` reads
the rest at once. Everything that needs all of them does that first: each edit, undo and redo (in
`_edit`), labelling, accepting and rejecting, `spans` and `relations` (link candidates, cycling,
suggestions, adjudication), and a change made elsewhere.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from annotator.core.adjudication import Unit, Version
from annotator.core.attribution import LinkPlan, SurfaceAttrs, guess_attrs, plan_links, recent_run
from annotator.core.clitics import WordEvidence
from annotator.core.model import Change, Deletion, Document, Origin, Relation, Span, Status
from annotator.core.schema import Schema
from annotator.core.span_index import SpanIndex, annotation_diff
from annotator.core.store import EditError, HeldCommit, Store
from annotator.core.text import sentence_around
from annotator.ui.collector import CollectorHold

#: How often suggestions made while the project's full check still runs look again whether they
#: can be stored (a write before the check ends would wait for it on the GUI thread).
CHECK_POLL_MS = 250


def _paint_now() -> None:
    """Lay out and paint what is waiting to be (an edit just shown), now rather than when the event
    loop comes to it: the session does it while the edit's COMMIT runs on a worker thread, so the
    fsync and the paint overlap. Only layout and paint requests are delivered (no timer, input or
    queued call runs here)."""
    if QCoreApplication.instance() is None:
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)


def _link(rels_of: dict[int, list[Relation]], rel: Relation) -> None:
    """Index a relation under both its spans (plain functions: methods of a QObject cost more to call)."""
    rels_of.setdefault(rel.head, []).append(rel)
    if rel.tail != rel.head:
        rels_of.setdefault(rel.tail, []).append(rel)


def _unlink(rels_of: dict[int, list[Relation]], rel: Relation) -> None:
    for sid in (rel.head, rel.tail):
        rels = rels_of.get(sid)
        if rels is not None and rel in rels:
            rels.remove(rel)


class Session(QObject):
    """One annotator working on one project; see the module docstring."""

    changed = Signal(object)  # Change: an edit (or undo/redo) of the current document was committed
    document_opened = Signal(object)  # Document (or None when the project has none)
    status_changed = Signal(int, object)  # doc_id, Status
    external_change = Signal()  # another window or process committed to the project
    # ... and that commit changed the current document's spans or relations (emitted first), with
    # the Change from what the session held before to what is stored now
    external_annotations_changed = Signal(object)
    documents_deleted = Signal(object)  # Deletion: by this window, or the open one by another
    error = Signal(str)  # a message for the status bar, in the interface's language
    not_saved = Signal(str)  # the same message, when the project could not store an edit (after `error`)
    suggestions_made = Signal(int, int)  # doc_id, how many suggestions the document now has
    # list[Span]: spans of the current document read after it opened (a long document's next pages,
    # or a range read out of turn), in reading order; they are already in `index`
    spans_loaded = Signal(object)
    # list[Relation]: relations read after it opened, by id; also emitted, maybe empty, when the
    # reading ends (the last signal of a long document's load)
    relations_loaded = Signal(object)
    _suggestions_computed = Signal(object)  # a Job computed off the GUI thread

    POLL_MS = 1000
    # a server project's notices arrive on their own; checking for them costs no I/O
    SERVER_POLL_MS = 250
    server_connection = Signal(bool)  # a server project's connection was lost (False) or is back
    #: documents longer than this get their suggestions computed off the GUI thread
    SUGGEST_IN_THREAD_CHARS = 200_000
    #: how long after the session starts the project's word counts are read in idle-time slices of
    #: `WORDS_SLICE_S` (the proclitic rule of the first label key needs them; reading them at
    #: start-up would slow it; on a worker thread they took the interpreter lock from the window)
    WORDS_PREFETCH_MS = 1000
    WORDS_SLICE_S = 0.004
    #: documents longer than this open with their first page of spans; the rest follows in idle time
    LAZY_CHARS = 100_000
    FIRST_PAGE = 400  # spans read when a long document opens (more than a screenful)
    PAGE = 400  # spans read per page afterwards (a few milliseconds each)
    # pages are read in idle time for at most this long in one go (a colouring slice of the reader
    # may run in the same turn of the event loop)
    LOAD_SLICE_S = 0.006

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.doc: Document | None = None
        self.index = SpanIndex()  # this annotator's spans of the current document
        self._relations: list[Relation] = []
        self._rels_of: dict[int, list[Relation]] = {}  # span id -> the relations touching it
        self._surface_attrs: SurfaceAttrs | None = None  # made by the first label key of a document
        self._seen_version = store.data_version()
        self._labelled: list[tuple[int, str]] = []  # (span id, label) labelled in this document, in order
        self._overlap: list[tuple[Change | None, HeldCommit]] | None = None  # see overlapping_commit
        self._words = WordEvidence.from_store(store)
        # counted in idle-time slices once the window is up, so the first label key does not wait
        self._word_counter = QTimer(self)  # interval 0: whenever the event loop has nothing else to do
        self._word_counter.timeout.connect(self._count_words)
        QTimer.singleShot(self.WORDS_PREFETCH_MS, self, self._word_counter.start)
        # Reading a long document, see the module docstring: every span whose start is below
        # `_loaded_until` is in the index, and every span meeting one of the `_islands` ranges
        # (read out of turn, merged, sorted); `_after` is where the next page starts.
        self._loaded_until = sys.maxsize
        self._islands: list[tuple[int, int]] = []
        self._after: tuple[int, int, int] | None = None
        self._rel_after: int | None = None  # relations: the id the next page starts after (None: all read)
        self._loader = QTimer(self)  # interval 0: runs whenever the event loop has nothing else to do
        self._loader.timeout.connect(self._load_slice)
        self._collector = CollectorHold()  # the garbage collector kept off while a long document loads
        self._poll = QTimer(self)
        self._online = True
        self._poll.setInterval(self.SERVER_POLL_MS if store.is_server else self.POLL_MS)
        self._poll.timeout.connect(self.check_external)
        self._poll.start()
        self.auto_suggest = (
            False  # pre-annotate a document the first time this annotator opens it (the window turns it on)
        )
        self.suggest_layer: str | None = None  # another annotator's layer as the suggestions
        self._suggester = None
        self._suggester_key: str | None | object = object()
        self._computing: int | None = None
        self._suggestions_computed.connect(self._store_computed)

    # ------------------------------------------------------------------ reading
    @property
    def schema(self) -> Schema:
        return self.store.schema

    @property
    def doc_id(self) -> int | None:
        return self.doc.id if self.doc else None

    def open_document(self, doc_id: int | None) -> None:
        """Make `doc_id` the current document and load this annotator's spans and relations (with
        suggestions made first, the first time this annotator opens it, when `auto_suggest` is on)."""
        doc = self.store.document(doc_id) if doc_id is not None else None
        self._stop_loading()  # the document before's pages, if it was still being read
        self.doc = doc
        self._labelled = []
        threaded = self._auto_suggest()
        self._load_annotations(lazy=True)
        self.document_opened.emit(self.doc)
        if threaded:
            self._suggest_in_thread()

    def _load_annotations(self, lazy: bool = False) -> None:
        """Read the current document's spans and relations: all of them, or (`lazy`, a long
        document) the first page of spans, the rest in idle time (see the module docstring)."""
        self._stop_loading()
        self._collector.document_changed()
        if self.doc is None:
            self.index, self._relations = SpanIndex(), []
        elif lazy and len(self.doc.text) > self.LAZY_CHARS:
            self._collector.begin()
            first = self.store.spans_after(self.doc.id, self.annotator, None, self.FIRST_PAGE)
            self.index, self._relations = SpanIndex(first, ordered=True), []
            if len(first) == self.FIRST_PAGE:  # there may be more
                self._next_page_after(first[-1])
            self._rel_after = 0  # relation ids start at 1
            self._loader.start()
        else:
            self.index = SpanIndex(self.store.spans(self.doc.id, self.annotator), ordered=True)
            self._relations = self.store.relations(self.doc.id, self.annotator)
        rels_of: dict[int, list[Relation]] = {}
        for rel in self._relations:
            _link(rels_of, rel)
        self._rels_of = rels_of
        self._surface_attrs = None

    # ------------------------------------------------------------------ reading a long document
    @property
    def loading(self) -> bool:
        """True while some of the current document's spans or relations have not been read yet."""
        return self._loaded_until != sys.maxsize or self._rel_after is not None

    def known(self, start: int, end: int) -> bool:
        """Whether the index holds every span intersecting [start, end) (empty: covering `start`)."""
        if end <= start:
            end = start + 1
        if end <= self._loaded_until:
            return True
        return any(a <= start and end <= b for a, b in self._islands)

    def load_range(self, start: int, end: int) -> None:
        """Make sure the index holds every span intersecting [start, end) (the reader asks this
        for the blocks it is about to show, ahead of the pages read in idle time)."""
        if end <= start:
            end = start + 1
        if self.doc is None or self.known(start, end):
            return
        found = self.store.spans_overlapping(self.doc.id, self.annotator, start, end)
        merged: list[tuple[int, int]] = []
        for a, b in sorted([*self._islands, (start, end)]):  # ranges that meet or touch are one
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self._islands = merged
        self._announce(self.index.add_many(found), [])

    def ensure_loaded(self) -> None:
        """Read every span and relation not read yet, at once (before anything that needs all)."""
        doc = self.doc
        if doc is None or not self.loading:
            return
        spans: list[Span] = []
        if self._loaded_until != sys.maxsize:
            spans = self.index.add_many(self.store.spans_after(doc.id, self.annotator, self._after))
        rels: list[Relation] = []
        if self._rel_after is not None:
            rels = self.store.relations(doc.id, self.annotator, after=self._rel_after)
        self._stop_loading()
        self._add_relations(rels)
        self._announce(spans, rels)

    def _load_slice(self) -> None:
        """Read pages (spans, then relations) for at most LOAD_SLICE_S (the timer calls it whenever
        Qt is idle)."""
        doc = self.doc
        if doc is None or not self.loading:
            self._stop_loading()
            return
        try:
            if self._collector.sweep():  # the first slice: the one full collection (see collector.py)
                return
            spans, rels = self._read_pages(doc)
        except BaseException as exc:
            self._collector.end()  # a slice that fails leaves the collector on
            if isinstance(exc, sqlite3.Error):  # a page that cannot be read now (the server gone):
                self._loader.stop()  # tried again in a while, not at every idle turn meanwhile
                QTimer.singleShot(self.POLL_MS, self, self._resume_loading)
            raise
        self._announce(spans, rels)

    def _resume_loading(self) -> None:
        """Read the next pages again after a slice failed (see `_load_slice`)."""
        if self.loading:
            self._loader.start()

    def _read_pages(self, doc: Document) -> tuple[list[Span], list[Relation]]:
        """Read pages for at most LOAD_SLICE_S; the spans and relations read."""
        deadline = time.perf_counter() + self.LOAD_SLICE_S
        spans: list[Span] = []
        rels: list[Relation] = []
        while self.loading:
            if self._loaded_until != sys.maxsize:
                page = self.store.spans_after(doc.id, self.annotator, self._after, self.PAGE)
                spans += self.index.add_many(page)
                if len(page) < self.PAGE:  # the last page
                    self._loaded_until, self._islands, self._after = sys.maxsize, [], None
                else:
                    self._next_page_after(page[-1])
            else:
                got = self.store.relations(doc.id, self.annotator, after=self._rel_after, limit=self.PAGE)
                self._add_relations(got)
                rels += got
                if len(got) < self.PAGE:
                    self._stop_loading()
                else:
                    self._rel_after = got[-1].id
            if time.perf_counter() >= deadline:
                break
        return spans, rels

    def _count_words(self) -> None:
        """One idle-time slice of counting the project's words; stops when done or when the project
        cannot be read (the first label key reads them again and says why)."""
        try:
            done = self._words.load_some(self.WORDS_SLICE_S)
        except Exception:  # noqa: BLE001 - left to the next reader, which reports it
            done = True
        if done:
            self._word_counter.stop()

    def close(self) -> None:
        """The window lets this session go: stop reading pages (and give the garbage collector back)
        and counting words."""
        self._word_counter.stop()
        self._stop_loading()

    def _stop_loading(self) -> None:
        """No more pages: the session holds every span and relation (or the document changes)."""
        self._loader.stop()
        self._loaded_until, self._islands, self._after = sys.maxsize, [], None
        self._rel_after = None
        self._collector.end()

    def _next_page_after(self, last: Span) -> None:
        """The pages so far ended with `last`: every span starting before it is in the index."""
        self._after = (last.start, last.end, last.id)
        self._loaded_until = last.start
        self._islands = [(a, b) for a, b in self._islands if b > last.start]

    def _add_relations(self, rels: list[Relation]) -> None:
        self._relations.extend(rels)
        rels_of = self._rels_of
        for rel in rels:
            _link(rels_of, rel)

    def _announce(self, spans: list[Span], rels: list[Relation]) -> None:
        """Say what was read; the end of the reading is said even when nothing was (a last empty
        page): `relations_loaded` is the last signal of a load."""
        if spans:
            if self._surface_attrs is not None:
                for span in spans:
                    self._surface_attrs.add(span)
            self.spans_loaded.emit(spans)
        if rels or not self.loading:
            self.relations_loaded.emit(rels)

    @property
    def spans(self) -> list[Span]:
        """The current document's spans in reading order (by start, outer first); read only.
        All of them: a long document still being read is read to the end first."""
        self.ensure_loaded()
        return self.index.spans

    @property
    def relations(self) -> list[Relation]:
        """The current document's relations by id; read only. All of them (see `spans`)."""
        self.ensure_loaded()
        return self._relations

    @property
    def relations_read(self) -> list[Relation]:
        """The relations read so far (all but while a long document loads); read only."""
        return self._relations

    def span(self, span_id: int) -> Span | None:
        """The span with this id, when it is in the index (a long document: read so far)."""
        return self.index.get(span_id)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans intersecting [start, end) (for an empty range: covering `start`), in reading order."""
        self.load_range(start, end)
        return self.index.overlapping(start, end)

    def spans_at(self, pos: int) -> list[Span]:
        """Spans covering code point `pos`, innermost (shortest) first."""
        self.load_range(pos, pos + 1)
        return self.index.covering(pos)

    def relations_of(self, span_id: int) -> list[Relation]:
        """The relations touching a span (while a long document loads: those read so far)."""
        return list(self._rels_of.get(span_id, ()))

    def status(self) -> Status:
        return self.store.status(self.doc.id, self.annotator) if self.doc else Status.NEW

    # ------------------------------------------------------------------ editing
    def _edit(self, fn: Callable[[], Change | None], *, spans: bool = True) -> Change | None:
        """Run one edit of the store; `spans=False`: it touches no span or relation (a status)."""
        if spans:
            self.ensure_loaded()  # an edit's checks, its Change and the index see every span
        try:
            with self.store.held_commit():
                change = fn()
        except (EditError, KeyError) as exc:
            self.error.emit(self.tr("Refused: {reason}").format(reason=str(exc).strip("'\"")))
            return None
        except sqlite3.DatabaseError as exc:
            self._store_failed(exc)
            return None
        shown = change if change is not None and not change.empty else None
        if shown is not None:
            self._apply_locally(shown)
            self.changed.emit(shown)  # the widgets update (their reads see the edit, not yet committed)
        held = self.store.pending_commit
        if held is not None:
            if self._overlap is not None:  # committed as `overlapping_commit` ends
                self._overlap.append((shown, held))
                return change
            if not self._committed(shown, held):
                return None
        elif shown is not None and shown.status is not None:
            self.status_changed.emit(shown.doc_id, shown.status[1])
        return change

    @contextmanager
    def overlapping_commit(self) -> Iterator[None]:
        """Edits made inside (a label key) are shown at once and committed as it ends: each COMMIT
        (the disk's fsync) runs on a worker thread while the window lays out and paints what the
        edits changed, then the session waits for it. So the edit is saved before the key is done,
        as without it; one the project could not save is taken back in the window, with the message.
        While inside, the widgets may read the project (they see the edits, not yet committed)."""
        if self._overlap is not None:  # inside another: that one commits
            yield
            return
        self._overlap = []
        try:
            yield
        finally:
            pending, self._overlap = self._overlap, None
            if pending:
                for _, held in pending:
                    held.start()
                if any(change is not None for change, _ in pending):
                    _paint_now()
                for change, held in pending:
                    self._committed(change, held)

    def _committed(self, change: Change | None, held: HeldCommit) -> bool:
        """Wait for an edit's COMMIT; the window takes back an edit the project could not save."""
        failed = held.wait()
        if failed is None:
            if change is not None and change.status is not None:
                self.status_changed.emit(change.doc_id, change.status[1])
            return True
        if change is not None:  # the window shows what is saved: the edit taken back
            undo = change.inverse()
            self._apply_locally(undo)
            self.changed.emit(undo)
        self._store_failed(failed)
        return False

    def _store_failed(self, exc: sqlite3.DatabaseError) -> None:
        """Say that the project did not store an edit (its transaction was rolled back)."""
        if isinstance(exc, sqlite3.OperationalError):
            self._not_saved(
                self.tr("Could not save the edit ({error}). Nothing was changed; try again."), exc
            )
            if self.store.is_server:  # re-read at the next check: the server holds the truth
                self._seen_version = -1
        else:
            self._not_saved(self.tr("The project refused the edit ({error}). Nothing was changed."), exc)

    def _not_saved(self, template: str, exc: Exception) -> None:
        """Say that an edit was not stored (the reason is SQLite's, as it is)."""
        text = template.format(error=exc)
        self.error.emit(text)
        self.not_saved.emit(text)

    def _apply_locally(self, change: Change) -> None:
        """Mirror a committed change in memory, span by span (cheaper than re-reading the document)."""
        if self.doc is None or change.doc_id != self.doc.id or change.annotator != self.annotator:
            return
        index = self.index
        for span in change.spans_removed:
            index.remove(span.id)
        for _, after in change.spans_updated:
            if index.get(after.id) is None:
                index.add(after)
            else:
                index.replace(after)
        for span in change.spans_added:
            if index.get(span.id) is None:
                index.add(span)
            else:
                index.replace(span)
        if self._surface_attrs is not None:
            for span in (*change.spans_removed, *(before for before, _ in change.spans_updated)):
                self._surface_attrs.remove(span)
            for span in (*change.spans_added, *(after for _, after in change.spans_updated)):
                self._surface_attrs.add(span)
        gone_rel = {r.id for r in change.relations_removed}
        if gone_rel:
            self._relations = [r for r in self._relations if r.id not in gone_rel]
            for rel in change.relations_removed:
                _unlink(self._rels_of, rel)
        self._relations.extend(change.relations_added)
        for rel in change.relations_added:
            _link(self._rels_of, rel)

    def add_span(self, start: int, end: int, label: str, attrs: dict[str, str] | None = None) -> Span | None:
        """Add a span as it is (no guesses, no links); words already held with this label add nothing."""
        if self.doc is None:
            return None
        held = self.labelled_already(start, end, label)
        if held is not None:
            return held
        doc_id = self.doc.id
        change = self._work(
            lambda: self.store.add_span(doc_id, start, end, label, self.annotator, attrs=attrs)
        )
        if change is None or not change.spans_added:
            return None
        return change.spans_added[0]

    def label(self, start: int, end: int, label: str) -> tuple[Span | None, list[LinkPlan]]:
        """Label text[start:end] as an annotator does with a key: with guessed attributes, and linked
        to its partners labelled in the same run, in one edit (see `annotator.core.attribution`).
        Returns the new span and the links that are only proposed (`add_relations` makes them);
        words this layer already holds with this label add nothing: that span, no links."""
        if self.doc is None:
            return None, []
        self.ensure_loaded()  # the links planned and the attributes guessed read the whole layer
        held = self.labelled_already(start, end, label)
        if held is not None:  # the same words and label twice: no second, identical span
            return held, []
        doc_id, text = self.doc.id, self.doc.text
        a, b = sentence_around(text, start, end)
        near = self.spans_starting_in(a, b)
        if self._surface_attrs is None:  # made on the first label key, then kept up to date
            self._surface_attrs = SurfaceAttrs(text, self.spans)
        attrs = guess_attrs(
            self.schema, label, text, start, end, self._surface_attrs.attrs(label, text[start:end])
        )
        near_relations = {r for s in near for r in self._rels_of.get(s.id, ())}  # all plan_links reads
        plans = plan_links(
            self.schema, text, near, near_relations, start, end, label, recent_run(self._labelled, label)
        )
        links = [(p.rel, p.other, p.new_is_head) for p in plans if p.auto]
        same = next((s for s in self._same_words(start, end, label) if s.suggested), None)
        if same is not None:  # a suggestion of these words and label: labelling it is accepting it
            span = self._accept_labelled(same, links)
            if span is None:
                return None, []
        else:
            change = self._work(
                lambda: self.store.add_span_linked(
                    doc_id, start, end, label, self.annotator, attrs=attrs, links=links
                )
            )
            if change is None or not change.spans_added:
                return None, []
            span = change.spans_added[0]
        self._labelled.append((span.id, label))
        self._words.add_labelled(text[start:end])
        return span, [p for p in plans if not p.auto]

    def labelled_already(self, start: int, end: int, label: str) -> Span | None:
        """This layer's own (not suggested) span of exactly text[start:end] with `label`, if any:
        labelling those words again must not add an identical span (it would inflate every count)."""
        return next((s for s in self._same_words(start, end, label) if not s.suggested), None)

    def _same_words(self, start: int, end: int, label: str) -> list[Span]:
        """This layer's spans of exactly text[start:end] with `label` (suggested or not)."""
        return [s for s in self.spans_starting_in(start, start + 1) if s.end == end and s.label == label]

    def _accept_labelled(self, suggestion: Span, links: list[tuple[str, int, bool]]) -> Span | None:
        """Accept `suggestion` (labelled by hand with its own words and label) with the links the
        label key planned for a new span, in one edit; its own links stay as they are."""
        ends = [
            (rel, *((suggestion.id, other) if is_head else (other, suggestion.id)))
            for rel, other, is_head in links
        ]
        if ends:
            change = self._work(lambda: self.store.add_relations(ends, accept=True))
        else:
            change = self._work(lambda: self.store.accept_spans([suggestion.id]))
        if change is None:
            return None
        return self.span(suggestion.id)

    def spans_starting_in(self, start: int, end: int) -> list[Span]:
        """Spans whose start lies in [start, end), in reading order."""
        self.load_range(start, end)
        return self.index.starting_in(start, end)

    @property
    def words(self) -> WordEvidence:
        """What the project says about words (its texts and labelled spans), for the proclitic rule."""
        return self._words

    def _work(self, fn: Callable[[], Change | None]) -> Change | None:
        """An annotation edit: committed, and the first one starts a new document (in progress)."""
        change = self._edit(fn)
        if change is not None and not change.empty:
            self._touch_status()
        return change

    def set_label(self, span_id: int, label: str) -> None:
        """Relabel a span; relabelling a suggestion is deciding it: it becomes the annotator's own. A
        relabel that would make the twin of a span the layer holds (its words, that label) does nothing."""
        span = self.span(span_id)
        if span is not None and self.labelled_already(span.start, span.end, label) not in (None, span):
            return
        self._work(lambda: self.store.update_span(span_id, label=label, origin=self._decided(span_id)))

    def set_attrs(self, span_id: int, attrs: dict[str, str]) -> None:
        self._work(lambda: self.store.update_span(span_id, attrs=attrs, origin=self._decided(span_id)))

    def _decided(self, span_id: int) -> Origin | None:
        span = self.span(span_id)
        return Origin.MANUAL if span is not None and span.suggested else None

    def delete_span(self, span_id: int) -> None:
        self._work(lambda: self.store.delete_span(span_id))

    def add_relation(self, type: str, head: int, tail: int) -> Relation | None:
        change = self.add_relations([(type, head, tail)])
        return change.relations_added[0] if change and change.relations_added else None

    def add_relations(self, links: list[tuple[str, int, int]]) -> Change | None:
        """Add (type, head, tail) links in one edit (one undo step); a suggestion linked by the
        annotator is accepted with the link (see `Store.add_relations`)."""
        return self._work(lambda: self.store.add_relations(links, accept=True))

    def delete_relation(self, rel_id: int) -> None:
        self._work(lambda: self.store.delete_relation(rel_id))

    def accept_version(self, unit: Unit, version: Version | None) -> Change | None:
        """Adjudication: make this (adjudicated) layer read `version` at `unit` (None: none of them)."""
        if self.doc is None:
            return None
        from annotator.core.adjudication import accept_version

        doc_id = self.doc.id
        return self._work(lambda: accept_version(self.store, doc_id, unit, version))

    def set_status(self, status: Status) -> None:
        if self.doc is None:
            return
        doc_id = self.doc.id
        self._edit(lambda: self.store.set_status(doc_id, self.annotator, status), spans=False)

    def _touch_status(self) -> None:
        """The first edit of a new document marks it in progress (not undoable on its own)."""
        if self.doc is not None and self.status() == Status.NEW:
            doc_id = self.doc.id
            self._edit(
                lambda: self.store.set_status(doc_id, self.annotator, Status.IN_PROGRESS, record=False),
                spans=False,
            )

    def next_unfinished(self) -> int | None:
        return self.store.next_unfinished(self.annotator, self.doc_id)

    def done_and_next(self) -> int | None:
        """Mark the current document done and open the next unfinished one; returns its id."""
        self.set_status(Status.DONE)
        nxt = self.next_unfinished()
        if nxt is not None:
            self.open_document(nxt)
        return nxt

    def delete_documents(self, doc_ids: list[int]) -> Deletion | None:
        """Delete documents (the caller has asked the user); the current one closes if it is among them."""
        try:
            deletion = self.store.delete_documents(doc_ids)
        except KeyError as exc:
            self.error.emit(self.tr("Refused: {reason}").format(reason=str(exc).strip("'\"")))
            return None
        except sqlite3.Error as exc:
            self.error.emit(
                self.tr("Could not delete ({error}). Nothing was changed; try again.").format(error=exc)
            )
            return None
        self._seen_version = self.store.data_version()
        if self.doc is not None and self.doc.id in deletion.doc_ids:
            self.doc = None
            self._load_annotations()
        self.documents_deleted.emit(deletion)
        return deletion

    # ------------------------------------------------------------------ suggestions
    def suggester(self):
        """The engine for the chosen source: rules and project memory, or `suggest_layer`."""
        from annotator.core.suggestions import LayerSource, Suggester

        if self._suggester is None or self._suggester_key != self.suggest_layer:
            layer = self.suggest_layer
            self._suggester = Suggester(self.store, [LayerSource(self.store, layer)] if layer else None)
            self._suggester_key = layer
        return self._suggester

    def suggestions(self) -> list[Span]:
        """The current document's suggestions, in reading order."""
        return [s for s in self.spans if s.suggested]

    def _auto_suggest(self) -> bool:
        """Pre-annotate the just-opened document when it never was for this annotator; True when the
        work goes to a thread (a long document) and will arrive later."""
        doc = self.doc
        if doc is None or not self.auto_suggest:
            return False
        try:
            if self.store.suggestion_run(doc.id, self.annotator) is not None:
                return False
            if self.store.status(doc.id, self.annotator) in (Status.DONE, Status.ADJUDICATED):
                return False
        except sqlite3.Error:
            return False
        if len(doc.text) > self.SUGGEST_IN_THREAD_CHARS or self.store.checking:
            return True  # a long document, or a write that would wait for the full check
        self._store_suggestions(lambda: self.suggester().suggest(doc.id, self.annotator), quiet=True)
        return False

    def suggest(self) -> Change | None:
        """Suggest for the current document now (replacing its suggestions; rejections stay)."""
        if self.doc is None:
            return None
        if len(self.doc.text) > self.SUGGEST_IN_THREAD_CHARS:
            self._suggest_in_thread()
            return None
        doc_id = self.doc.id
        return self._store_suggestions(lambda: self.suggester().suggest(doc_id, self.annotator))

    def _store_suggestions(self, fn: Callable[[], Change], quiet: bool = False) -> Change | None:
        """Run a suggestion job; in memory without a signal before the document is shown (`quiet`)."""
        if not quiet:
            self.ensure_loaded()  # the change replaces suggestions anywhere in the document
        try:
            change = fn()
        except (sqlite3.Error, ValueError, KeyError) as exc:
            self.error.emit(self.tr("Could not make suggestions ({error}).").format(error=exc))
            return None
        if not quiet:
            self._apply_locally(change)
            if not change.empty:
                self.changed.emit(change)
        self.suggestions_made.emit(change.doc_id, len(change.spans_added))
        return change

    def _suggest_in_thread(self) -> None:
        """Prepare on the GUI thread, compute on a worker, store back on the GUI thread."""
        if self.doc is None or self._computing == self.doc.id:
            return
        suggester = self.suggester()
        try:
            job = suggester.prepare(self.doc.id, self.annotator)
        except (sqlite3.Error, KeyError):
            return
        self._computing = self.doc.id
        threading.Thread(
            target=lambda: self._suggestions_computed.emit(suggester.compute(job)), daemon=True
        ).start()

    def _store_computed(self, job) -> None:
        if self.doc is None or job.doc.id != self.doc.id:
            self._computing = None
            return  # the annotator moved on; it is made again when they come back
        if self.store.checking:  # the first write waits for the full check: not on the GUI thread
            QTimer.singleShot(
                CHECK_POLL_MS, self, lambda: self._store_computed(job)
            )  # dropped with the session
            return
        self._computing = None
        self._store_suggestions(lambda: self.suggester().store_job(job))

    def _group(self, span_id: int) -> list[int]:
        """A suggestion and the suggestions of its attribution: for a quote, its speaker and cue; for a
        cue or speaker, their quotes and those quotes' other links."""
        span = self.span(span_id)
        if span is None:
            return []
        quotes = {span_id} if span.label == "QUOTE" else set()
        for r in self.relations_of(span_id):
            other = self.span(r.tail if r.head == span_id else r.head)
            if other is not None and other.label == "QUOTE" and r.type in ("ATTRIBUTED_TO", "CUE_OF"):
                quotes.add(other.id)
        group = {span_id} | quotes
        for q in quotes:
            for r in self.relations_of(q):
                if r.type in ("ATTRIBUTED_TO", "CUE_OF"):
                    group.add(r.tail if r.head == q else r.head)
        return [i for i in group if (s := self.span(i)) is not None and s.suggested]

    def accept(self, span_id: int, with_links: bool = True) -> Change | None:
        """Accept a suggested span (with the suggestions linked to it): they become the annotator's own
        spans (origin manual), in one undoable edit."""
        self.ensure_loaded()  # the group reaches spans linked from anywhere in the document
        ids = self._group(span_id) if with_links else [span_id]
        if not ids:
            return None
        return self._work(lambda: self.store.accept_spans(ids))

    def accept_all(self) -> Change | None:
        ids = [s.id for s in self.suggestions()]
        return self._work(lambda: self.store.accept_spans(ids)) if ids else None

    def reject(self, span_id: int) -> Change | None:
        """Reject a suggestion: it goes, with its links, and is not proposed again in this document."""
        span = self.span(span_id)
        if span is None or not span.suggested:
            return None
        return self._work(lambda: self.store.reject_spans([span_id]))

    def reject_all(self) -> Change | None:
        ids = [s.id for s in self.suggestions()]
        return self._work(lambda: self.store.reject_spans(ids)) if ids else None

    def other_layers(self) -> dict[str, int]:
        """Other annotators' span counts in the current document."""
        if self.doc is None:
            return {}
        try:
            return self.store.other_layers(self.doc.id, self.annotator)
        except sqlite3.Error:
            return {}

    # ------------------------------------------------------------------ undo
    def can_undo(self) -> bool:
        return self.doc is not None and self.store.can_undo(self.doc.id, self.annotator)

    def can_redo(self) -> bool:
        return self.doc is not None and self.store.can_redo(self.doc.id, self.annotator)

    def next_undo(self, redo: bool = False) -> Change | None:
        """The edit the next undo (redo) would take back (make again), or None."""
        return self.store.next_undo(self.doc.id, self.annotator, redo=redo) if self.doc else None

    def undo_text(self, redo: bool = False) -> str:
        return self.store.undo_text(self.doc.id, self.annotator, redo=redo) if self.doc else ""

    def undo(self) -> Change | None:
        if self.doc is None:
            return None
        doc_id = self.doc.id
        return self._edit(lambda: self.store.undo(doc_id, self.annotator))

    def redo(self) -> Change | None:
        if self.doc is None:
            return None
        doc_id = self.doc.id
        return self._edit(lambda: self.store.redo(doc_id, self.annotator))

    # ------------------------------------------------------------------ other windows
    def check_external(self) -> bool:
        """Reload when another connection committed; returns whether it did.

        `external_annotations_changed` is emitted with what differs in the current document's spans
        and relations (the reader and side panel update only that), then `external_change` in
        every case (the document list, progress and status may have changed).
        """
        try:
            version, touched = self.store.external_changes(self._seen_version)
        except sqlite3.Error:
            return False
        if self.store.is_server:
            self._check_online()
        if version == self._seen_version:
            return False
        self._seen_version = version
        # a server says which layers changed: this document is re-read only when its layer did
        changed = self.doc is not None and (
            touched is None or (self.doc.id, self.annotator) in touched or "documents" in touched
        )
        if changed and self.doc is not None and not self.store.has_document(self.doc.id):  # deleted elsewhere
            gone = self.doc
            self.doc = None
            self._load_annotations()
            self.documents_deleted.emit(Deletion((gone.id,), (gone.name,)))
        if changed and self.doc is not None:
            old_spans, old_relations = self.spans, self.relations  # all of them: read to the end
            self._load_annotations()
            diff = annotation_diff(
                self.doc.id, self.annotator, old_spans, self.index.spans, old_relations, self.relations
            )
            if not diff.empty:
                self.external_annotations_changed.emit(diff)
        self.external_change.emit()
        return True

    def _check_online(self) -> None:
        """Announce a server connection lost or back (the listener reconnects by itself; the next
        edit reconnects the store's connection)."""
        online = self.store.backend.online
        if online != self._online:
            self._online = online
            self.server_connection.emit(online)
