"""The bundled resources: default schema, fonts, sample article (and what other features add here).

They live inside the package (`annotator/resources/`), not in a folder beside it, so that every way
of running the program finds them the same way: the checkout, an editable install, a built wheel
installed anywhere, and the standalone program PyInstaller builds. They are read through
`importlib.resources`, never through a path computed from `__file__`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["resource_files", "resource_path", "resource_paths"]


def resource_path(*parts: str) -> Traversable:
    """A bundled resource (file or folder), e.g. `resource_path("fonts", "OFL.txt")`.

    It is a `pathlib.Path` whenever the package is on disk (checkout, wheel, PyInstaller) and a
    `Traversable` otherwise: read it with `.read_text()`, `.read_bytes()`, `.open()`, `.iterdir()`;
    use `resource_paths` where a real file name is needed.
    """
    return files(__name__).joinpath(*parts)


def resource_files(folder: str, suffix: str = "") -> list[Traversable]:
    """The files of a bundled folder whose names end with `suffix`, sorted by name."""
    return sorted(
        (p for p in resource_path(folder).iterdir() if p.is_file() and p.name.endswith(suffix)),
        key=lambda p: p.name,
    )


@contextmanager
def resource_paths(folder: str, suffix: str = "") -> Iterator[list[Path]]:
    """`resource_files` as real file paths, valid inside the `with` block (extracted when zipped)."""
    with ExitStack() as stack:
        yield [stack.enter_context(as_file(p)) for p in resource_files(folder, suffix)]
