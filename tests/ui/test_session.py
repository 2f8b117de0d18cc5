"""The session mirrors the store exactly: every edit is committed at once and reflected in memory."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui.session import Session

TEXT = 'وقال فيدان لقناة "CNN Turk" إن هناك حاجة 😀 إلى آلية.'


def _project(tmp_path: Path) -> tuple[Store, int]:
    store = Store.create(tmp_path / "s.annotator.db")
    ids = store.add_documents([NewDocument("a", TEXT), NewDocument("b", "نص ثان")]).ids
    return store, ids[0]


def test_edits_are_committed_and_mirrored(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    with qtbot.waitSignal(session.changed):
        speaker = session.add_span(5, 10, "SPEAKER")
    assert speaker is not None and TEXT[speaker.start : speaker.end] == "فيدان"
    quote = session.add_span(28, 52, "QUOTE")
    assert quote is not None
    session.add_relation("ATTRIBUTED_TO", quote.id, speaker.id)
    other = Store.open(store.path)  # what a second connection (or a restart) sees
    assert [s.id for s in other.spans(doc_id, "mona")] == [s.id for s in session.spans]
    assert len(other.relations(doc_id, "mona")) == 1
    assert session.status() == Status.IN_PROGRESS  # the first edit starts the document
    session.set_label(speaker.id, "PERS")
    assert other.span(speaker.id).label == "PERS" and session.span(speaker.id).label == "PERS"
    session.delete_span(speaker.id)
    assert session.relations == [] and other.relations(doc_id, "mona") == []
    session.undo()  # the span comes back with its relation
    assert session.span(speaker.id) is not None and len(session.relations) == 1
    assert [r.tail for r in other.relations(doc_id, "mona")] == [speaker.id]
    assert [s.start for s in session.spans] == sorted(s.start for s in session.spans)
    other.close()


def test_bad_edit_reports_error_and_changes_nothing(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    before = store.stats()
    with qtbot.waitSignal(session.error) as blocker:
        assert session.add_span(0, len(TEXT) + 5, "QUOTE") is None
    assert "outside the text" in blocker.args[0]
    with qtbot.waitSignal(session.error) as blocker:
        session.add_span(0, 4, "NOT_A_LABEL")
    assert "unknown label" in blocker.args[0]
    assert store.stats() == before and session.spans == []


def test_spans_at_innermost_first(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    outer = session.add_span(0, 27, "QUOTE")
    inner = session.add_span(5, 10, "PERS")
    assert [s.id for s in session.spans_at(6)] == [inner.id, outer.id]
    assert [s.id for s in session.spans_at(2)] == [outer.id]
    assert session.spans_at(40) == []


def test_external_change_reloads(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    second = Store.open(store.path)
    second.add_span(doc_id, 0, 4, "CUE", "mona")
    with qtbot.waitSignal(session.external_change, timeout=3000):
        assert session.check_external()
    assert [s.label for s in session.spans] == ["CUE"]
    assert not session.check_external()  # nothing new since
    second.close()


def test_done_and_next(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    nxt = session.done_and_next()
    assert nxt is not None and nxt != doc_id and session.doc_id == nxt
    assert store.status(doc_id, "mona") == Status.DONE
    assert session.done_and_next() is None  # nothing left unfinished


def test_full_disk_reports_error_and_keeps_saved_spans(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    kept = session.add_span(5, 10, "SPEAKER")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with qtbot.waitSignal(session.error) as blocker:
        assert session.add_span(0, 4, "CUE", attrs={"note": "x" * 200_000}) is None
    assert "database or disk is full" in blocker.args[0] and "Nothing was changed" in blocker.args[0]
    assert [s.id for s in session.spans] == [kept.id]
    assert [s.id for s in store.spans(doc_id)] == [kept.id]


def test_span_lookup_agrees_with_the_span_list_after_every_kind_of_change(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)

    def agrees(gone: tuple[int, ...] = ()) -> None:
        assert all(session.span(s.id) is s for s in session.spans)
        assert all(session.span(g) is None for g in gone)

    agrees()
    first = session.add_span(5, 10, "SPEAKER")
    second = session.add_span(0, 4, "CUE")  # inserted before the first
    agrees()
    session.set_label(first.id, "PERS")
    agrees()
    assert session.span(first.id).label == "PERS"
    session.delete_span(second.id)
    agrees(gone=(second.id,))
    session.undo()
    agrees()
    assert session.span(second.id) is not None
    session.redo()
    agrees(gone=(second.id,))
    other = Store.open(store.path)
    added = other.add_span(doc_id, 28, 52, "QUOTE", "mona").spans_added[0]
    other.delete_span(first.id)
    other.close()
    assert session.check_external()
    agrees(gone=(first.id, second.id))
    assert session.span(added.id) is not None and [s.id for s in session.spans] == [added.id]
    session.open_document(next(d.id for d in store.list_documents("mona") if d.id != doc_id))
    agrees(gone=(added.id,))


def test_external_annotations_signal_only_for_the_current_document(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    other = Store.open(store.path)
    second_doc = next(d.id for d in store.list_documents("mona") if d.id != doc_id)
    other.add_span(second_doc, 0, 2, "CUE", "mona")  # another document
    with (
        qtbot.assertNotEmitted(session.external_annotations_changed),
        qtbot.waitSignal(session.external_change),
    ):
        assert session.check_external()
    other.add_span(doc_id, 0, 4, "CUE", "sara")  # this document, another annotator
    with (
        qtbot.assertNotEmitted(session.external_annotations_changed),
        qtbot.waitSignal(session.external_change),
    ):
        assert session.check_external()
    other.add_span(doc_id, 0, 4, "CUE", "mona")  # this document, this annotator
    with qtbot.waitSignals([session.external_annotations_changed, session.external_change]):
        assert session.check_external()
    speaker = session.add_span(5, 10, "SPEAKER")
    quote = session.add_span(28, 52, "QUOTE")
    other.add_relation("ATTRIBUTED_TO", quote.id, speaker.id)  # a relation alone counts too
    with qtbot.waitSignal(session.external_annotations_changed):
        assert session.check_external()
    assert len(session.relations) == 1
    other.close()


def test_the_word_counts_are_read_ahead_of_the_first_label(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(Session, "WORDS_PREFETCH_MS", 0)
    store, doc_id = _project(tmp_path)
    store.add_span(doc_id, 5, 10, "PERS", "ali")
    session = Session(store, "mona")
    session.open_document(doc_id)
    assert not session.words.loaded  # nothing asked for them yet
    qtbot.waitUntil(lambda: session.words.loaded, timeout=10_000)  # read by the worker, no key pressed
    assert session.words.labelled["فيدان"] == 1 and session.words.texts["حاجة"] == 1
    span, _ = session.label(5, 10, "SPEAKER")  # the counts grow with what is labelled
    assert span is not None and session.words.labelled["فيدان"] == 2


def test_labelling_words_again_with_their_label_adds_nothing(qtbot, tmp_path: Path) -> None:
    """The session is the one door: a second label (or add) of the same words and label returns the
    span already there and records nothing (no span, no undo entry, no word count); another label
    on the same words is another span."""
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    first, _ = session.label(5, 10, "PERS")
    assert first is not None
    counted = session.words.labelled["فيدان"]
    again, plans = session.label(5, 10, "PERS")
    added = session.add_span(5, 10, "PERS")
    assert again == first and added == first and plans == []
    assert store.spans(doc_id, "mona") == [first] and session.words.labelled["فيدان"] == counted
    assert session.label(5, 10, "SPEAKER")[0] not in (None, first)  # nested labels are allowed
    session.undo()
    session.undo()
    assert store.spans(doc_id, "mona") == [] and not session.can_undo()


def test_relabelling_onto_a_twin_changes_nothing(qtbot, tmp_path: Path) -> None:
    store, doc_id = _project(tmp_path)
    session = Session(store, "mona")
    session.open_document(doc_id)
    pers, _ = session.label(5, 10, "PERS")
    speaker, _ = session.label(5, 10, "SPEAKER")
    session.set_label(speaker.id, "PERS")  # it would be a second PERS on the same words
    assert sorted(s.label for s in store.spans(doc_id, "mona")) == ["PERS", "SPEAKER"]
    session.set_label(speaker.id, "ORG")  # another label: relabelled
    assert sorted(s.label for s in store.spans(doc_id, "mona")) == ["ORG", "PERS"]
