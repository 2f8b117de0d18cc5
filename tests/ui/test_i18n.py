"""The Arabic interface: every string translated (and compiled), the window mirrored, chosen in View."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.help_dialog import ShortcutsDialog
from annotator.ui.main_window import MainWindow
from tests.shared_data import REPO
from tests.ui.readerutil import isolate_settings

sys.path.insert(0, str(REPO / "tools"))
import translations  # noqa: E402 (tools/translations.py: the same check the translators run)

ARABIC = re.compile("[\u0600-\u06ff]")
LATIN_WORD = re.compile("[A-Za-z]{3,}")
#: Shown as they are in every language: names of languages, the program, data (labels, paths).
UNTRANSLATED = {"English", "annotator"}


def test_every_marked_string_has_an_arabic_translation_and_the_qm_is_compiled() -> None:
    """A string added to the interface without its Arabic translation fails here (and in
    `python tools/translations.py check`)."""
    assert translations.problems("ar") == []
    assert len(translations.marked_strings()) > 150


def test_the_translation_is_package_data() -> None:
    """A wheel carries the .qm: it is read with importlib.resources, declared as package data."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["annotator.ui"]
    assert "translations/*.qm" in patterns
    qm = i18n.qm_path("ar")
    assert qm.is_file() and qm.read_bytes() == translations.qm_path("ar").read_bytes()


@pytest.fixture
def project(tmp_path: Path, qapp) -> Path:
    isolate_settings(tmp_path)
    path = tmp_path / "news.annotator.db"
    store = Store.create(path)
    store.add_documents([NewDocument("news-0", "قال الوزير إن المحادثات مستمرة.")])
    store.set_guidelines("اقتبس الكلام مع علامات التنصيص.")
    store.close()
    return path


@pytest.fixture
def english(qapp):
    yield
    i18n.apply_language("en")


def window_texts(window: MainWindow) -> list[str]:
    """Every text of the window's menus, actions, docks and status bar (data left out)."""
    texts: list[str] = []
    for menu in window.menuBar().findChildren(QMenu):
        if menu is window.recent_menu:
            continue
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if not a.isSeparator() and a.data() not in i18n.LANGUAGES]
    texts += [a.text() for a in window.findChildren(QAction) if a.property("sourceText")]
    texts += [d.windowTitle() for d in (window.docs_dock, window.panel_dock, window.guide_dock)]
    texts += [window.annotator_label.text(), window.doc_status_label.text(), window.progress_label.text()]
    return [t for t in texts if t and t.replace("&", "") not in UNTRANSLATED]


def untranslated(texts: list[str]) -> list[str]:
    return [t for t in texts if not ARABIC.search(t)]


def test_the_window_speaks_arabic_mirrored(qtbot, project: Path, english) -> None:
    i18n.apply_language("ar")
    window = MainWindow(Store.open(project), "mona")
    qtbot.addWidget(window)
    window.show()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft() and window.menuBar().isRightToLeft()
    assert untranslated(window_texts(window)) == []
    # the reader stays right-to-left in either language, and so do the label names (project data)
    assert window.reader.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # dialogs
    sheet = ShortcutsDialog(window.shortcut_actions(), window.reader.keymap(), window)
    qtbot.addWidget(sheet)
    header = [sheet.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert untranslated([sheet.windowTitle(), *header]) == []
    labels = tuple(window.session.schema.label_names)
    for section, _keys, does in sheet.rows:
        if not does.startswith(labels):  # "QUOTE type: 1 direct, …" is the project's schema, as is
            assert ARABIC.search(section) and ARABIC.search(does), (section, does)
    export = ExportDialog(window, window.store, "mona")
    qtbot.addWidget(export)
    labels = [w.text() for w in export.findChildren(QLabel) if w.text()]
    assert untranslated([export.windowTitle(), export.export_button.text(), *labels]) == []
    # what the window says while working
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.select_text(4, 10)
    qtbot.keyClick(window.reader, "p")
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "تم التراجع عن: إضافة PERS"


def test_language_is_chosen_in_view_and_applies_at_once(qtbot, project: Path, english) -> None:
    i18n.apply_language("en")
    window = MainWindow(Store.open(project), "mona")
    qtbot.addWidget(window)
    window.show()
    assert not any(ARABIC.search(t) for t in window_texts(window) if "و ف ب ل ك" not in t)
    window.language_actions["ar"].trigger()  # View > Language > العربية
    assert i18n.current() == "ar" and i18n.saved_choice() == "ar"
    assert window.isRightToLeft() and untranslated(window_texts(window)) == []
    assert window.view_menu.title().replace("&", "") == "عرض"
    window.language_actions["en"].trigger()
    assert not window.isRightToLeft() and window.view_menu.title() == "&View"
    assert window.act_undo.text() == "&Undo"
    window.language_actions[i18n.SYSTEM].trigger()  # back to following the system
    assert i18n.saved_choice() == i18n.SYSTEM


def test_the_language_follows_the_system() -> None:
    """With an Arabic system locale and nothing chosen, the interface starts in Arabic."""
    code = (
        "from PySide6.QtWidgets import QApplication; from annotator.ui import i18n; "
        "app = QApplication([]); print(i18n.apply_language(''), app.layoutDirection().name)"
    )
    for lang, expected in (("ar_EG.UTF-8", "ar RightToLeft"), ("en_GB.UTF-8", "en LeftToRight")):
        env = {
            **os.environ,
            "LANG": lang,
            "LC_ALL": lang,
            "LANGUAGE": lang.split(".")[0],
            "QT_QPA_PLATFORM": "offscreen",
        }
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.split() == expected.split(), out.stderr


def test_system_language_reads_the_locale(monkeypatch) -> None:
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ar_SA")))
    assert i18n.system_language() == "ar"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert i18n.system_language() == "en"
    assert QCoreApplication.translate("Status", "Done") == "Done"  # no translator: the source


def test_every_undo_description_is_offered_for_translation() -> None:
    from annotator.core import model
    from annotator.ui import main_window

    assert main_window.CHANGE_TEMPLATES == model.CHANGE_TEMPLATES


def test_every_export_format_description_is_offered_for_translation() -> None:
    from annotator.core.exporters import FORMAT_HELP
    from annotator.ui.export_dialog import FORMAT_HELP_TEXTS

    assert set(FORMAT_HELP.values()) <= set(FORMAT_HELP_TEXTS)


def test_the_side_panel_and_the_document_list_speak_arabic(qtbot, project: Path, english) -> None:
    i18n.apply_language("en")
    window = MainWindow(Store.open(project), "mona")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.select_text(4, 10)
    qtbot.keyClick(window.reader, "s")
    window.language_actions["ar"].trigger()  # switched while the window is open: the panels follow
    QApplication.processEvents()  # (on their LanguageChange event)
    panel, docs = window.side_panel, window.doc_list

    def headers(model) -> list[str]:
        return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]

    texts = [
        *headers(panel.spans_model),
        *headers(panel.relations_model),
        *headers(docs.model),
        panel.spans_title.text(),
        panel.relations_title.text(),
        panel.attr_title.text().replace("SPEAKER", ""),
        panel.delete_relation_button.text(),
        panel.spans_model.data(panel.spans_model.index(0, 4)),  # the origin
        docs.model.data(docs.model.index(0, docs.model.STATUS)),
        docs.model.data(docs.model.index(0, docs.model.SPANS), Qt.ItemDataRole.ToolTipRole),
        docs.search.placeholderText(),
        *[docs.status_combo.itemText(i) for i in range(docs.status_combo.count())],
    ]
    assert untranslated(texts) == []
    window.language_actions["en"].trigger()
    QApplication.processEvents()
    assert panel.spans_title.text().startswith("Spans (") and headers(docs.model)[0] == "Name"
