"""Agreement figures against values computed by hand and against scikit-learn and `krippendorff`."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import (
    ALL,
    AgreementOptions,
    ASpan,
    cohen_kappa,
    krippendorff_alpha,
    match_overlap,
    measure,
    pair_key,
    token_categories,
)
from annotator.core.model import NewDocument, Origin, Status
from annotator.core.store import Store
from annotator.core.text import tokenize

# ----------------------------------------------------------------------------- coefficients by hand


def test_cohen_kappa_by_hand() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15: po 0.7, pe 0.5 -> 0.4
    counts = Counter({("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15})
    assert cohen_kappa(counts) == pytest.approx(0.4)
    assert cohen_kappa(Counter({("O", "O"): 9})) is None  # chance agreement is total: undefined
    assert cohen_kappa(Counter()) is None


def test_krippendorff_alpha_by_hand() -> None:
    # units (a,a) (a,a) (b,b) (a,b): o_aa 4, o_bb 2, o_ab = o_ba 1; n_a 5, n_b 3, n 8
    # alpha = 1 - 7 * 2 / (64 - 25 - 9) = 1 - 14/30
    units = Counter({("a", "a"): 2, ("b", "b"): 1, ("a", "b"): 1})
    assert krippendorff_alpha(units) == pytest.approx(1 - 14 / 30)
    # a unit with one value is not pairable and changes nothing
    units[("b", None)] += 3
    assert krippendorff_alpha(units) == pytest.approx(1 - 14 / 30)
    assert krippendorff_alpha(Counter({("O", "O", None): 5})) is None


KRIPPENDORFF_EXAMPLE = [  # Krippendorff (2011), four coders, twelve units, nominal alpha 0.743
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorff_alpha_on_the_textbook_example() -> None:
    units = Counter(zip(*KRIPPENDORFF_EXAMPLE, strict=True))
    ours = krippendorff_alpha(units)
    assert round(ours, 3) == 0.743
    data = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF_EXAMPLE])
    assert ours == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@pytest.mark.parametrize("seed", range(6))
def test_coefficients_match_the_reference_libraries_on_random_data(seed: int) -> None:
    rng = random.Random(seed)
    values = ["O", "PERS", "ORG", "LOC", "QUOTE+PERS"]
    n_raters, n_units = rng.randint(2, 5), rng.randint(20, 200)
    truth = [rng.choice(values) for _ in range(n_units)]
    rows = [
        [None if rng.random() < 0.15 else (t if rng.random() < 0.7 else rng.choice(values)) for t in truth]
        for _ in range(n_raters)
    ]
    alpha = krippendorff_alpha(Counter(zip(*rows, strict=True)))
    codes = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else codes[v] for v in row] for row in rows], dtype=float)
    assert alpha == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    a, b = rows[0], rows[1]
    both = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    kappa = cohen_kappa(Counter(both))
    assert kappa == pytest.approx(cohen_kappa_score([x for x, _ in both], [y for _, y in both]))


# ----------------------------------------------------------------------------- matching


def test_overlap_matching_is_one_to_one_and_maximum() -> None:
    long = [ASpan(0, 10, "PERS")]
    short = [ASpan(0, 3, "PERS"), ASpan(5, 8, "PERS")]
    assert len(match_overlap(long, short)) == 1  # one long span does not match two short ones
    # a1 overlaps b1 and b2, a2 only b1: taking b1 for a1 first must be undone to match both
    a = [ASpan(0, 10, "X"), ASpan(2, 4, "X")]
    b = [ASpan(0, 5, "X"), ASpan(6, 9, "X")]
    assert match_overlap(a, b) == [(0, 1), (1, 0)]
    assert match_overlap([ASpan(0, 5, "X")], [ASpan(5, 9, "X")]) == []  # touching is not overlapping


def test_token_categories_keep_nested_labels() -> None:
    tokens = [(0, 3), (4, 8), (9, 12), (13, 15)]
    spans = [ASpan(0, 12, "QUOTE"), ASpan(4, 8, "PERS"), ASpan(13, 14, "ORG")]
    assert token_categories(tokens, spans) == ["QUOTE", "PERS+QUOTE", "QUOTE", "ORG"]
    assert token_categories(tokens, []) == ["O"] * 4


# ----------------------------------------------------------------------------- through a project

TEXT = "قال الوزير محمد علي إن الحكومة المصرية ستعقد اجتماعا في القاهرة غدا مع وفد من تركيا"


def _w(word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the `nth` occurrence of `word` in TEXT."""
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(word, pos + 1)
    return pos, pos + len(word)


def _span(store: Store, doc: int, words: str, label: str, who: str, **kw) -> int:
    start = TEXT.index(words)
    return store.add_span(doc, start, start + len(words), label, who, **kw).spans_added[0].id


@pytest.fixture
def project(tmp_path: Path) -> tuple[Store, int, int]:
    store = Store.create(tmp_path / "agree.annotator.db")
    d1, d2 = store.add_documents([NewDocument("d1", TEXT), NewDocument("d2", TEXT + " اليوم")]).ids
    # layla: PERS «محمد علي», ORG «الحكومة المصرية», GPE «القاهرة», GPE «تركيا»
    _span(store, d1, "محمد علي", "PERS", "layla")
    _span(store, d1, "الحكومة المصرية", "ORG", "layla")
    _span(store, d1, "القاهرة", "GPE", "layla")
    _span(store, d1, "تركيا", "GPE", "layla")
    # omar: PERS «محمد» (shorter), ORG «الحكومة المصرية», LOC «القاهرة» (label differs), no تركيا
    _span(store, d1, "محمد", "PERS", "omar")
    _span(store, d1, "الحكومة المصرية", "ORG", "omar")
    _span(store, d1, "القاهرة", "LOC", "omar")
    # a suggestion and the adjudicated layer are not raters
    _span(store, d1, "تركيا", "GPE", "omar", origin=Origin.SUGGESTED)
    _span(store, d1, "وفد", "ORG", "adjudicated")
    for who in ("layla", "omar"):
        store.set_status(d1, who, Status.DONE)
    store.set_status(d2, "layla", Status.IN_PROGRESS)  # only layla worked on d2: no pair there
    _span(store, d2, "تركيا", "GPE", "layla")
    return store, d1, d2


def test_span_figures_by_hand(project) -> None:
    store, _d1, _d2 = project
    report = measure(store)
    assert report.annotators == ["layla", "omar"]
    pk = pair_key("layla", "omar")
    assert report.pair_documents == {pk: 1} and report.documents == 1
    ex, ov = report.spans_exact, report.spans_overlap
    # PERS: «محمد علي» vs «محمد»: no exact match, an overlap match
    assert (ex["PERS"][pk].matched, ov["PERS"][pk].matched) == (0, 1)
    assert ex["ORG"][pk].f1 == 1.0
    # GPE: layla 2, omar 0 (the suggestion is left out) -> recall 0, precision undefined
    assert (ex["GPE"][pk].a, ex["GPE"][pk].b, ex["GPE"][pk].recall) == (2, 0, 0.0)
    assert ex["GPE"][pk].precision is None
    # overall: layla 4 spans, omar 3; exact matches 1 (ORG), overlap 2 (ORG, PERS)
    assert (ex[ALL][pk].precision, ex[ALL][pk].recall, ex[ALL][pk].f1) == pytest.approx((1 / 3, 1 / 4, 2 / 7))
    assert (ov[ALL][pk].precision, ov[ALL][pk].recall, ov[ALL][pk].f1) == pytest.approx((2 / 3, 2 / 4, 4 / 7))


def test_token_figures_match_the_reference_libraries(project) -> None:
    store, d1, _d2 = project
    report = measure(store)
    pk = pair_key("layla", "omar")
    tokens = [t.text for t in tokenize(TEXT)]
    # by hand: layla PERS on محمد علي, ORG on الحكومة المصرية, GPE on القاهرة and تركيا
    tag = {
        "محمد": "PERS",
        "علي": "PERS",
        "الحكومة": "ORG",
        "المصرية": "ORG",
        "القاهرة": "GPE",
        "تركيا": "GPE",
    }
    layla = [tag.get(t, "O") for t in tokens]
    omar = [
        {"محمد": "PERS", "علي": "O", "القاهرة": "LOC", "تركيا": "O"}.get(t, tag.get(t, "O")) for t in tokens
    ]
    assert report.kappa[ALL][pk] == pytest.approx(cohen_kappa_score(layla, omar))
    for label in ("PERS", "ORG", "GPE", "LOC"):
        a = [x == label for x in layla]
        b = [x == label for x in omar]
        expected = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else None
        got = report.kappa[label][pk]
        assert (got is None and expected is None) or got == pytest.approx(expected)
    codes = {v: i for i, v in enumerate(sorted(set(layla) | set(omar)))}
    data = np.array([[codes[v] for v in layla], [codes[v] for v in omar]], dtype=float)
    assert report.alpha[ALL] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    assert report.tokens == len(tokens)


def test_alpha_over_three_annotators_with_missing_documents(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "three.annotator.db")
    texts = [TEXT, TEXT + " أمس", TEXT + " الآن"]
    ids = store.add_documents([NewDocument(f"d{i}", t) for i, t in enumerate(texts)]).ids
    rng = random.Random(3)
    rows: dict[str, list[float]] = {a: [] for a in ("a", "b", "c")}
    labels = ["PERS", "ORG", "GPE"]
    for doc_id, text in zip(ids, texts, strict=True):
        toks = tokenize(text)
        takers = ["a", "b", "c"] if doc_id != ids[1] else ["a", "c"]  # b skips the second document
        for who in takers:
            cats = []
            for t in toks:
                if rng.random() < 0.3:
                    label = rng.choice(labels)
                    store.add_span(doc_id, t.start, t.end, label, who)
                    cats.append(labels.index(label) + 1)
                else:
                    cats.append(0)
            rows[who] += cats
            store.set_status(doc_id, who, Status.DONE)
        if "b" not in takers:
            rows["b"] += [np.nan] * len(toks)
    report = measure(store)
    data = np.array([rows["a"], rows["b"], rows["c"]], dtype=float)
    assert report.alpha[ALL] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    assert report.pair_documents == {"a ~ b": 2, "a ~ c": 3, "b ~ c": 2}
    # the status filter: only documents marked done by each annotator count
    store.set_status(ids[0], "c", Status.IN_PROGRESS)
    filtered = measure(store, AgreementOptions(statuses=(Status.DONE,)))
    assert filtered.pair_documents == {"a ~ b": 2, "a ~ c": 2, "b ~ c": 1}


def test_relations_and_quote_type(tmp_path: Path) -> None:
    text = "قال الوزير إن «الاجتماع كان مثمرا» وأكد المتحدث أن «الوفد سيعود» ثم قال «لا تعليق»"
    store = Store.create(tmp_path / "rel.annotator.db")
    doc = store.add_documents([NewDocument("d", text)]).ids[0]

    def add(who: str, words: str, label: str, **attrs: str) -> int:
        s = text.index(words)
        return store.add_span(doc, s, s + len(words), label, who, attrs=attrs or None).spans_added[0].id

    # layla: three quotes, two linked; omar: same quotes, the first speaker shorter, types differ once
    q1 = add("layla", "«الاجتماع كان مثمرا»", "QUOTE", type="direct")
    s1 = add("layla", "الوزير", "SPEAKER")
    q2 = add("layla", "«الوفد سيعود»", "QUOTE", type="indirect")
    s2 = add("layla", "المتحدث", "SPEAKER")
    add("layla", "«لا تعليق»", "QUOTE", type="direct")
    store.add_relation("ATTRIBUTED_TO", q1, s1)
    store.add_relation("ATTRIBUTED_TO", q2, s2)
    p1 = add("omar", "«الاجتماع كان مثمرا»", "QUOTE", type="direct")
    o1 = add("omar", "الوزير إن", "SPEAKER")
    p2 = add("omar", "«الوفد سيعود»", "QUOTE", type="direct")
    o2 = add("omar", "المتحدث", "SPEAKER")
    add("omar", "«لا تعليق»", "QUOTE")  # no type
    store.add_relation("ATTRIBUTED_TO", p1, o1)
    store.add_relation("ATTRIBUTED_TO", p2, o2)
    report = measure(store)
    pk = pair_key("layla", "omar")
    assert report.relations_exact["ATTRIBUTED_TO"][pk].to_dict()["matched"] == 1  # q2 -> s2 only
    assert report.relations_overlap["ATTRIBUTED_TO"][pk].f1 == 1.0  # both, the speakers overlap
    qt = report.attributes["QUOTE.type"][pk]
    layla_types, omar_types = ["direct", "indirect", "direct"], ["direct", "direct", "(unset)"]
    assert qt["matched"] == 3 and qt["agreement"] == pytest.approx(1 / 3)
    assert qt["kappa"] == pytest.approx(cohen_kappa_score(layla_types, omar_types))


def test_label_filters_and_map(project) -> None:
    store, _d1, _d2 = project
    pk = pair_key("layla", "omar")
    mapped = measure(store, AgreementOptions(label_map={"GPE": "LOC"}))
    assert "GPE" not in mapped.labels
    assert mapped.spans_exact["LOC"][pk].matched == 1  # layla's GPE «القاهرة» is omar's LOC now
    only = measure(store, AgreementOptions(include_labels=("ORG",)))
    assert only.labels == ["ORG"] and only.spans_exact[ALL][pk].f1 == 1.0
    assert only.kappa[ALL][pk] == pytest.approx(1.0)
    dropped = measure(store, AgreementOptions(exclude_labels=("GPE", "LOC")))
    assert set(dropped.labels) == {"PERS", "ORG"}


def test_report_as_json_has_every_figure(project) -> None:
    store, _d1, _d2 = project
    data = measure(store).to_dict()
    pk = pair_key("layla", "omar")
    assert data["spans"]["exact"]["ORG"][pk]["f1"] == 1.0
    assert set(data["tokens_agreement"]) == {"PERS", "ORG", "GPE", "LOC", ALL}
    assert not math.isnan(data["tokens_agreement"][ALL]["alpha"])


@pytest.mark.parametrize("seed", range(20))
def test_twin_shortcut_finds_a_maximum_matching(seed: int) -> None:
    """Exact twins taken first, then the rest matched: the same size as matching everything."""
    from annotator.core.agreement import _self_disjoint, _span_matches

    rng = random.Random(seed)

    def layer() -> list[ASpan]:
        out, pos = [], 0
        while pos < 200:
            pos += rng.randint(0, 6)
            end = pos + rng.randint(1, 8)
            out.append(ASpan(pos, end, "X"))
            pos = end
        return out

    a = layer()
    b = [
        s if rng.random() < 0.6 else ASpan(s.start + rng.randint(0, 2), s.end + rng.randint(0, 3), "X")
        for s in layer()
    ]
    b = [s for s in b if s.start < s.end]
    b.sort(key=lambda s: s.start)
    b = [s for i, s in enumerate(b) if i == 0 or b[i - 1].end <= s.start]  # keep b free of overlaps
    b += [s for s in a if rng.random() < 0.3 and all(t.end <= s.start or s.end <= t.start for t in b)]
    assert _self_disjoint(a) and _self_disjoint(b)
    exact, pairs = _span_matches(a, b, True, True)
    assert exact == len({s.key for s in a} & {s.key for s in b})
    assert len(pairs) == len(match_overlap(a, b))
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(a[i].start < b[j].end and b[j].start < a[i].end for i, j in pairs)
