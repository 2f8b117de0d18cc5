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


_BOS = ("w-1=BOS",)
_EOS = ("w1=EOS",)


@lru_cache(maxsize=200_000)
def _own(word: str, groups: frozenset[str]) -> tuple[str, ...]:
    """The features a word gives its own token (cached: they depend on the word alone)."""
    w = analyse(word)
    f, s = w.folded, w.stem
    feats = ["b"]
    # the word, then the word without proclitics (k) and without ال (s): each only when it differs
    # from the next, since two features that always fire together add nothing
    if "clitic" in groups:
        if "word" in groups and f != w.key:
            feats.append("w=" + f)
        if w.key != s:
            feats.append("k=" + w.key)
        feats.append("s=" + s)
        if w.clitics:
            feats.append("c=" + w.clitics)
    elif "word" in groups:
        feats.append("w=" + f)
    if "affix" in groups:
        feats += ("p2=" + s[:2], "p3=" + s[:3], "x1=" + f[-1:], "x2=" + f[-2:], "x3=" + f[-3:])
        feats += ("sx2=" + s[-2:], "sx3=" + s[-3:])
    if "shape" in groups:
        feats += ("sh=" + w.shape, "len=" + _length(len(s)))
    trigger = TRIGGERS.get(s) or TRIGGERS.get(w.key) if "trigger" in groups else None
    if trigger:
        feats.append("t=" + trigger)
    return tuple(feats)


@lru_cache(maxsize=200_000)
def _around(word: str, groups: frozenset[str]) -> dict[int, tuple[str, ...]]:
    """The features a word gives the token `d` places away from it (-2, -1, 1, 2), cached."""
    w = analyse(word)
    out: dict[int, tuple[str, ...]] = {}
    trigger = TRIGGERS.get(w.stem) or TRIGGERS.get(w.key) if "trigger" in groups else None
    for d in (-2, -1, 1, 2):
        feats: list[str] = []
        if "context" in groups:
            feats.append(f"w{d}={w.folded}")
            if abs(d) == 1:
                feats += (f"s{d}={w.stem}", f"sh{d}={w.shape}")
                if w.clitics:
                    feats.append(f"c{d}={w.clitics}")
        if trigger and d != 2:
            feats.append(f"t{d}={trigger}")
        out[d] = tuple(feats)
    return out


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
        base = self.base(tokens)
        if "memory" not in self.groups:
            return base
        mem = self.memory_part([word_key(t) for t in tokens], memory, extra)
        return [b + m for b, m in zip(base, mem, strict=True)]

    def base(self, tokens: Sequence[str]) -> list[list[str]]:
        """Every feature but the memory's: they stay the same when only the memory changes."""
        g = self.groups
        n = len(tokens)
        around = [_around(t, g) for t in tokens]
        stems = [analyse(t).stem for t in tokens] if "context" in g else []
        out: list[list[str]] = []
        for i, token in enumerate(tokens):
            feats = list(_own(token, g))
            # a neighbour `d` places away gives its features for offset d
            if i > 1:
                feats += around[i - 2][-2]
            if i > 0:
                feats += around[i - 1][-1]
            elif "context" in g:
                feats += _BOS
            if i + 1 < n:
                feats += around[i + 1][1]
            elif "context" in g:
                feats += _EOS
            if i + 2 < n:
                feats += around[i + 2][2]
            if stems:
                if i > 0:
                    feats.append(f"w-1|w={stems[i - 1]}|{stems[i]}")
                if i + 1 < n:
                    feats.append(f"w|w+1={stems[i]}|{stems[i + 1]}")
            out.append(feats)
        return out

    def memory_part(
        self, keys: Sequence[str], memory: Memory | None = None, extra: Memory | None = None
    ) -> list[list[str]]:
        """The memory's features of each token (see `Memory.features`)."""
        mem = (memory or self.memory).features(keys, extra)
        n = len(keys)
        out: list[list[str]] = []
        for i, tag in enumerate(mem):
            feats = ["m=" + tag, "ml=" + tag.partition("/")[0]] if tag else []
            if i > 0 and mem[i - 1]:
                feats.append("m-1=" + mem[i - 1].partition("/")[0])
            if i + 1 < n and mem[i + 1]:
                feats.append("m1=" + mem[i + 1].partition("/")[0])
            out.append(feats)
        return out
