"""Inter-annotator agreement: span P/R/F1, Cohen's kappa and Krippendorff's alpha on tokens, links,
attributes.

What is compared, and why so:
- Only real annotations: suggested spans (origin `suggested`) and the relations touching them are
  left out, and so is the `adjudicated` layer unless it is named (it is a result, not a rater).
- An annotator takes part in a document when they worked on it (a status other than new, or a real
  span), and, with a status filter, when their status is one of those. A pair is compared on the
  documents both take part in; alpha on the documents two or more take part in.
- **Spans** match exactly (same start, end and label) or by overlap (same label, sharing at least one
  character). Overlap matching is one-to-one (a maximum matching), so one long span cannot match
  two short ones and the count of matches is the same from either side: F1 is symmetric, and
  P(b against a) = R(a against b). The first annotator of a pair is the reference.
- **Tokens** come from the project's tokenizer (the CoNLL tokens kept at import, else the
  Arabic-aware one, as the exporters use). A token carries every label of the spans it overlaps.
  Per label the token value is binary (inside a span of it or not); overall it is the set of labels
  (`O` for none, `PERS`, `QUOTE+SPEAKER`...), so nested spans are compared, not flattened away.
  Cohen's kappa is computed per pair, Krippendorff's alpha (nominal) over all annotators at once,
  with the annotators who did not take part in a document as missing values.
- **Relations** (ATTRIBUTED_TO and every other type) match when their type, head and tail match:
  exactly, or by overlap of both ends (one-to-one again).
- **Attributes** (a QUOTE's type, a SPEAKER's kind) are compared on the spans matched by overlap:
  the share of equal values and Cohen's kappa over the matched pairs (an unset value is a value).

A figure that cannot be computed (no span at all, every token alike for kappa or alpha) is None,
never a made-up 0 or 1.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.exporters.common import tokens_for
from annotator.core.model import Document, Origin, Relation, Span, Status
from annotator.core.store import Store

ADJUDICATED = "adjudicated"
ALL = "ALL"  # the key of the overall figures
NONE_VALUE = "(unset)"  # an attribute a span does not have, compared as a value
OUTSIDE = "O"

__all__ = [
    "ADJUDICATED",
    "ALL",
    "AgreementOptions",
    "AgreementReport",
    "Layer",
    "cohen_kappa",
    "compute",
    "krippendorff_alpha",
    "load_layers",
    "match_overlap",
    "measure",
    "pair_key",
    "token_categories",
]


# ----------------------------------------------------------------------------- plain data
@dataclass(frozen=True, slots=True)
class ASpan:
    """A span as agreement sees it: offsets, label (after --map) and attributes."""

    start: int
    end: int
    label: str
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(frozen=True, slots=True)
class ARelation:
    type: str
    head: ASpan
    tail: ASpan


@dataclass(slots=True)
class Layer:
    """One annotator's real annotations of one document."""

    spans: list[ASpan] = field(default_factory=list)
    relations: list[ARelation] = field(default_factory=list)


@dataclass(slots=True)
class DocLayers:
    doc: Document
    tokens: list[tuple[int, int]]
    layers: dict[str, Layer]  # annotator -> layer, only those who take part


@dataclass(slots=True)
class AgreementOptions:
    """Filters, as export's: statuses, annotators, labels (with --map) and documents."""

    statuses: tuple[Status, ...] | None = None  # None: every document the annotator worked on
    annotators: tuple[str, ...] | None = None  # None: everyone but the adjudicated layer
    include_labels: tuple[str, ...] | None = None
    exclude_labels: tuple[str, ...] = ()
    label_map: dict[str, str] = field(default_factory=dict)
    documents: tuple[int, ...] | None = None


def pair_key(a: str, b: str) -> str:
    return f"{a} ~ {b}"


# ----------------------------------------------------------------------------- loading
def _label_ok(label: str, options: AgreementOptions) -> bool:
    if options.include_labels is not None and label not in options.include_labels:
        return False
    return label not in options.exclude_labels


def _layer(spans: Iterable[Span], relations: Iterable[Relation], options: AgreementOptions) -> Layer:
    kept: dict[int, ASpan] = {}
    for s in spans:
        if s.origin == Origin.SUGGESTED or not _label_ok(s.label, options):
            continue
        label = options.label_map.get(s.label, s.label)
        kept[s.id] = ASpan(s.start, s.end, label, tuple(sorted(s.attrs.items())) if s.attrs else ())
    rels = [
        ARelation(r.type, kept[r.head], kept[r.tail]) for r in relations if r.head in kept and r.tail in kept
    ]
    return Layer(list(kept.values()), rels)


def load_layers(store: Store, options: AgreementOptions | None = None) -> list[DocLayers]:
    """Every document with at least one taking-part annotator, with those annotators' layers."""
    options = options or AgreementOptions()
    statuses = store.all_statuses()
    wanted = set(options.statuses) if options.statuses is not None else None
    doc_ids = list(options.documents) if options.documents is not None else store.document_ids()
    out: list[DocLayers] = []
    for doc_id in doc_ids:
        spans = store.spans(doc_id)
        relations = store.relations(doc_id)
        st = statuses.get(doc_id, {})
        worked = {s.annotator for s in spans if s.origin != Origin.SUGGESTED}
        worked |= {a for a, s in st.items() if s != Status.NEW}
        if options.annotators is not None:
            worked &= set(options.annotators)
        else:
            worked.discard(ADJUDICATED)
        if wanted is not None:
            worked = {a for a in worked if st.get(a, Status.NEW) in wanted}
        if not worked:
            continue
        by_annotator: dict[str, tuple[list[Span], list[Relation]]] = {a: ([], []) for a in worked}
        for s in spans:
            if s.annotator in by_annotator:
                by_annotator[s.annotator][0].append(s)
        for r in relations:
            if r.annotator in by_annotator:
                by_annotator[r.annotator][1].append(r)
        doc = store.document(doc_id)
        layers = {a: _layer(sp, rl, options) for a, (sp, rl) in sorted(by_annotator.items())}
        tokens = list(doc.tokens) if doc.tokens is not None else tokens_for(doc)
        out.append(DocLayers(doc, tokens, layers))
    return out


# ----------------------------------------------------------------------------- span matching
def match_overlap(a: Sequence[Any], b: Sequence[Any], overlaps: Any = None) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between `a` and `b` where an edge is `overlaps(x, y)` (default:
    the two spans share a character). Kuhn's augmenting paths: the graphs here are tiny and sparse,
    and a maximum matching makes the count independent of the order spans come in. Candidates are
    found by bisection on start offsets (of spans, or of relations' heads)."""
    if not a or not b:
        return []
    ends_of = [(x.start, x.end) if hasattr(x, "start") else (x.head.start, x.head.end) for x in a]
    ivs = [
        (y.start, y.end, j) if hasattr(y, "start") else (y.head.start, y.head.end, j) for j, y in enumerate(b)
    ]
    ivs.sort()
    starts = [iv[0] for iv in ivs]
    longest = max(e - s for s, e, _j in ivs)
    adj: list[list[int]] = []
    for i, (xs, xe) in enumerate(ends_of):
        lo = bisect_left(starts, xs - longest)
        hi = bisect_left(starts, xe)
        near = [j for s, e, j in ivs[lo:hi] if e > xs]  # intervals sharing a character with x
        if overlaps is not None:
            near = [j for j in near if overlaps(a[i], b[j])]
        adj.append(near)
    owner: dict[int, int] = {}  # index in b -> index in a

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(a)):
        if adj[i]:
            # a free candidate first (the common case), then the augmenting search
            free = next((j for j in adj[i] if j not in owner), None)
            if free is not None:
                owner[free] = i
            else:
                augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _exact_count(a: Sequence[ASpan], b: Sequence[ASpan]) -> int:
    ka, kb = [s.key for s in a], [s.key for s in b]
    sa, sb = set(ka), set(kb)
    if len(sa) == len(ka) and len(sb) == len(kb):  # no span twice: a set intersection is enough
        return len(sa & sb)
    return sum((Counter(ka) & Counter(kb)).values())


def _self_disjoint(spans: Sequence[ASpan]) -> bool:
    """Whether no two of these spans share a character (the usual case within one label)."""
    ordered = sorted((s.start, s.end) for s in spans)
    return all(prev[1] <= nxt[0] for prev, nxt in zip(ordered, ordered[1:], strict=False))


def _span_matches(
    sa: Sequence[ASpan], sb: Sequence[ASpan], a_disjoint: bool, b_disjoint: bool
) -> tuple[int, list[tuple[int, int]]]:
    """Exact matches, and a maximum overlap matching, of two annotators' spans of one label.

    When neither side has two spans sharing a character and no span twice, a span with its exact
    twin on the other side overlaps nothing else there (anything overlapping one would overlap the
    other, which its own side's spans do not): such pairs are isolated edges, taken as they are, and
    only the rest goes through the matching search."""
    ka, kb = {s.key: i for i, s in enumerate(sa)}, {s.key: j for j, s in enumerate(sb)}
    if not (a_disjoint and b_disjoint and len(ka) == len(sa) and len(kb) == len(sb)):
        return _exact_count(sa, sb), match_overlap(sa, sb)
    twins = [(ka[k], kb[k]) for k in ka.keys() & kb.keys()]
    taken_a, taken_b = {i for i, _ in twins}, {j for _, j in twins}
    rest_a = [i for i in range(len(sa)) if i not in taken_a]
    rest_b = [j for j in range(len(sb)) if j not in taken_b]
    more = match_overlap([sa[i] for i in rest_a], [sb[j] for j in rest_b])
    return len(twins), sorted(twins + [(rest_a[i], rest_b[j]) for i, j in more])


def _by_label(spans: Iterable[ASpan]) -> dict[str, list[ASpan]]:
    out: dict[str, list[ASpan]] = {}
    for s in spans:
        out.setdefault(s.label, []).append(s)
    return out


@dataclass(slots=True)
class PRF:
    """Matches and sizes; P, R and F1 of `b` against the reference `a`."""

    matched: int = 0
    a: int = 0
    b: int = 0

    def add(self, matched: int, a: int, b: int) -> None:
        self.matched += matched
        self.a += a
        self.b += b

    @property
    def precision(self) -> float | None:
        return self.matched / self.b if self.b else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.a if self.a else None

    @property
    def f1(self) -> float | None:
        return 2 * self.matched / (self.a + self.b) if self.a + self.b else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "matched": self.matched,
            "a": self.a,
            "b": self.b,
        }


# ----------------------------------------------------------------------------- coefficients
def cohen_kappa(pairs: Counter[tuple[Any, Any]]) -> float | None:
    """Cohen's kappa from counts of (value of rater 1, value of rater 2); None when chance agreement
    is total (both raters gave one and the same value to everything)."""
    n = sum(pairs.values())
    if not n:
        return None
    observed = sum(c for (x, y), c in pairs.items() if x == y) / n
    m1: Counter[Any] = Counter()
    m2: Counter[Any] = Counter()
    for (x, y), c in pairs.items():
        m1[x] += c
        m2[y] += c
    expected = sum(m1[v] * m2[v] for v in m1) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Counter[tuple[Any, ...]]) -> float | None:
    """Krippendorff's alpha for nominal data from counts of units; a unit is the tuple of values its
    raters gave (None for a missing value). Units with fewer than two values are not pairable and
    are left out. None when all pairable values are one and the same (no disagreement is possible)."""
    coincidence: Counter[tuple[Any, Any]] = Counter()
    for unit, count in units.items():
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        per = Counter(values)
        for c, nc in per.items():
            for k, nk in per.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    coincidence[(c, k)] += count * pairs / (m - 1)
    totals: Counter[Any] = Counter()
    for (c, _k), v in coincidence.items():
        totals[c] += v
    n = sum(totals.values())
    disagree = sum(v for (c, k), v in coincidence.items() if c != k)
    expected = n * n - sum(v * v for v in totals.values())  # sum over c != k of n_c * n_k
    if n <= 1 or expected <= 0:
        return None
    return 1.0 - (n - 1) * disagree / expected


# ----------------------------------------------------------------------------- tokens
def token_labels(
    tokens: Sequence[tuple[int, int]],
    spans: Iterable[ASpan],
    bounds: tuple[list[int], list[int]] | None = None,
) -> dict[int, str]:
    """The category of every token some span overlaps (index -> sorted labels joined by "+");
    the others are "O". Sparse, because most tokens of a news text are outside every span.
    `bounds`: the tokens' starts and ends, when the caller has them already."""
    starts, ends = bounds or ([t[0] for t in tokens], [t[1] for t in tokens])
    covering: dict[int, set[str]] = {}
    for s in spans:
        first = bisect_right(ends, s.start)  # first token ending after the span starts
        last = bisect_left(starts, s.end)  # tokens before `last` start before the span ends
        for k in range(first, last):
            covering.setdefault(k, set()).add(s.label)
    return {
        k: "+".join(sorted(labels)) if len(labels) > 1 else next(iter(labels))
        for k, labels in covering.items()
    }


def token_categories(tokens: Sequence[tuple[int, int]], spans: Iterable[ASpan]) -> list[str]:
    """Each token's category: the sorted labels of the spans overlapping it joined by "+", or "O"."""
    cats = [OUTSIDE] * len(tokens)
    for k, cat in token_labels(tokens, spans).items():
        cats[k] = cat
    return cats


def _has(category: str | None, label: str) -> bool | None:
    if category is None:
        return None
    return label in category.split("+")


# ----------------------------------------------------------------------------- the report
@dataclass(slots=True)
class AgreementReport:
    annotators: list[str]
    labels: list[str]
    documents: int = 0  # documents two or more annotators took part in
    tokens: int = 0  # tokens of those documents
    pair_documents: dict[str, int] = field(default_factory=dict)
    spans_exact: dict[str, dict[str, PRF]] = field(default_factory=dict)  # label|ALL -> pair -> PRF
    spans_overlap: dict[str, dict[str, PRF]] = field(default_factory=dict)
    kappa: dict[str, dict[str, float | None]] = field(default_factory=dict)  # label|ALL -> pair -> kappa
    alpha: dict[str, float | None] = field(default_factory=dict)  # label|ALL -> alpha
    relations_exact: dict[str, dict[str, PRF]] = field(default_factory=dict)  # type -> pair -> PRF
    relations_overlap: dict[str, dict[str, PRF]] = field(default_factory=dict)
    attributes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # LABEL.attr -> pair

    @property
    def pairs(self) -> list[str]:
        return [pair_key(a, b) for a, b in itertools.combinations(self.annotators, 2)]

    def mean_f1(self, label: str, exact: bool = False) -> float | None:
        """The mean over pairs of a label's F1 (for charts); None when no pair has a figure."""
        table = (self.spans_exact if exact else self.spans_overlap).get(label, {})
        values = [p.f1 for p in table.values() if p.f1 is not None]
        return sum(values) / len(values) if values else None

    def mean_kappa(self, label: str) -> float | None:
        values = [k for k in self.kappa.get(label, {}).values() if k is not None]
        return sum(values) / len(values) if values else None

    def to_dict(self) -> dict[str, Any]:
        def prf(table: dict[str, dict[str, PRF]]) -> dict[str, Any]:
            return {k: {p: v.to_dict() for p, v in pairs.items()} for k, pairs in table.items()}

        return {
            "annotators": self.annotators,
            "labels": self.labels,
            "documents": self.documents,
            "tokens": self.tokens,
            "pair_documents": self.pair_documents,
            "spans": {"exact": prf(self.spans_exact), "overlap": prf(self.spans_overlap)},
            "tokens_agreement": {
                k: {"alpha": self.alpha.get(k), "kappa": self.kappa.get(k, {})} for k in [*self.labels, ALL]
            },
            "relations": {"exact": prf(self.relations_exact), "overlap": prf(self.relations_overlap)},
            "attributes": self.attributes,
        }


def _rel_key(r: ARelation) -> tuple[str, tuple[int, int, str], tuple[int, int, str]]:
    """A relation's identity: its type and its ends' offsets and labels (attributes apart)."""
    return (r.type, r.head.key, r.tail.key)


def _relation_overlaps(x: ARelation, y: ARelation) -> bool:
    return (
        x.type == y.type
        and x.head.label == y.head.label
        and x.tail.label == y.tail.label
        and x.head.start < y.head.end
        and y.head.start < x.head.end
        and x.tail.start < y.tail.end
        and y.tail.start < x.tail.end
    )


def compute(docs: Sequence[DocLayers], labels: Sequence[str] | None = None) -> AgreementReport:
    """Every figure over already loaded layers (see the module docstring for the definitions)."""
    annotators = sorted({a for d in docs for a in d.layers})
    seen_labels = {s.label for d in docs for layer in d.layers.values() for s in layer.spans}
    ordered = [lab for lab in (labels or []) if lab in seen_labels]
    ordered += sorted(seen_labels - set(ordered))
    report = AgreementReport(annotators=annotators, labels=ordered)
    pairs = list(itertools.combinations(annotators, 2))
    keys = [*ordered, ALL]
    for table in (report.spans_exact, report.spans_overlap):
        for k in keys:
            table[k] = {pair_key(a, b): PRF() for a, b in pairs}
    rel_types = sorted({r.type for d in docs for layer in d.layers.values() for r in layer.relations})
    for table in (report.relations_exact, report.relations_overlap):
        for t in rel_types:
            table[t] = {pair_key(a, b): PRF() for a, b in pairs}
    token_pairs: dict[str, Counter[tuple[str, str]]] = {pair_key(a, b): Counter() for a, b in pairs}
    units: Counter[tuple[str | None, ...]] = Counter()
    attr_pairs: dict[str, dict[str, Counter[tuple[str, str]]]] = {}
    report.pair_documents = {pair_key(a, b): 0 for a, b in pairs}

    for d in docs:
        present = [a for a in annotators if a in d.layers]
        if len(present) >= 2:
            report.documents += 1
            report.tokens += len(d.tokens)
        n_tokens = len(d.tokens)
        bounds = ([t[0] for t in d.tokens], [t[1] for t in d.tokens])
        cats = {a: token_labels(d.tokens, d.layers[a].spans, bounds) for a in present}
        if len(present) >= 2:
            # tokens no one labelled are one unit shape: counted at once, not token by token
            labelled = sorted(set().union(*(cats[a] for a in present)))
            blank = tuple(OUTSIDE if a in cats else None for a in annotators)
            units[blank] += n_tokens - len(labelled)
            units.update(
                tuple(cats[a].get(k, OUTSIDE) if a in cats else None for a in annotators) for k in labelled
            )
        grouped = {a: _by_label(d.layers[a].spans) for a in present}
        disjoint = {a: {lab: _self_disjoint(sp) for lab, sp in grouped[a].items()} for a in present}
        for a, b in pairs:
            if a not in d.layers or b not in d.layers:
                continue
            pk = pair_key(a, b)
            report.pair_documents[pk] += 1
            ca, cb = cats[a], cats[b]
            either = ca.keys() | cb.keys()
            token_pairs[pk][(OUTSIDE, OUTSIDE)] += n_tokens - len(either)
            token_pairs[pk].update((ca.get(k, OUTSIDE), cb.get(k, OUTSIDE)) for k in either)
            la, lb = d.layers[a], d.layers[b]
            for label in ordered:
                sa, sb = grouped[a].get(label, []), grouped[b].get(label, [])
                if not sa and not sb:
                    continue
                exact, matching = _span_matches(
                    sa, sb, disjoint[a].get(label, True), disjoint[b].get(label, True)
                )
                for k in (label, ALL):
                    report.spans_exact[k][pk].add(exact, len(sa), len(sb))
                    report.spans_overlap[k][pk].add(len(matching), len(sa), len(sb))
                names = sorted({n for s in sa + sb for n, _v in s.attrs})
                for i, j in matching:
                    da, db = dict(sa[i].attrs), dict(sb[j].attrs)
                    for name in names:
                        key = f"{label}.{name}"
                        attr_pairs.setdefault(key, {}).setdefault(pk, Counter())[
                            (da.get(name, NONE_VALUE), db.get(name, NONE_VALUE))
                        ] += 1
            for t in rel_types:
                ra = [r for r in la.relations if r.type == t]
                rb = [r for r in lb.relations if r.type == t]
                if not ra and not rb:
                    continue
                exact = sum((Counter(map(_rel_key, ra)) & Counter(map(_rel_key, rb))).values())
                report.relations_exact[t][pk].add(exact, len(ra), len(rb))
                matched = len(match_overlap(ra, rb, _relation_overlaps))
                report.relations_overlap[t][pk].add(matched, len(ra), len(rb))

    # token coefficients: the overall category, then each label as inside / outside
    for pk, counts in token_pairs.items():
        report.kappa.setdefault(ALL, {})[pk] = cohen_kappa(counts)
        for label in ordered:
            binary: Counter[tuple[Any, Any]] = Counter()
            for (x, y), c in counts.items():
                binary[(_has(x, label), _has(y, label))] += c
            report.kappa.setdefault(label, {})[pk] = cohen_kappa(binary)
    report.alpha[ALL] = krippendorff_alpha(units)
    for label in ordered:
        binary_units: Counter[tuple[Any, ...]] = Counter()
        for unit, c in units.items():
            binary_units[tuple(_has(v, label) for v in unit)] += c
        report.alpha[label] = krippendorff_alpha(binary_units)
    for key, per_pair in sorted(attr_pairs.items()):
        report.attributes[key] = {
            pk: {
                "matched": sum(counts.values()),
                "agreement": sum(c for (x, y), c in counts.items() if x == y) / sum(counts.values()),
                "kappa": cohen_kappa(counts),
            }
            for pk, counts in per_pair.items()
        }
    return report


def measure(store: Store, options: AgreementOptions | None = None) -> AgreementReport:
    """Load the layers the filters select and compute every figure."""
    options = options or AgreementOptions()
    schema_order = [options.label_map.get(n, n) for n in store.schema.label_names]
    return compute(load_layers(store, options), list(dict.fromkeys(schema_order)))


# ----------------------------------------------------------------------------- rows for tables
SPAN_COLUMNS = (
    "label",
    "pair",
    "docs",
    "exact P",
    "exact R",
    "exact F1",
    "overlap P",
    "overlap R",
    "overlap F1",
    "kappa",
)


RELATION_COLUMNS = ("type", "pair", "exact F1", "overlap F1", "links 1", "links 2")
ATTRIBUTE_COLUMNS = ("attribute", "pair", "matched", "agreement", "kappa")


def span_rows(report: AgreementReport) -> list[list[Any]]:
    """One row per label (then ALL) and pair: the span and token figures (None where undefined)."""
    rows: list[list[Any]] = []
    for label in [*report.labels, ALL]:
        for pk in report.pairs:
            ex, ov = report.spans_exact[label][pk], report.spans_overlap[label][pk]
            rows.append(
                [
                    label,
                    pk,
                    report.pair_documents.get(pk, 0),
                    ex.precision,
                    ex.recall,
                    ex.f1,
                    ov.precision,
                    ov.recall,
                    ov.f1,
                    report.kappa.get(label, {}).get(pk),
                ]
            )
    return rows


def relation_rows(report: AgreementReport) -> list[list[Any]]:
    """(type, pair, exact F1, overlap F1, links of the first, links of the second) per relation type."""
    return [
        [t, pk, ex.f1, report.relations_overlap[t][pk].f1, ex.a, ex.b]
        for t, pairs in report.relations_exact.items()
        for pk, ex in pairs.items()
    ]


def attribute_rows(report: AgreementReport) -> list[list[Any]]:
    """(LABEL.attribute, pair, matched spans, share equal, kappa)."""
    return [
        [key, pk, v["matched"], v["agreement"], v["kappa"]]
        for key, pairs in report.attributes.items()
        for pk, v in pairs.items()
    ]


def figure(value: Any) -> str:
    """A figure as printed: three decimals, "n/a" where it cannot be computed."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
