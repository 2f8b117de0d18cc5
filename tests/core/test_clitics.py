"""The proclitic rule: a letter is left out only when what remains is a word (lexicon, memory, texts)."""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.clitics import WordEvidence, light, strip_proclitics, words_of
from annotator.core.lexicon import is_cue
from annotator.core.text import snap_to_words


def snapped(text: str, word: str, words: WordEvidence | None = None, after: int = 0) -> str:
    i = text.index(word, after)
    s, e = snap_to_words(text, i, i + len(word), words=words)
    return text[s:e]


# Every cue of the bundled sample article that starts with و, as an annotator drags it.
SAMPLE_CUES = ["وذكرت", "وأكدت", "ونقلت", "وأشارت", "وشددت", "وانتقدت", "وحذرت", "ودعا", "وقال", "وأضاف"]


@pytest.mark.parametrize("cue", SAMPLE_CUES)
def test_cues_of_the_sample_lose_their_conjunction(sample_text: str, cue: str) -> None:
    assert snapped(sample_text, cue) == cue[1:]


@pytest.mark.parametrize("word", ["وزير", "فيدان", "بلاده", "وزارة", "بهدف", "كما", "وسلامة"])
def test_root_letters_of_the_sample_stay(sample_text: str, word: str) -> None:
    """The first letter of these is a root letter (or the rest is not a word of the article)."""
    assert snapped(sample_text, word) == word


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وحث", "حث"),  # a two-letter verb after a conjunction
        ("بحث", "بحث"),  # ... but not after a preposition: "research", not "with urged"
        ("وبحث", "وبحث"),  # nor after a conjunction and a preposition: "and discussed"
        ("بقال", "بقال"),  # "grocer": a preposition does not stand before a three-letter verb either
        ("ليؤكد", "يؤكد"),  # ... except ل before an imperfect: "to stress"
        ("لِيقول", "يقول"),  # with a diacritic on the ل
        ("فـقال", "قال"),  # a tatweel after the conjunction
        ("وصف", "وصف"),  # a verb the lexicon knows whole: و is its first root letter
        ("ووصف", "وصف"),
        ("وعدت", "وعدت"),
        ("فقال", "قال"),
        ("وقائلا", "قائلا"),
        ("ويقول", "يقول"),
        ("ولفتت", "لفتت"),
        ("وَذكرت", "ذكرت"),  # a diacritic on the conjunction goes with it
        ("كلمة", "كلمة"),
        ("كتاب", "كتاب"),
        ("فقط", "فقط"),
    ],
)
def test_lexicon_and_root_letters(word: str, expected: str) -> None:
    assert snapped(f"ثم {word} أمس", word) == expected


def test_project_memory_decides() -> None:
    text = "وأشار إلى حاجة لتركيا وأخرى"
    assert snapped(text, "لتركيا") == "لتركيا"  # nothing says تركيا is a word
    memory = WordEvidence()
    memory.add_labelled("تركيا الجديدة")
    assert snapped(text, "لتركيا", memory) == "تركيا"
    # a whole word labelled more often than its remainder keeps its first letter
    memory.add_labelled("لتركيا")
    memory.add_labelled("لتركيا")
    assert snapped(text, "لتركيا", memory) == "لتركيا"


def test_project_texts_decide_by_how_often_the_rest_stands_alone() -> None:
    text = "قال الوزير وفيدان أمس"
    assert snapped(text, "وفيدان") == "وفيدان"
    corpus = WordEvidence.from_texts(["التقى فيدان نظيره", "وصرح فيدان", "بيان وبيان بيان يان"])
    assert snapped(text, "وفيدان", corpus) == "فيدان"
    # twice alone is not enough when the whole word is far more common: بيان is not ب + يان
    many = WordEvidence(Counter({"بيان": 30, "يان": 2}))
    assert snapped("وجاء في بيان رسمي", "بيان", many) == "بيان"


def test_the_text_itself_is_evidence() -> None:
    text = "زار فيدان أنقرة ثم فيدان باكو، وقال وفيدان مستعد"
    assert snapped(text, "وفيدان") == "فيدان"


def test_a_conjunction_then_a_preposition_before_a_noun_the_text_knows() -> None:
    """وبحث is و + بحث where بحث stands alone in the text, never و + ب + حث (a verb after ب)."""
    text = "وبحث الوزير الملف بعد بحث طويل، وأجرى بحث آخر"
    assert snapped(text, "وبحث") == "بحث"


def test_conjunction_then_preposition() -> None:
    memory = WordEvidence()
    memory.add_labelled("تركيا")
    assert snapped("وأعلن وبتركيا أمس", "وبتركيا", memory) == "تركيا"
    assert snapped("قال وللحكومة رأي", "وللحكومة") == "وللحكومة"


def test_strip_proclitics_keeps_two_letters_of_the_span() -> None:
    text = "ثم وذكرت أمس"
    i = text.index("وذكرت")
    assert strip_proclitics(text, i, i + 2) == i  # the span is only و + ذ
    assert strip_proclitics(text, i, i + 3) == i + 1


def test_words_and_light_forms() -> None:
    assert light("قالَ") == "قال" and light("بـالحكومة") == "بالحكومة"
    assert light("أكد") == "أكد"  # hamza kept: it can be a root letter
    assert list(words_of("قال: «نعم» 12 NTV")) == ["قال", "نعم", "NTV"]
    assert is_cue("ذكرتْ") and is_cue("اكد") and not is_cue("وزير")


def test_evidence_from_store(store) -> None:
    from annotator.core.model import NewDocument

    doc_id = store.add_documents([NewDocument("a", "زار فيدان أنقرة وتركيا")]).ids[0]
    store.add_span(doc_id, 4, 9, "PERS", "mona")
    store.add_span(doc_id, 17, 22, "GPE", "mona")
    ev = WordEvidence.from_store(store)
    assert ev.texts["فيدان"] == 1 and ev.texts["وتركيا"] == 1
    assert ev.labelled == Counter({"فيدان": 1, "تركيا": 1})


# ----------------------------------------------------------------------------- read ahead
def test_counts_read_a_slice_at_a_time_are_those_read_at_once(tmp_path) -> None:
    from annotator.core.model import NewDocument, NewSpan, Origin
    from annotator.core.store import Store

    text = " ".join(["التقى فيدان نظيره وصرح فيدان أمس"] * 2000)
    with Store.create(tmp_path / "p.annotator.db") as store:
        store.add_documents(
            [NewDocument("a", text, spans=[NewSpan(6, 11, "PERS", {}, "mona", Origin.MANUAL)])]
        )
        ahead = WordEvidence.from_store(store)
        assert not ahead.loaded
        slices = 1
        while not ahead.load_some(0.0):  # the least a slice does: 512 words
            slices += 1
        assert ahead.loaded and slices == -(-12_000 // 512) and ahead.load_some(0.0)
        # the same counts as reading them on the spot
        on_the_spot = WordEvidence.from_store(store)
        assert ahead.texts == on_the_spot.texts and ahead.texts["فيدان"] == 4000
        assert ahead.labelled == on_the_spot.labelled == Counter({"فيدان": 1})
        # a reader after some slices gets the rest at once
        part = WordEvidence.from_store(store)
        assert not part.load_some(0.0) and part.texts == on_the_spot.texts and part.loaded


def test_a_slice_that_fails_leaves_the_reading_to_the_next_reader() -> None:
    calls: list[int] = []

    def loader():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("the project was closed")
        return ["قال فيدان"], ["فيدان"]

    words = WordEvidence(loader=loader)
    with pytest.raises(OSError):
        words.load_some(0.01)
    assert not words.loaded
    assert words.texts["فيدان"] == 1 and words.labelled["فيدان"] == 1  # read again, here
    assert words.loaded and len(calls) == 2


def test_a_project_moved_while_open_still_gives_its_counts(tmp_path) -> None:
    """The store's own thread reads through the open store: a project file moved (or renamed) since
    it was opened cannot be opened again by its old name, and the label key must not fail for it."""
    from annotator.core.model import NewDocument
    from annotator.core.store import Store

    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        store.add_documents([NewDocument("a", "التقى فيدان نظيره وصرح فيدان أمس")])
        words = WordEvidence.from_store(store)
        path.rename(tmp_path / "moved.annotator.db")
        assert words.texts["فيدان"] == 2 and words.loaded


def test_the_version_grows_whenever_a_count_changes() -> None:
    """What was decided from the counts (a selection's snapped extent) is kept until they change:
    reading them and each labelled span change the version, asking does not."""
    words = WordEvidence.from_texts(["وقال الوزير إن تركيا"])
    before = words.version
    assert words.texts[light("تركيا")] == 1
    read = words.version
    assert read > before
    assert words.labelled[light("تركيا")] == 0 and words.version == read
    words.add_labelled("تركيا الجديدة")
    assert words.labelled[light("تركيا")] == 1 and words.version > read
    words.add_labelled("")  # no word: nothing counted
    assert words.version == read + 1


def test_a_searched_word_counts_as_evidence_for_what_remains() -> None:
    """The find bar's whole words: the text alone does not show تركيا as a word (it never stands
    alone), the annotator searching for it does; a cue or an exception keeps its letter anyway,
    and what the project labelled whole outweighs one search."""
    text = "زار الوزير مصر وتركيا"
    start = text.index("وتركيا")
    assert strip_proclitics(text, start, len(text)) == start  # a label key keeps و: no evidence
    assert strip_proclitics(text, start, len(text), searched=True) == start + 1
    text = "ثم وصف الأمر والده"
    for word in ("وصف", "والده"):
        s = text.index(word)
        assert strip_proclitics(text, s, s + len(word), searched=True) == s
    named = WordEvidence(Counter(), Counter({"كمال": 1}))
    text = "قال كمال"
    s = text.index("كمال")
    assert strip_proclitics(text, s, len(text), named, searched=True) == s  # 1 + 0 vs 1: the text decides
    assert strip_proclitics(text, s, len(text), WordEvidence(Counter(), Counter()), searched=True) == s + 1
