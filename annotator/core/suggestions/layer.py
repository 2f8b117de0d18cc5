"""Another annotator's layer as suggestions: an imported corpus, a model's predictions or a
colleague's work becomes the starting point that this annotator corrects."""

from __future__ import annotations

from annotator.core.model import Document
from annotator.core.store import Store
from annotator.core.suggestions.proposals import Context, Link, Proposal


class LayerSource:
    """Proposes the spans (and the relations between them) of `annotator`'s layer, suggestions left out."""

    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self.name = f"layer:{annotator}"
        self._ready: dict[int, list[Proposal]] = {}

    def prepare(self, doc: Document, context: Context) -> None:
        """Read the layer from the store (on the caller's thread; `propose` may run on another)."""
        spans = [s for s in self.store.spans(doc.id, self.annotator) if not s.suggested]
        ids = {s.id for s in spans}
        links: dict[int, list[Link]] = {}
        for r in self.store.relations(doc.id, self.annotator):
            if r.head in ids and r.tail in ids:
                links.setdefault(r.head, []).append(Link(r.type, str(r.tail)))
        self._ready[doc.id] = [
            Proposal(
                s.start, s.end, s.label, dict(s.attrs), 1.0, key=str(s.id), links=tuple(links.get(s.id, ()))
            )
            for s in spans
        ]

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        if doc.id not in self._ready:
            self.prepare(doc, context)
        return self._ready.pop(doc.id)
