"""Entity precision, recall and F1 with exact matching, as seqeval and conlleval count them.

An entity counts as found only when its start, end and label all equal a gold entity's; anything
else is one false positive and one false negative. Entities are compared as character spans, which
is the same as comparing BIO tag runs when the spans sit on token boundaries (CoNLL imports), and
stays exact when annotators left a proclitic out of a span.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

#: The key under which :func:`score` puts the micro-average over every label.
OVERALL = "overall"


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Gold entities of this label."""
        return self.tp + self.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "predicted": self.tp + self.fp,
        }


Entity = tuple[Hashable, int, int, str]  # (document or sentence key, start, end, label)


def score(gold: Iterable[Entity], predicted: Iterable[Entity]) -> dict[str, Score]:
    """Per-label scores and their micro-average under :data:`OVERALL` (labels sorted by name)."""
    gold_set, pred_set = set(gold), set(predicted)
    labels = sorted({e[3] for e in gold_set} | {e[3] for e in pred_set})
    out = {label: Score() for label in labels}
    for e in pred_set:
        if e in gold_set:
            out[e[3]].tp += 1
        else:
            out[e[3]].fp += 1
    for e in gold_set - pred_set:
        out[e[3]].fn += 1
    total = Score(
        sum(s.tp for s in out.values()), sum(s.fp for s in out.values()), sum(s.fn for s in out.values())
    )
    out[OVERALL] = total
    return out
