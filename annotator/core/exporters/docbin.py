"""A spaCy `.spacy` DocBin written without importing spaCy.

`import spacy` takes 1.4 to 2.3 s on a loaded machine, most of an export's budget, and a DocBin is
plain data: a zlib-compressed msgpack map (`DocBin.to_bytes` in spaCy's `tokens/_serialize.py`) of
the token attribute columns as uint64 (ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID here), spaces, lengths,
the sorted strings, cats, flags, span groups and user data. A string's id is what spaCy's
`StringStore.add` gives: its number in spaCy's symbol table when it is one (`spacy.symbols.IDS`:
"ORG", "LOC", "" ...), else MurmurHash64A of its UTF-8 bytes with seed 1, computed by the very C
function spaCy calls (`hash64` of the murmurhash package, which exports it to Cython modules only:
it is called here through ctypes).

Neither numpy nor srsly is imported (together 0.3 to 0.5 s, most of it numpy, which srsly's
msgpack loads): the columns are `array` buffers (the machine is little-endian, as the DocBin's
numpy arrays are), and the msgpack is packed by the msgpack package (the spaCy extra installs it;
srsly's copy of it, the same packer, when it is missing).

This is used only for the spaCy versions whose DocBin and symbol table were checked against this
writer byte for byte (`VERIFIED`; tests/core/test_export_docbin.py does it again for the installed
spaCy), and only when murmurhash's `hash64` has the signature spaCy uses; otherwise the export goes
through spaCy itself (the spaCy exporter's `DocBinAdder`).
"""

from __future__ import annotations

import json
import re
import struct
import sys
import zlib
from array import array
from collections.abc import Callable
from functools import cache
from itertools import chain, count
from pathlib import Path
from typing import Any

__all__ = [
    "VERIFIED",
    "DocBinWriter",
    "direct_ok",
    "installed_version",
    "murmurhash64",
    "spacy_version",
    "string_ids",
]

#: spaCy versions whose DocBin this writer reproduces byte for byte -> their symbol table (a JSON
#: list of the names in `spacy.symbols.IDS`, the name at index i having id i).
VERIFIED = {"3.8.16": "symbols-3.8.json", "3.8.18": "symbols-3.8.json"}
#: The attribute columns the exporter keeps, as spaCy numbers them (spacy.attrs, also symbols),
#: ORTH first and the rest sorted, as DocBin orders them.
ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID = 65, 77, 78, 452
ATTRS = [ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID]
#: Token.iob_strings(): "", I, O, B
IOB_I, IOB_O, IOB_B = 1, 2, 3

_SEED = 1  # spaCy's hash_utf8 seed
#: murmurhash's `hash64` as Cython exports it (`__pyx_capi__`): spaCy's `hash_string` calls it.
_HASH64_SIGNATURE = b"uint64_t (void *, int, uint64_t)"


def installed_version(package: str) -> str | None:
    """An installed package's version, read from its `about.py` (spaCy and thinc keep their version
    there) without importing it or importlib.metadata (~50 ms, on every spaCy export); from its
    metadata when it has no such file; None when it is not installed."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        try:
            text = (Path(folder) / "about.py").read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
        if found:
            return found.group(1)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


@cache
def spacy_version() -> str | None:
    """The installed spaCy's version (no import of spaCy), or None."""
    return installed_version("spacy")


@cache
def _hash64() -> Callable[[bytes, int, int], int] | None:
    """murmurhash's `hash64(key, length, seed)`, the C function spaCy hashes its strings with, or
    None when murmurhash is missing or exports it with another signature."""
    import ctypes

    try:
        from murmurhash import mrmr
    except ImportError:
        return None
    capsule = getattr(mrmr, "__pyx_capi__", {}).get("hash64")
    if capsule is None:
        return None
    api = ctypes.pythonapi
    api.PyCapsule_GetName.restype = ctypes.c_char_p
    api.PyCapsule_GetName.argtypes = [ctypes.py_object]
    if api.PyCapsule_GetName(capsule) != _HASH64_SIGNATURE:
        return None
    api.PyCapsule_GetPointer.restype = ctypes.c_void_p
    api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    pointer = api.PyCapsule_GetPointer(capsule, _HASH64_SIGNATURE)
    kind = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint64)
    return kind(pointer)


def direct_ok() -> bool:
    """Whether the installed spaCy's DocBin is one this writer was checked against, and spaCy's hash
    function can be called (a little-endian machine: the columns are written in its byte order)."""
    return (
        sys.byteorder == "little"
        and array("Q").itemsize == 8
        and array("i").itemsize == 4
        and spacy_version() in VERIFIED
        and _hash64() is not None
    )


@cache
def _symbols(version: str) -> dict[str, int]:
    from annotator.resources import resource_path

    names = json.loads(resource_path("spacy", VERIFIED[version]).read_text(encoding="utf-8"))
    return {name: i for i, name in enumerate(names)}


def murmurhash64(strings: list[str]) -> list[int]:
    """MurmurHash64A (seed 1) of each string's UTF-8 bytes: spaCy's `hash_string`."""
    hash64 = _hash64()
    if hash64 is None:
        raise RuntimeError("murmurhash's hash64 is not available")
    out = []
    for s in strings:
        data = s.encode("utf-8")
        out.append(hash64(data, len(data), _SEED))
    return out


def _packer() -> Any:
    """A msgpack packer as srsly's `msgpack_dumps` packs (bin type for bytes): the msgpack package's,
    else srsly's copy of it (which imports numpy)."""
    try:
        import msgpack
    except ImportError:
        from srsly import msgpack
    return msgpack.Packer(use_bin_type=True)


def string_ids(strings: list[str], version: str) -> list[int]:
    """What spaCy's `StringStore.add` returns for each string: its symbol id, else its hash."""
    symbols = _symbols(version)
    hashes = murmurhash64(strings)
    return [symbols.get(s, h) for s, h in zip(strings, hashes, strict=True)]


class DocBinWriter:
    """Collects documents as `DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"],
    store_user_data=True).add(doc)` would store them, and writes the same bytes as its `to_bytes`.
    Words are kept as numbers into one table of distinct strings, hashed once at the end."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.packer = _packer()
        self.index: dict[str, int] = {}  # every distinct word or label -> its row in the table
        self.words: list[array] = []  # per document: the table rows of its words
        self.spaces: list[bytes] = []
        self.ents: list[list[tuple[int, int, int]]] = []  # (first token, stop, label row)
        self.groups: list[list[tuple[int, int, int, int, int]]] = []  # (first, stop, start, end, label row)
        self.user_data: list[bytes] = []
        self.labels: set[str] = set()
        self.blank = False  # "" is in the strings (any token or span group)

    def add(
        self,
        words: list[str],
        spaces: list[bool],
        ents: list[tuple[int, int, str]],
        group: list[tuple[int, int, int, int, str]],
        user_data: dict[str, Any],
    ) -> None:
        """One document: its words and trailing spaces, its entities as token ranges and its span
        group ("sc") as (first token, token after the last, start, end, label)."""
        index = self.index
        # each distinct new word gets a row of its own (in any order: a row is looked up by its word,
        # and the strings are written sorted), by C-level set and dict operations
        index.update(zip(set(words).difference(index), count(len(index))))
        self.words.append(array("q", map(index.__getitem__, words)))
        self.spaces.append(bytes(spaces))
        row = index.setdefault
        self.ents.append([(a, b, row(lab, len(index))) for a, b, lab in ents])
        self.groups.append([(a, b, s, e, row(lab, len(index))) for a, b, s, e, lab in group])
        self.labels.update(lab for *_, lab in ents)
        self.labels.update(lab for *_, lab in group)
        self.blank = self.blank or bool(words) or bool(group)
        self.user_data.append(self.packer.pack(user_data))

    def to_bytes(self) -> bytes:
        table = list(self.index)
        ids = string_ids(table, self.version)
        lengths = [len(w) for w in self.words]
        n = sum(lengths)
        iob = array("Q", [IOB_O]) * n
        types = array("Q", bytes(8 * n))
        span_groups = []
        offset = 0
        pack = struct.Struct(">QQQllll").pack
        for size, ents, group in zip(lengths, self.ents, self.groups, strict=True):
            for a, b, lab in ents:
                iob[offset + a] = IOB_B
                iob[offset + a + 1 : offset + b] = array("Q", [IOB_I]) * (b - a - 1)
                types[offset + a : offset + b] = array("Q", [ids[lab]]) * (b - a)
            offset += size
            # SpanGroups.to_bytes: {SpanGroup.to_bytes(): [key]}; a span is (id, kb_id, label,
            # start, end, start_char, end_char) with id and kb_id 0 (no kb_id, no span id)
            spans = [pack(0, 0, ids[lab], a, b, s, e) for a, b, s, e, lab in group]
            one = self.packer.pack({"name": "sc", "attrs": {}, "spans": spans})
            span_groups.append(self.packer.pack({one: ["sc"]}))
        # one row of ATTRS' columns per token (ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID = 0), as numpy's
        # C-order uint64 array holds them
        tokens = array("Q", bytes(32 * n))
        tokens[0::4] = array("Q", map(ids.__getitem__, chain.from_iterable(self.words)))
        tokens[1::4] = iob
        tokens[2::4] = types
        strings = set(table)  # the words and labels, and "" (an unset tag, lemma, kb id ...)
        if self.blank:
            strings.add("")
        count = len(lengths)
        msg = {
            "version": "0.1",
            "attrs": ATTRS,
            "tokens": tokens.tobytes() if count else b"",
            "spaces": b"".join(self.spaces),
            "lengths": array("i", lengths).tobytes(),
            "strings": sorted(strings),
            "cats": [{} for _ in range(count)],
            "flags": [{"has_unknown_spaces": False} for _ in range(count)],
            "span_groups": span_groups,
            "user_data": self.user_data,
        }
        return zlib.compress(self.packer.pack(msg))
