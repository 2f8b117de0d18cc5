"""A real review case: three annotators' projects, merged, measured, adjudicated and charted.

    python docs/review_case.py OUT_FOLDER [--anercorp PATH] [--documents 20]

It builds, in OUT_FOLDER:
- `seed.annotator.db`: the lead's project: the bundled sample article and the first N documents of
  ANERcorp (50 sentences each, CoNLL tokens kept), no annotations;
- `layla.annotator.db`, `omar.annotator.db`, `sara.annotator.db`: copies of the seed, each annotated
  by one person (the third under the Arabic name سارة, so the charts show Arabic);
- `team.annotator.db`: `annotator merge` of the three, then `annotator adjudicate --agreed`;
- `review-charts.png`: `annotator stats --plot`.

The ANERcorp layers are its gold spans changed in systematic, seeded ways, the kinds of
disagreement real annotators have:
- layla (careful): misses 3% of the entities; 2% of ORG and LOC swapped.
- omar (reads the guidelines' GPE literally): 60% of LOC become GPE (countries and cities are GPE
  in this project's schema, LOC in ANERcorp's); 15% of multi-token entities lose their first token
  (titles left out); misses 6%.
- سارة (hurried): misses 35% of MISC and 5% of the rest; labels 0.5% of the other tokens ORG;
  finishes only half of her documents (the rest stay new, without spans).
On the sample article each person has a hand-made layer of quotes, speakers, cues and entities
(see SAMPLE_LAYERS): the same quotes mostly, with boundaries (with or without «أن»), a missed
quote, QUOTE types, and who said it (a name or the full title) differing as they do in practice.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annotator.core.importers import import_paths  # noqa: E402
from annotator.core.model import NewDocument, NewSpan, Origin, Status  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.shared_data import ANERCORP, SAMPLE  # noqa: E402

SARA = "سارة"

# (label, surface, occurrence, attrs, key, linked-to key) per annotator, on the sample article.
Q6 = "أن بلاده تجري محادثات فنية مع إسرائيل بشأن خفض التوتر في سوريا عند الحاجة"
Q7 = "إن هناك حاجة إلى آلية لتجنب الصدام مع إسرائيل، التي تقوم بتسيير طائرات في تلك المنطقة، على غرار الآليات الموجودة مع الولايات المتحدة وروسيا"
Q4 = '"القوات المسلحة التركية تجلب الاستقرار والسلام أينما ذهبت، ولا تشكل تهديدًا لأحد لا يشكل تهديدًا لها"'
Q5 = '"وقف اعتداءاتها الاستفزازية الهادفة إلى المساس بسيادة سورية وسلامة أراضيها وزعزعة أمنها واستقرارها، بمبررات واهية لا أساس لها من الصحة"'
Q1 = "أن وفودًا فنية من تركيا وإسرائيل عقدت اجتماعًا حاسمًا في أذربيجان، أمس الأربعاء"
Q2 = "أن الجهود مستمرة لإنشاء آلية لفض النزاعات"
Q3 = "أن الاجتماع الفني الأول عقد بين الجانبين في أذربيجان، بهدف منع الحوادث غير المرغوب فيها في سوريا"
COMMON_ENTITIES = [
    ("ORG", "وزارة الدفاع التركية", 0),
    ("GPE", "سوريا", 1),
    ("GPE", "تركيا", 0),
    ("GPE", "إسرائيل", 0),
    ("PERS", "هاكان فيدان", 0),
    ("ORG", '"CNN Turk"', 0),
]
SAMPLE_LAYERS: dict[str, list[tuple]] = {
    "layla": [
        ("QUOTE", Q1, 0, {"type": "indirect"}, "q1", None),
        ("SPEAKER", 'قناة "NTV" التركية', 0, {"kind": "media"}, "s1", None),
        ("QUOTE", Q2, 0, {"type": "indirect"}, "q2", None),
        ("SPEAKER", "المصادر", 0, {"kind": "anonymous"}, "s2", None),
        ("QUOTE", Q3, 0, {"type": "indirect"}, "q3", None),
        ("SPEAKER", 'صحيفة "حرييت" التركية', 0, {"kind": "media"}, "s3", None),
        ("QUOTE", Q4, 0, {"type": "direct"}, "q4", None),
        ("SPEAKER", "مصادر وزارة الدفاع التركية", 0, {"kind": "anonymous"}, "s4", None),
        ("QUOTE", Q5, 0, {"type": "direct"}, "q5", None),
        ("SPEAKER", "المتحدث باسم وزارة الدفاع التركية", 0, {"kind": "title"}, "s5", None),
        ("QUOTE", Q6, 0, {"type": "indirect"}, "q6", None),
        ("SPEAKER", "وزير الخارجية التركي، هاكان فيدان", 0, {"kind": "named"}, "s6", None),
        ("QUOTE", Q7, 0, {"type": "indirect"}, "q7", None),
        ("SPEAKER", "فيدان", 1, {"kind": "named"}, "s7", None),
        ("CUE", "وذكرت", 0, {}, "", None),
        ("CUE", "وأكدت", 0, {}, "", None),
        ("CUE", "ونقلت", 0, {}, "", None),
        ("CUE", "وشددت", 0, {}, "", None),
        ("CUE", "أشار", 0, {}, "", None),
        ("CUE", "وقال", 0, {}, "", None),
        ("GPE", "أذربيجان", 1, {}, "", None),
        *[(lab, s, n, {}, "", None) for lab, s, n in COMMON_ENTITIES],
    ],
    "omar": [
        ("QUOTE", Q1[3:], 0, {"type": "indirect"}, "q1", None),  # without «أن»
        ("SPEAKER", 'قناة "NTV" التركية', 0, {"kind": "media"}, "s1", None),
        ("QUOTE", Q2[3:], 0, {"type": "indirect"}, "q2", None),
        ("SPEAKER", "المصادر", 0, {"kind": "anonymous"}, "s2", None),
        # misses the third quote (حرييت)
        ("QUOTE", Q4, 0, {"type": "direct"}, "q4", None),
        ("SPEAKER", "مصادر وزارة الدفاع التركية", 0, {"kind": "anonymous"}, "s4", None),
        ("QUOTE", Q5, 0, {"type": "mixed"}, "q5", None),
        ("SPEAKER", "المتحدث باسم وزارة الدفاع التركية", 0, {"kind": "title"}, "s5", None),
        ("QUOTE", Q6[3:], 0, {"type": "indirect"}, "q6", None),
        ("SPEAKER", "هاكان فيدان", 0, {"kind": "named"}, "s6", None),  # the name, not the title
        ("QUOTE", Q7[3:], 0, {"type": "indirect"}, "q7", None),
        ("SPEAKER", "فيدان", 1, {"kind": "named"}, "s7", None),
        ("CUE", "ذكرت", 0, {}, "", None),
        ("CUE", "أكدت", 0, {}, "", None),
        ("CUE", "شددت", 0, {}, "", None),
        ("CUE", "أشار", 0, {}, "", None),
        ("CUE", "قال", 1, {}, "", None),
        ("LOC", "أذربيجان", 1, {}, "", None),
        *[(lab, s, n, {}, "", None) for lab, s, n in COMMON_ENTITIES],
    ],
}
# سارة: layla's layer, but the second quote typed direct, three cues and two entities missed
_SKIPPED = {"ونقلت", "وشددت", "أشار", "هاكان فيدان", '"CNN Turk"'}
SAMPLE_LAYERS[SARA] = [
    (lab, surface, n, {"type": "direct"} if key == "q2" else attrs, key, link)
    for lab, surface, n, attrs, key, link in SAMPLE_LAYERS["layla"]
    if surface not in _SKIPPED
]
# each quote to its speaker; سارة links the last quote to the minister's full title, not «فيدان»
LINKS = {
    "layla": [(f"q{i}", f"s{i}") for i in range(1, 8)],
    "omar": [("q1", "s1"), ("q2", "s2"), ("q4", "s4"), ("q5", "s5"), ("q6", "s6"), ("q7", "s7")],
    SARA: [(f"q{i}", f"s{i}") for i in range(1, 7)] + [("q7", "s6")],
}


def find(text: str, surface: str, nth: int) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(surface, pos + 1)
    return pos, pos + len(surface)


def sample_layer(text: str, who: str) -> tuple[list[NewSpan], list[tuple[str, str, str]]]:
    spans = []
    for label, surface, nth, attrs, key, _ in SAMPLE_LAYERS[who]:
        start, end = find(text, surface, nth)
        spans.append(NewSpan(start, end, label, dict(attrs), who, Origin.MANUAL, key))
    return spans, [("ATTRIBUTED_TO", h, t) for h, t in LINKS[who]]


def perturb(
    gold: list[NewSpan], tokens: list[tuple[int, int]], who: str, rng: random.Random
) -> list[NewSpan]:
    """`gold` changed as the module docstring says for `who`."""
    out: list[NewSpan] = []
    starts = [t[0] for t in tokens]
    covered = set()
    for g in gold:
        label, start, end = g.label, g.start, g.end
        covered.update(i for i, (s, e) in enumerate(tokens) if s < end and start < e)
        if who == "layla":
            if rng.random() < 0.03:
                continue
            if label in ("ORG", "LOC") and rng.random() < 0.02:
                label = "LOC" if label == "ORG" else "ORG"
        elif who == "omar":
            if rng.random() < 0.06:
                continue
            if label == "LOC" and rng.random() < 0.6:
                label = "GPE"
            inner = [s for s in starts if start < s < end]
            if inner and rng.random() < 0.15:
                start = inner[0]
        else:
            if rng.random() < (0.35 if label == "MISC" else 0.05):
                continue
        out.append(NewSpan(start, end, label, {}, who, Origin.MANUAL))
    if who == SARA:
        for i, (s, e) in enumerate(tokens):
            if i not in covered and rng.random() < 0.005:
                out.append(NewSpan(s, e, "ORG", {}, who, Origin.MANUAL))
    return out


def build(out: Path, anercorp: Path, n_docs: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.annotator.db*"):
        old.unlink()
    gold_path = out / "gold.annotator.db"
    with Store.create(gold_path) as gold:
        report = import_paths(gold, [anercorp], format="conll", annotator="gold", sentences_per_doc=50)
        assert not report.failures, report.failures
        ids = gold.document_ids()[:n_docs]
        docs = [gold.document(i) for i in ids]
        gold_spans = {i: gold.spans(i) for i in ids}
    gold_path.unlink()
    seed = out / "seed.annotator.db"
    with Store.create(seed) as store:
        import_paths(store, [SAMPLE])
        store.add_documents(
            NewDocument(d.name, d.text, dict(d.meta), d.source, list(d.tokens or ())) for d in docs
        )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    people = {"layla": "layla", "omar": "omar", SARA: "sara"}
    for who, file_name in people.items():
        path = out / f"{file_name}.annotator.db"
        shutil.copy(seed, path)
        rng = random.Random(f"review-case-{file_name}")
        with Store.open(path) as store:
            sample_id, *aner_ids = store.document_ids()
            spans, links = sample_layer(store.document(sample_id).text, who)
            store.edit_layer(sample_id, who, add=spans, relations=links, status=Status.DONE, record=False)
            for k, (doc_id, d) in enumerate(zip(aner_ids, docs, strict=True)):
                if who == SARA and k >= n_docs // 2:
                    continue  # not started
                gold = [NewSpan(s.start, s.end, s.label, {}, who) for s in gold_spans[d.id]]
                status = Status.DONE if who == "layla" or k < n_docs * 3 // 4 else Status.IN_PROGRESS
                mine = perturb(gold, list(d.tokens or ()), who, rng)
                store.edit_layer(doc_id, who, add=mine, status=status, record=False)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    team = out / "team.annotator.db"
    cli = [sys.executable, "-m", "annotator"]
    inputs = [str(out / f"{f}.annotator.db") for f in people.values()]
    for args in (
        ["merge", str(team), *inputs],
        ["agree", str(team)],
        ["agree", str(team), "--doc", "1"],
        ["adjudicate", str(team), "--agreed"],
        ["stats", str(team), "--plot", str(out / "review-charts.png")],
    ):
        print("$ annotator " + " ".join(Path(a).name if a.startswith(str(out)) else a for a in args))
        done = subprocess.run(cli + args, capture_output=True, text=True, cwd=REPO)
        print(done.stdout + done.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--anercorp", type=Path, default=ANERCORP)
    parser.add_argument("--documents", type=int, default=20)
    args = parser.parse_args()
    build(args.out, args.anercorp, args.documents)


if __name__ == "__main__":
    main()
