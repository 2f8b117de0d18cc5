"""What a model learns from: the entity spans of finished layers, on the project's tokens.

One layer per document (a document is either in the training or in the held-out part, never
both): the adjudicated layer when there is one, else the first annotator (by name) who marked it
done. Suggested spans are never training data: until someone accepts a suggestion it is the
tool's guess, and learning from it would only teach the model its own mistakes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.exporters.common import bio_tags, flat_spans, sentences_for, tokens_for
from annotator.core.learning.features import analyse
from annotator.core.model import Document, Origin, Status
from annotator.core.schema import Schema
from annotator.core.store import Store

#: The reported-speech labels: spans of whole clauses and their parts, not names.
NOT_ENTITIES = frozenset({"QUOTE", "SPEAKER", "CUE"})
ADJUDICATED = "adjudicated"


def entity_labels(schema: Schema) -> list[str]:
    """The schema's entity labels: all but the reported-speech ones and any label that heads a
    relation (a span that points at others, as a quote at its speaker, is structure, not a name)."""
    heads = {h for rel in schema.relations for h in rel.heads}
    return [lab for lab in schema.label_names if lab not in NOT_ENTITIES and lab not in heads]


@dataclass(slots=True)
class Example:
    """One document's layer as the tagger sees it."""

    doc_id: int
    annotator: str
    sha256: str
    text: str
    tokens: list[tuple[int, int]]
    sentences: list[list[int]]  # token indices of each sentence
    tags: list[str]  # BIO tag of each token
    spans: list[tuple[int, int, str]]  # the gold entities as stored (start, end, label)

    def words(self, sentence: Sequence[int]) -> list[str]:
        return [self.text[self.tokens[i][0] : self.tokens[i][1]] for i in sentence]


@dataclass(slots=True)
class Collected:
    examples: list[Example] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    label_counts: Counter[str] = field(default_factory=Counter)
    overlapping: int = 0  # spans left out because a longer one covers them (a flat tagger can't hold both)


def example_for(doc: Document, annotator: str, spans: Sequence[tuple[int, int, str]]) -> Example:
    """The tokens, sentences and BIO tags of one document layer (spans must not overlap)."""
    tokens = tokens_for(doc)
    sentences = sentences_for(doc, tokens)
    tags = bio_tags(tokens, [_Flat(s, e, lab) for s, e, lab in spans])
    return Example(doc.id, annotator, doc.sha256, doc.text, tokens, sentences, tags, list(spans))


@dataclass(frozen=True, slots=True)
class _Flat:
    start: int
    end: int
    label: str


def clitic_key(word: str) -> str:
    """The proclitics a span could leave out of this word ("و", "وب", "ل"...) and whether ال follows
    ("+ال"), or "" when the word has none."""
    clitics = analyse(word).clitics
    bare = clitics.removesuffix("ال")
    if not bare:
        return ""
    return bare + ("+ال" if clitics.endswith("ال") else "")


def collect(store: Store, annotator: str | None = None, labels: Sequence[str] | None = None) -> Collected:
    """Every finished layer's entity spans (one layer per document, see the module docstring)."""
    schema = store.schema
    wanted = list(labels) if labels else entity_labels(schema)
    unknown = [lab for lab in wanted if not schema.has_label(lab)]
    if unknown:
        raise ValueError(
            f"unknown label {', '.join(unknown)} (the schema has {', '.join(schema.label_names)})"
        )
    best: dict[int, tuple[int, str]] = {}
    for doc_id, who, status in store.finished_layers(annotator):
        rank = (0 if who == ADJUDICATED else 1 if status == Status.ADJUDICATED.value else 2, who)
        if doc_id not in best or rank < best[doc_id]:
            best[doc_id] = rank
    chosen = {doc_id: rank[1] for doc_id, rank in best.items()}
    out = Collected(labels=wanted)
    keep = set(wanted)
    for doc_id, who in sorted(chosen.items()):
        doc = store.document(doc_id)
        spans = [
            sp
            for sp in store.spans(doc_id, who)
            if sp.label in keep and sp.origin != Origin.SUGGESTED and sp.start < sp.end
        ]
        flat, dropped = flat_spans(spans)  # type: ignore[arg-type]
        out.overlapping += dropped
        triples = [(sp.start, sp.end, sp.label) for sp in flat]
        ex = example_for(doc, who, triples)
        out.label_counts.update(lab for _s, _e, lab in triples)
        out.examples.append(ex)
    return out
