"""Starting the window: the application object, bundled fonts, theme, annotator name, project.

`run(project, annotator_name)` is what `annotator [PROJECT]` calls; `main()` is the `annotator-gui`
entry point. The pieces (`load_fonts`, `resolve_annotator`, `ensure_sample_project`) are separate so
tests can check each without starting an event loop.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from annotator import __version__
from annotator.resources import resource_files, resource_path, resource_paths
from annotator.ui import i18n
from annotator.ui.i18n import translate

APP_NAME = "annotator"
ORG_NAME = "annotator"
SAMPLE_NAME = "sample.annotator.db"
NAME_KEY = "annotator/name"
HOME_ENV = "ANNOTATOR_HOME"

SAMPLE_GUIDELINES = """\
Sample project: one Arabic news article to try the tool on.

QUOTE — what was said, direct or reported, with its quotation marks when it has them.
    Attribute type: direct (the words as said), indirect (reported: أن / إن ...), mixed.
SPEAKER — who said it: a name, a title ("المتحدث باسم وزارة الدفاع") or an anonymous source ("مصادر").
    Attribute kind: named, title, anonymous, pronoun, media.
CUE — the speech verb or phrase that introduces the quote: قال، أكد، أشار، وفقًا لـ.
PERS, ORG, GPE, LOC, MISC — named entities (GPE for countries and cities).

Link each QUOTE to its SPEAKER (ATTRIBUTED_TO) and each CUE to its QUOTE (CUE_OF).
Leave out the proclitics و ف ب ل ك at the start of a span; keep ال.
Press F1 for every key.
"""

_fonts_loaded: list[str] | None = None


def setup_application(app: QApplication) -> None:
    """Names used by QSettings and QStandardPaths."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)


def load_fonts() -> list[str]:
    """Register the bundled fonts (once); returns their family names."""
    global _fonts_loaded
    if _fonts_loaded is not None:
        return _fonts_loaded
    families: list[str] = []
    for font in resource_files("fonts", ".ttf"):
        font_id = QFontDatabase.addApplicationFontFromData(font.read_bytes())
        if font_id >= 0:
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
    _fonts_loaded = families
    return families


def app_icon() -> QIcon:
    """The program's icon (also what the Linux .desktop file and the standalone build use)."""
    icon = QIcon()
    pixmap = QPixmap()
    if pixmap.loadFromData(resource_path("icon.png").read_bytes()):
        icon.addPixmap(pixmap)
    return icon


def apply_app_font(app: QApplication) -> None:
    """Keep the system font for the interface, with the bundled fonts as fallbacks for Arabic and Latin
    (a bare machine without Arabic fonts would otherwise show boxes in lists and tables)."""
    font = QFont(app.font())
    families = [f for f in font.families() if f] or [font.family()]
    for extra in ("Noto Sans", "Noto Naskh Arabic"):
        if extra not in families:
            families.append(extra)
    font.setFamilies(families)
    app.setFont(font)


def user_data_dir() -> Path:
    """Where per-user files live: $ANNOTATOR_HOME, else Qt's AppDataLocation."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".annotator"


def sample_project_path() -> Path:
    return user_data_dir() / SAMPLE_NAME


def ensure_sample_project() -> Path:
    """The per-user copy of the sample project, created from the bundled sample on first use.

    The bundled files are only read. The project is built under a temporary name and renamed into
    place when complete, so an interrupted first start never leaves a half-made sample. A bundled
    file that fails to import raises `ProjectError` (the caller shows it) and leaves no file behind,
    so the next start tries again.
    """
    from annotator.core.importers import import_paths
    from annotator.core.store import ProjectError, Store

    path = sample_project_path()
    if path.exists() and path.stat().st_size > 0:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".creating")
    tmp_files = (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm"))
    for leftover in tmp_files:
        leftover.unlink(missing_ok=True)
    store = Store.create(tmp)
    try:
        with resource_paths("sample", ".txt") as sources:
            report = import_paths(store, sources)
        if report.failures:
            raise ProjectError(
                "The bundled sample could not be imported:\n" + "\n".join(str(f) for f in report.failures)
            )
        store.set_guidelines(SAMPLE_GUIDELINES)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        store.close()
        for leftover in tmp_files:
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    for leftover in tmp_files[1:]:
        leftover.unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def ask_name(parent=None) -> str | None:
    """Ask the annotator's name in a small dialog; None when cancelled."""
    while True:
        name, ok = QInputDialog.getText(
            parent,
            translate("App", "Who is annotating?"),
            translate("App", "Your name (every span and status you make is recorded under it):"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return None
        name = name.strip()
        if name:
            return name


def resolve_annotator(override: str | None = None, ask: Callable[[], str | None] | None = None) -> str:
    """The name to record edits under: `override` (--annotator), else settings, else asked once.

    An override is used without asking and without being saved. A cancelled question falls back
    to the login name for this session only (and asks again next time).
    """
    if override and override.strip():
        return override.strip()
    settings = QSettings()
    saved = settings.value(NAME_KEY)
    if isinstance(saved, str) and saved.strip():
        return saved.strip()
    name = (ask or ask_name)()
    if name:
        settings.setValue(NAME_KEY, name)
        settings.sync()
        return name
    try:
        return getpass.getuser() or "annotator"
    except (OSError, KeyError):
        return "annotator"


def create_window(project: str | None, annotator: str):
    """The main window with `project` (or the sample project) open; errors are shown, not raised."""
    from annotator.core.schema import SchemaError
    from annotator.core.store import ProjectError, Store
    from annotator.ui.main_window import MainWindow, critical

    window = MainWindow(None, annotator)
    if project:
        window.open_project(project)
    else:
        try:
            store = Store.open(ensure_sample_project(), verify="background")
        except (ProjectError, SchemaError, OSError) as exc:
            critical(window, translate("App", "Cannot open the sample project"), str(exc))
        else:
            window.set_store(store)
    return window


def build_window(project: str | None, annotator_name: str | None = None):
    """Everything `run` does before the event loop: the application, fonts, theme, name, a shown window.

    Kept apart so the benchmark times the real start path up to a usable window.
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    setup_application(app)  # type: ignore[arg-type]
    i18n.apply_language(app=app)  # the saved choice, else the system's language
    app.setWindowIcon(app_icon())  # type: ignore[union-attr]
    load_fonts()
    apply_app_font(app)  # type: ignore[arg-type]
    from annotator.ui import theme

    theme.apply_theme(theme.saved_dark(), app, save=False)  # type: ignore[arg-type]
    name = resolve_annotator(annotator_name)
    window = create_window(project, name)
    window.show()
    return app, window


def check_start(project: str | None, annotator_name: str | None = None) -> int:
    """Start the window as `run` does, let it paint, print what it shows and quit: 0 when a project
    with documents, its fonts and its schema are there (how CI checks a wheel or a built program)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    refused: list[str] = []

    def close_dialogs() -> None:  # a message box would wait for a click that never comes
        box = QApplication.activeModalWidget()
        if box is not None:
            refused.append(box.text() if isinstance(box, QMessageBox) else box.windowTitle())
            box.close()

    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    watch = QTimer()
    watch.timeout.connect(close_dialogs)
    watch.start(200)
    app, window = build_window(project, annotator_name)
    app.processEvents()
    watch.stop()
    if refused:
        print("refused: " + " | ".join(refused))
        return 1
    store = window.store
    documents = store.count_documents() if store is not None else 0
    labels = ", ".join(store.schema.label_names) if store is not None else ""
    fonts = ", ".join(load_fonts())
    print(f"window: {window.windowTitle()!r}; documents: {documents}; labels: {labels}; fonts: {fonts}")
    window.close()
    app.processEvents()
    return 0 if documents and labels and "Noto Naskh Arabic" in fonts else 1


def run(project: str | None, annotator_name: str | None = None) -> int:
    """Open the window on `project` (or the sample project) and run until it is closed."""
    app, _window = build_window(project, annotator_name)
    return app.exec()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="annotator-gui", description="Open the annotation window.")
    parser.add_argument("project", nargs="?", help="project file (default: the bundled sample project)")
    parser.add_argument("--annotator", help="record edits under this name (default: the name in settings)")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run(args.project, args.annotator)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
