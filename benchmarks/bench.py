"""The benchmark script: prints one table of figures, each beside the baseline it names.

    python benchmarks/bench.py            # everything
    python benchmarks/bench.py core       # offsets, search, tokenizer
    python benchmarks/bench.py ui         # the window's figures
    python benchmarks/bench.py io         # opening, importing, exporting (benchmarks/io_bench.py)
    python benchmarks/bench.py export     # the exports of the io group only
    python benchmarks/bench.py review     # agreement and merge at ANERcorp scale
    python benchmarks/bench.py suggest    # suggestion timings and quality
    python benchmarks/window_bench.py     # the window's figures alone (see its docstring)

Figures are ratios to a baseline measured in the same run on the same machine, so they can be
compared across machines; absolute seconds are printed too. Targets are in DESIGN.md ("Quality bar").
Record what it prints in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from timing import best_of  # noqa: E402

from tests.shared_data import SAMPLE  # noqa: E402

Row = dict[str, object]


def row(what: str, seconds: float, baseline_name: str, baseline: float, note: str = "") -> Row:
    return {
        "what": what,
        "seconds": seconds,
        "baseline": baseline_name,
        "baseline_s": baseline,
        "ratio": seconds / baseline if baseline else float("nan"),
        "note": note,
    }


def _megabyte_of_arabic() -> str:
    from annotator.core.text import normalize_text

    base = normalize_text(SAMPLE.read_text(encoding="utf-8"))
    extra = " تجربة 😀 «اقتباس» وقال CNN Turk: أَكَّدَ الـــوزير 2025\n"
    text = ""
    while len(text.encode("utf-8")) < 1_000_000:
        text += base + extra
    return text


def bench_text() -> list[Row]:
    from annotator.core.text import OffsetMap, find_folded, tokenize

    text = _megabyte_of_arabic()
    n = len(text)
    positions = list(range(0, n, 97))

    def build_and_map() -> None:
        m = OffsetMap(text)
        for p in positions:
            m.to_cp(m.to_utf16(p))

    sample = positions[:: max(1, len(positions) // 50)]

    def baseline_map() -> None:  # the obvious way: encode the prefix (timed on a sample, then scaled)
        for p in sample:
            len(text[:p].encode("utf-16-le"))

    t_map = best_of(build_and_map)
    t_base = best_of(baseline_map) * len(positions) / len(sample)
    rows_out = [
        row(
            f"offset map: build + {len(positions):,} round trips, 1 MB",
            t_map,
            "encode prefix to UTF-16 per position (scaled from a sample)",
            t_base,
        )
    ]
    t_find = best_of(lambda: find_folded(text, "اكد"))
    t_plain = best_of(lambda: [m.span() for m in re.finditer("أكد", text)])
    hits = len(find_folded(text, "اكد"))
    exact = len(re.findall("أكد", text))
    rows_out.append(
        row(
            "folded search 'اكد', 1 MB (fold + map back)",
            t_find,
            "re.finditer exact 'أكد'",
            t_plain,
            f"{hits} folded hits vs {exact} exact",
        )
    )
    t_tok = best_of(lambda: tokenize(text))
    t_split = best_of(lambda: [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)])
    rows_out.append(
        row(
            "tokenize 1 MB (Arabic-aware, offsets)",
            t_tok,
            r"re.finditer(\w+|[^\w\s])",
            t_split,
            f"{len(tokenize(text)):,} tokens",
        )
    )
    return rows_out


def _fresh_user_env() -> dict[str, str]:
    """A first start: its own settings and data folders, so runs neither read nor change the user's."""
    home = tempfile.mkdtemp(prefix="annotator-bench-home-")
    return dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        ANNOTATOR_HOME=home,
        XDG_CONFIG_HOME=os.path.join(home, "config"),
    )


_START_SCRIPT = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
{body}
QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
app.exec()
"""

_START_APP = """
from annotator.ui.app import build_window
app, window = build_window(sys.argv[1], "bench")
"""

_START_BARE = """
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication([])
window = QPlainTextEdit()
window.show()
"""


def bench_start() -> list[Row]:
    """Cold start to a shown window, beside a bare PySide6 window (both in fresh interpreters)."""
    from annotator.core.importers import import_paths
    from annotator.core.store import Store

    project = Path(tempfile.mkdtemp(prefix="annotator-bench-")) / "start.annotator.db"
    with Store.create(project) as store:
        import_paths(store, [SAMPLE])
    env = _fresh_user_env()

    def launch(body: str) -> float:
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", _START_SCRIPT.format(body=body), str(project)],
                env=env,
                check=True,
                capture_output=True,
                cwd=REPO,
            )
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs)

    app = launch(_START_APP)
    bare = launch(_START_BARE)
    return [
        row(
            "cold start to a shown window (sample project)",
            app,
            "bare PySide6 QPlainTextEdit window",
            bare,
            "median of 5 fresh processes; target < 1.5 s",
        )
    ]


def print_table(rows_out: list[Row]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    print()
    print("| what | measured | baseline (same run) | ratio | note |")
    print("|---|---:|---|---:|---|")
    for r in rows_out:
        if "value" in r:
            print(f"| {r['what']} | {r['value']} | {r['baseline']} | {r['ratio']} | {r['note']} |")
        else:
            base = f"{r['baseline']}: {r['baseline_s']:.4f} s" if r["baseline_s"] else "—"
            ratio = f"{r['ratio']:.3g}" if r["baseline_s"] else "—"
            print(f"| {r['what']} | {r['seconds']:.4f} s | {base} | {ratio} | {r['note']} |")


def main(argv: list[str]) -> None:
    groups = argv or ["core", "ui", "io", "review", "suggest"]
    rows_out: list[Row] = []
    if "core" in groups:
        rows_out += bench_text()
    if "ui" in groups:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import window_bench  # the real window: open, label, jumps, idle colouring, 100,000 documents

        rows_out += window_bench.run()
        rows_out += bench_start()
    if "io" in groups or "export" in groups:
        import io_bench

        rows_out += io_bench.run(io_bench.PARTS if "io" in groups else ("export",))
    if "review" in groups:
        import review_bench

        rows_out += review_bench.run()
    if "suggest" in groups:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import suggest_bench

        rows_out += suggest_bench.run()
    print_table(rows_out)


if __name__ == "__main__":
    main(sys.argv[1:])
