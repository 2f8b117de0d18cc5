"""Labelling with the links drawn: `python benchmarks/links_bench.py` (offscreen).

The 1 MB article of `window_bench` with 10,000 spans, and ATTRIBUTED_TO and CUE_OF relations
between nearby spans (one in twelve spans is a head). Timed like the reader's label: a word is
selected (not timed), a label key is sent to the reader and the viewport repainted: key -> snap ->
guessed attributes and links planned -> committed SQLite row -> re-highlighted block -> the
overlay's refresh (which the event loop runs just after the key: run here with `settle()`) ->
overlay painted -> pixels. Median and p95 of 50 runs of wall time, and the median CPU time (this process's
own work: the machine is shared, its wall time also counts waits for a core), in the same run:

* baseline: the overlay hidden: the label as it costs without any link drawing;
* selection's links: the overlay as it is by default (the new span's links, and the proposals);
* all links: "Show all links" on: every relation with an end on the lines in view is drawn on each
  repaint;
* speaker after quote: the key labels a SPEAKER right after a QUOTE of its sentence, so the edit
  also makes the ATTRIBUTED_TO link and the overlay draws it (all links on).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.model import NewDocument, NewRelation  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from benchmarks.window_bench import _WORD, _app, synthetic_article, synthetic_spans  # noqa: E402


def _project(tmp: Path) -> tuple[Store, int, int]:
    text = synthetic_article()
    spans, _ = synthetic_spans(text, 10_000)  # its own labels and links are replaced below
    for i, span in enumerate(spans):
        span.key = f"s{i}"
        span.annotator, span.attrs = "import", {}
        if i % 12 == 0:
            span.label = "QUOTE"
        elif i % 12 == 1:
            span.label = "SPEAKER"
        elif i % 12 == 2:
            span.label = "CUE"
    relations = []
    for i in range(0, len(spans) - 2, 12):
        relations.append(NewRelation("ATTRIBUTED_TO", f"s{i}", f"s{i + 1}", annotator="import"))
        relations.append(NewRelation("CUE_OF", f"s{i + 2}", f"s{i}", annotator="import"))
    store = Store.create(tmp / "links.annotator.db")
    doc_id = store.add_documents([NewDocument("big", text, spans=spans, relations=relations)]).ids[0]
    return store, doc_id, len(relations)


def _label_times(app, reader, session, mode: str, runs: int = 50) -> tuple[list[float], list[float]]:
    text = session.doc.text
    taken = {(s.start, s.end) for s in session.spans}
    words = [(m.start(), m.end()) for m in _WORD.finditer(text) if (m.start(), m.end()) not in taken]
    rng = random.Random(7)
    times, cpu = [], []
    reader.set_show_all_links(mode in ("all links", "speaker after quote"))
    reader.links.setVisible(mode != "baseline")
    for a, b in rng.sample(words[:-3], runs):
        key = "m"
        if mode == "speaker after quote":
            reader.select_text(a, b, exact=True, scroll=True)
            QTest.keyClick(reader, "q")  # not timed
            nxt = next(w for w in words if w[0] > b)
            a, b = nxt
            key = "s"
        reader.select_text(a, b, exact=False, scroll=True)
        reader.viewport().repaint()
        t0, c0 = time.perf_counter(), time.process_time()
        QTest.keyClick(reader, key)
        reader.links.settle()  # the overlay's refresh, which waits for the event loop, timed here
        reader.viewport().repaint()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu


def run() -> list[dict]:
    from annotator.ui.reader import ReaderView
    from annotator.ui.session import Session

    app = _app()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store, doc_id, n_rel = _project(Path(tmp))
        session = Session(store, "import")
        reader = ReaderView(session)
        reader.resize(1000, 800)
        reader.show()
        session.open_document(doc_id)
        app.processEvents()
        for mode in ("baseline", "selection's links", "all links", "speaker after quote"):
            times, cpu = _label_times(app, reader, session, mode)
            times.sort()
            rows.append(
                {
                    "what": f"label, {mode} (1 MB, {len(session.spans)} spans, {n_rel} relations)",
                    "median_ms": statistics.median(times) * 1000,
                    "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
                    "cpu_ms": statistics.median(cpu) * 1000,
                    "overlay_paints": reader.links.paints,
                }
            )
        reader.close()
        session.deleteLater()
        store.close()
    return rows


def main() -> None:
    for row in run():
        print(
            f"{row['what']}: median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
            f"CPU median {row['cpu_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()
