"""The I/O half of the benchmark: opening a project (integrity checks), importing and exporting.

Every figure is a whole command in a fresh process, as a user runs it, so interpreter start-up and
library imports (spaCy's, pyarrow's) are in it; its baseline is the least program that does the same
work (benchmarks/io_baselines.py), run in turn with it (A B A B ...) so that the machine's drift hits
both. Each row gives the median and the 95th percentile (interpolated between the runs: with a few
runs it is close to the slowest) of wall time, the median ratio of the pairs, and peak memory
(the child's own maximum resident set, from the kernel); each note ends with the median CPU time
(user + system) of both, which other programs on a loaded machine change far less than wall time.

"Cold" rows evict the project file (and its -wal/-shm) from the page cache before each run with
posix_fadvise(DONTNEED) after an fsync, and nothing else: Python, Qt and spaCy stay cached, as they
are for a user who opens a project they have not touched today. `fincore` confirms the eviction
when it is installed.

    python benchmarks/io_bench.py                   # everything (an hour or more on 2 cores)
    python benchmarks/io_bench.py open import       # some parts: open, import, export, growth
    python benchmarks/io_bench.py export --runs 3   # fewer runs
    python benchmarks/io_bench.py export --formats spacy,hf   # some export formats only

`run(parts)` returns rows in bench.py's shape (preformatted values) and prints the tables.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
import io_data  # noqa: E402

BASELINES = REPO / "benchmarks" / "io_baselines.py"
FORMATS = (
    "jsonl",
    "spacy",
    "hf",
    "conll",
    "brat",
    "quotes",
    "conllu",
    "doccano",
    "prodigy",
    "labelstudio",
    "webanno",
    "citron",
)
OUT_NAME = {
    "jsonl": "o.jsonl",
    "spacy": "o.jsonl",
    "hf": "o.jsonl",
    "conll": "o.conll",
    "brat": "o",
    "quotes": "o.csv",
    "conllu": "o.conllu",
    "doccano": "o.jsonl",
    "prodigy": "o.jsonl",
    "labelstudio": "o.json",
    "webanno": "o",
    "citron": "o.json",
}
ANNOTATOR = "import sys; from annotator.cli import main; sys.argv[0] = 'annotator'; main()"
PARTS = ("open", "import", "export", "growth")


# ----------------------------------------------------------------------------- measuring
@dataclass
class Runs:
    """Wall seconds and peak resident memory (MiB) of the runs of one command."""

    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the child

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        if len(self.wall) < 2:
            return self.wall[0]
        return statistics.quantiles(self.wall, n=20, method="inclusive")[18]

    @property
    def peak_mb(self) -> float:
        return statistics.median(self.peak)


#: Runs one command per JSON line it reads and answers with its wall time and rusage. A child's peak
#: memory (ru_maxrss) starts at the size of the process that spawned it, and this benchmark holds
#: spaCy and large projects: a small process of its own spawns every measured command.
_SPAWNER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    t0 = time.perf_counter()
    proc = subprocess.Popen(job["cmd"], cwd=job["cwd"], env=job["env"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    print(json.dumps({"wall": wall, "peak_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
                      "code": os.waitstatus_to_exitcode(status),
                      "err": err.decode(errors="replace")[-800:]}), flush=True)
"""
_spawner: subprocess.Popen | None = None
#: The children compile each module once and reuse it, as an installed program does (pip writes the
#: bytecode at install): this machine's environment sets PYTHONDONTWRITEBYTECODE, which would make
#: every run compile annotator's modules again (0.2-0.4 s). The cache lives in its own folder.
PYCACHE = Path(tempfile.gettempdir()) / "annotator-io-bench-pycache"


def child_env(env: dict[str, str] | None) -> dict[str, str]:
    out = dict(env or os.environ)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return out


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds of one fresh process; its output is discarded,
    a failure raised."""
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen(
            [sys.executable, "-c", _SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _spawner.stdin is not None and _spawner.stdout is not None
    _spawner.stdin.write(json.dumps({"cmd": cmd, "cwd": str(REPO), "env": child_env(env)}) + "\n")
    _spawner.stdin.flush()
    got = json.loads(_spawner.stdout.readline())
    if got["code"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({got['code']}): {got['err']}")
    return got["wall"], got["peak_kb"] / 1024, got["cpu"]


def evict(*paths: Path) -> int:
    """Drop the files (and SQLite's -wal and -shm beside them) from the page cache; returns how many
    of their pages `fincore` still finds resident (-1 when fincore is missing)."""
    files = [Path(str(p) + s) for p in paths for s in ("", "-wal", "-shm")]
    files = [f for f in files if f.exists()]
    for f in files:
        fd = os.open(f, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    if not shutil.which("fincore") or not files:
        return -1
    out = subprocess.run(
        ["fincore", "-b", "-n", "-o", "PAGES", *map(str, files)], capture_output=True, text=True
    )
    return sum(int(x) for x in out.stdout.split() if x.isdigit())


def paired(
    a: Any, b: Any, runs: int, before: Any = None, env: dict[str, str] | None = None
) -> tuple[Runs, Runs, list[float]]:
    """Run A and B in turn `runs` times each; `a`, `b` give the command (list) for run i, `before(i,
    is_a)` prepares a run. Returns both series and the per-pair wall ratios."""
    ra, rb = Runs(), Runs()
    ratios = []
    for i in range(runs):
        pair = []
        for which, series in ((a, ra), (b, rb)):
            if before is not None:
                before(i, which is a)
            wall, peak, cpu = measure(which(i), env)
            series.cpu.append(cpu)
            series.wall.append(wall)
            series.peak.append(peak)
            pair.append(wall)
        ratios.append(pair[0] / pair[1])
    return ra, rb, ratios


def annotator(*args: str) -> list[str]:
    return [sys.executable, "-c", ANNOTATOR, *args]


def fmt(r: Runs) -> str:
    return f"{r.median:.2f} s (p95 {r.p95:.2f})"


def row(what: str, a: Runs, baseline: str, b: Runs | None, ratios: list[float] | None, note: str) -> dict:
    if b is not None and a.cpu and b.cpu:  # CPU time: what the load of other programs changes least
        ca, cb = statistics.median(a.cpu), statistics.median(b.cpu)
        note += f"; CPU {ca:.2f} s vs {cb:.2f} s ({ca / cb:.2f}x)"
    return {
        "what": what,
        "value": fmt(a) + f", {a.peak_mb:.0f} MiB",
        "baseline": f"{baseline}: {fmt(b)}, {b.peak_mb:.0f} MiB" if b else baseline,
        "ratio": f"{statistics.median(ratios):.2f}" if ratios else "",
        "note": note,
    }


def fresh_env() -> dict[str, str]:
    """A first start of the window: its own settings folders, offscreen."""
    home = tempfile.mkdtemp(prefix="annotator-io-bench-home-")
    return dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        ANNOTATOR_HOME=home,
        XDG_CONFIG_HOME=os.path.join(home, "config"),
    )


# ----------------------------------------------------------------------------- opening (goal 3)
_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from annotator.ui.app import build_window
app, window = build_window(sys.argv[1], "bench")
QTimer.singleShot(0, app.quit)
app.exec()
"""
_BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication([])
window = QPlainTextEdit()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
_RAW_OPEN = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('SELECT text FROM documents WHERE id = 1').fetchone()"
_QUICK_CHECK = (
    "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA quick_check').fetchone())"
)


def bench_open(runs: int) -> list[dict]:
    project = io_data.news_project(100_000)
    size = project.stat().st_size / 1e6
    conn = sqlite3.connect(project)
    spans = conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    conn.close()
    what = f"100,000-document project ({size:.0f} MB, {spans:,} spans)"
    left = []

    def cold(i: int, is_a: bool) -> None:
        left.append(evict(project))

    out = []
    env = fresh_env()
    for label, before in (("cold", cold), ("warm", None)):
        a, b, r = paired(
            lambda i: annotator("show", str(project), "1", "--bidi", "off"),
            lambda i: [sys.executable, "-c", _RAW_OPEN, str(project)],
            runs,
            before,
        )
        out.append(
            row(
                f"open {what}, {label} cache: `annotator show PROJECT 1`",
                a,
                "python + sqlite3 reading document 1",
                b,
                r,
                "header and schema checked; no full read; target < 1.5 s cold",
            )
        )
        a, b, r = paired(
            lambda i: [sys.executable, "-c", _WINDOW, str(project)],
            lambda i: [sys.executable, "-c", _BARE_WINDOW],
            runs,
            before,
            env,
        )
        out.append(
            row(
                f"window on the {what}, {label} cache: start to shown",
                a,
                "bare PySide6 window",
                b,
                r,
                "fresh process; the full check then runs in the background; target < 1.5 s",
            )
        )
    a, b, r = paired(
        lambda i: annotator("check", str(project)),
        lambda i: [sys.executable, "-c", _QUICK_CHECK, str(project)],
        max(2, runs // 2),
        cold,
    )
    out.append(
        row(
            f"`annotator check` of the {what}, cold cache",
            a,
            "PRAGMA quick_check alone (what every open did before)",
            b,
            r,
            "integrity_check, foreign keys, every text against its SHA-256",
        )
    )
    guide = Path(tempfile.mkdtemp()) / "guide.txt"
    guide.write_text("اقرأ النص كاملا.\n", encoding="utf-8")
    a, b, r = paired(
        lambda i: annotator("guidelines", str(project), "--set", str(guide)),
        lambda i: annotator("show", str(project), "1", "--bidi", "off"),
        max(2, runs // 2),
        cold,
    )
    out.append(
        row(
            f"first write to the {what}, cold cache: `annotator guidelines --set`",
            a,
            "`annotator show` (open, no write)",
            b,
            r,
            "a write waits for the full check (quick_check) before it starts",
        )
    )
    if left and min(left) >= 0:
        out[0]["note"] += f"; pages left resident after each eviction: at most {max(left)}"
    return out


# ----------------------------------------------------------------------------- importing (goal 4)
def _counts(project: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(project)
    try:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("documents", "spans", "relations")
        )  # type: ignore[return-value]
    finally:
        conn.close()


def _import_pair(source: Path, kind: str, runs: int) -> tuple[Runs, Runs, list[float], str]:
    work = Path(tempfile.mkdtemp(prefix="annotator-io-import-"))
    template = work / "empty.annotator.db"
    subprocess.run(annotator("init", str(template)), cwd=REPO, check=True, capture_output=True)
    real, raw = work / "real.annotator.db", work / "raw.annotator.db"

    def fresh(i: int, is_a: bool) -> None:  # each starts from nothing; both results stay for the counts
        target = real if is_a else raw
        for s in ("", "-wal", "-shm"):
            Path(str(target) + s).unlink(missing_ok=True)
        if is_a:
            shutil.copy(template, real)

    try:
        a, b, r = paired(
            lambda i: annotator(
                "import", str(real), str(source), *(["--format", "conll"] if kind == "conll" else [])
            ),
            lambda i: [sys.executable, str(BASELINES), f"import-{kind}", str(source), str(raw)],
            runs,
            fresh,
        )
        same = _counts(real) == _counts(raw)
        docs, spans, rels = _counts(real)
        note = f"{docs:,} docs, {spans:,} spans, {rels:,} relations" + ("" if same else "; COUNTS DIFFER")
        return a, b, r, note
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_import(runs: int) -> list[dict]:
    a, b, r, note = _import_pair(io_data.ANERCORP, "conll", runs)
    aner = row(
        "import ANERcorp (CoNLL, CLI, one transaction)",
        a,
        "raw streaming CoNLL import (same rows, same schema)",
        b,
        r,
        note + "; targets: < 2 s, within 2x",
    )
    source = io_data.news_jsonl(100_000)
    a, b, r, note = _import_pair(source, "jsonl", runs)
    return [
        aner,
        row(
            f"import {source.stat().st_size / 1e6:.0f} MB JSONL of 100,000 documents (own format, spans, "
            "relations, statuses), one transaction",
            a,
            "raw streaming import (json.loads, executemany, same schema)",
            b,
            r,
            note + "; targets: < 200 MiB peak, within 1.5x",
        ),
    ]


# ----------------------------------------------------------------------------- exporting (goal 5)
def anercorp_project(k: int) -> Path:
    """ANERcorp x k imported by the real importer (cached)."""
    from annotator.core.importers import import_paths
    from annotator.core.store import Store

    path = io_data.CACHE / f"anercorp-x{k}-v{io_data.VERSION}.annotator.db"
    if not path.exists():
        io_data.CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{time.monotonic_ns()}.tmp")
        with Store.create(tmp) as store:
            report = import_paths(store, [io_data.anercorp_times(k)], format="conll")
            assert report.ok, report.failures
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tmp.rename(path)
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    """The files under `folder`; a folder export's marker without the project's own id."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            if p.name == ".annotator-export.json":
                marker = json.loads(data)
                marker.pop("project", None)
                data = json.dumps(marker, sort_keys=True).encode()
            out[str(p.relative_to(folder))] = data
    return out


def export_pair(project: Path, fmt: str, runs: int) -> tuple[Runs, Runs, list[float], bool]:
    """`annotator export` against the baseline writing the same data; and whether their bytes agree."""
    work = Path(tempfile.mkdtemp(prefix="annotator-io-export-"))
    a_dir, b_dir = work / "a", work / "b"

    def fresh(i: int, is_a: bool) -> None:
        folder = a_dir if is_a else b_dir
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()

    try:
        a, b, r = paired(
            lambda i: annotator(
                "export", str(project), "-f", fmt, "-o", str(a_dir / OUT_NAME[fmt]), "--all-statuses"
            ),
            lambda i: [
                sys.executable,
                str(BASELINES),
                "export",
                fmt,
                str(project),
                str(b_dir / OUT_NAME[fmt]),
            ],
            runs,
            fresh,
        )
        return a, b, r, _tree(a_dir) == _tree(b_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _extra(fmt: str) -> str:
    from annotator.core.exporters.hf import have_pyarrow
    from annotator.core.exporters.spacy import have_spacy

    return {"spacy": " + .spacy" if have_spacy() else "", "hf": " + .parquet" if have_pyarrow() else ""}.get(
        fmt, ""
    )


_SPACY_IMPORT = "import spacy; from spacy.tokens import DocBin; from spacy.vocab import Vocab"
#: What the spaCy export imports instead when it writes the DocBin itself (exporters/docbin.py).
_DIRECT_IMPORT = "import ctypes, msgpack, zlib; from murmurhash import mrmr"


def bench_spacy_parts(project: Path, runs: int) -> list[dict]:
    """What of the spaCy export is spaCy's own import, and what its first run on a machine adds (the
    training config is made then, and kept in the user's cache folder for the next exports)."""
    out = []
    a, b, r = paired(
        lambda i: [sys.executable, "-c", _SPACY_IMPORT],
        lambda i: [sys.executable, "-c", "pass"],
        runs,
    )
    from annotator.core.exporters.docbin import direct_ok, spacy_version

    paid = (
        f"not paid by the exports above: spaCy {spacy_version()} is one the direct DocBin writer was checked "
        "against, so they import msgpack, ctypes and murmurhash instead (next row); paid by the first export on a "
        "machine (the config, last row) and by exports with a spaCy version not checked"
        if direct_ok()
        else "paid by every spaCy export (this spaCy version is not one the direct DocBin writer was checked against)"
    )
    out.append(row("import spaCy alone (spacy, DocBin, Vocab)", a, "python -c pass", b, r, paid))
    a, b, r = paired(
        lambda i: [sys.executable, "-c", _DIRECT_IMPORT],
        lambda i: [sys.executable, "-c", "pass"],
        runs,
    )
    out.append(
        row(
            "import msgpack, ctypes and murmurhash alone (what the direct DocBin writer needs)",
            a,
            "python -c pass",
            b,
            r,
            "part of the spaCy export rows above" if direct_ok() else "not used: spaCy writes the DocBin",
        )
    )
    work = Path(tempfile.mkdtemp(prefix="annotator-io-export-"))

    def fresh(i: int, is_a: bool) -> None:
        shutil.rmtree(work, ignore_errors=True)
        (work / "a").mkdir(parents=True)
        (work / "b").mkdir()

    try:
        a, b, r = paired(
            lambda i: annotator(
                "export", str(project), "-f", "spacy", "-o", str(work / "a" / "o.jsonl"), "--all-statuses"
            ),
            lambda i: [
                sys.executable,
                str(BASELINES),
                "export",
                "spacy",
                str(project),
                str(work / "b" / "o.jsonl"),
            ],
            runs,
            fresh,
            dict(os.environ, XDG_CACHE_HOME=str(work / "cache")),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.append(
        row(
            "export ANERcorp as spacy + .spacy, first export on the machine (no cached training config)",
            a,
            "baseline writing the same data",
            b,
            r,
            (
                "the config comes with annotator for this spaCy and thinc (exporters/spacy.py BUNDLED_CONFIGS)"
                if _config_bundled()
                else "init_config builds a pipeline once; later exports read it from the cache (row above)"
            ),
        )
    )
    return out


def _config_bundled() -> bool:
    """Whether annotator brings spaCy's training config for the installed spaCy and thinc."""
    from annotator.core.exporters import docbin, spacy

    return (docbin.spacy_version(), docbin.installed_version("thinc")) in spacy.BUNDLED_CONFIGS


def bench_export(runs: int, formats: tuple[str, ...] = FORMATS) -> list[dict]:
    project = anercorp_project(1)
    out = []
    for fmt in formats:
        a, b, r, same = export_pair(project, fmt, runs)
        out.append(
            row(
                f"export ANERcorp as {fmt}{_extra(fmt)} (CLI, library imports included)",
                a,
                "baseline writing the same data",
                b,
                r,
                ("same bytes" if same else "OUTPUT DIFFERS") + "; targets: < 2 s, within 2x",
            )
        )
    if "spacy" in formats and "spacy" in _extra("spacy"):
        out += bench_spacy_parts(project, runs)
    return out


# ----------------------------------------------------------------------------- growth (goal 7)
def _line(r: dict) -> str:
    """One row of the results table in Markdown."""
    return f"| {r['what']} | {r['value']} | {r['baseline']} | {r['ratio']} | {r['note']} |"


class _PrintingList(list):
    """A list of rows that prints each row as it is appended."""

    def append(self, r: dict) -> None:
        super().append(r)
        print(_line(r), flush=True)


def bench_growth(runs: int) -> list[dict]:
    """Rows are printed as each is measured (the whole part takes over an hour) and again at the end."""
    out = _PrintingList()
    for k in (1, 4, 16):
        a, b, r, note = _import_pair(io_data.anercorp_times(k), "conll", runs)
        out.append(row(f"import ANERcorp x{k} (CoNLL)", a, "raw streaming CoNLL import", b, r, note))
    for k in (4, 16):
        project = anercorp_project(k)
        for fmt in FORMATS:
            a, b, r, same = export_pair(project, fmt, runs)
            out.append(
                row(
                    f"export ANERcorp x{k} as {fmt}{_extra(fmt)}",
                    a,
                    "baseline writing the same data",
                    b,
                    r,
                    "same bytes" if same else "OUTPUT DIFFERS",
                )
            )
    project = io_data.synthetic_project()
    for fmt in FORMATS:
        a, b, r, same = export_pair(project, fmt, runs)
        out.append(
            row(
                f"export synthetic {io_data.SYNTHETIC_DOCS:,} docs x {io_data.SPANS_PER_DOC} spans as {fmt}{_extra(fmt)}",
                a,
                "baseline writing the same data",
                b,
                r,
                "same bytes" if same else "OUTPUT DIFFERS",
            )
        )
    return list(out)


# ----------------------------------------------------------------------------- entry
def print_rows(rows: list[dict]) -> None:
    print("| what | measured: median (p95), peak | baseline (same run) | ratio (median of pairs) | note |")
    print("|---|---:|---|---:|---|")
    for r in rows:
        print(_line(r))
    sys.stdout.flush()


def run(parts: tuple[str, ...] = PARTS, runs: int = 5, formats: tuple[str, ...] = FORMATS) -> list[dict]:
    rows: list[dict] = []
    steps = {
        "open": lambda: bench_open(runs),
        "import": lambda: bench_import(max(2, runs // 2)),
        "export": lambda: bench_export(runs, formats),
        "growth": lambda: bench_growth(max(2, runs // 2)),
    }
    for part in parts:
        got = steps[part]()
        print_rows(got)
        print()
        rows += got
    return rows


def main(argv: list[str]) -> None:
    runs = 5
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i : i + 2]
    formats = FORMATS
    if "--formats" in argv:  # the export part for some formats only: --formats spacy,hf
        i = argv.index("--formats")
        formats = tuple(argv[i + 1].split(","))
        del argv[i : i + 2]
        if set(formats) - set(FORMATS):
            raise SystemExit(f"unknown format(s); choose from {', '.join(FORMATS)}")
    parts = tuple(argv) or PARTS
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    run(parts, runs, formats)
    print(json.dumps({"done": time.strftime("%Y-%m-%d %H:%M")}))


if __name__ == "__main__":
    main(sys.argv[1:])
