"""Decoding imported files: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

Arabic archives still hold Windows-1256 files, so detection has to recognise them, but a wrong
guess silently corrupts a corpus: cp1256 is accepted only when the result looks like Arabic.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["SUPPORTED", "DecodeError", "decode_bytes"]

SUPPORTED = ("utf-8", "utf-8-sig", "utf-16", "cp1256")

_BOM_UTF8 = codecs.BOM_UTF8
_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: C0 controls that ordinary text may hold; any other one means "not text in this encoding".
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
#: Share of non-ASCII characters that must be in the Arabic block for a cp1256 guess to stand.
_ARABIC_SHARE = 0.7
#: Control characters that text does not hold (C0 but tab, newline, vertical tab, form feed, carriage
#: return, the DOS end-of-file mark and ESC of terminal colours; DEL; C1). A few are kept (scraped pages hold stray escape sequences); more than
#: this share of the characters, and at least _BINARY_MIN of them, mean binary data with no NUL
#: byte (random 7-bit bytes, an ELF or image header without zeros): about a fifth of such bytes are.
_BINARY_CONTROLS = re.compile("[\x01-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_BINARY_SHARE = 0.01
_BINARY_MIN = 8


class DecodeError(ValueError):
    """A file's bytes could not be decoded; the message says why and where.

    ``offset`` (byte offset) and ``line`` (1-based) of the first bad byte are set when known.
    """

    def __init__(self, message: str, *, offset: int | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset
        self.line = line


def _line_of(data: bytes, offset: int, codec: str) -> int:
    """1-based line number of byte ``offset``, counting \\n, \\r\\n and \\r as one break each."""
    prefix = data[:offset].decode(codec, errors="replace")
    prefix = prefix.replace("\r\n", "\n").replace("\r", "\n")
    return prefix.count("\n") + 1


def _strict(data: bytes, codec: str, label: str) -> str:
    """Decode strictly, turning a failure into a DecodeError that names offset and line."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, codec)
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise DecodeError(
            f"not valid {label}: byte offset {exc.start}, line {line} (bytes {bad}): {exc.reason}",
            offset=exc.start,
            line=line,
        ) from None


def _position(text: str, pos: int, codec: str) -> tuple[int | None, int]:
    """The byte offset (None when it cannot be told) and 1-based line of character `pos`."""
    try:
        offset: int | None = len(text[:pos].encode(codec))
    except (UnicodeError, LookupError):
        offset = None
    line = text[:pos].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    return offset, line


def _reject_nul(text: str, data: bytes, codec: str) -> None:
    pos = text.find("\x00")
    if pos != -1:
        offset, line = _position(text, pos, codec)
        raise DecodeError(
            f"binary file (NUL character at byte offset {offset}, line {line})", offset=offset, line=line
        )


def _reject_binary(text: str, data: bytes, codec: str) -> None:
    """Binary data that decodes (no NUL bytes) still holds control characters no text has."""
    found = _BINARY_CONTROLS.findall(text)
    if len(found) < max(_BINARY_MIN, _BINARY_SHARE * len(text)):
        return
    pos = _BINARY_CONTROLS.search(text).start()  # type: ignore[union-attr]
    offset, line = _position(text, pos, codec)
    raise DecodeError(
        f"binary file ({len(found)} control characters that text does not hold, the first "
        f"U+{ord(text[pos]):04X} at byte offset {offset}, line {line})",
        offset=offset,
        line=line,
    )


#: Where text read with the right UTF-16 byte order falls: ASCII, Latin-1, general punctuation, Arabic.
_UTF16_TEXT = re.compile("[\t\n\r\x20-\x7e\xa0-\xff\u0600-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufeff]")


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


def _reject_utf8_as_single_byte(data: bytes, encoding: str) -> None:
    """A named single-byte codec (windows-1256, latin-1) reads every byte, so a UTF-8 file would be
    stored as mojibake (قال as ظ‚ط§ظ„) without a word: refuse non-ASCII data that is valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    offset = next(i for i, b in enumerate(data) if b > 0x7F)
    line = _line_of(data, offset, "utf-8")
    raise DecodeError(
        f"the file is UTF-8 (first non-ASCII character at byte offset {offset}, line {line}); "
        f"read as {encoding} it would be garbled: leave out the encoding or name utf-8",
        offset=offset,
        line=line,
    )


def _plausibly_arabic(text: str) -> bool:
    """Whether cp1256-decoded text looks like Arabic rather than a misread other encoding."""
    non_ascii = 0
    arabic = 0
    for c in text:
        if c < " " and c not in _ALLOWED_CONTROLS:
            return False
        if c > "\x7f":
            non_ascii += 1
            if "\u0600" <= c <= "\u06ff":
                arabic += 1
    return non_ascii > 0 and arabic >= _ARABIC_SHARE * non_ascii


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding_used)``. The text is NOT normalised.

    With ``encoding`` (any Python codec name; 'windows-1256' means cp1256) the bytes are decoded
    strictly and the codec's canonical name is returned; a failure names the byte offset and line
    of the first bad byte; decoded NUL characters are refused as binary; a single-byte codec
    named for non-ASCII bytes that are valid UTF-8 is refused (the result would be mojibake).

    Without it, detection: UTF-8 BOM -> 'utf-8-sig'; UTF-16 LE/BE BOM -> 'utf-16'; NUL bytes
    otherwise -> binary file; strict UTF-8 -> 'utf-8'; else 'cp1256' only if most non-ASCII
    characters land in the Arabic block (U+0600-U+06FF) and no C0 control other than tab, newline,
    carriage return and form feed appears; else DecodeError. Empty input is ``("", "utf-8")``.
    """
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        if not codec.startswith("utf") and not data.isascii():
            _reject_utf8_as_single_byte(data, encoding)
        text = _strict(data, codec, codec)
        _reject_nul(text, data, codec)
        _reject_binary(text, data, codec)
        return text, codec

    if data.startswith(_BOM_UTF8):
        text = _strict(data, "utf-8-sig", "UTF-8 (file starts with a UTF-8 BOM)")
        _reject_nul(text, data, "utf-8-sig")
        _reject_binary(text, data, "utf-8-sig")
        return text, "utf-8-sig"
    if data.startswith(_BOMS_UTF16):
        text = _strict(data, "utf-16", "UTF-16 (file starts with a UTF-16 BOM)")
        _reject_nul(text, data, "utf-16")
        _reject_binary(text, data, "utf-16")
        return text, "utf-16"
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        utf16 = _utf16_without_bom(data)
        if utf16:
            raise DecodeError(
                f"the file looks like {utf16.upper()} without a BOM (NUL bytes, first at byte offset "
                f"{nul}, line {line}): import it with --encoding {utf16}",
                offset=nul,
                line=line,
            )
        raise DecodeError(
            f"binary file (NUL bytes, first at byte offset {nul}, line {line})", offset=nul, line=line
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        _reject_binary(text, data, "utf-8")
        return text, "utf-8"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausibly_arabic(text):
        return text, "cp1256"
    offset = utf8_error.start
    line = _line_of(data, offset, "utf-8")
    raise DecodeError(
        "not valid UTF-8, UTF-16 or Windows-1256 "
        f"(first invalid UTF-8 byte at byte offset {offset}, line {line}; "
        "as Windows-1256 it would not read as Arabic text)",
        offset=offset,
        line=line,
    )
