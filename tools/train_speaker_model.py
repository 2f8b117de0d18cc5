"""Train the speaker tagger (annotator/core/suggestions/speaker_model.py) and write it into the package.

    python tools/train_speaker_model.py                       # the development sets -> annotator/resources/suggest/
    python tools/train_speaker_model.py --out DIR a.jsonl …   # other annotated files (project JSONL) -> DIR

The same input gives the same model (crfsuite's L-BFGS is deterministic). The threshold and margin
written with it are the ones leave-one-set-out chose (benchmarks/speaker_cv.py). The blind sets
(tenth, news3) are refused by name: they are measured once by the lead and never trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
#: the annotated development sets (read in rounds one to ten)
ANERCORP_SETS = ("devset", "heldout", "unseen", "fresh", "final", "sixth", "seventh", "eighth", "ninth")
DEV_SETS = (*ANERCORP_SETS, "news", "news2")
#: never read by any training or evaluation here
BLIND = frozenset({"tenth", "news3"})
POLICY, THRESHOLD, MARGIN = "add", 0.7, 0.2


def read(path: Path) -> list[dict]:
    if path.stem in BLIND:
        raise SystemExit(f"{path}: a blind set, never trained on")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from annotator.core.suggestions.speaker_training import examples, meta, save, train

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="annotated project JSONL (default: the development sets)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "annotator" / "resources" / "suggest")
    args = parser.parse_args(argv)
    files = args.files or [DATA / f"{name}.jsonl" for name in DEV_SETS]
    docs = [d for f in files for d in read(f)]
    data = examples(docs)
    crf = train(data)
    named = sum(any(t != "O" for t in tags) for _x, tags in data)
    save(
        args.out,
        crf,
        meta(
            THRESHOLD,
            MARGIN,
            POLICY,
            trained_on=[f.stem for f in files],
            examples=len(data),
            with_speaker=named,
        ),
    )
    print(
        f"{len(data)} quotes ({named} with their speaker in the window) from {len(docs)} documents -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
