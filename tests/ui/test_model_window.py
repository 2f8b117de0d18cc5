"""The entity model in the window: retraining in the background from Suggestions > Entity model (the
window keeps handling events, progress and per-label quality shown), retraining after N documents
marked done, and the model's suggestions reviewed with the same keys as all suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.learning import TrainOptions, load_model, train_project
from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.model_dialog import ModelDialog
from tests.core.learning_fixtures import PERSONS, fill_project

TRAINING_TIMEOUT_MS = 180_000  # a child process trains; the machine may be busy


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "news.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=12, annotator="mona")
        fill_project(store, n_docs=3, seed=21, annotator="mona", status=None)  # not done yet
    return path


def make_window(qtbot, path: Path, annotator: str = "mona") -> MainWindow:
    window = MainWindow(Store.open(path), annotator)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()
    return window


def open_model_dialog(qtbot, window: MainWindow) -> ModelDialog:
    qtbot.keyClick(
        window.reader, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = next(d for d in window._dialogs if isinstance(d, ModelDialog))
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_retrain_from_the_window_in_the_background(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    dialog = open_model_dialog(qtbot, window)
    assert "no entity model yet" in dialog.info.text() and dialog.table.rowCount() == 0
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    stages: list[str] = []
    window.model_trainer.progress.connect(lambda stage, _d, _t: stages.append(stage))
    with qtbot.waitSignal(window.model_trainer.finished, timeout=TRAINING_TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        assert dialog.train_button.text() == "&Cancel training" and dialog.bar.isVisible()
        # the window stays usable while the model trains: a key press labels a selection
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(window.reader.to_u16(0))
        cursor.setPosition(window.reader.to_u16(3), QTextCursor.MoveMode.KeepAnchor)
        window.reader.setTextCursor(cursor)
        qtbot.keyClick(window.reader, Qt.Key.Key_P)
    timer.stop()
    ok, message, result = finished.args
    assert ok, message
    assert {"features", "training", "measuring"} <= set(stages)
    assert len(ticks) > 5  # the event loop ran throughout
    # (the selection is the first three characters; a proclitic there is left out of the span)
    assert any(s.label == "PERS" and s.start < 3 for s in window.session.spans)
    # the per-label quality, as the dialog shows it
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert rows == ["GPE", "ORG", "PERS", "overall"]
    assert float(dialog.table.item(3, 3).text()) == pytest.approx(
        result["quality"]["overall"]["f1"], abs=1e-3
    )
    assert "Trained" in dialog.info.text() and "held-out" in dialog.info.text()
    assert dialog.train_button.text() == "&Train now" and not dialog.bar.isVisible()
    assert load_model(window.store) is not None
    # said in the status bar once the label key's message (shown while it trained) has been read
    bar = window.statusBar()
    assert "Entity model trained on 12 documents" in (bar.waiting or bar.currentMessage())
    qtbot.waitUntil(lambda: "Entity model trained on 12 documents" in bar.currentMessage(), timeout=10000)


def test_cancel_keeps_the_stored_model(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    dialog = open_model_dialog(qtbot, window)
    with qtbot.waitSignal(window.model_trainer.finished, timeout=TRAINING_TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)  # now "Cancel training"
    assert finished.args[0] is False and "cancelled" in finished.args[1]
    assert load_model(window.store) is None and "cancelled" in dialog.info.text()


def test_retrain_after_every_n_documents_done(qtbot, project: Path) -> None:
    window = make_window(qtbot, project)
    dialog = open_model_dialog(qtbot, window)
    dialog.every.setValue(2)
    dialog.close()
    unfinished = [d for d in window.store.document_ids() if window.store.status(d, "mona").value != "done"]
    window.session.open_document(unfinished[0])
    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not window.model_trainer.running  # one of two
    window.session.open_document(unfinished[1])
    with qtbot.waitSignal(window.model_trainer.finished, timeout=TRAINING_TIMEOUT_MS) as finished:
        qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        assert window.model_trainer.running
    assert finished.args[0], finished.args[1]
    assert load_model(window.store).info["documents"] == 14


def test_model_suggestions_are_reviewed_like_all_suggestions(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=12, annotator="mona")
        train_project(store, TrainOptions(max_iterations=40))
        seen = {store.document(d).text[s.start : s.end] for d in store.document_ids() for s in store.spans(d)}
        a, b = [p for p in PERSONS if p not in seen][:2]
        text = f"وقال الرئيس {a} في القاهرة إن المفاوضات مستمرة .\nوأكد وزير الخارجية {b} أن الوفد وصل ."
        doc_id = store.add_documents([NewDocument("new", text)]).ids[0]
    window = make_window(qtbot, path)
    window.session.open_document(doc_id)
    qtbot.waitUntil(lambda: any(s.source == "model" for s in window.session.suggestions()))
    assert "from the rules, project memory and entity model" in window.statusBar().currentMessage()
    from_model = [s for s in window.session.suggestions() if s.source == "model"]
    assert {(text[s.start : s.end], s.label) for s in from_model} >= {(a, "PERS"), (b, "PERS")}
    assert all(0 < s.confidence <= 1 for s in from_model)
    reader = window.reader
    target = next(s for s in from_model if text[s.start : s.end] == a)
    for _ in range(len(window.session.suggestions())):  # Tab goes through suggestions, the model's too
        if reader.selected_span_id == target.id:
            break
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id == target.id
    qtbot.keyClick(reader, Qt.Key.Key_Return)  # accept
    accepted = [s for s in window.session.spans if not s.suggested and s.label == "PERS"]
    assert [(text[s.start : s.end]) for s in accepted] == [a]
    other = next(
        s for s in window.session.suggestions() if s.source == "model" and text[s.start : s.end] == b
    )
    while reader.selected_span_id != other.id:
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
    qtbot.keyClick(reader, Qt.Key.Key_X)  # reject
    assert all(s.id != other.id for s in window.session.spans)


def test_too_few_annotations_is_said_in_the_dialog(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "few.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=2, annotator="mona")
    window = make_window(qtbot, path)
    dialog = open_model_dialog(qtbot, window)
    with qtbot.waitSignal(window.model_trainer.finished, timeout=TRAINING_TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is False and "too few annotations" in finished.args[1]
    assert "too few annotations" in dialog.info.text() and load_model(window.store) is None
    assert "Entity model not trained: too few annotations" in window.statusBar().currentMessage()
