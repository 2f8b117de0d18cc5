"""annotator.core must stay Qt-free: the CLI, exporters and tests use it without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import annotator.core


def test_core_imports_no_pyside6() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages(annotator.core.__path__, "annotator.core."))
    assert "annotator.core.importers.conll" in modules and "annotator.core.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import annotator.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
