"""Data for the I/O benchmarks, made once and cached under the temp folder.

- `news_jsonl(n)`: `n` news-like documents as the project's own JSONL (text, meta, spans with their
  texts, relations, a status), deterministic. Each document has what an annotated article has: one
  or two attributed quotes (cue, speaker with a nested organisation, quote: 4 spans and 2 relations
  each) and 3 to 6 entities: ~10 spans and 2.7 relations on average, ~490 characters of text;
  100,000 documents make a 259 MB file (the compact, sorted-key layout the exporter writes).
- `news_project(n)`: that file imported into a project by the real importer.
- `anercorp_times(k)`: ANERcorp repeated `k` times as one CoNLL file (each copy's tokens numbered
  so that no document is a duplicate of another), for the growth tables.
- `synthetic_project()`: 10,000 documents of 50 spans each, with nesting, attributes and relations
  (all done), for exporting what ANERcorp lacks (quotes, speakers, nested spans, no stored tokens).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.shared_data import ANERCORP, SAMPLE  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "annotator-io-bench"
SYNTHETIC_DOCS = 10_000
SPANS_PER_DOC = 50
#: Bumped when the generator or the project schema changes, so a stale cached file is never measured.
VERSION = 4

_CUES = ("قال", "أكد", "أشار", "أوضح", "صرح")
_ENTITY_LABELS = ("PERS", "ORG", "GPE", "LOC", "MISC")


def _words() -> list[str]:
    from annotator.core.text import tokenize

    return [t.text for t in tokenize(SAMPLE.read_text(encoding="utf-8")) if len(t.text) > 1]


class _Builder:
    """One document's text and spans, built left to right."""

    def __init__(self, head: str) -> None:
        self.parts = [head]
        self.pos = len(head) + 1
        self.spans: list[dict] = []

    def put(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text) + 1
        return start, start + len(text)

    def span(self, se: tuple[int, int], label: str, attrs: dict | None = None) -> int:
        self.spans.append(
            {"start": se[0], "end": se[1], "label": label, "attrs": attrs or {}, "id": len(self.spans) + 1}
        )
        return len(self.spans)


def news_records(n: int, seed: int = 7) -> Iterator[dict]:
    """`n` documents in the project's own JSONL layout (see docs/FORMATS.md)."""
    rng = random.Random(seed)
    words = _words()
    for i in range(n):
        b = _Builder(f"خبر رقم {i}:")
        rels: list[dict] = []
        for _ in range(1 + (i % 3 == 0)):
            b.put(" ".join(rng.choices(words, k=rng.randint(8, 20))))
            c = b.span(b.put(rng.choice(_CUES)), "CUE")
            s0, _ = b.put("المتحدث باسم")
            org = b.put("وزارة " + rng.choice(words))
            s = b.span((s0, org[1]), "SPEAKER", {"kind": "title"})
            b.span(org, "ORG")
            b.put("إن")
            q0, _ = b.put("«" + " ".join(rng.choices(words, k=rng.randint(6, 14))))
            _, q1 = b.put(" ".join(rng.choices(words, k=4)) + "»")
            q = b.span((q0, q1), "QUOTE", {"type": "direct"})
            rels += [
                {"type": "ATTRIBUTED_TO", "head": q, "tail": s},
                {"type": "CUE_OF", "head": c, "tail": q},
            ]
        for _ in range(rng.randint(3, 6)):
            b.put(" ".join(rng.choices(words, k=rng.randint(3, 10))))
            b.span(b.put(rng.choice(words)), rng.choice(_ENTITY_LABELS))
        b.put(".")
        text = " ".join(b.parts)
        for sp in b.spans:
            sp["text"] = text[sp["start"] : sp["end"]]
            sp["annotator"] = "ali"
            sp["origin"] = "manual"
        yield {
            "name": f"news-{i:06d}",
            "text": text,
            "meta": {
                "title": " ".join(rng.choices(words, k=6)),
                "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            },
            "spans": b.spans,
            "relations": rels,
            "status": {"ali": "done"},
        }


def news_jsonl(n: int) -> Path:
    path = CACHE / f"news-{n}-v{VERSION}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{time.monotonic_ns()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in news_records(n):
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
        tmp.rename(path)
    return path


def news_project(n: int) -> Path:
    """The news JSONL imported by the real importer (CLI-equivalent: `import_paths`)."""
    from annotator.core.importers import import_paths
    from annotator.core.store import Store

    path = CACHE / f"news-{n}-v{VERSION}.annotator.db"
    if not path.exists():
        source = news_jsonl(n)
        tmp = CACHE / f"news-{n}-{time.monotonic_ns()}.tmp.db"
        with Store.create(tmp) as store:
            report = import_paths(store, [source])
            assert report.ok, report.failures
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tmp.rename(path)
    return path


def anercorp_times(k: int) -> Path:
    """ANERcorp `k` times in one file; copy j > 0 prefixes each sentence's first token with `j:` so
    that its documents are new texts (a copy would be skipped as duplicates)."""
    if k == 1:
        return ANERCORP
    path = CACHE / f"anercorp-x{k}-v{VERSION}.txt"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        lines = ANERCORP.read_text(encoding="utf-8").split("\n")
        tmp = path.with_suffix(f".{time.monotonic_ns()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for j in range(k):
                first = True
                for line in lines:
                    if j and first and line.strip():
                        line = f"{j}:{line}"
                    first = line.split(" ")[0] in (".", "!", "?", "؟")
                    fh.write(line + "\n")
        tmp.rename(path)
    return path


def synthetic_project(n_docs: int = SYNTHETIC_DOCS, spans_per_doc: int = SPANS_PER_DOC) -> Path:
    """`n_docs` news-like documents, each with `spans_per_doc` spans on word boundaries: entities,
    speakers with a nested ORG, cues and quotes linked by ATTRIBUTED_TO and CUE_OF; all done."""
    from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status
    from annotator.core.store import Store
    from annotator.core.text import tokenize

    path = CACHE / f"synthetic-{n_docs}x{spans_per_doc}.annotator.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    words = [t.text for t in tokenize(SAMPLE.read_text(encoding="utf-8")) if len(t.text) > 1]
    labels = ("PERS", "ORG", "GPE", "LOC", "MISC")

    def docs():
        for i in range(n_docs):
            spans: list[NewSpan] = []
            rels: list[NewRelation] = []
            parts: list[str] = [f"خبر رقم {i}:"]
            pos = len(parts[0]) + 1

            def put(text: str, parts: list[str] = parts) -> tuple[int, int]:
                nonlocal pos
                start = pos
                parts.append(text)
                pos += len(text) + 1
                return start, start + len(text)

            for q in range(2):  # a cue, a speaker with a nested organisation, a quote: 4 spans, 2 links
                c = put(rng.choice(("قال", "أكد", "أشار", "أوضح")))
                s0, _ = put("المتحدث باسم")
                o = put("وزارة " + rng.choice(words))
                put("إن")
                qs, _ = put("«" + " ".join(rng.choices(words, k=8)))
                _, qe = put(" ".join(rng.choices(words, k=4)) + "»")
                spans += [
                    NewSpan(*c, "CUE", {}, "ali", Origin.MANUAL, f"c{q}"),
                    NewSpan(s0, o[1], "SPEAKER", {"kind": "title"}, "ali", Origin.MANUAL, f"s{q}"),
                    NewSpan(*o, "ORG", {}, "ali", Origin.MANUAL, ""),
                    NewSpan(qs, qe, "QUOTE", {"type": "direct"}, "ali", Origin.MANUAL, f"q{q}"),
                ]
                rels += [
                    NewRelation("ATTRIBUTED_TO", f"q{q}", f"s{q}", "ali"),
                    NewRelation("CUE_OF", f"c{q}", f"q{q}", "ali"),
                ]
            while len(spans) < spans_per_doc:
                put(" ".join(rng.choices(words, k=rng.randint(1, 3))))
                spans.append(NewSpan(*put(rng.choice(words)), rng.choice(labels), {}, "ali", Origin.MANUAL))
            put(".")
            yield NewDocument(
                f"synthetic-{i:05d}",
                " ".join(parts),
                meta={"n": i},
                spans=spans,
                relations=rels,
                statuses={"ali": Status.DONE},
            )

    tmp = CACHE / f"synthetic-{time.monotonic_ns()}.db"
    with Store.create(tmp) as store:
        batch: list[Any] = []
        for doc in docs():
            batch.append(doc)
            if len(batch) == 1000:
                store.add_documents(batch)
                batch = []
        if batch:
            store.add_documents(batch)
    tmp.rename(path)
    return path
