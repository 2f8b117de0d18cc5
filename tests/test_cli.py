"""The command line: help texts, init/import/list/show/stats, and exit codes 0 / 1 / 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.cli.project import mark_spans, to_visual, use_bidi
from annotator.core.model import Span
from annotator.core.store import Store
from tests.shared_data import SAMPLE, optional_module

CONLL = "-DOCSTART- O\nقال O\nمحمد B-PERS\nعلي I-PERS\nفي O\nالقاهرة B-LOC\n.\tO\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, runner: CliRunner) -> str:
    path = str(tmp_path / "p.annotator.db")
    result = runner.invoke(main, ["init", path])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def conll(tmp_path: Path) -> Path:
    path = tmp_path / "small.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command", ["init", "import", "list", "show", "stats", "export", "schema", "guidelines", "gui"]
)
def test_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and "PROJECT" in result.output


def test_main_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("init", "import", "list", "show", "stats", "export", "schema", "guidelines", "gui"):
        assert command in result.output


def test_init_refuses_existing(runner: CliRunner, project: str) -> None:
    result = runner.invoke(main, ["init", project])
    assert result.exit_code == 1 and "already exists" in result.output


def test_init_with_bad_schema(runner: CliRunner, tmp_path: Path) -> None:
    schema = tmp_path / "s.toml"
    schema.write_text("labels = 3\n", encoding="utf-8")
    result = runner.invoke(main, ["init", str(tmp_path / "q.db"), "--schema", str(schema)])
    assert result.exit_code == 1 and "no labels" in result.output


def test_import_list_show_stats(runner: CliRunner, project: str, conll: Path) -> None:
    result = runner.invoke(main, ["import", project, str(SAMPLE), str(conll), "--annotator", "ali"])
    assert result.exit_code == 0, result.output
    assert "imported 2, duplicates 0, failed 0" in result.output

    listing = runner.invoke(main, ["list", project])
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert lines[0].split() == ["id", "name", "title", "status", "spans"]
    assert SAMPLE.stem in lines[1] and "مساعٍ لتهدئة" in lines[1] and lines[1].split()[-2:] == ["new", "0"]
    assert "small-0001" in lines[2] and lines[2].split()[-1] == "2"
    mine = runner.invoke(main, ["list", project, "--annotator", "ali", "--status", "new"])
    assert mine.exit_code == 0 and len(mine.output.splitlines()) == 3

    shown = runner.invoke(main, ["show", project, "small-0001", "--bidi", "off"])
    assert shown.exit_code == 0
    assert "قال [PERS محمد علي] في [LOC القاهرة] ." in shown.output
    assert "PERS [4, 12) ali/imported 'محمد علي'" in shown.output
    by_id = runner.invoke(main, ["show", project, "1", "--bidi", "off"])
    assert "# date: 2025-04-28T21:59" in by_id.output

    visual = runner.invoke(main, ["show", project, "small-0001", "--bidi", "on"])
    assert visual.exit_code == 0 and "محمد علي" not in visual.output  # shaped and reordered

    stats = runner.invoke(main, ["stats", project])
    assert stats.exit_code == 0
    assert "documents: 2" in stats.output and "PERS" in stats.output and "ali" in stats.output
    as_json = json.loads(runner.invoke(main, ["stats", project, "--json"]).output)
    assert as_json["labels"] == {"LOC": 1, "PERS": 1} and as_json["annotators"]["ali"]["spans"] == 2

    again = runner.invoke(main, ["import", project, str(conll)])
    assert again.exit_code == 0 and "imported 0, duplicates 1, failed 0" in again.output
    # one document, one span: counts take the noun's number
    assert "1 document already in the project" in again.output and "1 documents" not in again.output
    assert "(0 spans, 0 relations)" in again.output


def test_import_failure_exit_1_and_project_unchanged(
    runner: CliRunner, project: str, tmp_path: Path, conll: Path
) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("a O\nb B-NOPE\n", encoding="utf-8")
    result = runner.invoke(main, ["import", project, str(bad), str(conll)])
    assert result.exit_code == 1
    assert f"{bad}:2: unknown label 'NOPE'" in result.output
    assert "imported 1, duplicates 0, failed 1" in result.output
    with Store.open(project) as store:
        assert store.stats()["documents"] == 1
    mapped = runner.invoke(main, ["import", project, str(bad), "--map", "NOPE=ORG"])
    assert mapped.exit_code == 0, mapped.output


def test_usage_errors_exit_2(runner: CliRunner, project: str, conll: Path) -> None:
    assert runner.invoke(main, ["import", project]).exit_code == 2  # no paths
    assert runner.invoke(main, ["import", project, str(conll), "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["import", project, str(conll), "--map", "PERS"]).exit_code == 2
    assert runner.invoke(main, ["import", project, str(conll), "--encoding", "klingon"]).exit_code == 2
    assert runner.invoke(main, ["import", project, str(conll), "--sentences-per-doc", "0"]).exit_code == 2
    assert runner.invoke(main, ["show", project, "1", "--bidi", "maybe"]).exit_code == 2
    assert runner.invoke(main, ["list", project, "--status", "finished"]).exit_code == 2
    for blank in ("", "  "):  # spans recorded under no name at all
        result = runner.invoke(main, ["import", project, str(conll), "--annotator", blank])
        assert result.exit_code == 2 and "--annotator" in result.output and "name" in result.output
    with Store.open(project) as store:
        assert store.stats()["documents"] == 0


def test_missing_or_foreign_project_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(main, ["list", str(tmp_path / "nope.db")])
    assert missing.exit_code == 1 and "no such project" in missing.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello")
    foreign = runner.invoke(main, ["stats", str(junk)])
    assert foreign.exit_code == 1 and "not an annotator project" in foreign.output


def test_show_unknown_document(runner: CliRunner, project: str) -> None:
    result = runner.invoke(main, ["show", project, "nothing"])
    assert result.exit_code == 1 and "no document named or numbered 'nothing'" in result.output


def test_import_with_encoding_and_format(runner: CliRunner, project: str, tmp_path: Path) -> None:
    path = tmp_path / "old.dat"
    path.write_bytes("محمد B-PERS\n".encode("cp1256"))
    result = runner.invoke(main, ["import", project, str(path), "--format", "conll", "--encoding", "cp1256"])
    assert result.exit_code == 0, result.output
    assert "imported 1" in result.output


def test_mark_spans_nests() -> None:
    text = "قال محمد علي"
    spans = [Span(1, 1, 4, 12, "SPEAKER", "a"), Span(2, 1, 4, 8, "PERS", "a"), Span(3, 1, 0, 3, "CUE", "a")]
    assert mark_spans(text, spans) == "[CUE قال] [SPEAKER [PERS محمد] علي]"


def test_bidi_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    assert use_bidi("on") and not use_bidi("off")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not use_bidi("auto")  # not a terminal: leave the text logical (for pipes and files)
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_bidi("auto")
    monkeypatch.setenv("TERM", "mlterm")
    assert not use_bidi("auto")
    visual = to_visual("قال محمد\nok")
    assert visual.split("\n")[1] == "ok" and "محمد" not in visual


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, None)),
        (["my.annotator.db"], ("my.annotator.db", None)),
        (["--annotator", "mona"], (None, "mona")),
        (["my.annotator.db", "--annotator", "mona"], ("my.annotator.db", "mona")),
        (["gui", "--annotator", "mona"], (None, "mona")),
    ],
)
def test_no_command_opens_the_window(monkeypatch, argv, expected) -> None:
    """`annotator`, `annotator PROJECT` and `annotator --annotator NAME` all reach the window."""
    import annotator.ui.app as app

    calls = []
    monkeypatch.setattr(app, "run", lambda project, name: calls.append((project, name)) or 0)
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert calls == [expected]


def test_show_and_list_never_send_control_characters_to_the_terminal(
    runner: CliRunner, project: str, tmp_path: Path
) -> None:
    """Scraped text may hold escape sequences: printed raw they clear the screen, retitle the window
    or hide lines. They are shown as visible `\\x1b` escapes (the stored text is unchanged)."""
    data = tmp_path / "hostile.jsonl"
    line = {
        "name": "n\x1b[8m",
        "text": "قال \x1b[2J محمد\x9b",
        "meta": {"title": "\x1b]0;pwned\x07"},
        "spans": [{"start": 9, "end": 13, "label": "PERS", "annotator": "a\x1b[31m"}],
    }
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert runner.invoke(main, ["import", project, str(data)]).exit_code == 0
    outputs = [
        runner.invoke(main, args, color=True)
        for args in (["show", project, "1", "--bidi", "off"], ["list", project], ["stats", project])
    ]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    shown, listed, stats = (r.output for r in outputs)
    assert "قال \\x1b[2J [PERS محمد]\\x9b" in shown and "# title: \\x1b]0;pwned\\x07" in shown
    assert "n\\x1b[8m" in listed and "\\x1b]0;pwned\\x07" in listed
    assert "a\\x1b[31m" in stats
    with Store.open(project) as store:
        assert store.document(1).text == line["text"]


def test_a_broken_export_module_is_an_error_not_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.cli as cli

    monkeypatch.delitem(cli.main.commands, "export", raising=False)
    monkeypatch.delattr(cli, "export", raising=False)
    monkeypatch.setitem(sys.modules, "annotator.cli.export", None)  # importing it raises ImportError
    with pytest.raises(ImportError):
        main(["export", "p.annotator.db", "-f", "jsonl", "-o", "o.jsonl"], standalone_mode=False)


def test_every_command_is_in_the_lazy_table() -> None:
    """Each module under annotator.cli registers exactly the commands COMMANDS sends to it."""
    import importlib
    import pkgutil

    import annotator.cli as cli

    for info in pkgutil.iter_modules(cli.__path__):
        before = set(cli.main.commands)
        module = importlib.import_module(f"annotator.cli.{info.name}")
        for name, command in list(cli.main.commands.items()):
            if command.callback is not None and command.callback.__module__ == module.__name__:
                assert cli.COMMANDS.get(name) == info.name, name
        assert set(cli.main.commands) - before <= {n for n, m in cli.COMMANDS.items() if m == info.name}
    assert set(cli.COMMANDS) <= set(cli.main.commands)


def loaded_by(args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` that the command `annotator ARGS` loaded, run in a
    fresh process."""
    script = (
        "import sys; from annotator.cli import main\n"
        "try:\n    main(sys.argv[2:], standalone_mode=False)\n"
        "finally:\n"
        "    print('LOADED:' + ' '.join(m for m in sys.modules if m.startswith(tuple(sys.argv[1].split())))"
        " + ':END')"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, " ".join(prefixes), *args], capture_output=True, text=True, check=True
    )
    loaded = [line for line in out.stdout.splitlines() if line.startswith("LOADED:")]
    assert len(loaded) == 1, out.stdout
    return loaded[0].removeprefix("LOADED:").removesuffix(":END").split()


def test_export_loads_neither_importers_nor_learning(tmp_path: Path, project: str) -> None:
    """`annotator export` pays only for what exporting needs: the other commands' modules stay out."""
    prefixes = (
        "annotator.core.importers",
        "annotator.core.learning",
        "annotator.cli.learning",
        "annotator.core.suggestions",
        "spacy",
        "pyarrow",
        "PySide6",
    )
    loaded = loaded_by(["export", project, "-f", "jsonl", "-o", str(tmp_path / "o.jsonl")], prefixes)
    assert (tmp_path / "o.jsonl").exists()
    assert loaded == []


def test_parquet_export_does_not_load_pandas(
    tmp_path: Path, runner: CliRunner, project: str, conll: Path
) -> None:
    """pyarrow imports pandas (half a second) when it is asked to make arrays from Python lists; the
    hf export has its Parquet columns made by pyarrow's JSON reader instead."""
    optional_module("pyarrow.parquet", "parquet")
    optional_module("pandas", "datasets")  # what `datasets` brings: the case where pyarrow would load it
    result = runner.invoke(main, ["import", project, str(conll)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "o.jsonl"
    loaded = loaded_by(
        ["export", project, "-f", "hf", "-o", str(out), "--all-statuses"], ("pyarrow", "pandas")
    )
    assert out.with_suffix(".parquet").stat().st_size > 0
    assert "pyarrow.parquet" in loaded and "pandas" not in loaded


def test_import_walks_folders_once(
    runner: CliRunner, project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core import importers

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("نص ثان", encoding="utf-8")
    walks: list[object] = []
    real = importers._expand
    monkeypatch.setattr(importers, "_expand", lambda *args: walks.append(args) or real(*args))
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["import", project, str(tmp_path / "in"), str(missing)])
    assert result.exit_code == 1 and len(walks) == 1
    assert f"{missing}: no such file or folder" in result.stderr
    assert "imported 2, duplicates 0, failed 1" in result.stdout


HOSTILE_CHARS = ("\x1b", "\x07", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\x9b")


def _assert_inert(output: str) -> None:
    for ch in HOSTILE_CHARS:
        assert ch not in output, (ch, output)


def test_bidi_controls_separators_and_newlines_never_reach_the_terminal(
    runner: CliRunner, project: str, tmp_path: Path
) -> None:
    """A name with a newline cannot forge a row of `list`; bidi overrides, isolates and U+2028 are
    shown as escapes in list, show and stats (text and JSON)."""
    data = tmp_path / "bidi.jsonl"
    line = {
        "name": "evil\n99  forged-row  title  done  0",
        "text": "قال \u202eمحمد\u202c إن\u2028الأمر \u2066مهم\u2069.",
        "meta": {"title": "عنوان\u2029ثان", "src\u202e": "x"},
        "spans": [{"start": 5, "end": 9, "label": "PERS", "annotator": "mona\u2066x\u2069"}],
    }
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert runner.invoke(main, ["import", project, str(data)]).exit_code == 0
    listed = runner.invoke(main, ["list", project])
    shown = runner.invoke(main, ["show", project, "1", "--bidi", "off"])
    stats = runner.invoke(main, ["stats", project])
    stats_json = runner.invoke(main, ["stats", project, "--json"])
    for result in (listed, shown, stats, stats_json):
        assert result.exit_code == 0, result.output
        _assert_inert(result.output)
    assert len(listed.output.strip().split("\n")) == 2  # the header and one document: no forged row
    assert "evil\\n99  forged-row" in listed.output
    assert "\\u202e[PERS محمد]\\u202c" in shown.output and "إن\\u2028الأمر" in shown.output
    assert "mona\\u2066x\\u2069" in stats.output
    assert json.loads(stats_json.output)["annotators"] == {"mona\u2066x\u2069": {"documents": 1, "spans": 1}}


def test_file_names_brat_ids_and_map_hints_from_files_are_escaped(
    runner: CliRunner, project: str, tmp_path: Path
) -> None:
    """Import messages quote file names, ids read from .ann files and label names (in --map hints):
    a hostile file cannot retitle the window or clear the screen."""
    folder = tmp_path / "in\x1b]0;pwned\x07"
    folder.mkdir()
    (folder / "a\u202etxt.txt").write_text("قال الوزير إن الاجتماع مهم.\n", encoding="utf-8")
    (folder / "a\u202etxt.ann").write_text("T1\x1b[2J\tBAD\x1b[2J 0 3\tقال\n", encoding="utf-8")
    conll = tmp_path / "tags.conll"
    conll.write_text("قال O\nمحمد B-EVIL\x1b[2J\n", encoding="utf-8")
    result = runner.invoke(main, ["import", project, str(folder), str(conll)])
    assert result.exit_code == 1
    _assert_inert(result.output)
    assert "in\\x1b]0;pwned\\x07" in result.stderr and "a\\u202etxt" in result.stderr
    assert "\\x1b[2J" in result.stderr
    bad = runner.invoke(
        main, ["export", project, "-f", "jsonl", "-o", str(tmp_path / "o.jsonl"), "--map", "X\x1b[2J=Y"]
    )
    assert bad.exit_code == 1
    _assert_inert(bad.output)
    refused = runner.invoke(main, ["list", str(tmp_path / "no\x1b[2Jproject.db")])
    assert refused.exit_code == 1 and "no\\x1b[2Jproject.db" in refused.output
    _assert_inert(refused.output)


def test_delete_asks_unless_yes(runner: CliRunner, project: str, tmp_path: Path) -> None:
    for name, text in (("a", "قال الوزير إن الأمر مهم."), ("b", "نص ثان هنا.")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert (
        runner.invoke(main, ["import", project, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]).exit_code
        == 0
    )
    refused = runner.invoke(main, ["delete", project, "a"], input="n\n")
    assert refused.exit_code == 1 and "cannot be undone" in refused.output
    asked = runner.invoke(main, ["delete", project, "a"], input="y\n")
    assert asked.exit_code == 0 and "deleted 1 document" in asked.output
    assert runner.invoke(main, ["delete", project, "a", "--yes"]).exit_code == 1  # no longer there
    done = runner.invoke(main, ["delete", project, "2", "--yes"])
    assert done.exit_code == 0, done.output
    with Store.open(project) as store:
        assert store.document_ids() == []


def test_a_project_that_fails_under_a_command_is_a_message_not_a_traceback(
    runner: CliRunner, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def fail(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "list_documents", fail)
    result = runner.invoke(main, ["list", project])
    assert result.exit_code == 1
    assert "the project could not be read or written: disk I/O error" in result.output
    assert not isinstance(result.exception, sqlite3.Error)
