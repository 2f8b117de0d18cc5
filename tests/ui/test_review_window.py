"""The review side of the window, driven by keys: the adjudication flow, the agreement panel, charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.adjudication import ADJUDICATED
from annotator.core.model import NewDocument, Origin, Status
from annotator.core.store import Store
from annotator.ui.adjudication_window import AdjudicationWindow
from annotator.ui.main_window import MainWindow

TEXT = "قال الوزير محمد علي إن «الحكومة المصرية ستعقد اجتماعا» في القاهرة وأكد المتحدث أن «الوفد سيصل»."
ALT = Qt.KeyboardModifier.AltModifier


def at(words: str) -> tuple[int, int]:
    s = TEXT.index(words)
    return s, s + len(words)


@pytest.fixture
def store(tmp_path: Path):
    s = Store.create(tmp_path / "w.annotator.db")
    d, other = s.add_documents([NewDocument("d", TEXT), NewDocument("other", "زار الرئيس باريس أمس.")]).ids
    for who in ("layla", "omar"):
        s.add_span(d, *at("الحكومة المصرية"), "ORG", who)
        s.set_status(d, who, Status.DONE)
        s.add_span(other, 11, 16, "GPE", who)
    s.add_span(d, *at("محمد علي"), "PERS", "layla")
    s.add_span(d, *at("محمد"), "PERS", "omar")
    s.add_span(d, *at("القاهرة"), "GPE", "layla")
    s.add_span(d, *at("القاهرة"), "LOC", "omar")
    s.add_span(d, *at("الوزير"), "SPEAKER", "omar", origin=Origin.SUGGESTED)  # not a version
    yield s
    s.close()


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # window shortcuts only fire in the active window
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def layer(store: Store, doc_id: int, who: str) -> list[tuple[str, str]]:
    return sorted((TEXT[s.start : s.end], s.label) for s in store.spans(doc_id, who))


def test_adjudication_by_keys(qtbot, store: Store) -> None:
    win = shown(qtbot, AdjudicationWindow(store))
    d = store.document_ids()[0]
    assert win.session.doc_id == d and win.session.annotator == ADJUDICATED
    assert [u.kind for u in win.units] == ["span", "span"]
    header = [win.model.headerData(c, Qt.Orientation.Horizontal) for c in range(win.model.columnCount())]
    assert header == ["#", "kind", "text", "Alt+1 layla", "Alt+2 omar", "adjudicated"]
    before = {who: layer(store, d, who) for who in ("layla", "omar")}

    qtbot.keyClick(
        win.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert layer(store, d, ADJUDICATED) == [("الحكومة المصرية", "ORG")]  # what both agree on

    qtbot.keyClick(win.reader, Qt.Key.Key_F8)  # the first disagreement, selected in the reader
    assert win.current == 0 and win.reader.selection_cp() == at("محمد علي")
    assert win.model.data(win.model.index(0, 3)) == "PERS «محمد علي»"
    assert win.model.data(win.model.index(0, 4)) == "PERS «محمد»"
    qtbot.keyClick(win.reader, Qt.Key.Key_1, ALT)  # layla's version
    assert ("محمد علي", "PERS") in layer(store, d, ADJUDICATED)
    assert win.model.data(win.model.index(0, 5)) == "✓ PERS «محمد علي»"
    qtbot.keyClick(win.reader, Qt.Key.Key_2, ALT)  # changed my mind: omar's
    assert ("محمد", "PERS") in layer(store, d, ADJUDICATED) and ("محمد علي", "PERS") not in layer(
        store, d, ADJUDICATED
    )
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step back
    assert ("محمد علي", "PERS") in layer(store, d, ADJUDICATED)

    qtbot.keyClick(win.reader, Qt.Key.Key_F8)  # القاهرة: GPE or LOC; neither: edit it by hand
    assert win.reader.selection_cp() == at("القاهرة")
    qtbot.keyClick(win.reader, Qt.Key.Key_0, ALT)
    assert all(label not in ("GPE", "LOC") for _t, label in layer(store, d, ADJUDICATED))
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)  # wraps to the first; Shift+F8 back to the second
    qtbot.keyClick(win.reader, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert win.current == 1 and win.reader.selection_cp() == at("القاهرة")
    qtbot.keyClick(win.reader, Qt.Key.Key_G)  # the reader's label key labels the selected text
    assert ("القاهرة", "GPE") in layer(store, d, ADJUDICATED)
    assert win.model.data(win.model.index(1, 5)) == "✓ GPE «القاهرة»"

    qtbot.keyClick(win.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # adjudicated, next
    assert store.status(d, ADJUDICATED) == Status.ADJUDICATED
    assert win.session.doc_id == store.document_ids()[1] and win.units == []
    # the annotators' layers were only read
    assert {who: layer(store, d, who) for who in ("layla", "omar")} == before


def test_review_menu_opens_panels(qtbot, store: Store) -> None:
    window = shown(qtbot, MainWindow(store, "layla"))
    qtbot.keyClick(
        window.reader, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    panel = window.agreement_dock.widget()
    assert window.agreement_dock.isVisible()
    qtbot.waitUntil(lambda: panel.report is not None)  # measured on a worker thread
    spans = panel.models["spans"]
    rows = {(spans.data(spans.index(r, 0)), spans.data(spans.index(r, 5))) for r in range(spans.rowCount())}
    assert ("ORG", "1.000") in rows and ("PERS", "0.000") in rows  # exact F1, three decimals
    panel.label.setCurrentIndex(panel.label.findData("ORG"))  # a filter re-measures
    qtbot.waitUntil(lambda: panel.report.labels == ["ORG"])
    qtbot.keyClick(
        window.reader, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.adjudication is not None and window.adjudication.isVisible()
    assert len(window.adjudication.units) == 2
    window.activateWindow()
    qtbot.keyClick(
        window.reader, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window._dialogs[-1]
    qtbot.waitUntil(lambda: bool(dialog.view.charts))
    assert [c.title.split(":")[0] for c in dialog.view.charts][0] == "Progress"
    assert dialog.view.height() >= 300


def test_the_lead_s_charts_follow_the_team_live(qtbot, new_location) -> None:
    """A lead watching Review > Charts sees colleagues' work arrive (on a file and on a server)."""
    from annotator.core.model import NewDocument, Status

    location = new_location("charts")
    with Store.create(location) as s:
        s.add_documents(
            [NewDocument("a", "قال الوزير إن الاجتماع عقد في باكو."), NewDocument("b", "نص آخر.")]
        )
    window = shown(qtbot, MainWindow(Store.open(location), "lead"))
    window.session._poll.stop()  # polled below, as the timer would
    window.show_charts()
    dialog = window._dialogs[-1]
    dialog._live.setInterval(10)
    qtbot.waitUntil(lambda: bool(dialog.view.charts))
    before = repr(dialog.view.charts)
    with Store.open(location) as colleague:
        doc = colleague.document_ids()[0]
        colleague.add_span(doc, 0, 3, "CUE", "layla")
        colleague.set_status(doc, "layla", Status.DONE)
    qtbot.waitUntil(window.session.check_external, timeout=3000)
    qtbot.waitUntil(lambda: repr(dialog.view.charts) != before, timeout=3000)
    assert "layla" in repr(dialog.view.charts)
