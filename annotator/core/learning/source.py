"""The entity model as a suggestion source: its proposals become suggestions like the rules' and the
memory's (source "model", with the model's confidence), accepted or rejected with the same keys.

The engine asks `model_source(store)` for the project's model on every document; the model is
loaded once per training (cached by the project file and the training date), so retraining, in this
process or another, is picked up by the next suggestion without reopening the project.
"""

from __future__ import annotations

import threading

from annotator.core.learning.errors import LearningError, LearningUnavailable, require_crfsuite
from annotator.core.learning.model import SOURCE, EntityModel, load_model, model_info
from annotator.core.model import Document
from annotator.core.store import Store
from annotator.core.suggestions.proposals import Context, Proposal


class ModelSource:
    """Proposes the entities a trained model finds in a document (any thread, one at a time)."""

    name = SOURCE

    def __init__(self, model: EntityModel) -> None:
        self.model = model
        self._lock = threading.Lock()  # a crfsuite tagger holds one sequence at a time

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        with self._lock:
            found = self.model.predict_document(doc)
        return [Proposal(p.start, p.end, p.label, confidence=p.confidence, source=SOURCE) for p in found]


_cache: dict[str, tuple[str, ModelSource | None]] = {}


def model_source(store: Store) -> ModelSource | None:
    """The project's model as a source, or None when it has none (or one this version cannot use:
    `annotator model` and `annotator train` say why)."""
    try:
        require_crfsuite()
    except LearningUnavailable:
        return None
    info = model_info(store)
    key = store.identity
    if info is None:
        _cache.pop(key, None)
        return None
    trained_at = info[0]
    cached = _cache.get(key)
    if cached is not None and cached[0] == trained_at:
        return cached[1]
    try:
        model = load_model(store)
    except LearningError:
        model = None
    source = ModelSource(model) if model is not None else None
    _cache[key] = (trained_at, source)
    return source
