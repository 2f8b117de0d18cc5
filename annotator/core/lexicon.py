"""The words of Arabic reported speech the window knows, from the suggestion rules' lexicon.

The lists live in `resources/suggest/` (cues.toml, speakers.toml), read by
`annotator.core.suggestions.lexicon`: one lexicon for the rules that propose spans and for the
window's proclitic rule and attribute guesses. Speech verbs tell the proclitic rule that what
follows و/ف is a word (وذكرت -> ذكرت); speaker head words give a SPEAKER's kind away.
"""

from __future__ import annotations

from functools import cache

from annotator.core.text import fold

__all__ = ["cue_forms", "folded_word", "is_cue", "speaker_kind"]


def folded_word(word: str) -> str:
    """`word` folded as the lexicon stores it (no tashkeel, one alef, ي for ى, ه for ة)."""
    return fold(word.strip())[0]


@cache
def _lexicon():
    from annotator.core.suggestions.lexicon import load_lexicon  # the rules' lexicon, read once

    return load_lexicon()


@cache
def cue_forms() -> frozenset[str]:
    """Every folded form of every speech verb and participle the rules know (قال، قالت، يقول، قائلا …)."""
    lex = _lexicon()
    return frozenset(lex.finite) | frozenset(lex.participles)


def is_cue(word: str) -> bool:
    return folded_word(word) in cue_forms()


def speaker_kind(words: list[str]) -> str | None:
    """The kind the first word(s) of a speaker phrase give away (title, anonymous, media, named,
    pronoun), or None when no lexicon word heads it."""
    return _lexicon().kind_of([folded_word(w) for w in words if folded_word(w)])
