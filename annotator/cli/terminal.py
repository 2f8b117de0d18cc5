"""Everything the command line prints goes through here: untrusted text never reaches a terminal raw.

Document text, titles, names, metadata, file names, ids read from files and error messages that
quote them can hold escape sequences (`ESC]0;…BEL` retitles the window, `ESC[2J` clears it), bidi
controls that make a line display as something else (U+202E, U+2066–2069), and line breaks that
forge a row of a table (`\\n`, U+2028, U+2029). They are printed as visible escapes (`\\x1b`,
`\\u202e`, `\\n`); the stored text is never changed.

- `printable(s)`: text of several lines (a document, guidelines): keeps newlines and tabs;
- `one_line(s)`: one field or one message line (a name, a file name, a warning): escapes line
  breaks and tabs too, so it stays one line;
- `echo(s)`: `click.echo(printable(s))`;
- `json_text(s)`: JSON output, with the same characters as `\\uXXXX` escapes (still valid JSON).
Messages of click's own errors (usage errors, refusals) are made printable in `annotator.cli`.
"""

from __future__ import annotations

import re

import click

__all__ = ["echo", "json_text", "one_line", "printable"]

# C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi embeddings,
# overrides and isolates (LRM, RLM and ALM are marks that Arabic text uses: they stay)
_DANGER = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_MULTI = re.compile(f"[{_DANGER}]")
_SINGLE = re.compile(f"[{_DANGER}\t\n]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(s: object) -> str:
    """`s` with terminal-control, line-separator and bidi-control characters shown as escapes;
    newlines and tabs kept."""
    return _MULTI.sub(_escape, str(s))


def one_line(s: object) -> str:
    """`s` as one line: like `printable`, and newlines and tabs escaped too."""
    return _SINGLE.sub(_escape, str(s))


def echo(s: object = "", *, err: bool = False, nl: bool = True) -> None:
    click.echo(printable(s), err=err, nl=nl)


def json_text(s: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the dangerous characters as
    `\\uXXXX` escapes: the same JSON value, safe to print."""
    return _MULTI.sub(lambda m: f"\\u{ord(m.group()):04x}", s)
