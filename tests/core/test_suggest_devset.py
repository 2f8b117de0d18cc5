"""The development, held-out, unseen, fresh, final, sixth, seventh, eighth, ninth, tenth, eleventh, news,
news2, news3, news4 and news5 sets: valid project JSONL, built from their source as written, and the rules
meet the quality targets on them (a regression guard; the figures are in benchmarks/RESULTS.md). The final,
sixth, seventh, eighth, ninth, news and news2 sets were annotated blind and measured blind; their misses were
then read (the fifth to tenth rounds), so they are floors like the others now. The tenth and news3 sets were
annotated blind and measured blind twice (rounds ten and eleven, totals only); their misses were then read
(the twelfth round): floors too. The news4 set was annotated blind and measured once (round twelve, totals
only): spent, a floor too, as are the eleventh and news5 sets, measured once after round twelve."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from annotator.core.importers import import_paths
from annotator.core.store import Store

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(DATA))

import make_devset  # noqa: E402
from suggest_quality import gold_documents, rules_quality  # noqa: E402

OTHERS = (
    "heldout.jsonl",
    "unseen.jsonl",
    "fresh.jsonl",
    "final.jsonl",
    "sixth.jsonl",
    "seventh.jsonl",
    "eighth.jsonl",
    "ninth.jsonl",
    "tenth.jsonl",
    "eleventh.jsonl",
    "news.jsonl",
    "news2.jsonl",
    "news3.jsonl",
    "news4.jsonl",
    "news5.jsonl",
)  # the sets beside the development set


def test_the_sets_import_as_project_jsonl(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "dev.annotator.db")
    report = import_paths(
        store,
        [DATA / name for name in ("devset.jsonl", *OTHERS)],
        format="jsonl",
    )
    assert report.ok, report.failures
    docs = gold_documents(DATA / "devset.jsonl")
    aner = [d for d in docs if d["name"].startswith("anercorp-")]
    with_speech = [d for d in aner if any(s["label"] == "QUOTE" for s in d["spans"])]
    assert docs[0]["name"] == "sample" and len(with_speech) >= 40
    others = [gold_documents(DATA / name) for name in OTHERS]
    for d in docs + [d for set_docs in others for d in set_docs]:
        for s in d["spans"]:
            assert d["text"][s["start"] : s["end"]] == s["text"]
        labels = {s["id"]: s["label"] for s in d["spans"]}
        for r in d["relations"]:
            assert (r["type"], labels[r["head"]]) in (("ATTRIBUTED_TO", "QUOTE"), ("CUE_OF", "CUE"))


def test_the_jsonl_is_what_its_source_builds(anercorp_path: Path) -> None:
    for path, docs in (
        (make_devset.OUT, make_devset.build(make_devset.ANER_GOLD)),
        (make_devset.HELDOUT, make_devset.build(make_devset.HELDOUT_GOLD, with_sample=False)),
        (make_devset.UNSEEN, make_devset.build(make_devset.UNSEEN_GOLD, with_sample=False)),
        (make_devset.FRESH, make_devset.build(make_devset.FRESH_GOLD, with_sample=False)),
        (make_devset.FINAL, make_devset.build(make_devset.FINAL_GOLD, with_sample=False)),
        (make_devset.SIXTH, make_devset.build(make_devset.SIXTH_GOLD, with_sample=False)),
        (make_devset.SEVENTH, make_devset.build(make_devset.SEVENTH_GOLD, with_sample=False)),
        (make_devset.EIGHTH, make_devset.build(make_devset.EIGHTH_GOLD, with_sample=False)),
        (make_devset.NINTH, make_devset.build(make_devset.NINTH_GOLD, with_sample=False)),
        (make_devset.TENTH, make_devset.build(make_devset.TENTH_GOLD, with_sample=False)),
        (make_devset.ELEVENTH, make_devset.build(make_devset.ELEVENTH_GOLD, with_sample=False)),
        (make_devset.NEWS, make_devset.build_news()),
        (make_devset.NEWS2, make_devset.build_news2()),
        (make_devset.NEWS3, make_devset.build_news3()),
        (make_devset.NEWS4, make_devset.build_news4()),
        (make_devset.NEWS5, make_devset.build_news5()),
    ):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [json.loads(x) for x in lines] == docs


def test_rules_meet_the_targets_on_the_development_and_held_out_sets() -> None:
    for name in ("devset.jsonl", "heldout.jsonl"):
        q = rules_quality(gold_documents(DATA / name))
        assert q.recall >= 0.85 and q.precision >= 0.75 and q.speaker >= 0.8, (
            name,
            q.recall,
            q.precision,
            q.speaker,
        )


def test_rules_on_the_development_and_held_out_sets_stay_at_their_measurement() -> None:
    # after the general rules of the third round (benchmarks/RESULTS.md): development 66/66, 68/69,
    # 41/41; held out 31/31, 32/33, 24/24
    dev = rules_quality(gold_documents(DATA / "devset.jsonl"))
    assert dev.precision >= 1.0 and dev.recall >= 0.985 and dev.speaker >= 1.0, (dev.recall, dev.speaker)
    held = rules_quality(gold_documents(DATA / "heldout.jsonl"))
    assert held.precision >= 1.0 and held.recall >= 0.969 and held.speaker >= 1.0, (held.recall,)


def test_the_unseen_set_shares_no_sentence_with_the_others() -> None:
    numbers = make_devset.gold_numbers
    unseen = numbers(make_devset.UNSEEN_GOLD)
    assert len(unseen) >= 60
    assert not unseen & numbers(make_devset.ANER_GOLD)
    assert not unseen & numbers(make_devset.HELDOUT_GOLD)


def test_rules_on_the_unseen_set_stay_at_their_measurement() -> None:
    # first measured before any change to the rules: precision 40/45, recall 43/50, right speaker
    # 21/28; after the rules for speakers away from their verb (its misses were looked at): 41/46,
    # 44/50, 25/29; after the third round's general rules: 43/45, 46/50, 30/31; after the fourth
    # round's (for the fresh set): 45/47, 47/50, 31/32 (see benchmarks/RESULTS.md).
    q = rules_quality(gold_documents(DATA / "unseen.jsonl"))
    assert q.gold >= 50 and q.speaker_total >= 31
    assert q.recall >= 0.93 and q.precision >= 0.955, (q.recall, q.precision)
    assert q.speaker >= 0.967, (q.speaker_right, q.speaker_total)


def test_rules_on_the_fresh_set_stay_at_their_measurement() -> None:
    # annotated before the rules ran on it; first measured before the last rule changes: precision
    # 48/56, recall 54/68, right speaker 26/37; after them (its misses never looked at): 49/57,
    # 55/68, 27/38, and unchanged after the third round's rules. Its misses were then read and
    # fixed by general rules (the fourth round, benchmarks/RESULTS.md): 65/67, 66/68, 40/43. Floors
    # a little below the measurement: the set is no longer unseen.
    q = rules_quality(gold_documents(DATA / "fresh.jsonl"))
    assert q.gold >= 68 and q.speaker_total >= 43
    assert q.precision >= 0.95 and q.recall >= 0.95, (q.precision, q.recall)
    assert q.speaker >= 0.90, (q.speaker_right, q.speaker_total)


def test_rules_on_the_final_set_stay_at_their_measurement() -> None:
    # measured blind: 59/62, 63/79, 28/41; its misses and wrong speakers were then read, classified and
    # fixed by general rules (the fifth round, benchmarks/RESULTS.md): 64/66, 68/79, 36/45. Floors at
    # the targets: the set is no longer unseen.
    q = rules_quality(gold_documents(DATA / "final.jsonl"))
    assert q.gold >= 79 and q.speaker_total >= 45
    assert q.precision >= 0.95 and q.recall >= 0.85, (q.precision, q.recall)
    assert q.speaker >= 0.8, (q.speaker_right, q.speaker_total)


@pytest.mark.parametrize(
    ("name", "precision", "recall", "speaker"),
    [
        # each measured blind once (RESULTS.md), then read: its misses made rounds eight to ten;
        # after round ten 0.939 / 0.919 / 0.769, 0.937 / 0.877 / 0.905, 0.918 / 0.875 / 0.791,
        # 0.964 / 0.884 / 0.744, 0.963 / 0.946 / 0.811 and 0.908 / 0.838 / 0.829. Floors a little
        # below: the sets are no longer unseen.
        # after round twelve: sixth 0.940 / 0.932 / 0.846, eighth 0.919 / 0.889 / 0.791, news2 0.909 /
        # 0.846 / 0.880 (RESULTS.md, "Twelfth round")
        ("sixth.jsonl", 0.92, 0.91, 0.75),
        ("seventh.jsonl", 0.92, 0.86, 0.88),
        ("eighth.jsonl", 0.89, 0.86, 0.78),
        ("ninth.jsonl", 0.94, 0.86, 0.72),
        ("news.jsonl", 0.95, 0.93, 0.79),
        ("news2.jsonl", 0.89, 0.83, 0.80),
        # measured blind in rounds ten and eleven (0.953 / 0.793 / 0.750 and 0.917 / 0.787 / 0.844 with
        # the speaker model of round eleven); their misses were read in round twelve: 0.970 / 0.829 /
        # 0.756 and 0.922 / 0.840 / 0.857. Floors a little below
        ("tenth.jsonl", 0.95, 0.82, 0.72),
        ("news3.jsonl", 0.90, 0.82, 0.83),
        # measured blind once in round twelve (main ae27421 and rules12 alike: 0.956 / 0.925 / 0.894),
        # then spent. Floors a little below
        ("news4.jsonl", 0.94, 0.91, 0.87),
        # measured blind once after round twelve (0.931 / 0.876 / 0.817 and 0.938 / 0.871 / 0.814), then
        # spent. Floors a little below
        ("news5.jsonl", 0.91, 0.86, 0.80),
        ("eleventh.jsonl", 0.92, 0.85, 0.79),
    ],
)
def test_rules_on_the_sets_read_in_later_rounds_stay_at_their_measurement(
    name: str, precision: float, recall: float, speaker: float
) -> None:
    q = rules_quality(gold_documents(DATA / name))
    assert q.gold >= 69 and q.speaker_total >= 40
    assert q.precision >= precision and q.recall >= recall, (q.precision, q.recall)
    assert q.speaker >= speaker, (q.speaker_right, q.speaker_total)


def blind_set_documents(anercorp_path: Path, gold: dict, draw, earlier: list[dict], name: str) -> list[dict]:
    """A blind set's documents, once checked to hold its 80 drawn sentences, none of an earlier set's,
    and at least 40 quotes."""
    numbers = make_devset.gold_numbers(gold)
    drawn = draw(make_devset.anercorp_sentences(anercorp_path))
    assert len(set(drawn)) == 80 and set(drawn) <= numbers
    for other in earlier:
        assert not numbers & make_devset.gold_numbers(other)
    docs = gold_documents(DATA / name)
    assert len([s for d in docs for s in d["spans"] if s["label"] == "QUOTE"]) >= 40
    return docs


def test_the_final_set_is_its_draw_and_shares_no_sentence_with_the_others(anercorp_path: Path) -> None:
    # its make-up (the rules run on it in the floor test above)
    m = make_devset
    earlier = [m.ANER_GOLD, m.HELDOUT_GOLD, m.UNSEEN_GOLD, m.FRESH_GOLD]
    blind_set_documents(anercorp_path, m.FINAL_GOLD, m.final_draw, earlier, "final.jsonl")


def test_the_sixth_set_is_its_draw_and_shares_no_sentence_with_the_others(anercorp_path: Path) -> None:
    # its make-up (the rules run on it in the floor test above; suggest_quality.py --sixth reports it)
    m = make_devset
    earlier = [m.ANER_GOLD, m.HELDOUT_GOLD, m.UNSEEN_GOLD, m.FRESH_GOLD, m.FINAL_GOLD]
    docs = blind_set_documents(anercorp_path, m.SIXTH_GOLD, m.sixth_draw, earlier, "sixth.jsonl")
    # a quotation no word introduces (cue None) has no CUE but keeps its speaker
    uncued = [
        (d, s)
        for d in docs
        for s in d["spans"]
        if s["label"] == "QUOTE"
        and not any(r["type"] == "CUE_OF" and r["tail"] == s["id"] for r in d["relations"])
    ]
    assert uncued
    for d, s in uncued:
        assert any(r["type"] == "ATTRIBUTED_TO" and r["head"] == s["id"] for r in d["relations"])


# the ANERcorp gold sets in the order they were drawn: each blind set is drawn away from those before it
DRAW_ORDER = [
    make_devset.ANER_GOLD,
    make_devset.HELDOUT_GOLD,
    make_devset.UNSEEN_GOLD,
    make_devset.FRESH_GOLD,
    make_devset.FINAL_GOLD,
    make_devset.SIXTH_GOLD,
    make_devset.SEVENTH_GOLD,
    make_devset.EIGHTH_GOLD,
    make_devset.NINTH_GOLD,
    make_devset.TENTH_GOLD,
    make_devset.ELEVENTH_GOLD,
]


def blind_draw_documents(anercorp_path: Path, gold: dict, draw, name: str) -> None:
    """A blind set as blind_set_documents checks it against the sets drawn before it, whose draw also keeps
    away from their neighbours and whose sentences without reported speech stay in."""
    earlier = DRAW_ORDER[: next(i for i, g in enumerate(DRAW_ORDER) if g is gold)]
    docs = blind_set_documents(anercorp_path, gold, draw, earlier, name)
    # its draw keeps away from the sentences of the earlier sets and their neighbours
    near = {n + d for g in earlier for n in make_devset.gold_numbers(g) for d in (-1, 0, 1)}
    assert not near & set(draw(make_devset.anercorp_sentences(anercorp_path)))
    # sentences without reported speech stay in as documents without quotes (they measure false alarms)
    quotes = [sum(s["label"] == "QUOTE" for s in d["spans"]) for d in docs]
    assert 0 in quotes and len(docs) == len(gold)


@pytest.mark.parametrize("name", ["seventh", "eighth", "ninth", "tenth", "eleventh"])
def test_a_blind_set_is_its_draw_and_shares_no_sentence_with_the_others(
    anercorp_path: Path, name: str
) -> None:
    # its make-up only (suggest_quality.py --NAME reports the rules on it; the floor test above runs them)
    m = make_devset
    gold, draw = getattr(m, f"{name.upper()}_GOLD"), getattr(m, f"{name}_draw")
    blind_draw_documents(anercorp_path, gold, draw, f"{name}.jsonl")


def check_news_set(sources_path: Path, gold: dict, jsonl: Path) -> tuple[list[dict], list[int]]:
    """A news set's make-up: its JSONL holds every article of its sources file, in order, with the text
    as stored there, its provenance, and its gold inside the articles as whole words. Returns the
    articles and each document's number of quotes."""
    m = make_devset
    sources = m.news_sources(sources_path)
    docs = gold_documents(jsonl)
    assert [d["name"] for d in docs] == [a["name"] for a in sources] == sorted(gold)
    assert [d["text"] for d in docs] == [a["text"] for a in sources]
    # each article records where it came from: repository, file, the commit it was read at, the outlet
    for a in sources:
        meta = a["meta"]
        assert meta["source"] == "news" and meta["repo"].count("/") == 1 and meta["path"], a["name"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["commit"]) and meta["outlet"], a["name"]
    # modern untokenised text: commas stand on their words, not spaced out on both sides as the tokenised
    # sets have them, over the set (an outlet's spaced " ، " stays as published: Al Arabiya spaces some of
    # its commas), and full stops are not spaced out
    assert 4 * sum(a["text"].count(" ، ") for a in sources) <= sum(a["text"].count("،") for a in sources)
    assert all(a["text"].count(" . ") <= 1 for a in sources)
    # every gold phrase lies inside its article as whole words, and each span's text is its surface
    for d in docs:
        attributions = gold[d["name"]]
        for cue, speaker, _kind, quote, _type in attributions:
            for ref in (cue, speaker, quote):
                if ref is not None:  # find raises unless the phrase occurs as whole words
                    start, end = m.find(d["text"], ref)
                    assert d["text"][start:end] == (ref if isinstance(ref, str) else ref[0])
        for s in d["spans"]:
            assert d["text"][s["start"] : s["end"]] == s["text"]
        assert sum(s["label"] == "QUOTE" for s in d["spans"]) == len(attributions)
    # a document's meta is its article's, provenance included
    assert [d["meta"] for d in docs] == [a["meta"] for a in sources]
    return sources, [sum(s["label"] == "QUOTE" for s in d["spans"]) for d in docs]


def test_the_news_set_keeps_its_articles_their_provenance_and_its_gold_inside_them() -> None:
    # its make-up (the rules run on it in the floor test above; suggest_quality.py --news reports it)
    m = make_devset
    sources, quotes = check_news_set(m.NEWS_SOURCES, m.NEWS_GOLD, m.NEWS)
    assert len({a["meta"]["outlet"] for a in sources}) >= 8 and len(sources) >= 30
    # articles without reported speech stay in as documents without quotes (they measure false alarms)
    assert quotes.count(0) >= 5 and sum(quotes) >= 100


def test_the_second_news_set_keeps_its_articles_their_provenance_and_its_gold_inside_them() -> None:
    # its make-up (the rules run on it in the floor test above; suggest_quality.py --news2 reports it)
    m = make_devset
    sources, quotes = check_news_set(m.NEWS2_SOURCES, m.NEWS2_GOLD, m.NEWS2)
    assert [a["name"] for a in sources] == [f"news2-{i:02d}" for i in range(1, len(sources) + 1)]
    assert len({a["meta"]["outlet"] for a in sources}) >= 6 and len(sources) >= 30
    # an article of a multi-article file names its record; a single-article file is the article
    for a in sources:
        assert ("record" in a["meta"]) == a["meta"]["path"].endswith((".csv", ".json", "feb.txt")), a["name"]
    # the article without reported speech stays in as a document without quotes (it measures false alarms)
    assert 0 in quotes and sum(quotes) >= 100


def test_the_third_news_set_keeps_its_articles_their_provenance_and_its_gold_inside_them() -> None:
    # its make-up (the floor test above runs the rules on it; suggest_quality.py --news3 reports them)
    m = make_devset
    sources, quotes = check_news_set(m.NEWS3_SOURCES, m.NEWS3_GOLD, m.NEWS3)
    assert [a["name"] for a in sources] == [f"news3-{i:02d}" for i in range(1, len(sources) + 1)]
    assert len({a["meta"]["outlet"] for a in sources}) >= 6 and len(sources) >= 25
    # at least one repository that neither earlier set drew from
    earlier = {a["meta"]["repo"] for a in m.news_sources() + m.news_sources(m.NEWS2_SOURCES)}
    assert {a["meta"]["repo"] for a in sources} - earlier
    # articles without reported speech stay in as documents without quotes (they measure false alarms)
    assert quotes.count(0) >= 5 and sum(quotes) >= 60


def test_the_fourth_news_set_keeps_its_articles_their_provenance_and_its_gold_inside_them() -> None:
    # its make-up (the rules' floor on it is in the test above, since it was spent in round twelve)
    m = make_devset
    sources, quotes = check_news_set(m.NEWS4_SOURCES, m.NEWS4_GOLD, m.NEWS4)
    assert [a["name"] for a in sources] == [f"news4-{i:02d}" for i in range(1, len(sources) + 1)]
    assert len({a["meta"]["outlet"] for a in sources}) >= 6 and len(sources) >= 30
    assert sum(quotes) >= 140 and all(quotes)  # politics and world articles, each with reported speech
    # at least one repository that no earlier news set drew from
    earlier = {
        a["meta"]["repo"]
        for path in (m.NEWS_SOURCES, m.NEWS2_SOURCES, m.NEWS3_SOURCES)
        for a in m.news_sources(path)
    }
    assert {a["meta"]["repo"] for a in sources} - earlier


def test_the_fifth_news_set_keeps_its_articles_their_provenance_and_its_gold_inside_them() -> None:
    # its make-up (the rules run on it in the floor test above, since it was measured once and spent)
    m = make_devset
    sources, quotes = check_news_set(m.NEWS5_SOURCES, m.NEWS5_GOLD, m.NEWS5)
    assert [a["name"] for a in sources] == [f"news5-{i:02d}" for i in range(1, len(sources) + 1)]
    assert len({a["meta"]["outlet"] for a in sources}) >= 5 and len(sources) >= 30
    # about half from politics and world folders, half from others (sport, culture, economy); one article of
    # a world folder (France 24 internationalNews 1004) is a football report
    world = [a for a in sources if re.search(r"/(middleEast|internationalNews)/", a["meta"]["path"])]
    assert len(world) >= 14 and len(sources) - len(world) >= 14
    # articles without reported speech stay in as documents without quotes (they measure false alarms)
    assert quotes.count(0) >= 5 and sum(quotes) >= 100


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (("NEWS_SOURCES", "NEWS_GOLD"), ("NEWS2_SOURCES", "NEWS2_GOLD")),
        (("NEWS_SOURCES", "NEWS_GOLD"), ("NEWS3_SOURCES", "NEWS3_GOLD")),
        (("NEWS2_SOURCES", "NEWS2_GOLD"), ("NEWS3_SOURCES", "NEWS3_GOLD")),
        (("NEWS_SOURCES", "NEWS_GOLD"), ("NEWS4_SOURCES", "NEWS4_GOLD")),
        (("NEWS2_SOURCES", "NEWS2_GOLD"), ("NEWS4_SOURCES", "NEWS4_GOLD")),
        (("NEWS3_SOURCES", "NEWS3_GOLD"), ("NEWS4_SOURCES", "NEWS4_GOLD")),
        (("NEWS_SOURCES", "NEWS_GOLD"), ("NEWS5_SOURCES", "NEWS5_GOLD")),
        (("NEWS2_SOURCES", "NEWS2_GOLD"), ("NEWS5_SOURCES", "NEWS5_GOLD")),
        (("NEWS3_SOURCES", "NEWS3_GOLD"), ("NEWS5_SOURCES", "NEWS5_GOLD")),
        (("NEWS4_SOURCES", "NEWS4_GOLD"), ("NEWS5_SOURCES", "NEWS5_GOLD")),
    ],
)
def test_a_later_news_set_shares_no_article_with_an_earlier_one(earlier: tuple, later: tuple) -> None:
    m = make_devset
    first, second = (m.news_sources(getattr(m, name[0])) for name in (earlier, later))

    def where(a: dict) -> tuple:
        return a["meta"]["repo"], a["meta"]["path"], a["meta"].get("record")

    assert first and second
    assert not {where(a) for a in first} & {where(a) for a in second}
    # nor the same text under another address: no opening sentence of one set occurs in the other
    for a in second:
        assert all(a["text"][:120] not in b["text"] and b["text"][:120] not in a["text"] for b in first), a[
            "name"
        ]
    assert not set(getattr(m, earlier[1])) & set(getattr(m, later[1]))


@pytest.mark.parametrize(
    ("sources", "build"),
    [
        ("NEWS_SOURCES", "build_news"),
        ("NEWS2_SOURCES", "build_news2"),
        ("NEWS3_SOURCES", "build_news3"),
        ("NEWS4_SOURCES", "build_news4"),
        ("NEWS5_SOURCES", "build_news5"),
    ],
)
def test_a_news_set_refuses_an_article_without_gold(tmp_path: Path, monkeypatch, sources, build) -> None:
    m = make_devset
    extra = tmp_path / "sources.jsonl"
    lines = getattr(m, sources).read_text(encoding="utf-8").splitlines()
    article = json.loads(lines[0]) | {"name": "news-unannotated"}
    extra.write_text("\n".join([*lines, json.dumps(article, ensure_ascii=False)]) + "\n", encoding="utf-8")
    monkeypatch.setattr(m, sources, extra)
    with pytest.raises(ValueError, match="news-unannotated"):
        getattr(m, build)()
