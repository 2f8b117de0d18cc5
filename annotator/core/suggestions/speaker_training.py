"""Training the speaker tagger (`speaker_model`) from annotated documents.

An example is one quote the rules propose that matches an annotated quote (it covers at least half
of it): the window around it (`speaker_features.windows`, exactly as tagging builds it) with the
annotated speaker of that quote tagged B / I over its words, or all O when the annotated speaker is
not in the window (an implicit speaker named sentences before, or none). Quotes the rules propose
that match no annotated quote are left out: their speaker is not what is measured, and teaching
"no speaker" on them would teach the model to drop the speakers of real quotes.

Documents are dicts in the project's JSONL export format (text, spans, relations), as the
development sets in tests/data are.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from annotator.core.learning.errors import require_crfsuite
from annotator.core.model import Document
from annotator.core.suggestions.lexicon import Lexicon, load_lexicon
from annotator.core.suggestions.proposals import Context
from annotator.core.suggestions.rules import RulesSource
from annotator.core.suggestions.speaker_features import VERSION, windows, without_rules, word_range
from annotator.core.suggestions.speaker_model import META_FILE, MODEL_FILE
from annotator.core.suggestions.units import analyse

Example = tuple[list[list[str]], list[str]]
#: crfsuite's L-BFGS settings (L1 keeps the model small: most of the many word features get 0)
PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def examples(docs: Iterable[dict], lex: Lexicon | None = None, previous: bool = True) -> list[Example]:
    """The training examples of annotated documents (see the module docstring)."""
    lex = lex or load_lexicon()
    rules = RulesSource(lex, speakers=None)
    out: list[Example] = []
    for d in docs:
        text = d["text"]
        spans = {s["id"]: s for s in d["spans"]}
        gold = [(s["start"], s["end"], s["id"]) for s in d["spans"] if s["label"] == "QUOTE"]
        speaker_of = {r["head"]: r["tail"] for r in d["relations"] if r["type"] == "ATTRIBUTED_TO"}
        proposals = list(rules.propose(Document(0, d.get("name", ""), text, ""), Context("train")))
        units = analyse(text)
        starts = [w.start for w in units.words]
        for win in windows(units, proposals, lex, previous):
            q = (win.quote.start, win.quote.end)
            matched = [g for g in gold if _overlap(q, g[:2]) * 2 >= g[1] - g[0]]
            if not matched:
                continue
            g = max(matched, key=lambda g: _overlap(q, g[:2]) / (max(q[1], g[1]) - min(q[0], g[0])))
            tags = ["O"] * len(win.words)
            sid = speaker_of.get(g[2])
            if sid is not None and sid in spans:
                sa, sb = word_range(units, starts, spans[sid]["start"], spans[sid]["end"])
                if sa in win.words:
                    tags = ["B" if i == sa else "I" if sa < i < sb else "O" for i in win.words]
            out.append((win.features, tags))
    return out


def train(data: Sequence[Example], params: dict[str, Any] | None = None) -> bytes:
    """A CRF trained on `data`, each window twice: as the rules left it, and without the rules'
    speaker (`without_rules`), so that it learns the words of a speaker phrase and not only to copy
    the rules' (the bytes crfsuite writes)."""
    crfsuite = require_crfsuite()
    trainer = crfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
        trainer.append(without_rules(xseq), yseq)
    trainer.set_params({**PARAMS, **(params or {})})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / MODEL_FILE
        trainer.train(str(path))
        return path.read_bytes()


def meta(
    threshold: float, margin: float, policy: str = "add", previous: bool = True, **info: Any
) -> dict[str, Any]:
    """What `speaker_model.json` holds: what the features and the decision need, and what was learned from."""
    return {
        "features": VERSION,
        "threshold": threshold,
        "margin": margin,
        "policy": policy,
        "previous": previous,
        **info,
    }


def save(folder: Path, crf: bytes, info: dict[str, Any]) -> None:
    """Write the model and its description into `folder`, each file replaced whole."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (
        (MODEL_FILE, crf),
        (META_FILE, (json.dumps(info, ensure_ascii=False, indent=1) + "\n").encode()),
    ):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, folder / name)
