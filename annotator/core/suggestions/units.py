"""Words, quotation-mark pairs and sentences of a document, for the reported-speech rules.

The rules match folded words (no tashkeel or tatweel; أ إ آ -> ا, ى -> ي, ة -> ه; casefolded), so one
lexicon entry covers every spelling, while every word keeps its exact `[start, end)` in the stored
text, from which proposals take their offsets.

Quotation marks are paired per paragraph: « » and ‹ › by nesting (a text that writes them the other
way round, » … «, is read so), “ ” likewise when both appear (else like "), and the marks that look
the same at both ends (" '' and a ' standing alone as tokenised corpora write it: ` " كلام " `) in
turns; a quotation may run over line breaks, and one opened after a colon that nothing closes runs
to the end of the text. Sentences end at a line break or at . ! ? ؟ … followed by a space, but not
inside a quotation, not after an abbreviation (a lone letter such as "د." or "U.S.") and not inside
a number (3.5 is one word; so is "3 .\n5", a decimal point a sentence-per-line tokeniser cut at);
a line holding only the dots of an ellipsis belongs to the line before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, pairwise, repeat
from operator import itemgetter, not_
from typing import NamedTuple

from annotator.core.text import fold

_WORD_RE = re.compile(r"''|[^\W_]+(?:[.,\u066b\u066c]\d+)*|\S")
_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")  # split() keeps the words and the spaces between
_OPENERS = {"«": "»", "‹": "›", "“": "”", "„": "“"}
_CLOSERS = {v: k for k, v in _OPENERS.items() if k != "„"}
_SAME = {'"', "''", "'", "‟"}
_MARKS = frozenset(_OPENERS) | frozenset(_CLOSERS) | frozenset(_SAME)  # what is_quote_mark accepts
_ENDS = {".", "!", "?", "؟", "…", "۔"}
#: abbreviations whose dot does not end a sentence (folded)
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "dr", "st", "no", "vs", "etc", "inc", "co", "ltd", "jr", "sr", "prof"}
)
PROCLITIC_CONJ = "وف"
# letters no word begins with: after و / ف one of these shows the letter is the word's own ("فؤاد"، "فئة")
_NO_FIRST = "ؤئء"


class Word(NamedTuple):
    """One token: a word, a number or one punctuation mark. A tuple: a document has thousands, made
    in one pass of C loops (see `analyse`)."""

    start: int  # code points in the stored text
    end: int
    text: str  # folded
    punct: bool
    pair: int  # index of its quotation-mark pair, for a mark that has one; else -1
    space_before: bool
    space_after: bool
    bare: str  # the folded word without a leading و or ف (the conjunctions that attach to any word)


_new_word = tuple.__new__  # Word from one tuple of its fields, without a Python call


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


_last_fold: tuple[str, tuple[str, list[int]]] | None = None
_FOLD_KEPT_UP_TO = 200_000  # characters: a bigger text's offset map is not kept after use


def fold_document(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, kept for the last text (by identity) so that the rules and the project memory
    fold a document once between them. The result is shared: do not change it."""
    global _last_fold
    last = _last_fold
    if last is not None and last[0] is text:
        return last[1]
    result = fold(text)
    _last_fold = (text, result) if len(text) <= _FOLD_KEPT_UP_TO else None
    return result


def is_quote_mark(w: Word) -> bool:
    return w.punct and (w.text in _OPENERS or w.text in _CLOSERS or w.text in _SAME)


def analyse(text: str) -> Units:
    """Words, quotation pairs, paragraphs and sentences of `text`.

    The words are made column by column (C loops over the whole text, not Python code per word);
    pairing and sentence splitting then visit only the quotation and sentence-end marks (a news
    article has a few dozen among thousands of words).
    """
    folded, index = fold_document(text)
    units = Units(text)
    parts = _SPLIT_RE.split(folded)  # [space, word, space, word, …, space]
    toks = parts[1::2]
    ends_at = list(accumulate(map(len, parts)))
    starts = list(map(index.__getitem__, ends_at[0:-1:2]))
    ends = list(map(index.__getitem__, ends_at[1::2]))
    before = map(str.isspace, map((" " + text).__getitem__, starts))  # the text's start counts as a space
    after = map(str.isspace, map((text + " ").__getitem__, ends))  # and so does its end
    punct = map(not_, map(str.isalnum, map(itemgetter(0), toks)))
    bare = toks.copy()
    for i in compress(count(), map(str.startswith, toks, repeat(tuple(PROCLITIC_CONJ)))):
        if len(toks[i]) > 3 and toks[i][1] not in _NO_FIRST:
            bare[i] = toks[i][1:]
    words = list(
        map(_new_word, repeat(Word), zip(starts, ends, toks, punct, repeat(-1), before, after, bare))
    )
    if "'" in folded:
        words = _join_apostrophes(words)
    units.words = words
    texts = [w.text for w in words] if len(words) != len(toks) else toks
    marks = list(compress(count(), map(_MARKS.__contains__, texts)))  # quotation marks
    stops = list(compress(count(), map(_ENDS.__contains__, texts)))  # sentence-end marks
    # paragraphs: runs of words between line breaks
    starts = [w.start for w in words] if len(words) != len(toks) else starts
    breaks = [0]
    pos = text.find("\n")
    while pos != -1:
        i = bisect_right(starts, pos)  # the first word after this line break
        if (
            breaks[-1] < i < len(words)
            and words[i - 1].end <= pos  # not inside a ' ' mark
            and not _tokeniser_break(text, words, texts, i)
        ):
            breaks.append(i)
        pos = text.find("\n", pos + 1)
    breaks.append(len(words))
    if marks and "»" in text and _reversed_guillemets(text):
        texts = [_SWAPPED.get(t, t) for t in texts]  # » … «: read as « … »
    if marks and len(breaks) > 2:
        breaks = _carry_quotes(words, texts, marks, breaks)
    units.paragraphs = [(a, b) for a, b in pairwise(breaks) if a < b]
    for pa, pb in units.paragraphs:
        para_marks = marks[bisect_left(marks, pa) : bisect_left(marks, pb)]
        if para_marks:
            _pair_quotes(units, texts, para_marks, pb - 1 if pb == len(words) else -1)
        paired = [i for i in para_marks if words[i].pair >= 0]
        para_stops = stops[bisect_left(stops, pa) : bisect_left(stops, pb)]
        _split_sentences(units, pa, pb, sorted(paired + para_stops) if paired else para_stops)
    return units


def _open_marks(words: list[Word], texts: list[str], marks: list[int]) -> tuple[int, int]:
    """(plain marks, guillemet/curly openers minus closers) among the marks of one paragraph: an odd
    first or a positive second leaves a quotation open at the paragraph's end. A single ' counts
    when it stands apart (` ' كلام ' `), as _pair_quotes pairs it."""
    same = sum(1 for i in marks if _plain_mark(words, texts, i))
    nested = sum(1 if texts[i] in ("«", "‹") else -1 if texts[i] in ("»", "›") else 0 for i in marks)
    return same, nested


def _carry_quotes(words: list[Word], texts: list[str], marks: list[int], breaks: list[int]) -> list[int]:
    """Paragraph breaks moved or dropped where a quotation runs over a line break. Tokenised text
    with a sentence per line puts the closing mark at the start of the next line ("… انتهى .\n"
    وأضاف"): that mark joins the line before; a quotation opened on one line and closed on the next
    (both lines with an odd number of marks) makes one paragraph of the two."""
    # walk the paragraphs in order, deciding each break from the marks left open before it
    result = [breaks[0]]
    for k in range(1, len(breaks) - 1):
        pa, i = result[-1], breaks[k]
        para = marks[bisect_left(marks, pa) : bisect_left(marks, i)]
        same, nested = _open_marks(words, texts, para)
        if not (same % 2 or nested > 0):
            result.append(i)
            continue
        if same % 2 and nested <= 0 and _last_mark_closes(words, texts, para, pa, i):
            result.append(i)  # "… الحقيقية ' .": the odd mark closed a quotation, it opens none
            continue
        first = texts[i] if i < len(words) else ""
        if (same % 2 and (first in ('"', "''", "‟") or _closing_apostrophe(words, texts, i))) or (
            nested > 0 and first in ("»", "›")
        ):
            result.append(i + 1)  # the closing mark that starts the line belongs to the line before
            continue
        if _closes_within(words, texts, marks, breaks, k, same, nested):
            continue  # the quotation closes on a later line: no paragraph break before it
        if (
            same % 2
            and nested <= 0
            and len(breaks) - 1 - k <= _MAX_QUOTED_LINES
            and _open_to_end(words, texts, marks, para)
        ):
            break  # opened after a colon and never closed: it runs to the end of the text
        result.append(i)
    result.append(breaks[-1])
    return result


def _plain_mark(words: list[Word], texts: list[str], x: int) -> bool:
    """Whether word x is a mark that looks the same at both ends: " '' ‟ or a lone '."""
    return texts[x] in ('"', "''", "‟") or _lone_apostrophe(words[x], texts[x])


def _open_to_end(words: list[Word], texts: list[str], marks: list[int], para: list[int]) -> bool:
    """Whether the last plain mark of a paragraph (its marks `para`) opens a quotation after a colon
    (": " …") and no plain mark comes after it in the whole text: nothing closes it."""
    plain = [x for x in para if _plain_mark(words, texts, x)]
    if not plain or plain[-1] == 0 or texts[plain[-1] - 1] != ":":
        return False
    return not any(_plain_mark(words, texts, x) for x in marks[bisect_right(marks, plain[-1]) :])


def _last_mark_closes(words: list[Word], texts: list[str], para: list[int], pa: int, i: int) -> bool:
    """Whether the paragraph ending before word i ends its plain marks with a lone ' that closes a
    quotation: a word before it and punctuation or the line's end after it ("… الحقيقية ' ."). A '
    serves as a quotation mark less consistently than ", so it carries a quotation over lines only
    when it may open one."""
    plain = [x for x in para if _plain_mark(words, texts, x)]
    if not plain or texts[plain[-1]] != "'" or plain[-1] == pa:
        return False
    x = plain[-1]
    after = x + 1
    return not words[x - 1].punct and (after >= i or (words[after].punct and not is_quote_mark(words[after])))


_MAX_QUOTED_LINES = 8  # lines a quotation opened on one line may run over (a quoted speech's sentences)


def _closes_within(
    words: list[Word], texts: list[str], marks: list[int], breaks: list[int], k: int, same: int, nested: int
) -> bool:
    """Whether the quotation left open before line break k closes at the end of one of the next
    lines (its marks balance there): a quoted speech of several sentences, a sentence per line."""
    for m in range(k, min(len(breaks) - 1, k + _MAX_QUOTED_LINES)):
        line = marks[bisect_left(marks, breaks[m]) : bisect_left(marks, breaks[m + 1])]
        n_same, n_nested = _open_marks(words, texts, line)
        same += n_same
        nested += n_nested
        if not (same % 2 or nested > 0):
            return True
        if nested < 0:
            return False
    return False


def _lone_apostrophe(w: Word, t: str) -> bool:
    """Whether a ' stands apart, spaces on both sides: a quotation mark, not an apostrophe in O'Brien."""
    return t == "'" and w.space_before and w.space_after


def _closing_apostrophe(words: list[Word], texts: list[str], i: int) -> bool:
    """Whether the lone ' opening line i closes the quotation of the line before: punctuation follows
    it (` ' .`), not a word, which it would open."""
    return (
        _lone_apostrophe(words[i], texts[i])
        and i + 1 < len(words)
        and words[i + 1].punct
        and not is_quote_mark(words[i + 1])
    )


def _tokeniser_break(text: str, words: list[Word], texts: list[str], i: int) -> bool:
    """Whether the line break before word i was made by a tokeniser that put each sentence on a line
    and took every dot for a sentence's end: a number cut at its decimal point ("5 .\n7 مليون") or
    a line that holds only the dots of an ellipsis ("… امريكي .\n.\nانه …"), which belong to the
    line before."""
    if i >= 2 and _cut_number(texts[i - 2], texts[i - 1], texts[i]):
        return True
    j = i
    while j < len(words) and texts[j] in _ENDS:
        j += 1
        if j < len(words) and "\n" in text[words[j - 1].end : words[j].start]:
            break
    return j > i and (j == len(words) or "\n" in text[words[j - 1].end : words[j].start])


def _cut_number(before: str, dot: str, after: str) -> bool:
    """Whether a dot between `before` and `after` is a decimal point set apart ("5 . 7")."""
    return dot == "." and before[-1:].isdigit() and after[:1].isdigit()


_SWAPPED = {"«": "»", "»": "«"}


_FORWARD = re.compile("«[^«»\n]*»")
_BACKWARD = re.compile("»[^«»\n]*«")


def _reversed_guillemets(text: str) -> bool:
    """Whether the text writes its guillemets the other way round (» … «, as some Arabic sources
    do): more of its lines hold a » … « than a « … » (in a text written either way, the words
    between two quotations look like a quotation of the other direction, but there are fewer of them)."""
    return len(_BACKWARD.findall(text)) > len(_FORWARD.findall(text))


def _join_apostrophes(words: list[Word]) -> list[Word]:
    """ "' '": two apostrophes with a space between stand for one double quotation mark."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if (
            w.text == "'"
            and prev is not None
            and prev.text == "'"
            and prev.end + 1 == w.start
            and w.space_before
        ):
            out[-1] = Word(prev.start, w.end, "''", True, -1, prev.space_before, w.space_after, "''")
        else:
            out.append(w)
    return out


def _pair_quotes(units: Units, texts: list[str], marks: list[int], last: int) -> None:
    """Pair the quotation marks at word indexes `marks` (one paragraph's); `texts` are the words'
    texts with reversed guillemets turned round. In the text's last paragraph (`last`: its last
    word, else -1) a plain mark left open after a colon pairs with that word: the quotation runs to
    the end of the text, where its closing mark was left out."""
    words = units.words
    kinds = {texts[i] for i in marks}
    curly_pairs = "“" in kinds and "”" in kinds
    stack: list[int] = []
    pending: dict[str, int] = {}
    found: list[Pair] = []
    for i in marks:
        t = texts[i]
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
        elif t in _OPENERS and not (t == "“" and stack and texts[stack[-1]] == "„"):
            stack.append(i)
        elif t in _CLOSERS or t == "“":
            want = _CLOSERS.get(t)
            for j in range(len(stack) - 1, -1, -1):
                if texts[stack[j]] == want or (t == "“" and texts[stack[j]] == "„"):
                    found.append(Pair(stack[j], i))
                    del stack[j:]
                    break
    for x in pending.values():
        if 0 < x < last - 2 and texts[x - 1] == ":" and not is_quote_mark(words[last]):
            found.append(Pair(x, last))
    for p in sorted(found, key=lambda p: p.open):
        if p.close - p.open < 2:
            continue
        k = len(units.pairs)
        words[p.open] = words[p.open]._replace(pair=k)
        words[p.close] = words[p.close]._replace(pair=k)
        units.pairs.append(p)


def _split_sentences(units: Units, a: int, b: int, events: list[int]) -> None:
    """Sentences of paragraph [a, b); `events` are its paired quotation marks and end marks, in order
    (no other word can end a sentence)."""
    words = units.words
    depth = 0
    start = a
    skip = a
    for i in events:
        if i < skip:
            continue
        w = words[i]
        if w.pair >= 0:
            depth += 1 if units.pairs[w.pair].open == i else -1
            # a quotation that ends its sentence inside the marks: «... انتهى.»
            if depth == 0 and i > start and words[i - 1].text in _ENDS and units.pairs[w.pair].open != i:
                units.sentences.append((start, i + 1))
                start = i + 1
        elif depth == 0 and _ends_sentence(units, i, b):
            j = i + 1
            while j < b and words[j].punct and (words[j].text in _ENDS or words[j].text in ")]"):
                j += 1
            units.sentences.append((start, j))
            start = j
            skip = j
    if start < b:
        units.sentences.append((start, b))


def _ends_sentence(units: Units, i: int, b: int) -> bool:
    """Whether the end mark at word `i` ends its sentence (not an abbreviation's dot)."""
    words = units.words
    w = words[i]
    if i + 1 < b and not w.space_after and not words[i + 1].punct:
        return False  # "U.S", "3.a": something follows at once
    if 0 < i < b - 1 and _cut_number(words[i - 1].text, w.text, words[i + 1].text):
        return False  # "5 .\n7 مليون": a decimal point a tokeniser set apart
    if w.text == "." and i > 0 and not w.space_before:
        prev = words[i - 1]
        if not prev.punct and (len(prev.text) == 1 or prev.text in _ABBREVIATIONS):
            return False  # "د." "U.S." "Dr."
    return True
