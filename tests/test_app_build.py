"""The standalone program's build script: the Linux desktop entry it writes and the launcher.

Building with PyInstaller takes minutes and is done by `.ci/run` (which then starts the built
program offscreen on the sample project); these tests check the pieces the build puts together.
"""

from __future__ import annotations

import configparser
import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build_app():
    spec = importlib.util.spec_from_file_location("build_app", REPO / "packaging" / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_desktop_entry_points_at_the_built_program(build_app, tmp_path: Path) -> None:
    folder = tmp_path / "my apps" / "annotator"
    folder.mkdir(parents=True)
    target = tmp_path / "annotator.desktop"
    build_app.write_desktop_file(folder, target)
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(target.read_text(encoding="utf-8"))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "annotator"
    program = str((folder / "annotator").resolve()).replace(" ", "\\\\s")
    assert desktop["Exec"] == f"{program} %f"  # a space in the path is escaped as the spec says
    assert desktop["Icon"] == str((folder / "annotator.png").resolve())
    assert desktop["Categories"].endswith(";") and desktop["Terminal"] == "false"
    assert "@" not in target.read_text(encoding="utf-8")  # every placeholder filled


def test_install_desktop_uses_the_icon_name(build_app, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "annotator"
    folder.mkdir()
    (folder / "annotator.png").write_bytes((REPO / "annotator" / "resources" / "icon.png").read_bytes())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    build_app.install_desktop(folder)
    text = (tmp_path / "share" / "applications" / "annotator.desktop").read_text(encoding="utf-8")
    assert "\nIcon=annotator\n" in text
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "annotator.png").exists()


def test_the_launcher_is_the_command_line(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "launcher.py"), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and result.stdout.startswith("annotator, version")
