"""The bundled word lists of Arabic reported speech (`resources/lexicon.toml`).

Speech verbs (cues) tell the proclitic rule that what follows و/ف is a word (وذكرت -> ذكرت), and the
speaker words let the window guess a SPEAKER's kind. Every form is compared folded (`text.fold`), so
the lists need no tashkeel, hamza or taa-marbuta variants.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from annotator.core.text import fold
from annotator.resources import resource_path

__all__ = ["Lexicon", "folded_word", "lexicon"]


def folded_word(word: str) -> str:
    """`word` folded as the lexicon stores it (no tashkeel, one alef, ي for ى, ه for ة)."""
    return fold(word)[0]


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: frozenset[str]
    speaker_kinds: dict[str, frozenset[str]]

    def is_cue(self, word: str) -> bool:
        return folded_word(word) in self.cues


def _words(lines: list[str]) -> frozenset[str]:
    return frozenset(folded_word(w) for line in lines for w in line.split())


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, read once."""
    data = tomllib.loads(resource_path("lexicon.toml").read_text(encoding="utf-8"))
    cues = _words(data.get("cues", {}).get("verbs", []))
    kinds = {kind: _words(lines) for kind, lines in data.get("speaker_kinds", {}).items()}
    return Lexicon(cues, kinds)
