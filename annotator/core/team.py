"""A lead's plan of who annotates what: spreading documents over annotators' queues.

The queues themselves live in the store (`Store.assign`, `Store.queues`); this module only decides
which pairs to add, so the command line and the window share one rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.store import Store


def spread(
    store: Store,
    names: Sequence[str],
    *,
    per_doc: int = 1,
    docs: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[tuple[int, str]]:
    """(doc id, annotator) pairs that give each document (all, or `docs`) `per_doc` annotators
    from `names`, each to whoever has the shortest queue so the queues grow evenly; documents that already have enough
    are left alone, and nobody gets a document twice. `limit`: at most this many documents."""
    names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not names:
        raise ValueError("spread over whom? name at least one annotator")
    if not 1 <= per_doc <= len(names):
        raise ValueError(f"--per-doc must be between 1 and the number of annotators ({len(names)})")
    have: dict[int, set[str]] = {}
    for name in names:
        for doc_id in store.assigned(name):
            have.setdefault(doc_id, set()).add(name)
    counts = store.assignment_counts()
    load = {n: len(store.assigned(n)) for n in names}
    pairs: list[tuple[int, str]] = []
    done = 0
    for doc_id in docs if docs is not None else store.document_ids():
        need = per_doc - counts.get(doc_id, 0)
        if need <= 0:
            continue
        if limit is not None and done >= limit:
            break
        done += 1
        taken = have.setdefault(doc_id, set())
        for _ in range(need):
            # whoever lacks it and has the shortest queue (ties: in the order named)
            candidates = [n for n in names if n not in taken]
            if not candidates:
                break
            name = min(candidates, key=lambda n: load[n])
            taken.add(name)
            load[name] += 1
            pairs.append((doc_id, name))
    return pairs
