"""spaCy: one JSON line per document in the layout `Doc.to_json` writes and `Doc.from_json` reads,
plus a binary `.spacy` DocBin (for `spacy train`) when spaCy is installed.

A line holds `text`, `tokens` (`[{"id", "start", "end"}]`: the words of the CoNLL import or of
the Arabic-aware tokenizer, split where a span edge falls inside one (a span leaves the proclitic
و out of وأكدت: the token becomes و + أكدت, counted in a warning) so that every span aligns;
whitespace runs other than a single space between words are tokens of their own, as spaCy's
tokenizer makes them, so the Doc's text is the document's text exactly), `ents` (character spans, flat: the outermost wins among
overlapping ones, the rest counted in a warning), `spans` `{"sc": [...]}` (every span, nested ones
included), `meta` (name, sha256, source, split) and `unaligned` (spans that still do not align, such as one
whose edge falls inside whitespace: spaCy cannot represent them, so they are listed here and counted in a warning, not dropped
silently). `meta.document` holds the document's own metadata, so the spaCy import reads it back. `Doc(vocab).from_json(line)` rebuilds the Doc; that is also how the DocBin is made.

Files: `data.jsonl` (always) and `data.spacy` (with spaCy; asking for `-o data.spacy` without
spaCy installed is an error). With a split: `data.train.jsonl`, `data.train.spacy`, ...

With spaCy, `data.config.cfg` is written too: a training config for Arabic NER (`spacy init
config`'s) with `gold_preproc = true` in its corpora, so that `spacy train` trains on these tokens.
Without it spaCy retokenises every text with its blank Arabic tokenizer, which keeps proclitics on
their words (وشددت) where a span here leaves them out (و + شددت): those entities cannot be aligned
and are dropped from training ("misaligned tokens"). `paths.train` and `paths.dev` name the DocBins
beside it (train and dev with a split, else the one DocBin for both): run `python -m spacy train
data.config.cfg` (or `spacy debug data`) from the export's folder.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc, flat_spans, tokens_for

__all__ = ["SPAN_KEY", "Writer", "doc_json", "have_spacy", "targets"]

SUFFIXES = (".jsonl", ".json", ".spacy")
SPAN_KEY = "sc"


def have_spacy() -> bool:
    try:
        import spacy  # noqa: F401
        from spacy.tokens import DocBin  # noqa: F401
    except ImportError:
        return False
    return True


def _file(out: Path, split: str | None, suffix: str) -> Path:
    from annotator.core.exporters import sibling

    return sibling(out, SUFFIXES, suffix, split)


def check(out: Path, **_: object) -> None:
    if out.suffix.lower() == ".spacy" and not have_spacy():
        from annotator.core.exporters import ExportError

        raise ExportError(
            "a .spacy output needs spaCy, which is not installed (pip install 'annotator[spacy]'), "
            "or give a .jsonl output"
        )


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    names = splits or (None,)
    paths = [_file(out, s, ".jsonl") for s in names]
    if have_spacy():
        paths += [_file(out, s, ".spacy") for s in names] + [_file(out, None, ".config.cfg")]
    return paths


def training_config(out: Path, splits: tuple[str, ...] | None) -> str:
    """spaCy's own NER config for Arabic with gold-standard tokens, reading the exported DocBins."""
    from spacy.cli.init_config import init_config

    config = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False, silent=True)
    train = _file(out, "train" if splits else None, ".spacy").name
    dev = _file(out, "dev" if splits else None, ".spacy").name
    config["paths"]["train"] = train
    config["paths"]["dev"] = dev
    for corpus in ("train", "dev"):
        config["corpora"][corpus]["gold_preproc"] = True
    header = (
        "# made by annotator: spaCy's NER config for Arabic, with gold_preproc = true so that spaCy\n"
        "# trains on the exported tokens instead of retokenising (which loses entities that leave a\n"
        "# proclitic out). Run from this folder: python -m spacy train "
        + _file(out, None, ".config.cfg").name
        + "\n"
    )
    return header + config.to_str()


def spacy_tokens(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word tokens plus whitespace tokens, as spaCy lays them out: a single space after a word is
    that word's trailing space; any other whitespace run (or its rest) is a token of its own."""
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in tokens:
        if s > pos:
            gap_start = pos
            if out and text[pos] == " ":
                gap_start = pos + 1
            if gap_start < s:
                out.append((gap_start, s))
        out.append((s, e))
        pos = e
    if pos < len(text):
        gap_start = pos + 1 if out and text[pos] == " " else pos
        if gap_start < len(text):
            out.append((gap_start, len(text)))
    return out


def split_at(tokens: list[tuple[int, int]], cuts: list[int]) -> tuple[list[tuple[int, int]], int]:
    """`tokens` with every one that has a cut strictly inside it split there; and how many splits."""
    out: list[tuple[int, int]] = []
    n = 0
    for s, e in tokens:
        i = bisect_right(cuts, s)
        if i < len(cuts) and cuts[i] < e:
            prev = s
            while i < len(cuts) and cuts[i] < e:
                out.append((prev, cuts[i]))
                prev = cuts[i]
                i += 1
                n += 1
            out.append((prev, e))
        else:
            out.append((s, e))
    return out, n


def doc_json(x: XDoc, ctx: Any) -> tuple[dict[str, Any], int]:
    """The `Doc.from_json` dict of a document, and how many spans it holds."""
    doc = x.doc
    text = doc.text
    cuts = sorted({sp.start for sp in x.spans} | {sp.end for sp in x.spans})
    words, splits = split_at(tokens_for(doc), cuts)
    if splits:
        ctx.notes.add("spacy_split", splits, doc.name)
    toks = spacy_tokens(text, words)
    starts = {s for s, _ in toks}
    ends = {e for _, e in toks}
    aligned = []
    unaligned = []
    for sp in x.spans:
        if sp.start in starts and sp.end in ends:
            aligned.append(sp)
        else:
            unaligned.append({"start": sp.start, "end": sp.end, "label": sp.label, "text": sp.text})
            ctx.notes.add("spacy_unaligned", 1, f"{doc.name} [{sp.start},{sp.end}) {sp.label}")
    kept, dropped = flat_spans(aligned)
    if dropped:
        ctx.notes.add("nested", dropped, f"{doc.name} ({dropped})")
    if ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
        ctx.notes.add("multi_annotator", 1, doc.name)
    seen: set[tuple[int, int, str]] = set()
    group = []
    for sp in aligned:
        key = (sp.start, sp.end, sp.label)
        if key in seen:
            continue
        seen.add(key)
        group.append({"start": sp.start, "end": sp.end, "label": sp.label, "kb_id": ""})
    data = {
        "text": text,
        "tokens": [{"id": i, "start": s, "end": e} for i, (s, e) in enumerate(toks)],
        "ents": [{"start": sp.start, "end": sp.end, "label": sp.label} for sp in kept],
        "spans": {SPAN_KEY: group},
        "meta": {
            "name": doc.name,
            "sha256": doc.sha256,
            "source": doc.source,
            "split": x.split,
            "document": doc.meta,
        },
        "unaligned": unaligned,
    }
    return data, len(group)


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.ao = ao
        splits = ctx.splits or (None,)
        self.files = {s: ao.file(_file(ctx.out, s, ".jsonl")) for s in splits}
        self.docbins: dict[str | None, Any] = {}
        if have_spacy():
            from spacy.tokens import DocBin
            from spacy.vocab import Vocab

            self.vocab = Vocab()
            self.docbins = {
                s: DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True) for s in splits
            }

    def write(self, x: XDoc) -> None:
        data, n = doc_json(x, self.ctx)
        fh = self.files[x.split]
        fh.write(json.dumps(data, ensure_ascii=False))
        fh.write("\n")
        if self.docbins:
            from spacy.tokens import Doc

            sdoc = Doc(self.vocab).from_json(data)
            sdoc.user_data["name"] = x.doc.name
            sdoc.user_data["meta"] = x.doc.meta
            self.docbins[x.split].add(sdoc)
        self.ctx.report.spans += n

    def close(self) -> None:
        for s, db in self.docbins.items():
            tmp = self.ao.temp_path(_file(self.ctx.out, s, ".spacy"))
            db.to_disk(tmp)
        if self.docbins:
            cfg = self.ao.file(_file(self.ctx.out, None, ".config.cfg"))
            cfg.write(training_config(self.ctx.out, self.ctx.splits))
