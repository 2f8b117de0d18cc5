"""A damaged project opens in the window (only its header and schema are read at once), but the full
check running in the background refuses the first edit: the annotator is told, nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.ui.main_window import MainWindow
from tests.core.test_integrity import damage_page, files, make_project


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()


def test_first_label_in_a_damaged_project_is_refused_and_nothing_written(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)  # the dialog would wait for a click
    path = tmp_path / "damaged.annotator.db"
    make_project(path)
    damage_page(path)
    before = files(path)
    window = MainWindow(None, "mona")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.open_project(path)  # opens: the header and the schema are sound
    session = window.session
    assert session.doc is not None
    text = session.doc.text
    start = text.index("الوزير")
    window.reader.select_text(start, start + len("الوزير"))
    with qtbot.waitSignal(session.error, timeout=10_000) as blocker:
        qtbot.keyClick(window.reader, "p")
    assert "damaged" in blocker.args[0] and "refused" in blocker.args[0]
    assert session.spans == [] and window.error_label.text() == blocker.args[0]
    window.close()
    assert files(path) == before
