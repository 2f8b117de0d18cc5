"""An imported note (brat AnnotatorNotes, a Label Studio per-region text) is shown in the window:
in the side panel's attributes column, whole in its tool tip, as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.importers import import_paths
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.side_panel import ID_ROLE

TEXT = "قال الوزير محمد علي إن الوضع مستقر."
NOTE = "تحقق من المنصب <b>قبل</b> النشر"


def test_brat_note_is_shown_in_the_side_panel(qtbot, tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    s = TEXT.index("الوزير محمد علي")
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(
        f"T1\tSPEAKER {s} {s + 15}\tالوزير محمد علي\n#1\tAnnotatorNotes T1\t{NOTE}\n", encoding="utf-8"
    )
    path = tmp_path / "p.db"
    with Store.create(path) as store:
        assert import_paths(store, [tmp_path / "doc.txt"], annotator="mona").ok
    window = MainWindow(Store.open(path), "mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window or window.isVisible())
    model = window.side_panel.spans_model

    # the window may add its own suggestions beside the imported span: find the imported one
    def imported_row() -> int | None:
        rows = [r for r in range(model.rowCount()) if model.data(model.index(r, model.ORIGIN)) == "imported"]
        return rows[0] if rows else None

    qtbot.waitUntil(lambda: imported_row() is not None)
    row = imported_row()
    index = model.index(row, model.ATTRS)
    assert model.data(index) == f"note={NOTE}"
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;قبل&lt;/b&gt;" in tip and "<b>قبل" not in tip  # plain text, never HTML
    # clicking the row selects the noted span in the reader
    rect = window.side_panel.spans_view.visualRect(model.index(row, 0))
    qtbot.mouseClick(window.side_panel.spans_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.selected_span_id == model.data(model.index(row, 0), ID_ROLE)
