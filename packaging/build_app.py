"""Build the standalone annotator program (PyInstaller, one folder): no Python needed to run it.

    python -m venv build-env && . build-env/bin/activate      # Windows: build-env\\Scripts\\activate
    pip install . pyinstaller
    python packaging/build_app.py                              # -> dist/annotator/
    python packaging/build_app.py --check                      # ... and start it once offscreen

The folder holds the program (`annotator`, `annotator.exe` on Windows, `annotator.app` on macOS),
Qt, the fonts, the schema and the sample article; it works offline and can be zipped and handed to
annotators. On Linux, `annotator.desktop` and `annotator.png` are written beside the program and
`--install-desktop` puts them in ~/.local/share so the desktop's menu shows it. Build in a virtual
environment that holds only annotator and PyInstaller: whatever else is installed (pandas, spaCy)
could be pulled in and make the folder much larger. A build runs only on the system it is for:
build on Windows for Windows and on macOS for macOS (same command).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAME = "annotator"
#: Optional or unused packages that PyInstaller would follow from lazy imports: never bundled.
EXCLUDE = (
    "pandas",
    "numpy",
    "spacy",
    "thinc",
    "pyarrow",
    "datasets",
    "torch",
    "tkinter",
    "matplotlib",
    "IPython",
)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; returns the folder of the built program."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("PyInstaller is not installed: pip install pyinstaller")
    import annotator.resources  # the installed package: its resources are what gets bundled

    args = [
        str(REPO / "packaging" / "launcher.py"),
        "--name",
        NAME,
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / "build"),
        "--specpath",
        str(work),
        "--collect-data",
        "annotator",  # the schema, fonts, sample and icon, read with importlib.resources
        "--collect-submodules",
        "annotator",  # importers and exporters are imported by name (importlib), unseen by analysis
    ]
    for module in EXCLUDE:
        args += ["--exclude-module", module]
    icon = Path(annotator.resources.__file__).parent / "icon.png"
    if sys.platform in ("win32", "darwin"):
        args += ["--windowed", "--icon", str(icon)]  # PyInstaller converts the PNG (needs Pillow)
    pyinstaller.run(args)
    folder = dist / NAME
    if sys.platform.startswith("linux"):
        shutil.copyfile(icon, folder / f"{NAME}.png")
        write_desktop_file(folder, folder / f"{NAME}.desktop")
    return folder


def executable(folder: Path) -> Path:
    if sys.platform == "win32":
        return folder / f"{NAME}.exe"
    return folder / NAME


def write_desktop_file(folder: Path, target: Path, icon: str | None = None) -> None:
    """The .desktop entry for Linux menus, pointing at the built program in `folder`."""
    template = (REPO / "packaging" / "linux" / f"{NAME}.desktop").read_text(encoding="utf-8")
    exec_path = str(executable(folder).resolve()).replace(" ", "\\\\s")
    text = template.replace("@EXEC@", exec_path).replace(
        "@ICON@", icon or str((folder / f"{NAME}.png").resolve())
    )
    target.write_text(text, encoding="utf-8")


def install_desktop(folder: Path) -> None:
    """Put the menu entry and the icon in the user's ~/.local/share (freedesktop.org locations)."""
    share = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    icon_dir = share / "icons" / "hicolor" / "256x256" / "apps"
    icon_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / f"{NAME}.png", icon_dir / f"{NAME}.png")
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    write_desktop_file(folder, apps / f"{NAME}.desktop", icon=NAME)
    print(f"installed {apps / (NAME + '.desktop')} and {icon_dir / (NAME + '.png')}")


def check(folder: Path) -> None:
    """Start the built program once offscreen on the sample project, in a throw-away home."""
    home = Path(tempfile.mkdtemp(prefix="annotator-check-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ANNOTATOR_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home),
    }
    result = subprocess.run(
        [str(executable(folder)), "gui", "--annotator", "check", "--check-start"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout.strip())
    if result.returncode != 0 or "documents: 1" not in result.stdout:
        sys.exit(f"the built program did not start on the sample project:\n{result.stderr[-3000:]}")
    shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the standalone annotator program (PyInstaller).")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the program folder goes")
    parser.add_argument("--check", action="store_true", help="start the built program once, offscreen")
    parser.add_argument(
        "--install-desktop", action="store_true", help="Linux: add it to the desktop's menu (~/.local/share)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-build-") as work:
        folder = build(args.dist.resolve(), Path(work))
    print(f"built {folder}")
    if args.check:
        check(folder)
    if args.install_desktop:
        install_desktop(folder)


if __name__ == "__main__":
    main()
