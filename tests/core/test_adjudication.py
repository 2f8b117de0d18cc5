"""Adjudication in the core and on the command line: disagreements, `--agreed`, accepting a version;
and `annotator agree`'s table and JSON."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.adjudication import ADJUDICATED, accept_version, adjudicate_agreed, disagreements
from annotator.core.model import NewDocument, Origin, Status
from annotator.core.store import Store

TEXT = "قال الوزير محمد علي إن «الحكومة المصرية ستعقد اجتماعا» في القاهرة وأكد المتحدث أن «الوفد سيصل»."
FULL = "زار الرئيس باريس أمس."


def at(words: str, text: str = TEXT) -> tuple[int, int]:
    s = text.index(words)
    return s, s + len(words)


def dump(store: Store) -> list:
    return [
        store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("spans", "relations", "statuses", "history")
    ]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Store, int, int, int]:
    store = Store.create(tmp_path / "adj.annotator.db")
    d, full, single = store.add_documents(
        [NewDocument("d", TEXT), NewDocument("full", FULL), NewDocument("single", "نص آخر هنا")]
    ).ids
    for who in ("layla", "omar"):
        q1 = store.add_span(d, *at("«الحكومة المصرية ستعقد اجتماعا»"), "QUOTE", who, attrs={"type": "direct"})
        sp = store.add_span(d, *at("الوزير محمد علي"), "SPEAKER", who)
        store.add_relation("ATTRIBUTED_TO", q1.spans_added[0].id, sp.spans_added[0].id)
        store.add_span(d, *at("الحكومة المصرية"), "ORG", who)
        store.add_span(full, *at("باريس", FULL), "GPE", who)
        store.set_status(full, who, Status.DONE)
        store.set_status(d, who, Status.DONE)
    # disagreements: PERS boundary, GPE vs LOC, the second quote's type, who said the second quote
    store.add_span(d, *at("محمد علي"), "PERS", "layla")
    store.add_span(d, *at("محمد"), "PERS", "omar")
    store.add_span(d, *at("القاهرة"), "GPE", "layla")
    store.add_span(d, *at("القاهرة"), "LOC", "omar")
    for who, kind in (("layla", "indirect"), ("omar", "direct")):
        q2 = store.add_span(d, *at("«الوفد سيصل»"), "QUOTE", who, attrs={"type": kind}).spans_added[0]
        if who == "layla":
            sp2 = store.add_span(d, *at("المتحدث"), "SPEAKER", who).spans_added[0]
            store.add_relation("ATTRIBUTED_TO", q2.id, sp2.id)
    store.add_span(d, *at("اجتماعا"), "MISC", "omar", origin=Origin.SUGGESTED)  # not a disagreement
    store.add_span(single, 0, 2, "MISC", "layla")
    return store, d, full, single


def test_disagreements_are_grouped_into_units(project) -> None:
    store, d, full, single = project
    units = disagreements(store, d)
    kinds = [(u.kind, TEXT[u.start : u.end]) for u in units]
    assert kinds == [
        ("span", "محمد علي"),
        ("span", "القاهرة"),
        ("span", "المتحدث"),
        ("attributes", "«الوفد سيصل»"),
        ("link", "«الوفد سيصل»"),
    ]
    pers = units[0]
    assert [(v.annotator, [TEXT[s.start : s.end] for s in v.spans]) for v in pers.versions] == [
        ("layla", ["محمد علي"]),
        ("omar", ["محمد"]),
    ]
    speaker = units[2]
    assert speaker.versions[1].empty  # omar has no span there
    link = units[4]
    assert [len(v.relations) for v in link.versions] == [1, 0]
    assert disagreements(store, full) == [] and disagreements(store, single) == []


def test_agreed_copies_what_everyone_agrees_on_and_twice_changes_nothing(project) -> None:
    store, d, full, single = project
    report = adjudicate_agreed(store)
    assert (report.documents, report.adjudicated, report.single) == (2, 1, 1)
    assert report.open_units == 5 and report.open_documents == ["d"]
    got = sorted((TEXT[s.start : s.end], s.label, s.attrs) for s in store.spans(d, ADJUDICATED))
    assert got == [
        ("«الحكومة المصرية ستعقد اجتماعا»", "QUOTE", {"type": "direct"}),
        ("«الوفد سيصل»", "QUOTE", {}),  # the type is disputed: left for the adjudicator
        ("الحكومة المصرية", "ORG", {}),
        ("الوزير محمد علي", "SPEAKER", {}),
    ]
    (rel,) = store.relations(d, ADJUDICATED)
    assert TEXT[store.span(rel.head).start : store.span(rel.head).end].startswith("«الحكومة")
    assert store.status(d, ADJUDICATED) == Status.IN_PROGRESS
    assert store.status(full, ADJUDICATED) == Status.ADJUDICATED
    assert store.spans(single, ADJUDICATED) == []
    before = dump(store)
    again = adjudicate_agreed(store)
    assert (again.updated, again.spans, again.relations, again.adjudicated, again.already) == (0, 0, 0, 0, 1)
    assert dump(store) == before


def test_accepting_a_version_is_one_undoable_edit(project) -> None:
    store, d, _full, _single = project
    adjudicate_agreed(store)
    units = disagreements(store, d)
    pers, place, speaker, qtype, link = units
    accept_version(store, d, pers, pers.versions[0])  # layla's «محمد علي»
    accept_version(store, d, place, place.versions[1])  # omar's LOC
    accept_version(store, d, qtype, qtype.versions[0])  # layla's indirect
    accept_version(store, d, link, link.versions[0])  # layla's link: adds the speaker it needs
    layer = {(TEXT[s.start : s.end], s.label): s for s in store.spans(d, ADJUDICATED)}
    assert ("محمد علي", "PERS") in layer and ("القاهرة", "LOC") in layer
    assert layer[("«الوفد سيصل»", "QUOTE")].attrs == {"type": "indirect"}
    assert ("المتحدث", "SPEAKER") in layer
    heads = {store.span(r.head).id: store.span(r.tail) for r in store.relations(d, ADJUDICATED)}
    assert TEXT[heads[layer[("«الوفد سيصل»", "QUOTE")].id].start :].startswith("المتحدث")
    # changing one's mind: omar's PERS replaces layla's, in one step that one undo reverts
    change = accept_version(store, d, pers, pers.versions[1])
    assert [TEXT[s.start : s.end] for s in change.spans_removed] == ["محمد علي"]
    assert [TEXT[s.start : s.end] for s in change.spans_added] == ["محمد"]
    store.undo(d, ADJUDICATED)
    assert ("محمد علي", "PERS") in {(TEXT[s.start : s.end], s.label) for s in store.spans(d, ADJUDICATED)}
    # none of them: the speaker link unit with no version removes the link, keeps the quote
    accept_version(store, d, link, None)
    assert store.relations(d, ADJUDICATED)[0].head != layer[("«الوفد سيصل»", "QUOTE")].id
    # the annotators' own layers never changed
    assert [s.label for s in store.spans(d, "omar") if s.origin != Origin.SUGGESTED].count("PERS") == 1


def test_adjudicate_and_agree_commands(project) -> None:
    store, d, _full, _single = project
    path = str(store.path)
    runner = CliRunner()
    listing = runner.invoke(main, ["adjudicate", path])
    assert listing.exit_code == 0, listing.output
    assert re.search(r"^\d+\s+d\s+layla omar\s+5\s+new$", listing.output, re.M), listing.output
    first = runner.invoke(main, ["adjudicate", path, "--agreed"])
    assert first.exit_code == 0 and "1 marked adjudicated" in first.output
    assert "5 disagreements left to settle in 1 document" in first.output
    out = Path(path).with_name("final.conll")
    exported = runner.invoke(
        main, ["export", path, "-f", "conll", "-o", str(out), "--annotator", ADJUDICATED]
    )
    assert exported.exit_code == 0, exported.output
    assert "exported 1 document," in exported.output  # only the settled document is adjudicated
    assert "باريس B-GPE" in out.read_text(encoding="utf-8")
    second = runner.invoke(main, ["adjudicate", path, "--agreed"])
    assert "0 updated (0 spans, 0 relations" in second.output and "1 already adjudicated" in second.output
    table = runner.invoke(main, ["agree", path])
    assert table.exit_code == 0, table.output
    assert "2 annotators (layla, omar); 2 documents" in table.output
    row = next(line for line in table.output.splitlines() if line.strip().startswith("ORG "))
    assert "1.000" in row  # three decimals
    assert "Krippendorff" in table.output and "ATTRIBUTED_TO" in table.output and "QUOTE.type" in table.output
    data = json.loads(runner.invoke(main, ["agree", path, "--json", "--label", "PERS"]).output)
    assert data["labels"] == ["PERS"] and data["spans"]["overlap"]["PERS"]["layla ~ omar"]["f1"] == 1.0
    bad = runner.invoke(main, ["agree", path, "--label", "NOPE"])
    assert bad.exit_code == 2 and "unknown label 'NOPE'" in bad.output
    one = runner.invoke(main, ["agree", path, "--doc", "full", "--json"])
    assert json.loads(one.output)["documents"] == 1
    # --annotator adjudicated takes part when named
    both = json.loads(
        runner.invoke(
            main, ["agree", path, "--json", "--annotator", "layla", "--annotator", ADJUDICATED]
        ).output
    )
    assert both["annotators"] == [ADJUDICATED, "layla"]
    sqlite3.connect(path).close()
