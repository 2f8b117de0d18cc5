"""Decoding imported files: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

Arabic archives still hold Windows-1256 files, so detection has to recognise them, but a wrong
guess silently corrupts a corpus: cp1256 is accepted only when the result looks like Arabic.

`StreamDecoder` applies these rules a chunk at a time, so a 250 MB corpus is never held in memory
whole; `decode_bytes` is the same decoder fed everything at once. Without a named encoding, text is
passed on as it comes while it is ASCII (the same in every candidate encoding); from the first
non-ASCII byte, decoded text is held back until `UTF8_PROOF` bytes have proved to be UTF-8. An
invalid byte inside that window means Windows-1256: the held bytes are decoded again as such.
Windows-1256 Arabic fails as UTF-8 within a few bytes, and 64 KiB of well-formed multi-byte UTF-8
does not happen by chance, so this decides as reading the whole file first would.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["SUPPORTED", "UTF8_PROOF", "DecodeError", "StreamDecoder", "decode_bytes"]

SUPPORTED = ("utf-8", "utf-8-sig", "utf-16", "cp1256")

_BOM_UTF8 = codecs.BOM_UTF8
_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: C0 controls other than tab, newline, carriage return and form feed: "not text in this encoding".
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_ARABIC = re.compile("[\u0600-\u06ff]+")
#: Share of non-ASCII characters that must be in the Arabic block for a cp1256 guess to stand.
_ARABIC_SHARE = 0.7
#: Bytes from the first non-ASCII one that must decode as UTF-8 before detection settles on it.
UTF8_PROOF = 1 << 16
#: Control characters that text does not hold (C0 but tab, newline, vertical tab, form feed, carriage
#: return, the DOS end-of-file mark and ESC of terminal colours; DEL; C1). A few are kept (scraped
#: pages hold stray escape sequences); more than this share of the characters, and at least
#: _BINARY_MIN of them, mean binary data with no NUL byte (random 7-bit bytes, an ELF or image header
#: without zeros): about a fifth of such bytes are.
_BINARY_CONTROLS = re.compile("[\x01-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_BINARY_SHARE = 0.01
_BINARY_MIN = 8
#: Where text read with the right UTF-16 byte order falls: ASCII, Latin-1, general punctuation, Arabic.
_UTF16_TEXT = re.compile("[\t\n\r\x20-\x7e\xa0-\xff\u0600-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufeff]")


class DecodeError(ValueError):
    """A file's bytes could not be decoded; the message says why and where.

    ``offset`` (byte offset) and ``line`` (1-based) of the first bad byte are set when known.
    """

    def __init__(self, message: str, *, offset: int | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset
        self.line = line


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec (`utf-16-le` or `-be`) that reads NUL-holding bytes as Latin or Arabic text,
    if one does: such a file has no BOM to say so. Read in the wrong order, or when the bytes are
    binary, the characters land all over the code space (CJK, private use) and this says None."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _BINARY_CONTROLS.search(text):
            continue
        if len(_UTF16_TEXT.findall(text)) >= 0.95 * len(text):
            return codec
    return None


def _breaks(text: str) -> int:
    """Line breaks in `text`, counting \\n, \\r\\n and \\r as one each."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


class StreamDecoder:
    """Decode a file's bytes a chunk at a time (`decode(chunk)`, then `decode(last, final=True)`).

    With ``encoding`` (any Python codec name; 'windows-1256' means cp1256) the bytes are decoded
    strictly; a failure names the byte offset and line of the first bad byte; decoded NUL characters
    are refused as binary; a single-byte codec named for non-ASCII bytes that are valid UTF-8 is
    refused (the result would be mojibake), which is known only at the end of the file.

    Without it, detection: UTF-8 BOM -> 'utf-8-sig'; UTF-16 LE/BE BOM -> 'utf-16'; NUL bytes
    otherwise -> binary file; UTF-8 -> 'utf-8'; else 'cp1256' only if most non-ASCII characters land
    in the Arabic block (U+0600-U+06FF) and no C0 control other than tab, newline, carriage return
    and form feed appears (also known only at the end); else DecodeError. `codec` is the encoding
    used once decided. The text is NOT normalised (a BOM that a named codec keeps stays).
    """

    def __init__(self, encoding: str | None = None) -> None:
        self.named = encoding
        self.codec: str | None = None
        self._label = ""
        self._dec: codecs.IncrementalDecoder | None = None
        self._offset = 0  # bytes taken so far
        self._newlines = 0  # b"\n" among them (NUL messages in detection count those)
        self._breaks = 0  # line breaks in the text returned so far
        self._cr = False  # ... and whether it ended with "\r" (a "\r\n" may be split)
        self._head = b""  # detection: the first bytes, until a BOM can be told
        self._proving: bytearray | None = None  # detection: bytes held back while proving UTF-8
        self._held_text: list[str] = []  # ... and their text
        self._utf8_error: tuple[int, int] | None = None  # (offset, line) of the first invalid byte
        self._cp_non_ascii = self._cp_arabic = 0
        self._cp_bad = False
        self._check_utf8: codecs.IncrementalDecoder | None = None  # named single-byte codec
        self._first_non_ascii: tuple[int, int] | None = None
        self._utf16_be = False  # a UTF-16 BOM said big-endian
        self._text_bytes = 0  # byte offset where the next text returned starts
        self._chars = 0  # characters returned so far
        self._binary = 0  # ... of which control characters text does not hold (_BINARY_CONTROLS)
        self._first_binary: tuple[str, int | None, int] | None = None  # the first: (char, offset, line)
        if encoding is not None:
            try:
                codec = codecs.lookup(encoding).name
            except LookupError:
                raise DecodeError(f"unknown encoding {encoding!r}") from None
            self._start(codec, codec)
            if not codec.startswith("utf"):
                self._check_utf8 = codecs.getincrementaldecoder("utf-8")("strict")

    # ----------------------------------------------------------------------------- helpers
    def _start(self, codec: str, label: str) -> None:
        self.codec, self._label = codec, label
        self._dec = codecs.getincrementaldecoder(codec)("strict")

    def _line_at(self, before: str) -> int:
        """The 1-based line of the character that follows the text returned so far and `before`."""
        return self._breaks + _breaks(before) - (self._cr and before[:1] == "\n") + 1

    def _strict(self, data: bytes, final: bool, start: int, before: str = "") -> str:
        """Decode `data` (at byte `start`) with the chosen codec; a failure names its byte offset and
        line. `before` is text decoded ahead of `data` but not returned yet (for the line number)."""
        assert self._dec is not None and self.codec is not None
        pending = self._dec.getstate()[0]
        try:
            return self._dec.decode(data, final)
        except UnicodeDecodeError as exc:
            raw = pending + data
            prefix = raw[: exc.start].decode(self.codec, errors="replace")
            line = self._line_at(before + prefix)
            bad = raw[exc.start : exc.start + 4].hex(" ")
            offset = start - len(pending) + exc.start
            raise DecodeError(
                f"not valid {self._label}: byte offset {offset}, line {line} (bytes {bad}): {exc.reason}",
                offset=offset,
                line=line,
            ) from None

    def _refuse_nul_text(self, text: str, start: int) -> None:
        pos = text.find("\x00")
        if pos != -1:
            try:
                offset: int | None = start + len(text[:pos].encode(self.codec or "utf-8"))
            except (UnicodeError, LookupError):
                offset = None
            line = self._line_at(text[:pos])
            raise DecodeError(
                f"binary file (NUL character at byte offset {offset}, line {line})", offset=offset, line=line
            )

    def _refuse_nul_bytes(self, data: bytes, start: int) -> None:
        nul = data.find(b"\x00")
        if nul != -1:
            line = self._newlines + data.count(b"\n", 0, nul) + 1
            utf16 = None if start % 2 else _utf16_without_bom(data[: len(data) - len(data) % 2])
            if utf16:
                raise DecodeError(
                    f"the file looks like {utf16.upper()} without a BOM (NUL bytes, first at byte offset "
                    f"{start + nul}, line {line}): import it with --encoding {utf16}",
                    offset=start + nul,
                    line=line,
                )
            raise DecodeError(
                f"binary file (NUL bytes, first at byte offset {start + nul}, line {line})",
                offset=start + nul,
                line=line,
            )

    def _auto_failure(self) -> DecodeError:
        assert self._utf8_error is not None
        offset, line = self._utf8_error
        return DecodeError(
            "not valid UTF-8, UTF-16 or Windows-1256 "
            f"(first invalid UTF-8 byte at byte offset {offset}, line {line}; "
            "as Windows-1256 it would not read as Arabic text)",
            offset=offset,
            line=line,
        )

    # ----------------------------------------------------------------------------- decoding
    def decode(self, data: bytes, final: bool = False) -> str:
        """The text of `data` that is decided (detection may hold some back); `final` on the last."""
        if self.named is None and self.codec is None and self._proving is None:
            data = self._head + data
            self._head = b""
            if (
                not final
                and len(data) < 3
                and (
                    _BOM_UTF8.startswith(data) or b"\xff\xfe".startswith(data) or b"\xfe\xff".startswith(data)
                )
            ):
                self._head = data  # too short to tell a BOM yet
                return ""
            if data.startswith(_BOM_UTF8):
                self._start("utf-8-sig", "UTF-8 (file starts with a UTF-8 BOM)")
                self._text_bytes = len(_BOM_UTF8)
            elif data.startswith(_BOMS_UTF16):
                self._start("utf-16", "UTF-16 (file starts with a UTF-16 BOM)")
                self._text_bytes = 2
                self._utf16_be = data.startswith(codecs.BOM_UTF16_BE)
        start = self._offset
        if self.named is not None or self.codec in ("utf-8-sig", "utf-16"):
            text = self._decode_chosen(data, final, start)
        else:
            text = self._detect(data, final, start)
        self._offset = start + len(data)
        self._newlines += data.count(b"\n")
        if text:  # count the lines of what is returned, for the line numbers of later errors
            self._count_binary(text)
            self._breaks += _breaks(text) - (self._cr and text[0] == "\n")
            self._cr = text[-1] == "\r"
            self._text_bytes = self._offset - self._unreturned()
        if final:
            self._refuse_binary()
        return text

    def _unreturned(self) -> int:
        """Bytes taken whose text is not returned yet (held back by detection or the codec)."""
        if self._proving is not None:
            return len(self._proving)
        if self._dec is None or (self.named is None and self.codec == "cp1256"):
            return 0
        return len(self._dec.getstate()[0])

    def _count_binary(self, text: str) -> None:
        """Count the control characters text does not hold in `text` (about to be returned), and
        note where the first one is."""
        self._chars += len(text)
        if self.named is None and self.codec == "cp1256":
            return  # detected Windows-1256 refuses every such C0 control itself (and has no C1)
        found = len(_BINARY_CONTROLS.findall(text))
        if found and self._first_binary is None:
            pos = _BINARY_CONTROLS.search(text).start()  # type: ignore[union-attr]
            utf16 = "utf-16-be" if self._utf16_be else "utf-16-le"
            plain = {"utf-8-sig": "utf-8", "utf-16": utf16}.get(self.codec or "utf-8", self.codec)
            try:
                offset: int | None = self._text_bytes + len(text[:pos].encode(plain or "utf-8"))
            except (UnicodeError, LookupError):
                offset = None
            self._first_binary = (text[pos], offset, self._line_at(text[:pos]))
        self._binary += found

    def _refuse_binary(self) -> None:
        """Binary data that decodes (no NUL bytes) still holds control characters no text has: more
        than a share of the file's characters (known only at its end) refuses it."""
        if self._first_binary is None or self._binary < max(_BINARY_MIN, _BINARY_SHARE * self._chars):
            return
        if self.named is None and self.codec == "cp1256":
            return
        char, offset, line = self._first_binary
        raise DecodeError(
            f"binary file ({self._binary} control characters that text does not hold, the first "
            f"U+{ord(char):04X} at byte offset {offset}, line {line})",
            offset=offset,
            line=line,
        )

    def _decode_chosen(self, data: bytes, final: bool, start: int) -> str:
        try:
            text = self._strict(data, final, start)
        except DecodeError as exc:  # a NUL before the bad byte is the first problem in the file
            if exc.offset is not None and exc.offset > start:
                self._refuse_nul_text(data[: exc.offset - start].decode(self.codec or "", "replace"), start)
            raise
        self._refuse_nul_text(text, start)
        if self._check_utf8 is not None:
            self._watch_utf8(data, text, final, start)
        return text

    def _watch_utf8(self, data: bytes, text: str, final: bool, start: int) -> None:
        """A named single-byte codec: note the first non-ASCII byte and whether all bytes are UTF-8."""
        assert self._check_utf8 is not None
        if self._first_non_ascii is None and not data.isascii():
            at = next(i for i, b in enumerate(data) if b > 0x7F)  # single-byte: one character per byte
            self._first_non_ascii = (start + at, self._line_at(text[:at]))
        try:
            self._check_utf8.decode(data, final)
        except UnicodeDecodeError:
            self._check_utf8 = None  # not UTF-8: the named codec stands
            return
        if final and self._first_non_ascii is not None:
            offset, line = self._first_non_ascii
            raise DecodeError(
                f"the file is UTF-8 (first non-ASCII character at byte offset {offset}, line {line}); "
                f"read as {self.named} it would be garbled: leave out the encoding or name utf-8",
                offset=offset,
                line=line,
            )

    def _detect(self, data: bytes, final: bool, start: int) -> str:
        self._refuse_nul_bytes(data, start)
        if self.codec == "cp1256":
            return self._cp1256(data, final)
        if self.codec == "utf-8" and self._proving is None:  # proved: a failure now refuses the file
            try:
                return self._strict(data, final, start)
            except DecodeError as exc:
                self._utf8_error = (exc.offset or 0, exc.line or 0)
                raise self._auto_failure() from None
        ascii_part = ""
        if self._proving is None:
            if data.isascii():
                if final:
                    self._start("utf-8", "UTF-8")
                text = data.decode("ascii")
                self._cp_bad = self._cp_bad or bool(_BAD_CONTROL.search(text))  # would count against cp1256
                return text
            at = next(i for i, b in enumerate(data) if b > 0x7F)
            ascii_part = data[:at].decode("ascii")
            self._cp_bad = self._cp_bad or bool(_BAD_CONTROL.search(ascii_part))
            data, start = data[at:], start + at
            self._proving = bytearray()
            self._start("utf-8", "UTF-8")
        return ascii_part + self._prove(data, final, start, ascii_part)

    def _prove(self, data: bytes, final: bool, start: int, before: str) -> str:
        """Hold decoded text back until UTF8_PROOF bytes decode as UTF-8; else go Windows-1256."""
        assert self._proving is not None
        held = "".join(self._held_text)
        try:
            self._held_text.append(self._strict(data, final, start, before + held))
        except DecodeError as exc:
            self._utf8_error = (exc.offset or 0, exc.line or 0)
            raw = bytes(self._proving) + data
            self._proving, self._held_text = None, []
            self.codec = "cp1256"
            return self._cp1256(raw, final)
        self._proving += data
        if len(self._proving) < UTF8_PROOF and not final:
            return ""
        text = "".join(self._held_text)
        self._proving, self._held_text = None, []
        return text

    def _cp1256(self, data: bytes, final: bool) -> str:
        text = data.decode("cp1256")
        self._cp_bad = self._cp_bad or bool(_BAD_CONTROL.search(text))
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if non_ascii:
            self._cp_non_ascii += non_ascii
            self._cp_arabic += sum(len(m) for m in _ARABIC.findall(text))
        if final and (
            self._cp_bad or not self._cp_non_ascii or self._cp_arabic < _ARABIC_SHARE * self._cp_non_ascii
        ):
            raise self._auto_failure()
        return text


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a whole file's bytes; return ``(text, encoding_used)``. The text is NOT normalised.

    The rules are `StreamDecoder`'s. Empty input is ``("", "utf-8")``.
    """
    decoder = StreamDecoder(encoding)
    text = decoder.decode(data, final=True)
    return text, decoder.codec or "utf-8"
