"""The built wheel: it carries the resources, licences and dependencies, and works outside the checkout."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from annotator.resources import resource_files, resource_path, resource_paths

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "annotator" / "resources"


def test_resources_are_read_from_the_package() -> None:
    import annotator

    package = Path(annotator.__file__).parent
    assert Path(str(resource_path("schema.toml"))) == package / "resources" / "schema.toml"
    fonts = [f.name for f in resource_files("fonts", ".ttf")]
    assert "NotoNaskhArabic-Regular.ttf" in fonts and "NotoSans-Regular.ttf" in fonts
    assert "SIL Open Font License" in resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    with resource_paths("sample", ".txt") as samples:
        assert samples and all(p.is_file() for p in samples)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel .` builds (without build isolation: setuptools comes with the test extra)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        cwd=out,
    )
    (path,) = out.glob("annotator-*.whl")
    return path


def test_wheel_holds_every_resource_and_the_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(REPO).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped and shipped <= names, shipped - names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    info = next(n for n in names if n.endswith(".dist-info/METADATA"))
    meta = email.message_from_bytes(zipfile.ZipFile(wheel).read(info))
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/annotator/resources/fonts/OFL.txt") for n in names)
    requires = " ".join(meta.get_all("Requires-Dist"))
    for dependency in ("PySide6-Essentials", "sqlite-utils", "click", "arabic-reshaper", "python-bidi"):
        assert dependency in requires
    assert meta.get_all("Classifier")


def test_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    """init, import and export from the unpacked wheel, in a folder far from the checkout."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "ANNOTATOR_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "annotator", *args], cwd=work, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import annotator; print(annotator.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(site))  # not the checkout's copy
    created = run("init", "p.annotator.db")
    assert created.returncode == 0, created.stderr
    assert "QUOTE" in created.stdout
    article = work / "a.txt"
    article.write_text("قال الوزير إن الاجتماع كان مثمرا.\n", encoding="utf-8")
    imported = run("import", "p.annotator.db", "a.txt")
    assert imported.returncode == 0, imported.stderr
    exported = run("export", "p.annotator.db", "-f", "jsonl", "-o", "out.jsonl")
    assert exported.returncode == 0, exported.stderr
    assert "الوزير" in (work / "out.jsonl").read_text(encoding="utf-8")
