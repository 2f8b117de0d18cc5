"""A project on a PostgreSQL server against the same project in a file: labelling, opening, import.

`python benchmarks/server_bench.py` starts a throw-away server (tests/pg_server.py) listening on
127.0.0.1 only (TCP loopback, as a team's server is reached), with fsync and synchronous commit
on (the file runs with synchronous=FULL), and prints each figure for the file and the server with
their ratio. The target (issue 12): the server within 2x of the file. What is timed:

* label: ui_bench's measure in the real reader: a label key press -> the span committed in its
  own transaction (on the server: BEGIN + the write lock, INSERT … RETURNING id, the undo journal,
  COMMIT, each a round trip) -> re-highlighted block -> repainted. Median and p95 of 50 runs.
* open: `Session.open_document` (the text and this annotator's spans read from the project) +
  the reader's highlighter + one repaint; median of 20 (news article) or 5 (1 MB, 10,000 spans).
* import: `annotator import PROJECT ANERCorp.txt` as a command (a new process: interpreter,
  library imports and, on the server, the connection included), median of 3, each into a new
  project. Needs ANERcorp in ../shared/data.
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
from ui_bench import _app, _time_label, _time_open, sample_text, synthetic_article, synthetic_spans  # noqa: E402

from annotator.core.model import NewDocument  # noqa: E402
from annotator.core.store import Store  # noqa: E402

ANERCORP = REPO.parent / "shared" / "data" / "anercorp" / "ANERCorp.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fill(location: str) -> tuple[Store, list[int]]:
    store = Store.create(location)
    big = synthetic_article()
    ids = store.add_documents(
        [NewDocument("sample", sample_text()), NewDocument("big", big, spans=synthetic_spans(big))]
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


def run() -> list[dict]:
    app = _app()
    server = TempServer(fsync=True, tcp_port=_free_port()).start()
    rows: list[dict] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = {}
            for kind in ("file", "server"):
                location = (
                    str(Path(tmp) / "bench.annotator.db")
                    if kind == "file"
                    else server.url(server.new_database("bench"))
                )
                store, ids = _fill(location)
                results[kind] = {
                    "open_small": _time_open(app, store, ids[0], repeats=20)["full_ms"],
                    "open_big": _time_open(app, store, ids[1], repeats=5)["full_ms"],
                    "label": _time_label(app, store, ids[1]),
                    "label_small": _time_label(app, store, ids[0], runs=30),
                }
                store.close()
            f, s = results["file"], results["server"]
            for key, what in (("label_small", "news article"), ("label", "1 MB article, 10,000 spans")):
                rows.append(
                    {
                        "benchmark": f"label one span, {what} (key -> committed -> painted)",
                        "file": f"{f[key]['median_ms']:.2f} ms (p95 {f[key]['p95_ms']:.2f})",
                        "server": f"{s[key]['median_ms']:.2f} ms (p95 {s[key]['p95_ms']:.2f})",
                        "ratio": s[key]["median_ms"] / f[key]["median_ms"],
                    }
                )
            for key, what in (("open_small", "news article"), ("open_big", "1 MB article, 10,000 spans")):
                rows.append(
                    {
                        "benchmark": f"open a document, {what} (store read + reader + paint)",
                        "file": f"{f[key]:.1f} ms",
                        "server": f"{s[key]:.1f} ms",
                        "ratio": s[key] / f[key],
                    }
                )
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
