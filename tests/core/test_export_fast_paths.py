"""The exporters' list-at-a-time helpers agree with the obvious loops they replace, on any text.

Each reference below is the loop the exporter used before it was made faster; hypothesis draws texts
(words, single and double spaces, line breaks, tabs) and their tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.exporters.common import sentences_for
from annotator.core.exporters.conll import _BAD_WS, _tokens_with_bad_whitespace
from annotator.core.exporters.spacy import spacy_tokens, split_at
from annotator.core.model import Document
from annotator.core.store import tokens_in_order
from annotator.core.text import tokenize

pieces = st.lists(
    st.sampled_from(["قال", "الوزير", "NTV", "«", "»", "3.5", " ", " ", "  ", "\n", "\t", "\n\n"]),
    max_size=40,
)


def words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def ref_spacy_tokens(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def ref_split_at(tokens: list[tuple[int, int]], cuts: list[int]) -> tuple[list[tuple[int, int]], int]:
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


def ref_sentences(text: str, tokens: list[tuple[int, int]], bounds: list[tuple[int, int]]) -> list[list[int]]:
    starts = [b[0] for b in bounds]
    groups: list[list[int]] = [[] for _ in bounds]
    stray: list[int] = []
    for i, (s, _e) in enumerate(tokens):
        j = bisect_right(starts, s) - 1
        (groups[j] if j >= 0 else stray).append(i)
    out = [g for g in groups if g]
    if stray:
        out.insert(0, stray)
    return out


@given(pieces)
def test_spacy_tokens(parts: list[str]) -> None:
    text = "".join(parts)
    assert spacy_tokens(text, words(text)) == ref_spacy_tokens(text, words(text))
    assert spacy_tokens(text, []) == ref_spacy_tokens(text, [])


@given(pieces, st.lists(st.integers(0, 120), max_size=8))
def test_split_at(parts: list[str], cuts: list[int]) -> None:
    text = "".join(parts)
    cuts = sorted(set(cuts))
    assert split_at(words(text), cuts) == ref_split_at(words(text), cuts)


@given(pieces)
def test_sentences_of_conll_lines_and_of_the_tokenizer(parts: list[str]) -> None:
    text = "".join(parts)
    from annotator.core.text import sentence_spans

    tokens = words(text)
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    conll = Document(1, "d", text, "x", tokens=tuple(tokens))
    assert [list(r) for r in sentences_for(conll, tokens)] == ref_sentences(text, tokens, lines)
    plain = Document(1, "d", text, "x")
    toks = [(t.start, t.end) for t in tokenize(text)]
    assert [list(r) for r in sentences_for(plain, toks)] == ref_sentences(text, toks, sentence_spans(text))


@given(pieces, st.lists(st.integers(0, 60), max_size=6))
def test_tokens_with_bad_whitespace(parts: list[str], joins: list[int]) -> None:
    text = "".join(parts)
    tokens = words(text)
    for j in sorted(set(joins), reverse=True):  # tokens that swallow what follows them, breaks included
        if j + 1 < len(tokens):
            tokens[j : j + 2] = [(tokens[j][0], tokens[j + 1][1])]
    expected = [i for i, (s, e) in enumerate(tokens) if _BAD_WS.search(text[s:e])]
    assert _tokens_with_bad_whitespace(text, tokens) == expected


@given(
    st.lists(st.tuples(st.integers(-2, 30), st.integers(-2, 30)), min_size=1, max_size=12), st.integers(0, 30)
)
def test_tokens_in_order(tokens: list[tuple[int, int]], length: int) -> None:
    prev, ok = 0, True
    for s, e in tokens:
        if not (prev <= s < e <= length):
            ok = False
            break
        prev = e
    assert tokens_in_order(tokens, length) == ok


def test_docbin_adder_stores_what_docbin_add_stores_and_falls_back_when_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("spacy", reason="spaCy is an optional extra (not installed)")
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from annotator.core.exporters import spacy as spacy_export
    from annotator.core.exporters.spacy import Parts

    def make() -> DocBin:
        return DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)

    docs = [
        Parts(
            ["قال", "NTV", "اليوم"],
            [True, True, False],
            [(1, 2, "ORG")],
            [(1, 2, 4, 7, "ORG"), (0, 3, 0, 13, "QUOTE")],
            {"name": "a"},
        ),
        Parts(["محمد", "علي", "\n", "غدا"], [True, False, False, False], [(0, 2, "PERS")], [], {"name": "b"}),
        Parts([], [], [], [], {"name": "empty"}),
    ]
    vocab = Vocab()
    reference = make()
    for p in docs:
        reference.add(spacy_export.to_doc(vocab, p))

    fast, adder = make(), spacy_export.DocBinAdder(make)
    for p in docs:
        adder.add(fast, Vocab(), p)
    assert adder.fast is True and fast.to_bytes() == reference.to_bytes()

    # an adder that stores something else than DocBin.add is caught on the first document
    monkeypatch.setattr(
        spacy_export.DocBinAdder, "_add", lambda self, db, vocab, p: db.cats.append({"x": 1.0})
    )
    slow, adder = make(), spacy_export.DocBinAdder(make)
    for p in docs:
        adder.add(slow, Vocab(), p)
    assert adder.fast is False and slow.to_bytes() == reference.to_bytes()


def test_spacy_config_is_made_once_and_remade_when_damaged(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The training config from the cache is the one `spacy init config` makes; a damaged cache
    file is made again."""
    pytest.importorskip("spacy", reason="spaCy is an optional extra (not installed)")
    import importlib

    from annotator.core.exporters import spacy as sx

    spacy_init = importlib.import_module("spacy.cli.init_config")  # spacy.cli.init_config is also a function

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sx, "BUNDLED_CONFIGS", {})  # a spaCy version annotator brings no config for
    made: list[object] = []
    real = spacy_init.init_config
    monkeypatch.setattr(spacy_init, "init_config", lambda **kw: made.append(kw) or real(**kw))
    out = tmp_path / "data.jsonl"
    first = sx.training_config(out, None)
    assert len(made) == 1
    assert sx.training_config(out, None) == first and len(made) == 1  # from the cache
    direct = real(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False, silent=True)
    direct["paths"]["train"] = direct["paths"]["dev"] = "data.spacy"
    for corpus in ("train", "dev"):
        direct["corpora"][corpus]["gold_preproc"] = True
    assert first.endswith(direct.to_str())
    (cached,) = (tmp_path / "cache" / "annotator").iterdir()
    cached.write_text("[broken", encoding="utf-8")
    assert sx.training_config(out, None) == first and len(made) == 2


def test_the_bundled_config_is_the_one_the_installed_spacy_makes(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For a spaCy and thinc annotator brings the config of, it is read without spaCy and is the text
    that spaCy makes; for any other it is made (and cached)."""
    pytest.importorskip("spacy", reason="spaCy is an optional extra (not installed)")
    import importlib

    from annotator.core.exporters import spacy as sx

    spacy_init = importlib.import_module("spacy.cli.init_config")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made: list[object] = []
    real = spacy_init.init_config
    monkeypatch.setattr(spacy_init, "init_config", lambda **kw: made.append(kw) or real(**kw))
    text = sx.spacy_ner_config()
    versions = (sx.spacy_version(), sx.installed_version("thinc"))
    assert len(made) == (0 if versions in sx.BUNDLED_CONFIGS else 1)
    assert sx.spacy_ner_config(bundled=False) == text  # made by spaCy (or read from what it made)
    assert len(made) == 1
    for name in set(sx.BUNDLED_CONFIGS.values()):  # each bundled file can take its paths
        from annotator.resources import resource_path

        bundled = resource_path("spacy", name).read_text(encoding="utf-8")
        assert sx._with_paths(bundled, "a.spacy", "b.spacy") is not None
