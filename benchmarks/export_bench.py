"""Export throughput per format, beside a baseline of reading the same rows with raw sqlite3 and
writing them with `json.dumps` (the least any exporter must do), on ANERcorp and on a synthetic
project of 10,000 documents with 500,000 spans (built once with `store.add_documents` and cached
under the temp folder).

    python benchmarks/export_bench.py          # prints its own table
    python benchmarks/bench.py export          # rows in the main table

`run()` prints a table (format, documents, spans, seconds, throughput, baseline seconds, ratio)
and returns the rows in `bench.py`'s shape.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from timing import best_of  # noqa: E402

from tests.shared_data import ANERCORP, SAMPLE  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "annotator-export-bench"
SYNTHETIC_DOCS = 10_000
SPANS_PER_DOC = 50
FORMATS = ("jsonl", "spacy", "hf", "conll", "brat", "quotes")
OUT_NAME = {
    "jsonl": "o.jsonl",
    "spacy": "o.jsonl",
    "hf": "o.jsonl",
    "conll": "o.conll",
    "brat": "brat",
    "quotes": "o.csv",
}


def anercorp_project() -> Path:
    from annotator.core.importers import import_paths
    from annotator.core.store import Store

    path = CACHE / "anercorp.annotator.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = CACHE / f"anercorp-{time.monotonic_ns()}.db"
        with Store.create(tmp) as store:
            report = import_paths(store, [ANERCORP], format="conll")
            assert report.ok, report.failures
        tmp.rename(path)
    return path


def synthetic_project(n_docs: int = SYNTHETIC_DOCS, spans_per_doc: int = SPANS_PER_DOC) -> Path:
    """`n_docs` news-like documents, each with `spans_per_doc` spans on word boundaries: entities,
    speakers with a nested ORG, cues and quotes linked by ATTRIBUTED_TO and CUE_OF; all done."""
    from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status
    from annotator.core.store import Store
    from annotator.core.text import tokenize

    path = CACHE / f"synthetic-{n_docs}x{spans_per_doc}.annotator.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    words = [t.text for t in tokenize(SAMPLE.read_text(encoding="utf-8")) if len(t.text) > 1]
    labels = ("PERS", "ORG", "GPE", "LOC", "MISC")

    def docs():
        for i in range(n_docs):
            spans: list[NewSpan] = []
            rels: list[NewRelation] = []
            parts: list[str] = [f"خبر رقم {i}:"]
            pos = len(parts[0]) + 1

            def put(text: str, parts: list[str] = parts) -> tuple[int, int]:
                nonlocal pos
                start = pos
                parts.append(text)
                pos += len(text) + 1
                return start, start + len(text)

            for q in range(2):  # a cue, a speaker with a nested organisation, a quote: 4 spans, 2 links
                c = put(rng.choice(("قال", "أكد", "أشار", "أوضح")))
                s0, _ = put("المتحدث باسم")
                o = put("وزارة " + rng.choice(words))
                put("إن")
                qs, _ = put("«" + " ".join(rng.choices(words, k=8)))
                _, qe = put(" ".join(rng.choices(words, k=4)) + "»")
                spans += [
                    NewSpan(*c, "CUE", {}, "ali", Origin.MANUAL, f"c{q}"),
                    NewSpan(s0, o[1], "SPEAKER", {"kind": "title"}, "ali", Origin.MANUAL, f"s{q}"),
                    NewSpan(*o, "ORG", {}, "ali", Origin.MANUAL, ""),
                    NewSpan(qs, qe, "QUOTE", {"type": "direct"}, "ali", Origin.MANUAL, f"q{q}"),
                ]
                rels += [
                    NewRelation("ATTRIBUTED_TO", f"q{q}", f"s{q}", "ali"),
                    NewRelation("CUE_OF", f"c{q}", f"q{q}", "ali"),
                ]
            while len(spans) < spans_per_doc:
                put(" ".join(rng.choices(words, k=rng.randint(1, 3))))
                spans.append(NewSpan(*put(rng.choice(words)), rng.choice(labels), {}, "ali", Origin.MANUAL))
            put(".")
            yield NewDocument(
                f"synthetic-{i:05d}",
                " ".join(parts),
                meta={"n": i},
                spans=spans,
                relations=rels,
                statuses={"ali": Status.DONE},
            )

    tmp = CACHE / f"synthetic-{time.monotonic_ns()}.db"
    with Store.create(tmp) as store:
        batch: list[Any] = []
        for doc in docs():
            batch.append(doc)
            if len(batch) == 1000:
                store.add_documents(batch)
                batch = []
        if batch:
            store.add_documents(batch)
    tmp.rename(path)
    return path


def baseline(project: Path, out: Path) -> tuple[int, int]:
    """Raw sqlite3: read every document and its spans, write one json.dumps line per document."""
    conn = sqlite3.connect(project)
    n_docs = n_spans = 0
    spans = conn.execute(
        'SELECT doc_id, start, "end", label, annotator, attrs FROM spans ORDER BY doc_id, start'
    )
    pending = next(spans, None)
    with open(out, "w", encoding="utf-8") as fh:
        for doc_id, name, text, meta in conn.execute(
            "SELECT id, name, text, meta FROM documents ORDER BY id"
        ):
            mine = []
            while pending is not None and pending[0] == doc_id:
                mine.append(
                    {
                        "start": pending[1],
                        "end": pending[2],
                        "label": pending[3],
                        "annotator": pending[4],
                        "attrs": json.loads(pending[5]),
                    }
                )
                pending = next(spans, None)
            fh.write(
                json.dumps(
                    {"name": name, "text": text, "meta": json.loads(meta), "spans": mine}, ensure_ascii=False
                )
                + "\n"
            )
            n_docs += 1
            n_spans += len(mine)
    conn.close()
    return n_docs, n_spans


def bench_project(name: str, project: Path, repeat: int) -> list[dict[str, Any]]:
    from annotator.core.exporters import ExportOptions, export
    from annotator.core.exporters.hf import have_pyarrow
    from annotator.core.exporters.spacy import have_spacy
    from annotator.core.store import Store

    work = Path(tempfile.mkdtemp(prefix="annotator-export-bench-"))
    try:
        counts: dict[str, int] = {}

        def run_baseline() -> None:
            counts["docs"], counts["spans"] = baseline(project, work / "baseline.jsonl")

        base_s = best_of(run_baseline, repeat)
        have_spacy()  # import spaCy before timing: its import is not the exporter's work
        rows = []
        with Store.open(project) as store:
            for fmt in FORMATS:
                out = work / fmt / OUT_NAME[fmt]
                out.parent.mkdir()
                report: Any = None

                def run_export(fmt: str = fmt, out: Path = out) -> None:
                    nonlocal report
                    report = export(store, fmt, out, ExportOptions(statuses=None, force=True))

                seconds = best_of(run_export, repeat)
                extra = {
                    "spacy": " + .spacy" if have_spacy() else "",
                    "hf": " + parquet" if have_pyarrow() else "",
                }
                rows.append(
                    {
                        "project": name,
                        "format": fmt + extra.get(fmt, ""),
                        "documents": report.documents,
                        "spans": report.spans,
                        "seconds": seconds,
                        "throughput": report.documents / seconds,
                        "baseline_s": base_s,
                        "ratio": seconds / base_s,
                    }
                )
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_rows(rows: list[dict[str, Any]]) -> None:
    print("| project | format | documents | spans | seconds | docs/s | baseline s | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['project']} | {r['format']} | {r['documents']:,} | {r['spans']:,} | {r['seconds']:.3f} | "
            f"{r['throughput']:,.0f} | {r['baseline_s']:.3f} | {r['ratio']:.2f} |"
        )


def run(report: Callable[[dict[str, Any]], object] | None = None) -> list[dict[str, Any]]:
    """Measure, print the table, and return rows in bench.py's shape (`report(row)` for each, if given)."""
    rows: list[dict[str, Any]] = []
    if ANERCORP.exists():
        rows += bench_project("ANERcorp", anercorp_project(), repeat=3)
    t0 = time.perf_counter()
    synthetic = synthetic_project()
    built = time.perf_counter() - t0
    rows += bench_project(f"synthetic {SYNTHETIC_DOCS:,} docs", synthetic, repeat=1)
    print_rows(rows)
    if built > 1:
        print(f"(synthetic project built in {built:.1f} s, cached at {synthetic})")
    out = []
    for r in rows:
        target = "; target < 2 s" if r["project"] == "ANERcorp" else ""
        row = {
            "what": f"export {r['project']} as {r['format']} ({r['documents']:,} docs, {r['spans']:,} spans)",
            "seconds": r["seconds"],
            "baseline": "raw sqlite3 read + json.dumps of the same rows",
            "baseline_s": r["baseline_s"],
            "ratio": r["ratio"],
            "note": f"{r['throughput']:,.0f} docs/s{target}",
        }
        if report is not None:
            report(row)
        out.append(row)
    return out


if __name__ == "__main__":
    run()
