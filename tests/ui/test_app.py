"""Starting the program: sample project, annotator name, fonts, argument parsing, run()."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.resources import resource_files
from annotator.ui import app as app_module
from annotator.ui.highlighter import SpanHighlighter


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, qapp, monkeypatch):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "home"))
    names = qapp.applicationName(), qapp.organizationName()
    palette, style = qapp.palette(), qapp.style().name()
    QSettings().clear()
    QSettings().setValue(
        "suggest/auto", False
    )  # these tests start from empty layers (suggestions: test_suggest_window.py)
    yield
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("annotatorDark", None)


def _digest(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_sample_project_created_under_annotator_home(tmp_path: Path, sample_text: str) -> None:
    bundled = [Path(str(p)) for p in resource_files("sample", ".txt")]
    before = _digest(bundled)
    path = app_module.ensure_sample_project()
    assert path == tmp_path / "home" / "sample.annotator.db"
    assert not list((tmp_path / "home").glob("*.creating*"))  # built aside, renamed into place
    with Store.open(path) as store:
        docs = store.list_documents("mona")
        assert len(docs) == len(bundled) == 1
        assert store.document(docs[0].id).text == sample_text
        assert "QUOTE" in store.guidelines
    mtime = path.stat().st_mtime_ns
    assert app_module.ensure_sample_project() == path  # not rebuilt on later starts
    assert path.stat().st_mtime_ns == mtime
    assert _digest(bundled) == before  # the bundled files are never modified


def test_annotator_name_override_setting_and_question() -> None:
    def never() -> str:
        raise AssertionError("must not ask")

    assert app_module.resolve_annotator("  sara ", ask=never) == "sara"
    assert QSettings().value(app_module.NAME_KEY) is None  # an override is not saved
    asked: list[int] = []

    def ask() -> str:
        asked.append(1)
        return "mona"

    assert app_module.resolve_annotator(None, ask=ask) == "mona"
    assert app_module.resolve_annotator(None, ask=ask) == "mona"
    assert asked == [1]  # asked on first start only
    assert QSettings().value(app_module.NAME_KEY) == "mona"
    assert app_module.resolve_annotator("sami", ask=never) == "sami"  # --annotator overrides


def test_cancelled_question_falls_back_without_saving() -> None:
    name = app_module.resolve_annotator(None, ask=lambda: None)
    assert name
    assert QSettings().value(app_module.NAME_KEY) is None


def test_parse_args() -> None:
    args = app_module.parse_args(["p.annotator.db", "--annotator", "mona"])
    assert (args.project, args.annotator) == ("p.annotator.db", "mona")
    args = app_module.parse_args([])
    assert (args.project, args.annotator) == (None, None)


def test_bundled_fonts_are_loaded() -> None:
    families = app_module.load_fonts()
    assert {"Noto Naskh Arabic", "Noto Sans"} <= set(families)
    assert {"Noto Naskh Arabic", "Noto Sans"} <= set(QFontDatabase.families())


def test_create_window_opens_sample_or_reports_refusal(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = app_module.create_window(None, "mona")
    qtbot.addWidget(window)
    assert window.store.path == tmp_path / "home" / "sample.annotator.db"
    assert window.session.doc is not None and window.session.annotator == "mona"
    window.close()
    calls: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: calls.append(text))
    bad = tmp_path / "bad.annotator.db"
    bad.write_text("garbage")
    window = app_module.create_window(str(bad), "mona")
    qtbot.addWidget(window)
    assert window.store is None and len(calls) == 1 and "not an annotator project" in calls[0]


def test_run_uses_annotator_option_and_returns_exec_code(qapp, tmp_path: Path, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    monkeypatch.setattr(app_module, "ask_name", lambda parent=None: pytest.fail("must not ask"))
    real_create = app_module.create_window

    def create(project, annotator):
        window = real_create(project, annotator)
        shown.append(window)
        return window

    monkeypatch.setattr(app_module, "create_window", create)
    assert app_module.run(None, "sara") == 0
    window = shown[0]
    try:
        assert window.isVisible() and window.annotator == "sara"
        assert window.windowTitle() == "annotator — sample.annotator.db"
        assert qapp.organizationName() == "annotator" and qapp.applicationName() == "annotator"
    finally:
        window.close()
        window.deleteLater()
    assert app_module.main(["--annotator", "sami", str(tmp_path / "home" / "sample.annotator.db")]) == 0
    shown[1].close()
    shown[1].deleteLater()
    assert shown[1].annotator == "sami"


def test_sample_that_fails_to_import_is_not_kept(qtbot, tmp_path: Path, monkeypatch) -> None:
    import annotator.core.importers as importers
    from annotator.core.importers import ImportFailure
    from annotator.core.store import ProjectError

    real_import = importers.import_paths

    def partly_failing(store, paths, **kwargs):
        report = real_import(store, paths, **kwargs)  # a partial sample: one file in, one failed
        report.failures.append(ImportFailure("second.txt", None, "cannot be decoded"))
        return report

    monkeypatch.setattr(importers, "import_paths", partly_failing)
    home = tmp_path / "home"
    with pytest.raises(ProjectError, match="second.txt: cannot be decoded"):
        app_module.ensure_sample_project()
    assert not (home / "sample.annotator.db").exists()
    assert list(home.iterdir()) == []  # no half-made sample, no leftovers
    calls: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: calls.append(text))
    window = app_module.create_window(None, "mona")  # the error is shown, the window stays empty
    qtbot.addWidget(window)
    assert window.store is None and len(calls) == 1 and "cannot be decoded" in calls[0]
    monkeypatch.setattr(importers, "import_paths", real_import)
    path = app_module.ensure_sample_project()  # the next start tries again
    with Store.open(path) as store:
        assert len(store.list_documents("mona")) == 1


def test_check_start_opens_the_sample_and_reports_it(capsys) -> None:
    """What CI runs against the installed wheel and the built program (`gui --check-start`)."""
    assert app_module.check_start(None, "ci") == 0
    out = capsys.readouterr().out
    assert "documents: 1" in out and "QUOTE" in out and "Noto Naskh Arabic" in out
    assert not QApplication.instance().windowIcon().isNull()


def test_missing_bundled_schema_is_a_message_and_leaves_no_file(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A broken install (no schema in the package): a bare `annotator` shows why, with no traceback
    and no half-made sample left behind."""
    from annotator.core import store as store_module
    from annotator.core.schema import SchemaError

    def unreadable():
        raise SchemaError("bundled schema annotator/resources/schema.toml: cannot read")

    monkeypatch.setattr(store_module, "default_schema", unreadable)
    calls: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: calls.append(text))
    window = app_module.create_window(None, "mona")
    qtbot.addWidget(window)
    assert window.store is None and len(calls) == 1 and "schema.toml: cannot read" in calls[0]
    home = tmp_path / "home"
    assert not home.exists() or list(home.iterdir()) == []


def test_check_start_reports_a_refusal_instead_of_waiting_on_its_dialog(capsys, monkeypatch) -> None:
    """A broken build (here: no schema) shows a message box; the check closes it and fails."""
    from annotator.core import store as store_module
    from annotator.core.schema import SchemaError

    def unreadable():
        raise SchemaError("bundled schema.toml: cannot read")

    monkeypatch.setattr(store_module, "default_schema", unreadable)
    assert app_module.check_start(None, "ci") == 1
    assert "refused: " in capsys.readouterr().out


def _first_line_in_view(reader) -> bool:
    """The first line of the text lies wholly inside the reader's viewport (nothing of it above)."""
    document = reader.document()
    block = document.firstBlock()
    top = reader.blockBoundingGeometry(block).translated(reader.contentOffset()).top()  # lays it out
    layout = block.layout()  # kept: a QTextLine is only valid while its layout is referenced
    rect = layout.lineAt(0).rect().translated(0, top)
    return rect.top() >= 0 and rect.bottom() <= reader.viewport().height()


@pytest.mark.parametrize("size", [16, 26])
@pytest.mark.parametrize("which", ["sample", "project", "large"])
def test_document_opened_at_start_up_shows_its_first_line(qtbot, tmp_path: Path, which, size) -> None:
    """At start-up the document is opened while the window is still hidden and the reader a few
    pixels tall; the reader must still show it from its first line (the dateline, the lead) once the
    window is up, at the default text size and a larger one, and for a document large enough to be
    coloured lazily."""
    QSettings().setValue("view/fontSize", size)
    project = None
    if which != "sample":
        project = tmp_path / "news.annotator.db"
        store = Store.create(project)
        lead = "نقلت صحيفة يديعوت أحرونوت الإسرائيلية عن مسؤول أميركي رفيع قوله إن الأهداف محددة. " * 3
        rest = "\n".join(
            "وأشارت الصحيفة إلى أن الهدف الأول مطار عسكري في الشمال."
            for _ in range(40 if which == "project" else 2000)
        )
        store.add_documents([NewDocument("news-1", lead + "\n" + rest, {"title": "خبر"})])
        store.close()
    app_module.load_fonts()
    window = app_module.create_window(str(project) if project else None, "mona")  # as `annotator` does
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.viewport().height() > 300)
    assert reader.font().pointSizeF() == size
    assert reader.verticalScrollBar().maximum() > 0  # the text is longer than the view: it could scroll
    assert reader.verticalScrollBar().value() == 0
    assert reader.firstVisibleBlock().blockNumber() == 0
    assert _first_line_in_view(reader)
    if which == "large":
        assert len(window.session.doc.text) > SpanHighlighter.LAZY_CHARS
