"""Why training or tagging could not run, as messages a project lead can act on."""

from __future__ import annotations


class LearningError(Exception):
    """Training or tagging cannot run; the message says why and what to do."""


class LearningUnavailable(LearningError):
    """python-crfsuite is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the entity model needs python-crfsuite, which is not installed: "
            "run `python3 -m pip install python-crfsuite` (or reinstall annotator)"
        )


class TooFewAnnotations(LearningError):
    """The project has not enough finished annotations to learn from (or to measure on)."""


class TrainingCancelled(LearningError):
    """The caller asked training to stop; nothing was stored."""

    def __init__(self) -> None:
        super().__init__("training cancelled; the stored model (if any) is unchanged")


class ModelMismatch(LearningError):
    """A stored model this version cannot use (made with other features): retrain it."""


def require_crfsuite():  # type: ignore[no-untyped-def]
    """The pycrfsuite module, or LearningUnavailable with the command that installs it."""
    try:
        import pycrfsuite
    except ImportError:
        raise LearningUnavailable() from None
    return pycrfsuite


def open_tagger(crf: bytes):  # type: ignore[no-untyped-def]
    """A pycrfsuite Tagger over a model held in memory (as the project and the package store them)."""
    tagger = require_crfsuite().Tagger()
    tagger.open_inmemory(crf)
    return tagger
