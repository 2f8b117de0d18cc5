"""Tests for annotator.core.text: offsets, normalisation, folded search, snapping, tokens."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text import (
    _FOLD_MAP,
    PROCLITICS,
    TASHKEEL,
    FoldedText,
    OffsetMap,
    Token,
    find_folded,
    fold,
    fold_key,
    is_whole_word,
    is_word_char,
    normalize_text,
    sentence_spans,
    snap_to_words,
    tokenize,
    utf16_len,
)

# --------------------------------------------------------------------------------------------
# Strategies: text that mixes everything the design names
# --------------------------------------------------------------------------------------------

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةٱ"
PIECES = [
    *ARABIC_LETTERS,
    "\u064e",  # fatha
    "\u064b",  # tanween fath
    "\u0651",  # shadda
    "\u0652",  # sukun
    "\u0670",  # superscript alef
    "\u06e1",  # Quranic mark
    "\u0640",  # tatweel
    "😀",
    "🇸🇦",
    "👍🏽",
    "❤️",
    "𝐀",
    "a",
    "B",
    "ß",
    "NTV",
    "0",
    "7",
    "٣",
    "34.3",
    "13,000",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    '"',
    "“",
    "”",
    "«",
    "»",
    "‹",
    "›",
    "'",
    ".",
    ",",
    "،",
    "؟",
    "!",
    ":",
    "(",
    ")",
    "-",
    "_",
    "\u200c",
    "\u200d",
    "\u200f",
]
raw_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
texts = raw_text.map(normalize_text)


def u16_truth(text: str, i: int) -> int:
    return len(text[:i].encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# normalize_text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffقال", "قال"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\rb\n\r", "a\n\nb\n\n"),
        ("\ufeffa\r\r\nb", "a\n\nb"),
        ("no change: أَكَّدَ «x» \t\f", "no change: أَكَّدَ «x» \t\f"),
        ("a\ufeffb", "a\ufeffb"),  # only a LEADING BOM goes
        ("\ufeff\ufeffa", "\ufeffa"),  # and only one
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(raw_text)
def test_normalize_text_properties(raw: str) -> None:
    out = normalize_text(raw)
    assert "\r" not in out
    assert normalize_text(out) == out
    assert out.replace("\n", "") == raw.removeprefix("\ufeff").replace("\r", "").replace("\n", "")


# --------------------------------------------------------------------------------------------
# OffsetMap
# --------------------------------------------------------------------------------------------


@given(texts)
def test_offset_map_matches_utf16_ground_truth(text: str) -> None:
    om = OffsetMap(text)
    assert om.utf16_length == utf16_len(text) == len(text.encode("utf-16-le")) // 2
    for i in range(len(text) + 1):
        u = om.to_utf16(i)
        assert u == u16_truth(text, i)
        assert om.to_cp(u) == i


@given(texts)
def test_offset_map_to_cp_rounds_down_inside_surrogate_pairs(text: str) -> None:
    om = OffsetMap(text)
    starts = {u16_truth(text, i): i for i in range(len(text) + 1)}
    for u in range(om.utf16_length + 1):
        cp = om.to_cp(u)
        if u in starts:
            assert cp == starts[u]
        else:  # the low half of a pair: belongs to the astral char that started one unit before
            assert starts[u - 1] == cp
            assert ord(text[cp]) > 0xFFFF


def test_offset_map_examples() -> None:
    text = "قال 😀 «نعم» 🇸🇦!"
    om = OffsetMap(text)
    assert not om.identity
    e = text.index("😀")
    assert om.to_utf16(e) == e and om.to_utf16(e + 1) == e + 2
    assert om.to_cp(e + 1) == e  # mid-surrogate rounds down
    assert om.to_cp(e + 2) == e + 1
    flag = text.index("🇸🇦")  # two astral regional indicators
    assert om.to_utf16(flag) == flag + 1
    assert om.to_utf16(flag + 2) == flag + 5
    assert om.to_cp(flag + 2) == flag  # inside the first indicator
    assert om.to_cp(flag + 4) == flag + 1  # inside the second
    assert om.to_utf16(len(text)) == utf16_len(text) == len(text) + 3
    with pytest.raises(ValueError):
        om.to_utf16(len(text) + 1)
    with pytest.raises(ValueError):
        om.to_cp(-1)
    with pytest.raises(ValueError):
        om.to_cp(om.utf16_length + 1)


def test_offset_map_identity_without_astral() -> None:
    text = "أَكَّدَ الوزيـــر «NTV» 34.3"
    om = OffsetMap(text)
    assert om.identity
    assert [om.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert om.to_cp(5) == 5
    assert OffsetMap("").to_cp(0) == 0 == OffsetMap("").to_utf16(0)


def test_offset_map_on_a_million_chars() -> None:
    """Correct at scale (its speed is measured by benchmarks/bench.py, not here)."""
    text = ("وقال الوزير 😀 «نعم» " * 60_000)[:1_000_000]
    om = OffsetMap(text)
    last = len(text)
    assert om.to_utf16(last) == utf16_len(text)
    assert om.to_cp(om.to_utf16(last)) == last
    for i in range(0, last, 9973):
        assert om.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert om.to_cp(om.to_utf16(i)) == i


def test_utf16_len() -> None:
    assert utf16_len("") == 0
    assert utf16_len("abc") == 3
    assert utf16_len("قال") == 3
    assert utf16_len("😀") == 2
    assert utf16_len("🇸🇦") == 4


# --------------------------------------------------------------------------------------------
# fold / find_folded
# --------------------------------------------------------------------------------------------


def test_tashkeel_set() -> None:
    for c in "\u064b\u064e\u0650\u0651\u0652\u065f\u0670\u06d6\u06ed\u0640":
        assert c in TASHKEEL
    for c in "اأبـ"[:-1] + " ":
        assert c not in TASHKEEL


def test_fold_basics() -> None:
    folded, index = fold("أَكَّدَ")
    assert folded == "اكد"
    assert index == [0, 2, 5, 7]  # أ َ ك َ ّ د َ
    assert fold("إِسلام آمن ٱلله على مدرسة NTV Straße")[0] == "اسلام امن الله علي مدرسه ntv strasse"
    assert fold("أكـــد")[0] == "اكد"
    assert fold("")[0] == "" and fold("")[1] == [0]


@given(st.lists(st.sampled_from([*PIECES, "\u06cc", "\u06a9"]), max_size=60).map("".join))
def test_fold_letters_as_a_translation_table(text: str) -> None:
    # fold replaces letter by letter for speed: the same as one translation table over the text
    table = str.maketrans(_FOLD_MAP)
    assert fold(text)[0] == text.translate(table).casefold() == fold_key(text)


@given(texts)
def test_fold_index_invariants(text: str) -> None:
    folded, index = fold(text)
    assert len(index) == len(folded) + 1
    assert index[-1] == len(text)
    assert index == sorted(index)
    for i, c in enumerate(folded):
        assert c in text[index[i]].casefold() or c in "اييهك"
        assert text[index[i]] not in TASHKEEL


@pytest.mark.parametrize(
    ("text", "query", "surfaces"),
    [
        ("أكد الوزير", "اكد", ["أكد"]),
        ("وقد أَكَّدَ الوزير", "أكد", ["أَكَّدَ"]),
        ("أكـــد الوزير", "أكد", ["أكـــد"]),
        ("وأكدت المصادر", "أكد", ["أكد"]),  # inside a word, no trailing letter taken
        ("ذهب إلى المدرسه", "مدرسة", ["مدرسه"]),
        ("ذهب إلى المدرسةِ.", "مدرسة", ["مدرسةِ"]),  # trailing kasra included, not the dot
        ("على الطاولة", "علي", ["على"]),
        ("علي وعلى", "على", ["علي", "على"]),
        ("CNN Turk and cnn", "cnn", ["CNN", "cnn"]),
        ("الله ٱلله", "الله", ["الله", "ٱلله"]),
        ("كتبـــَ كتب", "كتب", ["كتبـــَ", "كتب"]),
        ("aaaa", "aa", ["aa", "aa"]),  # non-overlapping
        ("Straße strasse", "SS", ["ß", "ss"]),
        ("Straße", "s", ["S"]),
        ("ßa", "sa", []),  # would split ß: skipped
        ("أكد", "", []),
        ("أكد", "َّ", []),  # all-ignorable query
        ("أكد", "ـــ", []),
    ],
)
def test_find_folded_surfaces(text: str, query: str, surfaces: list[str]) -> None:
    assert [text[s:e] for s, e in find_folded(text, query)] == surfaces


def test_find_folded_offsets_exact() -> None:
    text = "قال: «أَكَّدَ» ثم أكـــدَ 😀 اكد"
    matches = find_folded(text, "أكد")
    assert len(matches) == 3
    s, e = matches[0]
    assert text[s:e] == "أَكَّدَ" and text[e] == "»"
    s, e = matches[1]
    assert text[s:e] == "أكـــدَ" and text[e] == " "
    s, e = matches[2]
    assert e == len(text)


@given(texts, st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join))
@settings(max_examples=300)
def test_find_folded_property(text: str, query: str) -> None:
    q = fold(query)[0]
    matches = find_folded(text, query)
    if not q:
        assert matches == []
        return
    prev_end = 0
    for s, e in matches:
        assert prev_end <= s < e <= len(text)
        assert fold(text[s:e])[0] == q
        assert text[s] not in TASHKEEL  # starts at a letter
        assert e == len(text) or text[e] not in TASHKEEL  # took all trailing marks
        prev_end = e


@given(texts, st.sampled_from(["اكد", "مدرسه", "علي", "ntv", "34.3"]))
def test_find_folded_finds_planted_variants(text: str, query: str) -> None:
    variants = {"اكد": "أَكَّـدَ", "مدرسه": "مدرسة", "علي": "على", "ntv": "NTV", "34.3": "34.3"}
    planted = text + " " + variants[query] + " " + text
    pos = len(text) + 1
    assert any(s == pos and planted[s:e] == variants[query] for s, e in find_folded(planted, query))


# --------------------------------------------------------------------------------------------
# whole words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query", "surfaces", "inside"),
    [
        ("زار الوزير مصر، وبحث مصروفات الشركة", "مصر", ["مصر"], 1),  # not the three letters of مصروفات
        ("قال إن مصر ومصر ستبقى", "مصر", ["مصر", "مصر"], 0),  # after و: the match leaves it out
        ("زار مصر وتركيا", "تركيا", ["تركيا"], 0),
        ("لتركيا وبتركيا فتركيا", "تركيا", ["تركيا", "تركيا", "تركيا"], 0),  # up to two proclitics
        ("وَتُرْكِيَا اليوم", "تركيا", ["تُرْكِيَا"], 0),  # marks on the proclitic and the word
        ("الحكومة والحكومة حكومة", "الحكومة", ["الحكومة", "الحكومة"], 0),
        ("الحكومة والحكومة", "حكومة", [], 2),  # ال is part of the word, not a proclitic
        ("ثم وصف الأمر", "صف", [], 1),  # a verb the lexicon knows whole: و is its root letter
        ("وقال والده", "الد", [], 1),  # والد: a built-in exception
        ("بحث الوزير", "حث", [], 1),  # a two-letter word after ب: no evidence
        ("قال فقط", "قط", [], 1),
        ("وقال الوزير", "قال", ["قال"], 0),  # a cue after و
        ("زار الوزير مصر", "الوزير مصر", ["الوزير مصر"], 0),  # several words
        ("زار الوزير مصر", "لوزير م", [], 1),
        ("CNN and CNNs", "cnn", ["CNN"], 1),
        ("بلغ 34.3 أو 3", "3", ["3"], 2),  # 34.3 is one number
        ("بلغ و3", "3", [], 1),  # a digit after و: numbers are never cut from a word
        ("مصرُ.", "مصر", ["مصرُ"], 0),  # the trailing mark is taken, the dot is no word
        ("", "مصر", [], 0),
    ],
)
def test_whole_words(text: str, query: str, surfaces: list[str], inside: int) -> None:
    found = FoldedText(text).find(query, whole_words=True)
    assert [text[s:e] for s, e in found.matches] == surfaces
    assert found.inside_words == inside
    assert find_folded(text, query, whole_words=True) == found.matches
    every = find_folded(text, query)  # whole words or not: the same matches, less those inside words
    assert set(found.matches) <= set(every) and len(found.matches) + inside == len(every)


def test_whole_word_after_a_proclitic_leaves_it_out() -> None:
    text = "زار مصر وتركيا"
    ((s, e),) = find_folded(text, "تركيا", whole_words=True)
    assert (s, e) == (9, 14) and text[s - 1] == "و"
    assert find_folded(text, "وتركيا", whole_words=True) == [(8, 14)]  # searched with it: taken with it
    # with proclitics kept in spans (View > Leave out proclitics off), تركيا is inside the word وتركيا
    found = FoldedText(text).find("تركيا", whole_words=True, clitics=False)
    assert found.matches == [] and found.inside_words == 1
    assert not is_whole_word(text, 9, 14, clitics=False) and is_whole_word(text, 8, 14, clitics=False)


def test_whole_word_defers_to_what_the_project_labelled() -> None:
    from annotator.core.clitics import WordEvidence

    text = "قال كمال إن المال"
    # searched for, مال counts as a word: كمال (ك + مال) is found, as an annotator typing مال expects ...
    assert [text[s:e] for s, e in find_folded(text, "مال", whole_words=True)] == ["مال"]
    # ... unless the project labelled كمال (a name) more often than مال: then كمال is one word
    named = WordEvidence(Counter(), Counter({"كمال": 2}))
    found = FoldedText(text).find("مال", whole_words=True, words=named)
    assert found.matches == [] and found.inside_words == 2


@given(texts, st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join))
@settings(max_examples=300)
def test_whole_word_matches_property(text: str, query: str) -> None:
    found = FoldedText(text).find(query, whole_words=True)
    every = find_folded(text, query)
    assert set(found.matches) <= set(every) and len(found.matches) + found.inside_words == len(every)
    for s, e in found.matches:
        assert is_whole_word(text, s, e)
        assert e == len(text) or not is_word_char(text[e]) or text[e] in ".,"  # never ends inside a word
        # it starts at a word start, or after at most two proclitic letters (and their marks)
        head = text[:s]
        stem = len(head) - len(head.rstrip("".join(PROCLITICS) + TASHKEEL))
        assert s == 0 or not is_word_char(text[s - 1]) or 0 < stem <= 6


# --------------------------------------------------------------------------------------------
# is_word_char / snap_to_words
# --------------------------------------------------------------------------------------------


def test_is_word_char() -> None:
    for c in "اأبـ\u064e\u0651a7٣\u200c\u200dé":
        assert is_word_char(c), c
    for c in " \n.،؟\"“”«»‹›'()-_😀\u200f":
        assert not is_word_char(c), c


def span(text: str, sel: str, **kw: bool) -> str:
    """Select the first occurrence of ``sel`` in ``text`` and return the snapped surface."""
    i = text.index(sel)
    s, e = snap_to_words(text, i, i + len(sel), **kw)
    return text[s:e]


def test_snap_extends_mid_word_selections() -> None:
    text = "قال وزير الدفاع التركي أمس"
    assert span(text, "زير الدف") == "وزير الدفاع"
    assert span(text, "ر ال") == "وزير الدفاع"
    assert span(text, "لتر") == "التركي"
    i = text.index("الدفاع")
    assert text[slice(*snap_to_words(text, i + 2, i + 3))] == "الدفاع"


def test_snap_keeps_exact_boundaries() -> None:
    text = "قال وزير الدفاع التركي"
    assert span(text, "وزير الدفاع") == "وزير الدفاع"
    assert span(text, "وزير") == "وزير"


def test_snap_trims_whitespace_always() -> None:
    text = "قال  وزير الدفاع \n التركي"
    assert span(text, "  وزير الدفاع \n ") == "وزير الدفاع"
    assert span(text, "  وزير الدفاع \n ", snap=False, strip_clitics=False) == "وزير الدفاع"
    i = text.index("  ")
    assert snap_to_words(text, i, i + 2) == (i, i)
    assert snap_to_words(text, 3, 3) == (3, 3)


def test_snap_off_keeps_raw_selection() -> None:
    text = "قال وزير الدفاع"
    assert span(text, "زير الدف", snap=False) == "زير الدف"
    i = text.index("وزير")
    assert text[slice(*snap_to_words(text, i - 1, i + 9, snap=False))] == "وزير الدف"


def test_snap_clamps_and_orders() -> None:
    text = "قال الوزير"
    assert snap_to_words(text, 100, -5) == (0, len(text))
    assert snap_to_words(text, 6, 2) == (0, len(text))


@pytest.mark.parametrize(
    ("word", "stripped"),
    [
        ("والحكومة", "الحكومة"),
        ("بالقاهرة", "القاهرة"),
        ("فالرئيس", "الرئيس"),
        ("كالأسد", "الأسد"),
        ("لالتقاء", "التقاء"),
        ("وَالحكومة", "الحكومة"),  # diacritic on the clitic goes with it
        ("بـالحكومة", "الحكومة"),  # so does tatweel
        ("وٱلحكومة", "ٱلحكومة"),  # alef wasla
        ("الحكومة", "الحكومة"),  # ال always kept
        ("للحكومة", "للحكومة"),  # ل + ال without alef: left whole
        ("وللحكومة", "وللحكومة"),
        ("وبالحكومة", "الحكومة"),  # a conjunction then a preposition
        ("وزير", "وزير"),
        ("والد", "والد"),  # و is the stem
        ("والده", "والده"),
        ("والدة", "والدة"),
        ("بالغ", "بالغ"),
        ("بالغة", "بالغة"),
        ("والي", "والي"),
        ("فالح", "فالح"),
        ("والدولة", "الدولة"),  # not confused with والد
        ("NTV", "NTV"),
        ("34.3", "34.3"),
    ],
)
def test_strip_clitics(word: str, stripped: str) -> None:
    text = f"قال {word} أمس"
    assert span(text, word) == stripped
    assert span(text, word, strip_clitics=False) == word
    assert span(text, word, snap=False) == stripped


def test_strip_clitics_only_first_word_and_only_at_word_start() -> None:
    text = "قال رئيس والحكومة والبرلمان"
    assert span(text, "والحكومة والبرلمان") == "الحكومة والبرلمان"
    assert span(text, "رئيس والحكومة") == "رئيس والحكومة"
    # snapped from the middle of the word, the clitic still goes
    assert span(text, "لحكومة") == "الحكومة"
    # with snap off a mid-word start is not a word start: nothing stripped
    assert span(text, "الحكومة", snap=False) == "الحكومة"
    assert span(text, "والحكومة", snap=False) == "الحكومة"


def test_snap_quotes_kept_when_selected_never_added() -> None:
    text = 'وقال إن "القوات المسلحة تجلب الاستقرار"، ولا «نعم» و‹لا›.'
    assert span(text, '"القوات المسلحة تجلب الاستقرار"') == '"القوات المسلحة تجلب الاستقرار"'
    assert span(text, "القوات المسلحة تجلب الاستقرار") == "القوات المسلحة تجلب الاستقرار"
    assert span(text, "وات المسلحة تجلب الاستق") == "القوات المسلحة تجلب الاستقرار"
    assert span(text, "«نعم»") == "«نعم»"
    assert span(text, "عم") == "نعم"
    assert span(text, "‹لا›") == "‹لا›"
    # a trailing separator picked up by a sloppy drag is dropped, the quote stays
    assert span(text, '"القوات المسلحة تجلب الاستقرار"، ') == '"القوات المسلحة تجلب الاستقرار"'
    assert span(text, "نعم» و‹لا›.") == "نعم» و‹لا›"
    # with snap off the raw selection (whitespace-trimmed) is kept, punctuation included
    assert span(text, 'الاستقرار"، ', snap=False) == 'الاستقرار"،'


def test_snap_with_emoji_latin_and_numbers_inside_arabic() -> None:
    text = "ذكرت قناة NTV التركية 😀 أن النسبة 34.3 بالمئة و13,000 جندي"
    assert span(text, "TV الترك") == "NTV التركية"
    assert span(text, "NTV") == "NTV"
    assert span(text, "😀") == "😀"
    assert span(text, "ية 😀 أ") == "التركية 😀 أن"
    assert span(text, "4.") == "34.3"
    assert span(text, "3,0") == "و13,000"  # و + number: no ال, clitic stays
    assert span(text, "بالمئة") == "المئة"
    s, e = snap_to_words(text, text.index("😀"), text.index("😀") + 1)
    assert text[s:e] == "😀"


@given(texts, st.integers(0, 80), st.integers(0, 80), st.booleans(), st.booleans())
@settings(max_examples=300)
def test_snap_properties(text: str, a: int, b: int, snap: bool, strip: bool) -> None:
    s, e = snap_to_words(text, a, b, snap=snap, strip_clitics=strip)
    assert 0 <= s <= e <= len(text)
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()
    lo, hi = sorted((min(max(a, 0), len(text)), min(max(b, 0), len(text))))
    if not snap:
        assert lo <= s and e <= hi  # never grows
    else:
        # grows only over word characters (never adds punctuation or whitespace)
        assert all(is_word_char(c) or c in ".,٫٬" for c in text[s:lo])
        assert all(is_word_char(c) or c in ".,٫٬" for c in text[hi:e])
        # idempotent
        assert snap_to_words(text, s, e, snap=snap, strip_clitics=strip) == (s, e) or strip


def test_proclitics_constant() -> None:
    assert PROCLITICS == "وفبلك"


# --------------------------------------------------------------------------------------------
# tokenize
# --------------------------------------------------------------------------------------------


def surfaces(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_tokenize_examples() -> None:
    assert surfaces("وقال الوزير: «أَكَّدَ»!") == ["وقال", "الوزير", ":", "«", "أَكَّدَ", "»", "!"]
    assert surfaces("بـ34.3 و13,000 ٣٤٫٣") == ["بـ34.3", "و13,000", "٣٤٫٣"]
    assert surfaces("عام 2002 .") == ["عام", "2002", "."]
    assert surfaces("انتهى. 34. و,") == ["انتهى", ".", "34", ".", "و", ","]
    assert surfaces("(د ب أ)") == ["(", "د", "ب", "أ", ")"]
    assert surfaces('قناة "NTV" التركية') == ["قناة", '"', "NTV", '"', "التركية"]
    assert surfaces('لـ"التنظيمات الإرهابية"،') == ["لـ", '"', "التنظيمات", "الإرهابية", '"', "،"]
    assert surfaces("الأكـــبر") == ["الأكـــبر"]
    assert surfaces("مي\u200cخواهم") == ["مي\u200cخواهم"]
    assert surfaces("نعم 😀🇸🇦 👍🏽 ❤️ لا") == ["نعم", "😀", "🇸🇦", "👍🏽", "❤️", "لا"]
    assert surfaces("؟؟...") == ["؟", "؟", ".", ".", "."]
    assert surfaces("snake_case") == ["snake", "_", "case"]
    assert surfaces("") == [] and surfaces(" \n\t ") == []
    assert tokenize("أ ب") == [Token(0, 1, "أ"), Token(2, 3, "ب")]


@given(texts)
@settings(max_examples=300)
def test_tokenize_properties(text: str) -> None:
    tokens = tokenize(text)
    prev = 0
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert prev <= t.start < t.end
        assert not any(c.isspace() for c in t.text)
        assert text[prev : t.start].strip() == ""  # only whitespace skipped
        prev = t.end
    assert text[prev:].strip() == ""
    assert "".join(t.text for t in tokens) == "".join(c for c in text if not c.isspace())
    # a word token never mixes with punctuation
    for t in tokens:
        if is_word_char(t.text[0]) and t.text[0] not in "\u200c\u200d":
            assert all(is_word_char(c) or c in ".,٫٬" for c in t.text)


@given(st.text(max_size=40))
def test_tokenize_any_unicode(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == "".join(c for c in text if not c.isspace())
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_token_word_class_agrees_with_is_word_char() -> None:
    """The regex's word class and is_word_char must agree, or snapping and tokens disagree."""
    for cp in list(range(0x0, 0x3000)) + list(range(0xFB00, 0x10000)) + list(range(0x1F300, 0x1F400)):
        c = chr(cp)
        if c.isspace() or 0xD800 <= cp <= 0xDFFF:
            continue
        toks = tokenize("ب" + c)  # does c glue onto a preceding letter?
        glued = len(toks) == 1
        assert glued == is_word_char(c), (hex(cp), toks)


def test_tokenize_real_article(articles: list[Path]) -> None:
    for path in articles:
        text = normalize_text(path.read_text(encoding="utf-8"))
        tokens = tokenize(text)
        assert len(tokens) > 100
        assert all(text[t.start : t.end] == t.text for t in tokens)
        assert "".join(t.text for t in tokens) == re.sub(r"\s+", "", text)
        words = {t.text for t in tokens}
        if "turkey-israel" in path.name:
            for w in ("وذكرت", "NTV", "أذربيجان", "وفودًا", "لـ", "2025", "09", ":", "،", '"'):
                assert w in words, w


# --------------------------------------------------------------------------------------------
# sentence_spans
# --------------------------------------------------------------------------------------------


def test_sentence_spans() -> None:
    text = "قال الوزير. وأضاف: هل نعم؟ لا!\n\nعام 34.3 د.ب.أ فقط\n  آخر سطر  "
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["قال الوزير.", "وأضاف: هل نعم؟", "لا!", "عام 34.3 د.ب.أ فقط", "آخر سطر"]
    assert sentence_spans("") == [] and sentence_spans("\n \n") == []
    quoted = 'وقال: "انتهى الأمر." ثم غادر.'
    assert [quoted[s:e] for s, e in sentence_spans(quoted)] == ['وقال: "انتهى الأمر."', "ثم غادر."]


@given(texts)
def test_sentence_spans_properties(text: str) -> None:
    spans = sentence_spans(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e
        assert "\n" not in text[s:e]
        assert text[s:e] == text[s:e].strip()
        prev = e
    # every token falls inside exactly one sentence (tokens never cross sentence boundaries)
    for t in tokenize(text):
        assert sum(1 for s, e in spans if s <= t.start and t.end <= e) == 1


def test_snap_drops_a_lone_quotation_mark_hugging_latin() -> None:
    """Qt's hit test puts a drag over "NTV" on either side of the mark; the core rule evens it out."""
    text = 'وذكرت قناة "NTV" التركية و«CNN Turk» و"2025" أن «نحن مستعدون'
    assert span(text, 'NTV"') == "NTV"
    assert span(text, '"NTV') == "NTV"
    assert span(text, '"NTV"') == '"NTV"'  # a pair stays
    assert span(text, "CNN Turk»") == "CNN Turk"
    assert span(text, '2025"') == "2025"
    assert span(text, "«نحن مستعدون") == "«نحن مستعدون"  # beside Arabic: a split quote's first piece
    assert span(text, 'NTV"', snap=False) == 'NTV"'  # snapping off: the raw selection


@pytest.mark.parametrize("marks", ['"', '""', "« »", "،"])
def test_snap_of_punctuation_only_is_empty(marks: str) -> None:
    text = f"قال الوزير {marks} ثم سكت"
    s = text.index(marks)
    assert snap_to_words(text, s, s + len(marks)) == (s, s)
