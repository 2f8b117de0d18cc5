"""Python's cyclic garbage collector kept out of the event loop while a long document is read.

Reading 50,000 spans in idle-time pages makes 50,000 long-lived objects; Python's collector
then runs a full collection in the middle of some page (~80 ms on a quiet machine, the longest
turn of the loop while the document loads) and again whenever enough new objects pile up on top.
None of the spans forms a cycle (reference counting frees them), so while a long document loads
the collector is off; once it is loaded, everything alive is moved out of the collector's sight
(`gc.freeze`) and the collector is on again, so later collections walk only what is made after.

What is frozen is unfrozen when the next document opens (then the old spans, freed by reference
counting, are gone), and the first idle-time slice of a long document's load runs the one full
collection, over what was alive before it, so cyclic garbage is never kept for more than one
document.
"""

from __future__ import annotations

import gc


class CollectorHold:
    """The collector's state across the load of one long document (see the module docstring)."""

    def __init__(self) -> None:
        self._held = False  # this hold turned the collector off
        self._sweep = False  # the full collection of the first slice is still to run

    def document_changed(self) -> None:
        """Another document (or the same one again) is about to be read: unfreeze what the last
        long document froze, so that the collector sees it again."""
        gc.unfreeze()

    def begin(self) -> None:
        """A long document starts loading: the collector is off until `end`."""
        if gc.isenabled():
            gc.disable()
            self._held = True
        self._sweep = True

    def sweep(self) -> bool:
        """Run the one full collection of this load, if it has not run; True if it ran (the first
        idle-time slice does this and nothing else)."""
        if not self._sweep:
            return False
        self._sweep = False
        gc.collect()
        return True

    def end(self) -> None:
        """Loaded (or the load stopped): freeze everything alive and turn the collector on again."""
        self._sweep = False
        if self._held:
            self._held = False
            gc.freeze()
            gc.enable()
