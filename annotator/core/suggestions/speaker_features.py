"""The words around a proposed quote, as a sequence a speaker tagger reads (features only, no model).

The rules find a quote, its cue and a speaker; when they cut the speaker phrase short or take the
wrong words for a subject, the right phrase is usually in the cue's sentence or the one before it.
A *window* is those words (the inside of the quote left out but for its edges: a speaker is never
inside what was said), and each word gets general features a CRF can weigh: its folded form,
its stem without proclitics, its shape and punctuation, whether it is a title, an office, an
organisation or a speech word (the rules' and the entity tagger's lexicons), where it stands from
the cue and the quote (before or after, how far), whether the cue shows a feminine or plural
subject (an agreeing noun ends in ة), and whether the rules took it for the speaker. Nothing here
knows particular documents or names. `speaker_model` tags windows; the training script builds them
from annotated documents with the same `windows` function, so training and tagging see the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.learning.features import analyse as analyse_word
from annotator.core.learning.lexicon import TRIGGERS
from annotator.core.suggestions.lexicon import Lexicon
from annotator.core.suggestions.proposals import Proposal
from annotator.core.suggestions.units import Units, is_quote_mark

#: goes up whenever a change here makes a stored model read its features differently
VERSION = 1
_REACH = 40  # words of the window on each side of the anchor (the cue, or the quote's start)
_EDGE = 2  # words kept at each edge of the quote's inside


@dataclass(slots=True)
class Window:
    """One quote of the rules' proposals with the words a speaker tagger reads around it."""

    quote: Proposal
    cue: Proposal | None
    speaker: Proposal | None  # the rules' speaker it is linked to (None: none, or an annotator's span)
    linked: bool  # whether the rules link the quote to anything at all
    words: list[int]  # word indexes of Units.words, in order
    features: list[list[str]]
    rules_tags: list[str]  # the rules' speaker as B / I / O over `words`
    anchor: int = 0  # the word index of the cue's first word (of the quote's when it has no cue)


def word_range(units: Units, starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Word indexes [a, b) of the words that overlap code points [start, end) (`starts`: each
    word's start)."""
    a = max(0, bisect_right(starts, start) - 1)
    if units.words and units.words[a].end <= start:
        a += 1
    return a, bisect_left(starts, end)


def _bucket(d: int) -> str:
    n = abs(d)
    b = str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"
    return ("-" if d < 0 else "+") + b


def cue_agreement(word: str) -> str:
    """What a cue's form shows of its subject: "f" (قالت، تقول، مشيرة), "p" (قالوا، يقولون), "m"."""
    w = analyse_word(word).stem
    if w.endswith(("وا", "ون", "ين")):
        return "p"
    if w.endswith(("ت", "ه")) or (w[:1] == "ت" and len(w) > 3):
        return "f"
    return "m"


def windows(
    units: Units,
    proposals: Sequence[Proposal],
    lex: Lexicon,
    previous: bool = True,
    unnamed_only: bool = False,
) -> list[Window]:
    """A window for every QUOTE of `proposals` (the rules' output over `units`); with `unnamed_only`
    only for those whose rules' speaker is not in their window (featurising the rest costs time)."""
    by_key = {p.key: p for p in proposals if p.key}
    cue_of = {
        link.tail: p for p in proposals if p.label == "CUE" for link in p.links if link.type == "CUE_OF"
    }
    starts = [w.start for w in units.words]
    sentence_starts = [a for a, _b in units.sentences]
    out: list[Window] = []
    for q in proposals:
        if q.label != "QUOTE":
            continue
        tails = [link.tail for link in q.links if link.type == "ATTRIBUTED_TO"]
        speaker = by_key.get(tails[0]) if tails and isinstance(tails[0], str) else None
        cue = cue_of.get(q.key)
        win = _window(
            units, starts, sentence_starts, q, cue, speaker, bool(tails), lex, previous, unnamed_only
        )
        if win is not None:
            out.append(win)
    return out


def _window(
    units: Units,
    starts: list[int],
    sentence_starts: list[int],
    q: Proposal,
    cue: Proposal | None,
    speaker: Proposal | None,
    linked: bool,
    lex: Lexicon,
    previous: bool,
    unnamed_only: bool = False,
) -> Window | None:
    w = units.words
    qa, qb = word_range(units, starts, q.start, q.end)
    ca, cb = word_range(units, starts, cue.start, cue.end) if cue is not None else (-1, -1)
    anchor = ca if cue is not None else qa
    sents = units.sentences
    si = max(0, bisect_right(sentence_starts, anchor) - 1)
    lo = sents[max(0, si - 1)][0] if previous and si > 0 else sents[si][0] if sents else 0
    hi = sents[si][1] if sents else len(w)
    lo, hi = max(lo, anchor - _REACH), min(hi, max(anchor + _REACH, min(qb, hi)))
    words = [i for i in range(lo, hi) if not (qa + _EDGE <= i < qb - _EDGE)]
    sa, sb = word_range(units, starts, speaker.start, speaker.end) if speaker is not None else (-1, -1)
    if unnamed_only and lo <= sa < hi and sa in words:
        return None
    gender = cue_agreement(units.text[w[ca].start : w[cb - 1].end]) if cue is not None else "-"
    first_of_sentence = set(sentence_starts[max(0, si - 1) : si + 1])
    own = [_own(units, i, lex) for i in words]
    # the rules named no speaker here: the model has to find one alone (or none)
    none = "rn" if sa < 0 or sa not in words else "rs"
    sent_a = sents[si][0] if sents else 0
    feats: list[list[str]] = []
    for x, i in enumerate(words):
        f = list(own[x])
        f.append("q=" + ("in" if qa <= i < qb else "b" + _bucket(qa - i) if i < qa else "a"))
        at_cue = "c=none" if cue is None else "c=cue" if ca <= i < cb else "c" + _bucket(i - ca)
        f.append(at_cue)
        if cue is not None:
            f.append("g=" + gender)
            f.append("g|x1=" + gender + w[i].text[-1:])
        if sa <= i < sb:
            f.append("r=" + ("B" if i == sa else "I"))
        if i in first_of_sentence:
            f.append("sent0")
        place = "sp" + _bucket(i - (sent_a if i >= sent_a else lo))
        f += (place, none, none + "|" + place, none + "|" + at_cue)
        if cue is not None and (ca < i < qa or qb <= i < ca):
            f.append("between")
        if sents and i < sents[si][0]:
            f.append("prev")
        for d in (-2, -1, 1, 2):
            y = x + d
            if 0 <= y < len(words):
                f += [f"{d}{g}" for g in own[y][:3]]
                if abs(d) == 1 and sa <= words[y] < sb:
                    f.append(f"{d}r")
            elif abs(d) == 1:
                f.append(f"{d}edge")
        feats.append(f)
    rules_tags = ["B" if i == sa else "I" if sa < i < sb else "O" for i in words]
    return Window(q, cue, speaker, linked, words, feats, rules_tags, anchor)


def without_rules(features: Sequence[Sequence[str]]) -> list[list[str]]:
    """`features` as if the rules had named no speaker: what training adds a copy of every window
    as, so that the model learns to find a speaker from the words and not only to copy the rules."""
    return [[_no_rule(g) for g in f if not (g.startswith("r=") or g in _RULE_NEIGHBOURS)] for f in features]


def _no_rule(g: str) -> str:
    return "rn" + g[2:] if g == "rs" or g.startswith("rs|") else g


_RULE_NEIGHBOURS = frozenset({"-1r", "1r"})


def _own(units: Units, i: int, lex: Lexicon) -> tuple[str, ...]:
    """A word's features of its own (the first three are what its neighbours see of it)."""
    word = units.words[i]
    if word.punct:
        mark = "qm" if is_quote_mark(word) else word.text
        return ("p=" + mark, "kind=p", "t=p")
    a = analyse_word(word.text)
    kind = lex.kinds.get(word.text) or lex.kinds.get(word.bare) or "-"
    trigger = TRIGGERS.get(a.stem) or TRIGGERS.get(a.key) or "-"
    return (
        "s=" + a.stem,
        "kind=" + kind,
        "t=" + trigger,
        "w=" + word.text,
        "c=" + a.clitics,
        "sh=" + a.shape,
        "x2=" + a.stem[-2:],
        "p2=" + a.stem[:2],
        "al=" + str(a.key.startswith("ال")),
    )
