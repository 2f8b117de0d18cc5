"""Quote attribution by hand, counted: the bundled sample article annotated with real drags and keys.

A complete attribution is a QUOTE with its type, its SPEAKER with its kind, its CUE, the QUOTE ->
SPEAKER and CUE -> QUOTE links. Every drag and every key press is one action; scrolling the text
into view is reading, not counted. An annotator labels in reading order; where the article names no
speaker in the quote's sentence ("كما دعا …", "وأضاف أن …"), the quote is linked to the speaker named
before (a, Enter). Suggestions are off: this is the work of a hand that accepts nothing (with
suggestions on, most attributions are one Enter). The figure is printed (pytest -s) and must stay
at or under 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.importers import import_paths
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow
from tests.shared_data import SAMPLE as SAMPLE_ARTICLE
from tests.ui.readerutil import drag, isolate_settings


@dataclass
class Attribution:
    cue: str
    quote: str
    quote_type: str
    speaker: str = ""  # "" when the sentence names none: linked by key to the one named before
    kind: str = ""
    speaker_first: bool = False  # "وكان وزير الخارجية … قد أشار": the speaker comes before the cue
    after: str = ""  # a phrase the attribution comes after, where its words occur earlier too


SAMPLE = [
    Attribution(
        "كشفت",
        "عن اجتماع جمع مسؤولين أتراك وإسرائيليين في أذربيجان، بهدف وضع آلية لخفض التصعيد في سوريا",
        "indirect",
        "مصادر في وزارة الدفاع التركية",
        "anonymous",
    ),
    Attribution(
        "وذكرت",
        "أن وفودًا فنية من تركيا وإسرائيل عقدت اجتماعًا حاسمًا في أذربيجان، أمس الأربعاء",
        "indirect",
        'قناة "NTV" التركية',
        "media",
    ),
    Attribution(
        "وأكدت",
        'أن الجهود مستمرة لإنشاء آلية لفض النزاعات، مشيرة إلى ضرورة تخلي إسرائيل عن "سياستها التوسعية" '
        "في المنطقة",
        "mixed",
        "المصادر",
        "anonymous",
    ),
    Attribution(
        "ونقلت",
        "أن الاجتماع الفني الأول عقد بين الجانبين في أذربيجان، بهدف منع الحوادث غير المرغوب فيها في سوريا",
        "indirect",
        'صحيفة "حرييت" التركية',
        "media",
    ),
    Attribution(
        "وأشارت",
        'إلى أن تركيا تدعم تعزيز القدرات الدفاعية للحكومة السورية الجديدة ومكافحتها لـ"التنظيمات الإرهابية"، '
        'وعلى رأسها تنظيم "الدولة الإسلامية"',
        "mixed",
        "المصادر",
        "anonymous",
    ),
    Attribution(
        "وأكدت",
        "أن تركيا لديها النية والقدرة والرؤية لتحقيق ذلك",
        "indirect",
        "المصادر",
        "anonymous",
        after="وتجري تركيا",
    ),
    Attribution(
        "وشددت",
        'على أن "القوات المسلحة التركية تجلب الاستقرار والسلام أينما ذهبت، ولا تشكل تهديدًا لأحد لا يشكل '
        'تهديدًا لها"',
        "mixed",
        "مصادر وزارة الدفاع التركية",
        "anonymous",
    ),
    Attribution(
        "وحذرت",
        'من أن إسرائيل لا يمكنها الاستمرار في هذا المسار "للتغطية على أفعالها غير القانونية"',
        "mixed",
        "المصادر",
        "anonymous",
        after="وحذرت",
    ),
    Attribution(
        "ودعا",
        'إسرائيل إلى "وقف اعتداءاتها الاستفزازية الهادفة إلى المساس بسيادة سورية وسلامة أراضيها وزعزعة '
        'أمنها واستقرارها، بمبررات واهية لا أساس لها من الصحة"',
        "mixed",
        "المتحدث باسم وزارة الدفاع التركية",
        "title",
    ),
    Attribution(
        "دعا",
        'إسرائيل إلى "التصرف وفقًا لمبادئ حسن الجوار والمساهمة في استقرار وأمن سوريا"',
        "mixed",
        after="كما دعا",
    ),
    Attribution(
        "أشار",
        "إلى أن بلاده تجري محادثات فنية مع إسرائيل بشأن خفض التوتر في سوريا عند الحاجة",
        "indirect",
        "وزير الخارجية التركي، هاكان فيدان",
        "named",
        speaker_first=True,
    ),
    Attribution(
        "وقال",
        "إن هناك حاجة إلى آلية لتجنب الصدام مع إسرائيل",
        "indirect",
        "فيدان",
        "named",
        after="وقال فيدان",
    ),
    Attribution(
        "وأضاف",
        'أن هناك اتصالات فنية لمنع سوء الفهم بين عناصر القتال، وأن الفرق الفنية تتواصل مع بعضها البعض "عند '
        'الحاجة"',
        "mixed",
    ),
]


class Hand:
    """An annotator's hand on the real window: every drag and key press counted."""

    def __init__(self, qtbot, window: MainWindow) -> None:
        self.qtbot, self.window, self.reader = qtbot, window, window.reader
        self.text = window.session.doc.text
        self.actions = 0

    def drag(self, phrase: str, after: int) -> int:
        i = self.text.index(phrase, after)
        self.reader.scroll_to(i, i + len(phrase))  # reading, not an action
        drag(self.qtbot, self.reader, i, i + len(phrase) - 1, whole=True)
        self.actions += 1
        return i

    def key(self, key) -> None:
        self.qtbot.keyClick(QApplication.focusWidget(), key)
        self.actions += 1

    def label(self, phrase: str, key: str, after: int) -> int:
        i = self.drag(phrase, after)
        self.key(key)
        return i


@pytest.fixture
def sample_window(qtbot, tmp_path: Path, qapp):
    isolate_settings(tmp_path)
    QSettings().setValue("suggest/auto", False)  # by hand: no suggestions to accept
    path = tmp_path / "sample.annotator.db"
    store = Store.create(path)
    import_paths(store, [SAMPLE_ARTICLE])
    store.close()
    window = MainWindow(Store.open(path), "mona")
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()
    return window


def test_a_complete_quote_attribution_takes_at_most_six_actions(qtbot, sample_window: MainWindow) -> None:
    hand = Hand(qtbot, sample_window)
    session, text = sample_window.session, hand.text
    pos = text.index("كشفت")
    expected = []
    for a in SAMPLE:
        if a.after:
            pos = text.index(a.after, pos)
        order = [("speaker", a.speaker), ("cue", a.cue)] if a.speaker_first else [("cue", a.cue)]
        if a.speaker and not a.speaker_first:
            order.append(("speaker", a.speaker))
        starts = {}
        for what, phrase in order:
            starts[what] = hand.label(phrase, "s" if what == "speaker" else "c", pos)
        starts["quote"] = hand.label(a.quote, "q", pos)
        quote = session.span(sample_window.reader.selected_span_id)
        assert text[quote.start : quote.end] == a.quote
        if sample_window.reader.proposal:
            hand.key(Qt.Key.Key_Return)
        if not a.speaker:  # linked by key to the speaker named before
            hand.key("a")
            hand.key(Qt.Key.Key_Return)
        if quote.attrs.get("type") != a.quote_type:  # the guess is corrected with one key
            hand.key(str(("direct", "indirect", "mixed").index(a.quote_type) + 1))
        pos = starts["quote"] + len(a.quote)
        expected.append((a, starts))

    quotes = [s for s in session.spans if s.label == "QUOTE"]
    assert len(quotes) == len(SAMPLE)
    by_start = {s.start: s for s in session.spans}
    speakers = {s.id: s for s in session.spans if s.label == "SPEAKER"}
    last_speaker = None
    for a, starts in expected:
        q = by_start[starts["quote"]]
        cue = next(
            s for s in session.spans if s.label == "CUE" and starts["cue"] <= s.start < starts["cue"] + 5
        )
        assert text[cue.start : cue.end] == a.cue.removeprefix("و"), a.cue  # the conjunction left out
        assert q.attrs == {"type": a.quote_type}, a.quote
        said_by = [r.tail for r in session.relations if r.type == "ATTRIBUTED_TO" and r.head == q.id]
        if a.speaker:
            last_speaker = by_start[starts["speaker"]]
            assert last_speaker.attrs == {"kind": a.kind}, a.speaker
        assert said_by == [last_speaker.id], a.quote
        assert [r.head for r in session.relations if r.type == "CUE_OF" and r.tail == q.id] == [cue.id]
    assert len(session.relations) == 2 * len(SAMPLE)
    assert len(speakers) == sum(1 for a in SAMPLE if a.speaker)
    per_quote = hand.actions / len(SAMPLE)
    print(f"\nactions per complete quote attribution: {per_quote:.2f} ({hand.actions} for {len(SAMPLE)})")
    assert per_quote <= 6
