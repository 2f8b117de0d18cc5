"""The document-list filter over 100,000 documents: the folded FTS5 trigram index against the
LIKE scan of names and titles it replaced, in the same run on the same project.

    python benchmarks/filter_bench.py

Each figure is the median and p95 of 21 runs of one page (200 rows) as the window asks for it
(`Store.list_documents`, the span-count subquery included); the baseline is the old query (a
`LIKE '%q%'` over name and title, ordered by id, same page size) run on the same file.
Also: importing the 100,000 small documents with the index against a project whose index is a
plain table (what the import costs without full-text indexing).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annotator.core.model import NewDocument  # noqa: E402
from annotator.core.store import Store  # noqa: E402

N = 100_000


def docs() -> list[NewDocument]:
    return [
        NewDocument(f"doc-{i:05d}", f"هذا نص الخبر رقم {i}.", {"title": f"عنوان الخبر {i} عن مستشفى المدينة"})
        for i in range(N)
    ]


def timed(fn: Callable[[], object], runs: int = 21) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (runs - 1))] * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="annotator-filter-bench-"))
    batch = docs()
    with_index = Store.create(folder / "fts.annotator.db")
    t0 = time.perf_counter()
    with_index.add_documents(batch)
    add_fts = time.perf_counter() - t0
    without = Store.create(folder / "plain.annotator.db")
    for trigger in ("documents_ai", "documents_ad", "documents_au"):
        without.conn.execute(f"DROP TRIGGER {trigger}")
    without.conn.execute("DROP TABLE documents_fts")  # add_documents' index statement then fails:
    without.conn.execute(
        "CREATE TABLE documents_fts(rowid INTEGER PRIMARY KEY, folded TEXT)"
    )  # a plain table
    t0 = time.perf_counter()
    without.add_documents(batch)
    add_plain = time.perf_counter() - t0
    print(f"import {N:,} small documents: {add_fts:.2f} s with the index, {add_plain:.2f} s without")

    s = with_index

    def like(q: str) -> Callable[[], object]:
        pattern = f"%{q}%"
        sql = (
            "SELECT d.id, d.name, d.title, d.length, COALESCE(st.status, 'new'), "
            "(SELECT COUNT(*) FROM spans x WHERE x.doc_id = d.id AND x.annotator = ?) "
            "FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? "
            "WHERE (d.name LIKE ? OR d.title LIKE ?) ORDER BY d.id LIMIT 200"
        )
        return lambda: s.conn.execute(sql, ("mona", "mona", pattern, pattern)).fetchall()

    rows = [
        (
            "rare match 'doc-9999' (10 rows, at the end)",
            lambda: s.list_documents("mona", query="doc-9999", limit=200),
            like("doc-9999"),
        ),
        (
            "every row matches 'مستشفي' (first page)",
            lambda: s.list_documents("mona", query="مستشفي", limit=200),
            like("مستشفى"),
        ),
        (
            "every row matches, last page",
            lambda: s.list_documents("mona", query="مستشفي", limit=200, after_id=N - 200),
            like("مستشفى"),
        ),
        ("no match 'xyz'", lambda: s.list_documents("mona", query="xyz", limit=200), like("xyz")),
        (
            "2 characters 'cn' (folded scan)",
            lambda: s.list_documents("mona", query="cn", limit=200),
            like("cn"),
        ),
    ]
    print(
        f"| filter page (200 rows) over {N:,} documents | index: median, p95 | LIKE scan: median, p95 | ratio |"
    )
    print("|---|---:|---:|---:|")
    for what, new, old in rows:
        nm, np95 = timed(new)
        om, op95 = timed(old)
        print(f"| {what} | {nm:.2f} ms, {np95:.2f} ms | {om:.2f} ms, {op95:.2f} ms | {nm / om:.3f} |")
    with_index.close()
    without.close()


if __name__ == "__main__":
    main()
