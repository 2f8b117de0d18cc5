"""The tagger's memory: the entities its training documents contain, matched again in new text.

Built ONLY from the documents a model is trained on (never from held-out ones), so measured quality
is honest. A remembered entity is a sequence of token keys (folded, proclitics off, see
:func:`.features.word_key`) with its most frequent label and its *reliability*: how often the
sequence, wherever it occurs in the training documents, lies inside an entity of that label.
"الأمن" labelled once and left unlabelled a hundred times elsewhere must not fire like "تركيا".
The single words of a person's name are remembered too, as *parts* ("أينشتاين" from "ألبرت
أينشتاين"): news names a person in full once, then by one name.

During training a document's memory features come from the OTHER documents (jackknifed folds, see
:mod:`.train`): a memory built from the document itself is always right about it, and a tagger
trained that way trusts the memory blindly and misses every entity it has not seen. When tagging,
a second layer holds what the first pass found in the same document (see :mod:`.model`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

#: Longest remembered entity, in tokens (longer ones are rare and never recur verbatim).
MAX_TOKENS = 6
#: Labels whose single words are remembered as parts of the name.
PART_LABELS = frozenset({"PERS"})
#: Shortest key remembered as a part (shorter ones are particles and initials).
MIN_PART_LENGTH = 3

Entry = tuple[str, str, bool]  # (label, reliability bucket, is a part of a longer name)


def entities_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, label) of each entity in a BIO tag sequence (IOB1 `I-` opens one)."""
    out: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if start >= 0 and (prefix != "I" or lab != label):
            out.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, lab
    return out


def _bucket(reliability: float) -> str:
    if reliability >= 0.66:
        return "hi"
    if reliability >= 0.25:
        return "mid"
    return "lo"


def _majority(counts: Counter[str]) -> str:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def name_entries(
    entities: Iterable[tuple[Sequence[str], str]], stop: Collection[str] = ()
) -> tuple[dict[tuple[str, ...], Counter[str]], dict[tuple[str, ...], Counter[str]]]:
    """(whole entities, single-word parts of names) with their label counts, from (keys, label)."""
    whole: dict[tuple[str, ...], Counter[str]] = {}
    parts: dict[tuple[str, ...], Counter[str]] = {}
    for keys, label in entities:
        if not keys or len(keys) > MAX_TOKENS:
            continue
        whole.setdefault(tuple(keys), Counter())[label] += 1
        if label in PART_LABELS and len(keys) > 1:
            for key in keys:
                if len(key) >= MIN_PART_LENGTH and key not in stop:
                    parts.setdefault((key,), Counter())[label] += 1
    return whole, parts


@dataclass(slots=True)
class Memory:
    """Remembered entities: token-key tuple -> (label, reliability bucket, part)."""

    entries: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    _prefixes: set[tuple[str, ...]] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._prefixes = {key[:n] for key in self.entries for n in range(1, len(key) + 1)}

    @classmethod
    def build(
        cls, sentences: Iterable[tuple[Sequence[str], Sequence[str]]], stop: Collection[str] = ()
    ) -> Memory:
        """From (token keys, BIO tags) sentences: what was labelled, and how reliably. `stop`: keys
        never remembered as parts of names (titles, kinship particles)."""
        sentences = list(sentences)
        spans = [
            (keys[s:e], lab)
            for keys, tags in sentences
            for s, e, lab in entities_of(tags)
            if e - s <= MAX_TOKENS
        ]
        whole, parts = name_entries(spans, stop)
        labels = {**{k: (c, True) for k, c in parts.items()}, **{k: (c, False) for k, c in whole.items()}}
        draft = cls({key: (_majority(c), "hi", part) for key, (c, part) in labels.items()})
        seen: Counter[tuple[str, ...]] = Counter()
        hit: Counter[tuple[str, ...]] = Counter()
        for keys, tags in sentences:
            for s, e in draft.matches(keys):
                key = tuple(keys[s:e])
                seen[key] += 1
                label = draft.entries[key][0]
                hit[key] += all(t[2:] == label for t in tags[s:e])
        return cls(
            {
                key: (label, _bucket(hit[key] / seen[key] if seen[key] else 1.0), part)
                for key, (label, _b, part) in draft.entries.items()
            }
        )

    @classmethod
    def of_names(cls, entities: Iterable[tuple[Sequence[str], str]], stop: Collection[str] = ()) -> Memory:
        """A memory of these (keys, label) entities taken as reliable: what a tagger found in one
        document, for its second pass over that document."""
        whole, parts = name_entries(entities, stop)
        entries = {key: (_majority(c), "hi", True) for key, c in parts.items()}
        entries.update({key: (_majority(c), "hi", False) for key, c in whole.items()})
        return cls(entries)

    def matches(self, keys: Sequence[str]) -> list[tuple[int, int]]:
        """Leftmost-longest non-overlapping occurrences of remembered entities, as token ranges."""
        return [(s, e) for s, e, _entry in self.lookup(keys)]

    def lookup(self, keys: Sequence[str], extra: Memory | None = None) -> list[tuple[int, int, Entry]]:
        """Leftmost-longest occurrences in this memory and `extra` (which wins a tie), with entries."""
        layers = [self] if extra is None or not extra.entries else [extra, self]
        out: list[tuple[int, int, Entry]] = []
        n = len(keys)
        i = 0
        while i < n:
            best, entry = 0, None
            for layer in layers:
                prefixes, entries = layer._prefixes, layer.entries
                j = i
                while j < n and j - i < MAX_TOKENS:
                    prefix = tuple(keys[i : j + 1])
                    if prefix not in prefixes:
                        break
                    j += 1
                    if j > best and prefix in entries:
                        best, entry = j, entries[prefix]
            if entry is not None:
                out.append((i, best, entry))
                i = best
            else:
                i += 1
        return out

    def features(self, keys: Sequence[str], extra: Memory | None = None) -> list[str]:
        """Per token: "" or a memory tag such as `B-PERS/hi` (position, label, reliability); a part
        of a name matched alone is `P-PERS/hi`."""
        out = [""] * len(keys)
        for s, e, (label, bucket, part) in self.lookup(keys, extra):
            out[s] = f"{'P' if part else 'B'}-{label}/{bucket}"
            for k in range(s + 1, e):
                out[k] = f"I-{label}/{bucket}"
        return out

    def to_json(self) -> list[list[object]]:
        return [
            [list(key), label, bucket, part] for key, (label, bucket, part) in sorted(self.entries.items())
        ]

    @classmethod
    def from_json(cls, data: Iterable[Sequence[object]]) -> Memory:
        return cls({tuple(row[0]): (str(row[1]), str(row[2]), bool(row[3])) for row in data})  # type: ignore[misc,arg-type]

    def __len__(self) -> int:
        return len(self.entries)
