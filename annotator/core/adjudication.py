"""Adjudication: where annotators disagree, and building the final `adjudicated` layer.

A document's **disagreements** are computed from its annotators' real annotations (suggested spans
left out, the adjudicated layer not counted as an annotator):
- a span that not every annotator has (same start, end and label) is disputed; disputed spans that
  overlap and look like readings of the same thing (same label, same offsets, or sharing at least
  half of their joint extent) form one **unit**, so "PERS «محمد»" against "PERS «محمد علي»" or
  "GPE «القاهرة»" against "LOC «القاهرة»" is one place to settle, while an entity nested in a quote
  stays apart from the quote;
- a span everyone has but with different attributes (a QUOTE's type) is an `attributes` unit;
- a relation that some annotator lacks (no link of that type between spans overlapping its ends,
  with the same labels) is a `link` unit, grouped by its head: a quote linked to another speaker.
  A link whose quote or speaker only differs in its boundaries is not one: the span unit covers it.
Each unit carries every annotator's **version** (possibly empty: "no span here"), which the
adjudication view shows side by side and can copy into the adjudicated layer in one step.

`adjudicate_agreed` copies what all annotators of a document agree on into the adjudicated layer
and marks the document adjudicated when there is nothing left to settle. It adds only what the
layer lacks and leaves documents already marked adjudicated alone, so running it twice changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Change, NewSpan, Origin, Relation, Span, Status
from annotator.core.store import Store
from annotator.core.wording import counted

ADJUDICATED = "adjudicated"
SAME_READING = 0.5  # share of the joint extent two disputed spans must overlap to be one unit

__all__ = [
    "ADJUDICATED",
    "AdjudicationReport",
    "Unit",
    "Version",
    "accept_version",
    "adjudicate_agreed",
    "disagreements",
    "document_annotators",
]

SpanKey = tuple[int, int, str]


def _key(s: Span) -> SpanKey:
    return (s.start, s.end, s.label)


@dataclass(frozen=True, slots=True)
class Version:
    """One annotator's reading of a unit: their spans there and the relations among them."""

    annotator: str
    spans: tuple[Span, ...]
    relations: tuple[tuple[Relation, Span, Span], ...] = ()  # relation, head, tail

    @property
    def empty(self) -> bool:
        return not self.spans and not self.relations


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    kind: str  # "span", "attributes" or "link"
    versions: tuple[Version, ...]

    @property
    def labels(self) -> set[str]:
        return {s.label for v in self.versions for s in v.spans}


@dataclass(slots=True)
class _Layers:
    spans: dict[str, list[Span]]
    relations: dict[str, list[Relation]]


def document_annotators(store: Store, doc_id: int, statuses: Sequence[Status] | None = None) -> list[str]:
    """The annotators who worked on a document (real spans or a status past new), adjudicated apart;
    with `statuses`, only those whose status is one of them."""
    spans = store.spans(doc_id)
    worked = {s.annotator for s in spans if s.origin != Origin.SUGGESTED}
    states = store.all_statuses().get(doc_id, {})
    worked |= {a for a, st in states.items() if st != Status.NEW}
    worked.discard(ADJUDICATED)
    if statuses is not None:
        worked = {a for a in worked if states.get(a, Status.NEW) in statuses}
    return sorted(worked)


def _load(store: Store, doc_id: int, annotators: Sequence[str]) -> _Layers:
    spans: dict[str, list[Span]] = {a: [] for a in annotators}
    for s in store.spans(doc_id):
        if s.annotator in spans and s.origin != Origin.SUGGESTED:
            spans[s.annotator].append(s)
    real = {s.id for layer in spans.values() for s in layer}
    relations: dict[str, list[Relation]] = {a: [] for a in annotators}
    for r in store.relations(doc_id):
        if r.annotator in relations and r.head in real and r.tail in real:
            relations[r.annotator].append(r)
    return _Layers(spans, relations)


def _same_reading(a: Span, b: Span) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    if overlap <= 0:
        return False
    if a.label == b.label or (a.start, a.end) == (b.start, b.end):
        return True
    return overlap / (max(a.end, b.end) - min(a.start, b.start)) >= SAME_READING


def _groups(items: list[Span], joined) -> list[list[Span]]:
    """Connected groups of `items` under `joined` (union-find over the overlapping ones)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(items)), key=lambda i: (items[i].start, -items[i].end))
    active: list[int] = []
    for i in order:
        active = [j for j in active if items[j].end > items[i].start]
        for j in active:
            if joined(items[i], items[j]):
                parent[find(i)] = find(j)
        active.append(i)
    out: dict[int, list[Span]] = {}
    for i in order:
        out.setdefault(find(i), []).append(items[i])
    return list(out.values())


def _units(layers: _Layers, annotators: Sequence[str]) -> list[Unit]:
    holders: dict[SpanKey, set[str]] = {}
    for a in annotators:
        for s in layers.spans[a]:
            holders.setdefault(_key(s), set()).add(a)
    everyone = set(annotators)
    by_id = {s.id: s for a in annotators for s in layers.spans[a]}
    units: list[Unit] = []
    disputed = [s for a in annotators for s in layers.spans[a] if holders[_key(s)] != everyone]
    for group in _groups(disputed, _same_reading):
        versions = tuple(
            Version(
                a,
                tuple(sorted((s for s in group if s.annotator == a), key=_key)),
                _links(layers, a, group, by_id),
            )
            for a in annotators
        )
        units.append(Unit(min(s.start for s in group), max(s.end for s in group), "span", versions))
    for key, who in holders.items():
        if who != everyone:
            continue
        per = {a: next(s for s in layers.spans[a] if _key(s) == key) for a in annotators}
        if len({tuple(sorted(s.attrs.items())) for s in per.values()}) > 1:
            units.append(Unit(key[0], key[1], "attributes", tuple(Version(a, (per[a],)) for a in annotators)))
    # a link is disputed when another annotator has no link of its type between spans overlapping
    # its ends (a boundary difference of the quote or the speaker is a span unit already)
    heads = [
        by_id[r.head]
        for a in annotators
        for r in layers.relations[a]
        if not all(_has_link(r, layers.relations[b], by_id) for b in annotators if b != a)
    ]
    for group in _groups(heads, lambda x, y: x.start < y.end and y.start < x.end):
        start, end = min(s.start for s in group), max(s.end for s in group)
        types = {r.type for a in annotators for r in layers.relations[a] if by_id[r.head] in group}
        versions = tuple(
            Version(
                a,
                (),
                tuple(
                    (r, by_id[r.head], by_id[r.tail])
                    for r in layers.relations[a]
                    if r.type in types and by_id[r.head].start < end and start < by_id[r.head].end
                ),
            )
            for a in annotators
        )
        units.append(Unit(start, end, "link", versions))
    units.sort(key=lambda u: (u.start, -u.end, u.kind))
    return units


def _has_link(r: Relation, others: list[Relation], by_id: dict[int, Span]) -> bool:
    def near(x: Span, y: Span) -> bool:
        return x.label == y.label and x.start < y.end and y.start < x.end

    h, t = by_id[r.head], by_id[r.tail]
    return any(o.type == r.type and near(h, by_id[o.head]) and near(t, by_id[o.tail]) for o in others)


def _links(layers: _Layers, annotator: str, group: list[Span], by_id: dict[int, Span]) -> tuple:
    ids = {s.id for s in group if s.annotator == annotator}
    return tuple(
        (r, by_id[r.head], by_id[r.tail])
        for r in layers.relations[annotator]
        if r.head in ids or r.tail in ids
    )


def disagreements(store: Store, doc_id: int, annotators: Sequence[str] | None = None) -> list[Unit]:
    """Every unit left to settle in a document, in reading order (none with fewer than two annotators)."""
    names = list(annotators) if annotators is not None else document_annotators(store, doc_id)
    if len(names) < 2:
        return []
    return _units(_load(store, doc_id, names), names)


# ----------------------------------------------------------------------------- the adjudicated layer
def _new(s: Span, key: str = "") -> NewSpan:
    return NewSpan(
        s.start, s.end, s.label, dict(s.attrs), annotator=ADJUDICATED, origin=Origin.MANUAL, key=key
    )


def accept_version(
    store: Store, doc_id: int, unit: Unit, version: Version | None, *, record: bool = True
) -> Change:
    """Make the adjudicated layer read `version` at `unit` (None: none of them, nothing there), as
    one edit and one undo step: what the layer has there from any version is replaced by this one's.

    A span unit replaces the layer's spans that some version offers, or that lie inside the unit
    with one of its labels (an entity nested in a quote stays); its relations come along when their
    other end is in the layer. An attributes unit sets the attributes. A link unit replaces the
    layer's links of those types from heads there, adding the ends it needs."""
    mine = [s for s in store.spans(doc_id, ADJUDICATED) if s.origin != Origin.SUGGESTED]
    offered = {_key(s) for v in unit.versions for s in v.spans}
    remove: list[int] = []
    if unit.kind == "span":
        labels = unit.labels
        remove = [
            s.id
            for s in mine
            if _key(s) in offered or (unit.start <= s.start and s.end <= unit.end and s.label in labels)
        ]
    gone = set(remove)
    present = {_key(s): s for s in mine if s.id not in gone}
    refs: dict[SpanKey, int | str] = {k: s.id for k, s in present.items()}
    add: list[NewSpan] = []
    attrs: list[tuple[int, dict[str, str]]] = []

    def ref(s: Span) -> int | str:
        k = _key(s)
        if k not in refs:
            refs[k] = f"{k[0]}:{k[1]}:{k[2]}"
            add.append(_new(s, str(refs[k])))
        return refs[k]

    chosen = version if version is not None else Version(ADJUDICATED, ())
    for s in chosen.spans:
        if unit.kind == "attributes" and _key(s) in present:
            if present[_key(s)].attrs != s.attrs:
                attrs.append((present[_key(s)].id, dict(s.attrs)))
            continue
        ref(s)
    unlink: list[int] = []
    relations: list[tuple[str, int | str, int | str]] = []
    if unit.kind == "link":
        types = {r.type for v in unit.versions for r, _h, _t in v.relations}
        keep = {(r.type, _key(h), _key(t)) for r, h, t in chosen.relations}
        by_id = {s.id: s for s in mine}
        for r in store.relations(doc_id, ADJUDICATED):
            head, tail = by_id.get(r.head), by_id.get(r.tail)
            if head is None or tail is None or r.type not in types:
                continue
            if (
                head.start < unit.end
                and unit.start < head.end
                and (r.type, _key(head), _key(tail)) not in keep
            ):
                unlink.append(r.id)
        relations = [(r.type, ref(h), ref(t)) for r, h, t in chosen.relations]
    else:
        for r, h, t in chosen.relations:
            if all(_key(x) in refs for x in (h, t)):
                relations.append((r.type, refs[_key(h)], refs[_key(t)]))
    return store.edit_layer(
        doc_id,
        ADJUDICATED,
        remove=remove,
        add=add,
        attrs=attrs,
        relations=relations,
        unlink=unlink,
        record=record,
    )


@dataclass(slots=True)
class AdjudicationReport:
    documents: int = 0  # documents with two or more annotators
    updated: int = 0  # documents whose adjudicated layer gained something
    spans: int = 0
    relations: int = 0
    adjudicated: int = 0  # documents marked adjudicated by this run
    already: int = 0  # documents already marked adjudicated, left alone
    open_units: int = 0  # disagreements left to settle
    open_documents: list[str] = field(default_factory=list)
    single: int = 0  # documents with only one annotator, left alone

    def summary(self) -> str:
        lines = [
            f"{counted(self.documents, 'document')} with two or more annotators: {self.updated} updated "
            f"({counted(self.spans, 'span')}, {counted(self.relations, 'relation')} agreed by all copied), "
            f"{self.adjudicated} marked adjudicated, {self.already} already adjudicated"
        ]
        if self.open_units:
            lines.append(
                f"{counted(self.open_units, 'disagreement')} left to settle in {counted(len(self.open_documents), 'document')} "
                "(open the adjudication view: Review > Adjudicate)"
            )
        if self.single:
            one = self.single == 1
            lines.append(
                f"{counted(self.single, 'document')} {'has' if one else 'have'} a single annotator "
                f"and {'was' if one else 'were'} left alone"
            )
        return "\n".join(lines)


def adjudicate_agreed(
    store: Store, *, statuses: Sequence[Status] | None = None, documents: Iterable[int] | None = None
) -> AdjudicationReport:
    """Copy what all annotators agree on into the adjudicated layer (one transaction for the run)."""
    report = AdjudicationReport()
    doc_ids = list(documents) if documents is not None else store.document_ids()
    with store.transaction():
        for doc_id in doc_ids:
            names = document_annotators(store, doc_id, statuses)
            if len(names) < 2:
                report.single += 1 if names else 0
                continue
            report.documents += 1
            if store.status(doc_id, ADJUDICATED) == Status.ADJUDICATED:
                report.already += 1
                continue
            change = _copy_agreed(store, doc_id, names, report)
            report.updated += bool(change.spans_added or change.relations_added)
            if change.status is not None and change.status[1] == Status.ADJUDICATED:
                report.adjudicated += 1
    return report


def _copy_agreed(store: Store, doc_id: int, names: list[str], report: AdjudicationReport) -> Change:
    layers = _load(store, doc_id, names)
    units = _units(layers, names)
    first = layers.spans[names[0]]
    holders: dict[SpanKey, int] = {}
    for a in names:
        for k in {_key(s) for s in layers.spans[a]}:
            holders[k] = holders.get(k, 0) + 1
    agreed = {_key(s): s for s in first if holders[_key(s)] == len(names)}
    mine = {_key(s): s for s in store.spans(doc_id, ADJUDICATED) if s.origin != Origin.SUGGESTED}
    add: list[NewSpan] = []
    refs: dict[SpanKey, int | str] = {k: s.id for k, s in mine.items()}
    for k, s in sorted(agreed.items()):
        if k in mine:
            continue
        shared = dict(s.attrs)
        for a in names[1:]:
            other = next(x for x in layers.spans[a] if _key(x) == k)
            shared = {n: v for n, v in shared.items() if other.attrs.get(n) == v}
        refs[k] = f"{k[0]}:{k[1]}:{k[2]}"
        add.append(NewSpan(s.start, s.end, s.label, shared, ADJUDICATED, Origin.MANUAL, str(refs[k])))
    by_id = {s.id: s for a in names for s in layers.spans[a]}
    rel_count: dict[tuple[str, SpanKey, SpanKey], int] = {}
    for a in names:
        for k in {(r.type, _key(by_id[r.head]), _key(by_id[r.tail])) for r in layers.relations[a]}:
            rel_count[k] = rel_count.get(k, 0) + 1
    have = {
        (r.type, _key(store.span(r.head)), _key(store.span(r.tail)))
        for r in store.relations(doc_id, ADJUDICATED)
    }
    relations = [
        (t, refs[h], refs[tl])
        for (t, h, tl), n in sorted(rel_count.items())
        if n == len(names) and (t, h, tl) not in have and h in refs and tl in refs
    ]
    if units:
        report.open_units += len(units)
        report.open_documents.append(store.document(doc_id).name)
        status = (
            Status.IN_PROGRESS
            if store.status(doc_id, ADJUDICATED) == Status.NEW and (add or relations)
            else None
        )
    else:
        status = Status.ADJUDICATED
    change = store._edit_layer(doc_id, ADJUDICATED, (), add, (), relations, status, True)
    report.spans += len(change.spans_added)
    report.relations += len(change.relations_added)
    return change
