"""Quality of the suggestions, measured on the development set (tests/data/devset.jsonl) and ANERcorp.

    python benchmarks/suggest_quality.py            # the figures on the development set
    python benchmarks/suggest_quality.py --show     # ... and every miss and false alarm
    python benchmarks/suggest_quality.py --heldout  # the held-out set (--unseen, --fresh, --final, --sixth, --seventh, --eighth, --ninth, --tenth, --eleventh, --news, --news2, --news3, --news4, --news5: the others)
    python benchmarks/suggest_quality.py --final --speaker-ceiling --no-memory
        # ... what re-ranking the rules' own speaker proposals could win; without the memory's figures

- QUOTE precision and recall: a proposed quote counts when it overlaps at least half of a gold quote
  (of its characters); a gold quote is found when a proposal overlaps at least half of it.
- right speaker: among the found gold quotes whose speaker is named for them (the first quote
  attributed to that speaker mention; later ones continue it), the share whose proposal is linked
  (ATTRIBUTED_TO) to a speaker overlapping at least half of the gold speaker.
- project memory precision: ANERcorp's own entities of its first 80% of documents make the memory;
  a proposal in the last 20% counts when a gold entity with its label overlaps at least half of it.

bench.py prints these beside the timings (`python benchmarks/bench.py suggest`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO / "tests" / "data"
DEVSET = DATA / "devset.jsonl"
# the other sets, chosen by `--NAME` (heldout.jsonl is reported as --heldout)
SETS = (
    "heldout",
    "unseen",
    "fresh",
    "final",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "news",
    "news2",
    "news3",
    "news4",
    "news5",
)
from tests.shared_data import ANERCORP  # noqa: E402


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers_half(p: tuple[int, int], g: tuple[int, int]) -> bool:
    return overlap(p, g) * 2 >= g[1] - g[0]


def closest(proposals: list, g: tuple[int, int]):
    """The proposal whose extent best matches g (overlap over union): the one a quote is judged by."""
    return max(
        proposals, key=lambda p: overlap((p.start, p.end), g) / (max(p.end, g[1]) - min(p.start, g[0]))
    )


@dataclass
class Quality:
    proposed: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def speaker(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0


def gold_documents(path: Path = DEVSET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(docs: list[dict], propose) -> Quality:
    """`propose(name, text)` -> list of Proposal for the document."""
    q = Quality()
    for d in docs:
        text = d["text"]
        spans = {s["id"]: s for s in d["spans"]}
        gold_quotes = [s for s in d["spans"] if s["label"] == "QUOTE"]
        speaker_of = {r["head"]: r["tail"] for r in d["relations"] if r["type"] == "ATTRIBUTED_TO"}
        first_quote_of: dict[int, int] = {}
        for s in sorted(gold_quotes, key=lambda s: s["start"]):
            if s["id"] in speaker_of:
                first_quote_of.setdefault(speaker_of[s["id"]], s["id"])
        props = propose(d["name"], text)
        by_key = {p.key: p for p in props if p.key}
        pq = [p for p in props if p.label == "QUOTE"]
        q.proposed += len(pq)
        q.gold += len(gold_quotes)
        for p in pq:
            if any(covers_half((p.start, p.end), (g["start"], g["end"])) for g in gold_quotes):
                q.correct += 1
            else:
                q.false_alarms.append(f"{d['name']}: {text[p.start : p.end][:100]}")
        for g in gold_quotes:
            g_ext = (g["start"], g["end"])
            match = [p for p in pq if covers_half((p.start, p.end), g_ext)]
            if not match:
                q.misses.append(f"{d['name']}: {g['text'][:100]}")
                continue
            q.found += 1
            sid = speaker_of.get(g["id"])
            if sid is None or first_quote_of.get(sid) != g["id"]:
                continue  # no speaker named for this quote
            q.speaker_total += 1
            gs = spans[sid]
            best = closest(match, g_ext)
            linked = [by_key.get(link.tail) for link in best.links if link.type == "ATTRIBUTED_TO"]
            if any(s is not None and covers_half((s.start, s.end), (gs["start"], gs["end"])) for s in linked):
                q.speaker_right += 1
            else:
                got = [text[s.start : s.end] for s in linked if s is not None]
                q.wrong_speakers.append(f"{d['name']}: want «{gs['text']}» got {got}")
    return q


def speaker_ceiling(docs: list[dict], propose) -> tuple[int, int, int]:
    """What a chooser that re-ranks the rules' own SPEAKER proposals could win: among the found quotes
    with a named speaker that are linked wrongly, how many have the right speaker proposed anywhere in
    their document (before the quote, after it). (wrong, before, after)."""
    wrong = before = after = 0
    for d in docs:
        text = d["text"]
        spans = {s["id"]: s for s in d["spans"]}
        gold_quotes = sorted((s for s in d["spans"] if s["label"] == "QUOTE"), key=lambda s: s["start"])
        speaker_of = {r["head"]: r["tail"] for r in d["relations"] if r["type"] == "ATTRIBUTED_TO"}
        first_quote_of: dict[int, int] = {}
        for s in gold_quotes:
            if s["id"] in speaker_of:
                first_quote_of.setdefault(speaker_of[s["id"]], s["id"])
        props = propose(d["name"], text)
        by_key = {p.key: p for p in props if p.key}
        quotes = [p for p in props if p.label == "QUOTE"]
        speakers = [p for p in props if p.label == "SPEAKER"]
        for g in gold_quotes:
            g_ext = (g["start"], g["end"])
            sid = speaker_of.get(g["id"])
            match = [p for p in quotes if covers_half((p.start, p.end), g_ext)]
            if not match or sid is None or first_quote_of.get(sid) != g["id"]:
                continue
            gs = (spans[sid]["start"], spans[sid]["end"])
            best = closest(match, g_ext)
            linked = [by_key.get(link.tail) for link in best.links if link.type == "ATTRIBUTED_TO"]
            if any(s is not None and covers_half((s.start, s.end), gs) for s in linked):
                continue
            wrong += 1
            right = [s for s in speakers if covers_half((s.start, s.end), gs)]
            before += any(s.start < best.start for s in right)
            after += bool(right) and not any(s.start < best.start for s in right)
    return wrong, before, after


def rules_quality(docs: list[dict] | None = None) -> Quality:
    from annotator.core.model import Document
    from annotator.core.suggestions import Context, RulesSource

    rules = RulesSource()
    docs = docs if docs is not None else gold_documents()
    return evaluate(docs, lambda name, text: list(rules.propose(Document(0, name, text, ""), Context("dev"))))


def anercorp_documents() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """ANERcorp as the importer makes documents: (text, gold entity spans) per document."""
    from annotator.core.importers import ImportOptions
    from annotator.core.importers.conll import parse
    from annotator.core.schema import default_schema

    parsed, _warnings = parse(ANERCORP, ImportOptions(default_schema()))
    return [(d.text, [(s.start, s.end, s.label) for s in d.spans]) for d in parsed]


@dataclass
class MemoryQuality:
    proposed: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    terms: int = 0
    by_label: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def memory_quality(split: float = 0.8) -> MemoryQuality:
    from annotator.core.model import Document, NewDocument, NewSpan
    from annotator.core.store import Store
    from annotator.core.suggestions import Context, memory_source

    docs = anercorp_documents()
    cut = int(len(docs) * split)
    # the memory as a project would build it: the training documents, annotated, in a store
    with tempfile.TemporaryDirectory() as tmp, Store.create(Path(tmp) / "m.annotator.db") as store:
        store.add_documents(
            NewDocument(f"train-{i}", text, spans=[NewSpan(s, e, lab) for s, e, lab in spans])
            for i, (text, spans) in enumerate(docs[:cut])
        )
        memory = memory_source(store)
    mq = MemoryQuality(terms=memory.size)
    for i, (text, gold) in enumerate(docs[cut:]):
        props = memory.propose(Document(i, str(i), text, ""), Context("dev"))
        mq.proposed += len(props)
        mq.gold += len(gold)
        for p in props:
            ok = any(lab == p.label and covers_half((s, e), (p.start, p.end)) for s, e, lab in gold)
            mq.correct += ok
            mq.by_label[(p.label, ok)] += 1
        for s, e, lab in gold:
            mq.found += any(p.label == lab and overlap((p.start, p.end), (s, e)) for p in props)
    return mq


def main(argv: list[str]) -> int:
    which = next((DATA / f"{name}.jsonl" for name in SETS if f"--{name}" in argv), DEVSET)
    q = rules_quality(gold_documents(which))
    print(
        f"{which.name} quotes: precision {q.precision:.3f} ({q.correct}/{q.proposed}), recall {q.recall:.3f} "
        f"({q.found}/{q.gold}); right speaker {q.speaker:.3f} ({q.speaker_right}/{q.speaker_total})"
    )
    if "--show" in argv:
        for title, items in (
            ("missed", q.misses),
            ("false alarms", q.false_alarms),
            ("wrong speaker", q.wrong_speakers),
        ):
            print(f"\n{title} ({len(items)}):")
            for x in items:
                print("  " + x)
    if "--speaker-ceiling" in argv:
        from annotator.core.model import Document
        from annotator.core.suggestions import Context, RulesSource

        rules = RulesSource()
        wrong, before, after = speaker_ceiling(
            gold_documents(which),
            lambda name, text: list(rules.propose(Document(0, name, text, ""), Context("dev"))),
        )
        print(
            f"wrong speakers {wrong}: the right one is proposed elsewhere in the document for {before} "
            f"(before the quote) + {after} (only after it); the rest have no candidate among the rules' speakers"
        )
    if ANERCORP.exists() and "--no-memory" not in argv:
        m = memory_quality()
        print(
            f"memory: precision {m.precision:.3f} ({m.correct}/{m.proposed}), recall {m.recall:.3f} "
            f"({m.found}/{m.gold}) with {m.terms} remembered strings"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
