"""Leave-one-set-out cross-validation of the trained speaker model (round eleven, branch speakercrf).

    python benchmarks/speaker_cv.py                 # the table at the chosen threshold and margin
    python benchmarks/speaker_cv.py --grid          # ... and every threshold / margin tried

For each development set: train on all the others (tools/train_speaker_model.py's examples and
parameters), then score the left-out set with suggest_quality.evaluate, the rules alone and the
rules with the model (precision, recall, right speaker). "junk" counts found quotes with no
annotated speaker that the model linked to a speaker where the rules linked none.
The blind sets (tenth, news3) are never read: they are not in DEV_SETS and are refused by name.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.suggest_quality import DATA, evaluate, gold_documents  # noqa: E402
from tools.train_speaker_model import ANERCORP_SETS, BLIND, DEV_SETS, MARGIN, POLICY, THRESHOLD  # noqa: E402

GRID = [(p, t, m) for p in ("add", "replace") for t in (0.5, 0.7, 0.9) for m in (0.0, 0.2)]


def main(argv: list[str]) -> int:
    from annotator.core.model import Document
    from annotator.core.suggestions import Context, RulesSource
    from annotator.core.suggestions.lexicon import load_lexicon
    from annotator.core.suggestions.speaker_model import SpeakerModel
    from annotator.core.suggestions.speaker_training import examples, meta, train
    from annotator.core.suggestions.units import analyse

    assert not set(DEV_SETS) & BLIND
    lex = load_lexicon()
    docs = {name: gold_documents(DATA / f"{name}.jsonl") for name in DEV_SETS}
    data = {name: examples(docs[name], lex) for name in DEV_SETS}
    rules = RulesSource(lex, speakers=None)
    cached = {
        (name, d["name"]): (
            analyse(d["text"]),
            list(rules.propose(Document(0, d["name"], d["text"], ""), Context("dev"))),
        )
        for name in DEV_SETS
        for d in docs[name]
    }
    grid = GRID if "--grid" in argv else [(POLICY, THRESHOLD, MARGIN)]
    rows: dict[tuple[str, float, float], list[tuple[str, object, object, int]]] = {g: [] for g in grid}
    for name in DEV_SETS:
        crf = train([x for other in DEV_SETS if other != name for x in data[other]])
        base = evaluate(docs[name], lambda n, _t, name=name: cached[(name, n)][1])
        for p, t, m in grid:
            model = SpeakerModel.from_bytes(crf, meta(t, m, p))

            def propose(n: str, _text: str, name: str = name, model: SpeakerModel = model) -> list:
                units, props = cached[(name, n)]
                return model.revise(units, props, lex, "rules")

            q = evaluate(docs[name], propose)
            junk = count_junk(
                docs[name], lambda n, name=name: cached[(name, n)][1], lambda n, f=propose: f(n, "")
            )
            changed = count_changed(
                docs[name], lambda n, name=name: cached[(name, n)][1], lambda n, f=propose: f(n, "")
            )
            rows[(p, t, m)].append((name, base, q, (junk, *changed)))
    for (p, t, m), table in rows.items():
        print(f"\npolicy {p}, threshold {t}, margin {m}")
        print(
            "| set | rules P / R | rules right speaker | + model P / R | + model right speaker | junk | links changed: right before → still right / wrong before → now right |"
        )
        print("|---|---|---|---|---|---|---|")
        tot = {"a": [0, 0, 0, 0, 0, 0, 0, 0], "n": [0, 0, 0, 0, 0, 0, 0, 0]}
        for name, b, q, junk in table:
            print(
                f"| {name} | {b.precision:.3f} / {b.recall:.3f} | {b.speaker:.3f} ({b.speaker_right}/{b.speaker_total}) "
                f"| {q.precision:.3f} / {q.recall:.3f} | {q.speaker:.3f} ({q.speaker_right}/{q.speaker_total}) | {junk[0]} "
                f"| {junk[1]}→{junk[2]} / {junk[3]}→{junk[4]} |"
            )
            k = "a" if name in ANERCORP_SETS else "n"
            for x, v in enumerate((b.speaker_right, q.speaker_right, b.speaker_total, *junk)):
                tot[k][x] += v
        for k, label in (("a", "ANERcorp sets"), ("n", "modern news sets")):
            br, mr, total, junk, r0, r1, w0, w1 = tot[k]
            print(
                f"| {label} | | {br / total:.3f} ({br}/{total}) | | {mr / total:.3f} ({mr}/{total}) | {junk} "
                f"| {r0}→{r1} / {w0}→{w1} |"
            )
    return 0


def count_junk(docs: list[dict], rules_of, model_of) -> int:
    """Quotes with no annotated speaker that the rules leave unlinked and the model links."""
    n = 0
    for d in docs:
        speaker_of = {r["head"] for r in d["relations"] if r["type"] == "ATTRIBUTED_TO"}
        unlinked = [
            (s["start"], s["end"]) for s in d["spans"] if s["label"] == "QUOTE" and s["id"] not in speaker_of
        ]
        if not unlinked:
            continue

        def linked(props: list) -> set[tuple[int, int]]:
            return {
                (p.start, p.end)
                for p in props
                if p.label == "QUOTE" and any(x.type == "ATTRIBUTED_TO" for x in p.links)
            }

        before, after = linked(rules_of(d["name"])), linked(model_of(d["name"]))
        for s, e in unlinked:
            hit = [q for q in after - before if min(q[1], e) - max(q[0], s) > 0]
            n += bool(hit)
    return n


def count_changed(docs: list[dict], rules_of, model_of) -> tuple[int, int, int, int]:
    """Every found quote with an annotated speaker (continuations too, which the right-speaker share
    leaves out) whose link the model changed: how many were right before and after the change, and
    how many were wrong before and after (right: linked to a speaker covering half the annotated one)."""
    from benchmarks.suggest_quality import closest, covers_half

    out = [0, 0, 0, 0]
    for d in docs:
        spans = {s["id"]: s for s in d["spans"]}
        speaker_of = {r["head"]: r["tail"] for r in d["relations"] if r["type"] == "ATTRIBUTED_TO"}
        before, after = rules_of(d["name"]), model_of(d["name"])

        def link(props: list, g: tuple[int, int]) -> tuple[int, int] | None:
            by_key = {p.key: p for p in props if p.key}
            quotes = [p for p in props if p.label == "QUOTE" and covers_half((p.start, p.end), g)]
            if not quotes:
                return None
            tails = [by_key.get(x.tail) for x in closest(quotes, g).links if x.type == "ATTRIBUTED_TO"]
            return next(((s.start, s.end) for s in tails if s is not None), None)

        for s in d["spans"]:
            if s["label"] != "QUOTE" or s["id"] not in speaker_of:
                continue
            g, gs = (s["start"], s["end"]), spans[speaker_of[s["id"]]]
            a, b = link(before, g), link(after, g)
            if a == b:
                continue
            right = [x is not None and covers_half(x, (gs["start"], gs["end"])) for x in (a, b)]
            out[0 if right[0] else 2] += right[0] or not right[0]
            out[1 if right[0] else 3] += right[1]
    return out[0], out[1], out[2], out[3]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
