"""A spaCy `.spacy` DocBin written without importing spaCy.

`import spacy` takes 1.4 to 2.3 s on a loaded machine, most of an export's budget, and a DocBin is
plain data: a zlib-compressed msgpack map (`DocBin.to_bytes` in spaCy's `tokens/_serialize.py`) of
the token attribute columns as uint64 (ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID here), spaces, lengths,
the sorted strings, cats, flags, span groups and user data. A string's id is what spaCy's
`StringStore.add` gives: its number in spaCy's symbol table when it is one (`spacy.symbols.IDS`:
"ORG", "LOC", "" ...), else MurmurHash64A of its UTF-8 bytes with seed 1. The murmurhash package
spaCy uses offers only its 32-bit hash to Python, so the 64-bit one is computed here with numpy,
for every distinct string at once.

This is used only for the spaCy versions whose DocBin and symbol table were checked against this
writer byte for byte (`VERIFIED`; tests/core/test_export_docbin.py does it again for the installed
spaCy); any other version goes through spaCy itself (the spaCy exporter's `DocBinAdder`).
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections import defaultdict
from functools import cache
from typing import Any

__all__ = ["VERIFIED", "DocBinWriter", "direct_ok", "murmurhash64", "spacy_version", "string_ids"]

#: spaCy versions whose DocBin this writer reproduces byte for byte -> their symbol table (a JSON
#: list of the names in `spacy.symbols.IDS`, the name at index i having id i).
VERIFIED = {"3.8.16": "symbols-3.8.json", "3.8.18": "symbols-3.8.json"}
#: The attribute columns the exporter keeps, as spaCy numbers them (spacy.attrs, also symbols),
#: ORTH first and the rest sorted, as DocBin orders them.
ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID = 65, 77, 78, 452
ATTRS = [ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID]
#: Token.iob_strings(): "", I, O, B
IOB_I, IOB_O, IOB_B = 1, 2, 3

_M = 0xC6A4A7935BD1E995  # MurmurHash64A's multiplier and shift
_R = 47
_SEED = 1  # spaCy's hash_utf8 seed


@cache
def spacy_version() -> str | None:
    """The installed spaCy's version from its metadata (no import of spaCy), or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:
        return None


def direct_ok() -> bool:
    """Whether the installed spaCy's DocBin is one this writer was checked against (a little-endian
    machine: the hash reads the string's bytes as the machine's own words)."""
    return sys.byteorder == "little" and spacy_version() in VERIFIED


@cache
def _symbols(version: str) -> dict[str, int]:
    from annotator.resources import resource_path

    names = json.loads(resource_path("spacy", VERIFIED[version]).read_text(encoding="utf-8"))
    return {name: i for i, name in enumerate(names)}


def murmurhash64(strings: list[str]) -> list[int]:
    """MurmurHash64A (seed 1) of each string's UTF-8 bytes: spaCy's `hash_string`. The strings are
    grouped by their number of whole 8-byte blocks and each group hashed as one numpy array."""
    import numpy as np

    data = [s.encode("utf-8") for s in strings]
    groups: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(data):
        groups[len(b) // 8].append(i)
    out = np.zeros(len(data), dtype=np.uint64)
    m, r = np.uint64(_M), np.uint64(_R)
    for blocks, idx in groups.items():
        width = (blocks + 1) * 8  # the whole blocks, then the tail padded with zero bytes
        words = np.frombuffer(b"".join(data[i].ljust(width, b"\0") for i in idx), dtype="<u8")
        words = words.reshape(len(idx), blocks + 1)
        lengths = np.array([len(data[i]) for i in idx], dtype=np.uint64)
        h = np.uint64(_SEED) ^ (lengths * m)
        for j in range(blocks):
            k = words[:, j] * m
            k ^= k >> r
            k *= m
            h ^= k
            h *= m
        # the tail's bytes XORed in little-endian order are the zero-padded tail word
        h = np.where(lengths % np.uint64(8) != 0, (h ^ words[:, blocks]) * m, h)
        h ^= h >> r
        h *= m
        h ^= h >> r
        out[idx] = h
    return out.tolist()


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
        import srsly

        self.version = version
        self.packer = srsly.msgpack.Packer(use_bin_type=True)
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
        for w in dict.fromkeys(words):  # each distinct new word gets the next row, once
            if w not in index:
                index[w] = len(index)
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
        import numpy as np
        import srsly

        table = list(self.index)
        ids = string_ids(table, self.version)
        lengths = [len(w) for w in self.words]
        n = sum(lengths)
        orth = np.asarray(ids, dtype=np.uint64)[np.frombuffer(b"".join(self.words), dtype=np.int64)]
        iob = np.full(n, IOB_O, dtype=np.uint64)
        types = np.zeros(n, dtype=np.uint64)
        pack = struct.Struct(">QQQllll").pack
        span_groups = []
        offset = 0
        for size, ents, group in zip(lengths, self.ents, self.groups, strict=True):
            for a, b, lab in ents:
                iob[offset + a] = IOB_B
                iob[offset + a + 1 : offset + b] = IOB_I
                types[offset + a : offset + b] = ids[lab]
            offset += size
            # SpanGroups.to_bytes: {SpanGroup.to_bytes(): [key]}; a span is (id, kb_id, label,
            # start, end, start_char, end_char) with id and kb_id 0 (no kb_id, no span id)
            spans = [pack(0, 0, ids[lab], a, b, s, e) for a, b, s, e, lab in group]
            one = self.packer.pack({"name": "sc", "attrs": {}, "spans": spans})
            span_groups.append(self.packer.pack({one: ["sc"]}))
        tokens = np.stack([orth, iob, types, np.zeros(n, dtype=np.uint64)], axis=1)  # ATTRS' order
        strings = set(table)  # the words and labels, and "" (an unset tag, lemma, kb id ...)
        if self.blank:
            strings.add("")
        count = len(lengths)
        msg = {
            "version": "0.1",
            "attrs": ATTRS,
            "tokens": tokens.tobytes("C") if count else b"",
            "spaces": b"".join(self.spaces),
            "lengths": np.asarray(lengths, dtype="int32").tobytes("C"),
            "strings": sorted(strings),
            "cats": [{} for _ in range(count)],
            "flags": [{"has_unknown_spaces": False} for _ in range(count)],
            "span_groups": span_groups,
            "user_data": self.user_data,
        }
        return zlib.compress(srsly.msgpack_dumps(msg))
