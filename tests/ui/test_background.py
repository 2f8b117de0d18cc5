"""Reading work off the GUI thread (`annotator.ui.background`): agreement and charts are read on a
worker thread with its own connection, and only the last request is shown."""

from __future__ import annotations

import threading
from pathlib import Path

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.ui import agreement_panel
from annotator.ui.agreement_panel import AgreementPanel
from annotator.ui.background import BackgroundReader


def _project(tmp_path: Path) -> Store:
    store = Store.create(tmp_path / "p.db")
    store.add_documents([NewDocument("a", "قال الوزير إن الاجتماع عقد في باكو.")])
    doc = store.document_ids()[0]
    store.add_span(doc, 4, 10, "PERS", "layla")
    store.add_span(doc, 4, 10, "PERS", "omar")
    return store


def test_the_agreement_panel_measures_on_another_thread_with_its_own_connection(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    store = _project(tmp_path)
    seen: list[tuple[bool, bool]] = []
    real = agreement_panel.measure

    def spy(reader: Store, options):
        seen.append((threading.current_thread() is threading.main_thread(), reader is store))
        return real(reader, options)

    monkeypatch.setattr(agreement_panel, "measure", spy)
    panel = AgreementPanel(store)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.measured) as got:
        panel.refresh()
    assert seen == [(False, False)]
    assert got.args[0].annotators == ["layla", "omar"] and panel.report is got.args[0]
    spans = panel.models["spans"]
    assert spans.rowCount() > 0
    store.close()


def test_only_the_last_request_is_delivered(qtbot, tmp_path: Path) -> None:
    store = _project(tmp_path)
    reader = BackgroundReader(store)
    release = threading.Event()
    delivered: list[object] = []
    reader.done.connect(delivered.append)

    def slow(s: Store) -> str:
        release.wait(10)
        return "old"

    reader.run(slow)
    with qtbot.waitSignal(reader.done):
        reader.run(lambda s: len(s.document_ids()))
    assert delivered == [1] and not reader.running
    release.set()  # the first request ends now: its result is stale and dropped
    qtbot.wait(200)
    assert delivered == [1]
    store.close()


def test_a_failed_read_is_said(qtbot, tmp_path: Path) -> None:
    store = _project(tmp_path)
    reader = BackgroundReader(store)

    def broken(s: Store) -> None:
        raise ValueError("no such layer")

    with qtbot.waitSignal(reader.failed) as got:
        reader.run(broken)
    assert got.args == ["no such layer"] and not reader.running
    store.close()
