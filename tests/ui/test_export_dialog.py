"""The export dialog driven like a user would: pick a format and a path, press Export, cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.ui import export_dialog as module
from annotator.ui.export_dialog import ExportDialog
from tests.core.export_fixtures import listing, make_sample_project


@pytest.fixture
def store(tmp_path: Path):
    s = make_sample_project(tmp_path / "sample.annotator.db")
    yield s
    s.close()


@pytest.fixture
def dialog(qtbot, store):
    dlg = ExportDialog(None, store, "ali")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_export_jsonl_by_clicking(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "out" / "project.jsonl"
    out.parent.mkdir()
    dialog.set_format("jsonl")
    assert all(box.isChecked() for box in dialog.status_checks.values())
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error is None and dialog.report is not None
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[1])["name"] == "تصريح الوزير"
    shown = dialog.report_view.toPlainText()
    assert "exported 3 documents" in shown and str(out) in shown
    assert dialog.isVisible()  # the report stays on screen
    # a second click refuses to overwrite, until "replace" is ticked
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.report is None and "exists" in dialog.report_view.toPlainText()
    dialog.force_check.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None


def test_training_format_defaults_and_filters(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.path_edit.setText(str(tmp_path / "ner.jsonl"))
    dialog.set_format("conll")
    assert dialog.path_edit.text().endswith("ner.conll")
    checked = {st for st, box in dialog.status_checks.items() if box.isChecked()}
    assert checked == {Status.DONE, Status.ADJUDICATED}
    for i in range(dialog.label_list.count()):
        item = dialog.label_list.item(i)
        if item.text() not in ("GPE", "PERS", "ORG"):
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.map_edit.setText("GPE=LOC")
    dialog.annotator_combo.setCurrentIndex(dialog.annotator_combo.findData("ali"))
    dialog.split_check.setChecked(True)
    dialog.seed_spin.setValue(5)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    report = dialog.report
    assert report is not None, dialog.error
    assert report.documents == 2 and sorted(report.splits) == ["dev", "test", "train"]
    text = "".join(
        (tmp_path / f"ner.{s}.conll").read_text(encoding="utf-8") for s in ("train", "dev", "test")
    )
    assert "B-LOC" in text and "GPE" not in text and "QUOTE" not in text


def test_bad_form_is_reported_not_raised(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error == "choose an output file"
    dialog.path_edit.setText(str(tmp_path / "x.jsonl"))
    dialog.map_edit.setText("GPE")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "FROM=TO" in dialog.error
    dialog.map_edit.setText("<b>GPE</b>=LOC")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "unknown label '<b>GPE</b>'" in dialog.report_view.toPlainText()  # shown as typed, not as HTML
    assert not (tmp_path / "x.jsonl").exists()


def test_cancel_midway_leaves_no_file(qtbot, dialog: ExportDialog, tmp_path: Path, monkeypatch) -> None:
    real = module.export
    seen = []

    def export_and_press_cancel(store, fmt, out, options, *, progress):
        def wrapped(done: int, total: int):
            seen.append(done)
            if done == 2:  # the user presses Cancel while the third document is written
                assert dialog.progress_dialog is not None
                dialog.progress_dialog.cancel()
            return progress(done, total)

        return real(store, fmt, out, options, progress=wrapped)

    monkeypatch.setattr(module, "export", export_and_press_cancel)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for fmt, name in (("brat", "brat"), ("hf", "ner.jsonl")):
        seen.clear()
        dialog.set_format(fmt)
        dialog.path_edit.setText(str(out_dir / name))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert seen == [0, 1, 2]
        assert dialog.report is None and "cancelled" in dialog.report_view.toPlainText()
        assert listing(out_dir) == []
    assert dialog.export_button.isEnabled() and dialog.progress_dialog is None
