"""The suggestion engine: runs the proposal sources over a document and stores what they propose as
suggested spans in the annotator's own layer.

`Suggester(store)` uses the reported-speech rules, the project memory and, when the project has one,
its trained entity model (`annotator train`; `use_model=False` leaves it out); pass `sources=` to
choose (`LayerSource(store, "import")` offers another layer; see `proposals.ProposalSource`). The work is split so that the window can keep the GUI thread free:
`prepare()` reads what the sources need from the store, `compute()` is pure (any thread), and
`store_job()` writes the result in one transaction.

What the engine decides for every source:
- sources are ranked in the order given; a proposal overlapping an earlier source's proposal with
  the same label is left out (rules before memory: one SPEAKER, not two);
- a proposal with exactly the extent and label of a span the annotator already made is not
  proposed, but links made to it go to the annotator's span (an implicit speaker is linked to the
  speaker the annotator marked); one with the extent but another label is not proposed at all;
- labels the project's schema does not have are left out;
- rejected suggestions are not proposed again in that document (the store keeps them).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Change, Document, NewRelation, NewSpan, Origin
from annotator.core.store import Store
from annotator.core.suggestions.memory import MemorySource, refresh
from annotator.core.suggestions.proposals import Context, Proposal, ProposalSource
from annotator.core.suggestions.rules import RulesSource
from annotator.core.wording import counted

#: labels the project memory does not propose (long, and found by the rules instead)
NOT_REMEMBERED = frozenset({"QUOTE", "CUE"})
RULES_AND_MEMORY = ("rules", "memory")
BATCH = 50  # documents stored per transaction by suggest_many

_memory_cache: dict[tuple[str, int], MemorySource] = {}


def memory_source(store: Store) -> MemorySource:
    """The project memory of `store`, built once per change of the memory (cached by version)."""
    version = refresh(store)
    key = (store.identity, version)
    cached = _memory_cache.get(key)
    if cached is None:
        labels = [lab for lab in store.schema.label_names if lab not in NOT_REMEMBERED]
        cached = MemorySource(store.memory_terms(labels))
        for old in [k for k in _memory_cache if k[0] == key[0]]:
            del _memory_cache[old]
        _memory_cache[key] = cached
    return cached


@dataclass(slots=True)
class Job:
    """One document's suggestion work: what `prepare` read, then what `compute` found."""

    doc: Document
    annotator: str
    context: Context
    sources: Sequence[ProposalSource]
    proposals: list[Proposal] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class SuggestReport:
    documents: int = 0
    spans: int = 0
    relations: int = 0
    removed: int = 0
    seconds: float = 0.0
    by_label: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        labels = ", ".join(f"{n} {label}" for label, n in sorted(self.by_label.items()))
        return (
            f"suggested {counted(self.spans, 'span')} and {counted(self.relations, 'relation')} "
            f"in {counted(self.documents, 'document')}"
            + (f" ({labels})" if labels else "")
            + f" in {self.seconds:.2f} s"
        )


class Suggester:
    """Runs proposal sources and stores their proposals (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[ProposalSource] | None = None,
        *,
        lexicon_dir: Path | None = None,
        use_model: bool = True,
    ) -> None:
        self.store = store
        self._fixed = list(sources) if sources is not None else None
        self.use_model = use_model
        self._rules = None
        self._lexicon_dir = lexicon_dir

    @property
    def rules(self) -> RulesSource:
        if self._rules is None:
            from annotator.core.suggestions.lexicon import load_lexicon

            self._rules = RulesSource(load_lexicon(self._lexicon_dir))
        return self._rules

    def sources(self) -> list[ProposalSource]:
        if self._fixed is not None:
            return self._fixed
        sources: list[ProposalSource] = [self.rules, memory_source(self.store)]
        if self.use_model:
            from annotator.core.learning.source import model_source  # loads the model only when stored

            model = model_source(self.store)
            if model is not None:
                sources.append(model)
        return sources

    # ------------------------------------------------------------------ the three steps
    def prepare(self, doc_id: int, annotator: str) -> Job:
        """Read the document, the annotator's spans and what the sources need (caller's thread)."""
        return self._prepare(doc_id, annotator, self.sources())

    def _prepare(self, doc_id: int, annotator: str, sources: Sequence[ProposalSource]) -> Job:
        doc = self.store.document(doc_id)
        known: frozenset[str] = frozenset()
        for src in sources:
            if isinstance(src, MemorySource):
                known = src.names
        context = Context(
            annotator,
            [s for s in self.store.spans(doc_id, annotator) if not s.suggested],
            frozenset(self.store.schema.label_names),
            known,
        )
        for src in sources:
            prepare = getattr(src, "prepare", None)
            if prepare is not None:
                prepare(doc, context)
        return Job(doc, annotator, context, sources)

    @staticmethod
    def compute(job: Job) -> Job:
        """Run the sources and rank their proposals; touches no store (any thread)."""
        t0 = time.perf_counter()
        job.proposals = rank(job.sources, job.doc, job.context)
        job.seconds = time.perf_counter() - t0
        return job

    def store_job(self, job: Job) -> Change:
        """Store a computed job as the annotator's suggestions for its document (one transaction)."""
        return self.store.replace_suggestions_many([self._item(job)])[0]

    @staticmethod
    def _item(job: Job) -> tuple[int, str, list[NewSpan], list[NewRelation], str]:
        spans, relations = to_new(job.proposals, job.context)
        return job.doc.id, job.annotator, spans, relations, ",".join(src.name for src in job.sources)

    # ------------------------------------------------------------------ conveniences
    def propose(self, doc_id: int, annotator: str) -> list[Proposal]:
        """The ranked proposals for a document, without storing them."""
        return self.compute(self.prepare(doc_id, annotator)).proposals

    def suggest(self, doc_id: int, annotator: str) -> Change:
        """Compute and store suggestions for one document."""
        return self.store_job(self.compute(self.prepare(doc_id, annotator)))

    def suggest_many(
        self,
        doc_ids: Iterable[int],
        annotator: str,
        progress: Callable[[int, int], object] | None = None,
    ) -> SuggestReport:
        """Suggestions for many documents, stored BATCH documents per transaction, with progress."""
        ids = list(doc_ids)
        report = SuggestReport()
        t0 = time.perf_counter()
        for first in range(0, len(ids), BATCH):
            chunk = ids[first : first + BATCH]
            with collector_paused():
                sources = self.sources()  # the project memory as it is now, checked once per batch
                items = [
                    self._item(self.compute(self._prepare(doc_id, annotator, sources))) for doc_id in chunk
                ]
                changes = self.store.replace_suggestions_many(items)  # one commit per batch
            for change in changes:
                report.documents += 1
                report.spans += len(change.spans_added)
                report.relations += len(change.relations_added)
                report.removed += len(change.spans_removed)
                for s in change.spans_added:
                    report.by_label[s.label] = report.by_label.get(s.label, 0) + 1
            if progress is not None:
                progress(first + len(chunk), len(ids))
        report.seconds = time.perf_counter() - t0
        return report


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch of documents: each makes thousands of
    short-lived objects (words, proposals, spans) without cycles, which reference counting frees,
    and the collector's passes over them cost a tenth of the work. Collection resumes after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def rank(sources: Sequence[ProposalSource], doc: Document, context: Context) -> list[Proposal]:
    """Every source's proposals, named by source, in priority order, with overlaps resolved."""
    kept: list[Proposal] = []
    by_label: dict[str, list[tuple[int, int]]] = {}
    for src in sources:
        mine: list[Proposal] = []
        for p in src.propose(doc, context):
            if context.labels and p.label not in context.labels:
                continue
            if not (0 <= p.start < p.end <= len(doc.text)):
                continue
            if any(s < p.end and p.start < e for s, e in by_label.get(p.label, ())):
                continue
            mine.append(p if p.source else _with_source(p, src.name))
        for p in mine:
            by_label.setdefault(p.label, []).append((p.start, p.end))
        kept.extend(mine)
    return kept


def _with_source(p: Proposal, source: str) -> Proposal:
    return Proposal(p.start, p.end, p.label, p.attrs, p.confidence, source, p.key, p.links)


def to_new(proposals: Sequence[Proposal], context: Context) -> tuple[list[NewSpan], list[NewRelation]]:
    """Proposals as spans and relations for the store; keys are made unique per source."""
    own = {(s.start, s.end): s for s in context.spans}
    spans: list[NewSpan] = []
    relations: list[NewRelation] = []
    refs: dict[str, str | int | None] = {}
    for p in proposals:
        key = f"{p.source}/{p.key}" if p.key else ""
        existing = own.get((p.start, p.end))
        if existing is not None:
            if key:
                refs[key] = existing.id if existing.label == p.label else None
            continue
        if key:
            refs[key] = key
        spans.append(
            NewSpan(
                p.start,
                p.end,
                p.label,
                dict(p.attrs),
                context.annotator,
                Origin.SUGGESTED,
                key,
                p.source,
                p.confidence,
            )
        )
    for p in proposals:
        if not p.links:
            continue
        head = refs.get(f"{p.source}/{p.key}") if p.key else None
        if head is None:
            continue
        for link in p.links:
            tail = link.tail if isinstance(link.tail, int) else refs.get(f"{p.source}/{link.tail}")
            if tail is not None:
                relations.append(NewRelation(link.type, head, tail, context.annotator))
    return spans, relations
