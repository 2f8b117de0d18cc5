"""Proclitics: when a span's first letter (و ف ب ل ك) is a separate word glued on, and when it is not.

A letter is a proclitic only when what remains is a word. That is decided from evidence, in order:

1. a whole word the lexicon knows (a speech verb such as وصف, وعد) or a built-in exception (والد,
   بالغ) keeps its first letter;
2. the article: what remains is ال + at least two letters (والحكومة -> الحكومة);
3. the cue lexicon (the suggestion rules' `resources/suggest/cues.toml`) knows what remains, and
   the letter before it can stand before a verb: a conjunction (وذكرت -> ذكرت, وأكدت -> أكدت,
   ودعا -> دعا, even a two-letter verb: وحث -> حث), or ل before an imperfect (ليؤكد -> يؤكد); never
   another preposition (بحث and وبحث are not ب + حث);
4. project memory: what remains begins more of the project's labelled spans than the whole word
   does (لتركيا -> تركيا once تركيا was labelled anywhere);
5. the project's own texts: what remains (three letters or more) occurs as a word of its own at least
   twice and at least half as often as the whole word (وفيدان -> فيدان where فيدان also stands alone).

Root letters are never cut on a guess: وزير، فيدان، بلاده، كلمة, كتاب have no such evidence (زير، يدان،
لاده، لمة، تاب do not occur as words, or far more rarely than the whole word). Up to two proclitics are
left out, a conjunction then a preposition (وبتركيا -> تركيا, وبالحكومة -> الحكومة).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from annotator.core.lexicon import folded_word, is_cue
from annotator.core.text import PROCLITICS, TASHKEEL, TATWEEL, _is_inner, fold

__all__ = ["WordEvidence", "light", "strip_proclitics", "words_of"]

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_ALEF_FORMS = "\u0627\u0671"  # ا and ٱ: the alef of the article ال
_LAM = "\u0644"
_IMPERFECT = "يتنأ"  # the prefixes of a verb's imperfect (يقول، تؤكد، نرى، أعتبر)
#: Words that begin with a proclitic letter + "ال" but where that letter is part of the stem
#: (والد "father", بالغ "adult", ...): stripping would break them. Compared after folding.
_EXCEPTIONS = frozenset(
    fold(w)[0]
    for w in (
        "والد والدة والده والدي والدا والدان والدين والدته والدتي والدها والدهم والدك والدكم "
        "والداه والديه والدتها والدتهم والي والية واليا "
        "بالغ بالغة بالغا بالغه بالغون بالغين بالون بالونات فالح كالسيوم "
        "ورد وردت وردا وردوا"  # "was stated": و is its root, though ردت is a speech verb
    ).split()
)
_LIGHT = str.maketrans({c: "" for c in TASHKEEL})
_AROUND = 20_000  # characters either side of a span searched for its words when the project counts too
_WORD_RE = re.compile(f"(?:[^\\W\\d_]|[{re.escape(TASHKEEL)}])+")


def light(word: str) -> str:
    """`word` without tashkeel and tatweel, letters as written (hamza and alef forms kept: they can
    be root letters, كامل is not ك + أمل)."""
    return word.translate(_LIGHT)


def words_of(text: str) -> Iterable[str]:
    """The words of `text` (letter runs, marks included), lightly normalised."""
    return (light(m.group()) for m in _WORD_RE.finditer(text))


def _letters(s: str) -> int:
    return sum(1 for c in s if unicodedata.category(c)[0] == "L" and c != TATWEEL)


def _skip_ignorable(text: str, i: int, end: int) -> int:
    while i < end and text[i] in TASHKEEL:
        i += 1
    return i


@lru_cache(maxsize=512)
def _count_in(text: str, word: str) -> int:
    """How often `word` stands alone in `text` (a whole word; trailing tashkeel allowed)."""
    if not word:
        return 0
    pattern = f"(?<![^\\W_]){re.escape(word)}(?![^\\W_])"
    return sum(1 for _ in re.finditer(pattern, text))


class WordEvidence:
    """What a project says about words: how often each occurs in its texts, and how often each begins
    a labelled span (project memory). Built from a store by `from_store`; words are `light` forms.

    The counts are read the first time one is asked for, or ahead of that a slice at a time
    (`load_some`: the window calls it in idle time after opening, so the first label key does not wait
    for half a million characters to be counted, and no other thread competes with the window for
    Python's interpreter lock); what a slice left is read at once by the next reader. Used on the
    thread that made it only."""

    def __init__(
        self,
        texts: Counter[str] | None = None,
        labelled: Counter[str] | None = None,
        *,
        loader: Callable[[], tuple[Iterable[str], Iterable[str]]] | None = None,
    ) -> None:
        self._texts: Counter[str] = texts if texts is not None else Counter()
        self._labelled: Counter[str] = labelled if labelled is not None else Counter()
        self._loader = loader  # (texts, surfaces), read the first time a count is asked for
        self._loaded = loader is None
        self._words: Iterator[str] | None = None  # the texts' words not counted yet (after a slice)
        self._surfaces: list[str] = []
        self.version = 0  # grows whenever a count changes: what was decided from the counts may not hold

    @property
    def loaded(self) -> bool:
        """Whether the counts have been read (by a reader or by `load_some`)."""
        return self._loaded

    def _load(self) -> None:
        if not self._loaded:
            self.load_some(None)

    def load_some(self, seconds: float | None) -> bool:
        """Count for about `seconds` (None: until done) and say whether the counts are complete. The
        texts are read from the project in the first call; a failure there (the project closed
        meanwhile) raises and leaves the loader for the next call."""
        if self._loaded:
            return True
        if self._words is None:
            if self._loader is None:
                return True
            texts, surfaces = self._loader()
            texts = list(texts)
            self._words = (w for t in texts for w in words_of(t))
            self._surfaces = list(surfaces)
        deadline = None if seconds is None else time.perf_counter() + seconds
        counts = self._texts
        for n, word in enumerate(self._words, 1):
            counts[word] += 1
            if deadline is not None and not n % 512 and time.perf_counter() >= deadline:
                return False
        for surface in self._surfaces:
            self._add(surface)
        self._loader, self._words, self._surfaces, self._loaded = None, None, [], True
        self.version += 1
        return True

    @property
    def texts(self) -> Counter[str]:
        """How often each word occurs in the project's texts."""
        self._load()
        return self._texts

    @property
    def labelled(self) -> Counter[str]:
        """How many labelled spans begin with each word."""
        self._load()
        return self._labelled

    def _add(self, surface: str) -> None:
        first = next(iter(words_of(surface)), "")
        if first:
            self._labelled[first] += 1
            self.version += 1

    def add_labelled(self, surface: str) -> None:
        """Remember a span just labelled (its first word)."""
        self._load()
        self._add(surface)

    @classmethod
    def from_texts(cls, texts: Iterable[str], surfaces: Iterable[str] = ()) -> WordEvidence:
        return cls(loader=lambda: (texts, surfaces))

    @classmethod
    def from_store(cls, store, *, max_chars: int = 500_000, max_spans: int = 20_000) -> WordEvidence:
        """Word counts from the project's texts (the first `max_chars` characters of them, so a large
        project costs a bounded moment) and the surfaces of its latest `max_spans` labelled spans,
        read through the store when first needed."""
        return cls(loader=lambda: (store.sample_texts(max_chars), store.labelled_surfaces(max_spans)))


def _article_rest(text: str, p: int, word_end: int) -> bool:
    """Whether text[p:word_end] is ال + at least two letters."""
    if p + 1 >= word_end or text[p] not in _ALEF_FORMS:
        return False
    q = _skip_ignorable(text, p + 1, word_end)
    if q >= word_end or text[q] != _LAM:
        return False
    return _letters(text[q + 1 : word_end]) >= 2


def _verb_may_follow(text: str, start: int, p: int, rest: str, n: int) -> bool:
    """Whether the proclitic right before text[p:] can stand before a verb of speech: a conjunction
    can (وحث، فقال); a preposition cannot (بحث "research" is not ب + حث, بقال "grocer" not ب + قال,
    nor وبحث و + ب + حث), except ل before an imperfect (ليؤكد "to stress")."""
    q = p - 1
    while q > start and (text[q] in TASHKEEL or text[q] == TATWEEL):
        q -= 1  # a diacritic or tatweel on the proclitic
    before = text[q]
    if before in _CONJUNCTIONS:
        return True
    return before == _LAM and n >= 3 and rest[:1] in _IMPERFECT


def _is_word(
    text: str, start: int, p: int, word_end: int, words: WordEvidence | None, searched: bool = False
) -> bool:
    """Whether what remains of the word text[start:word_end] after its first letters (up to p) is a
    word of its own; see the module docstring for the evidence, in order (`searched`: what remains
    was searched for, one more labelled span in the project memory)."""
    whole, rest = text[start:word_end], text[p:word_end]
    if folded_word(whole) in _EXCEPTIONS or is_cue(whole):
        return False
    if _article_rest(text, p, word_end):
        return True
    n = _letters(rest)
    if n < 2:
        return False
    if is_cue(rest) and _verb_may_follow(text, start, p, rest, n):
        return True
    if n < 3:
        return False
    lw, lr = light(whole), light(rest)
    if words is not None or searched:
        in_memory = (words.labelled[lr] if words is not None else 0) + searched
        whole_in_memory = words.labelled[lw] if words is not None else 0
        if in_memory != whole_in_memory:
            return in_memory > whole_in_memory
    if words is None:  # the text alone is the evidence
        rc, wc = _count_in(text, lr), _count_in(text, lw)
    else:  # the project's counts, and the text around the span (a 1 MB document is not scanned per label)
        near = text[max(0, start - _AROUND) : start + _AROUND]
        rc, wc = _count_in(near, lr) + words.texts[lr], _count_in(near, lw) + words.texts[lw]
    return rc >= 2 and 2 * rc >= wc


def strip_proclitics(
    text: str, start: int, end: int, words: WordEvidence | None = None, *, searched: bool = False
) -> int:
    """New start of the span text[start:end] with its proclitics left out (`start` when there are none).

    Only at a word start, at most a conjunction then a preposition, and the span keeps at least two
    letters. Latin words and numbers are never touched. `searched`: what remains is what the
    annotator searched for (the find bar's whole words), which counts as one labelled span
    beginning with it (step 4 of the module docstring).
    """
    if start >= end or text[start] not in PROCLITICS:
        return start
    if start > 0 and _is_inner(text, start - 1):
        return start  # not at a word start
    word_end = start
    n = len(text)
    while word_end < n and _is_inner(text, word_end):
        word_end += 1
    cuts = [_skip_ignorable(text, start + 1, word_end)]
    if text[start] in _CONJUNCTIONS and cuts[0] < word_end and text[cuts[0]] in _PREPOSITIONS:
        cuts.insert(0, _skip_ignorable(text, cuts[0] + 1, word_end))  # the longer cut is tried first
    for p in cuts:
        if (
            p < word_end
            and _letters(text[p:end]) >= 2
            and _is_word(text, start, p, word_end, words, searched)
        ):
            return p
    return start
