"""Mixed Latin and Arabic in one line of the interface, read in the right order.

A line of text is laid out in the direction of its first strong character: a status message that
starts with a label name ("CUE «اتهمه» …") reads left to right even in the Arabic interface, its
Arabic words out of order. And a key sequence is Latin letters and neutral signs: in a right-to-left
line the signs at its end go to the wrong side ("Ctrl++" shows as "++Ctrl"). These helpers give a
line the interface's direction with a leading mark (U+200F RLM or U+200E LRM, invisible) and wrap
Latin pieces in Unicode isolates (U+2066 LRI … U+2069 PDI), which keep a piece's characters in
their order whatever surrounds them. Only marks are added: the characters shown stay the same.
"""

from __future__ import annotations

import re

from annotator.core.text import first_strong

LRI, PDI = "\u2066", "\u2069"
RLM, LRM = "\u200f", "\u200e"
_MARKS = str.maketrans("", "", LRI + PDI + RLM + LRM)

# a Latin piece: starts with a Latin letter or an ASCII digit and ends with one or with a key's
# sign (+ - =), with spaces and the signs of names, numbers and keys between ("type indirect",
# "Ctrl+Shift+T", "Ctrl++", "news-0.txt", "0.83"); sentence punctuation around it stays outside
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_PIECE = re.compile(rf"[{_LATIN}](?:[{_LATIN} +\-=_./'&#@]*[{_LATIN}+\-=])?")


def isolate_ltr(text: str) -> str:
    """`text` as one left-to-right piece, whatever the line around it (a key sequence)."""
    return f"{LRI}{text}{PDI}" if text else text


def directed(text: str, rtl: bool) -> str:
    """`text` laid out in the interface's direction (`rtl`: right to left): a mark first when its
    own first strong character says otherwise, and in a right-to-left line each Latin piece
    isolated."""
    if not text:
        return text
    if rtl:
        text = _PIECE.sub(lambda m: isolate_ltr(m.group()), text)
        return text if first_strong(text) == "R" else RLM + text
    return LRM + text if first_strong(text) == "R" else text


def unmarked(text: str) -> str:
    """`text` without the marks and isolates `directed` adds (what it shows)."""
    return text.translate(_MARKS)


def isolated_keys(keys: str) -> str:
    """A list of key sequences ("Ctrl+=, Ctrl++") with each one isolated left to right, so that it
    reads as typed in a right-to-left table too; words of the interface's language ("Drag" in
    Arabic) are left as they are."""
    return ", ".join(
        piece if first_strong(piece) == "R" else isolate_ltr(piece) for piece in keys.split(", ")
    )
