"""A trained entity model: load it from the project, and propose entities for a text.

The model is what crfsuite wrote (its own binary format, read back in memory, no temporary file)
plus what the features need at tagging time: the memory of training entities, the feature groups,
and how the training spans treated proclitics, so that a proposal has the extent annotators give
their spans (``القاهرة`` in ``بالقاهرة`` when they leave clitics out, the whole token in CoNLL data).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.exporters.common import sentences_for, tokens_for
from annotator.core.learning.errors import ModelMismatch, open_tagger
from annotator.core.learning.examples import clitic_key
from annotator.core.learning.features import FEATURES_VERSION, Featurizer, word_key
from annotator.core.learning.lexicon import NAME_STOP
from annotator.core.learning.memory import Memory, entities_of
from annotator.core.model import Document
from annotator.core.store import Store
from annotator.core.text import fold

#: The name the entity tagger is stored under in a project's `models` table.
MODEL_NAME = "entities"
SOURCE = "model"
#: Entities the first pass finds with at least this confidence feed the second pass's memory.
DOCUMENT_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Proposal:
    """An entity the model proposes: `[start, end)` in code points of the text it was given."""

    start: int
    end: int
    label: str
    confidence: float  # the least marginal probability of its tokens' tags, 0..1
    source: str = SOURCE


@dataclass(slots=True)
class EntityModel:
    crf: bytes
    labels: tuple[str, ...]
    memory: Memory
    groups: tuple[str, ...]
    #: clitic key (see `examples.clitic_key`) -> True when spans start after those proclitics
    cuts: dict[str, bool] = field(default_factory=dict)
    #: tag twice, the second time with what the first found in the document as memory
    document_memory: bool = True
    #: when trained, on what (the annotations it saw), with which parameters, and its measured quality
    info: dict[str, Any] = field(default_factory=dict)
    trained_at: str = ""
    _tagger: Any = field(default=None, repr=False)
    _featurizer: Featurizer | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ tagging
    @property
    def featurizer(self) -> Featurizer:
        if self._featurizer is None:
            self._featurizer = Featurizer(self.memory, self.groups)
        return self._featurizer

    def _open(self) -> Any:
        if self._tagger is None:
            self._tagger = open_tagger(self.crf)
        return self._tagger

    def predict(self, text: str, tokens: Sequence[tuple[int, int]] | None = None) -> list[Proposal]:
        """Proposed entities of `text`, sorted by start. `tokens`: stored token boundaries (a CoNLL
        import's), else the project's tokenizer splits the text and `sentence_spans` its sentences."""
        doc = Document(0, "", text, "", tokens=tuple(tokens) if tokens is not None else None)
        return self.predict_document(doc)

    def predict_document(self, doc: Document) -> list[Proposal]:
        """Proposed entities of a stored document, on its own tokens.

        Two passes: the second sees, as a memory layer, the names the first found with confidence
        in the same document, so a person named in full once is also found where only one of their
        names appears, and a name gets the same label throughout. Only the sentences where that
        layer changes a memory feature are tagged again (the others would get the same tags).
        """
        text = doc.text
        tokens = tokens_for(doc)
        featurizer = self.featurizer
        use_memory = "memory" in self.groups
        sentences = []
        for sentence in sentences_for(doc, tokens):
            words = [text[tokens[i][0] : tokens[i][1]] for i in sentence]
            keys = [word_key(w) for w in words]
            sentences.append((sentence, words, keys, featurizer.base(words)))
        memory = [featurizer.memory_part(keys) if use_memory else [] for _s, _w, keys, _b in sentences]
        tagged = [self._tag(base, mem) for (_s, _w, _k, base), mem in zip(sentences, memory, strict=True)]
        if use_memory and self.document_memory:
            found = [
                (keys[s:e], label)
                for (_sentence, _words, keys, _base), entities in zip(sentences, tagged, strict=True)
                for s, e, label, conf in entities
                if conf >= DOCUMENT_CONFIDENCE
            ]
            if found:
                extra = Memory.of_names(found, NAME_STOP)
                for k, (_sentence, _words, keys, base) in enumerate(sentences):
                    if extra.matches(keys):
                        mem = featurizer.memory_part(keys, extra=extra)
                        if mem != memory[k]:
                            tagged[k] = self._tag(base, mem)
        out: list[Proposal] = []
        for (sentence, words, _keys, _base), entities in zip(sentences, tagged, strict=True):
            for s, e, label, conf in entities:
                start = tokens[sentence[s]][0]
                end = tokens[sentence[e - 1]][1]
                out.append(Proposal(self._trim(words[s], start, end), end, label, round(conf, 4)))
        return out

    def _tag(self, base: list[list[str]], memory: list[list[str]]) -> list[tuple[int, int, str, float]]:
        """(first token, end token, label, confidence) of each entity the CRF finds in a sentence,
        from its base and memory features (`memory` empty: none); the confidence is the least
        marginal probability of the entity's tags."""
        tagger = self._open()
        tagger.set([b + m for b, m in zip(base, memory, strict=True)] if memory else base)
        tags = tagger.tag()
        return [
            (s, e, label, min(tagger.marginal(tags[k], k) for k in range(s, e)))
            for s, e, label in entities_of(tags)
        ]

    def _trim(self, word: str, start: int, end: int) -> int:
        """Leave the proclitics out of a proposal when the training spans did."""
        key = clitic_key(word)
        if not key or not self.cuts.get(key):
            return start
        n = len(key.removesuffix("+ال"))
        index = fold(word)[1]
        new = start + index[n]
        return new if new < end else start

    # ------------------------------------------------------------------ storage
    def save(self, store: Store) -> None:
        """Store the model inside the project, replacing the previous one."""
        info = dict(self.info)
        info.update(
            features=FEATURES_VERSION, labels=list(self.labels), groups=list(self.groups), cuts=self.cuts
        )
        store.save_model(
            MODEL_NAME,
            self.trained_at,
            self.crf,
            json.dumps(self.memory.to_json(), ensure_ascii=False, separators=(",", ":")),
            json.dumps(info, ensure_ascii=False, sort_keys=True),
        )

    @property
    def quality(self) -> dict[str, dict[str, float]] | None:
        """Per-label precision, recall, F1 and support on held-out documents (None: not measured)."""
        return self.info.get("quality")


def model_info(store: Store) -> tuple[str, dict[str, Any]] | None:
    """(trained_at, info) of the project's stored model without loading it, or None."""
    record = store.model_record(MODEL_NAME, with_data=False)
    return (record[0], json.loads(record[3])) if record else None


def load_model(store: Store) -> EntityModel | None:
    """The project's stored entity model, or None when it has none.

    Raises ModelMismatch for a model made with other features (an older annotator): the message
    says to retrain, which takes the same annotations and gives a model this version can use.
    """
    record = store.model_record(MODEL_NAME)
    if record is None:
        return None
    trained_at, data, memory, raw_info = record
    info = json.loads(raw_info)
    if info.get("features") != FEATURES_VERSION:
        raise ModelMismatch(
            f"the project's entity model was trained with other features (version {info.get('features')}, "
            f"this annotator uses {FEATURES_VERSION}): retrain it with `annotator train {store.location}`"
        )
    return EntityModel(
        crf=data,
        labels=tuple(info["labels"]),
        memory=Memory.from_json(json.loads(memory)),
        groups=tuple(info["groups"]),
        cuts={str(k): bool(v) for k, v in info.get("cuts", {}).items()},
        info=info,
        trained_at=trained_at,
    )
