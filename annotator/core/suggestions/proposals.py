"""What a suggestion source returns, and the interface a source implements.

A *source* looks at one document and proposes spans: the reported-speech rules, the project
memory, another annotator's layer, and (from the model-in-the-loop work) a trained tagger. Each is
an object with a `name` and a `propose(doc, context)` method returning `Proposal`s; the engine
(`engine.Suggester`) runs the sources, drops what the annotator already has or rejected, and stores
the rest as suggested spans in the annotator's own layer. A source never touches the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from annotator.core.model import Document, Span


@dataclass(frozen=True, slots=True)
class Link:
    """A relation from the proposal that carries it to `tail`: the `key` of another proposal of the
    same document, or the id (int) of a span already in the annotator's layer."""

    type: str
    tail: str | int


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed span: `[start, end)` in code points of the document text, as every span."""

    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    confidence: float = 1.0  # 0..1: how sure the source is; the window shows it, ranking uses it
    source: str = ""  # filled in by the engine from the source's name when left empty
    key: str = ""  # a name other proposals' links can use (unique within one source's proposals)
    links: tuple[Link, ...] = ()


@dataclass(slots=True)
class Context:
    """What a source may know besides the text: the annotator's own spans (suggestions left out),
    the project's schema labels, and the strings the project memory knows as names."""

    annotator: str
    spans: list[Span] = field(default_factory=list)
    labels: frozenset[str] = frozenset()
    known_names: frozenset[str] = frozenset()  # folded surfaces remembered as PERS/ORG/GPE/SPEAKER


@runtime_checkable
class ProposalSource(Protocol):
    """The interface every source implements (see the module docstring)."""

    name: str  # the provenance stored on its spans: "rules", "memory", "model", "layer:NAME"

    def propose(self, doc: Document, context: Context) -> Iterable[Proposal]: ...
