"""The label schema: the default loads, and every kind of bad schema is refused with a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.schema import SchemaError, default_schema, load_schema, schema_from_dict


def test_default_schema_has_design_labels_and_relations() -> None:
    schema = default_schema()
    assert schema.label_names == ("QUOTE", "SPEAKER", "CUE", "PERS", "ORG", "GPE", "LOC", "MISC")
    assert set(schema.relation_names) == {"ATTRIBUTED_TO", "CUE_OF", "CONTINUES", "SAME_AS"}
    assert schema.label("QUOTE").attributes["type"] == ("direct", "indirect", "mixed")
    assert schema.label("SPEAKER").attributes["kind"] == ("named", "title", "anonymous", "pronoun", "media")
    assert schema.relation("ATTRIBUTED_TO").heads == ("QUOTE",)
    assert schema.relation("ATTRIBUTED_TO").tails == ("SPEAKER",)
    keys = [lab.key for lab in schema.labels] + [rel.key for rel in schema.relations]
    assert len(keys) == len(set(keys)), "every label and relation has its own key"


def test_round_trip_through_dict() -> None:
    schema = default_schema()
    assert schema_from_dict(schema.to_dict()) == schema


def _base() -> dict:
    return {
        "labels": [
            {"name": "QUOTE", "colour": "#112233", "key": "q"},
            {"name": "SPEAKER", "colour": "#445566", "key": "s"},
        ],
        "relations": [{"name": "ATTRIBUTED_TO", "from": ["QUOTE"], "to": ["SPEAKER"], "key": "a"}],
    }


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["labels"][1].update(key="q"), "key 'q' is already used by QUOTE"),
        (lambda d: d["labels"][0].update(colour="reddish"), "unknown colour 'reddish'"),
        (lambda d: d["labels"][0].update(colour="#12345"), "unknown colour '#12345'"),
        (lambda d: d["relations"][0].update(to=["PERSON"]), "names unknown label 'PERSON'"),
        (lambda d: d["labels"].append({"name": "QUOTE", "colour": "#000000"}), "label QUOTE: defined twice"),
        (lambda d: d["labels"][0].update(name="<b>x</b>"), "bad name"),
        (lambda d: d["labels"][0].update(key="qq"), "must be a single character"),
        (lambda d: d["relations"][0].update(key="s"), "key 's' is already used by SPEAKER"),
        (lambda d: d.update(labels=[]), "no labels"),
    ],
)
def test_bad_schema_is_refused_with_reason(mutate, message: str) -> None:
    data = _base()
    mutate(data)
    with pytest.raises(SchemaError, match=message.replace("(", r"\(").replace("[", r"\[")):
        schema_from_dict(data, "my.toml")


def test_all_problems_reported_at_once() -> None:
    data = _base()
    data["labels"][0]["colour"] = "nope"
    data["relations"][0]["to"] = ["GHOST"]
    with pytest.raises(SchemaError) as info:
        schema_from_dict(data, "my.toml")
    text = str(info.value)
    assert "unknown colour 'nope'" in text and "unknown label 'GHOST'" in text
    assert text.count("my.toml") == 2


def test_load_schema_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[labels]\nname = ", encoding="utf-8")
    with pytest.raises(SchemaError, match="bad.toml"):
        load_schema(bad)
    with pytest.raises(SchemaError, match="cannot read"):
        load_schema(tmp_path / "missing.toml")


def test_with_labels_adds_only_missing() -> None:
    schema = default_schema()
    extended = schema.with_labels(["PERS", "EVENT"])
    assert extended.label_names[-1] == "EVENT"
    assert extended.label_names.count("PERS") == 1
    assert schema.with_labels(["PERS"]) is schema


def test_relation_mismatch_message() -> None:
    rel = default_schema().relation("ATTRIBUTED_TO")
    assert rel.mismatch("QUOTE", "SPEAKER") is None
    assert rel.mismatch("PERS", "SPEAKER") == "ATTRIBUTED_TO goes from QUOTE to SPEAKER, not PERS to SPEAKER"
    assert (
        default_schema()
        .relation("SAME_AS")
        .mismatch("SPEAKER", "QUOTE")
        .startswith("SAME_AS goes from SPEAKER to ")
    )
