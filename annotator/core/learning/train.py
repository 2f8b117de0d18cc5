"""Training: gather the finished annotations, measure on held-out documents, store the model.

`train_project` is what `annotator train` and the window run: it splits the documents (by
document, seeded), trains on one part and scores the other (exact entity spans, per label), then
trains again on every document for the model it stores, with the measured quality beside it.
`fit` and `evaluate` are the two halves, for the benchmark's learning curve.

The CRF is python-crfsuite's L-BFGS with elastic-net regularisation. c1 and c2 were chosen on a
development split of ANERcorp's training documents (see benchmarks/RESULTS.md), never on the
documents the benchmark tests on.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.exporters.splits import unit_hash
from annotator.core.learning.errors import TooFewAnnotations, TrainingCancelled, require_crfsuite
from annotator.core.learning.examples import Example, clitic_key, collect
from annotator.core.learning.features import GROUPS, Featurizer, word_key
from annotator.core.learning.lexicon import NAME_STOP
from annotator.core.learning.memory import Memory
from annotator.core.learning.metrics import OVERALL, Score, score
from annotator.core.learning.model import EntityModel
from annotator.core.store import Store
from annotator.core.wording import counted

DEFAULT_C1 = 0.1
DEFAULT_C2 = 0.01
#: Past ~50 iterations F1 on the development split moved by less than its noise (see RESULTS.md),
#: and each iteration costs a pass over every token.
DEFAULT_MAX_ITERATIONS = 50
#: Folds of the jackknifed memory features (see memory.py).
MEMORY_FOLDS = 5
#: Below these, a model learns nothing useful and its quality cannot be measured.
MIN_DOCUMENTS = 3
MIN_ENTITIES = 20

#: progress(stage, done, total): stage is "features", "training" or "measuring".
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


@dataclass(slots=True)
class TrainOptions:
    annotator: str | None = None  # learn from this annotator's layers (default: done/adjudicated ones)
    labels: Sequence[str] | None = None  # default: the schema's entity labels
    heldout: float = 0.2  # share of documents held out to measure quality (0: not measured)
    seed: int = 0
    c1: float = DEFAULT_C1
    c2: float = DEFAULT_C2
    max_iterations: int = DEFAULT_MAX_ITERATIONS
    groups: Sequence[str] = GROUPS
    refit: bool = True  # after measuring, train again on every document for the stored model


@dataclass(slots=True)
class TrainResult:
    model: EntityModel
    quality: dict[str, Score] | None  # per label and OVERALL, on the held-out documents
    documents: int  # documents the stored model learnt from
    heldout: int  # documents quality was measured on
    entities: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


# ----------------------------------------------------------------------------- splitting
def split_examples(
    examples: Sequence[Example], heldout: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """(train, held out) by document: the documents ranked by a hash of (seed, text) and the first
    `heldout` share held out (at least one), so a document keeps its side as others are added."""
    if heldout <= 0 or len(examples) < 2:
        return list(examples), []
    ranked = sorted(examples, key=lambda ex: (unit_hash(seed, ex.sha256), ex.doc_id))
    n = min(len(examples) - 1, max(1, round(len(examples) * heldout)))
    held = {ex.doc_id for ex in ranked[:n]}
    return [ex for ex in examples if ex.doc_id not in held], [ex for ex in examples if ex.doc_id in held]


# ----------------------------------------------------------------------------- fitting
def count_cuts(examples: Sequence[Example]) -> dict[str, bool]:
    """For each kind of proclitic (see `clitic_key`): do the spans leave it out? A span that starts
    inside its first token leaves it out; one that starts with the token keeps it. Majority, >= 2."""
    counts: dict[str, list[int]] = {}
    for ex in examples:
        ends = [e for _s, e in ex.tokens]
        for start, _end, _label in ex.spans:
            i = bisect_right(ends, start)  # the token the span starts in
            if i == len(ex.tokens) or ex.tokens[i][0] > start:
                continue
            ts, te = ex.tokens[i]
            key = clitic_key(ex.text[ts:te])
            if key:
                c = counts.setdefault(key, [0, 0])
                c[0 if start > ts else 1] += 1
    return {key: cut > keep and cut >= 2 for key, (cut, keep) in sorted(counts.items())}


def _keys(ex: Example, sentence: Sequence[int]) -> list[str]:
    return [word_key(w) for w in ex.words(sentence)]


def _sentence_tags(ex: Example, sentence: Sequence[int]) -> list[str]:
    return [ex.tags[i] for i in sentence]


def build_memory(examples: Sequence[Example]) -> Memory:
    sentences = ((_keys(ex, s), _sentence_tags(ex, s)) for ex in examples for s in ex.sentences)
    return Memory.build(sentences, NAME_STOP)


def fit(
    examples: Sequence[Example],
    labels: Sequence[str],
    options: TrainOptions | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> EntityModel:
    """Train a model on these documents (nothing is stored)."""
    options = options or TrainOptions()
    crfsuite = require_crfsuite()
    featurizer = Featurizer(groups=options.groups)
    # jackknifed memory: each document's memory features come from the other folds' documents
    order = list(range(len(examples)))
    random.Random(options.seed).shuffle(order)
    folds = min(MEMORY_FOLDS, len(examples))
    fold_of = {ex_index: k % folds for k, ex_index in enumerate(order)} if folds else {}
    use_memory = "memory" in options.groups
    memories = [
        build_memory([ex for j, ex in enumerate(examples) if fold_of[j] != k]) if use_memory else Memory()
        for k in range(folds)
    ]

    class Trainer(crfsuite.Trainer):  # type: ignore[misc,name-defined]
        """Reports each L-BFGS iteration, and stops when cancelled (an exception raised here ends
        crfsuite's training loop and comes out of `train`)."""

        def message(self, message: str) -> None:
            if self.logparser.feed(message) != "iteration":
                return
            if cancel is not None and cancel():
                raise TrainingCancelled()
            if progress is not None:
                num = int(self.logparser.last_iteration.get("num", 0))
                progress("training", min(num, options.max_iterations), options.max_iterations)

    trainer = Trainer(algorithm="lbfgs", verbose=False)
    for j, ex in enumerate(examples):
        if cancel is not None and cancel():
            raise TrainingCancelled()
        memory = memories[fold_of[j]]
        for sentence in ex.sentences:
            trainer.append(featurizer.sentence(ex.words(sentence), memory), _sentence_tags(ex, sentence))
        if progress is not None:
            progress("features", j + 1, len(examples))
    trainer.set_params(
        {
            "c1": options.c1,
            "c2": options.c2,
            "max_iterations": options.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory(prefix="annotator-crf-") as tmp:
        path = os.path.join(tmp, "model.crfsuite")
        try:
            trainer.train(path)
        except TrainingCancelled:
            raise
        except Exception:
            if cancel is not None and cancel():
                raise TrainingCancelled() from None
            raise
        with open(path, "rb") as fh:
            data = fh.read()
    return EntityModel(
        crf=data,
        labels=tuple(labels),
        memory=build_memory(examples) if use_memory else Memory(),
        groups=tuple(options.groups),
        cuts=count_cuts(examples),
        trained_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    )


def evaluate(
    model: EntityModel, examples: Sequence[Example], progress: Progress | None = None
) -> dict[str, Score]:
    """Exact-span scores of the model's proposals against these documents' spans."""
    gold: list[tuple[Any, int, int, str]] = []
    predicted: list[tuple[Any, int, int, str]] = []
    for j, ex in enumerate(examples):
        gold += [(ex.doc_id, s, e, lab) for s, e, lab in ex.spans]
        predicted += [(ex.doc_id, p.start, p.end, p.label) for p in model.predict(ex.text, ex.tokens)]
        if progress is not None:
            progress("measuring", j + 1, len(examples))
    scores = score(gold, predicted)
    for label in model.labels:  # a label with no gold and no proposal still gets its (empty) row
        scores.setdefault(label, Score())
    return scores


# ----------------------------------------------------------------------------- the whole job
def _too_few(n_docs: int, entities: Counter[str], source: str) -> str:
    found = ", ".join(f"{lab} {n}" for lab, n in sorted(entities.items())) or "none"
    return (
        "too few annotations to train the entity model: "
        f"{counted(sum(entities.values()), 'entity', 'entities')} ({found}) in "
        f"{counted(n_docs, 'finished document')} ({source}); it needs at least {MIN_ENTITIES} entities in "
        f"{MIN_DOCUMENTS} documents. Mark annotated documents done (Ctrl+Enter in the window), or learn "
        "from one annotator's layer with --annotator NAME (an imported layer counts as finished)."
    )


def train_project(
    store: Store,
    options: TrainOptions | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> TrainResult:
    """Train on the project's finished annotations, measure on held-out documents, store the model.

    Raises TooFewAnnotations (nothing stored) when there is too little to learn from,
    TrainingCancelled when `cancel()` turns true, LearningUnavailable without python-crfsuite.
    """
    options = options or TrainOptions()
    t0 = time.perf_counter()
    collected = collect(store, options.annotator, options.labels)
    examples = collected.examples
    entities = collected.label_counts
    source = f"annotator {options.annotator}" if options.annotator else "done and adjudicated layers"
    with_entities = sum(1 for ex in examples if ex.spans)
    if len(examples) < MIN_DOCUMENTS or with_entities < 2 or sum(entities.values()) < MIN_ENTITIES:
        raise TooFewAnnotations(_too_few(len(examples), entities, source))
    labels = [lab for lab in collected.labels if entities[lab]]  # a label never seen cannot be learnt
    train_part, held = split_examples(examples, options.heldout, options.seed)
    quality = None
    model = None
    if held:
        model = fit(train_part, labels, options, progress, cancel)
        quality = evaluate(model, held, progress)
    if model is None or options.refit:
        model = fit(examples, labels, options, progress, cancel)
    learnt_from = examples if options.refit or not held else train_part
    model.info = {
        "source": source,
        "documents": len(learnt_from),
        "layers": [[ex.doc_id, ex.annotator] for ex in learnt_from],
        "entities": dict(sorted(Counter(lab for ex in learnt_from for _s, _e, lab in ex.spans).items())),
        "tokens": sum(len(ex.tokens) for ex in learnt_from),
        "overlapping_left_out": collected.overlapping,
        "params": {
            "c1": options.c1,
            "c2": options.c2,
            "max_iterations": options.max_iterations,
            "seed": options.seed,
            "heldout": options.heldout,
        },
        "heldout_documents": [ex.doc_id for ex in held],
        "quality": {lab: s.to_dict() for lab, s in quality.items()} if quality else None,
    }
    model.save(store)
    return TrainResult(
        model=model,
        quality=quality,
        documents=len(learnt_from),
        heldout=len(held),
        entities=Counter(model.info["entities"]),
        seconds=time.perf_counter() - t0,
    )


__all__ = [
    "DEFAULT_C1",
    "DEFAULT_C2",
    "MIN_DOCUMENTS",
    "MIN_ENTITIES",
    "OVERALL",
    "TrainOptions",
    "TrainResult",
    "build_memory",
    "evaluate",
    "fit",
    "split_examples",
    "train_project",
]
