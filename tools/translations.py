"""Keep the interface translations in step with the source: `python tools/translations.py [update|release|check]`.

- update:  pyside6-lupdate collects every marked string of annotator/ into
           annotator/ui/translations/annotator_<lang>.ts (new strings arrive "unfinished"; strings
           no longer in the source are dropped), then lists what still needs a translation.
- release: pyside6-lrelease compiles each .ts into the .qm the program loads (package data).
- check:   exits 1 when a marked string has no translation or a .qm is not what its .ts compiles to
           (what the tests check too).

Both Qt tools come with PySide6-Essentials. A translator edits the .ts with Qt Linguist
(pyside6-linguist) or any text editor: each <message> has the English <source> and the <translation>.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "annotator"
TRANSLATIONS = SOURCES / "ui" / "translations"
LANGUAGES = ("ar",)


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"annotator_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"annotator_{language}.qm"


def tool(name: str) -> str:
    """A Qt tool of PySide6-Essentials: beside this Python (a venv not activated), else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py"))


def lupdate(ts: Path, *, keep_obsolete: bool = False) -> None:
    """Merge the source's marked strings into `ts` (created when missing)."""
    args = [
        tool("pyside6-lupdate"),
        *sources(),
        "-locations",
        "none",
        "-target-language",
        ts.stem.split("_")[-1],
    ]
    if not keep_obsolete:
        args.append("-no-obsolete")
    subprocess.run([*args, "-ts", str(ts)], check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> its translation(s) (several for a plural), '' when unfinished."""
    out: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
            if translation is not None and not forms:
                forms = [translation.text or ""]
            out[(name, message.findtext("source") or "")] = forms if done else [""]
    return out


def marked_strings() -> set[tuple[str, str]]:
    """Every (context, source) the source code marks, as lupdate finds them now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "annotator_xx.ts"
        lupdate(fresh)
        return set(messages(fresh))


def problems(language: str) -> list[str]:
    ts, qm = ts_path(language), qm_path(language)
    if not ts.exists():
        return [f"{ts} is missing: run `python tools/translations.py update`"]
    have = messages(ts)
    out = [
        f"{ts.name}: no translation for [{context}] {source!r}"
        for context, source in sorted(marked_strings())
        if not all(have.get((context, source), [""]))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / qm.name
        lrelease(ts, built)
        if not qm.exists() or qm.read_bytes() != built.read_bytes():
            out.append(
                f"{qm.name} is not what {ts.name} compiles to: run `python tools/translations.py release`"
            )
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    for language in LANGUAGES:
        if command == "update":
            lupdate(ts_path(language))
            todo = [p for p in problems(language) if "no translation" in p]
            print(f"{ts_path(language).relative_to(ROOT)}: {len(todo)} string(s) to translate")
            for line in todo:
                print("  " + line)
        elif command == "release":
            lrelease(ts_path(language), qm_path(language))
            print(f"wrote {qm_path(language).relative_to(ROOT)}")
        elif command == "check":
            found = problems(language)
            for line in found:
                print(line)
            if found:
                return 1
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
