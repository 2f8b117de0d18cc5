"""Arabic-aware text helpers: normalisation, offset mapping, folded search, word snapping, tokens.

Everything here works on Python code points, the unit spans are stored in. Qt counts UTF-16 code
units, so the widget edge converts with :class:`OffsetMap`. Nothing here imports Qt.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.clitics import WordEvidence

__all__ = [
    "DIACRITICS",
    "PROCLITICS",
    "QUOTES",
    "TASHKEEL",
    "TATWEEL",
    "OffsetMap",
    "Token",
    "FoldedText",
    "Found",
    "dominant_direction",
    "find_folded",
    "first_strong",
    "fold",
    "fold_key",
    "is_whole_word",
    "is_word_char",
    "normalize_text",
    "sentence_spans",
    "snap_to_words",
    "tokenize",
    "utf16_len",
]

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_BOM = "\ufeff"


def normalize_text(s: str) -> str:
    """Remove one leading BOM and turn ``\\r\\n`` and lone ``\\r`` into ``\\n``.

    Qt stores both as one paragraph break, so stored text must already agree with it or offsets
    drift. Nothing else changes: the stored text is otherwise exactly what was imported.
    """
    if s.startswith(_BOM):
        s = s[1:]
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s


# --------------------------------------------------------------------------------------------
# Code points <-> UTF-16 code units
# --------------------------------------------------------------------------------------------

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(s: str) -> int:
    """Length of ``s`` in UTF-16 code units (what Qt calls its length)."""
    if s.isascii():
        return len(s)
    return len(s.encode("utf-16-le")) // 2


class OffsetMap:
    """Code points (Python ``str`` index) <-> UTF-16 code units (Qt positions).

    Only characters above U+FFFF (emoji, flags, rare CJK) take two UTF-16 units, so a sorted
    list of their positions plus :func:`bisect` is enough: building is one regex scan, each
    lookup is O(log n), and text without such characters maps by identity.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_len", "_len16")

    def __init__(self, text: str) -> None:
        self._len = len(text)
        # Code-point index of every astral char, and the UTF-16 index where each one starts.
        self._astral_cp: list[int] = [m.start() for m in _ASTRAL_RE.finditer(text)]
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(self._astral_cp)]
        self._len16 = self._len + len(self._astral_cp)

    @property
    def identity(self) -> bool:
        """True when the text has no astral characters, so both units agree."""
        return not self._astral_cp

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units."""
        return self._len16

    def same_units(self, start: int, end: int) -> bool:
        """Whether code points [start, end) hold no character above U+FFFF, so that positions in
        that range differ by the same amount in both units."""
        return not self._astral_cp or bisect_left(self._astral_cp, start) == bisect_left(self._astral_cp, end)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point position ``cp`` (0..len(text)); ValueError outside."""
        if not 0 <= cp <= self._len:
            raise ValueError(f"code-point offset {cp} outside 0..{self._len}")
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int) -> int:
        """Code-point position of UTF-16 position ``u16`` (0..utf16 length); ValueError outside.

        A position between the two halves of a surrogate pair rounds down to the start of
        that character, so a Qt cursor can never split an emoji in a stored span.
        """
        if not 0 <= u16 <= self._len16:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self._len16}")
        if not self._astral_cp:
            return u16
        # Astral chars starting strictly before u16.
        j = bisect_right(self._astral_u16, u16 - 1)
        if j and self._astral_u16[j - 1] == u16 - 1:  # inside a surrogate pair
            return self._astral_cp[j - 1]
        return u16 - j


# --------------------------------------------------------------------------------------------
# Folding and folded search
# --------------------------------------------------------------------------------------------

TATWEEL = "\u0640"
#: Arabic diacritics: harakat, tanween, shadda, sukun and friends (U+064B..U+065F), superscript
#: alef (U+0670), Quranic annotation marks (U+06D6..U+06ED) and the small honorific signs
#: (U+0610..U+061A). Tatweel is not a diacritic; see :data:`TASHKEEL`.
DIACRITICS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE))
)
#: Everything search ignores: :data:`DIACRITICS` plus tatweel.
TASHKEEL = DIACRITICS + TATWEEL

_FOLD_MAP: dict[str, str] = {c: "" for c in TASHKEEL}
_FOLD_MAP.update(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ alef wasla
        "\u0649": "\u064a",  # ى -> ي
        "\u06cc": "\u064a",  # Farsi yeh ی -> ي (looks the same, common in scraped text)
        "\u0629": "\u0647",  # ة -> ه
        "\u06a9": "\u0643",  # Farsi keheh ک -> ك
    }
)
_IGNORABLE_RUN_RE = re.compile(f"[{re.escape(TASHKEEL)}]+")
# the same map as replacements: no target is also a source, so the order does not matter, and
# str.replace is a C loop per letter (about 7x faster on Arabic than translate's dict lookup per char)
_FOLD_LETTERS = tuple((c, f) for c, f in _FOLD_MAP.items() if f)


def _translate(text: str) -> str:
    """``text.translate(str.maketrans(_FOLD_MAP))``: ignorables dropped, Arabic letters folded 1:1."""
    for c, f in _FOLD_LETTERS:
        if c in text:
            text = text.replace(c, f)
    return _IGNORABLE_RUN_RE.sub("", text)


def _fold_char(c: str) -> str:
    """Folded form of one character ('' when ignorable, several chars for e.g. German sharp s)."""
    f = _FOLD_MAP.get(c)
    if f is not None:
        return f
    return c.casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """Folded copy of ``text`` for searching, with a map back to the original.

    Drops tashkeel and tatweel, folds أ إ آ ٱ -> ا, ى -> ي, ة -> ه (and Farsi ی/ک to Arabic),
    casefolds everything else. Returns ``(folded, index)``: ``index[i]`` is the code-point offset
    in ``text`` of the character that produced ``folded[i]``, and ``index`` has one extra final
    entry equal to ``len(text)``. A match ``folded[a:b]`` therefore covers ``text[index[a]:index[b]]``
    (when ``b`` does not split a character that casefolds to several), which begins at its first
    letter and ends after the marks and tatweel attached to its last letter, before the next one.
    """
    translated = _translate(text)  # drops ignorables, folds Arabic letters 1:1
    folded = translated.casefold()
    if len(folded) == len(translated):  # no character casefolded to several: index by ranges
        n = len(text)
        if len(translated) == n:
            return folded, list(range(n + 1))
        index: list[int] = []
        prev = 0
        for m in _IGNORABLE_RUN_RE.finditer(text):
            index.extend(range(prev, m.start()))
            prev = m.end()
        index.extend(range(prev, n))
        index.append(n)
        return folded, index
    # Rare slow path (e.g. German sharp s -> "ss"): one index entry per folded char.
    parts: list[str] = []
    index = []
    for i, c in enumerate(text):
        f = _fold_char(c)
        if not f:
            continue
        parts.append(f)
        if len(f) == 1:
            index.append(i)
        else:
            index.extend([i] * len(f))
    index.append(len(text))
    return "".join(parts), index


def fold_key(text: str) -> str:
    """``fold(text)[0]`` without the map back: for looking words up, where no offset is needed."""
    return _translate(text).casefold()


def find_folded(
    text: str,
    query: str,
    *,
    whole_words: bool = False,
    clitics: bool = True,
    words: WordEvidence | None = None,
) -> list[tuple[int, int]]:
    """All non-overlapping matches of ``fold(query)`` in ``fold(text)`` as ``[start, end)`` in ``text``.

    ``text[start:end]`` starts at the first matched letter and ends after the diacritics and
    tatweel of the last one. A match that would begin or end inside a character that folds to
    several (e.g. 'ß' -> 'ss') is skipped, so every result slices whole characters.
    An empty or all-ignorable query gives ``[]``. ``whole_words`` keeps only the matches that
    :func:`is_whole_word` accepts (see :meth:`FoldedText.find` for the count it leaves out).
    """
    return FoldedText(text).find(query, whole_words=whole_words, clitics=clitics, words=words).matches


@dataclass(frozen=True)
class Found:
    """The matches of one search, and how many folded matches ``whole_words`` left out because
    they begin or end inside a word (0 without ``whole_words``): a counter can say what it hides."""

    matches: list[tuple[int, int]]
    inside_words: int = 0


class FoldedText:
    """A text folded once (:func:`fold`) for many searches: the find bar searches at every
    keystroke, and folding a long document each time would cost more than the search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.index = fold(text)

    def find(
        self,
        query: str,
        *,
        whole_words: bool = False,
        clitics: bool = True,
        words: WordEvidence | None = None,
    ) -> Found:
        """The matches of :func:`find_folded` in this text; with ``whole_words`` only those
        :func:`is_whole_word` accepts (``clitics`` and ``words`` are passed on to it)."""
        q, _ = fold(query)
        if not q:
            return Found([])
        folded, index, text = self.folded, self.index, self.text
        n = len(folded)
        out: list[tuple[int, int]] = []
        inside = 0
        pos = folded.find(q)
        while pos != -1:
            end = pos + len(q)
            aligned = (pos == 0 or index[pos - 1] != index[pos]) and (
                end == n or index[end - 1] != index[end]
            )
            if aligned:
                s, e = index[pos], index[end]
                if not whole_words or is_whole_word(text, s, e, clitics=clitics, words=words):
                    out.append((s, e))
                else:
                    inside += 1
                pos = folded.find(q, end)
            else:
                pos = folded.find(q, pos + 1)
        return Found(out, inside)


# --------------------------------------------------------------------------------------------
# Word characters, snapping, clitics
# --------------------------------------------------------------------------------------------

PROCLITICS = "وفبلك"
_ZW = "\u200c\u200d"  # ZWNJ, ZWJ: part of Persian/Urdu words and emoji sequences
#: Separators allowed inside a number: 34.3, 13,000, ٣٤٫٣, ١٣٬٠٠٠.
_NUM_SEPS = ".,\u066b\u066c"


def is_word_char(ch: str) -> bool:
    """True for letters, digits, combining marks (categories L*, N*, M*), tatweel, ZWNJ and ZWJ."""
    if ch in _ZW:
        return True
    return unicodedata.category(ch)[0] in "LNM"


def _is_inner(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to a word: a word char or a separator between two digits."""
    c = text[i]
    if is_word_char(c):
        return True
    return c in _NUM_SEPS and 0 < i < len(text) - 1 and text[i - 1].isdecimal() and text[i + 1].isdecimal()


_MAX_PROCLITICS = 6  # code points a word's proclitics take at most: two letters and their marks


def is_whole_word(
    text: str, start: int, end: int, *, clitics: bool = True, words: WordEvidence | None = None
) -> bool:
    """Whether ``text[start:end]`` is one or more whole words: it neither ends inside a word nor
    begins inside one, except after proclitics (و ف ب ل ك, up to a conjunction then a preposition)
    when ``clitics`` is on and :func:`annotator.core.clitics.strip_proclitics` would leave exactly
    them out of the word, the text searched for counting as one labelled span that begins with what
    remains: «تركيا» is a whole word in «وتركيا» and «لتركيا», «مصر» is none in «مصروفات», «صف» none
    in «وصف» (a cue the lexicon knows whole), «الد» none in «والد», and «حث» (two letters, not
    a cue after ب) none in «بحث». Where the project labelled the whole word more often (كمال, a
    name), what remains (مال) is no word of it."""
    n = len(text)
    if start >= end or (end < n and _is_inner(text, end)):
        return False
    if start == 0 or not _is_inner(text, start - 1):
        return True
    if not clitics or text[start - 1] in _NUM_SEPS:
        return False
    word_start = start
    while word_start > 0 and _is_inner(text, word_start - 1):
        word_start -= 1
        if start - word_start > _MAX_PROCLITICS:
            return False
    from annotator.core.clitics import strip_proclitics  # it builds on this module

    return strip_proclitics(text, word_start, end, words, searched=True) == start


#: Punctuation that snapping trims from the edges of a selection (quotes and brackets are kept).
_EDGE_PUNCT = ".,;:!?\u060c\u061b\u061f\u06d4\u2026"
#: Quotation marks: never trimmed; a QUOTE span includes its marks when the user selects them.
_LTR_CLASSES = frozenset({"L", "EN", "AN"})  # bidi classes of Latin letters and numbers
QUOTES = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b"


def snap_to_words(
    text: str,
    start: int,
    end: int,
    *,
    snap: bool = True,
    strip_clitics: bool = True,
    widen: bool = True,
    words: WordEvidence | None = None,
) -> tuple[int, int]:
    """Turn a rough mouse selection into a clean span ``(start, end)``.

    Drag selections in RTL text miss the intended word boundary often; this makes them land.
    Offsets are clamped to the text and swapped when given backwards. Rules, in order:

    1. Whitespace is trimmed at both ends (always). An empty or all-whitespace selection gives
       ``(start, start)``.
    2. ``snap``: a boundary that falls *inside* a word (word chars on both sides; a ``.`` or ``,``
       between digits counts as inside) moves outwards to the word's edge; a boundary already at
       a word edge stays. Then the separators ``. , ; : ! ? ، ؛ ؟ ۔ …`` at the edges are trimmed
       (with whitespace again). Quotation marks and brackets are never trimmed, so a selected
       ``"…"`` or ``«…»`` stays whole, and snapping never adds punctuation. A quotation mark at
       ONE edge that hugs a Latin word or a number is dropped when the other edge has none: where
       a left-to-right run (NTV, 2025) meets a mark in RTL text Qt draws the mark on the run's far
       side and a drag over ``"NTV"`` ends on either side of it (``NTV"`` as often as ``NTV``). A
       pair, and a mark beside Arabic (``«نحن مستعدون``, a split quote's first piece), are kept.
       A selection of punctuation only gives ``(start, start)``.
    3. ``strip_clitics``: the proclitics و ف ب ل ك at the start of the span are left out when what
       remains is a word, decided by :func:`annotator.core.clitics.strip_proclitics` from the
       article (والحكومة -> الحكومة), the cue lexicon (وذكرت -> ذكرت), the project memory and the
       project's texts in ``words`` (when given), and the text itself. Root letters stay (وزير,
       فيدان, والد); ال is always kept; at most a conjunction then a preposition go (وبالحكومة ->
       الحكومة); the span keeps two letters or more. Latin words and numbers are never touched.

    ``widen=False`` is for a selection the user made or narrowed by keyboard: a boundary inside a
    word stays where it is (nothing is ever added), while trimming and rule 3 still apply.
    """
    n = len(text)
    start = min(max(start, 0), n)
    end = min(max(end, 0), n)
    if start > end:
        start, end = end, start
    orig = start
    s, e = _trim(text, start, end, "")
    if s >= e:
        return orig, orig
    if snap:
        if widen and 0 < s < n and _is_inner(text, s - 1) and _is_inner(text, s):
            while s > 0 and _is_inner(text, s - 1):
                s -= 1
        if widen and 0 < e < n and _is_inner(text, e - 1) and _is_inner(text, e):
            while e < n and _is_inner(text, e):
                e += 1
        s, e = _trim(text, s, e, _EDGE_PUNCT)
        s, e = _drop_lone_quote(text, s, e)
        if all(ch.isspace() or unicodedata.category(ch)[0] == "P" for ch in text[s:e]):  # nothing to label
            return orig, orig
    if strip_clitics:
        from annotator.core.clitics import strip_proclitics  # it builds on this module

        s = strip_proclitics(text, s, e, words)
    return s, e


def first_strong(text: str) -> str | None:
    """ "L" or "R": the direction of the text's first strong character (Unicode's rules P2 and P3,
    as `QString.isRightToLeft` applies them: AL counts as R; isolates and embeddings are not looked
    into), None when it has none (digits, punctuation)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def dominant_direction(text: str) -> str | None:
    """ "L" or "R": the direction most of the text's strong characters take (the first strong one's on
    a tie), None when it has none. An Arabic title that opens with a Latin source tag ("(CNN)-- شهد
    فريق …") is right to left, which the first strong character alone would not say."""
    ltr = rtl = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            ltr += 1
        elif kind in ("R", "AL"):
            rtl += 1
    if ltr == rtl:
        return first_strong(text)
    return "L" if ltr > rtl else "R"


def _drop_lone_quote(text: str, s: int, e: int) -> tuple[int, int]:
    """Rule 2's last step: leave out an unpaired quotation mark that hugs a left-to-right run."""
    if e - s < 2:
        return s, e
    first, last = text[s] in QUOTES, text[e - 1] in QUOTES
    if first == last:
        return s, e
    if first and unicodedata.bidirectional(text[s + 1]) in _LTR_CLASSES:
        return s + 1, e
    if last and unicodedata.bidirectional(text[e - 2]) in _LTR_CLASSES:
        return s, e - 1
    return s, e


def _trim(text: str, s: int, e: int, punct: str) -> tuple[int, int]:
    """Trim whitespace (and chars in ``punct``) from both ends of ``text[s:e]``."""
    while s < e and (text[s].isspace() or text[s] in punct):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in punct):
        e -= 1
    return s, e


# --------------------------------------------------------------------------------------------
# Tokens and sentences
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its exact offsets: ``text[start:end] == token.text``."""

    start: int
    end: int
    text: str


def _char_class_ranges(codepoints: list[int]) -> str:
    """Compress sorted code points into a regex character-class body."""
    out: list[str] = []
    i = 0
    while i < len(codepoints):
        j = i
        while j + 1 < len(codepoints) and codepoints[j + 1] == codepoints[j] + 1:
            j += 1
        a, b = codepoints[i], codepoints[j]
        out.append(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}")
        i = j + 1
    return "".join(out)


@cache
def _token_re() -> re.Pattern[str]:
    """The tokenizer regex, built on first use (scanning Unicode for marks takes a few ms)."""
    marks = [c for c in range(0x20000) if unicodedata.category(chr(c))[0] == "M"]
    marks += [c for c in range(0xE0100, min(0xE01F0, sys.maxunicode + 1))]
    mark_cls = _char_class_ranges(marks)
    # \w is letters, digits and "_" for str patterns; "_" is punctuation for us, marks and ZW* are not.
    wc = f"(?:[^\\W_]|[{mark_cls}\u200c\u200d])"
    seps = re.escape(_NUM_SEPS)
    word = f"{wc}+(?:(?<=\\d)[{seps}](?=\\d){wc}+)*"
    flag = "[\U0001f1e6-\U0001f1ff]{2}"
    # A symbol keeps its combining marks, variation selectors, skin tones and ZWJ-joined parts.
    tail = f"[{mark_cls}\U0001f3fb-\U0001f3ff]"
    other = f"[^\\s]{tail}*(?:\u200d[^\\w\\s]{tail}*)*"
    return re.compile(f"{word}|{flag}|{other}")


def tokenize(text: str) -> list[Token]:
    """Arabic-aware tokens: words and single punctuation marks, whitespace skipped.

    A word is a run of word chars (:func:`is_word_char`), so clitics and tatweel stay on it as in
    ANERcorp (والحكومة, بـ34.3 are one token); a ``. , ٫ ٬`` between digits stays inside a number
    (34.3, 13,000). Every other non-space char is its own token; an emoji keeps its modifiers and
    ZWJ-joined parts, a flag its two regional indicators.
    """
    return [Token(m.start(), m.end(), m.group()) for m in _token_re().finditer(text)]


_SENT_END_RE = re.compile("[.!?\u061f\u06d4]+[\"'\u201d\u00bb\u203a\u2019)\\]]*(?=\\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``[start, end)`` spans for BIO export, whitespace-trimmed, empty ones dropped.

    A sentence ends at a newline, or after ``. ! ? ؟ ۔`` (with any closing quotes or brackets
    right after it) followed by whitespace. The end mark stays in its sentence; a dot inside a
    number or an abbreviation followed by a letter does not split.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl == -1 else nl
        s = pos
        for m in _SENT_END_RE.finditer(text, pos, line_end):
            _add_trimmed(text, s, m.end(), out)
            s = m.end()
        _add_trimmed(text, s, line_end, out)
        pos = line_end + 1
    return out


def _add_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    s, e = _trim(text, s, e, "")
    if s < e:
        out.append((s, e))


def sentence_around(text: str, start: int, end: int, limit: int = 4000) -> tuple[int, int]:
    """``[a, b)`` of the sentence(s) that hold ``text[start:end]``, by the rules of `sentence_spans`.

    Looks at most `limit` characters either way, so a 1 MB document costs what one paragraph does.
    """
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    lo = max(0, start - limit)
    nl = text.rfind("\n", lo, start)
    a = nl + 1 if nl >= 0 else lo
    for m in _SENT_END_RE.finditer(text, a, start):
        a = m.end()
    hi = min(n, end + limit)
    nl = text.find("\n", end, hi)
    b = nl if nl >= 0 else hi
    m = _SENT_END_RE.search(text, max(end - 1, a), min(n, b + 1))
    if m is not None and m.start() >= end - 1:
        b = min(b, m.end())
    return _trim(text, a, b, "")
