"""The README's screenshot of a suggested document: `xvfb-run -a python docs/screenshot_suggestions.py`.

Opens the real MainWindow on a temporary sample project (ANERcorp imported too when it is there, so
the project memory has entities to offer), lets the article be suggested as it opens, accepts the
first attribution with Enter, rejects one suggestion with X, selects the next suggested quote, and
saves docs/screenshot-suggestions.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from tests.shared_data import ANERCORP  # noqa: E402


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    os.environ["ANNOTATOR_HOME"] = str(tmp / "home")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    app = QApplication(sys.argv[:1])
    from annotator.ui import app as app_module
    from annotator.ui import theme
    from annotator.ui.main_window import MainWindow

    app_module.setup_application(app)
    app_module.load_fonts()
    app_module.apply_app_font(app)
    theme.apply_theme(False, app)
    sample = app_module.ensure_sample_project()
    store = Store.open(sample)
    if ANERCORP.exists():
        from annotator.core.importers import import_paths

        import_paths(store, [ANERCORP], sentences_per_doc=60)
    window = MainWindow(store, "layla")
    window.resize(1600, 940)
    window.show()
    window.activateWindow()
    first = store.list_documents("layla", limit=1)[0].id
    window.open_document(first)  # suggested as it opens
    reader = window.reader
    reader.setFocus()
    for _ in range(5):
        app.processEvents()
    text = window.session.doc.text

    def tab_to(label: str, phrase: str) -> None:
        for _ in range(60):
            QTest.keyClick(reader, Qt.Key.Key_Tab)
            span = window.session.span(reader.selected_span_id)
            if span is not None and span.label == label and text[span.start : span.end].startswith(phrase):
                return

    tab_to("CUE", "كشفت")
    QTest.keyClick(reader, Qt.Key.Key_Return)  # accepted with its quote and speaker
    tab_to("CUE", "ذكرت")
    QTest.keyClick(reader, Qt.Key.Key_Return)
    tab_to("QUOTE", "أن الجهود")  # the next attribution, selected: its speaker and cue are linked
    window.side_panel.show_span(reader.selected_span_id)
    window.show_message(
        f"{len(window.session.suggestions())} suggestions: Tab goes through them, Enter accepts, X rejects"
    )
    for _ in range(5):
        app.processEvents()
    path = ROOT / "docs" / "screenshot-suggestions.png"
    window.grab().save(str(path))
    print(f"saved {path.relative_to(ROOT)}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
