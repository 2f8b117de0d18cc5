"""The trained speaker model: shipped in the package, reading speaker phrases, trained by its script."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.core.suggestions import Context, RulesSource
from annotator.core.suggestions.speaker_features import windows
from annotator.core.suggestions.speaker_model import (
    META_FILE,
    MODEL_FILE,
    SpeakerModel,
    bundled_speaker_model,
)
from annotator.core.suggestions.units import analyse
from tools import train_speaker_model

RULES_ALONE = RulesSource(speakers=None)


def speakers(text: str, source: RulesSource) -> list[str]:
    props = source.propose(Document(1, "d", text, ""), Context("t"))
    return [text[p.start : p.end] for p in props if p.label == "SPEAKER"]


def model_phrase(model: SpeakerModel, text: str) -> str | None:
    """The speaker phrase the model itself reads for the first quote the rules find in `text`."""
    props = list(RULES_ALONE.propose(Document(1, "d", text, ""), Context("t")))
    units = analyse(text)
    win = windows(units, props, RULES_ALONE.lex)[0]
    found = model.tag(win)
    if found is None:
        return None
    a, b, _conf = found
    return text[units.words[win.words[a]].start : units.words[win.words[b - 1]].end]


def test_the_model_ships_in_the_package_and_is_on_by_default() -> None:
    model = bundled_speaker_model()
    assert model is not None and model.policy == "add"
    assert RulesSource().speakers is model


def test_the_model_reads_the_whole_phrase_the_rules_cut_short() -> None:
    model = bundled_speaker_model()
    assert model is not None
    text = "واعلن المسؤول في قطاع الطاقة ان الاسعار سترتفع ."
    assert speakers(text, RULES_ALONE) == ["المسؤول"]  # the rules stop at the preposition
    assert model_phrase(model, text) == "المسؤول في قطاع الطاقة"
    # the shipped policy leaves a phrase the rules named alone; "replace" lets the model's stand
    assert speakers(text, RulesSource()) == ["المسؤول"]
    assert speakers(text, RulesSource(speakers=replace(model, policy="replace"))) == [
        "المسؤول في قطاع الطاقة"
    ]


def test_the_model_names_a_fronted_subject_the_rules_leave_without_speaker() -> None:
    text = "ورفض أبو خالد الفلسطيني الجنسية أن يكشف عن اسمه الحقيقي لأسباب أمنية ."
    assert speakers(text, RULES_ALONE) == []
    props = list(RulesSource().propose(Document(1, "d", text, ""), Context("t")))
    (speaker,) = [p for p in props if p.label == "SPEAKER"]
    assert text[speaker.start : speaker.end] == "أبو خالد الفلسطيني الجنسية"
    (quote,) = [p for p in props if p.label == "QUOTE"]
    assert [link.tail for link in quote.links if link.type == "ATTRIBUTED_TO"] == [speaker.key]


@pytest.mark.parametrize(
    "text",
    [
        "وقال لهم إن الأدوية نفدت .",  # an addressee
        "ودعا المسؤولين إلى الاستقالة فورا .",  # an object
        "وقال ذلك الرجل إن المطالب كثيرة .",  # a demonstrative
    ],
)
def test_the_model_keeps_none_where_there_is_no_speaker(text: str) -> None:
    assert bundled_speaker_model() is not None
    assert speakers(text, RulesSource()) == []


def _doc(name: str, text: str, speaker: str, quote: str, cue: str) -> dict:
    spans = [
        {
            "id": 1,
            "label": "SPEAKER",
            "start": text.index(speaker),
            "end": text.index(speaker) + len(speaker),
        },
        {"id": 2, "label": "QUOTE", "start": text.index(quote), "end": text.index(quote) + len(quote)},
        {"id": 3, "label": "CUE", "start": text.index(cue), "end": text.index(cue) + len(cue)},
    ]
    relations = [{"type": "ATTRIBUTED_TO", "head": 2, "tail": 1}, {"type": "CUE_OF", "head": 3, "tail": 2}]
    return {"name": name, "text": text, "spans": spans, "relations": relations}


def test_the_training_script_trains_a_model_from_a_small_fixture(tmp_path: Path) -> None:
    docs = [
        _doc("a", "وقال الوزير إن المحادثات مستمرة .", "الوزير", "إن المحادثات مستمرة", "قال"),
        _doc(
            "b",
            "وأكدت المتحدثة باسم الشركة أن الأرباح زادت .",
            "المتحدثة باسم الشركة",
            "أن الأرباح زادت",
            "أكدت",
        ),
        _doc("c", "وأوضح رئيس البلدية أن الطرق مغلقة .", "رئيس البلدية", "أن الطرق مغلقة", "أوضح"),
    ]
    data = tmp_path / "fixture.jsonl"
    data.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "model"
    assert train_speaker_model.main([str(data), "--out", str(out)]) == 0
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    assert meta["examples"] == 3 and meta["with_speaker"] == 3 and meta["trained_on"] == ["fixture"]
    model = SpeakerModel.from_bytes((out / MODEL_FILE).read_bytes(), meta)
    assert model_phrase(model, "وقال الوزير إن الاتفاق قريب .") is None  # it learned to agree with the rules
    # its tagging of a new sentence is the speaker phrase (B I … over the subject), not all O
    props = list(RULES_ALONE.propose(Document(1, "d", "وقال الوزير إن الاتفاق قريب .", ""), Context("t")))
    win = windows(analyse("وقال الوزير إن الاتفاق قريب ."), props, RULES_ALONE.lex)[0]
    model.tagger.set(win.features)
    assert model.tagger.tag() == win.rules_tags and "B" in win.rules_tags


def test_the_training_script_refuses_the_blind_sets(tmp_path: Path) -> None:
    blind = tmp_path / "tenth.jsonl"
    blind.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="blind"):
        train_speaker_model.main([str(blind), "--out", str(tmp_path / "m")])
