"""Words, quotation-mark pairs and sentences of a document, for the reported-speech rules.

The rules match folded words (no tashkeel or tatweel; أ إ آ -> ا, ى -> ي, ة -> ه; casefolded), so one
lexicon entry covers every spelling, while every word keeps its exact `[start, end)` in the stored
text, from which proposals take their offsets.

Quotation marks are paired per paragraph: « » and ‹ › by nesting, “ ” likewise when both appear
(else like "), and the marks that look the same at both ends (" '' and a ' standing alone as
tokenised corpora write it: ` " كلام " `) in turns. Sentences end at a line break or at . ! ? ؟ …
followed by a space, but not inside a quotation, not after an abbreviation (a lone letter such as
"د." or "U.S.") and not inside a number (3.5 is one word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.core.text import fold

_WORD_RE = re.compile(r"''|[^\W_]+(?:[.,\u066b\u066c]\d+)*|\S")
_OPENERS = {"«": "»", "‹": "›", "“": "”", "„": "“"}
_CLOSERS = {v: k for k, v in _OPENERS.items() if k != "„"}
_SAME = {'"', "''", "'", "‟"}
_ENDS = {".", "!", "?", "؟", "…", "۔"}
#: abbreviations whose dot does not end a sentence (folded)
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "dr", "st", "no", "vs", "etc", "inc", "co", "ltd", "jr", "sr", "prof"}
)
PROCLITIC_CONJ = "وف"


class Word:
    """One token: a word, a number or one punctuation mark (a plain class: there are many)."""

    __slots__ = ("start", "end", "text", "punct", "pair", "space_before", "space_after", "bare")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        punct: bool,
        pair: int = -1,
        before: bool = True,
        after: bool = True,
    ) -> None:
        self.start = start  # code points in the stored text
        self.end = end
        self.text = text  # folded
        self.punct = punct
        self.pair = pair  # index of its quotation-mark pair, for a mark that has one
        self.space_before = before
        self.space_after = after
        # the folded word without a leading و or ف (the conjunctions that attach to any word)
        self.bare = text[1:] if len(text) > 3 and text[0] in PROCLITIC_CONJ else text


@dataclass(frozen=True, slots=True)
class Pair:
    """A quotation: the indexes of its opening and closing marks in `Units.words`."""

    open: int
    close: int

    @property
    def inner(self) -> int:
        """How many words it holds."""
        return self.close - self.open - 1


@dataclass(slots=True)
class Units:
    text: str
    words: list[Word] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # word index ranges [a, b)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)

    def pair_at(self, i: int) -> Pair | None:
        p = self.words[i].pair
        return self.pairs[p] if p >= 0 else None

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Code-point extent of words [a, b)."""
        return self.words[a].start, self.words[b - 1].end


def is_quote_mark(w: Word) -> bool:
    return w.punct and (w.text in _OPENERS or w.text in _CLOSERS or w.text in _SAME)


def analyse(text: str) -> Units:
    """Words, quotation pairs, paragraphs and sentences of `text`."""
    folded, index = fold(text)
    units = Units(text)
    words = units.words
    n = len(text)
    for m in _WORD_RE.finditer(folded):
        start, end = index[m.start()], index[m.end()]
        tok = m.group()
        punct = not (tok[0].isalnum())
        before = start == 0 or text[start - 1].isspace()
        after = end >= n or text[end].isspace()
        if tok == "'" and words and words[-1].text == "'" and words[-1].end + 1 == start and before:
            # "' '": two apostrophes with a space between stand for one double quotation mark
            words[-1] = Word(words[-1].start, end, "''", True, -1, words[-1].space_before, after)
            continue
        words.append(Word(start, end, tok, punct, -1, before, after))
    # paragraphs: runs of words between line breaks
    a = 0
    find = text.find
    for i in range(1, len(words) + 1):
        if i == len(words) or find("\n", words[i - 1].end, words[i].start) != -1:
            if a < i:
                units.paragraphs.append((a, i))
            a = i
    for pa, pb in units.paragraphs:
        _pair_quotes(units, pa, pb)
        _split_sentences(units, pa, pb)
    return units


def _pair_quotes(units: Units, a: int, b: int) -> None:
    words = units.words
    marks = [i for i in range(a, b) if is_quote_mark(words[i])]
    if not marks:
        return
    kinds = {words[i].text for i in marks}
    curly_pairs = "“" in kinds and "”" in kinds
    stack: list[int] = []
    pending: dict[str, int] = {}
    found: list[Pair] = []
    for i in marks:
        t = words[i].text
        if t in ("“", "”") and not curly_pairs:
            t = '"'  # a lone kind of curly mark is used at both ends
        elif t == "'" and not (words[i].space_before and words[i].space_after):
            continue  # an apostrophe inside a word (O'Brien), not a mark
        if t in _SAME or t in ("“", "”") and not curly_pairs:
            key = '"' if t in ('"', "''", "‟") else t
            if key in pending:
                found.append(Pair(pending.pop(key), i))
            else:
                pending[key] = i
        elif t in _OPENERS and not (t == "“" and stack and words[stack[-1]].text == "„"):
            stack.append(i)
        elif t in _CLOSERS or t == "“":
            want = _CLOSERS.get(t)
            for j in range(len(stack) - 1, -1, -1):
                if words[stack[j]].text == want or (t == "“" and words[stack[j]].text == "„"):
                    found.append(Pair(stack[j], i))
                    del stack[j:]
                    break
    for p in sorted(found, key=lambda p: p.open):
        if p.close - p.open < 2:
            continue
        words[p.open].pair = words[p.close].pair = len(units.pairs)
        units.pairs.append(p)


def _split_sentences(units: Units, a: int, b: int) -> None:
    words = units.words
    depth = 0
    start = a
    i = a
    while i < b:
        w = words[i]
        if w.pair >= 0:
            depth += 1 if units.pairs[w.pair].open == i else -1
            # a quotation that ends its sentence inside the marks: «... انتهى.»
            if depth == 0 and i > start and words[i - 1].text in _ENDS and units.pairs[w.pair].open != i:
                units.sentences.append((start, i + 1))
                start = i + 1
        elif w.punct and w.text in _ENDS and depth == 0 and _ends_sentence(units, i, b):
            j = i + 1
            while j < b and words[j].punct and (words[j].text in _ENDS or words[j].text in ")]"):
                j += 1
            units.sentences.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if start < b:
        units.sentences.append((start, b))


def _ends_sentence(units: Units, i: int, b: int) -> bool:
    """Whether the end mark at word `i` ends its sentence (not an abbreviation's dot)."""
    words = units.words
    w = words[i]
    if i + 1 < b and not w.space_after and not words[i + 1].punct:
        return False  # "U.S", "3.a": something follows at once
    if w.text == "." and i > 0 and not w.space_before:
        prev = words[i - 1]
        if not prev.punct and (len(prev.text) == 1 or prev.text in _ABBREVIATIONS):
            return False  # "د." "U.S." "Dr."
    return True
