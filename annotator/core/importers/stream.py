"""Reading a file as lines, a chunk at a time: what lets JSONL and CoNLL imports stream.

`TextLines(path, encoding)` yields `(number, line)` pairs exactly as `read_text(path).split("\\n")`
would number them (decoded with the same detection, one leading BOM removed, `\\r\\n` and `\\r`
turned into line breaks), while holding only one chunk of the file and the line being read.
A problem (unreadable, binary, wrong encoding) raises `ImportFailure` with the file and line, when
the reader gets there: a streamed import is one transaction, so an error at the end of the file
still leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.encoding import DecodeError, StreamDecoder

__all__ = ["CHUNK", "TextLines"]

#: Bytes read at a time: large enough that per-chunk work is noise, small enough to be no memory.
CHUNK = 1 << 20


class TextLines:
    """The lines of a text file, decoded and normalised, numbered from 1. Iterate once.

    After iterating, `has_text` says whether any line held more than whitespace (an "empty file"
    is the caller's message to give) and `codec` which encoding was used.
    """

    def __init__(
        self, path: Path, encoding: str | None, *, shown: str | None = None, chunk: int | None = None
    ) -> None:
        self.path = Path(path)
        self.name = shown or str(path)
        self.encoding = encoding
        self.chunk = chunk or CHUNK
        self.has_text = False
        self.codec: str | None = None

    def __iter__(self) -> Iterator[tuple[int, str]]:
        from annotator.core.importers import ImportFailure, open_regular

        decoder = StreamDecoder(self.encoding)
        number = 0
        pending = ""  # the line not finished yet (and a "\r" that a "\n" may follow)
        first = True
        with open_regular(self.path, self.name) as fh:
            while True:
                try:
                    data = fh.read(self.chunk)
                except OSError as exc:
                    raise ImportFailure(self.name, None, f"cannot read: {exc.strerror or exc}") from None
                final = not data
                try:
                    text = decoder.decode(data, final=final)
                except DecodeError as exc:
                    raise ImportFailure(self.name, exc.line, str(exc)) from None
                if first and text:
                    first = False
                    if text[0] == "\ufeff":
                        text = text[1:]
                text = pending + text
                if "\r" in text:
                    keep_cr = text.endswith("\r") and not final
                    if keep_cr:
                        text = text[:-1]
                    text = text.replace("\r\n", "\n").replace("\r", "\n") + ("\r" if keep_cr else "")
                lines = text.split("\n")
                pending = lines.pop()
                for line in lines:
                    number += 1
                    if not self.has_text and line and not line.isspace():
                        self.has_text = True
                    yield number, line
                if final:
                    break
        self.codec = decoder.codec
        if pending:
            number += 1
            if not self.has_text and not pending.isspace():
                self.has_text = True
            yield number, pending
