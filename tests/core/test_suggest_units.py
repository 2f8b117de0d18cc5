"""The words, paragraphs and sentences the reported-speech rules read (suggestions/units.py).

`analyse` makes its words column by column for speed; these tests hold it to the plain definition,
one regular-expression match at a time, on text that mixes every kind of mark and spacing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggestions.units import analyse, fold_document, is_quote_mark
from annotator.core.text import fold

WORD = re.compile(r"''|[^\W_]+(?:[.,\u066b\u066c]\d+)*|\S")
PIECES = [
    "قال",
    "وأكد",
    "فيدان",
    "َ",
    "ـ",
    "3.5",
    "13,000",
    "U.S.",
    "د.",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    '"',
    "'",
    "' '",
    "''",
    "«",
    "»",
    "“",
    "”",
    "„",
    "‹",
    "›",
    ".",
    "؟",
    "!",
    "…",
    "،",
    ":",
    "(",
    ")",
    "_",
    "😀",
    "ß",
    "NTV",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def reference_words(text: str) -> list[tuple]:
    """(start, end, text, punct, space before, space after, bare) one match at a time; "' '" is one mark."""
    folded, index = fold(text)
    out: list[tuple] = []
    for m in WORD.finditer(folded):
        start, end, tok = index[m.start()], index[m.end()], m.group()
        before = start == 0 or text[start - 1].isspace()
        after = end == len(text) or text[end].isspace()
        if tok == "'" and out and out[-1][2] == "'" and out[-1][1] + 1 == start and before:
            out[-1] = (out[-1][0], end, "''", True, out[-1][4], after, "''")
            continue
        bare = tok[1:] if len(tok) > 3 and tok[0] in "وف" else tok
        out.append((start, end, tok, not tok[0].isalnum(), before, after, bare))
    return out


@settings(max_examples=300)
@given(texts)
def test_words_are_the_matches_of_the_word_pattern(text: str) -> None:
    units = analyse(text)
    got = [(w.start, w.end, w.text, w.punct, w.space_before, w.space_after, w.bare) for w in units.words]
    assert got == reference_words(text)


ENDS = {".", "!", "?", "؟", "…", "۔"}


def tokeniser_break(text: str, words: list, i: int) -> bool:
    """A line break a sentence-per-line tokeniser made: the next line holds only end marks (the
    rest of an ellipsis), or it cut a number at its decimal point ("5 .\n7")."""
    line_end = text.find("\n", words[i].start)
    line = text[words[i].start : len(text) if line_end < 0 else line_end]
    if line.split() and all(ch in ENDS or ch.isspace() for ch in line):
        return True
    return (
        i >= 2
        and words[i - 1].text == "."
        and words[i - 2].text[-1:].isdigit()
        and words[i].text[:1].isdigit()
    )


@settings(max_examples=300)
@given(texts)
def test_paragraphs_break_where_a_line_break_stands_between_words(text: str) -> None:
    """A paragraph per line, but for the line breaks a tokeniser made (see `tokeniser_break`)."""
    units = analyse(text)
    words = units.words
    breaks = [
        i
        for i in range(1, len(words))
        if "\n" in text[words[i - 1].end : words[i].start] and not tokeniser_break(text, words, i)
    ]
    bounds = [0, *breaks, len(words)]
    if not any(is_quote_mark(w) for w in words):
        assert units.paragraphs == [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]
    else:
        # a quotation may run over a line break: a paragraph then starts at a line break or right
        # after a quotation mark that opened a line (it closed the quotation of the line before)
        assert units.paragraphs[0][0] == 0 and units.paragraphs[-1][1] == len(words)
        assert all(x[1] == y[0] for x, y in zip(units.paragraphs, units.paragraphs[1:], strict=False))
        for a, _b in units.paragraphs[1:]:
            assert a in breaks or (a - 1 in breaks and is_quote_mark(words[a - 1]))
    # sentences tile each paragraph; quotation pairs stay inside one
    for a, b in units.paragraphs:
        inside = [s for s in units.sentences if a <= s[0] < b]
        assert inside[0][0] == a and inside[-1][1] == b
        assert all(x[1] == y[0] for x, y in zip(inside, inside[1:], strict=False))
    for p in units.pairs:
        assert any(a <= p.open < p.close < b for a, b in units.paragraphs)
        assert words[p.open].pair == words[p.close].pair == units.pairs.index(p)


def test_the_folded_text_is_shared_between_sources_of_one_document() -> None:
    text = "وقال الوزير إن «الاتفاق قريب»."
    first = fold_document(text)
    assert fold_document(text) is first  # the same text object: folded once
    assert fold_document(text[:5] + text[5:]) == first  # an equal text (another object) too


def test_a_quotation_runs_over_a_line_break_when_its_closing_mark_opens_the_next_line() -> None:
    text = 'قال : " أولا .\n" ثم كلام آخر .\nسطر ثالث .'
    units = analyse(text)
    (pair,) = units.pairs
    words = units.words
    assert text[words[pair.open].start : words[pair.close].end] == '" أولا .\n"'
    assert [text[words[a].start : words[b - 1].end] for a, b in units.paragraphs] == [
        'قال : " أولا .\n"',
        "ثم كلام آخر .",
        "سطر ثالث .",
    ]


def test_a_quotation_runs_over_lines_without_marks_until_one_closes_it() -> None:
    text = 'قال : " أولا .\nثانيا .\n) " وأضاف " ثالثا .\nرابعا " .\nسطر آخر .'
    units = analyse(text)
    words = units.words
    spans = [text[words[p.open].start : words[p.close].end] for p in units.pairs]
    assert spans == ['" أولا .\nثانيا .\n) "', '" ثالثا .\nرابعا "']
    assert text[words[units.paragraphs[-1][0]].start :] == "سطر آخر ."
    # a mark left open that no later line closes keeps the line breaks
    assert len(analyse('قال " أولا .\nثانيا .\nثالثا .').paragraphs) == 3
