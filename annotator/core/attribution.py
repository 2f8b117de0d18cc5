"""Quote attribution with few actions: guessed attributes, links made or proposed, link candidates ranked.

Labelling a span is the moment the annotator says most: what is selected, what it is, and what was
labelled just before. From that, and from the schema alone (no label name is built in):

- `guess_attrs`: a QUOTE's type from its quotation marks (direct when it is wholly inside a pair,
  mixed when it holds a quoted piece, indirect otherwise) and a SPEAKER's kind from its first words
  (the head words of the suggestion rules' speakers.toml: title, anonymous, media, named institutions,
  pronouns; a title with a name in apposition, or no such word, is named), or from how the same words were labelled before. An attribute is guessed
  when the label's attribute takes those values; the window shows the guess for one-key correction.
- `plan_links`: for every relation type between different labels (ATTRIBUTED_TO, CUE_OF; not
  CONTINUES or SAME_AS, whose ends share a label), the partner of the new span in the same
  sentence: a span labelled in the same run of labelling (since the last span with the new span's
  label) is linked at once; otherwise the nearest one is proposed. A partner that is a head already
  linked by that type, or a `one_per_tail` tail already linked, is never offered.
- `rank_candidates`: the order in which linking by key offers targets: the same sentence first,
  then earlier sentences, then later ones, nearest first, with `one_per_tail` targets that already
  have a link of that type last.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.clitics import light
from annotator.core.lexicon import speaker_kind
from annotator.core.model import Origin, Relation, Span
from annotator.core.schema import Label, RelationType, Schema
from annotator.core.text import QUOTES, sentence_around

__all__ = [
    "LinkPlan",
    "guess_attrs",
    "guess_quote_type",
    "guess_speaker_kind",
    "plan_links",
    "rank_candidates",
]

QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("named", "title", "anonymous", "pronoun", "media")
#: Opening mark -> the closing marks that pair with it (« », “ ” and „ “, ‹ ›, " ", ' ').
_PAIRS = {
    "«": "»",
    "»": "«",  # some texts quote »like this«
    "“": "”“",
    "„": "“”",
    "‹": "›",
    "›": "‹",
    "‘": "’",
    '"': '"',
    "'": "'",
}
RECENT_MAX = 6  # how far back "labelled in the same run" reaches


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """A link for a span being labelled: `rel` between it and span `other`; `auto` links at once."""

    rel: str
    other: int
    new_is_head: bool
    auto: bool

    def ends(self, new_id: int) -> tuple[int, int]:
        """(head, tail) once the new span has its id."""
        return (new_id, self.other) if self.new_is_head else (self.other, new_id)


# ------------------------------------------------------------------ attributes
def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or unicodedata.category(text[start])[0] == "P"):
        if text[start] in QUOTES:
            break
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1])[0] == "P"):
        if text[end - 1] in QUOTES:
            break
        end -= 1
    return start, end


def _closing(text: str, s: int, e: int) -> int:
    """Index of the first mark in text[s+1:e] that closes the mark at s (-1: none)."""
    closers = _PAIRS[text[s]]
    return next((i for i in range(s + 1, e) if text[i] in closers), -1)


def guess_quote_type(text: str, start: int, end: int) -> str:
    """direct, mixed or indirect, from the quotation marks of (and around) text[start:end]."""
    s, e = _stripped(text, start, end)
    if e - s >= 2 and text[s] in _PAIRS and _closing(text, s, e) == e - 1:
        return "direct"
    if s > 0 and e < len(text) and text[s - 1] in _PAIRS and _closing(text, s - 1, e + 1) == e:
        return "direct"  # selected inside the marks
    marks = [c for c in text[s:e] if c in QUOTES]
    return "mixed" if len(marks) >= 2 else "indirect"


def guess_speaker_kind(surface: str, kinds: Iterable[str]) -> str | None:
    """The kind (one of `kinds`) the first words of `surface` give away; see the module docstring."""
    kinds = set(kinds)
    words = [w.strip("\"'«»“”،,:") for w in surface.split()]
    words = [w for w in words if w]
    if not words:
        return None
    kind = speaker_kind(words)
    if kind == "title" and ("،" in surface or "," in surface):
        kind = "named"  # a title with the name in apposition: "وزير الخارجية التركي، هاكان فيدان"
    if kind is None:
        kind = "named"
    return kind if kind in kinds else None


def _attr_for(label: Label, wanted: Iterable[str]) -> tuple[str, tuple[str, ...]] | None:
    """The label's attribute whose values include all of `wanted` (quote types) or any (kinds)."""
    wanted = set(wanted)
    for name, values in label.attributes.items():
        if wanted & set(values):
            return name, values
    return None


def guess_attrs(
    schema: Schema, label: str, text: str, start: int, end: int, before: Iterable[dict[str, str]] = ()
) -> dict[str, str]:
    """Attributes to give a new span: the values the same words had before (`before`: the attrs of
    earlier spans with this label and surface), else the guesses of this module."""
    try:
        lab = schema.label(label)
    except KeyError:
        return {}
    out: dict[str, str] = {}
    earlier = list(before)
    for name, values in lab.attributes.items():
        seen = Counter(a[name] for a in earlier if a.get(name) in values)
        if seen:
            out[name] = seen.most_common(1)[0][0]
    quote_attr = _attr_for(lab, QUOTE_TYPES)
    if quote_attr and set(QUOTE_TYPES) <= set(quote_attr[1]) and quote_attr[0] not in out:
        out[quote_attr[0]] = guess_quote_type(text, start, end)
    kind_attr = _attr_for(lab, SPEAKER_KINDS)
    if kind_attr and kind_attr[0] not in out and kind_attr != quote_attr:
        kind = guess_speaker_kind(text[start:end], kind_attr[1])
        if kind is not None:
            out[kind_attr[0]] = kind
    return out


# ------------------------------------------------------------------ links
def recent_run(labelled: Sequence[tuple[int, str]], label: str) -> list[int]:
    """Ids labelled in the current run: after the last span labelled `label`, at most RECENT_MAX.

    `labelled` is (span id, label) in the order the annotator labelled them."""
    out: list[int] = []
    for sid, lab in reversed(labelled):
        if lab == label or len(out) >= RECENT_MAX:
            break
        out.append(sid)
    return out


def _linkable(rel: RelationType) -> bool:
    return not set(rel.heads) & set(rel.tails)


def _gap(a: Span, start: int, end: int) -> int:
    return max(a.start - end, start - a.end, 0)


def plan_links(
    schema: Schema,
    text: str,
    spans: Iterable[Span],
    relations: Iterable[Relation],
    start: int,
    end: int,
    label: str,
    recent: Iterable[int] = (),
) -> list[LinkPlan]:
    """Links for a span about to be labelled `label` over text[start:end]; see the module docstring."""
    a, b = sentence_around(text, start, end)
    near = [
        s
        for s in spans
        if s.start < b and s.end > a and s.origin != Origin.SUGGESTED and (s.end <= start or s.start >= end)
    ]
    if not near:
        return []
    recent = set(recent)
    rels = list(relations)
    plans: list[LinkPlan] = []
    for rel in schema.relations:
        if not _linkable(rel):
            continue
        if label in rel.heads:
            partners, new_is_head = rel.tails, True
        elif label in rel.tails:
            partners, new_is_head = rel.heads, False
        else:
            continue
        linked_heads = {r.head for r in rels if r.type == rel.name}
        linked_tails = {r.tail for r in rels if r.type == rel.name}
        cands = [
            s
            for s in near
            if s.label in partners
            and not (not new_is_head and s.id in linked_heads)
            and not (new_is_head and rel.one_per_tail and s.id in linked_tails)
        ]
        if not cands:
            continue
        best = min(cands, key=lambda s: (s.id not in recent, _gap(s, start, end), s.start))
        plans.append(LinkPlan(rel.name, best.id, new_is_head, best.id in recent))
    return plans


def rank_candidates(
    text: str, anchor: Span, candidates: Iterable[Span], linked: Iterable[int] = ()
) -> list[Span]:
    """Targets for linking from `anchor`: its sentence's first, then earlier sentences' (a speaker
    left implicit, as in "وأضاف أن…", is one named before), then later ones', each nearest first;
    `linked` ones last."""
    a, b = sentence_around(text, anchor.start, anchor.end)
    linked = set(linked)

    def key(s: Span) -> tuple[bool, int, int, int]:
        where = 0 if (s.start < b and s.end > a) else 1 if s.end <= anchor.start else 2
        return (s.id in linked, where, _gap(s, anchor.start, anchor.end), s.start)

    return sorted(candidates, key=key)


class SurfaceAttrs:
    """The attributes of a layer's spans (not suggestions) by label and surface, for `guess_attrs`:
    kept up to date span by span (`add`, `remove`), so a label key does not read every span of the
    document to find the earlier ones with its words."""

    def __init__(self, text: str, spans: Iterable[Span] = ()) -> None:
        self._text = text
        self._by_key: dict[tuple[str, str], dict[int, Span]] = {}
        for span in spans:
            self.add(span)

    def _key(self, span: Span) -> tuple[str, str]:
        return span.label, light(self._text[span.start : span.end])

    def add(self, span: Span) -> None:
        if span.attrs and span.origin != Origin.SUGGESTED:
            self._by_key.setdefault(self._key(span), {})[span.id] = span

    def remove(self, span: Span) -> None:
        same = self._by_key.get(self._key(span))
        if same is not None:
            same.pop(span.id, None)

    def attrs(self, label: str, surface: str) -> list[dict[str, str]]:
        """The attributes of the earlier spans with this label and surface, in reading order."""
        n = len(surface)
        same = self._by_key.get((label, light(surface)), {}).values()
        return [
            s.attrs
            for s in sorted(same, key=lambda s: (s.start, -s.end, s.id))
            if abs(s.end - s.start - n) <= 4
        ]
