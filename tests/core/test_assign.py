"""Assignments: a lead fills annotators' queues; an annotator's queue comes first (on a file and on
a server, through the `store` fixture)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.model import NewDocument, Status
from annotator.core.store import EditError, Store
from annotator.core.team import spread


def _docs(store: Store, n: int = 6) -> list[int]:
    return store.add_documents([NewDocument(f"news-{i}", f"خبر رقم {i} عن الاقتصاد.") for i in range(n)]).ids


def test_assign_unassign_and_queues(store: Store) -> None:
    ids = _docs(store)
    assert store.assign([(ids[0], "layla"), (ids[2], "layla"), (ids[2], "omar")], by="lead") == 3
    assert store.assign([(ids[0], "layla")]) == 0  # already there
    assert store.assigned("layla") == [ids[0], ids[2]]
    store.set_status(ids[2], "layla", Status.DONE)
    store.set_status(ids[2], "omar", Status.IN_PROGRESS)
    assert store.queues() == {
        "layla": {"assigned": 2, "new": 1, "in_progress": 0, "done": 1},
        "omar": {"assigned": 1, "new": 0, "in_progress": 1, "done": 0},
    }
    with pytest.raises(EditError, match="no document 999"):
        store.assign([(ids[1], "sara"), (999, "sara")])
    assert store.assigned("sara") == []  # all or nothing
    assert store.unassign([ids[0]], "layla") == 1 and store.assigned("layla") == [ids[2]]
    assert store.status(ids[2], "layla") == Status.DONE  # the work stays


def test_the_queue_comes_first(store: Store) -> None:
    ids = _docs(store)
    assert store.next_unfinished("layla") == ids[0]  # no queue: every document in order
    store.assign([(ids[3], "layla"), (ids[4], "layla")])
    assert store.next_unfinished("layla") == ids[3]
    assert store.next_unfinished("layla", after=ids[3]) == ids[4]
    assert store.next_unfinished("layla", after=ids[4]) == ids[3]  # the queue wraps around first
    store.set_status(ids[3], "layla", Status.DONE)
    store.set_status(ids[4], "layla", Status.DONE)
    assert store.next_unfinished("layla", after=ids[4]) == ids[5]  # then the rest
    assert [d.id for d in store.list_documents("layla", queue=True)] == [ids[3], ids[4]]
    assert store.count_documents("layla", queue=True) == 2
    assert store.count_documents("layla", Status.DONE, queue=True) == 2
    assert store.count_documents("omar", queue=True) == 0


def test_spread_balances_queues_and_gives_nobody_a_document_twice(store: Store) -> None:
    ids = _docs(store, 7)
    store.assign([(ids[0], "layla")])
    pairs = spread(store, ["layla", "omar", "sara"], per_doc=2)
    assert len(pairs) == 7 * 2 - 1  # document 0 needed one more
    per_doc: dict[int, list[str]] = {}
    for d, name in pairs:
        per_doc.setdefault(d, []).append(name)
    assert all(len(set(v)) == len(v) for v in per_doc.values())
    assert "layla" not in per_doc[ids[0]]
    store.assign(pairs)
    sizes = [q["assigned"] for q in store.queues().values()]
    assert sum(sizes) == 14 and max(sizes) - min(sizes) <= 1
    assert spread(store, ["layla", "omar", "sara"], per_doc=2) == []  # nothing left to give
    with pytest.raises(ValueError, match="per-doc"):
        spread(store, ["layla"], per_doc=2)


def test_assign_command(new_location) -> None:
    location = new_location("assign")
    with Store.create(location) as store:
        ids = _docs(store)
    run = CliRunner().invoke
    out = run(main, ["assign", location, "layla", f"{ids[0]}-{ids[2]}", "news-5"])
    assert out.exit_code == 0, out.output
    assert "assigned 4 documents to layla" in out.output
    out = run(main, ["assign", location, "--spread", "omar,sara", "--first", "1"])
    assert "assigned 1 document over omar,sara" in out.output
    out = run(main, ["assign", location])
    lines = {line.split()[0]: line.split()[1:] for line in out.output.splitlines()[1:]}
    assert lines["layla"] == ["4", "4", "0", "0"] and lines["omar"][0] == "1"
    out = run(main, ["assign", location, "layla", "nope"])
    assert out.exit_code == 1 and "no document named or numbered 'nope'" in out.output
    out = run(main, ["assign", location, "layla", "--remove"])
    assert "took 4 documents out of layla's queue" in out.output
