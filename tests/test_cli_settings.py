"""`annotator schema` and `annotator guidelines`: a project lead's settings, from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.model import NewDocument
from annotator.core.store import Store


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        doc_id = store.add_documents([NewDocument("d", "قال محمد إن الوضع مستقر")]).ids[0]
        store.add_span(doc_id, 4, 8, "PERS", "mona")
    return path


def test_schema_prints_toml_that_sets_back(tmp_path: Path) -> None:
    path = _project(tmp_path)
    shown = CliRunner().invoke(main, ["schema", str(path)])
    assert shown.exit_code == 0 and '[[labels]]\nname = "QUOTE"' in shown.output
    edited = tmp_path / "s.toml"
    edited.write_text(
        shown.output.replace('colour = "#bf77a1"', 'colour = "#ff0000"')
        + ('[[labels]]\nname = "EVENT"\ncolour = "#00aa00"\nkey = "e"\n'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["schema", str(path), "--set", str(edited)])
    assert result.exit_code == 0, result.output
    with Store.open(path) as store:
        assert store.schema.label("PERS").colour == "#ff0000"
        assert store.schema.label_names[-1] == "EVENT"


def test_schema_leaving_out_a_used_label_is_refused(tmp_path: Path) -> None:
    path = _project(tmp_path)
    toml = CliRunner().invoke(main, ["schema", str(path)]).output
    edited = tmp_path / "s.toml"
    edited.write_text(
        toml.replace('name = "PERS"', 'name = "PERSON"')
        .replace('"PERS"]', '"PERSON"]')
        .replace('"PERS",', '"PERSON",'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["schema", str(path), "--set", str(edited)])
    assert result.exit_code == 1
    assert "leaves out what the project uses: label PERS is used by 1 span" in result.output
    with Store.open(path) as store:
        assert store.schema.has_label("PERS") and not store.schema.has_label("PERSON")


def test_bad_schema_file_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = _project(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[labels]]\nname = "A"\ncolour = "red"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", str(path), "--set", str(bad)])
    assert result.exit_code == 1 and f"{bad}: label A: unknown colour 'red'" in result.output


def test_guidelines_set_show_clear(tmp_path: Path) -> None:
    path = _project(tmp_path)
    text = tmp_path / "g.txt"
    text.write_bytes("\ufeffضع علامة الاقتباس حول الكلام.\r\nQUOTE keeps its marks.\r\n".encode())
    runner = CliRunner()
    result = runner.invoke(main, ["guidelines", str(path), "--set", str(text)])
    assert result.exit_code == 0 and "(2 lines)" in result.output
    one = tmp_path / "one.txt"
    one.write_text("QUOTE keeps its marks.\n", encoding="utf-8")
    assert "(1 line)" in runner.invoke(main, ["guidelines", str(path), "--set", str(one)]).output
    assert runner.invoke(main, ["guidelines", str(path), "--set", str(text)]).exit_code == 0
    with Store.open(path) as store:
        assert store.guidelines == "ضع علامة الاقتباس حول الكلام.\nQUOTE keeps its marks.\n"
    assert "QUOTE keeps its marks." in runner.invoke(main, ["guidelines", str(path)]).output
    assert runner.invoke(main, ["guidelines", str(path), "--clear"]).exit_code == 0
    assert "no guidelines" in runner.invoke(main, ["guidelines", str(path)]).output
    assert runner.invoke(main, ["guidelines", str(path), "--set", str(text), "--clear"]).exit_code == 2
    binary = tmp_path / "g.bin"
    binary.write_bytes(b"\x00\x01")
    result = runner.invoke(main, ["guidelines", str(path), "--set", str(binary)])
    assert result.exit_code == 1 and "binary file" in result.output
