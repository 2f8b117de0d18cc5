"""Every benchmark script still imports: a rename in a module they share (suggest_quality's sets,
timing's helpers) broke suggest_bench.py once without any test noticing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))


def test_the_benchmark_scripts_are_found() -> None:
    assert {"bench.py", "suggest_bench.py", "window_bench.py", "suggest_quality.py"} <= {
        p.name for p in SCRIPTS
    }


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_benchmark_script_imports(script: Path, monkeypatch) -> None:
    if script.name == "server_bench.py":
        pytest.importorskip("psycopg", reason="the server benchmark needs the postgres extra")
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"_bench_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)  # the module's top level only: each runs its work under __main__
    assert module.__doc__, f"{script.name} says what it measures"
