"""Screenshots of the real window for the README: `xvfb-run -a python docs/screenshot.py`.

Opens the real MainWindow on a temporary copy of the sample project (the user's settings and
sample project are not touched), labels the sample article through the session (quotes, speakers,
cues, entities and their relations), selects a quote with its speaker, and saves
docs/screenshot-light.png, docs/screenshot-dark.png, docs/screenshot-links.png (every link of the
lines in view drawn) and docs/screenshot-arabic.png (the interface in Arabic, mirrored).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import Status  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.shared_data import ANERCORP  # noqa: E402


def find(text: str, phrase: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    start = after - 1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def label_article(window) -> int:
    """Label the sample article; returns the id of the quote to show selected."""
    s = window.session
    text = s.doc.text

    def span(phrase: str, label: str, attrs: dict | None = None, nth: int = 0, after: int = 0):
        start, end = find(text, phrase, nth, after)
        made = s.add_span(start, end, label, attrs)
        assert made is not None, (phrase, label)
        return made

    # the headline (it appears twice: label the second, the one the article starts with)
    head = text.index("مساعٍ", text.index("مساعٍ") + 1)
    span("سوريا", "GPE", after=head)
    span("أذربيجان", "GPE", after=head)

    # كشفت مصادر في وزارة الدفاع التركية عن اجتماع ...
    p1 = text.index("كشفت")
    cue1 = span("كشفت", "CUE", after=p1)
    spk1 = span("مصادر في وزارة الدفاع التركية", "SPEAKER", {"kind": "anonymous"}, after=p1)
    span("وزارة الدفاع التركية", "ORG", after=p1)
    q1 = span(
        "عن اجتماع جمع مسؤولين أتراك وإسرائيليين في أذربيجان، بهدف وضع آلية لخفض التصعيد في سوريا",
        "QUOTE",
        {"type": "indirect"},
        after=p1,
    )
    span("أذربيجان", "GPE", after=p1)
    span("سوريا", "GPE", after=p1)
    s.add_relation("ATTRIBUTED_TO", q1.id, spk1.id)
    s.add_relation("CUE_OF", cue1.id, q1.id)

    # وذكرت قناة "NTV" التركية أن وفودًا فنية ...
    p2 = text.index("وذكرت")
    cue2 = span("ذكرت", "CUE", after=p2)
    spk2 = span('قناة "NTV" التركية', "SPEAKER", {"kind": "media"}, after=p2)
    span("NTV", "ORG", after=p2)
    q2 = span(
        "أن وفودًا فنية من تركيا وإسرائيل عقدت اجتماعًا حاسمًا في أذربيجان، أمس الأربعاء",
        "QUOTE",
        {"type": "indirect"},
        after=p2,
    )
    span("تركيا", "GPE", after=p2)
    span("إسرائيل", "GPE", after=p2)
    span("أذربيجان", "GPE", after=p2)
    s.add_relation("ATTRIBUTED_TO", q2.id, spk2.id)
    s.add_relation("CUE_OF", cue2.id, q2.id)

    # وأكدت المصادر أن الجهود مستمرة ... "سياستها التوسعية" ...
    p3 = text.index("وأكدت المصادر")
    cue3 = span("أكدت", "CUE", after=p3)
    spk3 = span("المصادر", "SPEAKER", {"kind": "anonymous"}, after=p3)
    q3 = span(
        'أن الجهود مستمرة لإنشاء آلية لفض النزاعات، مشيرة إلى ضرورة تخلي إسرائيل عن "سياستها التوسعية" '
        "في المنطقة",
        "QUOTE",
        {"type": "mixed"},
        after=p3,
    )
    span('"سياستها التوسعية"', "QUOTE", {"type": "direct"}, after=p3)
    span("إسرائيل", "GPE", after=p3)
    s.add_relation("ATTRIBUTED_TO", q3.id, spk3.id)
    s.add_relation("CUE_OF", cue3.id, q3.id)
    s.add_relation("SAME_AS", spk3.id, spk1.id)

    # ونقلت صحيفة "حرييت" التركية عن المصادر ذاتها ...
    p4 = text.index("ونقلت صحيفة")
    span('صحيفة "حرييت" التركية', "SPEAKER", {"kind": "media"}, after=p4)
    span("حرييت", "ORG", after=p4)
    span("أذربيجان", "GPE", after=p4)
    span("سوريا", "GPE", after=p4)

    # further down: a named speaker
    p5 = text.index("وكان وزير الخارجية")
    span("وزير الخارجية التركي، هاكان فيدان", "SPEAKER", {"kind": "named"}, after=p5)
    span("هاكان فيدان", "PERS", after=p5)
    return q2.id


def shoot(window, path: Path) -> None:
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    print(f"saved {path.relative_to(ROOT)}")


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    os.environ["ANNOTATOR_HOME"] = str(tmp / "home")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    QSettings().setValue(
        "suggest/auto", False
    )  # labelled by hand here; docs/screenshot_suggestions.py shows them

    app = QApplication(sys.argv[:1])
    from annotator.ui import app as app_module
    from annotator.ui import theme
    from annotator.ui.main_window import MainWindow

    app_module.setup_application(app)
    QSettings().setValue("suggest/auto", False)  # (in this application's settings, now named)
    app_module.load_fonts()
    app_module.apply_app_font(app)
    theme.apply_theme(False, app)
    sample = app_module.ensure_sample_project()

    store = Store.open(sample)
    if ANERCORP.exists():  # a fuller document list than the one sample article
        from annotator.core.importers import import_paths

        import_paths(store, [ANERCORP], sentences_per_doc=60)
        ids = [d.id for d in store.list_documents("mona", limit=8)][1:]
        for doc_id in ids[:4]:
            store.set_status(doc_id, "mona", Status.DONE)
        store.set_status(ids[4], "mona", Status.IN_PROGRESS)
    window = MainWindow(store, "mona")
    window.resize(1600, 940)
    window.show()
    first = store.list_documents("mona", limit=1)[0].id
    window.open_document(first)
    quote_id = label_article(window)
    window.reader.select_span(quote_id)
    window.side_panel.show_span(quote_id)
    window.show_message("Labelled QUOTE")

    out = ROOT / "docs"
    shoot(window, out / "screenshot-light.png")
    window.set_dark(True)
    shoot(window, out / "screenshot-dark.png")
    window.set_dark(False)
    # the links of the lines in view, drawn as arcs over the right-to-left text
    window.reader.set_show_all_links(True)
    window.reader.select_span(quote_id)
    window.reader.verticalScrollBar().setValue(window.reader.verticalScrollBar().value() + 2)
    shoot(window, out / "screenshot-links.png")
    window.reader.set_show_all_links(False)
    # the Arabic interface: every menu, panel and message translated, the window mirrored
    from annotator.ui import i18n

    i18n.apply_language("ar")
    window.retranslate()
    window.show_message("QUOTE · type indirect")
    shoot(window, out / "screenshot-arabic.png")
    i18n.apply_language("en")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
