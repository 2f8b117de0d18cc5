"""`annotator merge`: layers keep their annotators, merging twice changes nothing, inputs stay
untouched, conflicts are refused by name, and an interrupted merge leaves the target as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.merge import MergeConflict, MergeError, MergeOptions, merge
from annotator.core.migrations import LATEST
from annotator.core.model import NewDocument, Origin, Status
from annotator.core.schema import Label, Schema
from annotator.core.store import Store

REPO = Path(__file__).resolve().parents[2]
T1 = "قال الوزير محمد علي إن الحكومة المصرية ستعقد اجتماعا في القاهرة غدا."
T2 = "أكدت مصادر في أنقرة أن الوفد التركي سيزور باريس الأسبوع المقبل."
T3 = "وأشار المتحدث باسم الخارجية إلى أن المحادثات مستمرة."


def _at(text: str, words: str) -> tuple[int, int]:
    s = text.index(words)
    return s, s + len(words)


def dump(path: Path) -> dict[str, list]:
    """Everything a project holds, ids included, for before/after comparisons."""
    conn = sqlite3.connect(path)
    out = {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("project", "documents", "spans", "relations", "statuses", "history")
    }
    conn.close()
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The lead's project: three documents, no annotations."""
    path = tmp_path / "seed.annotator.db"
    with Store.create(path) as store:
        store.add_documents([NewDocument("d1", T1), NewDocument("d2", T2), NewDocument("d3", T3)])
    return path


def copy_of(seed: Path, name: str) -> Path:
    dest = seed.with_name(name)
    shutil.copy(seed, dest)
    return dest


@pytest.fixture
def two(seed: Path) -> tuple[Path, Path]:
    """layla and omar each annotated d1 (differently) on their own copy; layla also d2."""
    a, b = copy_of(seed, "layla.annotator.db"), copy_of(seed, "omar.annotator.db")
    with Store.open(a) as s:
        d1, d2 = s.document_ids()[:2]
        q = s.add_span(
            d1, *_at(T1, "الحكومة المصرية ستعقد اجتماعا"), "QUOTE", "layla", attrs={"type": "indirect"}
        )
        sp = s.add_span(d1, *_at(T1, "الوزير محمد علي"), "SPEAKER", "layla")
        s.add_relation("ATTRIBUTED_TO", q.spans_added[0].id, sp.spans_added[0].id)
        s.add_span(d1, *_at(T1, "القاهرة"), "GPE", "layla")
        gone = s.add_span(d1, *_at(T1, "غدا"), "MISC", "layla")
        s.delete_span(gone.spans_added[0].id)  # history names a span that no longer exists
        s.add_span(d2, *_at(T2, "باريس"), "GPE", "layla", origin=Origin.SUGGESTED, record=False)
        s.add_span(d2, *_at(T2, "أنقرة"), "GPE", "layla")
        s.set_status(d1, "layla", Status.DONE)
    with Store.open(b) as s:
        d1 = s.document_ids()[0]
        s.add_span(d1, *_at(T1, "محمد علي"), "PERS", "omar")
        s.add_span(d1, *_at(T1, "القاهرة"), "LOC", "omar")
        s.set_status(d1, "omar", Status.DONE)
    return a, b


def test_merge_keeps_every_layer_and_its_annotator(tmp_path: Path, two) -> None:
    a, b = two
    team = tmp_path / "team.annotator.db"
    report = merge(team, [a, b])
    assert report.created and report.documents_added == 3 and report.documents_matched == 3
    with Store.open(team) as t, Store.open(a) as sa:
        d1, d2, _d3 = t.document_ids()
        layla = [(s.start, s.end, s.label, s.origin, s.attrs) for s in t.spans(d1, "layla")]
        assert layla == [
            (s.start, s.end, s.label, s.origin, s.attrs) for s in sa.spans(sa.document_ids()[0], "layla")
        ]
        assert [s.label for s in t.spans(d1, "omar")] == ["PERS", "LOC"]
        assert [r.type for r in t.relations(d1, "layla")] == ["ATTRIBUTED_TO"]
        assert t.status(d1, "layla") == Status.DONE and t.status(d1, "omar") == Status.DONE
        assert {s.origin for s in t.spans(d2, "layla")} == {Origin.SUGGESTED, Origin.MANUAL}  # carried
        # the undo journal came along with its ids remapped: undo removes layla's last edit in team
        assert t.undo_text(d1, "layla") == "Mark done"
        t.undo(d1, "layla")
        assert t.undo_text(d1, "layla") == "Delete MISC"
        t.undo(d1, "layla")  # brings back the deleted span under a fresh id
        assert [s.label for s in t.spans(d1, "layla")].count("MISC") == 1
        assert [s.label for s in t.spans(d1, "omar")] == ["PERS", "LOC"]  # others untouched
        t.undo(d1, "layla")  # removes it again: the GPE before it is next
        t.undo(d1, "layla")
        assert "GPE" not in [s.label for s in t.spans(d1, "layla")]
        assert t.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_merging_again_changes_nothing_and_inputs_are_untouched(tmp_path: Path, two) -> None:
    a, b = two
    for p in (a, b):  # checkpointed, so any write to an input would show in its bytes
        sqlite3.connect(p).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    before = {p: (digest(p), p.stat().st_mtime_ns) for p in (a, b)}
    siblings = sorted(os.listdir(a.parent))
    team = tmp_path / "team.annotator.db"
    merge(team, [a, b])
    first = dump(team)
    again = merge(team, [a, b])
    assert not again.changed and again.layers_unchanged > 0
    assert dump(team) == first
    merge(team, [b])  # one input alone, or in another order: still nothing
    assert dump(team) == first
    assert {p: (digest(p), p.stat().st_mtime_ns) for p in (a, b)} == before
    assert sorted(os.listdir(a.parent)) == sorted([*siblings, "team.annotator.db"])  # no -wal/-shm left


def test_documents_match_by_text_and_new_ones_are_added(tmp_path: Path, two) -> None:
    a, _b = two
    other = tmp_path / "other.annotator.db"
    with Store.create(other) as s:
        d = s.add_documents([NewDocument("another name", T2), NewDocument("d4", "نص جديد تماما")]).ids
        s.add_span(d[1], 0, 2, "MISC", "sara")
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    report = merge(team, [other])
    assert (report.documents_added, report.documents_matched) == (1, 1)
    with Store.open(team) as t:
        assert [t.document(i).name for i in t.document_ids()] == ["d1", "d2", "d3", "d4"]
        assert [s.annotator for s in t.spans(t.document_ids()[3])] == ["sara"]


def test_schema_conflicts_are_refused_unless_united(tmp_path: Path, two, seed: Path) -> None:
    a, _b = two
    odd = tmp_path / "odd.annotator.db"
    base = Store.open(seed).schema
    labels = list(base.labels)
    q = base.label("QUOTE")
    labels[labels.index(q)] = Label(
        q.name, q.colour, q.key, q.description, {"type": (*q.attributes["type"], "partial")}
    )
    labels.append(Label("EVENT", "#123456", "e"))
    with Store.create(odd, Schema(tuple(labels), base.relations)) as s:
        d = s.add_documents([NewDocument("d1", T1)]).ids[0]
        s.add_span(d, *_at(T1, "اجتماعا"), "EVENT", "sara")
        s.add_span(d, *_at(T1, "الحكومة المصرية ستعقد اجتماعا"), "QUOTE", "sara", attrs={"type": "partial"})
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    before = dump(team)
    with pytest.raises(MergeConflict) as err:
        merge(team, [odd])
    text = str(err.value)
    assert "label EVENT" in text and "QUOTE type value partial" in text and "--schema-union" in text
    assert dump(team) == before
    report = merge(team, [odd], MergeOptions(schema_union=True))
    assert report.schema_added == ["QUOTE type value partial", "label EVENT"]
    with Store.open(team) as t:
        assert t.schema.label("EVENT").key == "e" and "partial" in t.schema.label("QUOTE").attributes["type"]
        assert sorted(s.label for s in t.spans(t.document_ids()[0], "sara")) == ["EVENT", "QUOTE"]


def test_one_name_used_by_two_people_is_reported(tmp_path: Path, seed: Path) -> None:
    a, b = copy_of(seed, "m1.annotator.db"), copy_of(seed, "m2.annotator.db")
    for path, word in ((a, "القاهرة"), (b, "الوزير")):
        with Store.open(path) as s:
            s.add_span(s.document_ids()[0], *_at(T1, word), "GPE", "user")
    team = tmp_path / "team.annotator.db"
    with pytest.raises(MergeConflict) as err:
        merge(team, [a, b])
    assert "annotator 'user' annotated document 'd1' differently" in str(err.value)
    assert str(a) in str(err.value) and str(b) in str(err.value)
    assert not team.exists() and not list(tmp_path.glob("team*"))
    # on different documents: nothing shows it is one person
    c = copy_of(seed, "m3.annotator.db")
    with Store.open(c) as s:
        s.add_span(s.document_ids()[2], *_at(T3, "المتحدث"), "SPEAKER", "user")
    with pytest.raises(MergeConflict, match="on other documents"):
        merge(team, [a, c])
    # --update cannot settle two inputs of one merge; --rename does
    with pytest.raises(MergeConflict):
        merge(team, [a, b], MergeOptions(update=True))
    report = merge(team, [a, b], MergeOptions(rename={str(b): {"user": "user (m2)"}}))
    assert report.layers_added >= 2
    with Store.open(team) as t:
        assert {s.annotator for s in t.spans(t.document_ids()[0])} == {"user", "user (m2)"}


def test_a_newer_copy_needs_update_and_replaces_the_layer(tmp_path: Path, two) -> None:
    a, _b = two
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    with Store.open(a) as s:  # layla goes on working: fixes d1
        d1 = s.document_ids()[0]
        gpe = next(x for x in s.spans(d1, "layla") if x.label == "GPE")
        s.update_span(gpe.id, label="LOC")
    before = dump(team)
    with pytest.raises(MergeConflict, match="differently in"):
        merge(team, [a])
    assert dump(team) == before
    report = merge(team, [a], MergeOptions(update=True))
    assert report.layers_replaced == 1
    with Store.open(team) as t:
        assert "LOC" in [x.label for x in t.spans(t.document_ids()[0], "layla")]
        assert t.undo_text(t.document_ids()[0], "layla") == "Relabel GPE as LOC"


def test_status_further_along_is_taken_without_conflict(tmp_path: Path, two) -> None:
    a, _b = two
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    with Store.open(a) as s:
        s.set_status(s.document_ids()[1], "layla", Status.DONE)
    report = merge(team, [a])
    assert report.statuses_advanced == 1
    with Store.open(team) as t:
        assert t.status(t.document_ids()[1], "layla") == Status.DONE


def test_an_interrupted_merge_leaves_the_target_as_it_was(tmp_path: Path, two, seed: Path) -> None:
    a, b = two
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    before = dump(team)

    def boom(stage: str, conn: sqlite3.Connection) -> None:
        if stage == "before-commit":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge(team, [b], hook=boom)
    assert dump(team) == before
    # a new target: nothing at its name, no temporary left
    fresh = tmp_path / "fresh.annotator.db"
    with pytest.raises(KeyboardInterrupt):
        merge(fresh, [a, b], hook=boom)
    assert not list(tmp_path.glob("fresh*"))

    def full_disk(stage: str, conn: sqlite3.Connection) -> None:
        if stage.startswith("input:"):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")

    big = tmp_path / "big.annotator.db"
    with Store.create(big) as s:
        s.add_documents([NewDocument("long", T3 * 5000)])
    with pytest.raises(MergeError, match="full"):
        merge(team, [b, big], hook=full_disk)
    assert dump(team) == before
    with Store.open(team) as t:
        assert t.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


CHILD = textwrap.dedent(
    """
    import sys, time
    from annotator.core.merge import merge

    def hang(stage, conn):
        if stage == "before-commit":
            print("ready", flush=True)
            time.sleep(60)

    merge(sys.argv[1], sys.argv[2:], hook=hang)
    """
)


def test_a_killed_merge_leaves_the_target_as_it_was(tmp_path: Path, two) -> None:
    a, b = two
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    before = dump(team)
    for target in (team, tmp_path / "new.annotator.db"):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), str(b), str(a)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        time.sleep(0.05)
    assert dump(team) == before
    assert not (tmp_path / "new.annotator.db").exists()
    merge(tmp_path / "new.annotator.db", [a])  # a leftover temporary does not stand in the way
    with Store.open(team) as t:
        assert t.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_bad_inputs_are_refused_by_name(tmp_path: Path, two) -> None:
    a, _b = two
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    before = dump(team)
    text = tmp_path / "notes.txt"
    text.write_text("not a project", encoding="utf-8")
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    newer = tmp_path / "newer.annotator.db"
    shutil.copy(a, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    damaged = tmp_path / "damaged.annotator.db"
    raw = bytearray(a.read_bytes())
    raw[4096 : 4096 + 200] = b"\xff" * 200  # garbage over the second page
    damaged.write_bytes(bytes(raw))
    missing = tmp_path / "missing.annotator.db"
    with pytest.raises(MergeError) as err:
        merge(team, [text, foreign, newer, damaged, missing, team])
    msg = str(err.value)
    for path, why in (
        (text, "not an SQLite database"),
        (foreign, "a different SQLite database"),
        (newer, "newer version"),
        (damaged, "damaged"),
        (missing, "no such file"),
        (team, "the target project itself"),
    ):
        assert f"{path}: " in msg and why in msg, (path, why, msg)
    assert dump(team) == before


def test_an_older_input_is_migrated_in_memory_only(tmp_path: Path, two) -> None:
    a, _b = two
    old = tmp_path / "old.annotator.db"
    shutil.copy(a, old)
    conn = sqlite3.connect(old)
    for statement in (  # undo migrations 8 (session markers), 7 (the real spans' index) and 6 (the
        "DROP TABLE sessions",  # window's reading indexes) ...
        "DROP INDEX spans_real",
        "DROP INDEX spans_read",
        "DROP INDEX documents_ids",
        "CREATE INDEX spans_doc ON spans(doc_id, annotator, start)",
    ):
        conn.execute(statement)
    conn.execute("DROP TABLE history")  # ... migration 2
    for statement in (  # ... migrations 7 (assignments), 5 (the filter index), 4 (models) and 3 (suggestions): a real version 1
        "DROP TABLE assignments",
        "DROP TRIGGER documents_ai",
        "DROP TRIGGER documents_ad",
        "DROP TRIGGER documents_au",
        "DROP TABLE documents_fts",
        "ALTER TABLE documents DROP COLUMN folded",
        "DELETE FROM project WHERE key = 'id'",
        "DROP TABLE models",
        "DROP INDEX spans_suggested",
        "DROP INDEX relations_head",
        "DROP TABLE rejections",
        "DROP TABLE suggestion_runs",
        "DROP TABLE memory",
        "ALTER TABLE spans DROP COLUMN source",
        "ALTER TABLE spans DROP COLUMN confidence",
    ):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()  # the DELETE above opened a transaction
    conn.close()
    before = digest(old)
    team = tmp_path / "team.annotator.db"
    report = merge(team, [old])
    assert report.spans > 0 and report.history == 0
    assert digest(old) == before


def test_merge_command(tmp_path: Path, two, seed: Path) -> None:
    a, b = two
    runner = CliRunner()
    team = tmp_path / "team.annotator.db"
    result = runner.invoke(main, ["merge", str(team), str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "created" in result.output and "3 documents added" in result.output
    result = runner.invoke(main, ["merge", str(team), str(a), str(b)])
    assert result.exit_code == 0 and "nothing to change" in result.output
    c = copy_of(seed, "c.annotator.db")
    with Store.open(c) as s:
        s.add_span(s.document_ids()[0], *_at(T1, "غدا"), "MISC", "omar")
    result = runner.invoke(main, ["merge", str(team), str(c)])
    assert result.exit_code == 1 and "annotator 'omar'" in result.output and "--rename" in result.output
    result = runner.invoke(main, ["merge", str(team), str(c), "--rename", f"{c}:omar=omar2"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["merge", str(team), str(c), "--rename", "omar=x"])
    assert result.exit_code == 2 and "FILE:NAME=NEW" in result.output
    bad = tmp_path / "bad.txt"
    bad.write_text("x")
    result = runner.invoke(main, ["merge", str(team), str(bad)])
    assert result.exit_code == 1 and f"{bad}: not an annotator project" in result.output
    assert json.loads(json.dumps(dump(team)["documents"][0][1]))  # the target still reads


def test_an_input_open_elsewhere_is_read_with_its_latest_edits(tmp_path: Path, two) -> None:
    """While the annotator's window has the file open its newest edits sit in the -wal file: the
    merge reads them too (not only what is checkpointed into the main file)."""
    a, _b = two
    window = Store.open(a)  # stays open, as a window would
    doc = window.document_ids()[2]
    window.add_span(doc, *_at(T3, "الخارجية"), "ORG", "layla")
    assert a.with_name(a.name + "-wal").exists()
    team = tmp_path / "team.annotator.db"
    merge(team, [a])
    with Store.open(team) as t:
        assert [s.label for s in t.spans(t.document_ids()[2], "layla")] == ["ORG"]
    window.add_span(doc, *_at(T3, "المتحدث"), "SPEAKER", "layla")  # the window goes on working
    window.close()
