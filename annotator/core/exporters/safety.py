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

import json
import os
import re
import shutil
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import IO, Any

__all__ = ["MAX_NAME_BYTES", "AtomicOutput", "UnsafePath", "recover", "safe_child", "safe_filename", "umask"]

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


#: Temporaries are `.<final name>.<pid>-<random>.tmp` (a folder `.dir`, an old folder on its way out
#: `.old`, a journal being written `.part`); the pid says whose they are.
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)-[a-z0-9_]+\.(?:tmp|dir|old|part)$")
#: A commit journal: the renames of a multi-file export, redone if the export was killed midway.
_JOURNAL = re.compile(r"^\.annotator-export\.(?P<pid>\d+)-[a-z0-9_]+\.commit$")


#: Temporaries and journals of this process's exports in progress (by path).
_LIVE: set[str] = set()


def _alive(pid: int, path: Path) -> bool:
    """Whether `path` belongs to an export in progress: one of this process's that has not ended, or
    one of a process that still runs (a temporary of a live export is never touched)."""
    if pid == os.getpid():
        return str(path) in _LIVE
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def umask() -> int:
    """The process umask, read without changing it where the system tells it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


def recover(folder: Path) -> list[str]:
    """Finish what killed exports left in `folder`, before a new export writes there.

    A commit journal whose export died is redone (the renames it lists whose temporaries are still
    there), so a multi-file output is completed as the set it was; then the temporaries of dead
    exports are removed. Returns what was done, for the report.
    """
    done: list[str] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return done
    for entry in sorted(entries):
        m = _JOURNAL.match(entry.name)
        if not m or _alive(int(m.group("pid")), entry):
            continue
        try:
            pairs = json.loads(entry.read_text(encoding="utf-8"))
            for tmp, final in pairs:
                tmp_path, final_path = folder / tmp, folder / final
                if tmp_path.exists():
                    if final_path.is_dir() and not final_path.is_symlink():
                        shutil.rmtree(final_path)
                    os.replace(tmp_path, final_path)
                    done.append(f"completed {final} of an export that was stopped midway")
            entry.unlink()
        except (OSError, ValueError, TypeError):
            continue
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m and entry.exists() and not _alive(int(m.group("pid")), entry):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            done.append(f"removed {entry.name}, left by an export that was stopped")
    return done


class AtomicOutput:
    """A set of output files and folders written to temporaries and renamed into place together.

    Use `file(path)` to open a temporary for a final file path, `folder(path)` for a temporary
    folder that becomes `path`; then `commit()` renames everything into place, or `abort()` removes
    every temporary (and is what `__exit__` does on an exception). Temporaries live in the same
    folder as their target so the rename is atomic and never crosses file systems.

    - Modes: new files get `0o666 & ~umask` and folders `0o777 & ~umask` (as `open` and `mkdir`
      would give them; `mkstemp` and `mkdtemp` make them private); a replaced file keeps its mode.
    - A set: when there is more than one rename, a journal listing them is written (and synced)
      first and removed after; an export killed between two renames is completed by `recover`
      at the start of the next export to that folder, so the files never stay a mixed set.
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
        return "." + _truncate_bytes(final.name, 80) + f".{os.getpid()}-"

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
        _LIVE.add(tmp)
        return fh

    def temp_path(self, final: Path) -> Path:
        """A closed temporary path for `final`, for writers that want a file name (pyarrow, spaCy)."""
        final = Path(final)
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=self._temp_name(final), suffix=".tmp")
        os.close(fd)
        self._files.append((Path(tmp), final, None))
        _LIVE.add(tmp)
        return Path(tmp)

    def folder(self, final: Path) -> Path:
        """A new temporary folder that becomes `final` on commit."""
        final = Path(final)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=self._temp_name(final), suffix=".dir"))
        self._folders.append((tmp, final))
        _LIVE.add(str(tmp))
        return tmp

    # -- ending
    def _close_all(self) -> None:
        for i, (tmp, final, fh) in enumerate(self._files):
            if fh is not None and not fh.closed:
                fh.flush()
                os.fsync(fh.fileno())
                fh.close()
            self._files[i] = (tmp, final, None)

    def _set_modes(self) -> None:
        """What `open` and `mkdir` would have given: the umask's modes (a replaced file keeps its own)."""
        mask = umask()
        for tmp, final, _ in self._files:
            try:
                mode = stat.S_IMODE(os.stat(final).st_mode) if final.is_file() else 0o666 & ~mask
            except OSError:
                mode = 0o666 & ~mask
            os.chmod(tmp, mode)
        for tmp, _final in self._folders:
            for path in (tmp, *tmp.rglob("*")):
                if path.is_symlink():
                    continue
                os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)

    def _renames(self) -> list[tuple[Path, Path]]:
        for _tmp, final in self._folders:
            if (final.exists() or final.is_symlink()) and not self.force:
                raise FileExistsError(f"{final} exists")
        for _tmp, final, _ in self._files:
            if final.exists() and not self.force:
                raise FileExistsError(f"{final} exists")
            if final.is_dir():
                raise IsADirectoryError(f"{final} is a folder")
        return [(tmp, final) for tmp, final in self._folders] + [
            (tmp, final) for tmp, final, _ in self._files
        ]

    def commit(self) -> list[Path]:
        """Rename every temporary into place (as one set: see the class); returns the final paths.

        If a rename fails midway, the journal and the temporaries not yet renamed stay for
        `recover` to finish the set (old files are already replaced: going back is not possible).
        """
        self._close_all()
        self._set_modes()
        renames = self._renames()
        journal = self._write_journal(renames) if len(renames) > 1 else None
        try:
            for tmp, final in renames:
                if tmp.is_dir() and (final.exists() or final.is_symlink()):
                    # move the old folder aside first so that the new one appears in one rename
                    trash = Path(
                        tempfile.mkdtemp(dir=final.parent, prefix=self._temp_name(final), suffix=".old")
                    )
                    os.replace(final, trash / "old")
                    os.replace(tmp, final)
                    shutil.rmtree(trash, ignore_errors=True)
                else:
                    os.replace(tmp, final)
                self.committed.append(final)
            if journal is not None:
                journal.unlink()
                _sync_folder(journal.parent)
        except BaseException:
            if journal is not None:  # leave the rest to `recover`, not to `abort`
                self._files.clear()
                self._folders.clear()
            raise
        finally:
            _LIVE.difference_update([str(tmp) for tmp, _ in renames] + ([str(journal)] if journal else []))
        self._files.clear()
        self._folders.clear()
        return list(self.committed)

    def _write_journal(self, renames: list[tuple[Path, Path]]) -> Path:
        """The list of renames, on disk before the first one (all targets share one folder)."""
        folder = renames[0][1].parent
        pairs = [[os.path.relpath(tmp, folder), os.path.relpath(final, folder)] for tmp, final in renames]
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".annotator-export.{os.getpid()}-", suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(pairs, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        journal = Path(name).with_suffix(".commit")
        _LIVE.add(str(journal))
        os.replace(name, journal)
        _sync_folder(folder)
        return journal

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
        _LIVE.difference_update([str(t) for t, _f, _h in self._files] + [str(t) for t, _f in self._folders])
        self._files.clear()
        self._folders.clear()

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.abort()


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
