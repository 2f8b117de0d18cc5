"""Model in the loop: an entity tagger trained from the project's own annotations.

A linear-chain CRF (python-crfsuite) over the project's tokens with Arabic-aware features
(:mod:`.features`), a memory of the entities seen in its training documents (:mod:`.memory`), and
exact-span evaluation (:mod:`.metrics`). :mod:`.train` gathers the annotations, trains, measures
on held-out documents and stores the model inside the project file; :mod:`.model` loads it and
proposes entities for any text. Qt-free: the CLI, the window and the tests share it.
"""

from __future__ import annotations

from annotator.core.learning.errors import LearningUnavailable, TooFewAnnotations, TrainingCancelled
from annotator.core.learning.model import EntityModel, Proposal, load_model
from annotator.core.learning.train import TrainOptions, TrainResult, train_project

__all__ = [
    "EntityModel",
    "LearningUnavailable",
    "Proposal",
    "TooFewAnnotations",
    "TrainOptions",
    "TrainResult",
    "TrainingCancelled",
    "load_model",
    "train_project",
]
