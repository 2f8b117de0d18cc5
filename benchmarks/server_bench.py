"""A project on a PostgreSQL server against the same project in a file: labelling, opening, import.

`python benchmarks/server_bench.py` starts a throw-away server (tests/pg_server.py) listening on
127.0.0.1 only (TCP loopback, as a team's server is reached), with fsync and synchronous commit
on (the file runs with synchronous=FULL), and prints each figure for the file and the server with
their ratio. The target (issue 12): the server within 2x of the file. What is timed:

* label: as ui_bench, in the real reader: a label key press -> the span committed in its own
  transaction (on the server: BEGIN + the write lock, INSERT … RETURNING id, the undo journal,
  COMMIT, each a round trip) -> re-highlighted block -> repainted. Median and p95 of 40 runs.
* open: `Session.open_document` (the text and this annotator's spans read from the project) +
  the reader's highlighter + one repaint; median and p95 of 40 (news article) or 7 (1 MB).
  The file's window and the server's take turns, run by run, so the machine's other work falls
  on both alike.
* import: `annotator import PROJECT ANERCorp.txt` as a command (a new process: interpreter,
  library imports and, on the server, the connection included), median of 3, each into a new
  project. Needs ANERcorp from the shared test data (tests/shared_data.py).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "tests", REPO / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from pg_server import TempServer  # noqa: E402
from window_bench import _app, sample_text, synthetic_article, synthetic_spans  # noqa: E402

from annotator.core.model import NewDocument  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.shared_data import ANERCORP  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fill(location: str) -> tuple[Store, list[int]]:
    store = Store.create(location)
    big = synthetic_article()
    spans, relations = synthetic_spans(big, 10_000)
    ids = store.add_documents(
        [NewDocument("sample", sample_text()), NewDocument("big", big, spans=spans, relations=relations)]
    ).ids
    return store, ids


def _import_time(location_for_run, runs: int = 3) -> float:
    times = []
    for k in range(runs):
        location = location_for_run(k)
        subprocess.run(
            [sys.executable, "-m", "annotator", "init", location], check=True, capture_output=True, cwd=REPO
        )
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "annotator", "import", location, str(ANERCORP)],
            check=True,
            capture_output=True,
            cwd=REPO,
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _readers(app, stores: dict[str, Store]) -> dict[str, tuple]:
    from annotator.ui.reader import ReaderView
    from annotator.ui.session import Session

    out = {}
    for kind, store in stores.items():
        session = Session(store, "import")  # the synthetic spans are stored under "import"
        reader = ReaderView(session)
        reader.resize(1000, 800)
        reader.show()
        out[kind] = (session, reader)
    app.processEvents()
    return out


def _open_times(
    app, views: dict[str, tuple], doc_ids: dict[str, int], repeats: int
) -> dict[str, list[float]]:
    """Open the document in the file's window and the server's in turn, `repeats` times each: the
    machine's other work falls on both alike."""
    times: dict[str, list[float]] = {k: [] for k in views}
    for _ in range(repeats):
        for kind, (session, reader) in views.items():
            session.open_document(None)
            app.processEvents()
            t0 = time.perf_counter()
            session.open_document(doc_ids[kind])
            reader.viewport().repaint()
            times[kind].append(time.perf_counter() - t0)
            reader.highlighter.finish_now()
    return times


def _label_times(app, views: dict[str, tuple], doc_ids: dict[str, int], runs: int) -> dict[str, list[float]]:
    """A label key press in each window in turn (the same words in both)."""
    import random
    import re

    from PySide6.QtTest import QTest

    for kind, (session, _reader) in views.items():
        session.open_document(doc_ids[kind])
    app.processEvents()
    session, _ = next(iter(views.values()))
    text = session.doc.text
    taken = {(s.start, s.end) for s in session.spans}
    words = [(m.start(), m.end()) for m in re.finditer(r"\w{3,}", text) if (m.start(), m.end()) not in taken]
    times: dict[str, list[float]] = {k: [] for k in views}
    for a, b in random.Random(3).sample(words, runs):
        for kind, (session, reader) in views.items():
            reader.select_text(a, b, exact=False, scroll=True)
            reader.viewport().repaint()
            n = len(session.spans)
            t0 = time.perf_counter()
            QTest.keyClick(reader, "m")
            reader.viewport().repaint()
            times[kind].append(time.perf_counter() - t0)
            assert len(session.spans) == n + 1
    return times


def _stat(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def run() -> list[dict]:
    app = _app()
    server = TempServer(fsync=True, tcp_port=_free_port()).start()
    rows: list[dict] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            stores, ids = {}, {}
            for kind in ("file", "server"):
                location = (
                    str(Path(tmp) / "bench.annotator.db")
                    if kind == "file"
                    else server.url(server.new_database("bench"))
                )
                stores[kind], ids[kind] = _fill(location)
            views = _readers(app, stores)
            for what, k, repeats, runs in (
                ("news article", 0, 40, 40),
                ("1 MB article, 10,000 spans", 1, 7, 40),
            ):
                doc = {kind: ids[kind][k] for kind in stores}
                opened = _open_times(app, views, doc, repeats)
                (fo, fo95), (so, so95) = _stat(opened["file"]), _stat(opened["server"])
                rows.append(
                    {
                        "benchmark": f"open a document, {what} (store read + reader + paint)",
                        "file": f"{fo:.1f} ms (p95 {fo95:.1f})",
                        "server": f"{so:.1f} ms (p95 {so95:.1f})",
                        "ratio": so / fo,
                    }
                )
                labelled = _label_times(app, views, doc, runs)
                (fl, fl95), (sl, sl95) = _stat(labelled["file"]), _stat(labelled["server"])
                rows.append(
                    {
                        "benchmark": f"label one span, {what} (key -> committed -> painted)",
                        "file": f"{fl:.2f} ms (p95 {fl95:.2f})",
                        "server": f"{sl:.2f} ms (p95 {sl95:.2f})",
                        "ratio": sl / fl,
                    }
                )
            for store in stores.values():
                store.close()
            if ANERCORP.exists():
                file_t = _import_time(lambda k: str(Path(tmp) / f"aner{k}.annotator.db"))
                server_t = _import_time(lambda k: server.url(server.new_database(f"aner{k}")))
                rows.append(
                    {
                        "benchmark": "annotator import ANERcorp (whole command)",
                        "file": f"{file_t:.2f} s",
                        "server": f"{server_t:.2f} s",
                        "ratio": server_t / file_t,
                    }
                )
    finally:
        server.stop()
    return rows


def main() -> None:
    rows = run()
    print(f"{'benchmark':<62} {'file':>22} {'server (loopback)':>22} {'ratio':>6}  target")
    for r in rows:
        ok = "ok" if r["ratio"] <= 2 else "MISSED"
        print(f"{r['benchmark']:<62} {r['file']:>22} {r['server']:>22} {r['ratio']:>5.2f}x  <= 2x {ok}")


if __name__ == "__main__":
    main()
