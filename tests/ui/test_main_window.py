"""The main window, driven through its real widgets, keys and menu actions (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui.help_dialog import ShortcutsDialog
from annotator.ui.main_window import MainWindow
from tests.ui.readerutil import format_at

TEXTS = [
    'وقال وزير الخارجية التركي هاكان فيدان لقناة "CNN Turk" إن المحادثات مستمرة.',
    "أكدت مصادر في وزارة الدفاع أن الاجتماع عقد في باكو يوم 28 أبريل.",
    "وأشار المتحدث إلى أن «الهدف هو خفض التصعيد» في سوريا.",
]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    QSettings().setValue(
        "suggest/auto", False
    )  # these tests start from empty layers (suggestions: test_suggest_window.py)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "news.annotator.db"
    store = Store.create(path)
    store.add_documents(NewDocument(f"news-{i}", t, {"title": f"خبر {i}"}) for i, t in enumerate(TEXTS))
    store.close()
    return path


@pytest.fixture
def shared_project(request, new_location) -> str:
    """The same project as a file and on a server (the collaboration tests run on both); on the
    server the windows log in as mona, the annotator they record edits for."""
    location = new_location("news")
    store = Store.create(location)
    store.add_documents(NewDocument(f"news-{i}", t, {"title": f"خبر {i}"}) for i, t in enumerate(TEXTS))
    store.close()
    if store.is_server:
        return request.getfixturevalue("pg_server").as_user(location, "mona")
    return location


def heard(qtbot, window: MainWindow) -> None:
    """Wait until the window has taken in another connection's commit, as its poll timer would
    (at once for a file; a server's notice arrives within a fraction of a second)."""
    qtbot.waitUntil(window.session.check_external, timeout=3000)


def make_window(qtbot, path: Path | str, annotator: str = "mona") -> MainWindow:
    window = MainWindow(Store.open(path), annotator)
    window.session._poll.stop()  # the tests poll for other windows' edits themselves (`heard`)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # window shortcuts only fire in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def word(text: str, w: str) -> tuple[int, int]:
    start = text.index(w)
    return start, start + len(w)


def label_words(qtbot, window: MainWindow, w: str, key: str) -> None:
    """Select `w` in the reader and press a label key, as a user would."""
    text = window.session.doc.text
    window.reader.select_text(*word(text, w))
    qtbot.keyClick(window.reader, key)


def test_opens_project_with_title_list_and_progress(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    assert window.windowTitle() == "annotator — news.annotator.db"
    assert window.session.doc.name == "news-0"
    assert window.doc_list.model.rowCount() == 3
    assert window.progress_text == "0/3 done"
    assert window.doc_status_label.text() == "New"
    assert window.find_bar.isHidden()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()


def test_done_and_next_by_key_updates_list_and_progress(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    first = window.session.doc_id
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.name == "news-1"
    assert window.store.status(first, "mona") == Status.DONE
    model = window.doc_list.model
    assert model.data(model.index(0, 2)) == "Done"
    assert window.progress_text == "1/3 done"
    assert window.progress_bar.value() == 1 and window.progress_bar.maximum() == 3
    assert window.doc_list.view.selectionModel().selectedRows()[0].row() == 1
    # done-and-next skips documents already done, wrapping around
    window.open_document(model.doc_id(2))
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.name == "news-1"
    assert window.progress_text == "2/3 done"
    # next / previous document keys follow the list
    qtbot.keyClick(window.reader, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.session.doc.name == "news-2"
    qtbot.keyClick(window.reader, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.session.doc.name == "news-1"
    # labelling a new document marks it in progress in the list at once
    label_words(qtbot, window, "مصادر", "s")
    assert model.data(model.index(1, 2)) == "In progress" and model.data(model.index(1, 3)) == "1"
    assert window.doc_status_label.text() == "In progress"


def test_done_and_next_key_right_after_labelling(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    label_words(qtbot, window, "هاكان فيدان", "p")  # the new span is now the selected one
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.name == "news-1"


@pytest.fixture
def yemen_path(tmp_path: Path) -> Path:
    path = tmp_path / "yemen.annotator.db"
    with Store.create(path) as store:
        store.add_documents([NewDocument("yemen", "وصل المبعوث الأممي إلى اليمن أمس.")])
    return path


def test_the_same_words_and_label_twice_add_one_span(qtbot, yemen_path: Path) -> None:
    """«اليمن» selected and labelled LOC (l) twice: one span, the second key selects it and says so;
    nothing is added to undo, so Ctrl+Z takes back the first label."""
    window = make_window(qtbot, yemen_path)
    session, store = window.session, window.store
    text = session.doc.text
    label_words(qtbot, window, "اليمن", "l")
    first = [s for s in store.spans(session.doc_id, "mona")]
    assert [(text[s.start : s.end], s.label) for s in first] == [("اليمن", "LOC")]
    window.reader.select_span(None)
    label_words(qtbot, window, "اليمن", "l")
    assert store.spans(session.doc_id, "mona") == first  # no second, identical span
    assert "«اليمن» is already LOC" in window.statusBar().currentMessage()
    assert window.reader.selected_span_id == first[0].id
    assert window.act_undo.text().replace("&", "") == "Undo Add LOC"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.spans(session.doc_id, "mona") == [] and session.spans == []
    assert not session.can_undo()  # the second key left no (empty) entry behind


def test_another_label_on_the_same_words_is_another_span(qtbot, yemen_path: Path) -> None:
    """Nested labels are allowed: LOC then GPE on «اليمن» are two spans, then LOC again adds none."""
    window = make_window(qtbot, yemen_path)
    session = window.session
    label_words(qtbot, window, "اليمن", "l")
    label_words(qtbot, window, "اليمن", "g")
    assert sorted(s.label for s in session.spans) == ["GPE", "LOC"]
    label_words(qtbot, window, "اليمن", "l")
    assert sorted(s.label for s in window.store.spans(session.doc_id, "mona")) == ["GPE", "LOC"]
    assert "«اليمن» is already LOC" in window.statusBar().currentMessage()


def test_relabelling_a_span_onto_its_twin_adds_no_copy(qtbot, yemen_path: Path) -> None:
    """With LOC and GPE on «اليمن», the GPE span selected and relabelled LOC would be a second LOC:
    nothing changes, the LOC span is selected and the status says so."""
    window = make_window(qtbot, yemen_path)
    session = window.session
    label_words(qtbot, window, "اليمن", "l")
    label_words(qtbot, window, "اليمن", "g")
    gpe = next(s for s in session.spans if s.label == "GPE")
    loc = next(s for s in session.spans if s.label == "LOC")
    window.reader.select_span(gpe.id)
    qtbot.keyClick(window.reader, "l")
    assert sorted(s.label for s in window.store.spans(session.doc_id, "mona")) == ["GPE", "LOC"]
    assert window.reader.selected_span_id == loc.id
    assert "«اليمن» is already LOC" in window.statusBar().currentMessage()
    window.reader.select_span(gpe.id)
    qtbot.keyClick(window.reader, "o")  # another label: the span is relabelled
    assert sorted(s.label for s in window.store.spans(session.doc_id, "mona")) == ["LOC", "ORG"]


def test_undo_redo_through_menu_actions_and_after_reopening(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    doc_id = window.session.doc_id
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    label_words(qtbot, window, "هاكان فيدان", "p")
    assert [s.label for s in window.session.spans] == ["PERS"]
    assert window.act_undo.isEnabled()
    assert window.act_undo.text().replace("&", "") == "Undo Add PERS"
    window.act_undo.trigger()
    assert window.session.spans == []
    assert window.act_redo.isEnabled() and window.act_redo.text().replace("&", "") == "Redo Add PERS"
    window.act_redo.trigger()
    assert [s.label for s in window.session.spans] == ["PERS"]
    # the keys are the actions' shortcuts
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.spans == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.spans) == 1
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(window.session.spans) == 1
    window.close()  # closing asks nothing: everything is committed

    again = make_window(qtbot, project_path)  # a new Store and a new window: a restart
    assert again.session.doc_id == doc_id  # the last document is reopened
    assert again.act_undo.isEnabled() and again.act_undo.text().replace("&", "") == "Undo Add PERS"
    again.act_undo.trigger()
    assert again.session.spans == []
    check = Store.open(project_path)
    assert check.spans(doc_id, "mona") == []
    again.act_redo.trigger()
    assert [s.label for s in check.spans(doc_id, "mona")] == ["PERS"]
    check.close()


def test_two_windows_on_one_project(qtbot, shared_project: str) -> None:
    one = make_window(qtbot, shared_project)
    two = make_window(qtbot, shared_project)
    assert one.store is not two.store
    label_words(qtbot, one, "هاكان فيدان", "s")
    assert two.session.spans == []
    heard(qtbot, two)  # what its poll does
    assert [s.label for s in two.session.spans] == ["SPEAKER"]
    assert two.side_panel.spans_model.rowCount() == 1
    model = two.doc_list.model
    assert model.data(model.index(0, 3)) == "1"  # span count refreshed in the list
    # and the other way round, without overwriting
    label_words(qtbot, two, "CNN Turk", "o")
    heard(qtbot, one)
    assert sorted(s.label for s in one.session.spans) == ["ORG", "SPEAKER"]
    one.act_done_next.trigger()
    heard(qtbot, two)
    assert two.progress_text == "1/3 done"


def test_refused_project_shows_error_and_window_stays_usable(
    qtbot, tmp_path: Path, project_path: Path, monkeypatch
) -> None:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a, **k: calls.append((title, text))
    )
    garbage = tmp_path / "garbage.annotator.db"
    garbage.write_bytes(b"this is not a database at all\x00\x01" * 100)
    window = MainWindow(None, "mona")
    qtbot.addWidget(window)
    window.show()
    assert not window.open_project(garbage)
    assert len(calls) == 1
    assert "not an annotator project" in calls[0][1] and "garbage.annotator.db" in calls[0][1]
    assert window.store is None and window.windowTitle() == "annotator"
    assert window.act_open.isEnabled() and window.act_new.isEnabled()
    assert not window.act_undo.isEnabled() and not window.act_done_next.isEnabled()
    # the File menu still works: a good project opens in the same window
    assert window.open_project(project_path)
    assert window.session.doc is not None and window.windowTitle() == "annotator — news.annotator.db"
    assert str(project_path.resolve()) in window.recent_projects()
    # a refused project while one is open keeps the open one
    assert not window.open_project(garbage)
    assert window.store is not None and len(calls) == 2
    # a path that does not exist: offered to be created
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    fresh = tmp_path / "fresh.annotator.db"
    assert window.open_project(fresh)
    assert fresh.exists() and window.doc_list.model.rowCount() == 0 and window.session.doc is None


def test_hostile_project_name_in_error_is_shown_literally(qtbot, tmp_path: Path, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: calls.append(text))
    bad = tmp_path / "<b>bold.db"
    bad.write_bytes(b"nope" * 10)
    window = MainWindow(None, "mona")
    qtbot.addWidget(window)
    assert not window.open_project(bad)
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(calls[0])
    assert "<b>bold.db" in doc.toPlainText()


def test_side_panel_lists_spans_and_click_selects_in_reader(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    s = window.session
    text = s.doc.text
    speaker = s.add_span(*word(text, "وزير الخارجية التركي هاكان فيدان"), "SPEAKER", {"kind": "title"})
    quote = s.add_span(*word(text, "إن المحادثات مستمرة"), "QUOTE", {"type": "indirect"})
    s.add_relation("ATTRIBUTED_TO", quote.id, speaker.id)
    panel = window.side_panel
    model = panel.spans_model
    assert model.rowCount() == 2
    rows = {
        model.data(model.index(r, 1)): [model.data(model.index(r, c)) for c in range(5)] for r in range(2)
    }
    assert rows["QUOTE"] == [
        "إن المحادثات مستمرة",
        "QUOTE",
        "type=indirect",
        "وزير الخارجية التركي هاكان فيدان",
        "manual",
    ]
    assert panel.relations_model.rowCount() == 1
    rel_row = [panel.relations_model.data(panel.relations_model.index(0, c)) for c in range(3)]
    assert rel_row == [
        "ATTRIBUTED_TO",
        "QUOTE: إن المحادثات مستمرة",
        "SPEAKER: وزير الخارجية التركي هاكان فيدان",
    ]
    # clicking a row selects the span in the reader
    row = model.row_of(quote.id)
    rect = panel.spans_view.visualRect(model.index(row, 0))
    qtbot.mouseClick(panel.spans_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.selected_span_id == quote.id
    # the attribute editor edits the selected span through the session
    combo = panel.attr_combos["type"]
    combo.setCurrentIndex(combo.findData("direct"))
    assert window.store.span(quote.id).attrs == {"type": "direct"}
    assert model.data(model.index(model.row_of(quote.id), 2)) == "type=direct"
    # selecting a span in the reader (Tab) moves the panel's selection
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
    selected = panel.spans_view.selectionModel().selectedRows()
    assert selected and model.span_at(selected[0].row()).id == window.reader.selected_span_id
    # deleting the relation from the panel
    panel.relations_view.selectRow(0)
    assert panel.delete_relation_button.isEnabled()
    qtbot.mouseClick(panel.delete_relation_button, Qt.MouseButton.LeftButton)
    assert window.session.relations == [] and panel.relations_model.rowCount() == 0
    # the panel follows undo
    window.act_undo.trigger()
    assert panel.relations_model.rowCount() == 1


def test_label_bar_buttons_label_the_selection(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    bar = window.label_bar
    assert set(bar.buttons) == set(window.session.schema.label_names)
    assert bar.buttons["QUOTE"].text() == "QUOTE  q"
    window.reader.select_text(*word(window.session.doc.text, "CNN Turk"))
    qtbot.mouseClick(bar.buttons["ORG"], Qt.MouseButton.LeftButton)
    assert [(s.label, window.session.doc.text[s.start : s.end]) for s in window.session.spans] == [
        ("ORG", "CNN Turk")
    ]


def test_shortcuts_sheet_lists_real_bindings(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    sheet = window.shortcuts_dialog()
    qtbot.addWidget(sheet)
    text = sheet.text()
    assert "Ctrl+Z\tUndo" in text
    assert "Ctrl+Shift+Z, Ctrl+Y" in text
    assert "Ctrl+Return" in text and "Done and next" in text
    assert "Reader\tQ\t" in text  # the reader's own keys come from reader.keymap()
    for action in window.actions():  # every bound action is listed
        if action.shortcut().toString():
            assert action.shortcut().toString() in text
    # F1 and ? open it
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    assert any(isinstance(w, ShortcutsDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    for w in QApplication.topLevelWidgets():
        if isinstance(w, ShortcutsDialog):
            w.close()
    qtbot.keyClick(window.reader, "?")
    assert any(isinstance(w, ShortcutsDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_guidelines_panel(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    assert window.guidelines.empty and not window.guide_dock.isVisible()
    assert not window.act_guidelines.isEnabled()
    window.close()
    store = Store.open(project_path)
    guidelines = "اقتبس الكلام مع علامات التنصيص.\n<b>not bold</b>"
    store.set_guidelines(guidelines)
    store.close()
    window = make_window(qtbot, project_path)
    assert window.guidelines.text() == guidelines
    assert window.guide_dock.isVisible() and window.act_guidelines.isEnabled()
    window.act_guidelines.trigger()
    assert not window.guide_dock.isVisible()


def test_session_error_shows_in_status_bar(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    window.session.add_span(5, 3, "QUOTE")  # refused by the store: an error, nothing saved
    assert window.error_label.isVisible() and "outside the text" in window.error_label.text()
    assert window.session.spans == []


def test_import_from_the_window(qtbot, project_path: Path, tmp_path: Path) -> None:
    window = make_window(qtbot, project_path)
    article = tmp_path / "extra.txt"
    article.write_text("الثلاثاء 29 أبريل 2025\n\nعنوان\n\nنص الخبر الجديد.\n", encoding="utf-8")
    report = window.import_files([article], show_report=False)
    assert report is not None and len(report.imported) == 1
    assert window.doc_list.model.rowCount() == 4
    assert window.progress_text == "0/4 done"
    text = window.report_text(report)
    assert "imported 1" in text.lower()


def test_the_import_report_counts_right_for_one_and_many_in_both_languages(
    qtbot, project_path: Path, tmp_path: Path
) -> None:
    """ "1 span and 1 relation", never "1 spans"; in Arabic a form that is right for every number (مقطع
    واحد، {n} من المقاطع), not the one form Arabic uses for 11 to 99 only; the notes too ("1 event
    line … not imported")."""
    from annotator.ui import i18n

    window = make_window(qtbot, project_path)
    text = "قال الوزير إن الوضع مستقر."
    one, many = tmp_path / "one", tmp_path / "many"
    for folder, ann in (
        (one, "T1\tCUE 0 3\tقال\nE1\tCUE:T1\n"),
        (
            many,
            "T1\tSPEAKER 4 10\tالوزير\nT2\tQUOTE 11 25\tإن الوضع مستقر\nR1\tATTRIBUTED_TO Arg1:T2 Arg2:T1\n"
            "E1\tCUE:T1\nE2\tCUE:T1\n",
        ),
    ):
        folder.mkdir()
        (folder / f"{folder.name}.txt").write_text(text + folder.name, encoding="utf-8")
        (folder / f"{folder.name}.ann").write_text(ann, encoding="utf-8")
    first = window.import_files([one], show_report=False)
    second = window.import_files([many], show_report=False)
    assert (first.spans, first.relations, second.spans, second.relations) == (1, 0, 2, 1)
    assert "1 span and 0 relations imported." in window.report_text(first)
    assert "2 spans and 1 relation imported." in window.report_text(second)
    assert "1 event line (E) not imported" in window.report_text(first)
    assert "2 event lines (E) not imported" in window.report_text(second)
    try:
        i18n.apply_language("ar")
        assert "استُورد مقطع واحد و0 من الروابط." in window.report_text(first)
        assert "استُورد 2 من المقاطع ورابط واحد." in window.report_text(second)
    finally:
        i18n.apply_language("en")


def test_the_relations_table_keeps_the_interfaces_size(qtbot, project_path: Path) -> None:
    """The span list shows the words at the reader's size; the relations table reads like the other
    tables (rows of the interface's size, so it shows several relations), its Arabic in the bundled
    face a little larger than the interface's Latin, and a larger reader (Ctrl+=) leaves it as it is."""
    from PySide6.QtGui import QFontMetrics

    window = make_window(qtbot, project_path)
    panel = window.side_panel
    relations, spans = panel.relations_view.verticalHeader(), panel.spans_view.verticalHeader()
    interface = QFontMetrics(panel.relations_view.font()).height()
    words = panel.relations_model.text_font
    assert words.families()[0] == "Noto Naskh Arabic"
    assert words.pointSizeF() < window.reader.font().pointSizeF()
    assert relations.defaultSectionSize() <= interface + 12 < spans.defaultSectionSize()
    before = relations.defaultSectionSize(), words.pointSizeF(), spans.defaultSectionSize()
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert spans.defaultSectionSize() > before[2]  # the span list follows the reader
    assert (relations.defaultSectionSize(), panel.relations_model.text_font.pointSizeF()) == before[:2]


def test_view_settings_reach_the_reader_and_persist(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    size = window.reader.font().pointSizeF()
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() == size + 1
    assert window.reader.font().families()[:2] == ["Noto Naskh Arabic", "Noto Sans"]
    window.act_snap.trigger()
    assert window.reader.snap is False
    window.act_clitics.trigger()
    assert window.reader.strip_clitics is False
    window.act_dark.trigger()
    assert window.reader.dark is True
    window.close()
    again = make_window(qtbot, project_path)
    assert again.reader.font().pointSizeF() == size + 1
    assert again.reader.snap is False and again.reader.strip_clitics is False and again.reader.dark is True
    again.act_dark.trigger()  # back to light for the other tests


def test_guidelines_keep_their_scroll_position_through_other_windows_edits(
    qtbot, shared_project: str
) -> None:
    project_path = shared_project
    store = Store.open(project_path)
    store.set_guidelines("\n".join(f"قاعدة {i}: اقتبس الكلام مع علامات التنصيص." for i in range(300)))
    store.close()
    window = make_window(qtbot, project_path)
    assert window.guide_dock.isVisible()
    bar = window.guidelines.editor.verticalScrollBar()
    assert bar.maximum() > 40
    bar.setValue(40)  # the annotator is reading further down
    colleague = Store.open(project_path)
    other_doc = colleague.list_documents("sara")[1].id
    colleague.add_span(other_doc, 0, 4, "CUE", "sara")  # a colleague works elsewhere
    heard(qtbot, window)
    assert bar.value() == 40
    colleague.set_guidelines("قواعد جديدة")  # changed guidelines still show up
    heard(qtbot, window)
    assert window.guidelines.text() == "قواعد جديدة"
    colleague.close()


def test_other_windows_edits_elsewhere_leave_the_reader_alone(
    qtbot, shared_project: str, monkeypatch
) -> None:
    project_path = shared_project
    window = make_window(qtbot, project_path)
    text = window.session.doc.text
    label_words(qtbot, window, "هاكان فيدان", "s")
    label_words(qtbot, window, "إن المحادثات مستمرة", "q")  # the new quote is selected
    quote = window.reader.selected_span_id
    assert quote is not None and window.side_panel.selected_span_id == quote
    (link,) = window.session.relations  # labelled right after its speaker, the quote was linked to it
    window.session.delete_relation(link.id)
    qtbot.keyClick(window.reader, "a")  # linking it to its speaker again, half way
    assert window.reader.linking
    rehighlights: list[int] = []
    hl = window.reader.highlighter
    real_rehighlight = hl.rehighlight
    monkeypatch.setattr(hl, "rehighlight", lambda: (rehighlights.append(1), real_rehighlight()))
    resets: list[int] = []
    window.side_panel.spans_model.modelReset.connect(lambda: resets.append(1))

    colleague = Store.open(project_path)
    other_doc = colleague.list_documents("sara")[1].id
    colleague.add_span(other_doc, 0, 4, "CUE", "sara")  # another document
    heard(qtbot, window)
    colleague.add_span(window.session.doc_id, 0, 4, "CUE", "sara")  # this document, another annotator
    heard(qtbot, window)
    colleague.set_status(other_doc, "mona", Status.DONE)  # the list and progress still follow
    heard(qtbot, window)
    assert window.progress_text == "1/3 done"
    model = window.doc_list.model
    assert model.data(model.index(model.row_of(other_doc), 2)) == "Done"
    assert rehighlights == [] and resets == []
    assert window.reader.linking and window.reader.selected_span_id == quote
    assert window.side_panel.selected_span_id == quote

    # an edit of this document by this annotator in another window does show up
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)  # cancel the linking
    start, end = word(text, "CNN Turk")
    colleague.add_span(window.session.doc_id, start, end, "ORG", "mona")
    heard(qtbot, window)
    assert rehighlights == [] and resets == []  # only what changed: one block, one inserted row
    assert sorted(s.label for s in window.session.spans) == ["ORG", "QUOTE", "SPEAKER"]
    assert window.side_panel.spans_model.rowCount() == 3
    assert window.reader.selected_span_id == quote  # still there, still selected
    assert format_at(window.reader, start) is not None
    colleague.close()


def test_undo_actions_ask_the_store_once_each(qtbot, project_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, project_path)
    asked: list[str] = []
    real_next = window.session.next_undo

    def next_undo(redo: bool = False):
        asked.append("redo" if redo else "undo")
        return real_next(redo=redo)

    monkeypatch.setattr(window.session, "next_undo", next_undo)
    monkeypatch.setattr(window.session, "can_undo", lambda: pytest.fail("next_undo already tells"))
    monkeypatch.setattr(window.session, "can_redo", lambda: pytest.fail("next_undo already tells"))
    label_words(qtbot, window, "هاكان فيدان", "p")
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    assert window.act_undo.text().replace("&", "") == "Undo Add PERS"
    asked.clear()
    window.act_undo.trigger()
    assert not window.act_undo.isEnabled() and window.act_redo.isEnabled()
    assert window.act_undo.text().replace("&", "") == "Undo"
    assert window.act_redo.text().replace("&", "") == "Redo Add PERS"
    assert sorted(asked) == ["redo", "undo"]


def test_an_annotator_with_a_queue_sees_it_first(qtbot, project_path: Path) -> None:
    with Store.open(project_path) as store:
        ids = store.document_ids()
        store.assign([(ids[1], "mona"), (ids[2], "mona"), (ids[0], "sara")], by="lead")
    window = make_window(qtbot, project_path)
    assert window.session.doc_id == ids[1]  # the first unfinished document of her queue
    docs = window.doc_list
    assert docs.status_combo.currentText() == "My queue"
    assert [docs.model.data(docs.model.index(r, 0)) for r in range(docs.model.rowCount())] == [
        "news-1",
        "news-2",
    ]
    window.act_done_next.trigger()
    assert window.session.doc_id == ids[2]
    docs.status_combo.setCurrentIndex(docs.status_combo.findText("All"))
    assert docs.model.rowCount() == 3


def test_a_server_that_goes_away_is_said_and_the_window_carries_on_when_it_is_back(qtbot, pg_server) -> None:
    url = pg_server.url(pg_server.new_database("away"))
    with Store.create(url) as store:
        store.add_documents(NewDocument(f"news-{i}", t) for i, t in enumerate(TEXTS))
    window = make_window(qtbot, pg_server.as_user(url, "mona"))
    label_words(qtbot, window, "هاكان فيدان", "s")
    pg_server.stop_server()
    try:
        qtbot.waitUntil(
            lambda: (window.session.check_external(), window.error_label.isVisible())[1], timeout=5000
        )
        assert "connection to the server is lost" in window.error_label.text()
        errors: list[str] = []
        window.session.error.connect(errors.append)
        monkey = QMessageBox.exec  # the "not saved" dialog would block: answer it at once
        QMessageBox.exec = lambda self: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
        try:
            label_words(qtbot, window, "CNN Turk", "o")
        finally:
            QMessageBox.exec = monkey  # type: ignore[method-assign]
        assert errors and "Nothing was changed" in errors[0]
        assert [s.label for s in window.session.spans] == ["SPEAKER"]  # what was saved is still shown
    finally:
        pg_server.restart()
    qtbot.waitUntil(
        lambda: (window.session.check_external(), "again" in window.statusBar().currentMessage())[1],
        timeout=10000,
    )
    label_words(qtbot, window, "CNN Turk", "o")
    with Store.open(url) as check:
        assert sorted(s.label for s in check.spans(window.session.doc_id, "mona")) == ["ORG", "SPEAKER"]


def _answer_next_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click `button` of the message box about to open (modal: its exec() blocks the test)."""
    from PySide6.QtCore import QTimer

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_delete_document_asks_then_deletes_and_opens_the_next(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    label_words(qtbot, window, "فيدان", "p")
    first = window.session.doc_id
    seen: list[str] = []
    _answer_next_box(QMessageBox.StandardButton.Cancel, seen)
    window.act_delete_doc.trigger()
    assert "news-0" in seen[0] and "1 spans" in seen[0] and "cannot be undone" in seen[0]
    assert window.store.has_document(first)  # cancelled: nothing deleted
    _answer_next_box(QMessageBox.StandardButton.Yes, seen)
    window.act_delete_doc.trigger()
    assert not window.store.has_document(first)
    assert window.session.doc is not None and window.session.doc.name == "news-1"
    assert window.doc_list.model.rowCount() == 2
    assert [window.doc_list.model.data(window.doc_list.model.index(r, 0)) for r in range(2)] == [
        "news-1",
        "news-2",
    ]
    assert window.store.spans(first) == []


def test_a_document_deleted_by_another_window_closes_here(qtbot, project_path: Path) -> None:
    window = make_window(qtbot, project_path)
    shown = window.session.doc_id
    with Store.open(project_path) as other:
        other.delete_documents([shown])
    assert window.session.check_external()
    assert window.session.doc is not None and window.session.doc_id != shown
    assert window.doc_list.model.rowCount() == 2
