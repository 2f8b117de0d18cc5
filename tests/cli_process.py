"""The `annotator` command in a child process, with limits a test cannot set on itself.

`room` caps the bytes any file may be written to (RLIMIT_FSIZE, SIGXFSZ ignored: a write past it
fails as on a disk with that much room left); `memory` caps the address space (an endless read ends
in MemoryError, not a machine out of memory); `timeout` guards against a hang (not a timing).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path


def run_cli(
    args: list[str],
    cwd: Path,
    *,
    room: int | None = None,
    memory: int | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess:
    def limit() -> None:
        if room is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )
