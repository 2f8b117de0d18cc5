"""Team review at ANERcorp scale: agreement over 2 and 5 layers, merging two ANERcorp projects.

    python benchmarks/bench.py review

Layers are ANERcorp's gold spans (11,233 in 105 documents, 150k CoNLL tokens) imported under
several annotator names, each but the first with 10% of its spans dropped and 10% relabelled
(seeded), so every figure has real work to do. What each row includes, and its baseline:
- agreement: `measure(store)` from an open project: loading every layer (spans, relations,
  statuses, texts, tokens) and every figure (span P/R/F1 exact and overlap per pair and label,
  kappa per pair, alpha, links, attributes). Baseline: the loading alone, the same `store.spans`,
  `store.relations`, `store.document` and token decoding for every document.
- merge: `merge(team, [a, b])` into a new target: validating and reading both inputs read-only,
  matching documents, conflict checks, writing, checkpointing, renaming into place. Baseline: the
  raw copy of the same rows with SQL (`ATTACH` each input, `INSERT INTO … SELECT` documents once and
  both inputs' spans) into a new project, committed.
Each row also gives the least CPU time of three runs: wall times on a shared 2-core machine include
the waits for a core (the ratios, measured in the same run, are what compares across machines).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from timing import best_of, cpu_best

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.shared_data import ANERCORP  # noqa: E402

LABELS = ["PERS", "ORG", "LOC", "MISC"]


def _project(path: Path, layers: int) -> Path:
    from annotator.core.importers import import_paths
    from annotator.core.model import NewSpan, Status
    from annotator.core.store import Store

    with Store.create(path) as store:
        report = import_paths(store, [ANERCORP], format="conll", annotator="a0")
        assert not report.failures, report.failures
        rng = random.Random(7)
        for doc_id in store.document_ids():
            gold = store.spans(doc_id, "a0")
            store.set_status(doc_id, "a0", Status.DONE, record=False)
            for k in range(1, layers):
                who = f"a{k}"
                spans = [
                    NewSpan(s.start, s.end, rng.choice(LABELS) if rng.random() < 0.1 else s.label, {}, who)
                    for s in gold
                    if rng.random() >= 0.1
                ]
                store.edit_layer(doc_id, who, add=spans, status=Status.DONE, record=False)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _load_only(store) -> None:
    from annotator.core.exporters.common import tokens_for

    store.all_statuses()
    for doc_id in store.document_ids():
        store.spans(doc_id)
        store.relations(doc_id)
        tokens_for(store.document(doc_id))


def bench_agreement(tmp: Path) -> list[dict]:
    from annotator.core.agreement import measure
    from annotator.core.store import Store

    rows = []
    for layers, target in ((2, 2.0), (5, 5.0)):
        path = _project(tmp / f"agree{layers}.annotator.db", layers)
        with Store.open(path) as store:
            spans = store.conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
            report = measure(store)
            assert len(report.annotators) == layers
            seconds = best_of(lambda store=store: measure(store))
            baseline = best_of(lambda store=store: _load_only(store))
            cpu = cpu_best(lambda store=store: measure(store))
        rows.append(
            {
                "what": f"agreement, {layers} ANERcorp layers ({spans:,} spans)",
                "seconds": seconds,
                "baseline": "loading the same layers",
                "baseline_s": baseline,
                "ratio": seconds / baseline,
                "note": f"target < {target:.0f} s; CPU {cpu:.2f} s; alpha {report.alpha['ALL']:.3f}",
            }
        )
    return rows


def _raw_merge(target: Path, inputs: list[Path]) -> None:
    from annotator.core.store import Store

    Store.create(target).close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    cols = "name, title, text, length, sha256, meta, source, tokens, created"
    span_cols = 'start, "end", label, annotator, origin, attrs, created'
    for i, path in enumerate(inputs):
        conn.execute(f"ATTACH DATABASE ? AS src{i}", (str(path),))
        if i == 0:
            conn.execute(f"INSERT INTO documents(id, {cols}) SELECT id, {cols} FROM src0.documents")
        conn.execute(f"INSERT INTO spans(doc_id, {span_cols}) SELECT doc_id, {span_cols} FROM src{i}.spans")
    conn.execute("COMMIT")
    conn.close()


def bench_merge(tmp: Path) -> list[dict]:
    from annotator.core.merge import merge

    base = _project(tmp / "base.annotator.db", 2)
    a, b = tmp / "a.annotator.db", tmp / "b.annotator.db"
    for path, drop in ((a, "a1"), (b, "a0")):  # a holds layer a0, b layer a1
        shutil.copy(base, path)
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM spans WHERE annotator = ?", (drop,))
        conn.execute("DELETE FROM statuses WHERE annotator = ?", (drop,))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()

    def fresh(name: str) -> Path:
        path = tmp / f"{name}-{time.monotonic_ns()}.annotator.db"
        return path

    report = merge(fresh("check"), [a, b])
    seconds = best_of(lambda: merge(fresh("team"), [a, b]))
    baseline = best_of(lambda: _raw_merge(fresh("raw"), [a, b]))
    cpu = cpu_best(lambda: merge(fresh("cpu"), [a, b]))
    return [
        {
            "what": f"merge two ANERcorp projects ({report.spans:,} spans)",
            "seconds": seconds,
            "baseline": "raw ATTACH + INSERT…SELECT of the same rows",
            "baseline_s": baseline,
            "ratio": seconds / baseline,
            "note": f"target < 3 s; CPU {cpu:.2f} s",
        }
    ]


def run() -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-review-bench-"))
    try:
        return bench_agreement(tmp) + bench_merge(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
