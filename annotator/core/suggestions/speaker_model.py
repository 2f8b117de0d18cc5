"""A trained tagger of speaker phrases that corrects the rules' speaker of a quote where it is sure.

The rules cut some speaker phrases short ("ريناته شميت" of "ريناته شميت التي كانت تشغل منصب وزيرة …")
or take a wrong noun for the subject. For every quote the rules propose, this model (a CRF, python-
crfsuite, trained by `tools/train_speaker_model.py` on the annotated development sets) tags the
speaker phrase in the window around the cue (see `speaker_features`). It replaces the rules' speaker
only when it is confident: every word of its phrase has a marginal probability of at least
`threshold`, and its tagging is at least `margin` more probable than the rules' own phrase read as a
tagging of the same words. With the shipped policy "add" it speaks only where the rules name no
speaker in the window (an implicit or missing speaker), and only of a phrase before the cue (a
fronted subject: "ورفض أبو عبد الله … أن يكشف عن …"); "replace" lets it also override a phrase
the rules named, which leave-one-set-out measured as a net loss. Where the model finds no speaker,
the rules' answer stays (it never removes a link); where the annotator already linked the quote to a
span of theirs, nothing changes.

The model ships as `annotator/resources/suggest/speaker_model.crfsuite` with `speaker_model.json` (feature
version, threshold, margin, what it was trained on).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from annotator.core.learning.errors import LearningError, ModelMismatch, open_tagger, require_crfsuite
from annotator.core.suggestions.lexicon import Lexicon
from annotator.core.suggestions.proposals import Link, Proposal
from annotator.core.suggestions.speaker_features import VERSION, Window, windows
from annotator.core.suggestions.units import Units
from annotator.core.text import TASHKEEL
from annotator.resources import resource_path

MODEL_FILE = "speaker_model.crfsuite"
META_FILE = "speaker_model.json"


@dataclass(slots=True)
class SpeakerModel:
    crf: bytes
    threshold: float = 0.8
    margin: float = 0.2
    #: "add": speak only where the rules name no speaker in the window, and only of a phrase before
    #: the cue (a fronted subject the rules gave up on; after the cue the rules' grammar of addressees,
    #: objects and adverbs decides); "replace": anywhere, also over a phrase the rules named
    #: (leave-one-set-out measured "replace" as a net loss, see benchmarks/RESULTS.md)
    policy: str = "add"
    previous: bool = True  # whether windows hold the sentence before the cue's
    info: dict[str, Any] = field(default_factory=dict)
    _tagger: Any = field(default=None, repr=False)

    @classmethod
    def from_bytes(cls, crf: bytes, meta: dict[str, Any]) -> SpeakerModel:
        if meta.get("features") != VERSION:
            raise ModelMismatch(
                f"the speaker model was trained with features version {meta.get('features')}, this "
                f"program reads version {VERSION}: run tools/train_speaker_model.py"
            )
        return cls(
            crf,
            float(meta.get("threshold", 0.8)),
            float(meta.get("margin", 0.2)),
            str(meta.get("policy", "add")),
            bool(meta.get("previous", True)),
            meta,
        )

    @property
    def tagger(self) -> Any:
        if self._tagger is None:
            self._tagger = open_tagger(self.crf)
        return self._tagger

    # ------------------------------------------------------------------ choosing
    def choose(self, win: Window) -> tuple[int, int, float] | None:
        """The speaker phrase the model prefers to the rules' in `win`, as positions [a, b) in
        `win.words` with its confidence, or None (the rules' answer stands)."""
        if not win.words or (self.policy == "add" and "B" in win.rules_tags):
            return None
        best = self.tag(win)
        tagger = self.tagger
        if best is None or best[2] < self.threshold:
            return None
        if self.policy == "add" and win.words[best[1] - 1] >= win.anchor:
            return None  # after the cue the rules' grammar decides (addressees, objects, adverbs)
        if tagger.probability(tagger.tag()) - tagger.probability(win.rules_tags) < self.margin:
            return None
        return best

    def tag(self, win: Window) -> tuple[int, int, float] | None:
        """The model's own speaker phrase in `win` (positions [a, b) in `win.words`) with its
        confidence (the least marginal of its words' tags), or None when it tags no phrase or
        exactly the rules' one. Leaves the tagger set to `win`."""
        tagger = self.tagger
        tagger.set(win.features)
        tags = tagger.tag()
        if tags == win.rules_tags:
            return None
        best: tuple[int, int, float] | None = None
        for a, b in phrases(tags):
            conf = min(tagger.marginal(tags[x], x) for x in range(a, b))
            if best is None or conf > best[2]:
                best = (a, b, conf)
        return best

    def revise(
        self,
        units: Units,
        proposals: Sequence[Proposal],
        lex: Lexicon,
        source: str,
        unattributed: frozenset[str] = frozenset(),
    ) -> list[Proposal]:
        """`proposals` (the rules' for the text of `units`) with the speakers this model is sure of;
        the quotes keyed in `unattributed` are said by nobody named ("وقيل إن …") and keep no speaker."""
        out = list(proposals)
        made = 0
        for win in windows(units, out, lex, self.previous, unnamed_only=self.policy == "add"):
            if win.linked and win.speaker is None:
                continue  # linked to the annotator's own span: theirs stands
            if win.quote.key in unattributed:
                continue
            choice = self.choose(win)
            if choice is None:
                continue
            a, b, conf = choice
            first, last = win.words[a], win.words[b - 1]
            start, end = phrase_start(units, lex, first), units.words[last].end
            kind = lex.kind_of([units.words[i].bare for i in win.words[a:b]]) or "named"
            speakers = [p for p in out if p.label == "SPEAKER" and p.start < end and start < p.end]
            old_key = win.speaker.key if win.speaker is not None else None
            if speakers:  # the same mention as a speaker the rules proposed: give it the model's extent
                target = next((p for p in speakers if p.key == old_key), speakers[0])
                new = replace(target, start=start, end=end, attrs={**target.attrs, "kind": kind})
                out[_at(out, target.key)] = new
            else:
                made += 1
                new = Proposal(start, end, "SPEAKER", {"kind": kind}, round(conf, 3), source, f"m{made}")
                out.append(new)
            if new.key != old_key:
                x = _at(out, win.quote.key)
                links = tuple(link for link in out[x].links if link.type != "ATTRIBUTED_TO")
                out[x] = replace(out[x], links=(*links, Link("ATTRIBUTED_TO", new.key)))
                if old_key is not None and not _linked(out, old_key):
                    del out[_at(out, old_key)]
        return out


def _at(proposals: Sequence[Proposal], key: str) -> int:
    return next(x for x, p in enumerate(proposals) if p.key == key)


def _linked(proposals: Sequence[Proposal], key: str) -> bool:
    return any(link.tail == key for p in proposals for link in p.links)


def phrases(tags: Sequence[str]) -> list[tuple[int, int]]:
    """The [a, b) runs of a B / I / O tagging (an I after an O opens a phrase too)."""
    out: list[tuple[int, int]] = []
    a = None
    for x, t in enumerate(tags):
        if t == "B" or (t == "I" and a is None):
            if a is not None:
                out.append((a, x))
            a = x
        elif t == "O" and a is not None:
            out.append((a, x))
            a = None
    if a is not None:
        out.append((a, len(tags)))
    return out


def phrase_start(units: Units, lex: Lexicon, i: int) -> int:
    """Where a speaker phrase opening at word i starts: after a و / ف the rules would also leave
    out ("والمتحدث" -> "المتحدث", "ووزير" -> "وزير")."""
    w = units.words[i]
    if w.text != w.bare and (w.bare.startswith("ال") or lex.kinds.get(w.bare)):
        pos = w.start + 1
        while pos < w.end and units.text[pos] in TASHKEEL:
            pos += 1
        return pos
    return w.start


@cache
def bundled_speaker_model() -> SpeakerModel | None:
    """The model shipped in the package, or None when it is not there (or python-crfsuite is not)."""
    folder = resource_path("suggest")
    crf, meta = folder / MODEL_FILE, folder / META_FILE
    if not (crf.is_file() and meta.is_file()):
        return None
    try:
        require_crfsuite()
    except LearningError:
        return None
    return SpeakerModel.from_bytes(crf.read_bytes(), json.loads(meta.read_text(encoding="utf-8")))
