"""Writing exports safely: atomic files and folders, and file names that stay where they belong.

- Every output is written to a temporary file (or folder) next to its final place and renamed into
  place only when the whole export has succeeded (`os.replace`, atomic on one file system). A cancel
  or an error removes the temporaries: no half-written file is ever left behind, and an existing
  output is either replaced whole (with `force`) or left untouched.
- `safe_filename` turns a document name into a file name that cannot leave the export folder
  (`../`, absolute paths, separators), is valid on Windows too (reserved names such as CON or COM1,
  trailing dots and spaces, `<>:"|?*`), carries no control or bidi-override characters, keeps
  Arabic readable, fits common file-system limits, and never collides with a name already given.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import IO, Any

__all__ = ["MAX_NAME_BYTES", "AtomicOutput", "UnsafePath", "safe_child", "safe_filename"]

#: Room for a suffix, a dedup counter and a temp prefix inside the usual 255-byte limit.
MAX_NAME_BYTES = 150

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3")
}
_WINDOWS_BAD = set('<>:"|?*/\\')
# bidi embeddings, overrides and isolates: they can make a name display as something else
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_SPACES = re.compile(r"\s+")


class UnsafePath(ValueError):
    """A path that would land outside the folder it was meant for."""


def _clean_char(ch: str) -> str:
    if ch in _WINDOWS_BAD:
        return "_"
    if ch in _BIDI_CONTROLS:
        return ""
    cat = unicodedata.category(ch)
    if cat == "Cc":  # control characters (tabs and newlines included)
        return " " if ch in "\t\n\r\x0b\x0c" else ""
    if cat in ("Cs", "Co", "Cn"):  # surrogates, private use, unassigned
        return ""
    return ch


def _truncate_bytes(name: str, limit: int) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    out = []
    size = 0
    for ch in name:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            break
        out.append(ch)
        size += n
    # do not leave a lone combining mark (tashkeel) or joiner at the cut
    while out and (unicodedata.combining(out[-1]) or out[-1] in "\u200c\u200d\u0640"):
        out.pop()
    return "".join(out)


def safe_filename(
    name: str, taken: set[str] | None = None, *, fallback: str = "document", max_bytes: int = MAX_NAME_BYTES
) -> str:
    """A file name (without suffix) made from `name` that is safe on every common file system.

    Arabic and other letters are kept as they are (NFC-normalised); separators and characters
    Windows refuses become `_`; control and bidi-control characters are removed; leading dots,
    underscores and spaces and trailing dots and spaces are stripped (so `..`, `.hidden` and
    `../../etc/passwd` cannot climb or hide); Windows device names (CON, NUL, COM1, LPT1, also
    with an extension) get a `_` prefix; the result is cut to `max_bytes` of UTF-8. When `taken`
    is given, a name already in it (compared case-insensitively, as Windows and macOS do) gets
    `-2`, `-3`... and the result is added to it.
    """
    cleaned = "".join(_clean_char(ch) for ch in unicodedata.normalize("NFC", str(name)))
    cleaned = _SPACES.sub(" ", cleaned)
    cleaned = cleaned.lstrip(" ._-").rstrip(" .")
    cleaned = _truncate_bytes(cleaned, max_bytes).rstrip(" .")
    if not cleaned or set(cleaned) <= {"_", ".", " ", "-"}:
        cleaned = fallback
    if cleaned.split(".")[0].rstrip(" ").upper() in _RESERVED:
        cleaned = "_" + cleaned
    if taken is None:
        return cleaned
    candidate = cleaned
    n = 1
    while candidate.casefold() in taken:
        n += 1
        tail = f"-{n}"
        candidate = _truncate_bytes(cleaned, max_bytes - len(tail.encode())).rstrip(" .") + tail
    taken.add(candidate.casefold())
    return candidate


def safe_child(folder: Path, filename: str) -> Path:
    """`folder / filename`, verified to stay inside `folder` once resolved (symlinks included)."""
    if not filename or filename in (".", "..") or "/" in filename or "\\" in filename or "\x00" in filename:
        raise UnsafePath(f"unsafe file name {filename!r}")
    path = folder / filename
    base = folder.resolve()
    target = path.resolve()
    if target == base or not target.is_relative_to(base):
        raise UnsafePath(f"{filename!r} would be written outside {folder}")
    return path


class AtomicOutput:
    """A set of output files and folders written to temporaries and renamed into place together.

    Use `file(path)` to open a temporary for a final file path, `folder(path)` for a temporary
    folder that becomes `path`; then `commit()` renames everything into place, or `abort()` removes
    every temporary (and is what `__exit__` does on an exception). Temporaries live in the same
    folder as their target so the rename is atomic and never crosses file systems.
    """

    def __init__(self, *, force: bool = False) -> None:
        self.force = force
        self._files: list[tuple[Path, Path, IO[Any] | None]] = []  # (temp, final, open handle)
        self._folders: list[tuple[Path, Path]] = []
        self._cleanups: list[Any] = []
        self.committed: list[Path] = []

    def on_abort(self, fn: Any) -> None:
        """Call `fn()` before removing the temporaries on abort (to close a foreign writer)."""
        self._cleanups.append(fn)

    # -- temporaries
    def _temp_name(self, final: Path) -> str:
        return "." + _truncate_bytes(final.name, 80) + "."

    def file(self, final: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
        """An open temporary file (text mode by default, UTF-8, `\\n` line ends) for `final`."""
        final = Path(final)
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=self._temp_name(final), suffix=".tmp")
        if "b" in mode:
            fh = os.fdopen(fd, mode, **kwargs)
        else:
            kwargs.setdefault("encoding", "utf-8")
            kwargs.setdefault("newline", "\n")
            fh = os.fdopen(fd, mode, **kwargs)
        self._files.append((Path(tmp), final, fh))
        return fh

    def temp_path(self, final: Path) -> Path:
        """A closed temporary path for `final`, for writers that want a file name (pyarrow, spaCy)."""
        final = Path(final)
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=self._temp_name(final), suffix=".tmp")
        os.close(fd)
        self._files.append((Path(tmp), final, None))
        return Path(tmp)

    def folder(self, final: Path) -> Path:
        """A new temporary folder that becomes `final` on commit."""
        final = Path(final)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=self._temp_name(final), suffix=".tmp"))
        self._folders.append((tmp, final))
        return tmp

    # -- ending
    def _close_all(self) -> None:
        for i, (tmp, final, fh) in enumerate(self._files):
            if fh is not None and not fh.closed:
                fh.flush()
                os.fsync(fh.fileno())
                fh.close()
            self._files[i] = (tmp, final, None)

    def commit(self) -> list[Path]:
        """Rename every temporary into place; returns the final paths."""
        self._close_all()
        for tmp, final in self._folders:
            if final.exists() or final.is_symlink():
                if not self.force:
                    raise FileExistsError(f"{final} exists")
                # move the old one aside first so that the new one appears in one rename
                trash = Path(tempfile.mkdtemp(dir=final.parent, prefix=self._temp_name(final), suffix=".old"))
                os.replace(final, trash / "old")
                os.replace(tmp, final)
                shutil.rmtree(trash, ignore_errors=True)
            else:
                os.replace(tmp, final)
            self.committed.append(final)
        for tmp, final, _ in self._files:
            if final.exists() and not self.force:
                raise FileExistsError(f"{final} exists")
            if final.is_dir():
                raise IsADirectoryError(f"{final} is a folder")
            os.replace(tmp, final)
            self.committed.append(final)
        self._files.clear()
        self._folders.clear()
        return list(self.committed)

    def abort(self) -> None:
        """Remove every temporary file and folder; nothing of this export remains."""
        for fn in self._cleanups:
            try:
                fn()
            except Exception:  # noqa: BLE001 - cleaning up after a failure must not hide it
                pass
        self._cleanups.clear()
        for tmp, _final, fh in self._files:
            try:
                if fh is not None and not fh.closed:
                    fh.close()
            except OSError:
                pass
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
        for tmp, _final in self._folders:
            shutil.rmtree(tmp, ignore_errors=True)
        self._files.clear()
        self._folders.clear()

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.abort()
