"""Arabic-aware token features for the entity tagger.

Why these: Arabic writes conjunctions, prepositions and the article onto the word (وبالقاهرة = و +
ب + ال + قاهرة), so the bare word is sparse; the tagger also sees the word with its proclitics off
and without ال, its folded form (tashkeel, tatweel and letter variants ignored, as search does),
its first and last letters (nisba endings ـي/ـية mark nationalities, ـون/ـين plurals), its shape
(digits, Latin, punctuation), the words around it, whether a neighbour is a title, a kind of
organisation or place, a kinship particle or a speech verb (:mod:`.lexicon`), and whether it is
part of an entity remembered from the training documents (:mod:`.memory`).

Each feature is a string; a token's features are computed from a per-word analysis cached by the
word's text, so a news article is featurised in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotator.core.learning import lexicon
from annotator.core.learning.lexicon import TRIGGERS
from annotator.core.learning.memory import Memory
from annotator.core.text import fold

#: Goes up whenever a change here would make a stored model read its features differently.
VERSION = 1
FEATURES_VERSION = f"{VERSION}.{lexicon.VERSION}"
#: Feature groups a model can use; a model stores the ones it was trained with.
GROUPS = ("word", "affix", "clitic", "shape", "context", "trigger", "memory")


_CONJ = "وف"
_PREP = "بلك"
_AL = "ال"


@dataclass(frozen=True, slots=True)
class Word:
    """What the features need to know about one word form."""

    folded: str  # fold(): tashkeel and tatweel off, أ إ آ -> ا, ى -> ي, ة -> ه, casefolded
    key: str  # folded, without a conjunction or preposition proclitic (ال kept): the memory's key
    stem: str  # key without ال
    clitics: str  # what was taken off the front: "و", "وب", "ال", "وال", "لل"...
    shape: str  # "A" Arabic letters, "L" Latin, "D" digits, "DA" digits and letters, "P" punctuation, "X"


def _shape(w: str) -> str:
    has_digit = any(c.isdigit() for c in w)
    has_alpha = any(c.isalpha() for c in w)
    if has_digit:
        return "DA" if has_alpha else "D"
    if not has_alpha:
        return "P"
    if all(c.isascii() for c in w if c.isalpha()):
        return "L"
    if all("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in w if c.isalpha()):
        return "A"
    return "X"


@lru_cache(maxsize=200_000)
def analyse(word: str) -> Word:
    """Folded form, proclitics, stem and shape of one token (cached: text repeats words a lot)."""
    f = fold(word)[0]
    shape = _shape(f)
    if shape != "A":
        return Word(f, f, f, "", shape)
    rest, clitics = f, ""
    if len(rest) >= 4 and rest[0] in _CONJ:
        clitics, rest = rest[0], rest[1:]
    if len(rest) >= 4 and rest.startswith("لل"):  # ل + ال with the alef dropped: للحكومة
        clitics, rest = clitics + "ل", "ا" + rest[1:]
    elif len(rest) >= 4 and rest[0] in _PREP:
        clitics, rest = clitics + rest[0], rest[1:]
    key = rest
    if len(rest) >= 4 and rest.startswith(_AL):
        rest = rest[2:]
        clitics += _AL
    return Word(f, key, rest, clitics, shape)


def word_key(word: str) -> str:
    """The memory's key for a token: folded, conjunction and preposition off, ال kept."""
    return analyse(word).key


def _length(n: int) -> str:
    return str(n) if n <= 3 else ("4-5" if n <= 5 else ("6-8" if n <= 8 else "9+"))


class Featurizer:
    """Turns a sentence's tokens into CRF feature lists (one list of strings per token)."""

    def __init__(self, memory: Memory | None = None, groups: Collection[str] = GROUPS) -> None:
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {', '.join(sorted(unknown))}")
        self.memory = memory or Memory()
        self.groups = frozenset(groups)

    def sentence(
        self, tokens: Sequence[str], memory: Memory | None = None, extra: Memory | None = None
    ) -> list[list[str]]:
        """Features of every token of one sentence (`memory` overrides the featurizer's own;
        `extra` is a second memory layer, what was found elsewhere in the same document)."""
        g = self.groups
        words = [analyse(t) for t in tokens]
        n = len(words)
        mem = (memory or self.memory).features([w.key for w in words], extra) if "memory" in g else None
        trig = [TRIGGERS.get(w.stem) or TRIGGERS.get(w.key) or "" for w in words] if "trigger" in g else None
        out: list[list[str]] = []
        for i, w in enumerate(words):
            f, s = w.folded, w.stem
            feats = ["b"]
            # the word, then the word without proclitics (k) and without ال (s): each only when it
            # differs from the next, since two features that always fire together add nothing
            if "clitic" in g:
                if "word" in g and f != w.key:
                    feats.append("w=" + f)
                if w.key != s:
                    feats.append("k=" + w.key)
                feats.append("s=" + s)
                if w.clitics:
                    feats.append("c=" + w.clitics)
            elif "word" in g:
                feats.append("w=" + f)
            if "affix" in g:
                feats += ("p2=" + s[:2], "p3=" + s[:3], "x1=" + f[-1:], "x2=" + f[-2:], "x3=" + f[-3:])
                feats += ("sx2=" + s[-2:], "sx3=" + s[-3:])
            if "shape" in g:
                feats += ("sh=" + w.shape, "len=" + _length(len(s)))
            if "context" in g:
                for d in (-2, -1, 1, 2):
                    j = i + d
                    if 0 <= j < n:
                        o = words[j]
                        feats.append(f"w{d}={o.folded}")
                        if abs(d) == 1:
                            feats += (f"s{d}={o.stem}", f"sh{d}={o.shape}")
                            if o.clitics:
                                feats.append(f"c{d}={o.clitics}")
                    elif abs(d) == 1:
                        feats.append(f"w{d}=" + ("BOS" if d < 0 else "EOS"))
                if i > 0:
                    feats.append(f"w-1|w={words[i - 1].stem}|{s}")
                if i + 1 < n:
                    feats.append(f"w|w+1={s}|{words[i + 1].stem}")

            if trig is not None:
                if trig[i]:
                    feats.append("t=" + trig[i])
                for d in (-2, -1, 1):
                    j = i + d
                    if 0 <= j < n and trig[j]:
                        feats.append(f"t{d}={trig[j]}")
            if mem is not None:
                if mem[i]:
                    feats += ("m=" + mem[i], "ml=" + mem[i].partition("/")[0])
                for d in (-1, 1):
                    j = i + d
                    if 0 <= j < n and mem[j]:
                        feats.append(f"m{d}=" + mem[j].partition("/")[0])
            out.append(feats)
        return out
