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
silently). `meta.document` holds the document's own metadata, so the spaCy import reads it back.
`Doc(vocab).from_json(line)` rebuilds the Doc; the DocBin holds that same Doc, built
directly from the tokens and spans rather than by reading the line back. For the spaCy versions
it was checked against, `docbin.DocBinWriter` writes the DocBin's bytes itself (msgpack, and
spaCy's own hash function from the murmurhash package) and the export imports neither spaCy, whose
import alone takes 1.4 to 2.3 s, nor numpy; other versions go through spaCy (`DocBinAdder`, `to_doc`).

Files: `data.jsonl` (always) and `data.spacy` (with spaCy; asking for `-o data.spacy` without
spaCy installed is an error). With a split: `data.train.jsonl`, `data.train.spacy`, ...

With spaCy, `data.config.cfg` is written too: a training config for Arabic NER (`spacy init
config`'s) with `gold_preproc = true` in its corpora, so that `spacy train` trains on these tokens.
Without it spaCy retokenises every text with its blank Arabic tokenizer, which keeps proclitics on
their words (وشددت) where a span here leaves them out (و + شددت): those entities cannot be aligned
and are dropped from training ("misaligned tokens"). `paths.train` and `paths.dev` name the DocBins
beside it (train and dev with a split, else the one DocBin for both): run `python -m spacy train
data.config.cfg` (or `spacy debug data`) from the export's folder.
spaCy's generated config comes with annotator for the spaCy and thinc versions it was checked with;
for others it is made once per version and kept in `$XDG_CACHE_HOME/annotator` (`~/.cache/annotator`):
making it builds a pipeline (see `spacy_ner_config`). Exports put the paths in with a line edit,
without spaCy or confection.
"""

from __future__ import annotations

import json
import os
import re
import struct
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc, XSpan, flat_spans, note_twins, tokens_for
from annotator.core.exporters.docbin import DocBinWriter, direct_ok, installed_version, spacy_version

__all__ = [
    "SPAN_KEY",
    "DocBinAdder",
    "Layout",
    "Parts",
    "Writer",
    "have_spacy",
    "layout",
    "line",
    "parts",
    "targets",
    "to_doc",
]

SUFFIXES = (".jsonl", ".json", ".spacy")
SPAN_KEY = "sc"
#: json.dumps(x, ensure_ascii=False) without building an encoder per call.
_dumps = json.JSONEncoder(ensure_ascii=False).encode
#: A token of the JSON line, as json.dumps writes {"id", "start", "end"}, from an (id, start, end)
#: tuple (filled by a C-level loop; %-formatting is faster than str.format here).
_TOKEN = '{"id": %d, "start": %d, "end": %d}'.__mod__


@cache
def have_spacy() -> bool:
    """Whether spaCy is installed, found without importing it (its import takes seconds)."""
    from importlib.util import find_spec

    return find_spec("spacy") is not None


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


def _config_cache() -> Path:
    """Where spaCy's generated config is kept: $XDG_CACHE_HOME/annotator (else ~/.cache/annotator)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "annotator"


#: (spaCy, thinc) versions -> `spacy_ner_config`'s text as that spaCy makes it, in resources/spacy/
#: (a test compares it with what the installed spaCy makes): the first export on a machine reads it
#: instead of importing spaCy to make it (about 2 s).
BUNDLED_CONFIGS = {("3.8.16", "8.3.14"): "ar-ner-gold-3.8.cfg", ("3.8.18", "8.3.14"): "ar-ner-gold-3.8.cfg"}


def spacy_ner_config(bundled: bool = True) -> str:
    """`spacy init config`'s Arabic NER config as text, with `gold_preproc = true` in both corpora
    and no paths (as confection's `Config.to_str` writes it). Making it builds a whole spaCy pipeline
    (0.4 to 0.7 s after spaCy's own import of 1.4 to 2.3 s), and it depends only on the installed
    spaCy and thinc: it is made once per their versions (read from their `about.py`, without
    importing them) and kept in the user's cache folder, so that a later export needs neither spaCy
    nor confection; for the versions in `BUNDLED_CONFIGS` (unless `bundled` is False) it comes with
    annotator. A cache that cannot be read or written, or lacks the lines the paths go in, is made
    again, never an error."""
    versions = (spacy_version(), installed_version("thinc"))
    if bundled and versions in BUNDLED_CONFIGS:
        from annotator.resources import resource_path

        text = resource_path("spacy", BUNDLED_CONFIGS[versions]).read_text(encoding="utf-8")
        if _with_paths(text, "", "") is not None:
            return text
    path = _config_cache() / f"spacy-{versions[0]}-thinc-{versions[1]}-ar-ner-gold.cfg"
    try:
        text = path.read_text(encoding="utf-8")
        if _with_paths(text, "", "") is not None:
            return text
    except (OSError, UnicodeDecodeError):
        pass
    from spacy.cli.init_config import init_config

    config = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False, silent=True)
    config["paths"]["train"] = config["paths"]["dev"] = None
    for corpus in ("train", "dev"):
        config["corpora"][corpus]["gold_preproc"] = True
    text = config.to_str()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # whole or not at all, when two exports make it at once
    except OSError:
        pass
    return text


#: A config variable (`${paths.train}`): confection writes such a value as it is, not as JSON.
_VARIABLE = re.compile(r"\$\{[\w\.:]+\}")


def _config_value(value: str) -> str:
    """A string as confection's `Config.to_str` writes it: JSON, with $ doubled for configparser
    (except before a brace), or as it is when it holds a variable."""
    if _VARIABLE.search(value):
        return value
    return re.sub(r"\$(?!\{)", "$$", json.dumps(value))


def _with_paths(text: str, train: str, dev: str) -> str | None:
    """The config text with `train` and `dev` in its [paths] section (where it says `null`), as
    `Config.to_str` writes them after `config["paths"]["train"] = train`; None when the section or
    its two lines are missing (a damaged cache)."""
    lines = text.split("\n")
    try:
        first = lines.index("[paths]") + 1
    except ValueError:
        return None
    stop = next((i for i in range(first, len(lines)) if lines[i].startswith("[")), len(lines))
    section = lines[first:stop]
    for key, value in (("train", train), ("dev", dev)):
        if section.count(f"{key} = null") != 1:
            return None
        section[section.index(f"{key} = null")] = f"{key} = {_config_value(value)}"
    return "\n".join(lines[:first] + section + lines[stop:])


def training_config(out: Path, splits: tuple[str, ...] | None) -> str:
    """spaCy's own NER config for Arabic with gold-standard tokens, reading the exported DocBins."""
    train = _file(out, "train" if splits else None, ".spacy").name
    dev = _file(out, "dev" if splits else None, ".spacy").name
    text = spacy_ner_config()
    config = _with_paths(text, train, dev)
    if config is None:  # a spaCy whose config lays [paths] out otherwise: edit it with confection
        from confection import Config

        parsed = Config().from_str(text, interpolate=False)
        parsed["paths"]["train"] = train
        parsed["paths"]["dev"] = dev
        config = parsed.to_str()
    header = (
        "# made by annotator: spaCy's NER config for Arabic, with gold_preproc = true so that spaCy\n"
        "# trains on the exported tokens instead of retokenising (which loses entities that leave a\n"
        "# proclitic out). Run from this folder: python -m spacy train "
        + _file(out, None, ".config.cfg").name
        + "\n"
    )
    return header + config


def spacy_tokens(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word tokens plus whitespace tokens, as spaCy lays them out: a single space after a word is
    that word's trailing space; any other whitespace run (or its rest) is a token of its own."""
    n = len(text)
    if not tokens:
        return [(0, n)] if n else []
    # where the next word does not start right after this one (or after its one space), the
    # whitespace between them becomes a token: found in one pass, filled in below
    gaps = [
        i
        for i, (e, s) in enumerate(zip([e for _, e in tokens], [s for s, _ in tokens[1:]] + [n], strict=True))
        if s != e and not (s == e + 1 and text[e] == " ")
    ]
    out: list[tuple[int, int]] = []
    if tokens[0][0] > 0:
        out.append((0, tokens[0][0]))  # whitespace before the first word: no word to trail
    elif not gaps:
        return list(tokens)
    prev = 0
    for i in gaps:
        out.extend(tokens[prev : i + 1])
        e = tokens[i][1]
        s = tokens[i + 1][0] if i + 1 < len(tokens) else n
        gap_start = e + 1 if text[e] == " " else e
        if gap_start < s:
            out.append((gap_start, s))
        prev = i + 1
    out.extend(tokens[prev:])
    return out


def split_at(tokens: list[tuple[int, int]], cuts: list[int]) -> tuple[list[tuple[int, int]], int]:
    """`tokens` with every one that has a cut strictly inside it split there; and how many splits."""
    starts = [s for s, _ in tokens]
    inside: dict[int, list[int]] = {}  # token index -> the cuts inside it
    for c in cuts:
        k = bisect_right(starts, c) - 1
        if k >= 0 and starts[k] < c < tokens[k][1]:
            inside.setdefault(k, []).append(c)
    if not inside:
        return tokens, 0
    out: list[tuple[int, int]] = []
    prev = 0
    n = 0
    for k in sorted(inside):
        out.extend(tokens[prev:k])
        s, e = tokens[k]
        for c in inside[k]:
            out.append((s, c))
            s = c
            n += 1
        out.append((s, e))
        prev = k + 1
    out.extend(tokens[prev:])
    return out, n


@dataclass(slots=True)
class Layout:
    """One document as spaCy sees it: tokens, the flat entities, the span group and what cannot align."""

    tokens: list[tuple[int, int]]
    starts: list[int]  # of the tokens, ascending
    ends: list[int]
    ents: list[XSpan] = field(default_factory=list)  # flat, sorted by start
    group: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label), each once
    unaligned: list[dict[str, Any]] = field(default_factory=list)

    def first(self, start: int) -> int:
        """The index of the token starting at `start`, or -1."""
        i = bisect_left(self.starts, start)
        return i if i < len(self.starts) and self.starts[i] == start else -1

    def stop(self, end: int) -> int:
        """One past the index of the token ending at `end`, or -1."""
        i = bisect_left(self.ends, end)
        return i + 1 if i < len(self.ends) and self.ends[i] == end else -1


def layout(x: XDoc, ctx: Any) -> Layout:
    """The tokens and spans of a document, with splits, drops and merges noted for the report."""
    doc = x.doc
    text = doc.text
    cuts = sorted({sp.start for sp in x.spans} | {sp.end for sp in x.spans})
    words, splits = split_at(tokens_for(doc), cuts)
    if splits:
        ctx.notes.add("spacy_split", splits, doc.name)
    toks = spacy_tokens(text, words)
    lay = Layout(toks, [s for s, _ in toks], [e for _, e in toks])
    aligned = []
    for sp in x.spans:
        if lay.first(sp.start) >= 0 and lay.stop(sp.end) >= 0:
            aligned.append(sp)
        else:
            lay.unaligned.append({"start": sp.start, "end": sp.end, "label": sp.label, "text": sp.text})
            ctx.notes.add("spacy_unaligned", 1, f"{doc.name} [{sp.start},{sp.end}) {sp.label}")
    lay.ents, dropped = flat_spans(aligned)
    note_twins(aligned, ctx, doc.name)
    if dropped:
        ctx.notes.add("nested", dropped, f"{doc.name} ({dropped})")
    if ctx.options.annotator is None and len({s.annotator for s in x.spans}) > 1:
        ctx.notes.add("multi_annotator", 1, doc.name)
    lay.group = list(dict.fromkeys((sp.start, sp.end, sp.label) for sp in aligned))
    return lay


def line(x: XDoc, lay: Layout) -> str:
    """The JSON line of a document: what `json.dumps` of the `Doc.from_json` dict (text, tokens,
    ents, spans, meta, unaligned; default separators) writes, with the token list written directly."""
    doc = x.doc
    tokens = ", ".join(map(_TOKEN, zip(range(len(lay.starts)), lay.starts, lay.ends, strict=True)))
    rest = {
        "ents": [{"start": sp.start, "end": sp.end, "label": sp.label} for sp in lay.ents],
        "spans": {SPAN_KEY: [{"start": s, "end": e, "label": lab, "kb_id": ""} for s, e, lab in lay.group]},
        "meta": {
            "name": doc.name,
            "sha256": doc.sha256,
            "source": doc.source,
            "split": x.split,
            "document": doc.meta,
        },
        "unaligned": lay.unaligned,
    }
    return f'{{"text": {_dumps(doc.text)}, "tokens": [{tokens}], {_dumps(rest)[1:]}'


#: A span of the group as spaCy stores it: (first token, token after the last, start, end, label).
GroupSpan = tuple[int, int, int, int, str]


@dataclass(slots=True)
class Parts:
    """What a spaCy Doc of a document is made of: words and their trailing spaces, the entities as
    token ranges and the span group. `to_doc` builds the Doc; `DocBinAdder` stores it without one."""

    words: list[str]
    spaces: list[bool]
    ents: list[tuple[int, int, str]]  # (first token, token after the last, label)
    group: list[GroupSpan]
    user_data: dict[str, Any]


def parts(x: XDoc, lay: Layout) -> Parts:
    text = x.doc.text
    n = len(text)
    return Parts(
        [text[s:e] for s, e in lay.tokens],
        [e < n and text[e] == " " for e in lay.ends],  # a whitespace token ends before a word
        [(lay.first(sp.start), lay.stop(sp.end), sp.label) for sp in lay.ents],
        [(lay.first(s), lay.stop(e), s, e, lab) for s, e, lab in lay.group],
        {"name": x.doc.name, "meta": x.doc.meta},
    )


def to_doc(vocab: Any, p: Parts) -> Any:
    """The spaCy Doc: the same Doc as `Doc(vocab).from_json(line)`, without reading the line back."""
    from spacy.tokens import Doc, Span

    iob = ["O"] * len(p.words)
    for first, stop, label in p.ents:
        iob[first] = "B-" + label
        iob[first + 1 : stop] = ["I-" + label] * (stop - first - 1)
    doc = Doc(vocab, words=p.words, spaces=p.spaces, ents=iob)
    doc.spans[SPAN_KEY] = [Span(doc, a, b, label=lab, kb_id="") for a, b, _s, _e, lab in p.group]
    doc.user_data.update(p.user_data)
    return doc


class DocBinAdder:
    """For a spaCy version `DocBinWriter` was not checked against (spaCy imported): what
    `DocBin.add(to_doc(...))` stores, without making the Doc: for ANERcorp, building 150,000
    spaCy tokens and then DocBin.add's Python loop over them were most of the export. Here the token
    array (ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID) is filled from the words and entities, the strings
    kept are the words, labels and "", the span group is packed as `SpanGroup.to_bytes` packs it, and
    one msgpack packer serves every document (srsly builds one per call, looking up entry points).

    The first document is stored both ways and the two DocBins' bytes compared; if they differ (a
    spaCy whose DocBin keeps something else), every document goes through a Doc and DocBin.add."""

    def __init__(self, make: Any) -> None:
        import srsly
        from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, ORTH

        self.make = make  # () -> an empty DocBin like the ones filled
        self.columns = (ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID)
        self.packer = srsly.msgpack.Packer(use_bin_type=True)
        self.fast: bool | None = None  # None until the first document has been compared
        if set(make().attrs) != set(self.columns):
            self.fast = False

    def add(self, docbin: Any, vocab: Any, p: Parts) -> None:
        if self.fast is None:
            reference, mine = self.make(), self.make()
            self._add(mine, vocab, p)
            reference.add(to_doc(vocab, p))
            self.fast = reference.to_bytes() == mine.to_bytes()
        if self.fast:
            self._add(docbin, vocab, p)
        else:
            docbin.add(to_doc(vocab, p))

    def _add(self, db: Any, vocab: Any, p: Parts) -> None:
        import numpy
        from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH

        strings = vocab.strings
        n = len(p.words)
        iob = numpy.full(n, 2, dtype=numpy.uint64)  # Token.iob_strings(): "", I, O, B
        types = numpy.zeros(n, dtype=numpy.uint64)
        for first, stop, label in p.ents:
            iob[first] = 3
            iob[first + 1 : stop] = 1
            types[first:stop] = strings.add(label)
        # each distinct word is added to the vocabulary's strings once (a document repeats most)
        word_ids = {w: strings.add(w) for w in dict.fromkeys(p.words)}
        values = {ORTH: list(map(word_ids.__getitem__, p.words)), ENT_IOB: iob, ENT_TYPE: types}
        array = numpy.zeros((n, len(db.attrs)), dtype=numpy.uint64)
        for i, attr in enumerate(db.attrs):
            if attr in values:
                array[:, i] = values[attr]
        db.tokens.append(array)
        db.spaces.append(numpy.array(p.spaces, dtype=bool).reshape((n, 1)))
        db.flags.append({"has_unknown_spaces": False})
        if n:
            db.strings.update(p.words)
            db.strings.add("")  # tag_, lemma_, norm_, morph, dep_, kb and ent id of a blank vocab
            db.strings.update(label for *_, label in p.ents)
        db.cats.append({})
        if db.store_user_data:
            db.user_data.append(self.packer.pack(p.user_data))
        packed = [struct.pack(">QQQllll", 0, 0, strings.add(lab), a, b, s, e) for a, b, s, e, lab in p.group]
        one = self.packer.pack({"name": SPAN_KEY, "attrs": {}, "spans": packed})
        db.span_groups.append(self.packer.pack({one: [SPAN_KEY]}))
        if p.group:
            db.strings.update(lab for *_, lab in p.group)
            db.strings.add("")  # the spans' kb_id and id


class Writer:
    """The JSON lines, and with spaCy the DocBins: written by `DocBinWriter` without importing spaCy
    when the installed spaCy is one it was checked against, else through spaCy (`DocBinAdder`)."""

    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.ao = ao
        splits = ctx.splits or (None,)
        self.files = {s: ao.file(_file(ctx.out, s, ".jsonl")) for s in splits}
        self.docbins: dict[str | None, Any] = {}
        self.direct: dict[str | None, DocBinWriter] = {}
        if not have_spacy():
            return
        version = spacy_version()
        if direct_ok() and version is not None:
            self.direct = {s: DocBinWriter(version) for s in splits}
            return
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        def make() -> Any:
            return DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)

        self.vocab = Vocab()
        self.docbins = {s: make() for s in splits}
        self.adder = DocBinAdder(make)

    def write(self, x: XDoc) -> None:
        lay = layout(x, self.ctx)
        fh = self.files[x.split]
        fh.write(line(x, lay))
        fh.write("\n")
        if self.direct:
            p = parts(x, lay)
            self.direct[x.split].add(p.words, p.spaces, p.ents, p.group, p.user_data)
        elif self.docbins:
            self.adder.add(self.docbins[x.split], self.vocab, parts(x, lay))
        self.ctx.report.spans += len(lay.group)

    def close(self) -> None:
        for s, writer in self.direct.items():
            self.ao.file(_file(self.ctx.out, s, ".spacy"), "wb").write(writer.to_bytes())
        for s, db in self.docbins.items():
            tmp = self.ao.temp_path(_file(self.ctx.out, s, ".spacy"))
            db.to_disk(tmp)
        if self.docbins or self.direct:
            cfg = self.ao.file(_file(self.ctx.out, None, ".config.cfg"))
            cfg.write(training_config(self.ctx.out, self.ctx.splits))
