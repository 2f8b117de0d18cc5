"""Suggestions in the window, driven by keys: they appear when a document opens, Tab goes through them,
Enter accepts (with links), X rejects, accept all, undo, and another layer as the suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewDocument, NewSpan, Origin
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow

TEXT = (
    "وقال وزير الخارجية هاكان فيدان إن المحادثات مستمرة، مشيرا إلى أن الاتفاق قريب.\n"
    "وأضاف أن الوفود ستلتقي في أنقرة."
)
SECOND = "وذكرت وكالة الأنباء أن الوزير وصل إلى أنقرة."


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()


def make_window(qtbot, path: Path, annotator: str = "mona") -> MainWindow:
    window = MainWindow(Store.open(path), annotator)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()
    return window


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "news.annotator.db"
    with Store.create(path) as store:
        store.add_documents([NewDocument("news", TEXT), NewDocument("second", SECOND)])
    return path


def surfaces(window: MainWindow, suggested: bool) -> list[tuple[str, str]]:
    text = window.session.doc.text
    return [(s.label, text[s.start : s.end]) for s in window.session.spans if s.suggested == suggested]


def test_suggestions_appear_when_a_document_opens(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    got = surfaces(window, suggested=True)
    assert ("SPEAKER", "وزير الخارجية هاكان فيدان") in got and ("CUE", "قال") in got
    assert [q for label, q in got if label == "QUOTE"] == [
        "إن المحادثات مستمرة",
        "أن الاتفاق قريب",
        "أن الوفود ستلتقي في أنقرة",
    ]
    assert "suggestions from the rules and project memory" in window.statusBar().currentMessage()
    model = window.doc_list.model
    assert model.data(model.index(0, model.SPANS)) == "0"  # suggestions are not work done
    assert window.store.status(window.session.doc_id, "mona").value == "new"


def test_tab_enter_and_x_review_the_suggestions(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    reader, session, store = window.reader, window.session, window.store
    first = session.suggestions()[0]
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id == first.id
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id == session.suggestions()[1].id
    qtbot.keyClick(reader, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selected_span_id == first.id  # "قال"
    # Enter accepts the cue with its quote and speaker, and moves on to the next suggestion
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    accepted = surfaces(window, suggested=False)
    assert sorted(accepted) == sorted(
        [("CUE", "قال"), ("SPEAKER", "وزير الخارجية هاكان فيدان"), ("QUOTE", "إن المحادثات مستمرة")]
    )
    nxt = session.span(reader.selected_span_id)
    assert nxt.suggested and nxt.start > first.start
    assert window.store.status(session.doc_id, "mona").value == "in_progress"
    # X rejects the selected suggestion and moves on
    rejected = nxt
    qtbot.keyClick(reader, "x")
    assert session.span(rejected.id) is None
    assert (rejected.start, rejected.end, rejected.label) in store.rejections(session.doc_id, "mona")
    assert session.span(reader.selected_span_id).suggested
    # asking again does not bring it back, nor touch what was accepted
    qtbot.keyClick(
        reader, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not any(
        (s.start, s.end, s.label) == (rejected.start, rejected.end, rejected.label) for s in session.spans
    )
    assert sorted(surfaces(window, suggested=False)) == sorted(accepted)
    # the document list counts the accepted spans only
    model = window.doc_list.model
    assert model.data(model.index(0, model.SPANS)) == "3"


def test_enter_on_the_caret_and_shift_enter_without_links(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    reader = window.reader
    start = TEXT.index("وزير الخارجية") + 2
    reader.select_span(None)
    reader.scroll_to(start, start)  # the caret inside the suggested speaker
    qtbot.keyClick(reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert surfaces(window, suggested=False) == [("SPEAKER", "وزير الخارجية هاكان فيدان")]


def test_accept_all_is_one_undo(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    session = window.session
    n = len(session.suggestions())
    qtbot.keyClick(
        window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert session.suggestions() == [] and len(session.spans) == n
    assert all(s.origin == Origin.MANUAL for s in session.spans)
    assert window.act_undo.text().replace("&", "") == f"Undo Accept {n} suggestions"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(session.suggestions()) == n
    qtbot.keyClick(
        window.reader, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert session.spans == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(session.suggestions()) == n  # undo brings rejected suggestions back


def test_rejected_suggestions_stay_rejected_after_reopening(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    reader, session = window.reader, window.session
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    gone = session.span(reader.selected_span_id)
    qtbot.keyClick(reader, "x")
    window.close()
    window = make_window(qtbot, project)
    window.session.suggest()
    assert not any((s.start, s.end) == (gone.start, gone.end) for s in window.session.spans)


def test_another_layer_as_the_suggestions(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "aner.annotator.db"
    with Store.create(path) as store:
        i = SECOND.index("أنقرة")
        spans = [NewSpan(i, i + 5, "GPE"), NewSpan(SECOND.index("وكالة"), SECOND.index("وكالة") + 5, "ORG")]
        store.add_documents(
            [NewDocument("imported", SECOND, spans=spans), NewDocument("plain", "نص بلا وسم.")]
        )
    window = make_window(qtbot, path)
    model = window.doc_list.model
    assert model.data(model.index(0, model.OTHERS)) == "2" and model.data(model.index(1, model.OTHERS)) == ""
    assert model.data(model.index(0, model.SPANS)) == "0"
    window._fill_source_menu()
    layer_action = next(a for a in window.source_menu.actions() if a.text().startswith("import's layer"))
    layer_action.trigger()
    assert sorted(surfaces(window, suggested=True)) == [("GPE", "أنقرة"), ("ORG", "وكالة")]
    assert all(s.source == "layer:import" for s in window.session.spans)
    qtbot.keyClick(
        window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.store.spans(window.session.doc_id, "mona")[0].origin == Origin.MANUAL
    assert model.data(model.index(0, model.SPANS)) == "2"
    window.close()
    window = make_window(qtbot, path)  # the choice is kept for the project
    assert window.session.suggest_layer == "import"


def test_shortcuts_sheet_lists_the_suggestion_keys(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    rows = window.shortcuts_dialog().rows
    text = "\n".join(" | ".join(r) for r in rows)
    for needle in (
        "Accept all suggestions",
        "Reject all suggestions",
        "Suggest for this document",
        "Reject the suggestion",
    ):
        assert needle in text
    keys = {r[1] for r in rows}
    assert "X" in keys and any("Ctrl+Shift+A" in k for k in keys)


def test_a_long_document_is_suggested_off_the_gui_thread(qtbot, project: Path, monkeypatch) -> None:
    from annotator.ui.session import Session

    monkeypatch.setattr(Session, "SUGGEST_IN_THREAD_CHARS", 10)  # every document counts as long here
    window = make_window(qtbot, project)
    qtbot.waitUntil(lambda: len(window.session.suggestions()) > 0, timeout=10000)
    assert window.store.suggestion_run(window.session.doc_id, "mona") == "rules,memory"
    assert ("SPEAKER", "وزير الخارجية هاكان فيدان") in surfaces(window, suggested=True)


def test_suggestions_wait_for_the_background_check_without_holding_the_window(
    qtbot, project: Path, monkeypatch
) -> None:
    """Storing suggestions is a write, and a write waits for the project's full check (seconds on a
    large file read cold): the window opens and stays live meanwhile, and the suggestions are stored
    once the check has passed."""
    import threading

    from annotator.core import integrity

    release = threading.Event()
    real = integrity.quick_check

    def slow_check(conn):
        release.wait(30)
        return real(conn)

    monkeypatch.setattr(integrity, "quick_check", slow_check)
    window = MainWindow(Store.open(project, verify="background"), "mona")
    qtbot.addWidget(window)
    window.show()
    assert window.store.checking  # the window did not wait for the check
    qtbot.wait(300)  # the suggestions are computed meanwhile, and held
    assert window.session.suggestions() == [] and window.store.checking
    release.set()
    qtbot.waitUntil(lambda: len(window.session.suggestions()) > 0, timeout=10000)
    assert not window.store.checking
    assert ("SPEAKER", "وزير الخارجية هاكان فيدان") in surfaces(window, suggested=True)


def _drag_and_key(qtbot, window: MainWindow, words: str, key: str, after: int = 0) -> None:
    """Select `words` (first found from `after`) as a drag would, then press a label key."""
    text = window.session.doc.text
    i = text.index(words, after)
    window.reader.select_text(i, i + len(words), exact=False)
    qtbot.keyClick(window.reader, key)


def test_linking_a_suggestion_accepts_it_and_the_link_is_exported(
    qtbot, project: Path, tmp_path: Path
) -> None:
    """A quote labelled by hand, linked with A / Enter to the speaker still suggested: the speaker is
    accepted with the link (a suggestion and its links stay out of every export), one undo for both."""
    window = make_window(qtbot, project)
    reader, session, store = window.reader, window.session, window.store
    text = session.doc.text
    speaker = next(s for s in session.suggestions() if s.label == "SPEAKER")
    for s in session.suggestions():  # the quote's own suggestion out of the way: labelled by hand below
        if s.label == "QUOTE" and text[s.start : s.end] == "إن المحادثات مستمرة":
            session.reject(s.id)
    _drag_and_key(qtbot, window, "إن المحادثات مستمرة", "q")
    quote = next(s for s in session.spans if s.label == "QUOTE" and not s.suggested)
    reader.select_span(quote.id)
    qtbot.keyClick(reader, "a")
    while reader.highlighter.candidate != speaker.id:
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert not session.span(speaker.id).suggested  # decided by the link
    assert ("ATTRIBUTED_TO", quote.id, speaker.id) in {
        (r.type, r.head, r.tail) for r in store.relations(session.doc_id)
    }
    from annotator.core.exporters import ExportOptions, export

    export(store, "quotes", tmp_path / "q.csv", ExportOptions(statuses=None))
    assert "وزير الخارجية هاكان فيدان" in (tmp_path / "q.csv").read_text(encoding="utf-8")
    window.undo()  # the link and the acceptance, in one step
    assert session.span(speaker.id).suggested
    assert ("ATTRIBUTED_TO", quote.id, speaker.id) not in {
        (r.type, r.head, r.tail) for r in store.relations(session.doc_id)
    }


def test_labelling_a_suggestion_by_hand_accepts_it_instead_of_a_copy(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    session, store = window.session, window.store
    speaker = next(s for s in session.suggestions() if s.label == "SPEAKER")
    links = {
        (r.type, r.head, r.tail) for r in store.relations(session.doc_id) if speaker.id in (r.head, r.tail)
    }
    assert links  # the suggested quote is attributed to it
    before = len(store.spans(session.doc_id, "mona"))
    _drag_and_key(qtbot, window, "وزير الخارجية هاكان فيدان", "s")
    spans = store.spans(session.doc_id, "mona")
    assert len(spans) == before  # no second span of the same words and label
    same = [s for s in spans if (s.start, s.end, s.label) == (speaker.start, speaker.end, "SPEAKER")]
    assert [(s.id, s.suggested) for s in same] == [(speaker.id, False)]
    assert links <= {(r.type, r.head, r.tail) for r in store.relations(session.doc_id)}  # its links kept
    # another label on the same words is another span (a speaker is often a PERS too)
    _drag_and_key(qtbot, window, "هاكان فيدان", "p")
    assert len(store.spans(session.doc_id, "mona")) == before + 1
    window.undo()
    window.undo()
    assert session.span(speaker.id).suggested  # the label key's acceptance undone


def test_undo_of_a_label_key_selects_its_words_again(qtbot, project: Path) -> None:
    """A wrong key (o), Ctrl+Z, the right key (g): the words are still selected for it."""
    window = make_window(qtbot, project)
    reader, session = window.reader, window.session
    text = session.doc.text
    _drag_and_key(qtbot, window, "أنقرة", "o")
    wrong = next(s for s in session.spans if s.label == "ORG")
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.span(wrong.id) is None
    qtbot.keyClick(reader, "g")
    right = [s for s in session.spans if s.label == "GPE" and not s.suggested]
    assert [(text[s.start : s.end], s.start) for s in right] == [("أنقرة", wrong.start)]


def test_suggestions_arriving_later_wait_until_the_users_message_is_read(
    qtbot, project: Path, monkeypatch
) -> None:
    """A long document's suggestions are made on a worker and arrive while the annotator works: their
    message does not replace the one just given for the annotator's own key ("Marked news done"); it is
    said once that has been up for a while (StatusBar.HOLD_MS, shortened here)."""
    import threading

    from annotator.core.suggestions.engine import Suggester
    from annotator.ui.session import Session
    from annotator.ui.status_bar import StatusBar

    monkeypatch.setattr(Session, "SUGGEST_IN_THREAD_CHARS", 10)  # the article is "long": a worker suggests
    monkeypatch.setattr(StatusBar, "HOLD_MS", 1500)
    release = threading.Event()
    compute = Suggester.compute

    def held(job):
        release.wait(30)
        return compute(job)

    monkeypatch.setattr(Suggester, "compute", staticmethod(held))
    window = make_window(qtbot, project)
    bar = window.statusBar()
    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # mark done
    assert "Marked news done" in bar.currentMessage()
    release.set()
    qtbot.waitUntil(lambda: len(window.session.suggestions()) > 0, timeout=10000)
    assert "Marked news done" in bar.currentMessage()  # still there to be read
    assert "suggestions from" in (bar.waiting or "")
    qtbot.waitUntil(lambda: "suggestions from" in bar.currentMessage(), timeout=5000)
    assert bar.waiting is None
    # a message of the annotator's own key is shown at once, whatever is waiting
    qtbot.keyClick(
        window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "Marked news in progress" in bar.currentMessage()


def accept_all_with_one_left(qtbot, window: MainWindow) -> str:
    """Reject suggestions by Tab and X until one is left, accept all: the status bar's message."""
    session = window.session
    while len(session.suggestions()) > 1:
        qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
        qtbot.keyClick(window.reader, Qt.Key.Key_X)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_A, ctrl_shift)
    assert session.suggestions() == []
    return window.statusBar().currentMessage()


def test_counts_in_the_suggestion_messages_read_right_for_one(qtbot, project: Path) -> None:
    from annotator.ui import i18n

    window = make_window(qtbot, project)
    assert len(window.session.suggestions()) > 2
    assert "Accepted 1 suggestion (Ctrl+Z undoes this)" in accept_all_with_one_left(qtbot, window)
    try:
        i18n.apply_language("ar")
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # accepted: back
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one rejected: back
        assert len(window.session.suggestions()) > 1
        assert "قُبل اقتراح واحد" in accept_all_with_one_left(qtbot, window)
        assert i18n.counted_text(9, "suggestion") == "9 من الاقتراحات"
        assert i18n.counted_text(1, "disagreement") == "خلاف واحد"
    finally:
        i18n.apply_language("en")
