"""Suggestion timings and quality, for bench.py (`python benchmarks/bench.py suggest`).

- the news article (the sample) suggested in a project that holds ANERcorp (so the project memory
  has thousands of strings): the engine alone (read, rules, memory, store and commit), beside a pass
  of the project's tokenizer over the same text; and in the real window, opening it for the first
  time (suggestions made, stored, painted) beside opening it with suggestions off; medians and p95
  of 20 runs;
- all of ANERcorp with `annotator suggest` in a fresh process, beside `annotator import` of it;
- in that project (every document suggested), the memory's check for new spans, beside the same
  check on a copy without the index of real spans;
- the project memory's cost per article with 1,000 and with 100,000 remembered strings;
- the quality figures of suggest_quality.py.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from suggest_quality import (  # noqa: E402
    ANERCORP,
    DATA,
    gold_documents,
    memory_quality,
    rules_quality,
)

from tests.shared_data import SAMPLE  # noqa: E402

RUNS = 20


def _ms(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values) * 1000, values[max(0, round(0.95 * len(values)) - 1)] * 1000


def _value(values: list[float]) -> str:
    med, p95 = _ms(values)
    digits = 2 if med < 1 else 1  # a few hundredths of a millisecond stay visible
    return f"median {med:.{digits}f} ms, p95 {p95:.{digits}f} ms"


def _row(what: str, values: list[float], base_name: str, base: list[float], note: str) -> dict:
    ratio = statistics.median(values) / statistics.median(base) if base else ""
    return {
        "what": what,
        "value": _value(values),
        "baseline": f"{base_name}: {_value(base)}" if base else base_name,
        "ratio": f"{ratio:.2f}x" if base else "",
        "note": note,
    }


def _project(tmp: Path) -> Path:
    """ANERcorp imported (its entities are the memory) and the sample article."""
    from annotator.core.importers import import_paths
    from annotator.core.store import Store

    path = tmp / "suggest.annotator.db"
    with Store.create(path) as store:
        import_paths(store, [ANERCORP], format="conll")
        import_paths(store, [SAMPLE])
    return path


def bench_engine(path: Path) -> list[dict]:
    from annotator.core.store import Store
    from annotator.core.suggestions import Suggester
    from annotator.core.text import tokenize

    with Store.open(path) as store:
        doc_id = store.document_ids()[-1]
        text = store.document(doc_id).text
        suggester = Suggester(store)
        suggester.suggest(doc_id, "bench")  # builds the memory automaton once (cached by version)
        runs, base = [], []
        for i in range(RUNS):
            t0 = time.perf_counter()
            change = suggester.suggest(doc_id, f"bench{i}")  # a first time for each: stored, committed
            runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            tokenize(text)
            base.append(time.perf_counter() - t0)
        n = len(change.spans_added)
        terms = len(store.memory_terms())
    return [
        _row(
            f"suggest the news article ({len(text):,} chars): read, rules, memory, store",
            runs,
            "tokenize the same text",
            base,
            f"{n} suggestions, memory of {terms:,} strings; target < 50 ms",
        )
    ]


_WINDOW_SCRIPT = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings().setValue("suggest/auto", True)
from annotator.core.store import Store
from annotator.ui.main_window import MainWindow
store = Store.open(sys.argv[1])
doc_id = store.document_ids()[-1]
other = store.document_ids()[0]
w = MainWindow(store, "bench")
w.resize(1360, 860)
w.show()
app.processEvents()

def forget():  # the harness only: make the next opening a first one again
    with store.transaction() as conn:
        conn.execute("DELETE FROM spans WHERE annotator = 'bench'")
        conn.execute("DELETE FROM suggestion_runs WHERE annotator = 'bench'")

def open_timed(auto):
    w.session.auto_suggest = False
    w.open_document(other)
    app.processEvents()
    forget()
    w.session.auto_suggest = auto
    t0 = time.perf_counter()
    w.open_document(doc_id)
    w.reader.viewport().repaint()
    return time.perf_counter() - t0

open_timed(True)
with_suggestions, without = [], []
for _ in range(int(sys.argv[2])):
    with_suggestions.append(open_timed(True))
    n = len(w.session.suggestions())
    without.append(open_timed(False))
print(json.dumps({"with": with_suggestions, "without": without, "n": n}))
"""


def bench_window(path: Path) -> list[dict]:
    import json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    out = subprocess.run(
        [sys.executable, "-c", _WINDOW_SCRIPT, str(path), str(RUNS)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    extra = [a - b for a, b in zip(got["with"], got["without"], strict=True)]
    med, p95 = _ms(extra)
    return [
        _row(
            "window: open the news article for the first time, suggestions made, stored and painted",
            got["with"],
            "open it with suggestions off",
            got["without"],
            f"{got['n']} suggestions; their cost: median {med:.1f} ms, p95 {p95:.1f} ms; target < 50 ms",
        )
    ]


def bench_cli(tmp: Path) -> list[dict]:
    exe = [shutil.which("annotator", path=str(Path(sys.executable).parent)) or "annotator"]

    def timed(args: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(exe + args, check=True, capture_output=True, cwd=REPO)
        return time.perf_counter() - t0

    imports, suggests = [], []
    for i in range(3):
        path = tmp / f"cli-{i}.annotator.db"
        subprocess.run(exe + ["init", str(path)], check=True, capture_output=True)
        imports.append(timed(["import", str(path), str(ANERCORP)]))
        suggests.append(timed(["suggest", str(path), "--annotator", "bench"]))
    med_s, med_i = statistics.median(suggests), statistics.median(imports)
    return [
        {
            "what": "annotator suggest: all of ANERcorp (105 documents, 150k tokens), fresh process",
            "value": f"median {med_s:.2f} s of 3",
            "baseline": f"annotator import of ANERcorp: median {med_i:.2f} s",
            "ratio": f"{med_s / med_i:.2f}x",
            "note": "rules + memory of its 11,233 entities, stored; target < 10 s",
        }
    ]


def bench_refresh(tmp: Path) -> list[dict]:
    """The project memory's check for new spans, which every suggestion makes, in a project whose
    suggestions are all stored (after `annotator suggest` on ANERcorp), beside the same check on a copy
    without the index of real spans (migration 6): there it read every suggestion stored since."""

    from annotator.core.store import Store
    from annotator.core.suggestions.memory import refresh

    path = tmp / "cli-0.annotator.db"
    bare = tmp / "no-index.annotator.db"
    shutil.copy(path, bare)
    timings = {}
    for name, p in (("indexed", path), ("bare", bare)):
        with Store.open(p) as store:
            if name == "bare":  # after the open: a project without its index is refused at open
                store.conn.execute("DROP INDEX spans_real")
            refresh(store)
            runs = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                refresh(store)
                runs.append(time.perf_counter() - t0)
            low, high = store.memory_backlog()
            timings[name] = runs
    return [
        _row(
            "project memory: the check for new spans before each suggestion, all ANERcorp suggested",
            timings["indexed"],
            "the same without the index of real spans",
            timings["bare"],
            f"{high - low:,} suggestions stored above the memory's watermark",
        )
    ]


def bench_memory_scale() -> list[dict]:
    """Memory proposals for the article with 1,000 and 100,000 remembered strings."""
    import random

    from annotator.core.model import Document
    from annotator.core.suggestions import Context, MemorySource

    text = SAMPLE.read_text(encoding="utf-8")
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    rng = random.Random(7)
    names = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(100_000)]
    real = [
        ("GPE", "تركيا", 5, 0),
        ("GPE", "سوريا", 5, 0),
        ("GPE", "إسرائيل", 5, 0),
        ("GPE", "أذربيجان", 5, 0),
    ]
    out = []
    timings = {}
    for n in (1_000, 100_000):
        t0 = time.perf_counter()
        memory = MemorySource(real + [("PERS", x, 2, 0) for x in names[:n]])
        build = time.perf_counter() - t0
        doc = Document(1, "d", text, "")
        runs = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            memory.propose(doc, Context("bench"))
            runs.append(time.perf_counter() - t0)
        timings[n] = (runs, build)
    small, big = timings[1_000], timings[100_000]
    out.append(
        _row(
            "project memory: one article against 100,000 remembered strings",
            big[0],
            "the same against 1,000 strings",
            small[0],
            f"building the automaton: {big[1]:.2f} s for 100,000 (once per change of the memory)",
        )
    )
    return out


def bench_quality() -> list[dict]:
    rows = []
    for name, docs in (
        ("development set", gold_documents()),
        ("held-out set", gold_documents(DATA / "heldout.jsonl")),
        ("unseen set", gold_documents(DATA / "unseen.jsonl")),
        ("fresh set", gold_documents(DATA / "fresh.jsonl")),
        ("final set", gold_documents(DATA / "final.jsonl")),
    ):
        q = rules_quality(docs)
        rows.append(
            {
                "what": f"quotes on the {name} ({len(docs)} documents, {q.gold} quotes)",
                "value": f"precision {q.precision:.3f}, recall {q.recall:.3f}, right speaker {q.speaker:.3f}",
                "baseline": "",
                "ratio": "",
                "note": f"{q.correct}/{q.proposed} proposed, {q.found}/{q.gold} found, "
                f"{q.speaker_right}/{q.speaker_total} speakers; targets P ≥ 0.75, R ≥ 0.85, speaker ≥ 0.8",
            }
        )
    m = memory_quality()
    rows.append(
        {
            "what": "project memory on ANERcorp (first 80% of documents remembered, last 20% proposed)",
            "value": f"precision {m.precision:.3f}, recall {m.recall:.3f}",
            "baseline": "",
            "ratio": "",
            "note": f"{m.correct}/{m.proposed} proposals right, {m.terms:,} strings remembered",
        }
    )
    return rows


def run() -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="annotator-suggest-bench-"))
    try:
        path = _project(tmp)
        rows = (
            bench_engine(path)
            + bench_window(path)
            + bench_cli(tmp)
            + bench_refresh(tmp)
            + bench_memory_scale()
            + bench_quality()
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
