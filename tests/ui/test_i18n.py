"""The Arabic interface: every string translated (and compiled), the window mirrored, chosen in View;
the review windows, the charts, the entity model dialog and the session's messages too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox

from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.adjudication_window import AdjudicationWindow
from annotator.ui.bidi import LRI, unmarked
from annotator.ui.charts_dialog import ChartsDialog
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.help_dialog import ShortcutsDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.model_dialog import ModelDialog
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
    said = window.statusBar().currentMessage()
    assert unmarked(said) == "تم التراجع عن: إضافة PERS"
    assert "\u2066PERS\u2069" in said  # the Latin label name isolated in the right-to-left line


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


# ----------------------------------------------------------------------------- the review windows
REVIEW_TEXT = "قال الوزير محمد علي إن «الحكومة المصرية ستعقد اجتماعا» في القاهرة."


@pytest.fixture
def review_project(tmp_path: Path, qapp) -> Path:
    """Two annotators who disagree on two spans of one document."""
    isolate_settings(tmp_path)
    path = tmp_path / "review.annotator.db"
    with Store.create(path) as store:
        (doc,) = store.add_documents([NewDocument("news-1", REVIEW_TEXT)]).ids

        def at(words: str) -> tuple[int, int]:
            return REVIEW_TEXT.index(words), REVIEW_TEXT.index(words) + len(words)

        for who in ("layla", "omar"):
            store.add_span(doc, *at("الحكومة المصرية"), "ORG", who)
            store.set_status(doc, who, Status.DONE)
        store.add_span(doc, *at("محمد علي"), "PERS", "layla")
        store.add_span(doc, *at("محمد"), "PERS", "omar")
        store.add_span(doc, *at("القاهرة"), "GPE", "layla")
        store.add_span(doc, *at("القاهرة"), "LOC", "omar")
    return path


def active(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_adjudication_window_speaks_arabic(qtbot, review_project: Path, english) -> None:
    i18n.apply_language("ar")
    window = active(qtbot, AdjudicationWindow(Store.open(review_project)))
    assert window.isRightToLeft() and window.menuBar().isRightToLeft() and window.table.isRightToLeft()
    texts = [
        window.windowTitle().replace("review.annotator.db", ""),
        window.document_label.text(),
        window.menu.title(),
        *[a.text() for a in window.actions()],
        *headers(window.model)[1:3],  # "#" and then what each annotator has: names
        headers(window.model)[-1],
        *[window.model.data(window.model.index(r, 1)) for r in range(window.model.rowCount())],
        window.position.text(),
    ]
    assert untranslated(texts) == []
    assert window.act_take[1].text() == "اعتماد نسخة المُوسِّم 2"  # the number put into the template
    qtbot.keyClick(window.reader, Qt.Key.Key_F8)
    assert window.position.text().startswith("الخلاف 1 من 2")
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert unmarked(window.statusBar().currentMessage()) == "اعتُمدت نسخة layla للخلاف 1"
    qtbot.keyClick(window.reader, Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)
    assert unmarked(window.statusBar().currentMessage()) == "لا مُوسِّم برقم 9 هنا"
    sheet = window.shortcuts_dialog()
    qtbot.addWidget(sheet)
    labels = tuple(window.session.schema.label_names)
    assert any(section == "التحكيم" for section, _k, _d in sheet.rows)
    for section, _keys, does in sheet.rows:
        if not does.startswith(labels):  # the attribute keys' text is the project's schema
            assert ARABIC.search(section) and ARABIC.search(does), (section, does)
    # and back in English, while the window is open
    i18n.apply_language("en")
    QApplication.processEvents()
    assert window.menu.title() == "&Adjudicate" and headers(window.model)[1] == "kind"
    assert window.act_take[1].text() == "Take annotator 2's version" and not window.isRightToLeft()


def test_the_agreement_panel_and_the_charts_speak_arabic(qtbot, review_project: Path, english) -> None:
    i18n.apply_language("ar")
    window = active(qtbot, MainWindow(Store.open(review_project), "layla"))
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_G, ctrl_shift)  # Review > Agreement
    panel = window.agreement_dock.widget()
    qtbot.waitUntil(lambda: panel.report is not None)
    assert panel.isRightToLeft()
    texts = [
        window.agreement_dock.windowTitle(),
        panel.refresh_button.text(),
        panel.status_label.text(),
        panel.label_label.text(),
        panel.summary.text(),
        panel.label.itemText(0),
        *[panel.status.itemText(i) for i in range(panel.status.count())],
        *[panel.tabs.tabText(i) for i in range(panel.tabs.count())],
        *[h for model in panel.models.values() for h in headers(model) if h not in ("P", "R", "F1")],
    ]
    assert untranslated(texts) == []
    alpha = panel.models["alpha"]
    assert alpha.data(alpha.index(alpha.rowCount() - 1, 0)) == "كل الوسوم"
    qtbot.keyClick(window.reader, Qt.Key.Key_H, ctrl_shift)  # Review > Charts
    dialog = window._dialogs[-1]
    qtbot.waitUntil(lambda: dialog.isVisible() and bool(dialog.view.charts))
    assert dialog.isRightToLeft()
    charts = dialog.view.charts
    texts = [dialog.windowTitle(), dialog.refresh_button.text(), dialog.save_button.text()]
    texts += [c.title for c in charts] + [s.name for c in (charts[0], charts[2]) for s in c.series]
    assert untranslated(texts) == []
    assert charts[0].title == "التقدم: المستندات حسب الحالة (عدد المستندات: 1)"
    assert "كل الوسوم" in charts[2].categories
    # the saved PNG is mirrored: the title at the right, where it is at the left in English
    dialog.save(window.store.path.parent / "ar.png")
    i18n.apply_language("en")
    english_png = ChartsDialog(window.store, parent=None)
    qtbot.addWidget(english_png)
    with qtbot.waitSignal(english_png.drawn):
        pass
    english_png.save(window.store.path.parent / "en.png")
    assert title_extent(window.store.path.parent / "ar.png")[0] > 0.5
    assert title_extent(window.store.path.parent / "en.png")[1] < 0.5


def title_extent(png: Path) -> tuple[float, float]:
    """The first and last column (as a share of the width) of dark pixels in the first chart's title."""
    image = QImage(str(png))
    title_rows = range(12, 64, 2)  # chart_image draws the title 6 to 32 px down, saved at scale 2
    dark = [
        x for x in range(image.width()) for y in title_rows if QColor(image.pixel(x, y)).lightness() < 100
    ]
    return min(dark) / image.width(), max(dark) / image.width()


def test_every_chart_text_is_offered_for_translation(review_project: Path) -> None:
    """The core's charts say only what `CHART_TEXTS` lists (else the window shows English)."""
    from annotator.core.charts import dashboard
    from annotator.ui.chart_view import CHART_TEXTS

    with Store.open(review_project) as store:
        full = dashboard(store)
    with Store.create(review_project.with_name("empty.annotator.db")) as store:
        empty = dashboard(store)
    for chart in [*full, *empty]:
        assert (chart.title_template or chart.title) in CHART_TEXTS
        assert chart.empty_text in CHART_TEXTS
    for chart in (full[0], full[2]):  # statuses and agreement measures (the labels chart: label names)
        assert {s.name for s in chart.series} <= set(CHART_TEXTS)


def test_the_entity_model_dialog_speaks_arabic(qtbot, tmp_path: Path, qapp, english) -> None:
    from annotator.core.learning import TrainOptions, train_project
    from tests.core.learning_fixtures import fill_project

    isolate_settings(tmp_path)
    path = tmp_path / "model.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=12, annotator="mona")
        train_project(store, TrainOptions(max_iterations=20))
    i18n.apply_language("ar")
    window = active(qtbot, MainWindow(Store.open(path), "mona"))
    qtbot.keyClick(
        window.reader, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = next(d for d in window._dialogs if isinstance(d, ModelDialog))
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.isRightToLeft() and dialog.table.isRightToLeft()
    table = dialog.table
    texts = [
        dialog.windowTitle(),
        dialog.info.text(),
        dialog.train_button.text(),
        dialog.every.specialValueText(),
        *[w.text() for w in dialog.findChildren(QLabel) if w.text()],
        *[table.horizontalHeaderItem(c).text() for c in (1, 2, 4)],  # (3: F1)
        table.item(table.rowCount() - 1, 0).text(),  # overall
    ]
    assert untranslated(texts) == []
    assert dialog.info.text().startswith("دُرِّب في ")
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)  # train, then cancel
    assert dialog.train_button.text().replace("&", "") == "إلغاء التدريب"
    with qtbot.waitSignal(window.model_trainer.finished, timeout=60_000):
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    assert "أُلغي التدريب؛ النموذج المخزَّن لم يتغير" in dialog.info.text()
    assert window.statusBar().currentMessage().startswith("لم يُدرَّب نموذج الكيانات: أُلغي التدريب")


def test_session_errors_speak_arabic(qtbot, project: Path, english, monkeypatch) -> None:
    """The fixed framing is translated; what the core or SQLite says inside stays as it is."""
    opened: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: opened.append(box))
    i18n.apply_language("ar")
    window = active(qtbot, MainWindow(Store.open(project), "mona"))
    window.session.add_span(5, 3, "QUOTE")  # refused by the store
    said = window.error_label.text()
    assert unmarked(said).startswith("مرفوض: span [5, 3) is outside the text")
    assert LRI + "span [5, 3) is outside the text (length" in said  # the English reason reads as one piece
    assert opened == []  # a refusal: nothing was about to be lost
    store = window.store
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    assert window.session.add_span(0, 3, "CUE", attrs={"note": "x" * 200_000}) is None
    text = window.error_label.text()
    assert text.startswith("تعذّر حفظ التعديل (") and "database or disk is full" in text
    assert [box.windowTitle() for box in opened] == ["لم يُحفظ التعديل"] and opened[0].text() == text
