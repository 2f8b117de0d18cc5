"""Trains the project's entity model in a separate process, so the window stays usable.

Why a process and not a thread: crfsuite trains in C without releasing Python's GIL, so a training
thread would freeze the window for as long as it runs. `annotator train --progress-json` runs in a
child process (the same Python, the same package) and reports its progress as JSON lines; it
writes the model into the project in one transaction at the very end, so cancelling (killing it)
leaves the stored model as it was.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QObject, QProcess, Signal


class ModelTrainer(QObject):
    """One background training at a time: `start(project)`, then `progress` and one `finished`."""

    progress = Signal(str, int, int)  # stage ("features", "training", "measuring"), done, total
    finished = Signal(bool, str, object)  # ok, message, result dict (documents, heldout, quality) or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self._buffer = b""
        self._result: dict | None = None
        self._error = ""
        self._cancelled = False

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(
        self, project: str, extra_args: list[str] | None = None, env: dict[str, str] | None = None
    ) -> bool:
        """Start training `project` (False when a training is already running); `env`: variables
        the process needs besides ours (a server password: never on its command line)."""
        if self.process is not None:
            return False
        self._buffer, self._result, self._error, self._cancelled = b"", None, "", False
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._done)
        proc.errorOccurred.connect(self._failed_to_start)
        self.process = proc
        if env:
            from PySide6.QtCore import QProcessEnvironment

            penv = QProcessEnvironment.systemEnvironment()
            for key, value in env.items():
                penv.insert(key, value)
            proc.setProcessEnvironment(penv)
        proc.start(
            sys.executable, ["-m", "annotator", "train", project, "--progress-json", *(extra_args or [])]
        )
        return True

    def cancel(self) -> None:
        if self.process is not None:
            self._cancelled = True
            self.process.kill()

    def _read(self) -> None:
        assert self.process is not None
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            try:
                event = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if "stage" in event:
                self.progress.emit(str(event["stage"]), int(event["done"]), int(event["total"]))
            elif "result" in event:
                self._result = event["result"]
            elif "error" in event:
                self._error = str(event["error"])

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            text = self.tr("could not start the training process ({program})").format(program=sys.executable)
            self._finish(False, text, None)

    def _done(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self.process is None:
            return
        self._read()
        if self._cancelled:
            self._finish(False, self.tr("training cancelled; the stored model is unchanged"), None)
        elif code == 0 and self._result is not None:
            self._finish(True, "", self._result)
        else:
            stderr = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            message = self._error or (stderr.splitlines()[-1] if stderr else self.tr("training failed"))
            self._finish(False, message, None)

    def _finish(self, ok: bool, message: str, result: dict | None) -> None:
        proc, self.process = self.process, None
        if proc is not None:
            proc.deleteLater()
        self.finished.emit(ok, message, result)
