"""Reading work off the GUI thread: measuring agreement, building the charts.

Those read every layer of the project (a second or more on a corpus the size of ANERcorp); done on
the GUI thread they freeze the window. `BackgroundReader.run(fn)` calls `fn(store)` on a worker
thread with its own read-only connection to the project (`Store.reader`; a connection stays on the
thread that made it) and hands the result back on the GUI thread through `done`. A newer `run`
makes the older one stale: its result is dropped, so what is shown is always the last request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from annotator.core.store import Store


class BackgroundReader(QObject):
    """One reading job at a time per owner; the last request wins."""

    done = Signal(object)  # what fn returned
    failed = Signal(str)  # why it could not be read (the project closed, a server gone, ...)
    _finished = Signal(int, object, object)  # generation, result, error: worker -> GUI thread

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._generation = 0
        self.running = False  # a request not delivered yet
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[[Store], Any]) -> None:
        self._generation += 1
        self.running = True
        threading.Thread(
            target=self._work, args=(self._generation, fn), name="annotator-reader", daemon=True
        ).start()

    def _work(self, generation: int, fn: Callable[[Store], Any]) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            with self.store.reader() as store:
                result = fn(store)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which says it
            error = exc
        try:
            self._finished.emit(generation, result, error)
        except RuntimeError:  # the owner was deleted meanwhile (its window closed)
            pass

    def _deliver(self, generation: int, result: Any, error: BaseException | None) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.running = False
        if error is not None:
            self.failed.emit(str(error))
        else:
            self.done.emit(result)
