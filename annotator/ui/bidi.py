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

# a Latin piece: starts with a Latin letter or an ASCII digit and ends with one, with a key's sign
# (+ - =) or with a bracket it opened, with spaces and ASCII punctuation between ("type indirect",
# "Ctrl+Shift+T", "Ctrl++", "news-0.txt", "0.83", a reason quoted in English: "span [5, 3) is
# outside the text (length 31)"); punctuation before the Arabic that follows stays outside
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_RUN = re.compile(rf"[{_LATIN}][{_LATIN} !-/:-@\[-`{{-~]*")
_ENDS = frozenset("+-=")
_OPENING, _CLOSING = "([{", ")]}"


def _piece(run: str) -> str:
    """The Latin piece at the start of `run`: up to its first unpaired bracket (a bracket pair is
    kept whole inside the piece or left outside), without the spaces and punctuation at its end."""
    openings: list[int] = []
    end = len(run)
    for i, ch in enumerate(run):
        if ch in _OPENING:
            openings.append(i)
        elif ch in _CLOSING:
            if not openings:
                end = i
                break
            openings.pop()
    if openings:
        end = openings[0]
    while end > 1 and not (run[end - 1].isalnum() or run[end - 1] in _ENDS or run[end - 1] in _CLOSING):
        end -= 1
    return run[:end]


def _isolate_pieces(text: str) -> str:
    out, at = [], 0
    while (match := _RUN.search(text, at)) is not None:
        piece = _piece(match.group())
        out += [text[at : match.start()], isolate_ltr(piece)]
        at = match.start() + len(piece)
    out.append(text[at:])
    return "".join(out)


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
        text = _isolate_pieces(text)
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
