"""CoNLL/BIO import: ANERcorp whole, IOB1/IOB2, -DOCSTART-, bad lines, labels, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.importers import detect_format, import_paths
from annotator.core.model import Origin


def snapshot(store) -> tuple:
    return store.stats(), store.document_ids()


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def docs_of(store):
    return [store.document(i) for i in store.document_ids()]


# ---------------------------------------------------------------------------------- ANERcorp
def test_anercorp_whole_file(store, anercorp_path: Path) -> None:
    report = import_paths(store, [anercorp_path], annotator="aner")
    assert report.failures == []
    assert "191 empty tokens skipped" in " ".join(report.warnings)
    assert "57 I- tags started an entity (IOB1)" in " ".join(report.warnings)
    docs = docs_of(store)
    assert len(docs) == len(report.imported) > 1
    assert docs[0].name == "ANERCorp-0001" and docs[0].meta == {"source_file": "ANERCorp.txt", "part": 1}

    token_texts: list[str] = []
    n_spans = 0
    for doc in docs:
        assert doc.tokens is not None
        starts = {s: i for i, (s, _e) in enumerate(doc.tokens)}
        ends = {e: i for i, (_s, e) in enumerate(doc.tokens)}
        token_texts += [doc.text[s:e] for s, e in doc.tokens]
        for span in store.spans(doc.id):
            n_spans += 1
            assert span.origin == Origin.IMPORTED and span.annotator == "aner"
            first, last = starts[span.start], ends[span.end]
            joined = " ".join(doc.text[s:e] for s, e in doc.tokens[first : last + 1])
            assert span.surface(doc.text) == joined
            assert "\n" not in joined
    assert len(token_texts) == 150313 - 191
    assert ". Oالإصابة" in token_texts  # the glued line stays one token
    assert "الصالحية ونايفة" in token_texts  # a token holding a space, split on the LAST whitespace
    assert "" not in token_texts
    assert n_spans == report.spans == 11233

    # the tokens, in order, are exactly the file's non-empty tokens
    expected = []
    for line in anercorp_path.read_text(encoding="utf-8").split("\n"):
        tok = line.rpartition(" ")[0].strip()
        if tok:
            expected.append(tok)
    assert token_texts == expected


def test_anercorp_sentences_per_doc(store, anercorp_path: Path) -> None:
    report = import_paths(store, [anercorp_path], sentences_per_doc=100_000)
    assert len(report.imported) == 1
    doc = docs_of(store)[0]
    # no blank lines in ANERcorp: a "." token ends a sentence, sentences end with "\n"; the few
    # sentences longer than 200 tokens are split (and counted), their pieces at most 200 tokens
    lines = doc.text.split("\n")[:-1]
    unended = [line for line in lines if not line.endswith((".", "!", "?", "؟"))]
    (warning,) = [w for w in report.warnings if "longer than 200 tokens" in w]
    assert unended and warning.split(": ", 1)[1].startswith(
        f"{len(unended)} {'split' if len(unended) == 1 else 'splits'} of sentences"
    )
    assert all(len(line.split(" ")) <= 200 for line in unended)


def test_detect_anercorp_by_content(anercorp_path: Path) -> None:
    assert detect_format(anercorp_path) == "conll"


# ---------------------------------------------------------------------------------- small files
IOB2 = """-DOCSTART- O

قال O
محمد B-PERS
علي I-PERS
في O
القاهرة B-LOC
. O

وزارة B-ORG
الدفاع I-ORG
-DOCSTART- O
أحمد B-PERS
"""


def test_docstart_blank_lines_iob2(store, tmp_path: Path) -> None:
    path = write(tmp_path, "news.conll", IOB2)
    report = import_paths(store, [path])
    assert report.failures == [] and report.warnings == []
    assert report.imported == ["news-0001", "news-0002"]
    first, second = docs_of(store)
    assert first.text == "قال محمد علي في القاهرة .\nوزارة الدفاع"
    assert [(s.label, s.surface(first.text)) for s in store.spans(first.id)] == [
        ("PERS", "محمد علي"),
        ("LOC", "القاهرة"),
        ("ORG", "وزارة الدفاع"),
    ]
    assert second.text == "أحمد"
    assert second.meta["part"] == 2
    assert first.tokens == ((0, 3), (4, 8), (9, 12), (13, 15), (16, 23), (24, 25), (26, 31), (32, 38))


def test_iob1_tab_and_multicolumn(store, tmp_path: Path) -> None:
    iob1 = "a\tx\tI-PERS\nb\tx\tI-PERS\nc\tx\tO\nd\tx\tI-LOC\ne\tx\tI-ORG\n"
    report = import_paths(store, [write(tmp_path, "iob1.bio", iob1)])
    assert report.failures == []
    assert any("3 I- tags started an entity (IOB1)" in w for w in report.warnings)
    doc = docs_of(store)[0]
    assert [(s.label, s.surface(doc.text)) for s in store.spans(doc.id)] == [
        ("PERS", "a b"),
        ("LOC", "d"),
        ("ORG", "e"),
    ]


def test_space_multicolumn(store, tmp_path: Path) -> None:
    text = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n"
    import_paths(store, [write(tmp_path, "c.conll", text)])
    doc = docs_of(store)[0]
    assert doc.text == "EU rejects German"
    assert [s.label for s in store.spans(doc.id)] == ["ORG", "MISC"]


def test_label_map(store, tmp_path: Path) -> None:
    path = write(tmp_path, "m.conll", "Ali B-PER\nsaid O\n")
    report = import_paths(store, [path], label_map={"PER": "PERS"})
    assert report.failures == []
    assert store.stats()["labels"] == {"PERS": 1}


def test_sentences_per_doc_groups(store, tmp_path: Path) -> None:
    text = "".join(f"w{i} O\n\n" for i in range(7))
    report = import_paths(store, [write(tmp_path, "g.conll", text)], sentences_per_doc=3)
    assert report.imported == ["g-0001", "g-0002", "g-0003"]
    assert docs_of(store)[0].text == "w0\nw1\nw2"


def _sentences(n: int, words: int, start: int = 0) -> str:
    """`n` sentences of `words` tokens each ended by a "." token, one `token TAG` a line."""
    return "".join("".join(f"w{start + i}_{j} O\n" for j in range(words)) + ". O\n" for i in range(n))


def test_rare_blank_lines_do_not_make_blocks_sentences(store, tmp_path: Path) -> None:
    # two ANERcorp-like files joined with a blank line between them: the blocks are far longer than a
    # sentence, so "." tokens still end sentences (each 11 tokens), not comma splits of 200
    text = _sentences(300, 10) + "\n" + _sentences(300, 10, start=300)
    report = import_paths(store, [write(tmp_path, "joined.conll", text)], sentences_per_doc=50)
    assert report.failures == [] and not any("longer than" in w for w in report.warnings)
    docs = docs_of(store)
    assert len(docs) == 12
    lines = [line for doc in docs for line in doc.text.split("\n")]
    assert len(lines) == 600 and all(len(line.split(" ")) == 11 and line.endswith(" .") for line in lines)


def test_paragraph_blocks_split_at_full_stops(store, tmp_path: Path) -> None:
    # blank lines between paragraphs of 30 sentences (330 tokens): sentences end at "."
    text = "\n".join(_sentences(30, 10, start=30 * k) for k in range(25))
    report = import_paths(store, [write(tmp_path, "paras.conll", text)], sentences_per_doc=10_000)
    (doc,) = docs_of(store)
    assert report.failures == [] and len(doc.text.split("\n")) == 750


def test_sentence_blocks_keep_inner_full_stops(store, tmp_path: Path) -> None:
    # a blank line after every sentence: a "." inside one (an abbreviation) does not end it
    text = "".join(f"Dr O\n. O\nAli{i} B-PERS\nsaid O\n. O\n\n" for i in range(30))
    import_paths(store, [write(tmp_path, "abbr.conll", text)], sentences_per_doc=100)
    (doc,) = docs_of(store)
    assert doc.text.split("\n")[:2] == ["Dr . Ali0 said .", "Dr . Ali1 said ."]


def test_crlf_and_cp1256(store, tmp_path: Path) -> None:
    path = write(tmp_path, "w.conll", "محمد B-PERS\r\nقال O\r\n", encoding="cp1256")
    report = import_paths(store, [path])
    assert report.failures == []
    assert docs_of(store)[0].text == "محمد قال"


# ---------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("a O\nb\nc O\n", 2, "no tag"),
        ("a O\nb B-PERS\nc X-PERS\n", 3, "bad tag 'X-PERS'"),
        ("a O\nb B-\n", 2, "bad tag 'B-'"),
        ("a O\n\nb B-FOO\n", 3, "unknown label 'FOO' (map it with --map FOO=LABEL"),
    ],
)
def test_bad_lines_leave_project_unchanged(
    store, tmp_path: Path, content: str, line: int, reason: str
) -> None:
    import_paths(store, [write(tmp_path, "good.conll", "x B-PERS\n")])
    before = snapshot(store)
    path = write(tmp_path, "bad.conll", content)
    report = import_paths(store, [path])
    assert report.imported == []
    (failure,) = report.failures
    assert failure.file == str(path) and failure.line == line
    assert str(failure).startswith(f"{path}:{line}: {reason}")
    assert snapshot(store) == before


def test_empty_binary_and_wrong_encoding(store, tmp_path: Path) -> None:
    before = snapshot(store)
    empty = write(tmp_path, "empty.conll", "\n \n")
    binary = tmp_path / "bin.conll"
    binary.write_bytes(b"a O\n\x00\x01\x02")
    latin = tmp_path / "latin.conll"
    latin.write_bytes("café O\n".encode("latin-1"))
    report = import_paths(store, [empty, binary, latin])
    msgs = [str(f) for f in report.failures]
    assert msgs[0] == f"{empty}: empty file"
    assert msgs[1].startswith(f"{binary}:2: binary file")
    assert msgs[2].startswith(f"{latin}:1: not valid UTF-8")
    assert snapshot(store) == before


def test_named_encoding(store, tmp_path: Path) -> None:
    path = write(tmp_path, "n.conll", "محمد B-PERS\n", encoding="cp1256")
    report = import_paths(store, [path], encoding="utf-8")
    assert report.failures and "not valid utf-8" in str(report.failures[0])
    report = import_paths(store, [path], encoding="windows-1256")
    assert report.failures == [] and docs_of(store)[0].text == "محمد"


def test_duplicate_file(store, tmp_path: Path) -> None:
    path = write(tmp_path, "d.conll", "a B-PERS\n")
    import_paths(store, [path])
    before = snapshot(store)
    report = import_paths(store, [path])
    assert report.duplicates == ["d-0001"] and report.imported == [] and report.failures == []
    assert snapshot(store) == before


def test_conll2003_pos_and_chunk_columns_are_counted(store, tmp_path: Path) -> None:
    # CoNLL-2003's four columns (token POS chunk NER) with -DOCSTART- -X- -X- O; a writer that kept
    # only the tags fills the middle columns with `_` (doccano-transformer), which holds nothing
    text = (
        "-DOCSTART- -X- -X- O\n\n"
        "قال VBD B-VP O\nمحمد NNP B-NP B-PERS\nعلي NNP I-NP I-PERS\n. . O O\n\n"
        "-DOCSTART- -X- -X- O\n\n"
        "وزارة _ _ B-ORG\nالدفاع _ _ I-ORG\n"
    )
    report = import_paths(store, [write(tmp_path, "ar.conll2003", text)], format="conll")
    assert report.failures == [] and report.spans == 2
    assert [w for w in report.warnings if "other columns" in w] == [
        f"{tmp_path / 'ar.conll2003'}: 4 tokens carry other columns between the token and its tag "
        "(POS, chunk tags): not imported, only the token and the last column's entity tag are"
    ]
    first, second = docs_of(store)
    assert (first.text, second.text) == ("قال محمد علي .", "وزارة الدفاع")
