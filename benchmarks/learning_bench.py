"""The entity model on ANERcorp: quality on held-out documents, learning curve, training and tagging time.

    python benchmarks/learning_bench.py               # quality, curve, timings (about 10 minutes)
    python benchmarks/learning_bench.py --ablation    # also F1 without each feature group (longer)
    python benchmarks/learning_bench.py --quick       # the 80/20 quality and the timings only

ANERcorp goes through the real pipeline: `annotator import P ANERCorp.txt --sentences-per-doc 50`
in a fresh project, then the same code `annotator train` runs. The split is by document (the
project's seeded split: 80% of the documents train, the other 20% test); c1 and c2 were chosen
on a development split of the 80% (`--tune` repeats that search), never on the test documents.
Quality is exact-span entity precision, recall and F1 (seqeval's rule). Timings are wall seconds
and this process's CPU seconds (crfsuite trains on one core), with the machine's load average.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annotator.core.learning.examples import collect  # noqa: E402
from annotator.core.learning.features import GROUPS  # noqa: E402
from annotator.core.learning.metrics import OVERALL, Score  # noqa: E402
from annotator.core.learning.train import TrainOptions, evaluate, fit, split_examples  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.core.text import sentence_spans, tokenize  # noqa: E402
from tests.shared_data import ANERCORP, SAMPLE  # noqa: E402
from tests.shared_data import ARTICLES as SHARED_ARTICLES  # noqa: E402

#: news articles nobody annotated: the shared ones and the bundled sample (once each, by name)
ARTICLES = list({p.name: p for p in [SAMPLE, *sorted(SHARED_ARTICLES.glob("*.txt"))]}.values())
SEED = 0
TEST_SHARE = 0.2


def import_anercorp(folder: Path) -> Path:
    project = folder / "anercorp.annotator.db"
    cmd = [
        sys.executable,
        "-m",
        "annotator",
        "import",
        str(project),
        str(ANERCORP),
        "--sentences-per-doc",
        "50",
    ]
    subprocess.run([sys.executable, "-m", "annotator", "init", str(project)], check=True, capture_output=True)
    subprocess.run(cmd, check=True, capture_output=True)
    return project


def table(scores: dict[str, Score]) -> list[str]:
    rows = ["| label | precision | recall | F1 | gold entities |", "|---|---:|---:|---:|---:|"]
    for label in [*sorted(k for k in scores if k != OVERALL), OVERALL]:
        s = scores[label]
        name = "**overall (micro)**" if label == OVERALL else label
        rows.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
    return rows


def timed(fn):  # type: ignore[no-untyped-def]
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def tagging_rows(model) -> str:  # type: ignore[no-untyped-def]
    """Median and p95 wall time, and median CPU time, of tagging each article (both passes, from the
    text: tokenizer, sentences, features, CRF, confidences), beside tokenize + sentence split alone.
    On a machine shared with other work, wall time includes the time this process waits for a core;
    CPU time is what tagging itself costs."""
    rows = []
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        model.predict(text)  # warm: the tagger opens once per model
        walls, cpus, base = [], [], []
        for _ in range(50):
            w, c = time.perf_counter(), time.process_time()
            proposals = model.predict(text)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
            w = time.perf_counter()
            tokenize(text), sentence_spans(text)
            base.append(time.perf_counter() - w)
        walls.sort()
        rows.append(
            f"- tagging {path.name} ({len(text):,} characters, {len(tokenize(text))} tokens, "
            f"{len(proposals)} proposals): wall median {statistics.median(walls) * 1000:.1f} ms, "
            f"p95 {walls[int(len(walls) * 0.95) - 1] * 1000:.1f} ms; CPU median "
            f"{statistics.median(cpus) * 1000:.1f} ms; baseline tokenize + sentence split "
            f"{statistics.median(base) * 1000:.2f} ms (load average {os.getloadavg()[0]:.1f})"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--tune", action="store_true", help="search c1/c2 on a dev split of the 80%")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="annotator-learning-"))
    project = import_anercorp(folder)
    store = Store.open(project)
    collected = collect(store, "import")
    labels = [lab for lab in collected.labels if collected.label_counts[lab]]
    examples = collected.examples
    train, test = split_examples(examples, TEST_SHARE, SEED)
    out: list[str] = []
    say = out.append
    say(
        f"ANERcorp imported with `annotator import --sentences-per-doc 50`: {len(examples)} documents, "
        f"{sum(len(ex.tokens) for ex in examples):,} tokens, {sum(collected.label_counts.values()):,} entities. "
        f"Split by document (seed {SEED}): {len(train)} train, {len(test)} test "
        f"({sum(len(ex.spans) for ex in test):,} test entities)."
    )
    options = TrainOptions(seed=SEED)
    if args.tune:
        tr, dev = split_examples(train, 0.2, SEED + 1)
        say("\nc1/c2 on the dev split (F1 overall):\n")
        for c1 in (0.02, 0.05, 0.1, 0.2):
            for c2 in (0.005, 0.02, 0.05):
                m = fit(tr, labels, TrainOptions(c1=c1, c2=c2, seed=SEED))
                say(f"- c1 {c1}, c2 {c2}: {evaluate(m, dev)[OVERALL].f1:.4f}")
                print(out[-1], flush=True)

    model, wall, cpu = timed(lambda: fit(train, labels, options))
    scores = evaluate(model, test)
    say(
        f"\nTrained on the {len(train)} training documents ({wall:.1f} s wall, {cpu:.1f} s CPU); test documents:\n"
    )
    out.extend(table(scores))
    model.document_memory = False
    one_pass = evaluate(model, test)[OVERALL].f1
    model.document_memory = True
    say(f"\nWithout the second, document-memory pass: overall F1 {one_pass:.3f}.")
    bare, _w, _c = timed(lambda: fit(train, labels, TrainOptions(seed=SEED, groups=("word", "affix"))))
    bare.document_memory = False
    say(
        f"A bare CRF (word and affix features only, one pass), same split: overall F1 {evaluate(bare, test)[OVERALL].f1:.3f}."
    )
    print("\n".join(out), flush=True)

    if not args.quick:
        say(
            "\nLearning curve (the first share of the training documents in a seeded order; same test documents):\n"
        )
        say("| training documents | share | F1 overall | precision | recall |")
        say("|---:|---:|---:|---:|---:|")
        order = list(train)
        random.Random(SEED).shuffle(order)
        for share in (0.10, 0.25, 0.50, 1.00):
            part = order[: max(2, round(len(order) * share))]
            m = model if share == 1.0 else fit(part, labels, options)
            s = evaluate(m, test)[OVERALL]
            say(f"| {len(part)} | {share:.0%} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} |")
            print(out[-1], flush=True)

    if args.ablation:
        say("\nAblation (each feature group left out, same split; overall F1 on the test documents):\n")
        for group in GROUPS:
            m = fit(train, labels, TrainOptions(seed=SEED, groups=tuple(g for g in GROUPS if g != group)))
            say(f"- without {group}: {evaluate(m, test)[OVERALL].f1:.3f}")
            print(out[-1], flush=True)

    # training on all of ANERcorp, as `annotator train --heldout 0` does it (features + CRF + memory)
    full, wall, cpu = timed(lambda: fit(examples, labels, options))
    load = os.getloadavg()[0]
    say(
        f"\nTraining on all {len(examples)} documents: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(features, jackknifed memory, {options.max_iterations} L-BFGS iterations; load average {load:.1f} on "
        f"{os.cpu_count()} cores). Model: {len(full.crf) / 1e6:.1f} MB, memory {len(full.memory):,} entries."
    )
    # tagging one news article (both passes), beside the tokenizer and sentence splitter alone
    say(tagging_rows(full))
    store.close()
    print("\n".join(out))


if __name__ == "__main__":
    main()
