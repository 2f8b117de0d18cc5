"""The data model: documents, spans, relations, statuses, and the changes that edits make.

Everything here is immutable plain data so that the store, the importers, the exporters and the
window can pass it around without copying or locking. Offsets are always `[start, end)` in Python
code points of the stored text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.core.wording import counted


class Origin(StrEnum):
    MANUAL = "manual"
    SUGGESTED = "suggested"
    IMPORTED = "imported"


class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ADJUDICATED = "adjudicated"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The longest title kept for lists and tables (a one-line file would otherwise store its text twice).
MAX_TITLE = 300


def cap_title(title: str, limit: int = MAX_TITLE) -> str:
    """`title` cut to at most `limit` characters, at a word boundary when there is one, with "…"."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    name: str
    text: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    tokens: tuple[tuple[int, int], ...] | None = None  # token boundaries kept from a CoNLL import

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))


@dataclass(frozen=True, slots=True)
class Deletion:
    """What deleting documents removed: the documents, and how many spans and relations went with
    them (statuses and undo history go too). The window updates from it; the CLI reports it."""

    doc_ids: tuple[int, ...]
    names: tuple[str, ...]
    spans: int = 0
    relations: int = 0

    def describe(self) -> str:
        what = counted(len(self.doc_ids), "document")
        return f"deleted {what} with {counted(self.spans, 'span')} and {counted(self.relations, 'relation')}"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One row of the document list: everything but the text."""

    id: int
    name: str
    title: str
    length: int
    status: Status
    span_count: int  # this annotator's spans, suggestions left out (they are not work done)
    other_spans: int = 0  # spans in other annotators' layers (offered as suggestions in the window)


@dataclass(frozen=True, slots=True)
class Span:
    id: int
    doc_id: int
    start: int
    end: int
    label: str
    annotator: str
    origin: Origin = Origin.MANUAL
    attrs: dict[str, str] = field(default_factory=dict)
    # provenance of a suggestion ("rules", "memory", "model", "layer:NAME"; "" for hand-made spans),
    # kept after it is accepted; and how sure its source was (None when it did not say)
    source: str = ""
    confidence: float | None = None

    @property
    def suggested(self) -> bool:
        return self.origin == Origin.SUGGESTED

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Relation:
    id: int
    doc_id: int
    type: str
    head: int
    tail: int
    annotator: str


@dataclass(slots=True)
class NewSpan:
    """A span to be stored with a new document; `key` lets relations refer to it before it has an id."""

    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    annotator: str = "import"
    origin: Origin = Origin.IMPORTED
    key: str = ""
    source: str = ""
    confidence: float | None = None


@dataclass(slots=True)
class NewRelation:
    type: str
    head: str | int  # a NewSpan.key (or, for suggestions, the id of an existing span)
    tail: str | int
    annotator: str = "import"


@dataclass(slots=True)
class NewDocument:
    name: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    tokens: list[tuple[int, int]] | None = None
    spans: list[NewSpan] = field(default_factory=list)
    relations: list[NewRelation] = field(default_factory=list)
    statuses: dict[str, Status] = field(default_factory=dict)  # annotator -> status

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


#: Every template `Change.summary` gives (the window translates them).
CHANGE_TEMPLATES = (
    "Add {label}",
    "Reject {label}",
    "Reject {n} suggestions",
    "Delete {label}",
    "Accept {label}",
    "Accept {n} suggestions",
    "Relabel {old} as {new}",
    "Edit {label} attributes",
    "Resize {label}",
    "Link {type}",
    "Unlink {type}",
    "Mark {status}",
    "Edit",
)


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did, so a window can refresh only that and undo can invert it exactly."""

    doc_id: int
    annotator: str
    spans_added: tuple[Span, ...] = ()
    spans_removed: tuple[Span, ...] = ()
    spans_updated: tuple[tuple[Span, Span], ...] = ()  # (before, after)
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    status: tuple[Status, Status] | None = None  # (before, after)

    def inverse(self) -> Change:
        return Change(
            doc_id=self.doc_id,
            annotator=self.annotator,
            spans_added=self.spans_removed,
            spans_removed=self.spans_added,
            spans_updated=tuple((after, before) for before, after in self.spans_updated),
            relations_added=self.relations_removed,
            relations_removed=self.relations_added,
            status=(self.status[1], self.status[0]) if self.status else None,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.spans_added
            or self.spans_removed
            or self.spans_updated
            or self.relations_added
            or self.relations_removed
            or self.status
        )

    def describe(self) -> str:
        """A short human description for the undo menu ("Add QUOTE", "Delete SPEAKER")."""
        template, values = self.summary()
        return template.format(**values)

    def summary(self) -> tuple[str, dict[str, object]]:
        """`describe` as a template (one of CHANGE_TEMPLATES) and its values, for a translated menu."""
        if self.spans_added and not self.spans_removed:
            return "Add {label}", {"label": self.spans_added[0].label}
        if self.spans_removed and not self.spans_added:
            if all(s.suggested for s in self.spans_removed):
                n = len(self.spans_removed)
                if n == 1:
                    return "Reject {label}", {"label": self.spans_removed[0].label}
                return "Reject {n} suggestions", {"n": n}
            return "Delete {label}", {"label": self.spans_removed[0].label}
        if self.spans_updated:
            before, after = self.spans_updated[0]
            if before.suggested and not after.suggested:
                n = len(self.spans_updated)
                if n == 1:
                    return "Accept {label}", {"label": after.label}
                return "Accept {n} suggestions", {"n": n}
            if before.label != after.label:
                return "Relabel {old} as {new}", {"old": before.label, "new": after.label}
            if before.attrs != after.attrs:
                return "Edit {label} attributes", {"label": after.label}
            return "Resize {label}", {"label": after.label}
        if self.relations_added:
            return "Link {type}", {"type": self.relations_added[0].type}
        if self.relations_removed:
            return "Unlink {type}", {"type": self.relations_removed[0].type}
        if self.status:
            return "Mark {status}", {"status": self.status[1].value.replace("_", " ")}
        return "Edit", {}
