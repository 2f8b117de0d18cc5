"""Tests for annotator.core.encoding.decode_bytes: detection, named codecs, clear refusals."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.encoding import SUPPORTED, UTF8_PROOF, DecodeError, StreamDecoder, decode_bytes
from annotator.core.text import normalize_text

ARABIC = 'قال الوزير: «أَكَّدَ» أن 34.3 بالمئة، وفقًا لـ"NTV"؟\r\nسطر ثانٍ'


def test_supported() -> None:
    assert SUPPORTED == ("utf-8", "utf-8-sig", "utf-16", "cp1256")
    for name in SUPPORTED:
        codecs.lookup(name)


def test_utf8() -> None:
    assert decode_bytes(ARABIC.encode("utf-8")) == (ARABIC, "utf-8")
    assert decode_bytes(b"plain ascii\n") == ("plain ascii\n", "utf-8")
    assert decode_bytes(b"") == ("", "utf-8")


def test_utf8_with_bom() -> None:
    text, enc = decode_bytes(codecs.BOM_UTF8 + ARABIC.encode("utf-8"))
    assert (text, enc) == (ARABIC, "utf-8-sig")
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = ARABIC + " 😀"
    assert decode_bytes(bom + text.encode(codec)) == (text, "utf-16")
    assert decode_bytes(text.encode("utf-16")) == (text, "utf-16")


def test_cp1256_arabic() -> None:
    assert decode_bytes("قال الوزير".encode("cp1256")) == ("قال الوزير", "cp1256")
    text = "وقال المتحدث: «لا تعليق»، وأضاف أن 13,000 جندي؟\r\n\tانتهى"
    assert decode_bytes(text.encode("cp1256")) == (text, "cp1256")


def test_cp1256_real_article(articles: list[Path]) -> None:
    original = articles[0].read_text(encoding="utf-8")
    data = original.encode("cp1256", errors="replace")  # tanween etc. exist in cp1256; be safe
    text, enc = decode_bytes(data)
    assert enc == "cp1256"
    assert text == data.decode("cp1256")


def test_real_article_utf8(articles: list[Path]) -> None:
    for path in articles:
        data = path.read_bytes()
        text, enc = decode_bytes(data)
        assert enc in ("utf-8", "utf-8-sig")
        assert normalize_text(text) == normalize_text(data.decode("utf-8-sig"))


def test_binary_rejected() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    with pytest.raises(DecodeError, match="binary file") as info:
        decode_bytes(png)
    assert info.value.offset == 8
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes("قال".encode() + b"\x00")
    # UTF-16 without a BOM: refused, not guessed, but the message names the encoding to give
    with pytest.raises(DecodeError, match="UTF-16-LE without a BOM.*--encoding utf-16-le"):
        decode_bytes("abc".encode("utf-16-le"))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_suggests_the_encoding(codec: str) -> None:
    data = "قال الوزير إن الاجتماع كان مثمرا.\nسطر ثان 2025".encode(codec)
    with pytest.raises(DecodeError, match=f"--encoding {codec}") as info:
        decode_bytes(data)
    assert info.value.line == 1
    assert decode_bytes(data, codec)[0].startswith("قال")


def test_binary_without_nul_bytes_is_refused() -> None:
    """Random 7-bit bytes (an ELF-like header, no NUL) are valid ASCII, yet binary."""
    import random

    rng = random.Random(7)
    blob = b"\x7fELF\x02\x01\x01" + bytes(rng.randrange(1, 128) for _ in range(4000))
    with pytest.raises(DecodeError, match="binary file .*control characters") as info:
        decode_bytes(blob)
    assert info.value.line is not None and info.value.offset is not None
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(codecs.BOM_UTF8 + blob)
    # text with a few stray escape sequences (scraped from a terminal) is still text
    text = "قال الوزير \x1b[1mإن\x1b[0m الأمر مهم.\n" * 20
    assert decode_bytes(text.encode("utf-8"))[0] == text


def test_utf8_bom_with_nul_names_the_line() -> None:
    with pytest.raises(DecodeError, match="NUL character at byte offset 14, line 2") as info:
        decode_bytes(codecs.BOM_UTF8 + "قال\nنص\x00".encode())
    assert info.value.line == 2


def test_latin1_garbage_rejected() -> None:
    for data in (
        "café résumé naïve".encode("latin-1"),
        "Grüße aus München".encode("cp1252"),
        bytes(range(0x80, 0x100)),
        "“smart quotes” – naïve café".encode("cp1252"),
    ):
        with pytest.raises(DecodeError, match="not valid UTF-8, UTF-16 or Windows-1256") as info:
            decode_bytes(data)
        assert info.value.line == 1
        assert isinstance(info.value, ValueError)


def test_control_chars_block_cp1256_guess() -> None:
    data = "قال الوزير".encode("cp1256") + b"\x01\x02"
    with pytest.raises(DecodeError):
        decode_bytes(data)
    # allowed controls: tab, newline, carriage return, form feed
    ok = "قال\tالوزير\f\r\n".encode("cp1256")
    assert decode_bytes(ok)[1] == "cp1256"


def test_named_encoding_used_strictly() -> None:
    data = "قال الوزير".encode("cp1256")
    assert decode_bytes(data, "cp1256") == ("قال الوزير", "cp1256")
    assert decode_bytes(data, "windows-1256") == ("قال الوزير", "cp1256")
    assert decode_bytes(data, "Windows-1256") == ("قال الوزير", "cp1256")
    assert decode_bytes(ARABIC.encode("utf-8"), "UTF8") == (ARABIC, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + b"x", "utf-8-sig") == ("x", "utf-8-sig")
    assert decode_bytes(ARABIC.encode("utf-16"), "utf-16") == (ARABIC, "utf-16")
    # named latin-1 is obeyed even though detection would refuse it
    assert decode_bytes("café".encode("latin-1"), "latin-1") == ("café", "iso8859-1")


def test_named_single_byte_encoding_refuses_utf8_text() -> None:
    """`--encoding windows-1256` on a UTF-8 file would store mojibake (ظ‚ط§ظ„ for قال) without a word."""
    data = ("سطر\n" + ARABIC).encode("utf-8")
    for name in ("windows-1256", "cp1256", "latin-1"):
        with pytest.raises(DecodeError, match="is UTF-8") as info:
            decode_bytes(data, name)
        assert info.value.line == 1 and info.value.offset == 0
    assert decode_bytes(b"plain ascii", "cp1256") == ("plain ascii", "cp1256")  # same text either way
    assert decode_bytes(data, "utf-8") == ("سطر\n" + ARABIC, "utf-8")


def test_named_encoding_failure_reports_offset_and_line() -> None:
    good = "سطر أول\nسطر ثان\r\nسطر ثالث\n".encode()
    data = good + b"abc\xffdef"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "utf-8")
    err = info.value
    assert err.offset == len(good) + 3
    assert err.line == 4
    assert "line 4" in str(err) and f"byte offset {len(good) + 3}" in str(err)


def test_detected_failure_reports_line() -> None:
    data = b"line one\nline two\r\nline three \xe9t\xe9\n"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.line == 3
    assert info.value.offset == data.index(b"\xe9")
    assert "line 3" in str(info.value)


def test_named_encoding_refuses_nul_and_unknown() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"ab\x00cd", "utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode_bytes(b"abc", "no-such-codec")


def test_bad_utf16_reports() -> None:
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    with pytest.raises(DecodeError, match="UTF-16"):
        decode_bytes(data)


arabic_text = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة،؛؟«» \n\t.0123456789abcXYZ")),
    min_size=1,
    max_size=80,
)


@given(arabic_text)
def test_roundtrip_property(text: str) -> None:
    for codec, expected in (("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")):
        data = text.encode(codec)
        if codec == "utf-8-sig" and not text:
            continue
        assert decode_bytes(data) == (text, expected)
    data = text.encode("cp1256")
    non_ascii = [c for c in text if ord(c) > 0x7F]
    arabic_share = sum("\u0600" <= c <= "\u06ff" for c in non_ascii) / max(len(non_ascii), 1)
    try:
        decoded, enc = decode_bytes(data)
    except DecodeError:
        assert non_ascii and arabic_share < 0.7  # refused only when it does not look Arabic
        return
    if enc == "utf-8":  # short cp1256 byte runs can happen to be valid UTF-8 (e.g. "ب،" = C8 A1)
        assert decoded == data.decode("utf-8")
    else:
        assert (decoded, enc) == (text, "cp1256")
        assert arabic_share >= 0.7


# ----------------------------------------------------------------------------- streaming
def stream(data: bytes, cuts: list[int], encoding: str | None = None) -> tuple[str, str | None]:
    """`data` through a StreamDecoder in the pieces that `cuts` make."""
    decoder = StreamDecoder(encoding)
    bounds = sorted({min(c, len(data)) for c in cuts} | {len(data)})
    out, prev = [], 0
    for b in bounds:
        out.append(decoder.decode(data[prev:b], final=b == len(data)))
        prev = b
    return "".join(out), decoder.codec


def outcome(fn) -> tuple:
    try:
        text, codec = fn()
    except DecodeError as exc:  # the bytes quoted after a bad one end where a piece ends
        return ("error", re.sub(r" \(bytes [0-9a-f ]+\)", "", str(exc)), exc.offset, exc.line)
    return ("ok", text, codec or "utf-8")


mixed_bytes = st.one_of(
    arabic_text.map(lambda t: t.encode("utf-8")),
    arabic_text.map(lambda t: t.encode("cp1256")),
    arabic_text.map(lambda t: t.encode("utf-16")),
    arabic_text.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    st.binary(max_size=60),
    st.tuples(arabic_text, arabic_text).map(lambda p: p[0].encode("utf-8") + b"\r\n" + p[1].encode("cp1256")),
)


@given(mixed_bytes, st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_streamed_decoding_is_decode_bytes_however_the_bytes_are_cut(data: bytes, cuts: list[int]) -> None:
    for encoding in (None, "utf-8", "cp1256"):
        whole = outcome(lambda encoding=encoding: decode_bytes(data, encoding))
        assert outcome(lambda encoding=encoding: stream(data, cuts, encoding)) == whole


def test_windows_1256_whose_first_bytes_happen_to_be_utf8() -> None:
    """ "ب،" is C8 A1 in Windows-1256, valid UTF-8: the rest of the file decides, across chunks."""
    text = "ب، " + "قال الوزير إن المفاوضات مستمرة\r\n" * 2000
    data = text.encode("cp1256")
    cuts = list(range(0, len(data), 4096))
    assert stream(data, cuts) == (text, "cp1256")
    assert decode_bytes(data) == (text, "cp1256")


def test_long_utf8_then_one_bad_byte_is_refused_with_its_place() -> None:
    good = ("سطر عربي طويل\n" * 10_000).encode("utf-8")
    data = good + b"\xff"
    assert len(good) > UTF8_PROOF
    for result in (outcome(lambda: decode_bytes(data)), outcome(lambda: stream(data, [1000, 70_000]))):
        assert result[0] == "error" and "not valid UTF-8" in result[1]
        assert result[2] == len(good) and result[3] == 10_001


def test_streamed_binary_refusal_names_the_first_control_as_reading_it_whole_would() -> None:
    """The share of control characters is known only at the end; the first one's byte offset and
    line are the same however the file is cut (after a BOM, after multi-byte text)."""
    import random

    rng = random.Random(3)
    prefix = "سطر عربي\n" * 2000
    blob = bytes(rng.randrange(1, 128) for _ in range(30_000))
    first = next(i for i, b in enumerate(blob) if b < 9 or 13 < b < 26 or 27 < b < 32 or b == 127)
    for bom in (b"", codecs.BOM_UTF8):
        data = bom + prefix.encode("utf-8") + blob
        expected = len(bom) + len(prefix.encode("utf-8")) + first
        line = 2001 + blob[:first].count(b"\n") - blob[:first].count(b"\r\n") + blob[:first].count(b"\r")
        for cuts in ([], [5, 4096, 70_000], list(range(0, len(data), 777))):
            result = outcome(lambda cuts=cuts, data=data: stream(data, cuts))
            assert result[0] == "error" and "control characters that text does not hold" in result[1]
            assert (result[2], result[3]) == (expected, line)
